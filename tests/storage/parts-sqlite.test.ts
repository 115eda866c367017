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
import { decodePostings } from '../../src/storage/sql/blocks.js'
import { tokenCounts } from '../../src/storage/sql/postings.js'

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
    const joined = (index: number) => ({ id: `j${index % 7}`, source: `${first} ${second} ${index}.`, target: `Yes. No ${index}.`, parts: { source: [first.length + 1, first.length + second.length + 2], target: [5] } })
    // A batch that replaces one of its own units, then batches and single writes that replace and delete.
    await tm.addAll(Array.from({ length: 10 }, (_, index) => joined(index)))
    await tm.addAll(Array.from({ length: 5 }, (_, index) => joined(index + 20)))
    await tm.add({ id: 'j1', source: 'شكرا.', target: 'Thanks.' })
    await tm.delete('j2')
    await tm.close()
    const raw = new Database(path, { readonly: true })
    const expected: string[] = []
    for (const row of raw.prepare('SELECT pseq, side, len, tokens FROM mizan_parts').all() as Array<{ pseq: number; side: number; len: number; tokens: string }>) {
      for (const [hash, count] of tokenCounts(row.side === 0 ? 'source' : 'target', row.tokens.split(' '))) expected.push(`${hash}:${row.len}:${row.pseq}:${count}`)
    }
    const stored: string[] = []
    for (const block of raw.prepare('SELECT token, len, seqs FROM mizan_part_blocks').all() as Array<{ token: number; len: number; seqs: Buffer }>) {
      const { seqs, counts } = decodePostings(block.seqs)
      seqs.forEach((seq, index) => stored.push(`${block.token}:${block.len}:${seq}:${counts[index]}`))
    }
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
