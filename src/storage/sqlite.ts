/**
 * `mizan/sqlite`: a translation memory in one SQLite file (better-sqlite3, an optional peer dependency).
 *
 * Why this shape:
 * - **Written incrementally.** Every `put`/`putMany`/`delete` is one SQLite transaction (`BEGIN IMMEDIATE`, so
 *   concurrent writers queue on the write lock instead of failing half way). Nothing is ever rewritten whole.
 * - **WAL mode** (write-ahead log, see sqlite.org/wal.html): readers keep answering while a writer writes, and
 *   several processes can share one file; `synchronous=NORMAL` is the documented WAL setting that keeps the file
 *   consistent after a crash (a commit may be lost on power failure, never half-applied).
 * - **Nothing loaded at open.** The fuzzy index lives in the file (`mizan_posting_blocks`, clustered by token, length
 *   and first seq, see sql/schema.ts), so opening a million-unit memory reads the schema version and one meta row and
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
 * @module mizan/sqlite
 */
import type BetterSqlite3 from 'better-sqlite3'
import { OptionsError, StorageError, TmError } from '../errors.js'
import type {
  CandidateUnit,
  ConcordanceCandidateQuery,
  FuzzyCandidateQuery,
  MatchSide,
  PartCandidateUnit,
  StorageEntry,
  StoredPart,
  StoredUnit,
  TmStorage,
  UnitKeys,
  WriteBatch,
} from './types.js'
import { matchingKeyVersion } from './types.js'
import { defaultExport, loadDriver } from './sql/driver.js'
import { hash53, tokenHash } from './sql/hash.js'
import { holdsEveryGroup, intersectGroups, newestInAll } from './intersect-groups.js'
import { advanceSeqOrder, byRecency, orderKeys, prefixUpperBound, readSeqOrder, type SeqOrder } from './sql/concordance-order.js'
import { distinctTokens, type PlannedToken } from './sql/plan.js'
import { decodePostings } from './sql/blocks.js'
import {
  byHash,
  extraReadFactor,
  extraReadFloor,
  HitCounter,
  queuePostings,
  tokenCounts,
  type PendingBatch,
} from './sql/postings.js'
import { parseKeyVersion, sideCode, sqliteMigrations } from './sql/schema.js'
import { groupSentences, SqliteParts } from './sqlite-parts.js'
import { WindowCounts } from './sqlite-window-counts.js'
import { appendPostings, removePosting } from './sqlite-blocks.js'
import { searchBlocks, splitTokens, type BlockSearch } from './sqlite-block-search.js'
import type { TranslationUnit } from '../types.js'

// The subpath entry also offers the one-string opener (`openStore('sqlite:tm.db')` / `openStore('postgres://...')`).
export { openStore } from './open-store.js'
export type { OpenStoreOptions } from './open-store.js'

/**
 * Options of {@link SqliteStorage.open}.
 *
 * @example
 * ```ts
 * import { SqliteStorage } from 'mizan/sqlite'
 * // A second process reading a memory another one writes: readonly, and a bigger page cache.
 * const storage = await SqliteStorage.open('team.db', { readonly: true, cacheMb: 256 })
 * ```
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

type Database = BetterSqlite3.Database
type Statement = BetterSqlite3.Statement

/** The prepared statements, per side where a side matters. */
interface Statements {
  insertUnit: Statement
  lastSeq: Statement
  deleteUnit: Statement
  lastBlock: Statement
  blockFor: Statement
  insertBlock: Statement
  appendBlock: Statement
  deleteBlock: Statement
  getById: Statement
  count: Statement
  page: Statement
  blocks: Statement
  byKey: Record<MatchSide, Statement>
  byKeys: Record<MatchSide, Statement>
  getByIds: Statement
  candidateBySeq: Record<MatchSide, Statement>
}

/** The statements of the concordance vocabulary and order (schema 3), prepared apart: migration 2 runs before it. */
interface VocabularyStatements {
  insertToken: Statement
  tokensFrom: Statement
  tokensBetween: Statement
  metaValue: Statement
  setMeta: Statement
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
 * const matches = await tm.fuzzy('شكرا جزيلا', { minScore: 0.7 }) // best first, each with its score
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
  readonly #vocabulary: VocabularyStatements
  readonly #readonly: boolean
  #closed = false
  /** Posting counts per length window by token hash, remembered a while (see sqlite-window-counts.ts). */
  readonly #counts: WindowCounts
  /** Per-seq scratch arrays of the searches (see {@link HitCounter}). */
  readonly #hits = new HitCounter()
  /** The sentences of multi-sentence units, indexed apart (issue #14, see sqlite-parts.ts). */
  readonly #parts: SqliteParts
  /** The part postings queued by the write transaction under way, if any. */
  #partBatch: PendingBatch | undefined

  private constructor(db: Database, path: string, readonly: boolean) {
    this.#db = db
    this.path = path
    this.#readonly = readonly
    this.#statements = prepare(db)
    this.#vocabulary = prepareVocabulary(db)
    this.#counts = new WindowCounts(db, 'mizan_posting_blocks')
    this.#parts = new SqliteParts(db)
  }

  /**
   * Opens (creating when missing) a memory file: loads the driver, sets WAL mode, applies schema migrations and
   * checks the matching-key version. Nothing else is read, so opening is fast at any size.
   *
   * @param path - the database file (created when missing, unless `readonly`)
   * @param options - see {@link SqliteStorageOptions}
   * @returns the open memory
   * @throws {@link mizan!OptionsError} for an option of the wrong type, naming it
   * @throws {@link mizan!StorageError} `'STORAGE_DRIVER_MISSING'` when better-sqlite3 is not installed (fix:
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
   * @throws {@link mizan!StorageError} when SQLite fails
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
   * @throws {@link mizan!StorageError} when SQLite fails
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
   * @throws {@link mizan!StorageError} when SQLite fails (nothing is written)
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
   * @throws {@link mizan!StorageError} when SQLite fails (nothing is written)
   * @example
   * ```ts
   * await storage.putMany([{ unit: a, keys: keysA }, { unit: b, keys: keysB }])
   * ```
   */
  async putMany(entries: readonly StorageEntry[]): Promise<StoredUnit[]> {
    this.#writable()
    if (entries.length === 0) return []
    return this.#run('write units', () => this.#db.transaction(() => this.#putEntries(entries)).immediate())
  }

  /**
   * Deletes units and puts others in one transaction: all of it is written or none (see
   * {@link mizan!TmStorage.writeBatch}).
   *
   * @param changes - ids to delete, then entries to put
   * @returns the stored units, one per entry, and how many units were deleted
   * @throws {@link mizan!StorageError} when SQLite fails (nothing is written)
   * @example
   * ```ts
   * await storage.writeBatch({ delete: ['u1', 'u2'], put: [{ unit: merged, keys }] })
   * ```
   */
  async writeBatch(changes: WriteBatch): Promise<{ stored: StoredUnit[]; deleted: number }> {
    this.#writable()
    return this.#run('write a batch of units', () =>
      this.#db
        .transaction(() => {
          let deleted = 0
          for (const id of changes.delete) if (this.#deleteById(id, undefined) !== undefined) deleted++
          return { stored: changes.put.length === 0 ? [] : this.#putEntries(changes.put), deleted }
        })
        .immediate(),
    )
  }

  /** Puts entries in order, with their postings. Runs inside a write transaction. */
  #putEntries(entries: readonly StorageEntry[]): StoredUnit[] {
    // The write lock is ours now, so the next seqs are too: AUTOINCREMENT's counter, advanced per row.
    const from = this.#maxSeq() + 1
    const batch: PendingBatch = { from, postings: new Map(), dropped: new Set() }
    let next = from
    this.#partBatch = this.#parts.begin()
    let stored: StoredUnit[]
    try {
      stored = entries.map((entry) => this.#putOne(entry, next++, batch))
      appendPostings(this.#statements, batch)
      this.#parts.flush(this.#partBatch)
    } finally {
      this.#partBatch = undefined
    }
    recordVocabulary(this.#vocabulary, entries.map(({ keys }) => ({ source: keys.source.tokens, target: keys.target.tokens })))
    recordSeqOrder(this.#vocabulary, stored)
    return stored
  }

  /**
   * Removes a unit and its postings, in one transaction.
   *
   * @param id - the unit id
   * @returns whether a unit was removed
   * @throws {@link mizan!StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.delete('u1') // true
   * ```
   */
  async delete(id: string): Promise<boolean> {
    this.#writable()
    return this.#run('delete a unit', () => this.#db.transaction(() => this.#deleteById(id, undefined) !== undefined).immediate())
  }

  /**
   * Units whose matching key on `side` equals `key`.
   *
   * @param side - `'source'` or `'target'`
   * @param key - a matching key
   * @returns the matching units
   * @throws {@link mizan!StorageError} when SQLite fails
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
   * @throws {@link mizan!StorageError} when SQLite fails
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
   * @throws {@link mizan!StorageError} when SQLite fails
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
   * Fuzzy candidates. The query's distinct tokens are read rarest first from the posting blocks, inside the
   * length window: at least the prefix filter's share (any `prefixNeeded(|q|, m)` query occurrences, see
   * sql/plan.ts), then further tokens while they are cheap next to the candidates found. Each candidate's hits
   * (query occurrences of the read tokens it holds) are counted in a per-seq array; a unit of length `n` scoring
   * at least `m` holds at least `minOverlap(|q|, n, m)` query occurrences, of which the unread tokens can supply
   * at most their own count, so a candidate with fewer hits than that is dropped without reading its row. The
   * survivors' stored tokens get the exact multiset check, and only then is their JSON parsed. A superset of every
   * unit scoring at least `minScore`.
   *
   * @param query - side, query tokens and threshold
   * @returns candidates with their tokens
   * @throws {@link mizan!StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.fuzzyCandidates({ side: 'source', tokens: ['شكرا', 'جزيلا'], minScore: 0.7 })
   * ```
   */
  async fuzzyCandidates(query: FuzzyCandidateQuery): Promise<CandidateUnit[]> {
    if (query.tokens.length === 0) return []
    return this.#read('search fuzzy candidates', () => this.#unitCandidates(query))
  }

  /**
   * {@link SqliteStorage.fuzzyCandidates} and {@link SqliteStorage.fuzzyPartCandidates} of one query in one read
   * transaction: one snapshot for both answers, and one transaction per search instead of two.
   *
   * @param query - side, query tokens and threshold
   * @returns unit candidates and part candidates, as the two methods return them
   * @throws {@link mizan!StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.fuzzyUnitAndPartCandidates({ side: 'source', tokens: ['وحضرها', 'رئيسا'], minScore: 0.7 }) // { units: […], parts: […] }
   * ```
   */
  async fuzzyUnitAndPartCandidates(query: FuzzyCandidateQuery): Promise<{ units: CandidateUnit[]; parts: PartCandidateUnit[] }> {
    if (query.tokens.length === 0) return { units: [], parts: [] }
    // The part search orders its lists by the units' counts, which the unit search has just read (sqlite-parts.ts).
    return this.#read('search fuzzy candidates', () => ({
      units: this.#unitCandidates(query),
      parts: this.#parts.fuzzyCandidates(query.side, query.tokens, query.minScore, query.deadline, this.#counts),
    }))
  }

  /** The body of {@link SqliteStorage.fuzzyCandidates}, inside a read transaction; `query.tokens` is not empty. */
  #unitCandidates(query: FuzzyCandidateQuery): CandidateUnit[] {
    const read = this.#statements.candidateBySeq[query.side]
    const search: BlockSearch<{ tokens: string; data: string }, CandidateUnit> = {
      hits: this.#hits,
      counts: this.#counts,
      blocks: this.#statements.blocks,
      lastSeq: this.#maxSeq(),
      row: (seq) => this.#candidateRow(read, seq),
      candidate: (row, seq, tokens) => ({ unit: JSON.parse(row.data) as TranslationUnit, seq, tokens }),
      listsLabel: 'posting lists',
      rowsLabel: 'candidate rows',
    }
    return searchBlocks(search, query.side, query.tokens, query.minScore, query.deadline)
  }


  /**
   * Part candidates: a superset of the sentences of multi-sentence units scoring at least `minScore`, from their
   * own posting blocks with the bounds unit search uses (see sqlite-parts.ts).
   *
   * @param query - side, query tokens and threshold
   * @returns part candidates with the sentence's tokens
   * @throws {@link mizan!StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.fuzzyPartCandidates({ side: 'source', tokens: ['وحضرها', 'رئيسا'], minScore: 0.7 })
   * ```
   */
  async fuzzyPartCandidates(query: FuzzyCandidateQuery): Promise<PartCandidateUnit[]> {
    if (query.tokens.length === 0) return []
    return this.#read('search part candidates', () => this.#parts.fuzzyCandidates(query.side, query.tokens, query.minScore, query.deadline))
  }

  /**
   * The sentences of multi-sentence units whose matching key on `side` equals `key`, with their units.
   *
   * @param side - `'source'` or `'target'`
   * @param key - a matching key
   * @returns the units with the index of the matching sentence
   * @throws {@link mizan!StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.findPartsByKey('source', 'وحضرها 15 رئيسا.')
   * ```
   */
  async findPartsByKey(side: MatchSide, key: string): Promise<StoredPart[]> {
    return this.#read('look up a sentence key', () => this.#parts.findByKey(side, key))
  }

  /**
   * Concordance candidates: units holding every query word. The rarest word's postings are read whole (units of
   * at least as many tokens as there are words), the other words' while cheap, counting hits; a unit must hold
   * every word read, and its stored tokens are then checked for all the words.
   *
   * @param query - side and distinct words
   * @returns candidates with their tokens
   * @throws {@link mizan!StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.concordanceCandidates({ side: 'target', words: ['security', 'council'] })
   * ```
   */
  async concordanceCandidates(query: ConcordanceCandidateQuery): Promise<CandidateUnit[]> {
    const { side, words } = query
    if (query.anyOf !== undefined) return this.#formCandidates(side, query.anyOf)
    if (words.length === 0) return []
    return this.#read('search concordance candidates', () => {
      const planned = distinctTokens(side, words)
      const low = planned.length
      const high = 2 ** 31 - 1
      const lists = this.#listsByCost(planned, low, high)
      const hits = this.#hits
      hits.reset(this.#maxSeq())
      let read = 0
      for (const list of lists) {
        if (read > 0 && list.cost > Math.max(extraReadFloor, extraReadFactor * hits.size)) break
        this.#readList(list.hash, low, high, 1, read === 0)
        read++
      }
      const wanted = planned.map((token) => token.token)
      const row = this.#statements.candidateBySeq[side]
      const candidates: CandidateUnit[] = []
      hits.forEach((seq, count) => {
        if (count < read) return
        const found = this.#candidateRow(row, seq)
        const stored = splitTokens(found.tokens)
        const have = new Set(stored)
        if (!wanted.every((word) => have.has(word))) return
        candidates.push({ unit: JSON.parse(found.data) as TranslationUnit, seq, tokens: stored })
      })
      return candidates
    })
  }

  /**
   * Every unit once, in insertion order (a replaced unit keeps its place, as in the in-process memory), a page
   * at a time (keyset pagination on the position, so a page costs the same at any depth).
   *
   * @returns an async iterable of stored units
   * @throws {@link mizan!StorageError} when SQLite fails
   * @example
   * ```ts
   * const ids: string[] = []
   * for await (const { unit } of storage.units()) ids.push(unit.id)
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

  /**
   * The matching-key version recorded in the file.
   *
   * @returns the version
   * @throws {@link mizan!StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.keyVersion() // 2
   * ```
   */
  async keyVersion(): Promise<number> {
    return this.#run('read the key version', () => recordedKeyVersion(this.#db) ?? 0)
  }

  /**
   * Rebuilds every unit's matching keys and tokens with `keysOf` and the posting blocks from them, and records
   * `version`, in one transaction; seqs, positions and units are untouched. Does nothing when another process
   * already recorded `version`.
   *
   * @param keysOf - the keys of a unit (`TranslationMemory.keysOf`)
   * @param version - the version those keys are
   * @returns how many units were re-keyed
   * @throws {@link mizan!StorageError} when readonly, or when SQLite fails (nothing is changed)
   * @example
   * ```ts
   * await storage.rekey((unit) => tm.keysOf(unit), matchingKeyVersion)
   * ```
   */
  async rekey(keysOf: (unit: TranslationUnit) => UnitKeys, version: number): Promise<number> {
    this.#writable()
    const count = this.#run('re-key units', () =>
      this.#db
        .transaction(() => {
          if (recordedKeyVersion(this.#db) === version) return 0
          const page = this.#db.prepare(`SELECT seq, data FROM mizan_units WHERE seq > ? ORDER BY seq LIMIT 5000`)
          const update = this.#db.prepare(
            `UPDATE mizan_units SET source_key = ?, target_key = ?, source_key_hash = ?, target_key_hash = ?, source_len = ?, target_len = ?, source_tokens = ?, target_tokens = ? WHERE seq = ?`,
          )
          let after = 0
          let count = 0
          // The sentences of multi-sentence units are keyed anew with their units (a page of postings at a time).
          this.#parts.clear()
          for (;;) {
            const rows = page.all(after) as Array<{ seq: number; data: string }>
            if (rows.length === 0) break
            const parts = this.#parts.begin()
            for (const row of rows) {
              const keys = keysOf(JSON.parse(row.data) as TranslationUnit)
              update.run(...keyColumns(keys), row.seq)
              this.#parts.put(row.seq, keys.parts, parts)
            }
            this.#parts.flush(parts)
            count += rows.length
            after = rows[rows.length - 1]!.seq
          }
          this.#db.exec(`DELETE FROM mizan_posting_blocks`)
          buildPostings(this.#db)
          fillConcordanceTables(this.#db, false)
          this.#db.prepare(`INSERT INTO mizan_meta (key, value) VALUES ('matchingKeyVersion', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(version))
          return count
        })
        .immediate(),
    )
    this.#counts.clear()
    return count
  }

  /**
   * Concordance candidates of word-form groups: each group's posting lists (all unit lengths) read and united,
   * the groups intersected, and the rows checked against the tokens themselves (two tokens may share a hash).
   */
  #formCandidates(side: MatchSide, groups: ReadonlyArray<readonly string[]>): CandidateUnit[] {
    if (groups.length === 0) return []
    return this.#read('search concordance candidates', () => {
      const lists = groups.map((group) => this.#groupBlocks(side, group).flat())
      const holdsEvery = holdsEveryGroup(groups)
      const read = this.#statements.candidateBySeq[side]
      const candidates: CandidateUnit[] = []
      for (const seq of intersectGroups(lists)) {
        const row = this.#candidateRow(read, seq)
        const tokens = splitTokens(row.tokens)
        if (holdsEvery(tokens)) candidates.push({ unit: JSON.parse(row.data) as TranslationUnit, seq, tokens })
      }
      return candidates
    })
  }

  /** Inserts one entry, replacing the unit with its id; queues its postings. Runs inside a transaction. */
  #putOne(entry: StorageEntry, seq: number, batch: PendingBatch): StoredUnit {
    const { unit, keys } = entry
    const old = this.#deleteById(unit.id, batch)
    const s = this.#statements
    s.insertUnit.run(seq, unit.id, old?.position ?? seq, ...keyColumns(keys), JSON.stringify(unit))
    if (keys.parts !== undefined) this.#parts.put(seq, keys.parts, this.#partBatch!)
    for (const side of ['source', 'target'] as const) {
      const tokens = keys[side].tokens
      // One posting per distinct hash: a repeated token, or two tokens sharing a hash, is one posting.
      queuePostings(batch, side, tokens, seq)
    }
    return { unit, seq }
  }

  /**
   * Deletes a unit and its postings by id; returns the deleted row's seq and position. Runs inside a transaction.
   * A unit written earlier in the same batch has its postings still queued: they are dropped from the queue.
   */
  #deleteById(id: string, batch: PendingBatch | undefined): { seq: number; position: number } | undefined {
    const s = this.#statements
    const row = s.deleteUnit.get(id) as { seq: number; position: number; source_tokens: string; target_tokens: string } | undefined
    if (row === undefined) return undefined
    this.#parts.deleteOf(row.seq, this.#partBatch)
    if (batch !== undefined && row.seq >= batch.from) {
      batch.dropped.add(row.seq)
      return { seq: row.seq, position: row.position }
    }
    for (const side of ['source', 'target'] as const) {
      const tokens = splitTokens(side === 'source' ? row.source_tokens : row.target_tokens)
      for (const hash of tokenCounts(side, tokens).keys()) removePosting(this.#statements, hash, tokens.length, row.seq)
    }
    return { seq: row.seq, position: row.position }
  }

  /**
   * Counts one posting list (inside the length window) into the hit counter, `weight` per unit; with `open`
   * false only units already counted are incremented.
   */
  #readList(token: number, low: number, high: number, weight: number, open: boolean): void {
    const hits = this.#hits
    for (const [length, block] of this.#statements.blocks.raw().iterate(token, low, high) as IterableIterator<[number, Buffer]>) {
      hits.addBlock(block, weight, length, open)
    }
  }

  /** The query's posting lists (one per distinct hash), cheapest first by their count inside the length window. */
  #listsByCost(planned: readonly PlannedToken[], low: number, high: number): Array<{ hash: number; weight: number; cost: number }> {
    return byHash(planned)
      .map((list) => ({ ...list, cost: this.#counts.count(list.hash, low, high) }))
      .sort((a, b) => a.cost - b.cost)
  }

  /**
   * Stored tokens of a side that start with `prefix` (for concordance `desalinat*`): an index range of the
   * vocabulary table.
   *
   * @param side - `'source'` or `'target'`
   * @param prefix - a key token
   * @returns the tokens (some may belong only to removed units)
   * @throws {@link mizan!StorageError} when SQLite fails
   * @example
   * ```ts
   * await storage.tokensStartingWith('target', 'desalinat') // ['desalinate', 'desalination', …]
   * ```
   */
  async tokensStartingWith(side: MatchSide, prefix: string): Promise<string[]> {
    return this.#run('list tokens', () => {
      const upper = prefixUpperBound(prefix)
      const s = this.#vocabulary
      const found = (upper === undefined ? s.tokensFrom.pluck().all(sideCode[side], prefix) : s.tokensBetween.pluck().all(sideCode[side], prefix, upper)) as string[]
      return found.filter((token) => token.startsWith(prefix))
    })
  }

  /**
   * Concordance candidates best ranked first (see {@link mizan!TmStorage.concordanceRanked}). While every unit was
   * written in date order (sql/concordance-order.ts), seq order is rank order: each form's posting blocks are
   * read, walked newest first through `newestInAll` (intersect-groups.ts), and the units' rows read a batch at a time (8, 16, …
   * 4096), as far as the caller iterates. Otherwise every candidate is read and sorted. Rows are checked against
   * the tokens themselves (two tokens may share a hash). A unit replaced or deleted by another process after the
   * postings were read is left out.
   *
   * @param query - side, words and word-form groups
   * @returns batches of candidates with their tokens
   * @throws {@link mizan!StorageError} when SQLite fails
   * @example
   * ```ts
   * for await (const batch of storage.concordanceRanked({ side: 'target', words: ['water'] })) batch // newest first
   * ```
   */
  async *concordanceRanked(query: ConcordanceCandidateQuery): AsyncIterable<CandidateUnit[]> {
    const { side } = query
    const groups = query.anyOf ?? query.words.map((word) => [word])
    if (groups.length === 0) return
    if (!this.#run('read the concordance order', () => readOrder(this.#vocabulary)).ranked) {
      yield byRecency(await this.concordanceCandidates(query))
      return
    }
    const lists = this.#read('search concordance candidates', () => groups.map((group) => this.#groupBlocks(side, group)))
    const holdsEvery = holdsEveryGroup(groups)
    const read = this.#statements.candidateBySeq[side]
    const seqs = newestInAll(lists)
    for (let size = 8; ; size = Math.min(2 * size, 4096)) {
      const taken: number[] = []
      for (let step = seqs.next(); !step.done; step = seqs.next()) if (taken.push(step.value) >= size) break
      if (taken.length === 0) return
      const batch = this.#read('read concordance candidates', () => {
        const found: CandidateUnit[] = []
        for (const seq of taken) {
          const row = read.get(seq) as { tokens: string; data: string } | undefined
          if (row === undefined) continue
          const tokens = splitTokens(row.tokens)
          if (holdsEvery(tokens)) found.push({ unit: JSON.parse(row.data) as TranslationUnit, seq, tokens })
        }
        return found
      })
      if (batch.length > 0) yield batch
    }
  }

  /** The seqs of every posting block (all unit lengths) of a word-form group's tokens, block by block. Runs inside a read. */
  #groupBlocks(side: MatchSide, group: readonly string[]): number[][] {
    const blocks: number[][] = []
    for (const hash of new Set(group.map((token) => tokenHash(side, token)))) {
      for (const [, block] of this.#statements.blocks.raw().iterate(hash, 0, 2 ** 31 - 1) as IterableIterator<[number, Buffer]>) blocks.push(decodePostings(block).seqs)
    }
    return blocks
  }

  /** A candidate's row by seq (it exists: the seq came from a posting read in the same snapshot). */
  #candidateRow(read: Statement, seq: number): { tokens: string; data: string } {
    const row = read.get(seq) as { tokens: string; data: string } | undefined
    if (row === undefined) throw new StorageError(`posting for seq ${seq} points at no unit in ${this.path}; this is a bug`)
    return row
  }

  /** The largest seq ever given (the size of the per-seq arrays). */
  #maxSeq(): number {
    return (this.#statements.lastSeq.pluck().get() as number | undefined) ?? 0
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
      // A search past its deadline is not a storage failure: its TIMEOUT goes to the caller as it is.
      if (error instanceof StorageError || (error instanceof TmError && error.code === 'TIMEOUT')) throw error
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
  const candidateBySeq = (side: MatchSide) => db.prepare(`SELECT ${side}_tokens AS tokens, data FROM mizan_units WHERE seq = ?`)
  return {
    insertUnit: db.prepare(
      `INSERT INTO mizan_units (seq, id, position, source_key, target_key, source_key_hash, target_key_hash, source_len, target_len, source_tokens, target_tokens, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    lastSeq: db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'mizan_units'`),
    deleteUnit: db.prepare(`DELETE FROM mizan_units WHERE id = ? RETURNING seq, position, source_tokens, target_tokens`),
    lastBlock: db.prepare(`SELECT first, last, n, seqs FROM mizan_posting_blocks WHERE token = ? AND len = ? ORDER BY first DESC LIMIT 1`),
    blockFor: db.prepare(`SELECT first, last, n, seqs FROM mizan_posting_blocks WHERE token = ? AND len = ? AND first <= ? ORDER BY first DESC LIMIT 1`),
    insertBlock: db.prepare(`INSERT INTO mizan_posting_blocks (token, len, first, last, n, seqs) VALUES (?, ?, ?, ?, ?, ?)`),
    appendBlock: db.prepare(`UPDATE mizan_posting_blocks SET last = ?, n = ?, seqs = ? WHERE token = ? AND len = ? AND first = ?`),
    deleteBlock: db.prepare(`DELETE FROM mizan_posting_blocks WHERE token = ? AND len = ? AND first = ?`),
    getById: db.prepare(`SELECT seq, data FROM mizan_units WHERE id = ?`),
    count: db.prepare(`SELECT count(*) FROM mizan_units`),
    page: db.prepare(`SELECT seq, position, data FROM mizan_units WHERE position > ? ORDER BY position LIMIT ?`),
    blocks: db.prepare(`SELECT len, seqs FROM mizan_posting_blocks WHERE token = ? AND len BETWEEN ? AND ?`),
    byKey: { source: byKey('source'), target: byKey('target') },
    byKeys: { source: byKeys('source'), target: byKeys('target') },
    getByIds: db.prepare(`SELECT id, seq, data FROM mizan_units WHERE id IN (SELECT value FROM json_each(?))`),
    candidateBySeq: { source: candidateBySeq('source'), target: candidateBySeq('target') },
  }
}

function prepareVocabulary(db: Database): VocabularyStatements {
  return {
    insertToken: db.prepare(`INSERT OR IGNORE INTO mizan_tokens (side, token) VALUES (?, ?)`),
    tokensFrom: db.prepare(`SELECT token FROM mizan_tokens WHERE side = ? AND token >= ?`),
    tokensBetween: db.prepare(`SELECT token FROM mizan_tokens WHERE side = ? AND token >= ? AND token < ?`),
    metaValue: db.prepare(`SELECT value FROM mizan_meta WHERE key = ?`),
    setMeta: db.prepare(`INSERT INTO mizan_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
  }
}

/** Records the distinct tokens of written units in the vocabulary table. Runs inside the write transaction. */
function recordVocabulary(s: VocabularyStatements, units: ReadonlyArray<Record<MatchSide, readonly string[]>>): void {
  for (const side of ['source', 'target'] as const) {
    const seen = new Set<string>()
    for (const tokens of units) for (const token of tokens[side]) seen.add(token)
    for (const token of seen) s.insertToken.run(sideCode[side], token)
  }
}

/** The recorded seq-order state (sql/concordance-order.ts). */
function readOrder(s: VocabularyStatements): SeqOrder {
  return readSeqOrder(s.metaValue.pluck().get(orderKeys.newest) as string | undefined, s.metaValue.pluck().get(orderKeys.order) as string | undefined)
}

/** Advances the seq-order state over units just written (in seq order). Runs inside the write transaction. */
function recordSeqOrder(s: VocabularyStatements, stored: readonly StoredUnit[]): void {
  const before = readOrder(s)
  const after = advanceSeqOrder(before, stored)
  if (after.ranked === before.ranked && after.newestMs === before.newestMs) return
  s.setMeta.run(orderKeys.newest, String(after.newestMs))
  s.setMeta.run(orderKeys.order, after.ranked ? 'seq' : 'none')
}

/**
 * Fills the vocabulary table from the units' stored tokens (emptying it first), and with `order` records the
 * seq-order state from the units' dates too (migration 3; a re-key changes no date). Runs inside a transaction.
 */
function fillConcordanceTables(db: Database, order: boolean): void {
  const s = prepareVocabulary(db)
  db.exec(`DELETE FROM mizan_tokens`)
  const page = db.prepare(`SELECT seq, source_tokens, target_tokens${order ? ', data' : ''} FROM mizan_units WHERE seq > ? ORDER BY seq LIMIT 5000`)
  let state = readSeqOrder(undefined, undefined)
  for (let after = 0; ; ) {
    const rows = page.all(after) as Array<{ seq: number; source_tokens: string; target_tokens: string; data?: string }>
    if (rows.length === 0) break
    recordVocabulary(s, rows.map((row) => ({ source: splitTokens(row.source_tokens), target: splitTokens(row.target_tokens) })))
    if (order) state = advanceSeqOrder(state, rows.map((row) => ({ unit: JSON.parse(row.data!) as TranslationUnit, seq: row.seq })))
    after = rows[rows.length - 1]!.seq
  }
  if (!order) return
  s.setMeta.run(orderKeys.newest, String(state.newestMs))
  s.setMeta.run(orderKeys.order, state.ranked ? 'seq' : 'none')
}

/**
 * Migration 2's data step: builds the posting blocks from the units' stored tokens (version 1 postings did not
 * keep token multiplicities), a page of units at a time in seq order, then drops the old table. Runs inside the
 * migration's transaction.
 */
function rebuildPostings(db: Database): void {
  buildPostings(db)
  db.exec(`DROP TABLE mizan_postings`)
}

/** Fills the (empty) posting blocks from the units' stored tokens, a page of units at a time in seq order. */
function buildPostings(db: Database): void {
  const statements = prepare(db)
  const page = db.prepare(`SELECT seq, source_tokens, target_tokens FROM mizan_units WHERE seq > ? ORDER BY seq LIMIT 20000`)
  let after = 0
  for (;;) {
    const rows = page.all(after) as Array<{ seq: number; source_tokens: string; target_tokens: string }>
    if (rows.length === 0) break
    const batch: PendingBatch = { from: rows[0]!.seq, postings: new Map(), dropped: new Set() }
    for (const row of rows) {
      queuePostings(batch, 'source', splitTokens(row.source_tokens), row.seq)
      queuePostings(batch, 'target', splitTokens(row.target_tokens), row.seq)
    }
    appendPostings(statements, batch)
    after = rows[rows.length - 1]!.seq
  }
}

/** The matching-key version recorded in `mizan_meta`, or `undefined` when none is (or it is not a number). */
function recordedKeyVersion(db: Database): number | undefined {
  const stored = db.prepare(`SELECT value FROM mizan_meta WHERE key = 'matchingKeyVersion'`).pluck().get() as string | undefined
  return parseKeyVersion(stored)
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
        if (migration.version === 2 && hasTable('mizan_postings')) rebuildPostings(db)
        if (migration.version === 3) fillConcordanceTables(db, true)
        if (migration.version === 5) groupSentences(db)
        db.prepare(`INSERT INTO mizan_migrations (version, name, applied_at) VALUES (?, ?, ?)`).run(migration.version, migration.name, new Date().toISOString())
      }
      db.prepare(`INSERT OR IGNORE INTO mizan_meta (key, value) VALUES ('matchingKeyVersion', ?)`).run(String(matchingKeyVersion))
    }).immediate()
  }
  // An older key version is fine when writable: the first TranslationMemory over it re-keys it (see rekey).
  const stored = recordedKeyVersion(db)
  if (stored === undefined || stored > matchingKeyVersion || (readonly && stored < matchingKeyVersion)) {
    const remedy =
      stored !== undefined && stored < matchingKeyVersion
        ? 'open it once without { readonly: true } to re-key it'
        : stored === undefined
          ? 'rebuild it by exporting its units and adding them to a new memory'
          : 'upgrade mizan to open it'
    throw new StorageError(`the SQLite memory ${path} was indexed with matching-key version ${stored ?? 'unknown'}, this mizan uses ${matchingKeyVersion}; ${remedy}`)
  }
}

/**
 * A unit's key columns, in the order the units table and its statements list them: both keys, their hashes,
 * their token counts and their joined tokens.
 */
function keyColumns(keys: StorageEntry['keys']): [string, string, number, number, number, number, string, string] {
  return [
    keys.source.key,
    keys.target.key,
    hash53(keys.source.key),
    hash53(keys.target.key),
    keys.source.tokens.length,
    keys.target.tokens.length,
    joinTokens(keys.source.tokens),
    joinTokens(keys.target.tokens),
  ]
}
