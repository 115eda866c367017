import { describe, expect, it } from 'vitest'
import { buildAnchors, readSide } from '../../src/align/anchors.js'
import { fullBand, makeBand } from '../../src/align/band.js'
import { SHAPES, sentenceLength } from '../../src/align/gale-church.js'
import { model, resolveOptions } from '../../src/align/options.js'
import { viterbi, viterbiPosteriors } from '../../src/align/search.js'
import { allAlignments, scorerFor } from '../helpers/bead-scorer.js'

const source = ['زار الرئيس 30 دولة في عام 2015.', 'وقال إن التعاون مهم.', 'ثم عاد إلى بلده؟', 'وانتهت القمة.']
const target = ['The president visited 30 countries in 2015.', 'He said cooperation matters.', 'Then he went home?', 'The summit', 'ended.']

describe('viterbiPosteriors (best path and confidences in one sweep)', () => {
  it('finds the same best path as viterbi, on the full table and on a band', () => {
    const scorer = scorerFor(source, target)
    const full = fullBand(source.length, target.length)
    const a = viterbi(scorer, full, source.length, target.length, 0)
    const b = viterbiPosteriors(scorer, full, source.length, target.length, 0)
    expect(b.beads.map(({ posterior: _, ...bead }) => bead)).toEqual(a.beads.map(({ posterior: _, ...bead }) => bead))
    expect(b.total).toBeCloseTo(a.total, 9)
    const center = Float64Array.from({ length: source.length + 1 }, (_, i) => (i * target.length) / source.length)
    const band = makeBand(center, source.length, target.length, 1)
    expect(viterbiPosteriors(scorer, band, source.length, target.length, 0).beads.length).toBe(viterbi(scorer, band, source.length, target.length, 0).beads.length)
  })

  it('gives each bead its exact posterior probability (checked against all alignments enumerated)', () => {
    const scorer = scorerFor(source, target)
    const alignments = allAlignments(scorer, source.length, target.length)
    const best = Math.min(...alignments.map((a) => a.cost))
    const z = alignments.reduce((sum, a) => sum + Math.exp(best - a.cost), 0)
    const { beads } = viterbiPosteriors(scorer, fullBand(source.length, target.length), source.length, target.length, 0)
    const cheapest = alignments.find((a) => a.cost === best)!
    expect(beads.map((bead) => `${bead.sourceStart}-${bead.sourceEnd}:${bead.targetStart}-${bead.targetEnd}`)).toEqual(cheapest.beads)
    for (const bead of beads) {
      const name = `${bead.sourceStart}-${bead.sourceEnd}:${bead.targetStart}-${bead.targetEnd}`
      const exact = alignments.filter((a) => a.beads.includes(name)).reduce((sum, a) => sum + Math.exp(best - a.cost), 0) / z
      // Costs are stored as float32 for the backward pass: agreement to about 1e-5.
      expect(bead.posterior).toBeCloseTo(exact, 4)
    }
  })
})

describe('match dilution in many-to-many beads', () => {
  // Two translations whose length errors cancel (the first English sentence short, the second long): by lengths
  // alone one 2-2 bead fits better than two 1-1 beads, and a bag of anchors keeps both numbers matched either way.
  const arabic = ['وافقت اللجنة على التقرير الذي قدمته الأمانة في الجلسة 17 بعد مناقشة طويلة ومفصلة.', 'وطلبت تقريرا عن 93 مشروعا.']
  const english = [
    'The committee approved the report of the secretariat at meeting 17 after a debate.',
    'It requested a report on 93 projects in the region this year and more words here and there.',
  ]
  // Ratio and variance as the aligner estimates them on a long Arabic-English document (about 1.25 and 4.5).
  const shapes = (matchDilution: number, splitEvidence: number) =>
    viterbi(scorerFor(arabic, english, { matchDilution, splitEvidence, ratio: 1.25, variance: 4.5 }), fullBand(2, 2), 2, 2, 0).beads.map((bead) => `${bead.sourceEnd - bead.sourceStart}-${bead.targetEnd - bead.targetStart}`)

  it('merges the two pairs into a 2-2 bead without it (and without the split evidence)', () => {
    expect(shapes(0, 0)).toEqual(['2-2'])
  })

  it('keeps them as two 1-1 beads with the default dilution, each number matched in its own pair', () => {
    expect(model.matchDilution).toBeGreaterThan(0)
    expect(shapes(model.matchDilution, 0)).toEqual(['1-1', '1-1'])
  })

  it('keeps them apart by the split evidence alone: 17 links only the first pair, 93 only the second', () => {
    expect(model.splitEvidence).toBeGreaterThan(0)
    expect(shapes(0, model.splitEvidence)).toEqual(['1-1', '1-1'])
  })
})

describe('sentences left without counterpart (1-0, 0-1)', () => {
  // Both documents have the token Nvidia and the number 30, so both are anchors.
  const arabic = ['زارت Nvidia المعرض 30 مرة.']
  const english = ['Nvidia visited the fair 30 times.', 'Nvidia came back 30 times.']
  const anchors = buildAnchors(readSide(arabic, 'ar'), readSide(english, 'en'), 'ar', 'en', [], model.anchors)

  it('charge unmatched numbers, names and punctuation, but not unmatched words', () => {
    const keys = [...anchors.target[1]!]
    expect(keys.length).toBe(2)
    const penalties = keys.map((key) => [anchors.penalty[key]!, anchors.deletionPenalty[key]!])
    // one key (the number) keeps its penalty in a deletion, the other (the shared token) costs nothing there
    expect(penalties.filter(([full, deletion]) => full > 0 && deletion === full)).toHaveLength(1)
    expect(penalties.filter(([full, deletion]) => full > 0 && deletion === 0)).toHaveLength(1)
  })

  it('price a 0-1 bead as its prior, its length share and those penalties only', () => {
    const scorer = scorerFor(arabic, english)
    const zeroOne = SHAPES.findIndex(({ shape }) => shape[0] === 0 && shape[1] === 1)
    const shapeCost = resolveOptions({}, 1, 2).shapeCost[zeroOne]!
    const length = sentenceLength(english[1]!)
    const meanTarget = (sentenceLength(english[0]!) + length) / 2
    const deletion = [...anchors.target[1]!].reduce((sum, key) => sum + anchors.deletionPenalty[key]!, 0)
    expect(scorer.cost(1, 1, 1, 2, zeroOne)).toBeCloseTo(shapeCost + (model.deletionCost / meanTarget) * length + deletion, 9)
  })
})
