/**
 * The PostgreSQL memory on a throwaway cluster: the storage contract, schema creation by concurrent first users,
 * eight writer processes at once, a writer killed mid-transaction, and clear errors for bad connections.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isStorageError } from '../../src/errors.js'
import { checkConnectionString, PostgresStorage } from '../../src/storage/postgres.js'
import { freePort, havePostgres, startPostgres, type PostgresCluster } from '../helpers/postgres.js'
import { killWriterMidTransaction, writeConcurrently } from './concurrency.js'
import { entryOf, storageContract } from './contract.js'

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

describe.runIf(available)('PostgresStorage', () => {
  beforeAll(async () => {
    cluster = await startPostgres()
  })
  afterAll(() => cluster?.stop())

  // A fresh database per test keeps the tests independent (creating one takes ~50 ms).
  storageContract('postgres', () => PostgresStorage.open(newDatabase()))

  it('creates the schema once when several clients open a new database at the same time', async () => {
    const url = newDatabase()
    const stores = await Promise.all(Array.from({ length: 6 }, () => PostgresStorage.open(url, { poolSize: 1 })))
    await Promise.all(stores.map((store, index) => store.put(entryOf({ id: `c${index}`, source: `عميل ${index}`, target: `client ${index}` }))))
    expect(await stores[0]!.size()).toBe(6)
    await Promise.all(stores.map((store) => store.close()))
    expect(await sql(url, 'SELECT version, name FROM mizan_migrations ORDER BY version')).toEqual([
      { version: 1, name: 'units with GIN token indexes, and meta' },
      { version: 2, name: 'GIN pending-list limit per session instead of per index' },
    ])
    // Migration 2 left the GIN indexes without their own pending-list limit (sessions set it, see postgres.ts).
    expect(await sql(url, `SELECT relname, reloptions FROM pg_class WHERE relname LIKE 'mizan_units_%_tokens' ORDER BY relname`)).toEqual([
      { relname: 'mizan_units_source_tokens', reloptions: ['fastupdate=on'] },
      { relname: 'mizan_units_target_tokens', reloptions: ['fastupdate=on'] },
    ])
    expect(await sql(url, `SELECT value FROM mizan_meta WHERE key = 'matchingKeyVersion'`)).toEqual([{ value: '1' }])
    // Reopening an up-to-date database changes nothing.
    await (await PostgresStorage.open(url)).close()
    expect(await sql(url, 'SELECT count(*)::int AS n FROM mizan_migrations')).toEqual([{ n: 2 }])
  })

  it('refuses a database from a newer mizan or with other matching keys', async () => {
    const url = newDatabase()
    await (await PostgresStorage.open(url)).close()
    await sql(url, `INSERT INTO mizan_migrations (version, name) VALUES (42, 'future')`)
    await expect(PostgresStorage.open(url)).rejects.toThrow(/schema version 42.*upgrade mizan/)
    const other = newDatabase()
    await (await PostgresStorage.open(other)).close()
    await sql(other, `UPDATE mizan_meta SET value = '0' WHERE key = 'matchingKeyVersion'`)
    await expect(PostgresStorage.open(other)).rejects.toThrow(/matching-key version 0.*rebuild/)
  })

  it('takes 8 writer processes x 10,000 units at once, losing and duplicating nothing, while readers answer', async () => {
    await writeConcurrently(newDatabase(), 8, 10_000, 200, 1_000)
  }, 180_000)

  it('stays consistent when a writer is killed mid-transaction', async () => {
    const url = newDatabase()
    const storage = await killWriterMidTransaction(url, 200, 60_000)
    await storage.close()
    // The GIN indexes agree with the table: an index-only answer equals a sequential scan's.
    await sql(url, 'SET enable_seqscan = off')
    const viaIndex = await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM mizan_units WHERE target_tokens && ARRAY['kept', 'doomed']`)
    expect(viaIndex).toEqual([{ n: 200 }])
    expect(await sql(url, `SELECT count(*)::int AS n FROM mizan_units WHERE id LIKE 'doomed-%'`)).toEqual([{ n: 0 }])
    // No session of the killed writer is left holding anything.
    expect(await sql(url, `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`)).toEqual([{ n: 0 }])
  }, 60_000)

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
