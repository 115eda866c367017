/**
 * Figures about an alignment that both the review page and the CLI print: counts by bead shape, mean
 * confidence, and which beads are doubtful.
 *
 * @module
 */
import { OptionsError } from '../errors.js'

/**
 * The part of a bead the report needs: the sentence indexes on each side and a confidence in 0..1.
 * It is the shape `alignSentences` and `alignDocuments` return.
 *
 * @example
 * ```ts
 * import { summarizeAlignment, type ReviewBead } from 'mizan'
 * const beads: ReviewBead[] = [{ source: [0], target: [0, 1], score: 0.93 }] // alignDocuments(...).beads fit too
 * summarizeAlignment(beads).shapes // { '1-2': 1 }
 * ```
 * @group Alignment
 */
export interface ReviewBead {
  /** Indexes of the source sentences in this bead, ascending (empty for an insertion). */
  readonly source: readonly number[]
  /** Indexes of the target sentences in this bead, ascending (empty for a deletion). */
  readonly target: readonly number[]
  /** Confidence 0..1; higher is surer. */
  readonly score: number
}

/**
 * Counts and means over a list of beads.
 *
 * @example
 * ```ts
 * import { alignDocuments, summarizeAlignment, type AlignmentSummary } from 'mizan'
 * const summary: AlignmentSummary = summarizeAlignment(alignDocuments(arabicText, englishText, { sourceLang: 'ar', targetLang: 'en' }).beads)
 * `${summary.beads} beads, mean confidence ${summary.meanScore.toFixed(2)}, ${summary.doubtful} doubtful`
 * ```
 * @group Alignment
 */
export interface AlignmentSummary {
  /** How many beads there are. */
  beads: number
  /** Bead count per shape (`'1-1'`, `'1-2'`...), shapes sorted by count, then by name. */
  shapes: Record<string, number>
  /**
   * Mean confidence of the beads with sentences on both sides, 0 when there are none. Omissions are left out:
   * their score says nothing about a translation.
   */
  meanScore: number
  /** Lowest confidence of the beads with sentences on both sides, 0 when there are none. */
  minScore: number
  /** How many beads with sentences on both sides score below the doubtful threshold. */
  doubtful: number
  /** How many beads have an empty side: a sentence with no counterpart (an omission, or an addition). */
  omissions: number
  /** The threshold used. */
  doubtfulBelow: number
}

/** Beads scoring below this are doubtful unless the caller says otherwise. @internal */
export const DEFAULT_DOUBTFUL_BELOW = 0.5

/**
 * The shape of a bead: `'<source count>-<target count>'`, as {@link UnitAlignment.shape} writes it.
 *
 * @param bead - the bead
 * @returns e.g. `'2-1'`
 * @example
 * ```ts
 * beadShape({ source: [3, 4], target: [2], score: 0.9 }) // '2-1'
 * ```
 * @internal
 */
export function beadShape(bead: ReviewBead): string {
  return `${bead.source.length}-${bead.target.length}`
}

/**
 * Whether a bead has an empty side: a sentence the other document does not translate.
 *
 * @example
 * ```ts
 * isOmission({ source: [4], target: [], score: 0 }) // true
 * ```
 * @internal
 */
export function isOmission(bead: ReviewBead): boolean {
  return bead.source.length === 0 || bead.target.length === 0
}

/**
 * Summarizes beads: counts by shape, mean and lowest confidence, how many are doubtful and how many are
 * omissions (an empty side). Confidence figures are over the beads with both sides.
 *
 * @param beads - the beads, in document order
 * @param doubtfulBelow - beads with a score below this count as doubtful
 * @returns the summary
 * @throws {@link OptionsError} when `doubtfulBelow` is not a number from 0 to 1
 * @example
 * ```ts
 * import { summarizeAlignment } from 'mizan'
 * summarizeAlignment([{ source: [0], target: [0], score: 0.9 }, { source: [1], target: [1, 2], score: 0.3 }])
 * // { beads: 2, shapes: { '1-1': 1, '1-2': 1 }, meanScore: 0.6, minScore: 0.3, doubtful: 1, omissions: 0, doubtfulBelow: 0.5 }
 * ```
 * @group Alignment
 */
export function summarizeAlignment(beads: readonly ReviewBead[], doubtfulBelow: number = DEFAULT_DOUBTFUL_BELOW): AlignmentSummary {
  if (typeof doubtfulBelow !== 'number' || !(doubtfulBelow >= 0 && doubtfulBelow <= 1)) {
    throw new OptionsError('doubtfulBelow', doubtfulBelow, 'a number from 0 to 1')
  }
  const counts = new Map<string, number>()
  let total = 0
  let pairs = 0
  let min = Number.POSITIVE_INFINITY
  let doubtful = 0
  let omissions = 0
  for (const bead of beads) {
    const shape = beadShape(bead)
    counts.set(shape, (counts.get(shape) ?? 0) + 1)
    if (isOmission(bead)) {
      omissions++
      continue
    }
    pairs++
    total += bead.score
    min = Math.min(min, bead.score)
    if (bead.score < doubtfulBelow) doubtful++
  }
  const shapes: Record<string, number> = {}
  for (const [shape, count] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) shapes[shape] = count
  return { beads: beads.length, shapes, meanScore: pairs === 0 ? 0 : total / pairs, minScore: pairs === 0 ? 0 : min, doubtful, omissions, doubtfulBelow }
}
