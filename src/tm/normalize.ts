/**
 * Matching keys: the normalised form of a text that exact and fuzzy matching compare. The original text is never
 * changed; only keys are normalised.
 *
 * The default key follows the matching contract in ARCHITECTURE.md, in this order:
 * 1. Unicode NFKC (UAX #15), so Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF), full-width Latin and
 *    compatibility spaces fold to their plain letters; NFKC also puts combining marks in canonical order, so the
 *    order in which shadda and a short vowel were typed does not matter.
 * 2. Invisible format characters removed: bidi controls (LRM, RLM, ALM U+061C, LRE…RLO, LRI…PDI), zero-width
 *    space/joiners (U+200B–U+200D), the BOM (U+FEFF) and the soft hyphen. They change rendering, not words.
 * 3. Tatweel (U+0640), a stretching stroke, removed.
 * 4. Arabic diacritics removed: harakat, tanwin, shadda, sukun, hamza and madda marks (U+064B–U+065F), the dagger
 *    alef (U+0670), the honorific signs (U+0610–U+061A), and the Quranic annotation marks of the Uthmani script
 *    (U+06D6–U+06ED, which includes the small high/low letters and signs, and U+08D3–U+08FF).
 * 5. Letter forms folded: أ إ آ ٱ (alef with hamza above/below, madda, and alef wasla) and ٲ ٳ → ا; ى (alef
 *    maqsura) → ي. These are the spelling variants Arabic writers and OCR mix most (Habash 2010, ch. 2).
 * 6. Arabic-Indic (U+0660–U+0669) and Persian (U+06F0–U+06F9) digits → ASCII digits.
 * 7. Arabic punctuation → ASCII: ، → `,`  ؛ → `;`  ؟ → `?`  ۔ (Urdu full stop) → `.`  ٪ → `%`  ٫ (decimal
 *    separator) → `.`  ٬ (thousands separator) → `,`.
 * 8. Case folded (locale-independent lower case); white space between two word characters (letters, marks,
 *    digits) collapsed to one space, and every other white space dropped, so no space stays before `? ! ; : ,`
 *    (the Arabic ؟ ؛ ، are these by now), after an opening bracket or quote, or anywhere next to punctuation
 *    (key version 2). A space there never changes the tokens, so keys are equal exactly when token sequences
 *    are: before, `lookup` (equal keys) missed `المتزايد ?` against `المتزايد؟` while `fuzzy` (equal tokens)
 *    said 0.99. One notion of "the same text" (issue #14).
 *
 * Options may go further ({@link NormalizeOptions.foldTaMarbuta}); the default is the above.
 *
 * @module
 */
import { OptionsError } from '../errors.js'
import type { LanguageTag } from '../types.js'
import { ALEF, ALEF_MAQSURA, ALEF_VARIANTS, ARABIC_INDIC_ZERO, ARABIC_PUNCTUATION, EXTENDED_ARABIC_INDIC_ZERO, isDroppedForMatching, YA } from '../text/arabic.js'
import { normalizeStreamSafe } from '../text/stream-safe.js'

/**
 * Options of {@link normalizeForMatching}. Every option makes keys coarser; the default is the matching contract.
 *
 * @example
 * ```ts
 * import { normalizeForMatching } from 'mizan'
 * normalizeForMatching('مدرسة', 'ar', { foldTaMarbuta: true }) // 'مدرسه'
 * ```
 * @group Memory
 */
export interface NormalizeOptions {
  /**
   * Fold ta marbuta into ha (ة → ه), a frequent spelling variant at word ends in informal Arabic.
   *
   * @defaultValue `false`
   */
  foldTaMarbuta?: boolean
}

/**
 * What each character in the Arabic block (U+0600–U+06FF) becomes in a key: `undefined` keeps it, `''` drops it,
 * anything else replaces it. Built once.
 */
const ARABIC_BLOCK: Array<string | undefined> = buildArabicTable()

function buildArabicTable(): Array<string | undefined> {
  // The shared tables (src/text/arabic.ts) say what to drop and fold; this table keeps the Arabic block's part.
  const table: Array<string | undefined> = new Array(0x100).fill(undefined)
  for (let code = 0x0600; code <= 0x06ff; code++) {
    if (isDroppedForMatching(code)) table[code - 0x600] = ''
  }
  for (const code of ALEF_VARIANTS) table[code - 0x600] = String.fromCharCode(ALEF)
  table[ALEF_MAQSURA - 0x600] = String.fromCharCode(YA)
  for (let digit = 0; digit < 10; digit++) {
    table[ARABIC_INDIC_ZERO + digit - 0x600] = String(digit)
    table[EXTENDED_ARABIC_INDIC_ZERO + digit - 0x600] = String(digit)
  }
  for (const [code, ascii] of ARABIC_PUNCTUATION) table[code - 0x600] = ascii
  return table
}

/** White space as `\s` sees it, for the collapse step (NFKC already turned most Unicode spaces into U+0020). */
function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000
}

/**
 * What one UTF-16 unit of an NFKC string becomes in a key (steps 2–7): `undefined` keeps it, `''` drops it,
 * anything else replaces it.
 */
function foldCode(code: number, foldTaMarbuta: boolean): string | undefined {
  if (code >= 0x0600 && code <= 0x06ff) {
    const replacement = ARABIC_BLOCK[code - 0x0600]
    return replacement === undefined && foldTaMarbuta && code === 0x0629 ? '\u0647' : replacement
  }
  // Outside the Arabic block a key drops only the invisible format characters and the Arabic Extended-A marks.
  return isDroppedForMatching(code) ? '' : undefined
}

/**
 * The characters-only part of normalisation (steps 2–7) over an NFKC string, without case folding or trimming.
 * White space is kept one-for-one so callers that track offsets can.
 */
function foldCharacters(text: string, foldTaMarbuta: boolean): string {
  let out = ''
  let runStart = 0 // start of the current run of characters copied unchanged
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x00ad) continue
    const replacement = foldCode(code, foldTaMarbuta)
    if (replacement === undefined) continue
    out += text.slice(runStart, index) + replacement
    runStart = index + 1
  }
  return runStart === 0 ? text : out + text.slice(runStart)
}

const WORD_CHARACTER = /^[\p{L}\p{M}\p{Nd}]/u

/** True when the code point at `index` is a word character (letter, mark, digit), as tokens define words. */
function isWordAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a)
  if (code >= 0x0621 && code <= 0x064a) return true // the Arabic letters, the common case
  return WORD_CHARACTER.test(text.slice(index, index + 2))
}

/** True when the code point that ends just before `end` is a word character. */
function isWordBefore(text: string, end: number): boolean {
  const code = text.charCodeAt(end - 1)
  return isWordAt(text, code >= 0xdc00 && code <= 0xdfff && end >= 2 ? end - 2 : end - 1)
}

/**
 * True when `text` has only single U+0020 spaces, each between two word characters (the common case: nothing
 * to do).
 */
function isCollapsed(text: string): boolean {
  let previousSpace = true // a leading space is a change too
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 0x20) {
      if (previousSpace || !isWordBefore(text, index)) return false
      previousSpace = true
    } else if (isSpace(code)) {
      return false
    } else {
      if (previousSpace && index > 0 && !isWordAt(text, index)) return false
      previousSpace = false
    }
  }
  return !previousSpace || text.length === 0
}

/**
 * Collapses white space: a run between two word characters becomes one U+0020 (it separates two tokens); any
 * other run goes (next to punctuation a space separates nothing: the tokens are the same either way); trims.
 */
function collapseSpace(text: string): string {
  if (isCollapsed(text)) return text
  let out = ''
  let pendingSpace = false
  let runStart = -1
  // whether `out` ends with a word character, kept here: reading `out` itself would flatten the string built by
  // `+=` at every space, quadratic in the length of the text (issue #17)
  let endsWithWord = false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (isSpace(code)) {
      if (runStart >= 0) {
        out += text.slice(runStart, index)
        endsWithWord = isWordBefore(text, index)
        runStart = -1
      }
      pendingSpace = out.length > 0 && endsWithWord
    } else if (runStart < 0) {
      if (pendingSpace && isWordAt(text, index)) out += ' '
      pendingSpace = false
      runStart = index
    }
  }
  if (runStart >= 0) out += runStart === 0 ? text : text.slice(runStart)
  return out
}

/**
 * The matching key of a text: what exact and fuzzy matching compare (see the module comment for every step).
 * The original text is never changed; store and show it, compare keys.
 *
 * The same rules apply whatever `lang` says, because Arabic words appear inside English text and the other way
 * round; `lang` is checked and reserved for language-specific options.
 *
 * @param text - any text
 * @param lang - the text's BCP-47 language tag, e.g. `'ar'` or `'en'`
 * @param options - coarser folding, see {@link NormalizeOptions}
 * @returns the key: NFKC, no bidi marks, tatweel or diacritics, unified alef/ya forms, ASCII digits and
 *   punctuation, lower case, single spaces between words and none next to punctuation
 * @throws OptionsError when `text` or `lang` is not a string
 * @example
 * ```ts
 * import { normalizeForMatching } from 'mizan'
 * normalizeForMatching('أَكَّدَ الرَّئِيسُ ٢٠٢٤؟', 'ar') // 'اكد الرئيس 2024?'
 * normalizeForMatching('  The  U.N.  ', 'en')          // 'the u.n.'
 * normalizeForMatching('الطلب المتزايد ؟', 'ar')        // 'الطلب المتزايد?'
 * normalizeForMatching('( see below ) !', 'en')        // '(see below)!'
 * ```
 * @group Memory
 */
export function normalizeForMatching(text: string, lang: LanguageTag, options: NormalizeOptions = {}): string {
  if (typeof text !== 'string') throw new OptionsError('text', text, 'a string', 'INVALID_INPUT')
  if (typeof lang !== 'string' || lang.length === 0) throw new OptionsError('lang', lang, 'a BCP-47 language tag such as "ar" or "en"')
  return normalizeUnchecked(text, options.foldTaMarbuta === true)
}

/** {@link normalizeForMatching} without argument checks, for hot loops. @internal */
export function normalizeUnchecked(text: string, foldTaMarbuta = false): string {
  return collapseSpace(foldCharacters(normalizeStreamSafe(text, 'NFKC'), foldTaMarbuta).toLowerCase())
}

/**
 * A key with a map back to the original text: `key[i]` came from `text.slice(starts[i], ends[i])`.
 * Spaces are kept one-for-one (not collapsed), which never changes tokens.
 *
 * @internal
 */
export interface MappedKey {
  /** The normalised text (not trimmed or collapsed). */
  key: string
  /** Per key UTF-16 unit: start offset of the original cluster it came from. */
  starts: number[]
  /** Per key UTF-16 unit: end offset of the original cluster it came from. */
  ends: number[]
}

/**
 * A base character with the combining marks after it: the unit NFKC composes within. At most 30 marks to a
 * piece (UAX #15 §13), as in `normalizeStreamSafe`: normalising a longer run is quadratic (issue #17).
 */
const CLUSTER = /\P{M}\p{M}{0,29}|\p{M}{1,30}/gsu

/**
 * Normalises `text` remembering where each key character came from, so concordance and diffs can point into the
 * original text.
 *
 * Fast path (most text): when `text` is already NFKC and lower-casing keeps its length, key character `i` comes
 * from text character `i`, and only the one-for-one folds of steps 2–7 apply. Otherwise it normalises cluster by
 * cluster (a base character and its combining marks); per-cluster NFKC equals NFKC of the whole string except for
 * rare compositions across clusters (conjoining Hangul jamo), which only cost a highlight.
 *
 * @internal
 */
export function normalizeWithOffsets(text: string, options: NormalizeOptions = {}): MappedKey {
  const fold = options.foldTaMarbuta === true
  let key = ''
  const starts: number[] = []
  const ends: number[] = []
  const lower = text.toLowerCase()
  if (lower.length === text.length && normalizeStreamSafe(text, 'NFKC') === text) {
    let runStart = 0
    for (let index = 0; index < lower.length; index++) {
      const code = lower.charCodeAt(index)
      const replacement = code < 0x00ad ? undefined : foldCode(code, fold)
      if (replacement !== undefined) {
        key += lower.slice(runStart, index) + replacement
        runStart = index + 1
      }
      if (replacement === '') {
        // A dropped character right after a kept one (a vowel mark, tatweel) belongs to it: highlights cover it.
        if (ends.length > 0 && ends[ends.length - 1] === index) ends[ends.length - 1] = index + 1
      } else {
        const width = replacement === undefined ? 1 : replacement.length
        for (let unit = 0; unit < width; unit++) {
          starts.push(index)
          ends.push(index + 1)
        }
      }
    }
    key += lower.slice(runStart)
    return { key, starts, ends }
  }
  for (const match of text.matchAll(CLUSTER)) {
    const start = match.index
    const end = start + match[0].length
    const piece = foldCharacters(match[0].normalize('NFKC'), fold).toLowerCase()
    key += piece
    for (let index = 0; index < piece.length; index++) {
      starts.push(start)
      ends.push(end)
    }
  }
  return { key, starts, ends }
}
