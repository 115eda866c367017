/**
 * Which side of the units a search runs on when the caller does not say: the query's script decides. A
 * translator types Arabic to find Arabic and English to find English; one memory serves ar→en and en→ar, so
 * searching the source side by default answered an English query with nothing (issue #14). OmegaT and Trados
 * search both languages for the same reason.
 *
 * @module
 */
import type { LanguageTag } from '../types.js'
import type { MatchSide } from '../storage/types.js'

/**
 * The side a search runs on: `'source'`, `'target'`, or `'auto'`, where the query's script picks the side whose
 * language is written in it (Arabic letters → the Arabic side, Latin letters → the Latin-script side).
 *
 * @example
 * ```ts
 * import { TranslationMemory, type SearchSide } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * const side: SearchSide = 'auto'
 * await tm.fuzzy('water crisis', { side }) // searches the English (target) side
 * ```
 * @group Memory
 */
export type SearchSide = MatchSide | 'auto'

/**
 * Languages written in Arabic script by default (their BCP-47 primary subtags): Arabic and its spoken varieties
 * with codes, Persian, Urdu, Pashto, Sindhi, Uyghur, Central Kurdish. A tag with the `Arab` script subtag counts
 * too, and one with `Latn` or `Cyrl` does not (e.g. `ku-Latn`).
 */
const ARABIC_SCRIPT_LANGUAGES = new Set(['ar', 'arb', 'arz', 'apc', 'ajp', 'acm', 'ary', 'aeb', 'arq', 'ayl', 'afb', 'fa', 'pes', 'prs', 'ur', 'ps', 'sd', 'ug', 'ckb'])

/** The script a language tag is written in, as far as the side choice needs: Arabic, or another. */
function isArabicScript(lang: LanguageTag): boolean {
  const subtags = lang.toLowerCase().split('-')
  const script = subtags.find((subtag, index) => index > 0 && subtag.length === 4)
  if (script !== undefined) return script === 'arab'
  return ARABIC_SCRIPT_LANGUAGES.has(subtags[0]!)
}

/** Letters of the Arabic script (the Arabic blocks and presentation forms). */
const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdff\ufe70-\ufefc]/gu
/** Latin letters (any Latin letter, accented or not). */
const LATIN_LETTER = /\p{Script=Latin}/gu

/**
 * Which script most of a query's letters are in: `'arabic'`, `'latin'`, or `undefined` for a tie or no letters
 * (digits, punctuation only).
 *
 * @internal
 */
export function queryScript(query: string): 'arabic' | 'latin' | undefined {
  const arabic = query.match(ARABIC_LETTER)?.length ?? 0
  const latin = query.match(LATIN_LETTER)?.length ?? 0
  if (arabic > latin) return 'arabic'
  if (latin > arabic) return 'latin'
  return undefined
}

/**
 * The side to search for `query`: `side` itself unless it is `'auto'`; for `'auto'`, the side whose language is
 * written in the script most of the query's letters are in. When the script settles nothing (no letters, a tie,
 * or both sides in the same script), the source side.
 *
 * @param query - the query text
 * @param side - the requested side
 * @param sourceLang - the memory's source language
 * @param targetLang - the memory's target language
 * @returns the side to search
 * @example
 * ```ts
 * import { resolveSearchSide } from './search-side.js'
 * resolveSearchSide('water crisis', 'auto', 'ar', 'en') // 'target'
 * resolveSearchSide('أزمة المياه', 'auto', 'ar', 'en')  // 'source'
 * resolveSearchSide('2024', 'auto', 'ar', 'en')         // 'source'
 * ```
 * @internal
 */
export function resolveSearchSide(query: string, side: SearchSide, sourceLang: LanguageTag, targetLang: LanguageTag): MatchSide {
  if (side !== 'auto') return side
  const script = queryScript(query)
  if (script === undefined) return 'source'
  const sourceArabic = isArabicScript(sourceLang)
  const targetArabic = isArabicScript(targetLang)
  if (sourceArabic === targetArabic) return 'source'
  const wantArabic = script === 'arabic'
  return sourceArabic === wantArabic ? 'source' : 'target'
}
