/**
 * Ranking of matches: best score first, then the most recent unit, then the smallest id, so every backend orders
 * ties the same way.
 *
 * @module
 * @internal
 */
import type { StoredUnit } from '../storage/types.js'

/**
 * Milliseconds of a unit's `changedAt` (ISO 8601), or `-Infinity` when it is missing or unreadable, so units
 * without a date rank as the oldest.
 *
 * @internal
 */
export function changedAtMs(stored: StoredUnit): number {
  const text = stored.unit.changedAt
  if (text === undefined) return Number.NEGATIVE_INFINITY
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms
}

/**
 * Something rankable: a score, the stored unit, its precomputed `changedAt` time, and for a part match (one
 * sentence of a multi-sentence unit, issue #14) the sentence's index.
 * @internal
 */
export interface Rankable {
  score: number
  stored: StoredUnit
  changedMs: number
  /** For a part match, which sentence of the unit matched; absent for a whole-unit match. */
  partIndex?: number
}

/**
 * Orders by score (descending), then whole-unit matches before part matches of the same score (a sentence found
 * inside a longer unit is a weaker answer than a unit that is that sentence), then recency (`changedAt`, then
 * write sequence, both descending), then id (ascending, by UTF-16 code units, not locale, so it is the same
 * everywhere), then the earlier part of one unit.
 *
 * @internal
 */
export function compareRanked(a: Rankable, b: Rankable): number {
  if (a.score !== b.score) return b.score - a.score
  const aPart = a.partIndex !== undefined
  if (aPart !== (b.partIndex !== undefined)) return aPart ? 1 : -1
  return compareRecency(a, b) || (a.partIndex ?? 0) - (b.partIndex ?? 0)
}

/** Recency, then id: the tie-breaker after the score. @internal */
export function compareRecency(a: Pick<Rankable, 'stored' | 'changedMs'>, b: Pick<Rankable, 'stored' | 'changedMs'>): number {
  if (a.changedMs !== b.changedMs) return a.changedMs > b.changedMs ? -1 : 1
  if (a.stored.seq !== b.stored.seq) return b.stored.seq - a.stored.seq
  const idA = a.stored.unit.id
  const idB = b.stored.unit.id
  return idA < idB ? -1 : idA > idB ? 1 : 0
}

/**
 * The `k` best items by `compare` (smaller is better), best first: the same as `items.sort(compare).slice(0, k)`
 * for a total order, in O(n log k) with a bounded max-heap, so ranking a common word's 500,000 concordance hits
 * for the 20 shown does not sort them all.
 *
 * @param items - the items (not changed)
 * @param k - how many to keep (a positive integer or Infinity)
 * @param compare - a total order, negative when the first argument ranks higher
 * @returns the best `k`, sorted
 * @example
 * ```ts
 * import { topRanked } from './ranking.js'
 * topRanked([5, 1, 4, 2, 3], 2, (a, b) => a - b) // [1, 2]
 * ```
 * @internal
 */
export function topRanked<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k >= items.length) return [...items].sort(compare)
  // heap[0] is the worst of the kept items (a max-heap by rank).
  const heap: T[] = []
  const worse = (i: number, j: number) => compare(heap[i]!, heap[j]!) > 0
  const swap = (i: number, j: number) => {
    const held = heap[i]!
    heap[i] = heap[j]!
    heap[j] = held
  }
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item)
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1
        if (!worse(at, parent)) break
        swap(at, parent)
        at = parent
      }
    } else if (k > 0 && compare(item, heap[0]!) < 0) {
      heap[0] = item
      for (let at = 0; ; ) {
        const left = 2 * at + 1
        const right = left + 1
        let largest = at
        if (left < heap.length && worse(left, largest)) largest = left
        if (right < heap.length && worse(right, largest)) largest = right
        if (largest === at) break
        swap(at, largest)
        at = largest
      }
    }
  }
  return heap.sort(compare)
}
