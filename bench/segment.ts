/**
 * Sentence segmentation speed: mizan's segmentSentences beside Intl.Segmenter (ICU's UAX #29 sentence breaks,
 * built into Node) and the npm package sentence-splitter, on the Arabic and English sides of the shared UN
 * Parallel Corpus and Tatoeba files, all in the same run on the same text.
 *
 * Each side is turned into one document: rows joined by a space into paragraphs of 20, paragraphs separated by
 * a blank line, so paragraph handling is exercised too. Throughput is UTF-8 megabytes (10^6 bytes) per second
 * at the median run, by wall time and by CPU time. The "sentences" column is each tool's output count (the files hold one translation unit
 * per row, some with several sentences), shown as a sanity check, not as accuracy.
 *
 * Usage: `node --expose-gc --import tsx bench/segment.ts [--runs=5] [--rows=N]` (or `npm run bench segment`). The full run takes a few
 * minutes, nearly all of it in sentence-splitter.
 */
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { split } from 'sentence-splitter'
import { segmentSentences } from '../src/index.js'
import { fixed, heapUsedMb, machineLine, markdownTable, summarize, timeMs, requireData } from './lib.js'
import { dataPath } from '../tests/helpers/data.js'

requireData('tm')

const argument = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1]
const runs = Number(argument('runs') ?? 5)
const maxRows = argument('rows') === undefined ? Number.POSITIVE_INFINITY : Number(argument('rows'))

function documentOf(file: string, column: 0 | 1): { text: string; rows: number } {
  const rows = readFileSync(dataPath('tm', file), 'utf8')
    .split('\n')
    .map((line) => line.split('\t')[column]?.trim() ?? '')
    .filter((cell) => cell.length > 0)
    .slice(0, maxRows)
  const paragraphs: string[] = []
  for (let i = 0; i < rows.length; i += 20) paragraphs.push(rows.slice(i, i + 20).join(' '))
  return { text: paragraphs.join('\n\n'), rows: rows.length }
}

type Segmenter = (text: string, lang: 'ar' | 'en') => number

/** Wall and CPU (user + system) milliseconds of one call. CPU time shows the work done when the machine is shared. */
function measure(fn: () => void): { wall: number; cpu: number } {
  const before = process.cpuUsage()
  const wall = timeMs(fn)
  const used = process.cpuUsage(before)
  return { wall, cpu: (used.user + used.system) / 1000 }
}

// sentence-splitter is about a hundred times slower; fewer runs keep the whole benchmark to minutes
const segmenters: Array<{ name: string; run: Segmenter; runs: number }> = [
  { name: 'mizan segmentSentences', runs, run: (text, lang) => segmentSentences(text, lang).length },
  {
    // Fed one paragraph at a time: on one long string V8's Intl.Segmenter slows down faster than linearly
    // (on this machine 100k characters took 5.8 s and 400k took 39.6 s), which would measure that, not segmenting.
    name: 'Intl.Segmenter (sentence, per paragraph)',
    runs,
    run: (text, lang) => {
      const segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' })
      let count = 0
      for (const paragraph of text.split('\n\n')) for (const segment of segmenter.segment(paragraph)) if (segment.segment.trim().length > 0) count++
      return count
    },
  },
  { name: 'sentence-splitter 5', runs: Math.min(runs, 3), run: (text) => split(text).filter((node) => node.type === 'Sentence').length },
]

const inputs = [
  { corpus: 'UN', file: 'un.tsv', lang: 'ar' as const, column: 0 as const },
  { corpus: 'UN', file: 'un.tsv', lang: 'en' as const, column: 1 as const },
  { corpus: 'Tatoeba', file: 'tatoeba.tsv', lang: 'ar' as const, column: 0 as const },
  { corpus: 'Tatoeba', file: 'tatoeba.tsv', lang: 'en' as const, column: 1 as const },
]

const rows: Array<Array<string | number>> = []
for (const input of inputs) {
  const { text, rows: rowCount } = documentOf(input.file, input.column)
  const megabytes = Buffer.byteLength(text, 'utf8') / 1e6
  for (const segmenter of segmenters) {
    heapUsedMb() // a full collection first (with --expose-gc), so one tool's garbage is not collected on another's clock
    const sentences = segmenter.run(text, input.lang) // warm-up (JIT, regex compilation, rule caches)
    if (segmenter.runs > 3) segmenter.run(text, input.lang)
    const wall: number[] = []
    const cpu: number[] = []
    for (let run = 0; run < segmenter.runs; run++) {
      heapUsedMb()
      const time = measure(() => segmenter.run(text, input.lang))
      wall.push(time.wall)
      cpu.push(time.cpu)
    }
    const { median, p95 } = summarize(wall)
    const cpuMedian = summarize(cpu).median
    rows.push([
      `${input.corpus} ${input.lang}`,
      fixed(megabytes, 2),
      rowCount,
      segmenter.name,
      sentences,
      segmenter.runs,
      fixed(median, 1),
      fixed(p95, 1),
      fixed(megabytes / (median / 1000), 1),
      fixed(cpuMedian, 1),
      fixed(megabytes / (cpuMedian / 1000), 1),
    ])
  }
}

console.log(machineLine())
console.log(`Load average at the end: ${loadavg().map((value) => value.toFixed(1)).join(', ')} on ${cpus().length} cores.`)
console.log(
  `N = timed runs per cell, after warm-up (two runs, one for N <= 3), each after a full GC${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for that)'}. ` +
    'MB/s at the median wall time, and at the median CPU time (user + system of this process, which still counts when the machine is shared).\n',
)
console.log(markdownTable(['input', 'MB (UTF-8)', 'rows', 'segmenter', 'sentences', 'N', 'median ms', 'p95 ms', 'MB/s', 'CPU ms (median)', 'MB/s (CPU)'], rows))
