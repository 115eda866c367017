/**
 * Opening the memory a command works on: an XLIFF 2 file (`tm.xlf`, loaded whole and saved atomically), or a
 * database given as `sqlite:path.db` / `postgres://...` (as the memory argument or with `--store`).
 *
 * @module
 * @internal
 */
import { existsSync } from 'node:fs'
import { TranslationMemory } from '../tm/translation-memory.js'
import { inFile, requireFile, UserError } from './io.js'

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
function isStoreSpec(spec: string): boolean {
  return /^(sqlite:|postgres(ql)?:\/\/)/i.test(spec)
}

/**
 * Opens a memory. `create: false` (lookup, search...) requires an existing file, so a typo is an error
 * rather than an empty memory. `store: true` (from `--store`) always treats `spec` as a database spec, so a
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
  if (!options.create) requireFile(spec)
  else if (existsSync(spec) === false && /[\\/]$/.test(spec)) throw new UserError(`${spec}: expected a file name for the memory, got a directory`)
  const openOptions: { sourceLang?: string; targetLang?: string } = {}
  if (options.sourceLang !== undefined) openOptions.sourceLang = options.sourceLang
  if (options.targetLang !== undefined) openOptions.targetLang = options.targetLang
  const tm = await inFile(spec, () => TranslationMemory.open(spec, openOptions))
  return {
    tm,
    name: spec,
    save: async () => {
      await tm.save()
    },
    close: async () => undefined,
  }
}
