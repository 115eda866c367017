/**
 * parse ∘ write is the identity on canonical units, for every format and version (fast-check).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTmx, toTmx } from '../../src/formats/tmx.js'
import { parseXliff, toXliff, type XliffVersion } from '../../src/formats/xliff.js'
import { unitsArbitrary } from './arbitrary.js'
import { withoutElementHints } from './helpers.js'

const languages = { sourceLang: 'ar', targetLang: 'en' }

describe('toXliff and parseXliff', () => {
  for (const version of ['1.2', '2.0', '2.1', '2.2'] as XliffVersion[]) {
    it(`round-trips random units through XLIFF ${version}`, () => {
      fc.assert(
        fc.property(unitsArbitrary, (units) => {
          const document = parseXliff(toXliff(units, { ...languages, version }))
          expect(document.formatVersion).toBe(version)
          expect(document.units.map(withoutElementHints)).toEqual(units)
        }),
        { numRuns: 200 },
      )
    })
  }
})

describe('toTmx and parseTmx', () => {
  it('round-trips random units through TMX 1.4b', () => {
    fc.assert(
      fc.property(unitsArbitrary, (units) => {
        const document = parseTmx(toTmx(units, languages))
        expect(document.formatVersion).toBe('1.4')
        expect(document.units.map(withoutElementHints)).toEqual(units)
      }),
      { numRuns: 200 },
    )
  })
})
