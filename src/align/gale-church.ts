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
 * - bead shapes go to 1-8 / 8-1 and 2-2, 2-3, 2-4 (and 3-2, 4-2), each with a prior (Gale & Church had 1-1, 1-0, 0-1,
 *   2-1, 1-2, 2-2), and the 1-k priors follow the document's own after a first pass.
 *
 * @module
 * @internal
 */

/** A bead shape `[source count, target count]`. @internal */
export type Shape = readonly [number, number]

/**
 * Prior probability of a 1-k bead (and of a k-1 bead), k = 1..8. 1-1 and 1-2 follow Gale & Church's Table 5
 * (0.89; 0.089 split evenly between 1-2 and 2-1); longer beads get geometrically falling priors, because English
 * commonly splits what Arabic says in one long chained sentence, but rarely into more than a few sentences.
 */
const ONE_TO_MANY = [0.89, 0.0445, 0.006, 0.0012, 0.0003, 0.0001, 0.00005, 0.00003]

/** Gale & Church's 2-2 prior. */
const TWO_TWO = 0.011

/**
 * Prior of a 2-k bead (k ≥ 2) from the priors of 1-a beads (`oneToMany[a - 1]`): two beads 1-a and 1-b with
 * a + b = k, merged. A translator who runs two sentences together merges two neighbouring beads whatever their
 * shapes, so the prior is the sum over the ways of splitting k of the product of the two parts' priors, times the
 * merge rate that Gale & Church's 2-2 prior implies (0.011 / 0.89², about 1.4%). A 2-k bead therefore beats the
 * best pair of 1-a + 1-b beads only when the evidence for where the split falls is weaker than about 4 nats: the
 * lengths cancel or the anchors cross.
 */
function twoToMany(k: number, oneToMany: ArrayLike<number>): number {
  let sum = 0
  for (let a = 1; a < k; a++) sum += oneToMany[a - 1]! * oneToMany[k - a - 1]!
  return (TWO_TWO / ONE_TO_MANY[0]! ** 2) * sum
}

/**
 * The shapes, in search order: 1-0 and 0-1 stay at indexes 1 and 2 (options.ts relies on it). 2-k stops at 2-4:
 * on the literary dev set 2-5 … 2-8 were right in 7 of the 41 beads they made, and without them strict F1 went
 * 0.910 → 0.917 as written and 0.768 → 0.765 with merged verses, with fewer boundaries off by 2 or more (56 → 44,
 * 167 → 147), Text+Berg dev 0.869 → 0.868 and the UN tuning documents 0.848 → 0.848; 2-4 stays (without it the
 * merged set fell to 0.746). Eight fewer shapes are also eight fewer transitions per cell.
 */
const SHAPE_LIST: readonly Shape[] = [
  [1, 1],
  [1, 0],
  [0, 1],
  ...[2, 3, 4, 5, 6, 7, 8].flatMap((k): Shape[] => [
    [1, k],
    [k, 1],
  ]),
  [2, 2],
  ...[3, 4].flatMap((k): Shape[] => [
    [2, k],
    [k, 2],
  ]),
]

/**
 * The prior of every shape of {@link SHAPES}, from the 1-k priors (`oneToMany`, k = 1..8) and the k-1 priors
 * (`manyToOne`): 1-0 and 0-1 get Gale & Church's 0.0099 split evenly, 2-k and k-2 follow from the 1-k and k-1
 * priors (see twoToMany).
 *
 * @internal
 */
export function shapePriors(oneToMany: ArrayLike<number>, manyToOne: ArrayLike<number>): Float64Array {
  return Float64Array.from(SHAPE_LIST, ([a, b]) => {
    if (a === 0 || b === 0) return 0.005
    if (a === 1) return oneToMany[b - 1]!
    if (b === 1) return manyToOne[a - 1]!
    return a === 2 ? twoToMany(b, oneToMany) : twoToMany(a, manyToOne)
  })
}

const DEFAULT_PRIORS = shapePriors(ONE_TO_MANY, ONE_TO_MANY)

/**
 * The bead shapes we search, and their default prior probabilities: 1-1, 1-0/0-1, 1-k and k-1 up to 8
 * ({@link ONE_TO_MANY}), and 2-2, 2-3, 2-4, 3-2, 4-2 (see {@link shapePriors}; 2-2 is Gale & Church's 0.011).
 *
 * @internal
 */
export const SHAPES: ReadonlyArray<{ shape: Shape; prior: number }> = SHAPE_LIST.map((shape, index) => ({ shape, prior: DEFAULT_PRIORS[index]! }))

/**
 * The index in {@link SHAPES} of a bead shape (-1 for a shape not in the list).
 *
 * @example
 * ```ts
 * SHAPES[shapeIndex(2, 1)]!.shape // [2, 1]
 * ```
 * @internal
 */
export function shapeIndex(sourceCount: number, targetCount: number): number {
  return SHAPES.findIndex(({ shape }) => shape[0] === sourceCount && shape[1] === targetCount)
}

/** The index in {@link SHAPES} of the 1-0 shape (a source sentence without counterpart). @internal */
export const SOURCE_OMISSION = shapeIndex(1, 0)
/** The index in {@link SHAPES} of the 0-1 shape (a target sentence without counterpart). @internal */
export const TARGET_OMISSION = shapeIndex(0, 1)

/**
 * The 1-k priors (k = 1..8) for a document: literary translation splits one sentence into 3 to 8 far more often
 * than law or news does, and the default priors, which fall by a factor of 3 to 7 per added sentence, then cut a
 * 1-7 bead into a 1-4 and three sentences pushed into the neighbours' beads, and the path drifts.
 *
 * From a first pass's counts of 1-k beads (`counts[k - 1]`, of `total` beads), smoothed with `strength`
 * pseudo-beads drawn from the defaults (a Dirichlet prior): the 1-k beads with k ≥ 2 get their smoothed share of
 * the beads, spread over k geometrically (`P(k) ∝ r^k`, the maximum-entropy law for a given mean k; Cover &
 * Thomas, Elements of Information Theory, ch. 12) with the smoothed mean. Two numbers, how often a sentence splits
 * and how far, so a 200-sentence document with a single 1-7 bead moves the tail without a noisy count per shape.
 * A prior only ever rises above its default (a document of 1-1 beads keeps the defaults), and 1-1 keeps its own.
 *
 * @param counts - first-pass counts of 1-k beads, k = 1..8 (index k - 1; index 0 is not read)
 * @param total - first-pass beads of every shape
 * @param strength - pseudo-beads of the defaults
 * @returns the 1-k priors, k = 1..8
 * @internal
 */
export function documentOneToMany(counts: ArrayLike<number>, total: number, strength: number): number[] {
  const base = ONE_TO_MANY
  let baseMass = 0
  let baseSum = 0
  let observed = 0
  let observedSum = 0
  for (let k = 2; k <= base.length; k++) {
    baseMass += base[k - 1]!
    baseSum += base[k - 1]! * (k - 2)
    observed += counts[k - 1] ?? 0
    observedSum += (counts[k - 1] ?? 0) * (k - 2)
  }
  const mass = (observed + strength * baseMass) / (total + strength)
  const mean = (observedSum + strength * baseSum) / (observed + strength * baseMass)
  // A geometric law on k - 2 = 0, 1, 2, ... with mean μ has ratio μ / (1 + μ); the tail past 8 is left out.
  const ratio = mean / (1 + mean)
  return base.map((prior, index) => (index === 0 ? prior : Math.max(prior, mass * (1 - ratio) * ratio ** (index - 1))))
}

/**
 * Shape priors for a document: the 1-k and k-1 priors re-estimated by {@link documentOneToMany} from a first pass's
 * shape counts, 2-k and k-2 following from them (see {@link shapePriors}), 1-1, 1-0 and 0-1 as they were.
 *
 * @param counts - first-pass bead counts per entry of {@link SHAPES}
 * @param total - first-pass beads
 * @param strength - pseudo-beads of the defaults
 * @returns a prior per entry of {@link SHAPES}
 * @internal
 */
export function documentPriors(counts: ArrayLike<number>, total: number, strength: number): Float64Array {
  const oneToMany = new Float64Array(ONE_TO_MANY.length)
  const manyToOne = new Float64Array(ONE_TO_MANY.length)
  SHAPE_LIST.forEach(([a, b], index) => {
    if (a === 1 && b >= 1) oneToMany[b - 1] = counts[index]!
    if (b === 1 && a >= 2) manyToOne[a - 1] = counts[index]!
  })
  return shapePriors(documentOneToMany(oneToMany, total, strength), documentOneToMany(manyToOne, total, strength))
}

/**
 * A document's shape costs (`-log prior` per entry of {@link SHAPES}): `base` (the defaults, or the user's priors)
 * times the ratio of {@link documentPriors} to the defaults, so a user's prior moves with the document as a default
 * does, and a forbidden shape stays forbidden.
 *
 * @internal
 */
export function documentShapeCost(base: Float64Array, counts: ArrayLike<number>, total: number, strength: number): Float64Array {
  const priors = documentPriors(counts, total, strength)
  return base.map((cost, index) => cost - Math.log(priors[index]! / DEFAULT_PRIORS[index]!))
}

/**
 * The shape costs with the 1-0 and 0-1 priors re-estimated from a first pass: each becomes its smoothed share of the
 * first pass's beads, `(count + strength · default) / (total + strength)` (a Dirichlet prior of `strength`
 * pseudo-beads at the default), and only ever rises. Gale & Church's 0.0099 for both together suits a careful
 * translation; a document that leaves out or adds one line in ten (issue #12's recipe) then merges most of them into
 * a neighbour's bead. The first pass finds some of them, and that count tells.
 *
 * @param shapeCost - the costs to start from (indexes as {@link SHAPES}: 1-0 at 1, 0-1 at 2)
 * @param base - the costs of the priors before any re-estimation (the defaults, or the user's priors)
 * @param counts - first-pass counts per shape (indexes as {@link SHAPES})
 * @param total - first-pass beads of every shape
 * @param strength - pseudo-beads of the prior
 * @returns a copy of `shapeCost` with the 1-0 and 0-1 costs replaced where the estimate is above the prior
 * @example
 * ```ts
 * // 20 of 1,000 first-pass beads left out an Arabic sentence: its 1-0 prior rises from 0.005 to 0.0125.
 * const counts = new Float64Array(SHAPES.length)
 * counts[1] = 20
 * documentOmissionCost(shapeCost, shapeCost, counts, 1000, 1000)[1] // -log 0.0125
 * ```
 * @internal
 */
export function documentOmissionCost(shapeCost: Float64Array, base: Float64Array, counts: ArrayLike<number>, total: number, strength: number): Float64Array {
  const out = Float64Array.from(shapeCost)
  for (const index of [1, 2]) {
    const prior = Math.exp(-base[index]!)
    const estimate = (counts[index]! + strength * prior) / (total + strength)
    if (estimate > prior) out[index] = base[index]! - Math.log(estimate / prior)
  }
  return out
}

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

/**
 * The length cost the search uses: Gale & Church's, with a heavy tail. Under their normal model the cost of a
 * length mismatch grows with its square, so a true 1-1 pair whose one side carries a clause the other lacks (an
 * English line merged with one whose Arabic was dropped, a translator's addition) costs more than pulling a
 * neighbour into its bead, and the path gives up a good pair for a better length fit. A contaminated normal
 * (Tukey 1960; Huber 1964): with probability `tailWeight` a bead's δ comes from a normal `tailWidth` times wider,
 * so `P(|δ| ≥ observed) = (1 - w) · erfc(|δ|/√2) + w · erfc(|δ|/(k√2))`, and a large mismatch costs what the wide
 * normal says, a small one about what Gale & Church's does. Never below 0 (both terms are tail probabilities of
 * at most 1), so the search's pruning bounds stay valid.
 *
 * The search asks for millions of beads, so instead of two erfc fits and a log-sum-exp per bead the cost is read
 * from a table over z = |δ|/√2 (a grid of 1/64, linear interpolation, within about 1e-4 nats of the formula);
 * past z = 32 the narrow term is below e^-1000 and the cost is the wide term's alone. Tables are made once per
 * weight and width.
 *
 * @param tailWeight - the share of beads whose δ follows the wide normal, in (0, 1)
 * @param tailWidth - how many times wider the tail's standard deviation is
 * @returns the cost in nats of a bead's lengths: `(sourceLength, targetLength, ratio, variance) => cost`, with
 *   {@link lengthCost}'s arguments
 * @example
 * ```ts
 * const robust = robustLengthCost(0.01, 3)
 * robust(100, 260, 1.3, 6.8) < lengthCost(100, 260, 1.3, 6.8) // true: a large mismatch costs less
 * ```
 * @internal
 */
export function robustLengthCost(tailWeight: number, tailWidth: number): (sourceLength: number, targetLength: number, ratio: number, variance: number) => number {
  const name = `${tailWeight}:${tailWidth}`
  let cost = tailTables.get(name)
  if (cost) return cost
  const size = TAIL_END / TAIL_STEP
  const table = new Float64Array(size + 2)
  for (let k = 0; k <= size + 1; k++) table[k] = contaminated(k * TAIL_STEP, tailWeight, tailWidth)
  const logWeight = Math.log(tailWeight)
  cost = (sourceLength, targetLength, ratio, variance) => {
    if (sourceLength === 0 && targetLength === 0) return 0
    const mean = Math.max(1, (sourceLength + targetLength / ratio) / 2)
    const z = Math.abs(targetLength - ratio * sourceLength) / Math.sqrt(variance * ratio * ratio * mean) / Math.SQRT2
    if (z >= TAIL_END) return negLogErfc(z / tailWidth) - logWeight
    const x = z / TAIL_STEP
    const k = x | 0
    const low = table[k]!
    return low + (table[k + 1]! - low) * (x - k)
  }
  tailTables.set(name, cost)
  return cost
}

/** Step of {@link robustLengthCost}'s grid in z, and the z up to which it tabulates. */
const TAIL_STEP = 1 / 64
const TAIL_END = 32
const tailTables = new Map<string, (sourceLength: number, targetLength: number, ratio: number, variance: number) => number>()

/** The contaminated cost as a function of z = |δ|/√2, exactly (see {@link robustLengthCost}). */
function contaminated(z: number, weight: number, width: number): number {
  // -log((1 - w) e^-narrow + w e^-wide), summed from the smaller cost so neither exponential underflows.
  const a = negLogErfc(z) - Math.log1p(-weight)
  const b = negLogErfc(z / width) - Math.log(weight)
  const low = Math.min(a, b)
  return Math.max(0, low - Math.log(Math.exp(low - a) + Math.exp(low - b)))
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

/**
 * The length ratio `c` re-estimated from a first pass's 1-1 beads: their total target length over their total
 * source length. Under Gale & Church's model (target length normal with mean `c · s` and variance `s² · s`) this is
 * the maximum-likelihood estimate of `c`. The whole documents' ratio, which the first pass uses, also counts the
 * sentences that have no counterpart: a paragraph the translation leaves out pulls it far from the translator's
 * own (issue #12's trial: 1.14 → 0.82 with 2 of 8 English sentences deleted), and a path with the wrong ratio
 * merges the sentences around the gap. The 1-1 beads leave the omissions out.
 *
 * @param pairs - lengths of 1-1 beads `[source, target]`
 * @param minPairs - fewest beads to estimate from
 * @returns the ratio, or undefined when there are fewer than `minPairs` beads or no length on either side
 * @example
 * ```ts
 * estimateRatio([[40, 50], [60, 70], [100, 120]], 3) // 1.2
 * ```
 * @internal
 */
export function estimateRatio(pairs: ReadonlyArray<readonly [number, number]>, minPairs: number): number | undefined {
  if (pairs.length < minPairs) return undefined
  let source = 0
  let target = 0
  for (const [s, t] of pairs) {
    source += s
    target += t
  }
  return source > 0 && target > 0 ? target / source : undefined
}
