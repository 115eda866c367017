/**
 * The fuzzy score of the matching contract and the lossless bounds that let an index skip units without scoring
 * them. Pure functions, shared by every storage backend so that all of them give identical answers.
 *
 * Score: `1 − d / max(|q|, |s|)`, where `d` is the Levenshtein (1966) distance over the two token sequences
 * (insert, delete and substitute one token each cost 1).
 *
 * Bounds, for a query of `m` tokens, a unit of `n` tokens, `L = max(m, n)` and threshold `t`:
 * - **distance**: score ≥ t  ⇔  d ≤ (1 − t)·L, so `maxEditDistance(L, t) = ⌊(1 − t)·L⌋`.
 * - **length**: d ≥ |m − n|, hence t·m ≤ n ≤ m / t (`lengthBounds`).
 * - **overlap**: an alignment with S substitutions, I insertions and D deletions keeps L − S − max(I, D) ≥ L − d
 *   tokens matched, so the multiset overlap of q and s is at least `minOverlap = L − maxEditDistance(L, t)`.
 * - **prefix** (the prefix filter of set-similarity joins: Chaudhuri, Ganti & Kaushik 2006; Bayardo, Ma & Srikant
 *   2007, "All-Pairs"): if s shares at least `o` tokens with q, then s contains at least one of *any*
 *   `m − o + 1` of q's tokens (counted with multiplicity). An index picks the tokens with the shortest posting
 *   lists and looks only at those lists (`prefixCount`).
 *
 * The bounds carry a slack of 1e-9 towards inclusion, so float rounding can only add candidates, never lose one;
 * the final keep-or-drop decision is always the float score itself, computed one way by `scoreTokens`.
 *
 * @module
 */

const SLACK = 1e-9

let rowA = new Int32Array(64)
let rowB = new Int32Array(64)

/**
 * Levenshtein distance between two token sequences (tokens compared with `===`), optionally bounded.
 *
 * With a bound `k` it runs Ukkonen's (1985) diagonal band: only cells with |i − j| ≤ k are computed, and it stops as
 * soon as a whole row exceeds `k`, so the cost is O(min(m, n)·(2k + 1)) instead of O(m·n).
 *
 * @param a - first sequence
 * @param b - second sequence
 * @param maxDistance - stop early and return `maxDistance + 1` once the distance is sure to exceed it
 * @returns the distance, or `maxDistance + 1` when it exceeds `maxDistance`
 * @example
 * ```ts
 * import { tokenEditDistance } from './score.js'
 * tokenEditDistance(['a', 'b', 'c'], ['a', 'c'])    // 1
 * tokenEditDistance(['a', 'b', 'c'], ['x', 'y'], 1) // 2 (more than the bound 1)
 * ```
 * @internal
 */
export function tokenEditDistance<T>(a: ArrayLike<T>, b: ArrayLike<T>, maxDistance = Number.POSITIVE_INFINITY): number {
  // Let `b` be the shorter one: rows have |b| + 1 cells.
  if (a.length < b.length) {
    const swap = a
    a = b
    b = swap
  }
  return bandedDistance(a, 0, a.length, b, 0, b.length, Math.min(maxDistance, a.length))
}

/**
 * Ukkonen's banded Levenshtein between `a[aStart .. aStart + m)` and `b[bStart .. bStart + n)` for a finite bound
 * `k`: returns the distance, or `k + 1` once it is sure to exceed `k`. Rows have `n + 1` cells and are reused
 * between calls, so the hot loop allocates nothing. Shared by {@link tokenEditDistance} (token strings) and the
 * fuzzy index (integer token ids in one pool).
 *
 * @internal
 */
export function bandedDistance<T>(a: ArrayLike<T>, aStart: number, m: number, b: ArrayLike<T>, bStart: number, n: number, k: number): number {
  if (Math.abs(m - n) > k) return k + 1
  if (n === 0) return m
  if (m === 0) return n
  if (rowA.length <= n) {
    rowA = new Int32Array(2 * (n + 1))
    rowB = new Int32Array(2 * (n + 1))
  }
  let previous = rowA
  let current = rowB
  const outside = k + 1 // the value of every cell outside the band: more than the bound
  for (let j = 0; j <= n; j++) previous[j] = j <= k ? j : outside
  for (let i = 1; i <= m; i++) {
    // With |m − n| ≤ k and n ≥ 1 the band row [from, to] is never empty.
    const from = Math.max(1, i - k)
    const to = Math.min(n, i + k)
    current[from - 1] = from === 1 ? (i <= k ? i : outside) : outside
    let rowMin = current[from - 1]!
    const tokenA = a[aStart + i - 1]
    for (let j = from; j <= to; j++) {
      const substitute = previous[j - 1]! + (tokenA === b[bStart + j - 1] ? 0 : 1)
      const remove = previous[j]! + 1
      const insert = current[j - 1]! + 1
      let best = substitute < remove ? substitute : remove
      if (insert < best) best = insert
      if (best > outside) best = outside
      current[j] = best
      if (best < rowMin) rowMin = best
    }
    if (to < n) current[to + 1] = outside
    if (rowMin > k) return k + 1
    const swap = previous
    previous = current
    current = swap
  }
  const distance = previous[n]!
  return distance > k ? k + 1 : distance
}

/**
 * The token score of the matching contract: `1 − d / max(|q|, |s|)`, in [0, 1]. Two empty sequences score 1.
 * (The memory adds the raw-text rules on top: identical text 1.0, equal keys 0.99; see `TranslationMemory.fuzzy`.)
 *
 * @param query - query tokens
 * @param unit - unit tokens
 * @returns the score in [0, 1]
 * @example
 * ```ts
 * import { scoreTokens } from './score.js'
 * scoreTokens(['the', 'red', 'car'], ['the', 'blue', 'car']) // 0.6666666666666667
 * ```
 * @internal
 */
export function scoreTokens<T>(query: ArrayLike<T>, unit: ArrayLike<T>): number {
  const longest = Math.max(query.length, unit.length)
  if (longest === 0) return 1
  return 1 - tokenEditDistance(query, unit) / longest
}

/**
 * The largest token distance that still scores at least `minScore` against a sequence pair whose longer side has
 * `longest` tokens: `⌊(1 − minScore)·longest⌋` (with a tiny slack towards inclusion).
 *
 * @param longest - `max(|q|, |s|)`
 * @param minScore - threshold in (0, 1]
 * @returns the distance bound
 * @example
 * ```ts
 * import { maxEditDistance } from './score.js'
 * maxEditDistance(10, 0.7) // 3
 * ```
 * @internal
 */
export function maxEditDistance(longest: number, minScore: number): number {
  return Math.floor((1 - minScore) * longest + SLACK)
}

/**
 * The unit lengths (in tokens) that can score at least `minScore` against a query of `queryLength` tokens:
 * `⌈t·m⌉ ≤ n ≤ ⌊m / t⌋`, never below 1.
 *
 * @param queryLength - `m`, the query's token count (≥ 1)
 * @param minScore - threshold in (0, 1]
 * @returns the inclusive window `{ min, max }`
 * @example
 * ```ts
 * import { lengthBounds } from './score.js'
 * lengthBounds(10, 0.7) // { min: 7, max: 14 }
 * ```
 * @internal
 */
export function lengthBounds(queryLength: number, minScore: number): { min: number; max: number } {
  return {
    min: Math.max(1, Math.ceil(minScore * queryLength - SLACK)),
    max: Math.floor(queryLength / minScore + SLACK),
  }
}

/**
 * The fewest tokens (as a multiset) a unit of `unitLength` tokens must share with a query of `queryLength` tokens
 * to score at least `minScore`: `L − maxEditDistance(L, t)` with `L = max(m, n)`.
 *
 * @param queryLength - `m`
 * @param unitLength - `n`
 * @param minScore - threshold in (0, 1]
 * @returns the overlap bound (more than `min(m, n)` means no unit of that length can qualify)
 * @example
 * ```ts
 * import { minOverlap } from './score.js'
 * minOverlap(10, 12, 0.7) // 9
 * ```
 * @internal
 */
export function minOverlap(queryLength: number, unitLength: number, minScore: number): number {
  const longest = Math.max(queryLength, unitLength)
  return longest - maxEditDistance(longest, minScore)
}

/**
 * The prefix filter: a unit of `unitLength` tokens that scores at least `minScore` contains at least one of any
 * `prefixCount` tokens of the query (counted with multiplicity). An index chooses the query tokens with the
 * shortest posting lists, adds up their multiplicities until it reaches this count, and only reads those lists.
 *
 * @param queryLength - `m`
 * @param unitLength - `n`
 * @param minScore - threshold in (0, 1]
 * @returns `m − minOverlap + 1` (more than `m` would mean no filtering is possible, which never happens for t > 0)
 * @example
 * ```ts
 * import { prefixCount } from './score.js'
 * prefixCount(10, 10, 0.7) // 4: every unit of 10 tokens scoring ≥ 0.7 holds one of any 4 query tokens
 * ```
 * @internal
 */
export function prefixCount(queryLength: number, unitLength: number, minScore: number): number {
  return queryLength - minOverlap(queryLength, unitLength, minScore) + 1
}
