/**
 * File-system errors as one line a user can act on: `mizan: cannot read loop1: too many levels of symbolic
 * links`. Node reports them as `ErrnoException`s whose `code` is the POSIX errno name (see errno(3)); the CLI turns
 * each into a {@link UserError} (exit code 2) naming the file, never a stack trace.
 *
 * @module
 * @internal
 */
import { UserError } from './user-error.js'

/**
 * What each errno means for a file the CLI reads or writes, in words (the wording follows strerror(3), shortened).
 * Codes not listed here are printed as they are, which still names the file.
 */
const PHRASES: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many levels of symbolic links (a symlink loop?)',
  ENAMETOOLONG: 'the file name is too long',
  EMFILE: 'too many open files in this process (raise `ulimit -n`)',
  ENFILE: 'too many open files on this system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EFBIG: 'the file is too large for this file system',
  EIO: 'input/output error',
  ENXIO: 'no such device (a socket or a device that cannot be opened as a file)',
  ENODEV: 'no such device',
  ETXTBSY: 'the file is busy',
  EBUSY: 'the file is busy',
  EAGAIN: 'the input is not ready (non-blocking); try again',
  EINVAL: 'invalid argument',
  ESPIPE: 'cannot seek in this input (a pipe)',
  EEXIST: 'the file already exists',
  EBADF: 'not open (was standard input closed?)',
}

/** The errno name of a Node file-system error (`'ENOENT'`...), or undefined for anything else. @internal */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined
}

/**
 * The words for a file-system error: `'no such file'`, `'permission denied'`..., or its code when we have no
 * words for it.
 *
 * @example
 * ```ts
 * describeFileError({ code: 'ELOOP' }) // 'too many levels of symbolic links (a symlink loop?)'
 * ```
 * @internal
 */
export function describeFileError(error: unknown): string {
  const code = errnoCode(error)
  if (code === undefined) return error instanceof Error ? error.message : String(error)
  return PHRASES[code] ?? code
}

/**
 * The {@link UserError} for a failed file operation: `cannot <action> <file>: <what went wrong>`.
 *
 * @param action - what was being done: `'read'`, `'write'`, `'open'`...
 * @param file - the file as the user wrote it (`'-'` is named "standard input")
 * @param error - the error Node threw
 * @example
 * ```ts
 * throw fileError('read', 'loop1', error) // mizan: cannot read loop1: too many levels of symbolic links ...
 * ```
 * @internal
 */
export function fileError(action: string, file: string, error: unknown): UserError {
  return new UserError(`cannot ${action} ${file === '-' ? 'standard input' : file}: ${describeFileError(error)}`)
}

/**
 * A one-line message for a file-system error that reached the top without being labelled by the code that met it
 * (a safety net: the commands label their own). Node's errors carry the system call and the path.
 *
 * @returns the message, or undefined when `error` is not a file-system error
 * @internal
 */
export function fileErrorMessage(error: unknown): string | undefined {
  const code = errnoCode(error)
  if (code === undefined) return undefined
  const { syscall, path } = error as NodeJS.ErrnoException
  const what = path === undefined ? (syscall ?? 'a file operation') : `${syscall ?? 'use'} ${path}`
  return `mizan: cannot ${what}: ${describeFileError(error)}`
}
