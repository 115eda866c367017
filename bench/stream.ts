/**
 * bench/stream.ts: the streaming readers on one large unit and on entity-dense text (issue #17, items 6 and 8).
 *
 * Rows: one XLIFF 2.1 unit of 2, 4, 8 and 16 million characters of Arabic source, read by readXliff from the
 * whole string as one chunk, in chunks of 1,000 characters and of 64, beside parseXliff of the same string
 * (the baseline: no streaming); then a TMX unit whose source is 1,048,576 `&` (5 MB of `&amp;` once written)
 * read by parseTmx and by readTmx in chunks of 1,000, beside parseTmx of plain text of the same length.
 * Before the fix the streamed rows grew with the square of the unit (16 MB from a file: 5.4 s; 1 MB in
 * 4-character chunks: 175 s) and the `&amp;` row took 2.7 s with a heap peak of 169 MB.
 *
 * Method: every row runs `runs` times (5 by default) after one warm-up; median and p95 of wall time, and the
 * median CPU time of this process (user + system: the machine is shared, and wall time counts the others' work).
 * Heap growth is the peak heap, sampled every 20 ms (only indicative at that rate), less the heap before the row
 * (which holds every row's input).
 *
 * Usage: node --expose-gc --import tsx bench/stream.ts [--runs 5] [--sizes 2,4,8,16]
 */
import { performance } from 'node:perf_hooks'
import { parseTmx, parseXliff, readTmx, readXliff, toTmx, toXliff, type TranslationUnit } from '../src/index.js'
import { fixed, heapUsedMb, machineLine, markdownTable, summarize, trackPeakMemory } from './lib.js'

const argument = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? fallback : process.argv[index + 1]!
}
const runs = Number(argument('runs', '5'))
const sizes = argument('sizes', '2,4,8,16').split(',').map(Number)
const languages = { sourceLang: 'ar', targetLang: 'en' }

/** The text cut into chunks of `size` characters (`0`: one chunk). */
function* cut(text: string, size: number): Generator<string> {
  if (size === 0) {
    yield text
    return
  }
  for (let offset = 0; offset < text.length; offset += size) yield text.slice(offset, offset + size)
}

async function count(units: AsyncIterable<TranslationUnit>): Promise<number> {
  let total = 0
  for await (const _ of units) total++
  return total
}

interface Row {
  name: string
  chars: number
  work: () => Promise<number> | number
}

/** Times a row: a warm-up, then `runs` runs; checks each read one unit. */
async function measure(row: Row): Promise<Array<string | number>> {
  if ((await row.work()) !== 1) throw new Error(`${row.name}: expected one unit`)
  const wall: number[] = []
  const cpu: number[] = []
  const heapBefore = heapUsedMb()
  const memory = trackPeakMemory()
  for (let run = 0; run < runs; run++) {
    const cpuStart = process.cpuUsage()
    const start = performance.now()
    await row.work()
    wall.push(performance.now() - start)
    const used = process.cpuUsage(cpuStart)
    cpu.push((used.user + used.system) / 1000)
  }
  const peak = memory.stop()
  const time = summarize(wall)
  return [row.name, (row.chars / 1e6).toFixed(1), runs, fixed(time.median, 1), fixed(time.p95, 1), fixed(summarize(cpu).median, 1), fixed(peak.heapMb - heapBefore, 0)]
}

const rows: Row[] = []
for (const millions of sizes) {
  // Arabic source (two-byte string, as real memories decode), a short target.
  const source = 'أكد الرئيس أن '.repeat(Math.ceil((millions * 1e6) / 14)).slice(0, millions * 1e6)
  const xml = toXliff([{ id: 'big', source, target: 'The president said.' }], { ...languages, version: '2.1' })
  rows.push({ name: `${millions}M unit: parseXliff (baseline)`, chars: xml.length, work: () => parseXliff(xml).units.length })
  for (const [label, size] of [['whole string', 0], ['chunks of 1,000', 1000], ['chunks of 64', 64]] as const) {
    rows.push({ name: `${millions}M unit: readXliff, ${label}`, chars: xml.length, work: () => count(readXliff(cut(xml, size))) })
  }
}
const amps = toTmx([{ id: 'a', source: '&'.repeat(2 ** 20), target: 'y' }], languages)
const plain = toTmx([{ id: 'a', source: 'a'.repeat(amps.length - 200), target: 'y' }], languages)
rows.push({ name: '5 MB plain text: parseTmx (baseline)', chars: plain.length, work: () => parseTmx(plain).units.length })
rows.push({ name: '5 MB of &amp;: parseTmx', chars: amps.length, work: () => parseTmx(amps).units.length })
rows.push({ name: '5 MB of &amp;: readTmx, chunks of 1,000', chars: amps.length, work: () => count(readTmx(cut(amps, 1000))) })

const table: Array<Array<string | number>> = []
for (const row of rows) table.push(await measure(row))
console.log(machineLine())
console.log()
console.log(markdownTable(['Read', 'Million chars', 'N', 'Median ms', 'p95 ms', 'CPU ms (median)', 'Heap growth MB (peak)'], table))
