/**
 * `POST /v1/import` is all-or-nothing on a database, however large the upload: a document of 20,000 units whose
 * 15,000th unit cannot be stored leaves the memory as it was, on SQLite and on PostgreSQL. "Cannot be stored" is a
 * real failure inside the database's write: a trigger the test installs refuses the insert of that one unit, so
 * the import fails after 14,999 units of the same upload went in (the memory writes bulk adds in batches of 10,000,
 * each its own transaction, so this catches an import that commits batch by batch). A document malformed at its
 * 15,000th unit is refused before anything is written (parsed whole first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import pg from 'pg'
import { toTmx } from '../../src/formats/tmx.js'
import { startServeServer } from '../../src/serve/server.js'
import { openStore } from '../../src/storage/open-store.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { tempFolder } from '../cli/harness.js'
import { havePostgres, startPostgres, type PostgresCluster } from '../helpers/postgres.js'

const count = 20_000
/** The unit the trigger refuses, and the one the malformed document breaks: the 15,000th. */
const refused = 'u14999'
const upload = toTmx(
  Array.from({ length: count }, (_, i) => ({ id: `u${i}`, source: `الجملة المرفوعة رقم ${i} من الملف`, target: `Uploaded sentence number ${i} of the file` })),
  { sourceLang: 'ar', targetLang: 'en' },
)
/** The same document with the 15,000th unit's target segment left unclosed. */
const malformed = upload.replace(`Uploaded sentence number 14999 of the file</seg>`, `Uploaded sentence number 14999 of the file`)

/** Serves `tm`, posts `body` to /v1/import; the status and error code, and the memory's size and first-unit check after. */
async function importInto(tm: TranslationMemory, body: string) {
  const server = await startServeServer({ tm, port: 0, writeToken: 'w', maxBodyBytes: 64 * 1024 * 1024, timeLimitMs: 600_000 })
  try {
    const response = await fetch(`${server.url}/v1/import`, { method: 'POST', headers: { authorization: 'Bearer w' }, body })
    const answer = (await response.json()) as { error?: { code: string } }
    return { status: response.status, code: answer.error?.code, size: await tm.size(), first: await tm.get('u0') }
  } finally {
    await server.close()
  }
}

/** Imports the whole upload into `tm`, whose trigger refuses the 15,000th unit: a server error, and only `before` stored. */
async function expectRefusedUpload(tm: TranslationMemory): Promise<void> {
  const result = await importInto(tm, upload)
  expect(result.status).toBeGreaterThanOrEqual(500)
  expect(result).toMatchObject({ size: 1, first: undefined })
}

const before = [{ id: 'kept', source: 'حقوق الإنسان للجميع', target: 'Human rights for all' }]

describe('POST /v1/import on SQLite', () => {
  it('leaves the memory unchanged when the 15,000th unit of 20,000 cannot be stored', async () => {
    const file = join(tempFolder('mizan-import-atomic-'), 'tm.db')
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await openStore(`sqlite:${file}`) })
    await tm.addAll(before)
    const db = new Database(file)
    db.exec(`CREATE TRIGGER refuse_one BEFORE INSERT ON mizan_units WHEN NEW.id = '${refused}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
    db.close()
    await expectRefusedUpload(tm)
    await tm.close()
  }, 300_000)

  it('leaves the memory unchanged when the 15,000th unit of 20,000 is malformed', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await openStore(`sqlite:${join(tempFolder('mizan-import-atomic-'), 'tm.db')}`) })
    await tm.addAll(before)
    expect(await importInto(tm, malformed)).toMatchObject({ status: 400, code: 'FORMAT_INVALID', size: 1, first: undefined })
    // The whole document, well formed, goes in as one write.
    expect(await importInto(tm, upload)).toMatchObject({ status: 200, size: count + 1, first: { id: 'u0' } })
    await tm.close()
  }, 300_000)
})

describe.runIf(havePostgres())('POST /v1/import on PostgreSQL', () => {
  let cluster: PostgresCluster
  beforeAll(async () => {
    cluster = await startPostgres()
  }, 120_000)
  afterAll(() => cluster?.stop())

  it('leaves the memory unchanged when the 15,000th unit of 20,000 cannot be stored', async () => {
    const url = cluster.createDatabase('import_atomic')
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await openStore(url) })
    await tm.addAll(before)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`)
    await client.query(`CREATE TRIGGER refuse_one BEFORE INSERT ON mizan_units FOR EACH ROW WHEN (NEW.id = '${refused}') EXECUTE FUNCTION refuse_one()`)
    await client.end()
    await expectRefusedUpload(tm)
    await tm.close()
  }, 300_000)

  it('leaves the memory unchanged when the 15,000th unit of 20,000 is malformed', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await openStore(cluster.createDatabase('import_malformed')) })
    await tm.addAll(before)
    expect(await importInto(tm, malformed)).toMatchObject({ status: 400, code: 'FORMAT_INVALID', size: 1, first: undefined })
    await tm.close()
  }, 300_000)
})
