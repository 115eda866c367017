/**
 * The tmserver/amaGama answers computed without HTTP: language codes matched as the originals normalise them,
 * both directions of one memory, min_similarity and max_candidates as amaGama reads them.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { languageMatches, normalizeLanguageCode, tmserverCandidates } from '../../src/serve/tmserver.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { needsReviewSubState } from '../../src/types.js'

const limits = { maxCandidates: 2, maxQueryLength: 2000 }
const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
beforeAll(async () => {
  await tm.addAll([
    { source: 'عقدت اللجنة اجتماعها الأول في جنيف', target: 'The committee held its first meeting in Geneva' },
    { source: 'عقدت اللجنة اجتماعها الثاني في جنيف', target: 'The committee held its second meeting in Geneva' },
    { source: 'عقدت اللجنة اجتماعها الثالث في جنيف', target: 'The committee held its third meeting in Geneva' },
    { source: 'شكرا جزيلا', target: 'Thank you very much' },
    // A doubtful alignment, stored as needing review.
    { source: 'افتتحت المكتبة صباح الأحد', target: 'The museum closed on Monday', state: 'initial', subState: needsReviewSubState },
    // A 2-1 bead: its second Arabic sentence alone is a part of it, and the English translates both.
    { source: 'وصل الوفد إلى الرباط. واستقبله وزير الخارجية.', target: 'The delegation arrived in Rabat, where the foreign minister received it.', parts: { source: ['وصل الوفد إلى الرباط. '.length] } },
  ])
})

describe('normalizeLanguageCode', () => {
  it.each([
    ['ar_EG', 'ar-eg'],
    ['ar-EG', 'ar-eg'],
    ['AR', 'ar'],
    ['sr@latin', 'sr-latin'],
  ])('%s → %s', (code, expected) => {
    expect(normalizeLanguageCode(code)).toBe(expected)
  })
})

describe('languageMatches', () => {
  it('matches equal codes after normalising, and regional codes to the primary language', () => {
    expect(languageMatches('ar_EG', 'ar')).toBe(true)
    expect(languageMatches('ar-EG', 'ar-eg')).toBe(true)
    expect(languageMatches('EN', 'en-US')).toBe(true)
    expect(languageMatches('en', 'ar')).toBe(false)
    expect(languageMatches('ara', 'ar')).toBe(false)
  })
})

describe('tmserverCandidates', () => {
  const ask = (source: string, target: string, text: string, minSimilarity: string | null = null, maxCandidates: string | null = null) =>
    tmserverCandidates(tm, { source, target, text, minSimilarity, maxCandidates }, limits)

  it('answers ar→en with source, target, quality in percent and rank, best first', async () => {
    const answer = await ask('ar', 'en', 'عقدت اللجنة اجتماعها الأول في جنيف')
    expect(answer[0]).toEqual({ source: 'عقدت اللجنة اجتماعها الأول في جنيف', target: 'The committee held its first meeting in Geneva', quality: 100, rank: 1 })
    expect(answer.map((c) => c.rank)).toEqual(answer.map((_, i) => i + 1))
    for (let i = 1; i < answer.length; i++) expect(answer[i]!.quality).toBeLessThanOrEqual(answer[i - 1]!.quality)
  })
  it('answers en→ar from the same memory, with the English as source', async () => {
    const [best] = await ask('en', 'ar', 'The committee held its third meeting in Geneva')
    expect(best).toMatchObject({ source: 'The committee held its third meeting in Geneva', target: 'عقدت اللجنة اجتماعها الثالث في جنيف', quality: 100 })
  })
  it('matches ar_EG and ar-EG as the memory’s ar', async () => {
    expect(await ask('ar_EG', 'en_US', 'شكرا جزيلا')).toHaveLength(1)
    expect(await ask('ar-EG', 'en', 'شكرا جزيلا')).toHaveLength(1)
  })
  it('answers [] for languages the memory does not hold, as the originals do', async () => {
    expect(await ask('fr', 'en', 'شكرا جزيلا')).toEqual([])
  })
  it('keeps candidates at or over min_similarity, and ignores one that is not an integer', async () => {
    const query = 'عقدت اللجنة اجتماعها الرابع في جنيف' // one word of six differs: 83.33%
    expect(await ask('ar', 'en', query, '90')).toEqual([])
    expect((await ask('ar', 'en', query, '80')).length).toBeGreaterThan(0)
    expect((await ask('ar', 'en', query, 'abc')).length).toBeGreaterThan(0) // the default 75
  })
  it('leaves out units that need review, and matches of one sentence inside a unit, which the library finds', async () => {
    expect(await ask('ar', 'en', 'افتتحت المكتبة صباح الأحد')).toEqual([])
    expect(await tm.fuzzy('افتتحت المكتبة صباح الأحد')).toHaveLength(1)
    expect(await ask('ar', 'en', 'واستقبله وزير الخارجية.')).toEqual([])
    expect((await tm.fuzzy('واستقبله وزير الخارجية.'))[0]?.part).toMatchObject({ side: 'source', index: 1 })
  })
  it('gives at most max_candidates, cut to the server’s limit', async () => {
    const query = 'عقدت اللجنة اجتماعها الرابع في جنيف'
    expect(await ask('ar', 'en', query, '50', '1')).toHaveLength(1)
    expect(await ask('ar', 'en', query, '50', '1000')).toHaveLength(limits.maxCandidates)
  })
})
