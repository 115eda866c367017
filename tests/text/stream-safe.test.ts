/**
 * normalizeStreamSafe: the same as String.prototype.normalize unless a run of combining marks is longer than 30
 * (UAX #15 §13), and then linear where normalize is quadratic (issue #17).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeStreamSafe } from '../../src/text/stream-safe.js'

const forms = ['NFC', 'NFD', 'NFKC', 'NFKD'] as const

/** Characters that compose, decompose or reorder: Arabic letters and marks, Latin with accents, ligatures. */
const pieces = ['ب', 'ا', 'و', '\u064E', '\u0651', '\u0670', '\u0653', '\u0654', 'e', '\u0301', '\u0327', 'ﻻ', 'ﬁ', '\u1100', '\u1161', ' ', '\u{1D165}', '\u{11046}']

describe('normalizeStreamSafe', () => {
  it.each(forms)('equals normalize(%s) on text whose runs of marks are at most 30 long', (form) => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('')
        // keep runs short: a letter after every 30 marks at most
        const safe = text.replace(/(\p{M}{30})(?=\p{M})/gu, '$1ب')
        expect(normalizeStreamSafe(safe, form)).toBe(safe.normalize(form))
      }),
    )
  })

  it('keeps every mark of a long run, in canonical order within each piece of 30', () => {
    const text = `ب${'\u0651\u064E'.repeat(40)}`
    const result = normalizeStreamSafe(text, 'NFKC')
    expect([...result].sort()).toEqual([...text].sort())
    // U+064E (class 30) sorts before U+0651 (class 33) inside each piece of 30 marks
    expect(result.slice(1, 31)).toBe(`${'\u064E'.repeat(15)}${'\u0651'.repeat(15)}`)
  })

  it('counts an astral mark as one mark', () => {
    // 30 astral marks (60 code units) are one piece, so the result is normalize's
    const text = `a${'\u{1D165}'.repeat(30)}`
    expect(normalizeStreamSafe(text, 'NFD')).toBe(text.normalize('NFD'))
  })

  it('does work that grows linearly with the length of a run (counted in pieces normalised)', () => {
    // normalize is quadratic in a run; here each call sees at most 31 characters, so the number of calls is the
    // measure of work: 10 times the run, 10 times the calls
    const calls = (length: number) => {
      const original = String.prototype.normalize
      let count = 0
      let longest = 0
      String.prototype.normalize = function (this: string, form?: string) {
        count++
        longest = Math.max(longest, this.length)
        return original.call(this, form)
      }
      try {
        normalizeStreamSafe(`ب${'\u064E\u0651\u0670'.repeat(length / 3)}`, 'NFKC')
      } finally {
        String.prototype.normalize = original
      }
      return { count, longest }
    }
    const small = calls(3_000)
    const large = calls(30_000)
    expect(large.longest).toBeLessThanOrEqual(31)
    expect(large.count / small.count).toBeGreaterThan(9)
    expect(large.count / small.count).toBeLessThan(11)
  })
})
