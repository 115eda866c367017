import { describe, expect, it } from 'vitest'
import { escapeHtml, isRightToLeft, renderReviewPage, type ReviewPageInput } from '../../src/report/review-page.js'
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
    expect(html.match(/data-doubtful="true"/g)).toHaveLength(1)
    expect(html).toContain('<b id="doubtful-count">1</b>')
    expect(html).toContain('<b id="omission-count">1</b>')
    expect(html).toContain('<b id="mean-score">0.73</b>')
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
    expect(strict.match(/data-doubtful="true"/g)).toHaveLength(2)
  })

  it('says "doubtful" in words and with an icon on a doubtful bead, not with colour alone', () => {
    const row = /<tr id="bead-3"[^]*?<\/tr>/.exec(html)![0]
    expect(row).toContain('class="doubtful"')
    expect(row).toContain('<span class="flag"><span aria-hidden="true">⚠</span> doubtful</span>')
  })

  it('shows a bead with an empty side as an omission, without a confidence', () => {
    const row = /<tr id="bead-4"[^]*?<\/tr>/.exec(html)![0]
    expect(row).toContain('data-kind="omission" data-doubtful="false" data-review="true" class="omission"')
    expect(row).toContain('∅</span> omission</span>')
    expect(row).not.toContain('class="value"')
  })

  it.each([
    { kind: 'parallel', icon: '✓', words: '100% of the text in confident beads; the documents look like translations of each other.' },
    { kind: 'partly parallel', icon: '◐', words: '45% of the text in confident beads; parts of the documents translate each other' },
    { kind: 'not parallel', icon: '✗', words: '3% of the text in confident beads; the documents do not look like translations of each other.' },
  ] as const)('shows the verdict $kind at the top, in words and with an icon', ({ kind, icon, words }) => {
    const coverage = { parallel: 1, 'partly parallel': 0.45, 'not parallel': 0.03 }[kind]
    const page = renderReviewPage({ ...sample, verdict: { kind, coverage, meanConfidence: 0.5, doubtful: 1, omissions: 1, evidence: 2 } })
    const banner = /<p class="verdict[^]*?<\/p>/.exec(page)![0]
    expect(banner).toContain(`data-verdict="${kind}"`)
    expect(banner).toContain(`>${icon}</span><span><b>${kind}</b>: ${words}`)
    expect(page.indexOf('id="verdict"')).toBeLessThan(page.indexOf('id="summary"'))
  })

  it('shows no verdict when the input has none, and rejects one that is not a verdict', () => {
    expect(html).not.toContain('id="verdict"')
    const bad = { ...sample, verdict: { kind: 'maybe', coverage: 0.5, meanConfidence: 0, doubtful: 0, omissions: 0 } } as unknown as ReviewPageInput
    expect(() => renderReviewPage(bad)).toThrow(/input\.verdict must be a verdict/)
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
  it('counts shapes, most frequent first, and averages the confidence of beads with both sides', () => {
    const summary = summarizeAlignment([...sample.beads, { source: [0], target: [0], score: 0.5 }])
    expect(summary.shapes).toEqual({ '1-1': 2, '1-0': 1, '1-2': 1, '2-1': 1 })
    expect(Object.keys(summary.shapes)[0]).toBe('1-1')
    expect(summary.meanScore).toBeCloseTo((0.97 + 0.81 + 0.42 + 0.5) / 4, 10)
    expect(summary.minScore).toBe(0.42)
  })

  it('counts a bead with an empty side as an omission, not as doubtful', () => {
    const summary = summarizeAlignment([...sample.beads, { source: [], target: [1], score: 0 }])
    expect([summary.doubtful, summary.omissions]).toEqual([1, 2])
  })

  it('gives zeros for no beads, and for omissions only', () => {
    expect(summarizeAlignment([])).toEqual({ beads: 0, shapes: {}, meanScore: 0, minScore: 0, doubtful: 0, omissions: 0, doubtfulBelow: 0.5 })
    expect(summarizeAlignment([{ source: [0], target: [], score: 0 }])).toMatchObject({ meanScore: 0, minScore: 0, doubtful: 0, omissions: 1 })
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
