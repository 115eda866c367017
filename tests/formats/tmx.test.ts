/**
 * toTmx / parseTmx: every field through props and native attributes, dates, TMX as OmegaT writes it (several
 * languages, props, inline tags), and errors.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../src/errors.js'
import { parseTmx, toTmx } from '../../src/formats/tmx.js'
import { richUnits } from './fixtures.js'
import { tmx, withoutElementHints } from './helpers.js'

const languages = { sourceLang: 'ar', targetLang: 'en' }
const fixture = readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/omegat-style.tmx'), 'utf8')

describe('toTmx and parseTmx', () => {
  it('round-trips every field of the rich units', () => {
    const document = parseTmx(toTmx(richUnits, languages))
    expect(document.formatVersion).toBe('1.4')
    expect(document.header).toEqual({ sourceLang: 'ar', targetLang: 'en', creationTool: 'mizan', creationToolVersion: '0.1.0' })
    expect(document.units.map(withoutElementHints)).toEqual(richUnits)
  })

  it('writes dates as TMX dates and keeps the exact ISO text when TMX cannot hold it', () => {
    const xml = toTmx([{ id: 'u', source: 'a', target: 'b', createdAt: '2024-01-02T03:04:05.678Z', changedAt: '2024-01-03T00:00:00Z' }], languages)
    expect(xml).toContain('creationdate="20240102T030405Z" changedate="20240103T000000Z"')
    expect(xml).toContain('<prop type="x-mizan-created">2024-01-02T03:04:05.678Z</prop>')
    expect(parseTmx(xml).units[0]).toMatchObject({ createdAt: '2024-01-02T03:04:05.678Z', changedAt: '2024-01-03T00:00:00Z' })
  })

  it('keeps multi-segment units in one tu and splits them back', () => {
    const unit = richUnits[4]!
    const xml = toTmx([unit], languages)
    expect(xml.match(/<tu /g)).toHaveLength(1)
    expect(xml).toContain('<seg>First sentence. Second one!</seg>')
    expect(parseTmx(xml).units[0]).toEqual(unit)
  })

  it('refuses text XML cannot carry, naming the unit', () => {
    expect(() => toTmx([{ id: 'tm-7', source: 'a\u001bb', target: 'c' }], languages)).toThrow(/unit "tm-7" source holds U\+001B/)
  })
})

describe('parseTmx on TMX as OmegaT writes it', () => {
  const document = parseTmx(fixture)

  it('picks the source and the first other language, and reads props, notes and dates', () => {
    expect(document.header).toMatchObject({ sourceLang: 'ar', targetLang: 'fr', creationTool: 'OmegaT' })
    expect(document.units[0]).toMatchObject({ id: 't1', source: 'اضغط حفظ', target: 'Appuyez sur Enregistrer', metadata: { file: 'guide.html' }, notes: [{ text: 'checked' }], createdAt: '2024-01-02T03:04:05Z', changedAt: '2024-01-03T00:00:00Z' })
  })

  it('takes the target language from the options when a unit has several', () => {
    expect(parseTmx(fixture, { targetLang: 'en' }).units[0]!.target).toBe('Press Save')
  })

  it('reads bpt/ept, ph, hi and it as codes', () => {
    const english = parseTmx(fixture, { targetLang: 'en' }).units[1]!
    expect(english.target).toBe('Newline term italic')
    expect(english.targetContent).toEqual([
      'New',
      { kind: 'standalone', id: '2', element: 'ph', data: '<br/>' },
      'line ',
      { kind: 'markStart', id: 'hi3', element: 'hi', attributes: { type: 'term' } },
      'term',
      { kind: 'markEnd', id: 'hi3', element: 'hi' },
      ' ',
      { kind: 'open', id: '3', element: 'it', data: '<i>', isolated: true },
      'italic',
    ])
  })
})

describe('parseTmx errors', () => {
  it('throws FORMAT_UNSUPPORTED for an unknown version', () => {
    const error = (() => {
      try {
        parseTmx(tmx('').replace('version="1.4"', 'version="2.0"'))
      } catch (caught) {
        return caught as FormatError
      }
    })()
    expect(error?.code).toBe('FORMAT_UNSUPPORTED')
  })

  it('locates a tu without tuid and an ept without its bpt', () => {
    expect(() => parseTmx(tmx('<tu><tuv xml:lang="ar"><seg>x</seg></tuv></tu>'))).toThrow(/line 1, column \d+\): <tu> needs tuid/)
    expect(() => parseTmx(tmx('<tu tuid="1"><tuv xml:lang="ar"><seg>x<ept i="4">&lt;/b&gt;</ept></seg></tuv></tu>'))).toThrow(/<ept i="4"> has no <bpt i="4">/)
  })

  it('throws on a unit without the source language, and on a document without header', () => {
    expect(() => parseTmx(tmx('<tu tuid="1"><tuv xml:lang="fr"><seg>x</seg></tuv></tu>'))).toThrow(/no <tuv> in the source language "ar"/)
    expect(() => parseTmx('<tmx version="1.4"><body/></tmx>')).toThrow(/no <header>/)
  })

  it('reads the first tuv as the source when srclang is *all*', () => {
    const document = parseTmx(tmx('<tu tuid="1"><tuv xml:lang="en"><seg>Hi</seg></tuv><tuv xml:lang="ar"><seg>أهلا</seg></tuv></tu>', 'srclang="*all*"'))
    expect(document.header).toMatchObject({ sourceLang: 'en', targetLang: 'ar' })
    expect(document.units[0]).toMatchObject({ source: 'Hi', target: 'أهلا' })
  })

  it('skips a bad unit in lenient mode and reports it', () => {
    const document = parseTmx(tmx('<tu><tuv xml:lang="ar"><seg>x</seg></tuv></tu><tu tuid="2"><tuv xml:lang="ar"><seg>y</seg></tuv></tu>'), { lenient: true })
    expect(document.units.map((unit) => unit.id)).toEqual(['2'])
    expect(document.skipped[0]!.message).toMatch(/needs tuid/)
  })
})
