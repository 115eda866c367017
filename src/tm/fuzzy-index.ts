/**
 * The in-process lossless fuzzy index over one side of a memory.
 *
 * Design (what is the least work per query that is still exact?):
 * - Tokens are interned to integers. Each unit's tokens live in one shared `Int32Array` pool (no per-unit arrays).
 * - Posting lists are **partitioned by unit length**: `buckets[n]` maps a token to the slots of units of exactly
 *   `n` tokens that contain it. A query of `m` tokens visits only the lengths in `lengthBounds(m, t)`, and each
 *   length gets its own, exact bounds (`minOverlap(m, n, t)`, `prefixCount(m, n, t)`): longer units need a
 *   larger overlap, so fewer lists.
 * - Per length, the **prefix filter** reads only a few posting lists: the query's tokens are ordered once, rarest
 *   first by document frequency, and in each bucket taken in that order until their multiplicities reach
 *   `prefixCount`. Tokens a bucket has never seen cost nothing and still count, so rare or unknown words make
 *   queries cheaper. The order is chosen per query from current frequencies (not fixed at build time), so adding
 *   units never invalidates anything. This is the query-side prefix filter of All-Pairs / PPJoin (Bayardo et al.
 *   2007; Xiao et al. 2008), without an index-side prefix because the threshold is a per-query choice.
 * - Survivors are checked by **multiset overlap** (count filter) and then by Ukkonen's banded edit distance
 *   bounded by `maxEditDistance(max(m, n), t)`; only units within the distance bound are returned.
 *
 * Every filter is a necessary condition of `score ≥ t`, so the result is exactly the set of units scoring at
 * least `t` (up to the 1e-9 slack towards inclusion); the property tests compare it with brute force.
 *
 * Deletion is lazy: a deleted slot is marked dead and skipped; its postings stay until the owner rebuilds (the
 * memory backend compacts when dead slots outnumber live ones).
 *
 * @module
 * @internal
 */
import { bandedDistance, lengthBounds, maxEditDistance, minOverlap } from './score.js'

/** Postings of one unit length: token id → slots. */
type Bucket = Map<number, number[]>

/**
 * A lossless token index over one side of a memory, addressed by integer slots the owner assigns.
 *
 * @internal
 */
export class FuzzyIndex {
  /** Token string → id. */
  private readonly vocabulary = new Map<string, number>()
  /** Token id → string. */
  private readonly words: string[] = []
  /** All units' token ids, back to back. */
  private pool = new Int32Array(1024)
  private poolEnd = 0
  /** Per slot: start in the pool. */
  private starts = new Int32Array(1024)
  /** Per slot: token count, or -1 when the slot is empty or dead. */
  private lengths = new Int32Array(1024).fill(-1)
  /** Length → bucket. */
  private readonly buckets: Array<Bucket | undefined> = []
  private longest = 0
  private live = 0
  private dead = 0

  // Scratch, reused across queries (one query at a time: JavaScript is single-threaded and queries are sync).
  private seen = new Int32Array(1024)
  private seenStamp = 0
  private queryCount = new Int32Array(1024)
  private usedCount = new Int32Array(1024)
  private usedStamp = new Int32Array(1024)
  private usedClock = 0
  /** Per token id: how many units (ever added) hold it; the rarity order of the prefix filter. */
  private frequency: Int32Array = new Int32Array(1024)
  /** Per token id: 1 + the slot that last posted it, to skip repeated tokens while adding. */
  private lastAdded: Int32Array = new Int32Array(1024)

  /** Number of live slots. */
  get size(): number {
    return this.live
  }

  /** Number of dead slots still occupying postings. */
  get deadCount(): number {
    return this.dead
  }

  /** Token id of `token`, or -1 when the index has never seen it. */
  tokenId(token: string): number {
    return this.vocabulary.get(token) ?? -1
  }

  /**
   * Indexes `tokens` under `slot` (a slot not in use).
   *
   * @param slot - a non-negative integer chosen by the owner
   * @param tokens - the unit's tokens on this side
   */
  add(slot: number, tokens: readonly string[]): void {
    this.ensureSlot(slot)
    if (this.lengths[slot]! >= 0) throw new Error(`mizan: fuzzy index slot ${slot} is in use; this is a bug`)
    const n = tokens.length
    if (this.poolEnd + n > this.pool.length) {
      const grown = new Int32Array(Math.max(this.pool.length * 2, this.poolEnd + n))
      grown.set(this.pool.subarray(0, this.poolEnd))
      this.pool = grown
    }
    const start = this.poolEnd
    let bucket = this.buckets[n]
    if (bucket === undefined) {
      bucket = new Map()
      this.buckets[n] = bucket
    }
    for (let index = 0; index < n; index++) {
      const token = tokens[index]!
      let id = this.vocabulary.get(token)
      if (id === undefined) {
        id = this.words.length
        this.vocabulary.set(token, id)
        this.words.push(token)
      }
      this.pool[start + index] = id
      // One posting per distinct token per unit: a repeated token is counted by the overlap check, not the lists.
      if (id >= this.lastAdded.length) this.lastAdded = grow(this.lastAdded, id + 1)
      if (this.lastAdded[id] === slot + 1) continue
      this.lastAdded[id] = slot + 1
      if (id >= this.frequency.length) this.frequency = grow(this.frequency, id + 1)
      this.frequency[id]!++
      const list = bucket.get(id)
      if (list === undefined) bucket.set(id, [slot])
      else list.push(slot)
    }
    this.poolEnd += n
    this.starts[slot] = start
    this.lengths[slot] = n
    if (n > this.longest) this.longest = n
    this.live++
  }

  /**
   * Marks `slot` dead: it is never returned again. Its postings stay until a rebuild.
   *
   * @param slot - a live slot
   */
  remove(slot: number): void {
    if (slot >= this.lengths.length || this.lengths[slot]! < 0) return
    this.lengths[slot] = -1
    this.live--
    this.dead++
  }

  /** The tokens stored under a live slot. */
  tokensOf(slot: number): string[] {
    const n = this.lengths[slot]!
    const start = this.starts[slot]!
    const out: string[] = new Array(n)
    for (let index = 0; index < n; index++) out[index] = this.words[this.pool[start + index]!]!
    return out
  }

  /**
   * Every live slot whose tokens score at least `minScore` against `query` (see the module comment).
   *
   * @param query - query tokens (non-empty)
   * @param minScore - threshold in (0, 1]
   * @returns slots, in no particular order
   */
  search(query: readonly string[], minScore: number): number[] {
    const m = query.length
    const result: number[] = []
    if (m === 0) return result
    const window = lengthBounds(m, minScore)
    const maxLength = Math.min(window.max, this.longest)
    if (window.min > maxLength) return result // e.g. a 100,000-character query against sentence-sized units

    // Query token ids and multiplicities; unknown tokens appear in no list.
    const ids = new Int32Array(m)
    const distinct: number[] = []
    const multiplicity = new Int32Array(m)
    let unknown = 0
    this.growVocabularyScratch()
    const counts = this.queryCount
    for (let index = 0; index < m; index++) {
      const id = this.vocabulary.get(query[index]!) ?? -1
      ids[index] = id
      if (id < 0) {
        unknown++
        continue
      }
      if (counts[id] === 0) distinct.push(id)
      counts[id]!++
    }

    // One order per query: rarest tokens first by document frequency over the whole side. Per length bucket the
    // prefix is taken in this order, so a bucket costs about `need` map look-ups instead of one per query token.
    // Any order is lossless; rarity only makes the lists read short.
    const frequency = this.frequency
    distinct.sort((x, y) => frequency[x]! - frequency[y]!)
    for (let index = 0; index < distinct.length; index++) multiplicity[index] = counts[distinct[index]!]!

    const stamp = this.nextSeenStamp()
    const seen = this.seen
    try {
      for (let n = window.min; n <= maxLength; n++) {
        const bucket = this.buckets[n]
        if (bucket === undefined || bucket.size === 0) continue
        const overlap = minOverlap(m, n, minScore)
        if (overlap > Math.min(m, n)) continue
        const need = m - overlap + 1
        let covered = unknown // tokens no unit has: a unit lacking them loses that much overlap for free
        if (covered >= need) continue
        const distance = maxEditDistance(Math.max(m, n), minScore)
        for (let index = 0; index < distinct.length && covered < need; index++) {
          covered += multiplicity[index]!
          const list = bucket.get(distinct[index]!)
          if (list === undefined) continue
          for (let position = 0; position < list.length; position++) {
            const slot = list[position]!
            if (seen[slot] === stamp) continue
            seen[slot] = stamp
            if (this.lengths[slot] !== n) continue // dead
            if (this.verify(slot, n, ids, overlap, distance)) result.push(slot)
          }
        }
      }
    } finally {
      for (const id of distinct) counts[id] = 0
    }
    return result
  }

  /**
   * Every live slot whose tokens contain all of `words` (distinct tokens).
   *
   * @param words - tokens that must all be present
   * @returns slots, in no particular order
   */
  containing(words: readonly string[]): number[] {
    const result: number[] = []
    const ids: number[] = []
    for (const word of words) {
      const id = this.vocabulary.get(word)
      if (id === undefined) return result
      if (!ids.includes(id)) ids.push(id)
    }
    if (ids.length === 0) return result
    for (let n = ids.length; n <= this.longest; n++) {
      const bucket = this.buckets[n]
      if (bucket === undefined) continue
      let shortest: number[] | undefined
      let missing = false
      for (const id of ids) {
        const list = bucket.get(id)
        if (list === undefined) {
          missing = true
          break
        }
        if (shortest === undefined || list.length < shortest.length) shortest = list
      }
      if (missing || shortest === undefined) continue
      for (const slot of shortest) {
        if (this.lengths[slot] !== n) continue
        const start = this.starts[slot]!
        let all = true
        for (const id of ids) {
          let found = false
          for (let index = start; index < start + n; index++) {
            if (this.pool[index] === id) {
              found = true
              break
            }
          }
          if (!found) {
            all = false
            break
          }
        }
        if (all) result.push(slot)
      }
    }
    return result
  }

  /** Count filter, then banded edit distance. */
  private verify(slot: number, n: number, query: Int32Array, overlap: number, distance: number): boolean {
    const start = this.starts[slot]!
    const pool = this.pool
    const counts = this.queryCount
    const used = this.usedCount
    const usedStamp = this.usedStamp
    const clock = ++this.usedClock
    let shared = 0
    for (let index = start; index < start + n; index++) {
      const id = pool[index]!
      if (counts[id] === 0) continue
      if (usedStamp[id] !== clock) {
        usedStamp[id] = clock
        used[id] = 0
      }
      if (used[id]! < counts[id]!) {
        used[id]!++
        shared++
      }
    }
    if (shared < overlap) return false
    return bandedDistance(query, 0, query.length, pool, start, n, distance) <= distance
  }

  private ensureSlot(slot: number): void {
    if (slot < this.lengths.length) return
    let size = this.lengths.length
    while (size <= slot) size *= 2
    const lengths = new Int32Array(size).fill(-1)
    lengths.set(this.lengths)
    this.lengths = lengths
    const starts = new Int32Array(size)
    starts.set(this.starts)
    this.starts = starts
    const seen = new Int32Array(size)
    seen.set(this.seen)
    this.seen = seen
  }

  private growVocabularyScratch(): void {
    const needed = this.words.length
    if (this.queryCount.length >= needed) return
    let size = this.queryCount.length
    while (size < needed) size *= 2
    this.queryCount = new Int32Array(size) // all zero between queries, so no copy is needed
    this.usedCount = new Int32Array(size)
    this.usedStamp = new Int32Array(size)
    this.usedClock = 0
  }

  private nextSeenStamp(): number {
    if (this.seenStamp >= 0x7fffffff) {
      this.seen.fill(0)
      this.seenStamp = 0
    }
    return ++this.seenStamp
  }
}

/** A copy of `array` with room for at least `size` elements (doubling), zero-filled. */
function grow(array: Int32Array, size: number): Int32Array {
  let length = array.length
  while (length < size) length *= 2
  const grown = new Int32Array(length)
  grown.set(array)
  return grown
}

