// Tests topRanked, the bounded selection concordance ranks with: the same as sorting and cutting, with work
// that grows with n (not n log n) when k is small, counted in comparisons.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { topRanked } from '../../src/tm/ranking.js'

describe('topRanked', () => {
  it('equals sort then slice for any items and k', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer())), fc.integer({ min: 1, max: 40 }), (items, k) => {
        // A total order: the first field, then the second, then the position.
        const indexed = items.map((item, index) => ({ item, index }))
        const compare = (a: (typeof indexed)[number], b: (typeof indexed)[number]) => a.item[0] - b.item[0] || a.item[1] - b.item[1] || a.index - b.index
        expect(topRanked(indexed, k, compare)).toEqual([...indexed].sort(compare).slice(0, k))
      }),
    )
    expect(topRanked([3, 1, 2], Number.POSITIVE_INFINITY, (a, b) => a - b)).toEqual([1, 2, 3])
  })

  it('compares each of 100,000 items about once when keeping 20 (a full sort compares ~17 times each)', () => {
    let state = 42
    const items = Array.from({ length: 100_000 }, () => (state = (state * 1103515245 + 12345) % 2 ** 31))
    let comparisons = 0
    const top = topRanked(items, 20, (a, b) => {
      comparisons++
      return a - b
    })
    expect(top).toEqual([...items].sort((a, b) => a - b).slice(0, 20))
    expect(comparisons).toBeLessThan(3 * items.length)
  })
})
