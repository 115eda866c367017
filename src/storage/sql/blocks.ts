/**
 * Posting blocks: the SQL backends' inverted index (SQLite since schema 2, PostgreSQL since schema 3) stores a
 * token's postings at one unit length as a few rows of up to
 * {@link blockCapacity} seqs each, the seqs ascending and delta-encoded as unsigned LEB128 varints (the
 * variable-byte compression of inverted files, as in Witten, Moffat and Bell, "Managing Gigabytes", 1999, ch. 3,
 * and Scholer, Williams, Yiannis and Zobel, "Compression of inverted indexes for fast query evaluation", SIGIR
 * 2002). Consecutive seqs of one list usually differ by a few hundred or less, so a posting costs one or two
 * bytes instead of a B-tree row of about 20: the index of a million-unit memory shrinks about tenfold, stays in
 * the page cache, and a search decodes tens of thousands of postings per millisecond.
 *
 * In SQLite seqs only grow (a new or replaced unit gets a seq above every stored one), so writes append to a
 * list's last block; PostgreSQL's concurrent writers add blocks of their own instead (see postgres.ts). A delete
 * rewrites the one block holding the seq.
 *
 * @module
 * @internal
 */

/**
 * Seqs per block at most. Small enough that appending to or deleting from a block rewrites a few hundred bytes,
 * large enough that the row overhead (key and header, about 20 bytes) is spread over many postings.
 * @internal
 */
export const blockCapacity = 128

/**
 * Encodes postings: ascending seqs, each with how many times the unit holds the token (its multiplicity, at least
 * 1). Each posting is the varint of `2 × delta + (count > 1 ? 1 : 0)`, followed by the varint of `count` when
 * that bit is set; the first delta is relative to `previous` (0 for a new block, the block's last seq when
 * appending). Keeping the multiplicity lets a search count a unit's overlap with the query exactly (a query token
 * twice in the query and once in the unit counts once) without reading the unit. Seqs must stay below 2^52.
 *
 * @param seqs - ascending seqs, each above `previous`
 * @param counts - the multiplicity of the token in each seq's unit
 * @param previous - the seq before the first one
 * @returns the encoded bytes
 * @example
 * ```ts
 * encodePostings([5, 6, 300], [1, 2, 1], 0) // <0a 03 02 cc 04>
 * ```
 * @internal
 */
export function encodePostings(seqs: readonly number[], counts: readonly number[], previous: number): Buffer {
  const bytes: number[] = []
  let last = previous
  seqs.forEach((seq, index) => {
    const count = counts[index]!
    pushVarint(bytes, (seq - last) * 2 + (count > 1 ? 1 : 0))
    if (count > 1) pushVarint(bytes, count)
    last = seq
  })
  return Buffer.from(bytes)
}

/** Appends an unsigned LEB128 varint (arithmetic, not bit operations: values may exceed 32 bits). */
function pushVarint(bytes: number[], value: number): void {
  while (value >= 128) {
    bytes.push((value % 128) + 128)
    value = Math.floor(value / 128)
  }
  bytes.push(value)
}

/**
 * Decodes a block (the inverse of {@link encodePostings} with `previous` 0).
 *
 * @param block - the encoded postings
 * @returns the seqs, ascending, and each one's multiplicity
 * @example
 * ```ts
 * decodePostings(encodePostings([5, 6, 300], [1, 2, 1], 0)) // { seqs: [5, 6, 300], counts: [1, 2, 1] }
 * ```
 * @internal
 */
export function decodePostings(block: Uint8Array): { seqs: number[]; counts: number[] } {
  const seqs: number[] = []
  const counts: number[] = []
  let seq = 0
  let index = 0
  const varint = () => {
    let byte = block[index++]!
    let value = byte & 127
    let scale = 128
    while (byte >= 128) {
      byte = block[index++]!
      value += (byte & 127) * scale
      scale *= 128
    }
    return value
  }
  while (index < block.length) {
    const value = varint()
    seq += Math.floor(value / 2)
    seqs.push(seq)
    counts.push(value % 2 === 1 ? varint() : 1)
  }
  return { seqs, counts }
}
