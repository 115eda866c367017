/**
 * Which units need review: the one test that searches (`includeNeedsReview: false`), `mizan stats` and
 * `mizan export` share, so they never disagree about a unit.
 *
 * @module
 */
import { needsReviewSubState, type TranslationUnit } from '../types.js'

/**
 * XLIFF 1.2's "needs review" target states (XLIFF 1.2 §2.4, `state` attribute values): other CAT tools mark
 * translations that await review with them, and the XLIFF 1.2 reader keeps them as the unit's `subState`.
 */
const xliff12ReviewStates: ReadonlySet<string> = new Set(['needs-review-translation', 'needs-review-adaptation', 'needs-review-l10n'])

/**
 * Whether a unit needs review before it is used as a translation: it carries mizan's marker (`state: 'initial'`
 * or no state, with `subState: 'mizan:needs-review'`, what `toTranslationUnits` gives pairs under
 * `minConfidence`), or an XLIFF 1.2 `needs-review-*` finer state from another tool (state `translated` or none). A
 * unit whose state was set to `reviewed` or `final` (or `translated`, over mizan's marker) has been dealt with.
 *
 * @param unit - a unit (only `state` and `subState` are read)
 * @returns true when the unit needs review
 * @example
 * ```ts
 * import { needsReview } from 'mizan'
 * needsReview({ state: 'initial', subState: 'mizan:needs-review' }) // true
 * needsReview({ state: 'translated', subState: 'needs-review-translation' }) // true: XLIFF 1.2's marker
 * needsReview({ state: 'translated' }) // false
 * needsReview({ state: 'reviewed', subState: 'mizan:needs-review' }) // false: a person has reviewed it
 * ```
 * @group Memory
 */
export function needsReview(unit: Pick<TranslationUnit, 'state' | 'subState'>): boolean {
  const { state, subState } = unit
  if (subState === undefined || state === 'reviewed' || state === 'final') return false
  if (subState === needsReviewSubState) return state !== 'translated'
  return xliff12ReviewStates.has(subState)
}
