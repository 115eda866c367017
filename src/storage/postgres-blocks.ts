/**
 * Writing new posting blocks in PostgreSQL, shared by the units' blocks (`mizan_posting_blocks`) and the parts'
 * blocks (`mizan_part_blocks`): both tables have the same columns, and blocks are written column by column in one
 * `INSERT ... SELECT FROM unnest(...)`.
 *
 * @module
 * @internal
 */

import type { PoolClient } from 'pg'
import { encodePostings } from './sql/blocks.js'
import { blockSlices, pendingLists, type PendingBatch } from './sql/postings.js'

/**
 * A table of posting blocks (token, len, first, last, n, seqs).
 *
 * @internal
 */
export type BlocksTable = 'mizan_posting_blocks' | 'mizan_part_blocks'

/**
 * New blocks, column by column, for one `INSERT ... SELECT FROM unnest(...)`.
 *
 * @internal
 */
export interface BlockColumns {
  token: Array<string | number>
  len: number[]
  first: number[]
  last: number[]
  n: number[]
  seqs: Buffer[]
}

/**
 * Empty block columns.
 *
 * @example
 * const columns = newBlockColumns() // { token: [], len: [], first: [], last: [], n: [], seqs: [] }
 * @internal
 */
export const newBlockColumns = (): BlockColumns => ({ token: [], len: [], first: [], last: [], n: [], seqs: [] })

/**
 * Adds one list's ascending postings as full blocks.
 *
 * @example
 * addListBlocks(columns, token, 3, [10, 12], [1, 2])
 * @internal
 */
export function addListBlocks(columns: BlockColumns, token: string | number, length: number, seqs: readonly number[], counts: readonly number[]): void {
  for (const block of blockSlices(seqs, counts)) {
    columns.token.push(token)
    columns.len.push(length)
    columns.first.push(block.seqs[0]!)
    columns.last.push(block.seqs[block.seqs.length - 1]!)
    columns.n.push(block.seqs.length)
    columns.seqs.push(encodePostings(block.seqs, block.counts, 0))
  }
}

/**
 * Inserts the blocks into `table` in one statement.
 *
 * @example
 * await insertBlockColumns(client, 'mizan_posting_blocks', columns)
 * @internal
 */
export async function insertBlockColumns(client: PoolClient, table: BlocksTable, columns: BlockColumns): Promise<void> {
  if (columns.token.length === 0) return
  await client.query(
    `INSERT INTO ${table} (token, len, first, last, n, seqs)
     SELECT * FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::bigint[], $5::int[], $6::bytea[])`,
    [columns.token, columns.len, columns.first, columns.last, columns.n, columns.seqs],
  )
}

/**
 * Writes a batch's postings into `table` as new blocks, all in one statement. Blocks are never appended to: two
 * writers appending to one list's last block would have to queue on it (every batch touches the common words'
 * lists), and their seqs, drawn from the sequence concurrently, need not commit in order. So each transaction adds
 * its own blocks, keyed by their first seq (a seq belongs to one entry, so keys never collide); the cost is more,
 * smaller blocks when batches are small (see docs/storage.md, Limits).
 *
 * @example
 * await insertBlocks(client, 'mizan_part_blocks', batch) // inside the write transaction
 * @internal
 */
export async function insertBlocks(client: PoolClient, table: BlocksTable, batch: PendingBatch): Promise<void> {
  const columns = newBlockColumns()
  for (const { token, length, seqs, counts } of pendingLists(batch)) addListBlocks(columns, token, length, seqs, counts)
  await insertBlockColumns(client, table, columns)
}

/**
 * Postings gathered from several blocks (or blocks and a batch) in ascending seq order: concurrent writers' seqs
 * interleave, so their blocks' seqs need not follow one another.
 *
 * @example
 * sortedPostings([7, 3], [1, 2]) // { seqs: [3, 7], counts: [2, 1] }
 * @internal
 */
export function sortedPostings(seqs: readonly number[], counts: readonly number[]): { seqs: number[]; counts: number[] } {
  const order = seqs.map((_, index) => index).sort((a, b) => seqs[a]! - seqs[b]!)
  return { seqs: order.map((index) => seqs[index]!), counts: order.map((index) => counts[index]!) }
}
