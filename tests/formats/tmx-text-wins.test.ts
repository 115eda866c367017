/**
 * parseTmx: the text always wins over mizan's extras (issue #17, item 1), and what it accepts writes and reads
 * back the same (item 4). Each case is a document as a CAT tool leaves it (a `<seg>` edited, mizan's props kept)
 * or as generated inputs found it. Both reads keep the unit with its text and leave the extra out: a lenient read
 * reports it in `skipped` (and to the logger), a strict one to the logger (the document itself is valid TMX).
 */
import { describe, expect, it } from 'vitest'
import { parseTmx, readTmx, toTmx } from '../../src/formats/tmx.js'
import type { SkippedItem } from '../../src/formats/common.js'
import { toXliff } from '../../src/formats/xliff.js'
import type { TranslationUnit } from '../../src/types.js'
import { haveData } from '../helpers/data.js'
import { hasXmllint, tmx, xmllint } from './helpers.js'
import { expectRefused, readBothWays, twoSegments } from './text-wins.js'

const languages = { sourceLang: 'ar', targetLang: 'en' }

/** Reads strict and lenient, expecting the same units and one report of `message` from each; returns the units. */
function readBoth(xml: string, message: RegExp): TranslationUnit[] {
  // What is accepted writes and reads back the same, with nothing to report.
  return readBothWays(xml, message, 'tmx-1.4', parseTmx, (units) => {
    const back = parseTmx(toTmx(units, languages))
    expect(back.skipped).toEqual([])
    return back.units
  })
}

describe('parseTmx: the text wins over the segment map', () => {
  it('keeps a sentence a CAT tool appended to the target, and writes it (TMX and XLIFF)', () => {
    const written = toTmx([twoSegments], languages)
    const edited = written.replace('<seg>First. Second.</seg>', '<seg>First. Second. Third.</seg>')
    expect(edited).toContain('<prop type="x-mizan-segments">')
    const [unit] = readBoth(edited, /unit "u1": the <prop type="x-mizan-segments"> map gives the target 14 characters and 0 inline codes, but its <seg> holds 21 and 0/)
    expect(unit).toEqual({ id: 'u1', source: 'أولا. ثانيا.', target: 'First. Second. Third.' })
    expect(toTmx([unit!], languages)).toContain('<seg>First. Second. Third.</seg>')
    expect(toXliff([unit!], { ...languages, version: '1.2' })).toContain('First. Second. Third.</target>')
    expect(toXliff([unit!], { ...languages, version: '2.1' })).toContain('First. Second. Third.</target>')
  })

  it('does the same when streaming: the report comes before the unit', async () => {
    const edited = toTmx([twoSegments], languages).replace('<seg>First. Second.</seg>', '<seg>First. Second. Third.</seg>')
    const events: string[] = []
    for await (const unit of readTmx([edited.slice(0, 200), edited.slice(200)], { lenient: true, onSkipped: (item: SkippedItem) => events.push(item.message) })) events.push(unit.target)
    expect(events).toEqual([expect.stringMatching(/^mizan: tmx-1.4 \(line 5, column 1\): unit "u1": the <prop type="x-mizan-segments"> map gives the target 14 characters/), 'First. Second. Third.'])
    const strict: string[] = []
    for await (const unit of readTmx([edited], { logger: (_level, text) => strict.push(text) })) strict.push(unit.target)
    expect(strict).toEqual([expect.stringMatching(/map gives the target 14 characters/), 'First. Second. Third.'])
  })

  it('keeps the map when the text is as written', () => {
    expect(parseTmx(toTmx([twoSegments], languages))).toMatchObject({ units: [twoSegments], skipped: [] })
  })

  it('refuses a map that cuts an emoji in half', () => {
    const unit: TranslationUnit = { id: 'e', source: 'أ😀ب', target: 'a😀b', segments: [{ source: 'أ😀', target: 'a😀' }, { source: 'ب', target: 'b' }] }
    const written = toTmx([unit], languages)
    expect(written).toContain('[[null,3,0,3,0,null,null,0],[null,1,0,1,0,null,null,0]]')
    const edited = written.replace('[[null,3,0,3,0,null,null,0],[null,1,0,1,0,null,null,0]]', '[[null,2,0,2,0,null,null,0],[null,2,0,2,0,null,null,0]]')
    const [read] = readBoth(edited, /cuts a surrogate pair \(a character such as an emoji\) in two at source segment 1/)
    expect(read).toEqual({ id: 'e', source: 'أ😀ب', target: 'a😀b' })
  })

  it('refuses a map whose rows ask for codes the text does not give in order', () => {
    const unit: TranslationUnit = { id: 'c', source: 'ab', target: 'ab', segments: [{ source: 'a', target: 'a' }, { source: 'b', target: 'b' }] }
    const edited = toTmx([unit], languages).replace('[[null,1,0,1,0,null,null,0],[null,1,0,1,0,null,null,0]]', '[[null,0,1,1,0,null,null,0],[null,2,0,1,0,null,null,0]]').replace('<seg>ab</seg></tuv>\n<tuv', '<seg>a<ph x="1"/>b</seg></tuv>\n<tuv')
    readBoth(edited, /cannot give source segment 1 its 0 characters and 1 codes in document order/)
  })

  for (const [title, map, message] of [
    ['not JSON', '[[', /is not valid JSON/],
    ['no rows', '[]', /is not a non-empty list of segment rows/],
    ['a row of the wrong shape', '[[null,1,0,1,0,null,null]]', /has row 1 \[null,1,0,1,0,null,null\], expected/],
    ['a state no unit has', '[[null,1,0,1,0,"done",null,0]]', /has row 1/],
    ['a negative count', '[[null,-1,0,1,0,null,null,0]]', /has row 1/],
    ['an id no XML can carry (a JSON escape)', '[["s\\u0001",1,0,1,0,null,null,0]]', /has row 1/],
    ['a subState with a lone surrogate (a JSON escape)', '[[null,1,0,1,0,null,"\\ud800",0]]', /has row 1/],
  ] as const) {
    it(`refuses a map with ${title}`, () => {
      readBoth(tmx(`<tu tuid="m"><prop type="x-mizan-segments">${map}</prop><tuv xml:lang="ar"><seg>أ</seg></tuv><tuv xml:lang="en"><seg>a</seg></tuv></tu>`), message)
    })
  }
})

describe('parseTmx: the text and native attributes win over the other props', () => {
  it('takes the changedate a tool updated over the exact date mizan kept beside the old one', () => {
    const written = toTmx([{ id: 'd', source: 'أ', target: 'a', changedAt: '2024-01-02T03:04:05.678Z' }], languages)
    expect(written).toContain('<prop type="x-mizan-changed">2024-01-02T03:04:05.678Z</prop>')
    const edited = written.replace('changedate="20240102T030405Z"', 'changedate="20261207T101010Z"')
    const [unit] = readBoth(edited, /<prop type="x-mizan-changed"> holds "2024-01-02T03:04:05.678Z", which disagrees with the changedate attribute \("2026-12-07T10:10:10Z"\)/)
    expect(unit!.changedAt).toBe('2026-12-07T10:10:10Z')
  })

  it('keeps a note text when its prop names a text of its own', () => {
    const [unit] = readBoth(tmx('<tu tuid="n"><note>the note</note><prop type="x-mizan-note.0">{"text":"other","from":"ali"}</prop><tuv xml:lang="ar"><seg>أ</seg></tuv></tu>'), /<prop type="x-mizan-note.0"> must be a JSON object of from, category, priority/)
    expect(unit!.notes).toEqual([{ text: 'the note' }])
  })

  it('reports a note prop whose fields hold a character XML cannot carry', () => {
    const [unit] = readBoth(tmx('<tu tuid="n"><note>the note</note><prop type="x-mizan-note.0">{"from":"a\\u0002"}</prop><tuv xml:lang="ar"><seg>أ</seg></tuv></tu>'), /<prop type="x-mizan-note.0"> must be a JSON object/)
    expect(unit!.notes).toEqual([{ text: 'the note' }])
  })

  it('reports a note prop for a note that is not there', () => {
    const [unit] = readBoth(tmx('<tu tuid="n"><prop type="x-mizan-note.2">{"from":"ali"}</prop><tuv xml:lang="ar"><seg>أ</seg></tuv></tu>'), /<prop type="x-mizan-note.2"> names note 2, but the unit has 0 <note> elements/)
    expect(unit!.notes).toBeUndefined()
  })

  it('reports a state no unit has', () => {
    const [unit] = readBoth(tmx('<tu tuid="s"><prop type="x-mizan-state">done</prop><tuv xml:lang="ar"><seg>أ</seg></tuv></tu>'), /<prop type="x-mizan-state"> must be initial, translated, reviewed or final, got "done"/)
    expect(unit!.state).toBeUndefined()
  })

  it('reports a malformed score and keeps the unit when lenient', () => {
    const [unit] = readBoth(tmx('<tu tuid="a"><prop type="x-mizan-origin-source-sentences">1 x</prop><tuv xml:lang="ar"><seg>أ</seg></tuv></tu>'), /origin-source-sentences must be space-separated sentence indexes, got "1 x"/)
    expect(unit).toEqual({ id: 'a', source: 'أ', target: '' })
  })

  it('reads a score of -0 as 0, which writes back the same', () => {
    const document = parseTmx(tmx('<tu tuid="z"><prop type="x-mizan-alignment-score">-0</prop><prop type="x-mizan-alignment-shape">1-1</prop><tuv xml:lang="ar"><seg>أ</seg></tuv></tu>'))
    expect(Object.is(document.units[0]!.alignment!.score, 0)).toBe(true)
  })
})

describe('parseTmx: what it accepts, toTmx writes', () => {
  it('refuses an empty tuid, which no writer takes', () => {
    for (const xml of [tmx('<tu tuid=""><tuv xml:lang="ar"><seg>أ</seg></tuv></tu>'), toTmx([{ id: 'x', source: 'أ', target: 'a' }], languages).replace('tuid="x"', 'tuid=""')]) {
      expectRefused(() => parseTmx(xml), /<tu> has an empty tuid/)
      expect(parseTmx(xml, { lenient: true })).toMatchObject({ units: [], skipped: [{ message: expect.stringMatching(/empty tuid/) }] })
    }
  })

  it('keeps element hints on a round trip: a lone bpt, an it beside its partner, ut, lone annotation ends', () => {
    const xml = tmx(
      '<tu tuid="h"><tuv xml:lang="ar"><seg>' +
        '<bpt i="1" x="b">&lt;b&gt;</bpt>أ<it pos="begin" x="i"/>ب<it pos="end" x="i"/><ut>u</ut><ph type="x-mizan-mark-start" x="m"/>ج<ph type="x-mizan-mark-end" x="m"/>' +
        '</seg></tuv></tu>',
    )
    const [unit] = parseTmx(xml).units
    expect(unit!.sourceContent!.filter((item) => typeof item !== 'string').map((item) => typeof item !== 'string' && `${item.kind}:${item.element}`)).toEqual(['open:bpt', 'open:it', 'close:it', 'standalone:ut', 'markStart:ph', 'markEnd:ph'])
    expect(parseTmx(toTmx([unit!], languages)).units).toEqual([unit])
  })

  it.runIf(hasXmllint && haveData('schemas'))('writes the kept hints as TMX the 1.4b DTD validates', () => {
    const [unit] = parseTmx(tmx('<tu tuid="h"><tuv xml:lang="ar"><seg><bpt i="1" x="b">&lt;b&gt;</bpt>أ<it pos="begin" x="i"/>ب<it pos="end" x="i"/><ut>u</ut><hi x="m">ج<it pos="begin" x="c"/></hi></seg></tuv></tu>')).units
    const result = xmllint('tmx', toTmx([unit!], languages))
    expect(result.output).toBe('')
    expect(result.status).toBe(0)
  })

  it('writes an annotation around an isolated code as hi', () => {
    const [unit] = parseTmx(tmx('<tu tuid="h"><tuv xml:lang="ar"><seg><hi x="m">أ<it pos="begin" x="c">&lt;b&gt;</it></hi></seg></tuv></tu>')).units
    expect(toTmx([unit!], languages)).toContain('<hi x="m">أ<it pos="begin" x="c">&lt;b&gt;</it></hi>')
    expect(parseTmx(toTmx([unit!], languages)).units).toEqual([unit])
  })

  it('refuses a second ept for one bpt', () => {
    expectRefused(() => parseTmx(tmx('<tu tuid="e"><tuv xml:lang="ar"><seg><bpt i="1">a</bpt>أ<ept i="1">b</ept><ept i="1">b</ept></seg></tuv></tu>')), /<ept i="1"> has no <bpt i="1"> before it/)
  })

  it('keeps only the inline attributes TMX 1.4b allows on the element', () => {
    const [unit] = parseTmx(tmx('<tu tuid="a"><tuv xml:lang="ar"><seg><ph x="1" type="image" ctype="bold" assoc="p">{0}</ph></seg></tuv></tu>')).units
    expect(unit!.sourceContent).toEqual([{ kind: 'standalone', id: '1', element: 'ph', data: '{0}', attributes: { type: 'image', assoc: 'p' } }])
    expect(parseTmx(toTmx([unit!], languages)).units).toEqual([unit])
  })
})
