/**
 * Issue #12: translations a dictionary offers that the other document never uses. A general dictionary gives an
 * Arabic word a dozen English translations; those the translator did not use can match nothing, and must not
 * push out (at the per-sentence key cap, options.ts maxLexiconKeys) the ones the translation does contain.
 */
import { describe, expect, it } from 'vitest'
import { alignSentences } from '../../src/align/align-sentences.js'
import type { LexiconEntry } from '../../src/align/lexicon.js'
import { marketArabic, marketEnglish } from '../fixtures/documents.js'

// Our own short news item; the English leaves out the second Arabic sentence.
const arabic = marketArabic
const english = marketEnglish
const used: Array<[string, string]> = [
  ['السوق', 'market'],
  ['الجديد', 'new'],
  ['صباح', 'morning'],
  ['الأحد', 'Sunday'],
  ['المدينة', 'city'],
  ['القديمة', 'old'],
  ['وسط', 'centre'],
  ['أبوابه', 'doors'],
  ['التجار', 'traders'],
  ['اليوم', 'day'],
  ['الأول', 'first'],
  ['الإقبال', 'turnout'],
  ['المسؤولون', 'officials'],
  ['الزوار', 'visitors'],
  ['القرى', 'villages'],
  ['المجاورة', 'nearby'],
]

/** The dictionary with `unused` translations (words absent from the English) listed before each used one. */
function withUnused(unused: number): LexiconEntry[] {
  return used.flatMap(([source, target], w) => [...Array.from({ length: unused }, (_, k) => ({ source, target: `unused${w}x${k}` })), { source, target }])
}

const align = (dictionary: LexiconEntry[]) => alignSentences(arabic, english, { sourceLang: 'ar', targetLang: 'en', dictionary }).beads

describe('translations the other document never uses', () => {
  it('change neither the beads nor their scores, however many the dictionary lists', () => {
    const plain = align(withUnused(0))
    // The first sentence has 8 dictionary words: with 4 unused translations each it makes 40 keys, more than the
    // cap of 12; before the fix the cap kept unused keys and the beads lost evidence (score 0.52 → 0.41 with 8).
    for (const unused of [1, 4, 8]) expect(align(withUnused(unused))).toEqual(plain)
  })
})

describe('a dictionary just short of a general one', () => {
  it('is read as a glossary with fixed beads too: its own entries are counted, not the closed-class words added to them', () => {
    // 9,950 entries of words neither document has, written with letters only: with the 79 closed-class entries the
    // merged list passes 10,000 (confidence.ts, isGeneralDictionary), the user's own does not.
    const letters = (k: number, alphabet: string) => Array.from(k.toString(20).padStart(4, '0'), (digit) => alphabet[parseInt(digit, 20)]).join('')
    const glossary = Array.from({ length: 9950 }, (_, k) => ({ source: `ظظ${letters(k, 'ابتثجحخدذرزسشصضطظعغف')}`, target: `zq${letters(k, 'abcdefghijklmnoprstu')}` }))
    for (const fixed of [[], [{ source: [0], target: [0] }]]) {
      const options = { sourceLang: 'ar', targetLang: 'en', fixed }
      const { beads, verdict } = alignSentences(arabic, english, { ...options, dictionary: glossary })
      const without = alignSentences(arabic, english, options)
      expect({ beads, verdict }).toEqual({ beads: without.beads, verdict: without.verdict })
    }
  })
})
