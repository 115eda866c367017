/**
 * Arabic character tables shared by the two places that build matching forms of text: the memory's matching keys
 * (`src/tm/normalize.ts`) and the aligner's word keys (`src/align/tokens.ts`). One definition, so both drop and
 * fold exactly the same characters.
 *
 * Code points and their roles are from the Unicode Standard 15.0, chapter 9.2 (Arabic) and the Arabic,
 * Arabic Extended-A and General Punctuation code charts; which spelling variants to fold follows Habash (2010),
 * "Introduction to Arabic Natural Language Processing", chapter 2.
 *
 * @module
 * @internal
 */

/** An inclusive range of UTF-16 code units `[first, last]`. @internal */
export type CodeRange = readonly [number, number]

/**
 * Arabic diacritics that a matching form drops: the honorific and Quranic signs above letters (U+0610–U+061A),
 * harakat, tanwin, shadda, sukun and hamza/madda marks (U+064B–U+065F), the superscript (dagger) alef (U+0670),
 * the Quranic annotation marks, small letters, end-of-ayah and sajdah signs of the Uthmani script (U+06D6–U+06ED),
 * and the Quranic marks of Arabic Extended-A (U+08D3–U+08FF).
 *
 * @internal
 */
const ARABIC_MARKS: readonly CodeRange[] = [
  [0x0610, 0x061a],
  [0x064b, 0x065f],
  [0x0670, 0x0670],
  [0x06d6, 0x06ed],
  [0x08d3, 0x08ff],
]

/** Tatweel (kashida, U+0640): a stretching stroke, no letter. @internal */
const TATWEEL = 0x0640

/**
 * Invisible format characters that change rendering, not words: the soft hyphen (U+00AD), the Arabic letter mark
 * (U+061C), zero-width space, joiners and the LRM/RLM marks (U+200B–U+200F), the bidi embeddings and overrides
 * (U+202A–U+202E), the bidi isolates (U+2066–U+2069) and the byte order mark (U+FEFF).
 *
 * @internal
 */
const INVISIBLE_FORMATS: readonly CodeRange[] = [
  [0x00ad, 0x00ad],
  [0x061c, 0x061c],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
  [0xfeff, 0xfeff],
]

/** Everything a matching form drops: {@link INVISIBLE_FORMATS}, {@link TATWEEL} and {@link ARABIC_MARKS}. @internal */
export const DROPPED_FOR_MATCHING: readonly CodeRange[] = [...INVISIBLE_FORMATS, [TATWEEL, TATWEEL], ...ARABIC_MARKS]

/** Alef with madda, hamza above, hamza below, alef wasla, and alef with wavy hamza above/below: all fold to bare alef. @internal */
export const ALEF_VARIANTS: readonly number[] = [0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673]
/** Bare alef (U+0627). @internal */
export const ALEF = 0x0627
/** Alef maqsura (U+0649), folded to ya. @internal */
export const ALEF_MAQSURA = 0x0649
/** Ya (U+064A). @internal */
export const YA = 0x064a
/** Arabic-Indic digit zero (U+0660); the ten digits are consecutive. @internal */
export const ARABIC_INDIC_ZERO = 0x0660
/** Extended Arabic-Indic (Persian, Urdu) digit zero (U+06F0); the ten digits are consecutive. @internal */
export const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0
/** Arabic decimal separator `٫` (U+066B). @internal */
export const ARABIC_DECIMAL_SEPARATOR = 0x066b
/** Arabic thousands separator `٬` (U+066C). @internal */
export const ARABIC_THOUSANDS_SEPARATOR = 0x066c

/**
 * Arabic-script punctuation and its ASCII counterpart: comma ، , semicolon ؛ , question mark ؟ , the Urdu full
 * stop ۔ , percent sign ٪ , and the decimal (٫ → `.`) and thousands (٬ → `,`) separators.
 *
 * @internal
 */
export const ARABIC_PUNCTUATION: ReadonlyMap<number, string> = new Map([
  [0x060c, ','],
  [0x061b, ';'],
  [0x061f, '?'],
  [0x06d4, '.'],
  [0x066a, '%'],
  [ARABIC_DECIMAL_SEPARATOR, '.'],
  [ARABIC_THOUSANDS_SEPARATOR, ','],
])

/** One byte per UTF-16 code unit, 1 where {@link DROPPED_FOR_MATCHING} has it: an O(1) test for hot loops. */
const DROPPED_UNITS: Uint8Array = (() => {
  const table = new Uint8Array(0x10000)
  for (const [first, last] of DROPPED_FOR_MATCHING) table.fill(1, first, last + 1)
  return table
})()

/**
 * Whether a matching form drops this UTF-16 code unit (an invisible format character, tatweel or an Arabic
 * diacritic), in O(1).
 *
 * @param code - a UTF-16 code unit (`text.charCodeAt(i)`)
 * @returns true for the characters of {@link DROPPED_FOR_MATCHING}
 * @example
 * ```ts
 * isDroppedForMatching(0x064e) // true (fatha)
 * isDroppedForMatching(0x0627) // false (alef)
 * ```
 * @internal
 */
export function isDroppedForMatching(code: number): boolean {
  return DROPPED_UNITS[code] === 1
}

/**
 * A regular-expression character class matching `ranges`, e.g. `[\u0610-\u061A...]`, for `replace` passes.
 *
 * @internal
 */
export function characterClass(ranges: readonly CodeRange[]): string {
  const hex = (code: number) => `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`
  return `[${ranges.map(([first, last]) => (first === last ? hex(first) : `${hex(first)}-${hex(last)}`)).join('')}]`
}
