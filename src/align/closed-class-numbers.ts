/**
 * Number words of Arabic and English, by value: `ثلاثة`, `three` and `3` say the same thing, and a short news text
 * often spells a number on one side and writes it in digits on the other (issue #12: Flores-200's three-sentence
 * documents have few anchors, and a number is the strongest there is).
 *
 * Written for mizan from the grammar of the numerals (Modern Standard Arabic: masculine and feminine forms of 3-10,
 * the tens in their nominative `-ون` and oblique `-ين` forms; clitics and the article are read off first, as the
 * light stemmer does), not copied from any dictionary. Only numbers a translator is likely to write the other way
 * are here: the units, ten and the tens, and the ordinals from third to tenth, which Arabic also uses for the hour
 * (`السادسة صباحا`, six in the morning) and English for dates. `one` / `واحد` are left out (in both languages a pronoun or an article as
 * often as a number: `no one`, `أحد`), and so are `اثنين` / `الاثنين` (also Monday); the teens are compounds
 * (`ثلاثة عشر`) whose parts would read as 3 and 10. Scale words (hundred, thousand, million) are lexicon pairs of
 * closed-class.ts instead: `3 million` and `3 ملايين` share their `3` already, and a scale word read as a value would
 * be a number that no digit string matches. Their dual is read as 2 (`ألفي كتاب`, two thousand books: English writes
 * the `two`), as is the dual of the units of time (`أسبوعين`, two weeks); `2000` in digits matches neither, as
 * `3 ملايين` does not match `3000000`.
 *
 * @module
 * @internal
 */

import { unifyAlef } from './tokens.js'

/** English number words and their values. */
const ENGLISH: ReadonlyArray<readonly [string, number]> = [
  ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10],
  ['twenty', 20], ['thirty', 30], ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
  ['third', 3], ['fourth', 4], ['fifth', 5], ['sixth', 6], ['seventh', 7], ['eighth', 8], ['ninth', 9], ['tenth', 10],
]

/** Arabic number words (alef forms unified to ا, ta marbuta as ة), every form a value is written in. */
const ARABIC: ReadonlyArray<readonly [string, number]> = [
  ['اثنان', 2], ['اثنتان', 2], ['اثنتين', 2],
  ['ثلاثة', 3], ['ثلاث', 3], ['اربعة', 4], ['اربع', 4], ['خمسة', 5], ['خمس', 5], ['ستة', 6], ['ست', 6],
  ['سبعة', 7], ['سبع', 7], ['ثمانية', 8], ['ثماني', 8], ['ثمان', 8], ['تسعة', 9], ['تسع', 9], ['عشرة', 10], ['عشر', 10],
  ['عشرون', 20], ['عشرين', 20], ['ثلاثون', 30], ['ثلاثين', 30], ['اربعون', 40], ['اربعين', 40], ['خمسون', 50], ['خمسين', 50],
  ['ستون', 60], ['ستين', 60], ['سبعون', 70], ['سبعين', 70], ['ثمانون', 80], ['ثمانين', 80], ['تسعون', 90], ['تسعين', 90],
  ['ثالث', 3], ['ثالثة', 3], ['رابع', 4], ['رابعة', 4], ['خامس', 5], ['خامسة', 5], ['سادس', 6], ['سادسة', 6],
  ['سابع', 7], ['سابعة', 7], ['ثامن', 8], ['ثامنة', 8], ['تاسع', 9], ['تاسعة', 9], ['عاشر', 10], ['عاشرة', 10],
  // The dual says "two" in one word: the scale words (`ألفي كتاب`, two thousand books) and the units of time, which
  // English writes with `two`.
  ...dual(['الف', 'مليون', 'مليار', 'مئة', 'مائة'], true),
  ...dual(['يوم', 'اسبوع', 'شهر', 'عام', 'سنة', 'ساعة', 'دقيقة'], false),
]

/**
 * The dual forms of nouns, each worth 2: nominative `-ان`, oblique `-ين`, and for a scale word joined to what it
 * counts, oblique `-ي` (`بألفي كتاب`). Not `-ا`: `ألفا`, `مليونا` are also the singular after the tens (`عشرين ألفا`,
 * twenty thousand); not `-ي` for time, where `يومي`, `شهري`, `عامي` are adjectives (daily, monthly, public). A noun in
 * ta marbuta takes `-تان` / `-تين` (`مئتان`, `ساعتين`).
 */
function dual(nouns: readonly string[], scale: boolean): Array<readonly [string, number]> {
  const out: Array<readonly [string, number]> = []
  for (const noun of nouns) {
    const stem = noun.endsWith('ة') ? `${noun.slice(0, -1)}ت` : noun
    for (const ending of scale ? ['ان', 'ين', 'ي'] : ['ان', 'ين']) out.push([stem + ending, 2])
  }
  return out
}

const ENGLISH_VALUES: ReadonlyMap<string, number> = new Map(ENGLISH)
const ARABIC_VALUES: ReadonlyMap<string, number> = new Map(ARABIC)
/** The clitics a number word may carry, longest first: conjunction and preposition, then the article. */
const ARABIC_CLITICS = ['وال', 'بال', 'فال', 'لل', 'ال', 'و', 'ب', 'ل', 'ف']

/**
 * The value of a number word, or undefined when the word is none of {@link ENGLISH}'s or {@link ARABIC}'s.
 *
 * @param word - a word token's text (lower-cased, Arabic marks dropped, as tokens.ts gives it)
 * @returns its value
 * @example
 * ```ts
 * numberWordValue('ثلاثة') // 3
 * numberWordValue('والعشرين') // 20
 * numberWordValue('twenty') // 20
 * numberWordValue('one') // undefined
 * ```
 * @internal
 */
export function numberWordValue(word: string): number | undefined {
  const english = ENGLISH_VALUES.get(word)
  if (english !== undefined) return english
  const code = word.charCodeAt(0)
  if (code < 0x0600 || code > 0x06ff) return undefined
  const unified = unifyAlef(word)
  const whole = ARABIC_VALUES.get(unified)
  if (whole !== undefined) return whole
  // A clitic is read off only when what is left is a number word (ستة, not وست… read as و + ست); each clitic that
  // the word starts with is tried, longest first (`بالفي` is ب + الفي, two thousand, not بال + في).
  for (const clitic of ARABIC_CLITICS) {
    if (!unified.startsWith(clitic)) continue
    const value = ARABIC_VALUES.get(unified.slice(clitic.length))
    if (value !== undefined) return value
  }
  return undefined
}

/**
 * Every number word with its value, Arabic then English: what the lexicon variant of the closed-class words pairs
 * (closed-class.ts) and what the tests read.
 *
 * @internal
 */
export const numberWords: { readonly arabic: ReadonlyArray<readonly [string, number]>; readonly english: ReadonlyArray<readonly [string, number]> } = { arabic: ARABIC, english: ENGLISH }
