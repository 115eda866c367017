/**
 * Writing posting blocks in SQLite, shared by the units' blocks (`mizan_posting_blocks`) and the parts' blocks
 * (`mizan_part_blocks`): both tables have the same columns and are written through statements of the same shape.
 *
 * @module
 * @internal
 */

import type BetterSqlite3 from 'better-sqlite3'
import { blockCapacity, encodePostings } from './sql/blocks.js'
import { blockSlices, pendingLists, withoutSeq, type PendingBatch } from './sql/postings.js'

type Statement = BetterSqlite3.Statement

/** A block row as read for an append or a delete. */
interface BlockRow {
  first: number
  last: number
  n: number
  seqs: Buffer
}

/**
 * The block statements of one blocks table (token, len, first, last, n, seqs).
 *
 * @internal
 */
export interface BlockStatements {
  /** (token, len) → the list's last block. */
  lastBlock: Statement
  /** (token, len, seq) → the block that holds seq. */
  blockFor: Statement
  /** (token, len, first, last, n, seqs). */
  insertBlock: Statement
  /** (last, n, seqs, token, len, first). */
  appendBlock: Statement
  /** (token, len, first). */
  deleteBlock: Statement
}

/**
 * Appends a batch's postings to the blocks: in key order (token, then length), each list's new seqs go to the
 * end of its last block (they are larger than every stored seq) and then to new blocks of {@link blockCapacity}.
 * Key order makes the writes walk the index from page to neighbouring page instead of jumping across it.
 *
 * @example
 * appendPostings(statements, batch) // inside the write transaction
 * @internal
 */
export function appendPostings(s: BlockStatements, batch: PendingBatch): void {
  for (const { token, length, seqs, counts } of pendingLists(batch)) {
    let at = 0
    const last = s.lastBlock.get(token, length) as BlockRow | undefined
    if (last !== undefined && last.n < blockCapacity) {
      at = Math.min(blockCapacity - last.n, seqs.length)
      const added = encodePostings(seqs.slice(0, at), counts.slice(0, at), last.last)
      s.appendBlock.run(seqs[at - 1], last.n + at, Buffer.concat([last.seqs, added]), token, length, last.first)
    }
    for (const block of blockSlices(seqs, counts, at)) {
      s.insertBlock.run(token, length, block.seqs[0], block.seqs[block.seqs.length - 1], block.seqs.length, encodePostings(block.seqs, block.counts, 0))
    }
  }
}

/**
 * Removes one seq from the block holding it (rewriting the block, or deleting it when it empties).
 *
 * @example
 * removePosting(statements, token, length, seq) // inside the write transaction
 * @internal
 */
export function removePosting(s: BlockStatements, token: number, length: number, seq: number): void {
  const block = s.blockFor.get(token, length, seq) as BlockRow | undefined
  if (block === undefined) return
  const kept = withoutSeq(block.seqs, seq)
  if (kept === undefined) return
  const { seqs, counts } = kept
  s.deleteBlock.run(token, length, block.first)
  if (seqs.length > 0) s.insertBlock.run(token, length, seqs[0], seqs[seqs.length - 1], seqs.length, encodePostings(seqs, counts, 0))
}
