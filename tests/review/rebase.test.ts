/**
 * Conflicts per bead (rebaseEdit): an edit made on an older version is carried over the changes since when it
 * touches other beads and sentences, and refused when it touches the same. Hand-made cases for each kind of edit,
 * and a fast-check property: when two edits made on one version can each be carried over the other, applying them
 * in either order gives the same document (the convergence property of operational transformation).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createReviewDocument, type ReviewDocument } from '../../src/review/model.js'
import { applyPatch } from '../../src/review/patch.js'
import { rebaseEdit } from '../../src/review/rebase.js'
import { editPatch, type ReviewEdit } from '../../src/review/review-edit.js'
import { ReviewError } from '../../src/review/review-error.js'
import { documents, edits } from './arbitraries.js'

/** Eight 1-1 beads, s0..s7 and t0..t7, each sentence two words so it can be split. */
function eight(): ReviewDocument {
  const beads = Array.from({ length: 8 }, (_, i) => ({ source: [i], target: [i], score: 0.5 }))
  return createReviewDocument(
    Array.from({ length: 8 }, (_, i) => `جملة ${i}.`),
    Array.from({ length: 8 }, (_, i) => `Sentence ${i}.`),
    beads,
  )
}

/** The second edit, made on the same version as the first, after the first was applied. */
function after(first: ReviewEdit, second: ReviewEdit): ReviewEdit {
  return rebaseEdit(second, [editPatch(eight(), first)])
}

function refusedAfter(first: ReviewEdit, second: ReviewEdit): ReviewError {
  try {
    after(first, second)
  } catch (error) {
    expect(error).toBeInstanceOf(ReviewError)
    expect((error as ReviewError).code).toBe('STORAGE_CONFLICT')
    return error as ReviewError
  }
  throw new Error(`${JSON.stringify(second)} was carried over ${JSON.stringify(first)}; expected a refusal`)
}

describe('rebaseEdit', () => {
  it('refuses a later edit of the same bead, naming it as the page showed it', () => {
    expect(refusedAfter({ kind: 'approve', bead: 2 }, { kind: 'reject', bead: 2 }).message).toBe('mizan: bead 3 changed elsewhere (in another tab or window) since this page loaded it; reload')
    refusedAfter({ kind: 'approve', bead: 3 }, { kind: 'merge', bead: 2, direction: 'next' })
    refusedAfter({ kind: 'approve', bead: 1 }, { kind: 'move', bead: 2, side: 'target', to: 'previous' })
    refusedAfter({ kind: 'merge', bead: 4, direction: 'previous' }, { kind: 'approve', bead: 3 })
    refusedAfter({ kind: 'approve', bead: 5 }, { kind: 'approve-range', from: 0, to: 8 })
  })

  it('refuses a sentence edit in a bead changed since, and a bead edit where a sentence was split', () => {
    expect(refusedAfter({ kind: 'approve', bead: 4 }, { kind: 'split-sentence', side: 'target', sentence: 4, offset: 9 }).message).toMatch(/^mizan: target sentence 5 changed elsewhere/)
    refusedAfter({ kind: 'join-sentences', side: 'source', sentence: 2 }, { kind: 'detach', side: 'source', sentence: 3 })
    refusedAfter({ kind: 'split-sentence', side: 'source', sentence: 6, offset: 4 }, { kind: 'reject', bead: 6 })
  })

  it('leaves an edit before the change as it is, and moves one after it by what the change added', () => {
    expect(after({ kind: 'merge', bead: 4, direction: 'next' }, { kind: 'approve', bead: 2 })).toEqual({ kind: 'approve', bead: 2 })
    expect(after({ kind: 'merge', bead: 1, direction: 'next' }, { kind: 'approve', bead: 6 })).toEqual({ kind: 'approve', bead: 5 })
    expect(after({ kind: 'detach', side: 'target', sentence: 1 }, { kind: 'merge', bead: 5, direction: 'previous' })).toEqual({ kind: 'merge', bead: 6, direction: 'previous' })
    expect(after({ kind: 'split-sentence', side: 'source', sentence: 0, offset: 4 }, { kind: 'join-sentences', side: 'source', sentence: 3 })).toEqual({ kind: 'join-sentences', side: 'source', sentence: 4 })
    expect(after({ kind: 'split-sentence', side: 'source', sentence: 0, offset: 4 }, { kind: 'detach', side: 'target', sentence: 3 })).toEqual({ kind: 'detach', side: 'target', sentence: 3 })
    expect(after({ kind: 'approve', bead: 7 }, { kind: 'approve-range', from: 0, to: 7 })).toEqual({ kind: 'approve-range', from: 0, to: 7 })
  })

  it('carries an edit over several changes, one after the other', () => {
    let document = eight()
    const patches = [{ kind: 'merge', bead: 0, direction: 'next' }, { kind: 'detach', side: 'source', sentence: 3 }, { kind: 'approve', bead: 4 }].map((edit) => {
      const patch = editPatch(document, edit as ReviewEdit)
      document = applyPatch(document, patch)
      return patch
    })
    // bead 6 of the first version: one fewer after the merge, one more after the detach (an omission bead)
    expect(rebaseEdit({ kind: 'reject', bead: 6 }, patches)).toEqual({ kind: 'reject', bead: 6 })
    expect(document.beads[6]!.source).toEqual([6])
    expect(() => rebaseEdit({ kind: 'reject', bead: 1 }, patches)).toThrow(/bead 2 changed elsewhere/)
  })

  it('gives the same document in either order when each edit can be carried over the other', () => {
    let carried = 0
    fc.assert(
      fc.property(documents, edits, edits, (document, a, b) => {
        if (a === 'undo' || a === 'redo' || b === 'undo' || b === 'redo') return
        let pa, pb
        try {
          pa = editPatch(document, a)
          pb = editPatch(document, b)
        } catch {
          return // one of them is not an edit of this document
        }
        let b2: ReviewEdit, a2: ReviewEdit
        try {
          b2 = rebaseEdit(b, [pa])
          a2 = rebaseEdit(a, [pb])
        } catch (error) {
          expect((error as ReviewError).code).toBe('STORAGE_CONFLICT')
          return
        }
        carried++
        const ab = applyPatch(applyPatch(document, pa), editPatch(applyPatch(document, pa), b2))
        const ba = applyPatch(applyPatch(document, pb), editPatch(applyPatch(document, pb), a2))
        expect(ab).toEqual(ba)
      }),
      { numRuns: 3000 },
    )
    // Not vacuous: many pairs of edits were carried over each other.
    expect(carried).toBeGreaterThan(100)
  })
})
