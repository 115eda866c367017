import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PhraseTrie } from '../../src/align/phrase-trie.js'

describe('PhraseTrie', () => {
  it('finds a phrase by its words and nothing else', () => {
    const keys = ['كرة', 'القدم', 'لعب', 'السلة']
    const trie = new PhraseTrie([['كرة', 'القدم'], ['كرة', 'السلة'], ['لعب', 'كرة', 'القدم'], ['لعب'], ['كرة', 'الطائرة']])
    const starts = trie.startsOf(keys)
    expect(starts.map((node) => node !== undefined)).toEqual([true, false, true, false])
    const words = Int32Array.of(2, 0, 1, 0)
    expect(trie.find(words, 1, 2, keys, starts)).toBe('كرة القدم')
    expect(trie.find(words, 0, 3, keys, starts)).toBe('لعب كرة القدم')
    expect(trie.find(words, 0, 2, keys, starts)).toBeUndefined() // لعب كرة is a prefix, not a phrase
    expect(trie.find(words, 3, 2, keys, starts)).toBeUndefined() // runs past the sentence
    expect(trie.find(words, 2, 1, keys, starts)).toBeUndefined() // single words are not phrases
    expect(new PhraseTrie([['لعب']]).empty).toBe(true)
  })

  // The look-up it replaces: the run's keys joined by spaces, looked up among the phrase keys.
  it('answers what looking up the space-joined n-gram answers', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'ab', 'بيت', 'ال', '')
    fc.assert(
      fc.property(fc.uniqueArray(key, { minLength: 1 }), fc.array(fc.array(key, { minLength: 1, maxLength: 4 }), { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 12 }), (keys, phrases, picks) => {
        const trie = new PhraseTrie(phrases)
        const starts = trie.startsOf(keys)
        const known = new Set(phrases.filter((words) => words.length > 1).map((words) => words.join(' ')))
        const words = Int32Array.from(picks, (pick) => pick % keys.length)
        for (let start = 0; start < words.length; start++) {
          for (let length = 2; start + length <= words.length; length++) {
            const gram = Array.from(words.subarray(start, start + length), (id) => keys[id]!).join(' ')
            expect(trie.find(words, start, length, keys, starts)).toBe(known.has(gram) ? gram : undefined)
          }
        }
      }),
    )
  })
})
