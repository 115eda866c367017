/**
 * Typed errors. Every error mizan throws on purpose is a {@link TmError} with a stable `code`, so callers
 * can branch on `code` instead of parsing messages, and the CLI can print a one-line message instead of a stack.
 *
 * @module
 */

/**
 * Stable error codes. New codes may be added; existing ones never change meaning.
 *
 * @example
 * ```ts
 * import { isTmError, parseTmx, type TmErrorCode } from 'mizan'
 * try {
 *   parseTmx('<tmx version="1.4">')
 * } catch (error) {
 *   const code: TmErrorCode | undefined = isTmError(error) ? error.code : undefined // 'FORMAT_INVALID'
 * }
 * ```
 * @group Errors
 */
export type TmErrorCode =
  | 'INVALID_OPTION'
  | 'INVALID_INPUT'
  | 'FORMAT_INVALID'
  | 'FORMAT_UNSAFE'
  | 'FORMAT_TOO_LARGE'
  | 'FORMAT_UNSUPPORTED'
  | 'DUPLICATE_UNIT'
  | 'NOT_FOUND'
  | 'STORAGE_FAILED'
  | 'STORAGE_DRIVER_MISSING'
  | 'STORAGE_CONFLICT'
  | 'STORAGE_LOCKED'
  | 'STORAGE_WRONG_BACKEND'
  | 'INPUT_ENCODING'
  | 'INPUT_BINARY'
  | 'INPUT_EMPTY'
  | 'INPUT_SCRIPT'
  | 'DOCUMENT_CORRUPT'
  | 'DOCUMENT_UNSAFE'
  | 'DOCUMENT_ENCRYPTED'
  | 'DOCUMENT_UNSUPPORTED'
  | 'DOCUMENT_TOO_LARGE'
  | 'DOCUMENT_NO_TEXT'
  | 'DOCUMENT_READER_MISSING'
  | 'TIMEOUT'
  | 'INTERNAL'

/**
 * Options accepted by every {@link TmError} constructor.
 *
 * @example
 * ```ts
 * import { StorageError } from 'mizan'
 * const cause = new Error('SQLITE_BUSY')
 * new StorageError('cannot write tm.db', { cause }).cause === cause // true
 * ```
 * @group Errors
 */
export interface TmErrorOptions {
  /** The error that caused this one (a driver or file system error, for example). */
  cause?: unknown
}

/**
 * The base class of every error mizan throws on purpose.
 *
 * Messages start with `mizan:` and say what was expected, where.
 *
 * @example
 * ```ts
 * import { segmentSentences, isTmError } from 'mizan'
 * try {
 *   segmentSentences(42 as unknown as string, 'ar')
 * } catch (error) {
 *   if (isTmError(error)) error.code // 'INVALID_INPUT'
 * }
 * ```
 * @group Errors
 */
export class TmError extends Error {
  override name = 'TmError'
  /** A stable, machine-readable code. */
  readonly code: TmErrorCode

  /**
   * @param code - the stable code
   * @param message - the message; `mizan: ` is prefixed when missing
   * @param options - `cause`, when another error led to this one
   */
  constructor(code: TmErrorCode, message: string, options: TmErrorOptions = {}) {
    super(message.startsWith('mizan:') ? message : `mizan: ${message}`, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
  }
}

/**
 * Where a {@link FormatError} points: the format, and the 1-based line and column when known.
 *
 * @example
 * ```ts
 * import { FormatError } from 'mizan'
 * const error = new FormatError('<trans-unit> has no <source>', { format: 'xliff-1.2', file: 'tm.xlf', line: 42, column: 5 })
 * error.message // 'mizan: xliff-1.2 (tm.xlf, line 42, column 5): <trans-unit> has no <source>'
 * ```
 * @group Errors
 */
export interface FormatErrorOptions extends TmErrorOptions {
  /** The format being read or written, e.g. `'xliff-1.2'`, `'xliff-2.0'`, `'tmx-1.4'`, `'srx-2.0'`. */
  format: string
  /** 1-based line of the problem in the input, when known. */
  line?: number
  /** 1-based column of the problem in the input, when known. */
  column?: number
  /** The file the input came from, when known. */
  file?: string
  /** The code; `'FORMAT_INVALID'` unless said otherwise. */
  code?: Extract<TmErrorCode, `FORMAT_${string}` | 'INVALID_INPUT'>
}

/**
 * A malformed, invalid, unsafe or unrepresentable document (XLIFF, TMX, SRX...).
 *
 * @example
 * ```ts
 * import { parseXliff, FormatError } from 'mizan'
 * try {
 *   parseXliff('<xliff version="2.0"><file>')
 * } catch (error) {
 *   if (error instanceof FormatError) error.format // 'xliff-2.0' (and error.line, error.column)
 * }
 * ```
 * @group Errors
 */
export class FormatError extends TmError {
  override name = 'FormatError'
  /** The format, e.g. `'xliff-2.0'`. */
  readonly format: string
  /** 1-based line in the input, when known. */
  readonly line: number | undefined
  /** 1-based column in the input, when known. */
  readonly column: number | undefined
  /** The file, when known. */
  readonly file: string | undefined

  /**
   * @param message - what was expected and what was found
   * @param options - the format and where in the input
   */
  constructor(message: string, options: FormatErrorOptions) {
    const where = [options.file, options.line === undefined ? undefined : `line ${options.line}`, options.column === undefined ? undefined : `column ${options.column}`]
      .filter((part) => part !== undefined)
      .join(', ')
    const text = message.startsWith('mizan:') ? message : `mizan: ${options.format}${where ? ` (${where})` : ''}: ${message}`
    super(options.code ?? 'FORMAT_INVALID', text, options)
    this.format = options.format
    this.line = options.line
    this.column = options.column
    this.file = options.file
  }
}

/**
 * A storage backend failed, or cannot be used (missing driver, bad connection string).
 * The driver's own error is kept as `cause`.
 *
 * @example
 * ```ts
 * import { StorageError } from 'mizan'
 * const error = new StorageError('cannot open tm.db', { cause: new Error('EACCES') })
 * error.code // 'STORAGE_FAILED'
 * ```
 * @group Errors
 */
export class StorageError extends TmError {
  override name = 'StorageError'

  /**
   * @param message - what failed and, when there is one, the fix
   * @param options - `cause`, and `code`: `'STORAGE_DRIVER_MISSING'` for a missing optional driver,
   *   `'STORAGE_CONFLICT'` when a memory file changed since it was read, `'STORAGE_LOCKED'` when another save
   *   holds its lock, `'STORAGE_WRONG_BACKEND'` when the file belongs to another backend (an SQLite database)
   */
  constructor(
    message: string,
    options: TmErrorOptions & { code?: 'STORAGE_FAILED' | 'STORAGE_DRIVER_MISSING' | 'STORAGE_CONFLICT' | 'STORAGE_LOCKED' | 'STORAGE_WRONG_BACKEND' | 'DUPLICATE_UNIT' | 'NOT_FOUND' } = {},
  ) {
    super(options.code ?? 'STORAGE_FAILED', message, options)
  }
}

/**
 * An invalid argument: names the option (or argument) and shows the value it got.
 *
 * @example
 * ```ts
 * import { OptionsError } from 'mizan'
 * const error = new OptionsError('minScore', 'abc', 'a number from 0 to 1')
 * error.message // 'mizan: option minScore must be a number from 0 to 1, got "abc"'
 * ```
 * @group Errors
 */
export class OptionsError extends TmError {
  override name = 'OptionsError'
  /** The option or argument name. */
  readonly option: string
  /** The value that was rejected. */
  readonly value: unknown

  /**
   * @param option - the option or argument name, e.g. `'minScore'` or `'text'`
   * @param value - the value it got
   * @param expected - what it should have been, e.g. `'a number from 0 to 1'`
   * @param code - `'INVALID_OPTION'` (default) or `'INVALID_INPUT'` for a bad main argument
   */
  constructor(option: string, value: unknown, expected: string, code: 'INVALID_OPTION' | 'INVALID_INPUT' = 'INVALID_OPTION') {
    const kind = code === 'INVALID_INPUT' ? 'argument' : 'option'
    super(code, `${kind} ${option} must be ${expected}, got ${describeValue(value)}`)
    this.option = option
    this.value = value
  }
}

/** A short, safe rendering of any value for an error message. @internal */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (typeof value === 'function') return 'a function'
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`
}

/**
 * Where an {@link InputError} points, and which check failed.
 *
 * @example
 * ```ts
 * import { InputError, type InputErrorOptions } from 'mizan'
 * const options: InputErrorOptions = { code: 'INPUT_ENCODING', file: 'ar.txt', byteOffset: 1234 }
 * new InputError('invalid UTF-8', options).message // 'mizan: ar.txt (byte 1234): invalid UTF-8'
 * ```
 * @group Errors
 */
export interface InputErrorOptions extends TmErrorOptions {
  /**
   * Which check failed: `'INPUT_ENCODING'` (bytes that are not text in the expected encoding), `'INPUT_BINARY'`
   * (NUL bytes or mostly control characters), `'INPUT_EMPTY'` (no letters), `'INPUT_SCRIPT'` (letters mostly of
   * another script than the language's).
   */
  code: 'INPUT_ENCODING' | 'INPUT_BINARY' | 'INPUT_EMPTY' | 'INPUT_SCRIPT'
  /** The file the text came from, when known. */
  file?: string
  /** 0-based offset of the offending byte in the input, when there is one. */
  byteOffset?: number
}

/**
 * A document that is not usable text: not in the expected encoding, binary, empty, or in the wrong script for
 * its language. Thrown by `decodeText` and `checkDocument`, before anything is aligned or stored.
 *
 * @example
 * ```ts
 * import { decodeText, isInputError } from 'mizan'
 * try {
 *   decodeText(new Uint8Array([0xc7, 0xe1, 0xd3]), { file: 'ar.txt' }) // windows-1256 bytes read as UTF-8
 * } catch (error) {
 *   if (isInputError(error)) [error.code, error.byteOffset] // ['INPUT_ENCODING', 0]
 * }
 * ```
 * @group Errors
 */
export class InputError extends TmError {
  override name = 'InputError'
  declare readonly code: InputErrorOptions['code']
  /** The file, when known. */
  readonly file: string | undefined
  /** 0-based offset of the offending byte, when there is one. */
  readonly byteOffset: number | undefined

  /**
   * @param message - what was found and what was expected
   * @param options - the code, and where: file and byte offset
   */
  constructor(message: string, options: InputErrorOptions) {
    const byte = options.byteOffset === undefined ? undefined : `byte ${options.byteOffset}`
    const place = options.file === undefined ? (byte ?? '') : byte === undefined ? options.file : `${options.file} (${byte})`
    super(options.code, message.startsWith('mizan:') ? message : `mizan: ${place === '' ? '' : `${place}: `}${message}`, options)
    this.file = options.file
    this.byteOffset = options.byteOffset
  }
}

function hasName(error: unknown, names: readonly string[]): boolean {
  return typeof error === 'object' && error !== null && names.includes((error as { name?: unknown }).name as string) && typeof (error as { code?: unknown }).code === 'string'
}

/**
 * True when `error` is any mizan error. Checks `name` and `code`, so it also works across realms (workers, vm).
 *
 * @param error - anything caught
 * @returns whether it is a {@link TmError}
 * @example
 * ```ts
 * import { isTmError } from 'mizan'
 * isTmError(new Error('x')) // false
 * ```
 * @group Errors
 */
export function isTmError(error: unknown): error is TmError {
  return error instanceof TmError || hasName(error, ['TmError', 'FormatError', 'StorageError', 'OptionsError', 'InputError'])
}

/**
 * True when `error` is a {@link FormatError}, across realms too.
 *
 * @param error - anything caught
 * @returns whether it is a {@link FormatError}
 * @example
 * ```ts
 * import { isFormatError, parseTmx } from 'mizan'
 * try { parseTmx('<tmx') } catch (error) { isFormatError(error) } // true
 * ```
 * @group Errors
 */
export function isFormatError(error: unknown): error is FormatError {
  return error instanceof FormatError || hasName(error, ['FormatError'])
}

/**
 * True when `error` is a {@link StorageError}, across realms too.
 *
 * @param error - anything caught
 * @returns whether it is a {@link StorageError}
 * @example
 * ```ts
 * import { isStorageError, StorageError } from 'mizan'
 * isStorageError(new StorageError('disk full')) // true
 * ```
 * @group Errors
 */
export function isStorageError(error: unknown): error is StorageError {
  return error instanceof StorageError || hasName(error, ['StorageError'])
}

/**
 * True when `error` is an {@link OptionsError}, across realms too.
 *
 * @param error - anything caught
 * @returns whether it is an {@link OptionsError}
 * @example
 * ```ts
 * import { isOptionsError, OptionsError } from 'mizan'
 * isOptionsError(new OptionsError('limit', -1, 'a positive integer')) // true
 * ```
 * @group Errors
 */
export function isOptionsError(error: unknown): error is OptionsError {
  return error instanceof OptionsError || hasName(error, ['OptionsError'])
}

/**
 * True when `error` is an {@link InputError}, across realms too.
 *
 * @param error - anything caught
 * @returns whether it is an {@link InputError}
 * @example
 * ```ts
 * import { checkDocument, isInputError } from 'mizan'
 * try { checkDocument('', 'ar') } catch (error) { isInputError(error) } // true (code 'INPUT_EMPTY')
 * ```
 * @group Errors
 */
export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError || hasName(error, ['InputError'])
}
