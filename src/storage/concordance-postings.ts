/**
 * Concordance postings of the in-process memory, kept in rank order, so a concordance query reads its best
 * answers first and stops (issue #14: a million units at a few milliseconds a query).
 *
 * Concordance ranks hits by gaps, then recency: later `changedAt` first, then the larger write `seq`
 * (`compareRecency` in src/tm/ranking.ts). Every unit gets a *position* in that order, oldest first, and each
 * distinct token of a side has the ascending list of the positions holding it. Walking the lists from their ends
 * ({@link newestInAll}) meets the units holding every query word newest first: a one-word query is answered by
 * its first `limit` postings, a phrase once `limit` hits without gaps are verified, and only a query whose hits
 * are rare reads its candidates whole (as many as the rarest word has, by galloping).
 *
 * Units mostly arrive in rank order (`TranslationMemory.add` stamps `changedAt` with the time), so a new unit is
 * appended. One that ranks below the newest (an import with older dates, a date taken from the file) drops the
 * postings; they are rebuilt, sorted, on the next concordance query. So are they when dead positions (deleted or
 * replaced units) outnumber live ones. Nothing is built until the first concordance query: a memory used only
 * for look-ups and fuzzy search never pays for it.
 *
 * Posting lists are typed arrays (4 bytes a posting, one array per token); the vocabulary is kept sorted as well,
 * so a prefix (`desalinat*`) is a binary search, not a pass over every token.
 *
 * @module
 * @internal
 */
import { changedAtMs } from '../tm/ranking.js'
import { newestInAll } from './intersect-groups.js'
import type { MatchSide, StoredUnit } from './types.js'

/** The postings are dropped (and rebuilt on demand) when dead positions exceed live ones and this many. */
const REBUILD_MIN_DEAD = 4096

/** Where the postings come from: every item, and an item's tokens on a side. @internal */
export interface PostingSource<T extends StoredUnit> {
  /** Every live item, any order. */
  all(): Iterable<T>
  /** The item's tokens on `side`, as stored. */
  tokensOf(item: T, side: MatchSide): readonly string[]
}

/** One side's postings: token ids, each id's list of positions (ascending) and the vocabulary for prefixes. */
class SidePostings {
  readonly ids = new Map<string, number>()
  lists: Int32Array[] = []
  sizes: number[] = []
  /** Tokens sorted by UTF-16 code units (`<`), as of the last sort. */
  sorted: string[] = []
  /** Tokens met since then. */
  recent: string[] = []

  /** Appends `position` to the list of each distinct token. */
  add(position: number, tokens: readonly string[]): void {
    for (const token of tokens) {
      let id = this.ids.get(token)
      if (id === undefined) {
        id = this.lists.length
        this.ids.set(token, id)
        this.lists.push(new Int32Array(2))
        this.sizes.push(0)
        this.recent.push(token)
      }
      const size = this.sizes[id]!
      let list = this.lists[id]!
      if (size > 0 && list[size - 1] === position) continue // the token again in the same unit
      if (size === list.length) {
        const longer = new Int32Array(size * 2)
        longer.set(list)
        this.lists[id] = list = longer
      }
      list[size] = position
      this.sizes[id] = size + 1
    }
  }

  /** The postings of `token`, ascending (empty when unknown). */
  list(token: string): Int32Array {
    const id = this.ids.get(token)
    return id === undefined ? new Int32Array(0) : this.lists[id]!.subarray(0, this.sizes[id]!)
  }

  /** Every token starting with `prefix`. */
  startingWith(prefix: string): string[] {
    if (this.recent.length > 1024 + (this.sorted.length >> 4)) {
      this.sorted = this.sorted.concat(this.recent).sort(byCodeUnits)
      this.recent = []
    }
    const found: string[] = []
    // The tokens starting with `prefix` are a run of the sorted ones: from the first not below it.
    let low = 0
    let high = this.sorted.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.sorted[middle]! < prefix) low = middle + 1
      else high = middle
    }
    for (let at = low; at < this.sorted.length && this.sorted[at]!.startsWith(prefix); at++) found.push(this.sorted[at]!)
    for (const token of this.recent) if (token.startsWith(prefix)) found.push(token)
    return found
  }
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Rank-ordered concordance postings over items (the memory's entries), built on first use and kept up to date by
 * {@link ConcordancePostings.put} and {@link ConcordancePostings.remove}.
 *
 * @example
 * ```ts
 * import { ConcordancePostings } from './concordance-postings.js'
 * const units = [{ unit: { id: 'a', source: 'x', target: 'peace now' }, seq: 1 }]
 * const postings = new ConcordancePostings({ all: () => units, tokensOf: (item) => item.unit.target.split(' ') })
 * ;[...postings.newestFirst('target', [['peace']])] // [units[0]]
 * ```
 * @internal
 */
export class ConcordancePostings<T extends StoredUnit> {
  private built = false
  /** Items by position (undefined: removed). */
  private items: Array<T | undefined> = []
  private readonly positionOf = new Map<T, number>()
  private sides: Record<MatchSide, SidePostings> = { source: new SidePostings(), target: new SidePostings() }
  /** The rank of the newest item appended: a later one must not rank below it. */
  private newestMs = Number.NEGATIVE_INFINITY
  private newestSeq = Number.NEGATIVE_INFINITY
  private dead = 0

  constructor(private readonly source: PostingSource<T>) {}

  /**
   * Indexes an item that was just stored (new, or replacing its own older version: that one is dropped first).
   *
   * @param item - the stored item
   */
  put(item: T): void {
    if (!this.built) return
    this.remove(item)
    if (!this.built) return
    const ms = changedAtMs(item)
    if (ms < this.newestMs || (ms === this.newestMs && item.seq < this.newestSeq)) {
      this.clear() // ranks below the newest: appending would break the order
      return
    }
    this.append(item, ms)
  }

  /**
   * Drops an item (deleted, or about to be replaced).
   *
   * @param item - the item as it was indexed
   */
  remove(item: T): void {
    if (!this.built) return
    const position = this.positionOf.get(item)
    if (position === undefined) return
    this.positionOf.delete(item)
    this.items[position] = undefined
    this.dead++
    if (this.dead >= REBUILD_MIN_DEAD && this.dead > this.positionOf.size) this.clear()
  }

  /** Forgets everything; the next query rebuilds from the source (after a re-key, on close). */
  clear(): void {
    this.built = false
    this.items = []
    this.positionOf.clear()
    this.sides = { source: new SidePostings(), target: new SidePostings() }
    this.newestMs = this.newestSeq = Number.NEGATIVE_INFINITY
    this.dead = 0
  }

  /**
   * Every token of `side` that starts with `prefix` (tokens of removed items may be among them).
   *
   * @param side - `'source'` or `'target'`
   * @param prefix - a key token
   * @returns the tokens, any order
   */
  tokensStartingWith(side: MatchSide, prefix: string): string[] {
    this.build()
    return this.sides[side].startingWith(prefix)
  }

  /**
   * The items holding, on `side`, at least one token of every group, best ranked first (later `changedAt`, then
   * larger `seq`), lazily.
   *
   * @param side - `'source'` or `'target'`
   * @param groups - per query word, its forms (a non-empty list of tokens)
   * @returns an iterator of items
   */
  *newestFirst(side: MatchSide, groups: ReadonlyArray<readonly string[]>): Generator<T, void, undefined> {
    this.build()
    const postings = this.sides[side]
    const items = this.items
    for (const position of newestInAll(groups.map((group) => group.map((token) => postings.list(token))))) {
      const item = items[position]
      if (item !== undefined) yield item
    }
  }

  /** Indexes every item of the source in rank order, oldest first. */
  private build(): void {
    if (this.built) return
    this.clear()
    const all = [...this.source.all()].map((item) => ({ item, ms: changedAtMs(item) }))
    let ordered = true
    for (let index = 1; index < all.length && ordered; index++) ordered = !olderFirst(all[index]!, all[index - 1]!)
    if (!ordered) all.sort((a, b) => (olderFirst(a, b) ? -1 : olderFirst(b, a) ? 1 : 0))
    for (const { item, ms } of all) this.append(item, ms)
    const { source, target } = this.sides
    for (const side of [source, target]) {
      side.sorted = side.recent.sort(byCodeUnits)
      side.recent = []
    }
    this.built = true
  }

  private append(item: T, ms: number): void {
    const position = this.items.length
    this.items.push(item)
    this.positionOf.set(item, position)
    this.sides.source.add(position, this.source.tokensOf(item, 'source'))
    this.sides.target.add(position, this.source.tokensOf(item, 'target'))
    this.newestMs = ms
    this.newestSeq = item.seq
  }
}

/** Whether `a` ranks below `b` (older `changedAt`, or the same and a smaller seq): it gets the lower position. */
function olderFirst(a: { item: StoredUnit; ms: number }, b: { item: StoredUnit; ms: number }): boolean {
  return a.ms < b.ms || (a.ms === b.ms && a.item.seq < b.item.seq)
}
