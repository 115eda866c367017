/**
 * parseXliff (1.2): the text always wins over mizan's extras and over a segmentation that no longer describes it
 * (issue #17, item 1), and what it accepts writes and reads back the same (item 4). Both reads keep such a unit
 * with its text and leave the extra out: a lenient read reports it in `skipped`, a strict one to the logger.
 */
import { describe, expect, it } from 'vitest'
import { parseXliff, toXliff } from '../../src/formats/xliff.js'
import type { TranslationUnit } from '../../src/types.js'
import { haveData } from '../helpers/data.js'
import { hasXmllint, xmllint } from './helpers.js'
import { expectRefused, readBothWays, twoSegments } from './text-wins.js'

const options = { sourceLang: 'ar', targetLang: 'en', version: '1.2' } as const
const xliff = (units: string): string =>
  `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="t" source-language="ar" target-language="en" datatype="plaintext"><body>${units}</body></file></xliff>`
const roundTrip = (units: TranslationUnit[]): TranslationUnit[] => parseXliff(toXliff(units, options)).units

/** Reads strict and lenient, expecting the same units and one report of `message` from each; returns the units. */
function readBoth(xml: string, message: RegExp): TranslationUnit[] {
  return readBothWays(xml, message, 'xliff-1.2', parseXliff, roundTrip)
}


describe('parseXliff (1.2): the text wins over the segmentation', () => {
  it('keeps a target sentence a CAT tool added outside the segments', () => {
    const edited = toXliff([twoSegments], options).replace('Second.</mrk></target>', 'Second.</mrk> Third.</target>')
    const [unit] = readBoth(edited, /unit "u1": the <target> segments do not match the <seg-source> segments one to one/)
    expect(unit).toEqual({ id: 'u1', source: 'أولا. ثانيا.', target: 'First. Second. Third.' })
  })

  it('keeps a source a CAT tool edited without its seg-source', () => {
    const edited = toXliff([twoSegments], options).replace('<source>أولا. ثانيا.</source>', '<source>أولا. ثانيا. ثالثا.</source>')
    const [unit] = readBoth(edited, /the <seg-source> segments do not give back the <source> text/)
    expect(unit!.source).toBe('أولا. ثانيا. ثالثا.')
    expect(unit!.segments).toBeUndefined()
  })

  it('keeps the segments when the text is as written', () => {
    expect(parseXliff(toXliff([twoSegments], options))).toMatchObject({ units: [twoSegments], skipped: [] })
  })

  it('reports a segment state for a segment the unit does not have', () => {
    const edited = toXliff([{ ...twoSegments, segments: [twoSegments.segments![0]!, twoSegments.segments![1]!, { ...twoSegments.segments![2]!, state: 'final' }] }], options).replace('x-segment-state.2', 'x-segment-state.7')
    const [unit] = readBoth(edited, /x-segment-state.7 names segment 7, but the unit has 3 segments/)
    expect(unit!.segments!.every((segment) => segment.state === undefined)).toBe(true)
  })

  it('reports a state no unit has', () => {
    const xml = xliff('<trans-unit id="s"><source>أ</source><target state="translated">a</target><context-group name="x-mizan:s" purpose="information"><context context-type="x-state">done</context></context-group></trans-unit>')
    expect(readBoth(xml, /x-state must be initial, translated, reviewed, final or empty, got "done"/)[0]!.state).toBe('translated')
  })
})

describe('parseXliff (1.2): the target annotations', () => {
  const marked: TranslationUnit = { id: 'm', source: 'أ', target: 'a b', targetContent: ['a ', { kind: 'markStart', id: 'n1' }, 'b', { kind: 'markEnd', id: 'n1' }] }

  it('gives new ids to the target marks when a tool added one (the kept ids no longer name them one to one)', () => {
    const written = toXliff([marked], options)
    expect(written).toContain('<context context-type="x-target-marks">n1</context>')
    const edited = written.replace('a <mrk', '<mrk mtype="term">a</mrk> <mrk')
    const [unit] = readBoth(edited, /x-target-marks names 1 annotations, but the <target> has 2 <mrk> without mid/)
    expect(unit!.target).toBe('a b')
    expect(unit!.targetContent!.filter((item) => typeof item !== 'string' && item.kind === 'markStart').map((item) => typeof item !== 'string' && item.id)).toEqual(['m1', 'm2'])
  })

  it('reports target mark ids that are not NMTOKENs', () => {
    const edited = toXliff([marked], options).replace('x-target-marks">n1<', 'x-target-marks">n 1 x<')
    readBoth(edited, /x-target-marks names 3 annotations, but the <target> has 1 <mrk> without mid/)
    const bad = toXliff([marked], options).replace('x-target-marks">n1<', 'x-target-marks">a&amp;b<')
    readBoth(bad, /x-target-marks must be space-separated NMTOKENs, got "a&b"/)
  })
})

describe('parseXliff (1.2): what it accepts, toXliff writes', () => {
  it('refuses a note priority that is not 1 to 10, on the fast path too', () => {
    for (const priority of ['high', '11', '0', '', '2.5']) {
      const xml = xliff(`<trans-unit id="n"><source>أ</source><note priority="${priority}">n</note></trans-unit>`)
      expectRefused(() => parseXliff(xml), /<note> priority must be a whole number from 1 to 10/)
    }
    expect(parseXliff(xliff('<trans-unit id="n"><source>أ</source><note priority="3">n</note></trans-unit>')).units[0]!.notes).toEqual([{ text: 'n', priority: 3 }])
  })

  it('refuses an empty id, on the fast path too', () => {
    for (const xml of [xliff('<trans-unit id=""><source>أ</source></trans-unit>'), xliff('<trans-unit id=""><source>أ<x id="1"/></source></trans-unit>')]) {
      expectRefused(() => parseXliff(xml), /<trans-unit> has an empty id/)
    }
  })

  it('refuses a mark id or mark type the writer cannot write', () => {
    expectRefused(() => parseXliff(xliff('<trans-unit id="m"><source><mrk mtype="term" mid="a b">أ</mrk></source></trans-unit>')), /<mrk> mid "a b" is not an XML NMTOKEN/)
    expectRefused(() => parseXliff(xliff('<trans-unit id="m"><source><mrk mtype="Term Two">أ</mrk></source></trans-unit>')), /<mrk> mtype "Term Two" is not an XLIFF 1.2 mark type/)
    expectRefused(() => parseXliff(xliff('<trans-unit id="m"><source>أ</source><seg-source><mrk mtype="seg" mid="s 1">أ</mrk></seg-source></trans-unit>')), /mid "s 1" is not an XML NMTOKEN/)
  })

  it('keeps element hints on a round trip: bx and bpt without partners, it beside its partner, lone annotation ends', () => {
    const xml = xliff(
      '<trans-unit id="h"><source><bx id="1"/>أ<bpt id="2">&lt;b&gt;</bpt>ب<it id="3" pos="open">&lt;i&gt;</it>ج<it id="3" pos="close">&lt;/i&gt;</it><x id="m" ctype="x-mizan-mark-start"/>د<x id="m" ctype="x-mizan-mark-end"/><ex id="4"/></source></trans-unit>',
    )
    const [unit] = parseXliff(xml).units
    expect(unit!.sourceContent!.filter((item) => typeof item !== 'string').map((item) => typeof item !== 'string' && `${item.kind}:${item.element}`)).toEqual(['open:bx', 'open:bpt', 'open:it', 'close:it', 'markStart:x', 'markEnd:x', 'close:ex'])
    expect(roundTrip([unit!])).toEqual([unit])
  })

  it.runIf(hasXmllint && haveData('schemas'))('writes the kept hints as XLIFF 1.2 the strict schema validates', () => {
    const [unit] = parseXliff(xliff('<trans-unit id="h"><source><bx id="1"/>أ<bpt id="2">&lt;b&gt;</bpt>ب<it id="3" pos="open">i</it>ج<it id="3" pos="close">i</it><x id="m" ctype="x-mizan-mark-start"/><mrk mtype="term">د<it id="4" pos="open">i</it></mrk><ex id="5"/></source></trans-unit>')).units
    const result = xmllint('xliff-1.2', toXliff([unit!], options))
    expect(result.output).toMatch(/validates/)
    expect(result.status).toBe(0)
  })

  it('writes an annotation around an isolated code as mrk, and a g around one as g', () => {
    const [unit] = parseXliff(xliff('<trans-unit id="h"><source><mrk mtype="term" mid="t">أ<it id="1" pos="open">&lt;b&gt;</it></mrk><g id="2">ب<it id="3" pos="close">&lt;/i&gt;</it></g></source></trans-unit>')).units
    const written = toXliff([unit!], options)
    expect(written).toContain('<mrk mtype="term" mid="t">أ<it id="1" pos="open">&lt;b&gt;</it></mrk><g id="2">ب<it id="3" pos="close">&lt;/i&gt;</it></g>')
    expect(roundTrip([unit!])).toEqual([unit])
  })

  it('keeps only the inline attributes the strict schema allows on the element', () => {
    const [unit] = parseXliff(xliff('<trans-unit id="a"><source><x id="1" ctype="image" foo="bar" pos="open"/><bx id="2" crc="9"/></source></trans-unit>')).units
    expect(unit!.sourceContent).toEqual([
      { kind: 'standalone', id: '1', element: 'x', attributes: { ctype: 'image' } },
      { kind: 'open', id: '2', element: 'bx', isolated: true },
    ])
    expect(roundTrip([unit!])).toEqual([unit])
  })
})
