/**
 * Document benchmark: a 100-page .docx pair (about 2,500 sentences a side, made by pandoc from consecutive UN
 * Parallel Corpus pairs, tm/un.tsv of the data folder, never copied into the repository) aligned with alignFiles,
 * beside the same texts as plain text aligned with alignDocuments; reading the two .docx alone is timed too.
 * Paragraphs of 5 sentences, a heading every 10 paragraphs, a bold phrase in every paragraph.
 *
 * Then a 1,000-page pair (25,000 sentences a side, the UN pairs taken again in order), aligned once, with its peak
 * memory: the target is 1 GB.
 *
 * `npx tsx bench/documents.ts [--runs n]` (default 5 runs). Needs pandoc.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { alignDocuments } from '../src/align/index.js'
import { alignFiles } from '../src/documents/align-files.js'
import { readDocument } from '../src/documents/read-document.js'
import { dataPath } from '../tests/helpers/data.js'
import { fixed, machineLine, markdownTable, summarize, trackPeakMemory, requireData } from './lib.js'

requireData('tm')

const runsAt = process.argv.indexOf('--runs')
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5
const sentences = 2500
const perParagraph = 5

const usable = readFileSync(dataPath('tm/un.tsv'), 'utf8')
  .split('\n')
  .map((line) => line.split('\t'))
  .filter((fields) => fields.length === 2 && /[.!?؟]$/.test(fields[0]!.trim()) && /[.!?]$/.test(fields[1]!.trim()))
let pairs = usable.slice(0, sentences)
if (pairs.length < sentences) throw new Error(`bench: un.tsv gave ${pairs.length} usable pairs, not ${sentences}`)

/** Markdown escape (every ASCII punctuation character). */
const escape = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|<>~"'$^&:;=?@,/%]/g, (c) => `\\${c}`)

function markdown(side: 0 | 1): { markdown: string; plain: string } {
  const paragraphs: string[] = []
  const plain: string[] = []
  for (let start = 0, index = 0; start < pairs.length; start += perParagraph, index++) {
    if (index % 10 === 0) {
      const heading = side === 0 ? `الجزء ${index / 10 + 1}` : `Part ${index / 10 + 1}`
      paragraphs.push(`# ${heading}`)
      plain.push(heading)
    }
    const group = pairs.slice(start, start + perParagraph).map((pair) => pair[side]!.trim())
    const [first, ...rest] = group
    const words = first!.split(' ')
    // The first two words bold: a code in every paragraph.
    paragraphs.push([`**${escape(words.slice(0, 2).join(' '))}** ${escape(words.slice(2).join(' '))}`, ...rest.map(escape)].join(' '))
    plain.push(group.join(' '))
  }
  return { markdown: paragraphs.join('\n\n') + '\n', plain: plain.join('\n') }
}

const dir = mkdtempSync(join(tmpdir(), 'mizan-bench-documents-'))

/** Both sides of the current `pairs` as Markdown, and as .docx made from it by pandoc. */
function documentPair(): { arabic: ReturnType<typeof markdown>; english: ReturnType<typeof markdown>; arDocx: Buffer; enDocx: Buffer } {
  const arabic = markdown(0)
  const english = markdown(1)
  writeFileSync(join(dir, 'ar.md'), arabic.markdown)
  writeFileSync(join(dir, 'en.md'), english.markdown)
  for (const side of ['ar', 'en']) execFileSync('pandoc', ['-f', 'markdown-smart', '-o', join(dir, `${side}.docx`), join(dir, `${side}.md`)])
  return { arabic, english, arDocx: readFileSync(join(dir, 'ar.docx')), enDocx: readFileSync(join(dir, 'en.docx')) }
}

const { arabic, english, arDocx, enDocx } = documentPair()
const options = { sourceLang: 'ar', targetLang: 'en' }

async function measure(name: string, run: () => Promise<number> | number): Promise<Array<string | number>> {
  const wall: number[] = []
  const cpu: number[] = []
  let count = 0
  for (let index = 0; index < runs; index++) {
    const cpuStart = process.cpuUsage()
    const start = performance.now()
    count = await run()
    wall.push(performance.now() - start)
    const used = process.cpuUsage(cpuStart)
    cpu.push((used.user + used.system) / 1000)
  }
  const time = summarize(wall)
  return [name, count, runs, fixed(time.median, 0), fixed(time.p95, 0), fixed(summarize(cpu).median, 0)]
}

const rows = [
  await measure('read both .docx (readDocument)', async () => (await readDocument(arDocx, { file: 'ar.docx' })).blocks.length + (await readDocument(enDocx, { file: 'en.docx' })).blocks.length),
  await measure('.docx pair (alignFiles)', async () => (await alignFiles(arDocx, enDocx, { ...options, sourceFile: 'ar.docx', targetFile: 'en.docx' })).sourceSentences.length),
  await measure('plain text pair (alignDocuments)', () => alignDocuments(arabic.plain, english.plain, options).sourceSentences.length),
]
console.log(machineLine())
console.log(`Documents: ${sentences} UN sentence pairs, ${Math.ceil(sentences / perParagraph)} paragraphs, .docx ${arDocx.length} + ${enDocx.length} bytes`)
console.log(markdownTable(['run', 'N (blocks or source sentences)', 'runs', 'median ms', 'p95 ms', 'CPU ms (median)'], rows))

// A 1,000-page pair: ten times the sentences, the usable UN pairs taken again in order.
const large = 25_000
pairs = Array.from({ length: large }, (_, k) => usable[k % usable.length]!)
const { arDocx: bigAr, enDocx: bigEn } = documentPair()
rmSync(dir, { recursive: true, force: true })
;(globalThis as { gc?: () => void }).gc?.()
const memory = trackPeakMemory(20)
const cpuStart = process.cpuUsage()
const start = performance.now()
const big = await alignFiles(bigAr, bigEn, { ...options, sourceFile: 'ar.docx', targetFile: 'en.docx' })
const wall = performance.now() - start
const used = process.cpuUsage(cpuStart)
const peak = memory.stop()
console.log(`\n1,000-page pair: ${large} sentence pairs, .docx ${bigAr.length} + ${bigEn.length} bytes, one run\n`)
console.log(
  markdownTable(
    ['run', 'source sentences', 'wall ms', 'CPU ms', 'peak RSS MB', 'peak heap MB'],
    [['.docx pair (alignFiles)', big.sourceSentences.length, fixed(wall, 0), fixed((used.user + used.system) / 1000, 0), fixed(peak.rssMb, 0), fixed(peak.heapMb, 0)]],
  ),
)
