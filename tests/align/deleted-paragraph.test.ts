/**
 * Issue #12's new-user trial: a short translation with one paragraph deleted. The whole documents' length ratio
 * counts the sentences that have no counterpart, so a missing paragraph pulls it far from the translator's own
 * (the library pair: 1.14 → 0.82), and a path with the wrong ratio merges the sentences around the gap. The ratio
 * is re-estimated from a first pass's 1-1 beads (gale-church.ts, estimateRatio), for short documents too.
 * Documents: tests/fixtures/deleted-paragraphs.ts (four of our own, each paragraph deleted in turn from either side).
 */
import { describe, expect, it } from 'vitest'
import { alignDocuments } from '../../src/align/index.js'
import { readDictionary } from '../../src/align/dictionary.js'
import { estimateRatio } from '../../src/align/gale-church.js'
import { paragraphPairs, paragraphText, withParagraphDeleted } from '../fixtures/deleted-paragraphs.js'
import { haveTool, pathExists } from '../helpers/tools.js'

const options = { sourceLang: 'ar', targetLang: 'en' } as const

/** Every pair with each of its paragraphs deleted from each side in turn. */
const cases = paragraphPairs.flatMap((pair) =>
  (['english', 'arabic'] as const).flatMap((side) => pair.arabic.map((_, paragraph) => ({ pair, side, paragraph, ...withParagraphDeleted(pair, paragraph, side) }))),
)

const beadKeys = (beads: ReadonlyArray<{ source: number[]; target: number[] }>) => beads.map((bead) => `${bead.source}:${bead.target}`)

describe('estimateRatio', () => {
  it('is the total target length of 1-1 beads over their total source length', () => {
    expect(estimateRatio([[40, 50], [60, 70], [100, 120]], 3)).toBeCloseTo(1.2, 12)
  })

  it('says nothing from fewer beads than asked, or from beads without length', () => {
    expect(estimateRatio([[40, 50], [60, 70]], 3)).toBeUndefined()
    expect(estimateRatio([[0, 5], [0, 7], [0, 1]], 3)).toBeUndefined()
  })
})

describe('alignDocuments with a paragraph deleted from one side', () => {
  it('aligns every full pair sentence by sentence', () => {
    for (const pair of paragraphPairs) {
      const { beads } = alignDocuments(paragraphText(pair.arabic), paragraphText(pair.english), options)
      expect(beadKeys(beads), pair.name).toEqual(pair.arabic.flat().map((_, k) => `${k}:${k}`))
    }
  })

  it("estimates the length ratio from the pairs, not from the deleted paragraph's sentences", () => {
    // Before: 3 of the 38 cut pairs within 10% of the full pair's ratio, the worst 47% off.
    const off = cases.map(({ pair, arabic, english }) => {
      const full = alignDocuments(paragraphText(pair.arabic), paragraphText(pair.english), options).model.lengthRatio
      return Math.abs(Math.log(alignDocuments(arabic, english, options).model.lengthRatio / full))
    })
    expect(cases.length).toBe(38)
    expect(off.filter((error) => error < Math.log(1.1)).length).toBeGreaterThanOrEqual(30)
    expect(Math.max(...off)).toBeLessThan(Math.log(1.3))
  })

  it('keeps a ratio the caller gives', () => {
    const { arabic, english } = cases[1]!
    expect(alignDocuments(arabic, english, { ...options, lengthRatio: 0.9 }).model.lengthRatio).toBe(0.9)
  })
})

const FREEDICT = '/usr/share/dictd/freedict-ara-eng.index'
const hasFreeDict = haveTool('FreeDict Arabic-English (Debian dict-freedict-ara-eng)', () => pathExists(FREEDICT))

describe.runIf(hasFreeDict)('alignDocuments with a paragraph deleted, with FreeDict Arabic-English', () => {
  const dictionary = hasFreeDict ? readDictionary(FREEDICT, options) : []

  it("leaves the library notice's deleted paragraph out, sentence by sentence (the trial pair)", () => {
    const trial = cases.find((c) => c.pair.name === 'library' && c.side === 'english' && c.paragraph === 1)!
    // Before: the first Arabic sentence and the deleted paragraph's two were one 3-1 bead.
    expect(beadKeys(alignDocuments(trial.arabic, trial.english, { ...options, dictionary }).beads)).toEqual(trial.gold)
  })

  it('aligns most cut pairs exactly', () => {
    // Before: 10 of 38 exactly right; the deleted sentences were merged into a neighbour's bead.
    const exact = cases.filter(({ arabic, english, gold }) => JSON.stringify(beadKeys(alignDocuments(arabic, english, { ...options, dictionary }).beads)) === JSON.stringify(gold))
    expect(exact.length).toBeGreaterThanOrEqual(28)
  })
})
