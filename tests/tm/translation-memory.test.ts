// Tests the memory's unit rules (ids, updates, several translations of one source), exact and context lookup,
// concordance with hit spans, export order, and argument checks.
import { describe, expect, it } from 'vitest'
import { MemoryStorage, OptionsError, TranslationMemory, type TranslationUnit } from 'mizan'

const newMemory = () => new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })

async function all(tm: TranslationMemory): Promise<TranslationUnit[]> {
  const units: TranslationUnit[] = []
  for await (const unit of tm.units()) units.push(unit)
  return units
}

describe('TranslationMemory.add', () => {
  it('assigns a stable id derived from the text when none is given', async () => {
    const first = await newMemory().add({ source: 'شكرا', target: 'Thanks' })
    const second = await newMemory().add({ source: 'شكرا', target: 'Thanks' })
    expect(first.id).toMatch(/^u-[0-9a-f]{20}$/)
    expect(second.id).toBe(first.id)
  })

  it('updates instead of duplicating when the same source and target come again', async () => {
    const tm = newMemory()
    const first = await tm.add({ source: 'شكرا', target: 'Thanks', createdAt: '2020-01-01T00:00:00.000Z' })
    const again = await tm.add({ source: 'شكرا', target: 'Thanks', notes: [{ text: 'checked' }] })
    expect(await tm.size()).toBe(1)
    expect(again.id).toBe(first.id)
    expect(again.createdAt).toBe('2020-01-01T00:00:00.000Z')
    expect((await tm.get(first.id))?.notes).toEqual([{ text: 'checked' }])
  })

  it('reuses the id of a stored unit with the same text even when that id was given explicitly', async () => {
    const tm = newMemory()
    await tm.add({ id: 'imported-7', source: 'شكرا', target: 'Thanks' })
    const again = await tm.add({ source: 'شكرا', target: 'Thanks' })
    expect(again.id).toBe('imported-7')
    expect(await tm.size()).toBe(1)
  })

  it('keeps several translations of one source', async () => {
    const tm = newMemory()
    await tm.addAll([
      { source: 'شكرا', target: 'Thanks' },
      { source: 'شكرا', target: 'Thank you' },
    ])
    expect(await tm.size()).toBe(2)
    const matches = await tm.lookup('شكرا')
    expect(matches.map((match) => match.unit.target).sort()).toEqual(['Thank you', 'Thanks'])
  })

  it('treats the id as identity: a known id is replaced, text and all', async () => {
    const tm = newMemory()
    await tm.add({ id: 'x', source: 'نعم', target: 'Yes' })
    await tm.add({ id: 'x', source: 'لا', target: 'No' })
    expect(await tm.size()).toBe(1)
    expect(await tm.lookup('نعم')).toEqual([])
    expect((await tm.lookup('لا'))[0]?.unit.id).toBe('x')
  })

  it('merges duplicates inside one addAll batch', async () => {
    const tm = newMemory()
    const stored = await tm.addAll([
      { source: 'نعم', target: 'Yes' },
      { source: 'لا', target: 'No' },
      { source: 'نعم', target: 'Yes' },
    ])
    expect(await tm.size()).toBe(2)
    expect(stored[2]!.id).toBe(stored[0]!.id)
  })

  it('accepts async iterables', async () => {
    const tm = newMemory()
    async function* source() {
      yield { source: 'واحد', target: 'one' }
      yield { source: 'اثنان', target: 'two' }
    }
    await tm.addAll(source())
    expect((await all(tm)).map((unit) => unit.target)).toEqual(['one', 'two'])
  })

  it('sets createdAt and changedAt', async () => {
    const unit = await newMemory().add({ source: 'نعم', target: 'Yes' })
    expect(Date.parse(unit.createdAt!)).not.toBeNaN()
    expect(unit.changedAt).toBe(unit.createdAt)
  })

  it('names the bad field of a bad unit', async () => {
    const tm = newMemory()
    await expect(tm.add({ source: 1, target: 'x' } as never)).rejects.toThrow(/argument unit.source must be a string, got 1/)
    await expect(tm.addAll([{ source: 'a', target: 'b' }, { source: 'a' }] as never)).rejects.toThrow(/units\[1\]\.target must be a string/)
    await expect(tm.add({ id: '', source: 'a', target: 'b' })).rejects.toThrow(OptionsError)
  })
})

describe('TranslationMemory.get, delete, size, units', () => {
  it('reads, deletes and counts', async () => {
    const tm = newMemory()
    const { id } = await tm.add({ source: 'نعم', target: 'Yes' })
    expect((await tm.get(id))?.target).toBe('Yes')
    expect(await tm.delete(id)).toBe(true)
    expect(await tm.delete(id)).toBe(false)
    expect(await tm.get(id)).toBeUndefined()
    expect(await tm.size()).toBe(0)
    expect(await tm.lookup('نعم')).toEqual([])
    expect(await tm.fuzzy('نعم')).toEqual([])
  })

  it('iterates in insertion order, an update keeping its place', async () => {
    const tm = newMemory()
    await tm.addAll([
      { id: 'a', source: 'واحد', target: 'one' },
      { id: 'b', source: 'اثنان', target: 'two' },
    ])
    await tm.add({ id: 'a', source: 'واحد', target: 'One' })
    expect((await all(tm)).map((unit) => `${unit.id}:${unit.target}`)).toEqual(['a:One', 'b:two'])
  })
})

describe('TranslationMemory.lookup', () => {
  it('finds exact (1.0) before normalised-equal (0.99) matches', async () => {
    const tm = newMemory()
    await tm.add({ id: 'vowelled', source: 'كَتَبَ أحمدُ', target: 'Ahmad wrote' })
    await tm.add({ id: 'plain', source: 'كتب احمد', target: 'Ahmad wrote' })
    const matches = await tm.lookup('كتب احمد')
    expect(matches.map((match) => [match.unit.id, match.kind, match.score])).toEqual([
      ['plain', 'exact', 1],
      ['vowelled', 'normalized', 0.99],
    ])
  })

  it('ranks a context match (same previous sentence) above plain exact matches', async () => {
    const tm = newMemory()
    await tm.add({ id: 'other', source: 'نعم.', target: 'Yes.', context: { previous: 'هل أنت مستعد؟' } })
    await tm.add({ id: 'ctx', source: 'نعم.', target: 'Yes, I am.', context: { previous: 'هل انت جاهز؟' } })
    await tm.add({ id: 'none', source: 'نعم.', target: 'Yeah.' })
    const matches = await tm.lookup('نعم.', { context: { previous: 'هل أنت جاهز؟' } })
    expect(matches[0]).toMatchObject({ kind: 'context', score: 1.01 })
    expect(matches[0]!.unit.id).toBe('ctx')
    expect(matches.slice(1).map((match) => match.kind)).toEqual(['exact', 'exact'])
  })

  it('looks up by target for the other direction', async () => {
    const tm = newMemory()
    await tm.add({ source: 'صباح الخير', target: 'Good morning' })
    expect((await tm.lookup('good morning', { side: 'target' }))[0]).toMatchObject({ kind: 'normalized', unit: { source: 'صباح الخير' } })
    expect(await tm.lookup('good morning', { side: 'source' })).toEqual([])
  })

  it('matches across Arabic-Indic digits, bidi marks, tatweel and Arabic punctuation', async () => {
    const tm = newMemory()
    await tm.add({ source: 'المادة ١٢، الفقرة ٣؟', target: 'Article 12, paragraph 3?' })
    const [match] = await tm.lookup('\u200fالمـــادة 12, الفقرة 3?')
    expect(match?.kind).toBe('normalized')
  })

  it('agrees with fuzzy on the same text: a space before ? or after ( is no difference (issue #14)', async () => {
    const tm = newMemory()
    await tm.add({ id: 'demand', source: 'ويعود ذلك إلى الطلب المتزايد؟', target: 'This is due to the growing demand?' })
    await tm.add({ id: 'note', source: 'انظر (الملاحظة 3) ، ثم تابع', target: 'See ( note 3 ), then go on' })
    for (const [text, side, id] of [
      ['ويعود ذلك إلى الطلب المتزايد ?', 'source', 'demand'],
      ['ويعود ذلك إلى الطلب المتزايد ؟', 'source', 'demand'],
      ['انظر ( الملاحظة 3)، ثم تابع', 'source', 'note'],
      ['See (note 3) , then go on', 'target', 'note'],
      ['This is due to the growing demand ?', 'target', 'demand'],
    ] as const) {
      const [fuzzy] = await tm.fuzzy(text, { side })
      expect(fuzzy?.score, text).toBe(0.99)
      expect(await tm.lookup(text, { side }), text).toEqual([{ unit: fuzzy!.unit, kind: 'normalized', score: 0.99, side }])
      expect(fuzzy!.unit.id).toBe(id)
    }
  })

  it('returns [] for no match and for blank text, and checks options', async () => {
    const tm = newMemory()
    await tm.add({ source: 'نعم', target: 'Yes' })
    expect(await tm.lookup('لا')).toEqual([])
    expect(await tm.lookup('   ')).toEqual([])
    await expect(tm.lookup('نعم', { side: 'both' as never })).rejects.toThrow(/option side must be "source", "target" or "auto", got "both"/)
    await expect(tm.lookup('نعم', { context: 'x' as never })).rejects.toThrow(/option context must be/)
  })
})

describe('TranslationMemory.concordance', () => {
  it('finds units containing the words in order, with spans in the original text', async () => {
    const tm = newMemory()
    const source = 'أكدت اللجنة أن حُقُوق الإنسان عالمية'
    await tm.add({ id: 'a', source, target: 'The committee affirmed that human rights are universal' })
    await tm.add({ id: 'b', source: 'حقوق المرأة هي حقوق الإنسان', target: "Women's rights are human rights" })
    await tm.add({ id: 'c', source: 'الإنسان له حقوق', target: 'Man has rights' })
    const hits = await tm.concordance('حقوق الانسان')
    expect(hits.map((hit) => [hit.unit.id, hit.gaps])).toEqual([
      ['b', 0],
      ['a', 0],
    ])
    const spanA = hits[1]!.spans
    expect(spanA).toHaveLength(1)
    expect(source.slice(spanA[0]!.start, spanA[0]!.end)).toBe('حُقُوق الإنسان')
  })

  it('allows gaps between the words, ranked after the exact phrase', async () => {
    const tm = newMemory()
    await tm.add({ id: 'gap', source: 'x', target: 'human and civil rights' })
    await tm.add({ id: 'phrase', source: 'y', target: 'Human rights!' })
    const hits = await tm.concordance('human rights', { side: 'target' })
    expect(hits.map((hit) => [hit.unit.id, hit.gaps])).toEqual([
      ['phrase', 0],
      ['gap', 2],
    ])
    expect(hits[1]!.spans).toEqual([
      { start: 0, end: 5 },
      { start: 16, end: 22 },
    ])
  })

  it('ignores punctuation in the query and respects limit', async () => {
    const tm = newMemory()
    await tm.addAll(Array.from({ length: 30 }, (_, index) => ({ source: `السلام عليكم ${index}`, target: `${index}` })))
    expect(await tm.concordance('السلام، عليكم!', { limit: 7 })).toHaveLength(7)
    expect(await tm.concordance('؟!')).toEqual([])
    await expect(tm.concordance('x', { limit: -1 })).rejects.toThrow(/option limit must be a positive integer/)
  })
})

describe('new TranslationMemory', () => {
  it('uses the in-process storage by default and takes another', () => {
    expect(newMemory().storage.kind).toBe('memory')
    const storage = new MemoryStorage()
    expect(new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage }).storage).toBe(storage)
  })

  it('names a bad option', () => {
    expect(() => new TranslationMemory({ sourceLang: 'ar' } as never)).toThrow(/option targetLang must be a BCP-47 language tag/)
    expect(() => new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: {} as never })).toThrow(/option storage must be a TmStorage/)
    expect(() => new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', codePenalty: 2 })).toThrow(/option codePenalty must be a number from 0 to 0.5/)
  })
})
