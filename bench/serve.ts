/**
 * `mizan serve` under load, on loopback: tmserver requests (`GET /tmserver/{src}/{tgt}/unit/{text}`) made from
 * real pairs of the shared TM corpora with one edit each (a word dropped, two swapped, one replaced; half Arabic
 * asked ar→en, half English asked en→ar), sent by 1, 8 and 32 concurrent clients; median and p95 latency,
 * throughput, and how many queries found the pair they were made from. The load generator is our own (keep-alive
 * agent, each client sending its next request when the last is answered), bounded by a request count.
 *
 * The memory of `--units N` is built once and kept in `--cache DIR` (default /tmp/mizan-serve-bench): the SQLite
 * file `sqlite-nN.db` and, with `--pg`, a PostgreSQL cluster in DIR/postgres holding the database `serve_nN`
 * (loaded with `addAll`, then analysed and compacted), each beside a JSON file of its load figures, written only
 * when the build finished. A later run reuses them and says so. `--build-only` builds and stops (one process per
 * backend: `--backends sqlite` or `--backends postgres`).
 *
 * Beside it, with `--tmserver`: the shared set, the 8,000 UN pairs, served both by `mizan serve` (SQLite) and by
 * Translate Toolkit's own `tmserver` (Debian), one client, their English queries only (over HTTP `tmserver` answers
 * `[]` to any Arabic text; docs/serve.md says why).
 *
 *   npm run bench -- serve                      # 20,000 units on SQLite, 400 requests per run
 *   node --import tsx bench/serve.ts --units 1000000 --requests 2000 --pg --tmserver
 *   node --import tsx bench/serve.ts --units 1000000 --build-only --backends postgres
 *   node --import tsx bench/serve.ts --units 1000000 --min-similarity 75 --workers 2   # the built CLI, 2 processes
 *
 * Needs the data set `tm` (tests/helpers/data.ts); PostgreSQL 15 for `--pg`.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { toXliff } from '../src/formats/xliff.js'
import { startServeServer } from '../src/serve/server.js'
import { PostgresStorage } from '../src/storage/postgres.js'
import { SqliteStorage } from '../src/storage/sqlite.js'
import type { TmStorage } from '../src/storage/types.js'
import { TranslationMemory } from '../src/tm/translation-memory.js'
import { freePort, havePostgres, startPostgres, type PostgresCluster } from '../tests/helpers/postgres.js'
import { growUnits, loadTmPairs, makeQueries, random, shuffle, type TmPair } from '../tests/helpers/shared-data.js'
import { untilAnswering } from '../tests/helpers/until-answering.js'
import { argument, fixed, machineLine, markdownTable, procStatFields, summarize, requireData } from './lib.js'

requireData('tm')

const args = process.argv.slice(2)
const flag = (name: string, fallback: number): number => Number(argument(name, String(fallback)))
const unitCount = flag('--units', 20_000)
const requestCount = flag('--requests', 400)
/** The tmserver `min_similarity` of our queries (50, as the comparison with Translate Toolkit asks; its default is 75). */
const minSimilarity = flag('--min-similarity', 50)
const clientCounts = argument('--clients', '1,8,32').split(',').map(Number)
const cacheDir = resolve(argument('--cache', '/tmp/mizan-serve-bench'))
const buildOnly = args.includes('--build-only')
/** With more than 1, the server is `node dist/cli/bin.js serve … --workers N` in a child process (build first). */
const workerCount = flag('--workers', 1)
const wanted = argument('--backends', args.includes('--pg') ? 'sqlite,postgres' : 'sqlite').split(',')

interface Query {
  path: string
  /** The text of the pair it was made from, on the side the answer calls `source`. */
  origin: string
  english: boolean
}

/** What a build records beside the memory it loaded. */
interface Build {
  units: number
  loadSeconds: number
  cpuSeconds: number
  builtAt: string
  load1: number
}

/** GET a path with a keep-alive agent; resolves with the status and body. */
function get(agent: Agent, base: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(`${base}${path}`, { agent }, (response) => {
      let body = ''
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    sent.on('error', reject)
    sent.end()
  })
}

/** Runs `total` queries with `clients` concurrent clients; latencies, wall time and how many found their pair. */
async function load(base: string, queries: readonly Query[], clients: number, total: number, serverCpu?: () => number) {
  const serverBefore = serverCpu?.() ?? 0
  const agent = new Agent({ keepAlive: true, maxSockets: clients })
  const latencies: number[] = []
  let next = 0
  let found = 0
  let failed = 0
  const started = performance.now()
  const cpu = process.cpuUsage()
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const query = queries[next++ % queries.length]!
        const t = performance.now()
        const { status, body } = await get(agent, base, query.path)
        latencies.push(performance.now() - t)
        if (status !== 200) failed++
        else if ((JSON.parse(body) as Array<{ source: string }>).some((c) => c.source === query.origin)) found++
      }
    }),
  )
  const wall = performance.now() - started
  const used = process.cpuUsage(cpu)
  agent.destroy()
  // CPU of this process (the server and, for our own server, the load generator) per request, in ms: on a shared
  // machine it says what a request costs when the wall-clock latency mostly says how busy the cores were.
  const cpuMs = (used.user + used.system) / 1000 / latencies.length
  // A server in other processes (--workers): their CPU per request, and how many cores they kept busy on average.
  const serverMs = serverCpu === undefined ? undefined : serverCpu() - serverBefore
  const server = serverMs === undefined ? undefined : { cpuMs: serverMs / latencies.length, cores: serverMs / wall }
  return { ...summarize(latencies), throughput: (latencies.length / wall) * 1000, found, failed, n: latencies.length, cpuMs, server }
}

/** Edited tmserver queries made from the first of `units` (all in the memory); the unedited ones are left out. */
function editedQueries(units: ReadonlyArray<{ source: string; target: string }>, donors: readonly TmPair[], next: () => number, count: number): Query[] {
  // makeQueries alternates Arabic on the source side and English on the target side.
  const made = makeQueries(units.slice(0, count).map((u) => ({ ...u, corpus: 0 })), donors, next)
  return made
    .map((q, i) => ({ q, unit: units[i]! }))
    .filter(({ q }) => q.edit !== 'none')
    .map(({ q, unit }) => ({
      path: `/tmserver/${q.side === 'source' ? 'ar/en' : 'en/ar'}/unit/${encodeURIComponent(q.text)}?min_similarity=${minSimilarity}&max_candidates=5`,
      origin: q.side === 'source' ? unit.source : unit.target,
      english: q.side === 'target',
    }))
}

/**
 * Starts `mizan serve SPEC --workers N` (the built CLI) on a free port; resolves when it prints that it listens.
 * Its access log (stderr) is dropped, as the in-process server's is not written at all.
 */
async function startWorkers(spec: string, workers: number): Promise<{ url: string; cpuMs: () => number; close: () => Promise<void> }> {
  const bin = resolve(import.meta.dirname, '../dist/cli/bin.js')
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build first (npx tsup)`)
  const child = spawn(process.execPath, [bin, 'serve', spec, '--port', String(await freePort()), '--workers', String(workers), '--max-candidates', '50'], { stdio: ['ignore', 'pipe', 'ignore'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const address = /on (http:\/\/\S+)/.exec(out)
      if (address && out.includes('Press Ctrl-C')) resolve(address[1]!)
    })
    void exited.then(() => reject(new Error(`mizan serve --workers exited: ${out}`)))
  })
  // The CPU of the primary and its workers so far, in ms, from /proc (utime + stime, fields 14 and 15, in ticks of
  // 1/100 s: the USER_HZ of Linux on x86 and arm, proc(5)).
  const ticks = (pid: number): number => {
    const fields = procStatFields(pid)
    return Number(fields[11]) + Number(fields[12])
  }
  const cpuMs = (): number => {
    const pid = child.pid!
    const workerPids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
    return [pid, ...workerPids].reduce((sum, one) => sum + ticks(one), 0) * 10
  }
  return {
    url,
    cpuMs,
    close: async () => {
      child.kill('SIGINT')
      await exited
    },
  }
}

/** Loads `units` into an empty memory; the figures of the load. */
async function build(storage: TmStorage, units: ReadonlyArray<{ source: string; target: string }>): Promise<Build> {
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
  const started = performance.now()
  const cpu = process.cpuUsage()
  await tm.addAll(units)
  if (storage instanceof PostgresStorage) {
    await storage.analyze()
    await storage.compact({ reclaimSpace: true })
  }
  const used = process.cpuUsage(cpu)
  return { units: units.length, loadSeconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, builtAt: new Date().toISOString(), load1: loadavg()[0]! }
}

/** A cached build's figures, or undefined when there is none of this size. */
function readBuild(file: string): Build | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Build) : undefined
}

const buildNote = (built: Build, reused: boolean) =>
  `${reused ? `built ${built.builtAt.slice(0, 16)}Z by an earlier run, ` : ''}loaded in ${fixed(built.loadSeconds, 0)} s, ${fixed(built.cpuSeconds, 0)} s client CPU, load ${fixed(built.load1, 1)}`

/** Opens the cached SQLite memory of `units`, building it first when it is missing. */
async function sqliteMemory(units: ReadonlyArray<{ source: string; target: string }>): Promise<{ storage: TmStorage; spec: string; note: string }> {
  const path = join(cacheDir, `sqlite-n${units.length}.db`)
  let built = readBuild(`${path}.json`)
  const reused = built !== undefined && existsSync(path)
  if (!reused) {
    // Built under another name and renamed when whole, so an interrupted build is never reused.
    const building = `${path}.building`
    for (const file of [building, `${building}-wal`, `${building}-shm`]) rmSync(file, { force: true })
    const storage = await SqliteStorage.open(building)
    built = await build(storage, units)
    await storage.close()
    renameSync(building, path)
    writeFileSync(`${path}.json`, JSON.stringify(built))
  }
  return { storage: await SqliteStorage.open(path), spec: `sqlite:${path}`, note: buildNote(built!, reused) }
}

let cluster: PostgresCluster | undefined
/** Opens the cached PostgreSQL memory of `units` (in the kept cluster), building it first when it is missing. */
async function postgresMemory(units: ReadonlyArray<{ source: string; target: string }>): Promise<{ storage: TmStorage; spec: string; note: string }> {
  cluster ??= await startPostgres({ keepIn: join(cacheDir, 'postgres'), settings: { shared_buffers: '1GB', max_wal_size: '4GB', checkpoint_timeout: '30min' } })
  const database = `serve_n${units.length}`
  const meta = join(cacheDir, `postgres-n${units.length}.json`)
  let built = readBuild(meta)
  const reused = built !== undefined
  if (!reused) {
    cluster.dropDatabase(database)
    const storage = await PostgresStorage.open(cluster.createDatabase(database))
    built = await build(storage, units)
    await storage.close()
    writeFileSync(meta, JSON.stringify(built))
  }
  return { storage: await PostgresStorage.open(cluster.databaseUrl(database)), spec: cluster.databaseUrl(database), note: buildNote(built!, reused) }
}

mkdirSync(cacheDir, { recursive: true })
const next = random(20261207)
const all = loadTmPairs()
const pairs = shuffle([...all], next)
const units = growUnits(pairs, unitCount, next)
// Queries from units in the memory (its first units are real pairs), each edited once, so every query is fuzzy.
const queries = editedQueries(units, pairs, next, 2000)

console.log(machineLine())
console.log(`${unitCount.toLocaleString('en')} units (real pairs of the shared TM corpora, grown by recombination), ${queries.length} edited queries at min_similarity=${minSimilarity}, ${requestCount} requests per run, load ${fixed(loadavg()[0]!, 1)}\n`)

const rows: Array<Array<string | number>> = []
/** Keeps a row for the table and prints it at once, so a long run shows its progress. */
const report = (row: Array<string | number>) => {
  rows.push(row)
  console.log(row.join(' | '))
}
const notes: string[] = []
const backends: Array<{ name: string; open: () => Promise<{ storage: TmStorage; spec: string; note: string }> }> = []
if (wanted.includes('sqlite')) backends.push({ name: 'SQLite', open: () => sqliteMemory(units) })
if (wanted.includes('postgres')) {
  if (!havePostgres()) console.log('PostgreSQL 15 is not installed: postgres skipped')
  else backends.push({ name: 'PostgreSQL', open: () => postgresMemory(units) })
}
for (const backend of backends) {
  const { storage, spec, note } = await backend.open()
  notes.push(`${backend.name}, ${unitCount.toLocaleString('en')} units: ${note}`)
  console.log(notes.at(-1))
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
  if (!buildOnly) {
    const server = workerCount > 1 ? await startWorkers(spec, workerCount) : await startServeServer({ tm, port: 0, maxCandidates: 50 })
    const label = `mizan serve${workerCount > 1 ? ` --workers ${workerCount}` : ''}, ${backend.name}, ${unitCount.toLocaleString('en')} units`
    await load(server.url, queries, 8, Math.min(100, requestCount)) // warm-up, not reported
    const serverCpu = 'cpuMs' in server ? server.cpuMs : undefined
    for (const clients of clientCounts) {
      const r = await load(server.url, queries, clients, requestCount, serverCpu)
      // With workers the server's CPU is in other processes: theirs, and the cores they kept busy, from /proc.
      const cpu = r.server === undefined ? fixed(r.cpuMs) : `${fixed(r.server.cpuMs)} (servers, ${fixed(r.server.cores, 2)} cores) + ${fixed(r.cpuMs)} (load generator)`
      report([label, clients, fixed(r.median), fixed(r.p95), fixed(r.throughput, 0), cpu, `${r.found}/${r.n}`, r.failed, fixed(loadavg()[0]!, 1)])
    }
    await server.close()
  }
  await tm.close()
}
cluster?.stop()

if (args.includes('--tmserver') && !buildOnly) {
  // The shared set: the 8,000 UN pairs, in file order. Both servers get the same units and the same English queries.
  const un = all.filter((pair) => pair.corpus === 0)
  const english = editedQueries(un, un, random(20261208), 400).filter((q) => q.english)
  const dir = mkdtempSync(join(tmpdir(), 'mizan-bench-tmserver-'))
  const ours = await SqliteStorage.open(join(dir, 'mizan.db'))
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: ours })
  await tm.addAll(un)
  const server = await startServeServer({ tm, port: 0, maxCandidates: 50 })
  await load(server.url, english, 1, 40) // warm-up
  const mine = await load(server.url, english, 1, english.length)
  report([`mizan serve, SQLite, the ${un.length.toLocaleString('en')} UN pairs, English queries`, 1, fixed(mine.median), fixed(mine.p95), fixed(mine.throughput, 0), fixed(mine.cpuMs), `${mine.found}/${mine.n}`, mine.failed, fixed(loadavg()[0]!, 1)])
  await server.close()
  await tm.close()

  // Translate Toolkit's tmserver, given English→Arabic (its sources English), asked the same English queries.
  writeFileSync(join(dir, 'tm.xlf'), toXliff(un.map((u, i) => ({ id: `u${i}`, source: u.target, target: u.source, state: 'final' as const })), { version: '1.2', sourceLang: 'en', targetLang: 'ar' }))
  const port = await freePort()
  const child = spawn('/usr/bin/python3', ['/usr/bin/tmserver', '-d', join(dir, 'tm.db'), '-f', join(dir, 'tm.xlf'), '-s', 'en', '-t', 'ar', '-b', '127.0.0.1', '-p', String(port), '--max-candidates', '5', '--min-similarity', '50'], { stdio: 'ignore', cwd: dir })
  const base = `http://127.0.0.1:${port}`
  await untilAnswering(`${base}/tmserver/en/ar/unit/x`, 6000)
  const theirs = await load(base, english, 1, Math.min(english.length, 40))
  report([`Translate Toolkit tmserver, the ${un.length.toLocaleString('en')} UN pairs, English queries`, 1, fixed(theirs.median), fixed(theirs.p95), fixed(theirs.throughput, 1), 'n/a', `${theirs.found}/${theirs.n}`, theirs.failed, fixed(loadavg()[0]!, 1)])
  child.kill('SIGTERM')
  notes.push(`mizan serve answered ${fixed(mine.throughput / theirs.throughput, 0)} times as many requests per second as tmserver on the shared set`)
  rmSync(dir, { recursive: true, force: true })
}

if (!buildOnly) console.log(markdownTable(['server', 'clients', 'median ms', 'p95 ms', 'requests/s', 'CPU ms per request', 'found their pair', 'failed', 'load'], rows))
for (const note of notes) console.log(`- ${note}`)
