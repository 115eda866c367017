/**
 * Sentence segmentation speed: mizan's segmentSentences beside Intl.Segmenter (ICU's UAX #29 sentence breaks,
 * built into Node) and the npm package sentence-splitter, on the Arabic and English sides of the shared UN
 * Parallel Corpus and Tatoeba files, all in the same run on the same text.
 *
 * Each side is turned into one document: rows joined by a space into paragraphs of 20, paragraphs separated by
 * a blank line, so paragraph handling is exercised too. Throughput is UTF-8 megabytes (10^6 bytes) per second
 * at the median run. The "sentences" column is each tool's output count (the files hold one translation unit
 * per row, some with several sentences), shown as a sanity check, not as accuracy.
 *
 * Usage: `node --expose-gc --import tsx bench/segment.ts [--runs=5] [--rows=N]` (or `npm run bench segment`). The full run takes a few
 * minutes, nearly all of it in sentence-splitter.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { split } from 'sentence-splitter'
import { segmentSentences } from '../src/index.js'
import { fixed, heapUsedMb, machineLine, markdownTable, summarize, timeMs } from './lib.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const argument = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1]
const runs = Number(argument('runs') ?? 5)
const maxRows = argument('rows') === undefined ? Number.POSITIVE_INFINITY : Number(argument('rows'))

function documentOf(file: string, column: 0 | 1): { text: string; rows: number } {
  const rows = readFileSync(path.resolve(repoRoot, '../shared/data/tm', file), 'utf8')
    .split('\n')
    .map((line) => line.split('\t')[column]?.trim() ?? '')
    .filter((cell) => cell.length > 0)
    .slice(0, maxRows)
  const paragraphs: string[] = []
  for (let i = 0; i < rows.length; i += 20) paragraphs.push(rows.slice(i, i + 20).join(' '))
  return { text: paragraphs.join('\n\n'), rows: rows.length }
}

type Segmenter = (text: string, lang: 'ar' | 'en') => number

const segmenters: Array<{ name: string; run: Segmenter }> = [
  { name: 'mizan segmentSentences', run: (text, lang) => segmentSentences(text, lang).length },
  {
    // Fed one paragraph at a time: on one long string V8's Intl.Segmenter slows down faster than linearly
    // (on this machine 100k characters took 5.8 s and 400k took 39.6 s), which would measure that, not segmenting.
    name: 'Intl.Segmenter (sentence, per paragraph)',
    run: (text, lang) => {
      const segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' })
      let count = 0
      for (const paragraph of text.split('\n\n')) for (const segment of segmenter.segment(paragraph)) if (segment.segment.trim().length > 0) count++
      return count
    },
  },
  { name: 'sentence-splitter 5', run: (text) => split(text).filter((node) => node.type === 'Sentence').length },
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
    segmenter.run(text, input.lang)
    const times: number[] = []
    for (let run = 0; run < runs; run++) {
      heapUsedMb()
      times.push(timeMs(() => segmenter.run(text, input.lang)))
    }
    const { median, p95 } = summarize(times)
    rows.push([`${input.corpus} ${input.lang}`, fixed(megabytes, 2), rowCount, segmenter.name, sentences, fixed(median, 1), fixed(p95, 1), fixed(megabytes / (median / 1000), 1)])
  }
}

console.log(machineLine())
console.log(`N = ${runs} timed runs per cell after two warm-up runs, each after a full GC${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for that)'}; throughput at the median.\n`)
console.log(markdownTable(['input', 'MB (UTF-8)', 'rows', 'segmenter', 'sentences', 'median ms', 'p95 ms', 'MB/s'], rows))
