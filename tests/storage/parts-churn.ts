/**
 * The writes both part-posting tests make (SQLite and PostgreSQL), and the posting keys they compare: every
 * posting a stored sentence should have, and every posting the blocks hold, as `token:len:pseq:count`.
 */
import { decodePostings } from '../../src/storage/sql/blocks.js'
import { tokenCounts } from '../../src/storage/sql/postings.js'
import { expect } from 'vitest'
import type { TmStorage } from '../../src/storage/types.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'

const first = 'انعقدت القمة في سمرقند.'
const second = 'وحضرها خمسة عشر رئيسا.'

/**
 * A batch that replaces one of its own units (ids repeat every 7), then batches and single writes that replace and
 * delete: j0 and j3..j6 are left, 3 source and 2 target sentences each.
 */
export async function churnParts(tm: TranslationMemory): Promise<void> {
  const joined = (index: number) => ({ id: `j${index % 7}`, source: `${first} ${second} ${index}.`, target: `Yes. No ${index}.`, parts: { source: [first.length + 1, first.length + second.length + 2], target: [5] } })
  await tm.addAll(Array.from({ length: 10 }, (_, index) => joined(index)))
  await tm.addAll(Array.from({ length: 5 }, (_, index) => joined(index + 20)))
  await tm.add({ id: 'j1', source: 'شكرا.', target: 'Thanks.' })
  await tm.delete('j2')
}

/** The postings the stored sentences should have. */
export function sentencePostings(rows: Iterable<{ pseq: number | string; side: number; len: number; tokens: string[] }>): string[] {
  const expected: string[] = []
  for (const row of rows) {
    for (const [hash, count] of tokenCounts(row.side === 0 ? 'source' : 'target', row.tokens)) expected.push(`${hash}:${row.len}:${row.pseq}:${count}`)
  }
  return expected
}

/** The postings the blocks hold. */
export function blockPostings(blocks: Iterable<{ token: number | string; len: number; seqs: Buffer }>): string[] {
  const stored: string[] = []
  for (const block of blocks) {
    const { seqs, counts } = decodePostings(block.seqs)
    seqs.forEach((seq, index) => stored.push(`${block.token}:${block.len}:${seq}:${counts[index]}`))
  }
  return stored
}

/**
 * Searches `storage` for a sentence no stored sentence holds (so the storage counts its words' lists at 0), adds a
 * unit holding it as its second sentence, and expects the search to find it then: a storage that remembers
 * posting counts must still read a list it last counted empty. Closes the memory.
 */
export async function findsSentenceAddedAfterCounting(storage: TmStorage): Promise<void> {
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
  const fresh = 'وصلت الوفود إلى سمرقند صباحا.'
  expect(await tm.fuzzy(fresh)).toEqual([])
  await tm.add({ id: 'later', source: `${first} ${fresh}`, target: 'Later.', parts: { source: [first.length + 1] } })
  expect((await tm.fuzzy(fresh)).map((match) => [match.unit.id, match.part?.index])).toEqual([['later', 1]])
  await tm.close()
}
