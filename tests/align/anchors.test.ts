import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildAnchors, heaviestKeys, readSide } from '../../src/align/anchors.js'
import { model } from '../../src/align/options.js'

describe('heaviestKeys', () => {
  it('keeps what sorting by weight, then id, and taking the first few keeps', () => {
    const kinds = ['lexicon', 'name', 'number'] as const
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom(...kinds), weight: fc.constantFrom(0, 0.25, 0.5, 1, 3) }), { maxLength: 60 }),
        fc.nat({ max: 14 }),
        fc.constantFrom(...kinds),
        fc.nat(),
        (table, limit, kind, seed) => {
          // Distinct keys in a shuffled order, as a sentence lists them.
          const keys = table.map((_, k) => k).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b)
          const weight = Float64Array.from(table, (entry) => entry.weight)
          const buffer = new Int32Array(limit)
          const count = heaviestKeys(keys, table.map((entry) => entry.kind), kind, weight, buffer)
          const expected = keys.filter((key) => table[key]!.kind === kind).sort((a, b) => weight[b]! - weight[a]! || a - b).slice(0, limit)
          expect([...buffer.subarray(0, count)]).toEqual(expected)
        },
      ),
    )
  })
})

describe('buildAnchors', () => {
  it('links a dictionary phrase only where all its words are, on both sides', () => {
    const source = ['اجتمعت الأمم المتحدة اليوم', 'الأمم اجتمعت', 'المتحدة فقط']
    const target = ['Nothing', 'The United Nations met today', 'United we stand']
    const anchors = buildAnchors(readSide(source, 'ar'), readSide(target, 'en'), 'ar', 'en', [{ source: 'الأمم المتحدة', target: 'United Nations' }], model.anchors)
    const shared = (i: number, j: number) => [...anchors.source[i]!].filter((key) => anchors.target[j]!.includes(key))
    expect(shared(0, 1)).toHaveLength(1)
    expect(shared(1, 1)).toEqual([])
    expect(shared(2, 1)).toEqual([])
    expect(shared(0, 2)).toEqual([])
    expect(anchors.size).toBe(1)
  })
})
