import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { alignSentences, type Bead } from '../../src/align/index.js'
import { OptionsError } from '../../src/errors.js'

/** Checks the invariants every alignment must keep: monotone, consecutive, every sentence exactly once. */
function expectValid(beads: readonly Bead[], n: number, m: number): void {
  let i = 0
  let j = 0
  for (const bead of beads) {
    expect(bead.source.length + bead.target.length).toBeGreaterThan(0)
    expect(bead.source.length).toBeLessThanOrEqual(8)
    expect(bead.target.length).toBeLessThanOrEqual(8)
    for (const index of bead.source) expect(index).toBe(i++)
    for (const index of bead.target) expect(index).toBe(j++)
    expect(bead.score).toBeGreaterThanOrEqual(0)
    expect(bead.score).toBeLessThanOrEqual(1)
  }
  expect(i).toBe(n)
  expect(j).toBe(m)
}

const shapes = (beads: readonly Bead[]) => beads.map((bead) => `${bead.source.join(',')}:${bead.target.join(',')}`)

// A short real-looking news text: Arabic sentences and an English translation that splits the second one.
const arabic = [
  'أعلنت وزارة الصحة يوم الاثنين تسجيل 120 إصابة جديدة بالفيروس في العاصمة.',
  'وقال المتحدث باسم الوزارة إن الحكومة ستفتح ثلاثة مستشفيات ميدانية خلال الأسبوع المقبل، مضيفا أن الوضع تحت السيطرة وأن اللقاحات ستصل إلى جميع المحافظات قبل نهاية الشهر.',
  'وكانت منظمة الصحة العالمية (WHO) قد حذرت من موجة ثانية.',
  'هل تنجح الخطة؟',
]
const english = [
  'The health ministry announced on Monday 120 new infections with the virus in the capital.',
  'The ministry spokesman said the government would open three field hospitals next week.',
  'He added that the situation was under control and that vaccines would reach every province before the end of the month.',
  'The World Health Organization (WHO) had warned of a second wave.',
  'Will the plan work?',
]

describe('alignSentences', () => {
  it('pairs a 1-2 bead where English splits one long Arabic sentence', () => {
    const { beads } = alignSentences(arabic, english)
    expectValid(beads, 4, 5)
    expect(shapes(beads)).toEqual(['0:0', '1:1,2', '2:3', '3:4'])
  })

  it('pairs the mirror image as a 2-1 bead', () => {
    const { beads } = alignSentences(english, arabic, { sourceLang: 'en', targetLang: 'ar' })
    expect(shapes(beads)).toEqual(['0:0', '1,2:1', '3:2', '4:3'])
  })

  it('gives confident beads high scores', () => {
    const { beads } = alignSentences(arabic, english)
    for (const bead of beads) expect(bead.score).toBeGreaterThan(0.5)
  })

  it('estimates the length ratio from the documents (English longer than Arabic)', () => {
    const { model } = alignSentences(arabic, english)
    expect(model.lengthRatio).toBeGreaterThan(1.1)
  })

  it('matches numbers written in Arabic-Indic digits with ASCII digits', () => {
    const source = ['بلغ عدد المشاركين ١٬٢٠٠ شخص في اليوم الأول.', 'وانتهى الحفل مساء.']
    const agree = alignSentences(source, ['The number of participants reached 1,200 on the first day.', 'The party ended in the evening.'])
    const differ = alignSentences(source, ['The number of participants reached 4,500 on the first day.', 'The party ended in the evening.'])
    expect(agree.model.anchors).toBeGreaterThan(differ.model.anchors)
    expect(agree.beads[0]!.score).toBeGreaterThan(differ.beads[0]!.score)
  })

  it('uses Latin tokens inside Arabic as anchors', () => {
    // By length, the Arabic sentence fits the first English sentence; the shared name says it is the second.
    const source = ['أطلقت Nvidia شريحة.', 'وارتفعت الأسهم بقوة كبيرة في التداولات المسائية.']
    const target = ['Markets opened.', 'Nvidia launched a chip.', 'Shares rose strongly in evening trading.']
    const { beads } = alignSentences(source, target)
    expect(shapes(beads)).toEqual(['0:0,1', '1:2'])
    const noName = alignSentences(['أطلقت الشركة شريحة.', source[1]!], ['Markets opened.', 'It launched a chip.', target[2]!])
    expect(noName.beads[0]!.posterior).toBeLessThan(beads[0]!.posterior)
  })

  it('keeps two pairs that each carry their own number apart, though their length errors cancel in a 2-2', () => {
    // The first English sentence is shorter than its Arabic, the second longer: merged, the lengths fit best.
    // The numbers say otherwise: 30 links the first pair and 45 the second, and none links across.
    const source = [
      'افتتح الرئيس يوم 30 مايو المؤتمر الدولي للطاقة المتجددة في العاصمة بحضور الوزراء والخبراء.',
      'وشارك في المؤتمر 45 وفدا.',
      'وناقش المشاركون مستقبل الطاقة الشمسية في المنطقة.',
    ]
    for (const extra of [' from many countries, among them ministers', ' from many countries, among them ministers and experts,']) {
      const target = ['On 30 May the president opened the conference.', `Some 45 delegations${extra} took part.`, 'Participants discussed the future of solar energy in the region.']
      expect(shapes(alignSentences(source, target, { sourceLang: 'ar', targetLang: 'en' }).beads)).toEqual(['0:0', '1:1', '2:2'])
    }
  })

  it('reads the question mark ؟ as the anchor ?', () => {
    const source = ['هل انتهى الاجتماع؟', 'انتهى الاجتماع بعد ساعتين من النقاش الطويل.']
    const target = ['Did the meeting end?', 'The meeting ended after two hours of long discussion.']
    expect(shapes(alignSentences(source, target).beads)).toEqual(['0:0', '1:1'])
  })

  it('returns no beads for two empty documents', () => {
    expect(alignSentences([], []).beads).toEqual([])
  })

  it('leaves every sentence unmatched when the other side is empty', () => {
    expect(shapes(alignSentences(['أ.', 'ب.'], []).beads)).toEqual(['0:', '1:'])
    expect(shapes(alignSentences([], ['A.']).beads)).toEqual([':0'])
  })

  it('finds the same alignment with the band as with the full table', () => {
    const source: string[] = []
    const target: string[] = []
    for (let k = 0; k < 60; k++) {
      source.push(`${arabic[k % 4]} ${k + 1}`)
      if (k % 4 === 1) target.push(`${english[1]} ${k + 1}`, english[2]!)
      else target.push(`${english[k % 4 === 0 ? 0 : k % 4 === 2 ? 3 : 4]} ${k + 1}`)
    }
    const full = alignSentences(source, target, { fullSearchCells: 10 ** 9 })
    const banded = alignSentences(source, target, { fullSearchCells: 1, bandWidth: 2 })
    expect(banded.model.cells).toBeLessThan(full.model.cells)
    expect(shapes(banded.beads)).toEqual(shapes(full.beads))
  })

  it('honours a prior of 0 by never using that shape', () => {
    const { beads } = alignSentences(arabic, english, { priors: { '1-2': 0 } })
    expect(beads.some((bead) => bead.source.length === 1 && bead.target.length === 2)).toBe(false)
  })

  it('keeps alignments monotone and complete for any input (property)', () => {
    const sentence = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...arabic, ...english, '', '١٢٣', '?!'))
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 14 }), fc.array(sentence, { maxLength: 14 }), fc.boolean(), (source, target, learn) => {
        const { beads } = alignSentences(source, target, { learnFromDocument: learn, fullSearchCells: learn ? 250_000 : 1, bandWidth: 1 })
        expectValid(beads, source.length, target.length)
      }),
      { numRuns: 150 },
    )
  })

  it.each([
    ['source is not an array', () => alignSentences('abc' as unknown as string[], []), 'INVALID_INPUT', 'argument source'],
    ['a sentence is not a string', () => alignSentences(['a', 3 as unknown as string], []), 'INVALID_INPUT', 'source[1]'],
    ['target is null', () => alignSentences([], null as unknown as string[]), 'INVALID_INPUT', 'argument target'],
    ['lengthRatio is absurd', () => alignSentences(['a'], ['b'], { lengthRatio: 1e9 }), 'INVALID_OPTION', 'lengthRatio'],
    ['bandWidth is not an integer', () => alignSentences(['a'], ['b'], { bandWidth: 2.5 }), 'INVALID_OPTION', 'bandWidth'],
    ['a prior names no shape', () => alignSentences(['a'], ['b'], { priors: { '9-1': 0.1 } }), 'INVALID_OPTION', 'priors.9-1'],
    ['1-0 is forbidden', () => alignSentences(['a'], ['b'], { priors: { '1-0': 0 } }), 'INVALID_OPTION', 'priors'],
    ['a paragraph index is out of range', () => alignSentences(['a'], ['b'], { sourceParagraphs: [5] }), 'INVALID_OPTION', 'sourceParagraphs'],
    ['the dictionary is a number', () => alignSentences(['a'], ['b'], { dictionary: 5 as unknown as string }), 'INVALID_OPTION', 'dictionary'],
    ['sourceLang is not a tag', () => alignSentences(['a'], ['b'], { sourceLang: 'Arabic language' }), 'INVALID_OPTION', 'sourceLang'],
  ])('throws OptionsError when %s', (_, call, code, text) => {
    let caught: unknown
    try {
      call()
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(OptionsError)
    expect((caught as OptionsError).code).toBe(code)
    expect((caught as OptionsError).message).toContain(text)
  })
})
