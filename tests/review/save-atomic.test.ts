/**
 * A save of the review is atomic as a whole on SQLite and PostgreSQL: a merge deletes two units and adds one, and
 * a failure injected by the database itself in the middle of that save (a trigger that aborts the delete of the
 * second unit, or the insert of the merged one) leaves the memory exactly as before the save. The next save, once
 * the failure is gone, writes the merge. PostgreSQL runs where it is installed (tests/helpers/postgres.ts).
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alignSentences } from '../../src/align/align-sentences.js'
import { isTmError } from '../../src/errors.js'
import { applyEdit, startSession, type ReviewSession } from '../../src/review/history.js'
import { createReviewDocument, isOmission } from '../../src/review/model.js'
import { ReviewWriter } from '../../src/review/save-review.js'
import { segmentSentences } from '../../src/segment/index.js'
import { openStore } from '../../src/storage/open-store.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import type { TranslationUnit } from '../../src/types.js'
import { havePostgres, startPostgres, type PostgresCluster } from '../helpers/postgres.js'

const corpus = new URL('../../corpus/xi-rahmon-samarkand/', import.meta.url)
const source = segmentSentences(readFileSync(new URL('ar.txt', corpus), 'utf8'), 'ar').map((s) => s.text)
const target = segmentSentences(readFileSync(new URL('en.txt', corpus), 'utf8'), 'en').map((s) => s.text)
const beads = alignSentences(source, target, { sourceLang: 'ar', targetLang: 'en' }).beads

/** A backend under test: its store spec, and how to run SQL on it from another connection (to add a trigger). */
interface Backend {
  spec: string
  sql(statement: string): Promise<void>
  /** The statement that drops the test's trigger. */
  drop: string
}

/** Every unit of the memory, by id, as JSON (so "as before" compares every field). */
async function snapshot(tm: TranslationMemory): Promise<Map<string, string>> {
  const units = new Map<string, string>()
  for await (const unit of tm.units()) units.set(unit.id, JSON.stringify(unit))
  return units
}

function unitOf(units: Map<string, string>, sentences: readonly number[]): TranslationUnit {
  const found = [...units.values()].map((text) => JSON.parse(text) as TranslationUnit).find((unit) => JSON.stringify(unit.origin?.sourceSentences) === JSON.stringify(sentences))
  if (found === undefined) throw new Error(`no unit for source sentences ${sentences.join(',')}`)
  return found
}

/** Saves the aligned corpus, then merges two neighbouring beads with a failure injected into that save. */
async function failedMerge(backend: Backend, failure: (merged: { first: TranslationUnit; second: TranslationUnit }) => string): Promise<void> {
  const store = await openStore(backend.spec)
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: store })
  try {
    let session: ReviewSession = startSession(createReviewDocument(source, target, beads))
    const writer = await ReviewWriter.open({ tm, save: async () => undefined }, { document: 'samarkand-ar.txt' })
    await writer.write(session.document)
    const before = await snapshot(tm)
    // Two neighbouring beads with both sides, past the first few: each is one unit now, their merge will be one.
    const at = session.document.beads.findIndex((bead, index) => index >= 3 && !isOmission(bead) && !isOmission(session.document.beads[index + 1]!))
    const first = unitOf(before, session.document.beads[at]!.source)
    const second = unitOf(before, session.document.beads[at + 1]!.source)
    session = applyEdit(session, { kind: 'merge', bead: at, direction: 'next' })

    await backend.sql(failure({ first, second }))
    const error = await writer.write(session.document).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect(isTmError(error) && error.code).toBe('STORAGE_FAILED')
    expect(String((error as Error).message)).toMatch(/injected failure/)
    // Nothing of the save is in the memory: both units are there as they were, and no merged unit.
    expect(await snapshot(tm)).toEqual(before)

    await backend.sql(backend.drop)
    await writer.write(session.document)
    const after = await snapshot(tm)
    expect(after.has(first.id) || after.has(second.id)).toBe(false)
    expect(unitOf(after, [...first.origin!.sourceSentences!, ...second.origin!.sourceSentences!]).target).toBe(`${first.target} ${second.target}`)
    expect(after.size).toBe(before.size - 1)
  } finally {
    await tm.close()
  }
}

describe('ReviewWriter on SQLite', () => {
  const backend = (): Backend => {
    const path = join(mkdtempSync(join(tmpdir(), 'mizan-save-atomic-')), 'tm.db')
    return {
      spec: `sqlite:${path}`,
      drop: 'DROP TRIGGER mizan_test_fail',
      sql: async (statement) => {
        const { default: Database } = await import('better-sqlite3')
        const db = new Database(path)
        try {
          db.exec(statement)
        } finally {
          db.close()
        }
      },
    }
  }

  it('leaves the memory as before when the delete of the second merged unit fails', async () => {
    await failedMerge(backend(), ({ second }) => `CREATE TRIGGER mizan_test_fail BEFORE DELETE ON mizan_units WHEN OLD.id = '${second.id}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
  })

  it('leaves the memory as before when the insert of the merged unit fails (after the deletes)', async () => {
    await failedMerge(backend(), () => `CREATE TRIGGER mizan_test_fail BEFORE INSERT ON mizan_units BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
  })
})

describe.runIf(havePostgres())('ReviewWriter on PostgreSQL', () => {
  let cluster: PostgresCluster
  beforeAll(async () => {
    cluster = await startPostgres()
  }, 60_000)
  afterAll(() => cluster?.stop())

  let databases = 0
  const backend = (): Backend => {
    const spec = cluster.createDatabase(`save_atomic_${++databases}`)
    return {
      spec,
      drop: 'DROP TRIGGER mizan_test_fail ON mizan_units',
      sql: async (statement) => {
        const { default: pg } = await import('pg')
        const client = new pg.Client({ connectionString: spec })
        await client.connect()
        try {
          await client.query(statement)
        } finally {
          await client.end()
        }
      },
    }
  }
  const raise = `CREATE OR REPLACE FUNCTION mizan_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;`

  it('leaves the memory as before when the delete of the second merged unit fails', async () => {
    await failedMerge(backend(), ({ second }) => `${raise} CREATE TRIGGER mizan_test_fail BEFORE DELETE ON mizan_units FOR EACH ROW WHEN (OLD.id = '${second.id}') EXECUTE FUNCTION mizan_test_fail()`)
  })

  it('leaves the memory as before when the insert of the merged unit fails (after the deletes)', async () => {
    await failedMerge(backend(), () => `${raise} CREATE TRIGGER mizan_test_fail BEFORE INSERT ON mizan_units FOR EACH ROW EXECUTE FUNCTION mizan_test_fail()`)
  })
})
