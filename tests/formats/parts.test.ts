/**
 * Sentence boundaries inside beads (`TranslationUnit.parts`, issue #14) survive every format and the XLIFF file
 * memory: XLIFF 2 `mda:meta` `parts-source`/`parts-target` in the `mizan` metaGroup, XLIFF 1.2 `x-parts-…`
 * contexts, TMX `x-mizan-parts-…` props. Boundaries that do not fit the text are the text's loss, never the
 * unit's: a FormatError where the reader is strict, left out and reported where it is lenient.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { FormatError, parseTmx, parseXliff, toTmx, toXliff, TranslationMemory, type TranslationUnit } from '../../src/index.js'

const first = 'انعقدت القمة في سمرقند.'
const second = 'وحضرها خمسة عشر رئيسا.'
/** A 2-1 bead and a 1-2 bead, and a unit of one sentence a side. */
const units: TranslationUnit[] = [
  { id: 'u1', source: `${first} ${second}`, target: 'The summit in Samarkand was attended by fifteen presidents.', parts: { source: [first.length + 1] } },
  { id: 'u2', source: 'وناقش القادة التجارة والأمن.', target: 'The leaders met. They discussed trade and security.', parts: { target: [17] } },
  { id: 'u3', source: 'شكرا.', target: 'Thank you.' },
]

const writers = {
  'XLIFF 2.1': () => parseXliff(toXliff(units, { version: '2.1', sourceLang: 'ar', targetLang: 'en' })).units,
  'XLIFF 2.0': () => parseXliff(toXliff(units, { version: '2.0', sourceLang: 'ar', targetLang: 'en' })).units,
  'XLIFF 1.2': () => parseXliff(toXliff(units, { version: '1.2', sourceLang: 'ar', targetLang: 'en' })).units,
  TMX: () => parseTmx(toTmx(units, { sourceLang: 'ar', targetLang: 'en' })).units,
}

describe('parts in formats', () => {
  it.each(Object.keys(writers))('%s keeps each unit\'s sentence boundaries', (name) => {
    const read = writers[name as keyof typeof writers]()
    expect(read.map((unit) => unit.parts)).toEqual([{ source: [first.length + 1] }, { target: [17] }, undefined])
    expect(read.map((unit) => [unit.source, unit.target])).toEqual(units.map((unit) => [unit.source, unit.target]))
  })

  it('round-trips random boundaries through XLIFF 2.1, XLIFF 1.2 and TMX', () => {
    const unitWithParts = fc
      .tuple(fc.array(fc.constantFrom('نعم.', 'لا شكرا.', 'ربما غدا.'), { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom('Yes.', 'No thanks.', 'Maybe tomorrow.'), { minLength: 1, maxLength: 4 }))
      .map(([sources, targets]): TranslationUnit => {
        const starts = (sentences: string[]) => sentences.slice(1).map((_, index) => sentences.slice(0, index + 1).join(' ').length + 1)
        const unit: TranslationUnit = { id: 'u', source: sources.join(' '), target: targets.join(' ') }
        const parts = { source: starts(sources), target: starts(targets) }
        if (parts.source.length > 0 || parts.target.length > 0) {
          unit.parts = {}
          if (parts.source.length > 0) unit.parts.source = parts.source
          if (parts.target.length > 0) unit.parts.target = parts.target
        }
        return unit
      })
    fc.assert(
      fc.property(unitWithParts, (unit) => {
        expect(parseXliff(toXliff([unit], { version: '2.1', sourceLang: 'ar', targetLang: 'en' })).units[0]!.parts).toEqual(unit.parts)
        expect(parseXliff(toXliff([unit], { version: '1.2', sourceLang: 'ar', targetLang: 'en' })).units[0]!.parts).toEqual(unit.parts)
        expect(parseTmx(toTmx([unit], { sourceLang: 'ar', targetLang: 'en' })).units[0]!.parts).toEqual(unit.parts)
      }),
      { numRuns: 60, seed: 14 },
    )
  })

  it('refuses boundaries past the text in strict XLIFF 2, naming the unit', () => {
    const xml = toXliff([units[0]!], { version: '2.1', sourceLang: 'ar', targetLang: 'en' }).replace(`>${first.length + 1}<`, '>400<')
    expect(xml).toContain('>400<')
    const error = (() => {
      try {
        parseXliff(xml)
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(FormatError)
    expect((error as FormatError).message).toMatch(/unit "u1": parts-source must be ascending offsets inside its 46-character source text, got "400"/)
  })

  it('leaves out boundaries that no longer fit a text another tool changed, keeping the unit (TMX, lenient)', () => {
    // The Arabic now is one short sentence: the boundary of the second sentence lies past its end.
    const xml = toTmx([units[0]!], { sourceLang: 'ar', targetLang: 'en' }).replace(`${first} ${second}`, 'نعم.')
    const read = parseTmx(xml, { lenient: true })
    expect(read.units[0]!.source).toBe('نعم.')
    expect(read.units[0]!.parts).toBeUndefined()
    expect(read.skipped.map((item) => item.message).join('\n')).toMatch(/parts-source must be ascending offsets/)
  })
})

describe('parts in an XLIFF file memory', () => {
  const folder = mkdtempSync(join(tmpdir(), 'mizan-parts-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('saves and reopens a memory whose 2-1 bead is still found by its second sentence', async () => {
    const path = join(folder, 'tm.xlf')
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.addAll(units)
    await tm.save(path)
    expect(readFileSync(path, 'utf8')).toContain(`<mda:meta type="parts-source">${first.length + 1}</mda:meta>`)
    const reopened = await TranslationMemory.open(path)
    const [match] = await reopened.lookup(second)
    expect(match).toMatchObject({ unit: { id: 'u1' }, part: { index: 1, count: 2 } })
  })
})
