/**
 * TranslationMemory.change: deletes and adds as one change, through the storage's writeBatch (the in-process
 * memory here; SQLite and PostgreSQL in tests/review/save-atomic.test.ts), or in two steps on a storage without it.
 * The deletes come first, so an added unit may take a deleted unit's id; lookups find the new state.
 */
import { describe, expect, it } from 'vitest'
import { OptionsError } from '../../src/errors.js'
import { MemoryStorage } from '../../src/storage/memory.js'
import type { TmStorage } from '../../src/storage/types.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'

/** A storage that has everything MemoryStorage has but writeBatch (as a third-party backend might). */
function withoutBatch(): TmStorage {
  return new Proxy(new MemoryStorage(), {
    get(target, key) {
      if (key === 'writeBatch') return undefined
      const value = Reflect.get(target, key) as unknown
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}

describe('TranslationMemory.change', () => {
  it('merges two units into one: both deleted, the merged one added, in one writeBatch', async () => {
    const storage = new MemoryStorage()
    let batches = 0
    const writeBatch = storage.writeBatch.bind(storage)
    storage.writeBatch = async (changes) => {
      batches++
      return writeBatch(changes)
    }
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    const [a, b, c] = await tm.addAll([
      { source: 'نعم.', target: 'Yes,' },
      { source: 'شكرا.', target: 'thanks.' },
      { source: 'إلى اللقاء.', target: 'Goodbye.' },
    ])
    const { added, deleted } = await tm.change({ delete: [a!.id, b!.id], add: [{ source: 'نعم. شكرا.', target: 'Yes, thanks.' }] })
    expect(batches).toBe(1)
    expect(deleted).toBe(2)
    expect(added.map((unit) => unit.target)).toEqual(['Yes, thanks.'])
    expect(await tm.size()).toBe(2)
    expect(await tm.get(a!.id)).toBeUndefined()
    expect((await tm.lookup('نعم. شكرا.'))[0]!.unit.id).toBe(added[0]!.id)
    expect(await tm.lookup('شكرا.')).toEqual([])
    expect((await tm.get(c!.id))!.target).toBe('Goodbye.')
  })

  it('lets an added unit take the id of a deleted one with the same texts (deletes come first)', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    const [unit] = await tm.addAll([{ source: 'نعم.', target: 'Yes.', state: 'translated' }])
    const { added, deleted } = await tm.change({ delete: [unit!.id], add: [{ source: 'نعم.', target: 'Yes.', state: 'reviewed' }] })
    expect(deleted).toBe(1)
    expect(added[0]!.id).toBe(unit!.id)
    expect((await tm.get(unit!.id))!.state).toBe('reviewed')
    expect(await tm.size()).toBe(1)
  })

  it('writes in two steps on a storage without writeBatch, with the same result', async () => {
    const storage = withoutBatch()
    expect(storage.writeBatch).toBeUndefined()
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    const [a, b] = await tm.addAll([{ source: 'نعم.', target: 'Yes,' }, { source: 'شكرا.', target: 'thanks.' }])
    const { added, deleted } = await tm.change({ delete: [a!.id, b!.id, 'no-such-id'], add: [{ source: 'نعم. شكرا.', target: 'Yes, thanks.' }] })
    expect(deleted).toBe(2)
    expect(await tm.size()).toBe(1)
    expect((await tm.get(added[0]!.id))!.source).toBe('نعم. شكرا.')
  })

  it('refuses an id that is not a string and a unit that is not a unit, before writing anything', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    const [unit] = await tm.addAll([{ source: 'نعم.', target: 'Yes.' }])
    await expect(tm.change({ delete: [unit!.id, 7 as unknown as string] })).rejects.toThrow(OptionsError)
    await expect(tm.change({ delete: [unit!.id], add: [{ source: 'لا.' } as never] })).rejects.toThrow(/add\[0\]/)
    expect(await tm.size()).toBe(1)
  })
})
