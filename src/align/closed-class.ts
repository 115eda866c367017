/**
 * A small built-in Arabic–English lexicon of closed-class words: months (both the Gregorian names of Egypt and
 * the Maghreb, `يناير`, and the Syriac names of the Levant and Iraq, `كانون الثاني`), weekdays, scale words
 * (hundred to billion), first and second, fractions and percent. Number words from two to ninety and the ordinals
 * from third to tenth are in closed-class-numbers.ts: the search reads them as numbers, the confidence does not
 * (options.ts, `closedClassNumbers`). A short document has few numbers and names; dates, days and
 * quantities are in nearly every news text and translate one way, so they link a sentence to its translation where
 * nothing else does (issue #12: Flores-200's three-sentence documents without a dictionary).
 *
 * Written for mizan from Modern Standard Arabic usage (no entry is taken from FreeDict or any other dictionary).
 * Entries are keyed like the user's dictionary (anchors.ts: Arabic light stems, English stems), so `وبالمليارات`
 * finds `billion` and `billions`. Forms are listed where the stemmer does not join them (`مئة`, `مائة`, `مئات`).
 *
 * Ambiguity is kept out by choice: May (`مايو`, `أيار`: the English word is mostly the modal verb), `آب` (August,
 * also father), and `الأحد` and `الاثنين` alone (Sunday and Monday, also "one of" and "two": only `يوم الأحد` and
 * `يوم الاثنين` pair). Content words were tried and left out: a few dozen news words whose translation is
 * near-certain (`رئيس` / `president`, `حكومة` / `government`, `سنة` / `year`) called more true short documents
 * parallel but more unrelated ones too, and told them apart less well on the tuning sets (docs/alignment.md, "The
 * eighth issue #12 round").
 *
 * @module
 * @internal
 */

import type { LexiconEntry } from './lexicon.js'
import { numberWords } from './closed-class-numbers.js'
import { primaryLanguage } from './tokens.js'

/** Arabic forms (space-separated alternatives; `_` joins the words of a phrase) and their English translations. */
const TABLE: ReadonlyArray<readonly [string, string]> = [
  // Months, Gregorian names (Egypt, the Gulf, the Maghreb's spellings where they differ) and Syriac names.
  ['يناير كانون_الثاني جانفي', 'january'],
  ['فبراير شباط فيفري', 'february'],
  ['مارس آذار', 'march'],
  ['أبريل إبريل نيسان أفريل', 'april'],
  ['يونيو يونيه حزيران جوان', 'june'],
  ['يوليو يوليه تموز جويلية', 'july'],
  ['أغسطس أوت', 'august'],
  ['سبتمبر أيلول', 'september'],
  ['أكتوبر تشرين_الأول', 'october'],
  ['نوفمبر تشرين_الثاني', 'november'],
  ['ديسمبر كانون_الأول', 'december'],
  // Weekdays.
  ['يوم_الأحد', 'sunday'],
  ['يوم_الاثنين يوم_الإثنين', 'monday'],
  ['الثلاثاء', 'tuesday'],
  ['الأربعاء', 'wednesday'],
  ['الخميس', 'thursday'],
  ['الجمعة', 'friday'],
  ['السبت', 'saturday'],
  // Scale words, ordinals, fractions, percent.
  ['مئة مائة مئات', 'hundred hundreds'],
  ['مئتان مئتين مائتان مائتين', 'two_hundred'],
  ['ألف آلاف ألفا', 'thousand thousands'],
  ['مليون ملايين', 'million millions'],
  ['مليار مليارات', 'billion billions'],
  ['بالمئة بالمائة في_المئة في_المائة', 'percent per_cent'],
  ['أول الأول الأولى أولى', 'first'],
  ['الثاني الثانية', 'second'],
  ['نصف', 'half'],
  ['ربع', 'quarter'],
  ['ثلث', 'third'],
]


/**
 * The closed-class lexicon as dictionary entries, `{ source, target }` in the direction asked, or `[]` for a
 * language pair other than Arabic and English. Number words are included when `numbers` is `'lexicon'` (`ثلاثة` /
 * `three`); with `'keys'` they are read as numbers instead (anchors.ts), and pair with digits too; with `'none'`
 * they are left out.
 *
 * @param sourceLang - BCP-47 tag of the source side
 * @param targetLang - BCP-47 tag of the target side
 * @param numbers - how number words are paired
 * @returns the entries, the same array for the same arguments
 * @example
 * ```ts
 * closedClassLexicon('ar', 'en', 'keys').some((entry) => entry.source === 'يناير' && entry.target === 'january') // true
 * closedClassLexicon('de', 'fr', 'keys') // []
 * ```
 * @internal
 */
export function closedClassLexicon(sourceLang: string, targetLang: string, numbers: 'none' | 'lexicon' | 'keys'): readonly LexiconEntry[] {
  const source = primaryLanguage(sourceLang)
  const target = primaryLanguage(targetLang)
  const direction = source === 'ar' && target === 'en' ? 'forward' : source === 'en' && target === 'ar' ? 'reverse' : undefined
  if (!direction) return NONE
  const key = `${direction}:${numbers}`
  let entries = cache.get(key)
  if (!entries) cache.set(key, (entries = build(direction === 'reverse', numbers === 'lexicon')))
  return entries
}

const NONE: readonly LexiconEntry[] = []
const cache = new Map<string, readonly LexiconEntry[]>()

function build(reverse: boolean, withNumbers: boolean): readonly LexiconEntry[] {
  const pairs: Array<[string, string]> = []
  for (const [arabic, english] of TABLE) {
    for (const a of arabic.split(' ')) for (const e of english.split(' ')) pairs.push([a.replace(/_/g, ' '), e.replace(/_/g, ' ')])
  }
  if (withNumbers) for (const [word, value] of numberWords.arabic) for (const [english, same] of numberWords.english) if (same === value) pairs.push([word, english])
  return Object.freeze(pairs.map(([arabic, english]) => Object.freeze(reverse ? { source: english, target: arabic } : { source: arabic, target: english })))
}
