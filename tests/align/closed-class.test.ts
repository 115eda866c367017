// The closed-class lexicon (src/align/closed-class.ts) and number words (closed-class-numbers.ts): issue #12, short
// documents without a dictionary. The news pair below is ours, written for this test: three sentences with no
// digit and no name, whose only anchors are a weekday (Thursday) and a scale word (thousand).
import { describe, expect, it } from 'vitest'
import { alignDocuments, OptionsError } from '../../src/index.js'
import { readSide } from '../../src/align/anchors.js'
import { closedClassLexicon } from '../../src/align/closed-class.js'
import { numberWordValue } from '../../src/align/closed-class-numbers.js'

const arabic = 'افتتحت المدينة جسرا جديدا فوق النهر يوم الخميس. وقالت الشرطة إن الطريق سيبقى مغلقا ثلاثة أيام. ويعبر الجسر نحو عشرين ألف سيارة كل يوم.'
const english = 'The city opened a new bridge over the river on Thursday. Police said the road would stay closed for three days. About twenty thousand cars cross the bridge every day.'
const unrelated = 'The museum will stay open late during the summer. Visitors can buy tickets online or at the door. A guided tour starts every hour from the main hall.'

describe('numberWordValue', () => {
  it.each([
    { input: 'ثلاثة', expected: 3 },
    { input: 'ثلاث', expected: 3 },
    { input: 'أربعة', expected: 4 },
    { input: 'والعشرين', expected: 20 },
    { input: 'بخمسين', expected: 50 },
    { input: 'twenty', expected: 20 },
    { input: 'three', expected: 3 },
    { input: 'one', expected: undefined },
    { input: 'واحد', expected: undefined },
    { input: 'الاثنين', expected: undefined },
    { input: 'وست', expected: 6 },
    { input: 'وستة', expected: 6 },
    { input: 'ستار', expected: undefined },
  ])('reads $input as $expected', ({ input, expected }) => {
    expect(numberWordValue(input)).toBe(expected)
  })

  it('makes a number word the same anchor key as its digits, on both sides', () => {
    const ar = readSide(['قضى ثلاثة أيام هناك.'], 'ar', 'arabic', false, true)
    const en = readSide(['He spent three days there, 3 in all.'], 'en', 'latin', false, true)
    const numbers = (side: ReturnType<typeof readSide>) => [...side.identity[0]!].map((id) => side.identityKeys[id]!).filter((key) => key.startsWith('n:'))
    expect(numbers(ar)).toEqual(['n:3'])
    expect(numbers(en)).toEqual(['n:3'])
    expect(numbers(readSide(['قضى ثلاثة أيام هناك.'], 'ar', 'arabic'))).toEqual([])
  })
})

describe('closedClassLexicon', () => {
  it('pairs Arabic closed-class words with English, in the direction asked', () => {
    expect(closedClassLexicon('ar', 'en', 'keys')).toContainEqual({ source: 'يناير', target: 'january' })
    expect(closedClassLexicon('ar-EG', 'en', 'keys')).toContainEqual({ source: 'كانون الثاني', target: 'january' })
    expect(closedClassLexicon('en', 'ar', 'keys')).toContainEqual({ source: 'billion', target: 'مليار' })
  })

  it('pairs number words as words only when asked to', () => {
    expect(closedClassLexicon('ar', 'en', 'lexicon')).toContainEqual({ source: 'ثلاثة', target: 'three' })
    expect(closedClassLexicon('ar', 'en', 'keys')).not.toContainEqual({ source: 'ثلاثة', target: 'three' })
  })

  it('is empty for other language pairs', () => {
    expect(closedClassLexicon('de', 'fr', 'keys')).toEqual([])
    expect(closedClassLexicon('ar', 'fr', 'keys')).toEqual([])
  })
})

describe('alignDocuments with closed-class words', () => {
  it('calls a three-sentence news translation with no digit and no name parallel', () => {
    const result = alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en' })
    expect(result.beads.map((bead) => [bead.source, bead.target])).toEqual([[[0], [0]], [[1], [1]], [[2], [2]]])
    expect(result.verdict.kind).toBe('parallel')
    for (const bead of result.beads) expect(bead.score).toBeGreaterThan(0.9)
  })

  it('leaves it partly parallel with closedClassWords off (the evidence it adds is what decides)', () => {
    expect(alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en', closedClassWords: false }).verdict.kind).toBe('partly parallel')
  })

  it('does not make an unrelated text of the same shape parallel (a guard: it was not parallel before either)', () => {
    const result = alignDocuments(arabic, unrelated, { sourceLang: 'ar', targetLang: 'en' })
    expect(result.verdict.kind).not.toBe('parallel')
    for (const bead of result.beads) expect(bead.score).toBeLessThan(0.8)
  })

  it('leaves the path as it was: the words are evidence for the score, not for the search', () => {
    const off = alignDocuments(arabic, unrelated, { sourceLang: 'ar', targetLang: 'en', closedClassWords: false })
    const on = alignDocuments(arabic, unrelated, { sourceLang: 'ar', targetLang: 'en' })
    expect(on.beads.map((bead) => [bead.source, bead.target, bead.posterior])).toEqual(off.beads.map((bead) => [bead.source, bead.target, bead.posterior]))
  })

  it('adds nothing to a general dictionary, which has these words already', () => {
    const general = Array.from({ length: 10_000 }, (_, k) => ({ source: `كلمة${k}`, target: `word${k}` }))
    const scores = (closedClassWords: boolean) => alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en', dictionary: general, closedClassWords }).beads.map((bead) => bead.score)
    expect(scores(true)).toEqual(scores(false))
  })

  it('refuses a closedClassWords that is not a boolean', () => {
    expect(() => alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en', closedClassWords: 'yes' as unknown as boolean })).toThrow(OptionsError)
  })
})
