/**
 * The rule engine's internals: the fast path (trigger characters, one alternation per character) must give the
 * same breaks as trying every break rule at every position, for the built-in rules and for arbitrary ones;
 * the last-character analysis must be right or give up; ICU patterns must translate.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SegmentRule } from '../../src/index.js'
import { arabicRules } from '../../src/segment/arabic.js'
import { englishRules } from '../../src/segment/english.js'
import { genericRules } from '../../src/segment/builtin.js'
import { compileRules, findRuleBreaks, icuToJavaScript } from '../../src/segment/rules.js'
import { lastCharacterClass } from '../../src/segment/triggers.js'
import { alternation } from '../../src/segment/patterns.js'

const pieces = [...'ابتد هـ أ.د. ص.ب. م. 1234567890١٢٣ abcXYZ Mr U.S. The I', ...'.!?؟۔…،؛:,;"\'«»“”()[]', ' ', ' ', '\n', '\u200F', '\u202B', '\u202C', 'www.a.com', 'x@y.org', '...', '. . .', 'Yahoo!']
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 80 }).map((parts) => parts.join(''))

function exhaustive(rules: readonly SegmentRule[]) {
  const compiled = compileRules(rules)
  return { ...compiled, trigger: undefined }
}

describe('findRuleBreaks', () => {
  it.each([arabicRules, englishRules, genericRules])('gives the same breaks on the fast path as the exhaustive scan ($name)', (list) => {
    const fast = compileRules(list.rules)
    expect(fast.trigger).toBeDefined()
    const slow = exhaustive(list.rules)
    fc.assert(
      fc.property(text, (input) => {
        expect(findRuleBreaks(input, fast)).toEqual(findRuleBreaks(input, slow))
      }),
      { numRuns: 400 },
    )
  })

  it('gives the same breaks for arbitrary rule lists', () => {
    const patterns = ['\\.', '[.!?]+', '[.!?]+["\')]*', 'Mr\\.', '\\p{Lu}\\.', '(?:a|bc)\\.', '\\s', '', 'x*\\.', '(?<![a-z])[A-Z]\\.', '[^\\s]\\.', '\\d\\.', '\\x2E', '(?i)mr\\.']
    const rule = fc.record({ break: fc.boolean(), before: fc.constantFrom(...patterns), after: fc.constantFrom('\\s', '\\s+\\p{Lu}', '', '[^\\s]', '\\s*\\d') })
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 6 }), fc.array(fc.constantFrom(...'.!?"\') aAbcMrx12 \n'), { maxLength: 40 }).map((p) => p.join('')), (rules, input) => {
        expect(findRuleBreaks(input, compileRules(rules))).toEqual(findRuleBreaks(input, exhaustive(rules)))
      }),
      { numRuns: 400 },
    )
  })
})

describe('lastCharacterClass', () => {
  it.each([
    { pattern: '[.!?]+', expected: '.!?' },
    { pattern: '[.!?]+["\')]*', expected: '"\').!?' },
    { pattern: '(?<![\\p{L}])Mr\\.', expected: '\\.' },
    { pattern: '(?:a|bc)', expected: 'ac' },
    { pattern: '\\p{Lu}\\.?', expected: '\\.\\p{Lu}' },
    { pattern: '\\x2E', expected: '\\x2E' },
    { pattern: '\\d\\s', expected: '\\s' },
  ])('finds the last characters of $pattern', ({ pattern, expected }) => {
    expect(lastCharacterClass(pattern)).toBe(expected)
  })

  it.each(['', 'a*', '[^\\s]', '.', '(a)\\1', '(?:x|)', '\\S*'])('gives up on %j', (pattern) => {
    expect(lastCharacterClass(pattern)).toBeUndefined()
  })
})

describe('icuToJavaScript', () => {
  it.each([
    { icu: '\\Qa.b\\E', js: 'a\\.b', ignoreCase: false },
    { icu: "\\'\\-\\!", js: "'-!", ignoreCase: false },
    { icu: '[\\-\\!]', js: '[\\-!]', ignoreCase: false },
    { icu: '\\x{0621}', js: '\\u{0621}', ignoreCase: false },
    { icu: '(?i)mr\\.', js: 'mr\\.', ignoreCase: true },
    { icu: 'a++b*+(?>c)', js: 'a+b*(?:c)', ignoreCase: false },
    { icu: '\\Aa\\Z', js: '^a$', ignoreCase: false },
  ])('translates $icu', ({ icu, js, ignoreCase }) => {
    expect(icuToJavaScript(icu)).toEqual({ source: js, ignoreCase })
  })
})

describe('alternation', () => {
  it('matches exactly the listed words, read from either end', () => {
    const word = fc.array(fc.constantFrom(...'aAbM.rsد'), { maxLength: 4 }).map((chars) => chars.join(''))
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.array(word, { maxLength: 12 }), fc.constantFrom<'start' | 'end'>('start', 'end'), (words, probes, readFrom) => {
        const whole = new RegExp(`^${alternation(words, readFrom)}$`, 'u')
        for (const probe of [...words, ...probes]) expect(whole.test(probe)).toBe(words.includes(probe))
      }),
      { numRuns: 500 },
    )
  })
})
