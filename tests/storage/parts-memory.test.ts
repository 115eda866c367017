/** The part-match contract (see parts-contract.ts) on the in-process memory. */
import { describe, expect, it } from 'vitest'
import { MemoryStorage } from '../../src/storage/memory.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { partsContract } from './parts-contract.js'

partsContract('memory', async () => new MemoryStorage(), 60)

describe('the in-process memory with units and sentences in one index', () => {
  const joined = (index: number) => {
    const first = `الجملة الأولى رقم ${index % 89} من ${index % 7}.`
    const second = `وهذه الثانية ${index % 53} في ${index % 11}.`
    return { id: `u${index}`, source: `${first} ${second}`, target: `Sentence ${index % 89}. Then ${index % 53}.`, parts: { source: [first.length + 1], target: [`Sentence ${index % 89}.`.length + 1] } }
  }
  const queries = ['الجملة الأولى رقم 5 من 5.', 'وهذه الثانية 7 في 7.', 'الجملة الأولى رقم 5 من 5. وهذه الثانية 5 في 5.', 'Then 12.', 'Sentence 3. Then 3.']
  const answers = async (tm: TranslationMemory) => {
    const found: unknown[] = []
    for (const query of queries) {
      const matches = await tm.fuzzy(query, { minScore: 0.6, limit: Number.POSITIVE_INFINITY })
      found.push(matches.map((match) => [match.unit.id, match.score, match.part?.index]))
    }
    return found
  }

  it('answers in one walk what the unit and the part searches answer apart', async () => {
    const storage = new MemoryStorage()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    await tm.addAll(Array.from({ length: 300 }, (_, index) => (index % 3 === 0 ? { id: `u${index}`, source: `الجملة الأولى رقم ${index % 89} من ${index % 7}.`, target: `Sentence ${index % 89}.` } : joined(index))))
    for (const query of queries) {
      const side = /[a-z]/i.test(query) ? 'target' : 'source'
      const candidateQuery = { side, tokens: tm.keysOf({ source: query, target: query })[side].tokens, minScore: 0.6 } as const
      const both = await storage.fuzzyUnitAndPartCandidates(candidateQuery)
      expect(both.units.length + both.parts.length).toBeGreaterThan(0)
      expect(both.units).toEqual(await storage.fuzzyCandidates(candidateQuery))
      expect(both.parts).toEqual(await storage.fuzzyPartCandidates(candidateQuery))
    }
  })

  it('answers after compaction (more dead slots than live ones) as a memory that never held the deleted units', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    const units = Array.from({ length: 9000 }, (_, index) => joined(index))
    await tm.addAll(units)
    // Replacing a unit with other text leaves its unit and sentence slots dead; compaction starts past 4,096 of them.
    for (let index = 0; index < 9000; index += 2) await tm.delete(`u${index}`)
    for (let index = 1; index < 9000; index += 4) await tm.add({ ...joined(index + 1), id: `u${index}` })
    const fresh = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    for await (const unit of tm.units()) await fresh.add(unit)
    expect(await tm.size()).toBe(4500)
    const got = await answers(tm)
    expect(got).toEqual(await answers(fresh))
    expect(got.flat().length).toBeGreaterThan(10)
  })
})

describe('the in-process memory with a sentence repeated across units', () => {
  const shared = 'وهذه جملة تتكرر في كل وحدة.'
  const unit = (index: number) => {
    const first = `الجملة الأولى رقم ${index}.`
    return { id: `u${index}`, source: `${first} ${shared}`, target: `First ${index}. Repeated.`, parts: { source: [first.length + 1], target: [`First ${index}.`.length + 1] } }
  }
  const indexSizes = (storage: MemoryStorage) => {
    const index = (storage as unknown as { index: Record<'source' | 'target', { size: number }> }).index
    return [index.source.size, index.target.size]
  }

  it('indexes the repeated sentence once, finds it in every unit, and forgets it with the last unit that has it', async () => {
    const storage = new MemoryStorage()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    await tm.addAll(Array.from({ length: 50 }, (_, index) => unit(index)))
    // 50 units and 50 first sentences a side, and the repeated sentence once on each side.
    expect(indexSizes(storage)).toEqual([101, 101])
    const found = await tm.fuzzy(shared, { limit: Number.POSITIVE_INFINITY })
    expect(found.map((match) => [match.unit.id, match.score, match.part?.index]).sort()).toEqual(Array.from({ length: 50 }, (_, index) => [`u${index}`, 1, 1]).sort())
    for (let index = 0; index < 49; index++) await tm.delete(`u${index}`)
    expect((await tm.fuzzy(shared)).map((match) => match.unit.id)).toEqual(['u49'])
    await tm.add({ id: 'u49', source: 'تغير النص.', target: unit(49).target })
    expect(await tm.fuzzy(shared)).toEqual([])
    expect(await tm.fuzzy('Repeated.', { side: 'target' })).toEqual([])
  })
})
