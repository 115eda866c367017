/**
 * toXliff / parseXliff behaviour: exact round trips of rich units, text XML cannot carry, OmegaT-style 1.2
 * targets, 1.2 states, real 1.2 input, versions, and lenient reading.
 */
import { describe, expect, it, vi } from 'vitest'
import { FormatError, OptionsError } from '../../src/errors.js'
import { parseXliff, toXliff, type XliffVersion } from '../../src/formats/xliff.js'
import { richUnits } from './fixtures.js'
import { fixture, withoutElementHints } from './helpers.js'

const languages = { sourceLang: 'ar', targetLang: 'en' }
const versions: XliffVersion[] = ['1.2', '2.0', '2.1', '2.2']

describe('toXliff and parseXliff', () => {
  for (const version of versions) {
    it(`round-trips every field of the rich units through XLIFF ${version}`, () => {
      const xml = toXliff(richUnits, { ...languages, version })
      const document = parseXliff(xml)
      expect(document).toMatchObject({ formatVersion: version, sourceLang: 'ar', targetLang: 'en', skipped: [] })
      expect(document.units.map(withoutElementHints)).toEqual(richUnits)
    })

    // XLIFF 2 writes such characters in segment text as <cp hex> (see xliff2-roundtrip.test.ts); 1.2 cannot.
    if (version === '1.2') it(`refuses a control character with a FormatError naming the unit (XLIFF ${version})`, () => {
      const units = [{ id: 'ok', source: 'a', target: 'b' }, { id: 'bad-unit', source: 'ring\u0007bell', target: 'x' }]
      const error = (() => {
        try {
          toXliff(units, { ...languages, version })
        } catch (caught) {
          return caught as FormatError
        }
        throw new Error('expected an error')
      })()
      expect(error).toBeInstanceOf(FormatError)
      expect(error.code).toBe('INVALID_INPUT')
      expect(error.message).toMatch(/unit "bad-unit" source holds U\+0007 at offset 4/)
    })

    it(`refuses a lone surrogate in a note and metadata${version === '1.2' ? ' and a target' : ''} (XLIFF ${version})`, () => {
      if (version === '1.2') expect(() => toXliff([{ id: 'u', source: 'a', target: 'b\ud83d' }], { ...languages, version })).toThrow(/unit "u" target holds U\+D83D/)
      expect(() => toXliff([{ id: 'u', source: 'a', target: 'b', notes: [{ text: '\udc00' }] }], { ...languages, version })).toThrow(/unit "u" note holds U\+DC00/)
      expect(() => toXliff([{ id: 'u', source: 'a', target: 'b', metadata: { k: '\u0000' } }], { ...languages, version })).toThrow(/metadata value holds U\+0000/)
    })
  }

  it('passes markup characters, bidi marks, combining marks and emoji through unchanged', () => {
    const text = `& < > " ' ]]> \u200f\u202bنص\u202c مُحَمَّد e\u0301 👩🏽‍💻 &amp;`
    for (const version of versions) expect(parseXliff(toXliff([{ id: 'u', source: text, target: text }], { ...languages, version })).units[0]).toMatchObject({ source: text, target: text })
  })

  it('keeps a non-NMTOKEN id in XLIFF 2 metadata and writes a safe one', () => {
    const xml = toXliff([{ id: 'a b/c', source: 'x', target: 'y' }], { ...languages, version: '2.1' })
    expect(xml).toContain('<unit id="mizan-1">')
    expect(parseXliff(xml).units[0]!.id).toBe('a b/c')
  })
})

describe('toXliff for XLIFF 1.2 tools (OmegaT)', () => {
  it('always writes a target: a copy of the source with state="new" when untranslated', () => {
    const xml = toXliff([{ id: 'u1', source: 'غير مترجم <b>', target: '' }], { ...languages, version: '1.2' })
    expect(xml).toContain('<source>غير مترجم &lt;b&gt;</source>\n<target state="new">غير مترجم &lt;b&gt;</target>')
    expect(parseXliff(xml).units[0]).toMatchObject({ source: 'غير مترجم <b>', target: '' })
  })

  it('maps states to target/@state and approved', () => {
    const states = { initial: 'needs-translation', translated: 'translated', reviewed: 'signed-off', final: 'final' } as const
    for (const [state, value] of Object.entries(states)) {
      const xml = toXliff([{ id: 'u', source: 'a', target: 'b', state: state as keyof typeof states }], { ...languages, version: '1.2' })
      expect(xml).toContain(`<target state="${value}">`)
      // Translated is approved too: Translate Toolkit counts an unapproved translation as fuzzy.
      expect(xml.includes('approved="yes"')).toBe(state !== 'initial')
      expect(parseXliff(xml).units[0]!.state).toBe(state)
    }
  })
})

describe('parseXliff on XLIFF 1.2 as other tools write it', () => {
  const document = parseXliff(fixture('omegat-style.xlf'))

  it('reads units inside groups, with codes, states and notes', () => {
    expect(document.formatVersion).toBe('1.2')
    expect(document.targetLang).toBe('en')
    expect(document.units.map((unit) => unit.id)).toEqual(['1', '2', '3', '4'])
    const [first, second, third, fourth] = document.units
    expect(first).toMatchObject({ source: 'اضغط حفظ للمتابعة', target: 'Press Save to continue', state: 'reviewed', notes: [{ text: 'UI string', from: 'translator', priority: 3 }] })
    expect(first!.sourceContent).toEqual(['اضغط ', { kind: 'open', id: '1', element: 'g', attributes: { ctype: 'bold' } }, 'حفظ', { kind: 'close', id: '1', element: 'g' }, ' للمتابعة', { kind: 'standalone', id: '2', element: 'x', attributes: { ctype: 'lb' } }])
    expect(second).toMatchObject({ state: 'translated', subState: 'needs-review-translation' })
    expect(second!.sourceContent![1]).toEqual({ kind: 'open', id: '3', element: 'bpt', data: '<a href="x">' })
    expect(third).toMatchObject({ source: 'غير مترجم', target: '', state: 'initial' })
    expect(fourth!.segments!.map((segment) => [segment.id ?? null, segment.source, segment.target, segment.ignorable ?? false])).toEqual([
      ['a', 'جملة أولى.', 'First sentence.', false],
      [null, ' ', ' ', true],
      ['b', 'جملة ثانية.', 'Second sentence.', false],
    ])
  })

  it('writes what it read back as XLIFF 1.2 and reads the same units', () => {
    expect(parseXliff(toXliff(document.units, { ...languages, version: '1.2' })).units).toEqual(document.units)
  })

  it('converts to XLIFF 2, leaving out only the 1.2-specific code attributes (ctype)', () => {
    const withoutAttributes = (units: typeof document.units) =>
      units.map(withoutElementHints).map((unit) => JSON.parse(JSON.stringify(unit, (key, value: unknown) => (key === 'attributes' ? undefined : value))) as unknown)
    for (const version of ['2.0', '2.1', '2.2'] as const) {
      const xml = toXliff(document.units, { ...languages, version })
      expect(xml).not.toContain('ctype')
      expect(withoutAttributes(parseXliff(xml).units)).toEqual(withoutAttributes(document.units))
    }
  })
})

describe('parseXliff versions and errors', () => {
  it('throws FORMAT_UNSUPPORTED for an unknown version', () => {
    const error = (() => {
      try {
        parseXliff('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="3.0" srcLang="en"/>')
      } catch (caught) {
        return caught as FormatError
      }
    })()
    expect(error?.code).toBe('FORMAT_UNSUPPORTED')
    expect(error?.message).toMatch(/version "3.0"/)
  })

  it('throws on a root that is not xliff, and on a string that is not XML', () => {
    expect(() => parseXliff('<tmx version="1.4"/>')).toThrow(/expected <xliff>/)
    expect(() => parseXliff('hello')).toThrow(FormatError)
    expect(() => parseXliff(42 as unknown as string)).toThrow(/expected the document as a string/)
  })

  it('rejects bad options with an OptionsError naming the option', () => {
    expect(() => toXliff([], { ...languages, version: '1.1' as XliffVersion })).toThrow(OptionsError)
    expect(() => toXliff([], { sourceLang: 'not a tag', targetLang: 'en' })).toThrow(/option sourceLang/)
  })

  it('reads what it can in lenient mode and reports what it skipped', () => {
    const xml = toXliff(richUnits.slice(0, 3), { ...languages, version: '2.1' }).replace('<unit id="u3">', '<unit id="u3"><notes></notes>')
    expect(() => parseXliff(xml)).toThrow(FormatError)
    const logger = vi.fn()
    const document = parseXliff(xml, { lenient: true, logger })
    expect(document.units.map((unit) => unit.id)).toEqual(['u1', 'untranslated one'])
    expect(document.skipped).toHaveLength(1)
    expect(document.skipped[0]!.message).toMatch(/unit skipped/)
    expect(document.skipped[0]!.line).toBeTypeOf('number')
    expect(logger).toHaveBeenCalledWith('warn', expect.stringMatching(/<notes>/), 'FORMAT_SKIPPED')
  })

  it('keeps the units before a malformed point in lenient mode', () => {
    const xml = toXliff(richUnits.slice(0, 2), { ...languages, version: '2.0' }).replace('</file>', '<unit id="x"><segment><source>broken</segment></unit></file>')
    const document = parseXliff(xml, { lenient: true })
    expect(document.units).toHaveLength(2)
    expect(document.skipped[0]!.message).toMatch(/does not match.*rest of the document was not read/)
  })
})
