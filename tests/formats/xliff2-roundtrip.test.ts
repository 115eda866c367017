/**
 * XLIFF 2.x round trips: what mizan reads it writes back, and what it writes it reads back (issues #16 and #17).
 * Every valid file of the OASIS XLIFF 2.1 test suite (data set `xliffSuite`) reads back the same units after a
 * write, and the written file validates where the original did; an empty memory is a valid file that reads back
 * empty; note ids survive (comment annotations point to them); characters XML cannot carry travel as `<cp>`;
 * element hints (`mrk`, `pc`) stay; units of several `<file>`s sharing an id keep it; and XLIFF 2.2's
 * document-level `<notes>` and `<mda:metadata>` are read into the header and written back (refused in 2.0/2.1).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FormatError, OptionsError } from '../../src/errors.js'
import { parseXliff, readXliff, toXliff, writeXliff, type XliffHeader, type XliffOptions, type XliffVersion } from '../../src/formats/xliff.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import type { InlineContent, TranslationUnit } from '../../src/types.js'
import { haveData } from '../helpers/data.js'
import { unitsArbitrary } from './arbitrary.js'
import { fixture, hasXmllint, readSuiteFile, suiteFiles, withoutElementHints, xmllint } from './helpers.js'

const languages = { sourceLang: 'ar', targetLang: 'en' }
const versions2: Array<'2.0' | '2.1' | '2.2'> = ['2.0', '2.1', '2.2']
const haveSchemas = hasXmllint && haveData('schemas')

/** Reads, writes in the same version, reads again. */
function roundTrip(xml: string): { first: ReturnType<typeof parseXliff>; written: string; second: ReturnType<typeof parseXliff> } {
  const first = parseXliff(xml)
  const version = first.formatVersion
  const written = toXliff(first.units, { version, sourceLang: first.sourceLang, targetLang: first.targetLang ?? 'und', ...(version === '2.2' ? documentLevel(first) : {}) })
  return { first, written, second: parseXliff(written) }
}

const documentLevel = (header: XliffHeader): Pick<XliffOptions, 'notes' | 'metadata'> => ({
  ...(header.notes === undefined ? {} : { notes: header.notes }),
  ...(header.metadata === undefined ? {} : { metadata: header.metadata }),
})

describe.skipIf(!haveData('xliffSuite'))('toXliff and parseXliff on the XLIFF 2.1 test suite', () => {
  const files = suiteFiles
  const read = readSuiteFile

  for (const folder of ['core/valid', 'modules/valid']) {
    it(`reads back the same units, element hints included, after writing every file in ${folder}`, () => {
      const names = files(folder)
      expect(names.length).toBeGreaterThan(20)
      const failures: string[] = []
      for (const name of names) {
        try {
          const { first, second } = roundTrip(read(folder, name))
          // The `element` hints too: a mrk read back as sm, or a pc as sc, would differ.
          expect(second.units, name).toEqual(first.units)
        } catch (error) {
          failures.push(`${name}: ${(error as Error).message}`)
        }
      }
      expect(failures).toEqual([])
    })

    it.runIf(haveSchemas)(`writes files that validate with xmllint wherever the original did, as 2.1 and as 2.2 (${folder})`, () => {
      let validated = 0
      for (const name of files(folder)) {
        const original = read(folder, name)
        if (xmllint('xliff-2.1', original).status !== 0) continue
        const { first, written } = roundTrip(original)
        const result = xmllint('xliff-2.1', written)
        expect(result.status, `${name}: ${result.output}`).toBe(0)
        // The same units as XLIFF 2.2, against the 2.2 core schema.
        const as22 = xmllint('xliff-2.2', toXliff(first.units, { version: '2.2', sourceLang: first.sourceLang, targetLang: first.targetLang ?? 'und' }))
        expect(as22.status, `${name} as 2.2: ${as22.output}`).toBe(0)
        validated++
      }
      expect(validated).toBeGreaterThan(20)
    })
  }
})

describe('empty XLIFF 2 memories', () => {
  for (const version of versions2) {
    it(`writes no units as a file that reads back as no units (XLIFF ${version})`, async () => {
      const xml = toXliff([], { ...languages, version })
      expect(parseXliff(xml)).toEqual({ formatVersion: version, ...languages, units: [], skipped: [] })
      let streamed = ''
      for await (const chunk of writeXliff((async function* (): AsyncGenerator<TranslationUnit> {})(), { ...languages, version })) streamed += chunk
      expect(streamed).toBe(xml)
      const units: TranslationUnit[] = []
      for await (const unit of readXliff([xml])) units.push(unit)
      expect(units).toEqual([])
      // Written again, the empty memory is the same file.
      expect(toXliff(parseXliff(xml).units, { ...languages, version })).toBe(xml)
    })

    it.runIf(haveSchemas)(`writes an empty memory that validates with xmllint (XLIFF ${version})`, () => {
      const result = xmllint(`xliff-${version}`, toXliff([], { ...languages, version }))
      expect(result.output).toMatch(/validates/)
      expect(result.status).toBe(0)
    })
  }

  it('still refuses a <file> with neither unit nor group', () => {
    const xml = toXliff([], { ...languages, version: '2.1' }).replace(/<group[^>]*\/>\n/, '')
    expect(() => parseXliff(xml)).toThrow(/<file> needs at least one <unit> or <group>/)
  })
})

describe('note ids in XLIFF 2', () => {
  const unit: TranslationUnit = {
    id: 'u1',
    source: 'افتتح المعرض',
    target: 'The fair opened',
    notes: [{ id: 'n1', text: 'معرض الكتاب', category: 'term' }, { text: 'no id' }, { id: 'ملاحظة-2', text: 'an Arabic id', priority: 3 }],
    sourceContent: ['افتتح ', { kind: 'markStart', id: 'm1', attributes: { type: 'comment', ref: '#n=n1' } }, 'المعرض', { kind: 'markEnd', id: 'm1' }],
  }

  for (const version of versions2) {
    it(`writes note ids, so a comment annotation's ref="#n=…" still names its note (XLIFF ${version})`, () => {
      const xml = toXliff([unit], { ...languages, version })
      expect(xml).toContain('<note id="n1" category="term">')
      expect(parseXliff(xml).units.map(withoutElementHints)).toEqual([unit])
    })
  }

  it('accepts a comment only on a note of its own unit, and keeps a full-path ref as the short #n=', () => {
    const comment = (ref: string): string => `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ar">
 <file id="f1">
  <notes><note id="n1">ملاحظة الملف</note></notes>
  <unit id="u1"><notes><note id="n1">ملاحظة الوحدة</note></notes><segment><source><mrk id="m1" type="comment" ref="${ref}">نص</mrk></source></segment></unit>
  <unit id="u2"><notes><note id="n2">أخرى</note></notes><segment><source>نص آخر</source></segment></unit>
 </file>
</xliff>`
    const read = parseXliff(comment('#/f=f1/u=u1/n=n1')).units[0]!
    expect(read.sourceContent![0]).toMatchObject({ kind: 'markStart', attributes: { type: 'comment', ref: '#n=n1' } })
    expect(parseXliff(comment('#n=n1')).units[0]).toEqual(read)
    // A file's note, another unit's note, and a path without a unit are not the unit's notes (§4.7.2.2).
    expect(() => parseXliff(comment('#f=f1/n=n1'))).toThrow(/ref="#f=f1\/n=n1" of a comment annotation must point to a <note> of its unit/)
    expect(() => parseXliff(comment('#/f=f1/u=u2/n=n2'))).toThrow(/names no <note> of this unit \(<unit id="u1">\)/)
    expect(() => parseXliff(comment('#/f=f1/u=u1/n=n9'))).toThrow(/names no <note> of this unit/)
  })

  it('reads note ids the same on the fast path and in the tree reader', () => {
    const plain: TranslationUnit = { id: 'p1', source: 'نعم', target: 'Yes', notes: [{ id: 'n1', text: 'one' }, { id: 'n2', text: 'two', appliesTo: 'target' }] }
    const xml = toXliff([plain, plain].map((item, index) => ({ ...item, id: `p${index}` })), { ...languages, version: '2.1' })
    // A comment after each unit's start tag sends every unit to the tree reader.
    const tree = xml.replace(/(<unit [^>]*>)/g, '$1<!-- tree -->')
    expect(parseXliff(xml).units).toEqual(parseXliff(tree).units)
    expect(parseXliff(xml).units[0]!.notes).toEqual(plain.notes)
  })

  it('refuses note ids XLIFF 2 cannot carry, naming the unit', () => {
    const twice = { ...unit, notes: [{ id: 'n1', text: 'a' }, { id: 'n1', text: 'b' }] }
    expect(() => toXliff([twice], languages)).toThrow(/unit "u1" note id "n1" is used twice/)
    const spaced = { ...unit, notes: [{ id: 'a b', text: 'a' }] }
    expect(() => toXliff([spaced], languages)).toThrow(FormatError)
    expect(() => toXliff([spaced], languages)).toThrow(/note id "a b" is not an XML NMTOKEN/)
  })
})

describe('characters XML cannot carry, as XLIFF 2 <cp>', () => {
  const unit: TranslationUnit = {
    id: 'c1',
    source: 'اضغط Ctrl+C=\u0003 ثم \u0007',
    target: 'Press Ctrl+C=\u0003 then \uFFFF\ud800',
  }
  const coded: TranslationUnit = {
    id: 'c2',
    source: 'سطر\u000Bجديد',
    target: 'new\u000Bline',
    sourceContent: [{ kind: 'standalone', id: '1', data: '<br\u0001/>' }, 'سطر\u000Bجديد'],
    targetContent: [{ kind: 'standalone', id: '1', data: '<br\u0001/>' }, 'new\u000Bline'],
  }

  for (const version of versions2) {
    it(`writes them as <cp hex> and reads the same text back (XLIFF ${version})`, () => {
      const xml = toXliff([unit, coded], { ...languages, version })
      expect(xml).toContain('Ctrl+C=<cp hex="0003"/> ثم <cp hex="0007"/>')
      expect(xml).toContain('then <cp hex="FFFF"/><cp hex="D800"/>')
      expect(xml).toContain('<data id="d1">&lt;br<cp hex="0001"/>/&gt;</data>')
      expect(parseXliff(xml).units.map(withoutElementHints)).toEqual([unit, coded])
    })
  }

  it.runIf(haveSchemas)('writes files with <cp> that validate with xmllint', () => {
    for (const version of versions2) expect(xmllint(`xliff-${version}`, toXliff([unit, coded], { ...languages, version })).status).toBe(0)
  })

  it('still refuses them where XLIFF 2 has no <cp> (notes, metadata, ids) and in XLIFF 1.2', () => {
    expect(() => toXliff([{ ...unit, notes: [{ text: 'a\u0001' }] }], languages)).toThrow(/note holds U\+0001/)
    expect(() => toXliff([{ ...unit, metadata: { key: '\u0002' } }], languages)).toThrow(/metadata value holds U\+0002/)
    expect(() => toXliff([{ ...unit, id: 'a\u0001' }], languages)).toThrow(/id holds U\+0001/)
    expect(() => toXliff([unit], { ...languages, version: '1.2' })).toThrow(/source holds U\+0003/)
  })

  it('keeps the real character in the text the memory matches on', async () => {
    const [read] = parseXliff(fixture('xliff22-document.xlf')).units.filter((item) => item.id === 'u3')
    expect(read!.source).toBe('اضغط Ctrl+C=\u0003 للنسخ')
    const tm = new TranslationMemory(languages)
    await tm.add(read!)
    const exact = await tm.lookup(read!.source)
    expect(exact.map((match) => [match.unit.id, match.score])).toEqual([['u3', 1]])
    const fuzzy = await tm.fuzzy('اضغط Ctrl+C للنسخ', { minScore: 0.5 })
    expect(fuzzy[0]?.unit.target).toBe('Press Ctrl+C=\u0003 to copy')
  })

  it('round-trips units with control characters, lone surrogates and U+FFFE anywhere in their text (property)', () => {
    // Single-character replacements commute with joining, so source stays the join of its content's strings.
    const spoil = (text: string): string => text.replace(/ /g, ' \u0001').replace(/!/g, '\uFFFE!').replace(/؟/g, '؟\udbff')
    const spoilContent = (content: InlineContent | undefined): InlineContent | undefined =>
      content?.map((item) => (typeof item === 'string' ? spoil(item) : item.data === undefined ? item : { ...item, data: `${item.data}\u0008` }))
    const spoilUnit = (unit: TranslationUnit): TranslationUnit => {
      const copy = structuredClone(unit)
      copy.source = spoil(copy.source)
      copy.target = spoil(copy.target)
      if (copy.sourceContent) copy.sourceContent = spoilContent(copy.sourceContent)!
      if (copy.targetContent) copy.targetContent = spoilContent(copy.targetContent)!
      for (const segment of copy.segments ?? []) {
        segment.source = spoil(segment.source)
        segment.target = spoil(segment.target)
        if (segment.sourceContent) segment.sourceContent = spoilContent(segment.sourceContent)!
        if (segment.targetContent) segment.targetContent = spoilContent(segment.targetContent)!
      }
      return copy
    }
    fc.assert(
      fc.property(unitsArbitrary, fc.constantFrom(...versions2), (units, version) => {
        const spoiled = units.map(spoilUnit)
        expect(parseXliff(toXliff(spoiled, { ...languages, version })).units.map(withoutElementHints)).toEqual(spoiled)
      }),
      { numRuns: 150, seed: 17 },
    )
  })
})

describe('element hints through XLIFF 2', () => {
  it('keeps a <mrk> around an isolated <sc> a <mrk>, and a <pc> around one a <pc>', () => {
    const xml = toXliff(
      [
        {
          id: 'h1',
          source: 'العاصمة الثقافية',
          target: 'Cultural capital',
          sourceContent: [{ kind: 'markStart', id: 'm1', element: 'mrk', attributes: { type: 'term' } }, { kind: 'open', id: '1', element: 'sc', isolated: true }, 'العاصمة', { kind: 'markEnd', id: 'm1', element: 'mrk' }, ' الثقافية'],
          targetContent: [{ kind: 'open', id: 'p', element: 'pc' }, { kind: 'close', id: '2', element: 'ec', isolated: true }, 'Cultural', { kind: 'close', id: 'p', element: 'pc' }, ' capital'],
        },
      ],
      { ...languages, version: '2.1' },
    )
    expect(xml).toContain('<source><mrk id="m1" type="term"><sc id="1" isolated="yes"/>العاصمة</mrk> الثقافية</source>')
    expect(xml).toContain('<target><pc id="p"><ec id="2" isolated="yes"/>Cultural</pc> capital</target>')
    const { first, second } = roundTrip(xml)
    expect(second.units).toEqual(first.units)
  })

  it('writes crossing pairs as one span and one pair of empty markers, and reads them back the same', () => {
    // a opens, b opens, a closes, b closes: only one of the two can be an element spanning content.
    const unit: TranslationUnit = { id: 'x1', source: 'أبج', target: '', sourceContent: [{ kind: 'open', id: 'a' }, 'أ', { kind: 'open', id: 'b' }, 'ب', { kind: 'close', id: 'a' }, 'ج', { kind: 'close', id: 'b' }] }
    const xml = toXliff([unit], { ...languages, version: '2.1' })
    expect(xml).toContain('<source><sc id="a"/>أ<pc id="b">ب<ec startRef="a"/>ج</pc></source>')
    expect(parseXliff(xml).units.map(withoutElementHints)).toEqual([unit])
    const { first, second } = roundTrip(xml)
    expect(second.units).toEqual(first.units)
  })
})

describe('subFlows through XLIFF 2', () => {
  const flows = (target: string): string => `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ar">
 <file id="f1">
  <unit id="u1"><segment><source>انقر <ph id="1" subFlows="${target}"/> للمتابعة</source></segment></unit>
  <unit id="u2"><segment><source>زر الموافقة</source></segment></unit>
 </file>
</xliff>`

  it('checks them on reading and does not keep them, so what a lenient read accepts writes a valid file', () => {
    expect(() => parseXliff(flows('missing'))).toThrow(/subFlows names unit "missing", which is not in file "f1"/)
    const lenient = parseXliff(flows('missing'), { lenient: true })
    expect(lenient.skipped).toHaveLength(1)
    expect(lenient.units.map((unit) => unit.id)).toEqual(['u1', 'u2'])
    const written = toXliff(lenient.units, { ...languages, version: '2.1' })
    expect(written).not.toContain('subFlows')
    expect(parseXliff(written).units).toEqual(lenient.units)
    // A valid reference reads to the same units.
    expect(parseXliff(flows('u2')).units).toEqual(lenient.units)
  })
})

describe('units of several <file>s that share an id', () => {
  const twoFiles = `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ar" trgLang="en">
 <file id="f1"><unit id="u1"><segment><source>واحد</source><target>one</target></segment></unit></file>
 <file id="f2"><unit id="u1"><segment><source>اثنان</source><target>two</target></segment></unit><unit id="mizan-2"><segment><source>ثلاثة</source></segment></unit></file>
</xliff>`

  it('gives a repeated unit id its fragment identifier, so a memory keeps both units', async () => {
    const { units } = parseXliff(twoFiles)
    expect(units.map((unit) => unit.id)).toEqual(['u1', 'f=f2/u=u1', 'mizan-2'])
    const tm = new TranslationMemory(languages)
    await tm.addAll(units)
    expect(await tm.size()).toBe(3)
    const streamed: string[] = []
    for await (const unit of readXliff([twoFiles])) streamed.push(unit.id)
    expect(streamed).toEqual(['u1', 'f=f2/u=u1', 'mizan-2'])
  })

  it('writes them into one file and reads the same ids back', () => {
    const { first, written, second } = roundTrip(twoFiles)
    expect(second.units).toEqual(first.units)
    // The qualified id is not an NMTOKEN: written as a generated id, which then must not take the real mizan-2.
    expect(written.match(/<unit id="[^"]+"/g)).toEqual(['<unit id="u1"', '<unit id="mizan-2"', '<unit id="mizan-3"'])
  })

  it.runIf(haveSchemas)('writes them as a file that validates', () => {
    expect(xmllint('xliff-2.1', roundTrip(twoFiles).written).status).toBe(0)
  })

  it('never writes a generated id twice, whichever comes first', () => {
    for (const units of [
      [{ id: 'a b', source: 'أ', target: 'a' }, { id: 'mizan-1', source: 'ب', target: 'b' }],
      [{ id: 'mizan-2', source: 'ب', target: 'b' }, { id: 'a b', source: 'أ', target: 'a' }],
    ]) {
      const xml = toXliff(units, languages)
      const ids = xml.match(/<unit id="([^"]+)"/g)!
      expect(new Set(ids).size).toBe(2)
      expect(parseXliff(xml).units.map((unit) => unit.id)).toEqual(units.map((unit) => unit.id))
    }
  })

  it('takes an id kept in mizan metadata only when the writer could have kept it, else keeps it as metadata', () => {
    // A kept id "u2" (an NMTOKEN the writer would have written as the attribute) would give two units the id u2.
    const kept = `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" version="2.1" srcLang="ar" trgLang="en">
 <file id="f1">
  <unit id="u1"><mda:metadata><mda:metaGroup category="mizan"><mda:meta type="id">u2</mda:meta></mda:metaGroup></mda:metadata><segment><source>أ</source></segment></unit>
  <unit id="u2"><segment><source>ب</source></segment></unit>
  <unit id="u3"><mda:metadata><mda:metaGroup category="mizan"><mda:meta type="id">a b</mda:meta></mda:metaGroup></mda:metadata><segment><source>ج</source></segment></unit>
 </file>
</xliff>`
    const { first, written, second } = roundTrip(kept)
    expect(first.units.map((unit) => [unit.id, unit.metadata])).toEqual([['u1', { 'mizan.id': 'u2' }], ['u2', undefined], ['a b', undefined]])
    expect(second.units).toEqual(first.units)
    expect(written.match(/<unit id="[^"]+"/g)).toEqual(['<unit id="u1"', '<unit id="u2"', '<unit id="mizan-3"'])
  })
})

describe('XLIFF 2.2 document-level notes and metadata', () => {
  const xml = fixture('xliff22-document.xlf')
  const expectedNotes = [
    { id: 'n1', text: 'ذاكرة ترجمة لنشرة الأخبار الأسبوعية', category: 'project', priority: 2 },
    { id: 'n2', text: 'Use British spelling in the English text.', appliesTo: 'target' },
    { text: 'Style guide' },
  ]
  const expectedMetadata = { 'project.client': 'وزارة الثقافة', 'project.deadline': '2026-12-31', 'review.reviewer': 'Layla', domain: 'news' }
  /** The same document declared as XLIFF 2.0 or 2.1, where <xliff> may hold only files. */
  const as21 = (version: '2.0' | '2.1', text: string): string => text.replace('urn:oasis:names:tc:xliff:document:2.2', 'urn:oasis:names:tc:xliff:document:2.0').replace('version="2.2"', `version="${version}"`).replace(/<note ref="[^"]*">/, '<note>')

  it('reads them into the header, beside the units', () => {
    const document = parseXliff(xml)
    expect(document).toMatchObject({ formatVersion: '2.2', sourceLang: 'ar', targetLang: 'en', notes: expectedNotes, metadata: expectedMetadata, skipped: [] })
    expect(document.units.map((unit) => unit.id)).toEqual(['u1', 'u2', 'u3'])
  })

  it('hands them to onHeader before the first unit when streaming', async () => {
    const seen: string[] = []
    let header: XliffHeader | undefined
    for await (const unit of readXliff([xml.slice(0, 500), xml.slice(500)], { onHeader: (head) => ((header = head), seen.push('header')) })) seen.push(unit.id)
    expect(seen).toEqual(['header', 'u1', 'u2', 'u3'])
    expect(header).toMatchObject({ notes: expectedNotes, metadata: expectedMetadata })
  })

  it('writes them back through toXliff and writeXliff, and reads the same document again', async () => {
    const { first, written, second } = roundTrip(xml)
    expect(written).toContain('<notes><note id="n1" category="project" priority="2">')
    expect(written.indexOf('<mda:metadata>')).toBeLessThan(written.indexOf('<file'))
    expect(second).toEqual(first)
    let streamed = ''
    for await (const chunk of writeXliff(first.units, { version: '2.2', ...languages, notes: first.notes!, metadata: first.metadata! })) streamed += chunk
    expect(streamed).toBe(written)
  })

  it.runIf(haveSchemas)('validates with xmllint against the XLIFF 2.2 schema, the fixture and what we write', () => {
    expect(xmllint('xliff-2.2', xml).status).toBe(0)
    const result = xmllint('xliff-2.2', roundTrip(xml).written)
    expect(result.output).toMatch(/validates/)
    expect(result.status).toBe(0)
  })

  for (const version of ['2.0', '2.1'] as const) {
    it(`refuses them in XLIFF ${version}, strictly, and reports them when lenient`, () => {
      const old = as21(version, xml)
      const error = (() => {
        try {
          parseXliff(old)
        } catch (caught) {
          return caught
        }
        throw new Error('expected an error')
      })() as FormatError
      expect(error).toBeInstanceOf(FormatError)
      expect(error.code).toBe('FORMAT_INVALID')
      expect(error.line).toBe(10)
      expect(error.message).toMatch(new RegExp(`<notes> is not allowed directly in <xliff> in XLIFF ${version.replace('.', '\\.')}; XLIFF 2\\.2 allows`))
      const lenient = parseXliff(old, { lenient: true })
      expect(lenient.skipped.map((item) => item.line)).toEqual([10, 15])
      expect(lenient.notes).toBeUndefined()
      expect(lenient.units.map((unit) => unit.id)).toEqual(['u1', 'u2', 'u3'])
    })

    it(`refuses to write them as XLIFF ${version} (OptionsError)`, () => {
      expect(() => toXliff([], { ...languages, version, notes: [{ text: 'a' }] })).toThrow(OptionsError)
      expect(() => toXliff([], { ...languages, version, metadata: { a: 'b' } })).toThrow(/option metadata must be absent for XLIFF 1\.2, 2\.0 and 2\.1/)
      expect(toXliff([], { ...languages, version, notes: [], metadata: {} })).toBe(toXliff([], { ...languages, version }))
    })
  }

  it('refuses them out of order or twice in 2.2', () => {
    const metadataFirst = xml.replace(/( <notes>\n[\s\S]*?<\/notes>\n)( <mda:metadata[\s\S]*?<\/mda:metadata>\n)/, '$2$1')
    expect(metadataFirst).not.toBe(xml)
    expect(() => parseXliff(metadataFirst)).toThrow(/<notes> is out of place in <xliff>: the order is notes, mda:metadata, then files/)
    const afterFile = xml.replace('</file>\n', '</file>\n <notes><note>late</note></notes>\n')
    expect(() => parseXliff(afterFile)).toThrow(/<notes> is out of place in <xliff>/)
    const other = xml.replace(' <notes>\n', ' <originalData><data id="d1">x</data></originalData>\n <notes>\n')
    expect(other).not.toBe(xml)
    expect(() => parseXliff(other)).toThrow(/<originalData> is not allowed directly in <xliff>/)
  })

  it('refuses metadata the Metadata module does not allow, rather than reading it as nothing', () => {
    const foreign = xml.replace('<mda:meta type="domain">news</mda:meta>', '<o:x xmlns:o="urn:example:other"/>')
    expect(() => parseXliff(foreign)).toThrow(/<o:x> is not allowed inside <mda:metaGroup>/)
    const nested = xml.replace('<mda:meta type="domain">news</mda:meta>', '<mda:meta type="domain">news<mda:meta type="x">y</mda:meta></mda:meta>')
    expect(() => parseXliff(nested)).toThrow(/<mda:meta> is not allowed inside <mda:meta>, which holds text only/)
    // The same rules hold for a unit's metadata.
    const inUnit = toXliff([{ id: 'u', source: 'أ', target: 'a', metadata: { k: 'v' } }], languages).replace('<mda:meta type="k">v</mda:meta>', '<mda:meta type="k">v</mda:meta><mda:metadata/>')
    expect(() => parseXliff(inUnit)).toThrow(/<mda:metadata> is not allowed inside <mda:metaGroup>/)
  })

  it('accepts the 2.2 note ref, and refuses it in 2.1', () => {
    const withRef = (version: string, ns: string): string =>
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:${ns}" version="${version}" srcLang="ar"><file id="f1"><unit id="u1"><notes><note ref="https://example.org/a">مرجع</note></notes><segment><source>نص</source></segment></unit></file></xliff>`
    expect(parseXliff(withRef('2.2', '2.2')).units[0]!.notes).toEqual([{ text: 'مرجع' }])
    expect(() => parseXliff(withRef('2.1', '2.0'))).toThrow(/attribute ref is not allowed on <note>/)
  })

  it('checks the notes and metadata options', () => {
    const options = { ...languages, version: '2.2' as XliffVersion }
    expect(() => toXliff([], { ...options, notes: [{ id: 'a b', text: 'x' }] })).toThrow(/note id "a b" is not an XML NMTOKEN/)
    expect(() => toXliff([], { ...options, notes: [{ text: 'x', priority: 11 }] })).toThrow(/option notes\[0\]\.priority must be an integer from 1 to 10, got 11/)
    expect(() => toXliff([], { ...options, notes: [{ text: 'x\u0001' }] })).toThrow(/notes\[0\]\.text must be text XML 1\.0 can carry \(it holds U\+0001 at offset 1\)/)
    expect(() => toXliff([], { ...options, metadata: { k: 1 as unknown as string } })).toThrow(/option metadata\.k must be a string/)
  })
})
