/**
 * decodeReferences: the five predefined entities and character references (XML 1.0 §4.6, §4.1), decoded as the
 * old `replace` callback decoded them (an oracle below), and entity-dense text read with a bounded number of
 * strings (counted through referenceWork: 5 MB of `&amp;` made a string per reference, 169 MB of heap).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTmx, toTmx } from '../../src/formats/tmx.js'
import { parseXliff } from '../../src/formats/xliff.js'
import { decodeReferences, referenceWork, type ReferenceProblem } from '../../src/formats/xml-references.js'

class Refused extends Error {
  constructor(
    readonly offset: number,
    readonly problem: ReferenceProblem,
    readonly reference: string,
  ) {
    super(`${problem} at ${offset}: ${reference}`)
  }
}
const refuse = (offset: number, problem: ReferenceProblem, reference: string): never => {
  throw new Refused(offset, problem, reference)
}

/** What decodeReferences gives: the text, or the refusal. */
function decoded(text: string): string | { offset: number; problem: ReferenceProblem; reference: string } {
  try {
    return decodeReferences(text, refuse)
  } catch (error) {
    if (!(error instanceof Refused)) throw error
    return { offset: error.offset, problem: error.problem, reference: error.reference }
  }
}

/** The oracle: the reader's decoding before the scanner, a regex and a callback per reference. */
function oracle(text: string): ReturnType<typeof decoded> {
  const predefined: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
  let refusal: { offset: number; problem: ReferenceProblem; reference: string } | undefined
  const result = text.replace(/&([^;&\s]{0,32});?/g, (whole, name: string, offset: number) => {
    if (refusal) return ''
    if (!whole.endsWith(';')) refusal = { offset, problem: 'malformed', reference: whole }
    else if (name in predefined) return predefined[name]!
    else {
      const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(name)
      if (!numeric) refusal = { offset, problem: 'undefined', reference: whole }
      else {
        const codePoint = numeric[1] === undefined ? Number.parseInt(numeric[2]!, 10) : Number.parseInt(numeric[1], 16)
        const legal = codePoint === 9 || codePoint === 10 || codePoint === 13 || (codePoint >= 0x20 && codePoint <= 0xd7ff) || (codePoint >= 0xe000 && codePoint <= 0xfffd) || (codePoint >= 0x10000 && codePoint <= 0x10ffff)
        if (legal) return String.fromCodePoint(codePoint)
        refusal = { offset, problem: 'illegal', reference: whole }
      }
    }
    return ''
  })
  return refusal ?? result
}

describe('decodeReferences', () => {
  const cases: Array<{ input: string; expected: ReturnType<typeof decoded> }> = [
    { input: 'أكد الرئيس', expected: 'أكد الرئيس' },
    { input: 'a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;', expected: `a & b <c> "d" 'e'` },
    { input: '&#1575;&#x644;&#X41;', expected: { offset: 14, problem: 'undefined', reference: '&#X41;' } },
    { input: '&#x1F600;&#128512;', expected: '😀😀' },
    { input: `${'x'.repeat(100)}&amp;${'ي'.repeat(100)}&amp;`, expected: `${'x'.repeat(100)}&${'ي'.repeat(100)}&` },
    { input: 'a & b', expected: { offset: 2, problem: 'malformed', reference: '&' } },
    { input: '&amp', expected: { offset: 0, problem: 'malformed', reference: '&amp' } },
    { input: `&${'a'.repeat(33)};`, expected: { offset: 0, problem: 'malformed', reference: `&${'a'.repeat(32)}` } },
    { input: 'x&nbsp;', expected: { offset: 1, problem: 'undefined', reference: '&nbsp;' } },
    { input: '&#0;', expected: { offset: 0, problem: 'illegal', reference: '&#0;' } },
    { input: '&#xD800;', expected: { offset: 0, problem: 'illegal', reference: '&#xD800;' } },
    { input: '&#x110000;', expected: { offset: 0, problem: 'illegal', reference: '&#x110000;' } },
    { input: `&#${'9'.repeat(30)};`, expected: { offset: 0, problem: 'illegal', reference: `&#${'9'.repeat(30)};` } },
    { input: '&#x;', expected: { offset: 0, problem: 'undefined', reference: '&#x;' } },
  ]
  for (const { input, expected } of cases) {
    it(`decodes ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}...` : input)}`, () => {
      expect(decoded(input)).toEqual(expected)
      expect(oracle(input)).toEqual(expected)
    })
  }

  it('agrees with the regex decoding on text, references and near-references of every kind', () => {
    const pieces = ['a', 'ب', 'نص طويل '.repeat(10), '😀', ' ', '\u00A0', '\u2028', ';', '#', 'x', '&', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#65;', '&#x627;', '&#x1F600;', '&#xFFFE;', '&#1;', '&ampx;', '&amp ;', '&#x', '&#;', '&AMP;']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.nat(3), (parts, repeat) => {
        const text = parts.join('').repeat(repeat + 1)
        expect(decoded(text)).toEqual(oracle(text))
      }),
      { seed: 20261207, numRuns: 2000 },
    )
  })

  it('makes a few strings per 8,192 characters of entity-dense text, not one per reference', () => {
    const text = '&amp;&lt;&#x627;'.repeat(100_000)
    const before = referenceWork.strings
    expect(decodeReferences(text, refuse)).toBe('&<ا'.repeat(100_000))
    // 300,000 references; the regex callback made a string for each (and held them all until the end).
    expect(referenceWork.strings - before).toBeLessThanOrEqual(Math.ceil(300_000 / 8000))
  })
})

describe('parseTmx and parseXliff on entity-dense text', () => {
  it('read 5 MB of "&amp;" with a bounded number of strings, on the fast path and on the tree path', () => {
    const amps = '&'.repeat(2 ** 20)
    const tmx = toTmx([{ id: 'a', source: amps, target: 'y' }], { sourceLang: 'ar', targetLang: 'en' })
    expect(tmx.length).toBeGreaterThan(5 * 2 ** 20)
    let before = referenceWork.strings
    expect(parseTmx(tmx).units[0]!.source).toBe(amps)
    expect(referenceWork.strings - before).toBeLessThan(2 ** 20 / 1000)
    // A comment in the unit sends it to the tree reader; an attribute value is decoded there too.
    const xliff = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar"><file id="f"><unit id="u" name="${'&amp;'.repeat(2 ** 18)}"><!-- c --><segment><source>${'&amp;'.repeat(2 ** 20)}</source></segment></unit></file></xliff>`
    before = referenceWork.strings
    const unit = parseXliff(xliff).units[0]!
    expect(unit.source).toBe(amps)
    expect(referenceWork.strings - before).toBeLessThan(2 ** 20 / 1000)
  })
})
