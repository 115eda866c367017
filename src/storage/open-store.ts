/**
 * One string names a database memory: `sqlite:path.db` or `postgres://user@host/db`. The CLI's `--store` flag
 * passes it here; library users can too.
 *
 * @module
 */
import { StorageError } from '../errors.js'
import type { TmStorage } from './types.js'

/**
 * Options of {@link openStore}, passed on to the backend that the spec names.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * import { openStore } from 'mizan/sqlite'
 * const storage = await openStore('sqlite:team.db', { readonly: true })
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
 * ```
 * @group Storage
 */
export interface OpenStoreOptions {
  /**
   * Open an SQLite memory for reading only (ignored for PostgreSQL, where the database's grants decide).
   * @defaultValue false
   */
  readonly?: boolean
  /**
   * PostgreSQL: connections in this process's pool.
   * @defaultValue 4
   */
  poolSize?: number
  /**
   * SQLite: how long a writer waits for another process's write lock, in milliseconds.
   * @defaultValue 30000
   */
  busyTimeoutMs?: number
}

/** What a spec looks like, for error messages. */
const accepted = '`sqlite:path/to/memory.db` or `postgres://user:password@host:5432/database`'

/**
 * What a store spec names: the backend and its file or connection string.
 *
 * @internal
 */
export type StoreSpec = { kind: 'sqlite'; path: string } | { kind: 'postgres'; connectionString: string }

/**
 * Parses a store spec without opening anything.
 *
 * @param spec - `sqlite:<path>` (also `sqlite://<path>`), or a `postgres://` / `postgresql://` URL
 * @returns the backend and its location
 * @throws {@link mizan!StorageError} naming the accepted forms when the spec is empty or has another scheme
 * @example
 * ```ts
 * parseStoreSpec('sqlite:tm.db') // { kind: 'sqlite', path: 'tm.db' }
 * ```
 * @internal
 */
export function parseStoreSpec(spec: string): StoreSpec {
  if (typeof spec !== 'string' || spec.trim() === '') throw new StorageError(`a store spec is needed: ${accepted}; got ${JSON.stringify(spec)}`)
  if (spec.startsWith('sqlite:')) {
    let path = spec.slice('sqlite:'.length)
    if (path.startsWith('//')) path = path.slice(2)
    if (path === '') throw new StorageError(`the store spec ${JSON.stringify(spec)} has no file path; write it as sqlite:path/to/memory.db`)
    return { kind: 'sqlite', path }
  }
  if (spec.startsWith('postgres://') || spec.startsWith('postgresql://')) return { kind: 'postgres', connectionString: spec }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(spec)?.[1]
  const hint =
    scheme === undefined
      ? /\.(db|sqlite3?)$/i.test(spec)
        ? `; for an SQLite file write sqlite:${spec}`
        : ''
      : `; "${scheme}:" is not a memory mizan can open`
  throw new StorageError(`cannot tell which memory ${JSON.stringify(redact(spec))} names: expected ${accepted}${hint}`)
}

/**
 * Opens the database memory a spec names: an SQLite file (`sqlite:path.db`, created when missing) or a
 * PostgreSQL database (`postgres://...`, schema created on first use). The driver (`better-sqlite3` or `pg`) is
 * loaded only then.
 *
 * @param spec - `sqlite:<path>` or a `postgres://` URL
 * @param options - passed on to the backend, see {@link OpenStoreOptions}
 * @returns the open storage; pass it as `storage` to `new TranslationMemory(...)` and `close()` it when done
 * @throws {@link mizan!StorageError} for a spec of another form (naming the accepted ones), `'STORAGE_DRIVER_MISSING'`
 *   when the driver is not installed (naming the `npm install`), or the backend's own failure to open
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * import { openStore } from 'mizan/sqlite'
 * const storage = await openStore('sqlite:team.db')
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
 * ```
 * @group Storage
 */
export async function openStore(spec: string, options: OpenStoreOptions = {}): Promise<TmStorage> {
  const parsed = parseStoreSpec(spec)
  if (parsed.kind === 'sqlite') {
    const { SqliteStorage } = await import('./sqlite.js')
    return SqliteStorage.open(parsed.path, {
      ...(options.readonly !== undefined ? { readonly: options.readonly } : {}),
      ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
    })
  }
  const { PostgresStorage } = await import('./postgres.js')
  return PostgresStorage.open(parsed.connectionString, options.poolSize !== undefined ? { poolSize: options.poolSize } : {})
}

/** A spec with any URL password blanked, for messages. */
function redact(spec: string): string {
  return spec.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/, '$1***@')
}
