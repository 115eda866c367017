/**
 * Bilingual lexicons for the aligner: a user's dictionary (hunalign's `target @ source` text format is read too),
 * and one learned from aligned pairs with the Dice coefficient over co-occurrences (Dice 1945, as used for
 * translation lexicons by Smadja, McKeown & Hatzivassiloglou 1996), so a memory that grows aligns better.
 *
 * @module
 */
import { OptionsError } from '../errors.js'
import { lexicalKey, STOP_WORDS, primaryLanguage, tokenize } from './tokens.js'

/**
 * One lexicon entry: a source word or phrase, a target word or phrase, and how much to trust the pair.
 *
 * @group Alignment
 */
export interface LexiconEntry {
  /** Source word or phrase, as written (keys are computed from it). */
  source: string
  /** Target word or phrase, as written. */
  target: string
  /** Strength in 0..1 (Dice coefficient for learned entries); 1 when absent. */
  weight?: number
}

/**
 * Options of {@link learnLexicon}.
 *
 * @group Alignment
 */
export interface LearnLexiconOptions {
  /**
   * Source language (BCP-47), for word keys.
   * @defaultValue `'ar'`
   */
  sourceLang?: string
  /**
   * Target language (BCP-47), for word keys.
   * @defaultValue `'en'`
   */
  targetLang?: string
  /**
   * Smallest Dice coefficient kept.
   * @defaultValue `0.3`
   */
  minWeight?: number
  /**
   * Smallest number of pairs a word pair must co-occur in.
   * @defaultValue `2`
   */
  minCount?: number
  /**
   * Most translations kept per source word.
   * @defaultValue `3`
   */
  maxPerWord?: number
}

/** Defaults of {@link learnLexicon}. @group Alignment */
export const learnLexiconDefaults = {
  sourceLang: 'ar',
  targetLang: 'en',
  minWeight: 0.3,
  minCount: 2,
  maxPerWord: 3,
} as const satisfies Required<LearnLexiconOptions>

/**
 * The distinct content-word keys of a text, for co-occurrence counting.
 *
 * @internal
 */
export function contentKeys(text: string, lang: string): string[] {
  const stop = STOP_WORDS[primaryLanguage(lang)]
  const keys = new Set<string>()
  for (const token of tokenize(text)) {
    if (token.kind !== 'word') continue
    const key = lexicalKey(token.text, lang)
    if (key.length < 2 || stop?.has(key) || stop?.has(token.text)) continue
    keys.add(key)
  }
  return [...keys]
}

/**
 * Learns a word lexicon from aligned pairs: for every source and target word that co-occur in at least
 * `minCount` pairs, the Dice coefficient `2·c(s,t) / (c(s) + c(t))`; the best `maxPerWord` per source word with
 * Dice ≥ `minWeight` are kept. Words are compared by their keys (Arabic light stems, English inflections
 * stripped), and the entries written with those keys.
 *
 * @param pairs - aligned sentence pairs (e.g. a memory's units)
 * @param options - languages and thresholds
 * @returns entries, strongest first
 * @throws {@link OptionsError} when `pairs` is not iterable or holds non-strings, or an option is out of range
 * @example
 * ```ts
 * import { learnLexicon } from 'mizan'
 * const lexicon = learnLexicon([
 *   { source: 'زار الرئيس الصين', target: 'The president visited China' },
 *   { source: 'قال الرئيس', target: 'The president said' },
 * ], { minCount: 2 })
 * // [{ source: 'رئيس', target: 'president', weight: 1 }]
 * ```
 * @group Alignment
 */
export function learnLexicon(pairs: Iterable<{ source: string; target: string }>, options: LearnLexiconOptions = {}): LexiconEntry[] {
  if (pairs === null || typeof pairs !== 'object' || typeof (pairs as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new OptionsError('pairs', pairs, 'an iterable of { source, target } strings', 'INVALID_INPUT')
  }
  const settings = { ...learnLexiconDefaults, ...options }
  if (!(settings.minWeight >= 0 && settings.minWeight <= 1)) throw new OptionsError('minWeight', settings.minWeight, 'a number from 0 to 1')
  if (!Number.isInteger(settings.minCount) || settings.minCount < 1) throw new OptionsError('minCount', settings.minCount, 'a positive integer')
  if (!Number.isInteger(settings.maxPerWord) || settings.maxPerWord < 1) throw new OptionsError('maxPerWord', settings.maxPerWord, 'a positive integer')

  const sourceCount = new Map<string, number>()
  const targetCount = new Map<string, number>()
  const joint = new Map<string, Map<string, number>>()
  let index = 0
  for (const pair of pairs) {
    if (typeof pair?.source !== 'string' || typeof pair?.target !== 'string') {
      throw new OptionsError(`pairs[${index}]`, pair, 'an object with string source and target', 'INVALID_INPUT')
    }
    index++
    const sourceKeys = contentKeys(pair.source, settings.sourceLang)
    const targetKeys = contentKeys(pair.target, settings.targetLang)
    // Very long pairs (whole paragraphs) would add quadratic noise; their co-occurrences say little.
    if (sourceKeys.length * targetKeys.length > 4000) continue
    for (const key of sourceKeys) sourceCount.set(key, (sourceCount.get(key) ?? 0) + 1)
    for (const key of targetKeys) targetCount.set(key, (targetCount.get(key) ?? 0) + 1)
    for (const s of sourceKeys) {
      let row = joint.get(s)
      if (!row) joint.set(s, (row = new Map()))
      for (const t of targetKeys) row.set(t, (row.get(t) ?? 0) + 1)
    }
  }
  const entries: LexiconEntry[] = []
  for (const [s, row] of joint) {
    const cs = sourceCount.get(s)!
    const best: LexiconEntry[] = []
    for (const [t, count] of row) {
      if (count < settings.minCount) continue
      const dice = (2 * count) / (cs + targetCount.get(t)!)
      if (dice >= settings.minWeight) best.push({ source: s, target: t, weight: dice })
    }
    best.sort((a, b) => b.weight! - a.weight! || (a.target < b.target ? -1 : 1))
    entries.push(...best.slice(0, settings.maxPerWord))
  }
  entries.sort((a, b) => b.weight! - a.weight! || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))
  return entries
}

/**
 * Reads a dictionary in hunalign's text format: one entry per line, `target @ source` (hunalign's dictionaries
 * list the second language first). Blank lines and lines starting with `#` are skipped.
 *
 * @param text - the dictionary file's content
 * @returns the entries, with `source` and `target` as in our direction
 * @throws {@link OptionsError} when `text` is not a string or a line has no ` @ ` separator (the message gives the line)
 * @example
 * ```ts
 * import { parseDictionary } from 'mizan'
 * parseDictionary('president @ رئيس\nUnited Nations @ الأمم المتحدة')
 * // [{ source: 'رئيس', target: 'president' }, { source: 'الأمم المتحدة', target: 'United Nations' }]
 * ```
 * @group Alignment
 */
export function parseDictionary(text: string): LexiconEntry[] {
  if (typeof text !== 'string') throw new OptionsError('dictionary', text, 'a string in hunalign format (target @ source per line)', 'INVALID_INPUT')
  const entries: LexiconEntry[] = []
  const lines = text.split(/\r\n|\n|\r/)
  for (let line = 0; line < lines.length; line++) {
    const content = lines[line]!.trim()
    if (content === '' || content.startsWith('#')) continue
    const at = content.indexOf(' @ ')
    if (at < 0) {
      throw new OptionsError(`dictionary line ${line + 1}`, content, '"target @ source" (hunalign dictionary format)', 'INVALID_INPUT')
    }
    const target = content.slice(0, at).trim()
    const source = content.slice(at + 3).trim()
    if (target && source) entries.push({ source, target })
  }
  return entries
}
