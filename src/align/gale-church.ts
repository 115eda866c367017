/**
 * The length model of Gale & Church (1993), "A program for aligning sentences in bilingual corpora",
 * Computational Linguistics 19(1): a target length is modelled as `c · source length` with variance
 * `s² · length`, and a bead of source and target lengths costs `-log P(match) - log 2(1 - Φ(|δ|))` with
 * `δ = (l_t - c·l_s) / sqrt(s² · l)`.
 *
 * Where we go further:
 * - `c` and `s²` are estimated from the document pair (total length ratio; variance from the 1-1 beads of a first
 *   pass, by the median, which outliers do not move), instead of Gale & Church's fixed c = 1, s² = 6.8 that fit
 *   English-French-German. Arabic is about 0.7 times as long as English in characters, so a fixed ratio drifts.
 * - `l` in the variance is the mean of the two sides in source units, `(l_s + l_t / c) / 2`, not `l_s` alone, so
 *   the model is symmetric and also prices 0-1 beads.
 * - lengths count letters and digits only (not spaces, punctuation or Arabic diacritics), which are the units the
 *   two languages actually trade.
 * - bead shapes go to 1-6 / 6-1 and 2-2, each with a prior (Gale & Church had 1-1, 1-0, 0-1, 2-1, 1-2, 2-2).
 *
 * @module
 * @internal
 */

/** A bead shape `[source count, target count]`. @internal */
export type Shape = readonly [number, number]

/**
 * The bead shapes we search, and their default prior probabilities. 1-1, 1-0/0-1, 2-1/1-2 and 2-2 follow
 * Gale & Church's Table 5 (0.89, 0.0099, 0.089, 0.011, each split evenly between the two directions); the
 * longer 1-n / n-1 beads get geometrically falling priors, larger for 1-n than n-1 because English commonly splits
 * what Arabic says in one long chained sentence.
 *
 * @internal
 */
export const SHAPES: ReadonlyArray<{ shape: Shape; prior: number }> = [
  { shape: [1, 1], prior: 0.89 },
  { shape: [1, 0], prior: 0.005 },
  { shape: [0, 1], prior: 0.005 },
  { shape: [1, 2], prior: 0.0445 },
  { shape: [2, 1], prior: 0.0445 },
  { shape: [2, 2], prior: 0.011 },
  { shape: [1, 3], prior: 0.006 },
  { shape: [3, 1], prior: 0.006 },
  { shape: [1, 4], prior: 0.0012 },
  { shape: [4, 1], prior: 0.0012 },
  { shape: [1, 5], prior: 0.0003 },
  { shape: [5, 1], prior: 0.0003 },
  { shape: [1, 6], prior: 0.0001 },
  { shape: [6, 1], prior: 0.0001 },
]

/** The name of a shape, `'1-2'`. @internal */
export function shapeName(sourceCount: number, targetCount: number): string {
  return `${sourceCount}-${targetCount}`
}

/**
 * `-log erfc(x)` for x ≥ 0, i.e. `-log 2(1 - Φ(x√2))`. Uses the Chebyshev fit of Press et al. (Numerical Recipes,
 * 2nd ed., section 6.2, fractional error below 1.2e-7), in log form so large arguments do not underflow to log 0.
 *
 * @internal
 */
function negLogErfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const poly =
    -z * z -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  // erfc(z) = t · exp(poly)
  return -(Math.log(t) + poly)
}

/**
 * The Gale-Church length cost of a bead, without its prior.
 *
 * @param sourceLength - letters+digits on the source side
 * @param targetLength - letters+digits on the target side
 * @param ratio - expected target length per source character (`c`)
 * @param variance - variance per source character (`s²`)
 * @returns cost in nats
 * @internal
 */
export function lengthCost(sourceLength: number, targetLength: number, ratio: number, variance: number): number {
  if (sourceLength === 0 && targetLength === 0) return 0
  const mean = Math.max(1, (sourceLength + targetLength / ratio) / 2)
  const delta = (targetLength - ratio * sourceLength) / Math.sqrt(variance * ratio * ratio * mean)
  // P(|δ| ≥ observed) under N(0, 1) is erfc(|δ|/√2).
  return negLogErfc(Math.abs(delta) / Math.SQRT2)
}

const COUNTED = /[\p{L}\p{Nd}]/u
/** Per BMP code unit: 1 a letter or digit, 0 not, -1 not looked up yet (filled lazily, one regex test each). */
const COUNTED_UNITS = new Int8Array(0x10000).fill(-1)

/**
 * Letters and digits in a sentence: the length unit of the model.
 *
 * @internal
 */
export function sentenceLength(text: string): number {
  // UTF-16 units, which equal characters for every letter of Arabic, Latin and the other BMP scripts.
  let length = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x80) {
      // ASCII letters and digits
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39)) length++
    } else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      // A surrogate pair: one code point, counted as its two units when it is a letter or digit.
      const pair = text.codePointAt(index)!
      if (pair > 0xffff) {
        if (COUNTED.test(String.fromCodePoint(pair))) length += 2
        index++
      }
    } else {
      let counted = COUNTED_UNITS[code]!
      if (counted < 0) COUNTED_UNITS[code] = counted = COUNTED.test(String.fromCharCode(code)) ? 1 : 0
      length += counted
    }
  }
  return length
}

/**
 * The median of squared normalised deviations of 1-1 beads, turned into a variance estimate:
 * for δ ~ N(0, s²), the median of δ² is 0.4549 s² (the median of χ² with one degree of freedom).
 *
 * @param pairs - lengths of 1-1 beads `[source, target]`
 * @param ratio - the estimated ratio
 * @returns `s²`, or undefined when there are too few pairs to say
 * @internal
 */
export function estimateVariance(pairs: ReadonlyArray<readonly [number, number]>, ratio: number): number | undefined {
  if (pairs.length < 8) return undefined
  const values = pairs
    .filter(([s, t]) => s > 0 && t > 0)
    .map(([s, t]) => {
      const mean = (s + t / ratio) / 2
      return (t - ratio * s) ** 2 / (ratio * ratio * mean)
    })
    .sort((a, b) => a - b)
  if (values.length < 8) return undefined
  // Length deviations are heavier-tailed than a normal, so the median alone underestimates the spread that the
  // cost must tolerate: take the larger of the median- and the upper-quartile-based estimates (χ²₁ quartile 1.323).
  const median = values[values.length >> 1]! / 0.4549
  const upper = values[Math.floor(values.length * 0.75)]! / 1.323
  return Math.max(median, upper) * 1.5
}
