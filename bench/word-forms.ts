/**
 * Measures Arabic word-form matchers for concordance (issue #14) on our list tests/fixtures/arabic-word-forms.json:
 * each query word against every form in the list (its own forms must match; its "not" forms and every other
 * query's forms must not). Precision = true matches / all matches, recall = true matches / forms that must match.
 *
 * Matchers: our clitic forms (src/text/arabic-clitics.ts) and variants of it; the light10-style stemmer the aligner
 * uses (src/align/tokens.ts, match when the stems are equal); and, when installed beside (set CANDIDATES to a
 * folder with node_modules holding them), the npm packages `arabic-stem` and `@nlpjs/lang-ar` (stems equal).
 *
 * Run: npx tsx bench/word-forms.ts   (CANDIDATES=/tmp/candidates npx tsx bench/word-forms.ts)
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { stemArabic } from '../src/align/tokens.js'
import { normalizeForMatching } from '../src/tm/normalize.js'
import { arabicCliticForms, type ArabicCliticOptions } from '../src/text/arabic-clitics.js'

interface Lemma {
  query: string
  match: string[]
  not: string[]
}

const fixture = JSON.parse(readFileSync(new URL('../tests/fixtures/arabic-word-forms.json', import.meta.url), 'utf8')) as { lemmas: Lemma[] }
const key = (word: string) => normalizeForMatching(word, 'ar')

type Matcher = (query: string) => (word: string) => boolean

function score(matcher: Matcher): { precision: number; recall: number; f1: number; misses: string[]; falseFriends: string[] } {
  const all = [...new Set(fixture.lemmas.flatMap((lemma) => [...lemma.match, ...lemma.not, lemma.query]))]
  let truePositives = 0
  let positives = 0
  let found = 0
  const misses: string[] = []
  const falseFriends: string[] = []
  for (const lemma of fixture.lemmas) {
    const matches = matcher(key(lemma.query))
    const expected = new Set([...lemma.match].map(key))
    positives += expected.size
    for (const word of all) {
      const hit = matches(key(word))
      if (!hit) {
        if (expected.has(key(word))) misses.push(`${lemma.query}→${word}`)
        continue
      }
      if (key(word) === key(lemma.query) && !expected.has(key(word))) continue // the word itself: not counted
      found++
      if (expected.has(key(word))) truePositives++
      else falseFriends.push(`${lemma.query}→${word}`)
    }
  }
  const precision = truePositives / found
  const recall = truePositives / positives
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall), misses, falseFriends }
}

const clitics = (options: ArabicCliticOptions): Matcher => (query) => {
  const forms = arabicCliticForms(query, options)
  return (word) => forms.has(word)
}

const matchers: Array<[string, Matcher]> = [
  ['clitic forms (default)', clitics({})],
  ['clitic forms with ي (my)', clitics({ enclitics: ['ه', 'ها', 'هم', 'هن', 'هما', 'كم', 'كن', 'كما', 'ك', 'نا', 'ي'] })],
  ['clitic forms without ي, ك', clitics({ enclitics: ['ه', 'ها', 'هم', 'هن', 'هما', 'كم', 'كن', 'كما', 'نا'] })],
  ['clitic forms without accusative alef', clitics({ accusativeAlef: false })],
  ['clitic forms without future س', clitics({ future: false })],
  ['light10 stems equal (align/tokens)', (query) => {
    const stem = stemArabic(query)
    return (word) => stemArabic(word) === stem
  }],
]

const folder = process.env.CANDIDATES
if (folder !== undefined) {
  const require = createRequire(join(folder, 'package.json'))
  try {
    const Stemmer = require('arabic-stem') as new () => { stem(word: string): { stem: string[] } }
    const stemmer = new Stemmer()
    matchers.push(['arabic-stem 0.0.7 (a stem in common)', (query) => {
      const stems = new Set(stemmer.stem(query).stem)
      return (word) => stemmer.stem(word).stem.some((stem) => stems.has(stem))
    }])
  } catch (error) {
    console.log(`arabic-stem: ${(error as Error).message}`)
  }
  try {
    const { StemmerAr } = require('@nlpjs/lang-ar') as { StemmerAr: new () => { stemWord(word: string): string } }
    const stemmer = new StemmerAr()
    matchers.push(['@nlpjs/lang-ar 4.26.1 StemmerAr (stems equal)', (query) => {
      const stem = stemmer.stemWord(query)
      return (word) => stemmer.stemWord(word) === stem
    }])
  } catch (error) {
    console.log(`@nlpjs/lang-ar: ${(error as Error).message}`)
  }
}

const lemmas = fixture.lemmas.length
const forms = new Set(fixture.lemmas.flatMap((lemma) => [...lemma.match, ...lemma.not])).size
console.log(`${lemmas} query words, ${forms} distinct forms`)
console.log('| matcher | precision | recall | F1 |')
console.log('| --- | --- | --- | --- |')
for (const [name, matcher] of matchers) {
  const result = score(matcher)
  console.log(`| ${name} | ${result.precision.toFixed(3)} | ${result.recall.toFixed(3)} | ${result.f1.toFixed(3)} |`)
  if (process.env.VERBOSE) console.log(`  misses: ${result.misses.join(' ')}\n  false friends: ${result.falseFriends.join(' ')}`)
}
