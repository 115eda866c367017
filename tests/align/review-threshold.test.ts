/**
 * toTranslationUnits keeps doubtful pairs apart: pairs under `minConfidence` (0.9 by default, what the
 * calibration supports) become units that need review (state initial, subState mizan:needs-review).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { alignDocuments, toTranslationUnits, type AlignedPair, type DocumentAlignment } from '../../src/align/index.js'
import { defaultMinConfidence } from '../../src/align/align-documents.js'
import { OptionsError } from '../../src/errors.js'
import { needsReview } from '../../src/tm/needs-review.js'
import { needsReviewSubState } from '../../src/types.js'

const repoRoot = resolve(import.meta.dirname, '../..')
const corpus = (name: string) => readFileSync(resolve(repoRoot, 'corpus/xi-rahmon-samarkand', name), 'utf8')

/** An alignment of one-sentence pairs with the given scores (only what toTranslationUnits reads). */
function alignmentWith(scores: readonly number[]): DocumentAlignment {
  const sentences = scores.map((_, index) => ({ text: `جملة ${index}.`, start: index * 10, end: index * 10 + 8 }))
  const pairs: AlignedPair[] = scores.map((score, index) => ({
    source: `جملة ${index}.`,
    target: `Sentence ${index}.`,
    sourceSentences: [index],
    targetSentences: [index],
    sourceStart: index * 10,
    sourceEnd: index * 10 + 8,
    targetStart: index * 12,
    targetEnd: index * 12 + 11,
    score,
    posterior: score,
    shape: '1-1',
  }))
  return { sourceSentences: sentences, targetSentences: sentences, beads: [], pairs } as unknown as DocumentAlignment
}

describe('toTranslationUnits minConfidence', () => {
  const scores = [0.2, 0.5, 0.8999, 0.9, 0.97, 1]

  it('stores pairs under 0.9 as needing review and the others as translated, by default', () => {
    expect(defaultMinConfidence).toBe(0.9)
    const units = toTranslationUnits(alignmentWith(scores))
    expect(units.map((unit) => [unit.alignment!.score, unit.state, unit.subState])).toEqual([
      [0.2, 'initial', needsReviewSubState],
      [0.5, 'initial', needsReviewSubState],
      [0.8999, 'initial', needsReviewSubState],
      [0.9, 'translated', undefined],
      [0.97, 'translated', undefined],
      [1, 'translated', undefined],
    ])
    expect(units.map(needsReview)).toEqual([true, true, true, false, false, false])
  })

  it('takes another threshold, 0 for none, and overrides state only for the doubtful pairs', () => {
    const units = toTranslationUnits(alignmentWith(scores), { minConfidence: 0.6, state: 'reviewed' })
    expect(units.map((unit) => unit.state)).toEqual(['initial', 'initial', 'reviewed', 'reviewed', 'reviewed', 'reviewed'])
    expect(toTranslationUnits(alignmentWith(scores), { minConfidence: 0 }).some(needsReview)).toBe(false)
  })

  it('drops pairs under minScore before marking the rest', () => {
    const units = toTranslationUnits(alignmentWith(scores), { minScore: 0.5 })
    expect(units.map((unit) => [unit.alignment!.score, needsReview(unit)])).toEqual([
      [0.5, true],
      [0.8999, true],
      [0.9, false],
      [0.97, false],
      [1, false],
    ])
  })

  it('marks exactly the beads of a real alignment that score under the threshold', () => {
    const result = alignDocuments(corpus('ar.txt'), corpus('en.txt'), { sourceLang: 'ar', targetLang: 'en' })
    const units = toTranslationUnits(result)
    expect(units.map(needsReview)).toEqual(result.pairs.map((pair) => pair.score < 0.9))
  })

  it('refuses a threshold outside 0..1, naming the option', () => {
    for (const minConfidence of [-0.1, 1.5, Number.NaN, '0.9']) {
      expect(() => toTranslationUnits(alignmentWith(scores), { minConfidence: minConfidence as number })).toThrow(OptionsError)
      expect(() => toTranslationUnits(alignmentWith(scores), { minConfidence: minConfidence as number })).toThrow(/minConfidence/)
    }
  })
})
