import { describe, expect, it } from 'vitest'
import { alignedDocuments, reviewDocumentFromUnits } from '../../src/review/memory-document.js'
import { ReviewError } from '../../src/review/review-error.js'
import type { TranslationUnit } from '../../src/types.js'

let id = 0
function unit(source: string, target: string, s: number[], t: number[], extra: Partial<TranslationUnit> = {}, document = 'ar.txt'): TranslationUnit {
  return { id: `u${++id}`, source, target, origin: { document, sourceSentences: s, targetSentences: t }, alignment: { score: 0.8, shape: `${s.length}-${t.length}` }, ...extra } as TranslationUnit
}
const languages = { sourceLang: 'ar', targetLang: 'en' }

describe('reviewDocumentFromUnits', () => {
  it('makes one bead per unit in sentence order, cutting a 1-2 unit back into its two target sentences', () => {
    const units = [
      unit('ثم غادر الوفد.', 'Then the delegation left. It was late.', [3], [4, 5]),
      unit('قال الرئيس إن عام 2024 كان صعبا.', 'The president said 2024 was hard.', [0], [0], { state: 'reviewed' }),
      unit('Hello.', 'Hello.', [0], [0], {}, 'other.txt'),
    ]
    const document = reviewDocumentFromUnits(units, 'ar.txt', languages)
    expect(document.source).toEqual(['قال الرئيس إن عام 2024 كان صعبا.', 'ثم غادر الوفد.'])
    expect(document.target).toEqual(['The president said 2024 was hard.', 'Then the delegation left.', 'It was late.'])
    expect(document.beads).toEqual([
      { source: [0], target: [0], state: 'confirmed', score: 0.8 },
      { source: [1], target: [1, 2], state: 'open', score: 0.8 },
    ])
  })

  it('keeps a unit whole when the segmenter does not find as many sentences as it held', () => {
    const document = reviewDocumentFromUnits([unit('جملة واحدة فقط', 'One. Two.', [0, 1], [0, 1])], 'ar.txt', languages)
    expect(document.beads[0]).toMatchObject({ source: [0], target: [0, 1] })
  })

  it('refuses two units that claim one sentence', () => {
    const units = [unit('أ.', 'A.', [0], [0]), unit('ب.', 'B.', [0], [1])]
    expect(() => reviewDocumentFromUnits(units, 'ar.txt', languages)).toThrow(ReviewError)
    expect(() => reviewDocumentFromUnits(units, 'ar.txt', languages)).toThrow(/source sentence 0, which an earlier unit holds too/)
  })

  it('refuses a document the memory does not hold', () => {
    expect(() => reviewDocumentFromUnits([], 'ar.txt', languages)).toThrow(/no aligned units of "ar.txt"/)
  })
})

describe('alignedDocuments', () => {
  it('lists the documents of units with sentence indexes on both sides', () => {
    expect(alignedDocuments([unit('أ.', 'A.', [0], [0], {}, 'b.txt'), unit('ب.', 'B.', [0], [0], {}, 'a.txt'), { id: 'x', source: 'ج', target: 'C' } as TranslationUnit])).toEqual(['a.txt', 'b.txt'])
  })
})
