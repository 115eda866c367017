// Tests `side: 'auto'` (issue #14): the query's script picks the side, for lookup, fuzzy and concordance, and
// every match says which side was searched.
import { describe, expect, it } from 'vitest'
import { TranslationMemory } from 'mizan'
import { queryScript, resolveSearchSide } from '../../src/tm/search-side.js'

describe('resolveSearchSide', () => {
  const table: Array<{ query: string; sourceLang: string; targetLang: string; expected: 'source' | 'target' }> = [
    { query: 'أزمة المياه', sourceLang: 'ar', targetLang: 'en', expected: 'source' },
    { query: 'water crisis', sourceLang: 'ar', targetLang: 'en', expected: 'target' },
    { query: 'water crisis', sourceLang: 'en', targetLang: 'ar', expected: 'source' },
    { query: 'أزمة المياه', sourceLang: 'en-GB', targetLang: 'ar-EG', expected: 'target' },
    { query: 'Crise de l’eau', sourceLang: 'fa', targetLang: 'fr', expected: 'target' },
    { query: 'بحران آب', sourceLang: 'en', targetLang: 'fa', expected: 'target' },
    { query: 'pani ka bohran', sourceLang: 'ur', targetLang: 'en', expected: 'target' },
    { query: 'ئاو', sourceLang: 'en', targetLang: 'ku-Arab', expected: 'target' },
    { query: 'ئاو', sourceLang: 'ku-Latn', targetLang: 'en', expected: 'source' }, // neither side is Arabic script
    { query: 'قالت منظمة UNESCO إن', sourceLang: 'en', targetLang: 'ar', expected: 'target' }, // more Arabic letters
    { query: 'the UN said إن', sourceLang: 'ar', targetLang: 'en', expected: 'target' }, // more Latin letters
    { query: '2024 ٢٠٢٤ ?', sourceLang: 'en', targetLang: 'ar', expected: 'source' }, // no letters: the source
    { query: 'ﻻ ﺍﻟﺴﻼﻡ', sourceLang: 'en', targetLang: 'ar', expected: 'target' }, // presentation forms
    { query: 'water', sourceLang: 'en', targetLang: 'fr', expected: 'source' }, // both Latin: the source
  ]
  it.each(table)('$query in $sourceLang→$targetLang searches the $expected', ({ query, sourceLang, targetLang, expected }) => {
    expect(resolveSearchSide(query, 'auto', sourceLang, targetLang)).toBe(expected)
  })

  it('keeps an explicit side whatever the script', () => {
    expect(resolveSearchSide('water', 'source', 'ar', 'en')).toBe('source')
    expect(resolveSearchSide('ماء', 'target', 'ar', 'en')).toBe('target')
  })

  it('counts letters, not characters: a tie or no letters decides nothing', () => {
    expect(queryScript('ab با')).toBeUndefined()
    expect(queryScript('؟!، 12')).toBeUndefined()
    expect(queryScript('Café')).toBe('latin')
  })
})

describe("TranslationMemory side: 'auto'", () => {
  const memory = async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.add({ id: 'crisis', source: 'تواجه المنطقة أزمة مياه حادة', target: 'The region faces a severe water crisis' })
    await tm.add({ id: 'plant', source: 'افتتحت محطة تحلية جديدة', target: 'A new desalination plant opened' })
    return tm
  }

  it('is the default of lookup, fuzzy and concordance, and every match says which side it searched', async () => {
    const tm = await memory()
    expect(await tm.lookup('the region faces a severe water crisis')).toEqual([
      { unit: expect.objectContaining({ id: 'crisis' }), kind: 'normalized', score: 0.99, side: 'target' },
    ])
    expect((await tm.lookup('تواجه المنطقة أزمة مياه حادة'))[0]).toMatchObject({ kind: 'exact', side: 'source' })
    const [fuzzy] = await tm.fuzzy('The region faces a water crisis')
    expect(fuzzy).toMatchObject({ unit: { id: 'crisis' }, side: 'target' })
    expect(fuzzy!.score).toBeGreaterThan(0.8)
    expect((await tm.fuzzy('تواجه المنطقة أزمة مياه'))[0]).toMatchObject({ unit: { id: 'crisis' }, side: 'source' })
    const [hit] = await tm.concordance('water crisis')
    expect(hit).toMatchObject({ unit: { id: 'crisis' }, side: 'target' })
    expect('The region faces a severe water crisis'.slice(hit!.spans[0]!.start, hit!.spans[0]!.end)).toBe('water crisis')
    expect((await tm.concordance('محطة تحلية'))[0]).toMatchObject({ unit: { id: 'plant' }, side: 'source' })
  })

  it('gives the same answers as naming the side the script picks', async () => {
    const tm = await memory()
    for (const [query, side] of [['water crisis', 'target'], ['أزمة مياه', 'source'], ['desalination plant opened', 'target']] as const) {
      expect(await tm.concordance(query)).toEqual(await tm.concordance(query, { side }))
      expect(await tm.fuzzy(query, { minScore: 0.3 })).toEqual(await tm.fuzzy(query, { minScore: 0.3, side }))
      expect(await tm.lookup(query)).toEqual(await tm.lookup(query, { side }))
    }
  })

  it('still searches the side it is told, and rejects an unknown side naming the choices', async () => {
    const tm = await memory()
    expect(await tm.concordance('water crisis', { side: 'source' })).toEqual([])
    await expect(tm.fuzzy('x', { side: 'both' as never })).rejects.toThrow(/option side must be "source", "target" or "auto", got "both"/)
  })
})
