/**
 * Catastrophic backtracking (issue #17, item 5): `'a.' + '\uFEFF'.repeat(n) + 'a'` took 8 s at n = 800 because
 * U+FEFF is both an invisible mark and `\s`, and the gap pattern `[marks]*\s+[marks]*` let a run of it split three
 * ways. Two kinds of test:
 * - structural: no segmentation rule has two repeats that can read the same character next to each other
 *   (`regex-structure.ts`), so each rule is linear by construction, whatever the text;
 * - growth: adversarial runs (invisible marks, spaces, quotes, brackets, ellipses, dots, abbreviations next to
 *   each other, Arabic marks, mixtures) of 1k, 10k and 100k characters go through segmentSentences (ar and en),
 *   normalizeForMatching, the tokenizers and alignDocuments, and the CPU time at 10n must stay within a small
 *   multiple of ten times the time at n. That bounds growth, not speed: linear work gives a ratio near 1 on any
 *   machine, quadratic work near 10, the old cubic gap about 1000.
 */
import { describe, expect, it } from 'vitest'
import { alignDocuments, defaultSegmentationRules, normalizeForMatching, segmentSentences } from '../../src/index.js'
import { tokenize as alignTokens } from '../../src/align/tokens.js'
import { compileRules, icuToJavaScript, rulesForLanguage } from '../../src/segment/rules.js'
import { tokenizeKey, tokenizeWithOffsets } from '../../src/tm/tokenize.js'
import { findAmbiguousRepeats } from './regex-structure.js'

const INVISIBLE = '[\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]'

describe('findAmbiguousRepeats (the structural check itself)', () => {
  it.each([
    { source: `${INVISIBLE}*\\s+${INVISIBLE}*[A-Z]`, why: 'the gap the rules used before issue #17 (U+FEFF is in both)' },
    { source: '\\s*\\s*x', why: 'two repeats of the same class' },
    { source: '(?:a+)+b', why: 'a nested repeat' },
    { source: 'a*aa*', why: 'a repeat that runs across a character it also reads' },
    { source: '(?=[\\p{L}\\p{M}]+\\p{M}+)', why: 'inside a look-ahead' },
  ])('flags $source ($why)', ({ source }) => {
    expect(findAmbiguousRepeats(source).length).toBeGreaterThan(0)
  })

  it.each([
    { source: `[\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069]*\\s[\\s\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]*[A-Z]` },
    { source: 'a*ba*' },
    { source: '(?:x[ab]+)*' },
    { source: '\\p{L}+\\p{M}*' },
    { source: '[^\\s]{0,300}\\S{0,8}' },
  ])('passes $source', ({ source }) => {
    expect(findAmbiguousRepeats(source)).toEqual([])
  })
})

describe('segmentation rules', () => {
  const patterns = defaultSegmentationRules.languageRules.flatMap((list) =>
    list.rules.flatMap((rule) => [rule.before, rule.after].map((pattern) => ({ list: list.name, note: rule.note ?? '', pattern }))),
  )

  it('has no ambiguous repeats in any built-in rule (linear by construction)', () => {
    const problems = patterns.flatMap(({ list, note, pattern }) => {
      const { source, ignoreCase } = icuToJavaScript(pattern)
      return findAmbiguousRepeats(source, ignoreCase).map((finding) => `${list} / ${note}: ${finding.message}`)
    })
    expect(problems).toEqual([])
  })

  it.each(['ar', 'en', 'fr'])('tries the %s rules only after trigger characters (no rule is scanned at every position)', (lang) => {
    const { trigger } = compileRules(rulesForLanguage(defaultSegmentationRules, lang))
    expect(trigger).toBeDefined()
    expect(trigger!.others).toEqual([])
  })

  it('scans at every position only the custom rules whose last character is unknown, not the built-in ones', () => {
    const { trigger } = compileRules([{ break: true, before: '[^\\s]z', after: 'q' }, ...rulesForLanguage(defaultSegmentationRules, 'en')])
    expect(trigger).toBeDefined()
    expect(trigger!.others.map((scan) => scan.source)).toEqual(['(?=q)(?<=[^\\s]z)'])
  })
})

/** Adversarial texts of about `n` characters. */
const families: Record<string, (n: number) => string> = {
  'a run of U+FEFF after a period (issue #17)': (n) => `a.${'\uFEFF'.repeat(n)}a`,
  'invisible marks and spaces mixed': (n) => `a.${'\u200E \uFEFF\u2066\u061C'.repeat(n / 5)}a`,
  'invisible marks without spaces': (n) => `a.${'\u200F\u2069\u200B'.repeat(n / 3)} a`,
  'ASCII spaces': (n) => `a.${' '.repeat(n)}a`,
  'no-break and ideographic spaces': (n) => `a.${'\u00A0\u3000'.repeat(n / 2)}a`,
  'line breaks': (n) => `a.${'\n \r\n'.repeat(n / 4)}a`,
  'closing quotes': (n) => `a.${'"\'\u201D\u00BB\u2019'.repeat(n / 5)} a`,
  'opening quotes and brackets': (n) => `a. ${'\u201C\u00AB(["`'.repeat(n / 6)}a`,
  'closing brackets and citation marks': (n) => `a.${')][1]'.repeat(n / 5)} a`,
  'bracketed ellipses': (n) => `${'[...]'.repeat(n / 5)} a`,
  ellipses: (n) => `a${'...\u2026. . .'.repeat(n / 9)} a`,
  dots: (n) => `a${'.'.repeat(n)} a`,
  'abbreviations next to each other': (n) => `${'Mr. Dr. e.g. U.S. No. Rs. a.m. '.repeat(n / 31)}a`,
  'initials without spaces': (n) => `${'A.'.repeat(n / 2)} a`,
  'Arabic abbreviations next to each other': (n) => `${'ص.ب. أ.د. د. (أ.م.) '.repeat(n / 20)}ب`,
  'Arabic letters with long runs of marks': (n) => `ب${'\u064E\u0651\u0670'.repeat(n / 3)}. ب`,
  'list markers': (n) => `${'• 1.) a) ii. '.repeat(n / 13)}a`,
  'English mixture': (n) => `${'a.\uFEFF "( ... Mr. U.S. ) \u200F. [2] - '.repeat(n / 36)}a`,
  'Arabic mixture': (n) => `${'كتب.\u200F «د. ص.ب. (أ.م.)» … ؟ \u0640\u064B '.repeat(n / 30)}ب`,
}

/** Adversarial runs with a sentence before and after: a document of a few sentences for the aligner. */
const documentFamilies = ['a run of U+FEFF after a period (issue #17)', 'closing brackets and citation marks', 'ellipses', 'Arabic letters with long runs of marks']

/** The segmenter meets every family; the other functions have no rules, so the families that differ for them. */
const characterFamilies = [
  'a run of U+FEFF after a period (issue #17)',
  'invisible marks and spaces mixed',
  'ASCII spaces',
  'line breaks',
  'closing quotes',
  'ellipses',
  'dots',
  'Arabic letters with long runs of marks',
  'English mixture',
  'Arabic mixture',
]

const functions: Record<string, { run: (text: string) => unknown; families: readonly string[] }> = {
  'segmentSentences en': { run: (text) => segmentSentences(text, 'en'), families: Object.keys(families) },
  'segmentSentences ar': { run: (text) => segmentSentences(text, 'ar'), families: Object.keys(families) },
  // a custom rule whose end cannot be analysed used to send every rule to the scan at every position
  'segmentSentences en with a custom rule': {
    run: (text) => segmentSentences(text, 'en', { customRules: [{ break: true, before: '[^\\s]z', after: 'q' }] }),
    families: ['a run of U+FEFF after a period (issue #17)', 'ASCII spaces', 'line breaks', 'closing quotes', 'English mixture'],
  },
  normalizeForMatching: { run: (text) => normalizeForMatching(text, 'ar'), families: characterFamilies },
  tokenizeKey: { run: (text) => tokenizeKey(normalizeForMatching(text, 'en')), families: characterFamilies },
  tokenizeWithOffsets: { run: (text) => tokenizeWithOffsets(text), families: characterFamilies },
  'aligner tokens': { run: (text) => alignTokens(text), families: characterFamilies },
}

function cpuMicroseconds(work: () => void): number {
  const start = process.cpuUsage()
  work()
  const used = process.cpuUsage(start)
  return used.user + used.system
}

/**
 * CPU time of one run at 10n over ten runs at n (the same number of characters): about 1 for linear work,
 * 10 for quadratic. Repeats both sides until the smaller one is long enough to measure, and keeps the best of
 * three tries, because a garbage collection or a busy machine can only make a try slower.
 */
function growthRatio(run: (text: string) => unknown, small: string, large: string): number {
  run(small)
  let repeats = 1
  let best = Infinity
  for (let attempt = 0; attempt < 3 && best > 2; attempt++) {
    let smallTime = 0
    for (;;) {
      smallTime = cpuMicroseconds(() => {
        for (let k = 0; k < 10 * repeats; k++) run(small)
      })
      if (smallTime >= 10_000 || repeats >= 64) break
      repeats *= 2
    }
    const largeTime = cpuMicroseconds(() => {
      for (let k = 0; k < repeats; k++) run(large)
    })
    best = Math.min(best, largeTime / Math.max(smallTime, 1))
  }
  return best
}

/** Linear work measures near 1; this leaves room for noise and for caches that fit 1k but not 100k. */
const MAX_RATIO = 4

const cases = Object.entries(functions).flatMap(([fn, { run, families: names }]) => names.map((family) => ({ title: `${fn}: ${family}`, run, make: families[family]! })))
const documentCases = documentFamilies.map((family) => ({
  title: `alignDocuments: ${family}`,
  run: (text: string) => alignDocuments(`جملة أولى. ${text} جملة أخيرة.`, `A first sentence. ${text} A last sentence.`, { sourceLang: 'ar', targetLang: 'en' }),
  make: families[family]!,
}))

describe('work grows linearly with adversarial input (100, 1k, 10k, 100k characters)', () => {
  it.each([...cases, ...documentCases])('$title', ({ run, make }) => {
    // 100 first: if the work is super-linear after all, that step fails in moments, not after hours at 100k
    const sizes = [100, 1_000, 10_000, 100_000]
    for (let i = 0; i + 1 < sizes.length; i++) {
      const small = make(sizes[i]!)
      const large = make(sizes[i + 1]!)
      expect(large.length / small.length).toBeGreaterThan(8)
      const ratio = growthRatio(run, small, large)
      // stop at the first size that grows too fast: the next one could take minutes
      expect(ratio, `CPU time at ${large.length} characters / (10 x time at ${small.length})`).toBeLessThan(MAX_RATIO)
    }
  })
})
