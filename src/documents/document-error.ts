/**
 * `DocumentError`: a document file (.docx, .odt, .html, .md, .pdf) that cannot be read, and why.
 *
 * @module
 */
import { TmError, type TmErrorCode, type TmErrorOptions } from '../errors.js'

/**
 * Why a document could not be read:
 * - `'DOCUMENT_CORRUPT'`: a broken or truncated zip, a missing part, XML or PDF that does not parse;
 * - `'DOCUMENT_UNSAFE'`: a zip past the limits on entries, size or compression ratio (a zip bomb);
 * - `'DOCUMENT_ENCRYPTED'`: password-protected;
 * - `'DOCUMENT_UNSUPPORTED'`: a format mizan does not read (an old binary .doc, a spreadsheet...);
 * - `'DOCUMENT_TOO_LARGE'`: bigger than `maxBytes`;
 * - `'DOCUMENT_NO_TEXT'`: no text to align (a scanned PDF without a text layer);
 * - `'DOCUMENT_READER_MISSING'`: the optional package that reads the format is not installed.
 *
 * @example
 * ```ts
 * import type { DocumentErrorCode } from 'mizan'
 * const code: DocumentErrorCode = 'DOCUMENT_ENCRYPTED'
 * ```
 * @group Documents
 */
export type DocumentErrorCode = Extract<TmErrorCode, `DOCUMENT_${string}`>

/**
 * Where a {@link DocumentError} points and which check failed.
 *
 * @example
 * ```ts
 * import { DocumentError, type DocumentErrorOptions } from 'mizan'
 * const options: DocumentErrorOptions = { code: 'DOCUMENT_CORRUPT', file: 'report.docx', part: 'word/document.xml' }
 * new DocumentError('the part is missing', options).message // 'mizan: report.docx (word/document.xml): the part is missing'
 * ```
 * @group Documents
 */
export interface DocumentErrorOptions extends TmErrorOptions {
  /** Which check failed. */
  code: DocumentErrorCode
  /** The file, when known. */
  file?: string | undefined
  /** The part inside a package (a zip entry such as `word/document.xml`), when the problem is in one. */
  part?: string | undefined
}

/**
 * A document file that cannot be read: corrupt, unsafe, encrypted, of an unsupported kind, too large, without
 * text, or needing an optional package that is missing. The message names the file and what to do. Thrown by
 * {@link readDocument} and {@link alignFiles} before anything is aligned or stored.
 *
 * @example
 * ```ts
 * import { readDocument, isDocumentError } from 'mizan'
 * try {
 *   await readDocument(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]), { file: 'broken.docx' })
 * } catch (error) {
 *   if (isDocumentError(error)) error.code // 'DOCUMENT_CORRUPT'
 * }
 * ```
 * @group Documents
 */
export class DocumentError extends TmError {
  override name = 'DocumentError'
  declare readonly code: DocumentErrorCode
  /** The file, when known. */
  readonly file: string | undefined
  /** The part inside the package, when known. */
  readonly part: string | undefined

  /**
   * @param message - what was found and what to do
   * @param options - the code, the file and the part
   */
  constructor(message: string, options: DocumentErrorOptions) {
    const where = options.file === undefined ? options.part : options.part === undefined ? options.file : `${options.file} (${options.part})`
    super(options.code, message.startsWith('mizan:') ? message : `mizan: ${where === undefined ? '' : `${where}: `}${message}`, options)
    this.file = options.file
    this.part = options.part
  }
}

/**
 * True when `error` is a {@link DocumentError}. Checks `name` and `code`, so it works across realms.
 *
 * @param error - anything caught
 * @returns whether it is a document error
 * @example
 * ```ts
 * import { isDocumentError } from 'mizan'
 * isDocumentError(new Error('x')) // false
 * ```
 * @group Documents
 */
export function isDocumentError(error: unknown): error is DocumentError {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'DocumentError' && typeof (error as { code?: unknown }).code === 'string'
}
