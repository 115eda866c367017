/**
 * Anchors: the heaviest keys kept per sentence, dictionary phrases, and (issue #12) a key's frequency counted within
 * reach of each occurrence, so a word that recurs through one stretch of a long document weighs what it would in
 * that stretch alone.
 */
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

/** `count` sentences on each side; number 7000 + k written in sentence `where(k)` for each listed key k, else filler. */
function weights(count: number, keys: ReadonlyArray<(k: number) => number>, times: number) {
  const arabic = Array.from({ length: count }, () => 'وانتهى الاجتماع.')
  const english = Array.from({ length: count }, () => 'The meeting ended.')
  keys.forEach((where, key) => {
    for (let k = 0; k < times; k++) {
      const i = where(k)
      arabic[i] = `${arabic[i]} ${7000 + key}`
      english[i] = `${english[i]} ${7000 + key}`
    }
  })
  const anchors = buildAnchors(readSide(arabic, 'ar'), readSide(english, 'en'), 'ar', 'en', [], model.anchors)
  // The weight of key k: the anchor both sides of sentence where(0) hold and a filler sentence (the first) does not.
  return keys.map((where) => {
    const own = [...anchors.source[where(0)]!].filter((id) => anchors.target[where(0)]!.includes(id) && !anchors.source[0]!.includes(id))
    expect(own).toHaveLength(1)
    return anchors.weight[own[0]!]!
  })
}

describe('buildAnchors', () => {
  it('weighs a number spread thinly through a long document above one that recurs in a single stretch', () => {
    // 30 occurrences each, in 1,800 sentences: one every 60 sentences, or 30 in a row.
    const [spread, dense] = weights(1800, [(k) => 60 * k + 1, (k) => 900 + k], 30)
    expect(spread!).toBeGreaterThan(dense! * 1.3)
  })

  it('keeps the document frequency in a document that fits in one window', () => {
    const [spread, dense] = weights(600, [(k) => 20 * k + 1, (k) => 300 + k], 30)
    expect(spread).toBe(dense)
  })
})
