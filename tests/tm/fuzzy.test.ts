// Tests that fuzzy search is lossless: on random memories (Arabic with diacritic variants, English, punctuation)
// and random queries, TranslationMemory.fuzzy returns exactly what scoring every unit by brute force returns, in
// the same order, for thresholds from 0.3 to 1.0; also after deletes and re-adds. Plus ranking, penalties, diffs
// and bad input.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MemoryStorage, normalizeForMatching, OptionsError, TranslationMemory, type FuzzyMatch, type InlineContent, type MatchSide } from 'mizan'
import { tokenizeKey } from '../../src/tm/tokenize.js'

/** Words with spelling variants that share a key (diacritics, alef forms, case), so 0.99 matches happen. */
const words = ['كَتَبَ', 'كتب', 'أحمد', 'احمد', 'الكتاب', 'على', 'علي', 'في', 'قلم', 'مدرسة', '٢٠٢٤', '2024', 'the', 'The', 'book', 'pen', 'school', 'on', '،', ',', '؟', '.']
const textArbitrary = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 9 }).map((parts) => parts.join(' '))

/** The score of the contract computed from scratch for one unit: identical text 1, equal tokens 0.99, else 1 − d/L. */
function bruteScore(query: string, text: string): number {
  const q = tokenizeKey(normalizeForMatching(query, 'ar'))
  const s = tokenizeKey(normalizeForMatching(text, 'ar'))
  if (text === query) return 1
  const rows = Array.from({ length: q.length + 1 }, (_, i) => Array.from({ length: s.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= q.length; i++) for (let j = 1; j <= s.length; j++) rows[i]![j] = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + (q[i - 1] === s[j - 1] ? 0 : 1))
  const d = rows[q.length]![s.length]!
  if (d === 0) return 0.99
  return 1 - d / Math.max(q.length, s.length)
}

/** Brute force over every unit: score, keep ≥ minScore, order by score, recency (changedAt, then seq), then id. */
async function bruteForce(tm: TranslationMemory, query: string, minScore: number, side: MatchSide): Promise<Array<{ id: string; score: number }>> {
  if (tokenizeKey(normalizeForMatching(query, 'ar')).length === 0) return []
  const rows: Array<{ id: string; score: number; changed: number; seq: number }> = []
  for await (const unit of tm.units()) {
    const score = bruteScore(query, side === 'source' ? unit.source : unit.target)
    const stored = await tm.storage.get(unit.id)
    if (score >= minScore) rows.push({ id: unit.id, score, changed: Date.parse(unit.changedAt!), seq: stored!.seq })
  }
  rows.sort((a, b) => b.score - a.score || b.changed - a.changed || b.seq - a.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return rows.map(({ id, score }) => ({ id, score }))
}

const simplify = (matches: FuzzyMatch[]) => matches.map((match) => ({ id: match.unit.id, score: match.score }))

describe('TranslationMemory.fuzzy', () => {
  it('returns exactly the brute-force answer on random memories, thresholds 0.3 to 1.0, both sides', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ source: textArbitrary, target: textArbitrary }), { minLength: 1, maxLength: 40 }),
        fc.array(textArbitrary, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 30, max: 100 }),
        fc.constantFrom<MatchSide>('source', 'target'),
        async (units, queries, percent, side) => {
          const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'ar' })
          await tm.addAll(units)
          const minScore = percent / 100
          // Queries: random texts and unit texts (exact and near matches must exist).
          const all = [...queries, ...units.slice(0, 3).map((unit) => (side === 'source' ? unit.source : unit.target))]
          for (const query of all) {
            expect(simplify(await tm.fuzzy(query, { minScore, limit: Number.POSITIVE_INFINITY, side }))).toEqual(await bruteForce(tm, query, minScore, side))
          }
        },
      ),
      { numRuns: 150 },
    )
  })

  it('stays exact after deletes, re-adds and updates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ source: textArbitrary, target: textArbitrary }), { minLength: 2, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        textArbitrary,
        fc.integer({ min: 30, max: 100 }),
        async (units, picks, query, percent) => {
          const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'ar' })
          const stored = await tm.addAll(units.map((unit, index) => ({ ...unit, id: `u${index}` })))
          for (const pick of picks) {
            const unit = stored[pick % stored.length]!
            if (pick % 3 === 0) await tm.delete(unit.id)
            else if (pick % 3 === 1) await tm.add({ id: unit.id, source: units[(pick + 1) % units.length]!.source, target: unit.target })
            else await tm.add({ id: unit.id, source: unit.source, target: unit.target })
          }
          const minScore = percent / 100
          expect(simplify(await tm.fuzzy(query, { minScore, limit: Number.POSITIVE_INFINITY }))).toEqual(await bruteForce(tm, query, minScore, 'source'))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('stays exact across index compaction (many deletes)', async () => {
    const tm = new TranslationMemory({ sourceLang: 'en', targetLang: 'ar' })
    const units = Array.from({ length: 12000 }, (_, index) => ({ id: `u${index}`, source: `unit number ${index % 97} of ${index % 13} in set ${index % 7}`, target: 'x' }))
    await tm.addAll(units)
    for (let index = 0; index < 12000; index += 2) await tm.delete(`u${index}`)
    await tm.addAll(units.slice(0, 100))
    const query = 'unit number 5 of 5 in set 5'
    expect(simplify(await tm.fuzzy(query, { minScore: 0.5, limit: Number.POSITIVE_INFINITY }))).toEqual(await bruteForce(tm, query, 0.5, 'source'))
  })

  it('scores identical text 1.0, equal keys 0.99, and token edits 1 − d/L', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.add({ id: 'a', source: 'كتب أحمد الكتاب.', target: 'Ahmad wrote the book.' })
    await tm.add({ id: 'b', source: 'كَتَبَ احمد الكتاب.', target: 'Ahmad wrote the book.' })
    await tm.add({ id: 'c', source: 'كتب أحمد القلم.', target: 'Ahmad wrote the pen.' })
    const matches = await tm.fuzzy('كتب أحمد الكتاب.', { minScore: 0.5 })
    expect(matches.map((match) => [match.unit.id, match.score])).toEqual([
      ['a', 1],
      ['b', 0.99],
      ['c', 0.75],
    ])
  })

  it('breaks ties by recency (changedAt, then insertion), then id', async () => {
    const tm = new TranslationMemory({ sourceLang: 'en', targetLang: 'ar' })
    await tm.add({ id: 'old', source: 'red car here', target: '1', changedAt: '2020-01-01T00:00:00Z' })
    await tm.add({ id: 'new', source: 'blue car here', target: '2', changedAt: '2024-01-01T00:00:00Z' })
    await tm.add({ id: 'z', source: 'green car here', target: '3', changedAt: '2022-01-01T00:00:00Z' })
    await tm.add({ id: 'y', source: 'pink car here', target: '4', changedAt: '2022-01-01T00:00:00Z' })
    const matches = await tm.fuzzy('black car here', { minScore: 0.5 })
    expect(matches.map((match) => match.unit.id)).toEqual(['new', 'y', 'z', 'old'])
  })

  it('returns the best `limit` matches', async () => {
    const tm = new TranslationMemory({ sourceLang: 'en', targetLang: 'ar' })
    await tm.addAll(Array.from({ length: 20 }, (_, index) => ({ source: `the cat sat on mat ${index}`, target: `${index}` })))
    const matches = await tm.fuzzy('the cat sat on mat 7', { limit: 3 })
    expect(matches).toHaveLength(3)
    expect(matches[0]!.unit.target).toBe('7')
    expect(matches[0]!.score).toBe(1)
  })

  it('carries the token diff from the query to the match, in original spelling', async () => {
    const tm = new TranslationMemory({ sourceLang: 'en', targetLang: 'ar' })
    await tm.add({ source: 'I like green tea.', target: 'أحب الشاي الأخضر.' })
    const [match] = await tm.fuzzy('I like black tea.')
    expect(match!.diff).toEqual([
      { op: 'equal', tokens: ['I', 'like'] },
      { op: 'removed', tokens: ['black'] },
      { op: 'added', tokens: ['green'] },
      { op: 'equal', tokens: ['tea', '.'] },
    ])
    expect(match!.distance).toBe(1)
  })

  it('shows diff tokens with their diacritics and tatweel, as the unit writes them', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.add({ source: 'أَكَّدَ الرئيـــسُ الصيني', target: 'The Chinese president affirmed' })
    const [match] = await tm.fuzzy('اكد الرئيس', { minScore: 0.6 })
    expect(match!.diff).toEqual([
      { op: 'equal', tokens: ['أَكَّدَ', 'الرئيـــسُ'] },
      { op: 'added', tokens: ['الصيني'] },
    ])
  })

  it('searches the target side for the other direction', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.add({ source: 'أين المحطة؟', target: 'Where is the station?' })
    const [match] = await tm.fuzzy('where is the bus station?', { side: 'target' })
    expect(match?.unit.source).toBe('أين المحطة؟')
    expect(match?.score).toBeCloseTo(1 - 1 / 6, 12)
    expect(await tm.fuzzy('where is the bus station?', { side: 'source' })).toEqual([])
  })

  it('ignores inline codes in the score but charges the code penalty when they differ', async () => {
    const tm = new TranslationMemory({ sourceLang: 'en', targetLang: 'ar' })
    const bold: InlineContent = ['Press ', { kind: 'open', id: '1', data: '<b>' }, 'Save', { kind: 'close', id: '1', data: '</b>' }, ' now']
    await tm.add({ id: 'tagged', source: 'Press Save now', sourceContent: bold, target: 'اضغط حفظ الآن' })
    await tm.add({ id: 'plain', source: 'Press Save now', target: 'اضغط حفظ الآن' })
    const plainQuery = await tm.fuzzy('Press Save now')
    expect(plainQuery.map((match) => [match.unit.id, match.score])).toEqual([
      ['plain', 1],
      ['tagged', 0.98],
    ])
    // The same codes (other ids) cost nothing.
    const renumbered: InlineContent = ['Press ', { kind: 'open', id: '7', data: '<b>' }, 'Save', { kind: 'close', id: '7', data: '</b>' }, ' now']
    const taggedQuery = await tm.fuzzy(renumbered)
    expect(taggedQuery.map((match) => [match.unit.id, match.score])).toEqual([
      ['tagged', 1],
      ['plain', 0.98],
    ])
  })

  it('returns [] for an empty or punctuation-free blank query', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.add({ source: 'نعم', target: 'Yes' })
    expect(await tm.fuzzy('')).toEqual([])
    expect(await tm.fuzzy(' \u200f ')).toEqual([])
  })

  it('answers a 100,000-character query quickly with bounded work', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.addAll(Array.from({ length: 2000 }, (_, index) => ({ source: `جملة رقم ${index} في الذاكرة`, target: `sentence ${index}` })))
    const huge = 'جملة رقم في الذاكرة '.repeat(5000)
    expect(huge.length).toBe(100_000)
    expect(await tm.fuzzy(huge)).toEqual([])
    expect(await tm.lookup(huge)).toEqual([])
    expect((await tm.concordance(huge)).length).toBe(0)
  })

  it('throws OptionsError naming the option for wrong option types', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    const cases: Array<[unknown, string]> = [
      [{ minScore: '0.7' }, 'minScore'],
      [{ minScore: 0 }, 'minScore'],
      [{ minScore: 1.5 }, 'minScore'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 2.5 }, 'limit'],
      [{ side: 'left' }, 'side'],
      ['fast', 'options'],
    ]
    for (const [options, option] of cases) {
      const error = await tm.fuzzy('x', options as never).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(OptionsError)
      expect((error as OptionsError).option).toBe(option)
      expect((error as OptionsError).message).toMatch(new RegExp(`option ${option} must be`))
    }
    await expect(tm.fuzzy(42 as never)).rejects.toThrow(/argument text must be a string or inline content/)
  })

  it('uses the constructor defaults and lets each call override them', async () => {
    const tm = new TranslationMemory({ sourceLang: 'en', targetLang: 'ar', fuzzy: { minScore: 0.9, limit: 1 }, storage: new MemoryStorage() })
    await tm.addAll([{ source: 'a b c d', target: '1' }, { source: 'a b c x', target: '2' }])
    expect((await tm.fuzzy('a b c d')).map((match) => match.unit.target)).toEqual(['1'])
    expect((await tm.fuzzy('a b c d', { minScore: 0.7, limit: 5 })).map((match) => match.unit.target)).toEqual(['1', '2'])
    expect(() => new TranslationMemory({ sourceLang: 'en', targetLang: 'ar', fuzzy: { minScore: 2 } })).toThrow(/option fuzzy.minScore must be/)
  })
})
