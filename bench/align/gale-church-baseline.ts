/**
 * The plain Gale-Church (1993) aligner, written here as the benchmark's baseline: the full n × m dynamic
 * programme over character lengths (spaces included, as in the paper), the six bead types of the paper with its
 * priors (Table 5: 1-1 0.89, 1-0/0-1 0.0099, 2-1/1-2 0.089, 2-2 0.011), s² = 6.8, and the length ratio c either 1
 * (the paper) or the document pair's total length ratio ("Gale-Church with ratio", as the issue compares).
 * No anchors, no band, no lexicon. Memory is n × m bytes of back-pointers, so it is only run up to a few thousand
 * sentences per side.
 */
import type { Pair } from './score.js'

const BEADS: ReadonlyArray<readonly [number, number, number]> = [
  [1, 1, 0.89],
  [1, 0, 0.0099 / 2],
  [0, 1, 0.0099 / 2],
  [2, 1, 0.089 / 2],
  [1, 2, 0.089 / 2],
  [2, 2, 0.011],
]

/** -log of the two-sided tail 2(1 - Φ(|δ|)), via the Abramowitz & Stegun 26.2.17 approximation of Φ (as in the paper's code). */
function lengthCost(source: number, target: number, c: number): number {
  if (source === 0 && target === 0) return 0
  const mean = (source + target / c) / 2
  const delta = (target - source * c) / Math.sqrt(6.8 * mean)
  const z = Math.abs(delta)
  const t = 1 / (1 + 0.2316419 * z)
  const tail = (Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI)) * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))))
  return -Math.log(Math.max(2 * tail, 1e-300))
}

/**
 * Aligns with plain Gale-Church.
 *
 * @param source - source sentences
 * @param target - target sentences
 * @param useRatio - c = total target / total source characters (true) or c = 1 (false, the paper)
 * @returns beads as index lists
 */
export function galeChurch(source: readonly string[], target: readonly string[], useRatio: boolean): Pair[] {
  const n = source.length
  const m = target.length
  const sourceLength = source.map((s) => s.length)
  const targetLength = target.map((t) => t.length)
  const c = useRatio ? Math.max(1, targetLength.reduce((a, b) => a + b, 0)) / Math.max(1, sourceLength.reduce((a, b) => a + b, 0)) : 1
  const width = m + 1
  const cost = new Float64Array((n + 1) * width).fill(Infinity)
  const back = new Uint8Array((n + 1) * width)
  cost[0] = 0
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue
      let best = Infinity
      let choice = 0
      for (let b = 0; b < BEADS.length; b++) {
        const [a, d, prior] = BEADS[b]!
        if (i < a || j < d) continue
        const previous = cost[(i - a) * width + j - d]!
        if (previous === Infinity) continue
        let s = 0
        for (let k = i - a; k < i; k++) s += sourceLength[k]!
        let t = 0
        for (let k = j - d; k < j; k++) t += targetLength[k]!
        const total = previous - Math.log(prior) + lengthCost(s, t, c)
        if (total < best) {
          best = total
          choice = b + 1
        }
      }
      cost[i * width + j] = best
      back[i * width + j] = choice
    }
  }
  const beads: Pair[] = []
  let i = n
  let j = m
  while (i > 0 || j > 0) {
    const [a, d] = BEADS[back[i * width + j]! - 1]!
    const s: number[] = []
    for (let k = i - a; k < i; k++) s.push(k)
    const t: number[] = []
    for (let k = j - d; k < j; k++) t.push(k)
    beads.push([s, t])
    i -= a
    j -= d
  }
  return beads.reverse()
}
