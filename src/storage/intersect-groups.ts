/**
 * Intersection of posting lists for concordance word forms, shared by the memory, SQLite and PostgreSQL backends
 * (so the SQL backends need not import the in-process one).
 *
 * A concordance query is an AND of ORs: every query word must be present, each as any of its forms. Two ways:
 * {@link intersectGroups} materialises each group's union and intersects the sets (enough for a few thousand
 * postings); {@link newestInAll} walks the lists from their ends, newest first, and stops whenever its caller
 * does, so a query for "the" at a million units reads 20 postings, not 600,000. It is a leapfrog join (Veldhuizen,
 * "Leapfrog Triejoin", ICDT 2014) over unions, each list skipped through by galloping (exponential, then binary
 * search: Bentley and Yao, "An almost optimal algorithm for unbounded searching", 1976), so the cost follows the
 * rarest group, not the commonest.
 *
 * @module
 */

/**
 * The ids present in every list (each list may repeat an id), smallest list first. Used for word-form groups:
 * each list is the union of one group's postings.
 *
 * @internal
 */
export function intersectGroups(lists: ReadonlyArray<readonly number[]>): number[] {
  if (lists.length === 0) return []
  const sorted = [...lists].sort((a, b) => a.length - b.length)
  let kept = new Set(sorted[0])
  for (const list of sorted.slice(1)) {
    if (kept.size === 0) break
    const here = new Set(list)
    kept = new Set([...kept].filter((id) => here.has(id)))
  }
  return [...kept].sort((a, b) => a - b)
}

/**
 * A test of whether a unit's tokens hold at least one form of every group: postings are keyed by token hashes,
 * and two tokens may share one, so the candidates of a concordance query are checked against the tokens.
 *
 * @param groups - per query word, its forms
 * @returns the test
 * @example
 * ```ts
 * holdsEveryGroup([['book', 'books'], ['new']])(['new', 'books']) // true
 * ```
 * @internal
 */
export function holdsEveryGroup(groups: ReadonlyArray<readonly string[]>): (tokens: readonly string[]) => boolean {
  const wanted = groups.map((group) => new Set(group))
  return (tokens) => wanted.every((group) => tokens.some((token) => group.has(token)))
}

/** One ascending list read from its end: `at` is the position of the current value, -1 once exhausted. */
interface Cursor {
  list: ArrayLike<number>
  at: number
}

/**
 * Moves `cursor` back to the largest value not above `bound` (it never moves forward): gallops back 1, 2, 4, …
 * positions until a value not above `bound` appears, then binary-searches the last step. Costs O(log d) for a
 * jump of d positions, so skipping most of a long list is cheap.
 */
function seek(cursor: Cursor, bound: number): void {
  const list = cursor.list
  let high = cursor.at // list[high] > bound, once the first test fails
  if (high < 0 || list[high]! <= bound) return
  let step = 1
  let low = high - 1
  while (low >= 0 && list[low]! > bound) {
    high = low
    step *= 2
    low = high - step
  }
  if (low < -1) low = -1 // list[low] ≤ bound, or low is -1 (nothing is)
  while (high - low > 1) {
    const middle = (low + high) >>> 1
    if (list[middle]! <= bound) low = middle
    else high = middle
  }
  cursor.at = low
}

/**
 * The union of one group's lists, read from the end: a max-heap of cursors by current value, so the group's
 * current value is the largest of its lists' and skipping to a bound moves only the cursors above it.
 */
class DescendingUnion {
  private readonly heap: Cursor[] = []

  constructor(lists: ReadonlyArray<ArrayLike<number>>) {
    for (const list of lists) if (list.length > 0) this.heap.push({ list, at: list.length - 1 })
    for (let index = (this.heap.length >> 1) - 1; index >= 0; index--) this.down(index)
  }

  /** The largest value left, or -Infinity when none is. */
  get current(): number {
    const top = this.heap[0]
    return top === undefined ? Number.NEGATIVE_INFINITY : top.list[top.at]!
  }

  /** Drops every value above `bound`. */
  seek(bound: number): void {
    const heap = this.heap
    while (heap.length > 0) {
      const top = heap[0]!
      if (top.list[top.at]! <= bound) return
      seek(top, bound)
      if (top.at < 0) {
        const last = heap.pop()!
        if (heap.length === 0) return
        heap[0] = last
      }
      this.down(0)
    }
  }

  private value(index: number): number {
    const cursor = this.heap[index]!
    return cursor.list[cursor.at]!
  }

  private down(index: number): void {
    const heap = this.heap
    for (;;) {
      const left = 2 * index + 1
      const right = left + 1
      let largest = index
      if (left < heap.length && this.value(left) > this.value(largest)) largest = left
      if (right < heap.length && this.value(right) > this.value(largest)) largest = right
      if (largest === index) return
      const held = heap[index]!
      heap[index] = heap[largest]!
      heap[largest] = held
      index = largest
    }
  }
}

/**
 * The values present in at least one list of every group, largest first, each once, lazily: the caller stops
 * when it has enough. Lists must hold integers, ascending (a value may repeat). With no group, nothing.
 *
 * @param groups - per query word, the posting lists of its forms
 * @returns an iterator of the values, descending
 * @example
 * ```ts
 * import { newestInAll } from './intersect-groups.js'
 * ;[...newestInAll([[[1, 4, 9], [6]], [[4, 6, 7]]])] // [6, 4]
 * ```
 * @internal
 */
export function* newestInAll(groups: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>): Generator<number, void, undefined> {
  if (groups.length === 0) return
  const unions = groups.map((lists) => new DescendingUnion(lists))
  let bound = Number.POSITIVE_INFINITY
  for (;;) {
    // Each union comes down to the bound; one that has nothing there lowers it for the rest, and the next pass
    // brings the earlier ones down too. All at the bound: a value in every group.
    for (const union of unions) {
      union.seek(bound)
      const current = union.current
      if (current === Number.NEGATIVE_INFINITY) return
      if (current < bound) bound = current
    }
    if (unions.every((union) => union.current === bound)) {
      yield bound
      bound -= 1
    }
  }
}
