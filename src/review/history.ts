/**
 * A review session: the document, a version that counts its changes, and the undo and redo stacks. Every change
 * (an edit, a re-alignment, an undo, a redo) is a patch, and the stacks hold inverse patches, so undo restores
 * exactly what was there (states, scores and sentence texts included) at the cost of the change, not of the
 * document.
 *
 * @module
 */
import { checkReviewDocument, type ReviewDocument } from './model.js'
import { applyPatch, invertPatch, type Patch } from './patch.js'
import { editPatch, type ReviewEdit } from './review-edit.js'
import { ReviewError } from './review-error.js'

/**
 * A document under review with its history.
 *
 * @example
 * ```ts
 * import { startSession } from './history.js'
 * const session = startSession(document)
 * session.version // 0
 * ```
 * @group Review
 */
export interface ReviewSession {
  /** The document as it stands. */
  readonly document: ReviewDocument
  /** Counts the changes since the session started; a client that edits names the version it saw. */
  readonly version: number
  /** Patches that undo the changes, the latest last. */
  readonly undo: readonly Patch[]
  /** Patches that redo undone changes, the latest undone last. */
  readonly redo: readonly Patch[]
}

/**
 * Starts a session on a document (checked first).
 *
 * @param document - the document
 * @returns a session at version 0 with empty history
 * @throws {@link ReviewError} when the document is malformed
 * @example
 * ```ts
 * import { startSession } from './history.js'
 * const session = startSession(createReviewDocument(source, target, beads))
 * ```
 * @group Review
 */
export function startSession(document: ReviewDocument): ReviewSession {
  checkReviewDocument(document)
  return { document, version: 0, undo: [], redo: [] }
}

/**
 * Applies a patch as a new change: the inverse goes on the undo stack and the redo stack is cleared. The result is
 * checked, so a patch that would break the invariants is refused and the session stays as it was.
 *
 * @param session - the session
 * @param patch - the change
 * @returns the new session
 * @throws {@link ReviewError} naming the broken invariant ("this is a bug": every edit makes valid patches)
 * @example
 * ```ts
 * import { applyChange } from './history.js'
 * const next = applyChange(session, patch)
 * ```
 * @internal
 */
export function applyChange(session: ReviewSession, patch: Patch): ReviewSession {
  const document = checked(applyPatch(session.document, patch))
  return { document, version: session.version + 1, undo: [...session.undo, invertPatch(session.document, patch)], redo: [] }
}

function checked(document: ReviewDocument): ReviewDocument {
  try {
    checkReviewDocument(document)
  } catch (error) {
    throw new ReviewError('INVALID_INPUT', `a change would break the document (${(error as Error).message.replace(/^mizan: /, '')}); this is a bug`)
  }
  return document
}

/**
 * Applies an edit.
 *
 * @param session - the session
 * @param edit - the edit (see {@link ReviewEdit})
 * @returns the new session, one version on
 * @throws {@link ReviewError} when the edit is refused (the session is unchanged)
 * @example
 * ```ts
 * import { applyEdit, startSession } from './history.js'
 * const session = applyEdit(startSession(document), { kind: 'merge', bead: 0, direction: 'next' })
 * ```
 * @group Review
 */
export function applyEdit(session: ReviewSession, edit: ReviewEdit): ReviewSession {
  return applyChange(session, editPatch(session.document, edit))
}

/**
 * Undoes the latest change (an edit, a re-alignment or a redo).
 *
 * @param session - the session
 * @returns the session one change back, one version on
 * @throws {@link ReviewError} when there is nothing to undo
 * @example
 * ```ts
 * import { undoChange } from './history.js'
 * const back = undoChange(session)
 * ```
 * @group Review
 */
export function undoChange(session: ReviewSession): ReviewSession {
  return step(session, 'undo', 'redo')
}

/**
 * Redoes the latest undone change.
 *
 * @param session - the session
 * @returns the session with the change made again, one version on
 * @throws {@link ReviewError} when there is nothing to redo
 * @example
 * ```ts
 * import { redoChange } from './history.js'
 * const again = redoChange(undoChange(session))
 * ```
 * @group Review
 */
export function redoChange(session: ReviewSession): ReviewSession {
  return step(session, 'redo', 'undo')
}

function step(session: ReviewSession, from: 'undo' | 'redo', to: 'undo' | 'redo'): ReviewSession {
  const patch = session[from][session[from].length - 1]
  if (patch === undefined) throw new ReviewError('INVALID_INPUT', `there is nothing to ${from}`)
  const document = checked(applyPatch(session.document, patch))
  const rest = session[from].slice(0, -1)
  const pushed = [...session[to], invertPatch(session.document, patch)]
  return from === 'undo' ? { document, version: session.version + 1, undo: rest, redo: pushed } : { document, version: session.version + 1, undo: pushed, redo: rest }
}
