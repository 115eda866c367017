/**
 * Anchors built with the user's dictionary resolved once per document pair and shared by the builds of an alignment
 * (the first pass, the learning pass, the two cross-fitted evidence lexicons: issue #12, speed): a build depends
 * only on its arguments, never on the builds that came before it on the same sides.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildAnchors, readSide, type AnchorSet } from '../../src/align/anchors.js'
import type { LexiconEntry } from '../../src/align/lexicon.js'
import { model } from '../../src/align/options.js'

const arabic = ['اجتمعت الأمم المتحدة في نيويورك اليوم', 'ناقش المجلس الميزانية والتقرير', 'وافقت اللجنة على التقرير', 'رفض المجلس الاقتراح', 'الأمم المتحدة تنشر التقرير']
const english = ['The United Nations met in New York today', 'The council discussed the budget and the report', 'The committee approved the report', 'The council rejected the proposal', 'The United Nations publishes the report']
const dictionary: LexiconEntry[] = [
  { source: 'المجلس', target: 'council' },
  { source: 'التقرير', target: 'report' },
  { source: 'الأمم المتحدة', target: 'United Nations' },
  { source: 'اللجنة', target: 'committee', weight: 0.4 },
  { source: 'الميزانية', target: 'budget' },
]

const sides = () => [readSide(arabic, 'ar', 'arabic'), readSide(english, 'en', 'latin')] as const

/** A learned lexicon of word pairs picked from the sides' lexical keys (as the learning pass makes them). */
function learnedFrom(picks: ReadonlyArray<readonly [number, number, number]>): LexiconEntry[] {
  const [source, target] = sides()
  return picks.map(([s, t, weight]) => ({ source: source.lexicalKeys[s % source.lexicalKeys.length]!, target: target.lexicalKeys[t % target.lexicalKeys.length]!, weight }))
}

const plain = (anchors: AnchorSet) => ({ ...anchors, source: anchors.source.map((keys) => [...keys]), target: anchors.target.map((keys) => [...keys]) })

describe('buildAnchors with a shared user dictionary', () => {
  it('gives on sides used before what it gives on freshly read sides', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(0.3, 0.6, 1)), { maxLength: 12 }), { minLength: 1, maxLength: 4 }), (lexicons) => {
        const [source, target] = sides()
        for (const picks of lexicons) {
          const learned = learnedFrom(picks)
          const [freshSource, freshTarget] = sides()
          const shared = buildAnchors(source, target, 'ar', 'en', dictionary, model.anchors, learned, 3)
          const fresh = buildAnchors(freshSource, freshTarget, 'ar', 'en', dictionary, model.anchors, learned, 3)
          expect(plain(shared)).toEqual(plain(fresh))
        }
      }),
      { numRuns: 40 },
    )
  })

  it('counts a learned pair that the dictionary also makes as a dictionary key, at the larger weight', () => {
    const [source, target] = sides()
    const committee = buildAnchors(source, target, 'ar', 'en', dictionary, model.anchors)
    // The learned lexicon pairs a word of the first sentence with `committee`, which the dictionary gives (at weight
    // 0.4) only to a word of the third: the learned pair meets the key first.
    const first = source.lexical[0]![0]!
    const committeeKey = target.lexicalKeys.find((key) => key.startsWith('committ'))!
    const learned = [{ source: source.lexicalKeys[first]!, target: committeeKey, weight: 1 }]
    const both = buildAnchors(source, target, 'ar', 'en', dictionary, model.anchors, learned)
    const key = [...both.source[2]!].find((id) => both.source[0]!.includes(id) && both.lexical[id] === 1)!
    expect(key).toBeDefined()
    expect(both.target[2]).toContain(key)
    // A dictionary key: a deletion pays for it (a learned-only key is free).
    expect(both.deletionPenalty[key]).toBe(both.penalty[key])
    expect(both.deletionPenalty[key]).toBeGreaterThan(0)
    // Its weight is the learned pair's (1), not the dictionary's 0.4: compared with the same key in the build without it.
    const alone = [...committee.source[2]!].find((id) => committee.target[2]!.includes(id) && committee.lexical[id] === 1 && !committee.source[1]!.includes(id) && !committee.source[0]!.includes(id))!
    expect(both.weight[key]! / committee.weight[alone]!).toBeCloseTo(1 / 0.4 / ((1 + Math.log(2)) / 1), 6)
  })
})
