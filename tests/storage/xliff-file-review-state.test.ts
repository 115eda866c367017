/**
 * The XLIFF file memory keeps what says a unit needs review: saved and opened again, every unit has its state,
 * subState and alignment confidence, and `includeNeedsReview: false` still leaves the doubtful ones out.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { needsReviewSubState, type NewTranslationUnit, type TranslationUnit } from '../../src/types.js'

const units: NewTranslationUnit[] = [
  { id: 'c1', source: 'انعقدت القمة في سمرقند.', target: 'The summit was held in Samarkand.', state: 'translated', alignment: { score: 0.97, shape: '1-1' } },
  { id: 'd1', source: 'انعقدت القمة في طشقند.', target: 'It rained in Tashkent.', state: 'initial', subState: needsReviewSubState, alignment: { score: 0.38, shape: '1-2' } },
]

describe('TranslationMemory.open and save with units that need review', () => {
  it('keeps state, subState and confidence through the file, and the filter works after reopening', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mizan-review-')), 'tm.xlf')
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.addAll(units)
    await tm.save(path)
    expect(readFileSync(path, 'utf8')).toContain('state="initial" subState="mizan:needs-review"')
    const before: TranslationUnit[] = []
    for await (const unit of tm.units()) before.push(unit)

    const reopened = await TranslationMemory.open(path)
    const after: TranslationUnit[] = []
    for await (const unit of reopened.units()) after.push(unit)
    expect(after).toEqual(before)
    expect(after.map((unit) => [unit.id, unit.state, unit.subState, unit.alignment?.score])).toEqual([
      ['c1', 'translated', undefined, 0.97],
      ['d1', 'initial', needsReviewSubState, 0.38],
    ])
    const query = 'انعقدت القمة في طشقند.'
    expect((await reopened.fuzzy(query, { minScore: 0.5 })).map((match) => match.unit.id)).toEqual(['d1', 'c1'])
    expect((await reopened.fuzzy(query, { minScore: 0.5, includeNeedsReview: false })).map((match) => match.unit.id)).toEqual(['c1'])
  })
})
