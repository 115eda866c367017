import { describe, expect, it } from 'vitest'
import { escapeHtml, isRightToLeft, renderReviewPage } from '../../src/report/review-page.js'
import { summarizeAlignment } from '../../src/report/summary.js'
import { OptionsError } from '../../src/errors.js'
import { sample } from './fixture.js'

describe('renderReviewPage', () => {
  const html = renderReviewPage(sample, { sourceName: 'ar.txt', targetName: 'en.txt', generatedAt: '2026-01-01T00:00:00Z' })

  it('is a complete document with one row per bead', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('<meta charset="utf-8">')
    expect(html.match(/<tr id="bead-/g)).toHaveLength(sample.beads.length)
  })

  it('puts Arabic in dir="rtl" lang="ar" cells and English in dir="ltr" cells', () => {
    expect(html.match(/<td class="text source[^"]*" dir="rtl" lang="ar">/g)).toHaveLength(4)
    expect(html.match(/<td class="text target[^"]*" dir="ltr" lang="en">/g)).toHaveLength(4)
  })

  it('keeps Arabic text as written: diacritics, Arabic-Indic digits and punctuation ، ؛ ؟', () => {
    expect(html).toContain('وقال إن البلدين وقّعا ٣ اتفاقيات، وإن التعاون سيتّسع؛ فهل يتحقّق ذلك؟')
  })

  it('escapes markup in sentences', () => {
    expect(html).toContain('جملة لا مقابل لها &#60;b&#62;&#38;&#60;/b&#62;.')
    expect(html).not.toContain('<b>&</b>')
  })

  it('marks doubtful beads and states the summary', () => {
    expect(html.match(/data-doubtful="true"/g)).toHaveLength(2)
    expect(html).toContain('<b id="doubtful-count">2</b>')
    expect(html).toContain('<b id="mean-score">0.58</b>')
    expect(html).toContain('<span data-shape="1-1">1-1 × 1</span>')
    expect(html).toContain('<span data-shape="1-0">1-0 × 1</span>')
  })

  it('shows an empty side of an insertion or deletion as "(no sentence)"', () => {
    expect(html).toMatch(/<td class="text target empty" dir="ltr" lang="en"><span class="none">\(no sentence\)<\/span><\/td>/)
  })

  it('loads nothing from the network', () => {
    expect(html).not.toMatch(/\b(?:src|href)\s*=/i)
    expect(html).not.toMatch(/@import|url\(/i)
    expect(html).toContain("default-src 'none'")
  })

  it('is a pure function of its input', () => {
    expect(renderReviewPage(sample, { sourceName: 'ar.txt', targetName: 'en.txt', generatedAt: '2026-01-01T00:00:00Z' })).toBe(html)
  })

  it('takes the doubtful threshold from options', () => {
    const strict = renderReviewPage(sample, { doubtfulBelow: 0.9 })
    expect(strict.match(/data-doubtful="true"/g)).toHaveLength(3)
  })

  it('takes the languages from options first, then the input, then ar and en', () => {
    const { sourceLang: _s, targetLang: _t, ...bare } = sample
    const defaulted = renderReviewPage(bare)
    expect(defaulted.match(/<td class="text source[^"]*" dir="rtl" lang="ar">/g)).toHaveLength(4)
    const reversed = renderReviewPage(sample, { sourceLang: 'en', targetLang: 'fa' })
    expect(reversed.match(/<td class="text source[^"]*" dir="ltr" lang="en">/g)).toHaveLength(4)
    expect(reversed.match(/<td class="text target[^"]*" dir="rtl" lang="fa">/g)).toHaveLength(4)
  })

  it('rejects a language that is not a language tag', () => {
    expect(() => renderReviewPage(sample, { sourceLang: '<script>' })).toThrow(/option sourceLang must be a BCP-47 language tag/)
  })

  it('renders an empty alignment', () => {
    const empty = renderReviewPage({ sourceLang: 'ar', targetLang: 'en', sourceSentences: [], targetSentences: [], beads: [] })
    expect(empty).toContain('<b id="bead-count">0</b>')
  })

  it.each([
    { title: 'a bead index past the end', beads: [{ source: [9], target: [0], score: 0.5 }], message: /input\.beads\[0\]\.source must be a sentence index from 0 to 4, got 9/ },
    { title: 'a score above 1', beads: [{ source: [0], target: [0], score: 1.5 }], message: /input\.beads\[0\]\.score must be a number from 0 to 1, got 1\.5/ },
    { title: 'a negative index', beads: [{ source: [0], target: [-1], score: 0.5 }], message: /input\.beads\[0\]\.target/ },
  ])('rejects $title with an OptionsError', ({ beads, message }) => {
    const call = () => renderReviewPage({ ...sample, beads })
    expect(call).toThrow(OptionsError)
    expect(call).toThrow(message)
  })

  it('rejects a doubtful threshold outside 0..1', () => {
    expect(() => renderReviewPage(sample, { doubtfulBelow: 2 })).toThrow(/doubtfulBelow must be a number from 0 to 1, got 2/)
  })
})

describe('summarizeAlignment', () => {
  it('counts shapes, most frequent first, and averages confidence', () => {
    const summary = summarizeAlignment([...sample.beads, { source: [0], target: [0], score: 0.5 }])
    expect(summary.shapes).toEqual({ '1-1': 2, '1-0': 1, '1-2': 1, '2-1': 1 })
    expect(Object.keys(summary.shapes)[0]).toBe('1-1')
    expect(summary.meanScore).toBeCloseTo((0.97 + 0.81 + 0.42 + 0.12 + 0.5) / 5, 10)
    expect(summary.minScore).toBe(0.12)
    expect(summary.doubtful).toBe(2)
  })

  it('gives zeros for no beads', () => {
    expect(summarizeAlignment([])).toEqual({ beads: 0, shapes: {}, meanScore: 0, minScore: 0, doubtful: 0, doubtfulBelow: 0.5 })
  })
})

describe('isRightToLeft', () => {
  it.each([
    ['ar', true], ['ar-EG', true], ['fa', true], ['he', true], ['ur-PK', true], ['az-Arab', true],
    ['en', false], ['en-GB', false], ['fr', false], ['ar-Latn', false], ['tr', false],
  ])('%s → %s', (lang, expected) => {
    expect(isRightToLeft(lang)).toBe(expected)
  })
})

describe('escapeHtml', () => {
  it('escapes the five markup characters and leaves Arabic and bidi marks alone', () => {
    expect(escapeHtml(`<a href="x">'&'</a> \u200Fمرحبا`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62; \u200Fمرحبا')
  })
})
