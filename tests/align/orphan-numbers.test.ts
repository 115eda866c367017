/**
 * Numbers that one document has and the other has nowhere (issue #12, omissions). Identity keys found in one
 * document only are no anchors (anchors.ts), so such a number counted nothing in the search. But a sentence holding
 * one is likely a sentence whose translation is missing: pairing it with anything now costs, leaving it out does
 * not (bead-scorer.ts, orphanCost). Numbers written differently on the two sides are not orphans.
 * Documents: our own (tests/fixtures/deleted-paragraphs.ts, and the short sentences below).
 */
import { describe, expect, it } from 'vitest'
import { alignDocuments } from '../../src/align/index.js'
import { orphanNumbers, readSide } from '../../src/align/anchors.js'
import type { AnchorSet } from '../../src/align/anchors.js'
import { fullBand } from '../../src/align/band.js'
import { BeadScorer, type CostModel } from '../../src/align/bead-scorer.js'
import { shapeIndex, SHAPES } from '../../src/align/gale-church.js'
import { viterbiPosteriors } from '../../src/align/search.js'
import { paragraphPairs, withParagraphDeleted } from '../fixtures/deleted-paragraphs.js'

const options = { sourceLang: 'ar', targetLang: 'en' } as const

const orphansOf = (source: string[], sourceLang: string, target: string[], targetLang: string) => [...orphanNumbers(readSide(source, sourceLang), readSide(target, targetLang))]

describe('orphanNumbers', () => {
  it('counts the numbers of two digits or more that the other document has nowhere, per sentence', () => {
    const arabic = ['افتتحت المكتبة عام ٢٠٢٥.', 'وتضم ٤٥ قاعة و١٢ مختبراً.', 'وفيها ٣ طوابق.', 'ولا رقم هنا.']
    const english = ['The library opened in 2025.']
    expect(orphansOf(arabic, 'ar', english, 'en')).toEqual([0, 2, 0, 0])
    expect(orphansOf(english, 'en', arabic, 'ar')).toEqual([0])
  })

  it('reads Arabic-Indic digits by value, and does not compare trailing zeros', () => {
    expect(orphansOf(['تضم المكتبة أكثر من ٤٥ ألف كتاب.'], 'ar', ['The library holds more than 45,000 books.'], 'en')).toEqual([0])
    expect(orphansOf(['The library holds more than 45,000 books.'], 'en', ['تضم المكتبة أكثر من ٤٥ ألف كتاب.'], 'ar')).toEqual([0])
    expect(orphansOf(['كلف المشروع ١٢ مليون دينار.'], 'ar', ['It cost 12,000,000 dinars.'], 'en')).toEqual([0])
  })

  it('matches a number written with other separators by its digit runs', () => {
    expect(orphansOf(['Der Zug fährt um 4.45 Uhr ab.'], 'de', ['Le train part à 4 h 45.'], 'fr')).toEqual([0])
    expect(orphansOf(['Le train part à 4 h 45.'], 'fr', ['Der Zug fährt um 4.45 Uhr ab.'], 'de')).toEqual([0])
    expect(orphansOf(['Der Zug fährt um 4.45 Uhr ab.'], 'de', ['Le train part à 5 h 30.'], 'fr')).toEqual([1])
  })

  it('counts nothing in a sentence that also holds a number the other document has', () => {
    // A page reference or a converted unit beside a shared year: the sentence is more likely paired than left out.
    expect(orphansOf(['Berge der Welt (1956), S. 161-177.', 'Die Hütte liegt auf 2950 m.'], 'de', ['Berge der Welt (1956).'], 'fr')).toEqual([0, 1])
  })
})

describe('alignDocuments with a number the other document has nowhere', () => {
  it("leaves the library notice's deleted paragraph out without a dictionary, from either side (the trial pair)", () => {
    // The deleted paragraph holds 45 (thousand books) and 12 (million dinars), which the cut side has nowhere.
    // Before, with the English paragraph deleted: the first Arabic sentence left out and the two deleted ones
    // paired with the first English sentence; with the Arabic one deleted, the mirror image (0-1, then a 1-2 bead).
    for (const side of ['english', 'arabic'] as const) {
      const trial = withParagraphDeleted(paragraphPairs.find((pair) => pair.name === 'library')!, 1, side)
      const beads = alignDocuments(trial.arabic, trial.english, options).beads.map((bead) => `${bead.source}:${bead.target}`)
      expect(beads, side).toEqual(trial.gold)
    }
  })
})

/** Three sentence pairs of matching lengths, no anchors; the first source sentence holds one orphan number. */
function orphanScorer(orphanCost: number): BeadScorer {
  const none = (count: number) => Array.from({ length: count }, () => new Int32Array(0))
  const anchors: AnchorSet = {
    ...{ source: none(3), target: none(3), weight: new Float64Array(0), penalty: new Float64Array(0), deletionPenalty: new Float64Array(0) },
    ...{ lexical: new Uint8Array(0), points: [], size: 0, orphans: { source: Float64Array.of(1, 0, 0), target: new Float64Array(3) } },
  }
  const model: CostModel = {
    sourcePrefix: Float64Array.of(0, 40, 90, 120),
    targetPrefix: Float64Array.of(0, 44, 99, 132),
    ratio: 1.1,
    variance: 6.8,
    shapeCost: Float64Array.from(SHAPES, ({ prior }) => -Math.log(prior)),
    anchors,
    sourceBreak: Uint8Array.of(1, 0, 0, 1),
    targetBreak: Uint8Array.of(1, 0, 0, 1),
    sourceBreakPrefix: new Int32Array(4),
    targetBreakPrefix: new Int32Array(4),
    deletionCost: 0.25,
    meanTargetLength: 44,
    crossPenalty: 2,
    mismatchPenalty: 1,
    matchDilution: 0,
    splitEvidence: 0,
    strayCost: 0,
    orphanCost,
  }
  return new BeadScorer(model)
}

describe('BeadScorer orphan numbers', () => {
  it('charges a bead that pairs the sentence, not one that leaves it out', () => {
    const oneToOne = shapeIndex(1, 1)
    const omission = shapeIndex(1, 0)
    expect(orphanScorer(2).cost(0, 1, 0, 1, oneToOne) - orphanScorer(0).cost(0, 1, 0, 1, oneToOne)).toBeCloseTo(2, 12)
    expect(orphanScorer(2).cost(0, 2, 0, 1, shapeIndex(2, 1)) - orphanScorer(0).cost(0, 2, 0, 1, shapeIndex(2, 1))).toBeCloseTo(2, 12)
    expect(orphanScorer(2).cost(0, 1, 0, 0, omission)).toBe(orphanScorer(0).cost(0, 1, 0, 0, omission))
    expect(orphanScorer(2).cost(1, 2, 1, 2, oneToOne)).toBe(orphanScorer(0).cost(1, 2, 1, 2, oneToOne))
  })

  it('moves the best path, and leaves the posteriors to the confidence', () => {
    const band = fullBand(3, 3)
    const shape = (scorer: BeadScorer) => viterbiPosteriors(scorer, band, 3, 3, 0).beads.map((bead) => `${bead.sourceStart}-${bead.sourceEnd}:${bead.targetStart}-${bead.targetEnd}`)
    expect(shape(orphanScorer(0))).toEqual(['0-1:0-1', '1-2:1-2', '2-3:2-3'])
    // Enough orphan evidence leaves the sentence out (and its counterpart with it).
    const moved = shape(orphanScorer(30))
    expect(moved.find((bead) => bead.startsWith('0-1:'))).toMatch(/^0-1:(\d)-\1$/)
    expect(moved.slice(2)).toEqual(['1-2:1-2', '2-3:2-3'])
    // A price that does not move the path does not move its posteriors either: the confidence reads orphan numbers
    // itself (confidence.ts), so counting them in the sums too would count them twice.
    const before = viterbiPosteriors(orphanScorer(0), band, 3, 3, 0).beads
    const after = viterbiPosteriors(orphanScorer(3), band, 3, 3, 0).beads
    expect(after.map((bead) => bead.sourceEnd)).toEqual(before.map((bead) => bead.sourceEnd))
    after.forEach((bead, k) => expect(bead.posterior).toBeCloseTo(before[k]!.posterior, 12))
    expect(before[0]!.posterior).toBeLessThan(0.999)
  })
})
