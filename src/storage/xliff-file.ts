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
import type { BigIntStats } from 'node:fs'
import { open, rename, type FileHandle, unlink, readdir, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
import { StorageError, TmError } from '../errors.js'
import { readXliff, writeXliff, type XliffHeader, type XliffVersion } from '../formats/xliff.js'
import type { LanguageTag, TranslationUnit } from '../types.js'
import { checkUnchanged, fingerprintOf, type ExpectedFile, type FileFingerprint, type FileSnapshot } from './file-fingerprint.js'
import { acquireFileLock, isRunning, removeStaleLock } from './file-lock.js'

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
  return (await writeFingerprinted(path, content, onBytes)).size
}

/**
 * {@link writeFileAtomic}, returning the fingerprint of what it wrote: the size and SHA-256 of the bytes, and
 * the stats of the written file taken from its own handle before the rename (a rename keeps the inode and the
 * modification time), so no other process's file can be fingerprinted by mistake.
 *
 * @internal
 */
async function writeFingerprinted(path: string, content: string | Iterable<string> | AsyncIterable<string>, onBytes?: (bytes: number) => void): Promise<FileFingerprint> {
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
  const hash = createHash('sha256')
  let written: FileFingerprint
  try {
    let buffer = ''
    const flush = async (): Promise<void> => {
      if (buffer === '') return
      const data = Buffer.from(buffer, 'utf8')
      buffer = ''
      await handle!.write(data)
      hash.update(data)
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
    written = fingerprintOf(await handle.stat({ bigint: true }), hash)
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
  return written
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
 * The first 16 bytes of every SQLite 3 database ("Database File Format", section 1.3.1 of sqlite.org/fileformat.html).
 * A memory path naming one gets a message pointing at `sqlite:<path>`, not an XML error at line 1.
 */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/** Bytes per read while loading, as the XLIFF reader reads files (see `textChunks` in `formats/text-chunks.ts`). */
const READ_BYTES = 256 * 1024

/** XLIFF 2.2 document-level notes and metadata. @internal */
export type DocumentExtras = Pick<XliffHeader, 'notes' | 'metadata'>

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
  /** XLIFF 2.2 document-level notes and metadata (on `<xliff>` itself), kept to be written back. */
  document: DocumentExtras
  /** The units, read one at a time. */
  units: AsyncIterable<TranslationUnit>
  /**
   * What was read (size, time, identity and SHA-256 of exactly the bytes the units came from), for
   * {@link saveXliffFile} to check against. Call it once `units` has been read through.
   */
  snapshot(): FileSnapshot
}

/**
 * Opens a memory file for loading. A missing file is an empty memory (it is created on the first save); an
 * unreadable or malformed one throws. Temporary files and a save lock left by a save that was killed are removed
 * first.
 *
 * The units are read from one open file handle, whose bytes are hashed as they are parsed: another process
 * replacing the file meanwhile (a save renames a new file over it) cannot make the fingerprint describe another
 * file than the one the units came from.
 *
 * @param path - the XLIFF file
 * @param languages - languages to use when the file does not exist or does not declare them
 * @returns the head, a stream of units, and (once read) what was read
 * @throws {@link StorageError} when the file cannot be read, and with code `'STORAGE_WRONG_BACKEND'` when it
 *   is an SQLite database (the message says to use `sqlite:<path>`); {@link FormatError} (with file, line and
 *   column) when it is not valid XLIFF
 * @internal
 */
export async function openXliffFile(path: string, languages: { sourceLang?: LanguageTag; targetLang?: LanguageTag } = {}): Promise<OpenedXliffFile> {
  await removeStaleTemporaries(path)
  await removeStaleLock(path)
  const fallback = { sourceLang: languages.sourceLang ?? 'ar', targetLang: languages.targetLang ?? 'en' }
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      const absent: FileSnapshot = { expected: 'absent' }
      return { existed: false, ...fallback, version: DEFAULT_FILE_VERSION, document: {}, units: (async function* () {})(), snapshot: () => absent }
    }
    throw new StorageError(`cannot open ${path}: ${describeFsError(error)}`, { cause: error })
  }
  const hash = createHash('sha256')
  let position = 0
  const opened = handle
  /** The file's bytes from `position` on, hashed as they are read. */
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const buffer = Buffer.allocUnsafe(READ_BYTES)
      const { bytesRead: count } = await opened.read(buffer, 0, READ_BYTES, position)
      if (count === 0) return
      position += count
      const bytes = buffer.subarray(0, count)
      hash.update(bytes)
      yield bytes
    }
  }
  let first: IteratorResult<TranslationUnit>
  let units: AsyncGenerator<TranslationUnit>
  let header: XliffHeader | undefined
  let stats: BigIntStats
  try {
    stats = await handle.stat({ bigint: true })
    if (stats.isDirectory()) throw new StorageError(`cannot open ${path}: it is a directory, expected an XLIFF file`)
    const head = Buffer.alloc(SQLITE_HEADER.length)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    if (bytesRead === head.length && head.equals(SQLITE_HEADER)) {
      throw new StorageError(`${path}: this is an SQLite database: use sqlite:${path}`, { code: 'STORAGE_WRONG_BACKEND' })
    }
    units = readXliff(chunks(), { file: path, onHeader: (found) => (header = found) })
    // Pull the first unit so the head (languages, version) is known before the memory is built.
    first = await units.next()
    if (header === undefined) throw new StorageError(`cannot open ${path}: no XLIFF header was read; this is a bug`)
  } catch (error) {
    await handle.close().catch(() => undefined)
    if (error instanceof TmError) throw error
    throw new StorageError(`cannot open ${path}: ${describeFsError(error)}`, { cause: error })
  }
  const head: XliffHeader = header
  let snapshot: FileSnapshot | undefined
  async function* all(): AsyncGenerator<TranslationUnit> {
    try {
      if (first.done !== true) {
        yield first.value
        yield* units
      }
      // The reader may stop at </xliff>: hash what follows too, so the fingerprint covers the whole file.
      for await (const _bytes of chunks()) {
        // chunks() hashes them
      }
      snapshot = { expected: fingerprintOf(stats, hash) }
    } finally {
      await handle.close().catch(() => undefined)
    }
  }
  return {
    existed: true,
    sourceLang: head.sourceLang === '' ? fallback.sourceLang : head.sourceLang,
    targetLang: head.targetLang ?? fallback.targetLang,
    version: head.formatVersion === '1.2' ? DEFAULT_FILE_VERSION : head.formatVersion,
    document: { ...(head.notes === undefined ? {} : { notes: head.notes }), ...(head.metadata === undefined ? {} : { metadata: head.metadata }) },
    units: all(),
    snapshot: () => {
      if (snapshot === undefined) throw new StorageError(`the snapshot of ${path} was asked for before its units were read through; this is a bug`, { code: 'STORAGE_FAILED' })
      return snapshot
    },
  }
}

/**
 * Options of {@link saveXliffFile}.
 *
 * @internal
 */
export interface SaveXliffFileOptions {
  sourceLang: LanguageTag
  targetLang: LanguageTag
  /** @defaultValue {@link DEFAULT_FILE_VERSION} */
  version?: XliffFileVersion
  /** XLIFF 2.2 document-level notes and metadata to write back (only a 2.2 file can carry them). */
  document?: DocumentExtras
  /**
   * What the memory last read or wrote of the file: checked under the lock, and set to what this save wrote.
   * Without it (or with `expected: undefined`) the save overwrites whatever is there.
   */
  snapshot?: FileSnapshot
  /**
   * How long to wait for another save of the same file, in milliseconds.
   * @defaultValue 30000
   */
  lockTimeoutMs?: number
}

/**
 * Saves units as an XLIFF 2 file, atomically (the old file stays whole until the new one is complete and synced,
 * see the module notes), and safely beside other processes: the save holds the file's lock (`tm.xlf.lock`) from
 * the check to the rename, and refuses when the file is not what `snapshot` says this memory last read or
 * wrote. Refusing rather than merging keeps the rule simple and exact: the file always holds one writer's whole
 * memory, and the writer whose changes are not in it is told so. The units are streamed, so memory use does not
 * grow with the file.
 *
 * @param path - the XLIFF file
 * @param units - the units, e.g. `tm.units()`
 * @param options - languages, version, the snapshot to check, the lock wait
 * @param onBytes - progress: bytes written so far
 * @returns the bytes written
 * @throws {@link StorageError} `'STORAGE_CONFLICT'` when the file changed since the snapshot (nothing is
 *   written), `'STORAGE_LOCKED'` when another save holds the lock past the wait, `'STORAGE_FAILED'` when the file
 *   cannot be written; {@link FormatError} naming a unit XML cannot carry
 * @internal
 */
export async function saveXliffFile(
  path: string,
  units: Iterable<TranslationUnit> | AsyncIterable<TranslationUnit>,
  options: SaveXliffFileOptions,
  onBytes?: (bytes: number) => void,
): Promise<number> {
  let release: () => Promise<void>
  try {
    release = await acquireFileLock(path, options.lockTimeoutMs === undefined ? {} : { timeoutMs: options.lockTimeoutMs })
  } catch (error) {
    if (error instanceof TmError) throw error
    throw new StorageError(`cannot write ${path}: ${describeFsError(error)}`, { cause: error })
  }
  try {
    const expected: ExpectedFile = options.snapshot?.expected
    await checkUnchanged(path, expected)
    const version = options.version ?? DEFAULT_FILE_VERSION
    const document = version === '2.2' ? (options.document ?? {}) : {}
    const content = writeXliff(units, { version, sourceLang: options.sourceLang, targetLang: options.targetLang, ...document })
    const written = await writeFingerprinted(path, content, onBytes)
    if (options.snapshot !== undefined) options.snapshot.expected = written
    return written.size
  } finally {
    await release()
  }
}
