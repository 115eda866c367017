/** The SQLite memory: the storage contract, plus what only a file can show (reopening, WAL, readonly, bad files). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SqliteStorage } from '../../src/storage/sqlite.js'
import { storageContract } from './contract.js'

const folder = mkdtempSync(join(tmpdir(), 'mizan-sqlite-'))
let files = 0
const newFile = () => join(folder, `tm-${++files}.db`)
afterAll(() => rmSync(folder, { recursive: true, force: true }))

storageContract('sqlite', () => SqliteStorage.open(newFile()))
