/**
 * A small built-in Arabic–English lexicon of closed-class words: months (both the Gregorian names of Egypt and
 * the Maghreb, `يناير`, and the Syriac names of the Levant and Iraq, `كانون الثاني`), weekdays, number and scale
 * words, ordinals, fractions and percent, and a few dozen content words whose translation is near-certain in news
 * (`رئيس` / `president`, `حكومة` / `government`). A short document has few numbers and names; these words are in
 * nearly every news text and translate one way, so they link a sentence to its translation where nothing else
 * does (issue #12: Flores-200's three-sentence documents without a dictionary).
 *
 * Written for mizan from Modern Standard Arabic usage (no entry is taken from FreeDict or any other dictionary).
 * Entries are keyed like the user's dictionary (anchors.ts: Arabic light stems, English stems), so `والحكومة`
 * finds `government` and `governments`. Forms are listed where the stemmer does not join them: broken plurals
 * (`أطفال`), feminine forms (`الثالثة`), both spellings of hundred (`مئة`, `مائة`).
 *
 * Ambiguity is kept out by choice: May (`مايو`, `أيار`: the English word is mostly the modal verb), `آب` (August, also
 * father), `عالم` (scientist, but also world), `الأحد` and `الاثنين`
 * alone (Sunday and Monday, also "one of" and "two"; only `يوم الأحد` and `يوم الاثنين` pair), `عام` (year, but also
 * general and public).
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
  ['ثالث الثالث الثالثة', 'third'],
  ['رابع الرابع الرابعة', 'fourth'],
  ['خامس الخامس الخامسة', 'fifth'],
  ['سادس السادس السادسة', 'sixth'],
  ['سابع السابع السابعة', 'seventh'],
  ['ثامن الثامن الثامنة', 'eighth'],
  ['تاسع التاسع التاسعة', 'ninth'],
  ['عاشر العاشر العاشرة', 'tenth'],
  ['نصف', 'half'],
  ['ربع', 'quarter'],
  ['ثلث', 'third'],
  // Time.
  ['سنة سنوات سنين', 'year years'],
  ['يوم أيام', 'day days'],
  ['شهر أشهر شهور', 'month months'],
  ['أسبوع أسابيع', 'week weeks'],
  ['ساعة ساعات', 'hour hours'],
  ['دقيقة دقائق', 'minute minutes'],
  ['قرن قرون', 'century'],
  ['أمس', 'yesterday'],
  ['غدا', 'tomorrow'],
  ['صباح', 'morning'],
  ['مساء', 'evening'],
  ['ليلة ليل', 'night'],
  // People and institutions.
  ['رئيس رؤساء', 'president'],
  ['رئيس_الوزراء', 'prime_minister'],
  ['وزير وزراء وزيرة', 'minister'],
  ['وزارة', 'ministry'],
  ['حكومة حكومات', 'government'],
  ['برلمان', 'parliament'],
  ['مجلس', 'council'],
  ['محكمة محاكم', 'court'],
  ['شرطة', 'police'],
  ['جيش', 'army'],
  ['حزب أحزاب', 'party'],
  ['انتخابات', 'election elections'],
  ['ملك', 'king'],
  ['ملكة', 'queen'],
  ['شركة شركات', 'company'],
  ['جامعة جامعات', 'university'],
  ['مدرسة مدارس', 'school'],
  ['مستشفى', 'hospital'],
  ['طبيب أطباء', 'doctor'],
  ['علماء', 'scientist scientists'],
  ['طفل أطفال', 'child children'],
  ['امرأة نساء', 'woman women'],
  ['رجل رجال', 'man men'],
  ['الناس', 'people'],
  ['لاعب لاعبين', 'player'],
  ['فريق', 'team'],
  ['مباراة', 'match'],
  // Places and the world.
  ['مدينة مدن', 'city'],
  ['دولة دول', 'country state'],
  ['بلد بلدان', 'country'],
  ['العالم', 'world'],
  ['شمال', 'north northern'],
  ['جنوب', 'south southern'],
  ['شرق', 'east eastern'],
  ['غرب', 'west western'],
  ['جزيرة جزر', 'island'],
  ['بحر', 'sea'],
  ['نهر', 'river'],
  ['جبل جبال', 'mountain'],
  ['مطار', 'airport'],
  ['طائرة', 'plane aircraft'],
  ['سيارة سيارات', 'car'],
  ['ماء مياه', 'water'],
  ['زلزال', 'earthquake'],
  ['إعصار', 'hurricane'],
]

/** English words that translate each Arabic number word (closed-class-numbers.ts), by value. */
const NUMBER_NAMES: ReadonlyMap<number, string> = new Map(numberWords.english.map(([word, value]) => [value, word]))

/**
 * The closed-class lexicon as dictionary entries, `{ source, target }` in the direction asked, or `[]` for a
 * language pair other than Arabic and English. Number words are included when `numbers` is `'lexicon'` (`ثلاثة` /
 * `three`); with `'keys'` they are read as numbers instead (anchors.ts), and pair with digits too.
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
export function closedClassLexicon(sourceLang: string, targetLang: string, numbers: 'lexicon' | 'keys'): readonly LexiconEntry[] {
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
  if (withNumbers) for (const [word, value] of numberWords.arabic) pairs.push([word, NUMBER_NAMES.get(value)!])
  return Object.freeze(pairs.map(([arabic, english]) => Object.freeze(reverse ? { source: english, target: arabic } : { source: arabic, target: english })))
}
