/**
 * Tokens for the aligner: the word keys that anchors and lexicon entries are looked up by.
 *
 * A key is a matching form only; sentences are never changed. Arabic keys drop diacritics, tatweel and bidi marks,
 * unify alef forms, ى and ة, and strip the commonest clitics with a light stemmer in the spirit of Larkey,
 * Ballesteros & Connell (2002, "light10"), because a lexicon of raw Arabic word forms is far too sparse
 * (وبالرئيس, الرئيس and رئيس are one word for alignment purposes). English keys strip a few inflections; other
 * languages are case-folded and cut to their first six letters, a crude but language-neutral stem that is
 * common in alignment work (e.g. the truncation used by Och & Ney's word-class experiments).
 *
 * @module
 * @internal
 */

import {
  ALEF,
  ALEF_MAQSURA,
  ALEF_VARIANTS,
  ARABIC_DECIMAL_SEPARATOR,
  ARABIC_INDIC_ZERO,
  ARABIC_THOUSANDS_SEPARATOR,
  characterClass,
  EXTENDED_ARABIC_INDIC_ZERO,
  isDroppedForMatching,
  YA,
} from '../text/arabic.js'
import { normalizeStreamSafe } from '../text/stream-safe.js'

/** One token of a sentence: its raw text (normalised for matching) and its kind. @internal */
export interface Token {
  /** Lower-cased, NFKC, ASCII digits, Arabic marks removed. */
  text: string
  /** `word` (letters/marks, maybe digits), `number` (digits only, group separators removed) or `punct`. */
  kind: 'word' | 'number' | 'punct'
}

// One pass classifies tokens by capture group: (1) a number: digits in any script, optionally grouped with , ٬
// or a decimal point . ٫ between digit runs, and not glued to letters; (2) a word: letters, marks and digits;
// (3) punctuation: any single other non-space character.
// Arabic writes the conjunctions and prepositions و ب ل ف ك and the article ال straight onto a number (و28, بـ30
// with the tatweel already removed); those clitics are split off first so the number stays a number.
const TOKEN = /((?:[وبلفك]?ال|[وبلفك])(?=\p{Nd}))|(\p{Nd}+(?:[.,\u066B\u066C]\p{Nd}+)*(?![\p{L}\p{M}\p{Nd}]))|([\p{L}\p{M}\p{Nd}]+)|([^\s\p{L}\p{M}\p{Nd}])/gu
const NON_ASCII = /[^\x00-\x7F]/

/** Maps every decimal digit, in any script, to its ASCII digit. @internal */
function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => {
    const code = digit.codePointAt(0)!
    // Unicode lays decimal digits out in contiguous runs of ten, zero first (Unicode 15, section 4.6).
    if (code >= 0x30 && code <= 0x39) return digit
    let zero = code
    while (zero > 0 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1)) && code - zero < 9) zero--
    return String(code - zero)
  })
}

const ARABIC_INDIC = new RegExp(characterClass([[ARABIC_INDIC_ZERO, ARABIC_INDIC_ZERO + 9], [EXTENDED_ARABIC_INDIC_ZERO, EXTENDED_ARABIC_INDIC_ZERO + 9]]), 'gu')
const ANY_DIGIT = /\p{Nd}/u

/** Fast path for the digit scripts we meet most (Arabic-Indic, Persian), slower generic path for the rest. */
function toAsciiDigits(text: string): string {
  const quick = text.replace(ARABIC_INDIC, (digit) => {
    const code = digit.charCodeAt(0)
    return String(code - (code >= EXTENDED_ARABIC_INDIC_ZERO ? EXTENDED_ARABIC_INDIC_ZERO : ARABIC_INDIC_ZERO))
  })
  return NON_ASCII.test(quick) && ANY_DIGIT.test(quick) ? asciiDigits(quick) : quick
}

// A module-local binding: loaders that compile ESM to CommonJS (tsx) put a getter around imported bindings, which
// would run once per character here.
const isDropped = isDroppedForMatching

/**
 * The text with the characters a matching form drops removed: invisible format characters, tatweel and Arabic
 * diacritics, Quranic marks included (one table with the memory's keys, src/text/arabic.ts).
 */
function dropMarks(text: string): string {
  const dropped = isDropped
  let out = ''
  let runStart = 0
  for (let index = 0; index < text.length; index++) {
    if (!dropped(text.charCodeAt(index))) continue
    out += text.slice(runStart, index)
    runStart = index + 1
  }
  return runStart === 0 ? text : out + text.slice(runStart)
}

/** The token kinds of {@link scanTokens}: 0 word, 1 number, 2 punctuation. @internal */
export const WORD = 0
/** @internal */
export const NUMBER = 1
/** @internal */
export const PUNCT = 2

/**
 * Visits the tokens of a sentence in order, without building token objects (the aligner's hot path;
 * {@link tokenize} is the same scan collected into a list).
 *
 * @internal
 */
export function scanTokens(text: string, visit: (kind: number, text: string) => void): void {
  let clean = text
  if (NON_ASCII.test(clean)) clean = dropMarks(normalizeStreamSafe(clean, 'NFKC'))
  clean = clean.toLowerCase()
  // A hand-written scanner for the grammar of TOKEN (kept above as its specification; a test checks the two agree
  // on the shared corpora and on random text): no match arrays, one table lookup per character.
  const length = clean.length
  let p = 0
  while (p < length) {
    const kind = classAt(clean, p)
    const width = unitWidth
    if (kind === SPACE) {
      p += width
      continue
    }
    // (1) a clitic written onto a number: و ب ل ف ك, optionally followed by ال, or ال alone, before a digit.
    const code = clean.charCodeAt(p)
    if (CLITICS.has(code) && p + 3 < length && clean.charCodeAt(p + 1) === 0x0627 && clean.charCodeAt(p + 2) === 0x0644 && classAt(clean, p + 3) === DIGIT) {
      visit(WORD, clean.slice(p, p + 3))
      p += 3
      continue
    }
    if (code === 0x0627 && p + 2 < length && clean.charCodeAt(p + 1) === 0x0644 && classAt(clean, p + 2) === DIGIT) {
      visit(WORD, clean.slice(p, p + 2))
      p += 2
      continue
    }
    if (CLITICS.has(code) && p + 1 < length && classAt(clean, p + 1) === DIGIT) {
      visit(WORD, clean.slice(p, p + 1))
      p += 1
      continue
    }
    // (2) a number: digit runs joined by single separators, not glued to a following letter, mark or digit. Only
    // the ends of digit runs can end it (a shorter run leaves a digit next); the last end is taken when free,
    // else the one before it, whose next character is a separator.
    if (kind === DIGIT) {
      let end = digitRunEnd(clean, p)
      let previousEnd = -1
      while (end + 1 < length && SEPARATORS.has(clean.charCodeAt(end)) && classAt(clean, end + 1) === DIGIT) {
        previousEnd = end
        end = digitRunEnd(clean, end + 1)
      }
      const glued = end < length && WORDLIKE[classAt(clean, end)] === 1
      const numberEnd = !glued ? end : previousEnd
      if (numberEnd > p) {
        visit(NUMBER, normalizeNumber(toAsciiDigits(clean.slice(p, numberEnd))))
        p = numberEnd
        continue
      }
    }
    // (3) a word: a run of letters, marks and digits.
    if (WORDLIKE[kind] === 1) {
      let end = p + width
      while (end < length && WORDLIKE[classAt(clean, end)] === 1) end += unitWidth
      const word = clean.slice(p, end)
      // Only a word with a non-ASCII digit in it can change; testing for a digit first spares every Arabic word
      // the two replace passes.
      visit(WORD, ANY_DIGIT.test(word) && NON_ASCII.test(word) ? toAsciiDigits(word) : word)
      p = end
      continue
    }
    // (4) any other single character (a whole code point).
    visit(PUNCT, clean.slice(p, p + width))
    p += width
  }
}

// Character classes for the scanner, per UTF-16 unit, filled lazily with one regex test per distinct unit.
const OTHER = 0
const LETTER = 1
const MARK = 2
const DIGIT = 3
const SPACE = 4
/** 1 for the classes a word is made of. */
const WORDLIKE = Uint8Array.of(0, 1, 1, 1, 0)
const UNIT_CLASS = new Int8Array(0x10000).fill(-1)
const CLITICS = new Set([0x0648, 0x0628, 0x0644, 0x0641, 0x0643]) // و ب ل ف ك
const SEPARATORS = new Set([0x2e, 0x2c, 0x066b, 0x066c]) // . , ٫ ٬
/** Width in UTF-16 units of the character last classified by {@link classAt} (2 for a surrogate pair). */
let unitWidth = 1

function classify(character: string): number {
  if (/^\p{L}$/u.test(character)) return LETTER
  if (/^\p{M}$/u.test(character)) return MARK
  if (/^\p{Nd}$/u.test(character)) return DIGIT
  if (/^\s$/u.test(character)) return SPACE
  return OTHER
}

/** The class of the character starting at `index`; sets {@link unitWidth}. */
function classAt(text: string, index: number): number {
  const code = text.charCodeAt(index)
  if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
    const next = text.charCodeAt(index + 1)
    if (next >= 0xdc00 && next <= 0xdfff) {
      unitWidth = 2
      return classify(text.slice(index, index + 2))
    }
  }
  unitWidth = 1
  let kind = UNIT_CLASS[code]!
  if (kind < 0) UNIT_CLASS[code] = kind = classify(String.fromCharCode(code))
  return kind
}

/** The end of the run of digits starting at `index` (digits are all in the BMP or all astral; either way). */
function digitRunEnd(text: string, index: number): number {
  let end = index
  while (end < text.length && classAt(text, end) === DIGIT) end += unitWidth
  return end
}

/** The regular-expression scanner {@link scanTokens} replaces, for the equivalence test. @internal */
export function scanTokensWithRegex(text: string, visit: (kind: number, text: string) => void): void {
  let clean = text
  if (NON_ASCII.test(clean)) clean = dropMarks(normalizeStreamSafe(clean, 'NFKC'))
  clean = clean.toLowerCase()
  const pattern = TOKEN
  pattern.lastIndex = 0
  for (let match = pattern.exec(clean); match !== null; match = pattern.exec(clean)) {
    if (match[1] !== undefined) visit(WORD, match[1])
    else if (match[2] !== undefined) visit(NUMBER, normalizeNumber(toAsciiDigits(match[2])))
    else if (match[3] !== undefined) visit(WORD, ANY_DIGIT.test(match[3]) && NON_ASCII.test(match[3]) ? toAsciiDigits(match[3]) : match[3])
    else visit(PUNCT, match[0])
  }
}

const KINDS = ['word', 'number', 'punct'] as const

/**
 * Splits a sentence into tokens for anchoring. Numbers keep their value (group separators dropped, decimal
 * comma or Arabic decimal separator read as a point), so `١٬٠٠٠`, `1,000` and `1000` agree.
 *
 * @param text - a sentence
 * @returns its tokens in order
 * @internal
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  scanTokens(text, (kind, token) => tokens.push({ kind: KINDS[kind]!, text: token }))
  return tokens
}

const THOUSANDS = new RegExp(String.fromCharCode(ARABIC_THOUSANDS_SEPARATOR), 'g')
const DECIMAL = new RegExp(String.fromCharCode(ARABIC_DECIMAL_SEPARATOR), 'g')

/** `1,000` → `1000`; `3.5` and `3٫5` → `3.5`; `007` → `7`. Ambiguous `1.000` stays as written. */
function normalizeNumber(raw: string): string {
  let text = raw.replace(THOUSANDS, '').replace(DECIMAL, '.')
  // A comma followed by exactly three digits is a group separator (1,000); otherwise a decimal comma (3,5).
  text = text.replace(/,(?=\d{3}(?:\D|$))/g, '').replace(/,/g, '.')
  text = text.replace(/^0+(?=\d)/, '')
  return text
}

/** Whether a word is written in Latin script (for "Latin tokens inside Arabic"). @internal */
function isLatinWord(word: string): boolean {
  return /^[\p{Script=Latin}\p{Nd}\p{M}]+$/u.test(word) && /\p{Script=Latin}/u.test(word)
}

/** Whether a word is written in Arabic script. @internal */
export function isArabicWord(word: string): boolean {
  return /\p{Script=Arabic}/u.test(word)
}

// Alef and ya spelling variants fold as in the memory's keys (src/text/arabic.ts).
const ALEF_FORMS = new RegExp(characterClass(ALEF_VARIANTS.map((code) => [code, code] as const)), 'g')
const ALEF_TEXT = String.fromCharCode(ALEF)
const MAQSURA = new RegExp(String.fromCharCode(ALEF_MAQSURA), 'g')
const YA_TEXT = String.fromCharCode(YA)

// light10 prefixes and suffixes (Larkey et al. 2002), longest first, after alef/ya/ta marbuta unification.
const ARABIC_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال']
const ARABIC_SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي']

/** The light stem of an Arabic word: unified letters, clitics stripped. @internal */
export function stemArabic(word: string): string {
  let stem = unifyLetters(word)
  if (stem.length > 3 && stem.startsWith('و')) stem = stem.slice(1)
  for (const prefix of ARABIC_PREFIXES) {
    if (stem.startsWith(prefix) && stem.length - prefix.length >= 2) {
      stem = stem.slice(prefix.length)
      break
    }
  }
  for (const suffix of ARABIC_SUFFIXES) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 2) {
      stem = stem.slice(0, -suffix.length)
      break
    }
  }
  return stem
}

/** Alef forms (hamza above or below, madda, wasla) to bare alef. @internal */
export function unifyAlef(word: string): string {
  return word.replace(ALEF_FORMS, ALEF_TEXT)
}

/** Alef forms to bare alef, alef maqsura to ya, ta marbuta to ha; the word itself when it has none (most words). */
function unifyLetters(word: string): string {
  for (let k = 0; k < word.length; k++) {
    const code = word.charCodeAt(k)
    if (code === ALEF_MAQSURA || code === TA_MARBUTA || IS_ALEF_VARIANT.has(code)) {
      return unifyAlef(word).replace(MAQSURA, YA_TEXT).replace(/ة/g, 'ه')
    }
  }
  return word
}
const TA_MARBUTA = 0x0629
const IS_ALEF_VARIANT = new Set(ALEF_VARIANTS)

/** The light stem of an English word: possessive and common inflections stripped. @internal */
function stemEnglish(word: string): string {
  let stem = word.replace(/['’]s$/, '')
  if (stem.length > 4 && stem.endsWith('ies')) return `${stem.slice(0, -3)}y`
  for (const suffix of ['ing', 'ed', 'es', 's', 'ly']) {
    if (stem.length - suffix.length >= 3 && stem.endsWith(suffix) && !stem.endsWith('ss')) {
      stem = stem.slice(0, -suffix.length)
      break
    }
  }
  return stem
}

/** The primary subtag of a BCP-47 tag, lower-cased: `'ar-EG'` → `'ar'`. @internal */
export function primaryLanguage(lang: string | undefined): string {
  return (lang ?? '').split(/[-_]/)[0]!.toLowerCase()
}

/**
 * The lexical key of a word in a language: what lexicon entries are matched by.
 *
 * @param word - a `word` token's text (already lower-cased)
 * @param lang - BCP-47 tag; `ar` and `en` get their stemmers, others a six-letter prefix
 * @returns the key
 * @internal
 */
export function lexicalKey(word: string, lang: string): string {
  if (isArabicWord(word)) return stemArabic(word)
  // The tag's primary subtag, worked out once per tag in a row (callers key many words of one language).
  if (lang !== lastTag) {
    lastTag = lang
    lastPrimary = primaryLanguage(lang)
  }
  const primary = lastPrimary
  if (primary === 'en' || (primary === 'ar' && isLatinWord(word))) return stemEnglish(word)
  return [...word].slice(0, 6).join('')
}

let lastTag = ''
let lastPrimary = ''

/**
 * Very frequent function words that carry no alignment evidence on their own. Kept tiny on purpose:
 * document frequency already discounts the rest.
 */
export const STOP_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  ar: new Set(['في', 'من', 'الي', 'الى', 'علي', 'على', 'عن', 'ان', 'او', 'ما', 'لا', 'هذا', 'هذه', 'التي', 'الذي', 'مع', 'كان', 'قد', 'و', 'ب', 'ل']),
  en: new Set(['the', 'a', 'an', 'of', 'to', 'in', 'and', 'or', 'is', 'are', 'was', 'were', 'be', 'that', 'this', 'it', 'for', 'on', 'with', 'as', 'by', 'at', 'from']),
}

// Consonant classes for names written in two scripts (a Soundex-like key, after Russell & Odell's Soundex
// (1918) and the consonant-skeleton matching of transliterated names, e.g. Knight & Graehl 1998): letters that
// transliteration maps onto each other share a class, vowels and weak letters are dropped, and repeats collapse.
const ARABIC_CLASS: Readonly<Record<string, string>> = {
// Two classes are wider than the letters' sounds (measured on NTREX-128's lines, never on Flores; docs/alignment.md,
// "The eighth issue #12 round"): ث is English th (سميث Smith, إليزابيث Elizabeth), so it joins t's class; and English g
// and j are written with ج or غ either way (برمنجهام Birmingham, سمبونج Sumbung, جورج George), so G and J are one class.
  'ب': 'B', 'پ': 'B', 'ت': 'T', 'ط': 'T', 'ث': 'T', 'س': 'S', 'ص': 'S', 'ش': 'S', 'ز': 'S', 'ذ': 'S', 'ظ': 'S', 'چ': 'S',
  'ج': 'G', 'ح': 'H', 'ه': 'H', 'خ': 'H', 'د': 'D', 'ض': 'D', 'ر': 'R', 'ف': 'F', 'ڤ': 'F', 'ق': 'K', 'ك': 'K', 'گ': 'G',
  'ل': 'L', 'م': 'M', 'ن': 'N', 'غ': 'G',
}
const LATIN_CLASS: Readonly<Record<string, string>> = {
  b: 'B', p: 'B', d: 'D', f: 'F', v: 'F', g: 'G', h: 'H', j: 'G', k: 'K', q: 'K', c: 'K', l: 'L', m: 'M', n: 'N', r: 'R',
  s: 'S', z: 'S', t: 'T', x: 'KS',
}

function skeleton(classes: string[]): string {
  let out = ''
  for (let k = 0; k < classes.length; k++) {
    const c = classes[k]!
    // h is mostly silent or dropped inside words in both scripts' transliterations (John/جون, Ehud/إيهود).
    if (c === 'H' && k > 0) continue
    if (out.endsWith(c)) continue
    out += c
  }
  return out
}

/**
 * The consonant skeletons of an Arabic word read as a name (article stripped; with and without a leading
 * one-letter clitic), leaving out skeletons of fewer than three consonant classes (too short to be evidence).
 *
 * @internal
 */
export function arabicNameKeys(word: string): string[] {
  // تش is how Arabic writes English ch (تشارلز Charles, ماساتشوستس Massachusetts), whose Latin key is s.
  let w = unifyAlef(word).replace(/تش/g, 'ش')
  const prefix = /^(?:وال|بال|كال|فال|لل|ال)/.exec(w)
  if (prefix && w.length - prefix[0].length >= 3) w = w.slice(prefix[0].length)
  // A leading و ب ل ف may be a clitic (لكارتر, "to Carter") or part of the name (بريجنسكي, Brzezinski): both keys.
  const starts = /^[وبلف]/.test(w) && w.length >= 5 ? [0, 1] : [0]
  const keys: string[] = []
  for (const start of starts) {
    const key = arabicSkeleton(w, start)
    if (key.length >= 3) keys.push(key)
  }
  return keys
}

/** {@link ARABIC_CLASS} by code unit (offset from U+0600), as the class letter's code, 0 for none. */
const ARABIC_CLASS_CODES: Uint8Array = (() => {
  const table = new Uint8Array(0x100)
  for (const [letter, c] of Object.entries(ARABIC_CLASS)) table[letter.charCodeAt(0) - 0x600] = c.charCodeAt(0)
  return table
})()
const H_CLASS = 'H'.charCodeAt(0)

/** {@link skeleton} of the Arabic letters of `form` from `start`, read with char codes (called per distinct word). */
function arabicSkeleton(form: string, start: number): string {
  let out = ''
  let last = 0
  let position = 0
  for (let k = start; k < form.length; k++) {
    const code = form.charCodeAt(k)
    const c = code >= 0x600 && code <= 0x6ff ? ARABIC_CLASS_CODES[code - 0x600]! : 0
    if (c === 0) continue
    // As in skeleton: h after the first consonant is dropped, repeats collapse.
    if (c === H_CLASS && position++ > 0) continue
    if (c !== H_CLASS) position++
    if (c === last) continue
    out += String.fromCharCode(c)
    last = c
  }
  return out
}

/**
 * The consonant skeleton of a Latin-script name (`Schneider` → `SNDR`, like `شنايدر`), or undefined when too short.
 *
 * @internal
 */
export function latinNameKey(word: string): string | undefined {
  // A possessive is no part of the name (Martin's, مارتن), and chr is a k (Christine, كريستين).
  const w = normalizeStreamSafe(word.toLowerCase(), 'NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]s$/, '')
    .replace(/chr/g, 'kr')
    .replace(/tch|sch|sh|ch/g, 's')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/kh/g, 'h')
    .replace(/gh/g, 'g')
    .replace(/ck|qu/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/g(?=[eiy])/g, 'j')
  const classes: string[] = []
  for (const letter of w) {
    const c = LATIN_CLASS[letter]
    if (c) classes.push(...c)
  }
  const key = skeleton(classes)
  return key.length >= 3 ? key : undefined
}

/**
 * Interns strings to dense ids (the aligner reads both sides and learns lexicons over integer ids, not strings).
 *
 * @internal
 */
export function interner(): { keys: string[]; id: (key: string) => number } {
  const index = new Map<string, number>()
  const keys: string[] = []
  return {
    keys,
    id(key: string): number {
      let id = index.get(key)
      if (id === undefined) {
        id = keys.length
        index.set(key, id)
        keys.push(key)
      }
      return id
    },
  }
}
