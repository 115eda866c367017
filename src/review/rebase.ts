/**
 * Conflicts per bead: an edit made on an older version of the document (another tab changed it since) is carried
 * over the changes made since, when it touches none of the beads or sentences they touched, and refused ("changed
 * elsewhere, reload") when it does. Two people editing different parts of one document do not stop each other;
 * two edits of the same bead never silently combine.
 *
 * Each edit has a footprint: the beads it reads or changes (a merge with the next bead, the bead and the next one)
 * and, for the sentence edits, the sentences. Each change since has one too, read off its patch: the beads it
 * replaced and the sentences those beads held (with any sentence splice). Where the footprints are disjoint, the
 * edit's indexes move by what the change added or removed before them; where they meet, the edit is refused.
 * This is the transformation step of operational transformation (Ellis & Gibbs, "Concurrency control in groupware
 * systems", SIGMOD 1989), with refusal as the only answer to an overlap.
 *
 * @module
 */
import type { ReviewEdit } from './review-edit.js'
import type { Patch } from './patch.js'
import type { Side } from './model.js'
import { ReviewError } from './review-error.js'

/** A half-open range of indexes, [start, end). */
interface Range {
  start: number
  end: number
}

/** The edits that name a sentence rather than a bead. */
type SentenceEdit = Extract<ReviewEdit, { kind: 'detach' | 'split-sentence' | 'join-sentences' }>

function isSentenceEdit(edit: ReviewEdit): edit is SentenceEdit {
  return edit.kind === 'detach' || edit.kind === 'split-sentence' || edit.kind === 'join-sentences'
}

/** The beads an edit touches, in the coordinates of the document it was made on. */
function beadFootprint(edit: Exclude<ReviewEdit, SentenceEdit>): Range {
  switch (edit.kind) {
    case 'merge':
    case 'move':
      // Both read and change the neighbour on their side too.
      return (edit.kind === 'merge' ? edit.direction : edit.to) === 'next' ? { start: edit.bead, end: edit.bead + 2 } : { start: edit.bead - 1, end: edit.bead + 1 }
    case 'approve-range':
      return { start: edit.from, end: edit.to }
    default:
      return { start: edit.bead, end: edit.bead + 1 }
  }
}

/** The sentences a sentence edit touches, on its side. */
function sentenceFootprint(edit: SentenceEdit): Range {
  return { start: edit.sentence, end: edit.sentence + (edit.kind === 'join-sentences' ? 2 : 1) }
}

/**
 * What a patch changed, in the coordinates of the document it was applied to: the beads it replaced, and per side
 * the sentences those beads held (a contiguous range, since beads cover the sentences in order) with the splice,
 * and how many sentences and beads it added (negative: removed).
 */
function patchFootprint(patch: Patch): { beads: Range; beadDelta: number; sentences: Record<Side, Range | undefined>; sentenceDelta: Record<Side, number> } {
  const sentences: Record<Side, Range | undefined> = { source: undefined, target: undefined }
  const sentenceDelta: Record<Side, number> = { source: 0, target: 0 }
  for (const side of ['source', 'target'] as const) {
    const splice = patch[side]
    const delta = splice === undefined ? 0 : splice.insert.length - splice.remove
    sentenceDelta[side] = delta
    // The inserted beads hold, after the patch, the sentences the replaced beads held before it (plus the splice).
    // A loop, not Math.min(...held): a re-alignment's patch holds every sentence, too many for spread arguments.
    let start = Infinity
    let end = -Infinity
    for (const bead of patch.beadInsert) {
      for (const sentence of bead[side]) {
        if (sentence < start) start = sentence
        if (sentence + 1 > end) end = sentence + 1
      }
    }
    if (splice !== undefined) {
      start = Math.min(start, splice.start)
      end = Math.max(end, splice.start + splice.insert.length)
    }
    if (start < end) sentences[side] = { start, end: end - delta }
  }
  return { beads: { start: patch.beadStart, end: patch.beadStart + patch.beadRemove }, beadDelta: patch.beadInsert.length - patch.beadRemove, sentences, sentenceDelta }
}

function overlaps(a: Range, b: Range): boolean {
  // An insertion point (an empty range) overlaps a range it falls strictly inside.
  if (b.start === b.end) return a.start < b.start && b.start < a.end
  return a.start < b.end && b.start < a.end
}

/**
 * Carries an edit made on an older version over the changes made since, or refuses it.
 *
 * @param edit - the edit, in the coordinates of the version it was made on
 * @param since - the patches applied since that version, oldest first
 * @returns the same edit in the coordinates of the document as it stands
 * @throws {@link ReviewError} `STORAGE_CONFLICT` ("changed elsewhere; reload") when the edit touches a bead or a
 *   sentence one of those patches changed
 * @example
 * ```ts
 * import { rebaseEdit } from './rebase.js'
 * // another tab merged beads 2 and 3 (one bead fewer): an approval of bead 7 now approves bead 6
 * rebaseEdit({ kind: 'approve', bead: 7 }, [{ beadStart: 2, beadRemove: 2, beadInsert: [merged] }]) // { kind: 'approve', bead: 6 }
 * ```
 * @group Review
 */
export function rebaseEdit(edit: ReviewEdit, since: readonly Patch[]): ReviewEdit {
  // The refusal names what the reviewer touched as their page shows it (1-based, before the changes elsewhere).
  const what = isSentenceEdit(edit) ? `${edit.side} sentence ${edit.sentence + 1}` : named(beadFootprint(edit))
  let current: ReviewEdit = edit
  for (const patch of since) {
    const changed = patchFootprint(patch)
    if (isSentenceEdit(current)) {
      const touched = sentenceFootprint(current)
      const range = changed.sentences[current.side]
      if (range !== undefined && overlaps(touched, range)) throw conflict(what)
      if (range !== undefined && touched.start >= range.end) current = { ...current, sentence: current.sentence + changed.sentenceDelta[current.side] }
      continue
    }
    const touched = beadFootprint(current)
    if (overlaps(touched, changed.beads)) throw conflict(what)
    if (touched.start < changed.beads.end || changed.beadDelta === 0) continue
    const delta = changed.beadDelta
    current = current.kind === 'approve-range' ? { ...current, from: current.from + delta, to: current.to + delta } : { ...current, bead: current.bead + delta }
  }
  return current
}

function named(beads: Range): string {
  return beads.end - beads.start === 1 ? `bead ${beads.start + 1}` : `beads ${beads.start + 1} to ${beads.end}`
}

function conflict(what: string): ReviewError {
  return new ReviewError('STORAGE_CONFLICT', `${what} changed elsewhere (in another tab or window) since this page loaded it; reload`)
}
