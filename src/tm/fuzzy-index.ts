/**
 * The in-process lossless fuzzy index over one side of a memory.
 *
 * Design (what is the least work per query that is still exact?):
 * - Tokens are interned to integers. Each unit's tokens live in one shared `Int32Array` pool (no per-unit arrays).
 * - Posting lists are **partitioned by unit length**: one list per (unit length `n`, token) holds the slots of the
 *   units of exactly `n` tokens that contain the token. A query of `m` tokens visits only the lengths in
 *   `lengthBounds(m, t)`, and each length gets its own, exact bounds (`minOverlap(m, n, t)`, `prefixCount`):
 *   longer units need a larger overlap, so fewer lists.
 * - **Prefix filter**: for each length, the query's tokens are looked up once; a token no unit of that length holds
 *   is free (it counts towards every bound below and costs nothing, so rare or unknown words make queries cheaper),
 *   and the others' lists are taken shortest first until their multiplicities reach the prefix count
 *   `known − overlap + 1`; only the units on those lists are candidates. Ordering by the list sizes of this very
 *   length (rather than by a global frequency) picks the cheapest lossless prefix for each length and needs nothing
 *   fixed at build time, so adding units never invalidates anything. This is the query-side prefix filter of
 *   All-Pairs / PPJoin (Bayardo et al. 2007; Xiao et al. 2008), without an index-side prefix because the threshold
 *   is a per-query choice.
 * - **Count bound over more lists** (in the spirit of DivideSkip, Li, Lu & Lu 2008, "Efficient merging and
 *   filtering algorithms for approximate string searches": merge the short lists, leave the long ones): the prefix
 *   lists give each candidate a weight, the query multiplicity of the prefix tokens it holds. Reading the next
 *   lists in the same order only adds weight to existing candidates; a candidate whose weight plus the
 *   multiplicity of the tokens not read yet is below the overlap bound cannot qualify and is dropped before any
 *   verification. A list is read only while it is at most 8 times as long as the candidates alive (reading a
 *   posting costs about what checking a candidate's first tokens costs); which lists are read never changes the
 *   answer, only the cost (8 lies between 4 and 32, which measured alike at 1,000,000 units).
 * - Survivors are checked by **multiset overlap** (count filter, stopping as soon as the rest of the unit cannot
 *   reach the bound) and then by Ukkonen's banded edit distance bounded by `maxEditDistance(max(m, n), t)`.
 *
 * Every filter is a necessary condition of `score ≥ t`, so the result is exactly the set of units scoring at
 * least `t` (up to the 1e-9 slack towards inclusion); the property tests compare it with brute force.
 *
 * Memory layout (all typed arrays, no object per list or per posting): the lists are found through one
 * open-addressing hash table keyed by (length, token); each list is a chain of blocks in one shared `Int32Array`,
 * block `k` of a list holding `min(2^k, 1024)` slots after a one-int link to the next block. A list of one unit
 * costs two ints; a long list wastes at most its last block's free part. Arrays above 1M elements grow by a
 * quarter, not double, so the slack stays small at a million units.
 *
 * Deletion is lazy: a deleted slot is marked dead and skipped; its postings stay until the owner rebuilds (the
 * memory backend compacts when dead slots outnumber live ones).
 *
 * @module
 * @internal
 */
import { bandedDistance, lengthBounds, maxEditDistance, minOverlap } from './score.js'

/** Ints per hash table entry (token, length, head, tail, size) and the offsets of the fields. */
const ENTRY = 5
const TOKEN = 0
const LENGTH = 1
const HEAD = 2
const TAIL = 3
const SIZE = 4
/** The table is rebuilt at twice the size when more than this fraction of its entries is in use. */
const MAX_LOAD = 0.7

/** Blocks of a posting list hold 1, 2, 4, … up to this many slots. */
const MAX_BLOCK = 1024
const MAX_BLOCK_LOG = 10
/** Slots before the first block of `MAX_BLOCK` slots: 1 + 2 + … + 512. */
const BEFORE_FULL_BLOCKS = MAX_BLOCK - 1

/**
 * What the last {@link FuzzyIndex.search} did (for benchmarks and profiling).
 *
 * @internal
 */
export interface FuzzySearchStats {
  /** Unit lengths visited. */
  lengths: number
  /** Posting lists read in full. */
  lists: number
  /** Postings read. */
  postings: number
  /** Distinct live units found on the prefix lists. */
  candidates: number
  /** Candidates left after the count bound over the extra lists (those given the count filter). */
  counted: number
  /** Candidates that passed the count filter (those given the banded edit distance). */
  verified: number
  /** Units returned. */
  results: number
}

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
  /** Per unit length: live units of that length. */
  private liveOfLength = new Int32Array(64)
  private longest = 0
  private live = 0
  private dead = 0

  /**
   * Posting lists: one per (unit length, token), in an open-addressing hash table whose entries hold the whole
   * list header, `ENTRY` ints each: token, unit length (0 marks an empty entry), first block, last block, postings.
   * One entry is one cache line or less, so adding a posting touches about three lines: vocabulary, entry, block.
   */
  private table = new Int32Array(1024 * ENTRY)
  private lists = 0
  /** Blocks of posting lists: `[next block or -1, slot, slot, …]`. */
  private blocks = new Int32Array(4096)
  private blocksEnd = 0

  // Scratch, reused across queries (one query at a time: JavaScript is single-threaded and queries are sync).
  /** Per slot, side by side: the stamp of the last search (and length) that met it, and its weight there. */
  private marks = new Int32Array(2048)
  private seenStamp = 0
  private candidates = new Int32Array(1024)
  private queryCount = new Int32Array(1024)
  private usedCount = new Int32Array(1024)
  private usedStamp = new Int32Array(1024)
  private usedClock = 0
  /** Per token id: 1 + the slot that last posted it, to skip repeated tokens while adding. */
  private lastAdded: Int32Array = new Int32Array(1024)

  /** What the last search did. */
  readonly stats: FuzzySearchStats = { lengths: 0, lists: 0, postings: 0, candidates: 0, counted: 0, verified: 0, results: 0 }

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
    if (this.poolEnd + n > this.pool.length) this.pool = grown(this.pool, this.poolEnd + n)
    if (n >= this.liveOfLength.length) this.liveOfLength = grown(this.liveOfLength, n + 1)
    const start = this.poolEnd
    for (let index = 0; index < n; index++) {
      const token = tokens[index]!
      let id = this.vocabulary.get(token)
      if (id === undefined) {
        id = this.words.length
        this.vocabulary.set(token, id)
        this.words.push(token)
        if (id >= this.lastAdded.length) this.lastAdded = grown(this.lastAdded, id + 1)
      }
      this.pool[start + index] = id
      // One posting per distinct token per unit: a repeated token is counted by the overlap check, not the lists.
      if (this.lastAdded[id] === slot + 1) continue
      this.lastAdded[id] = slot + 1
      this.append(n, id, slot)
    }
    this.poolEnd += n
    this.starts[slot] = start
    this.lengths[slot] = n
    this.liveOfLength[n]!++
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
    this.liveOfLength[this.lengths[slot]!]!--
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
    const stats = this.stats
    stats.lengths = stats.lists = stats.postings = stats.candidates = stats.counted = stats.verified = stats.results = 0
    const m = query.length
    const result: number[] = []
    if (m === 0) return result
    const window = lengthBounds(m, minScore)
    const maxLength = Math.min(window.max, this.longest)
    if (window.min > maxLength) return result // e.g. a 100,000-character query against sentence-sized units

    // Query token ids and multiplicities; unknown tokens appear in no list.
    const ids = new Int32Array(m)
    const distinct: number[] = []
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
    const known = m - unknown

    const multiplicity = new Int32Array(distinct.length)
    const scratch = new Int32Array(2 * distinct.length) // per length: its lists, as [entry, multiplicity] pairs
    for (let index = 0; index < distinct.length; index++) multiplicity[index] = counts[distinct[index]!]!

    try {
      for (let n = window.min; n <= maxLength; n++) {
        if (this.liveOfLength[n] === 0) continue
        const overlap = minOverlap(m, n, minScore)
        // Unknown tokens are in no unit, so at most `known` tokens can be shared.
        if (overlap > Math.min(known, n)) continue
        stats.lengths++
        if (overlap <= 0) {
          // A threshold so low that every unit of this length qualifies (the distance bound is at least L).
          for (let slot = 0; slot < this.lengths.length; slot++) if (this.lengths[slot] === n) result.push(slot)
          continue
        }
        this.searchLength(n, distinct, multiplicity, known, overlap, maxEditDistance(Math.max(m, n), minScore), ids, scratch, result)
      }
    } finally {
      for (const id of distinct) counts[id] = 0
    }
    stats.results = result.length
    return result
  }

  /**
   * Every token of the vocabulary that starts with `prefix` (tokens of removed units may be among them: callers
   * check the units), for concordance prefixes (`desalinat*`).
   *
   * @param prefix - the prefix, a key token
   * @returns the tokens
   */
  tokensStartingWith(prefix: string): string[] {
    const found: string[] = []
    for (const token of this.vocabulary.keys()) if (token.startsWith(prefix)) found.push(token)
    return found
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
    const blocks = this.blocks
    for (let n = ids.length; n <= this.longest; n++) {
      if (this.liveOfLength[n] === 0) continue
      let shortest = -1
      for (const id of ids) {
        const list = this.find(n, id)
        if (list < 0) {
          shortest = -1
          break
        }
        if (shortest < 0 || this.table[list + SIZE]! < this.table[shortest + SIZE]!) shortest = list
      }
      if (shortest < 0) continue
      let remaining = this.table[shortest + SIZE]!
      let block = this.table[shortest + HEAD]!
      let capacity = 1
      while (remaining > 0) {
        const take = remaining < capacity ? remaining : capacity
        for (let position = block + 1; position <= block + take; position++) {
          const slot = blocks[position]!
          if (this.lengths[slot] === n && this.holdsAll(slot, n, ids)) result.push(slot)
        }
        remaining -= take
        block = blocks[block]!
        if (capacity < MAX_BLOCK) capacity <<= 1
      }
    }
    return result
  }

  /** One unit length `n` of {@link search}: prefix lists, count bound over more lists, then verification. */
  private searchLength(n: number, distinct: readonly number[], multiplicity: Int32Array, known: number, overlap: number, distance: number, query: Int32Array, scratch: Int32Array, result: number[]): void {
    const stats = this.stats
    const table = this.table

    // This length's lists of the query's tokens, shortest first. A token no unit of this length holds is free: it
    // counts towards the prefix and the count bound without a list to read.
    let free = 0
    let present = 0
    for (let index = 0; index < distinct.length; index++) {
      const entry = this.find(n, distinct[index]!)
      if (entry < 0) {
        free += multiplicity[index]!
        continue
      }
      // Insertion sort by list size (a query has a few dozen tokens at most per length that matter here).
      const size = table[entry + SIZE]!
      let at = present++
      while (at > 0 && table[scratch[2 * (at - 1)]! + SIZE]! > size) {
        scratch[2 * at] = scratch[2 * (at - 1)]!
        scratch[2 * at + 1] = scratch[2 * (at - 1) + 1]!
        at--
      }
      scratch[2 * at] = entry
      scratch[2 * at + 1] = multiplicity[index]!
    }
    // Prefix: a unit sharing ≥ `overlap` of the `known` tokens holds one of any `known − overlap + 1` of them.
    const need = known - overlap + 1
    if (free >= need) return // every unit of this length lacks too many of the query's tokens

    const blocks = this.blocks
    const marks = this.marks // per slot: [stamp, weight]
    const stamp = this.nextSeenStamp()
    let candidates = this.candidates
    let alive = 0
    let read = free // multiplicity of the tokens whose lists (for length n) are read in full, or absent
    let list = 0
    while (read < need) {
      const entry = scratch[2 * list]!
      const mu = scratch[2 * list + 1]!
      list++
      read += mu
      stats.lists++
      let remaining = table[entry + SIZE]!
      stats.postings += remaining
      let block = table[entry + HEAD]!
      let capacity = 1
      while (remaining > 0) {
        const take = remaining < capacity ? remaining : capacity
        for (let position = block + 1; position <= block + take; position++) {
          const mark = 2 * blocks[position]!
          if (marks[mark] === stamp) {
            marks[mark + 1]! += mu
            continue
          }
          marks[mark] = stamp
          marks[mark + 1] = mu
          if (alive === candidates.length) candidates = this.candidates = grown(candidates, alive + 1)
          candidates[alive++] = mark >> 1
        }
        remaining -= take
        block = blocks[block]!
        if (capacity < MAX_BLOCK) capacity <<= 1
      }
    }
    stats.candidates += alive

    // Count bound: overlap(q, s) ≤ weight(s) + (known − read). Read the next lists, shortest first, while a list is
    // short beside the candidates it may drop; each raises the bar by its multiplicity. Candidates are swept out
    // only after as many postings as there are candidates have been read, so sweeping costs no more than reading.
    let floor = overlap - known + read
    let sinceSweep = 0
    while (list < present && alive > 4) {
      const entry = scratch[2 * list]!
      const size = table[entry + SIZE]!
      if (size > 8 * alive) break // the rest are longer still
      const mu = scratch[2 * list + 1]!
      list++
      stats.lists++
      stats.postings += size
      let remaining = size
      let block = table[entry + HEAD]!
      let capacity = 1
      while (remaining > 0) {
        const take = remaining < capacity ? remaining : capacity
        for (let position = block + 1; position <= block + take; position++) {
          const mark = 2 * blocks[position]!
          if (marks[mark] === stamp) marks[mark + 1]! += mu
        }
        remaining -= take
        block = blocks[block]!
        if (capacity < MAX_BLOCK) capacity <<= 1
      }
      read += mu
      floor += mu
      sinceSweep += size
      if (sinceSweep >= alive) {
        alive = sweep(candidates, alive, marks, floor)
        sinceSweep = 0
      }
    }
    if (sinceSweep > 0) alive = sweep(candidates, alive, marks, floor)
    stats.counted += alive

    const lengths = this.lengths
    for (let position = 0; position < alive; position++) {
      const slot = candidates[position]!
      if (lengths[slot] === n && this.verify(slot, n, query, overlap, distance)) result.push(slot) // else dead
    }
  }

  /** Count filter (stopping once the rest of the unit cannot reach `overlap`), then banded edit distance. */
  private verify(slot: number, n: number, query: Int32Array, overlap: number, distance: number): boolean {
    const start = this.starts[slot]!
    const end = start + n
    const pool = this.pool
    const counts = this.queryCount
    const used = this.usedCount
    const usedStamp = this.usedStamp
    const clock = ++this.usedClock
    let shared = 0
    // `shared + (end − index) ≥ overlap` must hold at every step, i.e. index ≤ end + shared − overlap.
    let last = end - overlap
    for (let index = start; index < end; index++) {
      if (index > last) return false
      const id = pool[index]!
      if (counts[id] === 0) continue
      if (usedStamp[id] !== clock) {
        usedStamp[id] = clock
        used[id] = 0
      }
      if (used[id]! < counts[id]!) {
        used[id]!++
        shared++
        last++
        if (shared >= overlap) break
      }
    }
    if (shared < overlap) return false
    this.stats.verified++
    return bandedDistance(query, 0, query.length, pool, start, n, distance) <= distance
  }

  /** Whether the unit in `slot` (of `n` tokens) holds every id. */
  private holdsAll(slot: number, n: number, ids: readonly number[]): boolean {
    const start = this.starts[slot]!
    for (const id of ids) {
      let found = false
      for (let index = start; index < start + n; index++) {
        if (this.pool[index] === id) {
          found = true
          break
        }
      }
      if (!found) return false
    }
    return true
  }

  /** The table entry (an offset into `table`) of the list of (unit length `n`, token `id`), or -1. */
  private find(n: number, id: number): number {
    const table = this.table
    const mask = table.length / ENTRY - 1
    for (let cell = hashKey(n, id) & mask; ; cell = (cell + 1) & mask) {
      const entry = cell * ENTRY
      const length = table[entry + LENGTH]!
      if (length === 0) return -1
      if (length === n && table[entry + TOKEN] === id) return entry
    }
  }

  /** Appends `slot` to the list of (`n`, `id`), creating the list or a new block as needed. */
  private append(n: number, id: number, slot: number): void {
    let table = this.table
    let mask = table.length / ENTRY - 1
    let cell = hashKey(n, id) & mask
    let entry = cell * ENTRY
    for (;;) {
      const length = table[entry + LENGTH]!
      if (length === 0) break
      if (length === n && table[entry + TOKEN] === id) break
      cell = (cell + 1) & mask
      entry = cell * ENTRY
    }
    if (table[entry + LENGTH] === 0) {
      // A new list: one block of one slot.
      if (this.lists + 1 > MAX_LOAD * (mask + 1)) {
        this.rehash(2 * (mask + 1))
        table = this.table
        mask = table.length / ENTRY - 1
        for (cell = hashKey(n, id) & mask; table[cell * ENTRY + LENGTH] !== 0; cell = (cell + 1) & mask);
        entry = cell * ENTRY
      }
      this.lists++
      const block = this.newBlock(1)
      this.blocks[block + 1] = slot
      table[entry + TOKEN] = id
      table[entry + LENGTH] = n
      table[entry + HEAD] = block
      table[entry + TAIL] = block
      table[entry + SIZE] = 1
      return
    }
    const size = table[entry + SIZE]!
    // Block k holds min(2^k, MAX_BLOCK) slots, so where posting number `size` goes follows from `size` alone.
    let offset: number
    let capacity: number
    if (size < BEFORE_FULL_BLOCKS) {
      const k = 31 - Math.clz32(size + 1)
      offset = size + 1 - (1 << k)
      capacity = 1 << k
    } else {
      offset = (size - BEFORE_FULL_BLOCKS) & (MAX_BLOCK - 1)
      capacity = 1 << MAX_BLOCK_LOG
    }
    if (offset === 0) {
      const block = this.newBlock(capacity)
      this.blocks[table[entry + TAIL]!] = block
      table[entry + TAIL] = block
    }
    this.blocks[table[entry + TAIL]! + 1 + offset] = slot
    table[entry + SIZE] = size + 1
  }

  /** Moves every entry into a table of `cells` entries (a power of two). */
  private rehash(cells: number): void {
    const old = this.table
    const table = new Int32Array(cells * ENTRY)
    const mask = cells - 1
    for (let from = 0; from < old.length; from += ENTRY) {
      const n = old[from + LENGTH]!
      if (n === 0) continue
      let cell = hashKey(n, old[from + TOKEN]!) & mask
      while (table[cell * ENTRY + LENGTH] !== 0) cell = (cell + 1) & mask
      for (let field = 0; field < ENTRY; field++) table[cell * ENTRY + field] = old[from + field]!
    }
    this.table = table
  }

  private newBlock(capacity: number): number {
    const block = this.blocksEnd
    if (block + 1 + capacity > this.blocks.length) this.blocks = grown(this.blocks, block + 1 + capacity)
    this.blocks[block] = -1
    this.blocksEnd = block + 1 + capacity
    return block
  }

  private ensureSlot(slot: number): void {
    if (slot < this.lengths.length) return
    const size = grownLength(this.lengths.length, slot + 1)
    const lengths = new Int32Array(size).fill(-1)
    lengths.set(this.lengths)
    this.lengths = lengths
    this.starts = resized(this.starts, size)
    this.marks = resized(this.marks, 2 * size)
  }

  private growVocabularyScratch(): void {
    const needed = this.words.length
    if (this.queryCount.length >= needed) return
    const size = grownLength(this.queryCount.length, needed)
    this.queryCount = new Int32Array(size) // all zero between queries, so no copy is needed
    this.usedCount = new Int32Array(size)
    this.usedStamp = new Int32Array(size)
    this.usedClock = 0
  }

  private nextSeenStamp(): number {
    if (this.seenStamp >= 0x7fffffff) {
      this.marks.fill(0)
      this.seenStamp = 0
    }
    return ++this.seenStamp
  }
}

/** Keeps the candidates whose weight (in `marks`) reaches `floor`, in place; returns how many. */
function sweep(candidates: Int32Array, alive: number, marks: Int32Array, floor: number): number {
  let kept = 0
  for (let position = 0; position < alive; position++) {
    const slot = candidates[position]!
    if (marks[2 * slot + 1]! >= floor) candidates[kept++] = slot
  }
  return kept
}

/** A hash of (unit length, token id): two multiplicative hashes (Knuth's golden-ratio constant) and a final mix. */
function hashKey(n: number, id: number): number {
  let h = Math.imul(id, 0x9e3779b1) ^ Math.imul(n + 0x7f4a7c15, 0x85ebca77)
  h ^= h >>> 15
  return h
}

/** The new length of an array that must hold `size`: doubling while small, then a quarter more at a time. */
function grownLength(length: number, size: number): number {
  let next = Math.max(length, 16)
  while (next < size) next += next < 1 << 20 ? next : next >> 2
  return next
}

/** A copy of `array` with room for at least `size` elements, zero-filled beyond the old end. */
function grown(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  return resized(array, grownLength(array.length, size))
}

/** A copy of `array` of exactly `length` elements (not shorter than `array`), zero-filled beyond the old end. */
function resized(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const copy = new Int32Array(length)
  copy.set(array)
  return copy
}
