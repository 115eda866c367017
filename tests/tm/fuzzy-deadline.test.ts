/**
 * `fuzzy({ deadline })` stops the search when the deadline comes, counted in work, not time: the clock (`Date`,
 * faked) is moved past the deadline when the 100th candidate is read, and the search must give up within the
 * next look at the clock (16 candidates), throwing `TIMEOUT`, instead of scoring all 5,000. The SQLite backend
 * looks at the deadline too, while it reads posting lists and candidate rows, and its `TIMEOUT` is not wrapped
 * as a storage failure.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { isTmError } from '../../src/errors.js'
import { join } from 'node:path'
import { openStore } from '../../src/storage/open-store.js'
import { tempFolder } from '../cli/harness.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { countingStorage } from '../helpers/counting-storage.js'

const units = Array.from({ length: 5000 }, (_, i) => ({ source: `الجملة رقم ${i} في محضر الاجتماع`, target: `Sentence number ${i} of the record of the meeting` }))
const query = 'Sentence number of the record of the meeting held today'

afterEach(() => {
  vi.useRealTimers()
})

describe('TranslationMemory.fuzzy with a deadline', () => {
  it('scores every candidate when the deadline does not come', async () => {
    const storage = countingStorage()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    await tm.addAll(units)
    const matches = await tm.fuzzy(query, { side: 'target', minScore: 0.01, deadline: Date.now() + 3_600_000 })
    expect(matches).toHaveLength(5)
    expect(storage.touched()).toBe(units.length)
  })

  it('stops within 16 candidates of the deadline and throws TIMEOUT', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const deadline = Date.now() + 1000
    const storage = countingStorage()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    await tm.addAll(units)
    storage.arm(100, () => vi.setSystemTime(deadline + 1))
    const error = await tm.fuzzy(query, { side: 'target', minScore: 0.01, deadline }).catch((caught: unknown) => caught)
    expect(isTmError(error) && error.code).toBe('TIMEOUT')
    expect((error as Error).message).toMatch(/passed its deadline after scoring \d+ of 5000 candidates/)
    expect(storage.touched()).toBeGreaterThanOrEqual(100)
    expect(storage.touched()).toBeLessThanOrEqual(100 + 16)
  })

  it('reads no candidates when the deadline has passed already', async () => {
    const storage = countingStorage()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    await tm.addAll(units)
    await expect(tm.fuzzy(query, { side: 'target', minScore: 0.01, deadline: Date.now() - 1 })).rejects.toMatchObject({ code: 'TIMEOUT' })
    expect(storage.touched()).toBe(0)
  })

  it('refuses a deadline that is not a finite number', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await expect(tm.fuzzy(query, { deadline: Number.NaN })).rejects.toMatchObject({ code: 'INVALID_OPTION' })
  })
})

describe('SqliteStorage.fuzzyCandidates with a deadline', () => {
  it('reads every candidate without one, and throws TIMEOUT (not STORAGE_FAILED) with one that has passed', async () => {
    const storage = await openStore(`sqlite:${join(tempFolder('mizan-deadline-'), 'tm.db')}`)
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    await tm.addAll(units)
    const tokens = ['sentence', 'number', 'of', 'the', 'record', 'of', 'the', 'meeting', 'held', 'today']
    expect(await storage.fuzzyCandidates({ side: 'target', tokens, minScore: 0.01 })).toHaveLength(units.length)
    const error = await storage.fuzzyCandidates({ side: 'target', tokens, minScore: 0.01, deadline: Date.now() - 1 }).catch((caught: unknown) => caught)
    expect(isTmError(error) && error.code).toBe('TIMEOUT')
    await tm.close()
  })

  it('stops the sentence search too: part candidates and both at once throw TIMEOUT past the deadline', async () => {
    const storage = await openStore(`sqlite:${join(tempFolder('mizan-deadline-'), 'tm.db')}`)
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    // Units of two sentences a side, with their boundaries: every sentence is a part entry.
    await tm.addAll(units.slice(0, 500).map((unit, i) => ({ source: `${unit.source}. وانتهى ${i}.`, target: `${unit.target}. It ended ${i}.`, parts: { source: [unit.source.length + 2], target: [unit.target.length + 2] } })))
    const tokens = ['sentence', 'number', 'of', 'the', 'record', 'of', 'the', 'meeting', 'held', 'today']
    const query = { side: 'target', tokens, minScore: 0.01 } as const
    // The first sentence of each unit shares the query's words; the second shares none.
    expect(await storage.fuzzyPartCandidates!(query)).toHaveLength(500)
    const late = { ...query, deadline: Date.now() - 1 }
    for (const search of [() => storage.fuzzyPartCandidates!(late), () => storage.fuzzyUnitAndPartCandidates!(late)]) {
      const error = await search().catch((caught: unknown) => caught)
      expect(isTmError(error) && error.code).toBe('TIMEOUT')
    }
    await tm.close()
  })
})
