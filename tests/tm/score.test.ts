// Tests the token score and the lossless bounds against a plain textbook Levenshtein and brute force.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lengthBounds, maxEditDistance, minOverlap, prefixCount, scoreTokens, tokenEditDistance } from '../../src/tm/score.js'

/** The full Wagner–Fischer table, written independently of the library's banded version. */
function naiveDistance(a: readonly string[], b: readonly string[]): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i]![j] = Math.min(table[i - 1]![j]! + 1, table[i]![j - 1]! + 1, table[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
  }
  return table[a.length]![b.length]!
}

function multisetOverlap(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>()
  for (const token of a) counts.set(token, (counts.get(token) ?? 0) + 1)
  let shared = 0
  for (const token of b) {
    const left = counts.get(token) ?? 0
    if (left > 0) {
      shared++
      counts.set(token, left - 1)
    }
  }
  return shared
}

const tokens: fc.Arbitrary<string[]> = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'كتب', 'قلم', '.'), { maxLength: 14 })
const threshold = fc.integer({ min: 30, max: 100 }).map((percent) => percent / 100)

describe('tokenEditDistance', () => {
  it('equals the textbook Levenshtein distance', () => {
    fc.assert(fc.property(tokens, tokens, (a, b) => tokenEditDistance(a, b) === naiveDistance(a, b)), { numRuns: 2000 })
  })

  it('with a bound, returns the distance when within it and bound + 1 otherwise', () => {
    fc.assert(
      fc.property(tokens, tokens, fc.integer({ min: 0, max: 8 }), (a, b, k) => {
        const exact = naiveDistance(a, b)
        return tokenEditDistance(a, b, k) === (exact <= k ? exact : k + 1)
      }),
      { numRuns: 2000 },
    )
  })

  it('counts a swap of two tokens as two edits', () => {
    expect(tokenEditDistance(['a', 'b', 'c'], ['b', 'a', 'c'])).toBe(2)
  })
})

describe('scoreTokens', () => {
  it('stays in [0, 1] and is 1 only for equal sequences', () => {
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        const score = scoreTokens(a, b)
        return score >= 0 && score <= 1 && (score === 1) === (a.join('\u0000') === b.join('\u0000') && a.length === b.length)
      }),
    )
  })

  it('is 1 − d / max(|q|, |s|)', () => {
    expect(scoreTokens(['the', 'red', 'car'], ['the', 'blue', 'car'])).toBeCloseTo(2 / 3, 12)
    expect(scoreTokens(['a', 'b', 'c', 'd'], ['a', 'b'])).toBe(0.5)
  })
})

describe('lossless bounds', () => {
  it('never exclude a pair that reaches the threshold (length, distance, overlap, prefix)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 14 }), tokens, threshold, (q, s, t) => {
        if (scoreTokens(q, s) < t) return true
        const window = lengthBounds(q.length, t)
        const longest = Math.max(q.length, s.length)
        expect(s.length).toBeGreaterThanOrEqual(window.min)
        expect(s.length).toBeLessThanOrEqual(window.max)
        expect(naiveDistance(q, s)).toBeLessThanOrEqual(maxEditDistance(longest, t))
        expect(multisetOverlap(q, s)).toBeGreaterThanOrEqual(minOverlap(q.length, s.length, t))
        // Any prefixCount positions of q: s must hold the token of at least one of them. Check the worst choice,
        // the positions whose tokens s lacks, by counting them.
        const missing = q.filter((token) => !s.includes(token)).length
        expect(missing).toBeLessThan(prefixCount(q.length, s.length, t))
        return true
      }),
      { numRuns: 3000 },
    )
  })

  it('are tight for simple cases', () => {
    expect(lengthBounds(10, 0.7)).toEqual({ min: 7, max: 14 })
    expect(maxEditDistance(10, 0.7)).toBe(3)
    expect(minOverlap(10, 12, 0.7)).toBe(9)
    expect(prefixCount(10, 10, 0.7)).toBe(4)
    expect(lengthBounds(5, 1)).toEqual({ min: 5, max: 5 })
  })
})
