/**
 * The part-match contract (see parts-contract.ts) on SQLite, plus what only a file shows: a multi-sentence unit's
 * sentences are found again after reopening, and a re-key (an older matching-key version) rebuilds them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { SqliteStorage } from '../../src/storage/sqlite.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { partsContract } from './parts-contract.js'
import { blockPostings, churnParts, sentencePostings } from './parts-churn.js'

const folder = mkdtempSync(join(tmpdir(), 'mizan-sqlite-parts-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
let files = 0
const newFile = () => join(folder, `tm-${files++}.db`)

partsContract('sqlite', () => SqliteStorage.open(newFile()), 25)

describe('SqliteStorage parts', () => {
  const first = 'انعقدت القمة في سمرقند.'
  const second = 'وحضرها خمسة عشر رئيسا.'
  const unit = { id: 'bead', source: `${first} ${second}`, target: 'The summit in Samarkand was attended by fifteen presidents.', parts: { source: [first.length + 1] } }

  it('finds a sentence of a 2-1 bead after reopening the file', async () => {
    const path = newFile()
    const writer = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await SqliteStorage.open(path) })
    await writer.add(unit)
    await writer.close()
    const reader = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await SqliteStorage.open(path, { readonly: true }) })
    expect((await reader.lookup(second)).map((match) => match.part?.index)).toEqual([1])
    expect((await reader.fuzzy('وحضرها خمسة عشر رئيسا اليوم.')).map((match) => match.part?.index)).toEqual([1])
    await reader.close()
  })

  it('keeps the part postings exactly those of the stored sentences through batches, replaces and deletes', async () => {
    const path = newFile()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await SqliteStorage.open(path) })
    await churnParts(tm)
    await tm.close()
    const raw = new Database(path, { readonly: true })
    // A sentence repeated across units is one group (sqlite-parts.ts): the blocks hold gids.
    const rows = raw.prepare('SELECT gid AS pseq, side, len, tokens FROM mizan_part_groups').all() as Array<{ pseq: number; side: number; len: number; tokens: string }>
    const expected = sentencePostings(rows.map((row) => ({ ...row, tokens: row.tokens.split(' ') })))
    const stored = blockPostings(raw.prepare('SELECT token, len, seqs FROM mizan_part_blocks').all() as Array<{ token: number; len: number; seqs: Buffer }>)
    // j0 and j3..j6 are left, 3 source and 2 target sentences each.
    expect(raw.prepare('SELECT count(*) FROM mizan_parts').pluck().get()).toBe(5 * 5)
    raw.close()
    expect(stored.sort()).toEqual(expected.sort())
  })

  it('rebuilds the sentences of every unit when an older matching-key version is re-keyed', async () => {
    const path = newFile()
    const writer = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await SqliteStorage.open(path) })
    await writer.add(unit)
    await writer.close()
    // An older memory: its keys recorded at version 0, and its part rows and postings lost.
    const raw = new Database(path)
    raw.exec(`UPDATE mizan_meta SET value = '0' WHERE key = 'matchingKeyVersion'; DELETE FROM mizan_parts; DELETE FROM mizan_part_blocks`)
    raw.close()
    const messages: string[] = []
    const reopened = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await SqliteStorage.open(path), logger: (_level, message) => messages.push(message) })
    expect((await reopened.lookup(second)).map((match) => match.part?.index)).toEqual([1])
    expect((await reopened.fuzzy('وحضرها خمسة عشر رئيسا اليوم.')).map((match) => match.part?.index)).toEqual([1])
    expect(messages.join('\n')).toMatch(/re-keyed 1 units/)
    await reopened.close()
  })
})
