import { describe, expect, it } from 'vitest'
import { alignSentences } from '../../src/align/index.js'
import { makeBand, widenAround } from '../../src/align/band.js'

describe('widenAround (the band widens where the path touched its edge)', () => {
  it('doubles the half-width within reach of each edge row only, and not twice where two reaches overlap', () => {
    const widths = new Int32Array(101).fill(4)
    expect(widenAround(widths, [50, 52], 2)).toBe(true)
    // Rows 42..60 are within 2 × 4 of row 50 or 52.
    expect([...widths].map((w, i) => (w === 8 ? i : -1)).filter((i) => i >= 0)).toEqual(Array.from({ length: 19 }, (_, k) => 42 + k))
    expect(widths[41]).toBe(4)
    expect(widths[61]).toBe(4)
    expect(widenAround(widths, [], 2)).toBe(false)
  })

  it('makes a band whose rows follow their own half-width, with monotone edges', () => {
    const n = 40
    const center = Float64Array.from({ length: n + 1 }, (_, i) => i)
    const widths = new Int32Array(n + 1).fill(2)
    widths.fill(6, 18, 23)
    const band = makeBand(center, n, n, widths)
    expect(band.hi[20]! - band.lo[20]!).toBeGreaterThan(band.hi[5]! - band.lo[5]!)
    for (let i = 1; i <= n; i++) {
      expect(band.lo[i]).toBeGreaterThanOrEqual(band.lo[i - 1]!)
      expect(band.hi[i]).toBeGreaterThanOrEqual(band.hi[i - 1]!)
    }
  })

  it('aligns a stretch where the anchors line strays from the path by widening the band there, not everywhere', () => {
    // 700 sentences of our own, a number every tenth (the anchors), none in 300..399; English 310..329 left out,
    // so between the anchors at 290 and 400 the straight line runs up to 13 sentences off the path.
    let seed = 12345
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    const arabic: string[] = []
    const english: string[] = []
    for (let k = 0; k < 700; k++) {
      const words = 3 + Math.floor(next() * 14)
      const number = k % 10 === 0 && (k < 300 || k >= 400) ? ` ${1000 + k}` : ''
      arabic.push(`${Array(words).fill('كلمة').join(' ')}${number}.`)
      if (k < 310 || k >= 330) english.push(`${Array(Math.round(words * 1.3)).fill('word').join(' ')}${number}.`)
    }
    const messages: string[] = []
    const result = alignSentences(arabic, english, { sourceLang: 'ar', targetLang: 'en', logger: (_level, message) => messages.push(message) })
    expect(result.beads.filter((bead) => bead.target.length === 0).map((bead) => bead.source[0])).toEqual(Array.from({ length: 20 }, (_, k) => 310 + k))
    const widened = messages.map((message) => /band widened .*\((\d+) cells\)/.exec(message)).filter((match) => match !== null)
    expect(widened.length).toBeGreaterThan(0)
    // A band of half-width 4 holds about 17 cells a row here (701 rows: ~12,000); twice as wide everywhere, as the
    // search widened it before, about 33 (22,641 measured). Widened around the stray stretch only, far fewer.
    for (const match of widened) expect(Number(match[1])).toBeLessThan(0.7 * 701 * 33)
  })
})
