/**
 * What the `mizan` binary does with hostile or unusual inputs (issue #17, items 7, 9, 10, 11; #16 on SQLite files):
 * it never reads past --max-input (devices and pipes included), never writes over one of its inputs, turns every
 * file-system error into one line naming the file, and reads `-`, /dev/stdin and FIFOs wherever it reads a file.
 */
import { spawn } from 'node:child_process'
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { describeFileError, fileErrorMessage } from '../../src/cli/file-errors.js'
import { main } from '../../src/cli/main.js'
import { formatByteSize, parseByteSize } from '../../src/cli/options.js'
import { BIN, ensureBuilt, expectOneLineError, mizan, mizanJson, repoRoot, tmxOf } from './harness.js'

const corpus = join(repoRoot, 'corpus', 'xi-rahmon-samarkand')
const ar = readFileSync(join(corpus, 'ar.txt'), 'utf8')
const en = readFileSync(join(corpus, 'en.txt'), 'utf8')

// Our own small exchange files (not from any corpus).
const XLIFF2 = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar" trgLang="en">
  <file id="f1">
    <unit id="u1"><segment><source>صباح الخير.</source><target>Good morning.</target></segment></unit>
    <unit id="u2"><segment><source>شكرا جزيلا.</source><target>Thank you very much.</target></segment></unit>
  </file>
</xliff>
`
const TMX = tmxOf([['أين محطة القطار؟', 'Where is the train station?']])

/** Makes a FIFO (mkfifo(1)). */
function makeFifo(path: string): Promise<void> {
  return new Promise((resolve, reject) => spawn('mkfifo', [path]).on('close', (code) => (code === 0 ? resolve() : reject(new Error(`mkfifo ${path} exited ${code}`)))))
}

/**
 * Runs mizan with `path` a FIFO fed with `content` by a separate writer process (`cat`), which is killed once mizan
 * has exited, so a run that never opens the FIFO cannot leave a writer blocked forever.
 */
async function withFifo(dir: string, name: string, content: string, args: (fifo: string) => string[]): Promise<Awaited<ReturnType<typeof mizan>>> {
  const fifo = join(dir, name)
  const source = join(dir, `${name}.content`)
  writeFileSync(source, content)
  await makeFifo(fifo)
  const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', source, fifo], { stdio: 'ignore' })
  try {
    return await mizan(dir, args(name))
  } finally {
    writer.kill()
  }
}

/** Runs the built mizan with its standard input opened on `file` (a device such as /dev/zero), not a pipe. */
function mizanWithStdinFrom(cwd: string, args: string[], file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdin = openSync(file, 'r')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: [stdin, 'pipe', 'pipe'] })
    closeSync(stdin)
    let stdout = ''
    let stderr = ''
    // stdio is [file, 'pipe', 'pipe']: both output streams exist.
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

describe('mizan input safety', () => {
  let dir: string

  beforeAll(() => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'mizan-input-safety-'))
    cpSync(corpus, join(dir, 'corpus'), { recursive: true })
    writeFileSync(join(dir, 'tm.xlf'), XLIFF2)
    writeFileSync(join(dir, 'phrases.tmx'), TMX)
    // Two symbolic links to each other: following either never ends (ELOOP).
    symlinkSync('loop2', join(dir, 'loop1'))
    symlinkSync('loop1', join(dir, 'loop2'))
    symlinkSync('tm.xlf', join(dir, 'link.xlf'))
    mkdirSync(join(dir, 'sub'))
    // The 16-byte header every SQLite 3 database starts with, then zeros: enough to be recognised.
    writeFileSync(join(dir, 'tm.db'), Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080)]))
  })

  describe.concurrent('--max-input', () => {
    it.each([
      ['segment', ['segment', '/dev/zero']],
      ['align (source)', ['align', '/dev/zero', 'corpus/en.txt']],
      ['align (target)', ['align', 'corpus/ar.txt', '/dev/zero']],
    ])('%s stops reading /dev/zero at the limit and exits 2 naming it', async (_name, args) => {
      const { code, stdout, stderr } = await mizan(dir, ['--max-input', '1MB', ...args])
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expectOneLineError(stderr, /\/dev\/zero gave more than the input limit of 1MB \(reading stopped there\); to read it, raise the limit: --max-input 2MB/)
    })

    it.each([
      ['segment -', ['segment', '-']],
      ['lookup', ['lookup', 'tm.xlf', '-']],
      ['search', ['search', 'tm.xlf', '-']],
      ['stats (the memory)', ['stats', '-']],
    ])('%s stops reading standard input from /dev/zero at the limit', async (_name, args) => {
      const { code, stderr } = await mizanWithStdinFrom(dir, ['--max-input', '1MB', ...args], '/dev/zero')
      expect(code).toBe(2)
      expectOneLineError(stderr, /standard input gave more than the input limit of 1MB \(reading stopped there\)/)
    })

    it('takes the option after the command too', async () => {
      const { code, stderr } = await mizan(dir, ['segment', '/dev/zero', '--max-input', '64KB'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /input limit of 64KB/)
    })

    it('stops /dev/zero at the default limit (512MB) with exit 2', async () => {
      const { code, stderr } = await mizan(dir, ['segment', '/dev/zero'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /\/dev\/zero gave more than the input limit of 512MB .*--max-input 1GB/)
    })

    it.each([
      ['segment -', ['segment', '-']],
      ['align - target', ['align', '-', 'corpus/en.txt']],
      ['lookup', ['lookup', 'tm.xlf', '-']],
      ['search', ['search', 'tm.xlf', '-']],
      ['concordance', ['concordance', 'tm.xlf', '-']],
      ['import -', ['import', '-', '--into', 'stdin.xlf']],
    ])('%s refuses standard input over the limit', async (_name, args) => {
      const { code, stderr } = await mizan(dir, ['--max-input', '4KB', ...args], { input: `${ar}\n`.repeat(4) })
      expect(code).toBe(2)
      expectOneLineError(stderr, /standard input gave more than the input limit of 4KB/)
    })

    it('refuses a regular file over the limit by its size, before reading it', async () => {
      const { code, stderr } = await mizan(dir, ['--max-input', '4KB', 'segment', 'corpus/ar.txt'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /corpus\/ar\.txt is 4\.58KB, over the input limit of 4KB; to read it, raise the limit: --max-input 8KB/)
    })

    it('refuses a memory file over the limit, and an import file over it without touching the memory', async () => {
      const stats = await mizan(dir, ['--max-input', '100B', 'stats', 'tm.xlf'])
      expect(stats.code).toBe(2)
      expectOneLineError(stats.stderr, /tm\.xlf is \d+B, over the input limit of 100B/)
      const imported = await mizan(dir, ['--max-input', '200B', 'import', 'phrases.tmx', '--into', 'limited.xlf'])
      expect(imported.code).toBe(2)
      expectOneLineError(imported.stderr, /phrases\.tmx is \d+B, over the input limit of 200B/)
      expect(() => readFileSync(join(dir, 'limited.xlf'))).toThrow(/ENOENT/)
    })

    it('reads inputs under the limit as before', async () => {
      const { code, json } = await mizanJson(dir, ['--max-input', '8KB', 'segment', 'corpus/ar.txt'])
      expect(code).toBe(0)
      expect(json.length).toBeGreaterThan(5)
    })

    it('rejects a malformed size naming the option', async () => {
      const { code, stderr } = await mizan(dir, ['--max-input', 'lots', 'segment', 'corpus/ar.txt'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /option '--max-input <size>' argument 'lots' is invalid\. Expected a size such as 512MB/)
    })
  })

  describe.concurrent('never writes over an input', () => {
    it.each([['tm.xlf'], ['./tm.xlf'], ['../{dir}/tm.xlf'], ['sub/../tm.xlf'], ['link.xlf']])('export -o %s is refused and the memory is untouched', async (output) => {
      const name = dir.split('/').pop()!
      const before = readFileSync(join(dir, 'tm.xlf'))
      const { code, stdout, stderr } = await mizan(dir, ['export', 'tm.xlf', '--format', 'tmx', '-o', output.replace('{dir}', name)])
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expectOneLineError(stderr, /^mizan: -o \S+ (is the input|is the same file as the input tm\.xlf); writing it would destroy the input/)
      expect(readFileSync(join(dir, 'tm.xlf'))).toEqual(before)
    })

    it('align --report over the source is refused, the source untouched', async () => {
      const { code, stderr } = await mizan(dir, ['align', 'corpus/ar.txt', 'corpus/en.txt', '--report', './corpus/ar.txt'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /--report \.\/corpus\/ar\.txt is the same file as the input corpus\/ar\.txt/)
      expect(readFileSync(join(dir, 'corpus', 'ar.txt'), 'utf8')).toBe(ar)
    })

    it('align --into the target is refused, the target untouched', async () => {
      const { code, stderr } = await mizan(dir, ['align', 'corpus/ar.txt', 'corpus/en.txt', '--into', 'corpus/en.txt'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /--into corpus\/en\.txt is the input/)
      expect(readFileSync(join(dir, 'corpus', 'en.txt'), 'utf8')).toBe(en)
    })

    it.each([
      ['export -o', (fifo: string) => ['export', 'tm.xlf', '--format', 'tmx', '-o', fifo], '-o'],
      ['align --report', (fifo: string) => ['align', 'corpus/ar.txt', 'corpus/en.txt', '--report', fifo], '--report'],
    ])('%s a FIFO is refused, the FIFO left in place', async (_name, args, option) => {
      const fifo = `out-${option.replace(/-/g, '')}.fifo`
      await makeFifo(join(dir, fifo))
      const { code, stderr } = await mizan(dir, args(fifo))
      expect(code).toBe(2)
      expectOneLineError(stderr, new RegExp(`${option} ${fifo} is a FIFO; outputs are written to a temporary file renamed over the name`))
      expect(statSync(join(dir, fifo)).isFIFO()).toBe(true)
    })

    it('align --report and --into naming one new file is refused before either is written', async () => {
      const { code, stderr } = await mizan(dir, ['align', 'corpus/ar.txt', 'corpus/en.txt', '--into', 'both.xlf', '--report', './both.xlf'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /--report \.\/both\.xlf is the same file as the input both\.xlf/)
      expect(() => statSync(join(dir, 'both.xlf'))).toThrow(/ENOENT/)
    })

    it('import --into one of the files read is refused, the file untouched', async () => {
      const before = readFileSync(join(dir, 'tm.xlf'))
      const { code, stderr } = await mizan(dir, ['import', 'phrases.tmx', 'link.xlf', '--into', 'tm.xlf'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /--into tm\.xlf is the same file as the input link\.xlf/)
      expect(readFileSync(join(dir, 'tm.xlf'))).toEqual(before)
    })
  })

  describe.concurrent('file-system errors are one line naming the file', () => {
    it.each([
      ['import', ['import', 'loop1', '--into', 'n.xlf'], /cannot read loop1: too many levels of symbolic links/],
      ['stats', ['stats', 'loop1'], /cannot read loop1: too many levels of symbolic links/],
      ['segment', ['segment', 'loop1'], /cannot read loop1: too many levels of symbolic links/],
      ['align', ['align', 'corpus/ar.txt', 'loop1'], /cannot read loop1: too many levels of symbolic links/],
      ['align --into', ['align', 'corpus/ar.txt', 'corpus/en.txt', '--into', 'loop1'], /cannot read loop1: too many levels of symbolic links/],
      ['import a directory', ['import', 'sub', '--into', 'n.xlf'], /sub: is a directory, expected a file/],
      ['segment a directory', ['segment', 'sub'], /sub: is a directory, expected a file/],
      ['stats a directory', ['stats', 'sub'], /sub: is a directory, expected an XLIFF memory file/],
      ['a file as a folder', ['stats', 'tm.xlf/inner.xlf'], /cannot read tm\.xlf\/inner\.xlf: a part of the path is not a directory/],
      ['a name too long', ['segment', `${'ن'.repeat(200)}.txt`], /: the file name is too long$/],
      ['a missing import file', ['import', 'nope.tmx', '--into', 'n.xlf'], /cannot read nope\.tmx: no such file$/],
      ['an empty device as a memory', ['stats', '/dev/null'], /\(\/dev\/null, line 1, column 1\): the document has no root element$/],
    ])('%s', async (_name, args, pattern) => {
      const { code, stdout, stderr } = await mizan(dir, args)
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expectOneLineError(stderr, pattern)
    })
  })

  describe.concurrent('-, /dev/stdin and FIFOs', () => {
    it('imports XLIFF from standard input', async () => {
      const { code, json } = await mizanJson(dir, ['import', '-', '--into', 'from-stdin.xlf'], { input: XLIFF2 })
      expect(code).toBe(0)
      expect(json.files).toEqual([expect.objectContaining({ file: '-', format: 'xliff-2.1', units: 2, added: 2 })])
    })

    it('names standard input as such when what it gives is not XLIFF or TMX', async () => {
      const { code, stderr } = await mizan(dir, ['import', '-', '--into', 'not-xml.xlf'], { input: 'صباح الخير\n' })
      expect(code).toBe(2)
      expectOneLineError(stderr, /^mizan: standard input: not an XLIFF or TMX file/)
    })

    it('imports TMX from /dev/stdin', async () => {
      const { code, json } = await mizanJson(dir, ['import', '/dev/stdin', '--into', 'from-dev-stdin.xlf'], { input: TMX })
      expect(code).toBe(0)
      expect(json.added).toBe(1)
    })

    it.each([
      ['import - -', ['import', '-', '-', '--into', 'twice.xlf']],
      ['align - /dev/stdin', ['align', '-', '/dev/stdin']],
      ['lookup - -', ['lookup', '-', '-']],
    ])('refuses standard input named twice: %s', async (_name, args) => {
      const { code, stderr } = await mizan(dir, args, { input: TMX })
      expect(code).toBe(2)
      expectOneLineError(stderr, /standard input \(-\) can be read only once/)
    })

    it('imports from a FIFO', async () => {
      const { code, stdout, stderr } = await withFifo(dir, 'import.fifo', TMX, (fifo) => ['import', fifo, '--into', 'from-fifo.xlf', '--json'])
      expect(stderr).toBe('')
      expect(code).toBe(0)
      expect(JSON.parse(stdout).added).toBe(1)
    })

    it('aligns a FIFO, and standard input as the target', async () => {
      const { code, stdout } = await withFifo(dir, 'align.fifo', ar, (fifo) => ['align', fifo, 'corpus/en.txt', '--json'])
      expect(code).toBe(0)
      expect(JSON.parse(stdout).sourceSentences).toBe(10)
      const fromStdin = await mizanJson(dir, ['align', 'corpus/ar.txt', '-'], { input: en })
      expect(fromStdin.code).toBe(0)
      expect(fromStdin.json.targetSentences).toBeGreaterThan(5)
    })

    it('reads a memory from standard input for stats and export, and from a FIFO for lookup', async () => {
      const stats = await mizanJson(dir, ['stats', '-'], { input: XLIFF2 })
      expect(stats.code).toBe(0)
      expect(stats.json).toMatchObject({ memory: '-', units: 2, sourceLang: 'ar', targetLang: 'en', size: 'streamed' })
      const exported = await mizanJson(dir, ['export', '-', '--format', 'tmx', '-o', 'from-stdin.tmx'], { input: XLIFF2 })
      expect(exported.code).toBe(0)
      expect(readFileSync(join(dir, 'from-stdin.tmx'), 'utf8')).toContain('<seg>Thank you very much.</seg>')
      const lookup = await withFifo(dir, 'memory.fifo', XLIFF2, (fifo) => ['lookup', fifo, 'شكرا جزيلا.', '--json'])
      expect(lookup.code).toBe(0)
      expect(JSON.parse(lookup.stdout).matches[0].unit.target).toBe('Thank you very much.')
    })

    it('refuses standard input or a FIFO as a memory to write into', async () => {
      const { code, stderr } = await mizan(dir, ['import', 'phrases.tmx', '--into', '-'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /standard input \(-\): a memory that is written to must be a regular file/)
      await makeFifo(join(dir, 'into.fifo'))
      const fifo = await mizan(dir, ['align', 'corpus/ar.txt', 'corpus/en.txt', '--into', 'into.fifo'])
      expect(fifo.code).toBe(2)
      expectOneLineError(fifo.stderr, /into\.fifo: a memory that is written to must be a regular file/)
      expect(statSync(join(dir, 'into.fifo')).isFIFO()).toBe(true)
    })

    it('segments a FIFO and /dev/stdin', async () => {
      const fifo = await withFifo(dir, 'segment.fifo', ar, (name) => ['segment', name, '--json'])
      expect(fifo.code).toBe(0)
      const stdin = await mizanJson(dir, ['segment', '/dev/stdin'], { input: ar })
      expect(stdin.code).toBe(0)
      expect(JSON.parse(fifo.stdout)).toEqual(stdin.json)
    })
  })

  describe.concurrent('an SQLite file named without sqlite:', () => {
    it.each([
      ['stats', ['stats', 'tm.db']],
      ['lookup', ['lookup', 'tm.db', 'شكرا']],
      ['search', ['search', 'tm.db', 'شكرا']],
      ['concordance', ['concordance', 'tm.db', 'شكرا']],
      ['export', ['export', 'tm.db', '--format', 'tmx', '-o', 'out.tmx']],
      ['import --into', ['import', 'phrases.tmx', '--into', 'tm.db']],
      ['align --into', ['align', 'corpus/ar.txt', 'corpus/en.txt', '--into', 'tm.db']],
    ])('%s says to write sqlite:', async (_name, args) => {
      const before = readFileSync(join(dir, 'tm.db'))
      const { code, stderr } = await mizan(dir, args)
      expect(code).toBe(2)
      expectOneLineError(stderr, /tm\.db: this is an SQLite database: use sqlite:tm\.db$/)
      expect(readFileSync(join(dir, 'tm.db'))).toEqual(before)
    })

    it('import of an SQLite file says to export it first', async () => {
      const { code, stderr } = await mizan(dir, ['import', 'tm.db', '--into', 'from-db.xlf'])
      expect(code).toBe(2)
      expectOneLineError(stderr, /tm\.db: this is an SQLite database, not an XLIFF or TMX file; to copy its units, export it \(mizan export sqlite:tm\.db /)
    })
  })
})

describe('main (in-process)', () => {
  it('does not carry one run\'s --max-input over to the next', async () => {
    const io = { lines: [] as string[], errors: '', out: (line: string) => void io.lines.push(line), err: { isTTY: false, write: (text: string) => ((io.errors += text), true) }, stdoutIsTTY: false, color: false }
    const file = join(corpus, 'ar.txt')
    expect(await main(['--max-input', '1KB', 'segment', file], io)).toBe(2)
    expect(io.errors).toMatch(/over the input limit of 1KB/)
    expect(await main(['segment', file], io)).toBe(0)
    expect(io.lines.length).toBeGreaterThan(5)
  })
})

describe('describeFileError', () => {
  it.each([
    ['ENOENT', 'no such file'],
    ['EACCES', 'permission denied'],
    ['EISDIR', 'is a directory'],
    ['ENOTDIR', 'a part of the path is not a directory'],
    ['ELOOP', 'too many levels of symbolic links (a symlink loop?)'],
    ['ENAMETOOLONG', 'the file name is too long'],
    ['EMFILE', 'too many open files in this process (raise `ulimit -n`)'],
    ['ENOSPC', 'no space left on the device'],
    ['EWHATEVER', 'EWHATEVER'],
  ])('words %s as "%s"', (code, words) => {
    expect(describeFileError(Object.assign(new Error('raw'), { code }))).toBe(words)
  })
})

describe('fileErrorMessage', () => {
  it('makes one line of an unlabelled file-system error, naming the call and the file', () => {
    const error = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', path: 'out/tm.xlf' })
    expect(fileErrorMessage(error)).toBe('mizan: cannot write out/tm.xlf: no space left on the device')
  })

  it('leaves other errors (bugs) alone', () => {
    expect(fileErrorMessage(new TypeError('x is undefined'))).toBeUndefined()
    expect(fileErrorMessage(Object.assign(new Error('commander'), { code: 'commander.unknownOption' }))).toBeUndefined()
  })
})

describe('parseByteSize', () => {
  it.each([
    ['512MB', 512 * 2 ** 20],
    ['1.5gb', 1.5 * 2 ** 30],
    ['64KiB', 64 * 1024],
    ['1000', 1000],
    [' 2 G ', 2 * 2 ** 30],
  ])('reads %s', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes)
    expect(parseByteSize(formatByteSize(bytes))).toBe(bytes)
  })

  it.each(['', 'MB', '-1MB', '0', '12 parsecs', '1e3'])('rejects %j', (text) => {
    expect(() => parseByteSize(text)).toThrow(/Expected a size such as 512MB/)
  })
})
