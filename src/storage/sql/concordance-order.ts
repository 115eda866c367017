/**
 * What the SQL backends need to answer concordance best ranked first (issue #14): whether the write order (`seq`)
 * is also the rank order, and the index range of the tokens a prefix begins.
 *
 * Concordance ranks ties by recency: later `changedAt` first, then larger `seq` (src/tm/ranking.ts). A memory
 * whose units were written in date order (`TranslationMemory.add` stamps the time; an import gives one date to
 * all) ranks by `seq` alone, and then the postings, which are in `seq` order, can be read from the newest end and
 * the search can stop after the first `limit` hits. A backend records in its meta table the latest `changedAt`
 * written (as milliseconds) and whether every write so far came in that order; one unit written with an older
 * date turns the flag off for good (ranking then reads every candidate, as before). Deletes never break the order.
 *
 * @module
 * @internal
 */
import type { CandidateUnit, StoredUnit } from '../types.js'
import { changedAtMs, compareRecency } from '../../tm/ranking.js'

/** The meta keys: the latest `changedAt` in milliseconds (or `-Infinity`), and `'seq'` or `'none'`. @internal */
export const orderKeys = { newest: 'concordanceNewestChangedMs', order: 'concordanceOrder' } as const

/** The recorded order state. @internal */
export interface SeqOrder {
  /** Whether ranking by `seq` (descending) is ranking by recency. */
  ranked: boolean
  /** The latest `changedAt` written, in milliseconds. */
  newestMs: number
}

/**
 * Reads the recorded state from the meta values (absent: an empty memory, in order).
 *
 * @internal
 */
export function readSeqOrder(newest: string | undefined, order: string | undefined): SeqOrder {
  return { ranked: order !== 'none', newestMs: newest === undefined ? Number.NEGATIVE_INFINITY : Number(newest) }
}

/**
 * The state after writing `units`, in seq order (each one newer than everything stored).
 *
 * @param state - the state before
 * @param units - the units written, in the order of their seqs
 * @returns the state after
 * @example
 * ```ts
 * advanceSeqOrder({ ranked: true, newestMs: 0 }, [{ unit: { id: 'a', source: '', target: '', changedAt: '1970-01-01T00:00:00.001Z' }, seq: 1 }])
 * // { ranked: true, newestMs: 1 }
 * ```
 * @internal
 */
export function advanceSeqOrder(state: SeqOrder, units: Iterable<StoredUnit>): SeqOrder {
  let { ranked, newestMs } = state
  for (const stored of units) {
    const ms = changedAtMs(stored)
    if (ms < newestMs) ranked = false
    else newestMs = ms
  }
  return { ranked, newestMs }
}

/**
 * The end of the range of strings starting with `prefix` in code-point order (SQLite compares text as UTF-8
 * bytes, PostgreSQL with `COLLATE "C"` likewise, and both orders are code-point order): the prefix with its last
 * code point raised by one, or `undefined` when there is none above it (a prefix ending in U+10FFFF).
 *
 * @param prefix - a non-empty prefix
 * @returns the exclusive upper bound
 * @example
 * ```ts
 * prefixUpperBound('desalinat') // 'desalinau'
 * ```
 * @internal
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = [...prefix]
  const last = points.pop()!.codePointAt(0)!
  if (last >= 0x10ffff) return undefined
  // Skip the surrogate range: it is not a code point a string can hold alone.
  const next = last + 1 === 0xd800 ? 0xe000 : last + 1
  return points.join('') + String.fromCodePoint(next)
}

/**
 * Candidates sorted best ranked first (later `changedAt`, larger seq, smaller id): what a backend answers for
 * `concordanceRanked` when seq order is not rank order.
 *
 * @param candidates - the candidates (not changed)
 * @returns them, sorted
 * @internal
 */
export function byRecency(candidates: readonly CandidateUnit[]): CandidateUnit[] {
  return candidates
    .map((stored) => ({ stored, changedMs: changedAtMs(stored) }))
    .sort(compareRecency)
    .map((ranked) => ranked.stored)
}
