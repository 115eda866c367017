/**
 * SQLite part groups (issue #14, schema 5): a sentence repeated across units is one group row and one set of
 * postings, found in every unit holding it and forgotten with the last; and a memory written at schema 4 (a row
 * and postings per sentence) is converted on open, with the same answers as a memory built afresh.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { blockCapacity, encodePostings } from '../../src/storage/sql/blocks.js'
import { tokenCounts } from '../../src/storage/sql/postings.js'
import { sqliteMigrations } from '../../src/storage/sql/schema.js'
import { MemoryStorage } from '../../src/storage/memory.js'
import { SqliteStorage } from '../../src/storage/sqlite.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import type { NewTranslationUnit } from '../../src/types.js'
import { blockPostings, sentencePostings } from './parts-churn.js'

const folder = mkdtempSync(join(tmpdir(), 'mizan-sqlite-part-groups-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
let files = 0
const newFile = () => join(folder, `tm-${files++}.db`)

const shared = 'وحضرها خمسة عشر رئيسا.'
const sharedTokens = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' }).keysOf({ source: shared, target: '' }).source.tokens.join(' ')

/** Unit `index`: its own first sentence, then the shared one (source), and a one-sentence target. */
function unitWithShared(index: number): NewTranslationUnit {
  const first = `انعقدت القمة رقم ${index}.`
  return { id: `u${index}`, source: `${first} ${shared}`, target: `Summit ${index} was attended by fifteen presidents.`, parts: { source: [first.length + 1] } }
}

/** Every posting of the part blocks, as `token:len:gid:count`, and the postings the group rows should have. */
function partIndex(path: string): { stored: string[]; expected: string[]; groups: number } {
  const raw = new Database(path, { readonly: true })
  try {
    const groups = raw.prepare('SELECT gid AS pseq, side, len, tokens FROM mizan_part_groups').all() as Array<{ pseq: number; side: number; len: number; tokens: string }>
    const stored = blockPostings(raw.prepare('SELECT token, len, seqs FROM mizan_part_blocks').all() as Array<{ token: number; len: number; seqs: Buffer }>)
    const expected = sentencePostings(groups.map((group) => ({ ...group, tokens: group.tokens.split(' ') })))
    return { stored: stored.sort(), expected: expected.sort(), groups: groups.length }
  } finally {
    raw.close()
  }
}

/** The shared sentence's group row (its gid and live count), if any. */
function sharedGroup(path: string): { gid: number; refs: number } | undefined {
  const raw = new Database(path, { readonly: true })
  try {
    return raw.prepare('SELECT gid, refs FROM mizan_part_groups WHERE side = 0 AND tokens = ?').get(sharedTokens) as { gid: number; refs: number } | undefined
  } finally {
    raw.close()
  }
}

describe('SqliteStorage part groups', () => {
  it('indexes a sentence 50 units share once, finds it in each, and forgets it with the last unit', async () => {
    const path = newFile()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await SqliteStorage.open(path) })
    await tm.addAll(Array.from({ length: 50 }, (_, index) => unitWithShared(index)))
    const raw = new Database(path, { readonly: true })
    expect(raw.prepare('SELECT count(*) FROM mizan_part_groups WHERE side = 0 AND tokens = ?').pluck().get(sharedTokens)).toBe(1)
    expect(raw.prepare('SELECT count(*) FROM mizan_parts').pluck().get()).toBe(100)
    raw.close()
    const group = sharedGroup(path)!
    expect(group.refs).toBe(50)
    const index = partIndex(path)
    // 50 own sentences and the shared one; the shared one's postings are those of one sentence, not 50.
    expect(index.groups).toBe(51)
    expect(index.stored).toEqual(index.expected)
    expect(index.stored.filter((posting) => posting.split(':')[2] === String(group.gid))).toHaveLength(tokenCounts('source', sharedTokens.split(' ')).size)

    const ids = Array.from({ length: 50 }, (_, index) => `u${index}`).sort()
    const fuzzy = await tm.fuzzy(shared, { limit: Number.POSITIVE_INFINITY, side: 'source' })
    expect(fuzzy.map((match) => match.unit.id).sort()).toEqual(ids)
    expect(new Set(fuzzy.map((match) => match.part?.index))).toEqual(new Set([1]))
    const edited = await tm.fuzzy('وحضرها خمسة عشر رئيسا اليوم.', { limit: Number.POSITIVE_INFINITY, side: 'source' })
    expect(edited.map((match) => match.unit.id).sort()).toEqual(ids)
    expect((await tm.lookup(shared, { side: 'source' })).map((match) => match.unit.id).sort()).toEqual(ids)

    for (let unit = 0; unit < 49; unit++) await tm.delete(`u${unit}`)
    expect(sharedGroup(path)).toEqual({ gid: group.gid, refs: 1 })
    expect((await tm.fuzzy(shared, { limit: Number.POSITIVE_INFINITY, side: 'source' })).map((match) => [match.unit.id, match.part?.index])).toEqual([['u49', 1]])

    await tm.delete('u49')
    expect(sharedGroup(path)).toBeUndefined()
    const emptied = partIndex(path)
    expect(emptied).toEqual({ stored: [], expected: [], groups: 0 })
    expect(await tm.fuzzy(shared, { side: 'source' })).toEqual([])
    expect(await tm.lookup(shared, { side: 'source' })).toEqual([])
    await tm.close()
  })

  it('converts a memory written at schema 4 (a row and postings per sentence) on open, answering as a fresh memory', async () => {
    const units: NewTranslationUnit[] = [
      ...Array.from({ length: 6 }, (_, index) => unitWithShared(index)),
      { id: 'two', source: `${shared} شكرا.`, target: 'Yes. Thank you.', parts: { source: [shared.length + 1], target: [5] } },
      { id: 'plain', source: 'تحلية المياه', target: 'Water desalination.' },
    ]
    const path = newFile()
    await writeSchemaFour(path, units)
    const before = new Database(path, { readonly: true })
    expect(before.prepare('SELECT max(version) FROM mizan_migrations').pluck().get()).toBe(4)
    expect(before.prepare('SELECT count(*) FROM mizan_parts').pluck().get()).toBe(6 * 2 + 2 + 2)
    before.close()

    const migrated = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await SqliteStorage.open(path) })
    const raw = new Database(path, { readonly: true })
    expect(raw.prepare('SELECT max(version) FROM mizan_migrations').pluck().get()).toBe(5)
    expect(raw.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'mizan_parts_v4'`).pluck().get()).toBe(0)
    expect(raw.prepare('SELECT count(*) FROM mizan_parts').pluck().get()).toBe(16)
    raw.close()
    // The shared sentence stands in seven units: one group. The other sentences are distinct.
    expect(sharedGroup(path)?.refs).toBe(7)
    const index = partIndex(path)
    expect(index.groups).toBe(16 - 6)
    expect(index.stored).toEqual(index.expected)

    const fresh = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: new MemoryStorage() })
    await fresh.addAll(units)
    const answers = async (tm: TranslationMemory) => {
      const found: unknown[] = []
      for (const [query, side] of [[shared, 'source'], ['وحضرها خمسة عشر رئيسا اليوم.', 'source'], ['انعقدت القمة رقم 3.', 'source'], ['Thank you.', 'target'], ['Yes.', 'target']] as const) {
        const fuzzy = await tm.fuzzy(query, { limit: Number.POSITIVE_INFINITY, side, minScore: 0.5 })
        found.push(fuzzy.map((match) => `${match.unit.id}:${match.part?.index}:${match.score.toFixed(6)}`).sort())
        found.push((await tm.lookup(query, { side })).map((match) => `${match.unit.id}:${match.part?.index}`).sort())
      }
      return found
    }
    const want = await answers(fresh)
    expect(want.flat().length).toBeGreaterThan(20)
    expect(await answers(migrated)).toEqual(want)

    // The converted memory keeps counting: one more unit with the shared sentence joins its group.
    await migrated.add(unitWithShared(99))
    expect(sharedGroup(path)?.refs).toBe(8)
    expect(partIndex(path).groups).toBe(16 - 6 + 1)
    await migrated.close()
  })
})

/**
 * Writes `units` into a new file as mizan wrote memories at schema 4: a memory made by this build, whose part
 * tables are then put back as schema 4 had them (its `mizan_parts` statements, a row per sentence numbered by
 * pseq in unit order, and part posting blocks over pseqs), with migration 5 unrecorded.
 */
async function writeSchemaFour(path: string, units: readonly NewTranslationUnit[]): Promise<void> {
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await SqliteStorage.open(path) })
  await tm.addAll(units)
  await tm.close()
  const raw = new Database(path)
  const sentences = raw
    .prepare('SELECT p.seq, p.side, p.idx, p.key, p.key_hash, g.len, g.tokens FROM mizan_parts p JOIN mizan_part_groups g ON g.gid = p.gid ORDER BY p.seq, p.side, p.idx')
    .all() as Array<{ seq: number; side: number; idx: number; key: string; key_hash: number; len: number; tokens: string }>
  raw.exec('DROP TABLE mizan_parts; DROP TABLE mizan_part_groups; DELETE FROM mizan_part_blocks; DELETE FROM mizan_migrations WHERE version >= 5')
  for (const statement of sqliteMigrations.find((migration) => migration.version === 4)!.statements) {
    if (/ON mizan_parts |TABLE mizan_parts /.test(statement)) raw.exec(statement)
  }
  const insert = raw.prepare('INSERT INTO mizan_parts (seq, side, idx, key, key_hash, len, tokens) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const lists = new Map<string, { token: number; len: number; seqs: number[]; counts: number[] }>()
  for (const sentence of sentences) {
    const pseq = Number(insert.run(sentence.seq, sentence.side, sentence.idx, sentence.key, sentence.key_hash, sentence.len, sentence.tokens).lastInsertRowid)
    for (const [token, count] of tokenCounts(sentence.side === 0 ? 'source' : 'target', sentence.tokens.split(' '))) {
      const list = lists.get(`${token}:${sentence.len}`) ?? { token, len: sentence.len, seqs: [], counts: [] }
      list.seqs.push(pseq)
      list.counts.push(count)
      lists.set(`${token}:${sentence.len}`, list)
    }
  }
  const block = raw.prepare('INSERT INTO mizan_part_blocks (token, len, first, last, n, seqs) VALUES (?, ?, ?, ?, ?, ?)')
  for (const { token, len, seqs, counts } of lists.values()) {
    for (let at = 0; at < seqs.length; at += blockCapacity) {
      const cut = seqs.slice(at, at + blockCapacity)
      block.run(token, len, cut[0], cut[cut.length - 1], cut.length, encodePostings(cut, counts.slice(at, at + blockCapacity), 0))
    }
  }
  raw.close()
}
