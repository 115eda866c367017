/**
 * Bilingual lexicons for the aligner: a user's dictionary (hunalign's `target @ source` text format is read too),
 * and one learned from aligned pairs with the Dice coefficient over co-occurrences (Dice 1945, as used for
 * translation lexicons by Smadja, McKeown & Hatzivassiloglou 1996), so a memory that grows aligns better.
 *
 * @module
 */
import { OptionsError } from '../errors.js'
import { interner, lexicalKey, STOP_WORDS, primaryLanguage, tokenize } from './tokens.js'

/**
 * One lexicon entry: a source word or phrase, a target word or phrase, and how much to trust the pair.
 *
 * @example
 * ```ts
 * import { alignSentences, type LexiconEntry } from 'mizan'
 * const dictionary: LexiconEntry[] = [{ source: 'الأمم المتحدة', target: 'United Nations' }, { source: 'رئيس', target: 'president', weight: 0.8 }]
 * alignSentences(arabicSentences, englishSentences, { dictionary })
 * ```
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
 * @example
 * ```ts
 * import { learnLexicon } from 'mizan'
 * learnLexicon(pairs, { sourceLang: 'ar', targetLang: 'en', minCount: 3, minWeight: 0.5 })
 * ```
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

/**
 * Defaults of {@link learnLexicon}.
 *
 * @example
 * ```ts
 * import { learnLexiconDefaults } from './lexicon.js'
 * learnLexiconDefaults.minWeight // 0.3
 * ```
 * @internal
 */
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
function contentKeys(text: string, lang: string, forms?: Map<string, string>): string[] {
  const stop = STOP_WORDS[primaryLanguage(lang)]
  const keys = new Set<string>()
  for (const token of tokenize(text)) {
    if (token.kind !== 'word' || stop?.has(token.text)) continue
    const key = lexicalKey(token.text, lang)
    if (key.length < 2) continue
    keys.add(key)
    if (forms && !forms.has(key)) forms.set(key, token.text)
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
 * // [{ source: 'الرئيس', target: 'president', weight: 1 }]
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

  // Entries are written with a real word form for each key (the first met), so they read naturally and give
  // the same key again when used as a dictionary.
  const sourceForm = new Map<string, string>()
  const targetForm = new Map<string, string>()
  function* keyed(): Generator<[readonly string[], readonly string[]]> {
    let index = 0
    for (const pair of pairs) {
      if (typeof pair?.source !== 'string' || typeof pair?.target !== 'string') {
        throw new OptionsError(`pairs[${index}]`, pair, 'an object with string source and target', 'INVALID_INPUT')
      }
      index++
      yield [contentKeys(pair.source, settings.sourceLang, sourceForm), contentKeys(pair.target, settings.targetLang, targetForm)]
    }
  }
  return learnFromKeys(keyed(), settings).map((entry) => ({ source: sourceForm.get(entry.source)!, target: targetForm.get(entry.target)!, weight: entry.weight! }))
}

/**
 * {@link learnLexicon} over pairs already reduced to distinct content-word keys: interns them and calls
 * {@link learnFromIds}.
 */
function learnFromKeys(pairs: Iterable<readonly [readonly string[], readonly string[]]>, settings: Required<Omit<LearnLexiconOptions, 'sourceLang' | 'targetLang'>>): LexiconEntry[] {
  const sources = interner()
  const targets = interner()
  const idPairs: Array<[number[], number[]]> = []
  for (const [source, target] of pairs) idPairs.push([source.map(sources.id), target.map(targets.id)])
  return learnFromIds(idPairs, sources.keys, targets.keys, settings).map((entry) => ({ source: sources.keys[entry.source]!, target: targets.keys[entry.target]!, weight: entry.weight }))
}

/**
 * The Dice lexicon learner over pairs of distinct integer word ids (the aligner's second pass passes the ids its
 * first pass interned, with no strings built). Entries come strongest first; ties break by key text, so the
 * result does not depend on how ids were numbered.
 *
 * @param pairs - per pair, the distinct source and target word ids
 * @param sourceKeys - key text of each source id (its length bounds the ids)
 * @param targetKeys - key text of each target id
 * @param maxKeysPerPair - with more usable words than this on a side of a pair, only the rarest are paired
 * @param frequent - a pair seen together in at least `count` pairs, and at least `lift` times as often as chance
 *   (`c(s) · c(t) / pairs`), is kept down to Dice `minWeight` (below `settings.minWeight`)
 * @internal
 */
export function learnFromIds(
  pairs: ReadonlyArray<readonly [readonly number[], readonly number[]]>,
  sourceKeys: readonly string[],
  targetKeys: readonly string[],
  settings: Required<Omit<LearnLexiconOptions, 'sourceLang' | 'targetLang'>>,
  maxKeysPerPair = Infinity,
  frequent?: { readonly count: number; readonly minWeight: number; readonly lift?: number },
): Array<{ source: number; target: number; weight: number }> {
  const sourceCount = new Int32Array(sourceKeys.length)
  const targetCount = new Int32Array(targetKeys.length)
  const kept: Array<readonly [readonly number[], readonly number[]]> = []
  for (const pair of pairs) {
    // Very long pairs (whole paragraphs) would add quadratic noise; their co-occurrences say little.
    if (pair[0].length * pair[1].length > 4000) continue
    kept.push(pair)
    for (const s of pair[0]) sourceCount[s]!++
    for (const t of pair[1]) targetCount[t]!++
  }
  // A word seen in fewer than minCount pairs cannot co-occur minCount times: leave it out.
  // With `maxKeysPerPair`, only the rarest words of each side are paired (they carry the evidence).
  const rarest = (keys: readonly number[], counts: Int32Array) => {
    const usable = keys.filter((key) => counts[key]! >= settings.minCount)
    if (usable.length <= maxKeysPerPair) return usable
    return usable.sort((a, b) => counts[a]! - counts[b]! || a - b).slice(0, maxKeysPerPair)
  }
  const pairTargets: number[][] = []
  const postings: number[][] = Array.from({ length: sourceKeys.length }, () => [])
  kept.forEach(([source, target], index) => {
    pairTargets.push(rarest(target, targetCount))
    for (const s of rarest(source, sourceCount)) postings[s]!.push(index)
  })
  // Co-occurrences one source word at a time, through its postings, in a reused counter array: linear in the
  // co-occurrences, with no table of all word pairs in memory.
  const together = new Int32Array(targetKeys.length)
  const touched: number[] = []
  const entries: Array<{ source: number; target: number; weight: number }> = []
  const list: Array<{ source: number; target: number; weight: number }> = []
  for (let s = 0; s < postings.length; s++) {
    const pairsOfWord = postings[s]!
    if (pairsOfWord.length < settings.minCount) continue
    for (const index of pairsOfWord) {
      for (const t of pairTargets[index]!) {
        if (together[t] === 0) touched.push(t)
        together[t]!++
      }
    }
    list.length = 0
    for (const t of touched) {
      const count = together[t]!
      together[t] = 0
      if (count < settings.minCount) continue
      const dice = (2 * count) / (sourceCount[s]! + targetCount[t]!)
      if (dice >= settings.minWeight || (frequent !== undefined && count >= frequent.count && dice >= frequent.minWeight && count * kept.length >= (frequent.lift ?? 0) * sourceCount[s]! * targetCount[t]!)) list.push({ source: s, target: t, weight: dice })
    }
    touched.length = 0
    list.sort((a, b) => b.weight - a.weight || compareText(targetKeys[a.target]!, targetKeys[b.target]!))
    for (let k = 0; k < list.length && k < settings.maxPerWord; k++) entries.push(list[k]!)
  }
  entries.sort((a, b) => b.weight - a.weight || compareText(sourceKeys[a.source]!, sourceKeys[b.source]!) || compareText(targetKeys[a.target]!, targetKeys[b.target]!))
  return entries
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
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
