/**
 * Concordance read best ranked first (issue #14, speed at a million units): the in-process memory walks
 * rank-ordered postings and `TranslationMemory.concordance` stops after `limit` hits without gaps. Checked
 * against brute force over every stored unit, through inserts out of date order, in-place and re-keyed
 * replacements, deletes and re-keys interleaved with queries; and the work a common word costs is bounded.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { newestInAll } from '../../src/storage/intersect-groups.js'
import { MemoryStorage } from '../../src/storage/memory.js'
import { SqliteStorage } from '../../src/storage/sqlite.js'
import { PostgresStorage } from '../../src/storage/postgres.js'
import { havePostgres, startPostgres, type PostgresCluster } from '../helpers/postgres.js'
import type { TmStorage } from '../../src/storage/types.js'
import { findInOrder } from '../../src/tm/concordance.js'
import { changedAtMs } from '../../src/tm/ranking.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { queryWords, type ConcordanceMatchMode } from '../../src/tm/word-forms.js'
import { tokenizeKey } from '../../src/tm/tokenize.js'

describe('newestInAll', () => {
  it('yields the values in at least one list of every group, descending, each once', () => {
    const list = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 25 }).map((values) => values.sort((a, b) => a - b))
    fc.assert(
      fc.property(fc.array(fc.array(list, { minLength: 0, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (groups) => {
        const unions = groups.map((lists) => new Set(lists.flat()))
        const expected = [...unions[0]!].filter((value) => unions.every((union) => union.has(value))).sort((a, b) => b - a)
        expect([...newestInAll(groups)]).toEqual(expected)
      }),
    )
  })

  it('reads a handful of postings for the newest value of a long list', () => {
    const long = Array.from({ length: 100_000 }, (_, index) => index)
    let reads = 0
    const counted = new Proxy(long, { get: (target, key) => (typeof key === 'string' && /^\d+$/.test(key) && reads++, Reflect.get(target, key)) })
    const first = newestInAll([[counted], [[3, 99_998]]]).next().value
    expect(first).toBe(99_998)
    expect(reads).toBeLessThan(20)
  })
})

/** Counts the concordance candidates a storage hands out (both ways of asking for them). */
function counting<T extends TmStorage>(storage: T): T & { handedOut: number } {
  const counted = Object.assign(storage, { handedOut: 0 })
  const candidates = storage.concordanceCandidates.bind(storage)
  counted.concordanceCandidates = async (query) => {
    const found = await candidates(query)
    counted.handedOut += found.length
    return found
  }
  const ranked = storage.concordanceRanked?.bind(storage)
  if (ranked !== undefined) {
    counted.concordanceRanked = async function* (query) {
      for await (const batch of ranked(query)) {
        counted.handedOut += batch.length
        yield batch
      }
    }
  }
  return counted
}

const folder = mkdtempSync(join(tmpdir(), 'mizan-concordance-'))
let files = 0
let cluster: PostgresCluster | undefined
afterAll(() => {
  cluster?.stop()
  rmSync(folder, { recursive: true, force: true })
})
const backends: Array<{ name: string; open: () => Promise<TmStorage>; runs: number }> = [
  { name: 'memory', open: async () => new MemoryStorage(), runs: 150 },
  { name: 'sqlite', open: () => SqliteStorage.open(join(folder, `tm-${++files}.db`)), runs: 25 },
]
if (havePostgres()) {
  backends.push({
    name: 'postgres',
    open: async () => {
      cluster ??= await startPostgres()
      return PostgresStorage.open(cluster.createDatabase(`concordance_${++files}`))
    },
    runs: 12,
  })
}

const vocabulary = ['the', 'water', 'waters', 'plant', 'plants', 'desalination', 'of', 'salt', 'sea']
const arabic = ['المياه', 'مياه', 'بالمياه', 'محطة', 'البحر', 'في', 'من']

/** The concordance answer by brute force: every stored unit checked, ranked by gaps, recency, id. */
async function bruteForce(tm: TranslationMemory, storage: TmStorage, query: string, side: 'source' | 'target', match: ConcordanceMatchMode, limit: number) {
  const words = queryWords(tokenizeKey(tm.keysOf({ source: query, target: query })[side].key), match)
  const hits: Array<{ id: string; gaps: number; ms: number; seq: number }> = []
  for await (const stored of storage.units()) {
    const positions = findInOrder(tm.keysOf(stored.unit)[side].tokens, words)
    if (positions === undefined) continue
    hits.push({ id: stored.unit.id, gaps: positions[positions.length - 1]! - positions[0]! + 1 - words.length, ms: changedAtMs(stored), seq: stored.seq })
  }
  hits.sort((a, b) => a.gaps - b.gaps || (a.ms !== b.ms ? (a.ms > b.ms ? -1 : 1) : b.seq - a.seq))
  return hits.slice(0, limit).map((hit) => `${hit.id}:${hit.gaps}`)
}

describe.each(backends)('TranslationMemory.concordance best ranked first ($name)', ({ open, runs }) => {
  const add = fc.record({
    kind: fc.constant('add' as const),
    id: fc.integer({ min: 0, max: 40 }),
    english: fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 7 }),
    arabic: fc.array(fc.constantFrom(...arabic), { minLength: 1, maxLength: 5 }),
    // Missing (the time of the add: newest), or a date older or newer than what is stored: the postings must keep
    // rank order either way (SQLite falls back to sorting every candidate once a date comes out of order).
    day: fc.option(fc.integer({ min: 1, max: 28 }), { nil: undefined, freq: 3 }),
  })
  const query = fc.record({
    kind: fc.constant('query' as const),
    side: fc.constantFrom('source' as const, 'target' as const),
    words: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 2 }),
    match: fc.constantFrom<ConcordanceMatchMode>('forms', 'exact'),
    limit: fc.integer({ min: 1, max: 6 }),
  })
  const operation = fc.oneof(
    { arbitrary: add, weight: 6 },
    { arbitrary: query, weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 40 }) }), weight: 1 },
    { arbitrary: fc.constant({ kind: 'rekey' as const }), weight: 1 },
  )

  it('answers as brute force through adds, replacements, deletes and re-keys', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 80 }), async (operations) => {
        const storage = await open()
        const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
        let version = await storage.keyVersion!()
        for (const step of operations) {
          if (step.kind === 'add') {
            const changedAt = step.day === undefined ? {} : { changedAt: `2026-01-${String(step.day).padStart(2, '0')}T00:00:00Z` }
            await tm.add({ id: `u${step.id}`, source: step.arabic.join(' '), target: step.english.join(' '), ...changedAt })
          } else if (step.kind === 'delete') {
            await tm.delete(`u${step.id}`)
          } else if (step.kind === 'rekey') {
            await storage.rekey!((unit) => tm.keysOf(unit), ++version)
          } else {
            const side = step.side
            const words = side === 'source' ? arabic : [...vocabulary, 'wat*', 'desal*']
            const query = step.words.map((word) => words[word % words.length]).join(' ')
            const answer = await tm.concordance(query, { side, match: step.match, limit: step.limit })
            expect(answer.map((hit) => `${hit.unit.id}:${hit.gaps}`), query).toEqual(await bruteForce(tm, storage, query, side, step.match, step.limit))
          }
        }
        await storage.close()
      }),
      { numRuns: runs },
    )
  })

  it('reads a bounded number of candidates for a word every unit holds', async () => {
    const storage = counting(await open())
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    await tm.addAll(Array.from({ length: 5000 }, (_, index) => ({ source: `نص ${index}`, target: `the water of plant ${index}` })))
    for (const query of ['the', 'water of', 'wat*', 'the plant']) {
      storage.handedOut = 0
      const hits = await tm.concordance(query, { side: 'target' })
      expect(hits).toHaveLength(20)
      // 'the plant' has gaps everywhere: it must read every candidate to rank them; the others stop early.
      if (query === 'the plant') expect(storage.handedOut).toBe(5000)
      else expect(storage.handedOut, query).toBeLessThanOrEqual(32)
    }
    await storage.close()
  })
})

describe('SqliteStorage concordance vocabulary (schema 3)', () => {
  /** A memory written at schema 2: the later tables and the order record taken away again. */
  async function schemaTwo(dates: string[]): Promise<string> {
    const path = join(folder, `tm-${++files}.db`)
    const storage = await SqliteStorage.open(path)
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    for (const [index, changedAt] of dates.entries()) await tm.add({ id: `u${index}`, source: 'تحلية المياه', target: `desalination plant ${index}`, changedAt })
    await storage.close()
    const raw = new Database(path)
    raw.exec(`DROP TABLE mizan_tokens; DROP TABLE mizan_parts; DROP TABLE mizan_part_groups; DROP TABLE mizan_part_blocks; DELETE FROM mizan_migrations WHERE version >= 3; DELETE FROM mizan_meta WHERE key LIKE 'concordance%'`)
    raw.close()
    return path
  }

  it.each([
    { dates: ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z'], order: 'seq' },
    { dates: ['2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-03T00:00:00Z'], order: 'none' },
  ])('fills the vocabulary and records order $order when migrating', async ({ dates, order }) => {
    const path = await schemaTwo(dates)
    const storage = await SqliteStorage.open(path)
    expect(await storage.tokensStartingWith('target', 'desal')).toEqual(['desalination'])
    expect(await storage.tokensStartingWith('source', 'تحل')).toEqual(['تحلية'])
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    const hits = await tm.concordance('desal*', { side: 'target', limit: 2 })
    expect(hits.map((hit) => hit.unit.id)).toEqual(order === 'seq' ? ['u2', 'u1'] : ['u2', 'u0'])
    await storage.close()
    const raw = new Database(path, { readonly: true })
    expect(raw.prepare(`SELECT value FROM mizan_meta WHERE key = 'concordanceOrder'`).pluck().get()).toBe(order)
    raw.close()
  })

  it('lists a prefix from an index range, not every token', async () => {
    const storage = await SqliteStorage.open(join(folder, `tm-${++files}.db`))
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    await tm.addAll(Array.from({ length: 2000 }, (_, index) => ({ source: `نص${index}`, target: `word${index} desalinate` })))
    expect((await storage.tokensStartingWith('target', 'desalinat')).sort()).toEqual(['desalinate'])
    expect((await storage.tokensStartingWith('target', 'word19')).length).toBe(111) // word19, word190–199, word1900–1999
    await storage.close()
  })
})
