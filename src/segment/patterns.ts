/**
 * Regular-expression building blocks shared by the built-in rule sets.
 *
 * Every pattern here is written in the common subset of JavaScript (`u` flag) and ICU regular expressions,
 * because the rules are exported as SRX 2.0 and read back by Java/ICU tools such as OmegaT and Okapi.
 * That rules out `\u{...}` escapes (ICU writes `\x{...}`) and unbounded look-behind inside a pattern.
 * JavaScript's `\b`, `\w` and `\d` are ASCII-only even with `/u`, so letters, marks and digits are always
 * `\p{L}`, `\p{M}` and `\p{Nd}`.
 *
 * @module
 * @internal
 */

/**
 * Invisible format characters that must never break or shift a boundary: Arabic letter mark (U+061C),
 * zero-width space/joiners and LRM/RLM (U+200B..U+200F), the bidi embeddings and overrides (U+202A..U+202E),
 * word joiner (U+2060), the bidi isolates (U+2066..U+2069) and the BOM (U+FEFF).
 * @internal
 */
export const INVISIBLE_CLASS = '[\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]'

/**
 * {@link INVISIBLE_CLASS} without the BOM (U+FEFF), which JavaScript's and ICU's `\s` also match: the invisible
 * marks that are not white space. Patterns that put invisible marks next to `\s` use this class, so that no
 * character can be read by two neighbouring repeated atoms (see {@link GAP}).
 * @internal
 */
export const INVISIBLE_NOT_SPACE_CLASS = '[\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069]'

/** The same set as a JavaScript regex, for trimming spans. @internal */
export const INVISIBLE_RE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u

/**
 * Sentence terminators: `. ! ?`, Arabic question mark `؟` (U+061F), Urdu full stop `۔` (U+06D4),
 * ellipsis `…` (U+2026), `‼ ⁇ ⁈ ⁉`, the ideographic full stop `。` (U+3002), the full-width `！ ？ ．`
 * (U+FF01, U+FF1F, U+FF0E) and the half-width ideographic full stop `｡` (U+FF61).
 * @internal
 */
export const TERMINATOR = '[.!?\\u061F\\u06D4\\u2026\\u203C\\u2047-\\u2049\\u3002\\uFF01\\uFF0E\\uFF1F\\uFF61]'

/**
 * The terminators of CJK text, which need no space after them: `。 ！ ． ？ ｡`. Latin text uses the full-width
 * full stop too (text typed with a CJK input method), and there it also ends a sentence without a space.
 * @internal
 */
export const CJK_TERMINATOR = '[\\u3002\\uFF01\\uFF0E\\uFF1F\\uFF61]'

/** Closing quotes and brackets that stay with the sentence they close: `» ” ’ › " ' ) ] }` and CJK corner brackets. @internal */
export const CLOSER = '[\\u00BB\\u201D\\u2019\\u203A"\')\\]}\\u300D\\u300F\\uFF09]'

/**
 * White space between sentences, allowing invisible bidi marks on either side of it and among it: marks that are
 * not white space, then one white-space character, then any run of white space and marks.
 *
 * Written so that every character has one reading. The obvious `[marks]*\s+[marks]*` lets a run of U+FEFF (a
 * mark that `\s` also matches) be split three ways, and a failing match tried every split: cubic time in the
 * length of the run (issue #17). Here the first run and the single `\s` cannot overlap, and the last run is
 * followed only by what may start a sentence (never a space or a mark), so a match costs at most one step back
 * per character of the gap.
 * @internal
 */
export const GAP = `${INVISIBLE_NOT_SPACE_CLASS}*\\s[\\s\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]*`

/** Not preceded by a letter, mark or digit: the start of a word (a bounded look-behind, valid in ICU). @internal */
export const WORD_START = '(?<![\\p{L}\\p{M}\\p{Nd}])'

/** Not followed by a letter, mark or digit: the end of a word. @internal */
export const WORD_END = '(?![\\p{L}\\p{M}\\p{Nd}])'

/**
 * What may begin a new sentence: a letter that is not lower case (upper case, title case, or a caseless
 * script such as Arabic), a digit, an opening quote or bracket (a backtick too: older English corpora such as
 * the Penn Treebank open quotes with `` ` ``), or a dash that opens dialogue.
 * A lower-case letter or a comma after `.` means the sentence goes on (`Yahoo! in`, `e.g., the`).
 * @internal
 */
export const SENTENCE_START = '[\\p{Lu}\\p{Lt}\\p{Lo}\\p{Nd}"\'`\\u00AB\\u201C\\u2018\\u2039(\\[{\\u00BF\\u00A1\\u2013\\u2014]'

/** Arabic-script letters (hamza to yeh, including tatweel U+0640, and the extended letters). @internal */
export const ARABIC_LETTER = '[\\u0621-\\u064A\\u066E-\\u066F\\u0671-\\u06D3\\u06D5\\u06FA-\\u06FC\\u0750-\\u077F]'

/** Escapes a literal string for use inside a pattern. @internal */
function escapePattern(literal: string): string {
  return literal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')
}

/**
 * An alternation of literals, written as a trie so a regex engine compares each character once instead of
 * trying every word in turn: grouped by first character for words read forwards (look-ahead), by last
 * character for words read backwards (JavaScript matches a look-behind from right to left). It matches exactly
 * the same strings as `(?:word1|word2|...)`.
 * @internal
 */
export function alternation(literals: readonly string[], readFrom: 'start' | 'end' = 'start'): string {
  const words = [...new Set(literals)]
  return `(?:${trie(words, readFrom)})`
}

function trie(words: readonly string[], readFrom: 'start' | 'end'): string {
  const optional = words.includes('')
  const groups = new Map<string, string[]>()
  for (const word of words) {
    if (word === '') continue
    const chars = [...word]
    const key = readFrom === 'start' ? chars[0]! : chars[chars.length - 1]!
    const rest = readFrom === 'start' ? chars.slice(1).join('') : chars.slice(0, -1).join('')
    groups.set(key, [...(groups.get(key) ?? []), rest])
  }
  const branches = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, rests]) => {
      const inner = rests.length === 1 && rests[0] !== '' ? escapePattern(rests[0]!) : rests.every((rest) => rest === '') ? '' : `(?:${trie(rests, readFrom)})`
      return readFrom === 'start' ? `${escapePattern(key)}${inner}` : `${inner}${escapePattern(key)}`
    })
  const body = branches.join('|')
  return optional ? `(?:${body})?` : body
}
