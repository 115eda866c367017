/**
 * The review both corrections tests apply: the texts segmented and aligned, then a reviewer merged the first two
 * beads and confirmed the merge, and rejected the last bead.
 *
 * @internal
 */
import { alignSentences } from '../../src/align/align-sentences.js'
import { applyEdit, startSession } from '../../src/review/history.js'
import { createReviewDocument, type ReviewDocument } from '../../src/review/model.js'
import { segmentSentences } from '../../src/segment/index.js'

/**
 * The reviewed document of an Arabic text and its English translation.
 *
 * @example
 * const reviewed = reviewedSample(arText, enText) // first bead confirmed (a merge), last bead rejected
 * @internal
 */
export function reviewedSample(arText: string, enText: string): ReviewDocument {
  const source = segmentSentences(arText, 'ar').map((s) => s.text)
  const target = segmentSentences(enText, 'en').map((s) => s.text)
  let session = startSession(createReviewDocument(source, target, alignSentences(source, target, { sourceLang: 'ar', targetLang: 'en' }).beads))
  session = applyEdit(session, { kind: 'merge', bead: 0, direction: 'next' })
  session = applyEdit(session, { kind: 'approve', bead: 0 })
  session = applyEdit(session, { kind: 'reject', bead: session.document.beads.length - 1 })
  return session.document
}
