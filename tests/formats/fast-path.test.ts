/**
 * The readers' fast path (src/formats/fast-cursor.ts) must agree with the tree reader on every input: the same
 * units, the same skipped items, the same errors with the same line and column. A processing instruction right
 * after a unit's start tag is markup the fast path does not take (and the tree reader ignores), so the same
 * document with one after every unit's start tag is read by the tree reader alone: every test below reads both
 * and compares.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../src/errors.js'
import { readTmxUnitCursor, readTmxUnitFast, readTmxWrittenUnit, parseTmx, toTmx } from '../../src/formats/tmx.js'
import { parseXliff, toXliff, type XliffVersion } from '../../src/formats/xliff.js'
import { readXliff12UnitCursor, readXliff12UnitFast, readXliff12WrittenUnit } from '../../src/formats/xliff12.js'
import { readXliff2UnitCursor, readXliff2UnitFast, readXliff2WrittenUnit } from '../../src/formats/xliff2.js'
import type { XmlLimits } from '../../src/formats/xml.js'
import type { TranslationUnit } from '../../src/types.js'
import { textArbitrary, unitsArbitrary } from './arbitrary.js'
import { corpusUnits, pairNote, pairUnits } from './corpus-units.js'
import { haveData } from '../helpers/data.js'
import { readSuiteFile, repoRoot, suiteFiles } from './helpers.js'

const languages = { sourceLang: 'ar', targetLang: 'en' }
type Format = XliffVersion | 'tmx'
const formats: Format[] = ['1.2', '2.0', '2.1', '2.2', 'tmx']

/** Plain units of the shape aligned exports have: the fast path's shape. */
function plainUnits(): TranslationUnit[] {
  const un = pairUnits(4).map((unit) => ({ ...unit, alignment: { score: 0.93, shape: '1-1' }, createdAt: '2026-11-29T00:00:00Z' }))
  un[0]!.notes = [{ text: 'checked & <kept>', category: 'review', priority: 2, appliesTo: 'target', from: 'ali' }, { text: pairNote }]
  return [...corpusUnits().slice(0, 6), ...un]
}

function write(format: Format, units: TranslationUnit[]): string {
  return format === 'tmx' ? toTmx(units, languages) : toXliff(units, { ...languages, version: format })
}

/**
 * The same document with a processing instruction after each unit's start tag (before its line end, so no column
 * moves but those after the tag; a comment would break documents that quote a unit inside a comment).
 */
function treeOnly(xml: string): string {
  return xml.replace(/(<(?:unit|trans-unit|tu)(?:\s[^>]*)?>)/g, '$1<?tree?>')
}

/** What a read gives: the units and skipped items, or the error's identity. */
function outcome(format: Format, xml: string, lenient: boolean, limits: Partial<XmlLimits> = {}): unknown {
  try {
    const document = format === 'tmx' ? parseTmx(xml, { lenient, limits }) : parseXliff(xml, { lenient, limits })
    return { units: document.units, skipped: document.skipped }
  } catch (error) {
    if (!(error instanceof FormatError)) throw error
    return { error: error.message, code: error.code, line: error.line, column: error.column }
  }
}

function expectSameReading(format: Format, xml: string, limits: Partial<XmlLimits> = {}): void {
  for (const lenient of [false, true]) expect(outcome(format, xml, lenient, limits)).toEqual(outcome(format, treeOnly(xml), lenient, limits))
}

describe('fast path of the readers', () => {
  it('reads the units writers produce for aligned pairs (the common shape)', () => {
    const units = plainUnits()
    const ids = { taken: (): boolean => false, id: '' }
    for (const format of formats) {
      const xml = write(format, units)
      const name = format === 'tmx' ? 'tu' : format === '1.2' ? 'trans-unit' : 'unit'
      const start = xml.indexOf(`<${name} `)
      const end = xml.indexOf(`</${name}>`) + name.length + 3
      const document = { format: `xliff-${format}`, sourceLang: 'ar', targetLang: 'en' }
      const unit =
        format === 'tmx'
          ? readTmxUnitFast(xml, start, end, { sourceLang: 'ar' })
          : format === '1.2'
            ? readXliff12UnitFast(xml, start, end, ids)
            : readXliff2UnitFast(xml, start, end, document, true, ids)
      expect(unit, format).toEqual(units[0])
      // A unit with notes (the first fixture pair): read whole too.
      const noted = xml.lastIndexOf(`<${name} `, xml.indexOf('"pair-1"'))
      const notedEnd = xml.indexOf(`</${name}>`, noted) + name.length + 3
      const withNotes =
        format === 'tmx'
          ? readTmxUnitFast(xml, noted, notedEnd, { sourceLang: 'ar' })
          : format === '1.2'
            ? readXliff12UnitFast(xml, noted, notedEnd, ids)
            : readXliff2UnitFast(xml, noted, notedEnd, document, true, ids)
      expect(withNotes, `${format} with notes`).toEqual(units[6])
    }
  })

  it('leaves other shapes to the tree reader', () => {
    const ids = { taken: (): boolean => false, id: '' }
    const document = { format: 'xliff-2.1', sourceLang: 'ar', targetLang: 'en' }
    const cases = [
      '<unit id="u1"><!-- note --><segment><source>a</source></segment></unit>',
      '<unit id="u1"><segment><source>a<ph id="1"/></source></segment></unit>',
      '<unit id="u1" translate="no"><segment><source>a</source></segment></unit>',
      '<unit id="u1"><segment><source>a\r</source></segment></unit>',
      '<unit id="u1"><segment><source>a &nbsp;</source></segment></unit>',
      '<unit id="u1"><segment><source><![CDATA[a]]></source></segment></unit>',
      '<unit id="u1"><segment state="done"><source>a</source></segment></unit>',
      '<unit id="u1"><ignorable><source>a</source></ignorable></unit>',
      '<unit id="u1">text<segment><source>a</source></segment></unit>',
      '<unit id="u 1"><segment><source>a</source></segment></unit>',
    ]
    for (const text of cases) expect(readXliff2UnitFast(text, 0, text.length, document, true, ids), text).toBeUndefined()
    const plain = '<unit id="u1"><segment><source>a &amp; &#x645;</source></segment></unit>'
    expect(readXliff2UnitFast(plain, 0, plain.length, document, true, ids)).toEqual({ id: 'u1', source: 'a & م', target: '' })
    expect(readXliff2UnitFast(plain, 0, plain.length, document, true, { taken: () => true, id: '' })).toBeUndefined()
  })

  for (const format of formats) {
    it(`agrees with the tree reader on random units (${format === 'tmx' ? 'TMX' : `XLIFF ${format}`})`, () => {
      fc.assert(
        fc.property(unitsArbitrary, (units) => expectSameReading(format, write(format, units))),
        { numRuns: 60 },
      )
    })
  }

  /** Edits of a valid document, each making it invalid or unusual in a way one path might miss. */
  const edits: Record<'xliff2' | 'xliff12' | 'tmx', Array<[string, (xml: string) => string]>> = {
    xliff2: [
      ['bad state', (xml) => xml.replace('state="translated"', 'state="done"')],
      ['subState without prefix', (xml) => xml.replace('state="translated"', 'state="translated" subState="plain"')],
      ['subState with prefix', (xml) => xml.replace('state="translated"', 'state="translated" subState="x:y"')],
      ['duplicate unit id', (xml) => xml.replace('id="pair-2"', 'id="pair-1"')],
      ['bad alignment score', (xml) => xml.replace(/(type="alignment-score">)[^<]*/, '$1abc')],
      ['file xml:lang differs', (xml) => xml.replace('<file id="f1"', '<file id="f1" xml:lang="fr"')],
      ['file xml:lang agrees', (xml) => xml.replace('<file id="f1"', '<file id="f1" xml:lang="AR"')],
      ['no trgLang', (xml) => xml.replace(' trgLang="en"', '')],
      ['text in unit', (xml) => xml.replace('</mda:metadata>', '</mda:metadata>x')],
      ['bare ampersand', (xml) => xml.replace('</source>', ' & </source>')],
      ['undefined entity', (xml) => xml.replace('</source>', '&nbsp;</source>')],
      ['forbidden reference', (xml) => xml.replace('</source>', '&#x1;</source>')],
      ['mismatched end tag', (xml) => xml.replace('</target>', '</targt>')],
      ['unclosed unit', (xml) => xml.replace(/<\/unit>\n<\/file>/, '</file>')],
      ['empty metaGroup', (xml) => xml.replace(/<mda:metaGroup category="mizan">.*?<\/mda:metaGroup>/, '<mda:metaGroup category="mizan"></mda:metaGroup>')],
      ['meta without type', (xml) => xml.replace('<mda:meta type="origin-document">', '<mda:meta>')],
      ['duplicate attribute', (xml) => xml.replace('<segment state="translated"', '<segment state="translated" state="final"')],
      ['unbound prefix', (xml) => xml.replace('<segment state="translated"', '<segment foo:bar="1" state="translated"')],
      ['segment ids', (xml) => xml.replace('<segment state="translated"', '<segment id="s1" state="translated"')],
      ['unit id not an NMTOKEN', (xml) => xml.replace('id="pair-1"', 'id="pair 1"')],
      ['mda unbound', (xml) => xml.replace(' xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0"', '')],
      ['unit under xliff', (xml) => xml.replace('<file id="f1">\n', '').replace('</file>\n', '')],
      ['two targets', (xml) => xml.replace('</target>', '</target><target>b</target>')],
      ['CR in text', (xml) => xml.replace('</source>', '\r</source>')],
      ['note priority out of range', (xml) => xml.replace('priority="2"', 'priority="11"')],
      ['note appliesTo', (xml) => xml.replace('appliesTo="target"', 'appliesTo="both"')],
      ['note id', (xml) => xml.replace('<note category="review"', '<note id="n1" category="review"')],
      ['empty notes', (xml) => xml.replace(/<notes>.*?<\/notes>/, '<notes></notes>')],
      ['notes before metadata', (xml) => xml.replace(/(<mda:metadata>.*?<\/mda:metadata>\n)(<notes>.*?<\/notes>\n)(?=<segment)/, '$2$1')],
    ],
    xliff12: [
      ['bad state', (xml) => xml.replace('state="translated"', 'state="done"')],
      ['x- state', (xml) => xml.replace('state="translated"', 'state="x-mine"')],
      ['approved', (xml) => xml.replace('<trans-unit id="xi-1"', '<trans-unit id="xi-1" approved="yes"')],
      ['bad approved', (xml) => xml.replace('<trans-unit id="xi-1"', '<trans-unit id="xi-1" approved="maybe"')],
      ['no id', (xml) => xml.replace('<trans-unit id="xi-1"', '<trans-unit')],
      ['duplicate unit id', (xml) => xml.replace('id="xi-2"', 'id="xi-1"')],
      ['bad alignment score', (xml) => xml.replace(/(context-type="x-alignment-score">)[^<]*/, '$1abc')],
      ['untranslated copy', (xml) => xml.replace(/<target state="translated">[^<]*<\/target>/, (target) => target.replace('translated', 'new'))],
      ['two sources', (xml) => xml.replace('</source>', '</source><source>b</source>')],
      ['trans-unit in file', (xml) => xml.replace('<body>\n', '').replace('</body>\n', '')],
      ['source xml:lang', (xml) => xml.replace('<source>', '<source xml:lang="ar">')],
      ['undefined entity', (xml) => xml.replace('</source>', '&nbsp;</source>')],
      ['note priority not a number', (xml) => xml.replace('priority="2"', 'priority="high"')],
      ['note annotates', (xml) => xml.replace('annotates="target"', 'annotates="general"')],
      ['note with an element', (xml) => xml.replace('</note>', '<sub/></note>')],
    ],
    tmx: [
      ['duplicate tuid', (xml) => xml.replace('tuid="xi-2"', 'tuid="xi-1"')],
      ['bad date', (xml) => xml.replace('creationdate="20261129T000000Z"', 'creationdate="2026-11-29"')],
      ['no source tuv', (xml) => xml.replaceAll('xml:lang="ar"', 'xml:lang="fr"')],
      ['upper-case language', (xml) => xml.replaceAll('xml:lang="en"', 'xml:lang="EN"')],
      ['three languages', (xml) => xml.replace('</tuv>\n</tu>', '</tuv>\n<tuv xml:lang="fr"><seg>f</seg></tuv>\n</tu>')],
      ['srclang *all*', (xml) => xml.replace('srclang="ar"', 'srclang="*all*"')],
      ['prop without type', (xml) => xml.replace('<prop type="x-mizan-state">', '<prop>')],
      ['bad segments JSON', (xml) => xml.replace('<prop type="x-mizan-state">', '<prop type="x-mizan-segments">{</prop>\n<prop type="x-mizan-state">')],
      ['note', (xml) => xml.replace(/(<tu [^>]*>\n)/, '$1<note>n</note>\n')],
      ['lang attribute', (xml) => xml.replace('<tuv xml:lang="ar">', '<tuv lang="ar">')],
      ['two segs', (xml) => xml.replace('</seg></tuv>', '</seg><seg>b</seg></tuv>')],
      ['no tuid', (xml) => xml.replace('tuid="xi-1" ', '')],
      ['bad note JSON', (xml) => xml.replace(/(<prop type="x-mizan-note\.0">)[^<]*/, '$1{')],
    ],
  }

  it.skipIf(!haveData('xliffSuite'))('agrees with the tree reader on every file of the OASIS XLIFF 2.1 test suite, strict and lenient', () => {
    // Other writers' files: some units take the fast path, most do not; errors must be the same either way.
    let files = 0
    for (const folder of ['core/valid', 'core/invalid', 'modules/valid', 'modules/invalid']) {
      for (const name of suiteFiles(folder)) {
        const xml = readSuiteFile(folder, name)
        for (const lenient of [false, true]) expect(outcome('2.1', xml, lenient), `${folder}/${name}`).toEqual(outcome('2.1', treeOnly(xml), lenient))
        files++
      }
    }
    expect(files).toBe(25 + 119 + 34 + 43)
  })

  it('agrees with the tree reader on our own XLIFF 2.1 files, strict and lenient', () => {
    // The same check on files written by hand for the tests (tests/fixtures/xliff2), which a fresh clone has.
    const ours = path.join(repoRoot, 'tests/fixtures/xliff2')
    let files = 0
    for (const folder of ['valid', 'invalid']) {
      for (const name of readdirSync(path.join(ours, folder)).filter((file) => file.endsWith('.xlf'))) {
        const xml = readFileSync(path.join(ours, folder, name), 'utf8')
        for (const lenient of [false, true]) expect(outcome('2.1', xml, lenient), `${folder}/${name}`).toEqual(outcome('2.1', treeOnly(xml), lenient))
        files++
      }
    }
    expect(files).toBe(6)
  })

  it('agrees with the tree reader under tight size limits', () => {
    const units = plainUnits()
    const longest = Math.max(...units.map((unit) => unit.source.length))
    const settings: Array<Partial<XmlLimits>> = [
      { maxDepth: 3 },
      { maxDepth: 4 },
      { maxDepth: 5 },
      { maxDepth: 6 },
      { maxDepth: 7 },
      { maxAttributes: 1 },
      { maxAttributes: 2 },
      { maxElementChars: longest },
      { maxElementChars: longest + 600 },
      { maxTokenChars: longest - 1 },
      { maxTokenChars: longest + 1 },
    ]
    for (const format of formats) {
      const xml = write(format, units)
      for (const limits of settings) expectSameReading(format, xml, limits)
    }
    // A tu with eight attributes (the header has seven), which the fast path takes (TMX 1.4b tu attributes) when
    // the limit allows them.
    const tmx = write('tmx', units).replace('<tu tuid="xi-1"', '<tu usagecount="3" lastusagedate="20261129T000000Z" creationid="a" changeid="b" datatype="plaintext" segtype="sentence" o-encoding="UTF-8" tuid="xi-1"')
    expect(outcome('tmx', tmx, false, { maxAttributes: 7 })).toMatchObject({ code: 'FORMAT_TOO_LARGE', line: 5 })
    for (const maxAttributes of [7, 8, 13, 14]) expectSameReading('tmx', tmx, { maxAttributes })
  })

  for (const format of formats) {
    const family = format === 'tmx' ? 'tmx' : format === '1.2' ? 'xliff12' : 'xliff2'
    it(`agrees with the tree reader on edited documents, strict and lenient (${format === 'tmx' ? 'TMX' : `XLIFF ${format}`})`, () => {
      const units = plainUnits()
      const xml = write(format, format === 'tmx' ? units.map((unit) => ({ ...unit, createdAt: '2026-11-29T00:00:00Z' })) : units)
      for (const [name, edit] of edits[family]) {
        const edited = edit(xml)
        expect(edited, name).not.toBe(xml)
        expectSameReading(format, edited)
      }
    })
  }
})

describe('written-layout pattern of the fast path', () => {
  // The fast path first tries one regex for the writer's own layout of a plain unit, then the cursor. Whatever the
  // regex reads must be exactly what the cursor reads from the same text (and the tree reader, checked above).
  // Mostly texts the pattern takes (Arabic with diacritics, tatweel, Arabic punctuation and digits, bidi marks),
  // sometimes the random pieces above, with markup characters, CR and emoji, which it leaves to the cursor.
  const plainText = fc.oneof(
    { arbitrary: fc.constantFrom('', 'الدورة التاسعة والستون', 'ولا يمكن لأي إصلاح', 'No reform of the United Nations.', 'قال: «نعم»؛ ثم ذهب؟', '١٢٣ — ٤٥', 'مُحَمَّد كتـــاب', '\u200fنص\u200f (text)', 'a\tb\nc'), weight: 4 },
    { arbitrary: textArbitrary, weight: 1 },
  )
  const writtenUnit = fc.record(
    {
      id: fc.oneof(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}$/), fc.constantFrom('وحدة-١', 'u 1', 'a/b#c', 'x&y')),
      source: plainText,
      target: plainText,
      state: fc.constantFrom('initial', 'translated', 'reviewed', 'final') as fc.Arbitrary<'initial' | 'translated' | 'reviewed' | 'final'>,
      subState: fc.constantFrom('x:y', 'needs-review-translation', 'plain'),
      context: fc.record({ previous: plainText, next: plainText }, { requiredKeys: [] }),
      origin: fc.record({ document: fc.constantFrom('un/0', 'وثيقة.txt', 'a & b'), sourceSentences: fc.array(fc.nat(500), { maxLength: 3 }), targetSentences: fc.array(fc.nat(500), { maxLength: 3 }) }, { requiredKeys: [] }),
      alignment: fc.record({ score: fc.integer({ min: 0, max: 1000 }).map((value) => value / 1000), shape: fc.constantFrom('1-1', '2-1', '0-1') }),
      createdAt: fc.constantFrom('2026-11-29T00:00:00Z', '2026-11-29T00:00:00.123Z', '2026-11-29T03:00:00+03:00'),
      changedAt: fc.constantFrom('2026-11-30T10:20:30Z', '2026-11-29T00:00:00.5Z'),
    },
    { requiredKeys: ['id', 'source', 'target'] },
  ).map((unit) => {
    // A subState (kept in an attribute or metadata the pattern does not take) in one unit of four.
    if (unit.subState !== undefined && unit.id.length % 4 !== 0) delete unit.subState
    return unit
  })
  const writtenUnits = fc.uniqueArray(writtenUnit, { selector: (unit) => unit.id, minLength: 1, maxLength: 5 })
  const names: Record<Format, string> = { '1.2': 'trans-unit', '2.0': 'unit', '2.1': 'unit', '2.2': 'unit', tmx: 'tu' }

  /** Both readings of every unit element of a document: [regex, cursor], each undefined when that try declines. */
  function readings(format: Format, xml: string): Array<[TranslationUnit | undefined, TranslationUnit | undefined]> {
    const name = names[format]
    const result: Array<[TranslationUnit | undefined, TranslationUnit | undefined]> = []
    for (let start = xml.indexOf(`<${name} `); start !== -1; start = xml.indexOf(`<${name} `, start + 1)) {
      const end = xml.indexOf(`</${name}>`, start) + name.length + 3
      const ids = (): { taken: () => boolean; id: string } => ({ taken: () => false, id: '' })
      const document = { format: `xliff-${format}`, sourceLang: 'ar', targetLang: 'en' }
      if (format === 'tmx') result.push([readTmxWrittenUnit(xml, start, end, { sourceLang: 'ar' }), readTmxUnitCursor(xml, start, end, { sourceLang: 'ar' })])
      else if (format === '1.2') result.push([readXliff12WrittenUnit(xml, start, end, ids()), readXliff12UnitCursor(xml, start, end, ids())])
      else result.push([readXliff2WrittenUnit(xml, start, end, document, true, ids()), readXliff2UnitCursor(xml, start, end, document, true, ids())])
    }
    return result
  }

  for (const format of formats) {
    it(`reads what the cursor reads, and reads plain units (${format === 'tmx' ? 'TMX' : `XLIFF ${format}`})`, () => {
      let read = 0
      let units = 0
      fc.assert(
        fc.property(writtenUnits, (list) => {
          for (const [written, cursor] of readings(format, write(format, list))) {
            units++
            if (written === undefined) continue
            read++
            expect(written).toEqual(cursor)
          }
        }),
        { numRuns: 120 },
      )
      // Texts with markup characters, ids XLIFF 2 cannot hold, subStates kept in metadata... are left to the cursor;
      // the rest (about a third of these units) must take the regex, or the pattern has drifted from the writer.
      expect(read / units).toBeGreaterThan(0.1)
    })
  }

  it('reads aligned sentence pairs, and declines changed layouts the cursor still reads', () => {
    const units = pairUnits(20).map(({ notes: _notes, ...unit }, index) => ({ ...unit, state: 'translated' as const, alignment: { score: 0.9, shape: '1-1' }, origin: { document: 'un/0', sourceSentences: [index], targetSentences: [index] }, createdAt: '2026-11-29T00:00:00Z' }))
    for (const format of formats) {
      const xml = write(format, units)
      expect(readings(format, xml).map(([written]) => written), format).toEqual(units)
      // A space before the start tag's ">" is well-formed XML the writer never writes: the cursor reads it.
      const spaced = xml.replace(new RegExp(`(<${names[format]} [^>]*)>`, 'g'), '$1 >')
      expect(readings(format, spaced).map(([written, cursor]) => [written, cursor]), format).toEqual(units.map((unit) => [undefined, unit]))
    }
  })
})

describe('plain-text path of the writers', () => {
  // A unit with explicit one-string content arrays goes through the general writer; without them, through the
  // plain-text path. Both must write the very same document.
  const plainUnit = fc.record(
    {
      id: fc.constantFrom('u1', 'un-7', 'x y', 'a&b'),
      source: textArbitrary,
      target: textArbitrary,
      state: fc.constantFrom('initial', 'translated', 'reviewed', 'final') as fc.Arbitrary<'initial' | 'translated' | 'reviewed' | 'final'>,
      subState: fc.constantFrom('x:y', 'needs-review-translation', 'plain'),
      createdAt: fc.constantFrom('2026-11-29T00:00:00Z', '2026-11-29T00:00:00.123Z', '2026-11-29T03:00:00+03:00'),
      changedAt: fc.constantFrom('2026-11-30T10:20:30Z', '2026-11-29T00:00:00.5Z'),
    },
    { requiredKeys: ['id', 'source', 'target'] },
  )
  const general = (unit: TranslationUnit): TranslationUnit => ({ ...unit, sourceContent: unit.source === '' ? [] : [unit.source], targetContent: unit.target === '' ? [] : [unit.target] })
  for (const format of formats) {
    it(`writes plain units as the general path does (${format === 'tmx' ? 'TMX' : `XLIFF ${format}`})`, () => {
      fc.assert(
        fc.property(fc.array(plainUnit, { minLength: 1, maxLength: 4 }), (units) => {
          expect(write(format, units)).toBe(write(format, units.map(general)))
        }),
        { numRuns: 150 },
      )
    })
  }
})
