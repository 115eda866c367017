import { describe, expect, it } from 'vitest'
import { alignSentences, learnLexicon, parseDictionary } from '../../src/align/index.js'
import { learnFromIds } from '../../src/align/lexicon.js'
import { OptionsError } from '../../src/errors.js'

describe('learnLexicon', () => {
  const pairs = [
    { source: 'زار الرئيس الصين', target: 'The president visited China' },
    { source: 'قال الرئيس إن الاقتصاد ينمو', target: 'The president said the economy is growing' },
    { source: 'وصل الرئيس إلى الصين', target: 'The president arrived in China' },
    { source: 'الاقتصاد ينمو بسرعة', target: 'The economy grows fast' },
  ]

  it('pairs words that co-occur, by the Dice coefficient', () => {
    const lexicon = learnLexicon(pairs)
    const find = (source: string, target: string) => lexicon.find((entry) => entry.source === source && entry.target === target)
    expect(find('الرئيس', 'president')?.weight).toBe(1) // 3 pairs each, 3 together
    expect(find('الصين', 'china')?.weight).toBe(1)
    expect(find('الاقتصاد', 'economy')?.weight).toBe(1)
    for (const entry of lexicon) expect(entry.weight).toBeGreaterThanOrEqual(0.3)
  })

  it('folds Arabic clitics and English inflections into one key', () => {
    const lexicon = learnLexicon([
      { source: 'وبالمدينة مطر', target: 'Rain in cities' },
      { source: 'المدينة جميلة', target: 'The city is beautiful' },
    ])
    // وبالمدينة and المدينة share the stem مدين; cities and city the stem city.
    expect(lexicon.some((entry) => entry.target === 'cities' || entry.target === 'city')).toBe(true)
  })

  it('respects minCount and maxPerWord', () => {
    expect(learnLexicon(pairs, { minCount: 4 })).toEqual([])
    const one = learnLexicon(pairs, { maxPerWord: 1 })
    expect(new Set(one.map((entry) => entry.source)).size).toBe(one.length)
  })

  it('throws OptionsError on bad input', () => {
    expect(() => learnLexicon(42 as never)).toThrow(OptionsError)
    expect(() => learnLexicon([{ source: 'a' }] as never)).toThrow(/pairs\[0\]/)
    expect(() => learnLexicon(pairs, { minWeight: 2 })).toThrow(/minWeight/)
  })
})

describe('parseDictionary', () => {
  it("reads hunalign's target @ source lines, skipping blanks and comments", () => {
    expect(parseDictionary('# ar-en\npresident @ رئيس\n\nUnited Nations @ الأمم المتحدة\r\n')).toEqual([
      { source: 'رئيس', target: 'president' },
      { source: 'الأمم المتحدة', target: 'United Nations' },
    ])
  })

  it('names the line that has no separator', () => {
    expect(() => parseDictionary('a @ b\nno separator here')).toThrow(/dictionary line 2/)
  })
})

describe('alignSentences with a dictionary', () => {
  const source = ['سافر الطبيب إلى المدينة.', 'ونام المعلم في البيت.']
  const target = ['The doctor travelled to the city.', 'The teacher slept at home.']
  const shapes = (beads: ReadonlyArray<{ source: number[]; target: number[] }>) => beads.map((bead) => `${bead.source}:${bead.target}`)

  it('uses dictionary entries as anchors, from hunalign text or entries', () => {
    const plain = alignSentences(source, target, { learnFromDocument: false })
    const text = alignSentences(source, target, { learnFromDocument: false, dictionary: 'doctor @ الطبيب\ncity @ المدينة\nteacher @ المعلم' })
    const entries = alignSentences(source, target, { learnFromDocument: false, dictionary: [{ source: 'طبيب', target: 'doctors' }, { source: 'معلم', target: 'teachers' }] })
    for (const result of [plain, text, entries]) expect(shapes(result.beads)).toEqual(['0:0', '1:1'])
    expect(text.model.anchors).toBeGreaterThan(plain.model.anchors)
    expect(entries.model.anchors).toBeGreaterThan(plain.model.anchors)
    expect(text.beads[0]!.score).toBeGreaterThanOrEqual(plain.beads[0]!.score)
    expect(text.model.lexiconSize).toBe(3)
  })

  it('rejects malformed entries', () => {
    expect(() => alignSentences(source, target, { dictionary: [{ source: 'a' } as never] })).toThrow(/dictionary\[0\]/)
    expect(() => alignSentences(source, target, { dictionary: [{ source: 'a', target: 'b', weight: 3 }] })).toThrow(/weight/)
  })
})

describe('learnFromIds', () => {
  // One source word written in three forms (ids 0, 1, 2), each seen with target word 0 in 10 pairs of its own, and
  // another source word (3) in 20 more: each form's Dice with the target word is 2 · 10 / (10 + 50) = 0.33.
  const settings = { minCount: 2, minWeight: 0.45, maxPerWord: 2 }
  const pairs: Array<[number[], number[]]> = []
  for (let form = 0; form < 3; form++) for (let k = 0; k < 10; k++) pairs.push([[form], [0]])
  for (let k = 0; k < 20; k++) pairs.push([[3], [0]])
  const keys = ['forma', 'formb', 'formc', 'other']

  it('keeps a pair seen together often down to the lower Dice of `frequent`', () => {
    const entries = learnFromIds(pairs, keys, ['word'], settings, Infinity, { count: 10, minWeight: 0.3 })
    expect(entries.filter((entry) => entry.source <= 2)).toHaveLength(3)
  })

  it('holds a pair no likelier together than chance to `minWeight`', () => {
    // Each form and the target word: 10 pairs together, and 10 · 50 / 50 = 10 by chance.
    const entries = learnFromIds(pairs, keys, ['word'], settings, Infinity, { count: 10, minWeight: 0.3, lift: 1.5 })
    expect(entries.filter((entry) => entry.source <= 2)).toEqual([])
  })

  it('holds pairs seen together fewer times to `minWeight`', () => {
    const entries = learnFromIds(pairs, keys, ['word'], settings, Infinity, { count: 11, minWeight: 0.3 })
    expect(entries.filter((entry) => entry.source <= 2)).toEqual([])
  })
})
