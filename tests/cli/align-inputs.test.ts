/**
 * `mizan align` and `mizan segment` with the inputs issue #12 found: a windows-1256 file, UTF-16 with a byte order
 * mark, a binary file, an empty document, the two files swapped, an unrelated pair and a half-translated one; and
 * `--dictionary`. Each refusal is one line, exit code 2, and nothing written. The built binary runs in a temp folder;
 * the documents are our own (tests/fixtures/documents.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { villageArabic, villageEnglish, recipeEnglish } from '../fixtures/documents.js'
import { haveTool, pathExists } from '../helpers/tools.js'
import { encodeSingleByte, encodeUtf16 } from '../text/legacy.js'
import { ensureBuilt, expectOneLineError, mizan, mizanJson, tempFolder } from './harness.js'

/** One line on stderr, starting with mizan:, no stack trace. */
const FREEDICT = '/usr/share/dictd/freedict-ara-eng.index'

describe.concurrent('mizan align: inputs', () => {
  let dir: string
  beforeAll(() => {
    ensureBuilt()
    dir = tempFolder('mizan-align-inputs-')
    const files: Record<string, string | Uint8Array> = {
      'ar.txt': villageArabic,
      'en.txt': villageEnglish,
      'recipe.txt': recipeEnglish,
      // The English document with a recipe before the translation's first two paragraphs: about a third of its text
      // translates the Arabic. (With the whole translation after the recipe, 63% of the text is in confident beads,
      // every bead right, and the pair is parallel by the verdict's 60% rule, since number words are read as numbers.)
      'half.txt': `${recipeEnglish}\n${villageEnglish.split('\n').slice(0, 2).join('\n')}`,
      'ar-1256.txt': Buffer.concat([Buffer.from('Report 7\n'), encodeSingleByte(villageArabic, 'windows-1256')]),
      'ar-utf16.txt': encodeUtf16(villageArabic, 'le'),
      'scan.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      'empty.txt': '',
      'blank.txt': '\n \n2019\n',
      'dictionary.txt': 'water @ الماء\nvillage @ قرية\nwell @ البئر\n',
    }
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  })

  /** Nothing was written under these names. */
  function expectNothingWritten(...names: string[]): void {
    for (const name of names) expect(existsSync(join(dir, name)), name).toBe(false)
  }

  it('shows the verdict and coverage in the summary line of a true pair, and stores it', async () => {
    const { code, stdout, stderr } = await mizan(dir, ['align', 'ar.txt', 'en.txt', '--into', 'true.xlf'])
    expect(code, stderr).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toMatch(/^aligned 10 ar and 10 en sentences into 10 beads \(1-1 ×10\); parallel \(100% of the text in confident beads\), mean confidence 0\.\d\d, 0 doubtful, 0 omissions$/m)
    expect(readFileSync(join(dir, 'true.xlf'), 'utf8')).toContain('يعيش فيها نحو ألفي شخص، معظمهم من المزارعين.')
  })

  it('includes the verdict in --json output', async () => {
    const { code, json } = await mizanJson(dir, ['align', 'ar.txt', 'en.txt'])
    expect(code).toBe(0)
    expect(json.verdict).toMatchObject({ kind: 'parallel', coverage: 1, doubtful: 0, omissions: 0 })
    expect(json.verdict.meanConfidence).toBeGreaterThan(0.5)
    expect(json.summary.omissions).toBe(0)
  })

  it('refuses to store an unrelated pair: one line, exit 2, no memory and no review page', async () => {
    const { code, stdout, stderr } = await mizan(dir, ['align', 'ar.txt', 'recipe.txt', '--into', 'unrelated.xlf', '--report', 'unrelated.html'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expectOneLineError(stderr, /^mizan: ar\.txt and recipe\.txt do not look like translations of each other \(not parallel: \d+% of the text in confident beads\); nothing written; to store them anyway: --force$/)
    expectNothingWritten('unrelated.xlf', 'unrelated.html')
  })

  it('stores an unrelated pair with --force, saying so on stderr', async () => {
    const { code, stdout, stderr } = await mizan(dir, ['align', 'ar.txt', 'recipe.txt', '--into', 'forced.xlf', '--force'])
    expect(code).toBe(0)
    expect(stderr).toMatch(/^mizan: warning: ar\.txt and recipe\.txt are not parallel \(\d+% of the text in confident beads\); stored anyway \(--force\)$/m)
    expect(stdout).toMatch(/; not parallel \(\d+% of the text in confident beads\)/)
    expect(existsSync(join(dir, 'forced.xlf'))).toBe(true)
  })

  it('prints the beads of an unrelated pair (nothing is stored) with a warning, exit 0', async () => {
    const { code, stdout, stderr } = await mizan(dir, ['align', 'ar.txt', 'recipe.txt'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/not parallel/)
    expect(stderr).toMatch(/^mizan: warning: ar\.txt and recipe\.txt do not look like translations of each other/)
  })

  it('stores a partly parallel pair with a warning on stderr', async () => {
    const { code, stdout, stderr } = await mizan(dir, ['align', 'ar.txt', 'half.txt', '--into', 'half.xlf'])
    expect(code, stderr).toBe(0)
    expect(stdout).toMatch(/; partly parallel \(\d+% of the text in confident beads\)/)
    expect(stderr).toMatch(/^mizan: warning: ar\.txt and half\.txt are partly parallel \(\d+% of the text in confident beads\); check the doubtful beads and omissions before trusting the pairs$/m)
    expect(existsSync(join(dir, 'half.xlf'))).toBe(true)
  })

  it('refuses a windows-1256 file read as UTF-8, naming the file, the byte and --encoding', async () => {
    const { code, stdout, stderr } = await mizan(dir, ['align', 'ar-1256.txt', 'en.txt', '--into', 'cp.xlf'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expectOneLineError(stderr, /^mizan: ar-1256\.txt \(byte 9\): not valid UTF-8: .* with --encoding \(e\.g\. --encoding windows-1256\)$/)
    expectNothingWritten('cp.xlf')
  })

  it('refuses a truncated UTF-16 file (a byte order mark, then half a character) in a sentence that reads', async () => {
    writeFileSync(join(dir, 'half-utf16.txt'), Uint8Array.from([0xff, 0xfe, 0x00]))
    const { code, stderr } = await mizan(dir, ['align', 'half-utf16.txt', 'en.txt', '--into', 'u16.xlf'])
    expect(code).toBe(2)
    expectOneLineError(stderr, /^mizan: half-utf16\.txt \(byte 2\): not valid utf-16le: bytes 00 are not a character in it; if the file is in another encoding, name it with --encoding \(e\.g\. --encoding windows-1256\)$/)
    expectNothingWritten('u16.xlf')
  })

  it('decodes a windows-1256 file with --source-encoding (or --encoding for both), with no U+FFFD in the memory', async () => {
    for (const flags of [['--source-encoding', 'windows-1256'], ['--encoding', 'cp1256']]) {
      const memory = `cp-${flags[0]!.slice(2)}.xlf`
      const { code, stderr } = await mizan(dir, ['align', 'ar-1256.txt', 'en.txt', '--into', memory, ...flags])
      expect(code, stderr).toBe(0)
      const xml = readFileSync(join(dir, memory), 'utf8')
      expect(xml).toContain('تقع قرية الوادي الأخضر على بعد أربعين كيلومترا شمال المدينة.')
      expect(xml).not.toContain('\ufffd')
    }
  })

  it('refuses an encoding it does not know, in one line', async () => {
    const { code, stderr } = await mizan(dir, ['align', 'ar.txt', 'en.txt', '--encoding', 'klingon-1'])
    expect(code).toBe(2)
    expectOneLineError(stderr, /option encoding must be an encoding label/)
  })

  it('reads UTF-16 with a byte order mark without being told', async () => {
    const { code, json } = await mizanJson(dir, ['align', 'ar-utf16.txt', 'en.txt'])
    expect(code).toBe(0)
    expect(json.beads[0].sourceText).toBe('تقع قرية الوادي الأخضر على بعد أربعين كيلومترا شمال المدينة.')
  })

  it('refuses a binary file at its first NUL byte', async () => {
    const { code, stderr } = await mizan(dir, ['align', 'scan.png', 'en.txt', '--into', 'bin.xlf'])
    expect(code).toBe(2)
    expectOneLineError(stderr, /^mizan: scan\.png \(byte 8\): a NUL byte: this is a binary file, not text/)
    expectNothingWritten('bin.xlf')
  })

  it.each([
    { name: 'an empty Arabic file', file: 'empty.txt', message: /^mizan: empty\.txt: no letters: the document is empty$/ },
    { name: 'a file of blank lines and a number', file: 'blank.txt', message: /^mizan: blank\.txt: no letters: the document is empty \(only spaces, digits/ },
  ])('refuses $name, even with --force', async ({ file, message }) => {
    const { code, stdout, stderr } = await mizan(dir, ['align', file, 'en.txt', '--into', 'empty.xlf', '--force'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expectOneLineError(stderr, message)
    expectNothingWritten('empty.xlf')
  })

  it('says the two files look swapped when each is in the other language', async () => {
    const { code, stderr } = await mizan(dir, ['align', 'en.txt', 'ar.txt', '--into', 'swapped.xlf'])
    expect(code).toBe(2)
    expectOneLineError(stderr, /^mizan: en\.txt and ar\.txt look swapped: .*give the ar document first \(or --force\)$/)
    expectNothingWritten('swapped.xlf')
  })

  it('refuses English given as Arabic, naming the script found, and suggests --force', async () => {
    const { code, stderr } = await mizan(dir, ['align', 'recipe.txt', 'en.txt', '--into', 'latin.xlf'])
    expect(code).toBe(2)
    expectOneLineError(stderr, /^mizan: recipe\.txt: given as ar, but only 0% of its letters are Arabic script and 100% are Latin: .* To go on anyway: --force$/)
    expectNothingWritten('latin.xlf')
  })

  it('goes on past a script problem with --force, warning on stderr', async () => {
    const { code, stderr } = await mizan(dir, ['align', 'en.txt', 'ar.txt', '--force'])
    expect(code).toBe(0)
    expect(stderr).toMatch(/^mizan: warning: en\.txt: given as ar, .* \(going on: --force\)$/m)
    expect(stderr).toMatch(/^mizan: warning: ar\.txt: given as en, .* \(going on: --force\)$/m)
  })

  it('checks standard input like a file', async () => {
    const { code, stderr } = await mizan(dir, ['align', '-', 'en.txt', '--into', 'stdin.xlf'], { input: villageEnglish })
    expect(code).toBe(2)
    expectOneLineError(stderr, /^mizan: standard input: given as ar/)
    expectNothingWritten('stdin.xlf')
  })

  it('reads a hunalign dictionary with --dictionary, and names a missing one in one line', async () => {
    const { code, json } = await mizanJson(dir, ['align', 'ar.txt', 'en.txt', '--dictionary', 'dictionary.txt'])
    expect(code).toBe(0)
    expect(json.verdict.kind).toBe('parallel')
    const missing = await mizan(dir, ['align', 'ar.txt', 'en.txt', '--dictionary', 'nowhere.index', '--into', 'dict.xlf'])
    expect(missing.code).toBe(2)
    expectOneLineError(missing.stderr, /dictionary.*nowhere/)
    expectNothingWritten('dict.xlf')
  })

  describe.runIf(haveTool('FreeDict Arabic–English (Debian dict-freedict-ara-eng)', () => pathExists(FREEDICT)))('with FreeDict', () => {
    it('tells the unrelated pair from the true pair by their words', async () => {
      const unrelated = await mizanJson(dir, ['align', 'ar.txt', 'recipe.txt', '--dictionary', FREEDICT])
      const translated = await mizanJson(dir, ['align', 'ar.txt', 'en.txt', '--dictionary', FREEDICT])
      expect(unrelated.json.verdict.kind).toBe('not parallel')
      expect(translated.json.verdict.kind).toBe('parallel')
      // The dictionary's word pairs separate the two far more than lengths alone do.
      expect(translated.json.verdict.meanConfidence - unrelated.json.verdict.meanConfidence).toBeGreaterThan(0.5)
    })
  })
})

describe('mizan segment --encoding', () => {
  it('decodes a windows-1256 file when told, and refuses it in one line otherwise', async () => {
    ensureBuilt()
    const dir = tempFolder('mizan-segment-encoding-')
    writeFileSync(join(dir, 'ar.txt'), encodeSingleByte(villageArabic, 'windows-1256'))
    const decoded = await mizanJson(dir, ['segment', 'ar.txt', '--encoding', 'windows-1256'])
    expect(decoded.code).toBe(0)
    expect(decoded.json).toHaveLength(10)
    expect(decoded.json[1].text).toBe('يعيش فيها نحو ألفي شخص، معظمهم من المزارعين.')
    const refused = await mizan(dir, ['segment', 'ar.txt'])
    expect(refused.code).toBe(2)
    expectOneLineError(refused.stderr, /^mizan: ar\.txt \(byte 0\): not valid UTF-8/)
  })
})
