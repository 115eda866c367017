/**
 * The CLI in-process (main(argv, io) with captured output): the same commands as cli.test.ts runs on the built
 * binary, here fast and measurable by coverage, plus the pure pieces (percent, diff rendering, format sniffing).
 */
import { cpSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import type { CliIo } from '../../src/cli/io.js'
import { highlightSpans, matchPercent, renderDiff } from '../../src/cli/commands/search.js'
import { sniffFormat } from '../../src/cli/commands/import.js'
import { editSentence } from '../../src/cli/commands/demo.js'
import { painter, terminalText } from '../../src/cli/io.js'
import { repoRoot, tempFolder } from './harness.js'

function captured(options: { color?: boolean; tty?: boolean } = {}): CliIo & { lines: string[]; errors: string } {
  const io = {
    lines: [] as string[],
    errors: '',
    out(line: string) {
      io.lines.push(line)
    },
    err: {
      isTTY: false,
      write(text: string) {
        io.errors += text
        return true
      },
    },
    stdoutIsTTY: options.tty ?? false,
    color: options.color ?? false,
  }
  return io
}

const corpus = join(repoRoot, 'corpus', 'xi-rahmon-samarkand')

describe('main', () => {
  let dir: string
  const arLines = readFileSync(join(corpus, 'ar.txt'), 'utf8').split('\n').filter((line) => line.trim() !== '')

  beforeAll(async () => {
    dir = tempFolder()
    cpSync(corpus, join(dir, 'corpus'), { recursive: true })
    const io = captured()
    expect(await main(['align', join(dir, 'corpus', 'ar.txt'), join(dir, 'corpus', 'en.txt'), '--into', join(dir, 'tm.xlf'), '--report', join(dir, 'review.html')], io)).toBe(0)
  })

  it('returns 0 and prints the version', async () => {
    const io = captured()
    expect(await main(['--version'], io)).toBe(0)
    expect(io.lines.join('\n')).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('returns 2 with one line for a missing file', async () => {
    const io = captured()
    expect(await main(['stats', join(dir, 'nope.xlf')], io)).toBe(2)
    expect(io.errors).toMatch(/^mizan: cannot read .*nope\.xlf: no such file\n$/)
  })

  it('returns 1 when search finds nothing', async () => {
    const io = captured()
    expect(await main(['search', join(dir, 'tm.xlf'), 'كلمات بعيدة عن كل شيء'], io)).toBe(1)
    expect(io.lines).toEqual(['no match of 70% or more on the source side (ar)'])
  })

  it('prints a fuzzy match with wdiff marks', async () => {
    const io = captured()
    const words = arLines[0]!.split(' ')
    expect(await main(['search', join(dir, 'tm.xlf'), [...words.slice(0, 5), ...words.slice(6)].join(' ')], io)).toBe(0)
    expect(io.lines[0]).toBe('1 match on the source side (ar)')
    expect(io.lines[1]).toMatch(/^ 9\d%  u-/)
    expect(io.lines[2]).toContain(`{+${words[5]}+}`)
  })

  it('prints lookup, concordance, stats and export results', async () => {
    const io = captured()
    expect(await main(['lookup', join(dir, 'tm.xlf'), arLines[0]!], io)).toBe(0)
    expect(await main(['concordance', join(dir, 'tm.xlf'), 'سمرقند'], io)).toBe(0)
    expect(await main(['stats', join(dir, 'tm.xlf')], io)).toBe(0)
    expect(await main(['export', join(dir, 'tm.xlf'), '--format', 'xliff12', '-o', join(dir, 'out.xlf')], io)).toBe(0)
    expect(await main(['import', join(dir, 'out.xlf'), '--into', join(dir, 'copy.xlf')], io)).toBe(0)
    const text = io.lines.join('\n')
    expect(text).toMatch(/^100%  exact  u-/m)
    expect(text).toContain('[[سمرقند]]')
    expect(text).toMatch(/^units      \d+$/m)
    expect(text).toMatch(/out\.xlf \(xliff-1\.2, \d+ units\): \d+ added, 0 updated, 0 skipped/)
    expect(io.errors).toBe('')
  })

  it('runs the demo on a corpus folder', async () => {
    const io = captured()
    expect(await main(['demo', join(dir, 'corpus'), '--out', join(dir, 'out')], io)).toBe(0)
    expect(io.lines.join('\n')).toMatch(/^best      9\d% /m)
    expect(readFileSync(join(dir, 'out', 'review.html'), 'utf8')).toContain('dir="rtl"')
  })
})

describe('matchPercent', () => {
  it.each([
    { match: { score: 1.01, kind: 'context' as const }, expected: 101 },
    { match: { score: 1 }, expected: 100 },
    { match: { score: 0.99 }, expected: 99 },
    { match: { score: 0.999 }, expected: 99 },
    { match: { score: 0.7 }, expected: 70 },
    { match: { score: 2 / 3 }, expected: 66 },
  ])('$match.score → $expected%', ({ match, expected }) => {
    expect(matchPercent(match)).toBe(expected)
  })
})

describe('renderDiff', () => {
  const plain = painter({ out() {}, err: { write: () => true }, stdoutIsTTY: false, color: false })
  const match = 'وقال "رحمن" إن التعاون، مهم جدا.'

  it('marks added words in the match text, keeping quotes and punctuation in place', () => {
    const parts = [
      { op: 'equal' as const, tokens: ['وقال', '"', 'رحمن', '"', 'إن', 'التعاون', '،'] },
      { op: 'added' as const, tokens: ['مهم', 'جدا'] },
      { op: 'equal' as const, tokens: ['.'] },
    ]
    expect(renderDiff(parts, match, plain, false)).toBe('وقال "رحمن" إن التعاون، {+مهم جدا+}.')
  })

  it('inserts removed query words where they were dropped', () => {
    const parts = [
      { op: 'equal' as const, tokens: ['وقال', '"', 'رحمن', '"', 'إن'] },
      { op: 'removed' as const, tokens: ['٣'] },
      { op: 'equal' as const, tokens: ['التعاون', '،', 'مهم', 'جدا', '.'] },
    ]
    expect(renderDiff(parts, match, plain, false)).toBe('وقال "رحمن" إن [-٣-] التعاون، مهم جدا.')
  })

  it('colours with ANSI codes when asked', () => {
    const colour = painter({ out() {}, err: { write: () => true }, stdoutIsTTY: true, color: true })
    const parts = [
      { op: 'equal' as const, tokens: ['وقال'] },
      { op: 'added' as const, tokens: ['"', 'رحمن', '"'] },
    ]
    expect(renderDiff(parts, 'وقال "رحمن"', colour, true)).toBe('وقال \u001b[32m\u001b[4m"رحمن"\u001b[24m\u001b[39m')
  })
})

describe('highlightSpans', () => {
  it('marks each span once, in order', () => {
    const paint = painter({ out() {}, err: { write: () => true }, stdoutIsTTY: false, color: false })
    expect(highlightSpans('قمة منظمة شنغهاي للتعاون', [{ start: 4, end: 16 }], paint, false)).toBe('قمة [[منظمة شنغهاي]] للتعاون')
  })
})

describe('terminalText', () => {
  const io = (tty: boolean): CliIo => ({ out() {}, err: { write: () => true }, stdoutIsTTY: tty, color: false })
  it('isolates right-to-left text on a terminal only', () => {
    expect(terminalText(io(true), 'مرحبا.', 'ar')).toBe('\u2068مرحبا.\u2069')
    expect(terminalText(io(true), 'Hello.', 'en')).toBe('Hello.')
    expect(terminalText(io(false), 'مرحبا.', 'ar')).toBe('مرحبا.')
  })
})

describe('sniffFormat', () => {
  it.each([
    { text: '<?xml version="1.0"?>\n<!-- note -->\n<xliff version="2.0">', expected: 'xliff' },
    { text: '<xliff:xliff xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">', expected: 'xliff' },
    { text: '  <tmx version="1.4">', expected: 'tmx' },
  ])('reads $expected from its root', ({ text, expected }) => {
    expect(sniffFormat(text, 'f')).toBe(expected)
  })

  it('names the file and the root it found otherwise', () => {
    expect(() => sniffFormat('<html>', 'page.html')).toThrow('page.html: not an XLIFF or TMX file (root element <html>; expected <xliff> or <tmx>)')
  })
})

describe('editSentence', () => {
  it('drops the middle word', () => {
    expect(editSentence('أ ب ج د ه')).toEqual({ query: 'أ ب د ه', removed: 'ج' })
  })
})
