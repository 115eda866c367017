/**
 * A translation memory saved as an XLIFF 2 file: loaded whole on open, saved atomically.
 *
 * Atomic save, so a crash mid-save never corrupts or loses the previous file: write the whole new file to a
 * temporary file in the same directory, fsync it, rename it over the old name, then fsync the directory so the
 * rename itself is durable. `rename(2)` replaces the name in one step on POSIX file systems (same directory,
 * hence same file system), so a reader sees either the old file or the new one, never a mix. This is the
 * classic recipe (see the `rename(2)` and `fsync(2)` man pages, and SQLite's "atomic commit" notes on why the
 * directory must be synced too).
 *
 * @module
 */
import { open, rename, type FileHandle, unlink, readFile, readdir, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { StorageError } from '../errors.js'

/** Flush to the file once this many UTF-16 units are buffered: few large writes beat many small ones. */
const WRITE_BATCH = 1 << 20

/** The temporary files a save of `target` writes, so stale ones from a crashed save can be recognised. @internal */
export function temporaryPrefix(target: string): string {
  return `.${basename(target)}.tmp-`
}

/**
 * Writes a file atomically: to a temporary file in the same directory, fsync, rename over `path`, fsync the
 * directory. On any failure the temporary file is removed and the old file at `path` is untouched.
 *
 * @param path - the file to write
 * @param content - the whole text, or its chunks (sync or async), so a large file never sits in one string
 * @param onBytes - called with the running count of bytes written (for progress bars)
 * @returns the number of bytes written
 * @throws {@link StorageError} when the directory is missing or not writable, or the disk is full
 * @example
 * ```ts
 * await writeFileAtomic('tm.xlf', toXliffChunks(units))
 * ```
 * @internal
 */
export async function writeFileAtomic(
  path: string,
  content: string | Iterable<string> | AsyncIterable<string>,
  onBytes?: (bytes: number) => void,
): Promise<number> {
  const target = resolve(path)
  const directory = dirname(target)
  const temporary = join(directory, `${temporaryPrefix(target)}${process.pid}-${randomBytes(4).toString('hex')}`)
  let mode = 0o644
  try {
    mode = (await stat(target)).mode & 0o777
  } catch {
    // A new file: the default mode (the umask applies).
  }
  let handle: FileHandle | undefined
  try {
    handle = await open(temporary, 'wx', mode)
  } catch (error) {
    throw new StorageError(`cannot write ${path}: ${describeFsError(error)}`, { cause: error })
  }
  let bytes = 0
  try {
    let buffer = ''
    const flush = async (): Promise<void> => {
      if (buffer === '') return
      const data = Buffer.from(buffer, 'utf8')
      buffer = ''
      await handle!.write(data)
      bytes += data.length
      onBytes?.(bytes)
    }
    if (typeof content === 'string') buffer = content
    else {
      for await (const chunk of content) {
        buffer += chunk
        if (buffer.length >= WRITE_BATCH) await flush()
      }
    }
    await flush()
    await handle.sync()
    await handle.close()
    handle = undefined
    await rename(temporary, target)
  } catch (error) {
    await handle?.close().catch(() => undefined)
    await unlink(temporary).catch(() => undefined)
    if (error instanceof StorageError) throw error
    throw new StorageError(`cannot write ${path}: ${describeFsError(error)}`, { cause: error })
  }
  await syncDirectory(directory)
  return bytes
}

/** fsync a directory so a rename in it survives power loss. Some platforms (Windows) cannot open directories: skip there. */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined
  try {
    handle = await open(directory, 'r')
    await handle.sync()
  } catch {
    // EISDIR/EPERM/EINVAL on platforms without directory fsync; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined)
  }
}

/**
 * Removes temporary files left by saves of `path` that crashed (a killed process cannot clean up after itself).
 * Only files named like our temporary files for this target, whose writing process is gone, are removed.
 *
 * @param path - the memory file
 * @returns the names removed
 * @internal
 */
export async function removeStaleTemporaries(path: string): Promise<string[]> {
  const target = resolve(path)
  const prefix = temporaryPrefix(target)
  let names: string[]
  try {
    names = await readdir(dirname(target))
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const pid = Number(name.slice(prefix.length).split('-')[0])
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) continue
    if (pid === process.pid) continue
    await unlink(join(dirname(target), name)).catch(() => undefined)
    removed.push(name)
  }
  return removed
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** @internal */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ENOSPC':
      return 'no space left on the device'
    case 'EISDIR':
      return 'it is a directory'
    case 'ENOTDIR':
      return 'a part of the path is not a directory'
    default:
      return code ?? (error instanceof Error ? error.message : String(error))
  }
}

/**
 * Reads a file as UTF-8, or `undefined` when it does not exist.
 *
 * @param path - the file
 * @returns its text, or undefined when absent
 * @throws {@link StorageError} when it exists but cannot be read
 * @internal
 */
export async function readFileIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StorageError(`cannot read ${path}: ${describeFsError(error)}`, { cause: error })
  }
}
