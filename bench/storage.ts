/**
 * bench/storage.ts: the database memories (SQLite, PostgreSQL) beside the in-process memory (the baseline), on
 * the same units and the same queries, in one run.
 *
 * Per backend and N: load time (bulk `putMany` of N units in batches of 20,000), open time (SQLite: closing and
 * reopening the file; what `open` reads is the schema version and one meta row, nothing else), fuzzy search
 * median and p95 through `TranslationMemory.fuzzy` (minScore 0.7, limit 5), exact look-up median
 * (`TranslationMemory.lookup` of stored texts), and disk size. PostgreSQL is also measured with 8 concurrent
 * client processes. Every backend's fuzzy answers are compared with the in-process memory's (same units, same
 * order, same scores): the "identical" column counts queries whose answers differ.
 *
 * Data: the data set `tm` (tm/{un,tatoeba,quran}.tsv, about 49,000 real Arabic–English pairs). 300 pairs are held out
 * as queries (seeded shuffle); for N above the remaining pair count the memory is grown by seeded recombination:
 * a synthetic unit joins the head of pair A and the tail of pair B (same corpus), cut at the same word fraction
 * (0.3–0.7) on both sides, the recipe bench/fuzzy.ts documents. Queries: half Arabic on the source side, half
 * English on the target side; a quarter each unedited, one word dropped, two words swapped, one word changed.
 *
 * PostgreSQL runs on a throwaway cluster (tests/helpers/postgres.ts) with fsync off (a benchmark of the search,
 * not of the disk).
 *
 * Times: wall time, and CPU time of this process (user + system) beside it, since the machine may be shared; the
 * PostgreSQL server is other processes, so its load also reports the server's CPU (from /proc: the postmaster,
 * its reaped children and its live children). Each row prints the 1-minute load average. PostgreSQL's search rows
 * also give the CPU per search, client + server: the mean over the timed searches (client: this process, or the
 * sum of the concurrent clients; server: every PostgreSQL process over the same span).
 *
 * Concurrent clients: `--clients` processes of this script, each with one connection, take every clients-th of the
 * same held-out queries. Each loads its queries, connects, and runs `--client-warmup` untimed searches (20, as the
 * 1-client row; the first searches of a process run before V8 has optimised the counting loop, and a new server
 * connection fills its caches), then says it is ready; all start their timed searches together once every one is
 * ready. `--client-runs` repeats the concurrent run (a row each).
 *
 * `--cache DIR` keeps each built SQLite file in DIR with the load figures its build measured; a later run reuses
 * the file (open, search and look-up are measured anew) and its row says so and when it was built.
 * `--pg-cache DIR` does the same for PostgreSQL: the cluster lives in DIR/postgres (started again by later runs),
 * each N's memory is one database in it, and DIR/postgres-n<N>-seed<S>.json records its load figures with the
 * schema version and matching-key version it was built with. A later run whose versions match reuses the
 * database (open, search and look-up are measured anew; the row says when it was built); otherwise the database
 * is dropped and loaded again.
 * A PostgreSQL load ends with `PostgresStorage.compact({ reclaimSpace: true })` (lists rewritten into full blocks,
 * then VACUUM FULL and ANALYZE),
 * as a bulk load should; its time is part of the load's and the row's note gives it apart. `--pg-compact no`
 * leaves the blocks as the batches wrote them (a kept database records which it is).
 * `--addall N` also measures TranslationMemory.addAll of N units without ids into SQLite and PostgreSQL, with the
 * batch reads (getMany/findByKeys) and with them hidden (one get and findByKey per unit, as before).
 * `--parts-share S` (issue #14, part matches): a share S of the units (drawn by a PRNG of its own, seed + 3) is
 * replaced by two whole pairs joined into one unit of two sentences a side, with the boundary of each side
 * (`parts`), as a unit made from a 2-2 bead is stored; every backend then searches twice, with part matches on
 * (the default of `TranslationMemory.fuzzy`) and off (`parts: false`), a row each, and each row is compared with
 * the in-process memory's answers in the same mode. Built files and databases are kept apart per share. At 0
 * (the default) the units, names and rows are those of a run without the flag.
 *
 * Usage: node --expose-gc --max-old-space-size=8192 --import tsx bench/storage.ts [--n 100000,1000000]
 *        [--queries 300] [--backends memory,sqlite,postgres] [--clients 8] [--seed 42] [--cache .tmp/bench-cache]
 *        [--pg-cache .tmp/pg-cache] [--pg-compact yes|no] [--client-warmup 20] [--client-runs 1]
 *        [--addall 20000] [--parts-share 0.2]
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { MemoryStorage } from '../src/storage/memory.js'
import { PostgresStorage } from '../src/storage/postgres.js'
import { SqliteStorage } from '../src/storage/sqlite.js'
import { matchingKeyVersion, type StorageEntry, type TmStorage } from '../src/storage/types.js'
import { postgresMigrations } from '../src/storage/sql/schema.js'
import { TranslationMemory, type FuzzyMatch } from '../src/tm/translation-memory.js'
import type { TranslationUnit } from '../src/types.js'
import { startPostgres, type PostgresCluster } from '../tests/helpers/postgres.js'
import { fixed, heapUsedMb, machineLine, markdownTable, postgresServerCpuMs, summarize, requireData } from './lib.js'
import { growUnits, loadTmPairs, makeQueries, random, repoRoot, shuffle, tmCorpora, type EditedQuery } from '../tests/helpers/shared-data.js'

requireData('tm')

const here = fileURLToPath(new URL('.', import.meta.url))
const batchSize = 20_000
const fuzzyOptions = { minScore: 0.7, limit: 5 }

interface Options {
  sizes: number[]
  queries: number
  backends: string[]
  clients: number
  seed: number
  /** A folder keeping built SQLite files between runs (with the load figures their build measured). */
  cache: string | undefined
  /** Searches each concurrent client runs untimed before the timed ones (the 1-client row warms up with 20). */
  clientWarmup: number
  /** How many times the concurrent clients run (a row each). */
  clientRuns: number
  /** A folder keeping the PostgreSQL cluster and its loaded databases between runs. */
  pgCache: string | undefined
  /** Whether a PostgreSQL load ends with `compact()` (full posting blocks), as a bulk load should. */
  pgCompact: boolean
  /** Units added through TranslationMemory.addAll per backend (batch reads vs one read per unit); 0: skip. */
  addAll: number
  /** Share of the units that join two pairs into one unit of two sentences a side, with boundaries (0: none). */
  partsShare: number
}

function parseOptions(argv: string[]): Options {
  const options: Options = { sizes: [100_000, 1_000_000], queries: 300, backends: ['memory', 'sqlite', 'postgres'], clients: 8, seed: 42, cache: undefined, pgCache: undefined, pgCompact: true, addAll: 0, clientWarmup: 20, clientRuns: 1, partsShare: 0 }
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index]!
    const value = argv[++index]
    if (value === undefined) throw new Error(`bench/storage: ${flag} needs a value`)
    if (flag === '--n') options.sizes = value.split(',').map((part) => Number(part.replace(/_/g, '')))
    else if (flag === '--queries') options.queries = Number(value)
    else if (flag === '--backends') options.backends = value.split(',')
    else if (flag === '--clients') options.clients = Number(value)
    else if (flag === '--seed') options.seed = Number(value)
    else if (flag === '--cache') options.cache = value
    else if (flag === '--pg-cache') options.pgCache = resolve(value)
    else if (flag === '--pg-compact') options.pgCompact = value !== 'no'
    else if (flag === '--client-warmup') options.clientWarmup = Number(value)
    else if (flag === '--client-runs') options.clientRuns = Number(value)
    else if (flag === '--addall') options.addAll = Number(value)
    else if (flag === '--parts-share') options.partsShare = Number(value)
    else throw new Error(`bench/storage: unknown flag ${flag}`)
  }
  if (options.sizes.some((size) => !Number.isInteger(size) || size <= 0)) throw new Error('bench/storage: --n needs sizes like 100000,1000000')
  if (!(options.partsShare >= 0 && options.partsShare <= 1)) throw new Error(`bench/storage: --parts-share needs a share in 0..1, got ${options.partsShare}`)
  return options
}

// Pairs, PRNG, shuffle, growth and query edits come from tests/helpers/shared-data.ts (shared with bench/fuzzy.ts).

// ---------------------------------------------------------------- measuring
/** A unit to load: a pair, or two pairs joined with the sentence boundary of each side (`--parts-share`). */
type BenchUnit = Pick<TranslationUnit, 'source' | 'target' | 'parts'>
const stamp = '2025-01-01T00:00:00.000Z'

/** Loads units into a storage in batches, keys computed as the memory computes them. */
async function load(tm: TranslationMemory, storage: TmStorage, units: readonly BenchUnit[]): Promise<Timed> {
  const start = performance.now()
  const cpu = process.cpuUsage()
  for (let from = 0; from < units.length; from += batchSize) {
    const entries: StorageEntry[] = []
    for (let index = from; index < Math.min(units.length, from + batchSize); index++) {
      const unit = { id: `b${index}`, ...units[index]!, createdAt: stamp, changedAt: stamp }
      entries.push({ unit, keys: tm.keysOf(unit) })
    }
    await storage.putMany(entries)
  }
  return { ms: performance.now() - start, cpuMs: cpuMsSince(cpu) }
}

/** What --pg-cache records beside a loaded PostgreSQL database. */
interface PgBuild extends Timed {
  schemaVersion: number
  matchingKeyVersion: number
  batchSize: number
  /** Server CPU of the load (ms). */
  serverCpuMs: number
  /** Whether the load ended with `compact()`. */
  compacted: boolean
  /** The compaction: wall and client CPU (ms, included in the load's), server CPU (ms) and blocks before and after. */
  compaction?: { ms: number; cpuMs: number; serverCpuMs: number; blocksBefore: number; blocksAfter: number }
  builtAt: string
  load1: string
}

/** What the load's compaction took and did, for a row's note (empty when the load did not compact). */
function compactionNote(built: PgBuild): string {
  const done = built.compaction
  if (done === undefined) return built.compacted ? '' : '; posting blocks not compacted'
  return `; of the load, compact() took ${fixed(done.ms / 1000, 1)} s (client CPU ${fixed(done.cpuMs / 1000, 1)} s${Number.isFinite(done.serverCpuMs ?? Number.NaN) ? `, server CPU ${fixed(done.serverCpuMs / 1000, 1)} s` : ''}): ${done.blocksBefore.toLocaleString('en')} → ${done.blocksAfter.toLocaleString('en')} blocks in the lists it rewrote`
}

/** Wall and CPU (this process, user + system) time of one step. */
interface Timed {
  ms: number
  cpuMs: number
}

/** CPU time of this process since `since`, in ms. */
function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1000
}

/** {@link postgresServerCpuMs}, or undefined where it cannot be read (not Linux). */
function serverCpuMs(dataDir: string): number | undefined {
  try {
    return postgresServerCpuMs(dataDir)
  } catch {
    return undefined
  }
}

/** The 1-minute load average, for the table. */
function load1(): string {
  return loadavg()[0]!.toFixed(1)
}

/** A fresh, empty SQLite or PostgreSQL memory, and how to close and drop it. */
async function freshStore(backend: string, folder: string, ensureCluster: () => Promise<PostgresCluster>, name: string): Promise<{ storage: TmStorage; done: () => Promise<void> }> {
  if (backend === 'sqlite') {
    const path = join(folder, `${name}.db`)
    const storage = await SqliteStorage.open(path)
    return {
      storage,
      done: async () => {
        await storage.close()
        for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true })
      },
    }
  }
  if (backend === 'postgres') {
    const pgCluster = await ensureCluster()
    pgCluster.dropDatabase(name) // a kept cluster (--pg-cache) may hold it from an earlier run
    const storage = await PostgresStorage.open(pgCluster.createDatabase(name))
    return { storage, done: () => storage.close() }
  }
  throw new Error(`bench/storage: unknown backend ${backend}`)
}

/** The same storage with its batch reads hidden: TranslationMemory.addAll then reads per unit, as it did before. */
function perUnitReads(storage: TmStorage): TmStorage {
  return {
    kind: storage.kind,
    size: () => storage.size(),
    get: (id) => storage.get(id),
    put: (entry) => storage.put(entry),
    putMany: (entries) => storage.putMany(entries),
    delete: (id) => storage.delete(id),
    findByKey: (side, key) => storage.findByKey(side, key),
    fuzzyCandidates: (query) => storage.fuzzyCandidates(query),
    concordanceCandidates: (query) => storage.concordanceCandidates(query),
    units: () => storage.units(),
    close: () => storage.close(),
  }
}

/** A fuzzy answer reduced to what must agree across backends. */
function signature(matches: readonly FuzzyMatch[]): string {
  return matches.map((match) => `${match.unit.id}${match.part === undefined ? '' : `#${match.part.index}`}:${match.score.toFixed(6)}`).join(',')
}

async function timeFuzzy(tm: TranslationMemory, queries: readonly EditedQuery[], parts = true): Promise<{ times: number[]; cpu: number[]; answers: string[] }> {
  const times: number[] = []
  const cpu: number[] = []
  const answers: string[] = []
  for (const query of queries) {
    const start = performance.now()
    const cpuStart = process.cpuUsage()
    const matches = await tm.fuzzy(query.text, { ...fuzzyOptions, side: query.side, parts })
    times.push(performance.now() - start)
    cpu.push(cpuMsSince(cpuStart))
    answers.push(signature(matches))
  }
  return { times, cpu, answers }
}

async function timeLookup(tm: TranslationMemory, texts: readonly string[]): Promise<number[]> {
  const times: number[] = []
  for (const text of texts) {
    const start = performance.now()
    const found = await tm.lookup(text)
    times.push(performance.now() - start)
    if (found.length === 0) throw new Error(`bench/storage: lookup of a stored text found nothing: ${text}`)
  }
  return times
}

function fileSize(path: string): number {
  return [path, `${path}-wal`, `${path}-shm`].filter(existsSync).reduce((sum, file) => sum + statSync(file).size, 0)
}

/**
 * Runs `--clients` processes of this script in client mode against PostgreSQL, each searching its share of the
 * queries (at least 10). Each loads its queries and connects, says it is ready, and waits: all start their timed
 * searches together when every one is ready (so none is still starting up while the others are timed). Returns
 * every query's latency, the clients' CPU time (ms, summed), and the server's CPU time over the timed part (ms;
 * undefined where /proc cannot be read).
 */
async function concurrentClients(url: string, dataDir: string, options: Options): Promise<{ times: number[]; clientCpuMs: number; serverCpuMs: number | undefined }> {
  const clients = options.clients
  const queryCount = Math.max(10, Math.floor(options.queries / clients))
  let ready = 0
  let serverBefore: number | undefined
  const started: Array<() => void> = []
  const children = Array.from({ length: clients }, (_, client) =>
    new Promise<{ times: number[]; cpuMs: number }>((done, fail) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(here, 'storage.ts'), '--client', url, String(client), String(queryCount), String(options.seed), String(options.queries), String(clients), String(options.clientWarmup)],
        { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
      )
      let out = ''
      started.push(() => child.stdin.end('go\n'))
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk
        if (chunk.includes('ready') && ++ready === clients) {
          serverBefore = serverCpuMs(dataDir)
          for (const go of started) go()
        }
      })
      child.on('exit', (code) => (code === 0 ? done(JSON.parse(out.trim().split('\n').pop()!) as { times: number[]; cpuMs: number }) : fail(new Error(`client ${client} exited ${code}`))))
    }),
  )
  const results = await Promise.all(children)
  const serverAfter = serverCpuMs(dataDir)
  return {
    times: results.flatMap((result) => result.times),
    clientCpuMs: results.reduce((sum, result) => sum + result.cpuMs, 0),
    serverCpuMs: serverBefore === undefined || serverAfter === undefined ? undefined : serverAfter - serverBefore,
  }
}

/** Client mode: open the PostgreSQL memory, say ready, wait for the go (stdin), run this client's share of the queries. */
async function clientMain(argv: string[]): Promise<void> {
  const [url, client, queryCount, seed, total, clients, warmup] = [argv[0]!, Number(argv[1]), Number(argv[2]), Number(argv[3]), Number(argv[4]), Number(argv[5]), Number(argv[6])]
  // The main run's queries (the memory's units are already in the database); each client takes every clients-th.
  const { queries } = prepare(seed, 0, total)
  const storage = await PostgresStorage.open(url, { poolSize: 1 })
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
  await tm.fuzzy('تسخين', { minScore: 0.7 }) // connect before timing
  // Warm up as the 1-client row does (its first 20 queries, untimed): the first searches of a process run before
  // V8 has optimised the counting loop, and a new server connection fills its catalog caches.
  await timeFuzzy(tm, queries.slice(0, warmup))
  const mine = queries.filter((_, index) => index % clients === client).slice(0, queryCount)
  process.stdout.write('ready\n')
  await new Promise<void>((go) => process.stdin.once('data', () => go()))
  const cpu = process.cpuUsage()
  const { times } = await timeFuzzy(tm, mine)
  const cpuMs = cpuMsSince(cpu)
  await storage.close()
  process.stdout.write(`${JSON.stringify({ times, cpuMs })}\n`)
}

function prepare(seed: number, n: number, queryCount: number, partsShare = 0): { units: BenchUnit[]; queries: EditedQuery[] } {
  const pairs = shuffle(loadTmPairs(), random(seed))
  const heldOut = pairs.slice(0, queryCount)
  const base = pairs.slice(queryCount)
  // Units and queries draw from PRNGs of their own, so n 0 (client mode) gives the same queries without units.
  const units: BenchUnit[] = n === 0 ? [] : growUnits(base, n, random(seed + 1))
  if (partsShare > 0) {
    // Two whole pairs (any corpus) as one unit of two sentences a side, joined by a space: the second sentence
    // starts one past the first's end on each side (the boundaries a 2-2 bead gives).
    const next = random(seed + 3)
    for (let index = 0; index < units.length; index++) {
      if (next() >= partsShare) continue
      const a = base[Math.floor(next() * base.length)]!
      const b = base[Math.floor(next() * base.length)]!
      units[index] = { source: `${a.source} ${b.source}`, target: `${a.target} ${b.target}`, parts: { source: [a.source.length + 1], target: [a.target.length + 1] } }
    }
  }
  return { units, queries: makeQueries(heldOut, base, random(seed + 2)) }
}

// ---------------------------------------------------------------- main
async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  if (argv[0] === '--client') return clientMain(argv.slice(1))
  const options = parseOptions(argv)
  console.log(machineLine())
  const rows: string[][] = []
  const notes: string[] = []
  const folder = mkdtempSync(join(tmpdir(), 'mizan-bench-storage-'))
  let cluster: PostgresCluster | undefined
  const ensureCluster = async () =>
    (cluster ??= await startPostgres({
      settings: { shared_buffers: '1GB', max_wal_size: '4GB', checkpoint_timeout: '30min' },
      ...(options.pgCache !== undefined ? { keepIn: join(options.pgCache, 'postgres') } : {}),
    }))
  const addAllRows: string[][] = []
  // Interrupted (Ctrl-C, kill): still stop the throwaway cluster and remove the files.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cluster?.stop()
      rmSync(folder, { recursive: true, force: true })
      process.exit(130)
    })
  }
  try {
    for (const n of options.sizes) {
      const { units, queries } = prepare(options.seed, n, options.queries, options.partsShare)
      // With joined units, every backend searches with part matches on (the default) and off, a row each.
      const modes = options.partsShare > 0 ? [true, false] : [true]
      const modeName = (parts: boolean) => (options.partsShare === 0 ? '' : parts ? ', parts on' : ', parts off')
      const partsTag = options.partsShare === 0 ? '' : `-parts${options.partsShare}`
      const joined = units.filter((unit) => unit.parts !== undefined).length
      const lookups = Array.from({ length: 300 }, (_, index) => units[Math.floor((index * 7919) % units.length)]!.source)
      console.log(`\nN = ${n}: ${units.length} units (${joined} of two sentences a side), ${queries.length} fuzzy queries, ${lookups.length} look-ups`)
      /** The in-process memory's answers, per mode (parts on, off). */
      const references = new Map<boolean, string[]>()
      if (options.addAll > 0 && n === options.sizes[0]) {
        for (const backend of options.backends.filter((name) => name !== 'memory')) {
          for (const batched of [false, true]) {
            const { storage, done } = await freshStore(backend, folder, ensureCluster, `addall_${n}_${batched ? 'b' : 'u'}`)
            const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: batched ? storage : perUnitReads(storage) })
            const added = units.slice(0, options.addAll)
            const start = performance.now()
            const cpu = process.cpuUsage()
            const serverBefore = backend === 'postgres' ? serverCpuMs((await ensureCluster()).dataDir) : undefined
            await tm.addAll(added)
            const ms = performance.now() - start
            const cpuMs = cpuMsSince(cpu)
            const serverAfter = backend === 'postgres' ? serverCpuMs((await ensureCluster()).dataDir) : undefined
            const server = serverBefore !== undefined && serverAfter !== undefined ? `, server CPU ${fixed((serverAfter - serverBefore) / 1000, 1)} s` : ''
            addAllRows.push([String(added.length), backend, batched ? 'getMany + findByKeys per batch' : 'get + findByKey per unit (before)', fixed(ms / 1000, 1), fixed(cpuMs / 1000, 1), fixed(added.length / (cpuMs / 1000), 0), load1(), server.slice(2)])
            console.log(addAllRows[addAllRows.length - 1]!.join(' | '))
            await done()
          }
        }
      }
      const row = (backend: string, loaded: Timed | undefined, openMs: string, fuzzy: { times: number[]; cpu: number[]; answers: string[] }, lookup: number[], disk: string, extra = '', perSearch = '', parts = true) => {
        const f = summarize(fuzzy.times)
        const reference = references.get(parts)
        const differing = reference === undefined ? 0 : fuzzy.answers.filter((answer, index) => answer !== reference![index]).length
        rows.push([
          String(n),
          backend,
          loaded === undefined ? '' : fixed(loaded.ms / 1000, 1),
          loaded === undefined ? '' : fixed(loaded.cpuMs / 1000, 1),
          openMs,
          fixed(f.median, 2),
          fixed(f.p95, 2),
          fixed(summarize(fuzzy.cpu).median, 2),
          perSearch,
          fixed(summarize(lookup).median * 1000, 0),
          disk,
          reference === undefined ? (backend.startsWith('memory') ? 'baseline' : 'not compared (no memory run)') : differing === 0 ? 'yes' : `NO (${differing} differ)`,
          load1(),
          extra,
        ])
        console.log(rows[rows.length - 1]!.join(' | '))
      }

      if (options.backends.includes('memory')) {
        const heapBefore = heapUsedMb()
        const storage = new MemoryStorage()
        const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
        const loaded = await load(tm, storage, units)
        const heap = heapUsedMb() - heapBefore
        const lookup = await timeLookup(tm, lookups)
        for (const parts of modes) {
          await timeFuzzy(tm, queries.slice(0, 20), parts)
          const fuzzy = await timeFuzzy(tm, queries, parts)
          row(`memory (baseline)${modeName(parts)}`, loaded, 'n/a', fuzzy, lookup, `heap ${fixed(heap, 0)} MB`, '', '', parts)
          references.set(parts, fuzzy.answers)
        }
        await storage.close()
      }

      if (options.backends.includes('sqlite')) {
        const cached = options.cache === undefined ? undefined : join(options.cache, `sqlite-n${n}-seed${options.seed}-batch${batchSize}${partsTag}.db`)
        const path = cached ?? join(folder, `tm-${n}.db`)
        let storage: SqliteStorage
        let tm: TranslationMemory
        let loaded: Timed
        let note = ''
        if (cached !== undefined && existsSync(`${cached}.json`)) {
          // Built by an earlier run: its load figures are the ones that run measured, and say so.
          const built = JSON.parse(readFileSync(`${cached}.json`, 'utf8')) as Timed & { builtAt: string; load1: string }
          loaded = built
          note = `file built by an earlier run at ${built.builtAt} (load avg ${built.load1}); load figures from that run`
          console.log(`sqlite: reusing ${cached}, ${note}`)
        } else {
          if (cached !== undefined) mkdirSync(options.cache!, { recursive: true })
          for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true })
          storage = await SqliteStorage.open(path)
          tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
          loaded = await load(tm, storage, units)
          await storage.close()
          if (cached !== undefined) writeFileSync(`${cached}.json`, JSON.stringify({ ...loaded, builtAt: new Date().toISOString(), load1: load1() }))
        }
        const openStart = performance.now()
        storage = await SqliteStorage.open(path)
        const openMs = performance.now() - openStart
        tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
        const firstStart = performance.now()
        await tm.fuzzy(queries[0]!.text, { ...fuzzyOptions, side: queries[0]!.side })
        const firstMs = performance.now() - firstStart
        const lookup = await timeLookup(tm, lookups)
        for (const parts of modes) {
          await timeFuzzy(tm, queries.slice(0, 20), parts)
          const fuzzy = await timeFuzzy(tm, queries, parts)
          row(`sqlite${modeName(parts)}`, loaded, `${fixed(openMs, 1)} ms (+${fixed(firstMs, 0)} ms first query)`, fuzzy, lookup, `${fixed(fileSize(path) / 2 ** 20, 0)} MB`, note, '', parts)
        }
        await storage.close()
        if (cached === undefined) for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true })
      }

      if (options.backends.includes('postgres')) {
        cluster = await ensureCluster()
        const database = `bench_${n}_s${options.seed}${partsTag.replace(/[^a-z0-9]/g, '_')}`
        const meta = options.pgCache === undefined ? undefined : join(options.pgCache, `postgres-n${n}-seed${options.seed}${partsTag}.json`)
        const versions = { schemaVersion: Math.max(...postgresMigrations.map((migration) => migration.version)), matchingKeyVersion, batchSize, compacted: options.pgCompact }
        let built: PgBuild | undefined
        if (meta !== undefined && existsSync(meta)) {
          const kept = JSON.parse(readFileSync(meta, 'utf8')) as PgBuild
          if (kept.schemaVersion === versions.schemaVersion && kept.matchingKeyVersion === versions.matchingKeyVersion && kept.batchSize === batchSize && (kept.compacted ?? false) === versions.compacted) built = kept
          else console.log(`postgres: the kept database was built with schema ${kept.schemaVersion}, matching keys ${kept.matchingKeyVersion}, ${kept.compacted ? 'compacted' : 'not compacted'}; rebuilding`)
        }
        let url: string
        let note: string
        if (built !== undefined) {
          url = cluster.databaseUrl(database)
          note = `database built by an earlier run at ${built.builtAt} (load avg ${built.load1}); load figures from that run, server CPU ${fixed(built.serverCpuMs / 1000, 1)} s${compactionNote(built)}`
          console.log(`postgres: reusing ${database} in ${options.pgCache}, ${note}`)
        } else {
          if (meta !== undefined) rmSync(meta, { force: true })
          cluster.dropDatabase(database)
          url = cluster.createDatabase(database)
          const storage = await PostgresStorage.open(url)
          const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
          const loadStart = performance.now()
          const loadCpu = process.cpuUsage()
          const serverBefore = serverCpuMs(cluster.dataDir)
          await load(tm, storage, units)
          await storage.analyze()
          let compaction: PgBuild['compaction']
          if (options.pgCompact) {
            const start = performance.now()
            const cpu = process.cpuUsage()
            const server = serverCpuMs(cluster.dataDir)
            const { blocksBefore, blocksAfter } = await storage.compact({ reclaimSpace: true })
            const serverEnd = serverCpuMs(cluster.dataDir)
            compaction = { ms: performance.now() - start, cpuMs: cpuMsSince(cpu), serverCpuMs: server === undefined || serverEnd === undefined ? Number.NaN : serverEnd - server, blocksBefore, blocksAfter }
          }
          const serverAfter = serverCpuMs(cluster.dataDir)
          built = {
            ...versions,
            ms: performance.now() - loadStart,
            cpuMs: cpuMsSince(loadCpu),
            serverCpuMs: serverBefore === undefined || serverAfter === undefined ? Number.NaN : serverAfter - serverBefore,
            builtAt: new Date().toISOString(),
            load1: load1(),
            ...(compaction !== undefined ? { compaction } : {}),
          }
          await storage.close()
          if (meta !== undefined) writeFileSync(meta, JSON.stringify(built))
          note = `load: server CPU ${fixed(built.serverCpuMs / 1000, 1)} s (PostgreSQL processes; load CPU s is this client's)${compactionNote(built)}`
        }
        const openStart = performance.now()
        const reopened = await PostgresStorage.open(url)
        const openMs = performance.now() - openStart
        const tm2 = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: reopened })
        const lookup = await timeLookup(tm2, lookups)
        const searched: Array<{ parts: boolean; fuzzy: Awaited<ReturnType<typeof timeFuzzy>>; clientMs: number; serverMs: number | undefined }> = []
        for (const parts of modes) {
          await timeFuzzy(tm2, queries.slice(0, 20), parts)
          const serverBefore = serverCpuMs(cluster.dataDir)
          const searchCpu = process.cpuUsage()
          const fuzzy = await timeFuzzy(tm2, queries, parts)
          const clientMs = cpuMsSince(searchCpu)
          const serverAfter = serverCpuMs(cluster.dataDir)
          searched.push({ parts, fuzzy, clientMs, serverMs: serverBefore === undefined || serverAfter === undefined ? undefined : serverAfter - serverBefore })
        }
        const pg = await import('pg')
        const client = new pg.default.Client({ connectionString: url })
        await client.connect()
        // The units with their indexes, and the posting blocks (schema 3 on; absent before).
        const size = Number(
          (await client.query<{ size: string }>(`SELECT pg_total_relation_size('mizan_units') + coalesce(pg_total_relation_size(to_regclass('mizan_posting_blocks')), 0) AS size`)).rows[0]!.size,
        )
        await client.end()
        const perSearch = (clientTotal: number, serverTotal: number | undefined, count: number) =>
          `${fixed(clientTotal / count, 2)} + ${serverTotal === undefined ? '?' : fixed(serverTotal / count, 2)}`
        for (const { parts, fuzzy, clientMs, serverMs } of searched) {
          row(`postgres, 1 client${modeName(parts)}`, { ms: built.ms, cpuMs: built.cpuMs }, `${fixed(openMs, 1)} ms`, fuzzy, lookup, `${fixed(size / 2 ** 20, 0)} MB`, note, perSearch(clientMs, serverMs, queries.length), parts)
        }
        // Repeated runs of the concurrent clients, one row each: on a shared machine one run can fall on a burst
        // of other work (the 8 clients and the server are already more processes than cores).
        for (let run = 1; run <= options.clientRuns; run++) {
          const concurrent = await concurrentClients(url, cluster.dataDir, options)
          const c = summarize(concurrent.times)
          rows.push([
            String(n),
            `postgres, ${options.clients} clients${modeName(true)}${options.clientRuns > 1 ? ` (run ${run})` : ''}`,
            '',
            '',
            '',
            fixed(c.median, 2),
            fixed(c.p95, 2),
            '',
            perSearch(concurrent.clientCpuMs, concurrent.serverCpuMs, concurrent.times.length),
            '',
            '',
            'n/a',
            load1(),
            `${concurrent.times.length} queries, ${options.clients} processes at once, each after ${options.clientWarmup} untimed searches`,
          ])
          console.log(rows[rows.length - 1]!.join(' | '))
        }
        await reopened.close()
      }
    }
  } finally {
    cluster?.stop()
    rmSync(folder, { recursive: true, force: true })
  }
  notes.push(
    `Data: real pairs from ${tmCorpora.join(', ')}; above the real pair count, seeded recombination (seed ${options.seed}). Fuzzy: TranslationMemory.fuzzy, minScore ${fuzzyOptions.minScore}, limit ${fuzzyOptions.limit}, ${options.queries} held-out queries (half Arabic/source, half English/target; unedited, drop, swap, change). Load: putMany in batches of ${batchSize} (PostgreSQL: plus ANALYZE); load CPU s is this process's, PostgreSQL's server CPU is in the note. "identical": fuzzy answers (ids and scores, in order) equal to the in-process memory's${options.partsShare > 0 ? ` in the same mode (parts on: the default of TranslationMemory.fuzzy; parts off: parts: false). --parts-share ${options.partsShare}: that share of the units (seed ${options.seed + 3}) joins two whole pairs into one unit of two sentences a side, with their boundaries` : ''}.`,
  )
  console.log(`\n${machineLine()}\n`)
  console.log(markdownTable(['N', 'backend', 'load s', 'load CPU s', 'open', 'fuzzy median ms', 'fuzzy p95 ms', 'fuzzy CPU median ms', 'CPU per search ms, client + server (mean)', 'lookup median µs', 'size', 'identical', 'load avg', 'note'], rows))
  for (const note of notes) console.log(`\n${note}`)
  if (addAllRows.length > 0) {
    console.log(`\nTranslationMemory.addAll (units without ids, so each batch looks up same-pair units and previous versions):\n`)
    console.log(markdownTable(['units', 'backend', 'reads', 'wall s', 'CPU s (this process)', 'units per CPU s', 'load avg', 'note'], addAllRows))
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
