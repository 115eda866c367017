/**
 * Numbers that one document has and the other has nowhere (issue #12, omissions). Identity keys found in one
 * document only are no anchors (anchors.ts), so such a number counted nothing in the search. But a sentence holding
 * one is likely a sentence whose translation is missing: pairing it with anything now costs, leaving it out does
 * not (bead-scorer.ts, orphanCost). Numbers written differently on the two sides are not orphans.
 * Documents: our own (tests/fixtures/deleted-paragraphs.ts, and the short sentences below).
 */
import { describe, expect, it } from 'vitest'
import { alignDocuments } from '../../src/align/index.js'
import { orphanNumbers, readSide } from '../../src/align/anchors.js'
import { paragraphPairs, withParagraphDeleted } from '../fixtures/deleted-paragraphs.js'

const options = { sourceLang: 'ar', targetLang: 'en' } as const

const orphansOf = (source: string[], sourceLang: string, target: string[], targetLang: string) => [...orphanNumbers(readSide(source, sourceLang), readSide(target, targetLang))]

describe('orphanNumbers', () => {
  it('counts the numbers of two digits or more that the other document has nowhere, per sentence', () => {
    const arabic = ['افتتحت المكتبة عام ٢٠٢٥.', 'وتضم ٤٥ قاعة و١٢ مختبراً.', 'وفيها ٣ طوابق.', 'ولا رقم هنا.']
    const english = ['The library opened in 2025.']
    expect(orphansOf(arabic, 'ar', english, 'en')).toEqual([0, 2, 0, 0])
    expect(orphansOf(english, 'en', arabic, 'ar')).toEqual([0])
  })

  it('reads Arabic-Indic digits by value, and does not compare trailing zeros', () => {
    expect(orphansOf(['تضم المكتبة أكثر من ٤٥ ألف كتاب.'], 'ar', ['The library holds more than 45,000 books.'], 'en')).toEqual([0])
    expect(orphansOf(['The library holds more than 45,000 books.'], 'en', ['تضم المكتبة أكثر من ٤٥ ألف كتاب.'], 'ar')).toEqual([0])
    expect(orphansOf(['كلف المشروع ١٢ مليون دينار.'], 'ar', ['It cost 12,000,000 dinars.'], 'en')).toEqual([0])
  })

  it('matches a number written with other separators by its digit runs', () => {
    expect(orphansOf(['Der Zug fährt um 4.45 Uhr ab.'], 'de', ['Le train part à 4 h 45.'], 'fr')).toEqual([0])
    expect(orphansOf(['Le train part à 4 h 45.'], 'fr', ['Der Zug fährt um 4.45 Uhr ab.'], 'de')).toEqual([0])
    expect(orphansOf(['Der Zug fährt um 4.45 Uhr ab.'], 'de', ['Le train part à 5 h 30.'], 'fr')).toEqual([1])
  })

  it('counts nothing in a sentence that also holds a number the other document has', () => {
    // A page reference or a converted unit beside a shared year: the sentence is more likely paired than left out.
    expect(orphansOf(['Berge der Welt (1956), S. 161-177.', 'Die Hütte liegt auf 2950 m.'], 'de', ['Berge der Welt (1956).'], 'fr')).toEqual([0, 1])
  })
})

describe('alignDocuments with a number the other document has nowhere', () => {
  it("leaves the library notice's deleted paragraph out without a dictionary, from either side (the trial pair)", () => {
    // The deleted paragraph holds 45 (thousand books) and 12 (million dinars), which the cut side has nowhere.
    // Before, with the English paragraph deleted: the first Arabic sentence left out and the two deleted ones
    // paired with the first English sentence; with the Arabic one deleted, the mirror image (0-1, then a 1-2 bead).
    for (const side of ['english', 'arabic'] as const) {
      const trial = withParagraphDeleted(paragraphPairs.find((pair) => pair.name === 'library')!, 1, side)
      const beads = alignDocuments(trial.arabic, trial.english, options).beads.map((bead) => `${bead.source}:${bead.target}`)
      expect(beads, side).toEqual(trial.gold)
    }
  })
})
