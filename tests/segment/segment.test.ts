/**
 * segmentSentences beyond the shared suites: paragraphs and line-break modes, lists, options (custom rules,
 * abbreviations, rule sets), language tags, offsets, and typed errors. Texts are written for this test.
 */
import { describe, expect, it } from 'vitest'
import { defaultSegmentationRules, isOptionsError, OptionsError, segmentSentences, type SegmentationRules } from '../../src/index.js'

const texts = (input: string, lang = 'en', options = {}) => segmentSentences(input, lang, options).map((s) => s.text)

describe('segmentSentences', () => {
  describe('paragraphs and line breaks', () => {
    const wrapped = 'The committee met on Monday to discuss the budget for the coming\nyear and agreed on most of the points raised by members.'
    it('ends a sentence at a blank line even without punctuation', () => {
      expect(texts('First paragraph without a stop\n\nSecond paragraph')).toEqual(['First paragraph without a stop', 'Second paragraph'])
    })
    it('treats white-space-only lines and U+2029 as paragraph breaks', () => {
      expect(texts('One\n \t\nTwo\u2029Three')).toEqual(['One', 'Two', 'Three'])
    })
    it('ends a sentence after a heading line', () => {
      expect(texts('Budget Review\nThe committee met on Monday.')).toEqual(['Budget Review', 'The committee met on Monday.'])
    })
    it('reads a line break inside hard-wrapped prose as a space', () => {
      expect(texts(wrapped)).toEqual([wrapped])
    })
    it("breaks at every line with lineBreaks: 'break'", () => {
      expect(texts(wrapped, 'en', { lineBreaks: 'break' })).toEqual(wrapped.split('\n'))
    })
    it("never breaks at a single line break with lineBreaks: 'space'", () => {
      expect(texts('Budget Review\nThe committee met.', 'en', { lineBreaks: 'space' })).toEqual(['Budget Review\nThe committee met.'])
    })
    it("still breaks at a blank line with lineBreaks: 'space'", () => {
      expect(texts('One\n\nTwo', 'en', { lineBreaks: 'space' })).toEqual(['One', 'Two'])
    })
    it('breaks before bulleted and numbered lines', () => {
      expect(texts('Agenda:\n- budget\n- staffing\n1) travel\n2) other business')).toEqual(['Agenda:', '- budget', '- staffing', '1) travel', '2) other business'])
    })
    it('handles CRLF line ends', () => {
      expect(texts('Title\r\n\r\nBody one. Body two.')).toEqual(['Title', 'Body one.', 'Body two.'])
    })
  })

  describe('lists inside running text', () => {
    it('splits a numbered list', () => {
      expect(texts('Steps: 1. Open the file 2. Edit it 3. Save it')).toEqual(['Steps:', '1. Open the file', '2. Edit it', '3. Save it'])
    })
    it('does not take a lone number for a list', () => {
      expect(texts('She finished 2. Then she left.')).toEqual(['She finished 2.', 'Then she left.'])
    })
    it('can be turned off', () => {
      expect(texts('1) The first item 2) The second item', 'en', { listItems: false })).toEqual(['1) The first item 2) The second item'])
    })
  })

  describe('English details', () => {
    it.each([
      { input: 'Mrs. Jones met Dr. Brown at 10 a.m. on Monday.', expected: ['Mrs. Jones met Dr. Brown at 10 a.m. on Monday.'] },
      { input: 'See Fig. 3 and p. 12 for details. The data follow.', expected: ['See Fig. 3 and p. 12 for details.', 'The data follow.'] },
      { input: 'He said "Stop!" and ran. Nobody followed.', expected: ['He said "Stop!" and ran.', 'Nobody followed.'] },
      { input: 'Prices rose 3.5% in Q1. Sales fell.', expected: ['Prices rose 3.5% in Q1.', 'Sales fell.'] },
      { input: 'Visit https://example.com/a.b.html today. Thanks.', expected: ['Visit https://example.com/a.b.html today.', 'Thanks.'] },
      { input: 'Bribery and trading in influence (arts. 15, 16 and 21)', expected: ['Bribery and trading in influence (arts. 15, 16 and 21)'] },
      { input: '190. Complaints received are monitored. They are answered.', expected: ['190. Complaints received are monitored.', 'They are answered.'] },
      { input: 'The Board recommended that: (a) costs be managed; and (b) claims be reviewed.', expected: ['The Board recommended that:', '(a) costs be managed; and', '(b) claims be reviewed.'] },
    ])('segments $input', ({ input, expected }) => {
      expect(texts(input)).toEqual(expected)
    })
  })

  describe('language tags', () => {
    it('gives unknown languages sound defaults', () => {
      expect(texts('Bonjour. Comment allez-vous? Très bien!', 'fr')).toEqual(['Bonjour.', 'Comment allez-vous?', 'Très bien!'])
    })
    it('splits CJK text at the ideographic full stop without spaces', () => {
      expect(texts('今日は晴れです。明日は雨です。', 'ja')).toEqual(['今日は晴れです。', '明日は雨です。'])
    })
    it('accepts tags in any case, with region subtags', () => {
      expect(texts('I live in the U.S. How about you?', 'EN-gb')).toEqual(['I live in the U.S.', 'How about you?'])
    })
  })

  describe('offsets', () => {
    it('gives offsets into the input and leaves surrounding space out', () => {
      const input = '  Hello there.   General Kenobi!  '
      const sentences = segmentSentences(input, 'en')
      expect(sentences).toEqual([
        { text: 'Hello there.', start: 2, end: 14 },
        { text: 'General Kenobi!', start: 17, end: 32 },
      ])
    })
    it('keeps astral characters whole', () => {
      const input = 'Great job 👍. Next one 🎉!'
      expect(texts(input)).toEqual(['Great job 👍.', 'Next one 🎉!'])
    })
  })

  describe('options', () => {
    it('adds abbreviations', () => {
      expect(texts('We met Insp. Morse today.')).toEqual(['We met Insp. Morse today.'])
      expect(texts('It was approx. Five hundred people.')).toEqual(['It was approx.', 'Five hundred people.'])
      expect(texts('It was approx. Five hundred people.', 'en', { abbreviations: ['approx'] })).toEqual(['It was approx. Five hundred people.'])
      expect(texts('قابلت ت.ب. علي أمس.', 'ar', { abbreviations: ['ت.ب.'] })).toEqual(['قابلت ت.ب. علي أمس.'])
    })
    it('tries custom rules before the built-in ones', () => {
      const input = 'Item one; item two; item three.'
      expect(texts(input)).toHaveLength(1)
      expect(texts(input, 'en', { customRules: [{ break: true, before: ';', after: '\\s' }] })).toEqual(['Item one;', 'item two;', 'item three.'])
    })
    it('uses a given rule set, falling back to the built-in rules for unmapped languages', () => {
      const rules: SegmentationRules = { cascade: false, languageRules: [{ name: 'Lines', rules: [{ break: true, before: ',', after: ' ' }] }], languageMaps: [{ pattern: 'xx', rulesName: 'Lines' }] }
      expect(texts('a, b, c', 'xx', { rules })).toEqual(['a,', 'b,', 'c'])
      const warnings: string[] = []
      expect(texts('One. Two.', 'en', { rules, logger: (_level: string, _message: string, code: string) => warnings.push(code) })).toEqual(['One.', 'Two.'])
      expect(warnings).toEqual(['SEGMENT_RULES_FALLBACK'])
    })
    it('applies every matching map with cascade: true', () => {
      const rules: SegmentationRules = {
        cascade: true,
        languageRules: [
          { name: 'Semicolons', rules: [{ break: true, before: ';', after: ' ' }] },
          { name: 'Default', rules: [{ break: true, before: '\\.', after: ' ' }] },
        ],
        languageMaps: [
          { pattern: 'en.*', rulesName: 'Semicolons' },
          { pattern: '.*', rulesName: 'Default' },
        ],
      }
      expect(texts('a; b. c', 'en', { rules })).toEqual(['a;', 'b.', 'c'])
      expect(texts('a; b. c', 'de', { rules })).toEqual(['a; b.', 'c'])
    })
    it('does not let a caller change the built-in rules', () => {
      expect(Object.isFrozen(defaultSegmentationRules.languageRules[0]!.rules)).toBe(true)
    })
  })

  describe('long, repetitive input', () => {
    // Every pattern that a look-behind or look-ahead repeats is bounded, so each position costs a bounded amount
    // of work; unbounded ones made these inputs quadratic. (No timing assertion: a regression hits the timeout.)
    it.each([
      { name: 'a dotted token', input: 'a.'.repeat(100_000) },
      { name: 'a run of exclamation marks', input: `Wow${'!'.repeat(200_000)} Yes.` },
      { name: 'a run of closing quotes', input: `End.${"'".repeat(200_000)} Next.` },
      { name: 'an e-mail-like token', input: `x${'.y'.repeat(100_000)}@z.com. Next.` },
      { name: 'a dotted number', input: `\n${'1.'.repeat(100_000)} Next.` },
      { name: 'Arabic letters and periods', input: 'بل.'.repeat(100_000) },
    ])('segments $name of 200k characters', ({ input }) => {
      const sentences = segmentSentences(input, input.includes('ب') ? 'ar' : 'en')
      expect(sentences.length).toBeGreaterThan(0)
      expect(sentences.every((s) => input.slice(s.start, s.end) === s.text)).toBe(true)
    })
  })

  describe('errors', () => {
    it('rejects a non-string text with INVALID_INPUT', () => {
      for (const bad of [42, null, undefined, { text: 'x' }, ['a']]) {
        let caught: unknown
        try {
          segmentSentences(bad as unknown as string, 'en')
        } catch (error) {
          caught = error
        }
        expect(caught).toBeInstanceOf(OptionsError)
        expect(isOptionsError(caught) && caught.code).toBe('INVALID_INPUT')
        expect((caught as OptionsError).option).toBe('text')
      }
    })
    it('rejects a malformed language tag', () => {
      expect(() => segmentSentences('Hi.', 'en us')).toThrow(/argument lang must be a BCP-47 language tag/)
      expect(() => segmentSentences('Hi.', 42 as unknown as string)).toThrow(OptionsError)
    })
    it('names a bad option and the value it got', () => {
      expect(() => segmentSentences('Hi.', 'en', { lineBreaks: 'sometimes' as 'auto' })).toThrow(/option lineBreaks must be 'auto', 'break' or 'space', got "sometimes"/)
      expect(() => segmentSentences('Hi.', 'en', { listItems: 'yes' as unknown as boolean })).toThrow(/option listItems must be a boolean/)
      expect(() => segmentSentences('Hi.', 'en', { abbreviations: [''] })).toThrow(/option abbreviations\[0\] must be a non-empty string/)
    })
    it('reports a custom rule that does not compile', () => {
      let caught: unknown
      try {
        segmentSentences('Hi.', 'en', { customRules: [{ break: true, before: '(', after: '' }] })
      } catch (error) {
        caught = error
      }
      expect(isOptionsError(caught)).toBe(true)
      expect((caught as OptionsError).code).toBe('INVALID_OPTION')
      expect((caught as OptionsError).message).toMatch(/customRules\[0\].*valid regular expressions/)
    })
  })
})
