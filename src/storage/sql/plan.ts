/**
 * Query planning shared by the SQL backends: which posting ranges a fuzzy or concordance search must read.
 *
 * Fuzzy search is token prefix filtering with a length window, as in set-similarity joins (Chaudhuri, Ganti and
 * Kaushik 2006, "A primitive operator for similarity joins in data cleaning"; Xiao, Wang, Lin and Yu 2008,
 * "Efficient similarity joins for near duplicate detection"). The bounds themselves are the memory's own
 * (`lengthBounds`, `prefixCount`, `minOverlap` from `src/tm/score.ts`), so a backend filters with exactly the
 * arithmetic the in-process index uses:
 * - a unit scoring at least `m` has a token count inside `lengthBounds(|q|, m)`;
 * - it shares at least `minOverlap(|q|, |s|, m)` tokens (as multisets) with the query, since every edit
 *   operation destroys at most one common token;
 * - so it holds at least one of **any** `prefixCount(|q|, |s|, m)` query token occurrences (we take the largest
 *   over the window). Any choice is lossless; we
 *   choose the rarest ones, counted in the length window of the postings, so the ranges read are the shortest.
 *
 * How a backend learns which tokens are rare is its own affair (SQLite counts its posting blocks, PostgreSQL reads
 * its column statistics); the counts only decide which lists are read first, never whether the answer is
 * complete. Both go further than the prefix: hit counting over more lists (sql/postings.ts).
 *
 * @module
 * @internal
 */
import { lengthBounds, minOverlap, prefixCount } from '../../tm/score.js'
import { tokenHash } from './hash.js'

/** One distinct query token with its multiplicity and index key. @internal */
export interface PlannedToken {
  /** The token text. */
  token: string
  /** How many times it occurs in the query. */
  count: number
  /** Its posting key (`tokenHash(side, token)`). */
  hash: number
}

/** The distinct tokens of a query, with multiplicities and posting keys, in first-occurrence order. @internal */
export function distinctTokens(side: 'source' | 'target', tokens: readonly string[]): PlannedToken[] {
  const byToken = new Map<string, PlannedToken>()
  for (const token of tokens) {
    const seen = byToken.get(token)
    if (seen) seen.count++
    else byToken.set(token, { token, count: 1, hash: tokenHash(side, token) })
  }
  return [...byToken.values()]
}

/** The inclusive token-count window of units that can reach `minScore` against a query of `queryLength` tokens. @internal */
export function lengthWindow(queryLength: number, minScore: number): { low: number; high: number } {
  const bounds = lengthBounds(queryLength, minScore)
  return { low: Math.max(1, bounds.min), high: Math.min(bounds.max, 2 ** 31 - 1) }
}

/**
 * How many query token occurrences the prefix must cover so that it holds for every unit length in the window:
 * the largest `prefixCount(|q|, n, m)` over the window, never more than `|q|`.
 *
 * @param queryLength - `|q|`
 * @param minScore - the threshold
 * @returns the occurrence count to cover
 * @internal
 */
export function prefixNeeded(queryLength: number, minScore: number): number {
  const { low, high } = lengthWindow(queryLength, minScore)
  let needed = 1
  for (let length = low; length <= high; length++) needed = Math.max(needed, prefixCount(queryLength, length, minScore))
  return Math.min(queryLength, needed)
}

/**
 * The largest unit length in the window at which a posting list still belongs to the prefix when the lists read
 * before it hold `before` query occurrences: `prefixCount(|q|, n, m)` (at most `|q|`) is above `before` there.
 * The prefix count falls as units get longer (a longer unit must share more tokens), so the list belongs to the
 * prefix at every length from `low` up to the one returned; `low - 1` when at none.
 *
 * @param queryLength - `|q|`
 * @param minScore - the threshold
 * @param low - the window's lowest length
 * @param high - the window's highest length
 * @param before - the query occurrences of the lists before this one
 * @returns the largest such length, or `low - 1`
 * @internal
 */
export function prefixEnd(queryLength: number, minScore: number, low: number, high: number, before: number): number {
  let end = low - 1
  for (let length = low; length <= high; length++) {
    if (Math.min(queryLength, prefixCount(queryLength, length, minScore)) > before) end = length
  }
  return end
}

/**
 * The multiset overlap of a candidate's tokens with the query (`Σ min(count in q, count in s)`), compared with
 * `minOverlap`: the exact count filter, run on candidates before their unit JSON is parsed.
 *
 * @param queryCounts - token → count in the query
 * @param tokens - the candidate's tokens on the searched side
 * @param queryLength - `|q|`
 * @param minScore - the threshold
 * @returns whether the candidate can still reach `minScore`
 * @internal
 */
export function passesOverlap(queryCounts: ReadonlyMap<string, number>, tokens: readonly string[], queryLength: number, minScore: number): boolean {
  const needed = minOverlap(queryLength, tokens.length, minScore)
  if (needed <= 0) return true
  const used = new Map<string, number>()
  let overlap = 0
  for (const token of tokens) {
    const available = queryCounts.get(token)
    if (available === undefined) continue
    const taken = used.get(token) ?? 0
    if (taken < available) {
      used.set(token, taken + 1)
      if (++overlap >= needed) return true
    }
  }
  return false
}
