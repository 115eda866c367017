// Tests the in-process fuzzy index on its own (src/tm/fuzzy-index.ts): search() must return exactly the slots a
// brute-force scan with the textbook Levenshtein distance returns, on memories built to stress each part of it:
// skewed token frequencies (long lists, so the count bound reads extra lists and drops candidates), lists longer
// than 1,024 postings (several full blocks), many distinct (length, token) lists (hash table growth), dead slots,
// repeated tokens, and thresholds from 0.3 to 1.0. containing() is checked the same way.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maxEditDistance } from '../../src/tm/score.js'
import { FuzzyIndex } from '../../src/tm/fuzzy-index.js'

/** The full Wagner–Fischer table, written independently of the library's banded version. */
function naiveDistance(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length]!
}

/** Slots whose tokens are within the score's distance bound of the query: the definition, unit by unit. */
function bruteForce(units: ReadonlyMap<number, readonly string[]>, query: readonly string[], minScore: number): number[] {
  const found: number[] = []
  for (const [slot, tokens] of units) {
    const longest = Math.max(query.length, tokens.length)
    if (tokens.length > 0 && naiveDistance(query, tokens) <= maxEditDistance(longest, minScore)) found.push(slot)
  }
  return found.sort((a, b) => a - b)
}

const sorted = (slots: number[]) => [...slots].sort((a, b) => a - b)

/** A Zipf-like vocabulary: 'w0' is drawn far more often than 'w11', so some lists are long and some short. */
const skewedToken = fc.integer({ min: 0, max: 143 }).map((draw) => `w${Math.floor(Math.sqrt(draw))}`)
const sequence = (maxLength: number) => fc.array(skewedToken, { minLength: 0, maxLength })
const threshold = fc.integer({ min: 30, max: 100 }).map((percent) => percent / 100)

/** An index over `units` (slot = position) with `deletes` (taken modulo the count) removed, and the live units. */
function buildWithDeletes(units: readonly (readonly string[])[], deletes: readonly number[]): { index: FuzzyIndex; live: Map<number, readonly string[]> } {
  const index = new FuzzyIndex()
  const live = new Map<number, readonly string[]>()
  units.forEach((tokens, slot) => {
    index.add(slot, tokens)
    live.set(slot, tokens)
  })
  for (const pick of deletes) {
    const slot = pick % units.length
    index.remove(slot)
    live.delete(slot)
  }
  return { index, live }
}

describe('FuzzyIndex.search', () => {
  it('equals brute force on skewed random memories, with deletes, thresholds 0.3 to 1.0', () => {
    fc.assert(
      fc.property(fc.array(sequence(16), { minLength: 1, maxLength: 300 }), fc.array(fc.nat(), { maxLength: 60 }), fc.array(sequence(18), { minLength: 1, maxLength: 5 }), threshold, (units, deletes, queries, minScore) => {
        const { index, live } = buildWithDeletes(units, deletes)
        // Queries: random sequences and stored units (so near and exact matches exist).
        for (const query of [...queries, ...units.slice(0, 3)]) {
          if (query.length === 0) continue
          expect(sorted(index.search(query, minScore))).toEqual(bruteForce(live, query, minScore))
        }
      }),
      { numRuns: 200 },
    )
  })

  it('reads lists of several full blocks and drops candidates by the count bound without losing any', () => {
    // 6,000 units of 8 tokens: 'the' and 'of' are in every unit (lists of 6,000 postings: blocks 1 … 512, then
    // 1,024-slot blocks), a middle word is in one unit in 10, a rare word in one in 500.
    const index = new FuzzyIndex()
    const units = new Map<number, readonly string[]>()
    for (let slot = 0; slot < 6000; slot++) {
      const tokens = ['the', `m${slot % 10}`, 'of', `r${slot % 500}`, `x${slot % 7}`, `y${slot % 11}`, 'the', `z${slot % 13}`]
      index.add(slot, tokens)
      units.set(slot, tokens)
    }
    for (let slot = 0; slot < 6000; slot += 3) {
      index.remove(slot)
      units.delete(slot)
    }
    const queries = [
      ['the', 'm3', 'of', 'r13', 'x6', 'y2', 'the', 'z0'],
      ['the', 'm3', 'of', 'r13', 'x6', 'y2', 'the'],
      ['the', 'of', 'the', 'x1', 'y1', 'z1', 'm1', 'of'],
      ['the', 'of', 'the', 'of', 'the', 'of'],
      ['r7', 'the', 'x0'],
    ]
    for (const query of queries) {
      for (const minScore of [0.3, 0.5, 0.6, 0.7, 0.8, 1]) {
        const found = sorted(index.search(query, minScore))
        expect(found).toEqual(bruteForce(units, query, minScore))
      }
    }
    // The count bound did work here: the common lists were read and most prefix candidates dropped before the
    // edit distance.
    index.search(queries[2]!, 0.7)
    expect(index.stats.candidates).toBeGreaterThan(index.stats.verified)
  })

  it('keeps (length, token) lists apart through hash table growth', () => {
    // 20,000 distinct tokens over lengths 1 … 40: tens of thousands of lists, so the table is rebuilt many times.
    const index = new FuzzyIndex()
    const units = new Map<number, readonly string[]>()
    for (let slot = 0; slot < 4000; slot++) {
      const n = 1 + (slot % 40)
      const tokens = Array.from({ length: n }, (_, position) => `t${(slot * 7 + position * 13) % 20000}`)
      index.add(slot, tokens)
      units.set(slot, tokens)
    }
    for (const slot of [0, 1, 39, 40, 1234, 3999]) {
      const query = units.get(slot)!
      expect(sorted(index.search(query, 0.7))).toEqual(bruteForce(units, query, 0.7))
      expect(index.tokensOf(slot)).toEqual(query)
    }
  })

  it('finds nothing for tokens it has never seen and for queries longer than any unit allows', () => {
    const index = new FuzzyIndex()
    index.add(0, ['a', 'b', 'c'])
    expect(index.search(['x', 'y', 'z'], 0.3)).toEqual([])
    expect(index.search(Array.from({ length: 1000 }, () => 'a'), 0.7)).toEqual([])
    expect(index.search(['a', 'b', 'x'], 0.6)).toEqual([0])
  })
})

describe('FuzzyIndex.containing', () => {
  it('returns exactly the live units holding every word', () => {
    fc.assert(
      fc.property(fc.array(sequence(12), { minLength: 1, maxLength: 200 }), fc.array(fc.nat(), { maxLength: 40 }), fc.array(skewedToken, { minLength: 1, maxLength: 3 }), (units, deletes, words) => {
        const { index, live } = buildWithDeletes(units, deletes)
        const distinct = [...new Set(words)]
        const expected = [...live].filter(([, tokens]) => distinct.every((word) => tokens.includes(word))).map(([slot]) => slot)
        expect(sorted(index.containing(distinct))).toEqual(expected.sort((a, b) => a - b))
      }),
      { numRuns: 150 },
    )
  })
})
