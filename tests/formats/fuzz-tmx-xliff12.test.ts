/**
 * Fuzzing the TMX and XLIFF 1.2 readers with our own output, mutated (issue #17, item 4): random units are
 * written, the text is damaged (characters, elements and attributes inserted, deleted, duplicated or changed,
 * including mizan's own props, context types and segment maps, and the text inside `<seg>`, `<source>` and
 * `<target>`), then read strict and lenient. A reader may refuse what it is given, but only with a typed error;
 * whatever it accepts must write without error and read back as the same units, element hints included.
 * Seeded, so a failure reproduces; fast-check prints the shrunk counterexample.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isTmError } from '../../src/errors.js'
import { parseTmx, toTmx } from '../../src/formats/tmx.js'
import { parseXliff, toXliff } from '../../src/formats/xliff.js'
import type { TranslationUnit } from '../../src/types.js'
import { unitsArbitrary } from './arbitrary.js'
import { mutate, mutation, type Mutation } from './mutate-xml.js'

const languages = { sourceLang: 'ar', targetLang: 'en' }

type Format = 'tmx' | 'xliff-1.2'

function write(format: Format, units: TranslationUnit[]): string {
  return format === 'tmx' ? toTmx(units, languages) : toXliff(units, { ...languages, version: '1.2' })
}

function read(format: Format, xml: string, lenient: boolean): TranslationUnit[] {
  return format === 'tmx' ? parseTmx(xml, { lenient }).units : parseXliff(xml, { lenient }).units
}

/** Reads strict and lenient: only typed errors, and whatever is read writes and reads back the same. */
function checkReading(format: Format, xml: string): void {
  for (const lenient of [false, true]) {
    let units: TranslationUnit[]
    try {
      units = read(format, xml, lenient)
    } catch (error) {
      if (!isTmError(error)) throw error
      continue
    }
    const written = write(format, units)
    expect(read(format, written, false)).toEqual(units)
  }
}

const documents = (format: Format): fc.Arbitrary<{ xml: string; mutations: Mutation[] }> =>
  fc.record({ units: unitsArbitrary, mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) }).map(({ units, mutations }) => ({ xml: write(format, units), mutations }))

describe('parseTmx and parseXliff (1.2) on mutated documents', () => {
  for (const format of ['tmx', 'xliff-1.2'] as const) {
    it(`throw only typed errors, and what they accept round-trips (${format})`, () => {
      fc.assert(
        fc.property(documents(format), ({ xml, mutations }) => {
          checkReading(format, mutations.reduce((text, m) => mutate(text, m), xml))
        }),
        { seed: 1707, numRuns: 300 },
      )
    })

    it(`throw only typed errors, and what they accept round-trips, on a mutated file in another tool's shape (${format})`, () => {
      // Our OmegaT-style fixtures: headers, groups, g/bpt/ept codes, seg-source, alt states, props of other tools.
      const fixture = readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), `fixtures/omegat-style.${format === 'tmx' ? 'tmx' : 'xlf'}`), 'utf8')
      expect(read(format, fixture, false).length).toBeGreaterThan(1)
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations: Mutation[]) => {
          checkReading(format, mutations.reduce((text, m) => mutate(text, m), fixture))
        }),
        { seed: 1707, numRuns: 150 },
      )
    })
  }
})
