/**
 * bench/fuzzy.ts: fuzzy search of the translation memory against brute force (the truth) and two libraries users
 * reach for (fuse.js, minisearch), on real sentence pairs.
 *
 * Data: the data set `tm` (tm/{un,tatoeba,quran}.tsv) (Arabic<TAB>English). 500 pairs are held out as queries
 * (seeded shuffle); the rest form the memory. For N above the real pair count the memory is grown by a documented,
 * seeded recombination: a synthetic unit joins the first part of pair A and the last part of pair B (A and B from
 * the same corpus), cut at word boundaries at the same random fraction (0.3–0.7) on both sides.
 *
 * Queries: the held-out pairs, half searched by their Arabic text on the source side and half by their English
 * text on the target side; a quarter kept as they are, a quarter with one word dropped, a quarter with two
 * neighbouring words swapped, a quarter with one word replaced by a word from another sentence.
 *
 * Truth: every unit scored with the memory's own score (identical text 1, equal tokens 0.99, else 1 − d/L with d
 * the full token Levenshtein distance), ranked as the memory ranks. This brute force is also the speed baseline.
 *
 * Parts (issue #14, sentences inside beads): after each N, a second memory of N units of which a share
 * (--parts-share, 0.2) joins two whole pairs into one unit of two sentences a side with their boundaries (a 2-2
 * bead), searched with the same queries with part matches on (the default) and off; its answers (limit ∞) are
 * checked against brute force over every unit and every sentence of the joined units. Its median against the main
 * row's is what "fuzzy with parts stays within 1.5 times today's figures" is about. --parts-share 0 skips it.
 *
 * Usage: npx tsx bench/fuzzy.ts [--n 50000,1000000] [--queries 500] [--brute-queries all] [--alt-queries 100]
 *        [--alt-budget 60] [--fuse-max-n 100000] [--minisearch-max-n 1000000] [--rounds 3] [--min-score 0.7]
 *        [--limit 5] [--seed 42] [--parts-share 0.2]
 * (--alt-budget: seconds per alternative per N; a slow library stops early and the table says how many queries it
 * ran. fuse.js scans every string per query, about 34 s a query at 50,000 units here, so it is skipped above
 * --fuse-max-n and the output says so.)
 *
 * Memory timings: one warm-up pass over all queries, then --rounds passes; a query's time is its median over the
 * rounds (the machine is shared, so a single pass mixes in waits for a core).
 *
 * Times are wall clock per query; the CPU column is process CPU time (process.cpuUsage) for the same calls, which
 * stays meaningful when the machine is shared and the wall clock includes waiting for a core.
 * (npm run bench fuzzy runs it with --expose-gc so memory figures are after a full collection.)
 *
 * Memory: V8 heap plus the typed arrays' backing stores (process.memoryUsage().arrayBuffers, which heapUsed does not
 * count; the fuzzy index keeps almost everything in Int32Arrays), after a full GC. Measured directly at the end of
 * each N, in the same process: the whole memory; then the same with its fuzzy indexes dropped; then only its unit
 * objects held, with the memory closed. Their differences are the fuzzy indexes, the rest of the store (matching
 * keys, exact-key maps, entries) and the units themselves.
 *
 * The slowest 5% of queries are profiled: their token count, matches, and what the index did for them (lists and
 * postings read, candidates, candidates left after the count bound, edit distances computed), and how much of the
 * query time the index search itself takes (the rest is the memory's re-scoring, ranking and diffs).
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import Fuse from 'fuse.js'
import MiniSearch from 'minisearch'
// Imported from their modules rather than src/index.ts, so a half-edited module elsewhere cannot stop this bench.
import { TranslationMemory } from '../src/tm/translation-memory.js'
import { maxEditDistance, tokenEditDistance } from '../src/tm/score.js'
import { FuzzyIndex } from '../src/tm/fuzzy-index.js'
import { partTexts } from '../src/tm/unit-parts.js'
import type { MatchSide } from '../src/storage/types.js'
import type { TranslationUnit } from '../src/types.js'
import { fixed, heapUsedMb, machineLine, markdownTable, summarize, requireData } from './lib.js'
import { growUnits, loadTmPairs, makeQueries, random, shuffle, tmCorpora, type EditedQuery, type TmPair } from '../tests/helpers/shared-data.js'

requireData('tm')

// ---------------------------------------------------------------- options
interface Options {
  sizes: number[]
  queries: number
  bruteQueries: number
  altQueries: number
  fuseMaxN: number
  miniMaxN: number
  altBudget: number
  rounds: number
  minScore: number
  limit: number
  seed: number
  partsShare: number
}

function parseOptions(argv: string[]): Options {
  const options: Options = { sizes: [50_000, 1_000_000], queries: 500, bruteQueries: Number.POSITIVE_INFINITY, altQueries: 100, fuseMaxN: 100_000, miniMaxN: 1_000_000, altBudget: 60, rounds: 3, minScore: 0.7, limit: 5, seed: 42, partsShare: 0.2 }
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index]!
    const value = argv[index + 1]
    const number = (name: string) => {
      const parsed = value === 'all' ? Number.POSITIVE_INFINITY : Number(value)
      if (value === undefined || Number.isNaN(parsed)) throw new Error(`bench/fuzzy: ${name} needs a number, got ${String(value)}`)
      index++
      return parsed
    }
    if (flag === '--n') {
      options.sizes = (value ?? '').split(',').map((part) => Number(part.replace(/_/g, '')))
      if (options.sizes.some((size) => !Number.isInteger(size) || size <= 0)) throw new Error(`bench/fuzzy: --n needs sizes like 50000,1000000, got ${String(value)}`)
      index++
    } else if (flag === '--queries') options.queries = number(flag)
    else if (flag === '--brute-queries') options.bruteQueries = number(flag)
    else if (flag === '--alt-queries') options.altQueries = number(flag)
    else if (flag === '--fuse-max-n') options.fuseMaxN = number(flag)
    else if (flag === '--minisearch-max-n') options.miniMaxN = number(flag)
    else if (flag === '--rounds') options.rounds = number(flag)
    else if (flag === '--alt-budget') options.altBudget = number(flag)
    else if (flag === '--min-score') options.minScore = number(flag)
    else if (flag === '--limit') options.limit = number(flag)
    else if (flag === '--seed') options.seed = number(flag)
    else if (flag === '--parts-share') options.partsShare = number(flag)
    else throw new Error(`bench/fuzzy: unknown flag ${flag}`)
  }
  return options
}

// ---------------------------------------------------------------- data
// Pairs, PRNG, shuffle, growth (growUnits) and query edits (makeQueries): tests/helpers/shared-data.ts, shared with
// bench/storage.ts.

// ---------------------------------------------------------------- truth by brute force
interface Flat {
  ids: string[]
  texts: Record<MatchSide, string[]>
  tokens: Record<MatchSide, Int32Array[]>
  seqs: number[]
  changed: number[]
  vocabulary: Map<string, number>
}

async function flatten(tm: TranslationMemory): Promise<Flat> {
  const vocabulary = new Map<string, number>()
  const intern = (tokens: readonly string[]) => {
    const ids = new Int32Array(tokens.length)
    tokens.forEach((token, index) => {
      let id = vocabulary.get(token)
      if (id === undefined) {
        id = vocabulary.size
        vocabulary.set(token, id)
      }
      ids[index] = id
    })
    return ids
  }
  const flat: Flat = { ids: [], texts: { source: [], target: [] }, tokens: { source: [], target: [] }, seqs: [], changed: [], vocabulary }
  for await (const stored of tm.storage.units()) {
    const keys = tm.keysOf(stored.unit)
    flat.ids.push(stored.unit.id)
    flat.texts.source.push(stored.unit.source)
    flat.texts.target.push(stored.unit.target)
    flat.tokens.source.push(intern(keys.source.tokens))
    flat.tokens.target.push(intern(keys.target.tokens))
    flat.seqs.push(stored.seq)
    flat.changed.push(Date.parse(stored.unit.changedAt ?? '') || Number.NEGATIVE_INFINITY)
  }
  return flat
}

/**
 * Scores every unit and keeps those ≥ minScore, ranked like the memory. Returns ranked ids. With `cutoff`, each
 * distance is computed with the same Ukkonen cut-off the score allows (`tokenEditDistance(q, s, k)`, k = the
 * largest distance still ≥ minScore): the same decisions, faster, so a stronger baseline. Without it, the full
 * Wagner–Fischer table for every unit.
 */
function bruteForce(flat: Flat, tm: TranslationMemory, query: EditedQuery, minScore: number, cutoff: boolean): string[] {
  const keys = tm.keysOf({ source: query.text, target: query.text })
  const q = Int32Array.from(keys.source.tokens, (token) => flat.vocabulary.get(token) ?? -1)
  if (q.length === 0) return []
  const texts = flat.texts[query.side]
  const all = flat.tokens[query.side]
  const kept: Array<{ index: number; score: number }> = []
  for (let index = 0; index < all.length; index++) {
    const s = all[index]!
    const longest = Math.max(q.length, s.length)
    const d = cutoff ? tokenEditDistance(q, s, maxEditDistance(longest, minScore)) : tokenEditDistance(q, s)
    const score = texts[index] === query.text ? 1 : d === 0 ? 0.99 : 1 - d / longest
    if (score >= minScore) kept.push({ index, score })
  }
  kept.sort((a, b) => b.score - a.score || flat.changed[b.index]! - flat.changed[a.index]! || flat.seqs[b.index]! - flat.seqs[a.index]! || (flat.ids[a.index]! < flat.ids[b.index]! ? -1 : 1))
  return kept.map((row) => flat.ids[row.index]!)
}

// ---------------------------------------------------------------- memory
/** V8 heap plus typed-array backing stores, in MB, after a full GC (heapUsedMb collects when --expose-gc is on). */
function memoryMb(): number {
  return heapUsedMb() + process.memoryUsage().arrayBuffers / 2 ** 20
}

/** The in-process store, seen with its fuzzy indexes (a private field of MemoryStorage; used here only to measure and profile). */
function indexedStore(tm: TranslationMemory): { index: Record<MatchSide, FuzzyIndex> } {
  return tm.storage as unknown as { index: Record<MatchSide, FuzzyIndex> }
}

// ---------------------------------------------------------------- run
function recallAt(found: readonly string[], truth: readonly string[], limit: number): { hit: number; total: number } {
  const wanted = new Set(truth.slice(0, limit))
  let hit = 0
  for (const id of found.slice(0, limit)) if (wanted.has(id)) hit++
  return { hit, total: wanted.size }
}

/** Progress on stderr, so the table on stdout stays clean. */
const progressStart = performance.now()
function progress(message: string): void {
  process.stderr.write(`[${fixed((performance.now() - progressStart) / 1000, 1)} s] ${message}\n`)
}

const ms = (value: number) => fixed(value, value < 1 ? 3 : value < 100 ? 2 : 0)

/**
 * `rounds` rounds over the queries, each call timed in wall clock and in process CPU time; per query, the median
 * over the rounds (in ms), in query order.
 */
async function timeRounds(queries: readonly EditedQuery[], rounds: number, search: (query: EditedQuery) => Promise<unknown>): Promise<{ times: number[]; cpuTimes: number[] }> {
  const perRound: number[][] = queries.map(() => [])
  const cpuPerRound: number[][] = queries.map(() => [])
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < queries.length; index++) {
      const cpu = process.cpuUsage()
      const start = performance.now()
      await search(queries[index]!)
      perRound[index]!.push(performance.now() - start)
      const used = process.cpuUsage(cpu)
      cpuPerRound[index]!.push((used.user + used.system) / 1000)
    }
  }
  return { times: perRound.map((times) => summarize(times).median), cpuTimes: cpuPerRound.map((times) => summarize(times).median) }
}

async function runSize(n: number, pairs: { base: TmPair[]; queries: EditedQuery[] }, options: Options, rows: { main: string[][]; alternatives: string[][]; notes: string[]; slow: string[][] }) {
  const next = random(options.seed + n)
  const heapStart = memoryMb()
  const loadStart = loadavg()[0]!
  let units: Array<Omit<TranslationUnit, 'id'>> | undefined = growUnits(pairs.base, n, next)
  const real = Math.min(n, pairs.base.length)
  const heapUnits = memoryMb() - heapStart
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
  progress(`N=${n}: ${units.length} units made, building the memory`)
  const buildStart = performance.now()
  const buildCpu = process.cpuUsage()
  await tm.addAll(units)
  // The memory merges repeated pairs (same source and target), so top up with more recombined units until it
  // holds exactly n.
  for (let missing = n - (await tm.size()); missing > 0; missing = n - (await tm.size())) await tm.addAll(growUnits([], missing, next, pairs.base))
  const buildSeconds = (performance.now() - buildStart) / 1000
  const buildCpuUsed = process.cpuUsage(buildCpu)
  const buildCpuSeconds = (buildCpuUsed.user + buildCpuUsed.system) / 1e6
  units = undefined
  const distinctReal = new Set(pairs.base.slice(0, real).map((pair) => `${pair.source}\u0000${pair.target}`)).size
  const heapTotal = memoryMb()
  const heapMemory = heapTotal - heapStart
  const size = await tm.size()

  progress(`N=${n}: built in ${fixed(buildSeconds, 1)} s, querying`)
  // Memory search, as a user calls it (top `limit`, with diffs).
  const answers: string[][] = []
  const search = (query: EditedQuery, limit = options.limit) => tm.fuzzy(query.text, { minScore: options.minScore, limit, side: query.side })
  for (const query of pairs.queries) answers.push((await search(query)).map((match) => match.unit.id)) // warm-up, and the answers
  const { times, cpuTimes } = await timeRounds(pairs.queries, options.rounds, (query) => search(query))
  const mine = summarize(times)
  const mineCpu = summarize(cpuTimes)

  {
    // The slowest 5% of queries (by wall median): what the index did for them, and how much of their time the
    // index search takes (the rest is the memory's re-scoring of the candidates, ranking and diffs).
    const indexes = indexedStore(tm).index
    const slowest = times.map((time, index) => ({ time, index })).sort((a, b) => b.time - a.time).slice(0, Math.max(1, Math.ceil(times.length * 0.05)))
    for (const { time, index } of slowest) {
      const query = pairs.queries[index]!
      const tokens = tm.keysOf({ source: query.text, target: query.text }).source.tokens
      const fuzzyIndex = indexes[query.side]
      const searchTimes: number[] = []
      for (let round = 0; round < options.rounds; round++) {
        const start = performance.now()
        fuzzyIndex.search(tokens, options.minScore)
        searchTimes.push(performance.now() - start)
      }
      const stats = fuzzyIndex.stats
      const shown = query.text.length > 40 ? `${query.text.slice(0, 40)}…` : query.text
      rows.slow.push([String(size), String(index), `${query.side} (${query.edit})`, String(tokens.length), shown.replace(/\|/g, '\\|'), ms(time), ms(cpuTimes[index]!), ms(summarize(searchTimes).median), String(stats.lengths), `${stats.lists} / ${stats.postings}`, String(stats.candidates), String(stats.counted), String(stats.verified), String(stats.results)])
    }
  }

  // Exact look-up: half hits (stored sources), half misses (held-out sources).
  const lookupTimes: number[] = []
  const stored: string[] = []
  for await (const unit of tm.units()) {
    if (stored.length >= 1000) break
    stored.push(unit.source)
  }
  const lookupTexts = [...stored, ...pairs.queries.filter((query) => query.side === 'source').map((query) => query.text)]
  for (let round = 0; round < 3; round++) {
    for (const text of lookupTexts) {
      const start = performance.now()
      await tm.lookup(text)
      if (round > 0) lookupTimes.push((performance.now() - start) * 1000)
    }
  }
  const lookup = summarize(lookupTimes)

  // A 100,000-character query: bounded work.
  const huge = pairs.queries[0]!.text.padEnd(100_000, ` ${pairs.queries[1]!.text}`)
  const hugeStart = performance.now()
  const hugeAnswer = await tm.fuzzy(huge, { minScore: options.minScore })
  const hugeMs = performance.now() - hugeStart

  progress(`N=${n}: queries done (median ${ms(mine.median)} ms), brute force`)
  // Truth by brute force (also the baseline), and the full answer sets (limit ∞) for the lossless check.
  const flat = await flatten(tm)
  const bruteCount = Math.min(options.bruteQueries, pairs.queries.length)
  const bruteTimes: number[] = []
  const bruteCpuTimes: number[] = []
  const truths: string[][] = []
  let recall = { hit: 0, total: 0 }
  let fullAgree = 0
  let withMatches = 0
  let truthMatches = 0
  for (let index = 0; index < bruteCount; index++) {
    const query = pairs.queries[index]!
    const cpu = process.cpuUsage()
    const start = performance.now()
    const truth = bruteForce(flat, tm, query, options.minScore, true)
    bruteTimes.push(performance.now() - start)
    const used = process.cpuUsage(cpu)
    bruteCpuTimes.push((used.user + used.system) / 1000)
    truths.push(truth)
    const r = recallAt(answers[index]!, truth, options.limit)
    recall = { hit: recall.hit + r.hit, total: recall.total + r.total }
    if (truth.length > 0) withMatches++
    truthMatches += truth.length
    if (index % 50 === 49) progress(`N=${n}: brute force ${index + 1}/${bruteCount}`)
    const full = (await tm.fuzzy(query.text, { minScore: options.minScore, limit: Number.POSITIVE_INFINITY, side: query.side })).map((match) => match.unit.id)
    if (full.length === truth.length && full.every((id, position) => id === truth[position])) fullAgree++
  }
  const brute = summarize(bruteTimes)
  const bruteCpu = summarize(bruteCpuTimes)
  const fullCount = Math.min(20, bruteCount)
  const fullTimes: number[] = []
  let fullSame = 0
  for (let index = 0; index < fullCount; index++) {
    const start = performance.now()
    const truth = bruteForce(flat, tm, pairs.queries[index]!, options.minScore, false)
    fullTimes.push(performance.now() - start)
    if (truth.join() === truths[index]!.join()) fullSame++
  }
  const full = summarize(fullTimes)
  rows.notes.push(`N=${size}: brute force with the full Wagner–Fischer table (no cut-off) on the first ${fullCount} queries: median ${ms(full.median)} ms, p95 ${ms(full.p95)} ms, same answers as the cut-off brute force on ${fullSame}/${fullCount}; speed-up of the memory over it (medians): ${fixed(full.median / mine.median, 0)}×`)

  // Memory, measured directly (see the header): the whole store, then without its fuzzy indexes, then only its
  // units. Everything else alive here (the brute-force copy, the queries) is the same in all three readings.
  const kept: TranslationUnit[] = []
  for await (const unit of tm.units()) kept.push(unit)
  const withAll = memoryMb()
  indexedStore(tm).index = { source: new FuzzyIndex(), target: new FuzzyIndex() }
  const withoutFuzzy = memoryMb()
  await tm.close()
  const unitsOnly = memoryMb()
  kept.length = 0
  const without = memoryMb()
  const loadEnd = loadavg()[0]!
  rows.main.push([
    String(size),
    size > real ? `${real} real pairs (${distinctReal} distinct) + ${size - distinctReal} recombined` : 'real',
    `${fixed(buildSeconds, 1)} (CPU ${fixed(buildCpuSeconds, 1)})`,
    fixed(withAll - unitsOnly, 0),
    fixed(withAll - withoutFuzzy, 0),
    fixed(unitsOnly - without, 0),
    `${fixed(heapTotal, 0)} (growth ${fixed(heapMemory, 0)}; input units ${fixed(heapUnits, 0)})`,
    ms(mine.median),
    ms(mine.p95),
    `${ms(mineCpu.median)} / ${ms(mineCpu.p95)}`,
    `${fixed(loadStart, 1)} → ${fixed(loadEnd, 1)}`,
    `${ms(brute.median)} (CPU ${ms(bruteCpu.median)})`,
    ms(brute.p95),
    `${fixed(brute.median / mine.median, 0)}× (CPU ${fixed(bruteCpu.median / mineCpu.median, 0)}×)`,
    `${fixed(recall.total === 0 ? 1 : recall.hit / recall.total, 3)} (${recall.hit}/${recall.total})`,
    `${fullAgree}/${bruteCount}`,
    fixed(lookup.median, 1),
  ])
  progress(`N=${n}: ${rows.main[rows.main.length - 1]!.join(' | ')}`) // the row survives a later crash in the alternatives
  rows.notes.push(
    `N=${size}: ${withMatches}/${bruteCount} queries have at least one unit ≥ ${options.minScore} (${truthMatches} matches in all); 100,000-character query: ${fixed(hugeMs, 1)} ms, ${hugeAnswer.length} matches; lookup p95 ${fixed(lookup.p95, 1)} µs`,
  )

  // Alternatives users reach for, on the same queries and the same truth.
  const altCount = Math.min(options.altQueries, bruteCount)
  const sides: MatchSide[] = ['source', 'target']
  const docs = (side: MatchSide) => flat.texts[side].map((text, index) => ({ id: index, text }))
  const alternatives: Array<[string, number, () => (query: EditedQuery) => string[]]> = [
    [
      'fuse.js 7 (Bitap, threshold 0.4, ignoreLocation)',
      options.fuseMaxN,
      () => {
        const fuse = Object.fromEntries(sides.map((side) => [side, new Fuse(docs(side), { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: 0.4 })])) as Record<MatchSide, Fuse<{ id: number; text: string }>>
        return (query) => fuse[query.side].search(query.text, { limit: options.limit }).map((hit) => flat.ids[hit.item.id]!)
      },
    ],
    [
      'minisearch 7 (BM25, fuzzy 0.2, prefix)',
      options.miniMaxN,
      () => {
        const mini = Object.fromEntries(
          sides.map((side) => {
            const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] })
            index.addAll(docs(side))
            return [side, index]
          }),
        ) as Record<MatchSide, MiniSearch<{ id: number; text: string }>>
        return (query) => mini[query.side].search(query.text, { fuzzy: 0.2, prefix: true }).slice(0, options.limit).map((hit) => flat.ids[hit.id as number]!)
      },
    ],
  ]
  for (const [name, maxN, build] of alternatives) {
    if (n > maxN || altCount === 0) {
      rows.alternatives.push([name, String(size), 'not run', '-', '-', '-', altCount === 0 ? 'skipped (--alt-queries 0)' : `skipped above N=${maxN} (see the smaller N row)`])
      continue
    }
    progress(`N=${n}: ${name}`)
    const buildStart = performance.now()
    const find = build()
    const buildTime = (performance.now() - buildStart) / 1000
    const altTimes: number[] = []
    let altRecall = { hit: 0, total: 0 }
    const budgetEnd = performance.now() + options.altBudget * 1000
    for (let index = 0; index < altCount && performance.now() < budgetEnd; index++) {
      const query = pairs.queries[index]!
      const start = performance.now()
      const found = find(query)
      altTimes.push(performance.now() - start)
      const r = recallAt(found, truths[index]!, options.limit)
      altRecall = { hit: altRecall.hit + r.hit, total: altRecall.total + r.total }
    }
    const alt = summarize(altTimes)
    progress(`N=${n}: ${name} median ${ms(alt.median)} ms`)
    rows.alternatives.push([name, String(size), String(altTimes.length), fixed(buildTime, 1), ms(alt.median), ms(alt.p95), `${fixed(altRecall.total === 0 ? 1 : altRecall.hit / altRecall.total, 3)} (${altRecall.hit}/${altRecall.total})`])
  }
  if (altCount > 0) {
    // The memory on the same subset, for a like-for-like row (none when no alternative ran: --alt-queries 0).
    const subset = summarize(times.slice(0, altCount))
    let subsetRecall = { hit: 0, total: 0 }
    for (let index = 0; index < altCount; index++) {
      const r = recallAt(answers[index]!, truths[index]!, options.limit)
      subsetRecall = { hit: subsetRecall.hit + r.hit, total: subsetRecall.total + r.total }
    }
    rows.alternatives.push(['mizan TranslationMemory.fuzzy', String(size), String(altCount), fixed(buildSeconds, 1), ms(subset.median), ms(subset.p95), `${fixed(subsetRecall.total === 0 ? 1 : subsetRecall.hit / subsetRecall.total, 3)} (${subsetRecall.hit}/${subsetRecall.total})`])
  }
  await tm.close()
}

// ---------------------------------------------------------------- parts (issue #14)
/**
 * A memory of `n` units where a share joins two whole pairs into one unit of two sentences a side, with the
 * sentence boundaries the aligner would keep (`parts`); the same queries with part matches on and off; the full
 * answers checked against brute force over units and sentences. One row of the parts table.
 */
async function runParts(n: number, pairs: { base: TmPair[]; queries: EditedQuery[] }, options: Options, main: { median: number; cpuMedian: number }, rows: string[][]) {
  const next = random(options.seed + n + 1)
  const units: Array<Omit<TranslationUnit, 'id'>> = growUnits(pairs.base, n, next)
  let joined = 0
  for (let index = 0; index < units.length; index++) {
    if (next() >= options.partsShare) continue
    const a = pairs.base[Math.floor(next() * pairs.base.length)]!
    const b = pairs.base[Math.floor(next() * pairs.base.length)]!
    units[index] = { source: `${a.source} ${b.source}`, target: `${a.target} ${b.target}`, parts: { source: [a.source.length + 1], target: [a.target.length + 1] } }
    joined++
  }
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
  progress(`N=${n}: parts memory (${joined} joined units), building`)
  const buildStart = performance.now()
  await tm.addAll(units)
  const buildSeconds = (performance.now() - buildStart) / 1000
  const time = async (parts: boolean) => {
    const search = (query: EditedQuery) => tm.fuzzy(query.text, { minScore: options.minScore, limit: options.limit, side: query.side, parts })
    for (const query of pairs.queries) await search(query) // warm-up
    const { times, cpuTimes } = await timeRounds(pairs.queries, options.rounds, search)
    return { ...summarize(times), cpuMedian: summarize(cpuTimes).median }
  }
  const on = await time(true)
  const off = await time(false)
  // Truth: every unit's best of its whole text and its sentences, ranked as the memory ranks (whole before part
  // at equal score, then recency, seq, id), compared id and part for id and part with the full answer.
  progress(`N=${n}: parts brute force`)
  const all: Array<{ unit: TranslationUnit; seq: number; changed: number; keys: ReturnType<TranslationMemory['keysOf']> }> = []
  for await (const stored of tm.storage.units()) all.push({ unit: stored.unit, seq: stored.seq, changed: Date.parse(stored.unit.changedAt ?? '') || Number.NEGATIVE_INFINITY, keys: tm.keysOf(stored.unit) })
  const bruteCount = Math.min(options.bruteQueries, pairs.queries.length, 200)
  let agree = 0
  let partMatches = 0
  const bruteTimes: number[] = []
  for (let index = 0; index < bruteCount; index++) {
    const query = pairs.queries[index]!
    const start = performance.now()
    const q = tm.keysOf({ source: query.text, target: query.text })[query.side].tokens
    const truth: Array<{ id: string; part: number | undefined; score: number; changed: number; seq: number }> = []
    for (const { unit, seq, changed, keys } of all) {
      const texts: Array<[string, readonly string[], number | undefined]> = [[query.side === 'source' ? unit.source : unit.target, keys[query.side].tokens, undefined]]
      partTexts(unit, query.side).forEach((text, part) => texts.push([text, keys.parts![query.side]![part]!.tokens, part]))
      let best: { score: number; part: number | undefined } | undefined
      for (const [text, tokens, part] of texts) {
        const longest = Math.max(q.length, tokens.length)
        const d = tokenEditDistance(q, tokens, maxEditDistance(longest, options.minScore))
        const score = text === query.text ? 1 : d === 0 ? 0.99 : 1 - d / longest
        if (score >= options.minScore && (best === undefined || score > best.score)) best = { score, part }
      }
      if (best !== undefined) truth.push({ id: unit.id, part: best.part, score: best.score, changed, seq })
    }
    truth.sort((a, b) => b.score - a.score || Number(a.part !== undefined) - Number(b.part !== undefined) || b.changed - a.changed || b.seq - a.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    bruteTimes.push(performance.now() - start)
    partMatches += truth.filter((match) => match.part !== undefined).length
    const full = await tm.fuzzy(query.text, { minScore: options.minScore, limit: Number.POSITIVE_INFINITY, side: query.side })
    if (full.length === truth.length && full.every((match, position) => match.unit.id === truth[position]!.id && match.part?.index === truth[position]!.part)) agree++
  }
  await tm.close()
  const brute = summarize(bruteTimes)
  rows.push([
    String(n),
    `${joined} (${fixed((100 * joined) / n, 0)}%)`,
    fixed(buildSeconds, 1),
    ms(on.median),
    ms(on.p95),
    ms(off.median),
    ms(off.p95),
    ms(on.cpuMedian),
    ms(off.cpuMedian),
    `${fixed(on.median / main.median, 2)}× (CPU ${fixed(on.cpuMedian / main.cpuMedian, 2)}×)`,
    ms(brute.median),
    `${agree}/${bruteCount} (${partMatches} part matches)`,
  ])
}

async function main() {
  const options = parseOptions(process.argv.slice(2))
  const next = random(options.seed)
  const all = shuffle(loadTmPairs(), next)
  const heldOut = all.slice(0, options.queries)
  const base = all.slice(options.queries)
  const queries = makeQueries(heldOut, base, next)
  const rows = { main: [] as string[][], alternatives: [] as string[][], notes: [] as string[], slow: [] as string[][], parts: [] as string[][] }
  for (const n of options.sizes) {
    await runSize(n, { base, queries }, options, rows)
    const mainRow = rows.main[rows.main.length - 1]!
    if (options.partsShare > 0) await runParts(n, { base, queries }, options, { median: Number(mainRow[7]), cpuMedian: Number(mainRow[9]!.split(' / ')[0]) }, rows.parts)
  }

  console.log('# Fuzzy search: TranslationMemory vs brute force, fuse.js and minisearch\n')
  console.log(machineLine())
  console.log(`Load average while it ran (1/5/15 min, at the end): ${loadavg().map((value) => value.toFixed(1)).join(' / ')} on a machine shared with other jobs.`)
  console.log(
    `Data: ${all.length} real pairs (${tmCorpora.join(", ")}), ${queries.length} held-out queries (seed ${options.seed}), half Arabic→source side, half English→target side; edits: none/drop/swap/change a word, a quarter each. Memories above ${base.length} units are grown by seeded recombination (head of pair A + tail of pair B, same corpus, cut at the same word fraction 0.3–0.7 on both sides). minScore ${options.minScore}, limit ${options.limit}.\n`,
  )
  console.log(
    markdownTable(
      ['N (units)', 'memory', 'build s', 'index MB (store − units)', 'fuzzy indexes MB', 'units MB', 'process MB after build', 'median ms', 'p95 ms', 'CPU median / p95 ms', 'load (1 min) start → end', 'brute force median ms', 'brute force p95 ms', 'speed-up (median)', `recall@${options.limit} vs truth`, 'full answer = truth', 'lookup median µs'],
      rows.main,
    ),
  )
  console.log(
    '\nTimes are per query, wall clock (median of the rounds per query), then over the queries; CPU is process CPU time. Brute force scores every unit with the same score and a distance cut-off (also the truth); its full-table variant is in the notes. speed-up = brute force median / memory median. full answer = truth: the whole ranked answer (limit ∞) equals brute force, id for id.\n\nMemory is V8 heap plus typed-array backing stores, after a full GC, measured at the end of each N in the same process: index MB = the whole store minus the same unit objects held without it (matching keys, exact-key maps, entries and both fuzzy indexes); fuzzy indexes MB = the drop when the two fuzzy indexes are released; units MB = the stored unit objects (ids, dates; texts of real pairs are shared with the loaded data, so only synthetic texts count). process MB after build: everything in the process right after building (growth: from just before the input units were made; input units: the unit array given to addAll).\n',
  )
  for (const note of rows.notes) console.log(`- ${note}`)
  console.log('\nThe slowest 5% of queries by wall median (index: the fuzzy index search alone, same tokens; lists / postings read; candidates on the prefix lists; left after the count bound; edit distances computed; units ≥ minScore):\n')
  console.log(markdownTable(['N', 'query', 'side (edit)', 'tokens', 'text', 'fuzzy ms', 'CPU ms', 'index ms', 'lengths', 'lists / postings', 'candidates', 'after count bound', 'edit distances', 'matches'], rows.slow))
  if (rows.parts.length > 0) {
    console.log(
      `\nParts (issue #14): a memory of N units of which a share (--parts-share ${options.partsShare}) joins two whole pairs into one unit of two sentences a side, with their boundaries; the same queries, part matches on (default) and off. vs main = parts-on median / the main row's median (today's figures), and the same for the CPU medians (per query, process CPU time: the machine is shared, so wall time carries the load). full answer = truth: limit ∞ against brute force over every unit and sentence, id and part.\n`,
    )
    console.log(markdownTable(['N (units)', 'joined units', 'build s', 'parts on median ms', 'parts on p95 ms', 'parts off median ms', 'parts off p95 ms', 'parts on CPU median ms', 'parts off CPU median ms', 'vs main (median; CPU median)', 'brute force median ms', 'full answer = truth'], rows.parts))
  }
  if (rows.alternatives.length > 0) {
    console.log('\nAlternatives users reach for (same queries, same truth; their own ranking, so recall is of the true top-5):\n')
    console.log(markdownTable(['method', 'N', 'queries', 'build s (both sides)', 'median ms', 'p95 ms', `recall@${options.limit}`], rows.alternatives))
  }
}

await main()
