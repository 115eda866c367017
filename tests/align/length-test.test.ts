/**
 * The permutation test of whether two short documents' sentence lengths follow each other (length-test.ts), on
 * made-up lengths: a translation's (each target about 1.2 times its source, with noise) and the same target lengths
 * in an order unrelated to the source's.
 */
import { describe, expect, it } from 'vitest'
import { lengthOrderAdvantage } from '../../src/align/length-test.js'

const ratio = 1.2
const variance = 6.8
const source = [42, 130, 28, 95, 61, 170]
// Each target within about 8% of 1.2 × its source, as a translation's lengths are.
const translated = [48, 162, 35, 110, 76, 198]

describe('lengthOrderAdvantage', () => {
  it('finds the lengths of a translation far better matched as written than shuffled', () => {
    expect(lengthOrderAdvantage(source, translated, ratio, variance)).toBeGreaterThan(2)
  })

  it('finds no advantage in lengths that do not follow each other', () => {
    // The same target sentences, long where the source is short and short where it is long.
    const unrelated = [198, 35, 162, 48, 110, 76]
    expect(lengthOrderAdvantage(source, unrelated, ratio, variance)).toBeLessThan(1)
  })

  it('gives the same answer for the same documents (seeded by their lengths)', () => {
    expect(lengthOrderAdvantage(source, translated, ratio, variance)).toBe(lengthOrderAdvantage(source, translated, ratio, variance))
  })

  it('is 0 where there is nothing to shuffle or the documents are too long to test', () => {
    expect(lengthOrderAdvantage([50], [60], ratio, variance)).toBe(0)
    expect(lengthOrderAdvantage([], [60, 70], ratio, variance)).toBe(0)
    expect(lengthOrderAdvantage([50, 50, 50], [60, 60, 60], ratio, variance)).toBe(0)
    const long = Array.from({ length: 30 }, (_, k) => 20 + ((k * 37) % 90))
    expect(lengthOrderAdvantage(long, long.map((length) => Math.round(length * ratio)), ratio, variance)).toBe(0)
  })
})
