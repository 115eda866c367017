/**
 * The OASIS XLIFF 2.1 test suite (data set `xliffSuite`, formats/xliff-21/test-suite): every valid file parses,
 * and the invalid ones are rejected with a FormatError. XSD alone rejects 30 of the 119 core and 12 of the 43
 * module files; the rest break processing requirements that the reader checks itself. Small files of our own
 * (tests/fixtures/xliff2) check the same behaviour where the suite is missing.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../src/errors.js'
import { parseXliff } from '../../src/formats/xliff.js'
import { haveData } from '../helpers/data.js'
import { readSuiteFile, repoRoot, suiteFiles } from './helpers.js'

const files = suiteFiles
const read = readSuiteFile

function rejected(folder: string): { rejected: string[]; accepted: string[] } {
  const result = { rejected: [] as string[], accepted: [] as string[] }
  for (const name of files(folder)) {
    try {
      parseXliff(read(folder, name))
      result.accepted.push(name)
    } catch (error) {
      if (!(error instanceof FormatError)) throw error
      expect(error.line, `${name}: ${error.message}`).toBeTypeOf('number')
      result.rejected.push(name)
    }
  }
  return result
}

describe.skipIf(!haveData('xliffSuite'))('parseXliff on the XLIFF 2.1 test suite', () => {
  for (const folder of ['core/valid', 'modules/valid']) {
    it(`parses every file in ${folder}`, () => {
      const names = files(folder)
      expect(names.length).toBeGreaterThan(20)
      for (const name of names) {
        const document = parseXliff(read(folder, name))
        expect(['2.0', '2.1']).toContain(document.formatVersion)
        expect(Array.isArray(document.units), name).toBe(true)
      }
    })
  }

  it('rejects at least 100 of the 119 files in core/invalid with a FormatError', () => {
    const { rejected: bad, accepted } = rejected('core/invalid')
    expect(bad.length + accepted.length).toBe(119)
    expect(bad.length, `accepted: ${accepted.join(', ')}`).toBeGreaterThanOrEqual(100)
  })

  it('rejects at least 35 of the 43 files in modules/invalid with a FormatError', () => {
    const { rejected: bad, accepted } = rejected('modules/invalid')
    expect(bad.length + accepted.length).toBe(43)
    expect(bad.length, `accepted: ${accepted.join(', ')}`).toBeGreaterThanOrEqual(35)
  })

  it('names the rule a file breaks, with its line', () => {
    const cases: Array<[string, RegExp]> = [
      ['bad_EcBeforeSc.xlf', /<ec startRef="1"> has no <sc/],
      ['bad_DataRefWithoutOriginalData.xlf', /dataRef="d1" names no <data>/],
      ['bad_SubStateWithoutState.xlf', /subState needs state/],
      ['bad_FileIdNotUnique.xlf', /line 11, column 2\): file id "1twice" is used twice/],
      ['bad_WrongTargetLang.xlf', /differs from trgLang/],
    ]
    for (const [name, message] of cases) {
      expect(() => parseXliff(read('core/invalid', name)), name).toThrow(message)
    }
  })

  it('reads the units of a valid file with their texts', () => {
    const document = parseXliff(read('core/valid', 'withNotes.xlf'))
    expect(document.units[0]!.notes!.length).toBeGreaterThan(0)
    const sample = parseXliff(read('core/valid', 'sample1.xlf'))
    expect(sample.sourceLang).toBe('en')
    expect(sample.units.every((unit) => unit.source.length > 0)).toBe(true)
  })
})

// Our own files (tests/fixtures/xliff2) check the same reader behaviour on a fresh clone, without the suite.
describe('parseXliff on our own XLIFF 2.1 files', () => {
  const ours = path.join(repoRoot, 'tests/fixtures/xliff2')
  const own = (name: string): string => readFileSync(path.join(ours, name), 'utf8')

  it.each([
    { file: 'ec-before-sc.xlf', line: 7, message: /<ec startRef="1"> has no <sc id="1"> before it/ },
    { file: 'dataref-without-originaldata.xlf', line: 7, message: /dataRef="d1" names no <data>/ },
    { file: 'substate-without-state.xlf', line: 6, message: /subState needs state/ },
    { file: 'file-id-twice.xlf', line: 11, message: /line 11, column 3\): file id "twice" is used twice/ },
    { file: 'wrong-target-lang.xlf', line: 8, message: /xml:lang="fr" of <target> .*differs from trgLang="en"/ },
  ])('rejects invalid/$file with a FormatError at its line, naming the rule', ({ file, line, message }) => {
    const xml = own(`invalid/${file}`)
    const error = (() => {
      try {
        parseXliff(xml)
      } catch (caught) {
        return caught
      }
      throw new Error(`${file} was accepted`)
    })()
    expect(error).toBeInstanceOf(FormatError)
    expect((error as FormatError).code).toBe('FORMAT_INVALID')
    expect((error as FormatError).line).toBe(line)
    expect((error as FormatError).message).toMatch(message)
  })

  it('reads the units of a valid file with their texts, notes, states and codes', () => {
    const document = parseXliff(own('valid/notes-and-codes.xlf'))
    expect(document.formatVersion).toBe('2.1')
    expect(document.units.map((unit) => [unit.id, unit.state])).toEqual([
      ['welcome', 'translated'],
      ['save', 'reviewed'],
    ])
    const [welcome, save] = document.units
    expect(welcome!.notes).toEqual([{ id: 'n1', category: 'context', text: 'Shown on the first page' }])
    expect(welcome!.sourceContent?.[1]).toMatchObject({ kind: 'standalone', id: '1', data: '{name}' })
    expect(save!.segments?.map((segment) => [segment.source, segment.target])).toEqual([
      ['اضغط حفظ للمتابعة.', 'Press Save to go on.'],
      ['سيتم حفظ الملف.', 'The file will be saved.'],
    ])
  })
})
