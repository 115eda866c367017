/**
 * `mizan/postgres`: a translation memory in PostgreSQL (`pg` 8, an optional peer dependency), for a team sharing
 * one memory from several machines.
 *
 * Why this shape:
 * - **Schema on first use, versioned.** Opening applies the missing migrations (sql/schema.ts) under an advisory
 *   lock, so eight clients opening a new database at once create it once.
 * - **Safe under concurrent writers.** A write takes transaction-scoped advisory locks on its unit ids' stripes, in sorted
 *   order (so two writers never deadlock), then deletes the old rows and inserts the new ones, with their posting
 *   blocks, in the same transaction (see insertBlocks, mergeIntoBlocks, removePostings); `id` is a unique
 *   column besides. Two writers adding the same id serialise; different ids wait only when they share one of 256 lock stripes. A client
 *   killed mid-transaction leaves nothing: PostgreSQL rolls the transaction back when its connection drops.
 * - **Candidates from posting blocks.** The inverted index is the one SQLite keeps (schema 3): per token hash and
 *   unit length, blocks of delta-encoded seqs with each unit's multiplicity of the token (sql/blocks.ts). A fuzzy
 *   search reads the blocks of the rarest query tokens (judged by the column's most-common-element statistics)
 *   with one statement, counts each unit's hits in typed arrays (sql/postings.ts), reads further cheap lists,
 *   and fetches with one more statement only the rows of units still passing the overlap bound. It needs no
 *   transaction: its reads check that they saw one snapshot, and run again in one when they did not. All the bounds
 *   are the memory's own lossless arithmetic (sql/plan.ts), and `TranslationMemory` then scores and ranks the
 *   candidates as it does for every backend, so results are identical.
 * - **Compaction after bulk loads.** Each batch writes blocks of its own, so a bulk load leaves rare words' lists
 *   as many tiny blocks; `compact()` rewrites them into full ones (same postings, a sixth of the rows at a
 *   million units), which halves a search's server CPU.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * import { PostgresStorage } from 'mizan/postgres'
 * const storage = await PostgresStorage.open('postgres://mizan@db.example.org/tm')
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
 * await tm.add({ source: 'شكرا جزيلا.', target: 'Thank you very much.' })
 * await storage.close()
 * ```
 * @module mizan/postgres
 */
import type { Pool, PoolClient, QueryConfig } from 'pg'
import { OptionsError, StorageError } from '../errors.js'
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
import { hash53 } from './sql/hash.js'
import { holdsEveryGroup, intersectGroups } from './intersect-groups.js'
import { distinctTokens, lengthWindow, passesOverlap, prefixEnd, prefixNeeded, type PlannedToken } from './sql/plan.js'
import { blockCapacity, decodePostings, encodePostings } from './sql/blocks.js'
import {
  byHash,
  extraReadFloor,
  hitBounds,
  HitCounter,
  pendingLists,
  queuePostings,
  tokenCounts,
  type PendingBatch,
} from './sql/postings.js'
import { parseKeyVersion, postgresMigrations } from './sql/schema.js'
import { findPartsByKey, partCandidates, partCountRows, PartCounts, partRowsSql, PartSearch, type PartBlockRow, type PartRow } from './postgres-parts.js'
import { applyPartWrites, buildPartGroupPostings, clearParts, deleteParts, newPartWrites, putParts, type PartWrites } from './postgres-part-groups.js'
import { fillConcordanceTables, groupsByHash, newestCandidates, recordConcordance, tokensStartingWith } from './postgres-concordance.js'
import { checkConnectionString } from './sql/connection-string.js'
import { addListBlocks, insertBlockColumns, insertBlocks, newBlockColumns, sortedPostings, type BlocksTable } from './postgres-blocks.js'
import type { TranslationUnit } from '../types.js'

// The subpath entry also offers the one-string opener (`openStore('sqlite:tm.db')` / `openStore('postgres://...')`).
export { openStore } from './open-store.js'
export type { OpenStoreOptions } from './open-store.js'

/**
 * Options of {@link PostgresStorage.open}.
 *
 * @example
 * ```ts
 * import { PostgresStorage } from 'mizan/postgres'
 * const storage = await PostgresStorage.open('postgres://mizan@db.example.org/tm', { poolSize: 8, connectTimeoutMs: 5000 })
 * ```
 * @group Storage
 */
export interface PostgresStorageOptions {
  /**
   * Connections this process keeps in its pool.
   * @defaultValue 4
   */
  poolSize?: number
  /**
   * How long to wait for a connection before failing, in milliseconds.
   * @defaultValue 10000
   */
  connectTimeoutMs?: number
}

/** Defaults of {@link PostgresStorageOptions}. */
const defaults = { poolSize: 4, connectTimeoutMs: 10_000 } as const

/** Settings of every session, sent with the connection's startup (see `PostgresStorage.open`). */
const SESSION_SETTINGS = '-c plan_cache_mode=force_generic_plan -c jit=off'

/** Units read per page by `units()`. */
const pageSize = 1000

/**
 * Further posting lists are read while they hold at most this many postings per unit still passing (SQLite
 * uses `extraReadFactor`, 256). Here a posting costs more than in SQLite (the server joins and hex-encodes it,
 * the client parses the text) and a row less, relative to it. A profiling script at 1,000,000 units (the
 * benchmark's 300 queries, twice, on the shared machine) measured client CPU per search, mean, 6.2–7.5 ms with 64
 * against 7.9–9.0 ms with 256, server CPU 4.5–4.8 against 4.6–5.5 ms, the same answers; 32 and 16 fetched many
 * more rows and saved nothing more.
 */
const listReadFactor = 64

/** How long token statistics are reused before being read again. */
const statisticsMaxAgeMs = 60_000

/** The key of the advisory lock that serialises migrations (any constant; this one spells "mizan" in ASCII). */
const migrationLock = 0x6d697a616e

/**
 * A translation memory in a PostgreSQL database. Open it with {@link PostgresStorage.open} and pass it as the
 * `storage` of a `TranslationMemory`; any number of processes may share the database.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * import { PostgresStorage } from 'mizan/postgres'
 * const storage = await PostgresStorage.open(process.env.DATABASE_URL!)
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
 * const count = await tm.size() // units stored in the database
 * ```
 * @group Storage
 */
export class PostgresStorage implements TmStorage {
  /** Always `'postgres'`. */
  readonly kind = 'postgres'
  /** The connection string with any password removed, for messages. */
  readonly location: string
  readonly #pool: Pool
  #closed = false
  /** Per side: token → share of units holding it, from the column statistics, and when it was read. */
  readonly #statistics: Partial<Record<MatchSide, Statistics>> = {}
  /** Hit counters not in use: searches overlap (each awaits the server), so each takes its own. */
  readonly #counters: HitCounter[] = []
  /** Part posting counts per length, remembered a while (see postgres-parts.ts). */
  readonly #partCounts = new PartCounts()
  /** The largest seq a search has seen, to size new counters once. */
  #maxSeq = 0

  private constructor(pool: Pool, location: string) {
    this.#pool = pool
    this.location = location
  }

  /**
   * Connects, creates or migrates the schema (once, under an advisory lock) and checks the matching-key version.
   *
   * @param connectionString - `postgres://user:password@host:port/database` (or `postgresql://`)
   * @param options - see {@link PostgresStorageOptions}
   * @returns the open memory
   * @throws {@link mizan!OptionsError} for an option of the wrong type, naming it
   * @throws {@link mizan!StorageError} `'STORAGE_DRIVER_MISSING'` when pg is not installed (fix: `npm install pg`);
   *   `'STORAGE_FAILED'` for a malformed connection string, a server that cannot be reached or refuses us, a
   *   database written by a newer mizan, or one indexed with other matching keys
   * @example
   * ```ts
   * const storage = await PostgresStorage.open('postgres://localhost/tm', { poolSize: 8 })
   * ```
   */
  static async open(connectionString: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const location = checkConnectionString(connectionString)
    if (typeof options !== 'object' || options === null) throw new OptionsError('options', options, 'an options object')
    if (options.poolSize !== undefined && (!Number.isInteger(options.poolSize) || options.poolSize < 1)) throw new OptionsError('poolSize', options.poolSize, 'a positive integer')
    if (options.connectTimeoutMs !== undefined && (typeof options.connectTimeoutMs !== 'number' || !(options.connectTimeoutMs >= 0))) {
      throw new OptionsError('connectTimeoutMs', options.connectTimeoutMs, 'a number of at least 0')
    }
    const pg = defaultExport(await loadDriver('pg', () => import('pg')))
    const pool: Pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? defaults.poolSize,
      connectionTimeoutMillis: options.connectTimeoutMs ?? defaults.connectTimeoutMs,
      // Our statements are few and simple: plan each named statement once per connection and reuse the plan. JIT
      // compilation (about 100 ms per compiled query, worth it only for long analytic ones) is off. Sent as
      // settings of the connection's startup, not as a query on `connect`: that query was still running when the
      // pool handed the new client to its first caller (a query on a busy client, which pg 9 will refuse). An
      // `options` parameter in the connection string wins over these (node-postgres reads the string last).
      options: SESSION_SETTINGS,
    })
    // An idle client that loses its connection must not crash the process; the next query reports it.
    pool.on('error', () => {})
    const storage = new PostgresStorage(pool, location)
    try {
      await storage.#transaction('create or migrate the schema', (client) => migrate(client, location))
    } catch (error) {
      await pool.end().catch(() => {})
      throw error
    }
    return storage
  }

  /**
   * Counts the units.
   *
   * @returns the number of units
   * @throws {@link mizan!StorageError} when the query fails
   * @example
   * ```ts
   * await storage.size()
   * ```
   */
  async size(): Promise<number> {
    const rows = await this.#query<{ n: string }>('count units', `SELECT count(*) AS n FROM mizan_units`)
    return Number(rows[0]!.n)
  }

  /**
   * Reads one unit.
   *
   * @param id - the unit id
   * @returns the unit and its seq, or `undefined`
   * @throws {@link mizan!StorageError} when the query fails
   * @example
   * ```ts
   * await storage.get('u1')
   * ```
   */
  async get(id: string): Promise<StoredUnit | undefined> {
    const rows = await this.#query<UnitRow>('read a unit', `SELECT seq, data FROM mizan_units WHERE id = $1`, [id], 'mizan_get')
    return rows.length === 0 ? undefined : toStored(rows[0]!)
  }

  /**
   * Inserts or replaces one unit (by id), in one transaction.
   *
   * @param entry - the unit and its keys
   * @returns the stored unit with its new seq
   * @throws {@link mizan!StorageError} when the transaction fails (nothing is written)
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
   * @param entries - units and keys, in order
   * @returns the stored units, one per entry
   * @throws {@link mizan!StorageError} when the transaction fails (nothing is written)
   * @example
   * ```ts
   * await storage.putMany(entries)
   * ```
   */
  async putMany(entries: readonly StorageEntry[]): Promise<StoredUnit[]> {
    if (entries.length === 0) return []
    return this.#transaction('write units', async (client) => {
      await lockIds(client, entries.map((entry) => entry.unit.id))
      return putEntries(client, entries)
    })
  }

  /**
   * Deletes units and puts others in one transaction: all of it is written or none (see
   * {@link mizan!TmStorage.writeBatch}).
   *
   * @param changes - ids to delete, then entries to put
   * @returns the stored units, one per entry, and how many units were deleted
   * @throws {@link mizan!StorageError} when the transaction fails (nothing is written)
   * @example
   * ```ts
   * await storage.writeBatch({ delete: ['u1', 'u2'], put: [{ unit: merged, keys }] })
   * ```
   */
  async writeBatch(changes: WriteBatch): Promise<{ stored: StoredUnit[]; deleted: number }> {
    return this.#transaction('write a batch of units', async (client) => {
      // One lock call for every id the batch touches (lockIds sorts them, so two batches cannot deadlock).
      await lockIds(client, [...changes.delete, ...changes.put.map((entry) => entry.unit.id)])
      // The sentence changes of the whole batch go to their groups at once (see postgres-part-groups.ts).
      const writes = newPartWrites()
      const deleted = changes.delete.length === 0 ? 0 : (await deleteUnits(client, [...new Set(changes.delete)], writes)).size
      if (changes.put.length === 0) await applyPartWrites(client, writes)
      return { stored: changes.put.length === 0 ? [] : await putEntries(client, changes.put, writes), deleted }
    })
  }

  /**
   * The matching-key version recorded in the database.
   *
   * @returns the version
   * @throws {@link mizan!StorageError} when the query fails
   * @example
   * ```ts
   * await storage.keyVersion() // 2
   * ```
   */
  async keyVersion(): Promise<number> {
    return this.#transaction('read the key version', async (client) => (await recordedKeyVersion(client)) ?? 0, false)
  }

  /**
   * Rebuilds every unit's matching keys and tokens with `keysOf`, and the posting blocks from them, and records
   * `version`, in one transaction under the migration lock (so two processes do not both re-key); seqs,
   * positions and units are untouched. Does nothing when `version` is already recorded.
   *
   * @param keysOf - the keys of a unit (`TranslationMemory.keysOf`)
   * @param version - the version those keys are
   * @returns how many units were re-keyed
   * @throws {@link mizan!StorageError} when the transaction fails (nothing is changed)
   * @example
   * ```ts
   * await storage.rekey((unit) => tm.keysOf(unit), matchingKeyVersion)
   * ```
   */
  async rekey(keysOf: (unit: TranslationUnit) => UnitKeys, version: number): Promise<number> {
    return this.#transaction('re-key units', async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [migrationLock])
      if ((await recordedKeyVersion(client)) === version) return 0
      let after = 0
      let count = 0
      // The sentences of multi-sentence units are keyed anew with their units, a page at a time.
      await clearParts(client)
      for (;;) {
        const rows = (await client.query<UnitRow>(`SELECT seq, data FROM mizan_units WHERE seq > $1 ORDER BY seq LIMIT 5000`, [after])).rows
        if (rows.length === 0) break
        const keys = rows.map((row) => keysOf(JSON.parse(row.data) as TranslationUnit))
        await client.query(
          `UPDATE mizan_units u SET source_key = t.sk, target_key = t.tk, source_key_hash = t.skh, target_key_hash = t.tkh,
                  source_len = t.sl, target_len = t.tl,
                  source_tokens = ARRAY(SELECT json_array_elements_text(t.st::json)), target_tokens = ARRAY(SELECT json_array_elements_text(t.tt::json))
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::int[], $7::int[], $8::text[], $9::text[])
                AS t(seq, sk, tk, skh, tkh, sl, tl, st, tt)
           WHERE u.seq = t.seq`,
          [
            rows.map((row) => row.seq),
            keys.map((key) => key.source.key),
            keys.map((key) => key.target.key),
            keys.map((key) => hash53(key.source.key)),
            keys.map((key) => hash53(key.target.key)),
            keys.map((key) => key.source.tokens.length),
            keys.map((key) => key.target.tokens.length),
            keys.map((key) => JSON.stringify(key.source.tokens)),
            keys.map((key) => JSON.stringify(key.target.tokens)),
          ],
        )
        await putParts(client, rows.map((row, index) => ({ seq: Number(row.seq), parts: keys[index]!.parts })), newPartWrites())
        count += rows.length
        after = Number(rows[rows.length - 1]!.seq)
      }
      await client.query(`DELETE FROM mizan_posting_blocks`)
      await buildPostings(client)
      await fillConcordanceTables(client, false)
      await client.query(`INSERT INTO mizan_meta (key, value) VALUES ('matchingKeyVersion', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [String(version)])
      return count
    })
  }

  /**
   * Part candidates: a superset of the sentences of multi-sentence units scoring at least `minScore`, from their
   * own posting blocks with the bounds unit search uses; the answer is that of one snapshot (see postgres-parts.ts).
   *
   * @param query - side, query tokens and threshold
   * @returns part candidates with the sentence's tokens
   * @throws {@link mizan!StorageError} when a query fails
   * @example
   * ```ts
   * await storage.fuzzyPartCandidates({ side: 'source', tokens: ['وحضرها', 'رئيسا'], minScore: 0.7 })
   * ```
   */
  async fuzzyPartCandidates(query: FuzzyCandidateQuery): Promise<PartCandidateUnit[]> {
    if (query.tokens.length === 0) return []
    // A token whose part counts are not remembered is ordered by its units' statistics meanwhile (a sentence's
    // tokens are a unit's; the order never changes the answer, see PartCounts).
    const estimates = new Map(this.#rank(distinctTokens(query.side, query.tokens), await this.#frequencies(query.side)).map((list) => [list.hash, list.cost]))
    const estimate = (hash: number) => estimates.get(hash) ?? 0
    const hits = this.#counters.pop() ?? new HitCounter()
    const search = (client: PoolClient, oneSnapshot: boolean) => partCandidates(client, hits, this.#partCounts, query.side, query.tokens, query.minScore, oneSnapshot, estimate)
    try {
      // Without a transaction first (its reads checked to agree with one snapshot), as unit searches run.
      const found = await this.#transaction('search part candidates', (client) => search(client, false), false)
      if (found !== undefined) return found
      const again = await this.#transaction('search part candidates', (client) => search(client, true), true, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      if (again === undefined) throw new StorageError('cannot search part candidates: reads inside one snapshot disagreed; this is a bug')
      return again
    } finally {
      this.#counters.push(hits)
    }
  }

  /**
   * The sentences of multi-sentence units whose matching key on `side` equals `key`, with their units.
   *
   * @param side - `'source'` or `'target'`
   * @param key - a matching key
   * @returns the units with the index of the matching sentence
   * @throws {@link mizan!StorageError} when the query fails
   * @example
   * ```ts
   * await storage.findPartsByKey('source', 'وحضرها 15 رئيسا.')
   * ```
   */
  async findPartsByKey(side: MatchSide, key: string): Promise<StoredPart[]> {
    return this.#transaction('look up a sentence key', (client) => findPartsByKey(client, side, key), false)
  }

  /**
   * Removes a unit and its postings, in one transaction.
   *
   * @param id - the unit id
   * @returns whether a unit was removed
   * @throws {@link mizan!StorageError} when the transaction fails
   * @example
   * ```ts
   * await storage.delete('u1')
   * ```
   */
  async delete(id: string): Promise<boolean> {
    return this.#transaction('delete a unit', async (client) => {
      await lockIds(client, [id])
      const writes = newPartWrites()
      const deleted = (await deleteUnits(client, [id], writes)).size > 0
      await applyPartWrites(client, writes)
      return deleted
    })
  }

  /**
   * Units whose matching key on `side` equals `key`.
   *
   * @param side - `'source'` or `'target'`
   * @param key - a matching key
   * @returns the matching units
   * @throws {@link mizan!StorageError} when the query fails
   * @example
   * ```ts
   * await storage.findByKey('source', 'شكرا')
   * ```
   */
  async findByKey(side: MatchSide, key: string): Promise<StoredUnit[]> {
    const rows = await this.#query<UnitRow>(
      'look up a key',
      `SELECT seq, data FROM mizan_units WHERE ${sideColumn(side)}_key_hash = $1 AND ${sideColumn(side)}_key = $2`,
      [hash53(key), key],
      `mizan_key_${side}`,
    )
    return rows.map(toStored)
  }

  /**
   * Reads many units by id in one statement (the batch form of {@link PostgresStorage.get}).
   *
   * @param ids - unit ids
   * @returns the stored units by id; unknown ids are absent
   * @throws {@link mizan!StorageError} when the query fails
   * @example
   * ```ts
   * await storage.getMany(['u1', 'u2'])
   * ```
   */
  async getMany(ids: readonly string[]): Promise<Map<string, StoredUnit>> {
    const found = new Map<string, StoredUnit>()
    if (ids.length === 0) return found
    const rows = await this.#query<UnitRow & { id: string }>('read units', `SELECT id, seq, data FROM mizan_units WHERE id = ANY($1::text[])`, [[...new Set(ids)]], 'mizan_get_many')
    for (const row of rows) found.set(row.id, toStored(row))
    return found
  }

  /**
   * Exact-key look-up of many keys in one statement (the batch form of {@link PostgresStorage.findByKey}).
   *
   * @param side - `'source'` or `'target'`
   * @param keys - matching keys
   * @returns the matching units by key; keys without units are absent
   * @throws {@link mizan!StorageError} when the query fails
   * @example
   * ```ts
   * await storage.findByKeys('source', ['شكرا', 'نعم'])
   * ```
   */
  async findByKeys(side: MatchSide, keys: readonly string[]): Promise<Map<string, StoredUnit[]>> {
    const found = new Map<string, StoredUnit[]>()
    if (keys.length === 0) return found
    const distinct = [...new Set(keys)]
    const rows = await this.#query<UnitRow & { key: string }>(
      'look up keys',
      `SELECT seq, data, ${sideColumn(side)}_key AS key FROM mizan_units
       WHERE ${sideColumn(side)}_key_hash = ANY($1::bigint[]) AND ${sideColumn(side)}_key = ANY($2::text[])`,
      [distinct.map(hash53), distinct],
      `mizan_keys_${side}`,
    )
    for (const row of rows) {
      const list = found.get(row.key)
      if (list === undefined) found.set(row.key, [toStored(row)])
      else list.push(toStored(row))
    }
    return found
  }

  /**
   * Fuzzy candidates. The query's distinct tokens are ranked rarest first by the column statistics; one statement
   * reads the posting blocks (inside the length window) of the rarest tokens covering `prefixNeeded(|q|, m)`
   * occurrences (the prefix filter, sql/plan.ts) and of any further token cheap enough to read regardless; each
   * unit's hits (query occurrences of the read tokens it holds, up to its own multiplicity) are counted in typed
   * arrays, units being added only by the lists in the prefix of their length (`prefixEnd`). Further statements
   * read further lists, rarest first, in rounds of at most `listReadFactor` postings per unit still
   * passing. A unit of `n` tokens scoring at least `m` holds at least `minOverlap(|q|, n, m)` query occurrences,
   * of which the unread tokens supply at most their own count, so only units reaching that are fetched (one
   * statement, by seq), and their stored tokens get the exact multiset check. The answer is that of one snapshot
   * (see `SearchReader`). A superset of every unit scoring at least `minScore`.
   *
   * @param query - side, query tokens and threshold
   * @returns candidates with their tokens
   * @throws {@link mizan!StorageError} when the query fails
   * @example
   * ```ts
   * await storage.fuzzyCandidates({ side: 'source', tokens: ['شكرا', 'جزيلا'], minScore: 0.7 })
   * ```
   */
  async fuzzyCandidates(query: FuzzyCandidateQuery): Promise<CandidateUnit[]> {
    if (query.tokens.length === 0) return []
    return (await this.#fuzzy(query, false)).units
  }

  /**
   * {@link PostgresStorage.fuzzyCandidates} and {@link PostgresStorage.fuzzyPartCandidates} of one query in the
   * statements of the unit search alone: the part search's first posting read goes in the unit search's first,
   * its second (when worth it) in the unit search's second, and the surviving groups' rows in the unit row read.
   * Each statement is a round trip, and the part statements took only a tenth to three tenths of a millisecond on
   * the server, so a search with parts sends as many statements as one without. Both answers are
   * those of one snapshot (the part rows' is checked against the posting reads', see `SearchReader`).
   *
   * @param query - side, query tokens and threshold
   * @returns the unit candidates and the part candidates, each as its own method gives them
   * @throws {@link mizan!StorageError} when a query fails
   * @example
   * ```ts
   * await storage.fuzzyUnitAndPartCandidates({ side: 'source', tokens: ['وحضرها', 'رئيسا'], minScore: 0.7 }) // { units: […], parts: […] }
   * ```
   */
  async fuzzyUnitAndPartCandidates(query: FuzzyCandidateQuery): Promise<{ units: CandidateUnit[]; parts: PartCandidateUnit[] }> {
    if (query.tokens.length === 0) return { units: [], parts: [] }
    return this.#fuzzy(query, true)
  }

  /** The unit search of {@link PostgresStorage.fuzzyCandidates}, with a {@link PartSearch} in its statements when `withParts`. */
  async #fuzzy(query: FuzzyCandidateQuery, withParts: boolean): Promise<{ units: CandidateUnit[]; parts: PartCandidateUnit[] }> {
    const { side, tokens, minScore } = query
    const column = sideColumn(side)
    const queryLength = tokens.length
    const { low, high } = lengthWindow(queryLength, minScore)
    const planned = distinctTokens(side, tokens)
    const needed = prefixNeeded(queryLength, minScore)
    const statistics = await this.#frequencies(side)
    const lists = this.#rank(planned, statistics)
    // A token whose part counts are not remembered is ordered by its units' estimate meanwhile (a sentence's
    // tokens are a unit's; the order never changes the answer, see PartCounts).
    const estimates = new Map(lists.map((list) => [list.hash, list.cost]))
    const partHits = withParts ? (this.#counters.pop() ?? new HitCounter()) : undefined
    try {
      return await this.#search(withParts ? 'search fuzzy and part candidates' : 'search fuzzy candidates', async (reader, hits) => {
        const parts = partHits === undefined ? undefined : new PartSearch(partHits, this.#partCounts, side, tokens, minScore, (hash) => estimates.get(hash) ?? 0)
        // The prefix, and after it every list cheap enough to read whatever the candidates (only counted for units
        // the prefix found).
        let covered = 0
        let at = 0
        const first: typeof lists = []
        for (; at < lists.length; at++) {
          const list = lists[at]!
          if (covered >= needed && list.cost > extraReadFloor) break
          first.push(list)
          covered += list.weight
        }
        // The prefix per unit length: a list adds units at the lengths where the lists before it hold fewer query
        // occurrences than that length's prefix. Longer units must share more tokens, so their prefix is shorter
        // (down to one occurrence at the window's top), and fewer units are found to count further.
        let before = 0
        for (const list of first) {
          list.openUpTo = prefixEnd(queryLength, minScore, low, high, before)
          before += list.weight
        }
        const firstParts = await this.#readLists(reader, hits, first, low, high, parts?.firstRead())
        if (firstParts === undefined) return undefined
        // The part search's second read goes with the first round (or alone when there is none).
        let costlyParts = parts?.takeFirst(firstParts)
        // Further lists, rarest first, in rounds: each round reads the lists whose postings together number at most
        // listReadFactor per unit still passing (the rows they may spare), then counts the passing units again.
        // Each list read raises every unit's bound by its weight, so the passing units usually fall fast, and the
        // common words' long lists are left unread once few units remain.
        for (;;) {
          const reaching = hits.countReaching(hitBounds(queryLength, minScore, low, high, queryLength - covered), low)
          const round: typeof lists = []
          let cost = 0
          for (; at < lists.length && cost + lists[at]!.cost <= listReadFactor * reaching; at++) {
            round.push(lists[at]!)
            cost += lists[at]!.cost
            covered += lists[at]!.weight
          }
          if (round.length === 0 && (costlyParts === undefined || costlyParts.length === 0)) break
          const partRows = await this.#readLists(reader, hits, round, low, high, costlyParts === undefined ? undefined : { tokens: costlyParts, uncounted: [] })
          if (partRows === undefined) return undefined
          if (costlyParts !== undefined) parts!.takeSecond(partRows)
          costlyParts = undefined
          if (round.length === 0) break
        }
        const bound = hitBounds(queryLength, minScore, low, high, queryLength - covered)
        const seqs: number[] = []
        hits.forEach((seq, count, length) => {
          if (count >= bound[length - low]!) seqs.push(seq)
        })
        const read = await this.#rowsBySeq(reader, column, seqs, parts?.survivors() ?? [], parts)
        if (read === undefined) return undefined
        const queryCounts = new Map(planned.map((token) => [token.token, token.count]))
        const units = read.units.filter((row) => passesOverlap(queryCounts, row.tokens, queryLength, minScore)).map(toCandidate)
        return { units, parts: parts === undefined ? [] : parts.candidates(read.parts) }
      })
    } finally {
      if (partHits !== undefined) this.#counters.push(partHits)
    }
  }

  /**
   * Concordance candidates: units holding every query word. The rarest word's posting blocks are read whole
   * (units of at least as many tokens as there are words), the other words' while cheap, counting hits; a unit
   * must hold every word read, and its stored tokens are then checked for all the words.
   *
   * @param query - side and distinct words
   * @returns candidates with their tokens
   * @throws {@link mizan!StorageError} when the query fails
   * @example
   * ```ts
   * await storage.concordanceCandidates({ side: 'target', words: ['security', 'council'] })
   * ```
   */
  async concordanceCandidates(query: ConcordanceCandidateQuery): Promise<CandidateUnit[]> {
    const { side, words } = query
    if (query.anyOf !== undefined) return this.#formCandidates(side, query.anyOf)
    if (words.length === 0) return []
    const column = sideColumn(side)
    const planned = distinctTokens(side, words)
    const low = planned.length
    const high = 2 ** 31 - 1
    const statistics = await this.#frequencies(side)
    const lists = this.#rank(planned, statistics).map((list) => ({ ...list, weight: 1 }))
    return this.#search('search concordance candidates', async (reader, hits) => {
      lists[0]!.openUpTo = high
      if ((await this.#readLists(reader, hits, [lists[0]!], low, high)) === undefined) return undefined
      const more = hits.size === 0 ? [] : lists.slice(1).filter((list) => list.cost <= Math.max(extraReadFloor, listReadFactor * hits.size))
      if (more.length > 0 && (await this.#readLists(reader, hits, more, low, high)) === undefined) return undefined
      const read = 1 + more.length
      const seqs: number[] = []
      hits.forEach((seq, count) => {
        if (count >= read) seqs.push(seq)
      })
      const wanted = planned.map((token) => token.token)
      const found = await this.#rowsBySeq(reader, column, seqs, [])
      if (found === undefined) return undefined
      return found.units
        .filter((row) => {
          const have = new Set(row.tokens)
          return wanted.every((word) => have.has(word))
        })
        .map(toCandidate)
    })
  }

  /**
   * Concordance candidates of word-form groups: the posting blocks of every form read in one statement, united
   * per group, the groups intersected, the rows read and checked against the tokens themselves; both reads in one
   * read-only repeatable-read transaction, so they see one snapshot.
   */
  async #formCandidates(side: MatchSide, groups: ReadonlyArray<readonly string[]>): Promise<CandidateUnit[]> {
    if (groups.length === 0) return []
    const column = sideColumn(side)
    const groupsOfHash = groupsByHash(side, groups)
    return this.#transaction(
      'search concordance candidates',
      async (client) => {
        const blocks = await client.query<{ token: string; seqs: Buffer }>(`SELECT token, seqs FROM mizan_posting_blocks WHERE token = ANY($1::bigint[])`, [[...groupsOfHash.keys()]])
        const lists: number[][] = groups.map(() => [])
        for (const row of blocks.rows) {
          const seqs = decodePostings(row.seqs).seqs
          for (const index of groupsOfHash.get(Number(row.token)) ?? []) for (const seq of seqs) lists[index]!.push(seq)
        }
        const seqs = intersectGroups(lists)
        if (seqs.length === 0) return []
        const rows = await client.query<UnitRow & { tokens: string }>(`SELECT seq, data, array_to_json(${column}_tokens)::text AS tokens FROM mizan_units WHERE seq = ANY($1::bigint[]) ORDER BY seq`, [seqs])
        const holdsEvery = holdsEveryGroup(groups)
        return rows.rows
          .map((row) => ({ ...row, tokens: JSON.parse(row.tokens) as string[] }))
          .filter((row) => holdsEvery(row.tokens))
          .map(toCandidate)
      },
      true,
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    )
  }

  /**
   * Stored tokens of a side that start with `prefix` (for concordance `desalinat*`): an index range of the
   * vocabulary table (see postgres-concordance.ts).
   *
   * @param side - `'source'` or `'target'`
   * @param prefix - a key token
   * @returns the tokens (some may belong only to removed units)
   * @throws {@link mizan!StorageError} when the query fails
   * @example
   * ```ts
   * await storage.tokensStartingWith('target', 'desalinat') // ['desalinate', 'desalination', …]
   * ```
   */
  async tokensStartingWith(side: MatchSide, prefix: string): Promise<string[]> {
    return this.#transaction('list tokens', (client) => tokensStartingWith(client, side, prefix), false)
  }

  /**
   * Concordance candidates best ranked first (see {@link mizan!TmStorage.concordanceRanked}): while every unit
   * was written in date order, the posting blocks walked newest first and the rows read a batch at a time as far
   * as the caller iterates, two round trips for a one-word query (postgres-concordance.ts); otherwise every
   * candidate, sorted.
   *
   * @param query - side, words and word-form groups
   * @returns batches of candidates with their tokens
   * @throws {@link mizan!StorageError} when a query fails
   * @example
   * ```ts
   * for await (const batch of storage.concordanceRanked({ side: 'target', words: ['water'] })) batch // newest first
   * ```
   */
  async *concordanceRanked(query: ConcordanceCandidateQuery): AsyncIterable<CandidateUnit[]> {
    yield* newestCandidates((work) => this.#transaction('search concordance candidates', work, false), query, () => this.concordanceCandidates(query))
  }

  /**
   * Every unit once, in insertion order (a replaced unit keeps its place, as in the in-process memory), a page
   * at a time (keyset pagination on the position, so a page costs the same at any depth).
   *
   * @returns an async iterable of stored units
   * @throws {@link mizan!StorageError} when a query fails
   * @example
   * ```ts
   * const ids: string[] = []
   * for await (const { unit } of storage.units()) ids.push(unit.id)
   * ```
   */
  async *units(): AsyncIterable<StoredUnit> {
    let after = 0
    for (;;) {
      const rows = await this.#query<UnitRow & { position: string }>(
        'read units',
        `SELECT seq, position, data FROM mizan_units WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, pageSize],
      )
      for (const row of rows) yield toStored(row)
      if (rows.length < pageSize) return
      after = Number(rows[rows.length - 1]!.position)
    }
  }

  /**
   * Closes the pool. Idempotent.
   *
   * @example
   * ```ts
   * await storage.close()
   * ```
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#pool.end()
  }

  /**
   * The most common tokens of a side with the share of units holding them, from PostgreSQL's statistics of the
   * token column (`pg_stats.most_common_elems`, kept by ANALYZE and autovacuum), and the table's row estimate. A
   * token not listed is rarer than every listed one. Read at most once a minute per side: the choice of lists
   * only steers the cost of a search, never its answer, so slightly stale figures are fine.
   */
  async #frequencies(side: MatchSide): Promise<Statistics> {
    const cached = this.#statistics[side]
    if (cached !== undefined && Date.now() - cached.readAt < statisticsMaxAgeMs) return cached
    const rows = await this.#query<{ elems: string[] | null; freqs: number[] | null; units: number | null; max_seq: string }>(
      'read token statistics',
      `SELECT s.elems, s.freqs, (SELECT reltuples FROM pg_class WHERE oid = 'mizan_units'::regclass) AS units,
              (SELECT last_value FROM mizan_units_seq) AS max_seq
       FROM (SELECT 1) one LEFT JOIN (
         SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs FROM pg_stats
         WHERE schemaname = current_schema() AND tablename = 'mizan_units' AND attname = $1) s ON true`,
      [`${sideColumn(side)}_tokens`],
    )
    const frequency = new Map<string, number>()
    const { elems, freqs, units, max_seq } = rows[0]!
    // Sizes the hit counters once instead of growing them seq by seq (a search still grows them if it must).
    this.#maxSeq = Math.max(this.#maxSeq, Number(max_seq))
    let rarest = 0
    if (elems !== null && freqs !== null) {
      elems.forEach((token, index) => frequency.set(token, freqs[index] ?? 0))
      rarest = Math.min(...elems.map((_, index) => freqs[index] ?? 0))
    }
    // reltuples is -1 before the first VACUUM or ANALYZE.
    const statistics = { frequency, rarest, units: Math.max(0, Number(units ?? 0)), readAt: Date.now() }
    this.#statistics[side] = statistics
    return statistics
  }

  /**
   * The query's posting lists (one per key, `byHash`) ranked rarest first, each with an estimated cost (postings,
   * from the statistics: the share of units holding its token times the units; a token not listed costs at most
   * the rarest listed one's share).
   */
  #rank(planned: readonly PlannedToken[], statistics: Statistics): RankedList[] {
    const share = new Map<number, number>()
    for (const token of planned) {
      const known = statistics.frequency.get(token.token)
      share.set(token.hash, Math.max(share.get(token.hash) ?? 0, known ?? statistics.rarest))
    }
    return byHash(planned)
      .map((list) => ({ ...list, cost: (share.get(list.hash) ?? 0) * statistics.units, openUpTo: 0 }))
      .sort((a, b) => a.cost - b.cost)
  }

  /**
   * Reads the posting blocks of `lists` inside the length window (one statement, which also reads the part search's
   * `parts` when given) and counts them; returns the part rows, or undefined when the read is not consistent with
   * the search's earlier reads (see `SearchReader`). The server joins each
   * list's blocks of one length into one value (zero-byte separated, see `HitCounter.addBlock`), so a list of a
   * common word costs the client a few rows to parse instead of thousands.
   */
  async #readLists(reader: SearchReader, hits: HitCounter, lists: readonly RankedList[], low: number, high: number, parts?: { tokens: readonly number[]; uncounted: readonly number[] }): Promise<PartBlockRow[] | undefined> {
    const read = await reader.blocks(lists.map((list) => list.hash), low, high, parts)
    if (read === undefined) return undefined
    const rows = read.units
    const byToken = new Map<string, Array<[number, Buffer]>>()
    for (const { token, len, seqs } of rows) {
      const blocks = byToken.get(token)
      if (blocks === undefined) byToken.set(token, [[len, seqs]])
      else blocks.push([len, seqs])
    }
    // At each length, the lists that add units come before those that only count them: by openUpTo, descending.
    for (const list of [...lists].sort((a, b) => b.openUpTo - a.openUpTo)) {
      for (const [length, block] of byToken.get(String(list.hash)) ?? []) hits.addBlock(block, list.weight, length, length <= list.openUpTo)
    }
    return read.parts
  }

  /**
   * Reads the candidate rows of `seqs` and the rows of the part groups `gids` (one statement, none when both are
   * empty); undefined when one of the units is gone or the part rows are of another snapshot (see `SearchReader`).
   */
  async #rowsBySeq(reader: SearchReader, column: 'source' | 'target', seqs: readonly number[], gids: readonly number[], parts?: PartSearch): Promise<{ units: CandidateRow[]; parts: PartRow[] } | undefined> {
    if (seqs.length === 0 && gids.length === 0) return { units: [], parts: [] }
    for (const seq of seqs) if (seq > this.#maxSeq) this.#maxSeq = seq
    if (gids.length > 0) return reader.rowsWithParts(column, seqs, gids, parts!.rowFilter())
    const units = await reader.rows(column, seqs)
    return units === undefined ? undefined : { units, parts: [] }
  }

  /**
   * Runs a search's reads, first without a transaction (each statement is its own snapshot, see
   * {@link SearchReader}); when `work` finds that a write committed between its reads (it returns undefined), runs
   * it again inside one read-only repeatable-read transaction, where every read sees the same snapshot.
   */
  async #search<T>(what: string, work: (reader: SearchReader, hits: HitCounter) => Promise<T | undefined>): Promise<T> {
    const hits = this.#counters.pop() ?? new HitCounter()
    try {
      hits.reset(this.#maxSeq)
      const result = await this.#transaction(what, (client) => work(new SearchReader(client), hits), false)
      if (result !== undefined) return result
      hits.reset(this.#maxSeq)
      const again = await this.#transaction(what, (client) => work(new SearchReader(client), hits), true, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      // One snapshot for every read: nothing can differ between them.
      if (again === undefined) throw new StorageError(`cannot ${what}: reads inside one snapshot disagreed; this is a bug`)
      return again
    } finally {
      this.#counters.push(hits)
    }
  }

  /**
   * Refreshes the token statistics now (ANALYZE), e.g. after a bulk load; autovacuum does it on its own schedule
   * otherwise.
   *
   * @throws {@link mizan!StorageError} when the statement fails
   * @example
   * ```ts
   * await storage.putMany(entries)
   * await storage.analyze()
   * ```
   */
  async analyze(): Promise<void> {
    await this.#query('analyze the units', 'ANALYZE mizan_units')
    await this.#query('analyze the postings', 'ANALYZE mizan_posting_blocks')
    // The sentences too: without statistics the planner may join a sentence look-up to every unit row.
    await this.#query('analyze the sentences', 'ANALYZE mizan_parts, mizan_part_groups, mizan_part_blocks')
    delete this.#statistics.source
    delete this.#statistics.target
  }

  /**
   * Rewrites every posting list kept in more blocks than it needs into full blocks, the units' and the sentences'
   * (`mizan_part_blocks`, postgres-parts.ts), then vacuums and analyzes both tables (`VACUUM FULL` with
   * `reclaimSpace`). Writers in batches leave a list one block per batch that touched it (a bulk load of a million
   * units in batches of 20,000 leaves about 13 million blocks of 2.5 postings on average), and a search reads each
   * block as a row of its own; compacted, the same postings fit in about 2 million blocks. The sentences' lists
   * fare alike: a bulk load with a fifth of its units made of two sentences a side left 643,433 part blocks of 1.6
   * postings on average, and a search read about six times as many part blocks as it would compacted. Run it
   * after a bulk load.
   *
   * Lists are rewritten in rounds of `compactRound` lists, each round one transaction holding its table in
   * EXCLUSIVE mode: searches go on (they only read), writers wait for the round (a second or so) and then see the
   * new blocks, so a deleter never looks for a seq (or a sentence group) in a block that is gone. The postings
   * themselves never change: every search answers the same before, during and after.
   *
   * A plain VACUUM leaves the old blocks' space in the table for later writes; `reclaimSpace` runs `VACUUM FULL`
   * instead, which gives it back to the disk (a million-unit memory's blocks: 1.8 GB to 300 MB, in about 5 s) but
   * holds the table exclusively while it works: searches and writers wait. Use it after a bulk load, before users.
   *
   * @param options - `reclaimSpace`: return the freed space to the disk (VACUUM FULL)
   * @returns the unit lists rewritten with their blocks before and after, and the same for the sentences' lists (`parts`)
   * @throws {@link mizan!StorageError} when a statement fails (rounds already committed stay, and are correct)
   * @example
   * ```ts
   * await storage.putMany(entries)
   * const { blocksBefore, blocksAfter, parts } = await storage.compact({ reclaimSpace: true }) // e.g. 12,424,371 → 1,562,639
   * ```
   */
  async compact(options: { reclaimSpace?: boolean } = {}): Promise<{ lists: number; blocksBefore: number; blocksAfter: number; parts: { lists: number; blocksBefore: number; blocksAfter: number } }> {
    const units = await this.#compactLists('mizan_posting_blocks')
    const parts = await this.#compactLists('mizan_part_blocks')
    for (const table of ['mizan_posting_blocks', 'mizan_part_blocks'] as const) {
      await this.#query('vacuum the postings', `VACUUM (${options.reclaimSpace === true ? 'FULL, ' : ''}ANALYZE) ${table}`)
    }
    delete this.#statistics.source
    delete this.#statistics.target
    return { ...units, parts }
  }

  /** Rewrites the lists of `table` kept in more blocks than they need, in rounds (see {@link PostgresStorage.compact}). */
  async #compactLists(table: BlocksTable): Promise<{ lists: number; blocksBefore: number; blocksAfter: number }> {
    const lists = await this.#query<{ token: string; len: number; blocks: number }>(
      'find posting lists to compact',
      `SELECT token, len, count(*)::int AS blocks FROM ${table} GROUP BY token, len HAVING count(*) > ceil(sum(n) / ${blockCapacity}.0)`,
    )
    let blocksBefore = 0
    let blocksAfter = 0
    for (let at = 0; at < lists.length; at += compactRound) {
      const round = lists.slice(at, at + compactRound)
      const counted = await this.#transaction('compact posting blocks', async (client) => {
        await client.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`)
        return rewriteLists(client, table, round.map((list) => list.token), round.map((list) => list.len))
      })
      blocksBefore += counted.before
      blocksAfter += counted.after
    }
    return { lists: lists.length, blocksBefore, blocksAfter }
  }

  /** Runs one query on the pool, wrapping driver errors; a `name` makes it a prepared statement per connection. */
  async #query<T>(what: string, sql: string, parameters: unknown[] = [], name?: string): Promise<T[]> {
    if (this.#closed) throw new StorageError(`cannot ${what}: the PostgreSQL memory ${this.location} is closed`)
    try {
      return (await this.#pool.query(name === undefined ? { text: sql, values: parameters } : { name, text: sql, values: parameters })).rows as T[]
    } catch (error) {
      throw wrap(error, what, this.location)
    }
  }

  /**
   * Runs `work` in one transaction (begun by `begin`) on one pooled connection; rolls back on any error. With
   * `delimit` false, `work` runs on the connection without a transaction of ours (a search's optimistic reads).
   * A transaction the server chose as a deadlock's victim is rolled back whole, so it runs again, up to
   * `deadlockRetries` times: writers lock posting blocks in key order, but a block rewritten in place changes its
   * key (`first`), so two deleters that sorted a list's blocks before and after such a rewrite can still lock two
   * of its blocks in opposite orders.
   */
  async #transaction<T>(what: string, work: (client: PoolClient) => Promise<T>, delimit = true, begin = 'BEGIN'): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#attempt(what, work, delimit, begin)
      } catch (error) {
        const code = ((error as { cause?: { code?: unknown } }).cause)?.code
        if (!delimit || code !== '40P01' || attempt >= deadlockRetries) throw error
      }
    }
  }

  /** One try of {@link PostgresStorage.#transaction}. */
  async #attempt<T>(what: string, work: (client: PoolClient) => Promise<T>, delimit: boolean, begin: string): Promise<T> {
    if (this.#closed) throw new StorageError(`cannot ${what}: the PostgreSQL memory ${this.location} is closed`)
    let client: PoolClient
    try {
      client = await this.#pool.connect()
    } catch (error) {
      throw wrap(error, what, this.location)
    }
    let broken = false
    try {
      if (delimit) await client.query(begin)
      const result = await work(client)
      if (delimit) await client.query('COMMIT')
      return result
    } catch (error) {
      try {
        if (delimit) await client.query('ROLLBACK')
      } catch {
        broken = true
      }
      throw wrap(error, what, this.location)
    } finally {
      client.release(broken)
    }
  }
}

/**
 * A search's reads on one connection, without a transaction of their own: a search is one to three statements,
 * and each round trip (BEGIN and COMMIT included) costs the client about as much CPU as counting thousands of
 * postings. Each statement is a named prepared statement (planned once per connection), and the posting blocks
 * come in binary form (raw bytes rather than hex text, which halves what the server sends and spares both sides
 * the conversion).
 *
 * Each statement sees its own snapshot, so the reader checks that the reads of one search agree with one
 * snapshot, and the search runs again inside a repeatable-read transaction when they do not (see
 * `PostgresStorage#search`):
 * - **Posting reads** also return the statement's snapshot (`pg_current_snapshot()`). Two equal snapshots see
 *   the same data: a snapshot lists the transactions still running and the first one not yet completed, so any
 *   transaction committing between two reads makes their snapshots differ. A second posting read whose snapshot
 *   differs from the first's is refused.
 * - **The row read** needs no snapshot check. The candidates were chosen from postings of one snapshot, and a
 *   unit's row never changes under its seq (a write deletes the row and inserts a new one under a new seq). So
 *   if every requested seq still has its row, those rows are the ones the postings' snapshot holds, and the
 *   answer is that snapshot's. A missing row means a unit was deleted or replaced since, and the read is refused.
 *
 * Inside a transaction (the retry) every statement sees the transaction's snapshot, so neither check can fail.
 */
class SearchReader {
  readonly #client: PoolClient
  /** The snapshot of the first posting read. */
  #snapshot: string | undefined

  constructor(client: PoolClient) {
    this.#client = client
  }

  /** The posting blocks of `tokens` at lengths `low`..`high`, joined per (token, length); undefined when inconsistent. */
  async blocks(
    tokens: readonly number[],
    low: number,
    high: number,
    parts?: { tokens: readonly number[]; uncounted: readonly number[] },
  ): Promise<{ units: Array<{ token: string; len: number; seqs: Buffer }>; parts: PartBlockRow[] } | undefined> {
    if (parts !== undefined) return this.#blocksWithParts(tokens, low, high, parts)
    const config: QueryConfig = {
      name: 'mizan_search_blocks',
      text: `SELECT token, len, string_agg(seqs, '\\x00'::bytea) AS seqs, NULL::text AS snapshot FROM mizan_posting_blocks
             WHERE token = ANY($1::bigint[]) AND len BETWEEN $2::int AND $3::int GROUP BY token, len
             UNION ALL SELECT NULL, NULL, NULL, pg_current_snapshot()::text`,
      values: [tokens.map(integer), integer(low), integer(high)],
    }
    const rows = (await this.#client.query<{ token: string; len: number; seqs: Buffer; snapshot: string | null }>(config)).rows
    // The snapshot row is found by its column, not by its place (an append need not keep its branches' order).
    const at = rows.findIndex((row) => row.snapshot !== null)
    if (at < 0) throw new StorageError('a posting read returned no snapshot; this is a bug')
    const snapshot = rows[at]!.snapshot!
    if (this.#snapshot === undefined) this.#snapshot = snapshot
    else if (snapshot !== this.#snapshot) return undefined
    rows.splice(at, 1)
    return { units: rows, parts: [] }
  }

  /**
   * The unit posting blocks of `tokens` and the part posting blocks of `parts.tokens` (both at lengths
   * `low`..`high`, joined per token and length), with the part postings per length of `parts.uncounted`
   * (postgres-parts.ts), in one statement; undefined when inconsistent.
   */
  async #blocksWithParts(tokens: readonly number[], low: number, high: number, parts: { tokens: readonly number[]; uncounted: readonly number[] }): Promise<{ units: Array<{ token: string; len: number; seqs: Buffer }>; parts: PartBlockRow[] } | undefined> {
    const rows = (
      await this.#client.query<{ part: boolean | null; token: string | null; len: number | null; seqs: Buffer | null; counts: string | null; snapshot: string | null }>({
        name: 'mizan_search_unit_and_part_blocks',
        text: `SELECT false AS part, token, len, string_agg(seqs, '\\x00'::bytea) AS seqs, NULL::text AS counts, NULL::text AS snapshot FROM mizan_posting_blocks
               WHERE token = ANY($1::bigint[]) AND len BETWEEN $2::int AND $3::int GROUP BY token, len
               UNION ALL SELECT true, token, len, string_agg(seqs, '\\x00'::bytea), NULL, NULL FROM mizan_part_blocks
               WHERE token = ANY($4::bigint[]) AND len BETWEEN $2::int AND $3::int GROUP BY token, len
               UNION ALL SELECT true, *, NULL FROM (${partCountRows('$5::bigint[]')}) c
               UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, pg_current_snapshot()::text`,
        values: [tokens.map(integer), integer(low), integer(high), parts.tokens.map(integer), parts.uncounted.map(integer)],
      })
    ).rows
    const units: Array<{ token: string; len: number; seqs: Buffer }> = []
    const partRows: PartBlockRow[] = []
    let snapshot: string | undefined
    for (const row of rows) {
      if (row.snapshot !== null) snapshot = row.snapshot
      else if (row.part === true) partRows.push(row)
      else units.push({ token: row.token!, len: row.len!, seqs: row.seqs! })
    }
    if (snapshot === undefined) throw new StorageError('a posting read returned no snapshot; this is a bug')
    if (this.#snapshot === undefined) this.#snapshot = snapshot
    else if (snapshot !== this.#snapshot) return undefined
    return { units, parts: partRows }
  }

  /** The rows of `seqs` (distinct), with the side's tokens; undefined when one of them is gone. */
  async rows(column: 'source' | 'target', seqs: readonly number[]): Promise<CandidateRow[] | undefined> {
    // The tokens travel as JSON text, which JSON.parse reads several times faster than the driver parses the text
    // form of a text[] (character by character, in JavaScript).
    const result = await this.#client.query<UnitRow & { tokens: string }>({
      name: `mizan_search_rows_${column}`,
      text: `SELECT seq, data, array_to_json(${column}_tokens)::text AS tokens FROM mizan_units WHERE seq = ANY($1::bigint[])`,
      values: [seqs.map(integer)],
    })
    if (result.rows.length !== seqs.length) return undefined
    return result.rows.map((row) => ({ seq: row.seq, data: row.data, tokens: JSON.parse(row.tokens) as string[] }))
  }

  /**
   * The rows of `seqs` (as {@link SearchReader.rows}) and the part groups `gids` with their live sentences and
   * units, in one statement; undefined when a unit is gone or when the statement's snapshot is not the posting
   * reads' (a write committed since may have added or removed a group's sentences under its gid, which a missing
   * row would not show). A group missing from the same snapshot is a posting a concurrent delete left behind
   * (postgres-part-groups.ts): `PartSearch.candidates` leaves it out.
   */
  async rowsWithParts(column: 'source' | 'target', seqs: readonly number[], gids: readonly number[], filter: ReturnType<PartSearch['rowFilter']>): Promise<{ units: CandidateRow[]; parts: PartRow[] } | undefined> {
    const result = await this.#client.query<{ part: boolean | null; gid: string | null; idx: number | null; seq: string | null; data: string | null; tokens: string | null; snapshot: string | null }>({
      name: `mizan_search_unit_and_part_rows_${column}`,
      text: `${partRowsSql({ groups: '$2::bigint[]', tokens: '$3::text[]', needed: '$4::int[]', low: '$5::int' }, ', true AS part, NULL::text AS snapshot')}
             UNION ALL SELECT NULL, NULL, seq, data, array_to_json(${column}_tokens)::text, false, NULL FROM mizan_units WHERE seq = ANY($1::bigint[])
             UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, pg_current_snapshot()::text`,
      values: [seqs.map(integer), gids.map(integer), filter.tokens, filter.needed, integer(filter.low)],
    })
    const units: CandidateRow[] = []
    const parts: PartRow[] = []
    let snapshot: string | undefined
    for (const row of result.rows) {
      if (row.snapshot !== null) snapshot = row.snapshot
      else if (row.part === true) parts.push(row)
      else units.push({ seq: row.seq!, data: row.data!, tokens: JSON.parse(row.tokens!) as string[] })
    }
    if (units.length !== seqs.length || snapshot !== this.#snapshot) return undefined
    return { units, parts }
  }
}

/** An integer parameter as text; anything else is a bug (a search's parameters are integers we computed). */
function integer(value: number): string {
  if (!Number.isSafeInteger(value)) throw new StorageError(`expected an integer parameter, got ${String(value)}; this is a bug`)
  return String(value)
}

/** Token statistics of one side (see `#frequencies`). */
interface Statistics {
  /** Token → share of units holding it, for the most common tokens. */
  frequency: Map<string, number>
  /** The smallest share listed: an upper bound for every token not listed. */
  rarest: number
  /** The estimated number of units. */
  units: number
  readAt: number
}

/** A posting list to read: its key, the query occurrences it stands for, its estimated postings, and up to which unit length it adds units. */
interface RankedList {
  hash: number
  weight: number
  cost: number
  /** The largest unit length at which the list adds units to the count (below the window: none). */
  openUpTo: number
}

/** A unit row as selected. */
interface UnitRow {
  seq: string
  data: string
}

/** A candidate row as selected. */
interface CandidateRow extends UnitRow {
  tokens: string[]
}

function toStored(row: UnitRow): StoredUnit {
  return { unit: JSON.parse(row.data) as TranslationUnit, seq: Number(row.seq) }
}

function toCandidate(row: CandidateRow): CandidateUnit {
  return { ...toStored(row), tokens: row.tokens }
}

/** The column prefix of a side; validated, since it is spliced into SQL. */
function sideColumn(side: MatchSide): 'source' | 'target' {
  if (side !== 'source' && side !== 'target') throw new StorageError(`side must be 'source' or 'target', got ${JSON.stringify(side)}; this is a bug`)
  return side
}

/**
 * Writers lock ids by stripe, not one lock per id: PostgreSQL's lock table is shared and small (by default
 * `max_locks_per_transaction` 64 × `max_connections` slots), so a 60,000-unit batch holding one advisory lock per id
 * fails with "out of shared memory", and a killed writer's locks can starve everyone until its backend exits. With
 * 256 stripes a writer holds at most 256 locks; two writers whose ids share a stripe queue, which is correct,
 * only coarser. The two-key form (class, stripe) cannot collide with the one-key migration lock.
 */
const idLockClass = 0x6d7a // 'mz'

const idLockStripes = 256

/**
 * Puts entries in order (a later entry with an id seen earlier replaces it), with their postings. Runs inside a
 * transaction that holds the entries' id locks (putMany, writeBatch).
 */
async function putEntries(client: PoolClient, entries: readonly StorageEntry[], writes: PartWrites = newPartWrites()): Promise<StoredUnit[]> {
  const ids = entries.map((entry) => entry.unit.id)
  const positions = await deleteUnits(client, [...new Set(ids)], writes)
  const seqRows = await client.query<{ seq: string }>(`SELECT nextval('mizan_units_seq') AS seq FROM generate_series(1, $1::int)`, [entries.length])
  // Ascending (nextval in row order), which the posting blocks need; sorted to be sure.
  const seqs = seqRows.rows.map((row) => Number(row.seq)).sort((a, b) => a - b)
  // Within a batch a later entry replaces an earlier one with the same id: only the last is written.
  const last = new Map<string, number>()
  const firstSeq = new Map<string, number>()
  entries.forEach((entry, index) => {
    last.set(entry.unit.id, index)
    if (!firstSeq.has(entry.unit.id)) firstSeq.set(entry.unit.id, seqs[index]!)
  })
  const written = [...last.values()].sort((a, b) => a - b)
  const column = <T>(pick: (entry: StorageEntry, index: number) => T) => written.map((index) => pick(entries[index]!, index))
  await client.query(
    `INSERT INTO mizan_units (seq, id, position, source_key, target_key, source_key_hash, target_key_hash, source_len, target_len, source_tokens, target_tokens, data)
     SELECT seq, id, position, sk, tk, skh, tkh, sl, tl,
            ARRAY(SELECT json_array_elements_text(st::json)), ARRAY(SELECT json_array_elements_text(tt::json)), data
     FROM unnest($1::bigint[], $2::text[], $12::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::int[], $8::int[], $9::text[], $10::text[], $11::text[])
          AS t(seq, id, position, sk, tk, skh, tkh, sl, tl, st, tt, data)`,
    [
      column((_, index) => seqs[index]!),
      column((entry) => entry.unit.id),
      column((entry) => entry.keys.source.key),
      column((entry) => entry.keys.target.key),
      column((entry) => hash53(entry.keys.source.key)),
      column((entry) => hash53(entry.keys.target.key)),
      column((entry) => entry.keys.source.tokens.length),
      column((entry) => entry.keys.target.tokens.length),
      column((entry) => JSON.stringify(entry.keys.source.tokens)),
      column((entry) => JSON.stringify(entry.keys.target.tokens)),
      column((entry) => JSON.stringify(entry.unit)),
      // A replaced unit keeps its place in insertion order; a new one takes the place of its first seq.
      column((entry, index) => positions.get(entry.unit.id) ?? firstSeq.get(entry.unit.id) ?? seqs[index]!),
    ],
  )
  // The written units' postings, in new blocks of this transaction's own (see insertBlocks).
  const batch: PendingBatch = { from: 0, postings: new Map(), dropped: new Set() }
  for (const index of written) {
    const { keys } = entries[index]!
    queuePostings(batch, 'source', keys.source.tokens, seqs[index]!)
    queuePostings(batch, 'target', keys.target.tokens, seqs[index]!)
  }
  // A small write first tops up its lists' newest blocks that have room (see mergeIntoBlocks).
  if (written.length <= mergeEntries) await mergeIntoBlocks(client, batch)
  await insertBlocks(client, 'mizan_posting_blocks', batch)
  // The sentences of multi-sentence units, indexed apart (issue #14), with the replaced units' sentences gone
  // (see postgres-part-groups.ts).
  await putParts(client, written.map((index) => ({ seq: seqs[index]!, parts: entries[index]!.keys.parts })), writes)
  // Last: the concordance order record is locked until commit (see postgres-concordance.ts).
  await recordConcordance(client, written.map((index) => ({ stored: { unit: entries[index]!.unit, seq: seqs[index]! }, source: entries[index]!.keys.source.tokens, target: entries[index]!.keys.target.tokens })))
  return entries.map((entry, index) => ({ unit: entry.unit, seq: seqs[index]! }))
}

/**
 * Takes transaction-scoped advisory locks on the ids' stripes in ascending order: writers of the same id queue,
 * and since every writer locks in the same order, no two writers wait on each other in a cycle.
 */
async function lockIds(client: PoolClient, ids: readonly string[]): Promise<void> {
  const stripes = [...new Set(ids.map((id) => ((hash53(id) % idLockStripes) + idLockStripes) % idLockStripes))].sort((a, b) => a - b)
  // OFFSET 0 keeps the ordered subquery from being flattened, so the locks are taken in that order.
  await client.query(`SELECT count(pg_advisory_xact_lock($1::int, k)) FROM (SELECT k FROM unnest($2::int[]) AS k ORDER BY k OFFSET 0) s`, [idLockClass, stripes])
}

/**
 * Deletes units by id and their postings; returns the deleted ids with their positions. Their sentences' rows go
 * too, and their groups' counts are queued in `writes` (applied by the caller, see postgres-part-groups.ts).
 */
async function deleteUnits(client: PoolClient, ids: readonly string[], writes: PartWrites): Promise<Map<string, number>> {
  const deleted = await client.query<{ id: string; position: string; seq: string; source_tokens: string[]; target_tokens: string[] }>(
    `DELETE FROM mizan_units WHERE id = ANY($1::text[]) RETURNING id, position, seq, source_tokens, target_tokens`,
    [ids],
  )
  await removePostings(client, deleted.rows)
  await deleteParts(client, deleted.rows.map((row) => Number(row.seq)), writes)
  return new Map(deleted.rows.map((row) => [row.id, Number(row.position)]))
}

/**
 * Removes deleted units' postings: locks the blocks holding them (in key order, so two deleters never wait on
 * each other in a cycle), then rewrites each block without them, or deletes it when it empties. A block is
 * rewritten in place (UPDATE, never delete and insert), so a deleter that waited for the lock sees the new
 * version of the row and removes its own seq from that.
 */
async function removePostings(client: PoolClient, rows: ReadonlyArray<{ seq: string; source_tokens: string[]; target_tokens: string[] }>): Promise<void> {
  if (rows.length === 0) return
  const keys = { token: [] as number[], len: [] as number[], seq: [] as number[] }
  for (const row of rows) {
    for (const side of ['source', 'target'] as const) {
      const tokens = side === 'source' ? row.source_tokens : row.target_tokens
      for (const hash of tokenCounts(side, tokens).keys()) {
        keys.token.push(hash)
        keys.len.push(tokens.length)
        keys.seq.push(Number(row.seq))
      }
    }
  }
  const found = await client.query<{ token: string; len: number; first: string; seqs: Buffer; seq: string }>(
    `SELECT b.token, b.len, b.first, b.seqs, k.seq FROM unnest($1::bigint[], $2::int[], $3::bigint[]) AS k(token, len, seq)
     JOIN mizan_posting_blocks b ON b.token = k.token AND b.len = k.len AND b.first <= k.seq AND b.last >= k.seq
     ORDER BY b.token, b.len, b.first FOR UPDATE OF b`,
    [keys.token, keys.len, keys.seq],
  )
  const blocks = new Map<string, { token: string; len: number; first: string; seqs: Buffer; remove: number[] }>()
  for (const row of found.rows) {
    const key = `${row.token}/${row.len}/${row.first}`
    const block = blocks.get(key)
    if (block === undefined) blocks.set(key, { ...row, remove: [Number(row.seq)] })
    else block.remove.push(Number(row.seq))
  }
  const update: BlockRewrites = { token: [], len: [], first: [], newFirst: [], last: [], n: [], seqs: [] }
  const drop = { token: [] as string[], len: [] as number[], first: [] as string[] }
  for (const block of blocks.values()) {
    // Decoded once, whatever the number of seqs removed from it.
    const stored = decodePostings(block.seqs)
    const remove = new Set(block.remove)
    const postings = { seqs: [] as number[], counts: [] as number[] }
    stored.seqs.forEach((seq, index) => {
      if (remove.has(seq)) return
      postings.seqs.push(seq)
      postings.counts.push(stored.counts[index]!)
    })
    if (postings.seqs.length === stored.seqs.length) continue
    if (postings.seqs.length === 0) {
      drop.token.push(block.token)
      drop.len.push(block.len)
      drop.first.push(block.first)
    } else {
      update.token.push(block.token)
      update.len.push(block.len)
      update.first.push(block.first)
      update.newFirst.push(postings.seqs[0]!)
      update.last.push(postings.seqs[postings.seqs.length - 1]!)
      update.n.push(postings.seqs.length)
      update.seqs.push(encodePostings(postings.seqs, postings.counts, 0))
    }
  }
  if (drop.token.length > 0) {
    await client.query(
      `DELETE FROM mizan_posting_blocks b USING unnest($1::bigint[], $2::int[], $3::bigint[]) AS k(token, len, first)
       WHERE b.token = k.token AND b.len = k.len AND b.first = k.first`,
      [drop.token, drop.len, drop.first],
    )
  }
  await rewriteBlocks(client, update)
}

/** Block rewrites: the block keyed (token, len, first) gets new content (and first, last, n). */
interface BlockRewrites {
  token: Array<string | number>
  len: number[]
  first: Array<string | number>
  newFirst: number[]
  last: number[]
  n: number[]
  seqs: Buffer[]
}

/** Rewrites locked blocks in place, in one statement. */
async function rewriteBlocks(client: PoolClient, update: BlockRewrites): Promise<void> {
  if (update.token.length === 0) return
  await client.query(
    `UPDATE mizan_posting_blocks b SET first = k.new_first, last = k.last, n = k.n, seqs = k.seqs
     FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::int[], $7::bytea[]) AS k(token, len, first, new_first, last, n, seqs)
     WHERE b.token = k.token AND b.len = k.len AND b.first = k.first`,
    [update.token, update.len, update.first, update.newFirst, update.last, update.n, update.seqs],
  )
}

/** How many times a transaction chosen as a deadlock's victim runs again (see `PostgresStorage#transaction`). */
const deadlockRetries = 3

/** Lists rewritten per transaction by {@link PostgresStorage.compact}. */
const compactRound = 20_000

/**
 * Rewrites the lists (token, len) into full blocks: reads their blocks, merges the postings (blocks of concurrent
 * writers may interleave, so they are sorted), deletes the old blocks and inserts the new. The caller holds the
 * table lock. Returns the blocks before and after.
 */
async function rewriteLists(client: PoolClient, table: BlocksTable, tokens: readonly string[], lengths: readonly number[]): Promise<{ before: number; after: number }> {
  const found = await client.query<{ token: string; len: number; seqs: Buffer }>(
    `SELECT b.token, b.len, b.seqs FROM unnest($1::bigint[], $2::int[]) AS k(token, len)
     JOIN ${table} b ON b.token = k.token AND b.len = k.len ORDER BY b.token, b.len`,
    [tokens, lengths],
  )
  const merged = new Map<string, { token: string; len: number; seqs: number[]; counts: number[] }>()
  for (const row of found.rows) {
    const key = `${row.token}/${row.len}`
    const { seqs, counts } = decodePostings(row.seqs)
    const list = merged.get(key)
    if (list === undefined) merged.set(key, { token: row.token, len: row.len, seqs, counts })
    else {
      list.seqs.push(...seqs)
      list.counts.push(...counts)
    }
  }
  const columns = newBlockColumns()
  for (const list of merged.values()) {
    const { seqs, counts } = sortedPostings(list.seqs, list.counts)
    addListBlocks(columns, list.token, list.len, seqs, counts)
  }
  await client.query(
    `DELETE FROM ${table} b USING unnest($1::bigint[], $2::int[]) AS k(token, len) WHERE b.token = k.token AND b.len = k.len`,
    [tokens, lengths],
  )
  await insertBlockColumns(client, table, columns)
  return { before: found.rows.length, after: columns.token.length }
}

/**
 * A write of at most this many units first merges its postings into its lists' newest blocks that have room:
 * otherwise a memory written one unit at a time (`TranslationMemory.add`) would hold a block per posting.
 */
const mergeEntries = 256

/**
 * Merges a small batch's postings into existing blocks with room for them, and takes those lists out of the
 * batch (the rest go to new blocks). Each list's newest block with room is locked with `FOR UPDATE SKIP LOCKED`:
 * a block another writer holds is passed over (this writer then makes a new block), so merging never waits and
 * never deadlocks. A deleter waiting for a merged block sees its new version, which still holds the deleter's
 * seq. Merging sorts the seqs, since a concurrent writer's seqs may be smaller than ours.
 */
async function mergeIntoBlocks(client: PoolClient, batch: PendingBatch): Promise<void> {
  const lists = [...pendingLists(batch)]
  if (lists.length === 0) return
  const found = await client.query<{ token: string; len: number; first: string; seqs: Buffer }>(
    `SELECT b.token, b.len, b.first, b.seqs FROM unnest($1::bigint[], $2::int[], $3::int[]) AS k(token, len, room)
     CROSS JOIN LATERAL (SELECT token, len, first, seqs FROM mizan_posting_blocks
       WHERE token = k.token AND len = k.len AND n <= k.room ORDER BY first DESC LIMIT 1 FOR UPDATE SKIP LOCKED) b`,
    [lists.map((list) => list.token), lists.map((list) => list.length), lists.map((list) => blockCapacity - list.seqs.length)],
  )
  const byKey = new Map(lists.map((list) => [`${list.token}/${list.length}`, list]))
  const update: BlockRewrites = { token: [], len: [], first: [], newFirst: [], last: [], n: [], seqs: [] }
  for (const row of found.rows) {
    const list = byKey.get(`${row.token}/${row.len}`)
    if (list === undefined) continue
    const stored = decodePostings(row.seqs)
    const { seqs, counts } = sortedPostings([...stored.seqs, ...list.seqs], [...stored.counts, ...list.counts])
    update.token.push(row.token)
    update.len.push(row.len)
    update.first.push(row.first)
    update.newFirst.push(seqs[0]!)
    update.last.push(seqs[seqs.length - 1]!)
    update.n.push(seqs.length)
    update.seqs.push(encodePostings(seqs, counts, 0))
    batch.postings.get(list.token)!.delete(list.length)
  }
  await rewriteBlocks(client, update)
}

/**
 * Migration 3's data step: builds the posting blocks from the units' stored tokens, a page of units at a time in
 * seq order, inside the migration's transaction.
 */
async function buildPostings(client: PoolClient): Promise<void> {
  let after = 0
  for (;;) {
    const rows = await client.query<{ seq: string; source_tokens: string[]; target_tokens: string[] }>(
      `SELECT seq, source_tokens, target_tokens FROM mizan_units WHERE seq > $1 ORDER BY seq LIMIT 20000`,
      [after],
    )
    if (rows.rows.length === 0) return
    const batch: PendingBatch = { from: 0, postings: new Map(), dropped: new Set() }
    for (const row of rows.rows) {
      queuePostings(batch, 'source', row.source_tokens, Number(row.seq))
      queuePostings(batch, 'target', row.target_tokens, Number(row.seq))
    }
    await insertBlocks(client, 'mizan_posting_blocks', batch)
    after = Number(rows.rows[rows.rows.length - 1]!.seq)
  }
}

/** Applies the missing migrations under an advisory lock and checks the matching-key version. */
async function migrate(client: PoolClient, location: string): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [migrationLock])
  await client.query(`CREATE TABLE IF NOT EXISTS mizan_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
  const known = Math.max(...postgresMigrations.map((migration) => migration.version))
  const applied = Number((await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM mizan_migrations`)).rows[0]!.v ?? 0)
  if (applied > known) {
    throw new StorageError(`the PostgreSQL memory ${location} has schema version ${applied}, newer than this mizan knows (${known}); upgrade mizan to open it`)
  }
  for (const migration of postgresMigrations) {
    if (migration.version <= applied) continue
    for (const statement of migration.statements) await client.query(statement)
    if (migration.version === 3) await buildPostings(client)
    if (migration.version === 5) await fillConcordanceTables(client, true)
    if (migration.version === 6) await buildPartGroupPostings(client)
    await client.query(`INSERT INTO mizan_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name])
  }
  await client.query(`INSERT INTO mizan_meta (key, value) VALUES ('matchingKeyVersion', $1) ON CONFLICT (key) DO NOTHING`, [String(matchingKeyVersion)])
  // An older key version is fine: the first TranslationMemory over the memory re-keys it (see rekey).
  const stored = await recordedKeyVersion(client)
  if (stored === undefined || stored > matchingKeyVersion) {
    const remedy = stored === undefined ? 'rebuild it by exporting its units and adding them to a new memory' : 'upgrade mizan to open it'
    throw new StorageError(`the PostgreSQL memory ${location} was indexed with matching-key version ${stored ?? 'unknown'}, this mizan uses ${matchingKeyVersion}; ${remedy}`)
  }
}

/** The matching-key version recorded in `mizan_meta`, or `undefined` when none is (or it is not a number). */
async function recordedKeyVersion(client: PoolClient): Promise<number | undefined> {
  const stored = (await client.query<{ value: string }>(`SELECT value FROM mizan_meta WHERE key = 'matchingKeyVersion'`)).rows[0]?.value
  return parseKeyVersion(stored)
}

/** Wraps a driver error with what we were doing, where, and a hint for the common connection failures. */
function wrap(error: unknown, what: string, location: string): StorageError {
  if (error instanceof StorageError) return error
  const code = (error as { code?: string })?.code
  const message = (error as Error)?.message ?? String(error)
  const hints: Record<string, string> = {
    ECONNREFUSED: 'is the server running, and are the host and port right?',
    ENOTFOUND: 'the host name does not resolve; check the host in the connection string',
    '28P01': 'the password was refused; check the user and password in the connection string',
    '28000': 'the server refused this user; check the user in the connection string and pg_hba.conf',
    '3D000': 'the database does not exist; create it (createdb) or fix the database name in the connection string',
  }
  const hint = code !== undefined && hints[code] !== undefined ? `: ${hints[code]}` : ''
  return new StorageError(`cannot ${what} in the PostgreSQL memory ${location} (${message})${hint}`, { cause: error })
}
