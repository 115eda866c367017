/**
 * What an output may replace. Outputs are written atomically (a temporary file renamed over the name), so:
 * - never one of the command's inputs: `mizan export tm.xlf --format tmx -o ./tm.xlf` would replace the memory
 *   with its own TMX export. Paths are compared as files, not as strings: two paths are the same file when they
 *   reach the same device and inode after `.`, `..` and symbolic links are followed (stat(2)), which also catches
 *   a hard link to the input;
 * - never something other than a regular file: the rename would replace a FIFO, or a device such as `/dev/null`
 *   when run as root, with a plain file instead of writing into it.
 *
 * @module
 * @internal
 */
import { realpathSync, statSync, type Stats } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { UserError } from './user-error.js'

/** The file a memory spec or path names: the path of an `sqlite:` spec, nothing for a PostgreSQL URL or `-`. */
function filePath(spec: string): string | undefined {
  if (spec === '-' || /^postgres(ql)?:\/\//i.test(spec)) return undefined
  return spec.replace(/^sqlite:(\/\/)?/i, '')
}

/**
 * What a path names, for comparison: device and inode of an existing file (symlinks followed); for a file not
 * there yet, its would-be full path with the folder's symlinks resolved, so two outputs given as `x.xlf` and
 * `./x.xlf` still compare equal. Undefined when there is nothing to compare (unreadable, or no folder).
 */
function identity(spec: string): string | undefined {
  const path = filePath(spec)
  if (path === undefined) return undefined
  try {
    const stats = statSync(path)
    return `inode ${stats.dev}:${stats.ino}`
  } catch {
    // Not there (or unreadable, which reading or writing it reports by itself).
  }
  try {
    return `path ${join(realpathSync(dirname(resolve(path))), basename(path))}`
  } catch {
    return undefined
  }
}

/**
 * Throws when `output` is the same file as one of `inputs`.
 *
 * @param output - the file the command would write
 * @param option - how the user gave it (`'-o'`, `'--report'`, `'--into'`), for the message
 * @param inputs - the files the command reads (`-` and PostgreSQL URLs are skipped)
 * @throws {@link UserError} (exit code 2) naming both
 * @example
 * ```ts
 * refuseOverwrite('./tm.xlf', '-o', ['tm.xlf']) // throws: -o ./tm.xlf is the same file as the input tm.xlf; ...
 * ```
 * @internal
 */
export function refuseOverwrite(output: string, option: string, inputs: readonly string[]): void {
  const target = identity(output)
  if (target === undefined) return
  for (const input of inputs) {
    if (identity(input) === target) {
      const same = input === output ? 'is the input' : `is the same file as the input ${input}`
      throw new UserError(`${option} ${output} ${same}; writing it would destroy the input, so nothing was written: name another file`)
    }
  }
}

/**
 * Throws when `output` exists and is not a regular file (a directory, a FIFO, a device), which an atomic write
 * would replace rather than write into. A missing output is fine: it is created.
 *
 * @param output - the file the command would write
 * @param option - how the user gave it (`'-o'`, `'--report'`), for the message
 * @throws {@link UserError} (exit code 2) naming it
 * @example
 * ```ts
 * refuseSpecialOutput('/dev/null', '-o') // throws: -o /dev/null is a device; ...
 * ```
 * @internal
 */
export function refuseSpecialOutput(output: string, option: string): void {
  let stats: Stats
  try {
    stats = statSync(output)
  } catch {
    return
  }
  if (stats.isFile()) return
  const kind = stats.isDirectory() ? 'a directory' : stats.isFIFO() ? 'a FIFO' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : stats.isSocket() ? 'a socket' : 'not a regular file'
  throw new UserError(`${option} ${output} is ${kind}; outputs are written to a temporary file renamed over the name, so name a regular file (new or existing)`)
}
