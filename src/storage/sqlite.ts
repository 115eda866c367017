/**
 * `mizan/sqlite`: a translation memory in one SQLite file (better-sqlite3, an optional peer dependency).
 *
 * Why this shape:
 * - **Written incrementally.** Every `put`/`putMany`/`delete` is one SQLite transaction (`BEGIN IMMEDIATE`, so
 *   concurrent writers queue on the write lock instead of failing half way). Nothing is ever rewritten whole.
 * - **WAL mode** (write-ahead log, see sqlite.org/wal.html): readers keep answering while a writer writes, and
 *   several processes can share one file; `synchronous=NORMAL` is the documented WAL setting that keeps the file
 *   consistent after a crash (a commit may be lost on power failure, never half-applied).
 * - **Nothing loaded at open.** The fuzzy index lives in the file (`mizan_postings`, clustered by token, length
 *   and seq, see sql/schema.ts), so opening a million-unit memory reads the schema version and one meta row and
 *   nothing else; searches read a few posting ranges through SQLite's page cache.
 * - **Same answers as the in-process memory.** Candidate generation uses the memory's own lossless bounds (see
 *   sql/plan.ts); `TranslationMemory` does the scoring and ranking for every backend.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * import { SqliteStorage } from 'mizan/sqlite'
 * const storage = await SqliteStorage.open('team.db')
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
 * await tm.add({ source: 'شكرا جزيلا.', target: 'Thank you very much.' })
 * await storage.close()
 * ```
 * @module
 */
import type BetterSqlite3 from 'better-sqlite3'
import { OptionsError, StorageError } from '../errors.js'
import type {
  CandidateUnit,
  ConcordanceCandidateQuery,
  FuzzyCandidateQuery,
  MatchSide,
  StorageEntry,
  StoredUnit,
  TmStorage,
} from './types.js'
import { matchingKeyVersion } from './types.js'
import { defaultExport, loadDriver } from './sql/driver.js'
import { hash53, tokenHash } from './sql/hash.js'
import { chooseTokens, distinctTokens, enoughHits, lengthWindow, passesOverlap, postingCountCap, type PlannedToken } from './sql/plan.js'
import { sqliteMigrations } from './sql/schema.js'
import type { TranslationUnit } from '../types.js'

// The subpath entry also offers the one-string opener (`openStore('sqlite:tm.db')` / `openStore('postgres://...')`).
export { openStore } from './open-store.js'
export type { OpenStoreOptions } from './open-store.js'

/**
 * Options of {@link SqliteStorage.open}.
 *
 * @group Storage
 */
export interface SqliteStorageOptions {
  /**
   * Open an existing memory for reading only (no schema creation, writes throw).
   * @defaultValue false
   */
  readonly?: boolean
  /**
   * How long a writer waits for another process's write lock before failing, in milliseconds.
   * @defaultValue 30000
   */
  busyTimeoutMs?: number
  /**
   * SQLite page cache size in MiB for this connection (bigger keeps more of the postings in memory).
   * @defaultValue 64
   */
  cacheMb?: number
}

/** Defaults of {@link SqliteStorageOptions}. */
const defaults = { readonly: false, busyTimeoutMs: 30_000, cacheMb: 64 } as const

/** Units read per page by `units()`, so iterating a large memory holds one page at a time. */
const pageSize = 1000

/**
 * Beyond the mandatory prefix, a fuzzy search may read more of the query's postings (cheapest first) while the
 * total stays under this many, to sharpen the hit-count filter. Measured on 100,000 units (bench data): a budget of
 * 4,000 read ten times more postings and removed only a quarter of the candidates, because the filter tolerates as
 * many misses as the threshold does; so only the prefix is read (plus tokens absent from the memory, which cost
 * nothing and still count).
 */
const extraPostingBudget = 0

/** How long a posting count is reused, and how many are kept. */
const countMaxAgeMs = 60_000
const countCacheSize = 100_000

type Database = BetterSqlite3.Database
type Statement = BetterSqlite3.Statement

/** One row of `mizan_postings`: token hash, token count of the side, seq. */
type Posting = [number, number, number]

/** Orders postings by their primary key. */
function comparePostings(a: Posting, b: Posting): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
}

/** The prepared statements, per side where a side matters. */
interface Statements {
  insertUnit: Statement
  lastSeq: Statement
  deleteUnit: Statement
  insertPosting: Statement
  deletePosting: Statement
  getById: Statement
  getBySeq: Statement
  count: Statement
  page: Statement
  countPostings: Statement
  countAll: Statement
  postings: Statement
  byKey: Record<MatchSide, Statement>
  byKeys: Record<MatchSide, Statement>
  getByIds: Statement
  tokensBySeq: Record<MatchSide, Statement>
}

/**
 * A translation memory stored in one SQLite file. Open it with {@link SqliteStorage.open} and pass it as the
 * `storage` of a `TranslationMemory`. Several processes may open the same file; writes are serialised by SQLite.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * import { SqliteStorage } from 'mizan/sqlite'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await SqliteStorage.open('tm.db') })
 * console.log(await tm.fuzzy('شكرا جزيلا', { minScore: 0.7 }))
 * ```
 * @group Storage
 */
export class SqliteStorage implements TmStorage {
  /** Always `'sqlite'`. */
  readonly kind = 'sqlite'
  /** The file this memory lives in. */
  readonly path: string
  readonly #db: Database
  readonly #statements: Statements
  readonly #readonly: boolean
  #closed = false
  /** Capped posting counts by token hash, with when they were counted (see `#postingCount`). */
  readonly #counts = new Map<number, { count: number; at: number }>()

  private constructor(db: Database, path: string, readonly: boolean) {
    this.#db = db
    this.path = path
    this.#readonly = readonly
    this.#statements = prepare(db)
  }

  /**
   * Opens (creating when missing) a memory file: loads the driver, sets WAL mode, applies schema migrations and
   * checks the matching-key version. Nothing else is read, so opening is fast at any size.
   *
   * @param path - the database file (created when missing, unless `readonly`)
   * @param options - see {@link SqliteStorageOptions}
   * @returns the open memory
   * @throws {@link OptionsError} for an option of the wrong type, naming it
   * @throws {@link StorageError} `'STORAGE_DRIVER_MISSING'` when better-sqlite3 is not installed (fix:
   *   `npm install better-sqlite3`); `'STORAGE_FAILED'` when the file cannot be opened, is not a mizan memory,
   *   was written by a newer mizan, or was indexed with other matching keys
   * @example
   * ```ts
   * const storage = await SqliteStorage.open('tm.db', { busyTimeoutMs: 5000 })
   * ```
   */
  static async open(path: string, options: SqliteStorageOptions = {}): Promise<SqliteStorage> {
    if (typeof path !== 'string' || path.length === 0) throw new StorageError(`SqliteStorage.open needs a file path, got ${JSON.stringify(path)}`)
    checkSqliteOptions(options)
    const readonly = options.readonly ?? defaults.readonly
    const Driver = defaultExport(await loadDriver('better-sqlite3', () => import('better-sqlite3')))
    let db: Database
    try {
      db = new Driver(path, { readonly, fileMustExist: readonly, timeout: options.busyTimeoutMs ?? defaults.busyTimeoutMs })
    } catch (error) {
      throw new StorageError(`cannot open the SQLite memory ${path}: ${(error as Error).message}`, { cause: error })
    }
    try {
      db.pragma(`cache_size = -${Math.round((options.cacheMb ?? defaults.cacheMb) * 1024)}`)
      if (!readonly) {
        db.pragma('journal_mode = WAL')
        db.pragma('synchronous = NORMAL')
      }
      migrate(db, path, readonly)
      return new SqliteStorage(db, path, readonly)
    } catch (error) {
      db.close()
      if (error instanceof StorageError) throw error
      throw new StorageError(`cannot open the SQLite memory ${path}: ${(error as Error).message}`, { cause: error })
    }
  }

  /**
   * Counts the units.
   *
   * @returns the number of units
   * @throws {@link StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.size() // 0
   * ```
   */
  async size(): Promise<number> {
    return this.#run('count units', () => this.#statements.count.pluck().get() as number)
  }

  /**
   * Reads one unit.
   *
   * @param id - the unit id
   * @returns the unit and its seq, or `undefined`
   * @throws {@link StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.get('u1')
   * ```
   */
  async get(id: string): Promise<StoredUnit | undefined> {
    return this.#run('read a unit', () => {
      const row = this.#statements.getById.get(id) as { seq: number; data: string } | undefined
      return row === undefined ? undefined : { unit: JSON.parse(row.data) as TranslationUnit, seq: row.seq }
    })
  }

  /**
   * Inserts or replaces one unit (by id), in one transaction.
   *
   * @param entry - the unit and its matching keys
   * @returns the stored unit with its new seq
   * @throws {@link StorageError} when SQLite fails (nothing is written)
   * @example
   * ```ts
   * await storage.put({ unit, keys })
   * ```
   */
  async put(entry: StorageEntry): Promise<StoredUnit> {
    return (await this.putMany([entry]))[0]!
  }

  /**
   * Inserts or replaces many units in one transaction: all are written or none.
   *
   * @param entries - units and their keys, in order
   * @returns the stored units, one per entry
   * @throws {@link StorageError} when SQLite fails (nothing is written)
   * @example
   * ```ts
   * await storage.putMany([{ unit: a, keys: keysA }, { unit: b, keys: keysB }])
   * ```
   */
  async putMany(entries: readonly StorageEntry[]): Promise<StoredUnit[]> {
    this.#writable()
    if (entries.length === 0) return []
    return this.#run('write units', () =>
      this.#db
        .transaction(() => {
          // The write lock is ours now, so the next seqs are too: AUTOINCREMENT's counter, advanced per row.
          let next = ((this.#statements.lastSeq.pluck().get() as number | undefined) ?? 0) + 1
          const postings: Posting[] = []
          const stored = entries.map((entry) => this.#putOne(entry, next++, postings))
          // Sorted by key, a batch's postings land on neighbouring B-tree pages one after another instead of
          // jumping across the whole index: several times faster for large batches.
          postings.sort(comparePostings)
          const insert = this.#statements.insertPosting
          for (const [token, length, seq] of postings) insert.run(token, length, seq)
          return stored
        })
        .immediate(),
    )
  }

  /**
   * Removes a unit and its postings, in one transaction.
   *
   * @param id - the unit id
   * @returns whether a unit was removed
   * @throws {@link StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.delete('u1') // true
   * ```
   */
  async delete(id: string): Promise<boolean> {
    this.#writable()
    return this.#run('delete a unit', () => this.#db.transaction(() => this.#deleteById(id) !== undefined).immediate())
  }

  /**
   * Units whose matching key on `side` equals `key`.
   *
   * @param side - `'source'` or `'target'`
   * @param key - a matching key
   * @returns the matching units
   * @throws {@link StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.findByKey('source', 'شكرا')
   * ```
   */
  async findByKey(side: MatchSide, key: string): Promise<StoredUnit[]> {
    return this.#run('look up a key', () =>
      (this.#statements.byKey[side].all(hash53(key), key) as Array<{ seq: number; data: string }>).map((row) => ({
        unit: JSON.parse(row.data) as TranslationUnit,
        seq: row.seq,
      })),
    )
  }

  /**
   * Reads many units by id in one statement (the batch form of {@link SqliteStorage.get}).
   *
   * @param ids - unit ids
   * @returns the stored units by id; unknown ids are absent
   * @throws {@link StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.getMany(['u1', 'u2'])
   * ```
   */
  async getMany(ids: readonly string[]): Promise<Map<string, StoredUnit>> {
    const found = new Map<string, StoredUnit>()
    if (ids.length === 0) return found
    return this.#run('read units', () => {
      for (const row of this.#statements.getByIds.all(JSON.stringify(ids)) as Array<{ id: string; seq: number; data: string }>) {
        found.set(row.id, { unit: JSON.parse(row.data) as TranslationUnit, seq: row.seq })
      }
      return found
    })
  }

  /**
   * Exact-key look-up of many keys in one statement (the batch form of {@link SqliteStorage.findByKey}).
   *
   * @param side - `'source'` or `'target'`
   * @param keys - matching keys
   * @returns the matching units by key; keys without units are absent
   * @throws {@link StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.findByKeys('source', ['شكرا', 'نعم'])
   * ```
   */
  async findByKeys(side: MatchSide, keys: readonly string[]): Promise<Map<string, StoredUnit[]>> {
    const found = new Map<string, StoredUnit[]>()
    if (keys.length === 0) return found
    const wanted = new Set(keys)
    return this.#run('look up keys', () => {
      const rows = this.#statements.byKeys[side].all(JSON.stringify([...new Set(keys.map(hash53))])) as Array<{ seq: number; data: string; key: string }>
      for (const row of rows) {
        // The hash found the row; the key itself decides (two keys may share a hash).
        if (!wanted.has(row.key)) continue
        const list = found.get(row.key)
        const stored = { unit: JSON.parse(row.data) as TranslationUnit, seq: row.seq }
        if (list === undefined) found.set(row.key, [stored])
        else list.push(stored)
      }
      return found
    })
  }

  /**
   * Fuzzy candidates: the postings, inside the length window, of the rarest query tokens (at least the prefix
   * filter's, more while they are cheap), a hit-count filter on them, then the exact multiset overlap on the
   * survivors' tokens. A superset of every unit scoring at least `minScore` (see sql/plan.ts for the bounds).
   *
   * @param query - side, query tokens and threshold
   * @returns candidates with their tokens
   * @throws {@link StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.fuzzyCandidates({ side: 'source', tokens: ['شكرا', 'جزيلا'], minScore: 0.7 })
   * ```
   */
  async fuzzyCandidates(query: FuzzyCandidateQuery): Promise<CandidateUnit[]> {
    const { side, tokens, minScore } = query
    if (tokens.length === 0) return []
    return this.#read('search fuzzy candidates', () => {
      const { low, high } = lengthWindow(tokens.length, minScore)
      const planned = distinctTokens(side, tokens)
      const chosen = chooseTokens(planned, tokens.length, minScore, (token) => this.#postingCount(token), extraPostingBudget)
      // Hits per candidate, weighted by the token's multiplicity in the query, with the candidate's length.
      const hits = new Map<number, number>()
      const lengths = new Map<number, number>()
      let chosenOccurrences = 0
      for (const token of chosen) {
        chosenOccurrences += token.count
        for (const [length, seq] of this.#statements.postings.raw().iterate(token.hash, low, high) as IterableIterator<[number, number]>) {
          hits.set(seq, (hits.get(seq) ?? 0) + token.count)
          lengths.set(seq, length)
        }
      }
      const queryCounts = new Map(planned.map((token) => [token.token, token.count]))
      const candidates: CandidateUnit[] = []
      const tokensBySeq = this.#statements.tokensBySeq[side]
      for (const [seq, count] of hits) {
        if (!enoughHits(count, chosenOccurrences, tokens.length, lengths.get(seq)!, minScore)) continue
        const stored = splitTokens(tokensBySeq.pluck().get(seq) as string)
        if (!passesOverlap(queryCounts, stored, tokens.length, minScore)) continue
        candidates.push({ ...this.#bySeq(seq), tokens: stored })
      }
      return candidates
    })
  }

  /**
   * Concordance candidates: the postings of the rarest query word, kept when their tokens hold every word.
   *
   * @param query - side and distinct words
   * @returns candidates with their tokens
   * @throws {@link StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.concordanceCandidates({ side: 'target', words: ['security', 'council'] })
   * ```
   */
  async concordanceCandidates(query: ConcordanceCandidateQuery): Promise<CandidateUnit[]> {
    const { side, words } = query
    if (words.length === 0) return []
    return this.#read('search concordance candidates', () => {
      const planned = distinctTokens(side, words)
      const { countPostings, postings } = this.#statements
      const low = planned.length
      const high = 2 ** 31 - 1
      let rarest = planned[0]!
      let rarestCount = Number.POSITIVE_INFINITY
      for (const token of planned) {
        const count = countPostings.pluck().get(token.hash, low, high, postingCountCap) as number
        if (count < rarestCount) [rarest, rarestCount] = [token, count]
      }
      const wanted = planned.map((token) => token.token)
      const tokensBySeq = this.#statements.tokensBySeq[side]
      const candidates: CandidateUnit[] = []
      for (const [, seq] of postings.raw().all(rarest.hash, low, high) as Array<[number, number]>) {
        const stored = splitTokens(tokensBySeq.pluck().get(seq) as string)
        const have = new Set(stored)
        if (!wanted.every((word) => have.has(word))) continue
        candidates.push({ ...this.#bySeq(seq), tokens: stored })
      }
      return candidates
    })
  }

  /**
   * Every unit once, in insertion order (a replaced unit keeps its place, as in the in-process memory), a page
   * at a time (keyset pagination on the position, so a page costs the same at any depth).
   *
   * @returns an async iterable of stored units
   * @throws {@link StorageError} when SQLite fails
   * @example
   * ```ts
   * for await (const { unit } of storage.units()) console.log(unit.id)
   * ```
   */
  async *units(): AsyncIterable<StoredUnit> {
    let after = 0
    for (;;) {
      const rows = this.#run('read units', () => this.#statements.page.all(after, pageSize) as Array<{ seq: number; position: number; data: string }>)
      for (const row of rows) yield { unit: JSON.parse(row.data) as TranslationUnit, seq: row.seq }
      if (rows.length < pageSize) return
      after = rows[rows.length - 1]!.position
    }
  }

  /**
   * Closes the file (checkpointing the WAL when this is the last connection). Idempotent.
   *
   * @example
   * ```ts
   * await storage.close()
   * ```
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#db.close()
  }

  /** Inserts one entry, replacing the unit with its id. Runs inside a transaction. */
  #putOne(entry: StorageEntry, seq: number, postings: Posting[]): StoredUnit {
    const { unit, keys } = entry
    const old = this.#deleteById(unit.id)
    const s = this.#statements
    s.insertUnit.run(
      seq,
      unit.id,
      old?.position ?? seq,
      keys.source.key,
      keys.target.key,
      hash53(keys.source.key),
      hash53(keys.target.key),
      keys.source.tokens.length,
      keys.target.tokens.length,
      joinTokens(keys.source.tokens),
      joinTokens(keys.target.tokens),
      JSON.stringify(unit),
    )
    for (const side of ['source', 'target'] as const) {
      const tokens = keys[side].tokens
      // A repeated token is one posting (and INSERT OR IGNORE absorbs two tokens sharing a hash).
      for (const token of new Set(tokens)) postings.push([tokenHash(side, token), tokens.length, seq])
    }
    return { unit, seq }
  }

  /** Deletes a unit and its postings by id; returns the deleted row's seq and position. Runs inside a transaction. */
  #deleteById(id: string): { seq: number; position: number } | undefined {
    const s = this.#statements
    const row = s.deleteUnit.get(id) as { seq: number; position: number; source_tokens: string; target_tokens: string } | undefined
    if (row === undefined) return undefined
    for (const side of ['source', 'target'] as const) {
      const tokens = splitTokens(side === 'source' ? row.source_tokens : row.target_tokens)
      for (const token of new Set(tokens)) s.deletePosting.run(tokenHash(side, token), tokens.length, row.seq)
    }
    return { seq: row.seq, position: row.position }
  }

  /**
   * A token's posting count (both sides are kept apart by the hash), capped at {@link postingCountCap}, remembered
   * for a minute: common tokens come back in almost every query, and counting them costs a capped range scan each
   * time. A stale count only changes which tokens are read first, never the answer.
   */
  #postingCount(token: PlannedToken): number {
    const now = Date.now()
    const cached = this.#counts.get(token.hash)
    if (cached !== undefined && now - cached.at < countMaxAgeMs) return cached.count
    const count = this.#statements.countAll.pluck().get(token.hash, postingCountCap) as number
    if (this.#counts.size >= countCacheSize) this.#counts.clear()
    this.#counts.set(token.hash, { count, at: now })
    return count
  }

  /** Reads a unit by seq (it exists: the seq came from a posting read in the same synchronous call). */
  #bySeq(seq: number): StoredUnit {
    const data = this.#statements.getBySeq.pluck().get(seq) as string | undefined
    if (data === undefined) throw new StorageError(`posting for seq ${seq} points at no unit in ${this.path}; this is a bug`)
    return { unit: JSON.parse(data) as TranslationUnit, seq }
  }

  #writable(): void {
    if (this.#readonly) throw new StorageError(`the SQLite memory ${this.path} was opened readonly; open it without { readonly: true } to write`)
  }

  /**
   * Runs several reads against one snapshot. In WAL mode each statement outside a transaction sees the latest
   * commit, so without this a writer in another process could replace or delete a unit between the read of its
   * posting and the read of its row (seen in the 4-writer concurrency test as a posting pointing at no unit).
   */
  #read<T>(what: string, work: () => T): T {
    return this.#run(what, () => this.#db.transaction(work).deferred())
  }

  /** Runs a driver call, wrapping its errors in `StorageError`. */
  #run<T>(what: string, work: () => T): T {
    if (this.#closed) throw new StorageError(`cannot ${what}: the SQLite memory ${this.path} is closed`)
    try {
      return work()
    } catch (error) {
      if (error instanceof StorageError) throw error
      throw new StorageError(`cannot ${what} in the SQLite memory ${this.path}: ${(error as Error).message}`, { cause: error })
    }
  }
}

/**
 * Tokens are stored joined by single spaces: a token never contains white space (the tokenizer splits on it), so
 * the join is lossless, and splitting is several times cheaper than parsing JSON, which matters when a search
 * checks hundreds of candidates.
 */
function joinTokens(tokens: readonly string[]): string {
  return tokens.join(' ')
}

/** The inverse of {@link joinTokens}. */
function splitTokens(joined: string): string[] {
  return joined === '' ? [] : joined.split(' ')
}

/** Rejects options of the wrong type or range, naming the option. */
function checkSqliteOptions(options: SqliteStorageOptions): void {
  if (typeof options !== 'object' || options === null) throw new OptionsError('options', options, 'an options object')
  if (options.readonly !== undefined && typeof options.readonly !== 'boolean') throw new OptionsError('readonly', options.readonly, 'a boolean')
  for (const name of ['busyTimeoutMs', 'cacheMb'] as const) {
    const value = options[name]
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) throw new OptionsError(name, value, 'a number of at least 0')
  }
}

/** Prepares every statement once per connection. */
function prepare(db: Database): Statements {
  const byKey = (side: MatchSide) => db.prepare(`SELECT seq, data FROM mizan_units WHERE ${side}_key_hash = ? AND ${side}_key = ?`)
  // A JSON array parameter read with json_each: one statement for a whole batch, whatever its size.
  const byKeys = (side: MatchSide) =>
    db.prepare(`SELECT seq, data, ${side}_key AS key FROM mizan_units WHERE ${side}_key_hash IN (SELECT value FROM json_each(?))`)
  const tokensBySeq = (side: MatchSide) => db.prepare(`SELECT ${side}_tokens FROM mizan_units WHERE seq = ?`)
  return {
    insertUnit: db.prepare(
      `INSERT INTO mizan_units (seq, id, position, source_key, target_key, source_key_hash, target_key_hash, source_len, target_len, source_tokens, target_tokens, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    lastSeq: db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'mizan_units'`),
    deleteUnit: db.prepare(`DELETE FROM mizan_units WHERE id = ? RETURNING seq, position, source_tokens, target_tokens`),
    insertPosting: db.prepare(`INSERT OR IGNORE INTO mizan_postings (token, len, seq) VALUES (?, ?, ?)`),
    deletePosting: db.prepare(`DELETE FROM mizan_postings WHERE token = ? AND len = ? AND seq = ?`),
    getById: db.prepare(`SELECT seq, data FROM mizan_units WHERE id = ?`),
    getBySeq: db.prepare(`SELECT data FROM mizan_units WHERE seq = ?`),
    count: db.prepare(`SELECT count(*) FROM mizan_units`),
    page: db.prepare(`SELECT seq, position, data FROM mizan_units WHERE position > ? ORDER BY position LIMIT ?`),
    countPostings: db.prepare(`SELECT count(*) FROM (SELECT 1 FROM mizan_postings WHERE token = ? AND len BETWEEN ? AND ? LIMIT ?)`),
    postings: db.prepare(`SELECT len, seq FROM mizan_postings WHERE token = ? AND len BETWEEN ? AND ?`),
    countAll: db.prepare(`SELECT count(*) FROM (SELECT 1 FROM mizan_postings WHERE token = ? LIMIT ?)`),
    byKey: { source: byKey('source'), target: byKey('target') },
    byKeys: { source: byKeys('source'), target: byKeys('target') },
    getByIds: db.prepare(`SELECT id, seq, data FROM mizan_units WHERE id IN (SELECT value FROM json_each(?))`),
    tokensBySeq: { source: tokensBySeq('source'), target: tokensBySeq('target') },
  }
}

/**
 * Brings the schema up to date, once, under the write lock (so two processes opening a new file at the same
 * time do not both create it), and checks the matching-key version.
 */
function migrate(db: Database, path: string, readonly: boolean): void {
  const known = Math.max(...sqliteMigrations.map((migration) => migration.version))
  const hasTable = (name: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined
  const applied = () =>
    hasTable('mizan_migrations') ? ((db.prepare(`SELECT max(version) FROM mizan_migrations`).pluck().get() as number | null) ?? 0) : 0
  const check = () => {
    const version = applied()
    if (version > known) {
      throw new StorageError(`the SQLite memory ${path} has schema version ${version}, newer than this mizan knows (${known}); upgrade mizan to open it`)
    }
    return version
  }
  if (readonly) {
    if (check() < known) throw new StorageError(`the SQLite memory ${path} is not a mizan memory at schema version ${known} (open it once writable to create or migrate it)`)
  } else {
    db.transaction(() => {
      if (!hasTable('mizan_migrations') && db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table'`).pluck().get() !== 0) {
        throw new StorageError(`${path} is an SQLite database but not a mizan memory (it has other tables and no mizan_migrations); give a new or a mizan file`)
      }
      db.exec(`CREATE TABLE IF NOT EXISTS mizan_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
      const version = check()
      for (const migration of sqliteMigrations) {
        if (migration.version <= version) continue
        for (const statement of migration.statements) db.exec(statement)
        db.prepare(`INSERT INTO mizan_migrations (version, name, applied_at) VALUES (?, ?, ?)`).run(migration.version, migration.name, new Date().toISOString())
      }
      db.prepare(`INSERT OR IGNORE INTO mizan_meta (key, value) VALUES ('matchingKeyVersion', ?)`).run(String(matchingKeyVersion))
    }).immediate()
  }
  const stored = db.prepare(`SELECT value FROM mizan_meta WHERE key = 'matchingKeyVersion'`).pluck().get() as string | undefined
  if (stored !== String(matchingKeyVersion)) {
    throw new StorageError(
      `the SQLite memory ${path} was indexed with matching-key version ${stored ?? 'unknown'}, this mizan uses ${matchingKeyVersion}; rebuild it by exporting its units and adding them to a new memory`,
    )
  }
}
