/**
 * The review model: each edit on small hand-made documents, the refusals (typed, with a message), and fast-check
 * properties: any sequence of random edits, undos and redos keeps the beads monotone and complete, and undoing
 * everything gives the starting document back.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyEdit, redoChange, startSession, undoChange, type ReviewSession } from '../../src/review/history.js'
import { checkReviewDocument, createReviewDocument, isDoubtful, type ReviewDocument } from '../../src/review/model.js'
import type { ReviewEdit } from '../../src/review/review-edit.js'
import { parseReviewEdit } from '../../src/review/review-edit.js'
import { ReviewError } from '../../src/review/review-error.js'
import { documents, edits } from './arbitraries.js'

/** Three 1-1 beads and a 1-2: source s0..s3, target t0..t4. */
function sample(): ReviewDocument {
  return createReviewDocument(
    ['جملة أولى.', 'جملة ثانية.', 'جملة ثالثة.', 'جملة رابعة وفيها 2 رقم.'],
    ['First. Still first.', 'Second.', 'Third.', 'Fourth with 2.', 'Extra.'],
    [
      { source: [0], target: [0], score: 0.95 },
      { source: [1], target: [1], score: 0.4 },
      { source: [2], target: [2], score: 0.99 },
      { source: [3], target: [3, 4], score: 0.7 },
    ],
  )
}

const shape = (document: ReviewDocument): string[] => document.beads.map((b) => `${b.source.join(',')}|${b.target.join(',')}`)

function refused(run: () => unknown, message: RegExp): void {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ReviewError)
    expect((error as ReviewError).code).toBe('INVALID_INPUT')
    expect((error as ReviewError).message).toMatch(message)
    return
  }
  throw new Error('expected the edit to be refused')
}

describe('applyEdit', () => {
  const start = startSession(sample())
  const edit = (e: ReviewEdit, session: ReviewSession = start): ReviewDocument => applyEdit(session, e).document

  it('merges a bead with the next and with the previous one', () => {
    expect(shape(edit({ kind: 'merge', bead: 1, direction: 'next' }))).toEqual(['0|0', '1,2|1,2', '3|3,4'])
    expect(shape(edit({ kind: 'merge', bead: 1, direction: 'previous' }))).toEqual(['0,1|0,1', '2|2', '3|3,4'])
    const merged = edit({ kind: 'merge', bead: 1, direction: 'next' }).beads[1]!
    expect(merged.state).toBe('open')
    expect(merged.score).toBeNull()
  })

  it('splits a bead where each side breaks', () => {
    expect(shape(edit({ kind: 'split', bead: 3, sourceAt: 1, targetAt: 1 }))).toEqual(['0|0', '1|1', '2|2', '3|3', '|4'])
    expect(shape(edit({ kind: 'split', bead: 3, sourceAt: 0, targetAt: 1 }))).toEqual(['0|0', '1|1', '2|2', '|3', '3|4'])
  })

  it('moves a sentence to the neighbouring bead', () => {
    expect(shape(edit({ kind: 'move', bead: 3, side: 'target', to: 'previous' }))).toEqual(['0|0', '1|1', '2|2,3', '3|4'])
    expect(shape(edit({ kind: 'move', bead: 2, side: 'target', to: 'next' }))).toEqual(['0|0', '1|1', '2|', '3|2,3,4'])
    // A bead left empty disappears.
    const once = applyEdit(start, { kind: 'move', bead: 2, side: 'target', to: 'next' })
    expect(shape(edit({ kind: 'move', bead: 2, side: 'source', to: 'next' }, once))).toEqual(['0|0', '1|1', '2,3|2,3,4'])
  })

  it('marks a sentence as having no counterpart', () => {
    expect(shape(edit({ kind: 'detach', side: 'target', sentence: 4 }))).toEqual(['0|0', '1|1', '2|2', '3|3', '|4'])
    expect(shape(edit({ kind: 'detach', side: 'source', sentence: 1 }))).toEqual(['0|0', '1|', '|1', '2|2', '3|3,4'])
  })

  it('splits a sentence at an offset, and later indexes follow', () => {
    const after = edit({ kind: 'split-sentence', side: 'target', sentence: 0, offset: 6 })
    expect(after.target.slice(0, 2)).toEqual(['First.', 'Still first.'])
    expect(shape(after)).toEqual(['0|0,1', '1|2', '2|3', '3|4,5'])
  })

  it('joins a sentence with the next, across beads too', () => {
    const same = edit({ kind: 'join-sentences', side: 'target', sentence: 3 })
    expect(same.target[3]).toBe('Fourth with 2. Extra.')
    expect(shape(same)).toEqual(['0|0', '1|1', '2|2', '3|3'])
    const across = edit({ kind: 'join-sentences', side: 'source', sentence: 0 })
    expect(across.source[0]).toBe('جملة أولى. جملة ثانية.')
    expect(shape(across)).toEqual(['0|0', '|1', '1|2', '2|3,4'])
  })

  it('keeps paragraph starts in step with sentence splits and joins', () => {
    const withParagraphs = startSession(createReviewDocument(sample().source, sample().target, sample().beads.map((b) => ({ ...b, score: b.score ?? 0 })), { targetParagraphs: [1, 3] }))
    expect(withParagraphs.document.paragraphs!.target).toEqual([false, true, false, true, false])
    const split = applyEdit(withParagraphs, { kind: 'split-sentence', side: 'target', sentence: 0, offset: 6 })
    expect(split.document.paragraphs!.target).toEqual([false, false, true, false, true, false])
    const joined = applyEdit(withParagraphs, { kind: 'join-sentences', side: 'target', sentence: 2 })
    expect(joined.document.paragraphs!.target).toEqual([false, true, false, false])
    expect(undoChange(joined).document).toEqual(withParagraphs.document)
    expect(() => createReviewDocument(['a'], ['b'], [{ source: [0], target: [0], score: 1 }], { sourceParagraphs: [4] })).toThrow(/paragraph start 4 is not a sentence index/)
  })

  it('approves and rejects without touching the sentences or the score', () => {
    const approved = edit({ kind: 'approve', bead: 1 }).beads[1]!
    expect(approved).toEqual({ source: [1], target: [1], state: 'confirmed', score: 0.4 })
    expect(isDoubtful(approved)).toBe(false)
    expect(edit({ kind: 'reject', bead: 1 }).beads[1]!.state).toBe('rejected')
  })

  it('approves all open beads of a range in one change, leaving omissions and rejected beads', () => {
    const split = applyEdit(applyEdit(start, { kind: 'reject', bead: 0 }), { kind: 'detach', side: 'target', sentence: 4 })
    const all = applyEdit(split, { kind: 'approve-range', from: 0, to: split.document.beads.length })
    expect(all.document.beads.map((b) => b.state)).toEqual(['rejected', 'confirmed', 'confirmed', 'confirmed', 'open'])
    expect(undoChange(all).document).toEqual(split.document)
    refused(() => applyEdit(start, { kind: 'approve-range', from: 2, to: 9 }), /beads 2 to 9 are not a range of this document's 4 beads/)
  })

  it('refuses edits that would break coverage, with a message', () => {
    refused(() => edit({ kind: 'merge', bead: 3, direction: 'next' }), /bead 3 has no next bead/)
    refused(() => edit({ kind: 'merge', bead: 9, direction: 'next' }), /bead 9 does not exist \(the document has 4 beads\)/)
    refused(() => edit({ kind: 'split', bead: 0, sourceAt: 0, targetAt: 0 }), /leaves a part with no sentence/)
    refused(() => edit({ kind: 'split', bead: 0, sourceAt: 2, targetAt: 0 }), /cannot break its source after 2/)
    refused(() => edit({ kind: 'move', bead: 0, side: 'source', to: 'previous' }), /no previous bead/)
    refused(() => edit({ kind: 'split-sentence', side: 'target', sentence: 1, offset: 0 }), /both parts need text/)
    refused(() => edit({ kind: 'join-sentences', side: 'target', sentence: 4 }), /last one/)
    refused(() => edit({ kind: 'detach', side: 'source', sentence: 7 }), /source sentence 7 does not exist/)
    const middle = applyEdit(start, { kind: 'merge', bead: 0, direction: 'next' })
    const three = applyEdit(middle, { kind: 'merge', bead: 0, direction: 'next' })
    refused(() => edit({ kind: 'detach', side: 'source', sentence: 1 }, three), /in the middle of bead 0; split the bead first/)
  })

  it('undoes and redoes exactly', () => {
    const one = applyEdit(start, { kind: 'split-sentence', side: 'target', sentence: 0, offset: 6 })
    const two = applyEdit(one, { kind: 'approve', bead: 1 })
    expect(undoChange(undoChange(two)).document).toEqual(start.document)
    expect(redoChange(redoChange(undoChange(undoChange(two)))).document).toEqual(two.document)
    expect(undoChange(two).version).toBe(3)
    refused(() => redoChange(two), /nothing to redo/)
    refused(() => undoChange(start), /nothing to undo/)
  })
})

describe('parseReviewEdit', () => {
  it.each([
    [{ kind: 'approve' }, /edit approve needs bead/],
    [{ kind: 'explode', bead: 1 }, /kind "explode" is not known/],
    [{ kind: 'merge', bead: 1, direction: 'up' }, /needs direction, "next" or "previous"; got "up"/],
    [{ kind: 'approve', bead: -1 }, /needs bead/],
    [{ kind: 'approve', bead: 1, extra: true }, /unknown field "extra"/],
    [[1], /must be a JSON object/],
  ])('refuses %j', (value, message) => {
    refused(() => parseReviewEdit(value), message)
  })
})

function run(session: ReviewSession, edit: ReviewEdit | 'undo' | 'redo'): ReviewSession {
  try {
    return edit === 'undo' ? undoChange(session) : edit === 'redo' ? redoChange(session) : applyEdit(session, edit)
  } catch (error) {
    // A refusal is typed and leaves the session as it was (sessions are values: nothing to roll back).
    if (!(error instanceof ReviewError)) throw error
    expect(error.message).not.toMatch(/this is a bug/)
    return session
  }
}

describe('review history (properties)', () => {
  it('keeps beads monotone and covering every sentence once through any sequence of edits', () => {
    fc.assert(
      fc.property(documents, fc.array(edits, { maxLength: 40 }), (document, sequence) => {
        let session = startSession(document)
        let applied = 0
        for (const edit of sequence) {
          const next = run(session, edit)
          if (next !== session) applied++
          session = next
          checkReviewDocument(session.document)
        }
        expect(session.version).toBe(applied)
      }),
      { numRuns: 300 },
    )
  })

  it('gives the starting document back when every change is undone', () => {
    fc.assert(
      fc.property(documents, fc.array(edits, { maxLength: 40 }), (document, sequence) => {
        let session = startSession(structuredClone(document))
        for (const edit of sequence) session = run(session, edit)
        const end = session.document
        let undone = 0
        for (; session.undo.length > 0; undone++) session = undoChange(session)
        expect(session.document).toEqual(document)
        for (let k = 0; k < undone; k++) session = redoChange(session)
        expect(session.document).toEqual(end)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps every letter of both sides, in order, through splits and joins', () => {
    fc.assert(
      fc.property(documents, fc.array(edits, { maxLength: 30 }), (document, sequence) => {
        let session = startSession(document)
        for (const edit of sequence) session = run(session, edit)
        // A split may fall inside a word, so compare the letters, not the spacing.
        const words = (texts: string[]): string => texts.join('').replace(/\s+/g, '')
        expect(words(session.document.source)).toBe(words(document.source))
        expect(words(session.document.target)).toBe(words(document.target))
      }),
      { numRuns: 200 },
    )
  })
})
