/**
 * Dictionaries people have: dictd databases (FreeDict as Debian installs them under /usr/share/dictd) and
 * hunalign's text format. Small dictd databases written here (an index and its text, gzipped with node's zlib for
 * .dict.dz) pin the parser's behaviour and its errors; the installed FreeDict databases, when present, check that
 * real files read (loud skip locally, failure on CI: .ci/run installs them).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { FormatError, OptionsError } from '../../src/errors.js'
import { parseDictd, readDictionary } from '../../src/align/dictionary.js'
import { haveTool, pathExists } from '../helpers/tools.js'

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** A number in dictd's base-64 digits, most significant first (dictfmt(1)). */
function dictdNumber(value: number): string {
  let text = ''
  do {
    text = DIGITS[value % 64]! + text
    value = Math.floor(value / 64)
  } while (value > 0)
  return text
}

/** A dictd database from entries: `[headwords, body]`, bodies concatenated in order; returns index and text. */
function dictd(entries: ReadonlyArray<readonly [readonly string[], string]>): { index: string; dict: string } {
  let dict = ''
  const lines: string[] = []
  for (const [headwords, body] of entries) {
    const offset = Buffer.byteLength(dict, 'utf8')
    const length = Buffer.byteLength(body, 'utf8')
    for (const headword of headwords) lines.push(`${headword}\t${dictdNumber(offset)}\t${dictdNumber(length)}`)
    dict += body
  }
  return { index: `${lines.join('\n')}\n`, dict }
}

const database = dictd([
  [['00-database-info'], '00-database-info\nA test database, not words.\n'],
  [['00databaseurl'], '00databaseurl\nhttp://example.org\n'],
  [['ماء'], 'ماء /maːʔ/ <n>\nwater, fresh water\nسائل شفاف\n'],
  [['قرية', 'ضيعة'], 'قرية <n>\n1. village\n2. hamlet (small)\n'],
  [['خزان'], 'خزان\ntank; reservoir\n'],
  [['ما لا يعد ولا يحصى'], 'ما لا يعد ولا يحصى\ncountless\n'],
])

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'mizan-dictd-'))
}

function caught(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error, got none')
}

describe('parseDictd', () => {
  it('reads the translations of each entry: one comma- or semicolon-separated line, or numbered senses without notes', () => {
    expect(parseDictd(database.index, database.dict)).toEqual([
      { source: 'ماء', target: 'water' },
      { source: 'ماء', target: 'fresh water' },
      { source: 'قرية', target: 'village' },
      { source: 'قرية', target: 'hamlet' },
      { source: 'خزان', target: 'tank' },
      { source: 'خزان', target: 'reservoir' },
    ])
  })

  it('skips the 00database and 00-database entries, reads an entry shared by two headwords once, and leaves out long headwords', () => {
    const sources = parseDictd(database.index, database.dict).map((entry) => entry.source)
    expect(sources.some((source) => source.startsWith('00'))).toBe(false)
    expect(sources.filter((source) => source === 'قرية')).toHaveLength(2)
    expect(sources).not.toContain('ما لا يعد ولا يحصى')
  })

  it('keeps a number with thousands separators whole (a comma between digits separates nothing)', () => {
    const numbers = dictd([[['quadrillion'], 'quadrillion\n1,000,000,000,000,000, ١٬٠٠٠\n']])
    expect(parseDictd(numbers.index, numbers.dict, { reverse: true })).toEqual([
      { source: '1,000,000,000,000,000', target: 'quadrillion' },
      { source: '١٬٠٠٠', target: 'quadrillion' },
    ])
  })

  it('turns entries around with reverse', () => {
    expect(parseDictd(database.index, database.dict, { reverse: true })[0]).toEqual({ source: 'water', target: 'ماء' })
  })

  it('counts offsets in bytes of the UTF-8 text, not in characters', () => {
    // Every entry after the first Arabic one starts past more bytes than characters: a character count would cut it.
    expect(Buffer.byteLength(database.dict, 'utf8')).toBeGreaterThan(database.dict.length)
    expect(parseDictd(database.index, database.dict).map((entry) => entry.target)).toContain('reservoir')
  })

  it.each([
    { name: 'an offset that is not base-64', line: 'ماء\tA!\tBA' },
    { name: 'a length that is not base-64', line: 'ماء\tA\t-1' },
    { name: 'a missing length', line: 'ماء\tA' },
    { name: 'an empty offset', line: 'ماء\t\tBA' },
  ])('refuses $name, naming the index line', ({ line }) => {
    const error = caught(() => parseDictd(`${database.index}${line}\n`, database.dict)) as FormatError
    expect(error).toBeInstanceOf(FormatError)
    expect(error.format).toBe('dictd')
    expect(error.line).toBe(database.index.split('\n').length)
    expect(error.message).toContain('dictd base-64 numbers')
  })

  it('refuses an entry that runs past the end of the text, saying where and how long', () => {
    const size = Buffer.byteLength(database.dict, 'utf8')
    const error = caught(() => parseDictd(`x\t${dictdNumber(size - 4)}\t${dictdNumber(10)}\n`, database.dict)) as FormatError
    expect(error).toBeInstanceOf(FormatError)
    expect(error.line).toBe(1)
    expect(error.message).toContain(`the entry at byte ${size - 4} (10 bytes) runs past the end of the text (${size} bytes)`)
  })

  it('rejects arguments that are not strings', () => {
    expect(() => parseDictd(42 as unknown as string, '')).toThrow(OptionsError)
  })
})

describe('readDictionary', () => {
  it('reads a .index with its .dict, given as either file or as the path without extension', () => {
    const dir = folder()
    writeFileSync(join(dir, 'test.index'), database.index)
    writeFileSync(join(dir, 'test.dict'), database.dict)
    const expected = parseDictd(database.index, database.dict)
    for (const path of ['test.index', 'test.dict', 'test']) expect(readDictionary(join(dir, path))).toEqual(expected)
  })

  it('reads a .dict.dz (gzip, as dictzip writes it) before a .dict', () => {
    const dir = folder()
    writeFileSync(join(dir, 'test.index'), database.index)
    writeFileSync(join(dir, 'test.dict.dz'), gzipSync(Buffer.from(database.dict, 'utf8')))
    expect(readDictionary(join(dir, 'test.index'))).toEqual(parseDictd(database.index, database.dict))
  })

  it('refuses a .dict.dz that is not gzip, naming it', () => {
    const dir = folder()
    writeFileSync(join(dir, 'test.index'), database.index)
    writeFileSync(join(dir, 'test.dict.dz'), database.dict)
    const error = caught(() => readDictionary(join(dir, 'test.index')))
    expect(error).toBeInstanceOf(FormatError)
    expect(error.message).toContain('test.dict.dz is not a readable dictzip (gzip) file')
  })

  it('refuses an index without its text, naming the missing .dict', () => {
    const dir = folder()
    writeFileSync(join(dir, 'test.index'), database.index)
    const error = caught(() => readDictionary(join(dir, 'test.index'))) as OptionsError
    expect(error).toBeInstanceOf(OptionsError)
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toContain(join(dir, 'test.dict'))
    expect(error.message).toContain('ENOENT')
  })

  it('names the index file and line of a malformed index', () => {
    const dir = folder()
    writeFileSync(join(dir, 'test.index'), `${database.index}broken line\n`)
    writeFileSync(join(dir, 'test.dict'), database.dict)
    const error = caught(() => readDictionary(join(dir, 'test.index'))) as FormatError
    expect(error).toBeInstanceOf(FormatError)
    expect(error.file).toBe(join(dir, 'test.index'))
    expect(error.line).toBe(database.index.split('\n').length)
  })

  it('turns a FreeDict database named for the other direction around (freedict-eng-ara for ar → en)', () => {
    const dir = folder()
    const english = dictd([[['water'], 'water\nماء, مياه\n']])
    writeFileSync(join(dir, 'freedict-eng-ara.index'), english.index)
    writeFileSync(join(dir, 'freedict-eng-ara.dict'), english.dict)
    const path = join(dir, 'freedict-eng-ara.index')
    expect(readDictionary(path, { sourceLang: 'ar', targetLang: 'en' })).toEqual([
      { source: 'ماء', target: 'water' },
      { source: 'مياه', target: 'water' },
    ])
    // Named for the alignment's own direction, or with no languages given, it is read as written.
    expect(readDictionary(path, { sourceLang: 'en', targetLang: 'ar' })[0]).toEqual({ source: 'water', target: 'ماء' })
    expect(readDictionary(path)[0]).toEqual({ source: 'water', target: 'ماء' })
    expect(readDictionary(path, { reverse: true })[0]).toEqual({ source: 'ماء', target: 'water' })
  })

  it('reads any other file as hunalign text (target @ source)', () => {
    const dir = folder()
    writeFileSync(join(dir, 'words.txt'), 'water @ ماء\nvillage @ قرية\n')
    expect(readDictionary(join(dir, 'words.txt'))).toMatchObject([
      { source: 'ماء', target: 'water' },
      { source: 'قرية', target: 'village' },
    ])
  })

  it('refuses a file over maxBytes before reading it, and a missing file, in OptionsErrors', () => {
    const dir = folder()
    writeFileSync(join(dir, 'test.index'), database.index)
    writeFileSync(join(dir, 'test.dict'), database.dict)
    expect(() => readDictionary(join(dir, 'test.index'), { maxBytes: 10 })).toThrow(/at most 10 bytes/)
    expect(() => readDictionary(join(dir, 'nothing.txt'))).toThrow(OptionsError)
  })
})

const FREEDICT = '/usr/share/dictd'
const hasFreeDict = haveTool('FreeDict dictd databases (Debian dict-freedict-ara-eng, dict-freedict-eng-ara, dict-freedict-deu-fra)', () =>
  ['freedict-ara-eng.index', 'freedict-eng-ara.index', 'freedict-deu-fra.index'].every((name) => pathExists(join(FREEDICT, name))),
)

describe.runIf(hasFreeDict)('readDictionary on the FreeDict databases Debian installs', () => {
  it('reads Arabic–English with Arabic headwords as sources', () => {
    const entries = readDictionary(join(FREEDICT, 'freedict-ara-eng.index'), { sourceLang: 'ar', targetLang: 'en' })
    expect(entries.length).toBeGreaterThan(50_000)
    expect(entries).toContainEqual({ source: 'الماء', target: 'Water' })
    expect(entries.some((entry) => entry.source.startsWith('00'))).toBe(false)
  })

  it('turns English–Arabic around for an ar → en alignment', () => {
    const entries = readDictionary(join(FREEDICT, 'freedict-eng-ara.dict.dz'), { sourceLang: 'ar', targetLang: 'en' })
    expect(entries.length).toBeGreaterThan(50_000)
    expect(entries).toContainEqual({ source: 'الماء', target: 'Water' })
    // Sources are Arabic but for a few names and numbers, and no digit group is cut out of a number.
    expect(entries.filter((entry) => /\p{Script=Arabic}/u.test(entry.source)).length).toBeGreaterThan(0.99 * entries.length)
    expect(entries.filter((entry) => entry.source === '000')).toEqual([])
  })

  it('reads German–French in both directions', () => {
    const path = join(FREEDICT, 'freedict-deu-fra')
    expect(readDictionary(path, { sourceLang: 'de', targetLang: 'fr' })).toContainEqual({ source: 'Haus', target: 'maison' })
    expect(readDictionary(path, { sourceLang: 'fr', targetLang: 'de' })).toContainEqual({ source: 'maison', target: 'Haus' })
  })
})
