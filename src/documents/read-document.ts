/**
 * `readDocument`: a document file's bytes to its format and its blocks (see {@link DocumentBlock}), whatever the
 * format (.docx, .odt, .html, .md, .pdf text layer, .txt), told by content.
 *
 * @module
 */
import { OptionsError } from '../errors.js'
import { BlockBuilder, type DocumentBlock } from './blocks.js'
import { detectBytesFormat, detectZipFormat, type DocumentFormat } from './detect-format.js'
import { DocumentError } from './document-error.js'
import { readDocx } from './docx.js'
import { readHtml } from './html.js'
import { readMarkdown } from './markdown.js'
import { readOdt } from './odt.js'
import { readPdf } from './pdf.js'
import { defaultZipLimits, openZip, type ZipLimits } from './zip.js'

/**
 * Options of {@link readDocument}.
 *
 * @example
 * ```ts
 * import { readDocument, type ReadDocumentOptions } from 'mizan'
 * const options: ReadDocumentOptions = { file: 'report.docx', maxBytes: 20 * 2 ** 20 }
 * await readDocument(bytes, options)
 * ```
 * @group Documents
 */
export interface ReadDocumentOptions {
  /**
   * The file name, for messages; its extension also tells Markdown (`.md`) from plain text, which bytes cannot.
   * @defaultValue `undefined`
   */
  file?: string
  /**
   * The format, when the caller knows it better than the content does (it is checked: a .docx must be a zip).
   * @defaultValue detected from the content
   */
  format?: DocumentFormat
  /**
   * Largest file read, in bytes.
   * @defaultValue 64 MiB
   */
  maxBytes?: number
  /**
   * Limits on a zip package (entries, total inflated size, compression ratio).
   * @defaultValue `{ maxEntries: 10_000, maxTotalBytes: 256 MiB, maxRatio: 200 }`
   */
  zipLimits?: Partial<ZipLimits>
}

/**
 * A document read into blocks.
 *
 * @example
 * ```ts
 * import { readDocument, type ReadDocument } from 'mizan'
 * const document: ReadDocument = await readDocument(bytes, { file: 'report.odt' })
 * document.format // 'odt'
 * ```
 * @group Documents
 */
export interface ReadDocument {
  /** The format the content showed. */
  format: DocumentFormat
  /** The blocks in reading order; footnotes of .docx and .odt follow the body. */
  blocks: DocumentBlock[]
}

const documentFormats: readonly DocumentFormat[] = ['docx', 'odt', 'html', 'markdown', 'pdf', 'text']

/** Defaults of {@link readDocument}. @internal */
export const readDocumentDefaults = { maxBytes: 64 * 2 ** 20 } as const

/** Plain text: each line with letters is a paragraph block (lines are how .txt inputs mark paragraphs). */
function textBlocks(text: string): DocumentBlock[] {
  const builder = new BlockBuilder()
  for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    builder.addText(line)
    builder.endBlock('paragraph')
  }
  return builder.blocks
}

/**
 * The encoding an HTML file declares in its first 1,024 bytes (`<meta charset>` or `http-equiv` content type),
 * as the HTML standard's prescan reads it (§13.2.3.2, simplified): legacy Arabic pages are often windows-1256.
 */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]
}

function decodeUtf8(bytes: Uint8Array, file: string | undefined, format: DocumentFormat): string {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes)
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes)
    const charset = format === 'html' ? declaredCharset(bytes) : undefined
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      try {
        return new TextDecoder(charset, { fatal: true }).decode(bytes)
      } catch {
        // An unknown label or bytes that are not in it: UTF-8 is tried next.
      }
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch (cause) {
    throw new DocumentError('the file is neither a document package nor UTF-8 text; convert it to UTF-8 or save it as .docx', { code: 'DOCUMENT_UNSUPPORTED', cause, file })
  }
}

/**
 * Reads a document file into blocks: headings, paragraphs, list items, table cells, footnotes and captions, each
 * with its text and inline codes (bold, italic, underline, links, footnote references, line breaks, objects).
 * The format is told by content: a zip with `[Content_Types].xml` (.docx) or `mimetype` (.odt), `%PDF-`, an
 * HTML doctype or root tag; the file name only tells Markdown from plain text.
 *
 * @param input - the file's bytes (or, for HTML, Markdown and text, its text)
 * @param options - file name, format, size limits
 * @returns the format and the blocks
 * @throws {@link DocumentError} `DOCUMENT_TOO_LARGE` past `maxBytes`; `DOCUMENT_CORRUPT`, `DOCUMENT_UNSAFE` (zip
 *   bomb), `DOCUMENT_ENCRYPTED`, `DOCUMENT_UNSUPPORTED` (an old .doc, a spreadsheet, not UTF-8),
 *   `DOCUMENT_NO_TEXT` (a PDF without a text layer), `DOCUMENT_READER_MISSING` (the PDF package is not installed)
 * @throws {@link OptionsError} for bad options
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises'
 * import { readDocument } from 'mizan'
 * const { format, blocks } = await readDocument(await readFile('report.docx'), { file: 'report.docx' })
 * blocks.filter((block) => block.kind === 'heading').map((block) => block.text)
 * ```
 * @group Documents
 */
export async function readDocument(input: Uint8Array | string, options: ReadDocumentOptions = {}): Promise<ReadDocument> {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) throw new OptionsError('input', input, 'a Uint8Array (or Buffer) or a string', 'INVALID_INPUT')
  const { file } = options
  const maxBytes = options.maxBytes ?? readDocumentDefaults.maxBytes
  if (!(typeof maxBytes === 'number' && maxBytes > 0)) throw new OptionsError('maxBytes', maxBytes, 'a positive number')
  const zipLimits = { ...defaultZipLimits, ...options.zipLimits }
  for (const key of Object.keys(zipLimits) as Array<keyof ZipLimits>) {
    if (!(typeof zipLimits[key] === 'number' && zipLimits[key] > 0)) throw new OptionsError(`zipLimits.${key}`, zipLimits[key], 'a positive number')
  }
  if (options.format !== undefined && !documentFormats.includes(options.format)) throw new OptionsError('format', options.format, `one of ${documentFormats.join(', ')}`)
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input
  if (bytes.length > maxBytes) {
    throw new DocumentError(`the file has ${bytes.length} bytes, more than the limit of ${maxBytes} (maxBytes, mizan align --max-input); split it or raise the limit`, { code: 'DOCUMENT_TOO_LARGE', file })
  }
  const sniffed = detectBytesFormat(bytes, file)
  let format: DocumentFormat
  let blocks: DocumentBlock[]
  if (sniffed === 'zip') {
    const zip = openZip(bytes, file, zipLimits)
    format = detectZipFormat(zip, file)
    blocks = format === 'docx' ? readDocx(zip, file) : readOdt(zip, file)
  } else if (sniffed === 'pdf') {
    format = 'pdf'
    blocks = await readPdf(bytes, file)
  } else {
    const text = typeof input === 'string' ? input : decodeUtf8(bytes, file, sniffed)
    format = options.format === 'markdown' || options.format === 'html' || options.format === 'text' ? options.format : sniffed
    blocks = format === 'html' ? await readHtml(text) : format === 'markdown' ? await readMarkdown(text) : textBlocks(text)
  }
  const textual = (value: DocumentFormat): boolean => value === 'html' || value === 'markdown' || value === 'text'
  if (options.format !== undefined && options.format !== format && !(textual(options.format) && textual(format))) {
    throw new DocumentError(`the file was given as ${options.format} but its content is ${format}`, { code: 'DOCUMENT_UNSUPPORTED', file })
  }
  return { format, blocks }
}
