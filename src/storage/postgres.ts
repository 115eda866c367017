/**
 * `mizan/postgres`: a translation memory in PostgreSQL (`pg` 8, an optional peer dependency), for a team sharing
 * one memory from several machines.
 *
 * Why this shape:
 * - **Schema on first use, versioned.** Opening applies the missing migrations (sql/schema.ts) under an advisory
 *   lock, so eight clients opening a new database at once create it once.
 * - **Safe under concurrent writers.** A write takes transaction-scoped advisory locks on its unit ids' stripes, in sorted
 *   order (so two writers never deadlock), then deletes the old rows and inserts the new ones; `id` is a unique
 *   column besides. Two writers adding the same id serialise; different ids wait only when they share one of 256 lock stripes. A client
 *   killed mid-transaction leaves nothing: PostgreSQL rolls the transaction back when its connection drops.
 * - **Candidate search inside the server.** The inverted index is a GIN index on each side's token array. A
 *   fuzzy search sends one statement: units holding any of the prefix tokens (`&&`, answered from the index),
 *   inside the length window, passing an overlap bound; the prefix tokens are the rarest query tokens, judged by
 *   the column's most-common-element statistics. All the bounds are the memory's own lossless arithmetic
 *   (sql/plan.ts); only survivors cross the wire, and `TranslationMemory` then scores and ranks them as it does
 *   for every backend, so results are identical.
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
 * @module
 */
import type { Pool, PoolClient } from 'pg'
import { OptionsError, StorageError } from '../errors.js'
import { minOverlap } from '../tm/score.js'
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
import { hash53 } from './sql/hash.js'
import { choosePrefix, distinctTokens, lengthWindow, passesOverlap } from './sql/plan.js'
import { postgresMigrations } from './sql/schema.js'
import type { TranslationUnit } from '../types.js'

// The subpath entry also offers the one-string opener (`openStore('sqlite:tm.db')` / `openStore('postgres://...')`).
export { openStore } from './open-store.js'
export type { OpenStoreOptions } from './open-store.js'

/**
 * Options of {@link PostgresStorage.open}.
 *
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

/** Units read per page by `units()`. */
const pageSize = 1000

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
 * console.log(await tm.size())
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
  readonly #statistics: Partial<Record<MatchSide, { frequency: Map<string, number>; readAt: number }>> = {}

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
   * @throws {@link OptionsError} for an option of the wrong type, naming it
   * @throws {@link StorageError} `'STORAGE_DRIVER_MISSING'` when pg is not installed (fix: `npm install pg`);
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
    })
    // An idle client that loses its connection must not crash the process; the next query reports it.
    pool.on('error', () => {})
    // Our statements are few and simple, and planning the token-array operators against 1000-entry statistics
    // costs milliseconds: plan each named statement once per connection and reuse the plan.
    // New GIN entries wait in a pending list that every search scans: keep it short (256 kB) for ordinary writes
    // (see sql/schema.ts, migration 2; a bulk putMany raises it for its own transaction). A search's bitmap of
    // candidate rows gets 32 MB before it turns lossy, and JIT compilation (about 100 ms, worth it only for long
    // analytic queries) is off: a query of common words at a million units took 4.4 s with the defaults (a lossy
    // bitmap rechecking whole heap pages, plus JIT) and 1.8 s without them (measured once, on the busy machine).
    pool.on('connect', (client) => {
      client
        .query(`SET plan_cache_mode = force_generic_plan; SET gin_pending_list_limit = ${pendingListKb}; SET work_mem = '32MB'; SET jit = off`)
        .catch(() => {})
    })
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
   * @throws {@link StorageError} when the query fails
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
   * @throws {@link StorageError} when the query fails
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
   * @throws {@link StorageError} when the transaction fails (nothing is written)
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
   * @throws {@link StorageError} when the transaction fails (nothing is written)
   * @example
   * ```ts
   * await storage.putMany(entries)
   * ```
   */
  async putMany(entries: readonly StorageEntry[]): Promise<StoredUnit[]> {
    if (entries.length === 0) return []
    return this.#transaction('write units', async (client) => {
      const bulk = entries.length >= bulkEntries
      // A bulk write lets its GIN entries gather in the pending list and merges them once, before committing:
      // merging sorts the entries and inserts each token's new postings together, instead of one small merge
      // every 256 kB (measured in docs/storage.md). Searches never see a long list: it is merged before commit.
      if (bulk) await client.query(`SET LOCAL gin_pending_list_limit = ${bulkPendingListKb}`)
      const ids = entries.map((entry) => entry.unit.id)
      await lockIds(client, ids)
      const positions = await deleteUnits(client, [...new Set(ids)])
      const seqRows = await client.query<{ seq: string }>(`SELECT nextval('mizan_units_seq') AS seq FROM generate_series(1, $1::int)`, [entries.length])
      const seqs = seqRows.rows.map((row) => Number(row.seq))
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
      if (bulk) await client.query(`SELECT gin_clean_pending_list('mizan_units_source_tokens'), gin_clean_pending_list('mizan_units_target_tokens')`)
      return entries.map((entry, index) => ({ unit: entry.unit, seq: seqs[index]! }))
    })
  }

  /**
   * Removes a unit (its index entries with it), in one transaction.
   *
   * @param id - the unit id
   * @returns whether a unit was removed
   * @throws {@link StorageError} when the transaction fails
   * @example
   * ```ts
   * await storage.delete('u1')
   * ```
   */
  async delete(id: string): Promise<boolean> {
    return this.#transaction('delete a unit', async (client) => {
      await lockIds(client, [id])
      return (await deleteUnits(client, [id])).size > 0
    })
  }

  /**
   * Units whose matching key on `side` equals `key`.
   *
   * @param side - `'source'` or `'target'`
   * @param key - a matching key
   * @returns the matching units
   * @throws {@link StorageError} when the query fails
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
   * @throws {@link StorageError} when the query fails
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
   * @throws {@link StorageError} when the query fails
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
   * Fuzzy candidates, searched inside the server in one statement: units holding any of the prefix tokens (the
   * rarest query tokens covering `prefixNeeded(|q|, m)` occurrences, the largest `prefixCount` over the window),
   * with a token count inside `lengthBounds(|q|, m)`, and an overlap bound (the count of the unit's tokens found
   * in the query, an upper bound of the multiset overlap, against `minOverlap(|q|, |s|, m)`). The exact overlap is
   * checked again here before the memory scores.
   *
   * @param query - side, query tokens and threshold
   * @returns candidates with their tokens
   * @throws {@link StorageError} when the query fails
   * @example
   * ```ts
   * await storage.fuzzyCandidates({ side: 'source', tokens: ['شكرا', 'جزيلا'], minScore: 0.7 })
   * ```
   */
  async fuzzyCandidates(query: FuzzyCandidateQuery): Promise<CandidateUnit[]> {
    const { side, tokens, minScore } = query
    if (tokens.length === 0) return []
    const column = sideColumn(side)
    const { low, high } = lengthWindow(tokens.length, minScore)
    const thresholds: number[] = []
    for (let length = low; length <= high; length++) thresholds.push(minOverlap(tokens.length, length, minScore))
    const planned = distinctTokens(side, tokens)
    const frequency = await this.#frequencies(side)
    const prefix = choosePrefix(planned, tokens.length, minScore, (token) => frequency.get(token.token) ?? 0)
    const rows = await this.#query<CandidateRow>(
      'search fuzzy candidates',
      `SELECT seq, data, ${column}_tokens AS tokens FROM mizan_units
       WHERE ${column}_tokens && $1::text[] AND ${column}_len BETWEEN $2 AND $3
         AND (SELECT count(*) FROM unnest(${column}_tokens) t WHERE t = ANY($4::text[])) >= ($5::int[])[${column}_len - $2 + 1]`,
      [prefix.map((token) => token.token), low, high, planned.map((token) => token.token), thresholds],
      `mizan_fuzzy_${column}`,
    )
    const queryCounts = new Map(planned.map((token) => [token.token, token.count]))
    return rows.filter((row) => passesOverlap(queryCounts, row.tokens, tokens.length, minScore)).map(toCandidate)
  }

  /**
   * Concordance candidates, searched inside the server: units whose token array contains every word (`@>`,
   * which the GIN index answers by intersecting the words' posting lists).
   *
   * @param query - side and distinct words
   * @returns candidates with their tokens
   * @throws {@link StorageError} when the query fails
   * @example
   * ```ts
   * await storage.concordanceCandidates({ side: 'target', words: ['security', 'council'] })
   * ```
   */
  async concordanceCandidates(query: ConcordanceCandidateQuery): Promise<CandidateUnit[]> {
    const { side, words } = query
    if (words.length === 0) return []
    const column = sideColumn(side)
    const rows = await this.#query<CandidateRow>(
      'search concordance candidates',
      `SELECT seq, data, ${column}_tokens AS tokens FROM mizan_units WHERE ${column}_tokens @> $1::text[]`,
      [[...new Set(words)]],
      `mizan_concordance_${column}`,
    )
    return rows.map(toCandidate)
  }

  /**
   * Every unit once, in insertion order (a replaced unit keeps its place, as in the in-process memory), a page
   * at a time (keyset pagination on the position, so a page costs the same at any depth).
   *
   * @returns an async iterable of stored units
   * @throws {@link StorageError} when a query fails
   * @example
   * ```ts
   * for await (const { unit } of storage.units()) console.log(unit.id)
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
   * token column (`pg_stats.most_common_elems`, kept by ANALYZE and autovacuum). A token not listed is rarer than
   * every listed one. Read at most once a minute per side: the choice of prefix tokens only steers the cost of a
   * search, never its answer, so slightly stale figures are fine.
   */
  async #frequencies(side: MatchSide): Promise<Map<string, number>> {
    const cached = this.#statistics[side]
    if (cached !== undefined && Date.now() - cached.readAt < statisticsMaxAgeMs) return cached.frequency
    const rows = await this.#query<{ elems: string[] | null; freqs: number[] | null }>(
      'read token statistics',
      `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs FROM pg_stats
       WHERE schemaname = current_schema() AND tablename = 'mizan_units' AND attname = $1`,
      [`${sideColumn(side)}_tokens`],
    )
    const frequency = new Map<string, number>()
    const { elems, freqs } = rows[0] ?? { elems: null, freqs: null }
    if (elems !== null && freqs !== null) elems.forEach((token, index) => frequency.set(token, freqs[index] ?? 0))
    this.#statistics[side] = { frequency, readAt: Date.now() }
    return frequency
  }

  /**
   * Refreshes the token statistics now (ANALYZE) and merges the GIN pending lists, e.g. after a bulk load;
   * autovacuum does both on its own schedule otherwise.
   *
   * @throws {@link StorageError} when the statement fails
   * @example
   * ```ts
   * await storage.putMany(entries)
   * await storage.analyze()
   * ```
   */
  async analyze(): Promise<void> {
    await this.#query('analyze the units', 'ANALYZE mizan_units')
    // Merge the GIN pending lists too, so the next searches do not scan them.
    await this.#query('merge pending index entries', `SELECT gin_clean_pending_list('mizan_units_source_tokens'), gin_clean_pending_list('mizan_units_target_tokens')`)
    delete this.#statistics.source
    delete this.#statistics.target
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

  /** Runs `work` in one transaction on one pooled connection; rolls back on any error. */
  async #transaction<T>(what: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    if (this.#closed) throw new StorageError(`cannot ${what}: the PostgreSQL memory ${this.location} is closed`)
    let client: PoolClient
    try {
      client = await this.#pool.connect()
    } catch (error) {
      throw wrap(error, what, this.location)
    }
    let broken = false
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      try {
        await client.query('ROLLBACK')
      } catch {
        broken = true
      }
      throw wrap(error, what, this.location)
    } finally {
      client.release(broken)
    }
  }
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

/** The GIN pending-list limit of ordinary writes, in kB. */
const pendingListKb = 256
/** A putMany of at least this many entries is a bulk write, with this pending-list limit (kB) until it merges. */
const bulkEntries = 1000
const bulkPendingListKb = 256 * 1024
const idLockStripes = 256

/**
 * Takes transaction-scoped advisory locks on the ids' stripes in ascending order: writers of the same id queue,
 * and since every writer locks in the same order, no two writers wait on each other in a cycle.
 */
async function lockIds(client: PoolClient, ids: readonly string[]): Promise<void> {
  const stripes = [...new Set(ids.map((id) => ((hash53(id) % idLockStripes) + idLockStripes) % idLockStripes))].sort((a, b) => a - b)
  // OFFSET 0 keeps the ordered subquery from being flattened, so the locks are taken in that order.
  await client.query(`SELECT count(pg_advisory_xact_lock($1::int, k)) FROM (SELECT k FROM unnest($2::int[]) AS k ORDER BY k OFFSET 0) s`, [idLockClass, stripes])
}

/** Deletes units by id (their GIN entries go with them); returns the deleted ids with their positions. */
async function deleteUnits(client: PoolClient, ids: readonly string[]): Promise<Map<string, number>> {
  const deleted = await client.query<{ id: string; position: string }>(`DELETE FROM mizan_units WHERE id = ANY($1::text[]) RETURNING id, position`, [ids])
  return new Map(deleted.rows.map((row) => [row.id, Number(row.position)]))
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
    await client.query(`INSERT INTO mizan_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name])
  }
  await client.query(`INSERT INTO mizan_meta (key, value) VALUES ('matchingKeyVersion', $1) ON CONFLICT (key) DO NOTHING`, [String(matchingKeyVersion)])
  const stored = (await client.query<{ value: string }>(`SELECT value FROM mizan_meta WHERE key = 'matchingKeyVersion'`)).rows[0]?.value
  if (stored !== String(matchingKeyVersion)) {
    throw new StorageError(
      `the PostgreSQL memory ${location} was indexed with matching-key version ${stored ?? 'unknown'}, this mizan uses ${matchingKeyVersion}; rebuild it by exporting its units and adding them to a new memory`,
    )
  }
}

/**
 * Checks that a connection string is a `postgres://` or `postgresql://` URL with a host, and returns it with
 * any password removed (for messages).
 *
 * @param connectionString - what the user gave
 * @returns the string without its password
 * @throws {@link StorageError} naming what is wrong and what a good one looks like
 * @example
 * ```ts
 * checkConnectionString('postgres://me:secret@db/tm') // 'postgres://me@db/tm'
 * ```
 * @internal
 */
export function checkConnectionString(connectionString: string): string {
  const example = 'postgres://user:password@host:5432/database'
  if (typeof connectionString !== 'string' || connectionString.length === 0) {
    throw new StorageError(`a PostgreSQL memory needs a connection string like ${example}, got ${JSON.stringify(connectionString)}`)
  }
  let url: URL
  try {
    url = new URL(connectionString)
  } catch (error) {
    throw new StorageError(`the PostgreSQL connection string is not a URL; expected one like ${example}`, { cause: error })
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new StorageError(`the PostgreSQL connection string must start with postgres:// or postgresql://, got ${url.protocol}//...; expected one like ${example}`)
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new StorageError(`the PostgreSQL connection string has no host; expected one like ${example}`)
  }
  url.password = ''
  return url.toString()
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
