/**
 * A permutation test of whether two short documents' sentence lengths follow each other, as a translation's do.
 *
 * Translated sentences keep their relative lengths: a long Arabic sentence becomes a long English one (Gale &
 * Church 1993). Two unrelated documents' lengths are independent of each other, so under "unrelated" the target's
 * order of sentences is as good as any other order: the best length-only alignment of the documents as written is
 * no better than that of the same sentences shuffled. The test compares the cost of the best Gale & Church path
 * (length cost and shape priors, no anchors) of the documents as written with the costs of the same sentences in
 * seeded random orders of both sides (a null taken from the documents themselves, as in a permutation test), and
 * returns how many null standard deviations the written order is better by.
 *
 * It is meant for short documents (a few to a few dozen sentences), where anchors are few and every other test
 * has little to go on; longer documents are not tested (the cost grows with both lengths times the permutations).
 *
 * @module
 * @internal
 */
import { lengthCost, SHAPES } from './gale-church.js'

/** Random orders of both sides drawn for the null. */
const PERMUTATIONS = 40
/** Documents with more sentence pairs than this (source × target sentences) are not tested. */
const MAX_CELLS = 400

/** Mulberry32 (Tommy Ettinger's 32-bit generator): a seeded stream of uniforms in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher-Yates shuffle of a copy of `values`. */
function shuffled(values: readonly number[], next: () => number): number[] {
  const out = [...values]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    const swap = out[i]!
    out[i] = out[j]!
    out[j] = swap
  }
  return out
}

const SHAPE_COSTS = SHAPES.map(({ shape, prior }) => ({ source: shape[0], target: shape[1], cost: -Math.log(prior) }))

/** The cost (nats) of the best monotone length-only path through source × target. */
function bestPathCost(source: readonly number[], target: readonly number[], ratio: number, variance: number): number {
  const n = source.length
  const m = target.length
  const sourcePrefix = [0]
  for (const length of source) sourcePrefix.push(sourcePrefix[sourcePrefix.length - 1]! + length)
  const targetPrefix = [0]
  for (const length of target) targetPrefix.push(targetPrefix[targetPrefix.length - 1]! + length)
  const cost = new Float64Array((n + 1) * (m + 1)).fill(Infinity)
  cost[0] = 0
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue
      let best = Infinity
      for (const shape of SHAPE_COSTS) {
        if (shape.source > i || shape.target > j) continue
        const from = cost[(i - shape.source) * (m + 1) + j - shape.target]!
        if (from === Infinity) continue
        const length = shape.source > 0 && shape.target > 0 ? lengthCost(sourcePrefix[i]! - sourcePrefix[i - shape.source]!, targetPrefix[j]! - targetPrefix[j - shape.target]!, ratio, variance) : 0
        best = Math.min(best, from + shape.cost + length)
      }
      cost[i * (m + 1) + j] = best
    }
  }
  return cost[n * (m + 1) + m]!
}

/**
 * How much better the documents' sentence lengths fit each other as written than in random orders: (mean null
 * cost − written cost) / standard deviation of the null costs, over {@link PERMUTATIONS} seeded shuffles of both
 * sides. Near 0 (or below) for unrelated documents; a few units for translations. 0 when there is nothing to
 * shuffle (one sentence on each side, or every order costing the same) or the documents are too long to test.
 *
 * @param sourceLengths - per source sentence, its length (letters and digits)
 * @param targetLengths - per target sentence, its length
 * @param ratio - target characters per source character
 * @param variance - the length model's variance per source character
 * @returns the written order's advantage in null standard deviations
 * @internal
 */
export function lengthOrderAdvantage(sourceLengths: readonly number[], targetLengths: readonly number[], ratio: number, variance: number): number {
  const n = sourceLengths.length
  const m = targetLengths.length
  if (n === 0 || m === 0 || n * m > MAX_CELLS || (n === 1 && m === 1)) return 0
  const written = bestPathCost(sourceLengths, targetLengths, ratio, variance)
  // Seeded by the lengths, so the same documents always get the same answer.
  let seed = 0x9e3779b9
  for (const length of [...sourceLengths, -1, ...targetLengths]) seed = Math.imul(seed ^ length, 0x85ebca6b) >>> 0
  const next = seeded(seed)
  let sum = 0
  let squares = 0
  for (let k = 0; k < PERMUTATIONS; k++) {
    const cost = bestPathCost(shuffled(sourceLengths, next), shuffled(targetLengths, next), ratio, variance)
    sum += cost
    squares += cost * cost
  }
  const mean = sum / PERMUTATIONS
  const deviation = Math.sqrt(Math.max(0, squares / PERMUTATIONS - mean * mean))
  return deviation > 1e-9 ? (mean - written) / deviation : 0
}
