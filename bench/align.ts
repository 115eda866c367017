/**
 * Alignment benchmark: quality (strict and lax precision/recall/F1 over beads, summed over documents, as Vecalign
 * and Bertalign score) and speed/memory, of our aligner beside a plain Gale-Church baseline written in
 * bench/align/gale-church-baseline.ts, measured in the same run.
 *
 * Data (the data sets `align` and `tm` of tests/helpers/data.ts, never copied into the repository):
 * 1. corpus/xi-rahmon-samarkand gold (must be exact);
 * 2. Flores-200 devtest, 3. NTREX-128: per document, perturbed per document, perturbed as one long document
 *    (see bench/align/datasets.ts for how texts are joined, segmented, perturbed and the gold projected);
 * 4. Text+Berg German-French test0..6 (sentences given; model constants were tuned on its `dev` file only);
 * 5. literary: Quran verses (tm/quran.tsv), one Arabic sentence often several English ones, dev and test halves
 *    (bench/align/literary.ts; constants may be tuned on dev only).
 * Speed: synthetic documents of 2,000 and 50,000 sentences a side, made of consecutive UN Parallel Corpus pairs
 * (tm/un.tsv, 8,000 pairs; for 50,000 the list is cycled with a seeded shuffle of 500-pair blocks),
 * perturbed like the others (15% English merges, 3% Arabic drops), so the aligner sees real sentence lengths,
 * numbers and names.
 *
 * `npx tsx bench/align.ts [--quick] [--speed-only] [--only corpus,flores,ntrex,textberg,recipe,literary,speed]` (`--quick`
 * skips the 50,000-sentence run, `--speed-only` the quality tables, `--only` runs the named sections;
 * `ALIGN_BENCH_ONLY=textberg,recipe` does the same through `npm run bench -- align`, which passes no flags).
 * `ALIGN_BENCH_LARGE_RUNS=n` sets the number of 50,000-sentence runs (default 3).
 * hunalign gets a row beside every mizan quality row when `HUNALIGN=/path/to/hunalign` is set or hunalign is on
 * the PATH (bench/align/hunalign.ts); otherwise one loud line says how to get it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { alignDocuments, alignSentences, learnLexicon, type AlignOptions, type LexiconEntry } from '../src/align/index.js'
import { readDictionary } from '../src/align/dictionary.js'
import { buildDocument, buildLineDocument, concatenate, random, readFlores, readNtrex, type ArabicEnglishDocument, type LineDocument } from './align/datasets.js'
import { galeChurch } from './align/gale-church-baseline.js'
import { childrenCpuMilliseconds, findHunalign, hunalignMissingLine, realignAbandoned, runHunalign, writeHunalignDictionary } from './align/hunalign.js'
import { coarsen, Scorer, type Pair } from './align/score.js'
import { readTextberg } from './align/textberg.js'
import { evaluateLiterary, literaryDocuments, readQuran, shapeOrder } from './align/literary.js'
import { fixed, machineLine, markdownTable, summarize, trackPeakMemory, requireData } from './lib.js'
import { dataRoot } from '../tests/helpers/data.js'

requireData('align', 'tm')

const repoRoot = resolve(import.meta.dirname, '..')
const data = dataRoot // the data folder (tests/helpers/data.ts)
const quick = process.argv.includes('--quick')
const speedOnly = process.argv.includes('--speed-only')
const perturbation = { seed: 20260101, mergeRate: 0.15, dropRate: 0.03 }
const onlyFlag = process.argv.find((arg) => arg.startsWith('--only'))
const only = (onlyFlag === '--only' ? process.argv[process.argv.indexOf('--only') + 1] : onlyFlag?.slice('--only='.length)) ?? process.env.ALIGN_BENCH_ONLY
/** Whether a section (corpus, flores, ntrex, textberg, recipe, speed) runs: all of them unless `--only` names some. */
const wanted = (section: string) => only === undefined || only.split(',').includes(section)
const hunalign = findHunalign()
if (!hunalign) console.log(hunalignMissingLine())
// hunalign's dictionary files (our lexicons written in its format), removed when the bench ends.
const hunalignDirectory = mkdtempSync(join(tmpdir(), 'mizan-bench-hunalign-'))
process.on('exit', () => rmSync(hunalignDirectory, { recursive: true, force: true }))
const hunalignDictionaries = new Map<readonly LexiconEntry[], string>()
/** The hunalign dictionary file of a lexicon, written once. */
function hunalignDictionary(lexicon: readonly LexiconEntry[]): string {
  let path = hunalignDictionaries.get(lexicon)
  if (!path) {
    path = join(hunalignDirectory, `dictionary-${hunalignDictionaries.size}.dic`)
    writeHunalignDictionary(lexicon, path)
    hunalignDictionaries.set(lexicon, path)
  }
  return path
}

type Row = Array<string | number>
const qualityRows: Row[] = []
const omissionRows: Row[] = []
const literaryRows: Row[] = []
const literaryShapeRows: Row[] = []

function addQuality(dataset: string, variant: string, documents: number, goldBeads: number, aligner: string, scorer: Scorer, milliseconds: number, cpuMilliseconds: number): void {
  const { strict, lax } = scorer.result()
  qualityRows.push([dataset, variant, documents, goldBeads, aligner, fixed(strict.p, 3), fixed(strict.r, 3), `**${fixed(strict.f1, 3)}**`, fixed(lax.p, 3), fixed(lax.r, 3), fixed(lax.f1, 3), fixed(milliseconds, 0), fixed(cpuMilliseconds, 0)])
}

/** A CPU-time reading: this process's and its finished children's (hunalign runs in a child). */
const cpuReading = () => ({ own: process.cpuUsage(), children: childrenCpuMilliseconds() })

/** CPU time (user + system) in milliseconds since `start` (a {@link cpuReading}), children included. */
const cpuSince = (start: ReturnType<typeof cpuReading>) => {
  const used = process.cpuUsage(start.own)
  return (used.user + used.system) / 1000 + childrenCpuMilliseconds() - start.children
}

const toPairs = (beads: ReadonlyArray<{ source: number[]; target: number[] }>): Pair[] => beads.map((bead) => [bead.source, bead.target])

/** A document's Arabic and English sentence texts, for the aligners that take sentences. */
const texts = (d: ArabicEnglishDocument) => [d.arabicSentences.map((s) => s.text), d.englishSentences.map((s) => s.text)] as const

/**
 * Runs ours (optionally with a lexicon), Gale-Church (with ratio and with c = 1) and hunalign when it is there
 * over documents. With `omissions`, also counts for each aligner the gold 1-0 and 0-1 beads it returns as they are.
 */
function evaluate(dataset: string, variant: string, documents: readonly ArabicEnglishDocument[], lexicon: readonly LexiconEntry[], lineGold: boolean, omissions?: string): void {
  const goldBeads = documents.reduce((sum, d) => sum + d.gold.length, 0)
  // Documents whose sentences are given (one per line) go to alignSentences; the others are segmented by alignDocuments.
  const mizan = (d: ArabicEnglishDocument, options: AlignOptions) =>
    toPairs(
      d.sentencesGiven
        ? alignSentences(...texts(d), { sourceLang: 'ar', targetLang: 'en', ...options }).beads
        : alignDocuments(d.arabic, d.english, { sourceLang: 'ar', targetLang: 'en', ...options }).beads,
    )
  const runs: Array<[string, (d: ArabicEnglishDocument) => Pair[]]> = [
    ['mizan', (d) => mizan(d, {})],
    ['mizan, one pass (no document lexicon)', (d) => mizan(d, { learnFromDocument: false })],
    ['mizan + UN lexicon', (d) => mizan(d, { dictionary: lexicon })],
    ['Gale-Church, ratio', (d) => galeChurch(...texts(d), true)],
    ['Gale-Church, c = 1', (d) => galeChurch(...texts(d), false)],
  ]
  if (hunalign) {
    runs.push(['hunalign', (d) => runHunalign(hunalign, ...texts(d))], ['hunalign -realign', (d) => runHunalign(hunalign, ...texts(d), { realign: true, name: d.name })])
    if (lexicon.length > 0) runs.push(['hunalign + UN lexicon', (d) => runHunalign(hunalign, ...texts(d), { dictionary: hunalignDictionary(lexicon) })])
  }
  for (const [name, run] of runs) {
    const scorer = new Scorer()
    const start = performance.now()
    const cpuStart = cpuReading()
    let goldOmissions = 0
    let foundOmissions = 0
    for (const document of documents) {
      const test = run(document)
      scorer.add(document.gold, lineGold ? coarsen(document.gold, test) : test)
      if (omissions === undefined) continue
      // Omissions found exactly: gold beads with an empty side that the aligner returns as they are.
      const returned = new Set(test.map(([s, t]) => `${s}:${t}`))
      for (const [s, t] of document.gold) {
        if (s.length > 0 && t.length > 0) continue
        goldOmissions++
        if (returned.has(`${s}:${t}`)) foundOmissions++
      }
    }
    addQuality(dataset, variant, documents.length, goldBeads, name, scorer, performance.now() - start, cpuSince(cpuStart))
    if (omissions !== undefined) omissionRows.push([omissions, name, goldOmissions, foundOmissions, fixed(foundOmissions / Math.max(1, goldOmissions), 3)])
  }
}

function threeWays(dataset: string, lines: readonly LineDocument[], lexicon: readonly LexiconEntry[]): void {
  evaluate(dataset, 'per document', lines.map((d) => buildDocument(d, undefined)), lexicon, true)
  evaluate(dataset, 'perturbed, per document', lines.map((d, k) => buildDocument(d, { ...perturbation, seed: perturbation.seed + k })), lexicon, true)
  evaluate(dataset, 'perturbed, one document', [buildDocument(concatenate(lines, `${dataset}:all`), perturbation)], lexicon, true)
}

// --- 0. the lexicon a growing memory would give: learned from the 8,000 UN pairs (a different corpus) ---
const unPairs = readFileSync(resolve(data, 'tm/un.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line.includes('\t'))
  .map((line) => {
    const [source, target] = line.split('\t')
    return { source: source!, target: target! }
  })
if (!speedOnly) {
  let start = performance.now()
  const unLexicon = learnLexicon(unPairs, { sourceLang: 'ar', targetLang: 'en' })
  const lexiconMs = performance.now() - start

  // --- 1. corpus gold ---
  const corpusDir = resolve(repoRoot, 'corpus/xi-rahmon-samarkand')
  const corpusAr = readFileSync(resolve(corpusDir, 'ar.txt'), 'utf8')
  const corpusEn = readFileSync(resolve(corpusDir, 'en.txt'), 'utf8')
  const corpusGold = (JSON.parse(readFileSync(resolve(corpusDir, 'gold.json'), 'utf8')) as Array<{ ar: number[]; en: number[] }>).map((b) => [b.ar, b.en] as Pair)
  if (wanted('corpus')) {
    const result = alignDocuments(corpusAr, corpusEn, { sourceLang: 'ar', targetLang: 'en' })
    const document: ArabicEnglishDocument = {
      name: 'corpus',
      arabic: corpusAr,
      english: corpusEn,
      arabicSentences: result.sourceSentences,
      englishSentences: result.targetSentences,
      gold: corpusGold,
    }
    evaluate('corpus xi-rahmon-samarkand', 'as written', [document], unLexicon, false)
  }

  // --- 2, 3. Flores-200 and NTREX-128 ---
  if (wanted('flores')) threeWays('Flores-200 devtest', readFlores(resolve(data, 'align/flores200')), unLexicon)
  if (wanted('ntrex')) threeWays('NTREX-128', readNtrex(resolve(data, 'align/ntrex128')), unLexicon)

  // --- 4. Text+Berg ---
  if (wanted('textberg')) {
    const documents = readTextberg(resolve(data, 'align/textberg_defr'), ['test0', 'test1', 'test2', 'test3', 'test4', 'test5', 'test6'])
    const goldBeads = documents.reduce((sum, d) => sum + d.gold.length, 0)
    const runs: Array<[string, (d: (typeof documents)[number]) => Pair[]]> = [
      ['mizan', (d) => toPairs(alignSentences(d.source, d.target, { sourceLang: 'de', targetLang: 'fr' }).beads)],
      ['mizan, one pass (no document lexicon)', (d) => toPairs(alignSentences(d.source, d.target, { sourceLang: 'de', targetLang: 'fr', learnFromDocument: false }).beads)],
      ['Gale-Church, ratio', (d) => galeChurch(d.source, d.target, true)],
      ['Gale-Church, c = 1', (d) => galeChurch(d.source, d.target, false)],
    ]
    if (hunalign) runs.push(['hunalign', (d) => runHunalign(hunalign, d.source, d.target)], ['hunalign -realign', (d) => runHunalign(hunalign, d.source, d.target, { realign: true, name: d.name })])
    // Debian's FreeDict German-French dictionary (dict-freedict-deu-fra), when installed: a large general dictionary.
    const deuFra = '/usr/share/dictd/freedict-deu-fra.index'
    if (existsSync(deuFra)) {
      const dictionary = readDictionary(deuFra, { sourceLang: 'de', targetLang: 'fr' })
      runs.splice(2, 0, [`mizan + FreeDict deu-fra (${dictionary.length} entries)`, (d) => toPairs(alignSentences(d.source, d.target, { sourceLang: 'de', targetLang: 'fr', dictionary }).beads)])
      if (hunalign) {
        const file = hunalignDictionary(dictionary)
        runs.push([`hunalign + FreeDict deu-fra`, (d) => runHunalign(hunalign, d.source, d.target, { dictionary: file })])
        runs.push([`hunalign -realign + FreeDict deu-fra`, (d) => runHunalign(hunalign, d.source, d.target, { realign: true, dictionary: file, name: d.name })])
      }
    } else console.log(`(no ${deuFra}: the FreeDict row is left out; apt-get install dict-freedict-deu-fra)`)
    for (const [name, run] of runs) {
      const scorer = new Scorer()
      start = performance.now()
      const cpuStart = cpuReading()
      for (const document of documents) scorer.add(document.gold, run(document))
      addQuality('Text+Berg de-fr test0-6', 'sentences given', documents.length, goldBeads, name, scorer, performance.now() - start, cpuSince(cpuStart))
    }
  }

  // --- 4b. issue #12's recipe: merges, deletions on both sides, unrelated insertions ---
  if (wanted('recipe')) {
    const tatoeba = readFileSync(resolve(data, 'tm/tatoeba.tsv'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('\t'))
      .map((line) => line.split('\t').map((part) => part.trim()) as [string, string])
    const pool = tatoeba.slice(-5000)
    const recipe = (seed: number) => ({ seed, mergeRate: 0.15, dropRate: 0.05, englishDropRate: 0.05, insert: { rate: 0.03, pool } })
    const unDocuments: LineDocument[] = []
    for (let k = 0; k < 20; k++) {
      const slice = unPairs.slice(k * 200, (k + 1) * 200)
      unDocuments.push({ name: `un#${k}`, arabic: slice.map((p) => p.source.trim()), english: slice.map((p) => p.target.trim()) })
    }
    const flores = readFlores(resolve(data, 'align/flores200'))
    const ntrex = readNtrex(resolve(data, 'align/ntrex128'))
    const tatoebaLines: LineDocument = { name: 'tatoeba', arabic: tatoeba.slice(0, 9000).map((p) => p[0]), english: tatoeba.slice(0, 9000).map((p) => p[1]) }
    const unAll: LineDocument = { name: 'un', arabic: unPairs.map((p) => p.source.trim()), english: unPairs.map((p) => p.target.trim()) }
    const long = concatenate([unAll, ...flores, ...ntrex, tatoebaLines], 'un+flores+ntrex+tatoeba')
    // As the issue states it, each line one sentence; and harder, the lines run together as text and segmented again
    // (a quarter of the Arabic UN lines and a fifth of the English ones have no final stop, so neighbours fuse on one
    // side only, and beads of shapes like 2-3 appear).
    const sets: Array<[string, ArabicEnglishDocument[]]> = [
      ['UN, 20 documents of 200 lines, a sentence per line', unDocuments.map((d, k) => buildLineDocument(d, recipe(1200 + k)))],
      [`UN+Flores+NTREX+Tatoeba, one document of ${long.arabic.length} lines, a sentence per line`, [buildLineDocument(long, recipe(1299))]],
      ['UN, 20 documents of 200 lines, segmented', unDocuments.map((d, k) => buildDocument(d, recipe(1200 + k)))],
      [`UN+Flores+NTREX+Tatoeba, one document of ${long.arabic.length} lines, segmented`, [buildDocument(long, recipe(1299))]],
    ]
    for (const [variant, documents] of sets) evaluate('issue #12 recipe (merge 15%, delete 5% each side, insert 3% Tatoeba)', variant, documents, [], !documents[0]!.sentencesGiven, variant)
  }

  // --- 4c. literary: Quran verses, one Arabic sentence often several English ones (bench/align/literary.ts) ---
  if (wanted('literary')) {
    const verses = readQuran(resolve(data, 'tm/quran.tsv'))
    const aligners: Array<[string, (d: ArabicEnglishDocument) => Pair[]]> = [
      ['mizan', (d) => toPairs(alignDocuments(d.arabic, d.english, { sourceLang: 'ar', targetLang: 'en' }).beads)],
      ['Gale-Church, ratio', (d) => galeChurch(...texts(d), true)],
    ]
    for (const merged of [false, true]) {
      const halves = literaryDocuments(verses, 200, merged)
      for (const [half, documents] of [['dev', halves.dev], ['test', halves.test]] as const) {
        const variant = `${merged ? 'English verses merged 15%' : 'as written'}, ${half}`
        for (const [name, align] of aligners) {
          const start = performance.now()
          const result = evaluateLiterary(documents, align)
          literaryRows.push([variant, documents.length, result.goldBeads, name, `**${fixed(result.strictF1, 3)}**`, fixed(result.laxF1, 3), result.maxDrift, `${result.driftRows} of ${result.rows}`, fixed(performance.now() - start, 0)])
          if (name !== 'mizan') continue
          for (const shape of shapeOrder([result.goldShapes, result.producedShapes])) {
            literaryShapeRows.push([variant, shape, result.goldShapes.get(shape) ?? 0, result.exactShapes.get(shape) ?? 0, result.producedShapes.get(shape) ?? 0])
          }
        }
      }
    }
  }

  console.log(machineLine())
  console.log(`Load average after the quality runs: ${loadavg().map((x) => x.toFixed(1)).join(', ')} on ${cpus().length} cores`)
  console.log(`UN lexicon: ${unLexicon.length} entries learned from ${unPairs.length} pairs in ${fixed(lexiconMs, 0)} ms\n`)
  console.log('### Alignment quality (strict and lax P/R/F1 over beads, summed over documents)\n')
  console.log(
    markdownTable(['dataset', 'variant', 'docs', 'gold beads', 'aligner', 'strict P', 'strict R', 'strict F1', 'lax P', 'lax R', 'lax F1', 'total wall ms', 'total CPU ms'], qualityRows),
  )
  if (realignAbandoned.runs > 0) {
    const listed = realignAbandoned.documents.slice(0, 5).join(', ')
    console.log(`\nhunalign gave up -realign ("Abandoning realign. The align itself is suspicious.") on ${realignAbandoned.runs} documents (${listed}${realignAbandoned.runs > 5 ? ', …' : ''}); those rows are its first pass.`)
  }
  console.log('\n### Omissions (gold 1-0 and 0-1 beads) found exactly, issue #12 recipe\n')
  console.log(markdownTable(['variant', 'aligner', 'gold omissions', 'found exactly', 'fraction'], omissionRows))
  if (literaryRows.length > 0) {
    console.log('\n### Literary: Quran verses, documents of 200 verses, alternately dev and test (strict and lax F1; drift = target sentences between the path and the gold at a source boundary)\n')
    console.log(markdownTable(['variant', 'docs', 'gold beads', 'aligner', 'strict F1', 'lax F1', 'max drift', 'boundaries 2+ off', 'wall ms'], literaryRows))
    console.log('\n#### Literary bead shapes (mizan): gold, gold found exactly, produced\n')
    console.log(markdownTable(['variant', 'shape', 'gold', 'found exactly', 'produced'], literaryShapeRows))
  }
}

// --- 5. speed and memory ---
/** A synthetic document of `size` UN pairs (consecutive; cycled in shuffled 500-pair blocks past 8,000), perturbed. */
function synthetic(size: number, seed: number): { source: string[]; target: string[]; gold: Pair[] } {
  const next = random(seed)
  const blocks: number[] = []
  for (let b = 0; b * 500 < unPairs.length; b++) blocks.push(b)
  const order: number[] = []
  while (order.length < size) {
    const shuffled = [...blocks].sort(() => next() - 0.5)
    for (const b of shuffled) for (let k = b * 500; k < Math.min(unPairs.length, b * 500 + 500); k++) order.push(k)
  }
  order.length = size
  const source: string[] = []
  const target: string[] = []
  const gold: Pair[] = []
  for (let k = 0; k < size; k++) {
    const pair = unPairs[order[k]!]!
    const merge = k + 1 < size && next() < 0.15
    const drop = next() < 0.03
    const sourceIds: number[] = []
    const targetIds: number[] = []
    if (!drop) {
      sourceIds.push(source.length)
      source.push(pair.source)
    }
    if (merge) {
      const second = unPairs[order[k + 1]!]!
      if (next() >= 0.03) {
        sourceIds.push(source.length)
        source.push(second.source)
      }
      targetIds.push(target.length)
      target.push(`${pair.target.replace(/[.!?]+$/, '')}; ${second.target}`)
      k++
    } else {
      targetIds.push(target.length)
      target.push(pair.target)
    }
    gold.push([sourceIds, targetIds])
  }
  return { source, target, gold }
}

if (speedOnly && wanted('speed')) console.log(machineLine())
const speedRows: Row[] = []
function measure(label: string, size: number, repeats: number, run: (doc: ReturnType<typeof synthetic>) => Pair[]): void {
  const doc = synthetic(size, 7 + size)
  const times: number[] = []
  const cpuTimes: number[] = []
  let peakRss = 0
  let peakHeap = 0
  let scorer = new Scorer()
  for (let r = 0; r < repeats; r++) {
    ;(globalThis as { gc?: () => void }).gc?.()
    const memory = trackPeakMemory(10)
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    const beads = run(doc)
    times.push(performance.now() - t0)
    const cpu = process.cpuUsage(c0)
    cpuTimes.push((cpu.user + cpu.system) / 1000)
    const peak = memory.stop()
    peakRss = Math.max(peakRss, peak.rssMb)
    peakHeap = Math.max(peakHeap, peak.heapMb)
    scorer = new Scorer()
    scorer.add(doc.gold, beads)
  }
  const { median, p95 } = summarize(times)
  speedRows.push([`${doc.source.length} x ${doc.target.length}`, label, repeats, fixed(median, 0), fixed(p95, 0), fixed(summarize(cpuTimes).median, 0), fixed(peakRss, 0), fixed(peakHeap, 0), fixed(scorer.result().strict.f1, 3)])
}

if (wanted('speed')) {
  const ours = (doc: ReturnType<typeof synthetic>) => toPairs(alignSentences(doc.source, doc.target, { sourceLang: 'ar', targetLang: 'en' }).beads)
  // Debian's FreeDict Arabic-English dictionary (dict-freedict-ara-eng), when installed: a large general dictionary.
  const freedictPath = '/usr/share/dictd/freedict-ara-eng.index'
  let freedict: LexiconEntry[] | undefined
  if (existsSync(freedictPath)) {
    const t0 = performance.now()
    freedict = readDictionary(freedictPath, { sourceLang: 'ar', targetLang: 'en' })
    console.log(`FreeDict ara-eng: ${freedict.length} entries read in ${fixed(performance.now() - t0, 0)} ms`)
  } else console.log(`(no ${freedictPath}: the FreeDict rows are left out; apt-get install dict-freedict-ara-eng)`)
  const withFreedict = (doc: ReturnType<typeof synthetic>) => toPairs(alignSentences(doc.source, doc.target, { sourceLang: 'ar', targetLang: 'en', dictionary: freedict! }).beads)
  measure('mizan', 2000, 7, ours)
  if (freedict) measure(`mizan + FreeDict ara-eng (${freedict.length} entries)`, 2000, 7, withFreedict)
  measure('Gale-Church, ratio (full n x m table)', 2000, 3, (doc) => galeChurch(doc.source, doc.target, true))
  if (!quick) {
    measure('mizan', 50_000, Number(process.env.ALIGN_BENCH_LARGE_RUNS ?? 3), ours)
    if (freedict) measure(`mizan + FreeDict ara-eng (${freedict.length} entries)`, 50_000, Number(process.env.ALIGN_BENCH_LARGE_RUNS ?? 3), withFreedict)
    const big = synthetic(50_000, 7 + 50_000)
    const cells = (big.source.length + 1) * (big.target.length + 1)
    speedRows.push([`${big.source.length} x ${big.target.length}`, 'Gale-Church, ratio (full n x m table)', 0, `not run: ${(cells / 1e9).toFixed(1)}e9 cells (${(cells / 2 ** 30).toFixed(1)} GiB of back-pointers plus ${((cells * 8) / 2 ** 30).toFixed(0)} GiB of costs)`, '', '', '', '', ''])
  }
  console.log('\n### Speed and peak memory (synthetic documents of consecutive UN pairs, perturbed)\n')
  console.log(`Load average when done: ${loadavg().map((x) => x.toFixed(1)).join(', ')} on ${cpus().length} cores (wall time includes waiting for the CPU; CPU ms is this process's own time).\n`)
  console.log(markdownTable(['sentences (ar x en)', 'aligner', 'N runs', 'median wall ms', 'p95 wall ms', 'median CPU ms', 'peak RSS MB', 'peak heap MB', 'strict F1'], speedRows))
}
