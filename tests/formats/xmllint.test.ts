/**
 * Every file we write validates with xmllint against the official schemas (data set `schemas`): XLIFF 1.2
 * strict XSD, XLIFF 2.0/2.1 core plus module XSDs, XLIFF 2.2 core XSD, and the TMX 1.4b DTD.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toTmx } from '../../src/formats/tmx.js'
import { toXliff, type XliffVersion } from '../../src/formats/xliff.js'
import { haveData } from '../helpers/data.js'
import { unitsArbitrary } from './arbitrary.js'
import { corpusUnits } from './corpus-units.js'
import { richUnits } from './fixtures.js'
import { hasXmllint, xmllint } from './helpers.js'

const languages = { sourceLang: 'ar', targetLang: 'en' }
const random = fc.sample(unitsArbitrary, { numRuns: 40, seed: 42 }).flatMap((units, run) => units.map((unit) => ({ ...unit, id: `r${run}-${unit.id}` })))

describe.runIf(hasXmllint && haveData('schemas'))('xmllint validation of what we write', () => {
  for (const version of ['1.2', '2.0', '2.1', '2.2'] as XliffVersion[]) {
    it(`validates XLIFF ${version} of rich, corpus and random units`, () => {
      for (const units of [richUnits, corpusUnits(), random]) {
        const result = xmllint(`xliff-${version}`, toXliff(units, { ...languages, version }))
        expect(result.output).toMatch(/validates/)
        expect(result.status).toBe(0)
      }
    })
  }

  it('validates TMX 1.4b of rich, corpus and random units against the DTD', () => {
    for (const units of [richUnits, corpusUnits(), random]) {
      const result = xmllint('tmx', toTmx(units, languages))
      expect(result.output).toBe('')
      expect(result.status).toBe(0)
    }
  })

  it('catches an invalid file, so a pass means something', () => {
    const broken = toXliff(richUnits, { ...languages, version: '2.1' }).replace('<segment', '<segment bogus="1"')
    expect(xmllint('xliff-2.1', broken).status).not.toBe(0)
    const brokenTmx = toTmx(richUnits, languages).replace('<tuv', '<tuv bogus="1"')
    expect(xmllint('tmx', brokenTmx).status).not.toBe(0)
  })
})
