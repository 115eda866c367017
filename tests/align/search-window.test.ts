import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AnchorSet } from '../../src/align/anchors.js'
import { SHAPES, lengthCost } from '../../src/align/gale-church.js'
import { BeadScorer, type CostModel } from '../../src/align/bead-scorer.js'

// BeadScorer reads a bead's source keys from a window kept per source row (search.ts, `moveWindow`). These tests
// check the anchor and stray terms of `cost` against their definition, computed here with plain sets and in the
// same order (so the same floating-point sums), over beads asked for in any order: rows revisited, skipped, mixed.

/** Random anchors: each sentence's keys distinct, weights and penalties that are not round numbers. */
const anchorSets = fc
  .record({ n: fc.integer({ min: 1, max: 14 }), m: fc.integer({ min: 1, max: 14 }), size: fc.integer({ min: 1, max: 12 }) })
  .chain(({ n, m, size }) => {
    const sentence = fc.uniqueArray(fc.nat({ max: size - 1 }), { maxLength: 5 })
    const values = fc.array(fc.double({ min: 0.01, max: 3, noNaN: true }), { minLength: size, maxLength: size })
    return fc.record({ source: fc.array(sentence, { minLength: n, maxLength: n }), target: fc.array(sentence, { minLength: m, maxLength: m }), weight: values, penalty: values, size: fc.constant(size) })
  })

/** Stray prices: none, one price for every sentence, or a price per sentence (a long document's stretches). */
type Strays = 'none' | 'uniform' | 'per sentence'

/** The price of sentence `i` of a side as a stray. */
function strayPrice(strays: Strays, i: number): number {
  return strays === 'none' ? 0 : strays === 'uniform' ? 0.7 : 0.3 + (i % 5) * 0.37
}

function scorerFor(keys: { source: number[][]; target: number[][]; weight: number[]; penalty: number[]; size: number }, strays: Strays): BeadScorer {
  const n = keys.source.length
  const m = keys.target.length
  const anchors: AnchorSet = {
    source: keys.source.map((list) => Int32Array.from(list)),
    target: keys.target.map((list) => Int32Array.from(list)),
    weight: Float64Array.from(keys.weight),
    penalty: Float64Array.from(keys.penalty),
    deletionPenalty: new Float64Array(keys.size),
    lexical: new Uint8Array(keys.size),
    points: [],
    size: keys.size,
  }
  const ones = (count: number) => Float64Array.from({ length: count + 1 }, (_, k) => k * 10)
  const breaks = (count: number) => Uint8Array.from({ length: count + 1 }, (_, k) => (k === 0 || k === count ? 1 : 0))
  const model: CostModel = {
    sourcePrefix: ones(n),
    targetPrefix: ones(m),
    ratio: 1,
    variance: 6.8,
    shapeCost: new Float64Array(SHAPES.length),
    anchors,
    sourceBreak: breaks(n),
    targetBreak: breaks(m),
    sourceBreakPrefix: new Int32Array(n + 1),
    targetBreakPrefix: new Int32Array(m + 1),
    deletionCost: 1,
    meanTargetLength: 10,
    crossPenalty: 0,
    mismatchPenalty: 0,
    matchDilution: 0,
    splitEvidence: 0,
    strayCost:
      strays === 'per sentence'
        ? { source: Float64Array.from({ length: n }, (_, i) => strayPrice(strays, i)), target: Float64Array.from({ length: m }, (_, j) => strayPrice(strays, j)) }
        : strayPrice(strays, 0),
  }
  return new BeadScorer(model)
}

/** The definition: source keys' penalties in order, then each target key matched (weight) or not (penalty). */
function expectedCost(keys: { source: number[][]; target: number[][]; weight: number[]; penalty: number[] }, i0: number, i1: number, j0: number, j1: number, strays: Strays): number {
  let cost = 0 + lengthCost((i1 - i0) * 10, (j1 - j0) * 10, 1, 6.8)
  const sourceKeys = keys.source.slice(i0, i1).flat()
  const targetKeys = keys.target.slice(j0, j1).flat()
  if (sourceKeys.length === 0 && targetKeys.length === 0) return cost
  const inSource = new Set<number>()
  let unmatched = 0
  for (const key of sourceKeys) {
    if (inSource.has(key)) continue
    inSource.add(key)
    unmatched += keys.penalty[key]!
  }
  const inTarget = new Set<number>()
  let matched = 0
  for (const key of targetKeys) {
    if (inTarget.has(key)) continue
    inTarget.add(key)
    if (inSource.has(key)) {
      matched += keys.weight[key]!
      unmatched -= keys.penalty[key]!
    } else unmatched += keys.penalty[key]!
  }
  cost += unmatched - matched * 1
  if (strays !== 'none') {
    // The prices of the sentences sharing no key with the other side, source then target, each in order.
    let source = 0
    for (let i = i0; i < i1; i++) if (!keys.source[i]!.some((key) => inTarget.has(key))) source += strayPrice(strays, i)
    let target = 0
    for (let j = j0; j < j1; j++) if (!keys.target[j]!.some((key) => inSource.has(key))) target += strayPrice(strays, j)
    cost += source + target
  }
  return cost
}

describe('BeadScorer', () => {
  it('scores the anchors and strays of every bead as their definition says, in any order of rows', () => {
    const shapes = SHAPES.map(({ shape }, s) => ({ a: shape[0], b: shape[1], s })).filter(({ a, b }) => a > 0 && b > 0)
    fc.assert(
      fc.property(anchorSets, fc.array(fc.record({ shape: fc.nat(), i: fc.nat(), j: fc.nat() }), { minLength: 1, maxLength: 40 }), fc.constantFrom<Strays>('none', 'uniform', 'per sentence'), (keys, asks, strays) => {
        const scorer = scorerFor(keys, strays)
        const n = keys.source.length
        const m = keys.target.length
        for (const ask of asks) {
          const { a, b, s } = shapes[ask.shape % shapes.length]!
          if (a > n || b > m) continue
          const i1 = a + (ask.i % (n - a + 1))
          const j1 = b + (ask.j % (m - b + 1))
          expect(scorer.cost(i1 - a, i1, j1 - b, j1, s)).toBe(expectedCost(keys, i1 - a, i1, j1 - b, j1, strays))
        }
      }),
      { numRuns: 300 },
    )
  })
})
