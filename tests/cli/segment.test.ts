/**
 * `mizan segment --srx` and `--rules` (issue #16): the built binary writes the rules it segments with as SRX 2.0,
 * which parseSrx reads back and segments with exactly as the built-in rules do, and it segments with a user's SRX
 * file. Texts and rules are written for this test.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultSegmentationRules, parseSrx, segmentSentences } from '../../src/index.js'
import { ensureBuilt, mizan, mizanJson, tempFolder } from './harness.js'

const arabic = 'قال د. أحمد إن النمو بلغ 3.5%. هل تعرفه ؟ نعم! ولد الباحث (أ.م.) في دمشق.'
const english = 'He paid Rs. 400 at 6 a.m. Travellers came later. The law (SEC. 12) applies.[4] Done.'

// Break after every period, and never after "Dr.": rules that differ from the built-in ones on purpose.
const SIMPLE_SRX = `<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="Every period">
        <rule break="no"><beforebreak>Dr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
        <rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules><languagemap languagepattern=".*" languagerulename="Every period"/></maprules>
  </body>
</srx>
`

let dir: string

beforeAll(() => {
  ensureBuilt()
  dir = tempFolder('mizan-segment-srx-')
  writeFileSync(join(dir, 'ar.txt'), arabic)
  writeFileSync(join(dir, 'en.txt'), english)
  writeFileSync(join(dir, 'simple.srx'), SIMPLE_SRX)
})

describe.concurrent('mizan segment --srx', () => {
  it('writes the built-in rules as SRX 2.0 without a text to segment', async () => {
    const { code, stdout, stderr } = await mizan(dir, ['segment', '--srx', 'built-in.srx'])
    expect(code, stderr).toBe(0)
    expect(stdout).toBe('wrote built-in.srx: SRX 2.0, 3 rule lists (Arabic, English, Default)\n')
    const rules = parseSrx(readFileSync(join(dir, 'built-in.srx'), 'utf8'))
    expect(rules.languageRules.map((list) => list.name)).toEqual(['Arabic', 'English', 'Default'])
    expect(rules.languageMaps).toEqual(defaultSegmentationRules.languageMaps)
  })

  it('writes rules that segment Arabic and English exactly as the built-in ones', async () => {
    const { code } = await mizan(dir, ['segment', '--srx', 'same.srx'])
    expect(code).toBe(0)
    const rules = parseSrx(readFileSync(join(dir, 'same.srx'), 'utf8'))
    for (const [text, lang] of [[arabic, 'ar'], [english, 'en'], ['Bonjour. Ça va? Oui.', 'fr']] as const) {
      expect(segmentSentences(text, lang, { rules })).toEqual(segmentSentences(text, lang))
    }
  })

  it('prints the rules on standard output with --srx -', async () => {
    const { code, stdout } = await mizan(dir, ['segment', '--srx', '-'])
    expect(code).toBe(0)
    expect(stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<srx xmlns="http://www.lisa.org/srx20" version="2.0">')).toBe(true)
    expect(parseSrx(stdout).languageRules).toHaveLength(3)
  })

  it('reports what it wrote as JSON', async () => {
    const { code, json } = await mizanJson(dir, ['segment', '--srx', 'report.srx'])
    expect(code).toBe(0)
    expect(json).toEqual({ srx: 'report.srx', bytes: readFileSync(join(dir, 'report.srx')).length, languageRules: ['Arabic', 'English', 'Default'] })
  })

  it('segments a file and writes the rules in one run, the note on standard error', async () => {
    const { code, json, stderr } = await mizanJson(dir, ['segment', 'en.txt', '--lang', 'en', '--srx', 'with-text.srx'])
    expect(code).toBe(0)
    expect(json.map((sentence: { text: string }) => sentence.text)).toEqual(segmentSentences(english, 'en').map((sentence) => sentence.text))
    expect(stderr).toBe('mizan: wrote with-text.srx (SRX 2.0: Arabic, English, Default)\n')
    expect(existsSync(join(dir, 'with-text.srx'))).toBe(true)
  })

  it('needs a file or --srx', async () => {
    const { code, stderr } = await mizan(dir, ['segment'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^mizan: segment needs a file to segment .* or --srx <file> to write the rules\n$/)
  })

  it('refuses --srx - beside a text file (both would go to standard output)', async () => {
    const { code, stderr } = await mizan(dir, ['segment', 'ar.txt', '--srx', '-'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^mizan: --srx - writes the rules to standard output/)
  })

  it('never writes the rules over an input', async () => {
    const { code, stderr } = await mizan(dir, ['segment', 'ar.txt', '--rules', 'simple.srx', '--srx', './simple.srx'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^mizan: --srx \.\/simple\.srx is the same file as the input simple\.srx/)
    expect(readFileSync(join(dir, 'simple.srx'), 'utf8')).toBe(SIMPLE_SRX)
  })
})

describe.concurrent('mizan segment --rules', () => {
  it('segments with the rules of an SRX file', async () => {
    const text = 'Dr. Watson came. He sat down. It was late.'
    writeFileSync(join(dir, 'watson.txt'), text)
    const { code, json } = await mizanJson(dir, ['segment', 'watson.txt', '--lang', 'en', '--rules', 'simple.srx'])
    expect(code).toBe(0)
    expect(json.map((sentence: { text: string }) => sentence.text)).toEqual(['Dr. Watson came.', 'He sat down.', 'It was late.'])
  })

  it('differs from the built-in rules where the file says so', async () => {
    // the built-in rules keep "Rs. 400" together; a break after every period does not
    const { json } = await mizanJson(dir, ['segment', 'en.txt', '--lang', 'en', '--rules', 'simple.srx'])
    expect(json[0].text).toBe('He paid Rs.')
  })

  it('writes the rules it read with --srx (a round trip through mizan)', async () => {
    const { code } = await mizan(dir, ['segment', '--rules', 'simple.srx', '--srx', 'copy.srx'])
    expect(code).toBe(0)
    expect(parseSrx(readFileSync(join(dir, 'copy.srx'), 'utf8'))).toEqual(parseSrx(SIMPLE_SRX))
  })

  it('reports a bad SRX file with its name, line and column, exit code 2', async () => {
    writeFileSync(join(dir, 'bad.srx'), SIMPLE_SRX.replace('<beforebreak>\\.</beforebreak>', '<beforebreak>[.</beforebreak>'))
    const { code, stderr } = await mizan(dir, ['segment', 'ar.txt', '--rules', 'bad.srx'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^mizan: .*bad\.srx.*\b8\b.*\[\./)
    expect(stderr).not.toMatch(/\n\s+at /)
  })
})
