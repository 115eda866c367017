/** openStore and the driver loader: one string names a memory, and a missing driver says how to install it. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isStorageError, StorageError } from '../../src/errors.js'
import { openStore, parseStoreSpec } from '../../src/storage/open-store.js'
import { isModuleMissing, loadDriver } from '../../src/storage/sql/driver.js'
import { SqliteStorage } from '../../src/storage/sqlite.js'

const folder = mkdtempSync(join(tmpdir(), 'mizan-open-store-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('parseStoreSpec', () => {
  it.each([
    ['sqlite:tm.db', { kind: 'sqlite', path: 'tm.db' }],
    ['sqlite:/var/lib/mizan/ذاكرة.db', { kind: 'sqlite', path: '/var/lib/mizan/ذاكرة.db' }],
    ['sqlite://tm.db', { kind: 'sqlite', path: 'tm.db' }],
    ['sqlite:///abs/tm.db', { kind: 'sqlite', path: '/abs/tm.db' }],
    ['postgres://me@db/tm', { kind: 'postgres', connectionString: 'postgres://me@db/tm' }],
    ['postgresql://me@db:5433/tm', { kind: 'postgres', connectionString: 'postgresql://me@db:5433/tm' }],
  ])('reads %j', (spec, expected) => {
    expect(parseStoreSpec(spec)).toEqual(expected)
  })

  it.each([
    ['', /a store spec is needed/],
    ['sqlite:', /no file path/],
    ['tm.db', /for an SQLite file write sqlite:tm.db/],
    ['mysql://me:hunter2@db/tm', /"mysql:" is not a memory mizan can open/],
    ['memory', /expected `sqlite:path\/to\/memory.db` or `postgres:\/\//],
  ])('rejects %j with a StorageError naming the accepted forms', (spec, message) => {
    let caught: unknown
    try {
      parseStoreSpec(spec)
    } catch (error) {
      caught = error
    }
    expect(isStorageError(caught)).toBe(true)
    expect((caught as StorageError).code).toBe('STORAGE_FAILED')
    expect((caught as Error).message).toMatch(message)
    expect((caught as Error).message).not.toContain('hunter2')
  })
})

describe('openStore', () => {
  it('opens an SQLite memory from sqlite:<path>', async () => {
    const storage = await openStore(`sqlite:${join(folder, 'a.db')}`)
    expect(storage).toBeInstanceOf(SqliteStorage)
    expect(storage.kind).toBe('sqlite')
    expect(await storage.size()).toBe(0)
    await storage.close()
    const readonly = await openStore(`sqlite:${join(folder, 'a.db')}`, { readonly: true })
    expect(await readonly.size()).toBe(0)
    await readonly.close()
  })

  it('rejects options of the wrong type with an OptionsError naming the option', async () => {
    await expect(openStore(`sqlite:${join(folder, 'b.db')}`, { busyTimeoutMs: 'soon' as unknown as number })).rejects.toMatchObject({ name: 'OptionsError', option: 'busyTimeoutMs' })
    await expect(SqliteStorage.open(join(folder, 'c.db'), { readonly: 'yes' as unknown as boolean })).rejects.toMatchObject({ name: 'OptionsError', option: 'readonly' })
    await expect(openStore('postgres://me@127.0.0.1:1/tm', { poolSize: 0 })).rejects.toMatchObject({ name: 'OptionsError', option: 'poolSize' })
  })

  it('rejects a malformed PostgreSQL URL before loading anything', async () => {
    await expect(openStore('postgres://')).rejects.toThrow(/no host/)
  })
})

describe('loadDriver', () => {
  const missing = (name: string) => Object.assign(new Error(`Cannot find package '${name}' imported from /app/x.js`), { code: 'ERR_MODULE_NOT_FOUND' })

  it('turns a missing better-sqlite3 into STORAGE_DRIVER_MISSING naming npm install better-sqlite3', async () => {
    const error = await loadDriver('better-sqlite3', () => Promise.reject(missing('better-sqlite3'))).catch((caught: unknown) => caught)
    expect(isStorageError(error)).toBe(true)
    expect((error as StorageError).code).toBe('STORAGE_DRIVER_MISSING')
    expect((error as Error).message).toMatch(/SQLite memory \(mizan\/sqlite\) needs the better-sqlite3 driver.*npm install better-sqlite3/)
    expect((error as Error).cause).toBeInstanceOf(Error)
  })

  it('turns a missing pg (CommonJS require) into STORAGE_DRIVER_MISSING naming npm install pg', async () => {
    const cjs = Object.assign(new Error("Cannot find module 'pg'\nRequire stack:\n- /app/x.cjs"), { code: 'MODULE_NOT_FOUND' })
    await expect(loadDriver('pg', () => Promise.reject(cjs))).rejects.toMatchObject({ code: 'STORAGE_DRIVER_MISSING', message: expect.stringMatching(/npm install pg/) })
  })

  it('reports a driver that is present but broken as STORAGE_FAILED, not as missing', async () => {
    // A dependency of the driver missing is not the driver missing.
    const inner = missing('bindings')
    await expect(loadDriver('better-sqlite3', () => Promise.reject(inner))).rejects.toMatchObject({ code: 'STORAGE_FAILED', message: expect.stringMatching(/could not load the better-sqlite3 driver/) })
    expect(isModuleMissing(inner, 'better-sqlite3')).toBe(false)
    expect(isModuleMissing(new Error('boom'), 'pg')).toBe(false)
  })

  it.each([
    [`sqlite:${join(folder, 'never-created.db')}`, /npm install better-sqlite3/],
    ['postgres://me@127.0.0.1:1/tm', /npm install pg/],
  ])('reaches the user of openStore(%j) as STORAGE_DRIVER_MISSING when the driver is not installed', (spec, fix) => {
    const workers = resolve(import.meta.dirname, 'workers')
    const output = execFileSync(process.execPath, ['--import', join(workers, 'hide-drivers.mjs'), '--import', 'tsx', join(workers, 'open-without-driver.ts'), spec], {
      cwd: resolve(import.meta.dirname, '../..'),
      encoding: 'utf8',
    })
    const result = JSON.parse(output) as { name: string; code: string; message: string }
    expect(result.name).toBe('StorageError')
    expect(result.code).toBe('STORAGE_DRIVER_MISSING')
    expect(result.message).toMatch(fix)
  })

  it('returns the module when it loads', async () => {
    const module = await loadDriver('pg', () => import('pg'))
    expect(typeof (module.default ?? module).Pool).toBe('function')
  })
})
