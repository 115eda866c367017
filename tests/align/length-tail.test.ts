/**
 * The search's length model has a heavy tail (gale-church.ts, robustLengthCost; issue #12, Flores-200 perturbed as
 * one document). A pair whose English carries a clause the Arabic lacks (an English line run together with the next
 * line, whose Arabic was dropped) is a 1-1 pair with a large length mismatch; under Gale & Church's normal model
 * its cost grows with the square of the mismatch, and the path gave up the pair to pull a neighbour in. The
 * document is made of our own pairs (tests/fixtures/pairs/formal.tsv).
 */
import { describe, expect, it } from 'vitest'
import { lengthCost, robustLengthCost } from '../../src/align/gale-church.js'
import { alignSentences } from '../../src/align/index.js'
import { growOwnPairs } from '../helpers/own-pairs.js'

describe('robustLengthCost', () => {
  const cases = [
    [100, 130],
    [100, 150],
    [100, 200],
    [40, 120],
    [300, 120],
    [12, 90],
    [2000, 10],
  ] as const
  it.each(cases)('is the contaminated normal of Gale & Church\'s cost for %i and %i letters', (source, target) => {
    const [weight, width, ratio, variance] = [0.01, 3, 1.3, 6.8]
    // P(|δ| ≥ observed) = (1 - w) · P_narrow + w · P_wide, where P_wide is the tail of a normal `width` times wider.
    const narrow = Math.exp(-lengthCost(source, target, ratio, variance))
    const wide = Math.exp(-lengthCost(source, target, ratio, variance * width * width))
    const exact = (1 - weight) * narrow + weight * wide
    const cost = robustLengthCost(weight, width)(source, target, ratio, variance)
    expect(cost).toBeGreaterThanOrEqual(0)
    if (exact > 1e-300) expect(cost).toBeCloseTo(-Math.log(exact), 3)
    expect(cost).toBeLessThanOrEqual(lengthCost(source, target, ratio, variance) - Math.log(1 - weight) + 1e-6)
  })

  it('grows far slower than the normal model for large mismatches', () => {
    const robust = robustLengthCost(0.01, 3)
    // Close to Gale & Church's for a fitting pair, much cheaper for a pair with a whole clause more on one side.
    expect(Math.abs(robust(100, 130, 1.3, 6.8) - lengthCost(100, 130, 1.3, 6.8))).toBeLessThan(0.02)
    expect(robust(100, 400, 1.3, 6.8)).toBeLessThan(lengthCost(100, 400, 1.3, 6.8) / 2)
    // And still grows with the mismatch.
    expect(robust(100, 400, 1.3, 6.8)).toBeGreaterThan(robust(100, 260, 1.3, 6.8))
    expect(robust(0, 0, 1.3, 6.8)).toBe(0)
  })
})

describe('alignSentences', () => {
  it('keeps 1-1 pairs whose English carries an extra clause instead of merging them with a neighbour into a 2-2', () => {
    const pairs = growOwnPairs('formal', 120)
    const source: string[] = []
    const target: string[] = []
    const gold: Array<[number[], number[]]> = []
    /** Pairs whose English is run together with the next pair's, whose Arabic is left out. */
    const joined = new Set([5, 12, 20, 28, 40, 47, 60, 66, 75, 88, 95, 110])
    for (let k = 0; k < pairs.length; k++) {
      const pair = pairs[k]!
      gold.push([[source.length], [target.length]])
      source.push(pair.source)
      if (joined.has(k) && k + 1 < pairs.length) {
        const next = pairs[++k]!
        target.push(`${pair.target.replace(/\.$/, ';')} ${next.target}`)
      } else target.push(pair.target)
    }
    const { beads } = alignSentences(source, target, { sourceLang: 'ar', targetLang: 'en' })
    const found = new Set(beads.map((bead) => `${bead.source}:${bead.target}`))
    const missed = gold.filter(([s, t]) => !found.has(`${s}:${t}`)).map(([s, t]) => `${s}:${t}`)
    expect(missed).toEqual([])
  })
})
