/**
 * `includeNeedsReview: false` on lookup, fuzzy and concordance: units that need review (the aligner's doubtful
 * pairs) are left out before the limit, and every match still carries its unit's state and confidence.
 */
import { describe, expect, it } from 'vitest'
import { OptionsError } from '../../src/errors.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { needsReviewSubState, type NewTranslationUnit } from '../../src/types.js'

const doubtful = { state: 'initial', subState: needsReviewSubState } as const

/** Three translations of one sentence, the two most recent doubtful, and a near match that is confident. */
const units: NewTranslationUnit[] = [
  { id: 'old', source: 'عقد المجلس جلسته الأولى.', target: 'The Council held its first meeting.', state: 'translated', alignment: { score: 0.98, shape: '1-1' }, changedAt: '2024-01-01T00:00:00.000Z' },
  { id: 'new1', source: 'عقد المجلس جلسته الأولى.', target: 'The weather was fine.', ...doubtful, alignment: { score: 0.41, shape: '1-1' }, changedAt: '2025-01-01T00:00:00.000Z' },
  { id: 'new2', source: 'عقد المجلس جلسته الأولى.', target: 'It held a vote.', ...doubtful, alignment: { score: 0.62, shape: '1-2' }, changedAt: '2025-02-01T00:00:00.000Z' },
  { id: 'near', source: 'عقد المجلس جلسته الثانية.', target: 'The Council held its second meeting.', state: 'translated', alignment: { score: 0.95, shape: '1-1' }, changedAt: '2023-01-01T00:00:00.000Z' },
]

async function memory(): Promise<TranslationMemory> {
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
  await tm.addAll(units)
  return tm
}

describe('TranslationMemory includeNeedsReview', () => {
  it('includes units that need review by default, with their state and confidence', async () => {
    const tm = await memory()
    const found = await tm.lookup('عقد المجلس جلسته الأولى.')
    expect(found.map((match) => [match.unit.id, match.unit.state, match.unit.subState, match.unit.alignment?.score])).toEqual([
      ['new2', 'initial', needsReviewSubState, 0.62],
      ['new1', 'initial', needsReviewSubState, 0.41],
      ['old', 'translated', undefined, 0.98],
    ])
  })

  it('leaves them out of lookup before the limit', async () => {
    const tm = await memory()
    expect((await tm.lookup('عقد المجلس جلسته الأولى.', { limit: 1 }))[0]!.unit.id).toBe('new2')
    expect((await tm.lookup('عقد المجلس جلسته الأولى.', { limit: 1, includeNeedsReview: false })).map((match) => match.unit.id)).toEqual(['old'])
  })

  it('leaves them out of fuzzy before the limit, so a kept unit takes the place', async () => {
    const tm = await memory()
    expect((await tm.fuzzy('عقد المجلس جلسته الأولى.', { limit: 2 })).map((match) => match.unit.id)).toEqual(['new2', 'new1'])
    expect((await tm.fuzzy('عقد المجلس جلسته الأولى.', { limit: 2, includeNeedsReview: false })).map((match) => match.unit.id)).toEqual(['old', 'near'])
  })

  it('takes the default from the memory\'s fuzzy options, which a call overrides', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', fuzzy: { includeNeedsReview: false } })
    await tm.addAll(units)
    expect((await tm.fuzzy('عقد المجلس جلسته الأولى.')).map((match) => match.unit.id)).toEqual(['old', 'near'])
    expect((await tm.fuzzy('عقد المجلس جلسته الأولى.', { includeNeedsReview: true })).map((match) => match.unit.id)).toEqual(['new2', 'new1', 'old', 'near'])
  })

  it('leaves them out of concordance before the limit', async () => {
    const tm = await memory()
    expect((await tm.concordance('المجلس جلسته', { limit: 2 })).map((match) => match.unit.id)).toEqual(['new2', 'new1'])
    expect((await tm.concordance('المجلس جلسته', { limit: 2, includeNeedsReview: false })).map((match) => match.unit.id)).toEqual(['old', 'near'])
  })

  it('refuses a value that is not a boolean, naming the option', async () => {
    const tm = await memory()
    await expect(tm.fuzzy('x', { includeNeedsReview: 'no' as never })).rejects.toThrow(OptionsError)
    await expect(tm.lookup('x', { includeNeedsReview: 0 as never })).rejects.toThrow(/includeNeedsReview/)
    await expect(tm.concordance('x', { includeNeedsReview: 'yes' as never })).rejects.toThrow(/includeNeedsReview/)
    expect(() => new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', fuzzy: { includeNeedsReview: 1 as never } })).toThrow(/fuzzy\.includeNeedsReview/)
  })
})
