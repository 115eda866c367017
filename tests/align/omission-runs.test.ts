/**
 * A run of omissions on one side priced as one event (issue #12): a translator who drops a paragraph drops its
 * sentences together, so the second and later omissions of a run cost less than the first (an affine gap, Gotoh
 * 1982; search.ts, OmissionRuns). Priced one by one, two omissions (about 10.6 nats) cost more than an omission and
 * a 2-1 bead (8.4), and the path merged the dropped sentences into a neighbour.
 * Documents: our own (a museum notice written for this check, tuned on by no one; the short sentences below).
 */
import { describe, expect, it } from 'vitest'
import { alignDocuments } from '../../src/align/index.js'
import { fullBand } from '../../src/align/band.js'
import { shapeIndex } from '../../src/align/gale-church.js'
import { viterbi, viterbiPosteriors } from '../../src/align/search.js'
import { allAlignments, scorerFor } from '../helpers/bead-scorer.js'

const options = { sourceLang: 'ar', targetLang: 'en' } as const

/** A museum notice and its translation: 7 Arabic sentences in 4 paragraphs, 9 English ones (the 5th split in 3). */
const museumArabic = [
  ['افتتحت البلدية يوم السبت متحفاً جديداً للتراث البحري في المدينة القديمة.', 'ويضم المتحف أكثر من ٤٠٠ قطعة، من بينها قوارب خشبية وشباك صيد وأدوات ملاحة.'],
  ['وقال مدير المتحف إن فكرة المشروع بدأت قبل عشر سنوات.', 'وأضاف أن جمع القطع استغرق وقتاً طويلاً لأن كثيراً منها كان في بيوت الصيادين.'],
  ['وتبلغ تكلفة التذكرة للبالغين ٣ دنانير، أما الأطفال فيدخلون مجاناً؛ ويفتح المتحف أبوابه من التاسعة صباحاً حتى الخامسة مساءً.'],
  ['هل سيجذب المتحف السياح في الشتاء؟ يأمل المنظمون ذلك.'],
]
const museumEnglish = [
  ['On Saturday the municipality opened a new museum of maritime heritage in the old city.', 'The museum holds more than 400 objects, among them wooden boats, fishing nets and navigation instruments.'],
  ["The museum's director said the idea for the project began ten years ago.", "He added that collecting the objects took a long time, because many of them were in fishermen's homes."],
  ['A ticket costs 3 dinars for adults. Children enter free of charge. The museum opens its doors from nine in the morning until five in the evening.'],
  ['Will the museum attract tourists in winter? The organisers hope so.'],
]
const text = (paragraphs: string[][]) => paragraphs.map((sentences) => sentences.join(' ')).join('\n\n')
const beadKeys = (beads: ReadonlyArray<{ source: number[]; target: number[] }>) => beads.map((bead) => `${bead.source}:${bead.target}`)

describe('alignDocuments with a paragraph of two sentences deleted', () => {
  it('aligns the full museum pair sentence by sentence, the split sentence as one 1-3 bead', () => {
    const { beads } = alignDocuments(text(museumArabic), text(museumEnglish), options)
    expect(beadKeys(beads)).toEqual(['0:0', '1:1', '2:2', '3:3', '4:4,5,6', '5:7', '6:8'])
  })

  it('leaves both English sentences of the deleted Arabic paragraph out, instead of merging them into a neighbour', () => {
    const cut = [museumArabic[0]!, museumArabic[2]!, museumArabic[3]!]
    const { beads } = alignDocuments(text(cut), text(museumEnglish), options)
    // Priced one by one, the path was a single 1-5 bead (0:2 ... 2:4,5,6 merged).
    expect(beadKeys(beads)).toEqual(['0:0', '1:1', ':2', ':3', '2:4,5,6', '3:7', '4:8'])
  })
})

// Two English sentences with nothing on the Arabic side between two pairs (numbers anchor the pairs).
const arabic = ['زار الرئيس 30 دولة في عام 2015.', 'وانتهت القمة في 12 مايو.']
const english = ['The president visited 30 countries in 2015.', 'Journalists waited outside.', 'Nobody spoke to them at all.', 'The summit ended on 12 May.']
const shapesOf = (beads: ReadonlyArray<{ sourceStart: number; sourceEnd: number; targetStart: number; targetEnd: number }>) => beads.map((bead) => `${bead.sourceStart}-${bead.sourceEnd}:${bead.targetStart}-${bead.targetEnd}`)

describe('the search with a run price (omissionRun)', () => {
  it('discounts the second omission of a run on one side, not the first, nor one after the other side', () => {
    const discount = 3
    const scorer = scorerFor(arabic, english, { ratio: 1.2, omissionRun: discount })
    const alignments = allAlignments(scorer, arabic.length, english.length, discount)
    const best = Math.min(...alignments.map((a) => a.cost))
    const found = viterbi(scorer, fullBand(arabic.length, english.length), arabic.length, english.length, 0)
    expect(found.total).toBeCloseTo(best, 9)
    expect(shapesOf(found.beads)).toEqual(alignments.find((a) => a.cost === best)!.beads)
    const omission = shapeIndex(0, 1)
    const run = found.beads.filter((bead) => bead.sourceStart === bead.sourceEnd)
    expect(run.length).toBe(2)
    // The first pays the full price, the second the price less the discount.
    expect(run[0]!.cost).toBeCloseTo(scorer.cost(1, 1, 1, 2, omission), 9)
    expect(run[1]!.cost).toBeCloseTo(scorer.cost(1, 1, 2, 3, omission) - discount, 9)
  })

  it('moves the path from a merge to a run of omissions as the discount grows', () => {
    const band = fullBand(arabic.length, english.length)
    const path = (discount: number) => shapesOf(viterbi(scorerFor(arabic, english, { ratio: 1.2, omissionRun: discount }), band, arabic.length, english.length, 0).beads)
    expect(path(0)).not.toContain('1-1:2-3')
    expect(path(3)).toEqual(['0-1:0-1', '1-1:1-2', '1-1:2-3', '1-2:3-4'])
  })

  it('finds the same path in one sweep with the posteriors, and each posterior is exact (all alignments enumerated)', () => {
    for (const discount of [0, 1, 3]) {
      const scorer = scorerFor(arabic, english, { ratio: 1.2, omissionRun: discount })
      const alignments = allAlignments(scorer, arabic.length, english.length, discount)
      const best = Math.min(...alignments.map((a) => a.cost))
      const z = alignments.reduce((sum, a) => sum + Math.exp(best - a.cost), 0)
      const { beads, total } = viterbiPosteriors(scorer, fullBand(arabic.length, english.length), arabic.length, english.length, 0)
      expect(total).toBeCloseTo(best, 9)
      expect(shapesOf(beads)).toEqual(alignments.find((a) => a.cost === best)!.beads)
      for (const bead of beads) {
        const name = shapesOf([bead])[0]!
        const exact = alignments.filter((a) => a.beads.includes(name)).reduce((sum, a) => sum + Math.exp(best - a.cost), 0) / z
        // Costs are stored as float32 for the backward pass: agreement to about 1e-5.
        expect(bead.posterior, `${name} at discount ${discount}`).toBeCloseTo(exact, 4)
      }
    }
  })
})
