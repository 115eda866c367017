/**
 * Searching the sentences of multi-sentence units in a PostgreSQL memory (issue #14, part matches). Every distinct
 * sentence of a side is one group (postgres-part-groups.ts, which writes them) with its own posting blocks in
 * `mizan_part_blocks` (the layout of sql/blocks.ts), keyed by group id: a group is an entry of its own, so the
 * fuzzy length window and overlap bounds hold per sentence and part search is as lossless as unit search, and a
 * sentence repeated across units is counted, read and checked once, then expanded to its live sentences
 * (`mizan_parts`) and their units.
 *
 * `PostgresStorage` owns the transactions; every function here runs inside one.
 *
 * @module
 * @internal
 */
import type { PoolClient } from 'pg'
import { StorageError } from '../errors.js'
import { minOverlap } from '../tm/score.js'
import type { TranslationUnit } from '../types.js'
import { hash53 } from './sql/hash.js'
import { sideCode } from './sql/schema.js'
import { distinctTokens, lengthWindow, passesOverlap, prefixNeeded } from './sql/plan.js'
import { byHash, extraReadFactor, extraReadFloor, hitBounds, HitCounter } from './sql/postings.js'
import type { MatchSide, PartCandidateUnit, StoredPart } from './types.js'

/** The sentences whose matching key on `side` is `key`, with their units. @internal */
export async function findPartsByKey(client: PoolClient, side: MatchSide, key: string): Promise<StoredPart[]> {
  const rows = (
    await client.query<{ idx: number; seq: string; data: string }>(
      `SELECT p.idx, u.seq, u.data FROM mizan_parts p JOIN mizan_units u ON u.seq = p.seq WHERE p.key_hash = $1 AND p.side = $2 AND p.key = $3`,
      [hash53(key), sideCode[side], key],
    )
  ).rows
  return rows.map((row) => ({ unit: JSON.parse(row.data) as TranslationUnit, seq: Number(row.seq), index: row.idx }))
}

/** How long a token's part posting counts are reused, and how many tokens' counts are kept. */
const countMaxAgeMs = 60_000
const countCacheSize = 100_000

/**
 * The part posting counts per length of the tokens searched lately, for ordering a part search's lists rarest
 * first (as SQLite's `WindowCounts`): counting a common token's list in every search read as many blocks as the
 * list itself, on the server, for lists the search then leaves unread. A count up to a minute old only changes
 * which lists are read first and which are left unread (unread lists are accounted for by the overlap bounds),
 * never the answer; so a list is read even at a count of 0. A token not counted lately is ordered by an estimate
 * (the unit statistics, see `PostgresStorage.fuzzyPartCandidates`) and counted by the search's first read, in
 * the same statement (a statement of its own cost a round trip in nine searches of ten).
 *
 * @example
 * ```ts
 * const counts = new PartCounts()
 * await partCandidates(client, new HitCounter(), counts, 'source', ['وحضرها', 'رئيسا'], 0.7, false)
 * ```
 * @internal
 */
export class PartCounts {
  readonly #cache = new Map<number, { at: number; byLength: Map<number, number> }>()

  /**
   * The remembered postings of each of `hashes` with a length in `low..high` (absent for a token not counted in
   * the last minute), and those tokens.
   */
  inWindow(hashes: readonly number[], low: number, high: number): { counts: Map<number, number>; stale: number[] } {
    const now = Date.now()
    const counts = new Map<number, number>()
    const stale: number[] = []
    for (const hash of hashes) {
      const counted = this.#cache.get(hash)
      if (counted === undefined || now - counted.at >= countMaxAgeMs) {
        stale.push(hash)
        continue
      }
      let total = 0
      for (const [length, n] of counted.byLength) if (length >= low && length <= high) total += n
      counts.set(hash, total)
    }
    return { counts, stale }
  }

  /** Remembers the counts of `counted` tokens from `rows` (a token without rows has no postings). */
  record(counted: readonly number[], rows: ReadonlyArray<{ token: number; len: number; n: number }>): void {
    const now = Date.now()
    if (this.#cache.size + counted.length > countCacheSize) this.#cache.clear()
    for (const hash of counted) this.#cache.set(hash, { at: now, byLength: new Map() })
    for (const row of rows) this.#cache.get(row.token)?.byLength.set(row.len, row.n)
  }

  /** Forgets every count (after a re-key, which rebuilds the lists). */
  clear(): void {
    this.#cache.clear()
  }
}

/**
 * A part posting read's rows: a list's blocks of one length (`seqs`), or the postings per length of a token not
 * counted lately (`counts`, JSON `[[length, …], [postings, …]]`: one row per token, not one per length, since a
 * common token's sentences have a hundred lengths and each row costs the client more than its numbers).
 * @internal
 */
export interface PartBlockRow {
  token: string | null
  len: number | null
  seqs: Buffer | null
  counts: string | null
}

/**
 * The SQL of the count rows of a part posting read: per token of `$tokens` (an array parameter), its postings per
 * length as one JSON value (see {@link PartBlockRow}), in the columns `token, len, seqs, counts` (the others NULL).
 *
 * @example
 * ```ts
 * const sql = `SELECT *, NULL FROM (${partCountRows('$4::bigint[]')}) c` // a branch of a posting read
 * ```
 * @internal
 */
export function partCountRows(tokens: string): string {
  return `SELECT token, NULL::int, NULL::bytea, json_build_array(array_agg(len), array_agg(n))::text
          FROM (SELECT token, len, sum(n) AS n FROM mizan_part_blocks WHERE token = ANY(${tokens}) GROUP BY token, len) c GROUP BY token`
}

/**
 * A part row read's rows (see {@link partRowsSql}): a group passing the overlap check with its tokens (JSON, `seq`
 * NULL), or one of its live sentences with its unit (`tokens` NULL).
 * @internal
 */
export interface PartRow {
  gid: string | null
  tokens: string | null
  idx: number | null
  seq: string | null
  data: string | null
}

/** Above this many lengths in the window, the row read leaves the overlap check to the client (see {@link PartSearch.rowFilter}). */
const maxFilterLengths = 10_000

/**
 * The SQL of a part row read, in the columns `gid, idx, seq, data, tokens` and then the caller's `extra` NULL
 * columns: each surviving group of `$groups` that passes the exact multiset overlap check (`passesOverlap`, as a
 * count of `INTERSECT ALL` with the query's tokens `$tokens` against `$needed[len - $low + 1]`, the
 * `minOverlap` of each length of the window; an empty `$needed` checks nothing) as one row with its tokens, and
 * each of its live sentences as one row with its unit. The check on the server spares the rows of every
 * sentence of a group that fails it (a group stands for about ten sentences at a million units, each row with
 * its unit's JSON), and a group's tokens go once, not once per sentence. The parameters are SQL placeholders.
 *
 * @example
 * ```ts
 * const filter = search.rowFilter() // { tokens, needed, low }, passed as $2, $3 and $4
 * const sql = partRowsSql({ groups: '$1::bigint[]', tokens: '$2::text[]', needed: '$3::int[]', low: '$4::int' }, ', NULL::text AS snapshot')
 * ```
 * @internal
 */
export function partRowsSql(parameters: { groups: string; tokens: string; needed: string; low: string }, extra: string): string {
  const { groups, tokens, needed, low } = parameters
  return `WITH passing AS (SELECT gid, tokens FROM mizan_part_groups WHERE gid = ANY(${groups})
            AND (cardinality(${needed}) = 0 OR (SELECT count(*) FROM (SELECT unnest(tokens) INTERSECT ALL SELECT unnest(${tokens})) common) >= (${needed})[len - ${low} + 1]))
          SELECT gid, NULL::int AS idx, NULL::bigint AS seq, NULL::text AS data, array_to_json(tokens)::text AS tokens${extra} FROM passing
          UNION ALL SELECT p.gid, p.idx, p.seq, u.data, NULL${extra} FROM passing g JOIN mizan_parts p ON p.gid = g.gid JOIN mizan_units u ON u.seq = p.seq`
}

/**
 * One part search, step by step (see {@link partCandidates}), for a caller that sends its statements: the
 * prefix lists inside the length window, rarest first, and every other list cheap enough to read whatever the
 * groups found (at most `extraReadFloor` postings) in the first read, counting each group's hits (the prefix
 * lists first, as only they add groups); then, in one more read, every costlier list cheap next to the groups
 * still passing; a group short of the overlap bound is dropped unread, the others are read with their live
 * sentences and units, and each gets the exact multiset check once, for all its sentences. The first read also
 * counts the lists of tokens whose counts are not remembered (`PartCounts`), which are ordered by `estimate`
 * meanwhile.
 *
 * `PostgresStorage.fuzzyUnitAndPartCandidates` sends these reads inside the statements of the unit search of the
 * same query, so a fuzzy search with parts sends as many statements as one without (each statement costs the
 * client about as much as counting thousands of postings).
 *
 * @example
 * ```ts
 * const search = new PartSearch(new HitCounter(), new PartCounts(), 'source', ['وحضرها', 'رئيسا'], 0.7)
 * const first = search.firstRead() // the lists and uncounted tokens to read, then search.takeFirst(rows)
 * ```
 * @internal
 */
export class PartSearch {
  readonly low: number
  readonly high: number
  readonly #hits: HitCounter
  readonly #partCounts: PartCounts
  readonly #queryLength: number
  readonly #tokens: readonly string[]
  readonly #minScore: number
  readonly #planned: ReturnType<typeof distinctTokens>
  readonly #lists: Array<{ hash: number; weight: number; cost: number }>
  readonly #stale: number[]
  readonly #prefix: Array<{ hash: number; weight: number }>
  readonly #cheap: Array<{ hash: number; weight: number }>
  #costly: Array<{ hash: number; weight: number }> = []
  /** Query occurrences of the lists read so far (the prefix's from the start: it is always read). */
  #covered: number

  constructor(hits: HitCounter, partCounts: PartCounts, side: MatchSide, tokens: readonly string[], minScore: number, estimate: (hash: number) => number = () => 0) {
    this.#hits = hits
    this.#partCounts = partCounts
    this.#queryLength = tokens.length
    this.#tokens = tokens
    this.#minScore = minScore
    const { low, high } = lengthWindow(tokens.length, minScore)
    this.low = low
    this.high = high
    this.#planned = distinctTokens(side, tokens)
    const needed = prefixNeeded(tokens.length, minScore)
    const weights = byHash(this.#planned)
    const { counts, stale } = partCounts.inWindow(weights.map((list) => list.hash), low, high)
    this.#stale = stale
    this.#lists = weights.map((list) => ({ ...list, cost: counts.get(list.hash) ?? estimate(list.hash) })).sort((a, b) => a.cost - b.cost)
    let covered = 0
    let at = 0
    for (; at < this.#lists.length && covered < needed; at++) covered += this.#lists[at]!.weight
    this.#prefix = this.#lists.slice(0, at)
    this.#cheap = this.#lists.slice(at).filter((list) => list.cost <= extraReadFloor)
    this.#covered = covered
    hits.reset(0)
  }

  /** The first read: the prefix and cheap lists' tokens (blocks in the window), and the tokens to count. */
  firstRead(): { tokens: number[]; uncounted: number[] } {
    return { tokens: [...this.#prefix, ...this.#cheap].map((list) => list.hash), uncounted: this.#stale }
  }

  /** Counts the first read's rows; returns the tokens of the second read (empty when none is worth it). */
  takeFirst(rows: readonly PartBlockRow[]): number[] {
    this.#count(rows, this.#prefix, this.#cheap, this.#stale)
    for (const list of this.#cheap) this.#covered += list.weight
    const reaching = this.#hits.countReaching(this.#least(this.#queryLength - this.#covered), this.low)
    const afterPrefix = this.#lists.slice(this.#prefix.length)
    this.#costly = afterPrefix.filter((list) => list.cost > extraReadFloor && list.cost <= extraReadFactor * reaching)
    return this.#costly.map((list) => list.hash)
  }

  /** Counts the second read's rows (only for groups already found). */
  takeSecond(rows: readonly PartBlockRow[]): void {
    this.#count(rows, [], this.#costly, [])
    for (const list of this.#costly) this.#covered += list.weight
  }

  /**
   * The parameters of the row read's overlap check ({@link partRowsSql}): the query's tokens and the overlap each
   * length of the window needs (none when the window is too wide to list).
   */
  rowFilter(): { tokens: readonly string[]; needed: number[]; low: number } {
    const needed: number[] = []
    if (this.high - this.low < maxFilterLengths) for (let length = this.low; length <= this.high; length++) needed.push(minOverlap(this.#queryLength, length, this.#minScore))
    return { tokens: this.#tokens, needed, low: this.low }
  }

  /** The groups reaching the overlap bound after the reads: the ones whose rows are read. */
  survivors(): number[] {
    const bound = this.#least(this.#queryLength - this.#covered)
    const survivors: number[] = []
    this.#hits.forEach((gid, count, length) => {
      if (count >= bound[length - this.low]!) survivors.push(gid)
    })
    return survivors
  }

  /**
   * The candidates from the surviving groups' rows: each group's tokens parsed and checked once, shared by its
   * sentences. A group missing from the rows is one whose postings a concurrent delete left behind (see
   * postgres-part-groups.ts): left out.
   */
  candidates(rows: readonly PartRow[]): PartCandidateUnit[] {
    const queryCounts = new Map(this.#planned.map((token) => [token.token, token.count]))
    // The groups first (the rows of a UNION ALL come in no promised order), each checked again here: the server's
    // check only spares rows, this one decides.
    const checked = new Map<string, string[] | null>()
    for (const row of rows) {
      if (row.seq !== null) continue
      const tokens = JSON.parse(row.tokens!) as string[]
      checked.set(row.gid!, passesOverlap(queryCounts, tokens, this.#queryLength, this.#minScore) ? tokens : null)
    }
    const candidates: PartCandidateUnit[] = []
    for (const row of rows) {
      if (row.seq === null) continue
      const stored = checked.get(row.gid!)
      if (stored === undefined) throw new StorageError(`a part row read returned a sentence of group ${row.gid} without the group; this is a bug`)
      if (stored === null) continue
      candidates.push({ unit: JSON.parse(row.data!) as TranslationUnit, seq: Number(row.seq), index: row.idx!, tokens: stored })
    }
    return candidates
  }

  #least(unread: number): number[] {
    return hitBounds(this.#queryLength, this.#minScore, this.low, this.high, unread)
  }

  /**
   * Counts the blocks of `open` lists (adding groups) and then of `closed` lists (counting only groups already
   * found) into the hits, each list's weight per group, and remembers the counts of the `uncounted` tokens.
   */
  #count(rows: readonly PartBlockRow[], open: ReadonlyArray<{ hash: number; weight: number }>, closed: ReadonlyArray<{ hash: number; weight: number }>, uncounted: readonly number[]): void {
    const byToken = new Map<number, Array<[number, Buffer]>>()
    const counted: Array<{ token: number; len: number; n: number }> = []
    for (const row of rows) {
      if (row.counts !== null) {
        const token = Number(row.token)
        const [lengths, postings] = JSON.parse(row.counts) as [number[], number[]]
        for (const [at, length] of lengths.entries()) counted.push({ token, len: length, n: postings[at]! })
        continue
      }
      const token = Number(row.token)
      let blocks = byToken.get(token)
      if (blocks === undefined) byToken.set(token, (blocks = []))
      blocks.push([row.len!, row.seqs!])
    }
    // The open lists first: a closed list's posting of a sentence no open list has counted yet would be lost.
    for (const list of open) for (const [length, block] of byToken.get(list.hash) ?? []) this.#hits.addBlock(block, list.weight, length, true)
    for (const list of closed) for (const [length, block] of byToken.get(list.hash) ?? []) this.#hits.addBlock(block, list.weight, length, false)
    if (uncounted.length > 0) this.#partCounts.record(uncounted, counted)
  }
}

/**
 * Part candidates on their own (a {@link PartSearch} in statements of its own): two statements, three when costly
 * lists are worth reading.
 *
 * Without a transaction of its own (each round trip, BEGIN and COMMIT included, costs about as much as a read),
 * the reads are checked to agree with one snapshot, as `SearchReader` in postgres.ts checks unit searches: each
 * posting read and the row read return their snapshot, and one that differs from the first means a write
 * committed in between (a group's sentences may have changed under its gid). The answer is then `undefined`, and
 * the caller searches again with `oneSnapshot` inside a repeatable-read transaction, where nothing can differ. A
 * group missing from the rows of the same snapshot is a posting a concurrent delete left behind
 * (postgres-part-groups.ts) and is left out.
 *
 * @returns the candidates, or undefined (only when not `oneSnapshot`) when the reads did not agree
 * @internal
 */
export async function partCandidates(
  client: PoolClient,
  hits: HitCounter,
  partCounts: PartCounts,
  side: MatchSide,
  tokens: readonly string[],
  minScore: number,
  oneSnapshot: boolean,
  estimate: (hash: number) => number = () => 0,
): Promise<PartCandidateUnit[] | undefined> {
  const search = new PartSearch(hits, partCounts, side, tokens, minScore, estimate)
  const snapshots = new Set<string>()
  const first = search.firstRead()
  const firstRows = await readBlocks(client, first.tokens, search.low, search.high, first.uncounted, snapshots)
  if (firstRows === undefined) return undefined
  const costly = search.takeFirst(firstRows)
  const secondRows = await readBlocks(client, costly, search.low, search.high, [], snapshots)
  if (secondRows === undefined) return undefined
  search.takeSecond(secondRows)
  const survivors = search.survivors()
  if (survivors.length === 0) return []
  // The surviving groups with their live sentences and units; the statement's snapshot too (a write committed
  // since the postings were read may have added or removed a group's sentences).
  const filter = search.rowFilter()
  const rows = (
    await client.query<PartRow & { snapshot: string | null }>({
      name: 'mizan_part_rows',
      text: `${partRowsSql({ groups: '$1::bigint[]', tokens: '$2::text[]', needed: '$3::int[]', low: '$4::int' }, ', NULL::text AS snapshot')}
             UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, pg_current_snapshot()::text`,
      values: [survivors, filter.tokens, filter.needed, filter.low],
    })
  ).rows
  for (const row of rows) if (row.snapshot !== null) snapshots.add(row.snapshot)
  if (!oneSnapshot && snapshots.size > 1) return undefined
  return search.candidates(rows.filter((row) => row.snapshot === null))
}

/**
 * The blocks of `tokens` inside the window, each list's blocks of one length as one value, and the postings per
 * length of the `uncounted` tokens, in one statement; adds the statement's snapshot to `snapshots`. Undefined
 * when it differs from the one before; no statement (and no rows) when there is nothing to read.
 */
async function readBlocks(client: PoolClient, tokens: readonly number[], low: number, high: number, uncounted: readonly number[], snapshots: Set<string>): Promise<PartBlockRow[] | undefined> {
  // Read even at a count of 0: the count may be older than the list (a sentence added since).
  if (tokens.length + uncounted.length === 0) return []
  const rows = (
    await client.query<PartBlockRow & { snapshot: string | null }>({
      name: 'mizan_part_blocks_read',
      // A list's blocks of one length as one value, joined by a zero byte (HitCounter.addBlock reads the joins):
      // one row to send and parse instead of one per block (a bulk load leaves a list a block per batch).
      text: `SELECT token, len, string_agg(seqs, '\\x00'::bytea) AS seqs, NULL::text AS counts, NULL::text AS snapshot FROM mizan_part_blocks
             WHERE token = ANY($1::bigint[]) AND len BETWEEN $2::int AND $3::int GROUP BY token, len
             UNION ALL SELECT *, NULL FROM (${partCountRows('$4::bigint[]')}) c
             UNION ALL SELECT NULL, NULL, NULL, NULL, pg_current_snapshot()::text`,
      values: [tokens, low, high, uncounted],
    })
  ).rows
  for (const row of rows) if (row.snapshot !== null) snapshots.add(row.snapshot)
  if (snapshots.size > 1) return undefined
  return rows.filter((row) => row.snapshot === null)
}
