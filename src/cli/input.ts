/**
 * Reading what the command line is given: files, `-` (standard input), FIFOs and devices, never more than
 * `--max-input` bytes of any one of them.
 *
 * The limit is enforced while reading, with a running count, not by reading everything and then checking: a
 * regular file whose size is over the limit is refused before its first byte is read, and anything else (a pipe,
 * `/dev/zero`, a FIFO) is read until the count passes the limit and then dropped. So `mizan segment /dev/zero`
 * stops after the limit instead of filling the memory. Every failure is a {@link UserError}: one line naming the
 * input, exit code 2.
 *
 * @module
 * @internal
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs'
import type { Readable } from 'node:stream'
import { fileError } from './file-errors.js'
import { UserError } from './user-error.js'
import { formatByteSize } from './options.js'

/** The `--max-input` default: 512 MB, far above any document one aligns, far below what exhausts a machine. @internal */
export const DEFAULT_MAX_INPUT = 512 * 2 ** 20

/** Bytes asked of the system per read: a pipe hands over at most 64 KiB at a time anyway. */
const CHUNK = 64 * 1024

/**
 * The limit for this run. The CLI is one process running one command, so `main` sets it once from
 * `--max-input` before the command's action runs (see `setInputLimit`); readers take it from here, so a
 * command needs no extra parameter to honour it.
 */
let maxInput = DEFAULT_MAX_INPUT

/**
 * Sets the per-input byte limit for the rest of this run (from `--max-input`).
 *
 * @example
 * ```ts
 * setInputLimit(parseByteSize('1MB'))
 * ```
 * @internal
 */
export function setInputLimit(bytes: number): void {
  maxInput = bytes
}

/** The per-input byte limit of this run. @internal */
export function inputLimit(): number {
  return maxInput
}

/** Whether a file argument means standard input: `-`, or `/dev/stdin` (which cannot be opened when stdin is a socket). @internal */
export function isStandardInput(path: string): boolean {
  return path === '-' || path === '/dev/stdin' || path === '/dev/fd/0'
}

/**
 * Throws when more than one of a command's inputs is standard input (`-`, `/dev/stdin`): the first would read it
 * all and the others would get nothing.
 *
 * @example
 * ```ts
 * readStandardInputOnce(['-', 'en.txt']) // fine
 * ```
 * @internal
 */
export function readStandardInputOnce(paths: readonly string[]): void {
  if (paths.filter(isStandardInput).length > 1) throw new UserError('standard input (-) can be read only once; name it once')
}

/** How messages name an input. @internal */
export function inputName(path: string): string {
  return path === '-' ? 'standard input' : path
}

/**
 * The error for an input over the limit. `size` is the file's size when it is known (a regular file, refused
 * before reading), else undefined (a stream, cut off at the limit). The suggested limit is the current one doubled
 * until it covers the file.
 * @internal
 */
export function inputTooLarge(path: string, size?: number): UserError {
  let suggested = maxInput * 2
  while (size !== undefined && suggested < size) suggested *= 2
  const what = size === undefined ? `gave more than the input limit of ${formatByteSize(maxInput)} (reading stopped there)` : `is ${formatByteSize(size)}, over the input limit of ${formatByteSize(maxInput)}`
  return new UserError(`${inputName(path)} ${what}; to read it, raise the limit: --max-input ${formatByteSize(suggested)}`)
}

/** An input opened for reading: its descriptor and, for a regular file, its size. */
interface OpenInput {
  fd: number
  /** The size of a regular file; undefined for pipes, FIFOs, devices and terminals. */
  size: number | undefined
  close(): void
}

/**
 * Opens an input and checks what can be checked before reading: that it exists, is not a directory, and (when it
 * is a regular file) is within the limit. Standard input is descriptor 0, left open.
 */
function openInput(path: string, what: string): OpenInput {
  if (isStandardInput(path)) {
    let size: number | undefined
    try {
      const stats = fstatSync(0)
      if (stats.isFile()) size = stats.size
    } catch {
      // Unusual (Node reopens a closed standard input as /dev/null); if reading fails too, the read says so.
    }
    if (size !== undefined && size > maxInput) throw inputTooLarge(path, size)
    return { fd: 0, size, close: () => undefined }
  }
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    throw fileError('read', path, error)
  }
  const close = (): void => closeSync(fd)
  try {
    const stats = fstatSync(fd)
    if (stats.isDirectory()) throw new UserError(`${path}: is a directory, expected a ${what}`)
    const size = stats.isFile() ? stats.size : undefined
    if (size !== undefined && size > maxInput) throw inputTooLarge(path, size)
    return { fd, size, close }
  } catch (error) {
    close()
    throw error instanceof UserError ? error : fileError('read', path, error)
  }
}

/** Sleeps a few milliseconds without spinning (for a non-blocking descriptor that has nothing yet). */
function pause(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds)
}

/**
 * Reads a whole input, at most the limit: `path` is a file, a FIFO, a device, or `-` for standard input.
 *
 * @param path - the input as the user named it
 * @param what - what it should be, for the directory message ("expected a file")
 * @returns its bytes
 * @throws {@link UserError} when it cannot be read, is a directory, or is over the limit
 * @example
 * ```ts
 * const bytes = readInput('ar.txt')
 * ```
 * @internal
 */
export function readInput(path: string, what = 'file'): Buffer {
  const input = openInput(path, what)
  const chunks: Buffer[] = []
  const buffer = Buffer.allocUnsafe(CHUNK)
  let total = 0
  try {
    for (;;) {
      let read: number
      try {
        // Never ask for more than one byte past the limit: that byte is enough to know the input is too large.
        read = readSync(input.fd, buffer, 0, Math.min(CHUNK, maxInput + 1 - total), null)
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'EAGAIN') {
          pause(5)
          continue
        }
        // A terminal or socket that was closed on the other side ends the input.
        if (code === 'EOF') break
        throw fileError('read', path, error)
      }
      if (read === 0) break
      total += read
      if (total > maxInput) throw inputTooLarge(path)
      // A copy of what was read: a pipe may hand over a few bytes at a time, and a kept 64 KiB buffer each would cost more than the input.
      chunks.push(Buffer.from(buffer.subarray(0, read)))
    }
  } finally {
    input.close()
  }
  return Buffer.concat(chunks, total)
}

/**
 * Reads a UTF-8 text input (see {@link readInput}). A byte order mark is dropped (Windows editors write one),
 * nothing else is changed.
 *
 * @example
 * ```ts
 * const text = readText('-') // standard input
 * ```
 * @internal
 */
export function readText(path: string, what = 'file'): string {
  const text = readInput(path, what).toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/**
 * A text argument: itself, or standard input when it is `-` (one trailing line break dropped).
 *
 * @example
 * ```ts
 * textArgument('شكرا') // 'شكرا'
 * ```
 * @internal
 */
export function textArgument(value: string): string {
  if (value !== '-') return value
  return readText('-').replace(/\r?\n$/, '')
}

/** An input streamed chunk by chunk: its size when known, and its bytes. @internal */
export interface InputStream {
  /** The size of a regular file (for a progress bar), else undefined. */
  size: number | undefined
  /** The bytes, as they arrive; throws a {@link UserError} past the limit or on a read error. */
  chunks: AsyncGenerator<Buffer>
}

/**
 * Streams an input (a file, FIFO, device, or `-`), counting the bytes: past the limit the stream is destroyed
 * and a {@link UserError} thrown, so nothing beyond the limit plus one chunk is ever read. The file is opened
 * at once, so a missing file fails here, before any work.
 *
 * @param path - the input as the user named it
 * @param onBytes - called with the running count (for a progress bar)
 * @example
 * ```ts
 * const input = streamInput('client.tmx')
 * for await (const chunk of input.chunks) parser.feed(chunk)
 * ```
 * @internal
 */
export function streamInput(path: string, onBytes?: (bytes: number) => void): InputStream {
  const input = openInput(path, 'file')
  const stream: Readable = input.fd === 0 ? process.stdin : createReadStream('', { fd: input.fd, highWaterMark: CHUNK })
  async function* chunks(): AsyncGenerator<Buffer> {
    let total = 0
    try {
      for await (const chunk of stream) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
        total += bytes.length
        if (total > maxInput) throw inputTooLarge(path)
        onBytes?.(total)
        yield bytes
      }
    } catch (error) {
      throw error instanceof UserError ? error : fileError('read', path, error)
    } finally {
      stream.destroy()
    }
  }
  return { size: input.size, chunks: chunks() }
}
