/**
 * Documents for the CLI: the bytes of an input (bounded by `--max-input`, see input.ts), decoded by
 * `decodeText` and checked by `checkDocument`, with the flag that fixes each problem added to the library's
 * message (`--encoding`, `--force`). Every problem ends the command the same way, whether it is the library's
 * `InputError` or a {@link UserError} made here: one line, exit code 2, nothing written.
 *
 * @module
 * @internal
 */
import { isInputError, type InputError } from '../errors.js'
import { checkDocument } from '../text/check-document.js'
import { decodeText } from '../text/decode.js'
import { inputName, readInput } from './input.js'
import { UserError } from './user-error.js'

/** The library's message with the CLI's way out. */
function withHint(error: InputError, hint: string): UserError {
  return new UserError(`${error.message.split('\n')[0]!}${hint}`)
}

/**
 * Reads and decodes a text input: UTF-8 unless `encoding` names another (a UTF-16 byte order mark is honoured,
 * a UTF-8 one dropped). Binary and undecodable input is refused with the file and byte offset.
 *
 * @param path - the input as the user named it (`-` for standard input)
 * @param encoding - the `--encoding` label, if one was given
 * @example
 * ```ts
 * const text = readDocument('old-ar.txt', 'windows-1256')
 * ```
 * @internal
 */
export function readDocument(path: string, encoding?: string): string {
  return decodeInput(readInput(path), path, encoding)
}

/**
 * Decodes the bytes of an input already read (see {@link readDocument}), so an input that can be read only once
 * (standard input, a FIFO) is not read again.
 *
 * @param bytes - the input's bytes
 * @param path - the input as the user named it, for messages
 * @param encoding - the `--encoding` label, if one was given
 * @example
 * ```ts
 * const text = decodeInput(readInput('ar.txt'), 'ar.txt')
 * ```
 * @internal
 */
export function decodeInput(bytes: Uint8Array, path: string, encoding?: string): string {
  try {
    return decodeText(bytes, { file: inputName(path), ...(encoding === undefined ? {} : { encoding }) })
  } catch (error) {
    if (isInputError(error) && error.code === 'INPUT_ENCODING' && encoding === undefined) {
      throw withHint(error, ' with --encoding (e.g. --encoding windows-1256)')
    }
    throw error
  }
}

/** Whether `text` passes as language `lang`. */
function passes(text: string, lang: string): boolean {
  try {
    checkDocument(text, lang)
    return true
  } catch {
    return false
  }
}

/** One side of an alignment: its input name, text and language. @internal */
export interface DocumentSide {
  path: string
  text: string
  lang: string
}

/**
 * Checks both documents of an alignment before anything is aligned: each must have letters (no flag helps an
 * empty document), and each must be mostly in its language's script unless `force` is set. When both are in the
 * other's script (each passes as the other's language) the message says the two look swapped. Returns the warnings to print when `force` let a
 * script problem through.
 *
 * @example
 * ```ts
 * checkAlignmentInputs({ path: 'ar.txt', text: arabic, lang: 'ar' }, { path: 'en.txt', text: english, lang: 'en' }, false)
 * ```
 * @internal
 */
export function checkAlignmentInputs(source: DocumentSide, target: DocumentSide, force: boolean): string[] {
  const problems: InputError[] = []
  for (const side of [source, target]) {
    try {
      checkDocument(side.text, side.lang, { file: inputName(side.path) })
    } catch (error) {
      if (!isInputError(error)) throw error
      if (error.code !== 'INPUT_SCRIPT') throw error
      problems.push(error)
    }
  }
  if (problems.length === 0) return []
  if (force) return problems.map((problem) => `${problem.message.split('\n')[0]!} (going on: --force)`)
  if (problems.length === 2 && passes(source.text, target.lang) && passes(target.text, source.lang)) {
    throw new UserError(
      `${inputName(source.path)} and ${inputName(target.path)} look swapped: the ${source.lang} document is in the script of ${target.lang} and the other way round; give the ${source.lang} document first (or --force)`,
    )
  }
  throw withHint(problems[0]!, ' To go on anyway: --force')
}
