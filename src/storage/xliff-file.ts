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
import { open, rename, type FileHandle, unlink, readdir, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { StorageError, TmError } from '../errors.js'
import { readXliff, writeXliff, type XliffHeader, type XliffVersion } from '../formats/xliff.js'
import type { LanguageTag, TranslationUnit } from '../types.js'

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
    // Our own errors (a unit XML cannot carry, say) already say what is wrong; file system errors get the path.
    if (error instanceof TmError) throw error
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
    // The name carries the writer's pid: leave our own saves and those of live processes alone.
    const pid = Number(name.slice(prefix.length).split('-')[0])
    if (Number.isInteger(pid) && (pid === process.pid || isRunning(pid))) continue
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
function describeFsError(error: unknown): string {
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

/** The XLIFF versions a memory file is saved as. @group Storage */
export type XliffFileVersion = Exclude<XliffVersion, '1.2'>

/** New memory files are written as XLIFF 2.1 (2.0 core plus the modules it adds; read by OmegaT, Okapi, Trados). @internal */
export const DEFAULT_FILE_VERSION: XliffFileVersion = '2.1'

/**
 * A memory file opened for loading: its languages and version (from the file's head, or the defaults when the
 * file does not exist yet) and its units as a stream, so a large file is never held as one string.
 *
 * @internal
 */
export interface OpenedXliffFile {
  /** Whether the file existed. */
  existed: boolean
  /** Source language: the file's `srcLang`, else the caller's, else `'ar'`. */
  sourceLang: LanguageTag
  /** Target language: the file's `trgLang`, else the caller's, else `'en'`. */
  targetLang: LanguageTag
  /** The version to save as: the file's when it is 2.x, else {@link DEFAULT_FILE_VERSION}. */
  version: XliffFileVersion
  /** The units, read one at a time. */
  units: AsyncIterable<TranslationUnit>
}

/**
 * Opens a memory file for loading. A missing file is an empty memory (it is created on the first save); an
 * unreadable or malformed one throws. Temporary files left by a save that crashed are removed first.
 *
 * @param path - the XLIFF file
 * @param languages - languages to use when the file does not exist or does not declare them
 * @returns the head and a stream of units
 * @throws {@link StorageError} when the file cannot be read; {@link FormatError} (with file, line and column)
 *   when it is not valid XLIFF
 * @internal
 */
export async function openXliffFile(path: string, languages: { sourceLang?: LanguageTag; targetLang?: LanguageTag } = {}): Promise<OpenedXliffFile> {
  await removeStaleTemporaries(path)
  const fallback = { sourceLang: languages.sourceLang ?? 'ar', targetLang: languages.targetLang ?? 'en' }
  try {
    const info = await stat(path)
    if (info.isDirectory()) throw new StorageError(`cannot open ${path}: it is a directory, expected an XLIFF file`)
  } catch (error) {
    if (error instanceof StorageError) throw error
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { existed: false, ...fallback, version: DEFAULT_FILE_VERSION, units: (async function* () {})() }
    }
    throw new StorageError(`cannot open ${path}: ${describeFsError(error)}`, { cause: error })
  }
  let header: XliffHeader | undefined
  const units = readXliff(path, { file: path, onHeader: (head) => (header = head) })
  // Pull the first unit so the head (languages, version) is known before the memory is built.
  const first = await units.next()
  if (header === undefined) throw new StorageError(`cannot open ${path}: no XLIFF header was read; this is a bug`)
  const head: XliffHeader = header
  async function* all(): AsyncGenerator<TranslationUnit> {
    if (first.done === true) return
    yield first.value
    yield* units
  }
  return {
    existed: true,
    sourceLang: head.sourceLang === '' ? fallback.sourceLang : head.sourceLang,
    targetLang: head.targetLang ?? fallback.targetLang,
    version: head.formatVersion === '1.2' ? DEFAULT_FILE_VERSION : head.formatVersion,
    units: all(),
  }
}

/**
 * Saves units as an XLIFF 2 file, atomically: the old file stays whole until the new one is complete and
 * synced (see the module notes). The units are streamed, so memory use does not grow with the file.
 *
 * @param path - the XLIFF file
 * @param units - the units, e.g. `tm.units()`
 * @param options - languages and version
 * @param onBytes - progress: bytes written so far
 * @returns the bytes written
 * @throws {@link StorageError} when the file cannot be written; {@link FormatError} naming a unit XML cannot carry
 * @internal
 */
export async function saveXliffFile(
  path: string,
  units: Iterable<TranslationUnit> | AsyncIterable<TranslationUnit>,
  options: { sourceLang: LanguageTag; targetLang: LanguageTag; version?: XliffFileVersion },
  onBytes?: (bytes: number) => void,
): Promise<number> {
  return writeFileAtomic(path, writeXliff(units, { version: options.version ?? DEFAULT_FILE_VERSION, sourceLang: options.sourceLang, targetLang: options.targetLang }), onBytes)
}
