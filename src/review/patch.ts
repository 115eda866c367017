/**
 * Patches: the one shape every change of a review document takes. A patch replaces a run of beads and, for a
 * segmentation fix, a run of sentences on one or both sides; the beads after the run shift by the change in
 * sentence count. Its inverse is a patch of the same shape, which is what makes undo and redo exact.
 *
 * @module
 */
import type { ReviewBead, ReviewDocument, Side } from './model.js'

/**
 * Replaces `remove` sentences from `start` on one side with `insert`.
 *
 * @example
 * ```ts
 * import type { SentenceSplice } from './patch.js'
 * const splitThird: SentenceSplice = { start: 2, remove: 1, insert: ['First half.', 'Second half.'] }
 * ```
 * @internal
 */
export interface SentenceSplice {
  start: number
  remove: number
  insert: string[]
  /**
   * Whether each inserted sentence starts a paragraph, for a document with paragraph hints; absent, the first
   * inserted sentence takes the flag of the first removed one and the others none (a split sentence keeps its
   * paragraph start; joined sentences take the first one's).
   */
  starts?: boolean[]
}

/**
 * One change of a review document: beads `[beadStart, beadStart + beadRemove)` are replaced with `beadInsert`
 * (whose sentence indexes are those after the change), optionally with sentence splices, which must fall inside
 * the replaced beads.
 *
 * @example
 * ```ts
 * import type { Patch } from './patch.js'
 * // Merge beads 3 and 4 (source 3, target 3 and source 4, target 4):
 * const merge: Patch = { beadStart: 3, beadRemove: 2, beadInsert: [{ source: [3, 4], target: [3, 4], state: 'open', score: null }] }
 * ```
 * @internal
 */
export interface Patch {
  beadStart: number
  beadRemove: number
  beadInsert: ReviewBead[]
  source?: SentenceSplice
  target?: SentenceSplice
}

function shift(bead: ReviewBead, sourceDelta: number, targetDelta: number): ReviewBead {
  if (sourceDelta === 0 && targetDelta === 0) return bead
  return { ...bead, source: bead.source.map((i) => i + sourceDelta), target: bead.target.map((i) => i + targetDelta) }
}

function spliceSide(sentences: readonly string[], splice: SentenceSplice | undefined): string[] {
  if (splice === undefined) return sentences as string[]
  return [...sentences.slice(0, splice.start), ...splice.insert, ...sentences.slice(splice.start + splice.remove)]
}

function spliceFlags(flags: readonly boolean[], splice: SentenceSplice | undefined): boolean[] {
  if (splice === undefined) return flags as boolean[]
  const starts = splice.starts ?? splice.insert.map((_, k) => k === 0 && flags[splice.start] === true)
  return [...flags.slice(0, splice.start), ...starts, ...flags.slice(splice.start + splice.remove)]
}

function delta(splice: SentenceSplice | undefined): number {
  return splice === undefined ? 0 : splice.insert.length - splice.remove
}

/**
 * Applies a patch, returning a new document (the old one is not changed; unchanged beads are shared).
 *
 * @param document - the document before
 * @param patch - the change
 * @returns the document after
 * @example
 * ```ts
 * import { applyPatch } from './patch.js'
 * const after = applyPatch(document, { beadStart: 0, beadRemove: 1, beadInsert: [{ ...document.beads[0]!, state: 'confirmed' }] })
 * ```
 * @internal
 */
export function applyPatch(document: ReviewDocument, patch: Patch): ReviewDocument {
  const sourceDelta = delta(patch.source)
  const targetDelta = delta(patch.target)
  const after = document.beads.slice(patch.beadStart + patch.beadRemove).map((bead) => shift(bead, sourceDelta, targetDelta))
  const changed: ReviewDocument = {
    formatVersion: 1,
    source: spliceSide(document.source, patch.source),
    target: spliceSide(document.target, patch.target),
    beads: [...document.beads.slice(0, patch.beadStart), ...patch.beadInsert, ...after],
  }
  if (document.paragraphs !== undefined) changed.paragraphs = { source: spliceFlags(document.paragraphs.source, patch.source), target: spliceFlags(document.paragraphs.target, patch.target) }
  // The structure points into the text as read, not into the sentences: no edit changes it.
  if (document.structure !== undefined) changed.structure = document.structure
  return changed
}

/**
 * The patch that undoes `patch` on the document it was applied to.
 *
 * @param before - the document the patch applies to
 * @param patch - the change
 * @returns the patch that turns the changed document back into `before`
 * @example
 * ```ts
 * import { applyPatch, invertPatch } from './patch.js'
 * applyPatch(applyPatch(document, patch), invertPatch(document, patch)) // equal to document
 * ```
 * @internal
 */
export function invertPatch(before: ReviewDocument, patch: Patch): Patch {
  const inverse: Patch = {
    beadStart: patch.beadStart,
    beadRemove: patch.beadInsert.length,
    beadInsert: before.beads.slice(patch.beadStart, patch.beadStart + patch.beadRemove),
  }
  for (const side of ['source', 'target'] as const satisfies readonly Side[]) {
    const splice = patch[side]
    if (splice === undefined) continue
    inverse[side] = { start: splice.start, remove: splice.insert.length, insert: before[side].slice(splice.start, splice.start + splice.remove) }
    // Undo puts back the paragraph starts the change removed (a join can swallow one).
    if (before.paragraphs !== undefined) inverse[side].starts = before.paragraphs[side].slice(splice.start, splice.start + splice.remove)
  }
  return inverse
}
