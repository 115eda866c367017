import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { alignDocuments, alignSentences, OptionsError, type Bead } from 'mizan'
import { buildDocument, concatenate, readNtrex } from '../../bench/align/datasets.js'
import { coarsen, Scorer } from '../../bench/align/score.js'
import { dataPath, haveData } from '../helpers/data.js'

const shapes = (beads: readonly Bead[]) => beads.map((bead) => `${bead.source.join(',')}:${bead.target.join(',')}`)

/** Every sentence of both sides in exactly one bead, in order on both sides. */
function expectMonotoneAndComplete(beads: readonly Bead[], n: number, m: number): void {
  let i = 0
  let j = 0
  for (const bead of beads) {
    for (const s of bead.source) expect(s).toBe(i++)
    for (const t of bead.target) expect(t).toBe(j++)
  }
  expect([i, j]).toEqual([n, m])
}

// Our own text: the Arabic says in one sentence what the English says in two, twice.
const arabic = [
  'افتتح الرئيس المؤتمر صباح اليوم.',
  'وناقش الوزراء خطة الطاقة الجديدة التي تهدف إلى خفض الانبعاثات بنسبة 40 في المئة بحلول عام 2030.',
  'وقال وزير المالية إن التمويل متاح.',
  'واختتم المؤتمر أعماله في المساء بعد جلسة طويلة.',
]
const english = [
  'The president opened the conference this morning.',
  'The ministers discussed the new energy plan.',
  'It aims to cut emissions by 40 percent by 2030.',
  'The finance minister said funding was available.',
  'The conference closed in the evening after a long session.',
]

describe('alignSentences with fixed beads', () => {
  it('keeps a fixed bead the aligner would not choose, and aligns the rest around it', () => {
    const free = alignSentences(arabic, english)
    expect(shapes(free.beads)).toEqual(['0:0', '1:1,2', '2:3', '3:4'])
    // A person says sentence 1 is only the first English sentence, and 2 is missing its translation:
    const { beads } = alignSentences(arabic, english, { fixed: [{ source: [1], target: [1] }] })
    expect(shapes(beads)).toContain('1:1')
    expect(beads.find((bead) => bead.fixed)).toMatchObject({ source: [1], target: [1], score: 1, posterior: 1, fixed: true })
    expect(shapes(beads.filter((bead) => !bead.fixed)).slice(0, 1)).toEqual(['0:0'])
    expectMonotoneAndComplete(beads, arabic.length, english.length)
  })

  it('places a fixed omission where its neighbours put it, as an omission (score 0)', () => {
    const { beads } = alignSentences(arabic, english, { fixed: [{ source: [], target: [2] }] })
    expect(beads.find((bead) => bead.fixed)).toEqual({ source: [], target: [2], score: 0, posterior: 1, fixed: true })
    expect(shapes(beads)).toEqual(['0:0', '1:1', ':2', '2:3', '3:4'])
    expectMonotoneAndComplete(beads, arabic.length, english.length)
  })

  it('refuses fixed beads that cross, overlap, are empty or out of range', () => {
    const bad: unknown[] = [
      [{ source: [2], target: [0] }, { source: [3], target: [0] }],
      [{ source: [0], target: [1] }, { source: [1], target: [0] }],
      [{ source: [], target: [] }],
      [{ source: [9], target: [0] }],
      [{ source: [0, 2], target: [0] }],
      'not an array',
    ]
    for (const fixed of bad) expect(() => alignSentences(arabic, english, { fixed } as never)).toThrow(OptionsError)
  })

  it('keeps every fixed bead and stays monotone and complete for any consistent set of fixed beads', () => {
    const sentences = (count: number, lang: 'ar' | 'en') =>
      Array.from({ length: count }, (_, k) => (lang === 'ar' ? `جملة رقم ${k} ${'كلمة '.repeat(k % 5)}.` : `Sentence number ${k} ${'word '.repeat(k % 4)}.`))
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 14 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), { maxLength: 5 }),
        (n, m, picks) => {
          // Build consistent fixed beads: walk both sides, taking disjoint consecutive runs in order.
          const fixed: Array<{ source: number[]; target: number[] }> = []
          let i = 0
          let j = 0
          for (const [skipSource, skipTarget, a, b] of picks) {
            i += skipSource % 3
            j += skipTarget % 3
            if (a + b === 0 || i + a > n || j + b > m) continue
            fixed.push({ source: Array.from({ length: a }, (_, k) => i + k), target: Array.from({ length: b }, (_, k) => j + k) })
            i += a
            j += b
          }
          const { beads } = alignSentences(sentences(n, 'ar'), sentences(m, 'en'), { fixed })
          expectMonotoneAndComplete(beads, n, m)
          for (const bead of fixed) expect(shapes(beads)).toContain(`${bead.source.join(',')}:${bead.target.join(',')}`)
        },
      ),
      { seed: 20261207, numRuns: 150 },
    )
  })
})

describe('fixing the first wrong bead of a perturbed document', () => {
  const haveAlign = haveData('align')
  it.skipIf(!haveAlign)('does not lower the strict F1 of the rest (NTREX-128, perturbed, as one document)', () => {
    const document = buildDocument(concatenate(readNtrex(dataPath('align', 'ntrex128')).slice(0, 40), 'ntrex:40'), { seed: 20260101, mergeRate: 0.15, dropRate: 0.03 })
    const { sourceSentences, targetSentences, beads } = alignDocuments(document.arabic, document.english, { sourceLang: 'ar', targetLang: 'en' })
    const key = (pair: { source: readonly number[]; target: readonly number[] }) => `${pair.source.join(',')}:${pair.target.join(',')}`
    const goldKeys = new Set(document.gold.map(([s, t]) => key({ source: s, target: t })))
    const wrong = beads.findIndex((bead) => !goldKeys.has(key(bead)))
    expect(wrong).toBeGreaterThanOrEqual(0)
    // The gold bead that holds the wrong bead's first sentence is what a person would confirm.
    const first = beads[wrong]!
    const gold = document.gold.find(([s, t]) => (first.source.length > 0 ? s.includes(first.source[0]!) : t.includes(first.target[0]!)))!
    const fixed = [{ source: [...gold[0]], target: [...gold[1]] }]
    const refixed = alignSentences(
      sourceSentences.map((s) => s.text),
      targetSentences.map((s) => s.text),
      { sourceLang: 'ar', targetLang: 'en', fixed },
    )
    // Score the beads after the fixed one, before and after.
    const rest = (list: readonly Bead[]) => list.filter((bead) => (bead.source[0] ?? Infinity) > Math.max(...gold[0], -1) && (bead.target[0] ?? Infinity) > Math.max(...gold[1], -1))
    const f1 = (list: readonly Bead[]) => {
      const scorer = new Scorer()
      scorer.add(document.gold, coarsen(document.gold, list.map((bead) => [bead.source, bead.target] as const)))
      return scorer.result().strict.f1
    }
    expect(rest(beads).length).toBeGreaterThan(100)
    expect(f1(rest(refixed.beads))).toBeGreaterThanOrEqual(f1(rest(beads)))
    expectMonotoneAndComplete(refixed.beads, sourceSentences.length, targetSentences.length)
  })
})

describe('fixed beads nobody confirmed (structure hints)', () => {
  it('keeps them but scores them on their evidence (under the review threshold), where confirmed ones score 1', () => {
    // Sentence 2 paired with the wrong English sentence, with no anchor either way: kept where it is told, but
    // not confident enough to be stored as a translation (0.9).
    const wrongPair = { source: [2], target: [4] }
    const hinted = alignSentences(arabic, english, { fixed: [{ ...wrongPair, confirmed: false }] })
    const confirmed = alignSentences(arabic, english, { fixed: [wrongPair] })
    expect(shapes(hinted.beads)).toContain('2:4')
    expect(confirmed.beads.find((bead) => bead.fixed)!.score).toBe(1)
    expect(hinted.beads.find((bead) => bead.fixed)!.score).toBeLessThan(0.9)
    expect(() => alignSentences(arabic, english, { fixed: [{ ...wrongPair, confirmed: 'yes' }] } as never)).toThrow(OptionsError)
  })
})
