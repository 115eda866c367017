/**
 * `mizan serve`'s HTTP server: maps requests to library calls, as the CLI maps flags. For every request, in
 * order: the URL length, the origin, the route, the token, the query and body (checked against the route's
 * schemas), then the handler under the time limit; the answer is JSON (or a streamed export), and any refusal
 * or failure is a JSON error with a stable code (http-error.ts). One access log line per request.
 *
 * Built on Node's `http` module, like the review server: the routes are a dozen with small JSON bodies, the
 * guards are a few lines each (guards.ts) and the schema checker under a hundred (schema.ts); a framework such as
 * fastify would bring schema validation and an OpenAPI plugin, but also a dependency tree of its own into a
 * library whose core has none, and defaults (body parsers, CORS plugins) to audit on a server that writes into
 * a translation memory. Node's server handles each connection on its own, so a client sending its body slowly
 * holds only its own request (and `requestTimeout` ends it).
 *
 * @module
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TranslationMemory } from '../tm/translation-memory.js'
import { accessLogger, type AccessEntry } from './access-log.js'
import { checkOrigin, checkUrlLength, readBody, requireToken, tokenOf, withTimeLimit } from './guards.js'
import { errorAnswer, HttpError } from './http-error.js'
import { openApiDocument } from './openapi.js'
import { matchRoute, type Route, type RouteAnswer } from './router.js'
import { checkQuery, checkValue } from './schema.js'
import { tmserverRoutes } from './tmserver.js'
import { v1Routes } from './v1.js'

/**
 * Options of {@link startServeServer}.
 *
 * @example
 * ```ts
 * import type { ServeOptions } from './server.js'
 * const options: ServeOptions = { tm, port: 8080, writeToken: 's3cret' }
 * ```
 * @internal
 */
export interface ServeOptions {
  /** The memory served. */
  tm: TranslationMemory
  /** @defaultValue `'127.0.0.1'` (loopback: only this machine) */
  host?: string
  /** 0 picks a free port. @defaultValue `8080` */
  port?: number
  /** Reading needs this token when set. @defaultValue none (reading is open) */
  readToken?: string
  /** Writing always needs this token. @defaultValue 32 random hex digits (see the returned `writeToken`) */
  writeToken?: string
  /** The one browser origin allowed to call the server. @defaultValue none (CORS off) */
  cors?: string
  /** The largest request body, in bytes. @defaultValue `16 MiB` */
  maxBodyBytes?: number
  /** The longest request URL, in characters (percent-encoded, as sent). @defaultValue `16384` */
  maxUrlLength?: number
  /** The longest query text, in characters. @defaultValue `2000` */
  maxQueryLength?: number
  /** The most candidates a search returns. @defaultValue `50` */
  maxCandidates?: number
  /** The time a handler may take, in ms. @defaultValue `10000` */
  timeLimitMs?: number
  /** The time a client has to send its whole request, in ms (Node's `requestTimeout`). @defaultValue `30000` */
  requestTimeoutMs?: number
  /** Where access log lines go. @defaultValue nowhere */
  log?: (line: string) => void
  /** Log the URLs, and so the text searched for. @defaultValue `false` */
  logText?: boolean
  /** Called (and awaited) after every write. @defaultValue nothing */
  afterWrite?: () => Promise<void>
  /** Sent as the `x-mizan-worker` header of every answer, to tell the processes of `--workers` apart. @defaultValue none (no header) */
  worker?: string
  /** The version in the OpenAPI document. @defaultValue `'0.0.0'` */
  version?: string
}

/**
 * A running server.
 *
 * @example
 * ```ts
 * import { startServeServer, type RunningServe } from './server.js'
 * const server: RunningServe = await startServeServer({ tm, port: 0 })
 * const { url, writeToken } = server // e.g. 'http://127.0.0.1:41234' and the token for writes
 * await server.close()
 * ```
 * @internal
 */
export interface RunningServe {
  /** `http://host:port`. */
  url: string
  port: number
  /** The write token (given or generated). */
  writeToken: string
  /** Stops taking connections and resolves when the open ones are done. */
  close(): Promise<void>
}

const defaults = { host: '127.0.0.1', port: 8080, maxBodyBytes: 16 * 1024 * 1024, maxUrlLength: 16_384, maxQueryLength: 2000, maxCandidates: 50, timeLimitMs: 10_000, requestTimeoutMs: 30_000 }

async function send(response: ServerResponse, status: number, answer: RouteAnswer, headers: Record<string, string>, head: boolean): Promise<void> {
  if ('json' in answer) {
    const body = JSON.stringify(answer.json)
    response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
    response.end(head ? undefined : body)
    return
  }
  response.writeHead(status, { ...headers, 'content-type': answer.type })
  if (head) return void response.end()
  if (typeof answer.text === 'string') return void response.end(answer.text)
  for await (const chunk of answer.text) {
    // Wait for the client to take what was written before producing more (a slow reader holds only its own export).
    if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve))
  }
  response.end()
}

/**
 * Starts the server.
 *
 * @param options - the memory, address, tokens and limits
 * @returns the running server
 * @throws the `listen` error (for example `EADDRINUSE`)
 * @example
 * ```ts
 * import { startServeServer } from './server.js'
 * const server = await startServeServer({ tm, port: 0 })
 * await fetch(`${server.url}/tmserver/ar/en/unit/${encodeURIComponent('مرحبا')}`)
 * await server.close()
 * ```
 * @internal
 */
export async function startServeServer(options: ServeOptions): Promise<RunningServe> {
  const settings = { ...defaults, ...options }
  const writeToken = options.writeToken ?? randomBytes(16).toString('hex')
  const limits = { maxCandidates: settings.maxCandidates, maxQueryLength: settings.maxQueryLength }
  const routes: Route[] = [...tmserverRoutes(options.tm, limits), ...v1Routes(options.tm, { ...limits, afterWrite: options.afterWrite ?? (async () => undefined) })]
  const document = openApiDocument(routes, { title: 'mizan serve', version: settings.version ?? '0.0.0' })
  routes.push({ method: 'GET', path: '/v1/openapi.json', access: 'open', summary: 'this document', handle: async () => ({ json: document }) })
  const workerHeader: Record<string, string> = options.worker === undefined ? {} : { 'x-mizan-worker': options.worker }
  const log = accessLogger(options.log ?? (() => undefined), options.logText === true)

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint()
    const deadline = Date.now() + settings.timeLimitMs
    const entry: AccessEntry = { time: new Date().toISOString(), method: request.method ?? '', route: '-', status: 0, ms: 0, remote: request.socket.remoteAddress ?? '', url: request.url ?? '' }
    let headers: Record<string, string> = workerHeader
    try {
      checkUrlLength(request, settings.maxUrlLength)
      headers = { ...checkOrigin(request, options.cors), ...workerHeader }
      const url = new URL(request.url ?? '/', 'http://localhost')
      if (request.method === 'OPTIONS' && options.cors !== undefined) {
        entry.status = 204
        response.writeHead(204, { ...headers, 'access-control-max-age': '600' }).end()
        return
      }
      const { route, params } = matchRoute(routes, request.method ?? 'GET', url.pathname)
      entry.route = route.path
      if (route.access === 'write') requireToken(request, writeToken, 'write')
      // The write token also reads: a client that may change the memory may read it.
      if (route.access === 'read' && options.readToken !== undefined && tokenOf(request) !== writeToken) requireToken(request, options.readToken, 'read')
      const query = checkQuery(route.query ?? { type: 'object' }, url.searchParams)
      let raw: Buffer | undefined
      let body: unknown
      if (route.method === 'POST') {
        raw = await readBody(request, settings.maxBodyBytes)
        if (!route.rawBody) {
          try {
            body = JSON.parse(raw.toString('utf8'))
          } catch {
            throw new HttpError(400, 'INVALID_INPUT', 'the request body is not JSON')
          }
          if (route.body) checkValue(route.body, body, 'body')
        }
      }
      // Two guards: the deadline stops a search from inside (it checks the clock while scoring, where the event loop
      // cannot run a timer), the timer answers a handler waiting on something else (a database, a lock).
      const answer = await withTimeLimit(route.handle({ params, query, body, raw, deadline }), Math.max(0, deadline - Date.now()))
      entry.status = answer.status ?? 200
      await send(response, entry.status, answer, headers, request.method === 'HEAD')
    } catch (error) {
      const { status, body } = errorAnswer(error)
      entry.status = status
      entry.code = body.error.code
      if (response.headersSent) response.destroy()
      else await send(response, status, { json: body }, headers, request.method === 'HEAD')
      // A refused body may still be arriving: stop reading it once the refusal is sent.
      if (!request.complete) response.once('finish', () => request.destroy())
    } finally {
      entry.ms = Number(process.hrtime.bigint() - started) / 1e6
      log(entry)
    }
  }

  const server: Server = createServer(
    {
      requestTimeout: settings.requestTimeoutMs,
      headersTimeout: Math.min(settings.requestTimeoutMs, 20_000),
      // Node refuses a request head over 16 KiB with a bare 431; allowing 1 MiB lets the URL guard answer a long
      // query (100,000 Arabic characters are 600,000 percent-encoded: a pasted document) with a JSON 414 that says what the limit is.
      maxHeaderSize: 1024 * 1024,
    }, (request, response) => void handle(request, response))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host
  return {
    url: `http://${host}:${port}`,
    port,
    writeToken,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeIdleConnections()
      }),
  }
}
