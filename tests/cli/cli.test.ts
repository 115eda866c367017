/**
 * The `mizan` command as a user meets it: the built binary (dist/cli/bin.js) run in a temporary folder.
 * Every command, its --json output parsed and checked, exit codes, standard input, and bad input.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN, ensureBuilt, expectOneLineError, mizan, mizanJson, repoRoot, tempFolder, tmxOf } from './harness.js'

const corpus = join(repoRoot, 'corpus', 'xi-rahmon-samarkand')
const ar = readFileSync(join(corpus, 'ar.txt'), 'utf8')
const arLines = ar.split('\n').filter((line) => line.trim() !== '')

const COMMANDS = ['align', 'import', 'export', 'lookup', 'search', 'concordance', 'stats', 'segment', 'demo', 'review']

// Our own small exchange files (not from any corpus), for import.
const XLIFF12 = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="greetings.txt" source-language="ar" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="g1"><source>صباح الخير يا أصدقاء.</source><target state="translated">Good morning, friends.</target></trans-unit>
      <trans-unit id="g2"><source>إلى اللقاء غدا.</source><target state="new"></target></trans-unit>
    </body>
  </file>
</xliff>
`
const TMX = tmxOf([
  ['شكرا جزيلا على المساعدة.', 'Thank you very much for the help.'],
  ['أين محطة القطار؟', 'Where is the train station?'],
])

describe('mizan', () => {
  let dir: string

  beforeAll(() => {
    ensureBuilt()
    dir = tempFolder()
    cpSync(corpus, join(dir, 'corpus', 'xi-rahmon-samarkand'), { recursive: true })
    writeFileSync(join(dir, 'greetings.xlf'), XLIFF12)
    writeFileSync(join(dir, 'phrases.tmx'), TMX)
    // Some 2,000 sentences: more output than a pipe buffer holds, for the early-close test.
    writeFileSync(join(dir, 'long.txt'), `${ar.trim()}\n`.repeat(200))
  })

  describe.concurrent('--help and --version', () => {
    it('prints the version from our package.json', async () => {
      const { code, stdout } = await mizan(dir, ['--version'])
      const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version
      expect(code).toBe(0)
      expect(stdout.trim()).toBe(version)
    })

    it('lists every command', async () => {
      const { code, stdout } = await mizan(dir, ['--help'])
      expect(code).toBe(0)
      for (const command of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'))
      expect(stdout).toContain('Exit codes: 0 ok, 1 no result')
    })

    it.each(COMMANDS)('%s --help shows its usage and --json', async (command) => {
      const { code, stdout } = await mizan(dir, [command, '--help'])
      expect(code).toBe(0)
      expect(stdout).toContain(`Usage: mizan ${command}`)
      expect(stdout).toContain('--json')
    })

    it('gives code 2 and help on stderr without a command', async () => {
      const { code, stdout } = await mizan(dir, [])
      expect(code).toBe(2)
      expect(stdout).toBe('')
    })
  })

  describe('align', () => {
    it('aligns the corpus and prints every bead as JSON, covering each sentence once', async () => {
      const { code, json, stderr } = await mizanJson(dir, ['align', 'corpus/xi-rahmon-samarkand/ar.txt', 'corpus/xi-rahmon-samarkand/en.txt'])
      expect(code).toBe(0)
      expect(stderr).toBe('')
      expect(json.sourceSentences).toBe(10)
      expect(json.targetSentences).toBe(12)
      const sources = json.beads.flatMap((bead: { source: number[] }) => bead.source)
      const targets = json.beads.flatMap((bead: { target: number[] }) => bead.target)
      expect(sources).toEqual([...Array(10).keys()])
      expect(targets).toEqual([...Array(12).keys()])
      for (const bead of json.beads) {
        expect(bead.shape).toBe(`${bead.source.length}-${bead.target.length}`)
        expect(bead.score).toBeGreaterThanOrEqual(0)
        expect(bead.score).toBeLessThanOrEqual(1)
      }
      expect(json.summary.beads).toBe(json.beads.length)
      expect(json.beads[0].sourceText).toBe(arLines[0])
    })

    it('prints the pairs as text, Arabic as written', async () => {
      const { code, stdout } = await mizan(dir, ['align', 'corpus/xi-rahmon-samarkand/ar.txt', 'corpus/xi-rahmon-samarkand/en.txt'])
      expect(code).toBe(0)
      expect(stdout).toContain(arLines[0])
      expect(stdout).toMatch(/aligned 10 ar and 12 en sentences into \d+ beads/)
    })

    it('writes the memory and the review page', async () => {
      const { code, json } = await mizanJson(dir, ['align', 'corpus/xi-rahmon-samarkand/ar.txt', 'corpus/xi-rahmon-samarkand/en.txt', '--into', 'tm.xlf', '--report', 'review.html'])
      expect(code).toBe(0)
      expect(json.added).toBe(json.beads.filter((bead: { source: number[]; target: number[] }) => bead.source.length > 0 && bead.target.length > 0).length)
      expect(json.updated).toBe(0)
      expect(json.size).toBe(json.added)
      const xliff = readFileSync(join(dir, 'tm.xlf'), 'utf8')
      expect(xliff).toMatch(/<xliff [^>]*version="2\.1"/)
      expect(xliff).toContain('srcLang="ar"')
      // the editing page: its embedded data holds three numbers a bead
      const data = JSON.parse(/<script type="application\/json" id="mizan-data">(.*?)<\/script>/s.exec(readFileSync(join(dir, 'review.html'), 'utf8'))![1]!)
      expect(data.beads).toHaveLength(3 * json.beads.length)
    })

    it('skips pairs already in the memory when run again', async () => {
      const { code, json } = await mizanJson(dir, ['align', 'corpus/xi-rahmon-samarkand/ar.txt', 'corpus/xi-rahmon-samarkand/en.txt', '--into', 'tm.xlf'])
      expect(code).toBe(0)
      expect(json.added).toBe(0)
      expect(json.skipped).toBe(json.size)
    })

    it('stops quietly when the reader closes the pipe early (| head)', async () => {
      const { spawn } = await import('node:child_process')
      const child = spawn(process.execPath, [BIN, 'segment', 'long.txt'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
      let stderr = ''
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      child.stdout.once('data', () => child.stdout.destroy())
      const code = await new Promise<number | null>((resolvePromise) => child.on('close', (exitCode) => resolvePromise(exitCode)))
      expect(stderr).toBe('')
      expect(code).toBe(0)
    })

    it('reads the source from standard input', async () => {
      const { code, json } = await mizanJson(dir, ['align', '-', 'corpus/xi-rahmon-samarkand/en.txt'], { input: ar })
      expect(code).toBe(0)
      expect(json.sourceSentences).toBe(10)
    })

    it('rejects a missing file with code 2 and one line naming it', async () => {
      const { code, stdout, stderr } = await mizan(dir, ['align', 'nope.txt', 'corpus/xi-rahmon-samarkand/en.txt'])
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expectOneLineError(stderr, /cannot read nope\.txt: no such file/)
    })

    it('rejects a bad --doubtful-below with code 2', async () => {
      const { code, stderr } = await mizan(dir, ['align', 'corpus/xi-rahmon-samarkand/ar.txt', 'corpus/xi-rahmon-samarkand/en.txt', '--doubtful-below', 'high'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /option '--doubtful-below <score>' argument 'high' is invalid\. Expected a number from 0 to 1\./)
    })
  })

  describe.concurrent('lookup', () => {
    it('finds an exact match (100%)', async () => {
      const { code, json } = await mizanJson(dir, ['lookup', 'tm.xlf', arLines[0]!])
      expect(code).toBe(0)
      expect(json.matches[0].percent).toBe(100)
      expect(json.matches[0].kind).toBe('exact')
      expect(json.matches[0].unit.source).toBe(arLines[0])
      expect(json.matches[0].unit.target).toMatch(/^Chinese President Xi Jinping/)
    })

    it('finds a context match (101%) when the previous sentence matches', async () => {
      const { code, json } = await mizanJson(dir, ['lookup', 'tm.xlf', arLines[2]!, '--previous', arLines[1]!])
      expect(code).toBe(0)
      expect(json.matches[0].percent).toBe(101)
      expect(json.matches[0].kind).toBe('context')
    })

    it('ignores diacritics and tatweel as a normalized match (99%)', async () => {
      const decorated = arLines[0]!.replace('الرئيس', 'الرَّئِيـــس')
      const { code, json } = await mizanJson(dir, ['lookup', 'tm.xlf', decorated])
      expect(code).toBe(0)
      expect(json.matches[0].percent).toBe(99)
    })

    it('reads the text from standard input', async () => {
      const { code, json } = await mizanJson(dir, ['lookup', 'tm.xlf', '-'], { input: `${arLines[0]}\n` })
      expect(code).toBe(0)
      expect(json.matches).toHaveLength(1)
    })

    it('looks up by the English side with --side target', async () => {
      const english = readFileSync(join(corpus, 'en.txt'), 'utf8').split('\n')[0]!.split(/(?<=\.) /)[0]!
      const { code, json } = await mizanJson(dir, ['lookup', 'tm.xlf', english, '--side', 'target'])
      expect(code).toBe(0)
      expect(json.matches[0].unit.source).toBe(arLines[0])
    })

    it('prints an empty JSON list and exits 1 when there is no match', async () => {
      const { code, json } = await mizanJson(dir, ['lookup', 'tm.xlf', 'جملة غير موجودة'])
      expect(code).toBe(1)
      expect(json.matches).toEqual([])
    })

    it('exits 1 with words when there is no match', async () => {
      const { code, stdout } = await mizan(dir, ['lookup', 'tm.xlf', 'جملة غير موجودة'])
      expect(code).toBe(1)
      expect(stdout.trim()).toBe('no exact match on the source side (ar)')
    })

    it('rejects a missing memory with code 2 instead of creating one', async () => {
      const { code, stderr } = await mizan(dir, ['lookup', 'missing.xlf', 'x'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /cannot read missing\.xlf: no such file/)
      expect(existsSync(join(dir, 'missing.xlf'))).toBe(false)
    })
  })

  describe.concurrent('search', () => {
    const words = arLines[0]!.split(' ')
    const edited = [...words.slice(0, 3), ...words.slice(4)].join(' ')

    it('finds an edited sentence with its percent and diff', async () => {
      const { code, json } = await mizanJson(dir, ['search', 'tm.xlf', edited])
      expect(code).toBe(0)
      const best = json.matches[0]
      expect(best.unit.source).toBe(arLines[0])
      expect(best.percent).toBeGreaterThanOrEqual(90)
      expect(best.percent).toBeLessThan(100)
      expect(best.percent).toBe(Math.floor(best.score * 100 + 1e-9))
      expect(best.diff.filter((part: { op: string }) => part.op === 'added').flatMap((part: { tokens: string[] }) => part.tokens)).toEqual([words[3]!.replace(/،$/, '')])
    })

    it('marks the differences in words when not on a terminal', async () => {
      const { code, stdout } = await mizan(dir, ['search', 'tm.xlf', edited])
      expect(code).toBe(0)
      expect(stdout).toContain(`{+${words[3]!.replace(/،$/, '')}+}`)
      expect(stdout).not.toContain('\u001b[')
      expect(stdout).toMatch(/^ 9\d%/m)
    })

    it('colours the differences when colour is on', async () => {
      const { stdout } = await mizan(dir, ['search', 'tm.xlf', edited], { env: { FORCE_COLOR: '1' } })
      expect(stdout).toContain(`\u001b[32m\u001b[4m${words[3]!.replace(/،$/, '')}\u001b[24m\u001b[39m`)
    })

    it('reads the query from standard input', async () => {
      const { code, json } = await mizanJson(dir, ['search', 'tm.xlf', '-'], { input: `${edited}\n` })
      expect(code).toBe(0)
      expect(json.query).toBe(edited)
      expect(json.matches[0].unit.source).toBe(arLines[0])
    })

    it('respects --min and --limit', async () => {
      const loose = await mizanJson(dir, ['search', 'tm.xlf', edited, '--min', '1', '--limit', '3'])
      expect(loose.code).toBe(0)
      expect(loose.json.matches.length).toBeLessThanOrEqual(3)
      const percents = loose.json.matches.map((match: { percent: number }) => match.percent)
      expect(percents).toEqual([...percents].sort((a, b) => b - a))
    })

    it('shows 101% for a context match when --previous is given', async () => {
      const { json } = await mizanJson(dir, ['search', 'tm.xlf', arLines[2]!, '--previous', arLines[1]!])
      expect(json.matches[0].percent).toBe(101)
    })

    it('searches the English side with --side target', async () => {
      const english = readFileSync(join(corpus, 'en.txt'), 'utf8').split('\n')[0]!
      const { code, json } = await mizanJson(dir, ['search', 'tm.xlf', english.replace('strong ', ''), '--side', 'target'])
      expect(code).toBe(0)
      expect(json.matches[0].unit.source).toBe(arLines[0])
      expect(json.matches[0].unit.target).toBe(english)
      expect(json.matches[0].diff.filter((part: { op: string }) => part.op === 'added')).toEqual([{ op: 'added', tokens: ['strong'] }])
    })

    it('exits 1 when nothing is close enough', async () => {
      const { code, stdout } = await mizan(dir, ['search', 'tm.xlf', 'كلمات لا علاقة لها بأي شيء هنا'])
      expect(code).toBe(1)
      expect(stdout.trim()).toBe('no match of 70% or more on the source side (ar)')
    })

    it.each([
      [['--min', '150'], /option '--min <percent>' argument '150' is invalid\. Expected a whole number from 1 to 100\./],
      [['--limit', '0'], /option '--limit <n>' argument '0' is invalid\. Expected a whole number from 1 to 10000\./],
      [['--side', 'middle'], /argument 'middle' is invalid/],
    ])('rejects %j with code 2', async (flags, message) => {
      const { code, stderr } = await mizan(dir, ['search', 'tm.xlf', edited, ...flags])
      expect(code).toBe(2)
      expectOneLineError(stderr, message)
    })
  })

  describe.concurrent('concordance', () => {
    it('finds units containing the words and says where', async () => {
      const { code, json } = await mizanJson(dir, ['concordance', 'tm.xlf', 'طاجيكستان'])
      expect(code).toBe(0)
      expect(json.matches.length).toBeGreaterThan(2)
      for (const match of json.matches) {
        expect(match.unit.source).toContain('طاجيكستان')
        expect(match.spans.length).toBeGreaterThan(0)
      }
    })

    it('marks the words in plain output', async () => {
      const { stdout } = await mizan(dir, ['concordance', 'tm.xlf', 'شنغهاي'])
      expect(stdout).toContain('[[شنغهاي]]')
    })

    it('exits 1 when no unit has the words', async () => {
      const { code } = await mizan(dir, ['concordance', 'tm.xlf', 'بطريق'])
      expect(code).toBe(1)
    })
  })

  describe.concurrent('stats', () => {
    it('counts units, shapes and languages', async () => {
      const { code, json } = await mizanJson(dir, ['stats', 'tm.xlf'])
      expect(code).toBe(0)
      expect(json.sourceLang).toBe('ar')
      expect(json.targetLang).toBe('en')
      expect(json.units).toBeGreaterThan(0)
      expect(json.aligned).toBe(json.units)
      expect(Object.values(json.shapes as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(json.units)
      expect(json.documents).toEqual({ 'ar.txt': json.units })
      expect(json.lengthRatio).toBeGreaterThan(1)
    })

    it('prints a readable summary', async () => {
      const { code, stdout } = await mizan(dir, ['stats', 'tm.xlf'])
      expect(code).toBe(0)
      expect(stdout).toMatch(/^languages  ar → en$/m)
    })
  })

  describe('import', () => {
    it('imports XLIFF 1.2 and TMX, reporting added and skipped (untranslated)', async () => {
      const { code, json, stderr } = await mizanJson(dir, ['import', 'greetings.xlf', 'phrases.tmx', '--into', 'imported.xlf'])
      expect(code).toBe(0)
      expect(stderr).toBe('')
      expect(json.files).toMatchObject([
        { file: 'greetings.xlf', format: 'xliff-1.2', units: 2, added: 1, updated: 0, skipped: 1 },
        { file: 'phrases.tmx', format: 'tmx', units: 2, added: 2, updated: 0, skipped: 0 },
      ])
      expect(json.size).toBe(3)
    })

    it('skips units already there and counts changed ones as updated', async () => {
      writeFileSync(join(dir, 'phrases2.tmx'), TMX.replace('Where is the train station?', 'Where is the railway station?'))
      const { json } = await mizanJson(dir, ['import', 'phrases2.tmx', '--into', 'imported.xlf'])
      expect(json.files[0]).toMatchObject({ added: 0, updated: 1, skipped: 1 })
      expect(json.size).toBe(3)
    })

    it('rejects malformed XLIFF with code 2, naming the file and line', async () => {
      writeFileSync(join(dir, 'broken.xlf'), '<?xml version="1.0"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar">\n<file id="f1">\n<unit id="1"><segment><source>نص</source></segment>\n</file>\n</xliff>\n')
      const { code, stderr } = await mizan(dir, ['import', 'broken.xlf', '--into', 'imported.xlf'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /broken\.xlf/)
      expect(stderr).toMatch(/line \d+/)
    })

    it('rejects a file that is neither XLIFF nor TMX with code 2', async () => {
      const { code, stderr } = await mizan(dir, ['import', 'corpus/xi-rahmon-samarkand/ar.txt', '--into', 'imported.xlf'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /ar\.txt: not an XLIFF or TMX file/)
    })

    it('refuses a DOCTYPE (no entity expansion) with code 2', async () => {
      writeFileSync(join(dir, 'evil.xlf'), '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa">]>\n<xliff version="1.2"><file source-language="ar" original="x" datatype="plaintext"><body><trans-unit id="1"><source>&a;</source></trans-unit></body></file></xliff>\n')
      const { code, stderr } = await mizan(dir, ['import', 'evil.xlf', '--into', 'imported.xlf'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /evil\.xlf/)
    })

    it('refuses an XLIFF file whose languages are the memory\'s reversed, with code 2', async () => {
      writeFileSync(join(dir, 'reversed.xlf'), XLIFF12.replace('source-language="ar" target-language="en"', 'source-language="en" target-language="ar"'))
      const { code, stderr } = await mizan(dir, ['import', 'reversed.xlf', '--into', 'imported.xlf'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /reversed\.xlf: its units are en→ar but the memory is ar→en/)
    })

    it('requires --into', async () => {
      const { code, stderr } = await mizan(dir, ['import', 'phrases.tmx'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /--into/)
    })
  })

  describe('export', () => {
    it.each([
      ['xliff12', /<xliff [^>]*version="1\.2"/],
      ['xliff20', /<xliff [^>]*version="2\.0"/],
      ['xliff21', /<xliff [^>]*version="2\.1"/],
      ['xliff22', /<xliff [^>]*version="2\.2"/],
      ['tmx', /<tmx version="1\.4"/],
    ])('writes %s', async (format, root) => {
      const output = `out-${format}.${format === 'tmx' ? 'tmx' : 'xlf'}`
      const { code, json } = await mizanJson(dir, ['export', 'tm.xlf', '--format', format, '-o', output])
      expect(code).toBe(0)
      expect(json.units).toBeGreaterThan(0)
      const text = readFileSync(join(dir, output), 'utf8')
      expect(text).toMatch(root)
      expect(text).toContain(arLines[0])
      expect(json.bytes).toBe(Buffer.byteLength(text))
    })

    it('round-trips: the TMX export imports back as the same units, all skipped', async () => {
      const stats = (await mizanJson(dir, ['stats', 'tm.xlf'])).json
      const { json } = await mizanJson(dir, ['import', 'out-tmx.tmx', '--into', 'tm.xlf'])
      // TMX leaves out the units that need review (tests/cli/review-state.test.ts).
      const written = stats.units - stats.needsReview
      expect(json.files[0]).toMatchObject({ units: written, added: 0, skipped: written })
    })

    it('rejects an unknown format with code 2', async () => {
      const { code, stderr } = await mizan(dir, ['export', 'tm.xlf', '--format', 'docx', '-o', 'x.docx'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /argument 'docx' is invalid. Allowed choices are xliff12, xliff20, xliff21, xliff22, tmx/)
      expect(existsSync(join(dir, 'x.docx'))).toBe(false)
    })

    it('rejects an output folder that does not exist with code 2', async () => {
      const { code, stderr } = await mizan(dir, ['export', 'tm.xlf', '--format', 'tmx', '-o', 'no/such/dir/x.tmx'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /cannot write no\/such\/dir\/x\.tmx/)
    })

    it('rejects a malformed memory with code 2, naming the file and line', async () => {
      writeFileSync(join(dir, 'bad-memory.xlf'), '<?xml version="1.0"?>\n<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar" trgLang="en">\n<file id="f1">\n<unit id="u1"><segment><source>نص</source><target>text</segment></unit>\n</file>\n</xliff>\n')
      const { code, stderr } = await mizan(dir, ['export', 'bad-memory.xlf', '--format', 'tmx', '-o', 'y.tmx'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /bad-memory\.xlf.*line 4/)
    })
  })

  describe('a database memory (sqlite:)', () => {
    it('aligns into an SQLite memory and searches it', async () => {
      const aligned = await mizanJson(dir, ['align', 'corpus/xi-rahmon-samarkand/ar.txt', 'corpus/xi-rahmon-samarkand/en.txt', '--into', 'sqlite:tm.db'])
      expect(aligned.code).toBe(0)
      expect(aligned.json.added).toBeGreaterThan(0)
      expect(existsSync(join(dir, 'tm.db'))).toBe(true)
      const found = await mizanJson(dir, ['lookup', 'sqlite:tm.db', arLines[0]!])
      expect(found.code).toBe(0)
      expect(found.json.matches[0].unit.source).toBe(arLines[0])
      const stats = await mizanJson(dir, ['stats', 'sqlite:tm.db'])
      expect(stats.json.units).toBe(aligned.json.size)
    })

    it('imports into a database named with --store', async () => {
      const { code, json } = await mizanJson(dir, ['import', 'phrases.tmx', '--store', 'sqlite:store.db'])
      expect(code).toBe(0)
      expect(json).toMatchObject({ into: 'sqlite:store.db', added: 2, size: 2 })
      const found = await mizanJson(dir, ['search', 'sqlite:store.db', 'أين محطة القطار الكبيرة؟'])
      expect(found.json.matches[0].unit.target).toBe('Where is the train station?')
    })

    it('rejects --store with a file path, and --store with --into, with code 2', async () => {
      const plain = await mizan(dir, ['import', 'phrases.tmx', '--store', 'store.db'])
      expect(plain.code).toBe(2)
      expectOneLineError(plain.stderr, /for an SQLite file write sqlite:store\.db/)
      const both = await mizan(dir, ['import', 'phrases.tmx', '--store', 'sqlite:store.db', '--into', 'x.xlf'])
      expect(both.code).toBe(2)
      expectOneLineError(both.stderr, /option '--store <spec>' cannot be used with option '--into <tm\.xlf>'/)
    })

    it('rejects an unknown store scheme with code 2', async () => {
      const { code, stderr } = await mizan(dir, ['import', 'phrases.tmx', '--into', 'sqlite:'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /sqlite:path\/to\/memory\.db/)
    })
  })

  describe.concurrent('segment', () => {
    it('segments standard input as JSON with offsets', async () => {
      const text = 'مرحبا. كيف حالك؟'
      const { code, json } = await mizanJson(dir, ['segment', '-', '--lang', 'ar'], { input: text })
      expect(code).toBe(0)
      expect(json.map((sentence: { text: string }) => sentence.text)).toEqual(['مرحبا.', 'كيف حالك؟'])
      for (const sentence of json) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text)
    })
  })

  describe('demo', () => {
    it('aligns the corpus, writes corpus/out/tm.xlf and review.html, and finds the edited sentence', async () => {
      const { code, stdout, stderr } = await mizan(dir, ['demo'])
      expect(code, stderr).toBe(0)
      expect(stdout).toMatch(/^aligned   10 Arabic and 12 English sentences into \d+ beads .*; parallel, mean confidence/m)
      expect(stdout).toMatch(/^memory    corpus\/out\/tm\.xlf: 9 units, \d+ of them needing review \(confidence under 0\.9\)/m)
      expect(stdout).toMatch(/^best      9\d% /m)
      expect(stdout).toContain('{+')
      expect(existsSync(join(dir, 'corpus', 'out', 'tm.xlf'))).toBe(true)
      expect(readFileSync(join(dir, 'corpus', 'out', 'review.html'), 'utf8')).toContain('dir="rtl"')
    })

    it('prints its figures as JSON', async () => {
      const { code, json } = await mizanJson(dir, ['demo'])
      expect(code).toBe(0)
      expect(json.units).toBeGreaterThan(0)
      expect(json.matches[0].percent).toBeGreaterThanOrEqual(90)
      expect(json.matches[0].source.split(' ').length).toBe(json.query.split(' ').length + 1)
    })

    it('rejects a folder without ar.txt with code 2', async () => {
      const { code, stderr } = await mizan(dir, ['demo', 'nowhere'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /cannot read nowhere\/ar\.txt: no such file/)
    })
  })
})
