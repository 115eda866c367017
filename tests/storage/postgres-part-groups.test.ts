/**
 * PostgreSQL part groups (postgres-part-groups.ts, issue #14): a sentence repeated across units is one group, one
 * set of postings, expanded to its live sentences by a search. Checked by counting rows: a shared sentence is
 * indexed once and forgotten with its last unit; two clients writing and deleting units that share sentences at
 * the same time leave every group's count equal to its sentence rows and its postings exact; and a database of
 * the schema before groups (migration 4's tables, built here with those migration steps) is converted on open,
 * with the answers of the in-process memory.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryStorage } from '../../src/storage/memory.js'
import { insertBlocks } from '../../src/storage/postgres-blocks.js'
import { PostgresStorage } from '../../src/storage/postgres.js'
import { hash53 } from '../../src/storage/sql/hash.js'
import { queuePostings, type PendingBatch } from '../../src/storage/sql/postings.js'
import { postgresMigrations } from '../../src/storage/sql/schema.js'
import type { TmStorage } from '../../src/storage/types.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import type { TranslationUnit } from '../../src/types.js'
import { statementsSent } from '../helpers/pg-statements.js'
import { havePostgres, startPostgres, type PostgresCluster } from '../helpers/postgres.js'
import { blockPostings, sentencePostings } from './parts-churn.js'

const available = havePostgres()
let cluster: PostgresCluster | undefined
let databases = 0
const newDatabase = () => cluster!.createDatabase(`mizan_part_groups_${++databases}`)

const shared = 'انعقدت القمة في سمرقند.'
const others = ['وحضرها خمسة عشر رئيسا.', 'وناقش القادة التعاون الاقتصادي.', 'واختتمت أعمالها ببيان مشترك.', 'وأشاد الحضور بحسن التنظيم.']

/** A unit of two source sentences, `first` then `second`, with the boundary; its target is one sentence. */
function twoSentences(id: string, first: string, second: string): Omit<TranslationUnit, 'id'> & { id: string } {
  return { id, source: `${first} ${second}`, target: `Unit ${id}.`, parts: { source: [first.length + 1] } }
}

/** Runs `query` on a fresh connection to `url`. */
async function sql<T extends pg.QueryResultRow>(url: string, query: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(query, values)).rows
  } finally {
    await client.end()
  }
}

/**
 * Checks the groups against the sentences: every group counts exactly its sentence rows (none counts 0), no two
 * groups of a side hold the same tokens, and the part postings are exactly the groups'.
 */
async function expectGroupsExact(url: string): Promise<void> {
  const counts = await sql<{ gid: string; refs: number; rows: number }>(url, `SELECT g.gid, g.refs, (SELECT count(*)::int FROM mizan_parts p WHERE p.gid = g.gid) AS rows FROM mizan_part_groups g`)
  for (const group of counts) expect(group).toEqual({ gid: group.gid, refs: group.rows, rows: group.rows })
  expect(counts.every((group) => group.refs > 0)).toBe(true)
  expect(await sql(url, `SELECT count(*)::int AS n FROM mizan_parts p WHERE NOT EXISTS (SELECT 1 FROM mizan_part_groups g WHERE g.gid = p.gid)`)).toEqual([{ n: 0 }])
  expect(await sql(url, `SELECT count(*)::int AS n FROM (SELECT side, tokens FROM mizan_part_groups GROUP BY side, tokens HAVING count(*) > 1) t`)).toEqual([{ n: 0 }])
  const expected = sentencePostings(await sql<{ pseq: string; side: number; len: number; tokens: string[] }>(url, 'SELECT gid AS pseq, side, len, tokens FROM mizan_part_groups'))
  const stored = blockPostings(await sql<{ token: string; len: number; seqs: Buffer }>(url, 'SELECT token, len, seqs FROM mizan_part_blocks'))
  expect(stored.sort()).toEqual(expected.sort())
}

/** The group of `sentence` on the source side: its count, or undefined when there is none. */
async function groupCount(url: string, sentence: string): Promise<number | undefined> {
  const tokens = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' }).keysOf({ source: sentence, target: '' }).source.tokens
  const rows = await sql<{ refs: number }>(url, `SELECT refs FROM mizan_part_groups WHERE side = 0 AND tokens = $1::text[]`, [tokens])
  expect(rows.length).toBeLessThanOrEqual(1)
  return rows[0]?.refs
}

/** Fuzzy answers (unit, part, score) of `queries` on both sides, for comparing two memories. */
async function answers(tm: TranslationMemory, queries: readonly string[]): Promise<unknown[]> {
  const found: unknown[] = []
  for (const query of queries) {
    found.push((await tm.fuzzy(query, { minScore: 0.5, limit: 100 })).map((match) => [match.unit.id, match.part?.index, match.score]))
    found.push((await tm.lookup(query)).map((match) => [match.unit.id, match.part?.index]))
  }
  return found
}

describe.runIf(available)('PostgreSQL part groups', () => {
  beforeAll(async () => {
    cluster = await startPostgres()
  })
  afterAll(() => cluster?.stop())

  it('indexes a sentence shared by 50 units once, finds it in each, and forgets it with the last unit', async () => {
    const url = newDatabase()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(url) })
    await tm.addAll(Array.from({ length: 50 }, (_, index) => twoSentences(`u${index}`, shared, `${others[index % others.length]!.slice(0, -1)} ${index}.`)))
    const sharedTokens = tm.keysOf({ source: shared, target: '' }).source.tokens
    expect(await groupCount(url, shared)).toBe(50)
    // One group for the shared sentence and one for each distinct second sentence; one posting per token of each.
    expect(await sql(url, `SELECT count(*)::int AS groups, sum(refs)::int AS sentences FROM mizan_part_groups`)).toEqual([{ groups: 1 + 50, sentences: 100 }])
    expect(await sql(url, `SELECT count(*)::int AS n FROM mizan_parts`)).toEqual([{ n: 100 }])
    // The shared sentence's postings: one per distinct token, not one per unit.
    const [{ gid }] = (await sql<{ gid: string }>(url, `SELECT gid FROM mizan_part_groups WHERE side = 0 AND tokens = $1::text[]`, [sharedTokens])) as [{ gid: string }]
    const postings = blockPostings(await sql<{ token: string; len: number; seqs: Buffer }>(url, 'SELECT token, len, seqs FROM mizan_part_blocks'))
    expect(postings.filter((posting) => posting.split(':')[2] === gid)).toHaveLength(new Set(sharedTokens).size)
    await expectGroupsExact(url)
    // Found in every unit, as the sentence of index 0, by look-up and by fuzzy search.
    const ids = Array.from({ length: 50 }, (_, index) => `u${index}`).sort()
    expect((await tm.lookup(shared)).map((match) => [match.unit.id, match.part?.index]).sort()).toEqual(ids.map((id) => [id, 0]))
    const fuzzy = await tm.fuzzy('انعقدت القمة الكبرى في سمرقند.', { minScore: 0.7, limit: 100 })
    expect(fuzzy.map((match) => [match.unit.id, match.part?.index]).sort()).toEqual(ids.map((id) => [id, 0]).sort())
    // Deleting all but one unit keeps the group with a count of 1; deleting the last forgets it and its postings.
    for (let index = 0; index < 49; index++) await tm.delete(`u${index}`)
    expect(await groupCount(url, shared)).toBe(1)
    expect((await tm.lookup(shared)).map((match) => match.unit.id)).toEqual(['u49'])
    await tm.delete('u49')
    expect(await groupCount(url, shared)).toBeUndefined()
    expect(await sql(url, `SELECT count(*)::int AS n FROM mizan_part_groups`)).toEqual([{ n: 0 }])
    expect(await sql(url, `SELECT count(*)::int AS n FROM mizan_part_blocks`)).toEqual([{ n: 0 }])
    expect(await tm.lookup(shared)).toEqual([])
    await tm.close()
  })

  it('keeps a replaced unit sharing its sentences with itself in the same groups', async () => {
    const url = newDatabase()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(url) })
    await tm.add(twoSentences('r', shared, others[0]!))
    const before = await sql<{ gid: string }>(url, 'SELECT gid FROM mizan_part_groups ORDER BY gid')
    await tm.add({ ...twoSentences('r', shared, others[0]!), target: 'Another target.' })
    expect(await sql(url, 'SELECT gid FROM mizan_part_groups ORDER BY gid')).toEqual(before)
    await tm.add(twoSentences('r', shared, others[1]!))
    expect(await groupCount(url, others[0]!)).toBeUndefined()
    expect(await groupCount(url, others[1]!)).toBe(1)
    await expectGroupsExact(url)
    await tm.close()
  })

  it('keeps counts and postings exact while two clients add, replace and delete units sharing sentences', async () => {
    const url = newDatabase()
    const stores = [await PostgresStorage.open(url, { poolSize: 3 }), await PostgresStorage.open(url, { poolSize: 3 })]
    const tms = stores.map((storage) => new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage }))
    // Each client works on its own ids (a unit is written by one client), but every unit holds the shared
    // sentence and one of four others, in both orders, so the clients change the same groups in crossing orders.
    const work = (client: number) => async () => {
      const tm = tms[client]!
      for (let round = 0; round < 30; round++) {
        const id = (index: number) => `c${client}-${index}`
        const other = others[(round + client) % others.length]!
        const writes: Array<Promise<unknown>> = [tm.add(twoSentences(id(round % 6), round % 2 === 0 ? shared : other, round % 2 === 0 ? other : shared))]
        writes.push(tm.addAll([twoSentences(id(10 + (round % 3)), other, shared), twoSentences(id(20 + (round % 5)), others[round % others.length]!, other)]))
        if (round % 4 === 3) writes.push(tm.delete(id((round + 2) % 6)), tm.delete(id(20 + ((round + 1) % 5))))
        await Promise.all(writes)
      }
    }
    await Promise.all([work(0)(), work(1)()])
    await expectGroupsExact(url)
    expect(await groupCount(url, shared)).toBe((await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM mizan_units WHERE data LIKE $1`, [`%${shared}%`]))[0]!.n)
    // Both clients now delete every unit at once: the last reference of each group goes, with its postings.
    const ids = (await sql<{ id: string }>(url, 'SELECT id FROM mizan_units')).map((row) => row.id)
    await Promise.all(ids.map((id, index) => tms[index % 2]!.delete(id)))
    expect(await sql(url, `SELECT (SELECT count(*)::int FROM mizan_part_groups) AS groups, (SELECT count(*)::int FROM mizan_parts) AS sentences, (SELECT count(*)::int FROM mizan_part_blocks) AS blocks`)).toEqual([
      { groups: 0, sentences: 0, blocks: 0 },
    ])
    await Promise.all(tms.map((tm) => tm.close()))
  })

  it('searches parts in two statements, counting the lists of tokens not counted before in the first', async () => {
    const url = newDatabase()
    const writer = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(url) })
    await writer.addAll(Array.from({ length: 3 }, (_, index) => twoSentences(`s${index}`, others[1]!, shared)))
    await writer.close()
    const storage = await PostgresStorage.open(url)
    const tokens = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' }).keysOf({ source: 'انعقدت القمة الكبرى في سمرقند.', target: '' }).source.tokens
    await storage.fuzzyCandidates({ side: 'source', tokens, minScore: 0.7 }) // the unit statistics, read once
    // No part counts remembered yet (a new storage), then remembered: two statements each time.
    for (let search = 0; search < 2; search++) {
      const { result, sent } = await statementsSent(() => storage.fuzzyPartCandidates({ side: 'source', tokens, minScore: 0.7 }))
      expect(result.map((candidate) => [candidate.unit.id, candidate.index]).sort()).toEqual([
        ['s0', 1],
        ['s1', 1],
        ['s2', 1],
      ])
      expect(sent).toHaveLength(2)
    }
    await storage.close()
  })

  it('runs a write again when the server picks it as the victim of a deadlock', async () => {
    const url = newDatabase()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(url) })
    await tm.add(twoSentences('d', shared, others[0]!))
    // Another session holds every posting block; the delete removes the unit's row, then waits for the blocks.
    const other = new pg.Client({ connectionString: url })
    await other.connect()
    await other.query('BEGIN')
    await other.query('SELECT count(*) FROM (SELECT 1 FROM mizan_posting_blocks FOR UPDATE) t')
    const deleting = tm.delete('d')
    while ((await other.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`)).rows.length === 0) await new Promise((done) => setTimeout(done, 20))
    // Now the other session waits for the deleted row: a cycle. The delete, waiting longer, is found first and
    // chosen as the victim (deadlock_timeout); rolled back, it runs again once the other session commits.
    await other.query(`UPDATE mizan_units SET data = data WHERE id = 'd'`)
    await other.query('COMMIT')
    await other.end()
    expect(await deleting).toBe(true)
    expect(await tm.get('d')).toBeUndefined()
    expect(await sql(url, `SELECT (SELECT count(*)::int FROM mizan_part_groups) AS groups, (SELECT count(*)::int FROM mizan_parts) AS sentences`)).toEqual([{ groups: 0, sentences: 0 }])
    await tm.close()
  })

  it('converts the part tables of a schema-5 database (a row and postings per sentence) into groups on open, with the same answers', async () => {
    const url = newDatabase()
    const units = Array.from({ length: 40 }, (_, index) => ({
      ...twoSentences(`m${index}`, others[index % 4]!, index % 3 === 0 ? shared : `${others[(index + 1) % 4]!.slice(0, -1)} ${index % 5}.`),
      target: `Yes. No ${index % 7}.`,
      parts: { source: [others[index % 4]!.length + 1], target: [5] },
    }))
    const writer = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(url) })
    await writer.addAll(units)
    await writer.close()
    // Back to schema 5: migration 4's part tables (built by its own statements), a row per sentence and postings by
    // sentence number, as that schema's writers left them.
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`DROP TABLE mizan_parts; DROP TABLE mizan_part_blocks; DROP TABLE mizan_part_groups; DELETE FROM mizan_migrations WHERE version >= 6`)
    for (const statement of postgresMigrations.find((migration) => migration.version === 4)!.statements) await client.query(statement)
    const keys = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    const stored = (await client.query<{ seq: string; data: string }>('SELECT seq, data FROM mizan_units ORDER BY seq')).rows
    const batch: PendingBatch = { from: 0, postings: new Map(), dropped: new Set() }
    let pseq = 0
    for (const row of stored) {
      const parts = keys.keysOf(JSON.parse(row.data) as TranslationUnit).parts!
      for (const side of ['source', 'target'] as const) {
        for (const [index, part] of parts[side]!.entries()) {
          await client.query(`INSERT INTO mizan_parts (pseq, seq, side, idx, key, key_hash, len, tokens) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
            ++pseq,
            row.seq,
            side === 'source' ? 0 : 1,
            index,
            part.key,
            hash53(part.key),
            part.tokens.length,
            part.tokens,
          ])
          queuePostings(batch, side, part.tokens, pseq)
        }
      }
    }
    await insertBlocks(client as unknown as pg.PoolClient, 'mizan_part_blocks', batch)
    await client.end()
    expect(await sql(url, 'SELECT count(*)::int AS n FROM mizan_parts')).toEqual([{ n: 40 * 4 }])
    const migrated = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(url) })
    expect(await sql(url, 'SELECT max(version)::int AS v FROM mizan_migrations')).toEqual([{ v: 6 }])
    // Source: 4 first sentences, the shared one, and 4 × 5 numbered ones that occur; target: "yes." and 7 others.
    const distinct = (side: 'source' | 'target') => new Set(units.flatMap((unit) => keys.keysOf(unit).parts![side]!.map((part) => part.tokens.join(' ')))).size
    expect(await sql(url, 'SELECT side, count(*)::int AS groups, sum(refs)::int AS sentences FROM mizan_part_groups GROUP BY side ORDER BY side')).toEqual([
      { side: 0, groups: distinct('source'), sentences: 80 },
      { side: 1, groups: distinct('target'), sentences: 80 },
    ])
    expect(distinct('source')).toBeLessThan(40)
    await expectGroupsExact(url)
    const memory = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: new MemoryStorage() as TmStorage })
    await memory.addAll(units)
    const queries = [shared, others[1]!, 'وناقش القادة التعاون الاقتصادي اليوم.', `${others[2]!.slice(0, -1)} 3.`, 'No 4.', 'Yes.']
    expect(await answers(migrated, queries)).toEqual(await answers(memory, queries))
    // The converted memory keeps its counts right through further writes.
    await migrated.delete('m0')
    await migrated.add(twoSentences('m1', shared, others[3]!))
    await expectGroupsExact(url)
    await migrated.close()
  })
})
