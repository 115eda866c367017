/**
 * The edits as data: what the page sends the server and what the history records. `parseReviewEdit` checks a
 * value that came over the wire; `editPatch` turns an edit into its patch.
 *
 * @module
 */
import { approveRange, detachSentence, joinSentences, mergeBeads, moveSentence, setBeadState, splitBead, splitSentence } from './edits.js'
import type { ReviewDocument, Side } from './model.js'
import type { Patch } from './patch.js'
import { ReviewError } from './review-error.js'

/**
 * One edit of a review document.
 *
 * @example
 * ```ts
 * import type { ReviewEdit } from './review-edit.js'
 * const edits: ReviewEdit[] = [
 *   { kind: 'merge', bead: 3, direction: 'next' },
 *   { kind: 'split', bead: 3, sourceAt: 1, targetAt: 2 },
 *   { kind: 'approve', bead: 3 },
 * ]
 * ```
 * @group Review
 */
export type ReviewEdit =
  | { kind: 'merge'; bead: number; direction: 'next' | 'previous' }
  | { kind: 'split'; bead: number; sourceAt: number; targetAt: number }
  | { kind: 'move'; bead: number; side: Side; to: 'previous' | 'next' }
  | { kind: 'detach'; side: Side; sentence: number }
  | { kind: 'split-sentence'; side: Side; sentence: number; offset: number }
  | { kind: 'join-sentences'; side: Side; sentence: number }
  | { kind: 'approve'; bead: number }
  | { kind: 'approve-range'; from: number; to: number }
  | { kind: 'reject'; bead: number }
  | { kind: 'reopen'; bead: number }

/** The fields each kind needs, and what each field must be. */
const shapes: Record<ReviewEdit['kind'], Record<string, 'index' | 'side' | 'direction' | 'count'>> = {
  merge: { bead: 'index', direction: 'direction' },
  split: { bead: 'index', sourceAt: 'count', targetAt: 'count' },
  move: { bead: 'index', side: 'side', to: 'direction' },
  detach: { side: 'side', sentence: 'index' },
  'split-sentence': { side: 'side', sentence: 'index', offset: 'count' },
  'join-sentences': { side: 'side', sentence: 'index' },
  approve: { bead: 'index' },
  'approve-range': { from: 'count', to: 'count' },
  reject: { bead: 'index' },
  reopen: { bead: 'index' },
}

/**
 * Checks that a value (parsed JSON) is a well-formed edit: a known `kind` and exactly its fields, of the right
 * types. Whether the edit applies to a document is checked when it is applied.
 *
 * @param value - the value to check
 * @returns the edit
 * @throws {@link ReviewError} (`INVALID_INPUT`) naming the field that is missing or wrong
 * @example
 * ```ts
 * import { parseReviewEdit } from './review-edit.js'
 * parseReviewEdit({ kind: 'approve', bead: 0 }) // { kind: 'approve', bead: 0 }
 * parseReviewEdit({ kind: 'approve' }) // throws: edit approve needs bead, a sentence or bead index
 * ```
 * @group Review
 */
export function parseReviewEdit(value: unknown): ReviewEdit {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ReviewError('INVALID_INPUT', 'an edit must be a JSON object with a kind')
  const record = value as Record<string, unknown>
  const kind = record['kind']
  if (typeof kind !== 'string' || !Object.hasOwn(shapes, kind)) throw new ReviewError('INVALID_INPUT', `edit kind ${JSON.stringify(kind)} is not known; expected one of ${Object.keys(shapes).join(', ')}`)
  const shape = shapes[kind as ReviewEdit['kind']]
  for (const key of Object.keys(record)) {
    if (key !== 'kind' && !Object.hasOwn(shape, key)) throw new ReviewError('INVALID_INPUT', `edit ${kind} has an unknown field ${JSON.stringify(key)}`)
  }
  for (const [field, type] of Object.entries(shape)) {
    const got = record[field]
    const ok =
      type === 'side'
        ? got === 'source' || got === 'target'
        : type === 'direction'
          ? got === 'next' || got === 'previous'
          : typeof got === 'number' && Number.isInteger(got) && got >= 0 && got <= 2 ** 31
    const expected = { side: '"source" or "target"', direction: '"next" or "previous"', index: 'a sentence or bead index', count: 'a whole number from 0' }[type]
    if (!ok) throw new ReviewError('INVALID_INPUT', `edit ${kind} needs ${field}, ${expected}; got ${JSON.stringify(got) ?? 'nothing'}`)
  }
  return { ...record } as ReviewEdit
}

/**
 * The patch an edit makes to a document.
 *
 * @param document - the document
 * @param edit - the edit
 * @returns the patch
 * @throws {@link ReviewError} when the edit would break the document's invariants (see edits.ts)
 * @example
 * ```ts
 * import { editPatch } from './review-edit.js'
 * const patch = editPatch(document, { kind: 'approve', bead: 0 })
 * ```
 * @internal
 */
export function editPatch(document: ReviewDocument, edit: ReviewEdit): Patch {
  switch (edit.kind) {
    case 'merge':
      return mergeBeads(document, edit.bead, edit.direction)
    case 'split':
      return splitBead(document, edit.bead, edit.sourceAt, edit.targetAt)
    case 'move':
      return moveSentence(document, edit.bead, edit.side, edit.to)
    case 'detach':
      return detachSentence(document, edit.side, edit.sentence)
    case 'split-sentence':
      return splitSentence(document, edit.side, edit.sentence, edit.offset)
    case 'join-sentences':
      return joinSentences(document, edit.side, edit.sentence)
    case 'approve':
      return setBeadState(document, edit.bead, 'confirmed')
    case 'approve-range':
      return approveRange(document, edit.from, edit.to)
    case 'reject':
      return setBeadState(document, edit.bead, 'rejected')
    case 'reopen':
      return setBeadState(document, edit.bead, 'open')
  }
}
