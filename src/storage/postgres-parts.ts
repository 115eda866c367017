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
 * Part candidates (see sqlite-parts.ts): the prefix lists inside the length window, rarest first, and every other
 * list cheap enough to read whatever the groups found (at most `extraReadFloor` postings), in one read,
 * counting each group's hits (the prefix lists first, as only they add groups); then, in one more read, every
 * costlier list cheap next to the groups still passing; a group short of the overlap bound is dropped unread, the
 * others are read with their live sentences and units in one statement, and each gets the exact multiset check
 * once, for all its sentences. Two statements, three when costly lists are worth reading; the first also counts
 * the lists of tokens whose counts are not remembered (`PartCounts`), which are ordered by `estimate` meanwhile.
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
  const queryLength = tokens.length
  const { low, high } = lengthWindow(queryLength, minScore)
  const planned = distinctTokens(side, tokens)
  const needed = prefixNeeded(queryLength, minScore)
  const weights = byHash(planned)
  const { counts, stale } = partCounts.inWindow(weights.map((list) => list.hash), low, high)
  const lists = weights.map((list) => ({ ...list, cost: counts.get(list.hash) ?? estimate(list.hash) })).sort((a, b) => a.cost - b.cost)
  hits.reset(0)
  const least = (unread: number) => hitBounds(queryLength, minScore, low, high, unread)
  let covered = 0
  let at = 0
  for (; at < lists.length && covered < needed; at++) covered += lists[at]!.weight
  const prefix = lists.slice(0, at)
  const cheap = lists.slice(at).filter((list) => list.cost <= extraReadFloor)
  const snapshots = new Set<string>()
  if (!(await readLists(client, hits, prefix, cheap, low, high, snapshots, partCounts, stale))) return undefined
  for (const list of cheap) covered += list.weight
  const reaching = hits.countReaching(least(queryLength - covered), low)
  const costly = lists.slice(at).filter((list) => list.cost > extraReadFloor && list.cost <= extraReadFactor * reaching)
  if (!(await readLists(client, hits, [], costly, low, high, snapshots, partCounts, []))) return undefined
  for (const list of costly) covered += list.weight
  const bound = least(queryLength - covered)
  const survivors: number[] = []
  hits.forEach((gid, count, length) => {
    if (count >= bound[length - low]!) survivors.push(gid)
  })
  if (survivors.length === 0) return []
  // The surviving groups with their live sentences and units; the statement's snapshot too (a write committed
  // since the postings were read may have added or removed a group's sentences).
  const rows = (
    await client.query<{ gid: string | null; tokens: string | null; idx: number | null; seq: string | null; data: string | null; snapshot: string | null }>({
      name: 'mizan_part_rows',
      text: `SELECT g.gid, array_to_json(g.tokens)::text AS tokens, p.idx, p.seq, u.data, NULL::text AS snapshot
             FROM mizan_part_groups g JOIN mizan_parts p ON p.gid = g.gid JOIN mizan_units u ON u.seq = p.seq
             WHERE g.gid = ANY($1::bigint[])
             UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, pg_current_snapshot()::text`,
      values: [survivors],
    })
  ).rows
  for (const row of rows) if (row.snapshot !== null) snapshots.add(row.snapshot)
  // A group missing from the same snapshot is one whose postings a concurrent delete left behind (see
  // postgres-part-groups.ts): left out.
  if (!oneSnapshot && snapshots.size > 1) return undefined
  const queryCounts = new Map(planned.map((token) => [token.token, token.count]))
  // Each group's tokens parsed and checked once, shared by its sentences' candidates.
  const checked = new Map<string, string[] | null>()
  const candidates: PartCandidateUnit[] = []
  for (const row of rows) {
    if (row.snapshot !== null) continue
    let stored = checked.get(row.gid!)
    if (stored === undefined) {
      const tokens = JSON.parse(row.tokens!) as string[]
      stored = passesOverlap(queryCounts, tokens, queryLength, minScore) ? tokens : null
      checked.set(row.gid!, stored)
    }
    if (stored === null) continue
    candidates.push({ unit: JSON.parse(row.data!) as TranslationUnit, seq: Number(row.seq), index: row.idx!, tokens: stored })
  }
  return candidates
}

/**
 * Counts the blocks of `open` lists (adding groups) and then of `closed` lists (counting only groups already
 * found) inside the window into `hits`, each list's weight per group, in one statement, which also counts the
 * postings per length of the `uncounted` tokens into `partCounts`; adds the statement's snapshot to `snapshots`.
 * False when a read found a snapshot other than the one before.
 */
async function readLists(
  client: PoolClient,
  hits: HitCounter,
  open: ReadonlyArray<{ hash: number; weight: number }>,
  closed: ReadonlyArray<{ hash: number; weight: number }>,
  low: number,
  high: number,
  snapshots: Set<string>,
  partCounts: PartCounts,
  uncounted: readonly number[],
): Promise<boolean> {
  // Read even at a count of 0: the count may be older than the list (a sentence added since).
  if (open.length + closed.length + uncounted.length === 0) return true
  const rows = (
    await client.query<{ token: string | null; len: number | null; seqs: Buffer | null; n: string | null; snapshot: string | null }>({
      name: 'mizan_part_blocks_read',
      // A list's blocks of one length as one value, joined by a zero byte (HitCounter.addBlock reads the joins):
      // one row to send and parse instead of one per block (a bulk load leaves a list a block per batch).
      text: `SELECT token, len, string_agg(seqs, '\\x00'::bytea) AS seqs, NULL::bigint AS n, NULL::text AS snapshot FROM mizan_part_blocks
             WHERE token = ANY($1::bigint[]) AND len BETWEEN $2::int AND $3::int GROUP BY token, len
             UNION ALL SELECT token, len, NULL, sum(n), NULL FROM mizan_part_blocks WHERE token = ANY($4::bigint[]) GROUP BY token, len
             UNION ALL SELECT NULL, NULL, NULL, NULL, pg_current_snapshot()::text`,
      values: [[...open, ...closed].map((list) => list.hash), low, high, uncounted],
    })
  ).rows
  const byToken = new Map<number, Array<[number, Buffer]>>()
  const counted: Array<{ token: number; len: number; n: number }> = []
  for (const row of rows) {
    if (row.snapshot !== null) {
      snapshots.add(row.snapshot)
      continue
    }
    if (row.n !== null) {
      counted.push({ token: Number(row.token), len: row.len!, n: Number(row.n) })
      continue
    }
    const token = Number(row.token)
    let blocks = byToken.get(token)
    if (blocks === undefined) byToken.set(token, (blocks = []))
    blocks.push([row.len!, row.seqs!])
  }
  // The open lists first: a closed list's posting of a sentence no open list has counted yet would be lost.
  for (const list of open) for (const [length, block] of byToken.get(list.hash) ?? []) hits.addBlock(block, list.weight, length, true)
  for (const list of closed) for (const [length, block] of byToken.get(list.hash) ?? []) hits.addBlock(block, list.weight, length, false)
  if (uncounted.length > 0) partCounts.record(uncounted, counted)
  return snapshots.size <= 1
}
