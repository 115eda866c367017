/**
 * The review server: maps HTTP to the review model, as the CLI maps flags to library calls. It validates, calls,
 * serialises; the edits, the history and the saving live in their own modules.
 *
 * Built on Node's `http` module: the API is four routes with JSON bodies, and the guards (token, origin, body
 * size) are a few lines each (middleware.ts); a framework would add a dependency to the library for nothing these
 * need, and its own defaults (body parsers, CORS helpers) would be one more thing to audit on a server that
 * writes into a translation memory.
 *
 * Routes (every one needs the token; see middleware.ts):
 * - `GET /` the editor page (self-contained, with a CSP that allows only its own script and requests to itself);
 * - `GET /api/state` the document, its version, whether undo and redo are possible, the save count;
 * - `POST /api/edit` `{ version, edit }` (a {@link ReviewEdit}) or `{ version, action: 'undo' | 'redo' | 'realign' }`:
 *   answers `{ version, patch, missed }`. An edit made on an older version (another tab changed the document since)
 *   is carried over those changes when it touches none of their beads, and `missed` lists them (the page applies
 *   them before `patch`); an edit of a bead changed since, or an action on an older version, is refused with 409
 *   "changed elsewhere, reload" (conflicts per bead, see rebase.ts);
 * - `POST /api/save` writes the memory now and answers when it is saved.
 *
 * @module
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isTmError } from '../errors.js'
import { applyChange, redoChange, undoChange, type ReviewSession } from './history.js'
import { readBody, requireSameOrigin, requireToken, type Refusal } from './middleware.js'
import type { Patch } from './patch.js'
import { realignPatch, type RealignOptions } from './realign.js'
import { rebaseEdit } from './rebase.js'
import { editPatch, parseReviewEdit, type ReviewEdit } from './review-edit.js'
import { ReviewError } from './review-error.js'
import type { ReviewWriter } from './save-review.js'

/**
 * Options of {@link startReviewServer}.
 *
 * @example
 * ```ts
 * import type { ReviewServerOptions } from './server.js'
 * const options: ReviewServerOptions = { session, writer, port: 0, page: (nonce) => html(nonce) }
 * ```
 * @group Review
 */
export interface ReviewServerOptions {
  /** The session to serve. */
  session: ReviewSession
  /**
   * Where saves go; without one, `POST /api/save` answers 409.
   * @defaultValue `undefined`
   */
  writer?: ReviewWriter
  /**
   * Save after every change (writes are queued; the last one always runs).
   * @defaultValue `true`
   */
  autosave?: boolean
  /**
   * Aligner options for re-alignment.
   * @defaultValue `{}`
   */
  realign?: RealignOptions
  /**
   * The port on 127.0.0.1; 0 picks a free one.
   * @defaultValue `0`
   */
  port?: number
  /**
   * The token requests must carry.
   * @defaultValue 32 random hex digits
   */
  token?: string
  /**
   * Makes the editor page's HTML for a CSP nonce (see page-html.ts).
   * @defaultValue a page that says the editor was not built
   */
  page?: (nonce: string) => string
  /**
   * The largest request body accepted, in bytes.
   * @defaultValue `65536`
   */
  maxBodyBytes?: number
  /**
   * Names shown on the page.
   * @defaultValue `{ source: 'source', target: 'target' }`
   */
  names?: { source: string; target: string }
}

/**
 * A running review server.
 *
 * @example
 * ```ts
 * const server = await startReviewServer({ session })
 * server.url // http://127.0.0.1:40123/?token=…
 * await server.close()
 * ```
 * @group Review
 */
export interface ReviewServer {
  /** The page's address, token included. */
  readonly url: string
  /** The port it listens on. */
  readonly port: number
  /** The token requests need. */
  readonly token: string
  /** The session as it stands. */
  session(): ReviewSession
  /** Waits for the writes under way (autosaves included). */
  flush(): Promise<void>
  /** Stops accepting requests, waits for the writes under way, and closes. */
  close(): Promise<void>
}

/**
 * The CSP of the editor page: nothing but its own nonce'd script and style, and requests to its own server.
 *
 * @param nonce - this response's nonce
 * @returns the `Content-Security-Policy` header value
 * @example
 * ```ts
 * editorPolicy('abc') // "default-src 'none'; script-src 'nonce-abc'; ..."
 * ```
 * @internal
 */
export function editorPolicy(nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`
}

/** Headers on every answer: no caching, no sniffing, and no Referer (the URL carries the token). */
const commonHeaders = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' }

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, { ...commonHeaders, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  response.end(text)
}

function refuse(response: ServerResponse, refusal: Refusal): void {
  send(response, refusal.status, { error: refusal.message })
}

/** The body of `POST /api/edit`, checked. */
function parseEditRequest(text: string): { version: number; edit?: ReviewEdit; action?: 'undo' | 'redo' | 'realign' } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ReviewError('INVALID_INPUT', 'the edit request is not JSON')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ReviewError('INVALID_INPUT', 'the edit request must be an object with version and edit (or action)')
  const { version, edit, action, ...rest } = value as Record<string, unknown>
  if (Object.keys(rest).length > 0) throw new ReviewError('INVALID_INPUT', `the edit request has an unknown field ${JSON.stringify(Object.keys(rest)[0])}`)
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) throw new ReviewError('INVALID_INPUT', `the edit request needs version, the document version the edit was made on; got ${JSON.stringify(version) ?? 'nothing'}`)
  if ((edit === undefined) === (action === undefined)) throw new ReviewError('INVALID_INPUT', 'the edit request needs either edit or action')
  if (action !== undefined) {
    if (action !== 'undo' && action !== 'redo' && action !== 'realign') throw new ReviewError('INVALID_INPUT', `action must be "undo", "redo" or "realign", got ${JSON.stringify(action)}`)
    return { version, action }
  }
  return { version, edit: parseReviewEdit(edit) }
}

/**
 * Starts the review server on 127.0.0.1.
 *
 * @param options - the session, where to save, port, token, page
 * @returns the running server, with its URL (token included)
 * @throws the listen error (e.g. `EADDRINUSE` for a port in use); nothing else (request errors are answers)
 * @example
 * ```ts
 * import { startReviewServer } from './server.js'
 * const server = await startReviewServer({ session, writer, page: editorPage })
 * process.stdout.write(`${server.url}\n`)
 * ```
 * @group Review
 */
export async function startReviewServer(options: ReviewServerOptions): Promise<ReviewServer> {
  let session = options.session
  const token = options.token ?? randomBytes(16).toString('hex')
  const limit = options.maxBodyBytes ?? 65_536
  const autosave = options.autosave ?? true
  const writer = options.writer
  const names = options.names ?? { source: 'source', target: 'target' }
  let lastSaveError: string | undefined
  /** Writes under way (autosave loops and explicit saves), for flush and close. */
  const inflight = new Set<Promise<unknown>>()
  const track = (promise: Promise<unknown>): void => {
    const settled = promise.catch(() => undefined).finally(() => inflight.delete(settled))
    inflight.add(settled)
  }
  const flushWrites = async (): Promise<void> => {
    while (inflight.size > 0) await Promise.all([...inflight])
  }

  const save = (): Promise<{ added: number; deleted: number }> => {
    if (writer === undefined) return Promise.reject(new ReviewError('STORAGE_CONFLICT', 'this review server has no memory to save into'))
    const written = writer.write(session.document)
    const settled = written.then(
      () => void (lastSaveError = undefined),
      (error: unknown) => void (lastSaveError = error instanceof Error ? error.message : String(error)),
    )
    track(settled)
    return written
  }

  // Autosaves coalesce: while one runs, later changes mark the document dirty, and one more write follows with
  // the document as it then stands (a large XLIFF memory is rewritten whole, so a write per keypress would queue).
  let running = false
  let dirty = false
  const scheduleSave = (): void => {
    if (running) {
      dirty = true
      return
    }
    running = true
    const loop = async (): Promise<void> => {
      do {
        dirty = false
        await save().catch(() => undefined)
      } while (dirty)
      running = false
    }
    track(loop())
  }

  // The patches of the latest changes, so an edit made on an older version can be carried over them (rebase.ts).
  // Bounded: a tab this many changes behind reloads.
  const recent: Patch[] = []
  const recentLimit = 1000
  const record = (patch: Patch): void => {
    recent.push(patch)
    if (recent.length > recentLimit) recent.shift()
  }
  const change = (patch: Patch): ReviewSession => {
    session = applyChange(session, patch)
    record(patch)
    return session
  }
  const documentChanged = (version: number): ReviewError =>
    new ReviewError('STORAGE_CONFLICT', `the document changed elsewhere (now version ${session.version}, this edit was made on version ${version}); reload`)

  async function handle(request: IncomingMessage, response: ServerResponse, port: number): Promise<void> {
    const refusal = requireSameOrigin(port)(request) ?? requireToken(token)(request)
    if (refusal !== undefined) return refuse(response, refusal)
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    if (request.method === 'GET' && path === '/') {
      const nonce = randomBytes(16).toString('base64')
      const html = options.page?.(nonce) ?? '<!doctype html><title>mizan review</title><p>The editor page was not built (npm run build).'
      response.writeHead(200, { ...commonHeaders, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': editorPolicy(nonce) })
      response.end(html)
      return
    }
    if (request.method === 'GET' && path === '/api/state') {
      return send(response, 200, { version: session.version, document: session.document, canUndo: session.undo.length > 0, canRedo: session.redo.length > 0, saves: writer?.writes ?? 0, saveError: lastSaveError ?? null, names })
    }
    if (request.method === 'POST' && (path === '/api/edit' || path === '/api/save')) {
      const body = await readBody(request, limit)
      if (typeof body !== 'string') return refuse(response, body)
      if (path === '/api/save') {
        const { added, deleted } = await save()
        return send(response, 200, { version: session.version, saves: writer?.writes ?? 0, added, deleted })
      }
      const parsed = parseEditRequest(body)
      const { version, action } = parsed
      let edit = parsed.edit
      let missed: Patch[] = []
      if (version !== session.version) {
        // Undo, redo and realign act on the whole document as it stands: they need the current version.
        const behind = session.version - version
        if (edit === undefined || behind < 0 || behind > recent.length) throw documentChanged(version)
        missed = recent.slice(recent.length - behind)
        edit = rebaseEdit(edit, missed)
      }
      let patch: Patch
      if (edit !== undefined) {
        patch = editPatch(session.document, edit)
        change(patch)
      } else if (action === 'realign') {
        patch = realignPatch(session.document, options.realign ?? {})
        change(patch)
      } else {
        const stack = action === 'undo' ? session.undo : session.redo
        const top = stack[stack.length - 1]
        if (top === undefined) throw new ReviewError('INVALID_INPUT', `there is nothing to ${String(action)}`)
        patch = top
        session = action === 'undo' ? undoChange(session) : redoChange(session)
        record(patch)
      }
      if (autosave && writer !== undefined) scheduleSave()
      // The last save's failure, if any, rides on every answer, so the page can say that edits are not being saved.
      return send(response, 200, { version: session.version, patch, missed, canUndo: session.undo.length > 0, canRedo: session.redo.length > 0, saveError: lastSaveError ?? null })
    }
    return send(response, path === '/' || path.startsWith('/api/') ? 405 : 404, { error: `mizan: no ${request.method ?? ''} ${path} here` })
  }

  const server: Server = createServer((request, response) => {
    handle(request, response, (server.address() as AddressInfo).port).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy()
      if (error instanceof ReviewError) return send(response, error.code === 'STORAGE_CONFLICT' ? 409 : 400, { error: error.message, code: error.code })
      if (isTmError(error)) return send(response, error.code === 'INVALID_OPTION' || error.code === 'INVALID_INPUT' ? 400 : 500, { error: error.message, code: error.code })
      send(response, 500, { error: `mizan: the review server failed: ${error instanceof Error ? error.message : String(error)}; this is a bug` })
    })
  })
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    session: () => session,
    flush: flushWrites,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      })
      await flushWrites()
    },
  }
}
