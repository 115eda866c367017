/**
 * A fuzzy search with parts on SQLite orders its part lists by the units' counts, which the unit search of the
 * same query has just read (sqlite-parts.ts): no part list is counted, and the candidates are those the part
 * blocks' own counts give. The work is counted through the driver's statement trace (`verbose`), never timed.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { SqliteParts } from '../../src/storage/sqlite-parts.js'
import { SqliteStorage } from '../../src/storage/sqlite.js'
import { WindowCounts } from '../../src/storage/sqlite-window-counts.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'

const folder = mkdtempSync(join(tmpdir(), 'mizan-sqlite-part-groups-counts-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const first = 'انعقدت القمة في سمرقند.'
const second = 'وحضرها خمسة عشر رئيسا.'
const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })

/** A closed memory of 40 units: two sentences (the second shared, with a number) or one, and its path. */
let files = 0
async function memoryFile(): Promise<string> {
  const path = join(folder, `tm-${files++}.db`)
  const writer = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await SqliteStorage.open(path) })
  await writer.addAll(
    Array.from({ length: 40 }, (_, index) =>
      index % 4 === 0
        ? { id: `u${index}`, source: `${second.slice(0, -1)} ${index % 3}.`, target: `Unit ${index}.` }
        : { id: `u${index}`, source: `${first} ${second.slice(0, -1)} ${index % 3}.`, target: `Unit ${index}.`, parts: { source: [first.length + 1] } },
    ),
  )
  await writer.close()
  return path
}

describe('SQLite part search with the units counts', () => {
  it('counts no part list, and finds what the part blocks own counts find', async () => {
    const path = await memoryFile()
    let partCounting = 0
    const db = new Database(path, { verbose: (sql) => (partCounting += /FROM mizan_part_blocks/.test(String(sql)) && !/SELECT len, seqs FROM/.test(String(sql)) ? 1 : 0) })
    const parts = new SqliteParts(db)
    const unitCounts = new WindowCounts(db, 'mizan_posting_blocks')
    for (const text of ['وحضرها خمسة عشر رئيسا 1.', 'وحضرها خمسة عشر رئيسا اليوم.', 'انعقدت القمة في سمرقند.']) {
      const tokens = tm.keysOf({ source: text, target: '' }).source.tokens
      const before = partCounting
      const estimated = parts.fuzzyCandidates('source', tokens, 0.6, undefined, unitCounts)
      expect(partCounting).toBe(before)
      expect(estimated.length).toBeGreaterThan(0)
      const key = (candidate: { seq: number; index: number }) => `${candidate.seq}:${candidate.index}`
      expect(estimated.map(key).sort()).toEqual(parts.fuzzyCandidates('source', tokens, 0.6).map(key).sort())
    }
    db.close()
  })

  it('is what fuzzyUnitAndPartCandidates gives the part search', async () => {
    const storage = await SqliteStorage.open(await memoryFile())
    const spy = vi.spyOn(SqliteParts.prototype, 'fuzzyCandidates')
    try {
      await storage.fuzzyUnitAndPartCandidates({ side: 'source', tokens: tm.keysOf({ source: second, target: '' }).source.tokens, minScore: 0.6 })
      expect(spy).toHaveBeenCalledTimes(1)
      expect(spy.mock.calls[0]![4]).toBeInstanceOf(WindowCounts)
    } finally {
      spy.mockRestore()
      await storage.close()
    }
  })
})
