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
import { entryOf, storageContract } from './contract.js'

const folder = mkdtempSync(join(tmpdir(), 'mizan-sqlite-'))
let files = 0
const newFile = () => join(folder, `tm-${++files}.db`)
afterAll(() => rmSync(folder, { recursive: true, force: true }))

storageContract('sqlite', () => SqliteStorage.open(newFile()))

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
    expect(raw.prepare('SELECT max(version) FROM mizan_migrations').pluck().get()).toBe(1)
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
    await expect(SqliteStorage.open(rekeyed)).rejects.toThrow(/matching-key version 0.*rebuild/)
    await expect(SqliteStorage.open(join(folder, 'no-such-dir', 'x.db'))).rejects.toSatisfy(isStorageError)
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
    // Every posting points at a unit, and every unit has its postings.
    expect(raw.prepare('SELECT count(*) FROM mizan_postings p LEFT JOIN mizan_units u ON u.seq = p.seq WHERE u.seq IS NULL').pluck().get()).toBe(0)
    expect(raw.prepare('SELECT count(*) FROM mizan_units u WHERE NOT EXISTS (SELECT 1 FROM mizan_postings p WHERE p.seq = u.seq)').pluck().get()).toBe(0)
    raw.close()
  }, 60_000)
})
