/**
 * Re-aligning a document under review around what the reviewer confirmed: confirmed beads are the aligner's
 * `fixed` beads (hard constraints), and only the stretches between them are aligned again.
 *
 * @module
 */
import { alignSentences } from '../align/align-sentences.js'
import type { AlignOptions } from '../align/options.js'
import { applyChange, type ReviewSession } from './history.js'
import { beadKey, type ReviewBead, type ReviewDocument } from './model.js'
import type { Patch } from './patch.js'

/**
 * Options of {@link realignSession}: the aligner's options, less `fixed` (the confirmed beads are the fixed ones).
 *
 * @example
 * ```ts
 * import type { RealignOptions } from './realign.js'
 * const options: RealignOptions = { sourceLang: 'ar', targetLang: 'en', dictionary: 'president @ رئيس' }
 * ```
 * @group Review
 */
export type RealignOptions = Omit<AlignOptions, 'fixed'>

function starts(flags: readonly boolean[]): number[] {
  const indexes: number[] = []
  flags.forEach((flag, index) => {
    if (flag && index > 0) indexes.push(index)
  })
  return indexes
}

/**
 * The patch that re-aligns a document around its confirmed beads. Confirmed beads stay as they are (state and
 * score); every other bead comes from the aligner, open, with the aligner's new score, except that a rejected
 * bead the aligner proposes again stays rejected (the reviewer has said no to it).
 *
 * @param document - the document
 * @param options - aligner options (languages, dictionary...)
 * @returns a patch replacing every bead
 * @throws {@link mizan!OptionsError} when an aligner option is invalid
 * @example
 * ```ts
 * import { realignPatch } from './realign.js'
 * const patch = realignPatch(document, { sourceLang: 'ar', targetLang: 'en' })
 * ```
 * @internal
 */
export function realignPatch(document: ReviewDocument, options: RealignOptions = {}): Patch {
  const confirmed = new Map<string, ReviewBead>()
  const rejected = new Set<string>()
  for (const bead of document.beads) {
    if (bead.state === 'confirmed') confirmed.set(beadKey(bead), bead)
    else if (bead.state === 'rejected') rejected.add(beadKey(bead))
  }
  const fixed = [...confirmed.values()].map((bead) => ({ source: bead.source, target: bead.target }))
  // The document's own paragraph starts (kept through sentence splits and joins) are the hints, unless given.
  const hints: Pick<AlignOptions, 'sourceParagraphs' | 'targetParagraphs'> = {}
  if (document.paragraphs !== undefined) {
    hints.sourceParagraphs = starts(document.paragraphs.source)
    hints.targetParagraphs = starts(document.paragraphs.target)
  }
  const { beads } = alignSentences(document.source, document.target, { ...hints, ...options, fixed })
  const beadInsert = beads.map((bead): ReviewBead => {
    const k = beadKey(bead)
    const kept = confirmed.get(k)
    if (kept !== undefined) return kept
    return { source: [...bead.source], target: [...bead.target], state: rejected.has(k) ? 'rejected' : 'open', score: bead.score }
  })
  return { beadStart: 0, beadRemove: document.beads.length, beadInsert }
}

/**
 * Re-aligns a session's document around its confirmed beads, as one change (undone by one undo).
 *
 * @param session - the session
 * @param options - aligner options (languages, dictionary...)
 * @returns the session after re-alignment, one version on
 * @throws {@link mizan!OptionsError} when an aligner option is invalid
 * @example
 * ```ts
 * import { applyEdit, startSession } from './history.js'
 * import { realignSession } from './realign.js'
 * let session = applyEdit(startSession(document), { kind: 'approve', bead: 3 })
 * session = realignSession(session, { sourceLang: 'ar', targetLang: 'en' }) // bead 3 stays; the rest is aligned again
 * ```
 * @group Review
 */
export function realignSession(session: ReviewSession, options: RealignOptions = {}): ReviewSession {
  return applyChange(session, realignPatch(session.document, options))
}
