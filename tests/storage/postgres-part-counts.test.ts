/**
 * PostgreSQL part search (postgres-parts.ts) orders its posting lists by remembered counts (`PartCounts`), as unit
 * search uses remembered statistics: counting a common token's part list in every search read as many blocks as
 * the list itself. The work is counted by the statements a search sends, never timed: a part search runs
 * without a transaction of its own (its reads checked against one snapshot), in at most three reads. And
 * `analyze()` gives the planner statistics of the sentence tables too.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PartCounts, partCandidates } from '../../src/storage/postgres-parts.js'
import { PostgresStorage } from '../../src/storage/postgres.js'
import { HitCounter } from '../../src/storage/sql/postings.js'
import { tokenHash } from '../../src/storage/sql/hash.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { findsSentenceAddedAfterCounting } from './parts-churn.js'
import { statementsSent } from '../helpers/pg-statements.js'
import { havePostgres, startPostgres, type PostgresCluster } from '../helpers/postgres.js'

const available = havePostgres()
let cluster: PostgresCluster | undefined
let databases = 0
const newDatabase = () => cluster!.createDatabase(`mizan_part_counts_${++databases}`)

const first = 'انعقدت القمة في سمرقند.'
const second = 'وحضرها خمسة عشر رئيسا.'
const query = 'وحضرها خمسة عشر رئيسا اليوم.'

/** A memory of `count` two-sentence units (each sentence kept apart with its boundary). */
async function partsMemory(count: number): Promise<string> {
  const url = newDatabase()
  const storage = await PostgresStorage.open(url)
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
  await tm.addAll(Array.from({ length: count }, (_, index) => ({ id: `u${index}`, source: `${first} ${second}`, target: `Unit ${index}.`, parts: { source: [first.length + 1] } })))
  await storage.analyze()
  await tm.close()
  return url
}

describe.runIf(available)('partCandidates (PostgreSQL)', () => {
  beforeAll(async () => {
    cluster = await startPostgres()
  })
  afterAll(() => cluster?.stop())

  it('counts each posting list once, not once per search', async () => {
    const client = new pg.Client({ connectionString: await partsMemory(3) })
    await client.connect()
    let counting = 0
    const traced = {
      query: (config: string | { text: string; values?: unknown[] }, values?: unknown[]) => {
        const text = typeof config === 'string' ? config : config.text
        // The first read counts the tokens not counted lately (its fourth parameter), with their blocks.
        const uncounted = typeof config === 'string' ? undefined : (config.values?.[3] as unknown[] | undefined)
        if (/sum\(n\)/.test(text) && (uncounted === undefined || uncounted.length > 0)) counting++
        return client.query(config as string, values)
      },
    } as unknown as pg.PoolClient
    const tokens = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' }).keysOf({ source: query, target: '' }).source.tokens
    const counts = new PartCounts()
    const once = (await partCandidates(traced, new HitCounter(), counts, 'source', tokens, 0.7, false))!
    const afterOne = counting
    for (let search = 0; search < 9; search++) expect(await partCandidates(traced, new HitCounter(), counts, 'source', tokens, 0.7, false)).toHaveLength(once.length)
    await client.end()
    expect(once.map((candidate) => candidate.index)).toEqual([1, 1, 1])
    expect(afterOne).toBeGreaterThan(0)
    expect(counting).toBe(afterOne)
  })

  it('still finds a sentence added after its tokens were counted', async () => {
    const storage = await PostgresStorage.open(await partsMemory(1))
    await findsSentenceAddedAfterCounting(storage)
  })

  it('searches parts in at most three statements, without BEGIN and COMMIT', async () => {
    const storage = await PostgresStorage.open(await partsMemory(3))
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    const tokens = tm.keysOf({ source: query, target: '' }).source.tokens
    await storage.fuzzyPartCandidates({ side: 'source', tokens, minScore: 0.7 }) // counts the lists
    const { result, sent } = await statementsSent(() => storage.fuzzyPartCandidates({ side: 'source', tokens, minScore: 0.7 }))
    expect(result.map((candidate) => candidate.index)).toEqual([1, 1, 1])
    await tm.close()
    expect(sent.filter((text) => /^(BEGIN|COMMIT)/.test(text))).toEqual([])
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.length).toBeLessThanOrEqual(3)
  })

  it('sends a fuzzy search with parts in the statements of one without (one more only for rows of parts alone), with the same answers', async () => {
    const url = await partsMemory(3)
    const storage = await PostgresStorage.open(url)
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    // A whole unit (unit matches: the unit search reads rows, and the part rows go with them), and the second
    // sentence alone (part matches only: the unit search reads no rows, so the part rows take a statement).
    const queries = [
      { text: `${first} ${second}`, extra: 0 },
      { text: query, extra: 1 },
    ]
    const separate = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(url) })
    const sentBy = async (search: () => Promise<unknown>) => (await statementsSent(search)).sent.length
    for (const { text, extra } of queries) {
      await tm.fuzzy(text) // reads the statistics and counts the part lists
      const withParts = await sentBy(() => tm.fuzzy(text))
      const without = await sentBy(() => tm.fuzzy(text, { parts: false }))
      expect(without).toBeGreaterThan(0)
      expect(withParts).toBe(without + extra)
      // The same candidates as the unit and part searches asked apart.
      const tokens = tm.keysOf({ source: text, target: '' }).source.tokens
      const together = await storage.fuzzyUnitAndPartCandidates({ side: 'source', tokens, minScore: 0.5 })
      const units = await storage.fuzzyCandidates({ side: 'source', tokens, minScore: 0.5 })
      const parts = await storage.fuzzyPartCandidates({ side: 'source', tokens, minScore: 0.5 })
      const ids = (found: ReadonlyArray<{ unit: { id?: string }; index?: number }>) => found.map((candidate) => `${candidate.unit.id}:${candidate.index ?? ''}`).sort()
      expect(ids(together.units)).toEqual(ids(units))
      expect(ids(together.parts)).toEqual(ids(parts))
      expect(extra === 0 ? together.units.length : together.parts.length).toBeGreaterThan(0)
    }
    await separate.close()
    await tm.close()
  })

  it('searches units and parts again inside one snapshot when a write commits before their row read', async () => {
    const url = await partsMemory(3)
    const storage = await PostgresStorage.open(url)
    const tokens = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' }).keysOf({ source: query, target: '' }).source.tokens
    const rowReads: string[] = []
    const original = pg.Client.prototype.query
    pg.Client.prototype.query = async function (this: pg.Client, config: unknown, ...rest: unknown[]) {
      const name = typeof config === 'object' && config !== null ? (config as { name?: string }).name : undefined
      // A unit deleted by another connection between the posting read and the first row read.
      if (name?.startsWith('mizan_search_unit_and_part_rows') === true && rowReads.push(name) === 1) {
        const other = new pg.Client({ connectionString: url })
        await other.connect()
        await other.query(`DELETE FROM mizan_units WHERE id = 'u1'`)
        await other.end()
      }
      return (original as (...args: unknown[]) => unknown).call(this, config, ...rest)
    } as typeof original
    let found: Awaited<ReturnType<PostgresStorage['fuzzyUnitAndPartCandidates']>>
    try {
      found = await storage.fuzzyUnitAndPartCandidates({ side: 'source', tokens, minScore: 0.7 })
    } finally {
      pg.Client.prototype.query = original
    }
    await storage.close()
    expect(rowReads).toHaveLength(2) // refused, then again inside the transaction
    expect(found.units).toEqual([])
    expect(found.parts.map((candidate) => candidate.unit.id).sort()).toEqual(['u0', 'u2'])
  })

  it('refuses an answer whose sentence rows went missing after their postings were read, unless inside one snapshot', async () => {
    const url = await partsMemory(3)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const deleting = {
      query: async (config: { name?: string; text: string }, values?: unknown[]) => {
        // A unit deleted by another connection between the posting reads and the row read.
        if (config.name === 'mizan_part_rows') {
          const other = new pg.Client({ connectionString: url })
          await other.connect()
          await other.query(`DELETE FROM mizan_units WHERE id = 'u1'`)
          await other.end()
        }
        return client.query(config, values)
      },
    } as unknown as pg.PoolClient
    const tokens = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' }).keysOf({ source: query, target: '' }).source.tokens
    expect(await partCandidates(deleting, new HitCounter(), new PartCounts(), 'source', tokens, 0.7, false)).toBeUndefined()
    expect((await partCandidates(client as unknown as pg.PoolClient, new HitCounter(), new PartCounts(), 'source', tokens, 0.7, true))!.map((candidate) => candidate.unit.id).sort()).toEqual(['u0', 'u2'])
    await client.end()
  })

  it('receives a list of one length as one row, however many blocks the batches left it', async () => {
    const url = newDatabase()
    const storage = await PostgresStorage.open(url)
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    // Four writes: each leaves every list of the sentence a block of its own (the sentences differ by a number, as
    // a repeated sentence is one entry, postgres-part-groups.ts).
    const numbered = (batch: number, index: number) => second.replace('رئيسا', `${batch}${index}`)
    for (let batch = 0; batch < 4; batch++) await tm.addAll(Array.from({ length: 3 }, (_, index) => ({ id: `b${batch}u${index}`, source: `${first} ${numbered(batch, index)}`, target: `Unit ${batch} ${index}.`, parts: { source: [first.length + 1] } })))
    await tm.close()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const blocksPerList = (await client.query<{ most: number }>(`SELECT max(c)::int AS most FROM (SELECT count(*) AS c FROM mizan_part_blocks GROUP BY token, len) t`)).rows[0]!.most
    let blockRows = 0
    const traced = {
      query: async (config: { name?: string; text: string; values?: unknown[] }) => {
        const result = await client.query(config)
        // Block rows only (not the snapshot row, nor the count rows of tokens not counted before).
        if (config.name === 'mizan_part_blocks_read') blockRows += result.rows.filter((row: { snapshot: string | null; counts: string | null }) => row.snapshot === null && row.counts === null).length
        return result
      },
    } as unknown as pg.PoolClient
    const tokens = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' }).keysOf({ source: second, target: '' }).source.tokens
    const found = (await partCandidates(traced, new HitCounter(), new PartCounts(), 'source', tokens, 0.7, false))!
    await client.end()
    expect(found).toHaveLength(12)
    expect(blocksPerList).toBeGreaterThan(1)
    // One row per list read (at most one per distinct token; the sentence's tokens are one length).
    expect(blockRows).toBeLessThanOrEqual(new Set(tokens).size)
  })

  it('receives the counts of a token as one row, however many lengths its sentences have, and remembers them per length', async () => {
    const url = newDatabase()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(url) })
    // The second sentence's words at twelve sentence lengths (a word repeated at its end).
    await tm.addAll(Array.from({ length: 12 }, (_, index) => ({ id: `u${index}`, source: `${first} ${second.replace('.', ' اليوم'.repeat(index))}.`, target: `Unit ${index}.`, parts: { source: [first.length + 1] } })))
    await tm.close()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    let countRows = 0
    const traced = {
      query: async (config: { name?: string; text: string; values?: unknown[] }) => {
        const result = await client.query(config)
        if (config.name === 'mizan_part_blocks_read') countRows += result.rows.filter((row: { counts?: string | null }) => row.counts !== undefined && row.counts !== null).length
        return result
      },
    } as unknown as pg.PoolClient
    const tokens = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' }).keysOf({ source: second, target: '' }).source.tokens
    const counts = new PartCounts()
    const found = (await partCandidates(traced, new HitCounter(), counts, 'source', tokens, 0.7, false))!
    const hashes = [...new Set(tokens)].map((token) => tokenHash('source', token))
    // What the blocks hold per token and length, against what was remembered.
    const stored = (await client.query<{ token: string; len: number; n: number }>(`SELECT token, len, sum(n)::int AS n FROM mizan_part_blocks WHERE token = ANY($1::bigint[]) GROUP BY token, len`, [hashes])).rows
    await client.end()
    expect(found.length).toBeGreaterThan(0)
    expect(countRows).toBeGreaterThan(0)
    expect(countRows).toBeLessThanOrEqual(hashes.length)
    expect(new Set(stored.map((row) => row.len)).size).toBe(12)
    for (const [low, high] of [[1, 1000], [5, 9], [12, 12]] as const) {
      const expected = new Map(hashes.map((hash) => [hash, stored.filter((row) => Number(row.token) === hash && row.len >= low && row.len <= high).reduce((sum, row) => sum + row.n, 0)]))
      expect(counts.inWindow(hashes, low, high)).toEqual({ counts: expected, stale: [] })
    }
  })

  it('sends no sentence rows of a group that fails the exact overlap check, and a group\'s tokens once', async () => {
    const url = newDatabase()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(url) })
    // Three units each of a sentence holding the whole query, and three of one holding four of its six words.
    const opening = 'one two three'
    const passing = 'alpha beta gamma delta epsilon zeta'
    const failing = 'alpha beta gamma delta omega omega'
    await tm.addAll(
      [passing, failing].flatMap((sentence, group) =>
        Array.from({ length: 3 }, (_, index) => ({ id: `g${group}u${index}`, source: `${opening} ${sentence}`, target: `Unit ${group} ${index}.`, parts: { source: [opening.length + 1] } })),
      ),
    )
    await tm.close()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const rows: Array<{ seq: string | null; tokens: string | null; snapshot: string | null }> = []
    const traced = {
      query: async (config: { name?: string; text: string; values?: unknown[] }) => {
        const result = await client.query(config)
        if (config.name === 'mizan_part_rows') rows.push(...result.rows.filter((row: { snapshot: string | null }) => row.snapshot === null))
        return result
      },
    } as unknown as pg.PoolClient
    // "zeta" counted as a huge list: it is left unread, so the failing group (which lacks it) reaches the overlap
    // bound of the lists read and survives to the row read; only the exact check tells it apart.
    const counts = new PartCounts()
    const zeta = tokenHash('source', 'zeta')
    counts.record([zeta], Array.from({ length: 20 }, (_, length) => ({ token: zeta, len: length + 1, n: 1e9 })))
    const tokens = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' }).keysOf({ source: passing, target: '' }).source.tokens
    const found = (await partCandidates(traced, new HitCounter(), counts, 'source', tokens, 0.7, false))!
    await client.end()
    expect(found.map((candidate) => candidate.unit.id).sort()).toEqual(['g0u0', 'g0u1', 'g0u2'])
    // One row per sentence found, and one for its group with the tokens.
    expect(rows.filter((row) => row.seq !== null)).toHaveLength(3)
    expect(rows.filter((row) => row.tokens !== null)).toHaveLength(1)
  })

  it('gives the planner statistics of the sentence tables on analyze()', async () => {
    const url = await partsMemory(5)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const analyzed = await client.query<{ relname: string }>(`SELECT relname FROM pg_stat_user_tables WHERE relname IN ('mizan_parts', 'mizan_part_blocks') AND last_analyze IS NOT NULL ORDER BY relname`)
    await client.end()
    expect(analyzed.rows.map((row) => row.relname)).toEqual(['mizan_part_blocks', 'mizan_parts'])
  })
})
