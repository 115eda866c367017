/**
 * The user dictionary is keyed and indexed once per array (prepared-lexicon.ts), and reused on later calls: that
 * reuse must never answer for entries the array no longer holds. Our own four-sentence news item; the dictionary is
 * its only word evidence.
 */
import { describe, expect, it } from 'vitest'
import { alignSentences } from '../../src/align/align-sentences.js'
import type { LexiconEntry } from '../../src/align/lexicon.js'
import { keyEntries, phraseKeyer, prepared } from '../../src/align/prepared-lexicon.js'
import { marketArabic, marketEnglish } from '../fixtures/documents.js'
import { lexicalKey, STOP_WORDS, tokenize } from '../../src/align/tokens.js'

// The market item with the sentence its English leaves out left out here too.
const arabic = marketArabic.filter((_, k) => k !== 1)
const english = marketEnglish
const options = { sourceLang: 'ar', targetLang: 'en', learnFromDocument: false } as const
const scores = (dictionary: readonly LexiconEntry[]) => alignSentences(arabic, english, { ...options, dictionary }).beads.map((bead) => [bead.source, bead.target, bead.score])

describe('prepared', () => {
  it('builds once for an array whose entries do not change', () => {
    const lexicon: LexiconEntry[] = [{ source: 'السوق', target: 'market' }]
    let builds = 0
    prepared(lexicon, 'ar\u0000en', () => ++builds)
    prepared(lexicon, 'ar\u0000en', () => ++builds)
    expect(builds).toBe(1)
  })

  it('builds again when an entry is added, edited or reweighted, or for another language pair', () => {
    const lexicon: LexiconEntry[] = [{ source: 'السوق', target: 'market' }]
    let builds = 0
    const build = () => ++builds
    prepared(lexicon, 'ar\u0000en', build)
    lexicon.push({ source: 'التجار', target: 'traders' })
    expect(prepared(lexicon, 'ar\u0000en', build)).toBe(2)
    lexicon[0]!.target = 'bazaar'
    expect(prepared(lexicon, 'ar\u0000en', build)).toBe(3)
    lexicon[1]!.weight = 0.5
    expect(prepared(lexicon, 'ar\u0000en', build)).toBe(4)
    expect(prepared(lexicon, 'ar\u0000fr', build)).toBe(5)
    expect(prepared(lexicon, 'ar\u0000en', build)).toBe(4)
  })
})

describe('alignSentences with a dictionary array changed between calls', () => {
  it('aligns with the entries the array holds now, as a fresh copy of it would', () => {
    const dictionary: LexiconEntry[] = [{ source: 'السوق', target: 'bazaar' }]
    const before = scores(dictionary)
    // The first call indexed a translation the English never uses; now the array holds the ones it does use.
    dictionary[0]!.target = 'market'
    dictionary.push({ source: 'التجار', target: 'traders' }, { source: 'الزوار', target: 'visitors' }, { source: 'القرى', target: 'villages' })
    const now = scores(dictionary)
    expect(now).toEqual(scores(dictionary.map((entry) => ({ ...entry }))))
    expect(now).not.toEqual(before)
  })
})

describe('keyEntries', () => {
  // The keys sentences' words get (anchors.ts readSide): tokens, stop words left out, lexical keys; spaces between.
  const reference = (text: string, lang: string) =>
    tokenize(text)
      .filter((token) => token.kind === 'word' && !STOP_WORDS[lang]?.has(token.text))
      .map((token) => lexicalKey(token.text, lang))
      .join(' ')
  const entries: LexiconEntry[] = [
    { source: 'والرئيس', target: 'The United Nations', weight: 0.5 },
    { source: 'والرئيس', target: "president's" },
    { source: 'المدينة القديمة', target: 'old city' },
    { source: 'في', target: 'of' },
    { source: 'القرى', target: 'villages' },
    { source: 'المدينة القديمة', target: 'old town' },
    { source: '١٬٠٠٠ دينار', target: '1,000 dinars' },
  ]

  it.each(entries.map((entry, k) => [k, entry] as const))('keys entry %i as sentences key its words', (k, entry) => {
    expect(keyEntries(entries, 'ar', 'en')[k]).toEqual({ s: reference(entry.source, 'ar'), t: reference(entry.target, 'en'), weight: entry.weight })
  })

  it('keys single words as the tokenizer does, whatever character they hold (the plain-word shortcut)', () => {
    // Every Arabic-block and printable ASCII character, alone and inside a word of each script; words a stop list has.
    const texts = ['THE', 'The', 'Of', 'في', 'كتـاب', 'مدرسة', 'مستشفى', 'أحمد', 'إلى', 'آخر', 'Ärger', 'naïve']
    for (let code = 0x0600; code <= 0x06ff; code++) texts.push(String.fromCharCode(code), `ك${String.fromCharCode(code)}ب`)
    for (let code = 0x20; code <= 0x7e; code++) texts.push(String.fromCharCode(code), `a${String.fromCharCode(code)}B`, `ك${String.fromCharCode(code)}ب`)
    const lexicon = texts.map((text) => ({ source: text, target: text }))
    expect(keyEntries(lexicon, 'ar', 'en')).toEqual(texts.map((text) => ({ s: reference(text, 'ar'), t: reference(text, 'en'), weight: undefined })))
  })

  it('gives a text repeated in a row the key it gave the first time, and a new text its own', () => {
    const key = phraseKeyer('ar')
    expect(['المدينة القديمة', 'المدينة القديمة', 'القرى', 'المدينة القديمة'].map(key)).toEqual(['المدينة القديمة', 'المدينة القديمة', 'القرى', 'المدينة القديمة'].map((text) => reference(text, 'ar')))
  })
})
