// Tests concordance word forms (issue #14): the Arabic clitic forms and English forms against our word lists
// (tests/fixtures/arabic-word-forms.json, english-word-forms.json) with precision and recall asserted; the
// memory's concordance finding forms, prefixes (`*`) and every occurrence with offsets into the original text;
// and that the index stays lossless: the answer equals a brute-force scan of every unit.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeForMatching, TranslationMemory } from 'mizan'
import { arabicCliticForms } from '../../src/text/arabic-clitics.js'
import { englishForms } from '../../src/text/english-forms.js'
import { tokenizeKey } from '../../src/tm/tokenize.js'
import { matchesWord, queryWords } from '../../src/tm/word-forms.js'
import { findInOrder } from '../../src/tm/concordance.js'

interface WordList {
  lemmas: Array<{ query: string; match: string[]; not: string[] }>
}

const list = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as WordList

/** Precision and recall of `forms` over a list: each query against every word of the list (see bench/word-forms.ts). */
function measure(words: WordList, forms: (query: string) => Set<string>, key: (word: string) => string) {
  const all = [...new Set(words.lemmas.flatMap((lemma) => [lemma.query, ...lemma.match, ...lemma.not]))]
  let truePositives = 0
  let found = 0
  let positives = 0
  for (const lemma of words.lemmas) {
    const set = forms(key(lemma.query))
    const expected = new Set(lemma.match.map(key))
    positives += expected.size
    for (const word of all) {
      if (key(word) === key(lemma.query) && !expected.has(key(word))) continue
      if (!set.has(key(word))) continue
      found++
      if (expected.has(key(word))) truePositives++
    }
  }
  return { precision: truePositives / found, recall: truePositives / positives, forms: all.length }
}

describe('arabicCliticForms', () => {
  it('finds the clitic forms on our list of 48 words and about 480 forms: precision and recall at least 0.97', () => {
    const result = measure(list('arabic-word-forms.json'), (query) => arabicCliticForms(query), (word) => normalizeForMatching(word, 'ar'))
    expect(result.forms).toBeGreaterThanOrEqual(300)
    expect(result.precision).toBeGreaterThanOrEqual(0.97)
    expect(result.recall).toBeGreaterThanOrEqual(0.97)
  })

  it.each([
    { query: 'مياه', forms: ['المياه', 'والمياه', 'بالمياه', 'للمياه', 'فالمياه', 'وبالمياه', 'مياهها', 'ومياههم'], not: ['مياهي', 'ميا'] },
    { query: 'لغة', forms: ['اللغة', 'للغة', 'لغتها', 'ولغتنا'], not: ['لللغة', 'لغه'] },
    { query: 'مستوي', forms: ['المستوي', 'مستواها', 'بمستواه'], not: ['مستو'] },
    { query: 'المياه', forms: ['والمياه', 'للمياه', 'وللمياه', 'فبالمياه'], not: ['مياه', 'لالمياه', 'المياهها'] },
    { query: 'بحر', forms: ['البحر', 'وبحر'], not: ['حر', 'بحري'] },
  ])('$query: attaches proclitics, the article (ل + ال → لل) and enclitics (ة → ت, ى → ا) only', ({ query, forms, not }) => {
    const set = arabicCliticForms(query)
    for (const form of forms) expect(set.has(form), form).toBe(true)
    for (const form of not) expect(set.has(form), form).toBe(false)
  })
})

describe('englishForms', () => {
  it('finds inflections and derivations on our list (Porter stems): precision at least 0.8, recall at least 0.9', () => {
    const result = measure(list('english-word-forms.json'), (query) => englishForms(query), (word) => word.toLowerCase())
    expect(result.precision).toBeGreaterThanOrEqual(0.8)
    expect(result.recall).toBeGreaterThanOrEqual(0.9)
  })
})

describe('TranslationMemory.concordance word forms', () => {
  const memory = async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.addAll([
      { id: 'article', source: 'أزمة المِيَاهِ في المنطقة، والمياه شحيحة', target: 'The water crisis in the region, and water is scarce' },
      { id: 'clitic', source: 'تحلية مياهها بالطاقة الشمسية', target: 'Desalinating its waters with solar energy' },
      { id: 'plant', source: 'افتتحت محطة التحلية', target: 'The desalination plant opened' },
      { id: 'none', source: 'وقال الرئيس', target: 'The president said' },
      { id: 'friend', source: 'البحر هادئ', target: 'The sea is calm' },
    ])
    return tm
  }

  it('finds an Arabic word with its clitics by default, and only as written with match: exact', async () => {
    const tm = await memory()
    expect((await tm.concordance('مياه')).map((hit) => hit.unit.id).sort()).toEqual(['article', 'clitic'])
    expect(await tm.concordance('مياه', { match: 'exact' })).toEqual([])
    expect((await tm.concordance('حر')).map((hit) => hit.unit.id)).toEqual([]) // البحر is not ال+ب+حر
  })

  it('marks every occurrence with offsets into the original text, diacritics included', async () => {
    const tm = await memory()
    const hit = (await tm.concordance('مياه')).find((found) => found.unit.id === 'article')
    const source = hit!.unit.source
    expect(hit!.spans.map((span) => source.slice(span.start, span.end))).toEqual(['المِيَاهِ', 'والمياه'])
    const [english] = await tm.concordance('water', { side: 'target', match: 'exact' })
    expect(english!.spans.map((span) => english!.unit.target.slice(span.start, span.end))).toEqual(['water', 'water'])
  })

  it('finds English inflections and derivations, and every word a prefix* begins', async () => {
    const tm = await memory()
    expect((await tm.concordance('desalinate')).map((hit) => hit.unit.id).sort()).toEqual(['clitic', 'plant'])
    const prefixed = await tm.concordance('desalinat*')
    expect(prefixed.map((hit) => hit.unit.id).sort()).toEqual(['clitic', 'plant'])
    expect(prefixed.every((hit) => hit.side === 'target')).toBe(true)
    expect(await tm.concordance('desalinat')).toEqual([])
    const [phrase] = await tm.concordance('water* crisis')
    expect(phrase!.unit.target.slice(phrase!.spans[0]!.start, phrase!.spans[0]!.end)).toBe('water crisis')
    await expect(tm.concordance('x', { match: 'stems' as never })).rejects.toThrow(/option match must be "exact" or "forms", got "stems"/)
  })

  it('is lossless: the same units as checking every unit with the same word test', async () => {
    const vocabulary = ['المياه', 'مياه', 'مياهها', 'والمياه', 'بحر', 'البحر', 'حر', 'محطة', 'التحلية', 'وللتحلية', 'water', 'waters', 'watered', 'plant', 'plants', 'planet']
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.constantFrom(...vocabulary, 'wat*', 'مي*'), { minLength: 1, maxLength: 2 }),
        fc.constantFrom('exact' as const, 'forms' as const),
        async (texts, query, match) => {
          const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
          await tm.addAll(texts.map((words, index) => ({ id: `u${index}`, source: words.join(' '), target: words.join(' ') })))
          const words = queryWords(tokenizeKey(normalizeForMatching(query.join(' '), 'ar')), match)
          const expected = texts.flatMap((text, index) => (findInOrder(tokenizeKey(normalizeForMatching(text.join(' '), 'ar')), words) === undefined ? [] : [`u${index}`]))
          const found = await tm.concordance(query.join(' '), { side: 'source', match, limit: Number.POSITIVE_INFINITY })
          expect(found.map((hit) => hit.unit.id).sort()).toEqual(expected.sort())
          for (const hit of found) for (const span of hit.spans) expect(words.some((word) => matchesWord(word, normalizeForMatching(hit.unit.source.slice(span.start, span.end), 'ar').split(' ')[0]!))).toBe(true)
        },
      ),
      { numRuns: 60 },
    )
  })
})
