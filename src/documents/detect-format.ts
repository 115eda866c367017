/**
 * Tells a document's format from its bytes: zip packages by their `mimetype` entry (ODF 1.3 Part 2 §3.3) or
 * `[Content_Types].xml` (ECMA-376 Part 2 §10.1.2), PDF by `%PDF-`, HTML by its doctype or first tag; the file
 * name decides only between Markdown and plain text, which bytes cannot tell apart.
 *
 * @module
 */
import { DocumentError } from './document-error.js'
import { isZip, type ZipPackage } from './zip.js'

/**
 * The formats {@link readDocument} reads.
 *
 * @example
 * ```ts
 * import type { DocumentFormat } from 'mizan'
 * const format: DocumentFormat = 'docx'
 * ```
 * @group Documents
 */
export type DocumentFormat = 'docx' | 'odt' | 'html' | 'markdown' | 'pdf' | 'text'

/** The compound file binary header (MS-CFB §2.2): old .doc, .xls, and encrypted OOXML packages. */
const compoundFile = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte)
}

/** Whether the UTF-16LE spelling of `name` occurs in the bytes (stream names in a compound file's directory). */
function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const pattern = Buffer.from(name, 'utf16le')
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(pattern)
}

/**
 * The format of a file that is not a zip: PDF, a compound file (refused), HTML, or Markdown/text by name.
 *
 * @internal
 */
export function detectBytesFormat(bytes: Uint8Array, file: string | undefined): DocumentFormat | 'zip' {
  if (isZip(bytes)) return 'zip'
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'
  if (startsWith(bytes, compoundFile)) {
    // MS-OFFCRYPTO §2.3.4: an encrypted .docx is a compound file with EncryptionInfo and EncryptedPackage streams.
    if (hasUtf16Name(bytes, 'EncryptedPackage') || hasUtf16Name(bytes, 'EncryptionInfo')) {
      throw new DocumentError('the document is password-protected (an encrypted Office package); save an unprotected copy', { code: 'DOCUMENT_ENCRYPTED', file })
    }
    throw new DocumentError('this is an old binary Word (.doc) or other Office 97-2003 file, whatever its name says; save it as .docx or .odt', { code: 'DOCUMENT_UNSUPPORTED', file })
  }
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 2048)).replace(/^\uFEFF/, '')
  const start = head.replace(/^(\s|<!--[\s\S]*?-->|<\?xml[^>]*\?>)*/, '')
  // The tags the WHATWG MIME Sniffing Standard (§7.1, unknown MIME type) reads as HTML, after white space, and
  // the other headings and sectioning elements a fragment starts with.
  if (/^<!doctype\s+html[\s>]/i.test(start) || /^<(html|head|script|iframe|h[1-6]|div|font|table|a|style|title|b|body|br|p|section|article|main|header|ul|ol)[\s>]/i.test(start)) return 'html'
  if (file !== undefined && /\.html?$/i.test(file) && start.startsWith('<')) return 'html'
  if (file !== undefined && /\.(md|markdown|mdown|mkd)$/i.test(file)) return 'markdown'
  return 'text'
}

/**
 * The format of an opened zip package: .odt by its `mimetype`, .docx by its content types; others refused.
 *
 * @internal
 */
export function detectZipFormat(zip: ZipPackage, file: string | undefined): 'docx' | 'odt' {
  if (zip.entries.has('mimetype')) {
    const mimetype = (zip.readText('mimetype') ?? '').trim()
    if (mimetype === 'application/vnd.oasis.opendocument.text') return 'odt'
    throw new DocumentError(`the package is an OpenDocument file of type ${mimetype || 'unknown'}, not a text document; save it as .odt`, { code: 'DOCUMENT_UNSUPPORTED', part: 'mimetype', file })
  }
  const types = zip.readText('[Content_Types].xml')
  if (types !== undefined) {
    if (/wordprocessingml\.(document|template)\.main\+xml|ms-word\.(document|template)\.macroEnabled(\.main)?\+xml/.test(types)) return 'docx'
    throw new DocumentError('the package is an Office file but not a Word document (a spreadsheet or presentation?); save the text as .docx', { code: 'DOCUMENT_UNSUPPORTED', part: '[Content_Types].xml', file })
  }
  throw new DocumentError('the zip file is neither a .docx nor an .odt package (it has no [Content_Types].xml or mimetype entry)', { code: 'DOCUMENT_UNSUPPORTED', file })
}
