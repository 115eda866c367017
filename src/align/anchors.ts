/**
 * Anchors: evidence that survives translation, turned into integer keys per sentence so the search can score a
 * bead by set intersection in a few operations.
 *
 * Kinds of anchor, after Simard, Foster & Isabelle (1992, cognates and numbers as alignment cues), Melamed (1999,
 * "points of correspondence") and Varga et al. (2005, hunalign's dictionary-based score):
 * - numbers in any digit script, by value (`٣٠` = `30`);
 * - tokens written the same on both sides: Latin-script words inside Arabic (`MWPs`, `C5`), names shared by two
 *   Latin-script languages (`Engelhörner`), only when the token occurs in both documents;
 * - punctuation that translators keep: `? ؟`, `!`, quotation marks, brackets;
 * - lexicon pairs: a source word whose translation (by the user's or a learned lexicon) is in the target.
 * Each key's weight falls with its document frequency, so a number that occurs once on each side is a strong
 * anchor and a word found in every sentence is none.
 *
 * @module
 * @internal
 */
import type { LexiconEntry } from './lexicon.js'
import { arabicNameKeys, isArabicWord, latinNameKey, lexicalKey, primaryLanguage, STOP_WORDS, tokenize } from './tokens.js'

const CAPITALISED = /(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}]+(?:[-'’]\p{Lu}?[\p{Ll}\p{M}]+)*/gu

type AnchorKind = 'number' | 'token' | 'punctuation' | 'lexicon' | 'name'

/** Relative strength of each anchor kind, in nats of evidence per matched key. @internal */
export interface AnchorWeights {
  /** Names matched across scripts by consonant skeleton (Arabic–Latin only). */
  name: number
  /** The unmatched cost of names, as a fraction of `unmatched` (most Arabic words are no name). */
  nameUnmatched: number
  number: number
  token: number
  punctuation: number
  lexicon: number
  /** Cost per unit weight of an anchor found on one side of a bead only (numbers, tokens, punctuation). */
  unmatched: number
  /** The same for lexicon keys, as a fraction of `unmatched` (a word's other translations also count as keys). */
  lexiconUnmatched: number
  /** The same for numbers, as a multiple of `unmatched` (translators rarely drop or change a number). */
  numberUnmatched: number
}

/** Per-sentence anchor keys for both sides, and each key's weight. @internal */
export interface AnchorSet {
  /** Keys of each source sentence (distinct within a sentence). */
  source: Int32Array[]
  /** Keys of each target sentence. */
  target: Int32Array[]
  /** Weight of each key (matched reward). */
  weight: Float64Array
  /** Weight charged per side when the key is present on one side of a bead only (0 for lexicon keys). */
  penalty: Float64Array
  /** Sentence pairs linked by a key found equally often (1 to 4 times) on each side, k-th occurrence to k-th: candidates for the band's anchor path. */
  points: Array<[number, number]>
  /** Number of distinct keys. */
  size: number
}

/** Keys found more often than this on a side give no band points (their occurrences are too easy to mismatch). */
const MAX_POINT_FREQUENCY = 4

const QUOTES = new Set(['"', '“', '”', '«', '»', '„', '‹', '›', '‘', '’', '`'])
const BRACKETS = new Set(['(', ')', '[', ']', '{', '}'])

function punctuationKey(mark: string): string | undefined {
  if (mark === '?' || mark === '؟') return '?'
  if (mark === '!') return '!'
  if (QUOTES.has(mark)) return 'quote'
  if (BRACKETS.has(mark)) return 'bracket'
  return undefined
}

/** The anchor-relevant reading of one side's sentences, computed once per alignment. @internal */
export interface SideTokens {
  /** Identity keys per sentence: `n:<number>`, `w:<token>`, `p:<mark>` */
  identity: string[][]
  /** Lexical keys per sentence (content words), in order. */
  lexical: string[][]
}

/**
 * Tokenizes one side's sentences into identity keys and content-word keys.
 *
 * @internal
 */
export function readSide(sentences: readonly string[], lang: string, names: 'arabic' | 'latin' | 'none' = 'none'): SideTokens {
  const stop = STOP_WORDS[primaryLanguage(lang)]
  const identity: string[][] = []
  const lexical: string[][] = []
  // Words repeat across a document (a few thousand distinct words in a 2,000-sentence text), so each distinct
  // word is read once: its identity keys and its lexical key (undefined for a stop word).
  const seenWords = new Map<string, { ids: string[]; lexical: string | undefined }>()
  const readWord = (text: string) => {
    let word = seenWords.get(text)
    if (!word) {
      const ids: string[] = []
      if (names === 'arabic' && isArabicWord(text)) for (const key of arabicNameKeys(text)) ids.push(`f:${key}`)
      if (/\p{Nd}/u.test(text) || text.length >= 2) ids.push(`w:${text}`)
      word = { ids, lexical: stop?.has(text) ? undefined : lexicalKey(text, lang) }
      seenWords.set(text, word)
    }
    return word
  }
  const nameKeys = new Map<string, string>()
  for (const sentence of sentences) {
    const ids = new Set<string>()
    const words: string[] = []
    if (names === 'latin') {
      // Capitalised words are the candidate names on the Latin side.
      for (const match of sentence.matchAll(CAPITALISED)) {
        let key = nameKeys.get(match[0])
        if (key === undefined) {
          const skeleton = latinNameKey(match[0])
          nameKeys.set(match[0], (key = skeleton ? `f:${skeleton}` : ''))
        }
        if (key) ids.add(key)
      }
    }
    for (const token of tokenize(sentence)) {
      if (token.kind === 'number') ids.add(`n:${token.text}`)
      else if (token.kind === 'punct') {
        const key = punctuationKey(token.text)
        if (key) ids.add(`p:${key}`)
      } else {
        const word = readWord(token.text)
        for (const key of word.ids) ids.add(key)
        if (word.lexical !== undefined) words.push(word.lexical)
      }
    }
    identity.push([...ids])
    lexical.push(words)
  }
  return { identity, lexical }
}

/**
 * Builds the anchor keys of a document pair.
 *
 * @param sourceSide - source sentences, read by {@link readSide}
 * @param targetSide - target sentences, read by {@link readSide}
 * @param sourceLang - source language tag
 * @param targetLang - target language tag
 * @param lexicon - lexicon entries (user's and learned), may be empty
 * @param weights - strength of each kind
 * @param keyedLexicon - entries whose source and target are already lexical keys (learned in a first pass)
 * @param maxLexiconKeys - most lexicon keys kept per sentence (the heaviest)
 * @returns keys per sentence, weights, and hapax anchor points
 * @internal
 */
export function buildAnchors(
  sourceSide: SideTokens,
  targetSide: SideTokens,
  sourceLang: string,
  targetLang: string,
  lexicon: readonly LexiconEntry[],
  weights: AnchorWeights,
  keyedLexicon: readonly LexiconEntry[] = [],
  maxLexiconKeys = Infinity,
): AnchorSet {

  const ids = new Map<string, number>()
  const kinds: Array<AnchorKind> = []
  const strength: number[] = []
  const idOf = (key: string, kind: AnchorKind, entryWeight = 1): number => {
    let id = ids.get(key)
    if (id === undefined) {
      id = kinds.length
      ids.set(key, id)
      kinds.push(kind)
      strength.push(entryWeight)
    } else if (entryWeight > strength[id]!) strength[id] = entryWeight
    return id
  }

  // Identity keys count only when they occur in both documents: a token the other side never has says nothing
  // about where a sentence goes, it only says the translator rendered it differently.
  const inTarget = new Set<string>()
  for (const keys of targetSide.identity) for (const key of keys) inTarget.add(key)
  const inSource = new Set<string>()
  for (const keys of sourceSide.identity) for (const key of keys) inSource.add(key)
  const kindOf = (key: string) => (key.startsWith('n:') ? 'number' : key.startsWith('p:') ? 'punctuation' : key.startsWith('f:') ? 'name' : 'token')

  const sourceKeys: number[][] = sourceSide.identity.map((keys) => keys.filter((key) => inTarget.has(key)).map((key) => idOf(key, kindOf(key))))
  const targetKeys: number[][] = targetSide.identity.map((keys) => keys.filter((key) => inSource.has(key)).map((key) => idOf(key, kindOf(key))))

  if (lexicon.length + keyedLexicon.length > 0) {
    // Entries keyed by the lexical keys of their words, phrases as space-joined keys. A source sentence gets
    // the key `t:<target key>` of every translation of its words; a target sentence gets `t:<key>` for its words
    // that are some entry's target. A bead then matches when a translation is present.
    const bySource = new Map<string, Array<{ target: string; weight: number }>>()
    const targetPhrases = new Set<string>()
    const sourceLengths = new Set<number>()
    const targetLengths = new Set<number>()
    const entries = [...keyLexicon(lexicon, sourceLang, targetLang), ...keyedLexicon.map((entry) => ({ s: entry.source, t: entry.target, weight: entry.weight }))]
    for (const entry of entries) {
      const { s, t } = entry
      if (!s || !t) continue
      sourceLengths.add(s.split(' ').length)
      targetLengths.add(t.split(' ').length)
      let list = bySource.get(s)
      if (!list) bySource.set(s, (list = []))
      list.push({ target: t, weight: entry.weight ?? 1 })
      targetPhrases.add(t)
    }
    sourceSide.lexical.forEach((words, i) => {
      const seen = new Set<number>(sourceKeys[i])
      for (const gram of nGrams(words, sourceLengths)) {
        for (const translation of bySource.get(gram) ?? []) {
          const id = idOf(`t:${translation.target}`, 'lexicon', translation.weight)
          if (!seen.has(id)) {
            seen.add(id)
            sourceKeys[i]!.push(id)
          }
        }
      }
    })
    targetSide.lexical.forEach((words, j) => {
      const seen = new Set<number>(targetKeys[j])
      for (const gram of nGrams(words, targetLengths)) {
        if (!targetPhrases.has(gram)) continue
        const id = ids.get(`t:${gram}`)
        if (id !== undefined && !seen.has(id)) {
          seen.add(id)
          targetKeys[j]!.push(id)
        }
      }
    })
  }

  const size = kinds.length
  const sourceFrequency = new Int32Array(size)
  const targetFrequency = new Int32Array(size)
  const sourceWhere: number[][] = Array.from({ length: size }, () => [])
  const targetWhere: number[][] = Array.from({ length: size }, () => [])
  sourceKeys.forEach((keys, i) => {
    for (const key of keys) {
      sourceFrequency[key]!++
      if (sourceWhere[key]!.length <= MAX_POINT_FREQUENCY) sourceWhere[key]!.push(i)
    }
  })
  targetKeys.forEach((keys, j) => {
    for (const key of keys) {
      targetFrequency[key]!++
      if (targetWhere[key]!.length <= MAX_POINT_FREQUENCY) targetWhere[key]!.push(j)
    }
  })

  const weight = new Float64Array(size)
  const penalty = new Float64Array(size)
  const points: Array<[number, number]> = []
  for (let key = 0; key < size; key++) {
    const kind = kinds[key]!
    const frequency = Math.max(sourceFrequency[key]!, targetFrequency[key]!, 1)
    // Evidence falls with frequency: a key in f sentences per side could link any of f² pairs.
    const rarity = 1 / (1 + Math.log(frequency))
    const base = weights[kind]
    weight[key] = base * rarity * strength[key]!
    const unmatched = kind === 'lexicon' ? weights.lexiconUnmatched : kind === 'number' ? weights.numberUnmatched : kind === 'name' ? weights.nameUnmatched : 1
    penalty[key] = weights.unmatched * base * rarity * unmatched
    // Band candidates: a key found as often on both sides (at most a few times) links its k-th occurrences in
    // order. Hapax keys give one point; a name repeated three times on each side gives three.
    const f = sourceFrequency[key]!
    if (f >= 1 && f <= MAX_POINT_FREQUENCY && f === targetFrequency[key] && kind !== 'punctuation' && strength[key]! >= 0.5) {
      for (let k = 0; k < f; k++) points.push([sourceWhere[key]![k]!, targetWhere[key]![k]!])
    }
  }
  // Long sentences can carry dozens of lexicon keys; the rarest few carry nearly all the evidence.
  // Name keys are many on the Arabic side (any word may be a name), and weak unless rare: the same cap.
  const cap = (keys: number[]) => {
    const heavy = (list: number[]) => new Set(list.sort((a, b) => weight[b]! - weight[a]! || a - b).slice(0, maxLexiconKeys))
    const lexical = keys.filter((key) => kinds[key] === 'lexicon')
    const names = keys.filter((key) => kinds[key] === 'name')
    if (lexical.length <= maxLexiconKeys && names.length <= maxLexiconKeys) return Int32Array.from(keys)
    const keptLexical = heavy(lexical)
    const keptNames = heavy(names)
    return Int32Array.from(keys.filter((key) => (kinds[key] === 'lexicon' ? keptLexical.has(key) : kinds[key] === 'name' ? keptNames.has(key) : true)))
  }
  return {
    source: sourceKeys.map(cap),
    target: targetKeys.map(cap),
    weight,
    penalty,
    points,
    size,
  }
}

type KeyedEntry = { s: string; t: string; weight: number | undefined }
/** Keyed forms of user lexicons, per lexicon array and language pair: a memory's lexicon is reused across documents. */
const keyedCache = new WeakMap<readonly LexiconEntry[], Map<string, KeyedEntry[]>>()

function keyLexicon(lexicon: readonly LexiconEntry[], sourceLang: string, targetLang: string): KeyedEntry[] {
  let byLanguages = keyedCache.get(lexicon)
  if (!byLanguages) keyedCache.set(lexicon, (byLanguages = new Map()))
  const languages = `${sourceLang}\u0000${targetLang}`
  let keyed = byLanguages.get(languages)
  if (!keyed) {
    keyed = lexicon.map((entry) => ({ s: phraseKey(entry.source, sourceLang), t: phraseKey(entry.target, targetLang), weight: entry.weight }))
    byLanguages.set(languages, keyed)
  }
  return keyed
}

/** The lexical key of a word or phrase: its content words' keys joined by spaces. */
function phraseKey(text: string, lang: string): string {
  const words = tokenize(text).filter((token) => token.kind === 'word')
  const stop = STOP_WORDS[primaryLanguage(lang)]
  // Stop words are dropped from sentences' word lists, so they are dropped from phrases too.
  return words
    .filter((token) => !stop?.has(token.text))
    .map((token) => lexicalKey(token.text, lang))
    .join(' ')
}

/** The n-grams of a word list for every n in `lengths` (phrases up to the longest entry). */
function* nGrams(words: readonly string[], lengths: ReadonlySet<number>): Generator<string> {
  for (const n of lengths) {
    if (n === 1) {
      yield* words
      continue
    }
    for (let start = 0; start + n <= words.length; start++) yield words.slice(start, start + n).join(' ')
  }
}
