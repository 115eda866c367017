/**
 * Rules shared by every language: web addresses and e-mail, ellipses, initials and dotted acronyms, and the
 * general break after a terminator. Language rule sets put their own exceptions first and these after.
 *
 * @module
 * @internal
 */
import type { SegmentRule } from './rules.js'
import { CJK_TERMINATOR, CLOSER, GAP, INVISIBLE_NOT_SPACE_CLASS, SENTENCE_START, TERMINATOR, WORD_START } from './patterns.js'

/** A break rule. @internal */
export function breakRule(before: string, after: string, note: string): SegmentRule {
  return { break: true, before, after, note }
}

/** A no-break rule (an exception). @internal */
export function noBreakRule(before: string, after: string, note: string): SegmentRule {
  return { break: false, before, after, note }
}

/** Exceptions inside web addresses and e-mail addresses, which are full of periods. @internal */
export function addressRules(): SegmentRule[] {
  return [
    noBreakRule('(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\\.)[^\\s]{0,300}', '[^\\s]', 'inside a web address: https://www.example.com/a.html'),
    noBreakRule('[\\p{L}\\p{Nd}_%+\\-]\\.', '[\\p{L}\\p{Nd}._%+\\-]{0,64}@[\\p{L}\\p{Nd}\\-]', 'inside the local part of an e-mail address: Jane.Doe@example.com'),
    noBreakRule('@[\\p{L}\\p{Nd}.\\-]{0,255}', '[\\p{L}\\p{Nd}]', 'inside the domain of an e-mail address'),
  ]
}

/**
 * Ellipses. Three dots (`...`, `. . .`, `…`) inside a sentence are an omission, not an end; four dots are a
 * period plus an ellipsis. After `word. . . .` the period ends the sentence and the ellipsis opens the next
 * one (as the Chicago Manual of Style writes it); `word . . . .` with a space before ends after the fourth dot.
 * @internal
 */
export function ellipsisRules(): SegmentRule[] {
  return [
    noBreakRule(`(?:\\[(?:\\.\\s?){3}\\]|\\[\\u2026\\])${CLOSER}{0,8}`, '', 'an omission in brackets, "[...]", is not an end'),
    noBreakRule('[\\p{L}\\p{M}\\p{Nd}][.!?](?:\\s\\.){3}', '\\s', 'a period followed by a spaced ellipsis: the break is before the ellipsis'),
    breakRule('[\\p{L}\\p{M}\\p{Nd}][.!?]', `(?:\\s\\.){3}${GAP}[\\p{Lu}\\p{Lt}]`, 'word. . . . Next: the period ends the sentence'),
    breakRule('(?:\\.\\s?){3}\\.' + `${CLOSER}{0,8}`, `${GAP}${SENTENCE_START}`, 'four dots end a sentence'),
    noBreakRule(`(?:(?:\\.\\s?){2}\\.|\\u2026)${CLOSER}{0,8}`, `${GAP}I(?![\\p{L}\\p{M}])`, 'an ellipsis before "I" is an omission'),
  ]
}

/**
 * Initials and dotted acronyms: `E. Smith`, `p. 55`, `U.S.A.`, `ص.ب.`. A single letter followed by a period
 * is not an end of sentence; a dotted acronym ends one only before a typical sentence opener.
 *
 * @param starters - an alternation of sentence-opening words, or undefined when the language has none
 * @internal
 */
export function initialRules(starters: string | undefined): SegmentRule[] {
  const rules: SegmentRule[] = []
  if (starters !== undefined) {
    rules.push(
      breakRule(`${WORD_START}I\\.`, `${GAP}${starters}(?![\\p{L}\\p{M}])`, '"you and I. Did you..." : the pronoun I ends a sentence before an opener'),
      breakRule(`${WORD_START}(?:\\p{L}\\.){2,8}`, `${GAP}${starters}(?![\\p{L}\\p{M}])`, 'a dotted acronym ends a sentence before an opener: "the U.S. How..."'),
    )
  }
  rules.push(
    noBreakRule(
      '(?:^|[\\n\\r\\u2028\\u2029])[ \\t\\u00A0]{0,8}[\\p{Nd}]{1,4}(?:\\.[\\p{Nd}]{1,3}){0,4}\\.',
      `${INVISIBLE_NOT_SPACE_CLASS}*\\s`,
      'a paragraph number at the start of a line: "190. Complaints received..." (UN documents number their paragraphs)',
    ),
    noBreakRule(
      '(?:^|[\\n\\r\\u2028\\u2029.!?:;\\u061F\\u061B])[ \\t\\u00A0]{0,8}\\(?(?:[\\p{Nd}]{1,3}|\\p{L})\\.\\)',
      '',
      'a list marker written "1.)" or "a.)" where a sentence starts: "1.) Preheat the oven." is one sentence',
    ),
    noBreakRule(
      // Not after a letter and an apostrophe: the "s" of "year's." and the "t" of "won't." end words, not initials.
      `${WORD_START}(?<!\\p{L}['\\u2019\\u02BC])(?:\\p{L}\\p{M}*${INVISIBLE_NOT_SPACE_CLASS}{0,2}\\.){1,8}`,
      `${INVISIBLE_NOT_SPACE_CLASS}*\\s`,
      'an initial or dotted acronym: "Jonas E. Smith", "the U.S. Government", also with a bidi mark before the period ("د\\u202A.\\u202C")',
    ),
    noBreakRule(
      `\\((?:[\\p{L}\\p{M}]{1,3}\\.){1,4}\\)`,
      '',
      'a short abbreviation in brackets goes on: "(أ.م.)", "(Ind.)", "(U.S.)" inside a sentence',
    ),
  )
  return rules
}

/**
 * The general break: a terminator, then closing quotes and brackets, then space and a sentence start. Also
 * after numbered citation marks that follow the terminator (`at large.[7][8] This`, Wikipedia's style), before
 * a dialogue dash (`What do you see? - Nothing.`: a single hyphen with a space after it, so `-- voila! --` and
 * a minus sign are left alone), and after a CJK terminator without any space.
 * @internal
 */
export function terminalRules(): SegmentRule[] {
  return [
    breakRule(`${TERMINATOR}${CLOSER}{0,8}`, `${GAP}${SENTENCE_START}`, 'a terminator, closing quotes or brackets, then white space and a new sentence'),
    breakRule(
      `${TERMINATOR}${CLOSER}{0,8}(?:\\[[\\p{Nd}]{1,4}(?:[\\-\\u2013,][\\p{Nd}]{1,4})?\\]){1,8}`,
      `${GAP}${SENTENCE_START}`,
      'citation marks after the terminator belong to the sentence they close: "at large.[7][8] This..."',
    ),
    breakRule(`${TERMINATOR}${CLOSER}{0,8}`, `${GAP}-[ \\t\\u00A0][\\p{Lu}\\p{Lt}\\p{Lo}"'\\u201C\\u00AB]`, 'a dash that opens a line of dialogue: "What do you see? - Posted like..."'),
    breakRule(`${CJK_TERMINATOR}${CLOSER}{0,8}`, '[^\\s\\u3002\\uFF01\\uFF0E\\uFF1F\\uFF61\\u300D\\u300F\\uFF09]', 'a CJK full stop needs no space after it: "下雨了。我们走吧。", "period．Does"'),
  ]
}
