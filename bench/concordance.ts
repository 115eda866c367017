/**
 * bench/concordance.ts: concordance against brute force (issue #14), word forms on, on the in-process memory,
 * SQLite and PostgreSQL.
 *
 * Data: the data set `tm` (tm/{un,tatoeba,quran}.tsv of the data folder, tests/helpers/data.ts), grown to N units by the seeded recombination of bench/fuzzy.ts
 * (tests/helpers/shared-data.ts `growUnits`). Queries (seeded): words and two-word phrases taken from held-out
 * pairs, Arabic on the source side and English on the target side, in 'forms' mode (the default), a fifth of them
 * in 'exact' mode and a tenth as prefixes (`word*`).
 *
 * Truth: every unit's tokens checked with the same word test (`findInOrder` over `queryWords`), which is the
 * definition; each backend must return exactly those units (compared with limit Infinity on every query), and its
 * answer with the default limit (20) must be the first 20 of that full answer, ranked (so stopping early changes
 * nothing). Timings are `concordance` with the default limit, median of --rounds passes per query, with the CPU
 * time of this process over all of them (PostgreSQL's server CPU beside it), and the brute force scan over
 * precomputed tokens (so the scan is not charged for tokenizing).
 *
 * SQLite and PostgreSQL memories are loaded once and kept in --cache (default /tmp/mizan-conc-bench), keyed by N
 * and seed: a later run reuses them (loading a million units into PostgreSQL takes minutes). Every unit gets the
 * same `changedAt`, so ranking ties fall to the write order, as on a memory filled by one import.
 *
 * Usage: npx tsx bench/concordance.ts [--n 1000000] [--queries 200] [--rounds 3] [--seed 7]
 *        [--backends memory] [--cache /tmp/mizan-conc-bench]
 * (`npm run bench` runs the in-process memory only; `--backends memory,sqlite,postgres` adds the databases,
 * whose first load at a million units takes tens of minutes.)
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { TranslationMemory } from '../src/tm/translation-memory.js'
import { findInOrder } from '../src/tm/concordance.js'
import { queryWords, type ConcordanceMatchMode } from '../src/tm/word-forms.js'
import { normalizeForMatching } from '../src/tm/normalize.js'
import { tokenizeKey } from '../src/tm/tokenize.js'
import { matchingKeyVersion, type MatchSide, type StorageEntry, type TmStorage } from '../src/storage/types.js'
import { SqliteStorage } from '../src/storage/sqlite.js'
import { PostgresStorage } from '../src/storage/postgres.js'
import { sqliteMigrations, postgresMigrations } from '../src/storage/sql/schema.js'
import { argument, heapUsedMb, machineLine, markdownTable, postgresServerCpuMs, summarize, fixed, requireData } from './lib.js'
import { growUnits, loadTmPairs, random, shuffle } from '../tests/helpers/shared-data.js'
import { startPostgres, type PostgresCluster } from '../tests/helpers/postgres.js'

requireData('tm')

const n = Number(argument('--n', '1000000'))
const queryCount = Number(argument('--queries', '200'))
const rounds = Number(argument('--rounds', '3'))
const seed = Number(argument('--seed', '7'))
const backends = argument('--backends', 'memory').split(',')
const cache = argument('--cache', '/tmp/mizan-conc-bench')
const next = random(seed)
/** One date for every unit: ties are ranked by write order, the same in every backend. */
const stamp = '2026-01-01T00:00:00.000Z'

const pairs = shuffle(loadTmPairs(), next)
const held = pairs.slice(0, 1000)
const units = growUnits(pairs.slice(1000), n, next).map((unit, index) => ({ ...unit, id: `u${index}`, createdAt: stamp, changedAt: stamp }))

interface Query {
  text: string
  side: MatchSide
  match: ConcordanceMatchMode
}
const queries: Query[] = []
while (queries.length < queryCount) {
  const pair = held[Math.floor(next() * held.length)]!
  const side: MatchSide = next() < 0.5 ? 'source' : 'target'
  const words = (side === 'source' ? pair.source : pair.target).split(/\s+/).filter((word) => /^[\p{L}]{3,}$/u.test(word))
  if (words.length < 2) continue
  const at = Math.floor(next() * (words.length - 1))
  const roll = next()
  const text = roll < 0.1 ? `${words[at]!.slice(0, 4)}*` : roll < 0.6 ? words[at]! : `${words[at]} ${words[at + 1]}`
  queries.push({ text, side, match: next() < 0.2 ? 'exact' : 'forms' })
}

console.log(machineLine())
let started = performance.now()
const tokens = { source: units.map((unit) => tokenizeKey(normalizeForMatching(unit.source, 'ar'))), target: units.map((unit) => tokenizeKey(normalizeForMatching(unit.target, 'en'))) }
console.log(`N = ${n}: tokens for brute force in ${fixed((performance.now() - started) / 1000, 1)} s`)

// The truth, once: every unit whose tokens hold the query's words in order.
const bruteMs: number[] = []
const truths: string[] = []
for (const query of queries) {
  const words = queryWords(tokenizeKey(normalizeForMatching(query.text, 'ar')), query.match)
  const start = performance.now()
  const truth: string[] = []
  tokens[query.side].forEach((unitTokens, index) => {
    if (findInOrder(unitTokens, words) !== undefined) truth.push(`u${index}`)
  })
  bruteMs.push(performance.now() - start)
  truths.push(truth.sort().join())
}

/** Writes the units in batches of 10,000, as an import would. */
async function load(tm: TranslationMemory, storage: TmStorage): Promise<void> {
  for (let from = 0; from < units.length; from += 10_000) {
    const entries: StorageEntry[] = units.slice(from, from + 10_000).map((unit) => ({ unit, keys: tm.keysOf(unit) }))
    await storage.putMany(entries)
  }
}

/** Heap after a full collection, and typed-array storage (outside the heap). */
function memoryInUse(): string {
  return `heap ${fixed(heapUsedMb(), 0)} MB + array buffers ${fixed(process.memoryUsage().arrayBuffers / 2 ** 20, 0)} MB`
}

mkdirSync(cache, { recursive: true })
let cluster: PostgresCluster | undefined
/** Opens (loading once, then reusing) the memory of a backend. */
async function open(backend: string): Promise<{ tm: TranslationMemory; close: () => Promise<void>; serverCpu?: () => number }> {
  if (backend === 'memory') {
    const start = performance.now()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.addAll(units)
    console.log(`memory: built in ${fixed((performance.now() - start) / 1000, 1)} s; ${memoryInUse()} before any concordance query`)
    return { tm, close: () => tm.close() }
  }
  if (backend === 'sqlite') {
    const schema = Math.max(...sqliteMigrations.map((migration) => migration.version))
    const path = join(cache, `concordance-n${n}-seed${seed}-schema${schema}-keys${matchingKeyVersion}.db`)
    if (!existsSync(`${path}.done`)) {
      for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true })
      const start = performance.now()
      const storage = await SqliteStorage.open(path)
      await load(new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage }), storage)
      await storage.close()
      writeFileSync(`${path}.done`, new Date().toISOString())
      console.log(`sqlite: loaded ${path} in ${fixed((performance.now() - start) / 1000, 1)} s`)
    } else console.log(`sqlite: reusing ${path}`)
    const storage = await SqliteStorage.open(path, { readonly: true, cacheMb: 256 })
    return { tm: new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage }), close: () => storage.close() }
  }
  if (backend === 'postgres') {
    cluster ??= await startPostgres({ keepIn: join(cache, 'postgres'), settings: { shared_buffers: '1GB', max_wal_size: '4GB' } })
    const schema = Math.max(...postgresMigrations.map((migration) => migration.version))
    const database = `concordance_${n}_s${seed}_v${schema}_k${matchingKeyVersion}`
    const done = join(cache, `${database}.done`)
    if (!existsSync(done)) {
      cluster.dropDatabase(database)
      const start = performance.now()
      const storage = await PostgresStorage.open(cluster.createDatabase(database))
      await load(new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage }), storage)
      await storage.analyze()
      await storage.close()
      writeFileSync(done, new Date().toISOString())
      console.log(`postgres: loaded ${database} in ${fixed((performance.now() - start) / 1000, 1)} s`)
    } else console.log(`postgres: reusing ${database}`)
    const storage = await PostgresStorage.open(cluster.databaseUrl(database), { poolSize: 1 })
    const dataDir = cluster.dataDir
    return { tm: new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage }), close: () => storage.close(), serverCpu: () => postgresServerCpuMs(dataDir) }
  }
  throw new Error(`bench/concordance: no backend ${backend} (memory, sqlite, postgres)`)
}

const rows: Array<Array<string | number>> = []
const answers = new Map<number, string>()
try {
  for (const backend of backends) {
    const { tm, close, serverCpu } = await open(backend)
    let differing = 0
    let found = 0
    const times: number[] = []
    let cpuMs = 0
    let serverMs = 0
    for (const [index, query] of queries.entries()) {
      const options = { side: query.side, match: query.match }
      const all = await tm.concordance(query.text, { ...options, limit: Number.POSITIVE_INFINITY })
      found += all.length
      const limited = (await tm.concordance(query.text, options)).map((hit) => `${hit.unit.id}:${hit.gaps}`).join()
      const wrongSet = all.map((hit) => hit.unit.id).sort().join() !== truths[index]
      const wrongTop = limited !== all.slice(0, 20).map((hit) => `${hit.unit.id}:${hit.gaps}`).join()
      const otherBackend = answers.get(index)
      const wrongAcross = otherBackend !== undefined && otherBackend !== limited
      answers.set(index, limited)
      if (wrongSet || wrongTop || wrongAcross) {
        differing++
        console.log(`DIFFERS (${backend}): ${query.text} (${query.side}, ${query.match}):${wrongSet ? ' not the brute-force set' : ''}${wrongTop ? ' the top 20 are not the full answer\'s first 20' : ''}${wrongAcross ? ' not the first backend\'s answer' : ''}`)
      }
      const each: number[] = []
      const cpu = process.cpuUsage()
      const server = serverCpu?.()
      for (let round = 0; round < rounds; round++) {
        const start = performance.now()
        await tm.concordance(query.text, options)
        each.push(performance.now() - start)
      }
      const used = process.cpuUsage(cpu)
      cpuMs += (used.user + used.system) / 1000
      if (server !== undefined) serverMs += serverCpu!() - server
      times.push(summarize(each).median)
    }
    if (backend === 'memory') console.log(`memory: ${memoryInUse()} with the concordance postings built`)
    await close()
    const summary = summarize(times)
    console.log(`${backend}: ${queries.length} queries, ${found} units found in all, ${differing} answers differ`)
    const cpuPerQuery = `${fixed(cpuMs / (rounds * queries.length))}${serverCpu !== undefined ? ` + server ${fixed(serverMs / (rounds * queries.length))}` : ''}`
    rows.push([n, `${backend} concordance (limit 20)`, fixed(summary.median), fixed(summary.p95), fixed(summary.mean), cpuPerQuery, differing])
  }
} finally {
  cluster?.stop()
}
const brute = summarize(bruteMs)
rows.push([n, 'brute force scan (in process)', fixed(brute.median), fixed(brute.p95), fixed(brute.mean), fixed(brute.mean), 0])
console.log(markdownTable(['N', 'search', 'median ms', 'p95 ms', 'mean ms', 'CPU ms / query', 'answers differing'], rows))
