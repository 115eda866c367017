/**
 * bench/formats.ts: streamed writing and reading of XLIFF 1.2, 2.0, 2.1, 2.2 and TMX 1.4b, in units per second
 * and peak heap, beside the `xliff` npm package (the library users reach for) on the same units.
 *
 * Data: tm/un.tsv of the data folder (tests/helpers/data.ts; 8,000 real Arabic–English UN pairs), cycled
 * to N units with unique ids; every unit carries what the memory writes for aligned pairs (state, alignment score and shape, origin with sentence
 * indexes, created date), so the files have the metadata a real export has.
 *
 * Method: for each format (and once more for XLIFF 2.1 with 34-character ids), `runs` times: write N units with writeXliffFile / writeTmxFile to a temp file (streamed,
 * from a generator, so no array of N units exists), then read them back with readXliff / readTmx, counting units
 * and checking the last unit's text. Peak heap is sampled every 20 ms while each run works. Throughput is N over
 * the whole run; median and p95 are of the time per batch of `batch` units (100,000 by default) over all runs, so
 * one run of 1,000,000 units gives ten samples. Baselines, measured in the same run: (1) the tree reader alone
 * (the reader before the fast path of fast-cursor.ts), on the first `tree` units of each format: the same file with
 * an empty comment after each unit's start tag, markup the fast path leaves to the tree reader; (2) the `xliff`
 * package's js2xliff/xliff2js (XLIFF 2) and jsToXliff12/xliff12ToJs (XLIFF 1.2) on the first `baseline` units,
 * beside ours on the same units, whole-string both ways (the package has no streaming).
 *
 * CPU: every row also gives units per CPU second of this process (user + system), because the machine is shared
 * and wall time counts the other processes' work; the load average is sampled every second during the run.
 *
 * Usage: node --expose-gc --import tsx bench/formats.ts [--n 1000000] [--runs 3] [--tree 100000] [--baseline 10000]
 * Targets (issue 5): at least 100,000 units/s written, 50,000 read, peak heap under 500 MB at 1,000,000 units.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import js2xliff from 'xliff/js2xliff'
import jsToXliff12 from 'xliff/jsToXliff12'
import xliff12ToJs from 'xliff/xliff12ToJs'
import xliff2js from 'xliff/xliff2js'
import { parseXliff, readTmx, readXliff, toXliff, toXliffResources, writeTmxFile, writeXliffFile, type TranslationUnit, type XliffVersion } from '../src/index.js'
import { fixed, heapUsedMb, machineLine, markdownTable, summarize, trackPeakMemory, requireData } from './lib.js'
import { dataPath } from '../tests/helpers/data.js'

requireData('tm')

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? fallback : Number(process.argv[index + 1])
}
const n = argument('n', 1_000_000)
const runs = argument('runs', 1)
const batch = argument('batch', 100_000)
const baselineN = argument('baseline', 10_000)
const treeN = Math.min(n, argument('tree', 100_000))
const baselineRuns = argument('baseline-runs', 5)

const pairs = readFileSync(dataPath('tm', 'un.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line.includes('\t'))
  .map((line) => line.split('\t') as [string, string])

/**
 * Unit ids: short by default; the long-id row uses 34-character ids, as memories keyed by document and segment
 * have (V8 keeps a slice of 13 characters or more as a view into the text it was cut from, so this row shows
 * whether the reader's id set holds the file's text: peak heap).
 */
const shortId = (index: number): string => `un-${index}`
const longId = (index: number): string => `un-parallel-corpus-v1-${String(index).padStart(12, '0')}`
let idOf = shortId

/** The i-th unit: a UN pair (cycled) with the fields an aligned export carries. */
function unit(index: number): TranslationUnit {
  const [source, target] = pairs[index % pairs.length]!
  return {
    id: idOf(index),
    source,
    target,
    state: 'translated',
    alignment: { score: 0.9 + (index % 100) / 1000, shape: '1-1' },
    origin: { document: `un/${Math.floor(index / pairs.length)}`, sourceSentences: [index % pairs.length], targetSentences: [index % pairs.length] },
    createdAt: '2026-11-29T00:00:00Z',
  }
}

/** Batch end times (ms), recorded as units are produced or consumed. */
let marks: number[] = []

function* units(count: number, record = false): Generator<TranslationUnit> {
  for (let index = 0; index < count; index++) {
    if (record && index % batch === 0) marks.push(performance.now())
    yield unit(index)
  }
  if (record) marks.push(performance.now())
}

/** Seconds per batch from a list of marks. */
const batchSeconds = (list: number[]): number[] => list.slice(1).map((time, index) => (time - list[index]!) / 1000)

type Format = XliffVersion | 'tmx'
const formats: Format[] = ['1.2', '2.0', '2.1', '2.2', 'tmx']
const languages = { sourceLang: 'ar', targetLang: 'en' }
const folder = mkdtempSync(path.join(tmpdir(), 'mizan-bench-formats-'))

/** One-minute load average, sampled every second while the benchmark runs. */
const loads: number[] = [loadavg()[0]!]
const loadTimer = setInterval(() => loads.push(loadavg()[0]!), 1000)
loadTimer.unref()

interface Measure {
  seconds: number
  /** CPU seconds of this process (user + system, all its threads): what the work cost, whatever else runs. */
  cpuSeconds: number
  heapMb: number
}

async function measure(work: () => Promise<void>): Promise<Measure> {
  heapUsedMb() // a full collection first, so the peak is this run's
  const memory = trackPeakMemory()
  const cpu = process.cpuUsage()
  const start = performance.now()
  await work()
  const seconds = (performance.now() - start) / 1000
  const used = process.cpuUsage(cpu)
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, heapMb: memory.stop().heapMb }
}

const rows: Array<Array<string | number>> = []
/** Writes and reads N units `runs` times in one format; one row. */
async function streamed(format: Format, label: string): Promise<void> {
  const file = path.join(folder, format === 'tmx' ? 'memory.tmx' : `memory-${format}.xlf`)
  const writes: Measure[] = []
  const reads: Measure[] = []
  const writeBatches: number[] = []
  const readBatches: number[] = []
  let bytes = 0
  for (let run = 0; run < runs; run++) {
    marks = []
    writes.push(await measure(() => (format === 'tmx' ? writeTmxFile(file, units(n, true), languages) : writeXliffFile(file, units(n, true), { ...languages, version: format }))))
    writeBatches.push(...batchSeconds(marks))
    bytes = statSync(file).size
    let count = 0
    let last: TranslationUnit | undefined
    marks = []
    reads.push(
      await measure(async () => {
        marks.push(performance.now())
        for await (const read of format === 'tmx' ? readTmx(file) : readXliff(file)) {
          count++
          last = read
          if (count % batch === 0) marks.push(performance.now())
        }
        if (count % batch !== 0) marks.push(performance.now())
      }),
    )
    readBatches.push(...batchSeconds(marks))
    if (count !== n || last?.source !== unit(n - 1).source) throw new Error(`bench: ${format} read ${count} units of ${n}, or the last text differs`)
  }
  const write = summarize(writeBatches)
  const read = summarize(readBatches)
  const writeTotal = writes.reduce((sum, m) => sum + m.seconds, 0)
  const readTotal = reads.reduce((sum, m) => sum + m.seconds, 0)
  const writeCpu = writes.reduce((sum, m) => sum + m.cpuSeconds, 0)
  const readCpu = reads.reduce((sum, m) => sum + m.cpuSeconds, 0)
  rows.push([label, n, fixed(bytes / 2 ** 20, 0), fixed((n * runs) / writeTotal, 0), fixed((n * runs) / writeCpu, 0), fixed(write.median, 3), fixed(write.p95, 3), fixed((n * runs) / readTotal, 0), fixed((n * runs) / readCpu, 0), fixed(read.median, 3), fixed(read.p95, 3), fixed(Math.max(...writes.map((m) => m.heapMb)), 0), fixed(Math.max(...reads.map((m) => m.heapMb)), 0)])
  rmSync(file, { force: true })
}
for (const format of formats) await streamed(format, `mizan ${format === 'tmx' ? 'TMX 1.4b' : `XLIFF ${format}`} (streamed)`)
idOf = longId
await streamed('2.1', 'mizan XLIFF 2.1, 34-character ids (streamed)')
idOf = shortId

// Baseline 1: the tree reader alone on the first treeN units (a comment after each unit's start tag is markup the
// fast path does not take, so every unit goes through the element tree, as all did before the fast path).
const treeRows: Array<Array<string | number>> = []
for (const format of formats) {
  const file = path.join(folder, format === 'tmx' ? 'tree.tmx' : `tree-${format}.xlf`)
  if (format === 'tmx') await writeTmxFile(file, units(treeN), languages)
  else await writeXliffFile(file, units(treeN), { ...languages, version: format })
  writeFileSync(file, readFileSync(file, 'utf8').replace(/(<(?:unit|trans-unit|tu)(?:\s[^>]*)?>)/g, '$1<!---->'))
  const bytes = statSync(file).size
  let count = 0
  marks = []
  const read = await measure(async () => {
    marks.push(performance.now())
    for await (const _ of format === 'tmx' ? readTmx(file) : readXliff(file)) if (++count % batch === 0) marks.push(performance.now())
    if (count % batch !== 0) marks.push(performance.now())
  })
  if (count !== treeN) throw new Error(`bench: the tree reader read ${count} ${format} units of ${treeN}`)
  const seconds = summarize(batchSeconds(marks))
  const name = format === 'tmx' ? 'TMX 1.4b' : `XLIFF ${format}`
  treeRows.push([`tree reader only, ${name} (streamed)`, treeN, fixed(bytes / 2 ** 20, 0), '', '', '', '', fixed(treeN / read.seconds, 0), fixed(treeN / read.cpuSeconds, 0), fixed(seconds.median, 3), fixed(seconds.p95, 3), '', fixed(read.heapMb, 0)])
  rmSync(file, { force: true })
}
rows.push(...treeRows)

// Baseline 2: the xliff package against ours on the same units, whole strings (the package cannot stream).
const sample = [...units(baselineN)]
const js = toXliffResources(sample, languages)
for (const version of ['1.2', '2.0'] as const) {
  const theirs: { write: Measure[]; read: Measure[] } = { write: [], read: [] }
  const ours: { write: Measure[]; read: Measure[] } = { write: [], read: [] }
  let theirXml = ''
  let ourXml = ''
  for (let run = 0; run < baselineRuns; run++) {
    theirs.write.push(await measure(async () => void (theirXml = version === '1.2' ? await jsToXliff12(js) : await js2xliff(js))))
    theirs.read.push(await measure(async () => void (version === '1.2' ? await xliff12ToJs(theirXml) : await xliff2js(theirXml))))
    ours.write.push(await measure(async () => void (ourXml = toXliff(sample, { ...languages, version }))))
    ours.read.push(await measure(async () => void parseXliff(ourXml)))
  }
  for (const [who, result, xml] of [
    ['xliff package', theirs, theirXml],
    ['mizan', ours, ourXml],
  ] as const) {
    const write = summarize(result.write.map((m) => m.seconds))
    const read = summarize(result.read.map((m) => m.seconds))
    const cpuMedian = (list: Measure[]): number => summarize(list.map((m) => m.cpuSeconds)).median
    rows.push([`${who} XLIFF ${version} (whole string)`, baselineN, fixed(Buffer.byteLength(xml) / 2 ** 20, 1), fixed(baselineN / write.median, 0), fixed(baselineN / cpuMedian(result.write), 0), fixed(write.median, 3), fixed(write.p95, 3), fixed(baselineN / read.median, 0), fixed(baselineN / cpuMedian(result.read), 0), fixed(read.median, 3), fixed(read.p95, 3), fixed(Math.max(...result.write.map((m) => m.heapMb)), 0), fixed(Math.max(...result.read.map((m) => m.heapMb)), 0)])
  }
}
rmSync(folder, { recursive: true, force: true })

console.log(machineLine())
clearInterval(loadTimer)
const load = summarize(loads)
console.log(`Load average (1 min) while measuring: median ${load.median.toFixed(1)}, max ${Math.max(...loads).toFixed(1)} (sampled every second, ${loads.length} samples) on ${cpus().length} cores; at the end (1/5/15 min): ${loadavg().map((value) => value.toFixed(1)).join(' / ')}. Other processes share the machine, so judge by the CPU columns.`)
console.log(`Data: tm/un.tsv of the data folder (${pairs.length} UN pairs) cycled to N units with metadata. Streamed rows: ${runs} run(s) of N, units/s = N / whole run, median and p95 = seconds per batch of ${batch} units. Tree-reader rows: the same files with a comment after each unit's start tag, read once. Whole-string rows: ${baselineRuns} runs, median and p95 = seconds per run. Heap sampled every 20 ms.\n`)
console.log(
  markdownTable(['format', 'N', 'file MB', 'write units/s (wall)', 'write units/s (CPU)', 'write s median', 'write s p95', 'read units/s (wall)', 'read units/s (CPU)', 'read s median', 'read s p95', 'write peak heap MB', 'read peak heap MB'], rows),
)
console.log('\nwall = N / elapsed time; CPU = N / CPU seconds this process used (user + system over all its threads, so GC and I/O threads count too).')
console.log('Targets: write ≥ 100,000 units/s, read ≥ 50,000 units/s, peak heap < 500 MB at 1,000,000 units (streamed rows).')
