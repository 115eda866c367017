/**
 * The Arabic rule list. Arabic has no letter case, so the English cue "a capital letter follows" is absent:
 * a terminator followed by white space ends a sentence unless an exception says otherwise. The exceptions
 * are abbreviations (`د.` `أ.د.` `ص.ب.`), era markers after a year (`هـ.` `م.` `ق.م.`, which may also end a
 * sentence), Latin abbreviations inside Arabic text, numbers in any digit script, and web addresses.
 * A missing space after the mark (`الدرس.بدأت`) still breaks between two Arabic words.
 *
 * @module
 */
import { arabicAbbreviations, arabicDateContinuations, arabicEraMarkers } from './abbreviations.js'
import { addressRules, breakRule, ellipsisRules, initialRules, noBreakRule, terminalRules } from './common.js'
import { latinAbbreviationRules } from './english.js'
import { alternation, ARABIC_LETTER, CLOSER, GAP, INVISIBLE_CLASS, SENTENCE_START, WORD_END, WORD_START } from './patterns.js'
import type { LanguageRules } from './rules.js'

const era = `[\\p{Nd}]${INVISIBLE_CLASS}?\\s?${alternation(arabicEraMarkers, 'end')}\\.`
const continuation = `(?:${alternation(arabicDateContinuations)}${WORD_END}|(?:و\\s?)?[\\p{Nd}]|[\\-\\u2013\\u2014/(])`

/**
 * The built-in Arabic rules, in order. Part of {@link defaultSegmentationRules}.
 *
 * @example
 * ```ts
 * import { arabicRules } from './arabic.js'
 * arabicRules.name // 'Arabic'
 * ```
 * @internal
 */
export const arabicRules: LanguageRules = {
  name: 'Arabic',
  rules: [
    ...addressRules(),
    ...ellipsisRules(),
    noBreakRule(era, `${GAP}${continuation}`, 'a date goes on after the era marker: "1445 هـ. الموافق 2023 م."'),
    breakRule(era, `${GAP}${SENTENCE_START}`, 'an era marker after a year may end a sentence: "توفي سنة 505 هـ. وكان..."'),
    noBreakRule(`${WORD_START}${alternation(arabicAbbreviations, 'end')}\\.`, '', 'an Arabic abbreviation: "أ.د." "ص.ب." "مج."'),
    ...latinAbbreviationRules(false),
    ...initialRules(undefined),
    breakRule(`${ARABIC_LETTER}\\p{M}*${ARABIC_LETTER}\\p{M}*[.!?\\u061F\\u06D4\\u2026]${CLOSER}{0,8}`, `${INVISIBLE_CLASS}*${ARABIC_LETTER}`, 'a missing space after the mark, between Arabic words: "الدرس.بدأت"'),
    ...terminalRules(),
  ],
}
