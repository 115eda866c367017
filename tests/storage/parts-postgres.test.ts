/**
 * The part-match contract (see parts-contract.ts) on PostgreSQL (a throwaway cluster, tests/helpers/postgres.ts),
 * plus a re-key (an older matching-key version) rebuilding the sentences of every unit.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PostgresStorage } from '../../src/storage/postgres.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { havePostgres, startPostgres, type PostgresCluster } from '../helpers/postgres.js'
import { partsContract } from './parts-contract.js'
import { blockPostings, churnParts, sentencePostings } from './parts-churn.js'

const available = havePostgres()
let cluster: PostgresCluster | undefined
let databases = 0
const newDatabase = () => cluster!.createDatabase(`mizan_parts_${++databases}`)

describe.runIf(available)('PostgresStorage parts', () => {
  beforeAll(async () => {
    cluster = await startPostgres()
  })
  afterAll(() => cluster?.stop())

  partsContract('postgres', () => PostgresStorage.open(newDatabase()), 15)

  it('keeps the part postings exactly those of the stored sentences through batches, replaces and deletes', async () => {
    const url = newDatabase()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(url) })
    await churnParts(tm)
    await tm.close()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    // The postings are the groups' (one per distinct sentence of a side, see postgres-part-groups.ts).
    const expected = sentencePostings((await client.query<{ pseq: string; side: number; len: number; tokens: string[] }>('SELECT gid AS pseq, side, len, tokens FROM mizan_part_groups')).rows)
    const stored = blockPostings((await client.query<{ token: string; len: number; seqs: Buffer }>('SELECT token, len, seqs FROM mizan_part_blocks')).rows)
    const counted = (await client.query<{ sentences: number; refs: number }>('SELECT (SELECT count(*)::int FROM mizan_parts) AS sentences, (SELECT sum(refs)::int FROM mizan_part_groups) AS refs')).rows[0]
    await client.end()
    // j0 and j3..j6 are left, 3 source and 2 target sentences each: the first two source sentences and the first
    // target sentence are the same in every unit, the others differ (2 + 5 source groups, 1 + 5 target groups).
    expect(expected).toHaveLength(new Set(expected).size)
    expect(stored.sort()).toEqual(expected.sort())
    expect(new Set(expected.map((posting) => posting.split(':')[2])).size).toBe(2 + 5 + 1 + 5)
    expect(counted).toEqual({ sentences: 5 * 5, refs: 5 * 5 })
  })

  it('compacts the sentences\' posting lists into full blocks with the same answers, also beside a writer', async () => {
    const url = newDatabase()
    const storage = await PostgresStorage.open(url)
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    // Distinct second sentences sharing most words, of 50 lengths, written in four batches above the merge size:
    // each batch makes blocks of its own, so a shared word's part list at one length (six sentences a batch) is
    // left in four blocks of six postings.
    const unit = (batch: number, index: number) => {
      const first = 'انعقدت القمة في سمرقند.'
      const filler = ' اليوم'.repeat(index % 50)
      return { id: `b${batch}-${index}`, source: `${first} وحضرها خمسة عشر رئيسا رقم ${batch * 1000 + index}${filler}.`, target: `Unit ${batch} ${index}.`, parts: { source: [first.length + 1] } }
    }
    for (let batch = 0; batch < 4; batch++) await tm.addAll(Array.from({ length: 300 }, (_, index) => unit(batch, index)))
    for (let index = 0; index < 30; index++) await tm.delete(`b1-${index}`)
    const query = 'وحضرها خمسة عشر رئيسا رقم 2005 اليوم.'
    const answer = async () => (await tm.fuzzy(query, { minScore: 0.5, limit: 1000 })).map((match) => `${match.unit.id}:${match.part?.index}:${match.score}`)
    const before = await answer()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const excess = `SELECT count(*)::int AS n FROM (SELECT 1 FROM mizan_part_blocks GROUP BY token, len HAVING count(*) > ceil(sum(n) / 128.0)) x`
    const exact = async () => {
      const groups = (await client.query<{ pseq: string; side: number; len: number; tokens: string[] }>('SELECT gid AS pseq, side, len, tokens FROM mizan_part_groups')).rows
      const blocks = (await client.query<{ token: string; len: number; seqs: Buffer }>('SELECT token, len, seqs FROM mizan_part_blocks')).rows
      expect(blockPostings(blocks).sort()).toEqual(sentencePostings(groups).sort())
    }
    expect((await client.query<{ n: number }>(excess)).rows[0]!.n).toBeGreaterThan(100)
    const { parts } = await storage.compact({ reclaimSpace: true })
    expect(parts.blocksAfter).toBeLessThan(parts.blocksBefore / 2)
    expect((await client.query(excess)).rows).toEqual([{ n: 0 }])
    await exact()
    expect(await answer()).toEqual(before)
    expect(before.length).toBeGreaterThan(10)
    // Beside a writer adding and deleting sentences: it waits for a round's lock or goes first, and the part
    // postings stay exactly those of the groups either way.
    const writer = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(url, { poolSize: 1 }) })
    await tm.addAll(Array.from({ length: 300 }, (_, index) => unit(4, index)))
    await Promise.all([
      storage.compact(),
      (async () => {
        await writer.addAll(Array.from({ length: 300 }, (_, index) => unit(5, index)))
        for (let index = 0; index < 20; index++) await writer.delete(`b4-${index}`)
      })(),
    ])
    await writer.close()
    await exact()
    await client.end()
    await tm.close()
  }, 60_000)

  it('rebuilds the sentences of every unit when an older matching-key version is re-keyed', async () => {
    const url = newDatabase()
    const first = 'انعقدت القمة في سمرقند.'
    const second = 'وحضرها خمسة عشر رئيسا.'
    const writer = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(url) })
    await writer.add({ id: 'bead', source: `${first} ${second}`, target: 'The summit in Samarkand was attended by fifteen presidents.', parts: { source: [first.length + 1] } })
    await writer.close()
    // An older memory: its keys recorded at version 0, and its part rows and postings lost.
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`UPDATE mizan_meta SET value = '0' WHERE key = 'matchingKeyVersion'; DELETE FROM mizan_parts; DELETE FROM mizan_part_blocks`)
    await client.end()
    const reopened = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(url) })
    expect((await reopened.lookup(second)).map((match) => match.part?.index)).toEqual([1])
    expect((await reopened.fuzzy('وحضرها خمسة عشر رئيسا اليوم.')).map((match) => match.part?.index)).toEqual([1])
    await reopened.close()
  })
})
