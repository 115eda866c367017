/**
 * The PostgreSQL memory on a throwaway cluster: the storage contract, schema creation by concurrent first users,
 * eight writer processes at once, a writer killed mid-transaction, and clear errors for bad connections.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isStorageError } from '../../src/errors.js'
import { PostgresStorage } from '../../src/storage/postgres.js'
import { checkConnectionString } from '../../src/storage/sql/connection-string.js'
import { freePort, havePostgres, startPostgres, type PostgresCluster } from '../helpers/postgres.js'
import { killWriterMidTransaction, writeConcurrently } from './concurrency.js'
import { candidateIdsOf, entryOf, fillForMigration, sampleUnits, storageContract } from './contract.js'
import { decodePostings } from '../../src/storage/sql/blocks.js'
import { tokenHash } from '../../src/storage/sql/hash.js'
import { matchingKeyVersion } from '../../src/storage/types.js'

const available = havePostgres()
let cluster: PostgresCluster | undefined
let databases = 0
const newDatabase = () => cluster!.createDatabase(`mizan_${++databases}`)

/** Runs one SQL statement on a database directly, to look behind the storage's back. */
async function sql<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text)).rows as T[]
  } finally {
    await client.end()
  }
}

/**
 * Checks that the posting blocks hold exactly the postings the stored units call for (token hash, length, seq and
 * multiplicity, each once), and that every block's first, last and n match its content.
 */
async function expectBlocksExact(url: string): Promise<void> {
  const units = await sql<{ seq: string; source_tokens: string[]; target_tokens: string[] }>(url, 'SELECT seq, source_tokens, target_tokens FROM mizan_units')
  const expected: string[] = []
  for (const unit of units) {
    for (const side of ['source', 'target'] as const) {
      const tokens = side === 'source' ? unit.source_tokens : unit.target_tokens
      const counts = new Map<number, number>()
      for (const token of tokens) counts.set(tokenHash(side, token), (counts.get(tokenHash(side, token)) ?? 0) + 1)
      for (const [hash, count] of counts) expected.push(`${hash}:${tokens.length}:${unit.seq}:${count}`)
    }
  }
  const blocks = await sql<{ token: string; len: number; first: string; last: string; n: number; seqs: Buffer }>(url, 'SELECT token, len, first, last, n, seqs FROM mizan_posting_blocks')
  const stored: string[] = []
  for (const block of blocks) {
    const { seqs, counts } = decodePostings(block.seqs)
    expect([seqs[0], seqs[seqs.length - 1], seqs.length]).toEqual([Number(block.first), Number(block.last), block.n])
    seqs.forEach((seq, index) => stored.push(`${block.token}:${block.len}:${seq}:${counts[index]}`))
  }
  expect(stored.sort()).toEqual(expected.sort())
}

describe.runIf(available)('PostgresStorage', () => {
  beforeAll(async () => {
    cluster = await startPostgres()
  })
  afterAll(() => cluster?.stop())

  // A fresh database per test keeps the tests independent (creating one takes ~50 ms).
  storageContract('postgres', () => PostgresStorage.open(newDatabase()), async (storage) => {
    await storage.close()
    return PostgresStorage.open((storage as PostgresStorage).location)
  })

  it('creates the schema once when several clients open a new database at the same time', async () => {
    const url = newDatabase()
    const stores = await Promise.all(Array.from({ length: 6 }, () => PostgresStorage.open(url, { poolSize: 1 })))
    await Promise.all(stores.map((store, index) => store.put(entryOf({ id: `c${index}`, source: `عميل ${index}`, target: `client ${index}` }))))
    expect(await stores[0]!.size()).toBe(6)
    await Promise.all(stores.map((store) => store.close()))
    expect(await sql(url, 'SELECT version, name FROM mizan_migrations ORDER BY version')).toEqual([
      { version: 1, name: 'units with GIN token indexes, and meta' },
      { version: 2, name: 'GIN pending-list limit per session instead of per index' },
      { version: 3, name: 'posting blocks instead of GIN token indexes' },
      { version: 4, name: 'sentences of multi-sentence units and their postings' },
      { version: 5, name: 'concordance vocabulary' },
      { version: 6, name: 'one part entry per distinct sentence (part groups)' },
    ])
    // Migration 3 dropped the GIN indexes: the posting blocks are the index now.
    expect(await sql(url, `SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'mizan_units_%_tokens'`)).toEqual([{ n: 0 }])
    await expectBlocksExact(url)
    expect(await sql(url, `SELECT value FROM mizan_meta WHERE key = 'matchingKeyVersion'`)).toEqual([{ value: String(matchingKeyVersion) }])
    // Reopening an up-to-date database changes nothing.
    await (await PostgresStorage.open(url)).close()
    expect(await sql(url, 'SELECT count(*)::int AS n FROM mizan_migrations')).toEqual([{ n: 6 }])
  })

  it('migrates a schema-2 database (GIN indexes, no blocks) to posting blocks on open, with the same answers', async () => {
    const url = newDatabase()
    const storage = await PostgresStorage.open(url)
    const { units, before } = await fillForMigration(storage)
    await storage.close()
    // Turn the database back into schema 2: GIN indexes, no blocks, no migration 3.
    await sql(url, `DROP TABLE mizan_posting_blocks; DELETE FROM mizan_migrations WHERE version >= 3; DROP TABLE mizan_part_blocks; DROP TABLE mizan_parts; DROP TABLE mizan_part_groups; DROP TABLE mizan_tokens;
      CREATE INDEX mizan_units_source_tokens ON mizan_units USING gin (source_tokens);
      CREATE INDEX mizan_units_target_tokens ON mizan_units USING gin (target_tokens)`)
    const migrated = await PostgresStorage.open(url)
    expect(await candidateIdsOf(migrated, units)).toEqual(before)
    await migrated.close()
    expect(await sql(url, 'SELECT max(version)::int AS v FROM mizan_migrations')).toEqual([{ v: 6 }])
    await expectBlocksExact(url)
  })

  it('keeps posting blocks exact through batches, replaces within and across batches, and deletes', async () => {
    const url = newDatabase()
    const storage = await PostgresStorage.open(url)
    const units = sampleUnits(9)
    // One token in every unit, written in several batches, so its list has many blocks of interleaving batches.
    const common = units.map((unit) => ({ ...unit, target: `${unit.target} common` }))
    await storage.putMany(common.slice(0, 150).map(entryOf))
    await storage.putMany([...common.slice(150), ...common.slice(0, 20).map((unit) => ({ ...unit, target: `${unit.target} again` }))].map(entryOf))
    for (const unit of common.slice(30, 60)) await storage.delete(unit.id)
    await Promise.all(common.slice(60, 90).map((unit) => storage.put(entryOf({ ...unit, target: 'common common replaced' }))))
    // Units written one at a time top up their lists' newest block instead of making a block each.
    for (let index = 0; index < 20; index++) await storage.put(entryOf({ id: `one-${index}`, source: `وحدة ${index}`, target: 'merged one' }))
    await storage.close()
    await expectBlocksExact(url)
    const merged = await sql<{ blocks: number; n: number }>(url, `SELECT count(*)::int AS blocks, max(n)::int AS n FROM mizan_posting_blocks WHERE token = ${tokenHash('target', 'merged')} AND len = 2`)
    expect(merged).toEqual([{ blocks: 1, n: 20 }])
  })

  it('compacts lists into full blocks with the same answers, also while another client writes and deletes', async () => {
    const url = newDatabase()
    const storage = await PostgresStorage.open(url)
    const units = sampleUnits(11)
    // Four batches above the merge size (256 units): each makes blocks of its own, so lists get up to four.
    const copies = (batch: number) => units.map((unit) => ({ ...unit, id: `${unit.id}-b${batch}` }))
    for (let batch = 0; batch < 4; batch++) await storage.putMany(copies(batch).map(entryOf))
    for (const unit of copies(1).slice(0, 30)) await storage.delete(unit.id)
    await storage.putMany(copies(2).slice(0, 30).map((unit) => entryOf({ ...unit, target: `${unit.target} replaced` })))
    const all = [...copies(0), ...copies(3)]
    const before = await candidateIdsOf(storage, all)
    const excess = `SELECT count(*)::int AS n FROM (SELECT 1 FROM mizan_posting_blocks GROUP BY token, len HAVING count(*) > ceil(sum(n) / 128.0)) x`
    expect((await sql<{ n: number }>(url, excess))[0]!.n).toBeGreaterThan(100)
    const tableSize = `SELECT pg_total_relation_size('mizan_posting_blocks')::int AS bytes`
    const [sizeBefore] = await sql<{ bytes: number }>(url, tableSize)
    const result = await storage.compact({ reclaimSpace: true })
    expect(result.blocksAfter).toBeLessThan(result.blocksBefore / 2)
    // VACUUM FULL gave the old blocks' space back (a plain VACUUM keeps the file as large as before).
    expect((await sql<{ bytes: number }>(url, tableSize))[0]!.bytes).toBeLessThan(sizeBefore!.bytes / 2)
    expect(await sql(url, excess)).toEqual([{ n: 0 }])
    await expectBlocksExact(url)
    expect(await candidateIdsOf(storage, all)).toEqual(before)
    // Compaction beside a writer adding a batch and deleting units: the writer waits for a round's lock or goes
    // first, and the blocks stay exact either way.
    const writer = await PostgresStorage.open(url, { poolSize: 1 })
    await storage.putMany(copies(4).map(entryOf))
    await Promise.all([
      storage.compact(),
      (async () => {
        await writer.putMany(copies(5).map(entryOf))
        for (const unit of copies(4).slice(0, 20)) await writer.delete(unit.id)
      })(),
    ])
    await writer.close()
    await storage.close()
    await expectBlocksExact(url)
  }, 60_000)

  it('refuses a database from a newer mizan or with other matching keys', async () => {
    const url = newDatabase()
    await (await PostgresStorage.open(url)).close()
    await sql(url, `INSERT INTO mizan_migrations (version, name) VALUES (42, 'future')`)
    await expect(PostgresStorage.open(url)).rejects.toThrow(/schema version 42.*upgrade mizan/)
    const other = newDatabase()
    await (await PostgresStorage.open(other)).close()
    // An older key version is re-keyed by the first TranslationMemory (contract suite); a newer one is refused.
    await sql(other, `UPDATE mizan_meta SET value = '99' WHERE key = 'matchingKeyVersion'`)
    await expect(PostgresStorage.open(other)).rejects.toThrow(/matching-key version 99.*upgrade mizan/)
  })

  it('takes 8 writer processes x 10,000 units at once, losing and duplicating nothing, while readers answer', async () => {
    const url = newDatabase()
    await writeConcurrently(url, 8, 10_000, 200, 1_000)
    // Eight writers adding, and replacing the common pairs, at once left the posting blocks exact.
    await expectBlocksExact(url)
  }, 180_000)

  it('stays consistent when a writer is killed mid-transaction', async () => {
    const url = newDatabase()
    const storage = await killWriterMidTransaction(url, 200, 60_000)
    await storage.close()
    // The posting blocks hold exactly the committed units' postings: none of the killed transaction's.
    await expectBlocksExact(url)
    expect(await sql(url, `SELECT count(*)::int AS n FROM mizan_units WHERE id LIKE 'doomed-%'`)).toEqual([{ n: 0 }])
    // No session of the killed writer is left holding anything.
    expect(await sql(url, `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`)).toEqual([{ n: 0 }])
  }, 60_000)

  /**
   * A search reads without a transaction, checking that its reads agree with one snapshot (postgres.ts,
   * SearchReader). These tests make a write commit between two of a search's statements: the driver's query method
   * is wrapped so that, just before the chosen statement goes out, another connection replaces a unit. A replace
   * deletes the old row and its postings and writes the new version under a new seq; a search that mixed the
   * states before and after it would miss the unit in both versions. The answer must be the one a search after
   * the write gives, and the search must have read its postings again (the retry in a transaction).
   */
  async function withWriteBefore<T>(statement: string, write: () => Promise<void>, search: () => Promise<T>): Promise<{ result: T; sent: Map<string, number> }> {
    const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
    const original = prototype.query
    let pending = true
    // Statements sent, by name; the write goes before the first of `statement` (the second posting read for
    // 'mizan_search_blocks').
    const sent = new Map<string, number>()
    prototype.query = function (this: unknown, ...args: unknown[]) {
      const name = (args[0] as { name?: string } | undefined)?.name ?? 'unnamed'
      sent.set(name, (sent.get(name) ?? 0) + 1)
      if (pending && name === statement && (statement !== 'mizan_search_blocks' || sent.get(name) === 2)) {
        pending = false
        return write().then(() => original.apply(this, args))
      }
      return original.apply(this, args)
    }
    try {
      const result = await search()
      expect(pending).toBe(false) // the write did happen in the middle of the search
      return { result, sent }
    } finally {
      prototype.query = original
    }
  }

  it('answers as of one snapshot when a unit is replaced between reading postings and reading rows', async () => {
    const url = newDatabase()
    const storage = await PostgresStorage.open(url)
    const writer = await PostgresStorage.open(url, { poolSize: 1 })
    const units = sampleUnits(3, 40)
    await storage.putMany(units.map(entryOf))
    const target = units[5]!
    const tokens = entryOf(target).keys.target.tokens
    const replaced = { ...target, source: `${target.source} جديد` }
    const { result, sent } = await withWriteBefore(
      'mizan_search_rows_target',
      async () => void (await writer.put(entryOf(replaced))),
      () => storage.fuzzyCandidates({ side: 'target', tokens, minScore: 0.9 }),
    )
    // Without the check the old seq's row is gone and the new seq was never counted: the unit would be missing.
    expect(result.find((candidate) => candidate.unit.id === target.id)?.unit.source).toBe(replaced.source)
    expect(sent.get('mizan_search_rows_target')).toBe(2) // refused, then again inside the transaction
    expect(result.map((candidate) => candidate.unit.id).sort()).toEqual((await storage.fuzzyCandidates({ side: 'target', tokens, minScore: 0.9 })).map((candidate) => candidate.unit.id).sort())
    await writer.close()
    await storage.close()
  })

  it('answers as of one snapshot when a write commits between two posting reads', async () => {
    const url = newDatabase()
    const storage = await PostgresStorage.open(url)
    const writer = await PostgresStorage.open(url, { poolSize: 1 })
    const units = sampleUnits(3, 40).map((unit, index) => (index < 10 ? { ...unit, target: `${unit.target} zephyr quartz` } : unit))
    await storage.putMany(units.map(entryOf))
    const replaced = { ...units[3]!, source: `${units[3]!.source} جديد` }
    // Concordance reads the rarest word's postings, then the other word's: the replace commits in between.
    const { result, sent } = await withWriteBefore(
      'mizan_search_blocks',
      async () => void (await writer.put(entryOf(replaced))),
      () => storage.concordanceCandidates({ side: 'target', words: ['zephyr', 'quartz'] }),
    )
    // Mixing the two reads would count the old seq once (its second posting gone) and never see the new one.
    expect(result.map((candidate) => candidate.unit.id).sort()).toEqual(units.slice(0, 10).map((unit) => unit.id).sort())
    expect(result.find((candidate) => candidate.unit.id === replaced.id)?.unit.source).toBe(replaced.source)
    expect(sent.get('mizan_search_blocks')).toBe(4) // two, then both again inside the transaction
    await writer.close()
    await storage.close()
  })

  it('names the fix when the server is unreachable or the database is missing', async () => {
    const port = await freePort()
    const refused = await PostgresStorage.open(`postgres://nobody:secret@127.0.0.1:${port}/tm`, { connectTimeoutMs: 2000 }).catch((error: unknown) => error)
    expect(isStorageError(refused)).toBe(true)
    expect((refused as Error).message).toMatch(/is the server running/)
    expect((refused as Error).message).not.toContain('secret')
    expect((refused as Error).cause).toBeDefined()
    const missing = cluster!.url.replace(/\/postgres$/, '/no_such_database')
    await expect(PostgresStorage.open(missing)).rejects.toThrow(/database does not exist; create it/)
  })
})

describe('checkConnectionString', () => {
  it.each([
    ['', /needs a connection string/],
    ['not a url', /not a URL/],
    ['mysql://localhost/tm', /must start with postgres:\/\/ or postgresql:\/\//],
    ['postgres://', /no host/],
  ])('rejects %j with a StorageError saying what a good one looks like', (input, message) => {
    expect(() => checkConnectionString(input)).toThrow(message)
    expect(() => checkConnectionString(input)).toThrow(/postgres:\/\/user:password@host:5432\/database/)
  })

  it('hides the password in what it returns', () => {
    expect(checkConnectionString('postgresql://me:secret@db.example.org:5433/tm')).toBe('postgresql://me@db.example.org:5433/tm')
  })
})
