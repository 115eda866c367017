/**
 * Posting lists as both SQL backends keep them (SQLite in `mizan_posting_blocks` since schema 2, PostgreSQL since
 * schema 3): a batch's postings queued per (token hash, unit length) with each unit's multiplicity of the token,
 * cut into blocks (sql/blocks.ts), and the client-side side of a search: per-seq hit counts in typed arrays and
 * the lossless hit bounds that decide which units' rows are read at all (see sqlite.ts and postgres.ts).
 *
 * @module
 * @internal
 */
import { StorageError } from '../../errors.js'
import { minOverlap } from '../../tm/score.js'
import type { MatchSide } from '../types.js'
import { blockCapacity, decodePostings } from './blocks.js'
import { tokenHash } from './hash.js'
import type { PlannedToken } from './plan.js'

/**
 * Beyond the mandatory prefix, a fuzzy search reads further query tokens' postings (rarest first) when they are
 * cheap next to what they can save: a token whose postings in the length window number at most this many times
 * the candidates still passing the hit-count filter (each a row read, unless the token rules it out). Decoding
 * and counting a posting costs tens of nanoseconds, reading a candidate's row several microseconds, and every
 * extra token read sharpens the hit-count filter that decides which rows are read at all.
 * @internal
 */
export const extraReadFactor = 256

/** Extra tokens are read regardless of the candidate count while they are this cheap (postings in the window). @internal */
export const extraReadFloor = 4096

/**
 * The hits a unit needs, per length in the window (`bounds[n - low]`), while `unread` query occurrences have not
 * been read: `minOverlap(|q|, n, m) − unread`, since the unread tokens can add at most their own count. Once
 * every list is read (`unread` 0) it is the exact overlap bound.
 * @internal
 */
export function hitBounds(queryLength: number, minScore: number, low: number, high: number, unread: number): number[] {
  const bound: number[] = []
  for (let length = low; length <= high; length++) bound.push(minOverlap(queryLength, length, minScore) - unread)
  return bound
}

/**
 * A batch's posting lists in key order (token, then length), without the postings of seqs the batch itself
 * replaced; key order makes the writes walk the index from page to neighbouring page.
 * @internal
 */
export function* pendingLists(batch: PendingBatch): Generator<{ token: number; length: number; seqs: number[]; counts: number[] }> {
  // Typed-array sorts are numeric and need no comparator calls.
  for (const token of Float64Array.from(batch.postings.keys()).sort()) {
    const byLength = batch.postings.get(token)!
    for (const length of Float64Array.from(byLength.keys()).sort()) {
      let { seqs, counts } = byLength.get(length)!
      if (batch.dropped.size > 0) {
        const kept = seqs.map((_, index) => index).filter((index) => !batch.dropped.has(seqs[index]!))
        seqs = kept.map((index) => seqs[index]!)
        counts = kept.map((index) => counts[index]!)
      }
      if (seqs.length > 0) yield { token, length, seqs, counts }
    }
  }
}

/**
 * Cuts ascending postings into blocks of at most {@link blockCapacity}, starting at `from`.
 * @internal
 */
export function* blockSlices(seqs: readonly number[], counts: readonly number[], from = 0): Generator<{ seqs: number[]; counts: number[] }> {
  for (let at = from; at < seqs.length; at += blockCapacity) yield { seqs: seqs.slice(at, at + blockCapacity), counts: counts.slice(at, at + blockCapacity) }
}

/**
 * A block's postings without `seq`, or `undefined` when the block does not hold it.
 * @internal
 */
export function withoutSeq(block: Uint8Array, seq: number): { seqs: number[]; counts: number[] } | undefined {
  const { seqs, counts } = decodePostings(block)
  const at = seqs.indexOf(seq)
  if (at < 0) return undefined
  seqs.splice(at, 1)
  counts.splice(at, 1)
  return { seqs, counts }
}

/**
 * A batch being written: its first seq, its queued postings (token hash → unit length → ascending seqs with
 * their multiplicities), and the seqs it replaced within itself, whose postings are dropped.
 * @internal
 */
export interface PendingBatch {
  from: number
  postings: Map<number, Map<number, { seqs: number[]; counts: number[] }>>
  dropped: Set<number>
}

/** The posting keys of one side's tokens, each with its multiplicity (tokens sharing a hash add up). @internal */
export function tokenCounts(side: MatchSide, tokens: readonly string[]): Map<number, number> {
  const byToken = new Map<string, number>()
  for (const token of tokens) byToken.set(token, (byToken.get(token) ?? 0) + 1)
  const byHash = new Map<number, number>()
  for (const [token, count] of byToken) {
    const hash = tokenHash(side, token)
    byHash.set(hash, (byHash.get(hash) ?? 0) + count)
  }
  return byHash
}

/** Queues the postings of one side of a unit (seqs are queued in ascending order). @internal */
export function queuePostings(batch: PendingBatch, side: MatchSide, tokens: readonly string[], seq: number): void {
  for (const [hash, count] of tokenCounts(side, tokens)) {
    let byLength = batch.postings.get(hash)
    if (byLength === undefined) batch.postings.set(hash, (byLength = new Map()))
    const list = byLength.get(tokens.length)
    if (list === undefined) byLength.set(tokens.length, { seqs: [seq], counts: [count] })
    else {
      list.seqs.push(seq)
      list.counts.push(count)
    }
  }
}

/** Query tokens grouped by posting key, with the query occurrences each list stands for. @internal */
export function byHash(planned: readonly PlannedToken[]): Array<{ hash: number; weight: number }> {
  const weights = new Map<number, number>()
  for (const token of planned) weights.set(token.hash, (weights.get(token.hash) ?? 0) + token.count)
  return [...weights].map(([hash, weight]) => ({ hash, weight }))
}

/**
 * Per-seq hit counts of one search, in a typed array indexed by seq (a million-unit memory needs 4 MB, reused by
 * every search), with the list of seqs touched (and their unit lengths) so that resetting costs what the search
 * touched. Counting into a
 * `Map` instead cost more than reading the postings once lists reach tens of thousands.
 *
 * Which seqs are counted is also kept in a bitmap, one bit per seq (128 kB for a million seqs, so it stays in the
 * processor's cache). A list that only counts units already found (not open) holds mostly other units: at a
 * million units a common word's list has hundreds of thousands of postings and the search a few thousand
 * candidates. Testing the bitmap first spares each of those postings a read of the 4 MB count array at a random
 * place, a cache miss that cost more than decoding the posting (a CPU profile at a million units put two thirds
 * of a search's client time in counting before this bitmap).
 * @internal
 */
export class HitCounter {
  #counts = new Int32Array(0)
  /** Bit `seq & 31` of word `seq >>> 5`: whether `seq` is counted (its count and length are then valid). */
  #seen = new Int32Array(0)
  /** The seqs counted, in the first `#size` slots. */
  #touched = new Int32Array(1024)
  /**
   * The unit length of each counted seq, beside it (slot for slot). Kept here rather than in an array indexed by
   * seq, since it is only read while visiting the counted seqs: that spares a 4 MB array per million seqs, and a
   * write at a random place per unit found.
   */
  #touchedLengths = new Int32Array(1024)
  #size = 0

  /** How many units have been counted. */
  get size(): number {
    return this.#size
  }

  /** Clears the previous search's counts and makes room for seqs up to `maxSeq`. */
  reset(maxSeq: number): void {
    const seen = this.#seen
    const touched = this.#touched
    // Counts and lengths are written when a seq is first counted, so clearing its bit is enough.
    for (let index = 0; index < this.#size; index++) seen[touched[index]! >>> 5] = 0
    this.#size = 0
    if (maxSeq >= this.#counts.length) this.#resize(maxSeq)
  }

  /**
   * Counts one posting block (see blocks.ts; decoded here, in one loop, since this is the hot path of a search):
   * `weight` hits for each of its seqs, units of `length` tokens; a unit not yet counted is added only when `open`.
   * Seqs and varints stay in 31-bit integer arithmetic (seqs from 2^30 on are refused when the arrays are
   * sized), which keeps V8 on its small-integer fast paths.
   *
   * `block` may also be several blocks joined by a zero byte (PostgreSQL sends a list's blocks as one value, see
   * postgres.ts): an encoded posting never starts with a zero byte (its first varint is at least 2, and a
   * continued varint's first byte is at least 128), so a zero byte where a posting would start is a separator,
   * after which seqs count from 0 again, as at the start of a block.
   */
  addBlock(block: Uint8Array, weight: number, length: number, open: boolean): void {
    let counts = this.#counts
    let seen = this.#seen
    let seq = 0
    let index = 0
    const end = block.length
    while (index < end) {
      let byte = block[index++]!
      if (byte === 0) {
        seq = 0
        continue
      }
      let value = byte & 127
      let shift = 7
      while (byte >= 128) {
        byte = block[index++]!
        value |= (byte & 127) << shift
        shift += 7
      }
      seq += value >>> 1
      // The unit's multiplicity of the token (when above 1) follows: a unit holding it fewer times than the
      // query does earns only that many hits.
      let hit = weight > 1 ? 1 : weight
      if ((value & 1) === 1) {
        byte = block[index++]!
        let count = byte & 127
        shift = 7
        while (byte >= 128) {
          byte = block[index++]!
          count |= (byte & 127) << shift
          shift += 7
        }
        hit = count < weight ? count : weight
      }
      if (seq >= counts.length) {
        // A seq above the size read at reset (one written since the search's statistics were read).
        this.#resize(seq)
        counts = this.#counts
        seen = this.#seen
      }
      const bit = 1 << (seq & 31)
      if ((seen[seq >>> 5]! & bit) === 0) {
        if (!open) continue
        seen[seq >>> 5]! |= bit
        this.#push(seq, length)
        counts[seq] = hit
      } else counts[seq] += hit
    }
  }

  /** How many counted units reach `least[length - low]` hits. */
  countReaching(least: readonly number[], low: number): number {
    const counts = this.#counts
    const lengths = this.#touchedLengths
    const touched = this.#touched
    let reaching = 0
    for (let index = 0; index < this.#size; index++) {
      if (counts[touched[index]!]! >= least[lengths[index]! - low]!) reaching++
    }
    return reaching
  }

  /** Visits every counted unit with its hits and length. */
  forEach(visit: (seq: number, count: number, length: number) => void): void {
    const counts = this.#counts
    const lengths = this.#touchedLengths
    const touched = this.#touched
    for (let index = 0; index < this.#size; index++) {
      const seq = touched[index]!
      visit(seq, counts[seq]!, lengths[index]!)
    }
  }

  #push(seq: number, length: number): void {
    if (this.#size === this.#touched.length) {
      const touched = new Int32Array(this.#touched.length * 2)
      touched.set(this.#touched)
      this.#touched = touched
      const lengths = new Int32Array(this.#touched.length)
      lengths.set(this.#touchedLengths)
      this.#touchedLengths = lengths
    }
    this.#touchedLengths[this.#size] = length
    this.#touched[this.#size++] = seq
  }

  #resize(maxSeq: number): void {
    if (maxSeq >= 2 ** 30) throw new StorageError(`seq ${maxSeq} is beyond what a search can count (2^30 writes); export the units and add them to a new memory`)
    const size = Math.min(2 ** 30, maxSeq + 1 + (maxSeq >> 3))
    const counts = new Int32Array(size)
    counts.set(this.#counts)
    const seen = new Int32Array((size >>> 5) + 1)
    seen.set(this.#seen)
    this.#counts = counts
    this.#seen = seen
  }
}
