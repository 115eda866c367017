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
import { arabicNameKeys, isArabicWord, latinNameKey, lexicalKey, NUMBER as NUMBER_KIND, interner, primaryLanguage, PUNCT as PUNCT_KIND, scanTokens, STOP_WORDS, tokenize } from './tokens.js'

// Module-local copies of token kinds compared once per token (see tokens.ts on imported bindings).
const NUMBER: number = NUMBER_KIND
const PUNCT: number = PUNCT_KIND

const ANY_DIGIT = /\p{Nd}/u

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
  /**
   * What the key costs in a bead with one side empty (a sentence left without counterpart): its penalty for numbers,
   * names and punctuation, 0 for words (lexicon keys and shared tokens). See {@link buildAnchors}.
   */
  deletionPenalty: Float64Array
  /** 1 for a word-pair key (the user's dictionary or a learned lexicon), 0 for numbers, names, shared tokens and punctuation. */
  lexical: Uint8Array
  /** Sentence pairs linked by a key found equally often (1 to 8 times) on each side, k-th occurrence to k-th: candidates for the band's anchor path. */
  points: Array<[number, number]>
  /** Number of distinct keys. */
  size: number
}

/**
 * Keys found more often than this on a side give no band points (their occurrences are too easy to mismatch;
 * the longest-chain filter drops the points that cross). Raised from 4 to 8: the same beads on the tuning
 * documents (UN, Text+Berg dev), and a long document whose names and numbers each recur five or more times (the
 * benchmark's 50,000-sentence text repeats its UN pairs) no longer gets an empty chain, a straight diagonal band
 * and four rounds of widening.
 */
const MAX_POINT_FREQUENCY = 8

const QUOTES = new Set(['"', '“', '”', '«', '»', '„', '‹', '›', '‘', '’', '`'])
const BRACKETS = new Set(['(', ')', '[', ']', '{', '}'])

function punctuationKey(mark: string): string | undefined {
  if (mark === '?' || mark === '؟') return '?'
  if (mark === '!') return '!'
  if (QUOTES.has(mark)) return 'quote'
  if (BRACKETS.has(mark)) return 'bracket'
  return undefined
}

/**
 * The anchor-relevant reading of one side's sentences, computed once per alignment and shared by every pass.
 * Keys are interned: sentences hold integer ids into per-side key tables, so later passes compare integers.
 *
 * @internal
 */
export interface SideTokens {
  /** Identity keys per sentence (distinct within a sentence), as ids into {@link SideTokens.identityKeys}. */
  identity: Int32Array[]
  /** Identity key texts: `n:<number>`, `w:<token>`, `p:<mark>`, `f:<name skeleton>`. */
  identityKeys: string[]
  /** Lexical keys of each sentence's content words, in order, as ids into {@link SideTokens.lexicalKeys}. */
  lexical: Int32Array[]
  /** Lexical key texts (Arabic light stems, English stems, six-letter prefixes). */
  lexicalKeys: string[]
}

/**
 * Tokenizes one side's sentences into identity keys and content-word keys.
 *
 * @internal
 */
export function readSide(sentences: readonly string[], lang: string, names: 'arabic' | 'latin' | 'none' = 'none'): SideTokens {
  const stop = STOP_WORDS[primaryLanguage(lang)]
  const identityKeys = interner()
  const lexicalKeys = interner()
  // Words repeat across a document (a few thousand distinct words in a 2,000-sentence text), so each distinct
  // token is read once: its identity keys and its lexical key (-1 for a stop word).
  const seenWords = new Map<string, { ids: number[]; lexical: number }>()
  const seenNumbers = new Map<string, number>()
  const punctuation = new Map<string, number>()
  const nameKeys = new Map<string, number>()
  // Per-sentence de-duplication of identity ids by stamping the sentence number, with no Set per sentence.
  let stamps: Int32Array = new Int32Array(1024)
  let stamp = 0
  const ids: number[] = []
  const words: number[] = []
  const add = (id: number) => {
    if (id >= stamps.length) {
      const grown = new Int32Array(Math.max(id + 1, stamps.length * 2))
      grown.set(stamps)
      stamps = grown
    }
    if (stamps[id] !== stamp) {
      stamps[id] = stamp
      ids.push(id)
    }
  }
  const visit = (kind: number, text: string) => {
    if (kind === NUMBER) {
      let id = seenNumbers.get(text)
      if (id === undefined) seenNumbers.set(text, (id = identityKeys.id(`n:${text}`)))
      add(id)
    } else if (kind === PUNCT) {
      let id = punctuation.get(text)
      if (id === undefined) {
        const key = punctuationKey(text)
        punctuation.set(text, (id = key ? identityKeys.id(`p:${key}`) : -1))
      }
      if (id >= 0) add(id)
    } else {
      let word = seenWords.get(text)
      if (!word) {
        const wordIds: number[] = []
        if (names === 'arabic' && isArabicWord(text)) for (const key of arabicNameKeys(text)) wordIds.push(identityKeys.id(`f:${key}`))
        if (text.length >= 2 || ANY_DIGIT.test(text)) wordIds.push(identityKeys.id(`w:${text}`))
        word = { ids: wordIds, lexical: stop?.has(text) ? -1 : lexicalKeys.id(lexicalKey(text, lang)) }
        seenWords.set(text, word)
      }
      for (const id of word.ids) add(id)
      if (word.lexical >= 0) words.push(word.lexical)
    }
  }
  const identity: Int32Array[] = []
  const lexical: Int32Array[] = []
  for (const sentence of sentences) {
    stamp++
    ids.length = 0
    words.length = 0
    if (names === 'latin') {
      // Capitalised words are the candidate names on the Latin side.
      const pattern = CAPITALISED
      pattern.lastIndex = 0
      for (let match = pattern.exec(sentence); match !== null; match = pattern.exec(sentence)) {
        let id = nameKeys.get(match[0])
        if (id === undefined) {
          const skeleton = latinNameKey(match[0])
          nameKeys.set(match[0], (id = skeleton ? identityKeys.id(`f:${skeleton}`) : -1))
        }
        if (id >= 0) add(id)
      }
    }
    scanTokens(sentence, visit)
    identity.push(Int32Array.from(ids))
    lexical.push(Int32Array.from(words))
  }
  return { identity, identityKeys: identityKeys.keys, lexical, lexicalKeys: lexicalKeys.keys }
}

/** Grows a stamp array to hold index `id`. */
function ensure(array: Int32Array, id: number): Int32Array {
  if (id < array.length) return array
  const grown = new Int32Array(Math.max(id + 1, array.length * 2))
  grown.set(array)
  return grown
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
  /** Lexicon keys that some entry of the user's dictionary makes (see deletionPenalty below). */
  const fromDictionary = new Set<number>()
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
  // about where a sentence goes, it only says the translator rendered it differently. Each distinct key is
  // resolved once (-2: not yet, -1: not in the other document).
  const inTarget = new Set(targetSide.identityKeys)
  const inSource = new Set(sourceSide.identityKeys)
  const kindOf = (key: string) => (key.startsWith('n:') ? 'number' : key.startsWith('p:') ? 'punctuation' : key.startsWith('f:') ? 'name' : 'token')
  const identityAnchors = (side: SideTokens, other: ReadonlySet<string>): number[][] => {
    const resolved = new Int32Array(side.identityKeys.length).fill(-2)
    return side.identity.map((keys) => {
      const out: number[] = []
      for (const key of keys) {
        let id = resolved[key]!
        if (id === -2) {
          const text = side.identityKeys[key]!
          resolved[key] = id = other.has(text) ? idOf(text, kindOf(text)) : -1
        }
        if (id >= 0) out.push(id)
      }
      return out
    })
  }
  const sourceKeys = identityAnchors(sourceSide, inTarget)
  const targetKeys = identityAnchors(targetSide, inSource)

  if (lexicon.length + keyedLexicon.length > 0) {
    // Entries keyed by the lexical keys of their words, phrases as space-joined keys. A source sentence gets
    // the key `t:<target key>` of every translation of its words; a target sentence gets `t:<key>` for its words
    // that are some entry's target. A bead then matches when a translation is present. Single words (nearly
    // every entry) are looked up by their interned ids; only phrases build n-gram strings.
    // The user's dictionary is indexed once per dictionary and language pair (cached: a memory's lexicon or a
    // FreeDict database of 87,000 entries is reused across documents and passes); the learned one per call.
    const user = lexicon.length > 0 ? userLexiconIndex(lexicon, sourceLang, targetLang) : undefined
    const learned = keyedLexicon.length > 0 ? indexLexicon(keyedLexicon.map((entry) => ({ s: entry.source, t: entry.target, weight: entry.weight })), false) : undefined
    const indexes = [user, learned].filter((index): index is LexiconIndex => index !== undefined)
    const sourceLengths = new Set(indexes.flatMap((index) => [...index.sourceLengths]))
    const targetLengths = new Set(indexes.flatMap((index) => [...index.targetLengths]))
    const isTargetPhrase = (key: string) => indexes.some((index) => index.targetPhrases.has(key))
    // Only n-grams starting with the first word of some phrase can match one: the rest are never built.
    const startsOf = (side: SideTokens, pick: (index: LexiconIndex) => Set<string>) => Uint8Array.from(side.lexicalKeys, (key) => (indexes.some((index) => pick(index).has(key)) ? 1 : 0))
    const sourceStarts = startsOf(sourceSide, (index) => index.sourceStarts)
    const targetStarts = startsOf(targetSide, (index) => index.targetStarts)
    const lookup = (key: string): readonly Translation[] | undefined => {
      const a = user?.bySource.get(key)
      const b = learned?.bySource.get(key)
      return a && b ? [...a, ...b] : (a ?? b)
    }
    const anchorOf = new Map<Translation, number>()
    const translationsOf: Array<readonly Translation[] | undefined> = sourceSide.lexicalKeys.map(lookup)
    let seen: Int32Array = new Int32Array(kinds.length + 64)
    let stamp = 0
    const push = (keys: number[], id: number) => {
      seen = ensure(seen, id)
      if (seen[id] !== stamp) {
        seen[id] = stamp
        keys.push(id)
      }
    }
    const markAll = (keys: readonly number[]) => {
      for (const id of keys) {
        seen = ensure(seen, id)
        seen[id] = stamp
      }
    }
    const translate = (keys: number[], translations: readonly Translation[] | undefined) => {
      if (!translations) return
      for (const translation of translations) {
        // Created at first use, so a translation whose source word is not in the document makes no key.
        let anchor = anchorOf.get(translation)
        if (anchor === undefined) {
          anchor = idOf(`t:${translation.target}`, 'lexicon', translation.weight)
          anchorOf.set(translation, anchor)
          if (translation.user) fromDictionary.add(anchor)
        }
        push(keys, anchor)
      }
    }
    sourceSide.lexical.forEach((words, i) => {
      const keys = sourceKeys[i]!
      stamp++
      markAll(keys) // identity keys are in already; a lexicon key never repeats one
      for (const n of sourceLengths) {
        if (n === 1) for (const word of words) translate(keys, translationsOf[word])
        else for (const gram of phrases(words, n, sourceSide.lexicalKeys, sourceStarts)) translate(keys, lookup(gram))
      }
    })
    // Target words resolved once each: the anchor of `t:<key>` when a source sentence made it, else none.
    const targetAnchor = targetSide.lexicalKeys.map((key) => (isTargetPhrase(key) ? (ids.get(`t:${key}`) ?? -1) : -1))
    targetSide.lexical.forEach((words, j) => {
      const keys = targetKeys[j]!
      stamp++
      markAll(keys)
      for (const n of targetLengths) {
        if (n === 1) {
          for (const word of words) if (targetAnchor[word]! >= 0) push(keys, targetAnchor[word]!)
        } else {
          for (const gram of phrases(words, n, targetSide.lexicalKeys, targetStarts)) {
            if (!isTargetPhrase(gram)) continue
            const id = ids.get(`t:${gram}`)
            if (id !== undefined) push(keys, id)
          }
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
  const deletionPenalty = new Float64Array(size)
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
    // A sentence left out is written from its own language alone (IBM Model 1's empty word, Brown et al. 1993):
    // its words owe no translation, so a deletion does not pay for them. Merging the sentence into a neighbour's
    // bead instead pays the same penalties, less whatever its frequent words match there by chance, which made
    // the merge look cheaper. Numbers and names rarely match by chance, and a dropped sentence keeps paying for
    // them (freeing every kind made deletions too cheap on Text+Berg dev; see docs/alignment.md).
    // Words the user's dictionary translates are the exception: a dictionary that knows both sentences' words
    // is evidence that they translate each other, so leaving both out must cost what pairing them without a
    // match costs; otherwise every dictionary word a pairing fails to match makes two deletions cheaper than
    // the pair (a large general dictionary split good 1-1 beads into 1-0 + 0-1). Words of the lexicon learned
    // from the document itself stay free, as the model of a sentence written from its own language wants.
    deletionPenalty[key] = kind === 'token' || (kind === 'lexicon' && !fromDictionary.has(key)) ? 0 : penalty[key]!
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
    let lexicalCount = 0
    let nameCount = 0
    for (const key of keys) {
      if (kinds[key] === 'lexicon') lexicalCount++
      else if (kinds[key] === 'name') nameCount++
    }
    if (lexicalCount <= maxLexiconKeys && nameCount <= maxLexiconKeys) return Int32Array.from(keys)
    const heavy = (list: number[]) => new Set(list.sort((a, b) => weight[b]! - weight[a]! || a - b).slice(0, maxLexiconKeys))
    const keptLexical = heavy(keys.filter((key) => kinds[key] === 'lexicon'))
    const keptNames = heavy(keys.filter((key) => kinds[key] === 'name'))
    return Int32Array.from(keys.filter((key) => (kinds[key] === 'lexicon' ? keptLexical.has(key) : kinds[key] === 'name' ? keptNames.has(key) : true)))
  }
  return {
    source: sourceKeys.map(cap),
    target: targetKeys.map(cap),
    weight,
    penalty,
    deletionPenalty,
    lexical: Uint8Array.from(kinds, (kind) => (kind === 'lexicon' ? 1 : 0)),
    points,
    size,
  }
}

type KeyedEntry = { s: string; t: string; weight: number | undefined }

/** A translation of a source key: the target key (a word's key, or a phrase's keys joined by spaces). */
interface Translation {
  readonly target: string
  readonly weight: number
  /** From the user's dictionary (not learned from the document). */
  readonly user: boolean
}

/** Lexicon entries by source key, with the phrase lengths and target keys they use. */
interface LexiconIndex {
  bySource: Map<string, Translation[]>
  targetPhrases: Set<string>
  sourceLengths: Set<number>
  targetLengths: Set<number>
  /** First keys of the phrases of two words or more, per side. */
  sourceStarts: Set<string>
  targetStarts: Set<string>
}

function indexLexicon(entries: readonly KeyedEntry[], user: boolean): LexiconIndex {
  const index: LexiconIndex = { bySource: new Map(), targetPhrases: new Set(), sourceLengths: new Set(), targetLengths: new Set(), sourceStarts: new Set(), targetStarts: new Set() }
  for (const { s, t, weight } of entries) {
    if (!s || !t) continue
    const sourceWords = s.split(' ')
    const targetWords = t.split(' ')
    index.sourceLengths.add(sourceWords.length)
    index.targetLengths.add(targetWords.length)
    if (sourceWords.length > 1) index.sourceStarts.add(sourceWords[0]!)
    if (targetWords.length > 1) index.targetStarts.add(targetWords[0]!)
    let list = index.bySource.get(s)
    if (!list) index.bySource.set(s, (list = []))
    list.push({ target: t, weight: weight ?? 1, user })
    index.targetPhrases.add(t)
  }
  return index
}

/** Indexes of user lexicons, per lexicon array and language pair: a memory's lexicon is reused across documents. */
const indexCache = new WeakMap<readonly LexiconEntry[], Map<string, LexiconIndex>>()

function userLexiconIndex(lexicon: readonly LexiconEntry[], sourceLang: string, targetLang: string): LexiconIndex {
  let byLanguages = indexCache.get(lexicon)
  if (!byLanguages) indexCache.set(lexicon, (byLanguages = new Map()))
  const languages = `${sourceLang}\u0000${targetLang}`
  let index = byLanguages.get(languages)
  if (!index) {
    index = indexLexicon(
      lexicon.map((entry) => ({ s: phraseKey(entry.source, sourceLang), t: phraseKey(entry.target, targetLang), weight: entry.weight })),
      true,
    )
    byLanguages.set(languages, index)
  }
  return index
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

/** The n-word phrases of a sentence's lexical keys, as space-joined key texts (for multi-word lexicon entries). */
function* phrases(words: Int32Array, n: number, keys: readonly string[], starts: Uint8Array): Generator<string> {
  for (let start = 0; start + n <= words.length; start++) {
    if (starts[words[start]!] !== 1) continue
    let gram = keys[words[start]!]!
    for (let k = 1; k < n; k++) gram += ` ${keys[words[start + k]!]!}`
    yield gram
  }
}
