/**
 * Concordance in a PostgreSQL memory read best ranked first (issue #14, speed), as SQLite does it (sqlite.ts):
 * a vocabulary table (`mizan_tokens`, schema 5) makes a prefix (`desalinat*`) an index range, and a record in
 * `mizan_meta` says whether every unit was written in date order (sql/concordance-order.ts), in which case the
 * posting blocks, walked newest first, meet the candidates in rank order and the search stops early.
 *
 * Concurrent writers take seqs before they commit, so a transaction may commit after another that took larger
 * seqs. The order record is therefore kept under its row lock, taken last in the write transaction (after the
 * id locks and the vocabulary rows, so no two writers wait on each other in a cycle), and a batch keeps the
 * order only when its seqs are all above the newest recorded seq and its dates not below the newest date: the
 * record can only err towards "not in order", which costs speed, never an answer.
 *
 * `PostgresStorage` owns the transactions; every function here runs inside one.
 *
 * @module
 * @internal
 */
import type { PoolClient } from 'pg'
import type { TranslationUnit } from '../types.js'
import { holdsEveryGroup, newestInAll } from './intersect-groups.js'
import { decodePostings } from './sql/blocks.js'
import { advanceSeqOrder, byRecency, orderKeys, prefixUpperBound, readSeqOrder } from './sql/concordance-order.js'
import { tokenHash } from './sql/hash.js'
import { sideCode } from './sql/schema.js'
import type { CandidateUnit, ConcordanceCandidateQuery, MatchSide, StoredUnit } from './types.js'

/** The meta key of the newest seq written while in order (PostgreSQL only: SQLite has one writer). */
const newestSeqKey = 'concordanceNewestSeq'

/**
 * Records written units' distinct tokens (in sorted order, so two writers inserting the same tokens queue in the
 * same order and never deadlock) and advances the order record. Runs last in the write transaction.
 *
 * @internal
 */
export async function recordConcordance(client: PoolClient, units: ReadonlyArray<{ stored: StoredUnit; source: readonly string[]; target: readonly string[] }>): Promise<void> {
  const sides: number[] = []
  const tokens: string[] = []
  for (const side of ['source', 'target'] as const) {
    const seen = new Set<string>()
    for (const unit of units) for (const token of unit[side]) seen.add(token)
    for (const token of [...seen].sort()) {
      sides.push(sideCode[side])
      tokens.push(token)
    }
  }
  await client.query(`INSERT INTO mizan_tokens (side, token) SELECT * FROM unnest($1::smallint[], $2::text[]) ON CONFLICT DO NOTHING`, [sides, tokens])
  if (units.length === 0) return
  const recorded = await lockOrder(client)
  if (!recorded.ranked) return
  const written = units.map((unit) => unit.stored).sort((a, b) => a.seq - b.seq)
  const after = advanceSeqOrder(recorded, written)
  const ranked = after.ranked && written[0]!.seq > recorded.newestSeq
  await client.query(`UPDATE mizan_meta SET value = CASE key WHEN $1 THEN $2 WHEN $3 THEN $4 ELSE $5 END WHERE key IN ($1, $3, $6)`, [
    orderKeys.newest,
    String(after.newestMs),
    orderKeys.order,
    ranked ? 'seq' : 'none',
    String(written[written.length - 1]!.seq),
    newestSeqKey,
  ])
}

/** The order record, its rows locked until the transaction ends. */
async function lockOrder(client: PoolClient): Promise<{ ranked: boolean; newestMs: number; newestSeq: number }> {
  const rows = (await client.query<{ key: string; value: string }>(`SELECT key, value FROM mizan_meta WHERE key IN ($1, $2, $3) ORDER BY key FOR UPDATE`, [orderKeys.newest, orderKeys.order, newestSeqKey])).rows
  return orderOf(rows)
}

/** The order record from its meta rows. */
function orderOf(rows: ReadonlyArray<{ key: string; value: string }>): { ranked: boolean; newestMs: number; newestSeq: number } {
  const value = (key: string) => rows.find((row) => row.key === key)?.value
  const state = readSeqOrder(value(orderKeys.newest), value(orderKeys.order))
  // No record at all (a table written before schema 5 and not migrated): not known to be in order.
  return { ...state, ranked: state.ranked && rows.length === 3, newestSeq: Number(value(newestSeqKey) ?? Number.POSITIVE_INFINITY) }
}

/**
 * Fills the vocabulary from the stored tokens (emptying it first) and, with `order`, computes the order record
 * from the units' dates (migration 5; a re-key changes no date).
 *
 * @internal
 */
export async function fillConcordanceTables(client: PoolClient, order: boolean): Promise<void> {
  await client.query(`DELETE FROM mizan_tokens`)
  for (const [side, code] of Object.entries(sideCode)) {
    await client.query(`INSERT INTO mizan_tokens (side, token) SELECT DISTINCT $1::smallint, unnest(${side}_tokens) FROM mizan_units ON CONFLICT DO NOTHING`, [code])
  }
  if (!order) return
  let state = readSeqOrder(undefined, undefined)
  let newestSeq = 0
  for (let after = 0; ; ) {
    const rows = (await client.query<{ seq: string; data: string }>(`SELECT seq, data FROM mizan_units WHERE seq > $1 ORDER BY seq LIMIT 5000`, [after])).rows
    if (rows.length === 0) break
    state = advanceSeqOrder(state, rows.map((row) => ({ unit: JSON.parse(row.data) as TranslationUnit, seq: Number(row.seq) })))
    after = newestSeq = Number(rows[rows.length - 1]!.seq)
  }
  await client.query(
    `INSERT INTO mizan_meta (key, value) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [[orderKeys.newest, orderKeys.order, newestSeqKey], [String(state.newestMs), state.ranked ? 'seq' : 'none', String(newestSeq)]],
  )
}

/**
 * Every stored token of `side` starting with `prefix`: an index range of the vocabulary (compared in code-point
 * order, `COLLATE "C"`).
 *
 * @internal
 */
export async function tokensStartingWith(client: PoolClient, side: MatchSide, prefix: string): Promise<string[]> {
  const upper = prefixUpperBound(prefix)
  const rows = (
    await client.query<{ token: string }>(
      upper === undefined ? `SELECT token FROM mizan_tokens WHERE side = $1 AND token >= $2` : `SELECT token FROM mizan_tokens WHERE side = $1 AND token >= $2 AND token < $3`,
      upper === undefined ? [sideCode[side], prefix] : [sideCode[side], prefix, upper],
    )
  ).rows
  return rows.map((row) => row.token).filter((token) => token.startsWith(prefix))
}

/**
 * Which word-form groups each token hash belongs to: the posting blocks of a hash feed every group it is in.
 *
 * @example
 * groupsByHash('source', [['كتاب', 'الكتاب'], ['جديد']]).get(tokenHash('source', 'الكتاب')) // [0]
 * @internal
 */
export function groupsByHash(side: MatchSide, groups: ReadonlyArray<readonly string[]>): Map<number, number[]> {
  const groupsOfHash = new Map<number, number[]>()
  groups.forEach((group, index) => {
    for (const token of group) {
      const hash = tokenHash(side, token)
      const owners = groupsOfHash.get(hash) ?? []
      if (!owners.includes(index)) owners.push(index)
      groupsOfHash.set(hash, owners)
    }
  })
  return groupsOfHash
}

/**
 * The candidates of `query`, newest seq first, in batches of 32, 64, … 4096 rows, as far as the caller
 * iterates: every form's posting blocks read in one statement with the order record (a round trip costs more
 * than the bytes), walked by {@link newestInAll}, each batch's rows read in one statement and checked against the
 * tokens themselves (two tokens may share a hash). When seq order is not rank order, `unordered` gives every
 * candidate, which are sorted instead. `run` gives each read a connection. A unit replaced or deleted after the
 * postings were read is left out.
 *
 * @internal
 */
export async function* newestCandidates(
  run: <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>,
  query: ConcordanceCandidateQuery,
  unordered: () => Promise<CandidateUnit[]>,
): AsyncGenerator<CandidateUnit[]> {
  const { side } = query
  const groups = query.anyOf ?? query.words.map((word) => [word])
  if (groups.length === 0) return
  const groupsOfHash = groupsByHash(side, groups)
  // The order record is read without a lock: a write committing after it only adds units newer than the
  // snapshot the postings come from.
  const blocks = await run((client) =>
    client.query<{ token: string | null; seqs: Buffer | null; key: string | null; value: string | null }>(
      `SELECT token, seqs, NULL::text AS key, NULL::text AS value FROM mizan_posting_blocks WHERE token = ANY($1::bigint[])
       UNION ALL SELECT NULL, NULL, key, value FROM mizan_meta WHERE key IN ($2, $3, $4)`,
      [[...groupsOfHash.keys()], orderKeys.newest, orderKeys.order, newestSeqKey],
    ),
  )
  const order = blocks.rows.filter((row) => row.key !== null) as Array<{ key: string; value: string }>
  if (!orderOf(order).ranked) {
    yield byRecency(await unordered())
    return
  }
  // Each block is ascending on its own (concurrent writers' blocks of one list may interleave): one list each.
  const lists: number[][][] = groups.map(() => [])
  for (const row of blocks.rows) {
    if (row.token === null) continue
    const seqs = decodePostings(row.seqs!).seqs
    for (const index of groupsOfHash.get(Number(row.token)) ?? []) lists[index]!.push(seqs)
  }
  const holdsEvery = holdsEveryGroup(groups)
  const seqs = newestInAll(lists)
  for (let size = 32; ; size = Math.min(2 * size, 4096)) {
    const taken: number[] = []
    for (let step = seqs.next(); !step.done; step = seqs.next()) if (taken.push(step.value) >= size) break
    if (taken.length === 0) return
    const rows = await run((client) =>
      client.query<{ seq: string; data: string; tokens: string }>(`SELECT seq, data, array_to_json(${side}_tokens)::text AS tokens FROM mizan_units WHERE seq = ANY($1::bigint[])`, [taken]),
    )
    const batch = rows.rows
      .map((row) => ({ seq: Number(row.seq), data: row.data, tokens: JSON.parse(row.tokens) as string[] }))
      .filter((row) => holdsEvery(row.tokens))
      .sort((a, b) => b.seq - a.seq)
      .map((row) => ({ unit: JSON.parse(row.data) as TranslationUnit, seq: row.seq, tokens: row.tokens }))
    if (batch.length > 0) yield batch
  }
}
