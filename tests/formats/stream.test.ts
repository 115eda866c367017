/**
 * Streaming: writers yield chunks and write files with backpressure; readers take a path, a Node Readable or an
 * (async) iterable and yield one unit at a time, giving the same units as the whole-string parsers, whatever the
 * chunk sizes, with work linear in the input (counted through readerWork, never timed).
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PassThrough, Readable, Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../src/errors.js'
import { parseTmx, readTmx, toTmx, writeTmx, writeTmxFile } from '../../src/formats/tmx.js'
import { readerWork } from '../../src/formats/pending-input.js'
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

  it('reads UTF-16 whose byte-order mark comes cut between chunks, or after an empty chunk', async () => {
    // The encoding was chosen from the first chunk alone: a first chunk of one byte (or none) meant UTF-8.
    const xml = toXliff(richUnits, { ...languages, version: '2.0' })
    const little = Buffer.from(`\uFEFF${xml}`, 'utf16le')
    const big = Buffer.from(little).swap16()
    for (const bytes of [little, big]) {
      for (const first of [0, 1]) {
        const read = await collect(readXliff([bytes.subarray(0, first), bytes.subarray(first, 3), bytes.subarray(3)]))
        expect(read).toEqual(parseXliff(xml).units)
      }
    }
    const utf8 = Buffer.from(xml, 'utf8')
    expect(await collect(readXliff([utf8.subarray(0, 1), utf8.subarray(1)]))).toEqual(parseXliff(xml).units)
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

/** The text cut into chunks of `size` characters. */
function* cut(text: string, size: number): Generator<string> {
  for (let offset = 0; offset < text.length; offset += size) yield text.slice(offset, offset + size)
}

/** What a reader makes of the input: its units, or the code, line and column of its error. */
async function outcome(read: () => AsyncIterable<TranslationUnit>): Promise<unknown> {
  try {
    return { units: await collect(read()) }
  } catch (error) {
    if (!(error instanceof FormatError)) throw error
    return { code: error.code, line: error.line, column: error.column }
  }
}

/** The same for a whole-string parser. */
function parsed(parse: () => { units: TranslationUnit[] }): unknown {
  try {
    return { units: parse().units }
  } catch (error) {
    if (!(error instanceof FormatError)) throw error
    return { code: error.code, line: error.line, column: error.column }
  }
}

/** The reader's counted work while `read` runs: characters scanned, joined and offered to the tokenizer. */
async function work(read: () => AsyncIterable<TranslationUnit>): Promise<number> {
  const before = readerWork.scanned + readerWork.joined + readerWork.offered
  await collect(read())
  return readerWork.scanned + readerWork.joined + readerWork.offered - before
}

describe('readXliff and readTmx on one large unit', () => {
  const big: TranslationUnit = { id: 'big', source: 'أكد الرئيس أن '.repeat(20_000), target: 'The president said '.repeat(15_000) }
  const documents = {
    'XLIFF 2.1': { text: toXliff([big], { ...languages, version: '2.1' }), read: (input: Iterable<string>) => readXliff(input) },
    'XLIFF 1.2': { text: toXliff([big], { ...languages, version: '1.2' }), read: (input: Iterable<string>) => readXliff(input) },
    TMX: { text: toTmx([big], languages), read: (input: Iterable<string>) => readTmx(input) },
  }

  for (const [name, { text, read }] of Object.entries(documents)) {
    it(`reads a unit of ${text.length} characters in chunks of 1,000 and 64 with work linear in its size (${name})`, async () => {
      // Each chunk was appended to the whole unit held so far and `</unit>` searched again from its start: the
      // work grew as n²/c (about 280 n in chunks of 1,000 here, 4,400 n in chunks of 64). Now it is a few n.
      for (const size of [1000, 64]) {
        const counted = await work(() => read(cut(text, size)))
        expect(counted, `chunks of ${size}`).toBeLessThan(6 * text.length)
        expect((await collect(read(cut(text, size))))[0]!.source).toBe(big.source)
      }
    })
  }

  it('does work that grows linearly between one unit of n and of 8n characters, in chunks of 16', async () => {
    const sized = (repeat: number): string => toXliff([{ id: 'u', source: 'نص '.repeat(repeat), target: 'x' }], { ...languages, version: '2.1' })
    const small = await work(() => readXliff(cut(sized(4_000), 16)))
    const large = await work(() => readXliff(cut(sized(32_000), 16)))
    expect(large / small).toBeLessThan(8 * 1.5)
  })

  it('holds a text run, a comment and a tag with ">" in its values until they end, scanning each chunk once', async () => {
    // Outside units the reader waits on tokens (inside one, on its end tag): each waits for its own terminator.
    const text = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en"><file id="f" original="${'>'.repeat(50_000)}"><!-- ${'c'.repeat(50_000)} -->${' \n'.repeat(25_000)}<unit id="u"><segment><source>س</source><target>t</target></segment></unit></file></xliff>`
    const whole = parsed(() => parseXliff(text))
    for (const size of [7, 500]) {
      expect(await outcome(() => readXliff(cut(text, size)))).toEqual(whole)
      expect(await work(() => readXliff(cut(text, size)))).toBeLessThan(6 * text.length)
    }
  })
})

describe('readXliff and readTmx in chunks of every size', () => {
  const xliff = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- before -->\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">\r\n<file id="f"><?pi x?>
<unit id="u1"><segment><source>أ &amp; ب &#x1F600; &lt;</source><target>a &amp; b</target></segment></unit>
<unit id="u2" name='a "quoted" > name'><notes><note category="c">n<!-- c --></note></notes><segment><source><![CDATA[<raw> & ]]>text</source></segment></unit>
<unit id="u3"><segment><source>x</source><target>y</target></segment></unit></file></xliff>`
  const tmx = toTmx(richUnits, languages)
  const cases: Array<[string, string, (input: Iterable<string>) => AsyncIterable<TranslationUnit>, () => { units: TranslationUnit[] }]> = [
    ['XLIFF 2.0 with comments, CDATA, a PI and quoted ">"', xliff, (input) => readXliff(input), () => parseXliff(xliff)],
    ['XLIFF 1.2 as written', toXliff(richUnits, { ...languages, version: '1.2' }), (input) => readXliff(input), () => parseXliff(toXliff(richUnits, { ...languages, version: '1.2' }))],
    ['TMX as written', tmx, (input) => readTmx(input), () => parseTmx(tmx)],
    ['a DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><xliff/>', (input) => readXliff(input), () => parseXliff('<!DOCTYPE x [<!ENTITY a "b">]><xliff/>')],
    ['an undefined entity', xliff.replace('&amp; b', '&bogus; b'), (input) => readXliff(input), () => parseXliff(xliff.replace('&amp; b', '&bogus; b'))],
    ['a tag cut off at the end', xliff.slice(0, xliff.indexOf('name=') + 9), (input) => readXliff(input), () => parseXliff(xliff.slice(0, xliff.indexOf('name=') + 9))],
  ]
  for (const [name, text, read, parse] of cases) {
    it(`gives the units or the error of the whole-string parser: ${name}`, async () => {
      const whole = parsed(parse)
      for (let size = 1; size <= 24; size++) expect(await outcome(() => read(cut(text, size))), `chunks of ${size}`).toEqual(whole)
      for (const size of [97, 1000]) expect(await outcome(() => read(cut(text, size))), `chunks of ${size}`).toEqual(whole)
    })
  }

  it('applies the token limit to a whole string as to a stream, also when the input ends inside the token', async () => {
    // The limit was checked only while a token waited for more input, so a string (never waiting) ignored it and a
    // stream in small chunks refused the same document (found by fuzz-xliff2-stream.test.ts).
    const text = toXliff(richUnits.slice(0, 2), { ...languages, version: '2.1' })
    const limits = { maxTokenChars: 40 }
    for (const document of [text, text.slice(0, text.indexOf('<file') + 30), `${text.slice(0, text.indexOf('<file'))}<!-- ${'c'.repeat(60)}`]) {
      const whole = parsed(() => parseXliff(document, { limits }))
      expect(whole).toMatchObject({ code: 'FORMAT_TOO_LARGE' })
      for (const size of [1, 3, 16, 1000]) expect(await outcome(() => readXliff(cut(document, size), { limits })), `chunks of ${size}`).toEqual(whole)
    }
  })

  it('stops at the input limit at the same place, with the same units read before it, whatever the chunks', async () => {
    // The string parser failed at once (line 1, column 1, no unit read), a stream wherever its chunk crossed the limit.
    const text = toXliff(richUnits, { ...languages, version: '2.1' })
    const limits = { maxInputChars: text.indexOf('<unit id="u3"') + 40 }
    for (const lenient of [false, true]) {
      const whole = parsed(() => parseXliff(text, { limits, lenient }))
      expect(whole).toMatchObject(lenient ? { units: [{ id: 'u1' }, { id: 'untranslated one' }] } : { code: 'FORMAT_TOO_LARGE' })
      for (const size of [1, 7, 100, 5000]) expect(await outcome(() => readXliff(cut(text, size), { limits, lenient })), `chunks of ${size}`).toEqual(whole)
    }
  })

  it('refuses an XML declaration after a comment when a chunk starts with it, as the string parser does', async () => {
    // The check "the declaration comes first" looked at the offset in the reader's buffer, which is 0 at the start
    // of a chunk: streaming accepted what parsing the string refused.
    const text = '<!-- c --><?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar"><file id="f"/></xliff>'
    expect(parsed(() => parseXliff(text))).toMatchObject({ code: 'FORMAT_INVALID', line: 1 })
    expect(await outcome(() => readXliff([text.slice(0, 10), text.slice(10)]))).toEqual(parsed(() => parseXliff(text)))
  })
})
