/**
 * A user dictionary prepared once for the aligner: its entries reduced to lexical keys (what anchors.ts indexes),
 * and a cache of what is built from them, kept per dictionary array and language pair for as long as the caller
 * keeps the array.
 *
 * Keying is the dear part of a general dictionary: FreeDict ara-eng's 85,000 entries are 170,000 texts to tokenize
 * and stem, several hundred milliseconds, against a few for aligning a short document. A memory's lexicon, or a
 * dictionary read once and passed to every `alignDocuments` call, is therefore keyed on the first call only.
 *
 * The cache must not answer for a dictionary that has changed: an array is mutable, and a caller may push entries
 * or edit one between two calls. Each cached value keeps a snapshot of the entries it was built from (every entry's
 * source, target and weight), and a call whose array differs from it in any of them rebuilds. Comparing the
 * snapshot costs one pass of reference comparisons (about a millisecond for 85,000 entries), nothing beside keying.
 *
 * @module
 * @internal
 */
import type { LexiconEntry } from './lexicon.js'
import { isDroppedForMatching } from '../text/arabic.js'
import { lexicalKey, primaryLanguage, scanTokens, STOP_WORDS, WORD as WORD_KIND } from './tokens.js'

// A module-local copy of the token kind compared once per token (see tokens.ts on imported bindings).
const WORD: number = WORD_KIND

/**
 * A dictionary entry reduced to keys: `s` and `t` are the lexical keys of its source and target (a phrase's keys
 * joined by spaces; empty when the text has no content word).
 *
 * @internal
 */
export interface KeyedEntry {
  s: string
  t: string
  weight: number | undefined
}

/**
 * The lexical keys of each entry's source and target, in order: what `phraseKey` in anchors.ts gives, with the
 * tokens visited in place (no token objects) and a headword repeated in a row keyed once.
 *
 * @param lexicon - the user's entries
 * @param sourceLang - the source language tag
 * @param targetLang - the target language tag
 * @returns one keyed entry per entry
 * @example
 * ```ts
 * keyEntries([{ source: 'والرئيس', target: 'Presidents' }], 'ar', 'en') // [{ s: 'رئيس', t: 'president', weight: undefined }]
 * ```
 * @internal
 */
export function keyEntries(lexicon: readonly LexiconEntry[], sourceLang: string, targetLang: string): KeyedEntry[] {
  const sourceKey = phraseKeyer(sourceLang)
  const targetKey = phraseKeyer(targetLang)
  const out: KeyedEntry[] = new Array(lexicon.length)
  for (let k = 0; k < lexicon.length; k++) {
    const entry = lexicon[k]!
    out[k] = { s: sourceKey(entry.source), t: targetKey(entry.target), weight: entry.weight }
  }
  return out
}

/**
 * The phrase key of a text in a language: its content words' lexical keys (stop words left out, as sentences' word
 * lists leave them out) joined by spaces. A text given twice in a row is keyed once (a dictionary repeats its
 * headword once per translation, one entry after another).
 *
 * @param lang - the language tag
 * @returns the keying function
 * @example
 * ```ts
 * phraseKeyer('en')('The United Nations') // 'united nation'
 * ```
 * @internal
 */
export function phraseKeyer(lang: string): (text: string) => string {
  const stop = STOP_WORDS[primaryLanguage(lang)]
  const words: string[] = []
  const visit = (kind: number, text: string): void => {
    if (kind === WORD && !stop?.has(text)) words.push(lexicalKey(text, lang))
  }
  let lastText: string | undefined
  let lastKey = ''
  return (text) => {
    if (text === lastText) return lastKey
    lastText = text
    if (isPlainWord(text)) {
      // One word token, the text itself lower-cased: what the scan below would find, without it.
      const word = text.toLowerCase()
      lastKey = stop?.has(word) ? '' : lexicalKey(word, lang)
      return lastKey
    }
    words.length = 0
    scanTokens(text, visit)
    lastKey = words.length === 1 ? words[0]! : words.join(' ')
    return lastKey
  }
}

/**
 * Whether `text` is one word that tokenizing leaves as it is, but for case: Latin letters `A`–`Z`, `a`–`z` and
 * Arabic letters ء–ي (U+0621–U+064A, which NFKC leaves as they are and no letter of which composes with another),
 * without tatweel or any character the matching form drops. Most dictionary headwords and translations are such a
 * word; anything else (spaces, digits, marks, punctuation, other scripts) goes through the tokenizer.
 */
function isPlainWord(text: string): boolean {
  if (text.length === 0) return false
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k)
    const lower = code | 0x20
    if (lower >= 0x61 && lower <= 0x7a && code <= 0x7a) continue
    if (code >= 0x0621 && code <= 0x064a && code !== TATWEEL && !isDropped(code)) continue
    return false
  }
  return true
}

const TATWEEL = 0x0640
// A module-local binding (see tokens.ts on imported bindings under loaders that compile ESM to CommonJS).
const isDropped = isDroppedForMatching

/** What was built from one dictionary array for one language pair, and the entries it was built from. */
interface Prepared<T> {
  /** Per entry: source, target, weight, as they were when `value` was built. */
  snapshot: unknown[]
  value: T
}

const preparedCache = new WeakMap<readonly LexiconEntry[], Map<string, Prepared<unknown>>>()

/**
 * `build()` for this dictionary array and language pair, built once and then reused for as long as the array's
 * entries are those it was built from (checked on every call; a changed array is built again).
 *
 * @param lexicon - the user's dictionary
 * @param languages - the language pair (any string that tells pairs apart)
 * @param build - makes the value from the dictionary as it is now
 * @returns the value
 * @example
 * ```ts
 * const index = prepared(dictionary, 'ar\u0000en', () => indexLexicon(keyEntries(dictionary, 'ar', 'en')))
 * ```
 * @internal
 */
export function prepared<T>(lexicon: readonly LexiconEntry[], languages: string, build: () => T): T {
  let byLanguages = preparedCache.get(lexicon)
  if (!byLanguages) preparedCache.set(lexicon, (byLanguages = new Map()))
  const cached = byLanguages.get(languages)
  if (cached && unchanged(lexicon, cached.snapshot)) return cached.value as T
  const snapshot = snapshotOf(lexicon)
  const value = build()
  byLanguages.set(languages, { snapshot, value })
  return value
}

function snapshotOf(lexicon: readonly LexiconEntry[]): unknown[] {
  const snapshot: unknown[] = new Array(3 * lexicon.length)
  for (let k = 0; k < lexicon.length; k++) {
    const entry = lexicon[k]!
    snapshot[3 * k] = entry.source
    snapshot[3 * k + 1] = entry.target
    snapshot[3 * k + 2] = entry.weight
  }
  return snapshot
}

function unchanged(lexicon: readonly LexiconEntry[], snapshot: readonly unknown[]): boolean {
  if (3 * lexicon.length !== snapshot.length) return false
  for (let k = 0; k < lexicon.length; k++) {
    const entry = lexicon[k]!
    if (entry.source !== snapshot[3 * k] || entry.target !== snapshot[3 * k + 1] || entry.weight !== snapshot[3 * k + 2]) return false
  }
  return true
}
