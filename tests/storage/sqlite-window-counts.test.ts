/**
 * Part search on SQLite orders its posting lists by remembered counts (sqlite-window-counts.ts), as unit search
 * does: counting a common token's part list afresh in every search read as many blocks as the list itself. The
 * work is counted through the driver's statement trace (`verbose`), never timed. And one read transaction
 * answers both searches of a fuzzy query with parts (`fuzzyUnitAndPartCandidates`).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { SqliteParts } from '../../src/storage/sqlite-parts.js'
import { SqliteStorage } from '../../src/storage/sqlite.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { findsSentenceAddedAfterCounting } from './parts-churn.js'

const folder = mkdtempSync(join(tmpdir(), 'mizan-sqlite-window-counts-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
let files = 0

const first = 'انعقدت القمة في سمرقند.'
const second = 'وحضرها خمسة عشر رئيسا.'
const query = 'وحضرها خمسة عشر رئيسا اليوم.'

/** A memory file of `count` two-sentence units (each sentence kept apart with its boundary), closed. */
async function partsFile(count: number): Promise<string> {
  const path = join(folder, `tm-${files++}.db`)
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await SqliteStorage.open(path) })
  await tm.addAll(Array.from({ length: count }, (_, index) => ({ id: `u${index}`, source: `${first} ${second}`, target: `Unit ${index}.`, parts: { source: [first.length + 1] } })))
  await tm.close()
  return path
}

/** The part index over a raw connection, and the statements it ran on the part blocks that are not block reads. */
function tracedParts(path: string): { parts: SqliteParts; counting: () => number; db: Database.Database } {
  let counting = 0
  const db = new Database(path, { verbose: (sql) => (counting += /FROM mizan_part_blocks/.test(String(sql)) && !/SELECT len, seqs FROM/.test(String(sql)) ? 1 : 0) })
  return { parts: new SqliteParts(db), counting: () => counting, db }
}

describe('SqliteParts.fuzzyCandidates', () => {
  it('counts each posting list once, not once per search', async () => {
    const { parts, counting, db } = tracedParts(await partsFile(3))
    const tokens = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' }).keysOf({ source: query, target: '' }).source.tokens
    const once = parts.fuzzyCandidates('source', tokens, 0.7)
    const afterOne = counting()
    for (let search = 0; search < 9; search++) expect(parts.fuzzyCandidates('source', tokens, 0.7)).toHaveLength(once.length)
    db.close()
    expect(once.map((candidate) => candidate.index)).toEqual([1, 1, 1])
    expect(afterOne).toBeGreaterThan(0)
    expect(counting()).toBe(afterOne)
  })

  it('still finds a sentence added after its tokens were counted', async () => {
    await findsSentenceAddedAfterCounting(await SqliteStorage.open(await partsFile(1)))
  })
})

describe('SqliteStorage.fuzzyUnitAndPartCandidates', () => {
  it('answers in one read what the unit and the part searches answer apart', async () => {
    const storage = await SqliteStorage.open(join(folder, `tm-${files++}.db`))
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    await tm.addAll(
      Array.from({ length: 120 }, (_, index) =>
        index % 3 === 0
          ? { id: `u${index}`, source: `${second.slice(0, -1)} ${index % 7}.`, target: `Unit ${index}.` }
          : { id: `u${index}`, source: `${first} ${second.slice(0, -1)} ${index % 5}.`, target: `First ${index}. Then ${index % 11}.`, parts: { source: [first.length + 1], target: [`First ${index}.`.length + 1] } },
      ),
    )
    for (const [side, text] of [['source', query], ['source', `${second.slice(0, -1)} 3.`], ['target', 'Then 7.'], ['target', 'Nothing like it at all.']] as const) {
      const candidateQuery = { side, tokens: tm.keysOf({ source: text, target: text })[side].tokens, minScore: 0.6 }
      const both = await storage.fuzzyUnitAndPartCandidates(candidateQuery)
      expect(both.units).toEqual(await storage.fuzzyCandidates(candidateQuery))
      expect(both.parts).toEqual(await storage.fuzzyPartCandidates(candidateQuery))
    }
    // The queries above find units and sentences on both sides (so the comparisons are not of empty answers).
    const found = await storage.fuzzyUnitAndPartCandidates({ side: 'target', tokens: tm.keysOf({ source: '', target: 'Then 7.' }).target.tokens, minScore: 0.6 })
    expect(found.parts.length).toBeGreaterThan(0)
    expect((await storage.fuzzyUnitAndPartCandidates({ side: 'source', tokens: tm.keysOf({ source: `${second.slice(0, -1)} 3.`, target: '' }).source.tokens, minScore: 0.6 })).units.length).toBeGreaterThan(0)
    expect(await storage.fuzzyUnitAndPartCandidates({ side: 'source', tokens: [], minScore: 0.6 })).toEqual({ units: [], parts: [] })
    await tm.close()
  })
})
