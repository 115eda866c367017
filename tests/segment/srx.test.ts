/**
 * parseSrx / toSrx: round trips of the built-in rules, SRX written by Java tools (ICU regex syntax, SRX 1.0
 * map rules, namespace prefixes), and unsafe or broken documents, which must fail with a located FormatError.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultSegmentationRules, FormatError, isFormatError, OptionsError, parseSrx, segmentSentences, toSrx } from '../../src/index.js'
import { englishCases } from '../fixtures/english-sentences.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function srxDocument(rules: string, maps = '<languagemap languagepattern=".*" languagerulename="Test"/>', header = '<header cascade="no"/>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  ${header}
  <body>
    <languagerules>
      <languagerule languagerulename="Test">
${rules}
      </languagerule>
    </languagerules>
    <maprules>${maps}</maprules>
  </body>
</srx>`
}

function formatErrorOf(fn: () => unknown): FormatError {
  try {
    fn()
  } catch (error) {
    if (isFormatError(error)) return error
    throw error
  }
  throw new Error('expected a FormatError')
}

describe('toSrx', () => {
  it('writes the built-in rules and parseSrx reads them back unchanged', () => {
    const parsed = parseSrx(toSrx(defaultSegmentationRules))
    expect(parsed.cascade).toBe(false)
    expect(parsed.languageMaps).toEqual(defaultSegmentationRules.languageMaps)
    expect(parsed.languageRules.map((list) => list.name)).toEqual(['Arabic', 'English', 'Default'])
    parsed.languageRules.forEach((list, i) => {
      expect(list.rules).toEqual(defaultSegmentationRules.languageRules[i]!.rules.map(({ note: _note, ...rule }) => rule))
    })
  })

  it('segments exactly as the built-in rules once read back', () => {
    const rules = parseSrx(toSrx())
    const corpus = (name: string) => readFileSync(path.resolve(repoRoot, 'corpus/xi-rahmon-samarkand', name), 'utf8')
    expect(segmentSentences(corpus('ar.txt'), 'ar', { rules })).toEqual(segmentSentences(corpus('ar.txt'), 'ar'))
    expect(segmentSentences(corpus('en.txt'), 'en', { rules })).toEqual(segmentSentences(corpus('en.txt'), 'en'))
    for (const { input } of englishCases) expect(segmentSentences(input, 'en', { rules })).toEqual(segmentSentences(input, 'en'))
    expect(segmentSentences('Bonjour. Ça va? Oui.', 'fr', { rules })).toEqual(segmentSentences('Bonjour. Ça va? Oui.', 'fr'))
  })

  it('writes patterns in the syntax JavaScript and ICU/Java share', () => {
    const xml = toSrx()
    expect(xml).not.toMatch(/\\u\{/) // ICU writes \x{...}
    for (const list of defaultSegmentationRules.languageRules) {
      for (const rule of list.rules) {
        for (const pattern of [rule.before, rule.after]) {
          // Java and ICU need a bounded look-behind inside a pattern
          for (const lookBehind of pattern.matchAll(/\(\?<[!=]((?:\\.|[^)])*)\)/g)) expect(lookBehind[1]).not.toMatch(/(?<!\\)[*+]|\{\d+,\}/)
        }
      }
    }
  })

  it('escapes markup in patterns and keeps comments well-formed', () => {
    const xml = toSrx({ cascade: true, languageRules: [{ name: 'A&B', rules: [{ break: false, before: '<b>&', after: '"x"', note: 'a -- tricky note-' }] }], languageMaps: [{ pattern: 'x.*', rulesName: 'A&B' }] })
    expect(xml).toContain('<beforebreak>&lt;b&gt;&amp;</beforebreak>')
    expect(xml).toContain('languagerulename="A&amp;B"')
    expect(xml).toContain('cascade="yes"')
    expect(xml).toContain('<!-- a - - tricky note-  -->')
    const parsed = parseSrx(xml)
    expect(parsed.languageRules[0]!.rules[0]).toEqual({ break: false, before: '<b>&', after: '"x"' })
    expect(parsed.cascade).toBe(true)
  })

  it('rejects something that is not a rule set', () => {
    expect(() => toSrx({} as never)).toThrow(OptionsError)
  })
})

describe('parseSrx', () => {
  it('reads ICU syntax from Java tools: \\Q..\\E, escaped punctuation, \\x{..}, (?i), possessive quantifiers', () => {
    const rules = parseSrx(
      srxDocument(`
        <rule break="no"><beforebreak>\\QInc.\\E</beforebreak><afterbreak>\\s</afterbreak></rule>
        <rule break="no"><beforebreak>(?i)\\bapprox\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
        <rule break="yes"><beforebreak>[\\.\\!\\?]++[\\'\\"]*</beforebreak><afterbreak>\\s\\x{0020}*</afterbreak></rule>
        <rule break="yes"><beforebreak>&#x061F;</beforebreak><afterbreak>\\s</afterbreak></rule>`),
    )
    expect(segmentSentences('Acme Inc. grew. It was APPROX. Ten. Done!\' Yes؟ نعم', 'xx', { rules }).map((s) => s.text)).toEqual(['Acme Inc. grew.', 'It was APPROX. Ten.', "Done!'", 'Yes؟', 'نعم'])
  })

  it('reads SRX 1.0 map rules and namespace prefixes', () => {
    const xml = `<srx:srx xmlns:srx="http://www.lisa.org/srx20" version="2.0"><srx:header cascade="no"/><srx:body>
      <srx:languagerules><srx:languagerule languagerulename="Dots"><srx:rule break="yes"><srx:beforebreak>\\.</srx:beforebreak><srx:afterbreak>\\s</srx:afterbreak></srx:rule></srx:languagerule></srx:languagerules>
      <srx:maprules><srx:maprule maprulename="Default"><srx:languagemap languagepattern=".*" languagerulename="Dots"/></srx:maprule></srx:maprules>
    </srx:body></srx:srx>`
    const rules = parseSrx(xml)
    expect(rules.languageMaps).toEqual([{ pattern: '.*', rulesName: 'Dots' }])
    expect(segmentSentences('a. b', 'en', { rules }).map((s) => s.text)).toEqual(['a.', 'b'])
  })

  it('treats a rule without break as a break rule and missing patterns as empty', () => {
    const rules = parseSrx(srxDocument('<rule><beforebreak>;</beforebreak></rule>'))
    expect(rules.languageRules[0]!.rules).toEqual([{ break: true, before: ';', after: '' }])
  })

  it('refuses a DOCTYPE with entities (billion laughs)', () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE srx [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n<srx version="2.0"><body/></srx>`
    const error = formatErrorOf(() => parseSrx(xml))
    expect(error.code).toBe('FORMAT_UNSAFE')
    expect(error.format).toBe('srx-2.0')
    expect(error.line).toBe(2)
    expect(error.message).toMatch(/DOCTYPE is not allowed/)
  })

  it('refuses an external entity', () => {
    const error = formatErrorOf(() => parseSrx('<!DOCTYPE srx SYSTEM "file:///etc/passwd"><srx version="2.0"><body/></srx>'))
    expect(error.code).toBe('FORMAT_UNSAFE')
  })

  it('refuses an undefined entity reference, with its line', () => {
    const error = formatErrorOf(() => parseSrx(srxDocument('        <rule break="yes"><beforebreak>&xxe;</beforebreak></rule>')))
    expect(error.code).toBe('FORMAT_INVALID')
    expect(error.line).toBe(7)
    expect(error.message).toMatch(/undefined or malformed entity reference "&xxe;"/)
  })

  it('reports malformed XML with line and column', () => {
    const error = formatErrorOf(() => parseSrx('<srx version="2.0">\n  <body>\n  </bodx>\n</srx>'))
    expect(error.code).toBe('FORMAT_INVALID')
    expect(error.line).toBe(3)
    expect(error.column).toBeGreaterThan(0)
    expect(error.message).toMatch(/^mizan: srx-2.0 \(line 3, column \d+\): malformed XML/)
  })

  it('reports a pattern that does not compile at its rule', () => {
    const error = formatErrorOf(() => parseSrx(srxDocument('        <rule break="yes">\n          <beforebreak>[.!?</beforebreak>\n        </rule>')))
    expect(error.code).toBe('FORMAT_INVALID')
    expect(error.line).toBe(7)
    expect(error.column).toBe(9)
    expect(error.message).toMatch(/<beforebreak>\[\.!\?<\/beforebreak> is not a valid regular expression/)
  })

  it('reports a map that names no rule list, and a rule list without a name', () => {
    expect(formatErrorOf(() => parseSrx(srxDocument('', '<languagemap languagepattern=".*" languagerulename="Nope"/>'))).message).toMatch(/languagerulename="Nope", which no <languagerule> defines/)
    expect(formatErrorOf(() => parseSrx('<srx version="2.0"><body><languagerules><languagerule><rule/></languagerule></languagerules></body></srx>')).message).toMatch(/needs a languagerulename/)
  })

  it('rejects other versions, other roots, a missing body and bad break values', () => {
    expect(formatErrorOf(() => parseSrx('<srx version="3.0"><body/></srx>')).code).toBe('FORMAT_UNSUPPORTED')
    expect(formatErrorOf(() => parseSrx('<xliff version="2.0"/>')).message).toMatch(/root element must be <srx>/)
    expect(formatErrorOf(() => parseSrx('<srx version="2.0"/>')).message).toMatch(/has no <body>/)
    expect(formatErrorOf(() => parseSrx(srxDocument('<rule break="maybe"/>'))).message).toMatch(/must be "yes" or "no"/)
  })

  it('rejects input over maxChars before parsing it', () => {
    const error = formatErrorOf(() => parseSrx(srxDocument(''), { maxChars: 100, file: 'rules.srx' }))
    expect(error.code).toBe('FORMAT_TOO_LARGE')
    expect(error.file).toBe('rules.srx')
    expect(error.message).toMatch(/rules\.srx/)
  })

  it('rejects a non-string argument with INVALID_INPUT', () => {
    expect(() => parseSrx(Buffer.from('<srx/>') as unknown as string)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
  })
})
