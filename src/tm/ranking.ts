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

/** Something rankable: a score, the stored unit, and its precomputed `changedAt` time. @internal */
export interface Rankable {
  score: number
  stored: StoredUnit
  changedMs: number
}

/**
 * Orders by score (descending), then recency (`changedAt`, then write sequence, both descending), then id
 * (ascending, by UTF-16 code units, not locale, so it is the same everywhere).
 *
 * @internal
 */
export function compareRanked(a: Rankable, b: Rankable): number {
  if (a.score !== b.score) return b.score - a.score
  return compareRecency(a, b)
}

/** Recency, then id: the tie-breaker after the score. @internal */
export function compareRecency(a: Pick<Rankable, 'stored' | 'changedMs'>, b: Pick<Rankable, 'stored' | 'changedMs'>): number {
  if (a.changedMs !== b.changedMs) return a.changedMs > b.changedMs ? -1 : 1
  if (a.stored.seq !== b.stored.seq) return b.stored.seq - a.stored.seq
  const idA = a.stored.unit.id
  const idB = b.stored.unit.id
  return idA < idB ? -1 : idA > idB ? 1 : 0
}
