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
import { PhraseTrie } from './phrase-trie.js'
import { numberWordValue } from './closed-class-numbers.js'
import { keyEntries, prepared, type KeyedEntry } from './prepared-lexicon.js'
import { normalizeStreamSafe } from '../text/stream-safe.js'
import { arabicNameKeys, isArabicWord, latinNameKey, lexicalKey, NUMBER as NUMBER_KIND, interner, primaryLanguage, PUNCT as PUNCT_KIND, scanTokens, STOP_WORDS } from './tokens.js'

// Module-local copies of token kinds compared once per token (see tokens.ts on imported bindings).
const NUMBER: number = NUMBER_KIND
const PUNCT: number = PUNCT_KIND

const ANY_DIGIT = /\p{Nd}/u

const NO_KEYS = new Int32Array(0)
const NO_PHRASES: readonly string[] = []

const CAPITALISED = /(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}]+(?:[-'’]\p{Lu}?[\p{Ll}\p{M}]+)*/gu

type AnchorKind = 'number' | 'token' | 'punctuation' | 'lexicon' | 'name' | 'cognate'

/** Relative strength of each anchor kind, in nats of evidence per matched key. @internal */
export interface AnchorWeights {
  /** Names matched across scripts by consonant skeleton (Arabic–Latin only). */
  name: number
  /** Cognates: words of two Latin-script languages sharing their first four letters (see {@link cognateKey}). */
  cognate: number
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
  /**
   * Number of distinct keys made: ids run below it. With a user dictionary it also counts the translations of the
   * document's words that no target sentence has; those get no id (no sentence could keep them), and the arrays'
   * slots past the last id stay 0.
   */
  size: number
  /**
   * Per sentence of each side, how many numbers it holds that the other document has nowhere (see
   * {@link orphanNumbers}): evidence that its translation is missing. Absent: none counted.
   */
  orphans?: { source: Float64Array; target: Float64Array }
}

/**
 * Keys found more often than this on a side give no band points (their occurrences are too easy to mismatch;
 * the longest-chain filter drops the points that cross). Raised from 4 to 8: the same beads on the tuning
 * documents (UN, Text+Berg dev), and a long document whose names and numbers each recur five or more times (the
 * benchmark's 50,000-sentence text repeats its UN pairs) no longer gets an empty chain, a straight diagonal band
 * and four rounds of widening.
 */
const MAX_POINT_FREQUENCY = 8

/**
 * A key's frequency is counted among the sentences within this many of each occurrence (a window of
 * `2 · FREQUENCY_REACH + 1` sentences, moved inside the document at its ends), averaged over the occurrences. A
 * side of at most 601 sentences is one window: its keys keep their document frequency. In the issue #12 document
 * of 20,009 lines (UN, Flores, NTREX, then Tatoeba), the everyday words of the Tatoeba stretch were counted over
 * all of it and weighed a fifth of a nat where they link a pair; counted within reach, strict F1 there went 0.811 →
 * 0.827 (reach 1000: 0.819), with the 200-line UN documents and Text+Berg unchanged.
 */
const FREQUENCY_REACH = 300

/**
 * The mean, over a key's occurrences (in `where`, ascending sentence indexes on a side of `count` sentences), of how
 * many of its occurrences lie in the window of {@link FREQUENCY_REACH} around each; the plain count when the side
 * fits in one window.
 */
function frequencyInReach(where: Occurrences, key: number, count: number): number {
  const first = where.start[key]!
  const end = where.start[key + 1]!
  const span = 2 * FREQUENCY_REACH + 1
  if (count <= span || end === first) return end - first
  const at = where.at
  let low = first
  let high = first
  let sum = 0
  for (let k = first; k < end; k++) {
    const from = Math.min(Math.max(0, at[k]! - FREQUENCY_REACH), count - span)
    while (at[low]! < from) low++
    while (high < end && at[high]! < from + span) high++
    sum += high - low
  }
  return sum / (end - first)
}

/**
 * Where each key occurs on one side, in one flat array (a list per key cost an allocation for each of the tens of
 * thousands of keys a dictionary makes): key `k`'s sentence indexes, ascending, are `at[start[k]]` up to
 * `at[start[k + 1]]`.
 */
interface Occurrences {
  start: Int32Array
  at: Int32Array
}

/** {@link Occurrences} of the keys `0 … size - 1` in `sentences` (each sentence's keys, each key once). */
function occurrences(sentences: ReadonlyArray<Iterable<number>>, size: number): Occurrences {
  const start = new Int32Array(size + 1)
  for (const keys of sentences) for (const key of keys) start[key + 1]!++
  for (let key = 0; key < size; key++) start[key + 1]! += start[key]!
  const at = new Int32Array(start[size]!)
  const next = start.slice(0, size)
  sentences.forEach((keys, i) => {
    for (const key of keys) at[next[key]!++] = i
  })
  return { start, at }
}

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
  /**
   * Per sentence, the numbers its number words name (`ثلاثة`, `three`: closed-class-numbers.ts), when the side was
   * read to collect them; {@link withNumberWords} makes them keys.
   */
  numberWords?: Int32Array[]
}

/**
 * Tokenizes one side's sentences into identity keys and content-word keys.
 *
 * @internal
 */
export function readSide(sentences: readonly string[], lang: string, names: 'arabic' | 'latin' | 'none' = 'none', cognates = false, numberWords = false, collectNumberWords = false): SideTokens {
  const stop = STOP_WORDS[primaryLanguage(lang)]
  const identityKeys = interner()
  const lexicalKeys = interner()
  // Words repeat across a document (a few thousand distinct words in a 2,000-sentence text), so each distinct
  // token is read once: its identity keys and its lexical key (-1 for a stop word).
  const seenWords = new Map<string, { ids: number[]; lexical: number; value: number | undefined }>()
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
        // A number word is the number it names (`ثلاثة`, `three`, `3`; closed-class-numbers.ts).
        const value = numberWords || collectNumberWords ? numberWordValue(text) : undefined
        if (value !== undefined && numberWords) wordIds.push(identityKeys.id(`n:${value}`))
        if (cognates) {
          const cognate = cognateKey(text)
          if (cognate !== undefined) wordIds.push(identityKeys.id(`c:${cognate}`))
        }
        word = { ids: wordIds, lexical: stop?.has(text) ? -1 : lexicalKeys.id(lexicalKey(text, lang)), value }
        seenWords.set(text, word)
      }
      for (const id of word.ids) add(id)
      if (word.lexical >= 0) words.push(word.lexical)
      if (collectNumberWords && word.value !== undefined) values.push(word.value)
    }
  }
  const identity: Int32Array[] = []
  const lexical: Int32Array[] = []
  const numberWordsOf: Int32Array[] = []
  const values: number[] = []
  for (const sentence of sentences) {
    stamp++
    ids.length = 0
    words.length = 0
    values.length = 0
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
    if (collectNumberWords) numberWordsOf.push(Int32Array.from(values))
  }
  return { identity, identityKeys: identityKeys.keys, lexical, lexicalKeys: lexicalKeys.keys, ...(collectNumberWords ? { numberWords: numberWordsOf } : {}) }
}

/**
 * The side with its number words read as numbers too: each sentence also holds the number key (`n:3`) of every
 * number word it has, as {@link readSide} with `numberWords` would give it, without reading the text again (the
 * search reads number words, the confidence reads the side as it was fitted; align-sentences.ts).
 *
 * @param side - a side read with `collectNumberWords`
 * @returns the side with the number words' keys; the same side when it has none
 * @example
 * ```ts
 * const plain = readSide(['قضى ثلاثة أيام هناك.'], 'ar', 'arabic', false, false, true)
 * withNumberWords(plain).identityKeys.includes('n:3') // true
 * ```
 * @internal
 */
export function withNumberWords(side: SideTokens): SideTokens {
  if (!side.numberWords || side.numberWords.every((values) => values.length === 0)) return side
  const identityKeys = [...side.identityKeys]
  const idOf = new Map(identityKeys.map((key, id) => [key, id]))
  const identity = side.identity.map((ids, s) => {
    const values = side.numberWords![s]!
    if (values.length === 0) return ids
    const out = Array.from(ids)
    for (const value of values) {
      const key = `n:${value}`
      let id = idOf.get(key)
      if (id === undefined) {
        id = identityKeys.length
        identityKeys.push(key)
        idOf.set(key, id)
      }
      if (!out.includes(id)) out.push(id)
    }
    return Int32Array.from(out)
  })
  return { ...side, identity, identityKeys }
}

/** The first four letters of a word whose diacritics are dropped (`é` → `e`): its {@link cognateKey}. */
const COGNATE_LETTERS = /^\p{L}{4}/u

/**
 * The cognate key of a word of a Latin-script language: its first four letters without diacritics, or undefined
 * for a word of fewer than four letters (or starting with a digit). Simard, Foster & Isabelle (1992) found that
 * two words of an English–French pair sharing their first four letters are cognates often enough to align
 * sentences by; German and French share many such words that are not written the same (`Expedition` /
 * `expédition`, `Temperatur` / `température`; `Gletscher` / `glacier` is missed, and chance pairs are discounted
 * by their frequency like every key).
 *
 * @example
 * ```ts
 * cognateKey('expédition') // 'expe'
 * cognateKey('Expedition'.toLowerCase()) // 'expe'
 * cognateKey('und') // undefined
 * ```
 * @internal
 */
export function cognateKey(word: string): string | undefined {
  const plain = normalizeStreamSafe(word.toLowerCase(), 'NFD').replace(/\p{M}/gu, '')
  return COGNATE_LETTERS.exec(plain)?.[0]
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
  const kindOf = (key: string) => (key.startsWith('n:') ? 'number' : key.startsWith('p:') ? 'punctuation' : key.startsWith('f:') ? 'name' : key.startsWith('c:') ? 'cognate' : 'token')
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
  const orphans = { source: orphanNumbers(sourceSide, targetSide), target: orphanNumbers(targetSide, sourceSide) }
  let targetless = 0

  if (lexicon.length + keyedLexicon.length > 0) {
    // Entries keyed by the lexical keys of their words, phrases as space-joined keys. A source sentence gets
    // the key `t:<target key>` of every translation of its words; a target sentence gets `t:<key>` for its words
    // that are some entry's target. A bead then matches when a translation is present. Single words (nearly
    // every entry) are looked up by their interned ids, phrases by walking those ids (phrase-trie.ts).
    // What the user's dictionary makes of the document pair does not depend on the learned lexicon, so it is
    // resolved once per alignment (userAnchors) and shared by the builds of every pass and of the cross-fitted
    // evidence; here its anchors only get their ids, and the learned lexicon (indexed per call) adds its own.
    // Ids are given as before, at a word's (or phrase's) first use in the walk below, its user translations
    // first, so the keys and their order are what resolving every translation here would give.
    const user = lexicon.length > 0 ? userAnchors(sourceSide, targetSide, lexicon, sourceLang, targetLang) : undefined
    targetless = user?.targetless ?? 0
    const learned = keyedLexicon.length > 0 ? indexLexicon(keyedLexicon.map((entry) => ({ s: entry.source, t: entry.target, weight: entry.weight }))) : undefined
    const sourceLengths = new Set([...(user?.index.sourceLengths ?? []), ...(learned?.sourceLengths ?? [])])
    const targetLengths = new Set([...(user?.index.targetLengths ?? []), ...(learned?.targetLengths ?? [])])
    // The id of each user anchor (-1 until the walk meets it), and the ids of learned keys no user anchor has.
    const userId = new Int32Array(user?.keys.length ?? 0).fill(-1)
    const learnedIds = new Map<string, number>()
    const userAnchor = (local: number): number => {
      let id = userId[local]!
      if (id < 0) {
        userId[local] = id = kinds.length
        kinds.push('lexicon')
        strength.push(user!.strength[local]!)
        fromDictionary.add(id)
      }
      return id
    }
    const learnedAnchor = (translation: Translation): number => {
      const local = user?.localOf.get(translation.key)
      if (local !== undefined && user!.onTarget[local] === 0) return -1 // no target sentence has it (see userAnchors)
      let id = local === undefined ? learnedIds.get(translation.key) : userAnchor(local)
      if (id === undefined) {
        learnedIds.set(translation.key, (id = kinds.length))
        kinds.push('lexicon')
        strength.push(translation.weight)
      } else if (translation.weight > strength[id]!) strength[id] = translation.weight
      return id
    }
    // A word's (or phrase's) anchors, its user translations' first: made at its first use, so a translation whose
    // source word is not in the document makes no key. Translations that stem alike (`quadrillion`,
    // `quadrillions`) make one key, kept once.
    const anchorsOf = (local: Int32Array | undefined, translations: readonly Translation[] | undefined): Int32Array => {
      if (!local && !translations) return NO_KEYS
      const anchors = new Int32Array((local?.length ?? 0) + (translations?.length ?? 0))
      let count = 0
      if (local) for (let k = 0; k < local.length; k++) anchors[count++] = userAnchor(local[k]!) // distinct already
      if (translations) {
        for (const translation of translations) {
          const anchor = learnedAnchor(translation)
          if (anchor >= 0 && !holds(anchors, count, anchor)) anchors[count++] = anchor
        }
      }
      return anchors.subarray(0, count)
    }
    // Each source word's (and phrase's) translations become the same anchor ids in every sentence, so they are
    // resolved once, at the word's first use, and later occurrences only push the ids: a general dictionary gives
    // an Arabic word a dozen translations or more.
    const wordAnchors: Array<Int32Array | undefined> = new Array(sourceSide.lexicalKeys.length)
    const phraseAnchors = new Map<string, Int32Array>()
    // Phrases are found by walking the words' keys (phrase-trie.ts), never by building every n-gram's text; the
    // user's phrases once per alignment, and again here only when the learned lexicon has phrases too.
    const liveSource = learned !== undefined && !learned.sourcePhrases.empty
    const liveTarget = learned !== undefined && !learned.targetPhrases.empty
    const indexes = [user?.index, learned].filter((index): index is LexiconIndex => index !== undefined)
    const sourcePhrase = liveSource ? phraseFinder(indexes.map((index) => index.sourcePhrases), sourceSide.lexicalKeys) : undefined
    const targetPhrase = liveTarget ? phraseFinder(indexes.map((index) => index.targetPhrases), targetSide.lexicalKeys) : undefined
    const lexicalId = (key: string): number => {
      const local = user?.localOf.get(key)
      return local !== undefined ? userId[local]! : (learnedIds.get(key) ?? -1)
    }
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
    const translate = (keys: number[], anchors: Int32Array) => {
      seen = ensure(seen, kinds.length)
      for (let k = 0; k < anchors.length; k++) {
        const id = anchors[k]!
        if (seen[id] !== stamp) {
          seen[id] = stamp
          keys.push(id)
        }
      }
    }
    const phraseAnchorsOf = (phrase: string): Int32Array => {
      let anchors = phraseAnchors.get(phrase)
      if (!anchors) phraseAnchors.set(phrase, (anchors = anchorsOf(user?.phraseAnchors.get(phrase), learned?.bySource.get(phrase))))
      return anchors
    }
    sourceSide.lexical.forEach((words, i) => {
      const keys = sourceKeys[i]!
      stamp++
      markAll(keys) // identity keys are in already; a lexicon key never repeats one
      for (const n of sourceLengths) {
        if (n === 1) {
          for (const word of words) translate(keys, (wordAnchors[word] ??= anchorsOf(user?.wordAnchors[word], learned?.bySource.get(sourceSide.lexicalKeys[word]!))))
        } else if (sourcePhrase) {
          for (let start = 0; start + n <= words.length; start++) {
            const phrase = sourcePhrase(words, start, n)
            if (phrase !== undefined) translate(keys, phraseAnchorsOf(phrase))
          }
        } else for (const phrase of user?.sourcePhrases.get(n)?.[i] ?? []) translate(keys, phraseAnchorsOf(phrase))
      }
    })
    // Target words resolved once each: the anchor of `t:<key>` when a source sentence made it, else none.
    const targetAnchor = Int32Array.from(targetSide.lexicalKeys, (key, w) => {
      const local = user?.targetWord[w] ?? -1
      return local >= 0 ? userId[local]! : learned?.targets.has(key) ? (learnedIds.get(`t:${key}`) ?? -1) : -1
    })
    targetSide.lexical.forEach((words, j) => {
      const keys = targetKeys[j]!
      stamp++
      markAll(keys)
      seen = ensure(seen, kinds.length)
      for (const n of targetLengths) {
        if (n === 1) {
          for (const word of words) if (targetAnchor[word]! >= 0) push(keys, targetAnchor[word]!)
        } else if (targetPhrase) {
          for (let start = 0; start + n <= words.length; start++) {
            const phrase = targetPhrase(words, start, n)
            const id = phrase === undefined ? -1 : lexicalId(`t:${phrase}`)
            if (id >= 0) push(keys, id)
          }
        } else for (const local of user?.targetPhrases.get(n)?.[j] ?? NO_KEYS) push(keys, userId[local]!)
      }
    })
  }

  // Keys with ids; the user dictionary's translations that no target sentence has get none (userAnchors) but are
  // counted in `size`, as they were when each got an id that `cap` then dropped from every sentence.
  const made = kinds.length
  const size = made + targetless
  const sourceWhere = occurrences(sourceKeys, made)
  const targetWhere = occurrences(targetKeys, made)
  // A key's frequency is counted within reach: a pair it links can only be confused with pairs near it, so in a long
  // document that joins texts of different kinds, a word frequent in one stretch and absent elsewhere weighs what it
  // would in that stretch alone (see FREQUENCY_REACH).
  const sourceFrequency = new Float64Array(made)
  const targetFrequency = new Float64Array(made)
  for (let key = 0; key < made; key++) {
    sourceFrequency[key] = frequencyInReach(sourceWhere, key, sourceKeys.length)
    targetFrequency[key] = frequencyInReach(targetWhere, key, targetKeys.length)
  }

  const weight = new Float64Array(size)
  const penalty = new Float64Array(size)
  const deletionPenalty = new Float64Array(size)
  const points: Array<[number, number]> = []
  for (let key = 0; key < made; key++) {
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
    deletionPenalty[key] = kind === 'token' || kind === 'cognate' || (kind === 'lexicon' && !fromDictionary.has(key)) ? 0 : penalty[key]!
    // Band candidates: a key found as often on both sides (at most a few times) links its k-th occurrences in
    // order. Hapax keys give one point; a name repeated three times on each side gives three.
    const sourceFirst = sourceWhere.start[key]!
    const targetFirst = targetWhere.start[key]!
    const f = sourceWhere.start[key + 1]! - sourceFirst
    if (f >= 1 && f <= MAX_POINT_FREQUENCY && f === targetWhere.start[key + 1]! - targetFirst && kind !== 'punctuation' && strength[key]! >= 0.5) {
      for (let k = 0; k < f; k++) points.push([sourceWhere.at[sourceFirst + k]!, targetWhere.at[targetFirst + k]!])
    }
  }
  // Long sentences can carry dozens of lexicon keys; the rarest few carry nearly all the evidence.
  // Name keys are many on the Arabic side (any word may be a name), and weak unless rare: the same cap.
  // The keys kept are the `maxLexiconKeys` first of each kind in the order heavier first, then smaller id. That
  // order is total (weights are finite: options.ts admits entry weights in [0, 1] only, and a sentence's keys are
  // distinct), so picking them with a short sorted buffer (heaviestKeys) keeps exactly the keys a full sort would,
  // without sorting every sentence's hundred-odd lexicon keys of a general dictionary.
  const kept = new Int32Array(size)
  const buffer = new Int32Array(Number.isFinite(maxLexiconKeys) ? Math.max(0, maxLexiconKeys) : 0)
  let keptStamp = 0
  // A lexicon key that no sentence of the other side has can match nothing (a general dictionary gives a source word
  // a dozen translations, most of which the translator did not use). Found in one sentence, it is the rarest and so
  // the heaviest key of its sentence: kept, such keys filled the cap and pushed out the translations the other
  // side does have (issue #12: a first sentence kept 12 unusable keys and lost the 7 its translation shares). They
  // are dropped, as identity keys found in one document are.
  const bothSides = (key: number) => kinds[key] !== 'lexicon' || (sourceWhere.start[key + 1]! > sourceWhere.start[key]! && targetWhere.start[key + 1]! > targetWhere.start[key]!)
  const cap = (all: number[]) => {
    const keys = all.every(bothSides) ? all : all.filter(bothSides)
    let lexicalCount = 0
    let nameCount = 0
    for (const key of keys) {
      if (kinds[key] === 'lexicon') lexicalCount++
      else if (kinds[key] === 'name') nameCount++
    }
    if (lexicalCount <= maxLexiconKeys && nameCount <= maxLexiconKeys) return Int32Array.from(keys)
    keptStamp++
    for (const kind of ['lexicon', 'name'] as const) {
      const count = heaviestKeys(keys, kinds, kind, weight, buffer)
      for (let k = 0; k < count; k++) kept[buffer[k]!] = keptStamp
    }
    return Int32Array.from(keys.filter((key) => (kinds[key] === 'lexicon' || kinds[key] === 'name' ? kept[key] === keptStamp : true)))
  }
  return {
    source: sourceKeys.map(cap),
    target: targetKeys.map(cap),
    weight,
    penalty,
    deletionPenalty,
    lexical: lexicalFlags(kinds, size),
    points,
    size,
    orphans,
  }
}

/** Whether the first `count` values of `values` include `value` (a loop: a `subarray` view per test was an allocation per translation). */
function holds(values: Int32Array, count: number, value: number): boolean {
  for (let k = 0; k < count; k++) if (values[k] === value) return true
  return false
}

/** 1 for each lexicon key of `kinds`, in an array of `size` (the keys counted without an id stay 0). */
function lexicalFlags(kinds: readonly AnchorKind[], size: number): Uint8Array {
  const flags = new Uint8Array(size)
  for (let key = 0; key < kinds.length; key++) if (kinds[key] === 'lexicon') flags[key] = 1
  return flags
}

/** A run of digits without its trailing zeros (`45000` → `45`, `0` stays): `٤٥ ألف` and `45,000` meet. */
function significant(run: string): string {
  // A loop, not `/(?<=\d)0+$/`: that pattern retries from every zero of a run like `100…01`, quadratic in its length.
  let end = run.length
  while (end > 1 && run.charCodeAt(end - 1) === ZERO) end--
  return end === run.length ? run : run.slice(0, end)
}

/**
 * For each sentence of `side`, how many of its numbers the `other` document has nowhere: a number of two digits or
 * more none of whose digit runs is any run of a number or digit-bearing token of the other side (so `4.45 Uhr` and
 * `4 h 45`, `1.5` and `1,5`, `12` and `12th` are not orphans, and a number written in Arabic-Indic digits is read
 * by value). Trailing zeros are not compared (`٤٥ ألف` / `45,000`, `12 million` / `12,000,000`). Translators rarely drop a number (Simard, Foster & Isabelle 1992 rely on it), so a sentence holding one
 * that the other document lacks entirely is likely a sentence whose translation is missing. Numbers of one digit
 * are left out: translations often spell them (`5` / `five`, `خمسة`). A sentence that also holds a number of two
 * digits or more that the other document does have counts 0: it is more likely paired, with a number converted
 * (`12 Zoll (305 mm)`), mistyped or added (Text+Berg's page references), than left out.
 *
 * @example
 * ```ts
 * const ar = readSide(['ولد في 1950.', 'عاش هنا.'], 'ar')
 * const en = readSide(['He lived here.'], 'en')
 * orphanNumbers(ar, en) // Float64Array [1, 0]
 * ```
 * @internal
 */
export function orphanNumbers(side: SideTokens, other: SideTokens): Float64Array {
  // The builds of one alignment (first pass, learning pass, cross-fitted evidence) share their sides: counted once.
  const cached = orphanCache.get(side)
  if (cached && cached.other === other) return cached.value
  const value = countOrphans(side, other)
  orphanCache.set(side, { other, value })
  return value
}

/** The last {@link orphanNumbers} of each side, with the side it was counted against. */
const orphanCache = new WeakMap<SideTokens, { other: SideTokens; value: Float64Array }>()

function countOrphans(side: SideTokens, other: SideTokens): Float64Array {
  // Keys are scanned by hand: a side has thousands of word keys (`w:`), few of which hold a digit.
  const otherRuns = new Set<string>()
  for (const key of other.identityKeys) {
    const kind = key.charCodeAt(0)
    if ((kind === N_CODE || kind === W_CODE) && key.charCodeAt(1) === COLON) forEachRun(key, (run) => otherRuns.add(run))
  }
  // 1: an orphan; -1: a number of two digits or more that the other document has; 0: anything else.
  const orphan = new Int8Array(side.identityKeys.length)
  side.identityKeys.forEach((key, id) => {
    if (key.charCodeAt(0) !== N_CODE || key.charCodeAt(1) !== COLON) return
    let digits = 0
    let shared = false
    forEachRun(key, (run, length) => {
      digits += length
      if (otherRuns.has(run)) shared = true
    })
    if (digits >= 2) orphan[id] = shared ? -1 : 1
  })
  const counts = new Float64Array(side.identity.length)
  side.identity.forEach((keys, i) => {
    let count = 0
    for (const key of keys) {
      if (orphan[key] === -1) return
      count += orphan[key]!
    }
    counts[i] = count
  })
  return counts
}

const N_CODE = 'n'.charCodeAt(0)
const W_CODE = 'w'.charCodeAt(0)
const COLON = ':'.charCodeAt(0)
const ZERO = '0'.charCodeAt(0)
const NINE = '9'.charCodeAt(0)

/** Calls `visit` with each run of ASCII digits in `key` after its kind prefix, trailing zeros dropped (see {@link significant}), and the run's length. */
function forEachRun(key: string, visit: (run: string, length: number) => void): void {
  let start = -1
  for (let k = 2; k <= key.length; k++) {
    const code = k < key.length ? key.charCodeAt(k) : -1
    const digit = code >= ZERO && code <= NINE
    if (digit && start < 0) start = k
    else if (!digit && start >= 0) {
      visit(significant(key.slice(start, k)), k - start)
      start = -1
    }
  }
}

/**
 * Fills `buffer` with the heaviest keys of one kind (ties: the smaller id first), as many as it holds, and returns
 * how many it found: the first `buffer.length` keys of that kind sorted by `weight[b] - weight[a] || a - b`
 * (weights finite, keys distinct).
 *
 * @example
 * ```ts
 * const buffer = new Int32Array(2)
 * heaviestKeys([0, 1, 2, 3], ['lexicon', 'name', 'lexicon', 'lexicon'], 'lexicon', Float64Array.of(0.2, 9, 0.5, 0.2), buffer) // 2
 * buffer // Int32Array [2, 0]
 * ```
 * @internal
 */
export function heaviestKeys(keys: readonly number[], kinds: readonly AnchorKind[], kind: AnchorKind, weight: Float64Array, buffer: Int32Array): number {
  const limit = buffer.length
  let count = 0
  for (const key of keys) {
    if (kinds[key] !== kind) continue
    const w = weight[key]!
    // Insertion into the sorted buffer; a key no better than a full buffer's last is out at once.
    let at = count
    while (at > 0 && (w > weight[buffer[at - 1]!]! || (w === weight[buffer[at - 1]!]! && key < buffer[at - 1]!))) at--
    if (at >= limit) continue
    for (let k = Math.min(count, limit - 1); k > at; k--) buffer[k] = buffer[k - 1]!
    buffer[at] = key
    if (count < limit) count++
  }
  return count
}

/** A translation of a source key: the target key (a word's key, or a phrase's keys joined by spaces). */
interface Translation {
  readonly target: string
  /** `t:<target>`, the anchor key it makes; made once with the index, so its hash is computed once too. */
  readonly key: string
  readonly weight: number
}

/** Lexicon entries by source key, with the phrase lengths and target keys they use. */
interface LexiconIndex {
  bySource: Map<string, Translation[]>
  /** Every target key. */
  targets: Set<string>
  sourceLengths: Set<number>
  targetLengths: Set<number>
  /** The source keys of two words or more. */
  sourcePhrases: PhraseTrie
  /** The target keys of two words or more. */
  targetPhrases: PhraseTrie
}

function indexLexicon(entries: readonly KeyedEntry[]): LexiconIndex {
  const bySource = new Map<string, Translation[]>()
  const targets = new Set<string>()
  const sourceLengths = new Set<number>()
  const targetLengths = new Set<number>()
  const sourcePhrases: string[][] = []
  const targetPhrases: string[][] = []
  const keyOf = new Map<string, string>()
  for (const { s, t, weight } of entries) {
    if (!s || !t) continue
    // Nearly every entry is one word to one word: split only phrases.
    const sourceWords = s.includes(' ') ? s.split(' ') : undefined
    const targetWords = t.includes(' ') ? t.split(' ') : undefined
    sourceLengths.add(sourceWords?.length ?? 1)
    targetLengths.add(targetWords?.length ?? 1)
    let list = bySource.get(s)
    if (!list) {
      bySource.set(s, (list = []))
      if (sourceWords) sourcePhrases.push(sourceWords)
    }
    let key = keyOf.get(t)
    if (key === undefined) keyOf.set(t, (key = `t:${t}`))
    list.push({ target: t, key, weight: weight ?? 1 })
    if (targetWords && !targets.has(t)) targetPhrases.push(targetWords)
    targets.add(t)
  }
  return { bySource, targets, sourceLengths, targetLengths, sourcePhrases: new PhraseTrie(sourcePhrases), targetPhrases: new PhraseTrie(targetPhrases) }
}

/**
 * The phrase of any of some lexicons' tries spelled by `length` words of a sentence from `start` (undefined when
 * none is); `keys` are the side's lexical keys. A phrase in two lexicons has the same key in both, so the first
 * trie that knows it answers for all.
 */
function phraseFinder(tries: readonly PhraseTrie[], keys: readonly string[]): (words: Int32Array, start: number, length: number) => string | undefined {
  const used = tries.filter((trie) => !trie.empty)
  const starts = used.map((trie) => trie.startsOf(keys))
  return (words, start, length) => {
    for (let k = 0; k < used.length; k++) {
      const phrase = used[k]!.find(words, start, length, keys, starts[k]!)
      if (phrase !== undefined) return phrase
    }
    return undefined
  }
}

/**
 * The index of a user lexicon, built once per lexicon array and language pair while its entries stay as they were
 * (prepared-lexicon.ts): a memory's lexicon, or a dictionary read once, is reused across documents.
 */
function userLexiconIndex(lexicon: readonly LexiconEntry[], sourceLang: string, targetLang: string): LexiconIndex {
  return prepared(lexicon, `${sourceLang}\u0000${targetLang}`, () => indexLexicon(keyEntries(lexicon, sourceLang, targetLang)))
}

/**
 * What the user's dictionary makes of one document pair, with anchors numbered locally (in the order the walk of
 * the source sentences first meets them): the part of {@link buildAnchors} that no learned lexicon changes, so an
 * alignment's builds (first pass, learning pass, the two cross-fitted evidence lexicons) resolve it once.
 */
interface UserAnchors {
  index: LexiconIndex
  /** Each local anchor's key, `t:<target key>`. */
  keys: string[]
  /** The local number of each key. */
  localOf: Map<string, number>
  /** Each local anchor's strength: the largest weight of the translations that make it. */
  strength: number[]
  /** Each source word's local anchors (distinct), undefined when the dictionary has no translation of it. */
  wordAnchors: Array<Int32Array | undefined>
  /** The same for the dictionary's source phrases found in the document. */
  phraseAnchors: Map<string, Int32Array>
  /** For each phrase length of the dictionary's source side above 1, each source sentence's phrases, in order. */
  sourcePhrases: Map<number, Array<readonly string[]>>
  /** Each target word's local anchor (its `t:<key>`), or -1. */
  targetWord: Int32Array
  /** For each phrase length of the dictionary's target side above 1, each target sentence's phrase anchors, in order. */
  targetPhrases: Map<number, Int32Array[]>
  /** 1 for each local anchor some target sentence has (a word or phrase), else 0. */
  onTarget: Uint8Array
  /** How many local anchors no target sentence has: left out of `wordAnchors` and `phraseAnchors`. */
  targetless: number
}

/** The last {@link UserAnchors} of each source side (sides are read once per alignment, so this lives as long as it). */
const userAnchorsCache = new WeakMap<SideTokens, { targetSide: SideTokens; lexicon: readonly LexiconEntry[]; languages: string; value: UserAnchors }>()

function userAnchors(sourceSide: SideTokens, targetSide: SideTokens, lexicon: readonly LexiconEntry[], sourceLang: string, targetLang: string): UserAnchors {
  const languages = `${sourceLang}\u0000${targetLang}`
  const cached = userAnchorsCache.get(sourceSide)
  if (cached && cached.targetSide === targetSide && cached.lexicon === lexicon && cached.languages === languages) return cached.value
  const index = userLexiconIndex(lexicon, sourceLang, targetLang)
  const keys: string[] = []
  const localOf = new Map<string, number>()
  const strength: number[] = []
  const anchorsOf = (translations: readonly Translation[] | undefined): Int32Array | undefined => {
    if (!translations) return undefined
    const anchors = new Int32Array(translations.length)
    let count = 0
    for (const translation of translations) {
      let local = localOf.get(translation.key)
      if (local === undefined) {
        localOf.set(translation.key, (local = keys.length))
        keys.push(translation.key)
        strength.push(translation.weight)
      } else if (translation.weight > strength[local]!) strength[local] = translation.weight
      if (!holds(anchors, count, local)) anchors[count++] = local
    }
    return anchors.subarray(0, count)
  }
  const wordAnchors: Array<Int32Array | undefined> = new Array(sourceSide.lexicalKeys.length)
  const wordSeen = new Uint8Array(sourceSide.lexicalKeys.length)
  const phraseAnchors = new Map<string, Int32Array>()
  const sourcePhrases = new Map<number, Array<readonly string[]>>()
  const sourcePhrase = phraseFinder([index.sourcePhrases], sourceSide.lexicalKeys)
  for (const n of index.sourceLengths) if (n > 1) sourcePhrases.set(n, [])
  // The walk of buildAnchors, in the same order, so local numbers follow first use.
  sourceSide.lexical.forEach((words) => {
    for (const n of index.sourceLengths) {
      if (n === 1) {
        for (const word of words) {
          if (wordSeen[word] === 1) continue
          wordSeen[word] = 1
          wordAnchors[word] = anchorsOf(index.bySource.get(sourceSide.lexicalKeys[word]!))
        }
        continue
      }
      const found: string[] = []
      for (let start = 0; start + n <= words.length; start++) {
        const phrase = sourcePhrase(words, start, n)
        if (phrase === undefined) continue
        found.push(phrase)
        if (!phraseAnchors.has(phrase)) phraseAnchors.set(phrase, anchorsOf(index.bySource.get(phrase)) ?? NO_KEYS)
      }
      sourcePhrases.get(n)!.push(found.length > 0 ? found : NO_PHRASES) // most sentences have none: one shared empty list
    }
  })
  const targetWord = Int32Array.from(targetSide.lexicalKeys, (key) => (index.targets.has(key) ? (localOf.get(`t:${key}`) ?? -1) : -1))
  const targetPhrases = new Map<number, Int32Array[]>()
  const targetPhrase = phraseFinder([index.targetPhrases], targetSide.lexicalKeys)
  for (const n of index.targetLengths) {
    if (n === 1) continue
    targetPhrases.set(
      n,
      targetSide.lexical.map((words) => {
        const found: number[] = []
        for (let start = 0; start + n <= words.length; start++) {
          const phrase = targetPhrase(words, start, n)
          const local = phrase === undefined ? undefined : localOf.get(`t:${phrase}`)
          if (local !== undefined) found.push(local)
        }
        return found.length > 0 ? Int32Array.from(found) : NO_KEYS
      }),
    )
  }
  // A translation that no target sentence has can match nothing, and buildAnchors' `cap` would drop its key from every
  // sentence (`bothSides`): with a general dictionary that is most of them (a dozen translations per Arabic word, of
  // which the translator used one or none). Left out of the words' and phrases' anchors here, once per document pair,
  // the builds never walk, count or weigh them; only their number is kept, for `size`. What reaches any sentence after
  // the cap is unchanged, and the remaining keys get their ids in the same order.
  const onTarget = new Uint8Array(keys.length)
  for (const local of targetWord) if (local >= 0) onTarget[local] = 1
  for (const lists of targetPhrases.values()) for (const found of lists) for (const local of found) onTarget[local] = 1
  let targetless = 0
  for (let local = 0; local < keys.length; local++) targetless += 1 - onTarget[local]!
  const onTargetOnly = (anchors: Int32Array): Int32Array => (anchors.every((local) => onTarget[local] === 1) ? anchors : anchors.filter((local) => onTarget[local] === 1))
  for (let word = 0; word < wordAnchors.length; word++) if (wordAnchors[word] !== undefined) wordAnchors[word] = onTargetOnly(wordAnchors[word]!)
  for (const [phrase, anchors] of phraseAnchors) phraseAnchors.set(phrase, onTargetOnly(anchors))
  const value: UserAnchors = { index, keys, localOf, strength, wordAnchors, phraseAnchors, sourcePhrases, targetWord, targetPhrases, onTarget, targetless }
  userAnchorsCache.set(sourceSide, { targetSide, lexicon, languages, value })
  return value
}
