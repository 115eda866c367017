/**
 * The length model per stretch of a long document: Gale & Church's ratio `c` and variance `s²` estimated over a
 * window of a previous pass's 1-1 beads around each position, instead of once for the whole document.
 *
 * Gale & Church (1993) estimate one `c` and one `s²` per corpus, and so did we per document (gale-church.ts,
 * `estimateRatio` and `estimateVariance`). A document that joins texts of different kinds has a different law in
 * each: issue #12's 20,009-line recipe document runs UN reports (its gold 1-1 beads give `c` = 1.22, `s²` = 4.9),
 * news (NTREX, `c` = 1.09, `s²` = 4.1) and short everyday lines (Tatoeba, `c` = 1.28, `s²` = 2.1), and the one
 * estimate (`c` = 1.20, `s²` = 3.7) is wrong for each part. The same estimators over the window of 1-1 beads
 * nearest to a position follow the document. Each window's estimate is drawn towards the whole document's as far
 * as the document's own windows say its stretches differ by more than chance (empirical Bayes; see
 * {@link shrinkage}), so a long document of one kind keeps about one estimate.
 *
 * @module
 * @internal
 */
import { estimateRatio, estimateVariance } from './gale-church.js'
import type { RawBead } from './search.js'

/**
 * A length ratio and a variance per source position (index 0..n): a bead that starts at source sentence `i` is
 * scored with entry `i`.
 *
 * @internal
 */
export interface LocalLength {
  ratio: Float64Array
  variance: Float64Array
}

/**
 * Window sizes of {@link localLengthOf}, in 1-1 beads: `span` per window, re-estimated every `step`.
 *
 * @internal
 */
export interface LocalLengthWindow {
  span: number
  step: number
}

/**
 * The window the aligner uses. Chosen on a tuning document built like issue #12's long one from tuning material
 * only (UN lines 4000-6999, NTREX-128, Tatoeba lines 12000-15999, the recipe with another seed and insertions
 * from Tatoeba lines 16000-17999): strict F1 0.8976 before; spans of 300, 400 and 500 beads gave 0.9064, 0.9069
 * and 0.9047 (steps of 25, 50 and 100 beads at span 400: 0.9071, 0.9069, 0.9058). Without the shrinkage, spans of
 * 200 and 400 beads cost NTREX's 1,997 lines as one document 0.9747 → 0.9697 and 0.9717 (docs/alignment.md, "The
 * eighth issue #12 round").
 *
 * @internal
 */
export const LOCAL_LENGTH_WINDOW: LocalLengthWindow = { span: 400, step: 50 }

/**
 * The length ratio and variance over windows of `window.span` 1-1 beads of a previous pass: each source position
 * takes the window centred on its block of `window.step` beads (the block of the last 1-1 bead at or before its
 * bead; windows are shifted inward at the document's ends, so every window is full), drawn towards the whole
 * document's estimates by {@link shrinkage}. Ratios and variances are combined on a log scale (both are scale
 * parameters). Cost: O(n + (beads / step) · span log span).
 *
 * @param beads - the previous pass's beads, in document order
 * @param sourceLengths - source sentence lengths (letters and digits)
 * @param targetLengths - target sentence lengths
 * @param ratio - the whole document's length ratio (what the windows are drawn towards)
 * @param variance - the whole document's variance (likewise; and a window's where it cannot be estimated)
 * @param window - window size and step, in 1-1 beads
 * @returns per source position (n + 1 values) a ratio and a variance, or undefined when the previous pass has fewer
 *   than two windows of 1-1 beads (too few to tell stretches apart: the whole document's estimates are used)
 * @example
 * ```ts
 * const local = localLengthOf(firstPass.beads, sourceLengths, targetLengths, 1.2, 3.7, LOCAL_LENGTH_WINDOW)
 * new BeadScorer({ ...costModel, ...(local ? { localLength: local } : {}) })
 * ```
 * @internal
 */
export function localLengthOf(
  beads: readonly RawBead[],
  sourceLengths: readonly number[],
  targetLengths: readonly number[],
  ratio: number,
  variance: number,
  window: LocalLengthWindow,
): LocalLength | undefined {
  const { span, step } = window
  const pairs: Array<[number, number]> = []
  const n = sourceLengths.length
  // Per source position, the index of the last 1-1 bead at or before its bead.
  const nearest = new Int32Array(n + 1)
  for (const bead of beads) {
    if (bead.sourceEnd - bead.sourceStart === 1 && bead.targetEnd - bead.targetStart === 1) pairs.push([sourceLengths[bead.sourceStart]!, targetLengths[bead.targetStart]!])
    nearest.fill(Math.max(0, pairs.length - 1), bead.sourceStart, Math.max(bead.sourceEnd, bead.sourceStart + 1))
  }
  if (pairs.length < 2 * span) return undefined
  nearest[n] = pairs.length - 1
  const logRatio = Math.log(ratio)
  const logVariance = Math.log(variance)
  // Log ratio and log variance of the 1-1 beads from..to; a window too odd to estimate from gives the whole's.
  const estimate = (from: number, to: number): [number, number] => {
    const inWindow = pairs.slice(from, to)
    const local = estimateRatio(inWindow, 1)
    const localVariance = local === undefined ? undefined : estimateVariance(inWindow, local)
    return [local === undefined ? logRatio : Math.log(local), localVariance === undefined ? logVariance : Math.log(localVariance)]
  }
  const [ratioShare, varianceShare] = shrinkage(pairs.length, span, estimate)
  const blocks = Math.ceil(pairs.length / step)
  const blockRatio = new Float64Array(blocks)
  const blockVariance = new Float64Array(blocks)
  for (let block = 0; block < blocks; block++) {
    const middle = Math.min(pairs.length - 1, block * step + (step >> 1))
    const from = Math.min(Math.max(0, middle - (span >> 1)), pairs.length - span)
    const [localRatio, localVariance] = estimate(from, from + span)
    blockRatio[block] = Math.exp(logRatio + (localRatio - logRatio) * ratioShare!)
    blockVariance[block] = Math.exp(logVariance + (localVariance - logVariance) * varianceShare!)
  }
  const out: LocalLength = { ratio: new Float64Array(n + 1), variance: new Float64Array(n + 1) }
  for (let i = 0; i <= n; i++) {
    const block = Math.floor(nearest[i]! / step)
    out.ratio[i] = blockRatio[block]!
    out.variance[i] = blockVariance[block]!
  }
  return out
}

/**
 * How far the windows' estimates may move from the whole document's: per component of `estimate`, the
 * empirical-Bayes factor `τ² / (τ² + σ²)` of a normal hierarchical model (James & Stein 1961; Efron & Morris 1975),
 * where `τ²` is how much the quantity truly varies between stretches of the document and `σ²` how much a window's
 * estimate varies by chance. Both are read off the document's own non-overlapping windows (at least two): `σ²`
 * from the difference between the estimates of each window's two halves (a half has twice a window's sampling
 * variance, so `E[(a - b)²] / 4` is a window's; a trend inside the window makes it larger, and the factor smaller),
 * `τ²` as the spread of the windows' estimates less `σ²`, never below 0. A document of one kind keeps about its one
 * estimate; one that joins kinds follows them.
 *
 * @param count - 1-1 beads
 * @param span - beads per window
 * @param estimate - the estimates over beads `from..to`
 * @returns a factor in [0, 1] per component of `estimate`
 */
function shrinkage(count: number, span: number, estimate: (from: number, to: number) => readonly number[]): number[] {
  const windows = Math.floor(count / span)
  const half = span >> 1
  const whole: Array<readonly number[]> = []
  const chance: number[] = []
  for (let w = 0; w < windows; w++) {
    const from = w * span
    whole.push(estimate(from, from + span))
    const first = estimate(from, from + half)
    const second = estimate(from + half, from + span)
    first.forEach((value, k) => (chance[k] = (chance[k] ?? 0) + (value - second[k]!) ** 2 / 4 / windows))
  }
  return chance.map((sigma2, k) => {
    let mean = 0
    for (const values of whole) mean += values[k]! / windows
    let spread = 0
    for (const values of whole) spread += (values[k]! - mean) ** 2 / (windows - 1)
    const tau2 = Math.max(0, spread - sigma2)
    return tau2 > 0 ? tau2 / (tau2 + sigma2) : 0
  })
}
