/**
 * The SQLite memory: the storage contract, plus what only a file shows: reopening, WAL mode, readonly use, files
 * that are not (or no longer) ours, four writer processes at once, and a writer killed mid-transaction.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { isStorageError } from '../../src/errors.js'
import { SqliteStorage } from '../../src/storage/sqlite.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { killWriterMidTransaction, writeConcurrently } from './concurrency.js'
import { candidateIdsOf, entryOf, fillForMigration, storageContract } from './contract.js'
import { blockCapacity, decodePostings, encodePostings } from '../../src/storage/sql/blocks.js'
import { tokenHash } from '../../src/storage/sql/hash.js'
import { sqliteMigrations } from '../../src/storage/sql/schema.js'

const folder = mkdtempSync(join(tmpdir(), 'mizan-sqlite-'))
/** The schema version a new file gets, and the tables of the migrations after version 2. */
const latestMigration = Math.max(...sqliteMigrations.map((migration) => migration.version))
// A table made again by a later migration (mizan_parts, by 4 and 5) is dropped once.
const laterTables = [...new Set(sqliteMigrations.filter((migration) => migration.version > 2).flatMap((migration) => migration.statements.flatMap((statement) => [...statement.matchAll(/CREATE TABLE (\w+)/g)].map((match) => match[1]!))))]
let files = 0
const newFile = () => join(folder, `tm-${++files}.db`)
afterAll(() => rmSync(folder, { recursive: true, force: true }))

storageContract('sqlite', () => SqliteStorage.open(newFile()), async (storage) => {
  await storage.close()
  return SqliteStorage.open((storage as SqliteStorage).path)
})

describe('SqliteStorage', () => {
  it('keeps units, keys and seqs across reopening, in WAL mode', async () => {
    const path = newFile()
    const first = await SqliteStorage.open(path)
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: first })
    const added = await tm.add({ source: 'أين المحطة؟', target: 'Where is the station?' })
    const seq = (await first.get(added.id))!.seq
    await first.close()
    await first.close() // idempotent

    const raw = new Database(path, { readonly: true })
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(raw.prepare('SELECT max(version) FROM mizan_migrations').pluck().get()).toBe(latestMigration)
    raw.close()

    const again = await SqliteStorage.open(path)
    const reopened = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: again })
    expect((await reopened.lookup('أين المحطة?'))[0]?.unit.id).toBe(added.id)
    expect((await reopened.fuzzy('أين المحطة الكبيرة؟'))[0]?.unit.id).toBe(added.id)
    const next = await again.put(entryOf({ id: 'n', source: 'نعم', target: 'Yes' }))
    expect(next.seq).toBeGreaterThan(seq)
    await again.close()
  })

  it('opens readonly: reads work, writes throw a StorageError', async () => {
    const path = newFile()
    const writer = await SqliteStorage.open(path)
    await writer.put(entryOf({ id: 'a', source: 'نعم', target: 'Yes' }))
    await writer.close()
    const reader = await SqliteStorage.open(path, { readonly: true })
    expect(await reader.size()).toBe(1)
    await expect(reader.put(entryOf({ id: 'b', source: 'لا', target: 'No' }))).rejects.toThrow(/readonly/)
    await reader.close()
    await expect(reader.size()).rejects.toThrow(/closed/)
    await expect(SqliteStorage.open(join(folder, 'missing.db'), { readonly: true })).rejects.toSatisfy(isStorageError)
  })

  it('refuses files that are not mizan memories, or from a newer mizan, with a StorageError naming the file', async () => {
    const garbage = join(folder, 'garbage.db')
    writeFileSync(garbage, 'this is not an SQLite database, just text that is long enough to have a header'.repeat(20))
    await expect(SqliteStorage.open(garbage)).rejects.toThrow(/garbage\.db/)

    const foreign = newFile()
    const other = new Database(foreign)
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)')
    other.close()
    const error = await SqliteStorage.open(foreign).catch((caught: unknown) => caught)
    expect(isStorageError(error)).toBe(true)
    expect((error as Error).message).toMatch(/not a mizan memory/)

    const future = newFile()
    await (await SqliteStorage.open(future)).close()
    const raw = new Database(future)
    raw.prepare(`INSERT INTO mizan_migrations (version, name, applied_at) VALUES (99, 'from the future', 'x')`).run()
    raw.close()
    await expect(SqliteStorage.open(future)).rejects.toThrow(/schema version 99.*upgrade mizan/)

    const rekeyed = newFile()
    await (await SqliteStorage.open(rekeyed)).close()
    const keyed = new Database(rekeyed)
    keyed.prepare(`UPDATE mizan_meta SET value = '0' WHERE key = 'matchingKeyVersion'`).run()
    keyed.close()
    // An older key version is re-keyed by the first TranslationMemory (contract suite); readonly it cannot be.
    await expect(SqliteStorage.open(rekeyed, { readonly: true })).rejects.toThrow(/matching-key version 0.*re-key it/)
    const unknown = new Database(rekeyed)
    unknown.prepare(`UPDATE mizan_meta SET value = '99' WHERE key = 'matchingKeyVersion'`).run()
    unknown.close()
    await expect(SqliteStorage.open(rekeyed)).rejects.toThrow(/matching-key version 99.*upgrade mizan/)
    await expect(SqliteStorage.open(join(folder, 'no-such-dir', 'x.db'))).rejects.toSatisfy(isStorageError)
  })

  it('migrates a version 1 file (a row per posting) to posting blocks on open, with the same answers', async () => {
    const path = newFile()
    const storage = await SqliteStorage.open(path)
    const { units, before } = await fillForMigration(storage)
    await storage.close()
    // Turn the file back into version 1: postings as rows, no blocks, no migration 2.
    const raw = new Database(path)
    const postings = storedPostings(raw)
    raw.exec(`CREATE TABLE mizan_postings (token INTEGER NOT NULL, len INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (token, len, seq)) WITHOUT ROWID`)
    const insert = raw.prepare('INSERT INTO mizan_postings (token, len, seq) VALUES (?, ?, ?)')
    for (const posting of postings) insert.run(...posting.split(':').slice(0, 3).map(Number))
    raw.exec('DROP TABLE mizan_posting_blocks; DELETE FROM mizan_migrations WHERE version >= 2')
    // The tables of the migrations after 2 go too, so that migrating applies them again.
    for (const table of laterTables) raw.exec(`DROP TABLE ${table}`)
    raw.close()

    const migrated = await SqliteStorage.open(path)
    expect(await candidateIdsOf(migrated, units)).toEqual(before)
    await migrated.close()
    const check = new Database(path, { readonly: true })
    expect(check.prepare('SELECT max(version) FROM mizan_migrations').pluck().get()).toBe(latestMigration)
    expect(check.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'mizan_postings'`).pluck().get()).toBe(0)
    expect(storedPostings(check)).toEqual(postings)
    expect(storedPostings(check)).toEqual(expectedPostings(check))
    check.close()
  })

  it('keeps posting blocks exact through appends, long lists, replaces and deletes', async () => {
    const path = newFile()
    const storage = await SqliteStorage.open(path)
    // One token in every unit (a list of many blocks), written in batches that end mid-block.
    const make = (index: number) => entryOf({ id: `w${index}`, source: `كلمة مشتركة ${index % 7} رقم ${index}`, target: `common word ${index % 7} number ${index}` })
    for (let from = 0; from < 1000; from += 333) await storage.putMany(Array.from({ length: Math.min(333, 1000 - from) }, (_, k) => make(from + k)))
    for (let index = 0; index < 1000; index += 3) await storage.delete(`w${index}`)
    await storage.putMany([make(1), make(2), make(1), make(4000)])
    const found = await storage.concordanceCandidates({ side: 'target', words: ['common', 'word'] })
    const live: string[] = []
    for await (const { unit } of storage.units()) live.push(unit.id)
    expect(found.map((candidate) => candidate.unit.id).sort()).toEqual(live.sort())
    await storage.close()
    const raw = new Database(path, { readonly: true })
    expect(storedPostings(raw)).toEqual(expectedPostings(raw))
    const blocks = raw.prepare('SELECT first, last, n, seqs FROM mizan_posting_blocks').all() as Array<{ first: number; last: number; n: number; seqs: Buffer }>
    expect(blocks.length).toBeGreaterThan(2 * Math.ceil(666 / blockCapacity) - 1)
    for (const block of blocks) {
      const { seqs } = decodePostings(block.seqs)
      expect([seqs[0], seqs[seqs.length - 1], seqs.length]).toEqual([block.first, block.last, block.n])
      expect(seqs.length).toBeLessThanOrEqual(blockCapacity)
    }
    raw.close()
  })

  it('takes 4 writer processes x 10,000 units at once, losing and duplicating nothing, while readers answer', async () => {
    await writeConcurrently(`sqlite:${newFile()}`, 4, 10_000, 200, 1_000)
  }, 120_000)

  it('stays consistent when a writer is killed mid-transaction', async () => {
    const path = newFile()
    const storage = await killWriterMidTransaction(`sqlite:${path}`, 200, 60_000)
    await storage.close()
    const raw = new Database(path, { readonly: true })
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
    // The posting blocks hold exactly the postings the units' tokens call for: none orphaned, none missing.
    expect(storedPostings(raw)).toEqual(expectedPostings(raw))
    raw.close()
  }, 60_000)
})

/** Every posting in the blocks, as sorted `token:len:seq:multiplicity` strings. */
function storedPostings(raw: Database.Database): string[] {
  const all: string[] = []
  for (const row of raw.prepare('SELECT token, len, seqs FROM mizan_posting_blocks').all() as Array<{ token: number; len: number; seqs: Buffer }>) {
    const { seqs, counts } = decodePostings(row.seqs)
    seqs.forEach((seq, index) => all.push(`${row.token}:${row.len}:${seq}:${counts[index]}`))
  }
  return all.sort()
}

/** The postings the stored units call for (one per distinct token hash and side, with its multiplicity), sorted. */
function expectedPostings(raw: Database.Database): string[] {
  const all = new Map<string, number>()
  for (const row of raw.prepare('SELECT seq, source_tokens, target_tokens FROM mizan_units').all() as Array<{ seq: number; source_tokens: string; target_tokens: string }>) {
    for (const side of ['source', 'target'] as const) {
      const text = side === 'source' ? row.source_tokens : row.target_tokens
      const tokens = text === '' ? [] : text.split(' ')
      for (const token of tokens) {
        const key = `${tokenHash(side, token)}:${tokens.length}:${row.seq}`
        all.set(key, (all.get(key) ?? 0) + 1)
      }
    }
  }
  return [...all].map(([key, count]) => `${key}:${count}`).sort()
}

describe('posting blocks', () => {
  it('round-trips ascending seqs with multiplicities, small and beyond 32 bits, appended in pieces', () => {
    const seqs = [1, 2, 3, 130, 16_513, 2 ** 31 + 5, 2 ** 40, 2 ** 52 - 1]
    const counts = [1, 2, 1, 300, 1, 7, 1, 2]
    expect(decodePostings(encodePostings(seqs, counts, 0))).toEqual({ seqs, counts })
    const appended = Buffer.concat([encodePostings(seqs.slice(0, 4), counts.slice(0, 4), 0), encodePostings(seqs.slice(4), counts.slice(4), seqs[3]!)])
    expect(decodePostings(appended)).toEqual({ seqs, counts })
    expect([...encodePostings([5, 6, 300], [1, 2, 1], 0)]).toEqual([0x0a, 0x03, 0x02, 0xcc, 0x04])
  })
})
