/**
 * Writing the sentences of multi-sentence units in a PostgreSQL memory (issue #14, part matches) as groups: a
 * memory repeats sentences (a sentence aligned into several beads, a boilerplate line), and each copy indexed
 * apart cost a search a posting per token, a candidate, a row and an overlap check. So, as the in-process memory
 * does (`partGroup` in memory.ts), every distinct sentence is indexed once per side:
 *
 * - `mizan_part_groups(gid, side, digest, len, tokens, refs)`: one row per distinct token sequence of a side, the
 *   thing a part's score is computed from (`PartCandidateUnit.tokens`), found by a SHA-256 digest of
 *   `tokens::text` (unique with the side; the array's text form is injective, and a digest fits any sentence
 *   length where a b-tree entry on the tokens would not). `refs` counts the live sentences it stands for.
 * - `mizan_parts(pseq, seq, side, idx, key, key_hash, gid)`: one row per live sentence, mapping its group to its
 *   unit (and keeping the sentence's own matching key for look-ups, `findPartsByKey`).
 * - `mizan_part_blocks`: posting blocks (sql/blocks.ts) whose ids are group ids. A group's postings are written
 *   when it is created and removed when its last sentence goes.
 *
 * Reference counts under concurrent writers: a transaction gathers every change of its sentences first
 * ({@link PartWrites}: deleted sentences' rows go at once, their groups are decremented later), then changes the
 * groups in ONE `INSERT ... ON CONFLICT (side, digest) DO UPDATE SET refs = refs + delta` in digest order, which
 * locks each group row (so two writers of a group take turns, and since every writer locks in the same order no
 * two wait on each other in a cycle) and returns its new count. A count equal to the writer's own positive delta
 * means the row was made by this statement (a committed group always has `refs > 0`: the writer that brings it
 * to 0 deletes it in the same transaction), so this writer adds its postings; a count of 0 means this writer
 * removed its last sentence, so it deletes the group and its postings. A writer that waited on a group another
 * writer deleted inserts it anew, under a new gid.
 *
 * Removing postings rewrites the blocks holding them under a row lock, as unit deletes do; should a concurrent
 * delete have rewritten a block first, a posting of a deleted group may stay behind. It only costs a look-up: a
 * search leaves out groups that are gone (postgres-parts.ts).
 *
 * @module
 * @internal
 */
import type { PoolClient } from 'pg'
import { StorageError } from '../errors.js'
import { decodePostings } from './sql/blocks.js'
import { hash53 } from './sql/hash.js'
import { tokenCounts, queuePostings, type PendingBatch } from './sql/postings.js'
import { sideCode } from './sql/schema.js'
import type { MatchSide, PartKeys } from './types.js'
import { insertBlocks, sortedPostings } from './postgres-blocks.js'

/**
 * The SQL digest of a `text[]` of tokens that identifies a group with its side. Spliced into statements (a
 * constant, not input).
 */
const digestOf = (tokens: string) => `sha256(convert_to(${tokens}::text, 'UTF8'))`

/**
 * The sentence changes of one write transaction, applied to the groups at once by {@link applyPartWrites}.
 *
 * @internal
 */
export interface PartWrites {
  /** Per group (side and tokens, {@link groupKey}): the change of its reference count, with its tokens. */
  groups: Map<string, { side: 0 | 1; tokens: readonly string[]; delta: number }>
  /** The sentences to insert, each with its group. */
  sentences: Array<{ seq: number; side: 0 | 1; index: number; key: string; group: string }>
}

/**
 * No sentence changes yet.
 *
 * @example
 * const writes = newPartWrites() // { groups: Map {}, sentences: [] }
 * @internal
 */
export const newPartWrites = (): PartWrites => ({ groups: new Map(), sentences: [] })

/** A group's key in {@link PartWrites}: its side and its tokens (JSON keeps them apart: tokens may hold anything). */
function groupKey(side: 0 | 1, tokens: readonly string[]): string {
  return `${side}${JSON.stringify(tokens)}`
}

/** Adds `delta` to the reference count change of the group of `tokens` on `side`; returns its key. */
function countGroup(writes: PartWrites, side: 0 | 1, tokens: readonly string[], delta: number): string {
  const key = groupKey(side, tokens)
  const group = writes.groups.get(key)
  if (group === undefined) writes.groups.set(key, { side, tokens, delta })
  else group.delta += delta
  return key
}

/**
 * Deletes the sentences of the units `seqs` (their rows at once; their groups' counts in
 * {@link applyPartWrites}).
 *
 * @example
 * await deleteParts(client, [12, 13], writes) // inside the write transaction, before applyPartWrites
 * @internal
 */
export async function deleteParts(client: PoolClient, seqs: readonly number[], writes: PartWrites): Promise<void> {
  if (seqs.length === 0) return
  // The group rows need no lock to be read: these sentences count in refs, so nobody else can delete them.
  const deleted = (
    await client.query<{ side: number; tokens: string[] }>(`DELETE FROM mizan_parts p USING mizan_part_groups g WHERE p.seq = ANY($1::bigint[]) AND g.gid = p.gid RETURNING p.side, g.tokens`, [seqs])
  ).rows
  for (const row of deleted) countGroup(writes, row.side === sideCode.source ? 0 : 1, row.tokens, -1)
}

/**
 * Queues the sentences of written units (those with `parts`) and applies every queued change (with the deletes
 * queued before it in `writes`).
 *
 * @example
 * await putParts(client, [{ seq: 14, parts: keys.parts }], writes)
 * @internal
 */
export async function putParts(client: PoolClient, units: ReadonlyArray<{ seq: number; parts: PartKeys | undefined }>, writes: PartWrites): Promise<void> {
  for (const { seq, parts } of units) {
    for (const side of ['source', 'target'] as const) {
      parts?.[side]?.forEach((part, index) => {
        const code = sideCode[side]
        writes.sentences.push({ seq, side: code, index, key: part.key, group: countGroup(writes, code, part.tokens, 1) })
      })
    }
  }
  await applyPartWrites(client, writes)
}

/**
 * Applies the queued changes: group counts (creating and deleting groups, with their postings), then the new
 * sentences' rows; empties `writes`.
 *
 * @example
 * await applyPartWrites(client, writes) // after deleteParts, when nothing is put
 * @internal
 */
export async function applyPartWrites(client: PoolClient, writes: PartWrites): Promise<void> {
  const used = new Set(writes.sentences.map((sentence) => sentence.group))
  // A group whose count does not change is still locked and read when new sentences need its gid.
  const changed = [...writes.groups.entries()].filter(([key, group]) => group.delta !== 0 || used.has(key))
  const sentences = writes.sentences
  writes.groups = new Map()
  writes.sentences = []
  if (changed.length === 0) return
  const rows = (
    await client.query<{ gid: string; side: number; tokens: string[]; refs: number }>(
      `INSERT INTO mizan_part_groups AS g (side, digest, len, tokens, refs)
       SELECT side, ${digestOf('tokens')}, cardinality(tokens), tokens, delta
       FROM (SELECT side, ARRAY(SELECT json_array_elements_text(tokens::json)) AS tokens, delta
             FROM unnest($1::smallint[], $2::text[], $3::int[]) AS t(side, tokens, delta)) s
       ORDER BY side, 2
       ON CONFLICT (side, digest) DO UPDATE SET refs = g.refs + excluded.refs
       RETURNING g.gid, g.side, g.tokens, g.refs`,
      [changed.map(([, group]) => group.side), changed.map(([, group]) => JSON.stringify(group.tokens)), changed.map(([, group]) => group.delta)],
    )
  ).rows
  const deltas = new Map(changed.map(([key, group]) => [key, group.delta]))
  const gids = new Map<string, number>()
  const made: Array<{ gid: number; side: MatchSide; tokens: readonly string[] }> = []
  const emptied: Array<{ gid: number; side: MatchSide; tokens: readonly string[] }> = []
  for (const row of rows) {
    const side = row.side === sideCode.source ? 'source' : 'target'
    const key = groupKey(row.side === sideCode.source ? 0 : 1, row.tokens)
    const delta = deltas.get(key)
    if (delta === undefined) throw new StorageError(`cannot write the sentence groups: the server returned a group this write did not change; this is a bug`)
    const gid = Number(row.gid)
    gids.set(key, gid)
    // See the module comment: a committed group has refs > 0, so refs equal to a positive delta is a new row.
    if (delta > 0 && row.refs === delta) made.push({ gid, side, tokens: row.tokens })
    // A group at 0 (or below) that was not decremented to it was missing for sentences that counted in it.
    else if (row.refs < 0 || (row.refs === 0 && row.refs === delta)) throw new StorageError(`cannot write the sentence groups: group ${gid} was missing for sentences that use it; this is a bug`)
    else if (row.refs === 0) emptied.push({ gid, side, tokens: row.tokens })
  }
  if (sentences.length > 0) {
    await client.query(
      `INSERT INTO mizan_parts (seq, side, idx, key, key_hash, gid)
       SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::int[], $4::text[], $5::bigint[], $6::bigint[])`,
      [
        sentences.map((sentence) => sentence.seq),
        sentences.map((sentence) => sentence.side),
        sentences.map((sentence) => sentence.index),
        sentences.map((sentence) => sentence.key),
        sentences.map((sentence) => hash53(sentence.key)),
        sentences.map((sentence) => gids.get(sentence.group)!),
      ],
    )
  }
  if (emptied.length > 0) await client.query(`DELETE FROM mizan_part_groups WHERE gid = ANY($1::bigint[])`, [emptied.map((group) => group.gid)])
  // The new groups' postings, and the blocks that held the emptied groups' postings rewritten without them.
  const batch: PendingBatch = { from: 0, postings: new Map(), dropped: new Set() }
  await removeGroupPostings(client, emptied, batch)
  for (const group of made.sort((a, b) => a.gid - b.gid)) queuePostings(batch, group.side, group.tokens, group.gid)
  for (const lists of batch.postings.values()) for (const [length, list] of lists) lists.set(length, sortedPostings(list.seqs, list.counts))
  await insertBlocks(client, 'mizan_part_blocks', batch)
}

/**
 * Deletes the blocks holding the postings of `groups`, locked in key order (two deleters of one block take turns,
 * and never wait on each other in a cycle), and queues what else they held into `batch`, to be written again.
 */
async function removeGroupPostings(client: PoolClient, groups: ReadonlyArray<{ gid: number; side: MatchSide; tokens: readonly string[] }>, batch: PendingBatch): Promise<void> {
  if (groups.length === 0) return
  const tokens: number[] = []
  const lengths: number[] = []
  const gids: number[] = []
  for (const group of groups) {
    for (const hash of tokenCounts(group.side, group.tokens).keys()) {
      tokens.push(hash)
      lengths.push(group.tokens.length)
      gids.push(group.gid)
    }
  }
  const blocks = (
    await client.query<{ token: string; len: number; first: string; seqs: Buffer }>(
      `SELECT b.token, b.len, b.first, b.seqs FROM mizan_part_blocks b
       WHERE EXISTS (SELECT 1 FROM unnest($1::bigint[], $2::int[], $3::bigint[]) AS t(token, len, gid)
                     WHERE b.token = t.token AND b.len = t.len AND b.first <= t.gid AND b.last >= t.gid)
       ORDER BY b.token, b.len, b.first FOR UPDATE`,
      [tokens, lengths, gids],
    )
  ).rows
  if (blocks.length === 0) return
  const gone = new Set(gids)
  for (const block of blocks) {
    // Each block's other postings are written again (a list's blocks stay apart: they need not be full).
    const stored = decodePostings(block.seqs)
    const token = Number(block.token)
    let byLength = batch.postings.get(token)
    if (byLength === undefined) batch.postings.set(token, (byLength = new Map()))
    let list = byLength.get(block.len)
    if (list === undefined) byLength.set(block.len, (list = { seqs: [], counts: [] }))
    for (const [index, gid] of stored.seqs.entries()) {
      if (gone.has(gid)) continue
      list.seqs.push(gid)
      list.counts.push(stored.counts[index]!)
    }
  }
  await client.query(`DELETE FROM mizan_part_blocks b USING unnest($1::bigint[], $2::int[], $3::bigint[]) AS t(token, len, first) WHERE b.token = t.token AND b.len = t.len AND b.first = t.first`, [
    blocks.map((block) => block.token),
    blocks.map((block) => block.len),
    blocks.map((block) => block.first),
  ])
}

/** Deletes every sentence, group and part posting (a re-key rebuilds them). @internal */
export async function clearParts(client: PoolClient): Promise<void> {
  await client.query(`DELETE FROM mizan_parts`)
  await client.query(`DELETE FROM mizan_part_groups`)
  await client.query(`DELETE FROM mizan_part_blocks`)
}

/**
 * Migration 6's data step (the statements in sql/schema.ts made the groups from the sentence rows and emptied the
 * part blocks): writes every group's postings, a page of groups at a time in gid order, inside the migration's
 * transaction.
 *
 * @example
 * await buildPartGroupPostings(client) // inside the migration transaction
 * @internal
 */
export async function buildPartGroupPostings(client: PoolClient): Promise<void> {
  let after = 0
  for (;;) {
    const rows = (await client.query<{ gid: string; side: number; tokens: string[] }>(`SELECT gid, side, tokens FROM mizan_part_groups WHERE gid > $1 ORDER BY gid LIMIT 20000`, [after])).rows
    if (rows.length === 0) return
    const batch: PendingBatch = { from: 0, postings: new Map(), dropped: new Set() }
    for (const row of rows) queuePostings(batch, row.side === sideCode.source ? 'source' : 'target', row.tokens, Number(row.gid))
    await insertBlocks(client, 'mizan_part_blocks', batch)
    after = Number(rows[rows.length - 1]!.gid)
  }
}
