// Type-level tests (vitest --typecheck): the public signatures users write against.
import { describe, expectTypeOf, it } from 'vitest'
import {
  alignDocuments,
  alignSentences,
  normalizeForMatching,
  OptionsError,
  segmentSentences,
  TmError,
  TranslationMemory,
  type AlignmentVerdict,
  type Bead,
  type DocumentAlignment,
  type FuzzyMatch,
  type LookupMatch,
  type Sentence,
  type TranslationUnit,
} from 'mizan'

describe('public types', () => {
  it('segmentSentences returns Sentence[] and requires a language', () => {
    expectTypeOf(segmentSentences).returns.toEqualTypeOf<Sentence[]>()
    expectTypeOf<Sentence>().toEqualTypeOf<{ text: string; start: number; end: number }>()
    // @ts-expect-error the language tag is required
    segmentSentences('text')
  })

  it('alignSentences returns beads of index arrays with a score', () => {
    expectTypeOf(alignSentences(['a'], ['b']).beads).toEqualTypeOf<Bead[]>()
    expectTypeOf<Bead['source']>().toEqualTypeOf<number[]>()
    expectTypeOf<Bead['score']>().toEqualTypeOf<number>()
    expectTypeOf(alignDocuments).returns.toEqualTypeOf<DocumentAlignment>()
    // @ts-expect-error alignDocuments needs the languages
    alignDocuments('a', 'b')
  })

  it('names the types a DocumentAlignment is made of', () => {
    expectTypeOf<DocumentAlignment['verdict']>().toEqualTypeOf<AlignmentVerdict>()
  })

  it('keeps the matching arithmetic internal', () => {
    // @ts-expect-error prefixCount left the public API (issue #16); storage backends import it from src/tm/score.ts
    expectTypeOf<typeof import('mizan').prefixCount>().toBeFunction()
  })

  it('TranslationMemory methods are all async', () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    expectTypeOf(tm.add).returns.toEqualTypeOf<Promise<TranslationUnit>>()
    expectTypeOf(tm.get).returns.toEqualTypeOf<Promise<TranslationUnit | undefined>>()
    expectTypeOf(tm.size).returns.toEqualTypeOf<Promise<number>>()
    expectTypeOf(tm.fuzzy).returns.toEqualTypeOf<Promise<FuzzyMatch[]>>()
    expectTypeOf(tm.lookup).returns.toEqualTypeOf<Promise<LookupMatch[]>>()
    expectTypeOf(tm.units()).toMatchTypeOf<AsyncIterable<TranslationUnit>>()
    expectTypeOf<FuzzyMatch['score']>().toEqualTypeOf<number>()
    // @ts-expect-error side is 'source' or 'target'
    void tm.fuzzy('x', { side: 'both' })
  })

  it('normalizeForMatching maps a string to a string', () => {
    expectTypeOf(normalizeForMatching).parameter(0).toEqualTypeOf<string>()
    expectTypeOf(normalizeForMatching).returns.toEqualTypeOf<string>()
  })

  it('errors are TmError subclasses with a code', () => {
    expectTypeOf<OptionsError>().toMatchTypeOf<TmError>()
    expectTypeOf<OptionsError['option']>().toEqualTypeOf<string>()
  })
})
