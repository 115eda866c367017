/**
 * The safe XML layer: DOCTYPE and entities refused (billion laughs, external entities), malformed input located
 * by line and column, size limits, and text that comes through exactly (CDATA, references, line ends, bidi marks).
 */
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../src/errors.js'
import { parseTmx } from '../../src/formats/tmx.js'
import { parseXliff, readXliff } from '../../src/formats/xliff.js'
import { escapeAttribute, escapeText, findForbiddenCharacter } from '../../src/formats/xml.js'

const wrap = (source: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">\n<file id="f1">\n<unit id="u1"><segment><source>${source}</source></segment></unit>\n</file>\n</xliff>\n`

function formatError(run: () => unknown): FormatError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError)
    return error as FormatError
  }
  throw new Error('expected a FormatError')
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"><file id="f"><unit id="u"><segment><source>&lol9;</source></segment></unit></file></xliff>`

const externalEntity = `<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body><tu tuid="1"><tuv xml:lang="en"><seg>&secret;</seg></tuv></tu></body></tmx>`

describe('parseXliff and parseTmx on unsafe input', () => {
  it('refuses a billion-laughs document without expanding anything', () => {
    const error = formatError(() => parseXliff(billionLaughs))
    expect(error.code).toBe('FORMAT_UNSAFE')
    expect(error.message).toMatch(/DOCTYPE is not allowed/)
    expect(error.line).toBe(2)
  })

  it('refuses an external entity and never reads the file', () => {
    const error = formatError(() => parseTmx(externalEntity))
    expect(error.code).toBe('FORMAT_UNSAFE')
    expect(error.message).not.toMatch(/root:/)
  })

  it('refuses an undefined entity reference', () => {
    const error = formatError(() => parseXliff(wrap('&nbsp;')))
    expect(error.code).toBe('FORMAT_UNSAFE')
    expect(error.message).toMatch(/entity &nbsp; is not defined/)
  })

  it('stays unsafe even in lenient mode', () => {
    expect(() => parseXliff(billionLaughs, { lenient: true })).toThrow(/DOCTYPE/)
  })
})

/** 1-based line and column of the first occurrence of `marker` (or of the end of the input). */
function locate(xml: string, marker: string | undefined): [number, number] {
  const offset = marker === undefined ? xml.length : xml.indexOf(marker)
  const before = xml.slice(0, offset)
  return [before.split('\n').length, offset - before.lastIndexOf('\n')]
}

describe('parseXliff on malformed input', () => {
  const cases: Array<{ name: string; xml: string; message: RegExp; at: string | undefined }> = [
    { name: 'a mismatched end tag', xml: wrap('text</target>'), message: /<\/target> does not match <source> opened at line 4, column 24/, at: '</target>' },
    { name: 'a bare ampersand', xml: wrap('A & B'), message: /"&" must start a reference/, at: '& B' },
    { name: 'a control character', xml: wrap('bell\u0007'), message: /U\+0007 is not allowed/, at: '\u0007' },
    { name: 'an unclosed document', xml: wrap('x').replace('</xliff>\n', ''), message: /ends inside <xliff>/, at: undefined },
    { name: 'a second root', xml: `${wrap('x')}<xliff/>`, message: /comes after the root element/, at: '<xliff/>' },
    { name: 'a duplicate attribute', xml: wrap('x').replace('<unit id="u1"', '<unit id="u1" id="u2"'), message: /attribute id appears twice/, at: '<unit' },
    { name: 'an unbound prefix', xml: wrap('<my:x/>'), message: /prefix "my" of <my:x> is not bound/, at: '<my:x/>' },
  ]
  for (const { name, xml, message, at } of cases) {
    it(`locates ${name} by line and column`, () => {
      const error = formatError(() => parseXliff(xml))
      expect(error.code).toBe('FORMAT_INVALID')
      expect(error.message).toMatch(message)
      expect([error.line, error.column]).toEqual(locate(xml, at))
    })
  }

  it('refuses encodings other than UTF-8 and UTF-16', () => {
    const error = formatError(() => parseXliff(wrap('x').replace('encoding="UTF-8"', 'encoding="ISO-8859-6"')))
    expect(error.code).toBe('FORMAT_UNSUPPORTED')
  })
})

describe('size limits', () => {
  it('stops nesting deeper than maxDepth', () => {
    const error = formatError(() => parseXliff(wrap('<mrk id="a">'.repeat(20) + '</mrk>'.repeat(20)), { limits: { maxDepth: 10 } }))
    expect(error.code).toBe('FORMAT_TOO_LARGE')
  })

  it('stops a unit larger than maxElementChars', () => {
    const error = formatError(() => parseXliff(wrap('ب'.repeat(5000)), { limits: { maxElementChars: 1000 } }))
    expect(error.code).toBe('FORMAT_TOO_LARGE')
    expect(error.message).toMatch(/<unit> is larger than the limit of 1000/)
  })

  it('stops an input larger than maxInputChars', () => {
    expect(formatError(() => parseXliff(wrap('x'), { limits: { maxInputChars: 100 } })).code).toBe('FORMAT_TOO_LARGE')
  })

  it('stops a streamed text run longer than maxTokenChars without waiting for the end', async () => {
    async function* endless(): AsyncGenerator<string> {
      yield wrap('').slice(0, wrap('').indexOf('</source>'))
      for (let index = 0; index < 1000; index++) yield 'ا'.repeat(1000)
    }
    await expect(async () => {
      for await (const unit of readXliff(endless(), { limits: { maxTokenChars: 50_000 } })) void unit
    }).rejects.toThrow(/longer than the limit/)
  })
})

describe('text that comes through exactly', () => {
  it('keeps CDATA content as written, references and all', () => {
    expect(parseXliff(wrap('<![CDATA[a & b <c> &amp;]]>')).units[0]!.source).toBe('a & b <c> &amp;')
  })

  it('decodes character references and the five predefined entities', () => {
    expect(parseXliff(wrap('&#x645;&#1585;&lt;&gt;&amp;&quot;&apos;&#xD;')).units[0]!.source).toBe('مر<>&"\'\r')
  })

  it('normalises literal line ends to LF, as XML 1.0 §2.11 requires', () => {
    expect(parseXliff(wrap('a\r\nb\rc')).units[0]!.source).toBe('a\nb\nc')
  })

  it('keeps bidi marks, combining marks, tatweel and emoji', () => {
    const text = '\u200fمُحَمَّد\u202bكتـــاب\u202c 👩🏽‍💻 e\u0301'
    expect(parseXliff(wrap(text)).units[0]!.source).toBe(text)
  })

  it('reads the same units when the input arrives one character at a time', async () => {
    const xml = wrap('<pc id="1">مرحبا</pc> 😀 &amp; <![CDATA[x]]>')
    const units = []
    for await (const unit of readXliff(Array.from(xml))) units.push(unit)
    expect(units).toEqual(parseXliff(xml).units)
  })

  it('reads UTF-8 bytes split inside a character', async () => {
    const bytes = new TextEncoder().encode(wrap('سلام 😀'))
    const chunks = Array.from({ length: bytes.length }, (_, index) => bytes.subarray(index, index + 1))
    const units = []
    for await (const unit of readXliff(chunks)) units.push(unit)
    expect(units[0]!.source).toBe('سلام 😀')
  })
})

describe('escapeText and escapeAttribute', () => {
  it('escapes what XML needs and leaves quotes and Arabic alone in text', () => {
    expect(escapeText('a & <b> "c" \'d\' ]]> ،؛؟')).toBe('a &amp; &lt;b&gt; "c" \'d\' ]]&gt; ،؛؟')
    expect(escapeText('line\r\n')).toBe('line&#xD;\n')
  })

  it('escapes quotes and white space in attributes so readers keep them', () => {
    expect(escapeAttribute('a"b\tc\nd')).toBe('a&quot;b&#x9;c&#xA;d')
  })

  it('finds control characters and lone surrogates', () => {
    expect(findForbiddenCharacter('ok \u0001')).toEqual({ offset: 3, codePoint: 1 })
    expect(findForbiddenCharacter('a\ud800b')).toEqual({ offset: 1, codePoint: 0xd800 })
    expect(findForbiddenCharacter('😀\t\n\r')).toBeUndefined()
  })
})
