/**
 * Input and output for the CLI: where lines go, one-line error messages, colour, and printing
 * right-to-left text so a terminal shows it in the right order.
 *
 * @module
 * @internal
 */
import { isFormatError, isTmError, type FormatError } from '../errors.js'
import { isRightToLeft } from '../report/review-page.js'
import { fileErrorMessage } from './file-errors.js'
import type { ProgressStream } from './progress.js'
import { UserError } from './user-error.js'

// The error classes live in their own file (the readers need them without the rest of this one); commands
// import them from here too. The readers are in input.ts, and documents (decoded and checked) in read-document.ts.
export { NoResult, UserError } from './user-error.js'

/** Where the CLI writes. Tests and the demo can pass their own. @internal */
export interface CliIo {
  /** Prints one line of normal output (stdout). */
  out(line: string): void
  /** The stream for progress bars and warnings (stderr). */
  err: ProgressStream
  /** Whether stdout is a terminal: colour and bidi isolates only then. */
  stdoutIsTTY: boolean
  /** Whether to colour output (a TTY without NO_COLOR, or FORCE_COLOR set). */
  color: boolean
}

/** The real process streams. @internal */
export function processIo(): CliIo {
  const tty = process.stdout.isTTY === true
  const env = process.env
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  // A reader that stops early (`mizan align a b | head`) closes the pipe: stop writing quietly, as Unix tools
  // do, instead of dying on an unhandled EPIPE with a stack trace.
  let closed = false
  if (process.stdout.listenerCount('error') === 0) {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error
      closed = true
    })
  }
  return {
    out: (line) => {
      if (!closed) process.stdout.write(`${line}\n`)
    },
    err: process.stderr,
    stdoutIsTTY: tty,
    color: forced || (tty && env.NO_COLOR === undefined && env.TERM !== 'dumb'),
  }
}

/**
 * A one-line message for an error we expect (bad input, a file-system error), or undefined for a bug (which
 * prints its stack).
 * A FormatError that does not name its file yet gets the file and line added, so the user knows where to look.
 */
export function userMessage(error: unknown, file?: string): string | undefined {
  if (error instanceof UserError) return error.message.startsWith('mizan:') ? error.message : `mizan: ${error.message}`
  // A file-system error no command labelled (a safety net): still one line naming the file.
  if (!isTmError(error)) return fileErrorMessage(error)
  let message = error.message.split('\n')[0]!
  if (isFormatError(error) && file !== undefined && !message.includes(file)) {
    const where = (error as FormatError).line === undefined ? file : `${file}:${(error as FormatError).line}`
    message = message.replace(/^mizan: /, `mizan: ${where}: `)
  }
  return message
}

/**
 * Runs `fn` and labels any FormatError it throws with `file`, so messages name the file and line.
 * Other errors pass through.
 */
export async function inFile<T>(file: string, fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    const message = userMessage(error, file)
    if (message !== undefined && isFormatError(error)) throw new UserError(message)
    throw error
  }
}

const ANSI = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  red: ['\u001b[31m', '\u001b[39m'],
  green: ['\u001b[32m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
  strike: ['\u001b[9m', '\u001b[29m'],
  underline: ['\u001b[4m', '\u001b[24m'],
} as const

/** A styler that colours only when the io allows it. @internal */
export type Paint = (style: keyof typeof ANSI, text: string) => string

/** Returns the styler for an io. @internal */
export function painter(io: CliIo): Paint {
  return (style, text) => (io.color && text !== '' ? `${ANSI[style][0]}${text}${ANSI[style][1]}` : text)
}

/**
 * Prepares a text in language `lang` for a terminal line. On a TTY, right-to-left text is wrapped in Unicode
 * bidi isolates (U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE, UAX #9 §2.7), so a
 * bidi-aware terminal lays out the Arabic run on its own: a final full stop stays at its left end and the
 * labels and percentages around it keep their places. Piped output is left exactly as stored.
 */
export function terminalText(io: CliIo, text: string, lang: string): string {
  return io.stdoutIsTTY && isRightToLeft(lang) ? `\u2068${text}\u2069` : text
}
