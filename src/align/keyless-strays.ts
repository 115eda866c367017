/**
 * The first pass's shape counts, corrected for the omissions it absorbed: the second pass re-estimates the 1-0 /
 * 0-1 and k-1 / 1-k priors from them (gale-church.ts, documentOmissionCost and documentShapeCost), and a first pass
 * that merged a sentence without counterpart into a neighbour's bead counts one 2-1 bead where there were a 1-1 and
 * a 1-0. That bias feeds itself: with 15% of English lines merged and 8% of the sentences left out (issue #12's
 * recipe), the document's 2-1 prior rose to about 0.13 while its 1-0 prior stayed near 0.01, so an inserted
 * sentence cost about as much merged into a neighbour (2-1 prior and stray price) as left out (1-0 prior), and the
 * length fit decided, a coin toss.
 *
 * @module
 * @internal
 */
import type { AnchorSet } from './anchors.js'
import { shapeIndex, SHAPES, SOURCE_OMISSION, TARGET_OMISSION } from './gale-church.js'
import type { RawBead } from './search.js'


/**
 * Moves to the omission counts the first-pass sentences that most likely had no counterpart: a sentence with no
 * anchor key at all (no number, name, shared token, punctuation mark or word of the learned or given lexicon) at
 * either end of the many side of a 1-k or k-1 bead. Each counts as an omission with its posterior probability
 * of being one rather than a part of a real merge, as EM would estimate it (Dempster, Laird & Rubin 1977):
 * `o / (o + r · z)`, where `o` is the rate of omissions per sentence (the first pass's omissions plus the sentences
 * moved, smoothed with 100 pseudo-sentences at Gale & Church's 0.005, and never below it), `r` the share of sentences in the many side of a 1-k or k-1 bead, and `z = exp(-stray price)` how often a sentence
 * that belongs shares no key with its counterpart (align-sentences.ts, strayCostOf); a sentence without a stray
 * price (a document too short or too bare to say) is not moved.
 * The E step is repeated until the moved count settles, each round's moved sentences raising `o` for the next
 * (one step left issue #12's UN tuning documents at 0.9327 strict F1, 247 of 391 omissions; the fixed point
 * gives 0.9336, 249; Text+Berg dev and NTREX unchanged).
 *
 * Only keyless sentences: counting every edge sentence that shares no key with its bead moved the 1-0 prior far
 * more and split true pairs (strict F1, a sentence per line: issue #12's UN documents 0.9252 → 0.9286 and its
 * 20,009-line document 0.8840 → 0.8857, but Text+Berg dev 0.8715 → 0.8563 and test 0.8441 → 0.8412); keyless ones
 * alone gave 0.9259, 0.8865, 0.8735 and 0.8443 (docs/alignment.md, "The third issue #12 round: omissions").
 *
 * @param counts - first-pass bead counts per entry of {@link SHAPES}; corrected in place (fractional counts)
 * @param anchors - the anchors of the next pass (with the lexicon learned from the first pass)
 * @param beads - the first pass's beads
 * @param strayCost - the next pass's stray prices (strayCostOf)
 * @param n - source sentences
 * @param m - target sentences
 * @returns the beads added to the count (each moved sentence adds an omission bead)
 * @example
 * ```ts
 * const total = beads.length + countKeylessStrays(shapeCounts, anchors, beads, strayCost, n, m)
 * shapeCost = documentOmissionCost(shapeCost, base, shapeCounts, total, strength)
 * ```
 * @internal
 */
export function countKeylessStrays(counts: Float64Array, anchors: AnchorSet, beads: readonly RawBead[], strayCost: number | { source: Float64Array; target: Float64Array }, n: number, m: number): number {
  const counted = counts[SOURCE_OMISSION]! + counts[TARGET_OMISSION]!
  let inMany = 0
  for (const bead of beads) {
    const a = bead.sourceEnd - bead.sourceStart
    const b = bead.targetEnd - bead.targetStart
    if (a > 1 && b === 1) inMany += a
    else if (b > 1 && a === 1) inMany += b
  }
  // EM to its fixed point (Dempster, Laird & Rubin 1977): the sentences moved raise the omission rate, which
  // raises every keyless sentence's posterior of being an omission. The M step estimates only the omission rate,
  // smoothed (a Beta prior of PSEUDO_SENTENCES at the default rate), and keeps the first pass's share of sentences in
  // many sides: re-estimating that share too, or the rate unsmoothed, ran away in short documents (a 29-sentence
  // NTREX document's one 2-1 bead went to an omission with posterior 1, and a pair was lost).
  const prior = SHAPES[SOURCE_OMISSION]!.prior
  const merged = inMany / (n + m)
  const first = Float64Array.from(counts)
  let added = 0
  for (let step = 0; step < MAX_STEPS; step++) {
    counts.set(first)
    const omitted = Math.max(prior, (counted + added + PSEUDO_SENTENCES * prior) / (n + m + PSEUDO_SENTENCES))
    const next = moveKeyless(counts, anchors, beads, strayCost, omitted, merged)
    const converged = Math.abs(next - added) < CONVERGED
    added = next
    if (converged) break
  }
  return added
}

/** EM steps at most; the change in moved sentences under which the estimate has converged; the omission rate's prior. */
const MAX_STEPS = 20
const CONVERGED = 1e-3
const PSEUDO_SENTENCES = 100

/**
 * One E step: moves each keyless end sentence of a 1-k / k-1 bead to the omission counts with its posterior of
 * being an omission, given the rate of omissions per sentence `omitted` and the share of sentences in many sides
 * `merged`. Returns the sentences moved (weighted).
 */
function moveKeyless(counts: Float64Array, anchors: AnchorSet, beads: readonly RawBead[], strayCost: number | { source: Float64Array; target: Float64Array }, omitted: number, merged: number): number {
  // The posterior that a keyless sentence is an omission rather than a part of a merge.
  const omissionOdds = (i: number, source: boolean) => {
    const price = typeof strayCost === 'number' ? strayCost : source ? strayCost.source[i]! : strayCost.target[i]!
    return price > 0 ? omitted / (omitted + merged * Math.exp(-price)) : 0
  }
  let added = 0
  for (const bead of beads) {
    const a = bead.sourceEnd - bead.sourceStart
    const b = bead.targetEnd - bead.targetStart
    // 1-k and k-1 beads, k ≥ 2: the many side's ends.
    if (a === 0 || b === 0 || (a > 1) === (b > 1)) continue
    const source = a > 1
    const keys = source ? anchors.source : anchors.target
    let from = source ? bead.sourceStart : bead.targetStart
    let to = source ? bead.sourceEnd : bead.targetEnd
    let weight = 1
    let moved = 0
    while (to - from > 1 && keys[from]!.length === 0) {
      weight *= omissionOdds(from++, source)
      moved++
    }
    while (to - from > 1 && keys[to - 1]!.length === 0) {
      weight *= omissionOdds(--to, source)
      moved++
    }
    if (moved === 0 || weight === 0) continue
    counts[shapeIndex(a, b)]! -= weight
    counts[source ? shapeIndex(a - moved, b) : shapeIndex(a, b - moved)]! += weight
    counts[source ? SOURCE_OMISSION : TARGET_OMISSION]! += moved * weight
    added += moved * weight
  }
  return added
}
