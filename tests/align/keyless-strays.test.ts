/**
 * Omissions under issue #12's recipe (weak spot 3): English sentences merged, unrelated sentences inserted. The first
 * pass merges some inserted sentences into a neighbour's bead, so it counts 2-1 beads where there were a 1-1 and a
 * 1-0, and the second pass's priors, estimated from those counts, made merging as cheap as leaving out. The
 * documents are our own formal pairs (tests/fixtures/pairs/formal.tsv, grown by recombination) with 15% of adjacent
 * English sentences merged and short everyday Arabic sentences of our own inserted after about 6% of the pairs.
 */
import { describe, expect, it } from 'vitest'
import type { AnchorSet } from '../../src/align/anchors.js'
import { alignSentences } from '../../src/align/index.js'
import { SHAPES } from '../../src/align/gale-church.js'
import { countKeylessStrays } from '../../src/align/keyless-strays.js'
import type { RawBead } from '../../src/align/search.js'
import { growOwnPairs } from '../helpers/own-pairs.js'
import { random } from '../helpers/shared-data.js'

/** Short everyday sentences, none of whose words is in the formal pairs: they carry no anchor key. */
const inserts = [
  'نام القط على الكرسي.',
  'أحب الشاي بالنعناع.',
  'السماء زرقاء اليوم.',
  'ضاع مفتاح البيت.',
  'جدتي تخبز الخبز.',
  'الطفل يضحك كثيرا.',
  'المطر غزير هنا.',
  'اشتريت حذاء جديدا.',
  'الحديقة جميلة صباحا.',
  'أختي تعزف العود.',
  'الكلب ينبح ليلا.',
  'نسيت مظلتي في القطار.',
]

/** A seeded document of 150 pairs: merges, inserted sentences, and its gold beads as `source:target` keys. */
function document(seed: number) {
  const pairs = growOwnPairs('formal', 150)
  const next = random(seed)
  const source: string[] = []
  const target: string[] = []
  const gold: string[] = []
  const inserted: number[] = []
  for (let k = 0; k < pairs.length; k++) {
    if (k + 1 < pairs.length && next() < 0.15) {
      gold.push(`${source.length},${source.length + 1}:${target.length}`)
      source.push(pairs[k]!.source, pairs[k + 1]!.source)
      target.push(`${pairs[k]!.target.replace(/\.$/, ';')} ${pairs[k + 1]!.target}`)
      k++
    } else {
      gold.push(`${source.length}:${target.length}`)
      source.push(pairs[k]!.source)
      target.push(pairs[k]!.target)
    }
    if (next() < 0.06 && inserted.length < inserts.length) {
      gold.push(`${source.length}:`)
      inserted.push(source.length)
      source.push(inserts[inserted.length - 1]!)
    }
  }
  return { source, target, gold, inserted }
}

describe('inserted sentences under merges', () => {
  // Over these 20 documents (154 inserted sentences, 2,764 gold beads), before the first pass's counts were
  // corrected: 135 inserted sentences left out exactly and 38 gold beads missed; after: 149 and 10.
  let inserted = 0
  let leftOut = 0
  let goldBeads = 0
  let missed = 0
  for (let seed = 1; seed <= 20; seed++) {
    const d = document(seed)
    const found = new Set(alignSentences(d.source, d.target, { sourceLang: 'ar', targetLang: 'en' }).beads.map((bead) => `${bead.source}:${bead.target}`))
    inserted += d.inserted.length
    leftOut += d.inserted.filter((i) => found.has(`${i}:`)).length
    goldBeads += d.gold.length
    missed += d.gold.filter((bead) => !found.has(bead)).length
  }

  it('leaves at least 95% of the inserted sentences out as 1-0 beads', () => {
    expect(inserted).toBe(154)
    expect(leftOut / inserted).toBeGreaterThanOrEqual(0.95)
  })

  it('misses at most 0.5% of the gold beads', () => {
    expect(missed / goldBeads).toBeLessThanOrEqual(0.005)
  })
})

describe('countKeylessStrays', () => {
  const sourceOmission = SHAPES.findIndex(({ shape }) => shape[0] === 1 && shape[1] === 0)
  const oneOne = SHAPES.findIndex(({ shape }) => shape[0] === 1 && shape[1] === 1)
  const twoOne = SHAPES.findIndex(({ shape }) => shape[0] === 2 && shape[1] === 1)
  const bead = (sourceStart: number, sourceEnd: number, targetStart: number, targetEnd: number): RawBead => ({ sourceStart, sourceEnd, targetStart, targetEnd, cost: 0, posterior: 1 })
  /** Ten sentences a side; source sentence 3 and target sentence 6 have no key, all others key 0. */
  function anchors(): AnchorSet {
    const keyed = (keyless: number) => Array.from({ length: 10 }, (_, i) => (i === keyless ? new Int32Array(0) : Int32Array.of(0)))
    return { source: keyed(3), target: keyed(6), weight: Float64Array.of(1), penalty: Float64Array.of(0.5), deletionPenalty: Float64Array.of(0), lexical: new Uint8Array(1), points: [], size: 1 }
  }
  // 1-1 beads, except sources 3-4 with target 3 (a 2-1 whose first sentence is keyless) and target 9 left out.
  const beads = [bead(0, 1, 0, 1), bead(1, 2, 1, 2), bead(2, 3, 2, 3), bead(3, 5, 3, 4), bead(5, 6, 4, 5), bead(6, 7, 5, 6), bead(7, 8, 6, 7), bead(8, 9, 7, 8), bead(9, 10, 8, 9), bead(10, 10, 9, 10)]

  function countsOf(list: readonly RawBead[]): Float64Array {
    const counts = new Float64Array(SHAPES.length)
    for (const b of list) counts[SHAPES.findIndex(({ shape }) => shape[0] === b.sourceEnd - b.sourceStart && shape[1] === b.targetEnd - b.targetStart)]!++
    return counts
  }

  it('counts the keyless end of a 2-1 bead as a 1-0 bead, weighted by its posterior of being one', () => {
    const counts = countsOf(beads)
    const price = 3
    const weight = countKeylessStrays(counts, anchors(), beads, price, 10, 10)
    expect(weight).toBeGreaterThan(0)
    expect(counts[twoOne]).toBeCloseTo(1 - weight, 12)
    expect(counts[oneOne]).toBeCloseTo(8 + weight, 12)
    expect(counts[sourceOmission]).toBeCloseTo(weight, 12)
  })

  it('iterates the posterior to its EM fixed point', () => {
    const price = 3
    const weight = countKeylessStrays(countsOf(beads), anchors(), beads, price, 10, 10)
    // The omission rate: the 0-1 bead plus the moved sentence, of 20 sentences, smoothed with 100 pseudo-sentences
    // at the default; the share of sentences in many sides stays the first pass's, 2 of 20.
    const prior = SHAPES[sourceOmission]!.prior
    const posterior = (omitted: number) => omitted / (omitted + (2 / 20) * Math.exp(-price))
    expect(weight).toBeCloseTo(posterior((1 + weight + 100 * prior) / 120), 3)
    // One E step alone stops short of it.
    expect(weight).toBeGreaterThan(posterior((1 + 100 * prior) / 120) + 0.05)
    // Smoothed, with the merge share held, a short document's one merge does not run to certainty (re-estimating
    // both unsmoothed took it to 0.998).
    expect(weight).toBeLessThan(0.9)
  })

  it('moves nothing when the document has no stray price', () => {
    const counts = countsOf(beads)
    expect(countKeylessStrays(counts, anchors(), beads, 0, 10, 10)).toBe(0)
    expect(counts).toEqual(countsOf(beads))
  })

  it('leaves a 1-1 bead with a keyless sentence alone', () => {
    // Target sentence 6 is keyless, but it is the only sentence on its side of its bead.
    const counts = countsOf(beads)
    const added = countKeylessStrays(counts, anchors(), beads, 3, 10, 10)
    expect(counts[SHAPES.findIndex(({ shape }) => shape[0] === 0 && shape[1] === 1)]).toBe(1)
    expect(counts[oneOne]).toBeCloseTo(8 + added, 12)
  })
})
