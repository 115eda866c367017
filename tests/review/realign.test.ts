/**
 * Re-alignment around confirmed beads, on the corpus pair (our own text): the confirmed beads stay exactly, the
 * result is monotone and complete, and one undo takes it back.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { alignSentences } from '../../src/align/align-sentences.js'
import { segmentSentences } from '../../src/segment/index.js'
import { applyEdit, startSession, undoChange, type ReviewSession } from '../../src/review/history.js'
import { checkReviewDocument, createReviewDocument } from '../../src/review/model.js'
import { realignSession } from '../../src/review/realign.js'
import { ReviewError } from '../../src/review/review-error.js'
import type { ReviewEdit } from '../../src/review/review-edit.js'

const corpus = new URL('../../corpus/xi-rahmon-samarkand/', import.meta.url)
const source = segmentSentences(readFileSync(new URL('ar.txt', corpus), 'utf8'), 'ar').map((s) => s.text)
const target = segmentSentences(readFileSync(new URL('en.txt', corpus), 'utf8'), 'en').map((s) => s.text)
const gold = (JSON.parse(readFileSync(new URL('gold.json', corpus), 'utf8')) as Array<{ ar: number[]; en: number[] }>).map((b) => `${b.ar.join(',')}|${b.en.join(',')}`)
const aligned = alignSentences(source, target, { sourceLang: 'ar', targetLang: 'en' })
const key = (b: { source: number[]; target: number[] }): string => `${b.source.join(',')}|${b.target.join(',')}`

describe('realignSession', () => {
  it('keeps a confirmed bead the aligner would not make, and aligns the rest around it', () => {
    let session = startSession(createReviewDocument(source, target, aligned.beads))
    expect(session.document.beads.map(key)).toEqual(gold)
    // The reviewer says Arabic 1 is only English 1, and confirms that; English 2 must go elsewhere.
    session = applyEdit(session, { kind: 'split', bead: 1, sourceAt: 1, targetAt: 1 })
    session = applyEdit(session, { kind: 'approve', bead: 1 })
    const before = session.document
    session = realignSession(session, { sourceLang: 'ar', targetLang: 'en' })
    const keys = session.document.beads.map(key)
    expect(keys).toContain('1|1')
    expect(session.document.beads[keys.indexOf('1|1')]!.state).toBe('confirmed')
    // English 2 is not left with Arabic 1: it is paired with a neighbour or alone.
    expect(keys.filter((k) => k.endsWith('|2') || k.includes('|2,') || k.includes(',2,') || k.endsWith(',2')).length).toBe(1)
    checkReviewDocument(session.document)
    // Beads away from the fix are the gold ones again.
    // The aligner recovers by the end (a wrong confirmation shifts what follows it, then the anchors take over).
    expect(keys.slice(-2)).toEqual(gold.slice(-2))
    expect(undoChange(session).document).toEqual(before)
  })

  it('aligns a badly aligned document again around the one bead the reviewer confirmed', () => {
    // Every sentence alone but the gold 1-2 bead of Arabic 3, which the reviewer confirms.
    const beads = [
      ...[0, 1, 2].map((i) => ({ source: [i], target: [], score: 0 })),
      ...[0, 1, 2, 3].map((j) => ({ source: [], target: [j], score: 0 })),
      { source: [3], target: [4, 5], score: 0 },
      ...[4, 5, 6, 7, 8, 9].map((i) => ({ source: [i], target: [], score: 0 })),
      ...[6, 7, 8, 9, 10, 11].map((j) => ({ source: [], target: [j], score: 0 })),
    ]
    let session = startSession(createReviewDocument(source, target, beads))
    session = applyEdit(session, { kind: 'approve', bead: 7 })
    session = realignSession(session, { sourceLang: 'ar', targetLang: 'en' })
    expect(session.document.beads.map(key)).toEqual(gold)
    expect(session.document.beads[3]).toEqual({ source: [3], target: [4, 5], state: 'confirmed', score: 0 })
    expect(session.document.beads.filter((b) => b.state === 'confirmed')).toHaveLength(1)
  })

  it('re-aligns with the paragraph starts the document carries (kept through a sentence split)', () => {
    const text = (name: string) => readFileSync(new URL(name, corpus), 'utf8')
    const starts = (t: string, sentences: Array<{ start: number; end: number }>) => sentences.flatMap((s, k) => (k > 0 && /\n/.test(t.slice(sentences[k - 1]!.end, s.start)) ? [k] : []))
    const sourceParagraphs = starts(text('ar.txt'), segmentSentences(text('ar.txt'), 'ar'))
    const targetParagraphs = starts(text('en.txt'), segmentSentences(text('en.txt'), 'en'))
    expect(sourceParagraphs).toHaveLength(9)
    let session = startSession(createReviewDocument(source, target, aligned.beads, { sourceParagraphs, targetParagraphs }))
    // Split English 0 and join it back: the paragraph flags stay as they were.
    session = applyEdit(session, { kind: 'split-sentence', side: 'target', sentence: 0, offset: target[0]!.indexOf(' ') })
    session = applyEdit(session, { kind: 'join-sentences', side: 'target', sentence: 0 })
    expect(session.document.paragraphs!.target.flatMap((flag, k) => (flag && k > 0 ? [k] : []))).toEqual(targetParagraphs)
    session = realignSession(session, { sourceLang: 'ar', targetLang: 'en' })
    expect(session.document.beads.map(key)).toEqual(gold)
  })

  it('keeps a rejected bead rejected when the aligner proposes it again', () => {
    let session = startSession(createReviewDocument(source, target, aligned.beads))
    session = applyEdit(session, { kind: 'reject', bead: 4 })
    session = realignSession(session, { sourceLang: 'ar', targetLang: 'en' })
    expect(session.document.beads[4]!.state).toBe('rejected')
    expect(session.document.beads.filter((b) => b.state === 'rejected')).toHaveLength(1)
  })

  it('keeps every confirmed bead and stays monotone and complete after random edits (property)', () => {
    const edit: fc.Arbitrary<ReviewEdit> = fc.oneof(
      fc.record({ kind: fc.constant('merge' as const), bead: fc.nat(12), direction: fc.constantFrom<'next' | 'previous'>('next', 'previous') }),
      fc.record({ kind: fc.constant('split' as const), bead: fc.nat(12), sourceAt: fc.nat(2), targetAt: fc.nat(2) }),
      fc.record({ kind: fc.constant('move' as const), bead: fc.nat(12), side: fc.constantFrom<'source' | 'target'>('source', 'target'), to: fc.constantFrom<'next' | 'previous'>('next', 'previous') }),
      fc.record({ kind: fc.constant('detach' as const), side: fc.constantFrom<'source' | 'target'>('source', 'target'), sentence: fc.nat(11) }),
      fc.record({ kind: fc.constantFrom('approve' as const, 'reject' as const), bead: fc.nat(12) }),
    )
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        let session: ReviewSession = startSession(createReviewDocument(source, target, aligned.beads))
        for (const e of edits) {
          try {
            session = applyEdit(session, e)
          } catch (error) {
            if (!(error instanceof ReviewError)) throw error
          }
        }
        const confirmed = session.document.beads.filter((b) => b.state === 'confirmed')
        const after = realignSession(session, { sourceLang: 'ar', targetLang: 'en', learnFromDocument: false })
        checkReviewDocument(after.document)
        const byKey = new Map(after.document.beads.map((b) => [key(b), b]))
        for (const bead of confirmed) expect(byKey.get(key(bead))).toEqual(bead)
        expect(after.document.beads.filter((b) => b.state === 'confirmed')).toHaveLength(confirmed.length)
      }),
      { numRuns: 60 },
    )
  })
})
