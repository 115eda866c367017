/**
 * The search band: a corridor around a path through confident anchors, so the dynamic programme visits
 * O((n + m) · width) cells instead of n × m.
 *
 * The path is the longest monotone chain of anchor points (sentence pairs linked by a key found equally often, at
 * most 8 times, on each side, k-th occurrence to k-th), found as a longest increasing subsequence in O(k log k)
 * (Fredman 1975); between chain points the path is a straight line. This is the idea of Melamed's (1999) SIMR and
 * of Moore's (2002) two-pass aligner (a first alignment confines the second to a band), applied with rare anchors
 * as the first pass.
 *
 * @module
 * @internal
 */

/** Per row i (0..n), the inclusive column range [lo[i], hi[i]] of cells to visit. @internal */
export interface Band {
  lo: Int32Array
  hi: Int32Array
  /** Cells in the band, the size of every DP table. */
  cells: number
}

/**
 * The longest chain of points increasing in both coordinates.
 *
 * @param points - `[i, j]` pairs, any order
 * @returns the chain, sorted
 * @internal
 */
export function longestChain(points: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  // Sorting by i, then j descending, makes "strictly increasing j" imply strictly increasing i as well.
  const sorted = [...points].sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const tails: number[] = [] // index into sorted of the smallest tail of a chain of each length
  const previous = new Int32Array(sorted.length).fill(-1)
  for (let k = 0; k < sorted.length; k++) {
    const j = sorted[k]![1]
    let low = 0
    let high = tails.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (sorted[tails[mid]!]![1] < j) low = mid + 1
      else high = mid
    }
    if (low > 0) previous[k] = tails[low - 1]!
    tails[low] = k
  }
  const chain: Array<[number, number]> = []
  for (let k = tails.length > 0 ? tails[tails.length - 1]! : -1; k >= 0; k = previous[k]!) chain.push([sorted[k]![0], sorted[k]![1]])
  return chain.reverse()
}

/**
 * The expected column of every row: piecewise linear through (0, 0), the chain's points (at sentence centres)
 * and (n, m).
 *
 * @internal
 */
export function centerLine(chain: ReadonlyArray<readonly [number, number]>, n: number, m: number): Float64Array {
  const knots: Array<[number, number]> = [[0, 0]]
  for (const [i, j] of chain) knots.push([i + 0.5, j + 0.5])
  knots.push([n, m])
  const center = new Float64Array(n + 1)
  let k = 0
  for (let i = 0; i <= n; i++) {
    while (k < knots.length - 2 && knots[k + 1]![0] < i) k++
    const [i0, j0] = knots[k]!
    const [i1, j1] = knots[k + 1]!
    center[i] = i1 === i0 ? j1 : j0 + ((i - i0) * (j1 - j0)) / (i1 - i0)
  }
  return center
}

/**
 * A band of half-width `width` around the centre line. Row i spans the centre's columns from row i - width to row
 * i + width, widened by `width` on each side, so steep stretches (many target sentences per source sentence)
 * stay connected. `width` may be given per row (see {@link widenAround}).
 *
 * @internal
 */
export function makeBand(center: Float64Array, n: number, m: number, width: number | Int32Array): Band {
  const lo = new Int32Array(n + 1)
  const hi = new Int32Array(n + 1)
  for (let i = 0; i <= n; i++) {
    const w = typeof width === 'number' ? width : width[i]!
    const low = Math.floor(center[Math.max(0, i - w)]!) - w
    const high = Math.ceil(center[Math.min(n, i + w)]!) + w
    lo[i] = Math.max(0, Math.min(m, low))
    hi[i] = Math.max(0, Math.min(m, high))
    if (i > 0) {
      // Keep both edges monotone, which the DP's reachability relies on.
      if (lo[i]! < lo[i - 1]!) lo[i] = lo[i - 1]!
      if (hi[i]! < hi[i - 1]!) hi[i] = hi[i - 1]!
    }
  }
  lo[0] = 0
  hi[n] = m
  return { lo, hi, cells: recount(lo, hi) }
}

/**
 * Doubles the half-width of the rows around those where a path came to the band's edge (`edgeRows`), in place:
 * every row within `reach` times its own half-width of such a row gets twice that row's half-width. Widening the
 * whole band instead, one stretch where the anchors' line strays from the path (a document of 50,000 sentences
 * has some) made every row of it twice as wide, three times over, and the search three times slower.
 *
 * @param widths - half-width per row (0..n)
 * @param edgeRows - rows where the path touched the edge
 * @param reach - how far around such a row to widen, in multiples of its half-width
 * @returns whether any row got wider
 * @example
 * ```ts
 * const widths = new Int32Array(n + 1).fill(4)
 * if (widenAround(widths, result.edgeRows, 8)) band = makeBand(center, n, m, widths)
 * ```
 * @internal
 */
export function widenAround(widths: Int32Array, edgeRows: readonly number[], reach: number): boolean {
  const last = widths.length - 1
  // The widths the rows had before this call: rows near two edge rows take the larger doubling, not a compound one.
  const before = Int32Array.from(widths)
  let changed = false
  for (const row of edgeRows) {
    const w = before[row]!
    const from = Math.max(0, row - reach * w)
    const to = Math.min(last, row + reach * w)
    for (let i = from; i <= to; i++) {
      if (widths[i]! < 2 * w) {
        widths[i] = 2 * w
        changed = true
      }
    }
  }
  return changed
}

function recount(lo: Int32Array, hi: Int32Array): number {
  let cells = 0
  for (let i = 0; i < lo.length; i++) cells += hi[i]! - lo[i]! + 1
  return cells
}

/** The band covering the whole n × m table. @internal */
export function fullBand(n: number, m: number): Band {
  return { lo: new Int32Array(n + 1), hi: new Int32Array(n + 1).fill(m), cells: (n + 1) * (m + 1) }
}
