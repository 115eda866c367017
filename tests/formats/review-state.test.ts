/**
 * Units that need review (the aligner's doubtful pairs: state initial, subState mizan:needs-review) and confident
 * ones are written in each format's own words and read back as they were (docs/formats.md, "States").
 */
import { describe, expect, it } from 'vitest'
import { parseTmx, toTmx } from '../../src/formats/tmx.js'
import { parseXliff, toXliff } from '../../src/formats/xliff.js'
import { needsReview } from '../../src/tm/needs-review.js'
import { needsReviewSubState, type TranslationUnit } from '../../src/types.js'
import { haveData } from '../helpers/data.js'
import { hasXmllint, xmllint } from './helpers.js'

const languages = { sourceLang: 'ar', targetLang: 'en' }
const doubtful: TranslationUnit = {
  id: 'd1',
  source: 'وأكد الجانبان عزمهما على تعزيز التعاون.',
  target: 'The weather was fine.',
  state: 'initial',
  subState: needsReviewSubState,
  alignment: { score: 0.64, shape: '1-1' },
}
const confident: TranslationUnit = {
  id: 'c1',
  source: 'انعقدت القمة في سمرقند.',
  target: 'The summit was held in Samarkand.',
  state: 'translated',
  alignment: { score: 0.97, shape: '1-1' },
}
const units = [doubtful, confident]

/** The `<target>` start tag of a trans-unit, with the trans-unit's own start tag. */
function transUnitHead(xml: string, id: string): string {
  const match = new RegExp(`<trans-unit id="${id}"[^>]*>\\n<source>[^<]*</source>\\n<target[^>]*>`).exec(xml)
  if (match === null) throw new Error(`no trans-unit ${id} in:\n${xml}`)
  return match[0]
}

describe('states that need review, in every format', () => {
  for (const version of ['2.0', '2.1', '2.2'] as const) {
    it(`writes XLIFF ${version} state="initial" subState="mizan:needs-review" and reads the units back`, () => {
      const xml = toXliff(units, { ...languages, version })
      expect(xml).toContain('<segment state="initial" subState="mizan:needs-review">')
      expect(xml).toContain('<segment state="translated">')
      const read = parseXliff(xml).units
      expect(read).toEqual(units)
      expect(read.map(needsReview)).toEqual([true, false])
    })
  }

  it('writes XLIFF 1.2 needs-review-translation without approved, and translated units approved', () => {
    const xml = toXliff(units, { ...languages, version: '1.2' })
    expect(transUnitHead(xml, 'd1')).toMatch(/^<trans-unit id="d1">\n.*<target state="needs-review-translation">$/s)
    expect(transUnitHead(xml, 'c1')).toMatch(/^<trans-unit id="c1" approved="yes">\n.*<target state="translated">$/s)
    const read = parseXliff(xml).units
    expect(read).toEqual(units)
    expect(read.map(needsReview)).toEqual([true, false])
  })

  it('writes TMX props x-mizan-state and x-mizan-subState and reads the units back', () => {
    const xml = toTmx(units, languages)
    expect(xml).toContain('<prop type="x-mizan-state">initial</prop>')
    expect(xml).toContain('<prop type="x-mizan-subState">mizan:needs-review</prop>')
    const read = parseTmx(xml).units
    expect(read).toEqual(units)
    expect(read.map(needsReview)).toEqual([true, false])
  })
})

describe.runIf(hasXmllint && haveData('schemas'))('xmllint validation of units that need review', () => {
  it('validates XLIFF 1.2, 2.0, 2.1, 2.2 and TMX 1.4b against the official schemas', () => {
    for (const version of ['1.2', '2.0', '2.1', '2.2'] as const) {
      const result = xmllint(`xliff-${version}`, toXliff(units, { ...languages, version }))
      expect(result.output, version).toMatch(/validates/)
      expect(result.status).toBe(0)
    }
    expect(xmllint('tmx', toTmx(units, languages))).toEqual({ status: 0, output: '' })
  })
})

describe('parseXliff on XLIFF 1.2 review states from other tools', () => {
  const xliff12 = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="ar" target-language="en" datatype="plaintext"><body>${body}</body></file></xliff>`

  it('reads approved="yes" state="translated" (Translate Toolkit\'s finished translation) as translated', () => {
    const [unit] = parseXliff(xliff12('<trans-unit id="t" approved="yes"><source>نعم</source><target state="translated">Yes</target></trans-unit>')).units
    expect(unit).toMatchObject({ state: 'translated' })
    expect(unit!.subState).toBeUndefined()
  })

  it('reads needs-review-translation as a unit that needs review, and approved signed-off as reviewed', () => {
    const { units: read } = parseXliff(
      xliff12(
        '<trans-unit id="r"><source>نعم</source><target state="needs-review-translation">Yes</target></trans-unit>' +
          '<trans-unit id="s" approved="yes"><source>لا</source><target state="signed-off">No</target></trans-unit>',
      ),
    )
    expect(read.map((unit) => [unit.state, needsReview(unit)])).toEqual([
      ['translated', true],
      ['reviewed', false],
    ])
  })
})

describe('needsReview', () => {
  const cases: Array<{ unit: Pick<TranslationUnit, 'state' | 'subState'>; expected: boolean }> = [
    { unit: { state: 'initial', subState: needsReviewSubState }, expected: true },
    { unit: { subState: needsReviewSubState }, expected: true },
    { unit: { state: 'translated', subState: needsReviewSubState }, expected: false },
    { unit: { state: 'reviewed', subState: needsReviewSubState }, expected: false },
    { unit: { state: 'translated', subState: 'needs-review-l10n' }, expected: true },
    { unit: { state: 'final', subState: 'needs-review-translation' }, expected: false },
    { unit: { state: 'initial' }, expected: false },
    { unit: { state: 'translated', subState: 'x-client-approved' }, expected: false },
    { unit: {}, expected: false },
  ]
  for (const { unit, expected } of cases) {
    it(`is ${expected} for ${JSON.stringify(unit)}`, () => {
      expect(needsReview(unit)).toBe(expected)
    })
  }
})
