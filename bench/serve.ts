/**
 * `mizan serve` under load, on loopback: tmserver requests (`GET /tmserver/{src}/{tgt}/unit/{text}`) made from
 * real pairs of the shared TM corpora with one edit each (a word dropped, two swapped, one replaced; half Arabic
 * asked ar→en, half English asked en→ar), sent by 1, 8 and 32 concurrent clients; median and p95 latency,
 * throughput, and how many queries found the pair they were made from. The load generator is our own (keep-alive
 * agent, each client sending its next request when the last is answered), bounded by a request count.
 *
 * Beside it, with `--tmserver`: Translate Toolkit's own `tmserver` (Debian) on the same units, one client, its
 * English queries only (over HTTP it answers `[]` to any Arabic text here; docs/serve.md).
 *
 *   npm run bench -- serve                      # 20,000 units on SQLite, 400 requests per run
 *   node --import tsx bench/serve.ts --units 1000000 --requests 2000 --pg --tmserver
 *
 * Needs the data set `tm` (tests/helpers/data.ts); PostgreSQL 15 for `--pg`.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { toXliff } from '../src/formats/xliff.js'
import { startServeServer } from '../src/serve/server.js'
import { openStore } from '../src/storage/open-store.js'
import { TranslationMemory } from '../src/tm/translation-memory.js'
import { freePort, havePostgres, startPostgres } from '../tests/helpers/postgres.js'
import { growUnits, loadTmPairs, makeQueries, random, shuffle } from '../tests/helpers/shared-data.js'
import { fixed, machineLine, markdownTable, summarize, requireData } from './lib.js'

requireData('tm')

const args = process.argv.slice(2)
const flag = (name: string, fallback: number): number => {
  const at = args.indexOf(name)
  return at >= 0 ? Number(args[at + 1]) : fallback
}
const unitCount = flag('--units', 20_000)
const requestCount = flag('--requests', 400)
const clientCounts = [1, 8, 32]

interface Query {
  path: string
  /** The text of the pair it was made from, on the side the answer calls `source`. */
  origin: string
  english: boolean
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
async function load(base: string, queries: readonly Query[], clients: number, total: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients })
  const latencies: number[] = []
  let next = 0
  let found = 0
  let failed = 0
  const started = performance.now()
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
  agent.destroy()
  return { ...summarize(latencies), throughput: (latencies.length / wall) * 1000, found, failed, n: latencies.length }
}

const next = random(20261207)
const pairs = shuffle(loadTmPairs(), next)
const units = growUnits(pairs, unitCount, next)
// Queries from units in the memory, each edited once (makeQueries alternates Arabic on the source side and English
// on the target side); the unedited ones are left out, so every query is a fuzzy one.
const made = makeQueries(units.slice(0, 2000).map((u) => ({ ...u, corpus: 0 })), pairs, next)
const queries: Query[] = made
  .map((q, i) => ({ q, unit: units[i]! }))
  .filter(({ q }) => q.edit !== 'none')
  .map(({ q, unit }) => ({
    path: `/tmserver/${q.side === 'source' ? 'ar/en' : 'en/ar'}/unit/${encodeURIComponent(q.text)}?min_similarity=50&max_candidates=5`,
    origin: q.side === 'source' ? unit.source : unit.target,
    english: q.side === 'target',
  }))

console.log(machineLine())
console.log(`${unitCount.toLocaleString('en')} units (real pairs of the shared TM corpora, grown by recombination), ${queries.length} edited queries, ${requestCount} requests per run, load ${fixed(loadavg()[0]!, 1)}\n`)

const rows: Array<Array<string | number>> = []
const backends: Array<{ name: string; spec: () => Promise<string>; stop?: () => void }> = [{ name: 'SQLite', spec: async () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'mizan-bench-serve-')), 'tm.db')}` }]
if (args.includes('--pg')) {
  if (!havePostgres()) console.log('PostgreSQL 15 is not installed: --pg skipped')
  else {
    const cluster = await startPostgres({ fast: false })
    backends.push({ name: 'PostgreSQL', spec: async () => cluster.createDatabase('bench_serve'), stop: () => cluster.stop() })
  }
}
for (const backend of backends) {
  const storage = await openStore(await backend.spec())
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
  const loadStarted = performance.now()
  await tm.addAll(units)
  const loadSeconds = (performance.now() - loadStarted) / 1000
  const server = await startServeServer({ tm, port: 0, maxCandidates: 50 })
  await load(server.url, queries, 8, Math.min(100, requestCount)) // warm-up, not reported
  for (const clients of clientCounts) {
    const r = await load(server.url, queries, clients, requestCount)
    rows.push([`mizan serve, ${backend.name} (${fixed(loadSeconds, 0)} s to load)`, clients, fixed(r.median), fixed(r.p95), fixed(r.throughput, 0), `${r.found}/${r.n}`, r.failed])
  }
  await server.close()
  await tm.close()
  backend.stop?.()
}

if (args.includes('--tmserver')) {
  // Translate Toolkit's tmserver on the same units, given English→Arabic (its sources English), asked our English queries.
  const dir = mkdtempSync(join(tmpdir(), 'mizan-bench-tmserver-'))
  writeFileSync(join(dir, 'tm.xlf'), toXliff(units.map((u, i) => ({ id: `u${i}`, source: u.target, target: u.source, state: 'final' as const })), { version: '1.2', sourceLang: 'en', targetLang: 'ar' }))
  const port = await freePort()
  const child = spawn('/usr/bin/python3', ['/usr/bin/tmserver', '-d', join(dir, 'tm.db'), '-f', join(dir, 'tm.xlf'), '-s', 'en', '-t', 'ar', '-b', '127.0.0.1', '-p', String(port), '--max-candidates', '5', '--min-similarity', '50'], { stdio: 'ignore' })
  const base = `http://127.0.0.1:${port}`
  for (let tries = 0; ; tries++) {
    try {
      await fetch(`${base}/tmserver/en/ar/unit/x`)
      break
    } catch (error) {
      if (tries > 6000) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  const english = queries.filter((q) => q.english)
  const r = await load(base, english, 1, Math.min(requestCount, 40))
  rows.push(['Translate Toolkit tmserver, English queries', 1, fixed(r.median), fixed(r.p95), fixed(r.throughput, 1), `${r.found}/${r.n}`, r.failed])
  child.kill('SIGTERM')
}

console.log(markdownTable(['server', 'clients', 'median ms', 'p95 ms', 'requests/s', 'found their pair', 'failed'], rows))
