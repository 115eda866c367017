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
import { realignInWorker } from './realign-worker.js'

/**
 * The page's own script text, for the re-alignment worker (realign-worker.ts); read while the script first runs,
 * since `document.currentScript` is null afterwards.
 */
const ownScript = typeof document === 'undefined' ? undefined : (document.currentScript?.textContent ?? undefined)

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
  /**
   * Answers a request as the server would (`/api/state`, `/api/edit`); throws the server's refusals. A re-alignment
   * answers later (a promise): it runs in a Web Worker, so the page does not freeze.
   */
  request(path: string, body?: unknown): Record<string, unknown> | Promise<Record<string, unknown>>
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
  let worker: ReturnType<typeof realignInWorker> | null = null
  /** Re-aligns in the worker (made on first use), or on the main thread where there is none or it failed. */
  const realignOffThread = async (): Promise<Record<string, unknown>> => {
    const before = session
    worker ??= ownScript === undefined ? undefined : realignInWorker(ownScript)
    const patch = worker === undefined ? realignPatch(before.document, realign) : await worker(before.document, realign).catch(() => realignPatch(before.document, realign))
    // The page sends one request at a time, so nothing changes meanwhile; were it otherwise, the patch would be stale.
    if (session !== before) throw new Error('the document changed while it was being re-aligned; re-align again')
    session = applyChange(session, patch)
    return { version: session.version, patch, ...history() }
  }
  return {
    request(path, body) {
      if (path === '/api/state') return { version: session.version, document: session.document, names: data.names, ...history() }
      const { edit, action } = body as { edit?: ReviewEdit; action?: 'undo' | 'redo' | 'realign' }
      let patch: Patch
      if (edit !== undefined) {
        patch = editPatch(session.document, edit)
        session = applyChange(session, patch)
      } else if (action === 'realign') {
        return realignOffThread()
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
