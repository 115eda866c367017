/**
 * Sentences inside beads (issue #14): units made from multi-sentence beads keep their sentence boundaries, and
 * `lookup` and `fuzzy` match a query against each sentence. The backends' lossless part search is checked
 * against brute force in tests/storage/parts-contract.ts; this file checks the memory's side of it: where the
 * boundaries come from (the aligner, the review save), how they are keyed, checked and reported.
 */
import { describe, expect, it } from 'vitest'
import { alignDocuments, alignFiles, toFileUnits, toTranslationUnits, TranslationMemory, OptionsError } from '../../src/index.js'
import type { ReviewDocument } from '../../src/review/model.js'
import { toReviewUnits } from '../../src/review/save-review.js'
import { partSpans, validBoundaries } from '../../src/tm/unit-parts.js'
import { MemoryStorage } from '../../src/storage/memory.js'

/** Two Arabic sentences the aligner puts into one 2-1 bead with one English sentence, then a 1-1 bead. */
const arabic = 'انعقدت القمة في سمرقند يوم الخميس. وحضرها خمسة عشر رئيسا. وناقش القادة التجارة والأمن في المنطقة خلال اجتماع طويل.'
const english = 'The summit was held in Samarkand on Thursday and was attended by fifteen presidents. The leaders discussed trade and security in the region during a long meeting.'
const second = 'وحضرها خمسة عشر رئيسا.'

describe('toTranslationUnits', () => {
  it('keeps where each sentence of a 2-1 bead starts, and gives a 1-1 bead no parts', () => {
    const units = toTranslationUnits(alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en' }))
    expect(units.map((unit) => unit.alignment?.shape)).toEqual(['2-1', '1-1'])
    expect(units[0]!.parts).toEqual({ source: [arabic.indexOf(second)] })
    expect(units[1]!.parts).toBeUndefined()
  })
})

describe('toFileUnits', () => {
  it('gives a 2-1 bead of a Markdown document the start of its second sentence in the unit text', async () => {
    const encode = (text: string) => new TextEncoder().encode(text)
    const alignment = await alignFiles(encode(`# القمة\n\n${arabic}\n`), encode(`# The summit\n\n${english}\n`), { sourceLang: 'ar', targetLang: 'en', sourceFile: 'ar.md', targetFile: 'en.md' })
    const units = toFileUnits(alignment)
    expect(units.map((unit) => unit.alignment?.shape)).toEqual(['1-1', '2-1', '1-1'])
    const bead = units[1]!
    expect(bead.parts).toEqual({ source: [bead.source.indexOf(second)] })
    expect(bead.source.slice(bead.parts!.source![0])).toBe(second)
  })
})

describe('TranslationMemory part matches', () => {
  it('looks up and fuzzy-finds the second sentence of an aligned 2-1 bead (issue #14: "no exact match", 45%)', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.addAll(toTranslationUnits(alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en' })))
    const [exact] = await tm.lookup(second)
    expect(exact?.unit.target).toContain('fifteen presidents')
    expect(exact?.part).toEqual({ side: 'source', index: 1, count: 2, start: arabic.indexOf(second), end: arabic.indexOf(second) + second.length })
    // The same sentence with its diacritics: a normalized part match.
    expect((await tm.lookup('وحضرها خمسةَ عشرَ رئيسًا.'))[0]).toMatchObject({ kind: 'normalized', score: 0.99, part: { index: 1 } })
    const [fuzzy] = await tm.fuzzy(second)
    expect(fuzzy).toMatchObject({ score: 1, distance: 0, part: { index: 1 } })
    expect(fuzzy?.diff).toEqual([{ op: 'equal', tokens: ['وحضرها', 'خمسة', 'عشر', 'رئيسا', '.'] }])
    // Without parts the sentence scores against the whole bead, under the default 0.7.
    expect(await tm.lookup(second, { parts: false })).toEqual([])
    expect(await tm.fuzzy(second, { parts: false })).toEqual([])
  })

  it('returns a unit once: its first sentence when two match alike, its whole text when that scores higher', async () => {
    const tm = new TranslationMemory({ sourceLang: 'en', targetLang: 'ar' })
    // A unit whose two sentences are the same: the query matches both, and is one answer (the first sentence).
    await tm.add({ id: 'twice', source: 'Yes. Yes.', target: 'نعم. نعم.', parts: { source: [5], target: [5] } })
    expect((await tm.lookup('Yes.')).map((match) => [match.unit.id, match.part?.index])).toEqual([['twice', 0]])
    expect((await tm.fuzzy('Yes.', { minScore: 0.5 })).map((match) => [match.unit.id, match.score, match.part?.index])).toEqual([['twice', 1, 0]])
    // The whole text scores 1 and so does no sentence of it: the whole-unit match is the answer.
    expect((await tm.fuzzy('Yes. Yes.')).map((match) => [match.score, match.part])).toEqual([[1, undefined]])
  })

  it('skips a sentence the storage found in a unit whose parts have changed since, in lookup as in fuzzy', async () => {
    // A storage read in two steps (SQL): the sentence's entry names a part the unit, read afterwards, no longer has.
    class StaleParts extends MemoryStorage {
      override async findPartsByKey(side: 'source' | 'target', key: string) {
        const found = await super.findPartsByKey(side, key)
        return found.map((part) => ({ ...part, unit: { ...part.unit, parts: {} } }))
      }
    }
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: new StaleParts() })
    const source = 'وصل الوفد إلى الرباط. واستقبله وزير الخارجية.'
    await tm.add({ source, target: 'The delegation arrived in Rabat, where the foreign minister received it.', parts: { source: [source.indexOf('واستقبله')] } })
    expect(await tm.lookup('واستقبله وزير الخارجية.')).toEqual([])
  })

  it('takes parts: false as a memory default for fuzzy, which a call can override', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', fuzzy: { parts: false } })
    await tm.add({ source: 'نعم. لا.', target: 'Yes and no.', parts: { source: [5] } })
    expect(await tm.fuzzy('لا.')).toEqual([])
    expect((await tm.fuzzy('لا.', { parts: true })).map((match) => match.part?.index)).toEqual([1])
    expect(() => new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', fuzzy: { parts: 'no' as never } })).toThrow(/fuzzy\.parts/)
  })

  it('keys each sentence of a side that has several, and no side of one sentence', () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    expect(tm.keysOf({ source: 'نعمْ. لا!', target: 'Yes, no!', parts: { source: [6] } }).parts).toEqual({
      source: [
        { key: 'نعم.', tokens: ['نعم', '.'] },
        { key: 'لا!', tokens: ['لا', '!'] },
      ],
    })
    expect(tm.keysOf({ source: 'نعم.', target: 'Yes.', parts: {} }).parts).toBeUndefined()
  })

  it('refuses boundaries outside the text or out of order, naming the field', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    for (const parts of [{ source: [0] }, { source: [9] }, { target: [4, 2] }, { source: [1.5] }, { source: 'x' }] as const) {
      const error = await tm.add({ source: 'نعم. لا.', target: 'Yes. No.', parts: parts as never }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(OptionsError)
      expect((error as OptionsError).message).toMatch(/parts/)
    }
    await expect(tm.fuzzy('نعم', { parts: 'yes' as never })).rejects.toThrow(/parts/)
    await expect(tm.lookup('نعم', { parts: 1 as never })).rejects.toThrow(/parts/)
  })
})

describe('partSpans', () => {
  it.each([
    { text: 'نعم. لا.', boundaries: [5], expected: ['نعم.', 'لا.'] },
    { text: 'A.  \u200fB.\n', boundaries: [4], expected: ['A.', 'B.'] },
    { text: 'One. Two. Three.', boundaries: [5, 10], expected: ['One.', 'Two.', 'Three.'] },
    { text: 'One.', boundaries: [], expected: [] },
  ])('cuts $text at $boundaries, white space and bidi marks left out', ({ text, boundaries, expected }) => {
    expect(partSpans(text, boundaries).map((span) => text.slice(span.start, span.end))).toEqual(expected)
  })

  it('accepts only ascending whole offsets inside the text', () => {
    expect(validBoundaries([2, 5], 6)).toBe(true)
    expect(validBoundaries([], 6)).toBe(true)
    for (const bad of [[0], [6], [3, 3], [4, 2], [Number.NaN], ['2'], 'x']) expect(validBoundaries(bad, 6)).toBe(false)
  })
})

describe('toReviewUnits', () => {
  it('gives a reviewed multi-sentence bead the starts of its sentences in the joined text', () => {
    const document: ReviewDocument = {
      formatVersion: 1,
      source: ['نعم.', 'لا.', 'ربما.'],
      target: ['Yes or no.', 'Maybe.'],
      beads: [
        { source: [0, 1], target: [0], state: 'confirmed', score: 0.95 },
        { source: [2], target: [1], state: 'confirmed', score: 0.99 },
      ],
    }
    const units = toReviewUnits(document)
    expect(units[0]).toMatchObject({ source: 'نعم. لا.', parts: { source: [5] } })
    expect(units[1]!.parts).toBeUndefined()
  })
})
