/**
 * The sentences of multi-sentence units in a PostgreSQL memory (issue #14, part matches), as SQLite keeps them
 * (see sqlite-parts.ts): one `mizan_parts` row per sentence, numbered by its own sequence (`pseq`), and its own
 * posting blocks in `mizan_part_blocks` (the layout of sql/blocks.ts). Each sentence is an entry of its own, so
 * the fuzzy length window and overlap bounds hold per sentence and part search is as lossless as unit search.
 *
 * Writers add their own blocks, as they do for units (postgres.ts, insertBlocks), so concurrent writers never
 * queue on one block. A delete rewrites the blocks holding its sentences under a row lock; should a concurrent
 * delete have rewritten a block first, a posting of a deleted sentence may stay behind. Such a posting only
 * costs a look-up: a search reads the sentences' rows joined to their units and leaves out those that are gone.
 *
 * `PostgresStorage` owns the transactions; every function here runs inside one.
 *
 * @module
 * @internal
 */
import type { PoolClient } from 'pg'
import type { TranslationUnit } from '../types.js'
import { decodePostings } from './sql/blocks.js'
import { hash53 } from './sql/hash.js'
import { sideCode } from './sql/schema.js'
import { distinctTokens, lengthWindow, passesOverlap, prefixNeeded } from './sql/plan.js'
import { byHash, extraReadFactor, extraReadFloor, hitBounds, HitCounter, queuePostings, tokenCounts, type PendingBatch } from './sql/postings.js'
import type { MatchSide, PartCandidateUnit, PartKeys, StoredPart } from './types.js'
import { insertBlocks, sortedPostings } from './postgres-blocks.js'

/**
 * Inserts the sentences of written units (those with `parts`) and their postings, as new blocks.
 *
 * @internal
 */
export async function putParts(client: PoolClient, units: ReadonlyArray<{ seq: number; parts: PartKeys | undefined }>): Promise<void> {
  const rows: Array<{ seq: number; side: 0 | 1; index: number; key: string; tokens: readonly string[] }> = []
  for (const { seq, parts } of units) {
    for (const side of ['source', 'target'] as const) {
      parts?.[side]?.forEach((part, index) => rows.push({ seq, side: sideCode[side], index, key: part.key, tokens: part.tokens }))
    }
  }
  if (rows.length === 0) return
  const pseqs = (await client.query<{ pseq: string }>(`SELECT nextval('mizan_parts_pseq') AS pseq FROM generate_series(1, $1::int)`, [rows.length])).rows
    .map((row) => Number(row.pseq))
    .sort((a, b) => a - b)
  await client.query(
    `INSERT INTO mizan_parts (pseq, seq, side, idx, key, key_hash, len, tokens)
     SELECT pseq, seq, side, idx, key, key_hash, len, ARRAY(SELECT json_array_elements_text(tokens::json))
     FROM unnest($1::bigint[], $2::bigint[], $3::smallint[], $4::int[], $5::text[], $6::bigint[], $7::int[], $8::text[]) AS t(pseq, seq, side, idx, key, key_hash, len, tokens)`,
    [
      pseqs,
      rows.map((row) => row.seq),
      rows.map((row) => row.side),
      rows.map((row) => row.index),
      rows.map((row) => row.key),
      rows.map((row) => hash53(row.key)),
      rows.map((row) => row.tokens.length),
      rows.map((row) => JSON.stringify(row.tokens)),
    ],
  )
  const batch: PendingBatch = { from: 0, postings: new Map(), dropped: new Set() }
  rows.forEach((row, index) => queuePostings(batch, row.side === sideCode.source ? 'source' : 'target', row.tokens, pseqs[index]!))
  await insertBlocks(client, 'mizan_part_blocks', batch)
}

/**
 * Deletes the sentences of the units `seqs` and removes their postings from the blocks holding them.
 *
 * @internal
 */
export async function deleteParts(client: PoolClient, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return
  const deleted = (
    await client.query<{ pseq: string; side: number; len: number; tokens: string[] }>(`DELETE FROM mizan_parts WHERE seq = ANY($1::bigint[]) RETURNING pseq, side, len, tokens`, [seqs])
  ).rows
  if (deleted.length === 0) return
  const tokens: number[] = []
  const lengths: number[] = []
  const pseqs: number[] = []
  for (const row of deleted) {
    for (const hash of tokenCounts(row.side === sideCode.source ? 'source' : 'target', row.tokens).keys()) {
      tokens.push(hash)
      lengths.push(row.len)
      pseqs.push(Number(row.pseq))
    }
  }
  // The blocks holding the postings, locked so that two deletes of one block take turns.
  const blocks = (
    await client.query<{ token: string; len: number; first: string; seqs: Buffer }>(
      `SELECT b.token, b.len, b.first, b.seqs FROM mizan_part_blocks b
       WHERE EXISTS (SELECT 1 FROM unnest($1::bigint[], $2::int[], $3::bigint[]) AS t(token, len, pseq)
                     WHERE b.token = t.token AND b.len = t.len AND b.first <= t.pseq AND b.last >= t.pseq)
       ORDER BY b.token, b.len, b.first FOR UPDATE`,
      [tokens, lengths, pseqs],
    )
  ).rows
  const gone = new Set(pseqs)
  const batch: PendingBatch = { from: 0, postings: new Map(), dropped: new Set() }
  const rewritten: { tokens: string[]; lengths: number[]; firsts: string[] } = { tokens: [], lengths: [], firsts: [] }
  for (const block of blocks) {
    rewritten.tokens.push(block.token)
    rewritten.lengths.push(block.len)
    rewritten.firsts.push(block.first)
    // Each kept block is written again as it was, less the gone postings (a list's blocks stay apart).
    const stored = decodePostings(block.seqs)
    const token = Number(block.token)
    let byLength = batch.postings.get(token)
    if (byLength === undefined) batch.postings.set(token, (byLength = new Map()))
    let list = byLength.get(block.len)
    if (list === undefined) byLength.set(block.len, (list = { seqs: [], counts: [] }))
    for (const [index, seq] of stored.seqs.entries()) {
      if (gone.has(seq)) continue
      list.seqs.push(seq)
      list.counts.push(stored.counts[index]!)
    }
  }
  await client.query(`DELETE FROM mizan_part_blocks b USING unnest($1::bigint[], $2::int[], $3::bigint[]) AS t(token, len, first) WHERE b.token = t.token AND b.len = t.len AND b.first = t.first`, [
    rewritten.tokens,
    rewritten.lengths,
    rewritten.firsts,
  ])
  for (const lists of batch.postings.values()) for (const [length, list] of lists) lists.set(length, sortedPostings(list.seqs, list.counts))
  await insertBlocks(client, 'mizan_part_blocks', batch)
}

/** Deletes every sentence and part posting (a re-key rebuilds them). @internal */
export async function clearParts(client: PoolClient): Promise<void> {
  await client.query(`DELETE FROM mizan_parts`)
  await client.query(`DELETE FROM mizan_part_blocks`)
}

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
 * never the answer; so a list is read even at a count of 0.
 *
 * @example
 * ```ts
 * const counts = new PartCounts()
 * await partCandidates(client, new HitCounter(), counts, 'source', ['وحضرها', 'رئيسا'], 0.7)
 * ```
 * @internal
 */
export class PartCounts {
  readonly #cache = new Map<number, { at: number; byLength: Map<number, number> }>()

  /** The postings of each of `hashes` with a length in `low..high`, counting anew only tokens not counted lately. */
  async inWindow(client: PoolClient, hashes: readonly number[], low: number, high: number): Promise<Map<number, number>> {
    const now = Date.now()
    const stale = hashes.filter((hash) => {
      const counted = this.#cache.get(hash)
      return counted === undefined || now - counted.at >= countMaxAgeMs
    })
    if (stale.length > 0) {
      const rows = (
        await client.query<{ token: string; len: number; n: string }>({
          name: 'mizan_part_counts',
          text: `SELECT token, len, sum(n) AS n FROM mizan_part_blocks WHERE token = ANY($1::bigint[]) GROUP BY token, len`,
          values: [stale],
        })
      ).rows
      if (this.#cache.size + stale.length > countCacheSize) this.#cache.clear()
      for (const hash of stale) this.#cache.set(hash, { at: now, byLength: new Map() })
      for (const row of rows) this.#cache.get(Number(row.token))?.byLength.set(row.len, Number(row.n))
    }
    return new Map(
      hashes.map((hash) => {
        let total = 0
        for (const [length, n] of this.#cache.get(hash)?.byLength ?? []) if (length >= low && length <= high) total += n
        return [hash, total]
      }),
    )
  }

  /** Forgets every count (after a re-key, which rebuilds the lists). */
  clear(): void {
    this.#cache.clear()
  }
}

/**
 * Part candidates (see sqlite-parts.ts): the prefix lists inside the length window, rarest first, and every other
 * list cheap enough to read whatever the sentences found (at most `extraReadFloor` postings), in one read,
 * counting each sentence's hits (the prefix lists first, as only they add sentences); then, in one more read,
 * every costlier list cheap next to the sentences still passing; a sentence short of the overlap bound is dropped
 * unread, the others get the exact multiset check.
 *
 * Without a transaction of its own (each round trip, BEGIN and COMMIT included, costs about as much as a read),
 * the reads are checked to agree with one snapshot, as `SearchReader` in postgres.ts checks unit searches: each
 * posting read returns its snapshot, and a second one that differs means a write committed in between; a sentence
 * row missing for a counted posting means a write deleted it since (or a posting a concurrent delete left behind,
 * see the module comment). Either way the answer is `undefined`, and the caller searches again with `oneSnapshot`
 * inside a repeatable-read transaction, where nothing can differ and missing rows are left out.
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
): Promise<PartCandidateUnit[] | undefined> {
  const queryLength = tokens.length
  const { low, high } = lengthWindow(queryLength, minScore)
  const planned = distinctTokens(side, tokens)
  const needed = prefixNeeded(queryLength, minScore)
  const weights = byHash(planned)
  const counts = await partCounts.inWindow(client, weights.map((list) => list.hash), low, high)
  const lists = weights.map((list) => ({ ...list, cost: counts.get(list.hash)! })).sort((a, b) => a.cost - b.cost)
  hits.reset(0)
  const least = (unread: number) => hitBounds(queryLength, minScore, low, high, unread)
  let covered = 0
  let at = 0
  for (; at < lists.length && covered < needed; at++) covered += lists[at]!.weight
  const prefix = lists.slice(0, at)
  const cheap = lists.slice(at).filter((list) => list.cost <= extraReadFloor)
  const snapshots = new Set<string>()
  if (!(await readLists(client, hits, prefix, cheap, low, high, snapshots))) return undefined
  for (const list of cheap) covered += list.weight
  const reaching = hits.countReaching(least(queryLength - covered), low)
  const costly = lists.slice(at).filter((list) => list.cost > extraReadFloor && list.cost <= extraReadFactor * reaching)
  if (!(await readLists(client, hits, [], costly, low, high, snapshots))) return undefined
  for (const list of costly) covered += list.weight
  if (!oneSnapshot && snapshots.size > 1) return undefined
  const bound = least(queryLength - covered)
  const survivors: number[] = []
  hits.forEach((pseq, count, length) => {
    if (count >= bound[length - low]!) survivors.push(pseq)
  })
  if (survivors.length === 0) return []
  const rows = (
    await client.query<{ tokens: string; idx: number; seq: string; data: string }>({
      name: 'mizan_part_rows',
      text: `SELECT array_to_json(p.tokens)::text AS tokens, p.idx, u.seq, u.data FROM mizan_parts p JOIN mizan_units u ON u.seq = p.seq WHERE p.pseq = ANY($1::bigint[])`,
      values: [survivors],
    })
  ).rows
  if (!oneSnapshot && rows.length !== survivors.length) return undefined
  const queryCounts = new Map(planned.map((token) => [token.token, token.count]))
  const candidates: PartCandidateUnit[] = []
  for (const row of rows) {
    const stored = JSON.parse(row.tokens) as string[]
    if (!passesOverlap(queryCounts, stored, queryLength, minScore)) continue
    candidates.push({ unit: JSON.parse(row.data) as TranslationUnit, seq: Number(row.seq), index: row.idx, tokens: stored })
  }
  return candidates
}

/**
 * Counts the blocks of `open` lists (adding sentences) and then of `closed` lists (counting only sentences already
 * found) inside the window into `hits`, each list's weight per sentence, in one statement; adds the statement's
 * snapshot to `snapshots`. False when a read found a snapshot other than the one before.
 */
async function readLists(
  client: PoolClient,
  hits: HitCounter,
  open: ReadonlyArray<{ hash: number; weight: number }>,
  closed: ReadonlyArray<{ hash: number; weight: number }>,
  low: number,
  high: number,
  snapshots: Set<string>,
): Promise<boolean> {
  // Read even at a count of 0: the count may be older than the list (a sentence added since).
  if (open.length + closed.length === 0) return true
  const rows = (
    await client.query<{ token: string | null; len: number | null; seqs: Buffer | null; snapshot: string | null }>({
      name: 'mizan_part_blocks_read',
      // A list's blocks of one length as one value, joined by a zero byte (HitCounter.addBlock reads the joins):
      // one row to send and parse instead of one per block (a bulk load leaves a list a block per batch).
      text: `SELECT token, len, string_agg(seqs, '\\x00'::bytea) AS seqs, NULL::text AS snapshot FROM mizan_part_blocks
             WHERE token = ANY($1::bigint[]) AND len BETWEEN $2::int AND $3::int GROUP BY token, len
             UNION ALL SELECT NULL, NULL, NULL, pg_current_snapshot()::text`,
      values: [[...open, ...closed].map((list) => list.hash), low, high],
    })
  ).rows
  const byToken = new Map<number, Array<[number, Buffer]>>()
  for (const row of rows) {
    if (row.snapshot !== null) {
      snapshots.add(row.snapshot)
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
  return snapshots.size <= 1
}
