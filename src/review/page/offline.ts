/**
 * The static page's stand-in for the review server: the same answers to the same requests, computed in the page
 * with the same pure functions (edits, history, re-alignment), over the document embedded in the page. It lets
 * one page script serve both `mizan review` (server) and `mizan align --report` (a file, no network).
 *
 * @module
 * @internal
 */
import { toCorrections } from '../corrections.js'
import { applyChange, redoChange, startSession, undoChange, type ReviewSession } from '../history.js'
import type { Patch } from '../patch.js'
import { realignPatch } from '../realign.js'
import { editPatch, type ReviewEdit } from '../review-edit.js'
import { fromStaticReviewData, type StaticReviewData } from '../static-data.js'

/**
 * A review session held in the page.
 *
 * @example
 * ```ts
 * const backend = offlineBackend(JSON.parse(document.getElementById('mizan-data')!.textContent!))
 * backend.request('/api/edit', { version: 0, edit: { kind: 'approve', bead: 0 } })
 * ```
 * @internal
 */
export interface OfflineBackend {
  /** Answers a request as the server would (`/api/state`, `/api/edit`); throws the server's refusals. */
  request(path: string, body?: unknown): Record<string, unknown>
  /** The corrections file of the document as it stands (JSON text). */
  corrections(): string
}

/**
 * Starts a session on a static page's data.
 *
 * @param data - the embedded data
 * @returns the backend
 * @example
 * ```ts
 * const backend = offlineBackend(data)
 * ```
 * @internal
 */
export function offlineBackend(data: StaticReviewData): OfflineBackend {
  let session: ReviewSession = startSession(fromStaticReviewData(data))
  const realign = { sourceLang: data.sourceLang, targetLang: data.targetLang }
  const history = (): { canUndo: boolean; canRedo: boolean } => ({ canUndo: session.undo.length > 0, canRedo: session.redo.length > 0 })
  return {
    request(path, body) {
      if (path === '/api/state') return { version: session.version, document: session.document, names: data.names, ...history() }
      const { edit, action } = body as { edit?: ReviewEdit; action?: 'undo' | 'redo' | 'realign' }
      let patch: Patch
      if (edit !== undefined) {
        patch = editPatch(session.document, edit)
        session = applyChange(session, patch)
      } else if (action === 'realign') {
        patch = realignPatch(session.document, realign)
        session = applyChange(session, patch)
      } else {
        const stack = action === 'undo' ? session.undo : session.redo
        const top = stack[stack.length - 1]
        if (top === undefined) throw new Error(`there is nothing to ${String(action)}`)
        patch = top
        session = action === 'undo' ? undoChange(session) : redoChange(session)
      }
      return { version: session.version, patch, ...history() }
    },
    corrections() {
      return `${JSON.stringify(toCorrections(session.document, data.sourceText, data.targetText, data.names))}\n`
    },
  }
}
