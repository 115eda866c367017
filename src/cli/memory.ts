/**
 * Opening the memory a command works on: an XLIFF 2 file (`tm.xlf`, loaded whole and saved atomically), or a
 * database given as `sqlite:path.db` / `postgres://...` (as the memory argument or with `--store`). A command
 * that only reads its memory also takes it from standard input (`-`) or a FIFO.
 *
 * @module
 * @internal
 */
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs'
import { readXliff, type XliffHeader } from '../formats/xliff.js'
import { TranslationMemory } from '../tm/translation-memory.js'
import type { TranslationUnit } from '../types.js'
import { errnoCode, fileError } from './file-errors.js'
import { inputLimit, inputName, inputTooLarge, isStandardInput, streamInput } from './input.js'
import { inFile, UserError } from './io.js'

/** An open memory and how to finish with it. @internal */
export interface OpenMemory {
  tm: TranslationMemory
  /** What to call it in messages: the file path or the store spec. */
  name: string
  /** Writes changes back (the XLIFF file memory; databases write as they go). */
  save(): Promise<void>
  /** Releases it. */
  close(): Promise<void>
}

/** Whether a memory argument names a database rather than an XLIFF file. @internal */
export function isStoreSpec(spec: string): boolean {
  return /^(sqlite:|postgres(ql)?:\/\/)/i.test(spec)
}

/** The first 16 bytes of every SQLite 3 database file (the SQLite file format, section 1.3.1 "Magic Header String"). */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/** Whether a file starts with the SQLite header. */
function isSqliteFile(path: string): boolean {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    const head = Buffer.alloc(SQLITE_HEADER.length)
    const length = readSync(fd, head, 0, head.length, 0)
    return length === head.length && head.equals(SQLITE_HEADER)
  } catch (error) {
    throw fileError('read', path, error)
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * Checks a memory file before it is loaded: it must be a regular file (a FIFO or a device cannot be read whole and
 * then replaced), within `--max-input`, and not an SQLite database given without `sqlite:`. A missing file is
 * fine when the command creates memories (`create`), and an error otherwise.
 */
function checkMemoryFile(path: string, create: boolean): 'file' | 'stream' {
  const streamed = `${path === '-' ? 'standard input (-)' : path}: a memory that is written to must be a regular file (it is replaced on save) or sqlite:/postgres://; standard input and FIFOs can only be read`
  if (isStandardInput(path)) {
    if (create) throw new UserError(streamed)
    return 'stream'
  }
  let stats: Stats
  try {
    stats = statSync(path)
  } catch (error) {
    if (!create || errnoCode(error) !== 'ENOENT') throw fileError('read', path, error)
    if (/[\\/]$/.test(path)) throw new UserError(`${path}: expected a file name for the memory, got a directory`)
    return 'file'
  }
  if (stats.isDirectory()) throw new UserError(`${path}: is a directory, expected an XLIFF memory file`)
  if (!stats.isFile()) {
    if (create) throw new UserError(streamed)
    return 'stream'
  }
  if (stats.size > inputLimit()) throw inputTooLarge(path, stats.size)
  if (isSqliteFile(path)) throw new UserError(`${path}: this is an SQLite database: use sqlite:${path}`)
  return 'file'
}

/**
 * Loads a memory that can be read only once, as it streams in: standard input (`-`), a FIFO, a device. Only the
 * commands that do not save (lookup, search, stats, export...) get here. Like `TranslationMemory.open`, the
 * languages come from the XLIFF header; the bytes count against `--max-input`.
 */
async function openStreamedMemory(path: string, languages: { sourceLang?: string; targetLang?: string }): Promise<TranslationMemory> {
  const name = inputName(path)
  const input = streamInput(path)
  let header: XliffHeader | undefined
  const units = readXliff(input.chunks, { file: name, onHeader: (head) => (header = head) })
  // The first unit is pulled before the memory is built, so its languages are known (as openXliffFile does).
  const first = await inFile(name, () => units.next())
  const head = header as XliffHeader | undefined
  if (head === undefined) throw new UserError(`${name}: no XLIFF header was read; expected an XLIFF memory`)
  const tm = new TranslationMemory({ sourceLang: head.sourceLang === '' ? (languages.sourceLang ?? 'ar') : head.sourceLang, targetLang: head.targetLang ?? languages.targetLang ?? 'en' })
  async function* all(): AsyncGenerator<TranslationUnit> {
    if (first.done === true) return
    yield first.value
    yield* units
  }
  await inFile(name, () => tm.addAll(all()))
  return tm
}

/**
 * Opens a memory. `create: false` (lookup, search...) requires an existing file, so a typo is an error
 * rather than an empty memory; such a memory may also be `-` or a FIFO, loaded as it streams in (and never saved). `store: true` (from `--store`) always treats `spec` as a database spec, so a
 * malformed one gets the store's message naming the accepted forms.
 *
 * @internal
 */
export async function openMemory(spec: string, options: { create: boolean; store?: boolean; sourceLang?: string; targetLang?: string }): Promise<OpenMemory> {
  if (options.store === true || isStoreSpec(spec)) {
    const { openStore } = await import('../storage/open-store.js')
    const storage = await openStore(spec)
    const tm = new TranslationMemory({ sourceLang: options.sourceLang ?? 'ar', targetLang: options.targetLang ?? 'en', storage })
    return { tm, name: spec, save: async () => undefined, close: () => storage.close() }
  }
  const kind = checkMemoryFile(spec, options.create)
  const openOptions: { sourceLang?: string; targetLang?: string } = {}
  if (options.sourceLang !== undefined) openOptions.sourceLang = options.sourceLang
  if (options.targetLang !== undefined) openOptions.targetLang = options.targetLang
  const tm = kind === 'stream' ? await openStreamedMemory(spec, openOptions) : await inFile(spec, () => TranslationMemory.open(spec, openOptions))
  return {
    tm,
    name: spec,
    save: async () => {
      await tm.save()
    },
    close: async () => undefined,
  }
}
