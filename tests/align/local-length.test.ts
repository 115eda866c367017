/**
 * The length model per stretch of a long document (src/align/local-length.ts; issue #12, the 20,009-line recipe
 * document). A document of our own whose genre changes half way: 500 long formal pairs, half of them translated
 * loosely (the English adds a clause of its own, as UN translations often do), then 500 short everyday pairs
 * translated closely, with 15% of adjacent English lines run together and one English line deleted. One variance
 * for the whole document is the loose half's; in the short half it lets the path merge the sentence left without
 * a translation into a neighbour's bead. Pairs: tests/fixtures/pairs (formal.tsv, short.tsv), recombined.
 */
import { describe, expect, it } from 'vitest'
import { alignSentences } from '../../src/align/index.js'
import { estimateRatio } from '../../src/align/gale-church.js'
import { localLengthOf } from '../../src/align/local-length.js'
import type { RawBead } from '../../src/align/search.js'
import { growOwnPairs } from '../helpers/own-pairs.js'
import { random } from '../helpers/shared-data.js'

/** Clauses of our own that a loose translator adds to a formal English sentence. */
const addedClauses = [
  ' in accordance with the relevant resolutions of the General Assembly',
  ', as appropriate and within existing resources',
  ', taking into account the views expressed by Member States',
  ' and requested the Secretariat to report thereon at its next session',
  ', inter alia, through regional and subregional cooperation',
]

const FORMAL = 500
const SHORT = 500

function pairs() {
  const next = random(7)
  const formal = growOwnPairs('formal', FORMAL, 3).map((pair) =>
    next() < 0.5 ? { source: pair.source, target: `${pair.target.replace(/\.$/, '')}${addedClauses[Math.floor(next() * addedClauses.length)]!}.` } : pair,
  )
  return [...formal, ...growOwnPairs('short', SHORT, 5)]
}

/** The document with the English of pair `dropped` deleted, and the gold bead of every Arabic sentence. */
function document(dropped: number) {
  const all = pairs()
  const next = random(11)
  const target: string[] = []
  const gold: string[] = []
  for (let k = 0; k < all.length; k++) {
    if (k === dropped) {
      gold.push(`${k}:`)
      continue
    }
    // In the short half, 15% of adjacent English lines run together (the first one's stop becomes a semicolon).
    if (k >= FORMAL && k + 1 < all.length && k + 1 !== dropped && next() < 0.15) {
      gold.push(`${k},${k + 1}:${target.length}`)
      target.push(`${all[k]!.target.replace(/[.!?]$/, ';')} ${all[k + 1]!.target}`)
      k++
      continue
    }
    gold.push(`${k}:${target.length}`)
    target.push(all[k]!.target)
  }
  return { source: all.map((pair) => pair.source), target, gold }
}

const beadKey = (bead: { source: readonly number[]; target: readonly number[] }) => `${bead.source.join(',')}:${bead.target.join(',')}`

describe('alignSentences on a document whose genre changes half way', () => {
  // With one length model for the whole document, both deleted lines were merged into a neighbour's bead.
  it.each([854, 901])('leaves the short line whose English is deleted (pair %i) out on its own', (dropped) => {
    const { source, target, gold } = document(dropped)
    const { beads } = alignSentences(source, target, { sourceLang: 'ar', targetLang: 'en' })
    const found = new Set(beads.map(beadKey))
    expect(found.has(`${dropped}:`)).toBe(true)
    // The formal half is aligned right throughout.
    expect(gold.slice(0, FORMAL).filter((bead) => !found.has(bead))).toEqual([])
  })
})

/** 1-1 beads over sentences with the given lengths, in order, as a pass's beads. */
function oneToOneBeads(count: number): RawBead[] {
  return Array.from({ length: count }, (_, k) => ({ sourceStart: k, sourceEnd: k + 1, targetStart: k, targetEnd: k + 1, cost: 0, posterior: 1 }))
}

/** Lengths with target ≈ ratio · source and a spread that grows with `noise`, seeded. */
function lengths(count: number, ratio: number, noise: number, seed: number): [number[], number[]] {
  const next = random(seed)
  const source = Array.from({ length: count }, () => 20 + Math.floor(next() * 100))
  const target = source.map((s) => Math.max(1, Math.round(ratio * s + noise * Math.sqrt(s) * (next() + next() + next() - 1.5))))
  return [source, target]
}

describe('localLengthOf', () => {
  const window = { span: 400, step: 50 }

  it('keeps the whole document estimates when there are fewer than two windows of 1-1 beads', () => {
    const [source, target] = lengths(799, 1.2, 2, 1)
    expect(localLengthOf(oneToOneBeads(799), source, target, 1.2, 4, window)).toBeUndefined()
  })

  it('follows a ratio and a variance that change half way', () => {
    const [source1, target1] = lengths(1000, 1.0, 6, 2)
    const [source2, target2] = lengths(1000, 1.5, 1, 3)
    const source = [...source1, ...source2]
    const target = [...target1, ...target2]
    const local = localLengthOf(oneToOneBeads(2000), source, target, 1.25, 4, window)!
    // Drawn a little towards the whole document's 1.25: the window across the change adds to the chance spread.
    expect(local.ratio[100]!).toBeLessThan(1.07)
    expect(local.ratio[1900]!).toBeGreaterThan(1.4)
    expect(local.variance[100]!).toBeGreaterThan(4 * local.variance[1900]!)
  })

  it('draws the windows of a document of one kind towards its one estimate', () => {
    const [source, target] = lengths(2000, 1.2, 20, 4)
    const whole = estimateRatio(source.map((s, k) => [s, target[k]!]), 1)!
    const local = localLengthOf(oneToOneBeads(2000), source, target, whole, 4, window)!
    // Each window's own ratio differs from the whole's by chance; the shrunk ones differ less.
    let windowSpread = 0
    for (let from = 0; from + window.span <= 2000; from += window.step) {
      const own = estimateRatio(source.slice(from, from + window.span).map((s, k) => [s, target[from + k]!]), 1)!
      windowSpread = Math.max(windowSpread, Math.abs(own - whole))
    }
    let localSpread = 0
    for (const value of local.ratio) localSpread = Math.max(localSpread, Math.abs(value - whole))
    expect(windowSpread).toBeGreaterThan(0.005)
    expect(localSpread).toBeLessThan(windowSpread / 2)
  })
})
