/**
 * PostgreSQL part search (postgres-parts.ts) orders its posting lists by remembered counts (`PartCounts`), as unit
 * search uses remembered statistics: counting a common token's part list in every search read as many blocks as
 * the list itself. The work is counted by the statements a search sends, never timed. And `analyze()` gives the
 * planner statistics of the sentence tables too.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PartCounts, partCandidates } from '../../src/storage/postgres-parts.js'
import { PostgresStorage } from '../../src/storage/postgres.js'
import { HitCounter } from '../../src/storage/sql/postings.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
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
      query: (config: string | { text: string }, values?: unknown[]) => {
        const text = typeof config === 'string' ? config : config.text
        if (/sum\(n\)/.test(text)) counting++
        return client.query(config as string, values)
      },
    } as unknown as pg.PoolClient
    const tokens = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' }).keysOf({ source: query, target: '' }).source.tokens
    const counts = new PartCounts()
    const once = await partCandidates(traced, new HitCounter(), counts, 'source', tokens, 0.7)
    const afterOne = counting
    for (let search = 0; search < 9; search++) expect(await partCandidates(traced, new HitCounter(), counts, 'source', tokens, 0.7)).toHaveLength(once.length)
    await client.end()
    expect(once.map((candidate) => candidate.index)).toEqual([1, 1, 1])
    expect(afterOne).toBeGreaterThan(0)
    expect(counting).toBe(afterOne)
  })

  it('still finds a sentence added after its tokens were counted', async () => {
    const storage = await PostgresStorage.open(await partsMemory(1))
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    const fresh = 'وصلت الوفود إلى سمرقند صباحا.'
    expect(await tm.fuzzy(fresh)).toEqual([])
    await tm.add({ id: 'later', source: `${first} ${fresh}`, target: 'Later.', parts: { source: [first.length + 1] } })
    expect((await tm.fuzzy(fresh)).map((match) => [match.unit.id, match.part?.index])).toEqual([['later', 1]])
    await tm.close()
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
