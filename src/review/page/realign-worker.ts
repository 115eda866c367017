/**
 * Re-alignment off the page's main thread. On the static page (`mizan align --report`, no server) the page
 * re-aligns by itself, and on a large document that takes seconds to minutes (a 50,000-bead document: see
 * bench/review.ts): on the main thread the page would freeze, with no scrolling and no answer to keys. So the
 * static page runs it in a Web Worker, made from the page's own script: the page is one self-contained file with
 * one script, and the worker runs that same script, which in a worker (no `document`) only answers re-alignment
 * requests (entry.ts). Nothing is fetched: the script's text becomes a `blob:` URL, which the page's CSP allows as
 * a worker source and nothing else.
 *
 * @module
 * @internal
 */
import type { ReviewDocument } from '../model.js'
import type { Patch } from '../patch.js'
import { realignPatch, type RealignOptions } from '../realign.js'

/** What the page asks the worker. @internal */
export interface RealignRequest {
  /** Which request this is (answers come back in order, but the id says so). */
  id: number
  /** The document as it stands. */
  document: ReviewDocument
  /** Aligner options (languages). */
  options: RealignOptions
}

/** What the worker answers: the re-alignment's patch, or why it failed. @internal */
export type RealignAnswer = { id: number; patch: Patch } | { id: number; error: string }

/** The worker side of the messaging, as a dedicated worker's global scope offers it. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<RealignRequest>) => void) | null
  postMessage(answer: RealignAnswer): void
}

/**
 * In the worker: answers every request with `realignPatch` of its document.
 *
 * @param scope - the worker's global scope
 * @example
 * ```ts
 * if (typeof document === 'undefined') serveRealignment(self as unknown as Parameters<typeof serveRealignment>[0])
 * ```
 * @internal
 */
export function serveRealignment(scope: WorkerScope): void {
  scope.onmessage = (event) => {
    const { id, document, options } = event.data
    try {
      scope.postMessage({ id, patch: realignPatch(document, options) })
    } catch (error) {
      scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
    }
  }
}

/**
 * In the page: a function that re-aligns a document in a worker running `script` (the page's own script text), or
 * `undefined` when no worker can be made (no `Worker`, or a policy that refuses it): the caller then re-aligns on the
 * main thread. A worker that fails rejects the promise; the caller may fall back too.
 *
 * @param script - the page script's text
 * @returns the re-aligning function, or `undefined`
 * @example
 * ```ts
 * const realign = realignInWorker(document.currentScript!.textContent!)
 * const patch = realign ? await realign(session.document, { sourceLang: 'ar', targetLang: 'en' }) : realignPatch(session.document, options)
 * ```
 * @internal
 */
export function realignInWorker(script: string): ((document: ReviewDocument, options: RealignOptions) => Promise<Patch>) | undefined {
  let worker: Worker
  try {
    worker = new Worker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' })))
  } catch {
    return undefined
  }
  let next = 0
  const waiting = new Map<number, { resolve: (patch: Patch) => void; reject: (error: Error) => void }>()
  worker.onmessage = (event: MessageEvent<RealignAnswer>) => {
    const answer = event.data
    const pending = waiting.get(answer.id)
    if (pending === undefined) return
    waiting.delete(answer.id)
    if ('patch' in answer) pending.resolve(answer.patch)
    else pending.reject(new Error(answer.error))
  }
  // A worker that cannot start (or dies) fails every request it holds.
  worker.onerror = (event) => {
    event.preventDefault()
    for (const pending of waiting.values()) pending.reject(new Error(`the re-alignment worker failed: ${event.message}`))
    waiting.clear()
  }
  return (document, options) =>
    new Promise<Patch>((resolve, reject) => {
      const id = next++
      waiting.set(id, { resolve, reject })
      worker.postMessage({ id, document, options } satisfies RealignRequest)
    })
}
