/**
 * The time limit per request stops the search itself: a tmserver or /v1/fuzzy request whose deadline comes while
 * its candidates are scored is answered 503 `TIMEOUT`, and the search stops within 16 candidates of that moment
 * (counted, not timed: the clock, `Date` alone, is faked and moved past the deadline when the 100th of 5,000
 * candidates is read); the next request is answered in full. Before the deadline reached the search, the limit
 * only answered the client while the search ran on to its end, holding the CPU (and, on SQLite, the event loop).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { startServeServer, type RunningServe } from '../../src/serve/server.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { countingStorage } from '../helpers/counting-storage.js'

const units = Array.from({ length: 5000 }, (_, i) => ({ source: `الجملة رقم ${i} في محضر الاجتماع`, target: `Sentence number ${i} of the record of the meeting` }))
const query = encodeURIComponent('Sentence number of the record of the meeting held today')
const timeLimitMs = 60_000
const storage = countingStorage()
let server: RunningServe

beforeAll(async () => {
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
  await tm.addAll(units)
  server = await startServeServer({ tm, port: 0, timeLimitMs })
})
afterAll(() => server.close())
afterEach(() => {
  vi.useRealTimers()
})

/** Sends `path` with the faked clock jumping past the time limit when the 100th candidate is read. */
async function withClockJump(path: string): Promise<{ status: number; body: any; touched: number }> {
  vi.useFakeTimers({ toFake: ['Date'] })
  const before = storage.touched()
  storage.arm(100, () => vi.setSystemTime(Date.now() + 2 * timeLimitMs))
  const response = await fetch(`${server.url}${path}`)
  return { status: response.status, body: await response.json(), touched: storage.touched() - before }
}

describe('startServeServer: the time limit stops the search', () => {
  it.each([
    [`/tmserver/en/ar/unit/${query}?min_similarity=1&max_candidates=5`],
    [`/v1/fuzzy?q=${query}&minScore=0.01&side=target`],
  ])('answers %s with 503 TIMEOUT and stops scoring within 16 candidates', async (path) => {
    const answer = await withClockJump(path)
    expect(answer.status).toBe(503)
    expect(answer.body.error.code).toBe('TIMEOUT')
    expect(answer.touched).toBeGreaterThanOrEqual(100)
    expect(answer.touched).toBeLessThanOrEqual(116)
  })

  it('answers the next request in full', async () => {
    const before = storage.touched()
    const response = await fetch(`${server.url}/tmserver/en/ar/unit/${query}?min_similarity=1&max_candidates=5`)
    expect(response.status).toBe(200)
    expect(await response.json()).toHaveLength(5)
    expect(storage.touched() - before).toBe(units.length)
  })
})
