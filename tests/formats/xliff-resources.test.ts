/**
 * Interop with the `xliff` npm package: its readers accept our single-segment files with the same texts, and its
 * resource objects convert to and from units.
 */
import xliff12ToJs from 'xliff/xliff12ToJs'
import xliff2js from 'xliff/xliff2js'
import { describe, expect, it } from 'vitest'
import { OptionsError } from '../../src/errors.js'
import { fromXliffResources, toXliffResources, type XliffResources } from '../../src/formats/xliff-resources.js'
import { parseXliff, toXliff } from '../../src/formats/xliff.js'
import type { TranslationUnit } from '../../src/types.js'
import { corpusUnits, pairUnits } from './corpus-units.js'
import { richUnits } from './fixtures.js'

const languages = { sourceLang: 'ar', targetLang: 'en' }
// Single-segment units with plain text and NMTOKEN ids: what the package's plain-string shape can hold
// (XLIFF 2 writes other ids as mizan-N and keeps the real one in mda metadata, which the package does not read).
const plainUnits: TranslationUnit[] = [...corpusUnits(), ...pairUnits(50), richUnits[0]!, { ...richUnits[1]!, id: 'u2', target: 'a translation' }]
const texts = (units: TranslationUnit[]): Array<[string, string, string]> => units.map((unit) => [unit.id, unit.source, unit.target])

describe('the xliff package reading our files', () => {
  it('xliff12ToJs reads our XLIFF 1.2 with the same ids and texts', async () => {
    const js = (await xliff12ToJs(toXliff(plainUnits, { ...languages, version: '1.2' }))) as XliffResources
    expect(js.sourceLanguage).toBe('ar')
    expect(texts(fromXliffResources(js))).toEqual(texts(plainUnits))
  })

  for (const version of ['2.0', '2.1', '2.2'] as const) {
    it(`xliff2js reads our XLIFF ${version} with the same ids and texts`, async () => {
      const js = (await xliff2js(toXliff(plainUnits, { ...languages, version }))) as XliffResources
      expect(js.targetLanguage).toBe('en')
      expect(texts(fromXliffResources(js))).toEqual(texts(plainUnits))
    })
  }
})

describe('fromXliffResources and toXliffResources', () => {
  it('round-trips ids, texts, notes and namespaces', () => {
    const units = [
      { id: 'greeting', source: 'مرحبا', target: 'Hello', notes: [{ text: 'informal' }], origin: { document: 'app' } },
      { id: 'bye', source: 'وداعا', target: 'Goodbye', origin: { document: 'app' } },
    ]
    const js = toXliffResources(units, languages)
    expect(js).toEqual({ sourceLanguage: 'ar', targetLanguage: 'en', resources: { app: { greeting: { source: 'مرحبا', target: 'Hello', note: 'informal' }, bye: { source: 'وداعا', target: 'Goodbye' } } } })
    expect(fromXliffResources(js)).toEqual(units)
  })

  it('flattens groups and reads the package inline elements as codes', async () => {
    const xml = '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en"><file id="f1"><group id="g"><unit id="u"><segment><source>اضغط <ph id="1"/> هنا</source><target>Press <ph id="1"/> here</target></segment></unit></group></file></xliff>'
    const units = fromXliffResources((await xliff2js(xml)) as XliffResources)
    expect(units).toHaveLength(1)
    expect(units[0]!.source).toBe('اضغط  هنا')
    expect(units[0]!.sourceContent).toEqual(['اضغط ', { kind: 'standalone', id: '1', element: 'Standalone' }, ' هنا'])
    expect(parseXliff(xml).units[0]!.source).toBe(units[0]!.source)
  })

  it('rejects an object that is not a resource object', () => {
    expect(() => fromXliffResources({} as XliffResources)).toThrow(OptionsError)
    expect(() => toXliffResources([], { sourceLang: '', targetLang: 'en' })).toThrow(/sourceLang/)
  })
})
