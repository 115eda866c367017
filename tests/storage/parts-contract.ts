/**
 * The part-match contract (issue #14, "sentences inside beads"): every backend indexes each sentence of a
 * multi-sentence unit as an entry of its own, so `lookup` and `fuzzy` find a sentence that went into a 2-1 bead,
 * losslessly. Each backend's parts test calls {@link partsContract} with a factory of fresh stores.
 *
 * What it checks, on random memories (fast-check) of units of one to three sentences per side drawn from a small
 * Arabic and English vocabulary (small, so that queries share many tokens with many sentences):
 * - `fuzzy` with `limit: Infinity` returns exactly what brute force finds: for each unit, the best of its whole
 *   text's score and each of its sentences' scores, if at least `minScore`, a whole-unit match winning a tie;
 * - `lookup` returns exactly the units whose text, or one of whose sentences, has the query's key;
 * - after replacing and deleting units, the answers are still brute force's (no stale part postings);
 * - `parts: false` gives whole-unit matches only.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { TmStorage } from '../../src/storage/types.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { tokenEditDistance } from '../../src/tm/score.js'
import { partTexts } from '../../src/tm/unit-parts.js'
import type { NewTranslationUnit, TranslationUnit } from '../../src/types.js'

/** Opens a fresh, empty store. */
export type OpenPartsStore = () => Promise<TmStorage>

const arabicWords = ['المياه', 'تحلية', 'محطة', 'في', 'من', 'الطاقة', 'مياه', 'البحر', 'كبيرة', 'جديدة']
const englishWords = ['water', 'plant', 'the', 'of', 'sea', 'energy', 'new', 'large', 'desalination', 'in']

/** A sentence of 1 to 5 words ending in a full stop (Arabic or English). */
const sentence = (words: string[]) => fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }).map((picked) => `${picked.join(' ')}.`)

/** A side of one to three sentences joined by a space, with the offsets where each sentence after the first starts. */
const side = (words: string[]) =>
  fc.array(sentence(words), { minLength: 1, maxLength: 3 }).map((sentences) => {
    const boundaries: number[] = []
    let at = 0
    for (const one of sentences.slice(0, -1)) boundaries.push((at += one.length + 1))
    return { text: sentences.join(' '), boundaries }
  })

const unitArbitrary = fc.record({ source: side(arabicWords), target: side(englishWords) }).map(({ source, target }): NewTranslationUnit => {
  const unit: NewTranslationUnit = { source: source.text, target: target.text }
  if (source.boundaries.length > 0 || target.boundaries.length > 0) {
    unit.parts = {}
    if (source.boundaries.length > 0) unit.parts.source = source.boundaries
    if (target.boundaries.length > 0) unit.parts.target = target.boundaries
  }
  return unit
})

/** One brute-force answer: unit id, score, and which sentence (undefined for the whole unit). */
interface Expected {
  id: string
  score: number
  part: number | undefined
}

/** Brute force over units and parts: the score of every whole text and sentence, the best per unit kept. */
function bruteFuzzy(tm: TranslationMemory, units: readonly TranslationUnit[], query: string, minScore: number, withParts: boolean, on: 'source' | 'target'): Expected[] {
  const queryTokens = tm.keysOf({ source: query, target: query })[on].tokens
  const found: Expected[] = []
  for (const unit of units) {
    const texts: Array<[string, number | undefined]> = [[on === 'source' ? unit.source : unit.target, undefined]]
    if (withParts) partTexts(unit, on).forEach((text, index) => texts.push([text, index]))
    let best: Expected | undefined
    for (const [text, part] of texts) {
      const tokens = tm.keysOf({ source: text, target: text })[on].tokens
      const distance = tokenEditDistance(queryTokens, tokens)
      const score = text === query ? 1 : distance === 0 ? 0.99 : 1 - distance / Math.max(queryTokens.length, tokens.length)
      if (score < minScore - 1e-9) continue
      if (best === undefined || score > best.score) best = { id: unit.id, score, part }
    }
    if (best !== undefined) found.push(best)
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : 1))
}

/** Brute-force look-up: units whose whole key, or one of whose sentences' keys, equals the query's. */
function bruteLookup(tm: TranslationMemory, units: readonly TranslationUnit[], query: string, on: 'source' | 'target'): Array<{ id: string; part: number | undefined }> {
  const key = tm.keysOf({ source: query, target: query })[on].key
  const found: Array<{ id: string; part: number | undefined }> = []
  for (const unit of units) {
    const keys = tm.keysOf(unit)
    if (keys[on].key === key) found.push({ id: unit.id, part: undefined })
    else {
      const index = (keys.parts?.[on] ?? []).findIndex((part) => part.key === key)
      if (index >= 0) found.push({ id: unit.id, part: index })
    }
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : 1))
}

/** Runs the part-match contract against one backend. */
export function partsContract(name: string, open: OpenPartsStore, runs = 25): void {
  describe(`part matches on ${name}`, () => {
    it('fuzzy and lookup give brute force over units and their sentences, also after replacing and deleting units', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(unitArbitrary, { minLength: 1, maxLength: 30 }),
          fc.nat(),
          fc.constantFrom(0.4, 0.5, 0.7, 0.8, 1),
          fc.constantFrom<'source' | 'target'>('source', 'target'),
          fc.boolean(),
          async (input, pick, minScore, on, churn) => {
            const storage = await open()
            try {
              const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
              let units = await tm.addAll(input.map((unit, index) => ({ ...unit, id: `u${index}` })))
              if (churn) {
                // Replace the first unit's text with the second's sentences (parts move too) and delete the last.
                const [first, second] = [units[0]!, units[1] ?? units[0]!]
                const replaced: NewTranslationUnit = { id: first.id, source: second.source, target: second.target }
                if (second.parts !== undefined) replaced.parts = second.parts
                await tm.add(replaced)
                if (units.length > 2) await tm.delete(units[units.length - 1]!.id)
                units = []
                for await (const unit of tm.units()) units.push(unit)
              }
              const from = units[pick % units.length]!
              const sentences = partTexts(from, on)
              // A query: a sentence of a unit (or its whole text), sometimes with its last word dropped.
              let query = sentences.length > 0 ? sentences[pick % sentences.length]! : on === 'source' ? from.source : from.target
              if (pick % 3 === 0 && query.includes(' ')) query = query.slice(0, query.lastIndexOf(' ')) + '.'
              for (const parts of [true, false]) {
                const fuzzy = await tm.fuzzy(query, { minScore, limit: Number.POSITIVE_INFINITY, side: on, parts })
                const got = fuzzy.map((match) => ({ id: match.unit.id, score: match.score, part: match.part?.index })).sort((a, b) => (a.id < b.id ? -1 : 1))
                const want = bruteFuzzy(tm, units, query, minScore, parts, on)
                expect(got.map(({ id, part }) => ({ id, part }))).toEqual(want.map(({ id, part }) => ({ id, part })))
                got.forEach((match, index) => expect(match.score).toBeCloseTo(want[index]!.score, 9))
                const lookup = await tm.lookup(query, { side: on, parts })
                const wantLookup = bruteLookup(tm, units, query, on).filter((match) => parts || match.part === undefined)
                expect(lookup.map((match) => ({ id: match.unit.id, part: match.part?.index })).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(wantLookup)
              }
            } finally {
              await storage.close()
            }
          },
        ),
        { numRuns: runs, seed: 14 },
      )
    })

    it('finds the sentence of a 2-1 bead that a whole-unit search misses, ranked below a whole unit of the same score', async () => {
      const storage = await open()
      try {
        const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
        const first = 'انعقدت القمة في سمرقند.'
        const second = 'وحضرها خمسة عشر رئيسا.'
        const bead = `${first} ${second}`
        await tm.add({ id: 'bead', source: bead, target: 'The summit in Samarkand was attended by fifteen presidents.', parts: { source: [first.length + 1] } })
        expect(await tm.lookup(second, { parts: false })).toEqual([])
        const [part] = await tm.lookup(second)
        expect(part).toMatchObject({ kind: 'exact', score: 1, part: { side: 'source', index: 1, count: 2, start: first.length + 1, end: bead.length } })
        expect(bead.slice(part!.part!.start, part!.part!.end)).toBe(second)
        await tm.add({ id: 'whole', source: second, target: 'Fifteen presidents attended it.' })
        expect((await tm.lookup(second)).map((match) => [match.unit.id, match.part?.index])).toEqual([
          ['whole', undefined],
          ['bead', 1],
        ])
        // One word added: 5 of 6 tokens, against the whole unit and against the bead's second sentence alike.
        const fuzzy = await tm.fuzzy('وحضرها خمسة عشر رئيسا اليوم.', { minScore: 0.5 })
        expect(fuzzy.map((match) => [match.unit.id, match.score, match.part?.index])).toEqual([
          ['whole', 1 - 1 / 6, undefined],
          ['bead', 1 - 1 / 6, 1],
        ])
        expect(await tm.fuzzy('وحضرها خمسة عشر رئيسا اليوم.', { minScore: 0.5, parts: false })).toHaveLength(1)
      } finally {
        await storage.close()
      }
    })
  })
}
