/**
 * Streaming: writers yield chunks and write files with backpressure; readers take a path, a Node Readable or an
 * (async) iterable and yield one unit at a time, giving the same units as the whole-string parsers.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PassThrough, Readable, Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../src/errors.js'
import { parseTmx, readTmx, toTmx, writeTmx, writeTmxFile } from '../../src/formats/tmx.js'
import { writeChunks } from '../../src/formats/write-file.js'
import { parseXliff, readXliff, toXliff, writeXliff, writeXliffFile, type XliffHeader, type XliffVersion } from '../../src/formats/xliff.js'
import type { TranslationUnit } from '../../src/types.js'
import { pairUnits } from './corpus-units.js'
import { richUnits } from './fixtures.js'

const languages = { sourceLang: 'ar', targetLang: 'en' }
const units: TranslationUnit[] = [...richUnits, ...pairUnits(2000)]
const temp = (): string => mkdtempSync(path.join(tmpdir(), 'mizan-stream-'))

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = []
  for await (const item of items) result.push(item)
  return result
}

async function* slowly(list: TranslationUnit[]): AsyncGenerator<TranslationUnit> {
  for (const unit of list) yield unit
}

describe('writeXliff and readXliff', () => {
  for (const version of ['1.2', '2.0', '2.1', '2.2'] as XliffVersion[]) {
    it(`writes ${units.length} units to a file and reads them back one at a time (XLIFF ${version})`, async () => {
      const file = path.join(temp(), 'memory.xlf')
      await writeXliffFile(file, slowly(units), { ...languages, version })
      expect(readFileSync(file, 'utf8')).toBe(toXliff(units, { ...languages, version }))
      const headers: XliffHeader[] = []
      const read = await collect(readXliff(file, { onHeader: (header) => headers.push(header) }))
      expect(headers).toEqual([{ formatVersion: version, sourceLang: 'ar', targetLang: 'en' }])
      expect(read).toEqual(parseXliff(readFileSync(file, 'utf8')).units)
      expect(read).toHaveLength(units.length)
    })
  }

  it('writes a file byte for byte as toXliff and toTmx write the string, with units larger than a chunk', async () => {
    // Files are written as UTF-8 chunks encoded unit by unit: a unit longer than a chunk (256 KiB) gets its own.
    const large: TranslationUnit[] = [units[3]!, { id: 'big', source: 'أكد الرئيس 😀 '.repeat(30_000), target: 'x'.repeat(300_000) }, units[4]!]
    const folder = temp()
    for (const version of ['1.2', '2.1'] as XliffVersion[]) {
      const file = path.join(folder, `large-${version}.xlf`)
      await writeXliffFile(file, large, { ...languages, version })
      expect(readFileSync(file, 'utf8')).toBe(toXliff(large, { ...languages, version }))
    }
    const file = path.join(folder, 'large.tmx')
    await writeTmxFile(file, slowly(large), languages)
    expect(readFileSync(file, 'utf8')).toBe(toTmx(large, languages))
    expect((await collect(readTmx(file))).map((unit) => unit.source)).toEqual(large.map((unit) => unit.source))
  })

  it('yields chunks of bounded size, never the whole document', async () => {
    const sizes = (await collect(writeXliff(units, { ...languages, version: '2.1' }))).map((chunk) => chunk.length)
    expect(sizes.length).toBeGreaterThan(5)
    expect(Math.max(...sizes)).toBeLessThan(70_000)
  })

  it('reads from a Node Readable of bytes', async () => {
    const xml = toXliff(richUnits, { ...languages, version: '2.0' })
    const read = await collect(readXliff(Readable.from([Buffer.from(xml.slice(0, 100)), Buffer.from(xml.slice(100))])))
    expect(read).toEqual(parseXliff(xml).units)
  })

  it('yields units before the input ends', async () => {
    const input = new PassThrough()
    const xml = toXliff(richUnits, { ...languages, version: '2.1' })
    const cut = xml.indexOf('<unit id="u3">')
    input.write(xml.slice(0, cut))
    const iterator = readXliff(input)[Symbol.asyncIterator]()
    expect((await iterator.next()).value).toMatchObject({ id: 'u1' })
    expect((await iterator.next()).value).toMatchObject({ id: 'untranslated one' })
    input.end(xml.slice(cut))
    expect((await collect({ [Symbol.asyncIterator]: () => iterator })).map((unit) => unit.id)).toEqual(['u3', 'u4', 'u5'])
  })

  it('reports a missing file as a FormatError naming it', async () => {
    await expect(collect(readXliff('/no/such/file.xlf'))).rejects.toThrow(/cannot read \/no\/such\/file.xlf/)
  })

  it('reports invalid UTF-8 as a FormatError', async () => {
    await expect(collect(readXliff([new Uint8Array([0x3c, 0xff, 0xfe, 0x3e])]))).rejects.toBeInstanceOf(FormatError)
  })

  it('reports skipped units through onSkipped in lenient mode', async () => {
    const xml = toXliff(richUnits.slice(0, 3), { ...languages, version: '2.1' }).replace('<unit id="u3">', '<unit id="u3"><notes></notes>')
    const skipped: string[] = []
    const read = await collect(readXliff([xml], { lenient: true, onSkipped: (item) => skipped.push(item.message) }))
    expect(read.map((unit) => unit.id)).toEqual(['u1', 'untranslated one'])
    expect(skipped).toHaveLength(1)
  })
})

describe('writeTmx and readTmx', () => {
  it(`writes ${units.length} units to a file and reads them back one at a time`, async () => {
    const file = path.join(temp(), 'memory.tmx')
    await writeTmxFile(file, slowly(units), languages)
    const text = readFileSync(file, 'utf8')
    expect(text).toBe(toTmx(units, languages))
    expect(await collect(readTmx(file))).toEqual(parseTmx(text).units)
  })

  it('gives the header, with the target language of the first unit, to onHeader', async () => {
    const headers: unknown[] = []
    await collect(readTmx([toTmx(richUnits, languages)], { onHeader: (header) => headers.push(header) }))
    expect(headers).toEqual([{ sourceLang: 'ar', targetLang: 'en', creationTool: 'mizan', creationToolVersion: '0.1.0' }])
  })
})

describe('writeChunks', () => {
  it('waits for drain when the stream is full', async () => {
    let drains = 0
    const received: string[] = []
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk.toString())
        setImmediate(callback)
      },
    })
    slow.on('drain', () => drains++)
    await writeChunks(slow, writeTmx(units.slice(0, 500), languages))
    expect(received.join('')).toBe(toTmx(units.slice(0, 500), languages))
    expect(drains).toBeGreaterThan(0)
  })

  it('rejects a target that is neither a path nor a stream', async () => {
    await expect(writeChunks(42 as unknown as string, [])).rejects.toThrow(/option target must be a file path or a writable stream/)
  })

  it('passes on a writer error, naming the unit', async () => {
    const file = path.join(temp(), 'bad.xlf')
    await expect(writeXliffFile(file, [{ id: 'bad', source: 'a', target: '', notes: [{ text: '\u0000' }] }], { ...languages, version: '2.1' })).rejects.toThrow(/unit "bad"/)
  })
})
