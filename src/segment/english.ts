/**
 * The English rule list: exceptions for abbreviations, initials, numbers, addresses and ellipses, then the
 * general break. Written against the Golden Rules of Pragmatic Segmenter (Dias 2015) and pySBD's regression
 * cases (Sadvilkar & Neumann 2020), which the tests run; the rules themselves are our own.
 *
 * @module
 */
import { englishAbbreviations, englishCalendarWords, englishNumberAbbreviations, englishSentenceStarters, englishTitleAbbreviations, exclamationNames } from './abbreviations.js'
import { addressRules, breakRule, ellipsisRules, initialRules, noBreakRule, terminalRules } from './common.js'
import { alternation, GAP, WORD_END, WORD_START } from './patterns.js'
import type { LanguageRules, SegmentRule } from './rules.js'

/** The starter words as one pattern. @internal */
export const englishStarterPattern = `${alternation(englishSentenceStarters)}${WORD_END}`

/**
 * The number abbreviations as listed, capitalised and in capitals (`sec.`, `Sec.`, `SEC. 1262`): headings and
 * statutes capitalise them. Single letters are left to the initials rule.
 */
const numberAbbreviationForms = [
  ...new Set(
    englishNumberAbbreviations.flatMap((word) => ([...word].length < 2 ? [word] : [word, word[0]!.toUpperCase() + word.slice(1), word.toUpperCase()])),
  ),
]

/**
 * No-break rules for Latin-script abbreviations, shared with the Arabic rules (Latin text inside Arabic).
 * @internal
 */
export function latinAbbreviationRules(withStarters: boolean): SegmentRule[] {
  const rules: SegmentRule[] = [
    noBreakRule(`${WORD_START}${alternation(exclamationNames, 'end')}!`, `${GAP}`, 'a name written with "!": "Yahoo! Research"'),
    noBreakRule(`${WORD_START}${alternation(englishTitleAbbreviations, 'end')}\\.`, '', 'a title before a name never ends a sentence: "Mr. Smith", "Mt. Fuji"'),
    noBreakRule(`${WORD_START}${alternation(numberAbbreviationForms, 'end')}\\.`, `${GAP}[^\\p{L}\\s]`, 'an abbreviation before a number or reference: "p. 55", "Fig. 3", "No. 7", "SEC. 12", "Rs. 500"'),
  ]
  if (withStarters) {
    rules.push(breakRule(`${WORD_START}${alternation(englishAbbreviations, 'end')}\\.`, `${GAP}${englishStarterPattern}`, 'an abbreviation ends a sentence before an opener: "Jane and co. They..."'))
  }
  rules.push(noBreakRule(`${WORD_START}${alternation(englishAbbreviations, 'end')}\\.`, '', 'otherwise an abbreviation does not end a sentence: "Pitt, Briggs & Co. at noon"'))
  return rules
}

/**
 * The built-in English rules, in order. Part of {@link defaultSegmentationRules}.
 *
 * @example
 * ```ts
 * import { englishRules } from './english.js'
 * englishRules.rules.filter((rule) => rule.break).length // how many break rules
 * ```
 * @internal
 */
export const englishRules: LanguageRules = {
  name: 'English',
  rules: [
    ...addressRules(),
    ...ellipsisRules(),
    breakRule('[\\p{Nd}]\\s?(?:A\\.M|P\\.M)\\.', `${GAP}[\\p{Lu}\\p{Lt}]`, 'upper-case "6 P.M." before a capital ends a sentence: "at 6 P.M. Mr. Smith left" breaks'),
    breakRule(
      '[\\p{Nd}]\\s?(?:a\\.m|p\\.m)\\.',
      `${GAP}(?!${alternation(englishTitleAbbreviations)}\\.)(?!${alternation(englishCalendarWords)}${WORD_END})(?:[\\p{Lu}\\p{Lt}]\\p{Ll}|I${WORD_END})`,
      'lower-case "6 a.m." ends a sentence before a capitalised word ("at 6 a.m. Travellers who..."), but not before a title or a day ("at 5 a.m. Mr. Smith", "at 9 a.m. Monday")',
    ),
    ...latinAbbreviationRules(true),
    ...initialRules(englishStarterPattern),
    breakRule('(?:\\p{Ll}\\p{M}*){2}[.!?]|[\\p{Nd}][.!?]', '[\\p{Lu}\\p{Lt}]\\p{Ll}', 'a missing space after the period: "Hello world.Today is Tuesday."'),
    breakRule(
      '(?:(?:\\p{Ll}\\p{M}*){2}|\\))[.!?][\\p{Nd}]{1,3}(?:(?:,[ ]?|[ ])[\\p{Nd}]{1,3}){0,7}',
      `${GAP}[\\p{Lu}\\p{Lt}]\\p{Ll}`,
      'footnote numbers written after the period: "in a consultation.11 12 Take the..." ends after the numbers',
    ),
    ...terminalRules(),
  ],
}
