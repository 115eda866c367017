/**
 * Invariants of segmentSentences over any string (fast-check): spans are in order and do not overlap, each
 * `text` equals its slice, no span starts or ends with white space or an invisible bidi mark, nothing but white
 * space and invisible marks is left between spans, and no sentence runs across a blank line.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { segmentSentences, type LineBreakMode } from '../../src/index.js'

const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u
const isGap = (char: string) => /\s/u.test(char) || INVISIBLE.test(char)

/** Characters that matter to the rules, so random strings hit them often. */
const pieces = [
  ...'اأإبتثجحخدرزسشصضطظعغفقكلمنهويىةـ',
  '\u064E', '\u0650', '\u0651', 'هـ', 'د.', 'أ.د.', 'ص.ب.', 'ق.م.', 'م.',
  ...'abcXYZ', 'Mr', 'U.S.', 'e.g.', 'I', 'The', 'http://a.b', 'x@y.com',
  ...'0123456789٠١٢٣٤٥٦٧٨٩۱۲',
  ...'.!?؟۔…،؛:,;"\'«»“”‘’()[]{}•⁃-',
  ' ', ' ', ' ', '  ', '\n', '\n\n', '\r\n', '\t', '\u00A0', '\u2029',
  '\u200F', '\u200E', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\uFEFF',
  '1.', '2.', '1)', 'a.', 'b.', '١.', '٢.', '...', '. . .', '😀',
]
const mixedText = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(''))
const anyText = fc.oneof(mixedText, fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }))
const lang = fc.constantFrom('ar', 'en', 'fr', 'ar-EG', 'zh')
const lineBreaks = fc.constantFrom<LineBreakMode>('auto', 'break', 'space')

function checkInvariants(input: string, sentences: ReturnType<typeof segmentSentences>): void {
  let previousEnd = 0
  for (const sentence of sentences) {
    expect(sentence.start).toBeGreaterThanOrEqual(previousEnd)
    expect(sentence.end).toBeGreaterThan(sentence.start)
    expect(input.slice(sentence.start, sentence.end)).toBe(sentence.text)
    expect(isGap(sentence.text[0]!)).toBe(false)
    expect(isGap(sentence.text[sentence.text.length - 1]!)).toBe(false)
    for (const char of input.slice(previousEnd, sentence.start)) expect(isGap(char)).toBe(true)
    expect(/\n[^\S\n]*\n/u.test(sentence.text)).toBe(false)
    previousEnd = sentence.end
  }
  for (const char of input.slice(previousEnd)) expect(isGap(char)).toBe(true)
}

describe('segmentSentences (properties)', () => {
  it('gives ordered, disjoint spans equal to their slices, losing nothing but white space', () => {
    fc.assert(
      fc.property(anyText, lang, lineBreaks, fc.boolean(), (input, tag, mode, listItems) => {
        checkInvariants(input, segmentSentences(input, tag, { lineBreaks: mode, listItems }))
      }),
      { numRuns: 600 },
    )
  })

  it('gives the same sentences for a text and for the same text between blank lines', () => {
    fc.assert(
      fc.property(mixedText, lang, (input, tag) => {
        const plain = segmentSentences(input, tag).map((s) => s.text)
        const padded = segmentSentences(`\n\n${input}\n\n`, tag).map((s) => s.text)
        expect(padded).toEqual(plain)
      }),
      { numRuns: 300 },
    )
  })

  it('never splits inside a run of text without terminators, line breaks or list markers', () => {
    const plainWords = fc.array(fc.constantFrom(...'اأبتثجدرسشصعفقكلمنهويـ ،؛:abcXYZ'), { minLength: 1, maxLength: 60 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(plainWords, lang, (input, tag) => {
        expect(segmentSentences(input, tag).length).toBeLessThanOrEqual(1)
      }),
      { numRuns: 300 },
    )
  })
})
