/**
 * fast-check arbitraries of the review model, shared by the history and rebase properties: random documents (beads
 * cut at random monotone points, half with paragraph starts) and random edits (undo and redo included).
 */
import fc from 'fast-check'
import { createReviewDocument } from '../../src/review/model.js'
import type { ReviewEdit } from '../../src/review/review-edit.js'

/** A random document: n source and m target sentences, beads cut at random monotone points. */
export const documents = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 20, maxLength: 20 }), fc.option(fc.array(fc.nat(9), { maxLength: 4 })))
  .map(([n, m, steps, paragraphs]) => {
    const beads: Array<{ source: number[]; target: number[]; score: number }> = []
    let i = 0
    let j = 0
    let k = 0
    while (i < n || j < m) {
      const step = steps[k++ % steps.length]!
      const a = i < n ? Math.min(n - i, step === 2 ? 0 : step === 3 ? 2 : 1) : 0
      const b = j < m ? Math.min(m - j, step === 1 ? 0 : 1) : 0
      if (a + b === 0) {
        if (i < n) beads.push({ source: [i++], target: [], score: 0 })
        else beads.push({ source: [], target: [j++], score: 0 })
        continue
      }
      beads.push({ source: Array.from({ length: a }, () => i++), target: Array.from({ length: b }, () => j++), score: step / 4 })
    }
    const text = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, x) => `${prefix} ${x} word word.`)
    // Half the documents carry paragraph starts, which splits, joins and undo must keep in step.
    const options = paragraphs === null ? {} : { sourceParagraphs: paragraphs.filter((p) => p < n), targetParagraphs: paragraphs.filter((p) => p < m) }
    return createReviewDocument(text('جملة', n), text('Sentence', m), beads, options)
  })

const side = fc.constantFrom<'source' | 'target'>('source', 'target')
const index = fc.integer({ min: 0, max: 11 })
export const edits: fc.Arbitrary<ReviewEdit | 'undo' | 'redo'> = fc.oneof(
  fc.record({ kind: fc.constant('merge' as const), bead: index, direction: fc.constantFrom<'next' | 'previous'>('next', 'previous') }),
  fc.record({ kind: fc.constant('split' as const), bead: index, sourceAt: fc.integer({ min: 0, max: 3 }), targetAt: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('move' as const), bead: index, side, to: fc.constantFrom<'next' | 'previous'>('next', 'previous') }),
  fc.record({ kind: fc.constant('detach' as const), side, sentence: index }),
  fc.record({ kind: fc.constant('split-sentence' as const), side, sentence: index, offset: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant('join-sentences' as const), side, sentence: index }),
  fc.record({ kind: fc.constantFrom('approve' as const, 'reject' as const, 'reopen' as const), bead: index }),
  fc.record({ kind: fc.constant('approve-range' as const), from: index, to: index }),
  fc.constantFrom<'undo' | 'redo'>('undo', 'redo'),
)
