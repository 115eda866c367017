/**
 * The editor page's view model, without a browser: bidi isolation runs, the doubtful filter and navigation, the
 * progress line, and labels that say in words what colour shows.
 */
import { describe, expect, it } from 'vitest'
import { createReviewDocument } from '../../src/review/model.js'
import { isolateRuns } from '../../src/review/page/isolate.js'
import { beadLabel, listedBeads, nextDoubtful, progressLine } from '../../src/review/page/view-model.js'

describe('isolateRuns', () => {
  it.each([
    { text: 'حضر 15 رئيسا من SCO.', rtl: true, isolated: ['15', 'SCO'] },
    { text: 'بلغ النمو 2,5% في عام ٢٠٢٢ حسب COVID-19', rtl: true, isolated: ['2,5%', '٢٠٢٢', 'COVID-19'] },
    { text: 'The word سمرقند means Samarkand.', rtl: false, isolated: ['سمرقند'] },
    { text: 'كلمات عربية فقط', rtl: true, isolated: [] },
  ])('isolates $isolated in "$text"', ({ text, rtl, isolated }) => {
    const runs = isolateRuns(text, rtl)
    expect(runs.map((r) => r.text).join('')).toBe(text)
    expect(runs.filter((r) => r.isolate).map((r) => r.text)).toEqual(isolated)
  })
})

describe('view model', () => {
  const document = createReviewDocument(['أ.', 'ب.', 'ج.', 'د.'], ['A.', 'B.', 'C.'], [
    { source: [0], target: [0], score: 0.97 },
    { source: [1], target: [1], score: 0.3 },
    { source: [2], target: [], score: 0 },
    { source: [3], target: [2], score: 0.92 },
  ])
  it('lists all beads or only the doubtful ones, and steps between doubtful beads', () => {
    expect(listedBeads(document, false)).toEqual([0, 1, 2, 3])
    expect(listedBeads(document, true)).toEqual([1, 2])
    expect(nextDoubtful(document, 0, 1)).toBe(1)
    expect(nextDoubtful(document, 1, 1)).toBe(2)
    expect(nextDoubtful(document, 2, 1)).toBe(2)
    expect(nextDoubtful(document, 3, -1)).toBe(2)
  })
  it('says how many beads are confirmed', () => {
    expect(progressLine(document)).toBe('0 of 4 beads confirmed · 2 doubtful or without counterpart')
  })
  it('labels beads with words, not only colour', () => {
    expect(document.beads.map((b) => beadLabel(b).text)).toEqual(['97%', 'doubtful 30%', 'no counterpart', '92%'])
    expect(beadLabel({ ...document.beads[1]!, state: 'confirmed' })).toEqual({ icon: '✓', text: 'confirmed', kind: 'confirmed' })
    expect(beadLabel({ ...document.beads[0]!, score: null }).text).toBe('edited')
  })
})
