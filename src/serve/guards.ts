/**
 * The server's guards, each a small function over a request, tested alone (tests/serve/guards.test.ts): tokens,
 * origin, query length, body size, time per request, and whether an address is loopback. A guard throws an
 * {@link HttpError} to refuse, or returns to let the request through.
 *
 * Why each: reading may be open, but writing always needs a token, since anyone who can reach the port could
 * otherwise change the memory; browsers attach an `Origin` header to cross-site requests, so a page on another site
 * is refused unless `--cors` names it; the query, body and time limits keep one client from taking the memory or
 * the event loop from the others.
 *
 * @module
 */
import { timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import type { IncomingMessage } from 'node:http'
import { HttpError } from './http-error.js'

/**
 * What the guards read of a request (an `IncomingMessage` has it; tests pass plain objects).
 *
 * @example
 * ```ts
 * import type { RequestHead } from './guards.js'
 * const head: RequestHead = { method: 'GET', url: '/v1/stats', headers: { authorization: 'Bearer s3cret' } }
 * ```
 * @internal
 */
export type RequestHead = Pick<IncomingMessage, 'headers' | 'url' | 'method'>

/**
 * The header a client may send its token in (besides `Authorization: Bearer`).
 *
 * @example
 * ```ts
 * import { tokenHeader } from './guards.js'
 * await fetch(url, { headers: { [tokenHeader]: token } })
 * ```
 * @internal
 */
export const tokenHeader = 'x-mizan-token'

/**
 * Compares in constant time, so the time taken tells nothing about how much of a guess was right. The review
 * server's guards use it too.
 * @internal
 */
export function equalSecrets(given: string, token: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * The token a request carries: `Authorization: Bearer …`, the `x-mizan-token` header, or `?token=` (for clients
 * such as Weblate's tmserver backend that can only be given a URL).
 *
 * @param request - the request
 * @returns the token, or undefined when it carries none
 * @example
 * ```ts
 * import { tokenOf } from './guards.js'
 * tokenOf({ headers: { authorization: 'Bearer s3cret' }, url: '/v1/stats', method: 'GET' }) // 's3cret'
 * ```
 * @internal
 */
export function tokenOf(request: RequestHead): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')
  if (bearer) return bearer[1]
  const header = request.headers[tokenHeader]
  const fromHeader = Array.isArray(header) ? header[0] : header
  if (fromHeader !== undefined) return fromHeader
  return new URL(request.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined
}

/**
 * Requires `token` on a request: 401 `TOKEN_MISSING` without one, 403 `TOKEN_WRONG` with another.
 *
 * @param request - the request
 * @param token - the token required
 * @param what - `'read'` or `'write'`, for the message
 * @throws {@link HttpError} when the request does not carry the token
 * @example
 * ```ts
 * import { requireToken } from './guards.js'
 * requireToken({ headers: { 'x-mizan-token': 'w' }, url: '/v1/units', method: 'POST' }, 'w', 'write') // passes
 * ```
 * @internal
 */
export function requireToken(request: RequestHead, token: string, what: 'read' | 'write'): void {
  const given = tokenOf(request)
  if (given === undefined) throw new HttpError(401, 'TOKEN_MISSING', `this request needs the ${what} token (Authorization: Bearer, the ${tokenHeader} header or ?token=)`)
  if (!equalSecrets(given, token)) throw new HttpError(403, 'TOKEN_WRONG', `wrong ${what} token`)
}

/**
 * Refuses a request a browser sent from another site: an `Origin` header other than the one `--cors` allows.
 * Requests without `Origin` (command-line clients, CAT tools, servers) pass.
 *
 * @param request - the request
 * @param allowed - the origin `--cors` names, or undefined (CORS off: every foreign origin is refused)
 * @returns the CORS headers to send (none when CORS is off or the request has no `Origin`)
 * @throws {@link HttpError} 403 `ORIGIN_REFUSED`
 * @example
 * ```ts
 * import { checkOrigin } from './guards.js'
 * checkOrigin({ headers: { origin: 'https://tm.example' }, url: '/', method: 'GET' }, 'https://tm.example')
 * // { 'access-control-allow-origin': 'https://tm.example', vary: 'Origin' }
 * ```
 * @internal
 */
export function checkOrigin(request: RequestHead, allowed: string | undefined): Record<string, string> {
  const origin = request.headers.origin
  if (origin === undefined) return {}
  if (allowed === undefined || origin !== allowed) throw new HttpError(403, 'ORIGIN_REFUSED', `requests from ${origin} are refused${allowed === undefined ? ' (CORS is off; start the server with --cors ORIGIN)' : `; only ${allowed} may call this server`}`)
  return {
    'access-control-allow-origin': allowed,
    'access-control-allow-headers': `authorization, content-type, ${tokenHeader}`,
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    vary: 'Origin',
  }
}

/**
 * Refuses a request whose URL (path and query, as sent, percent-encoded) is longer than `limit` characters, with
 * 414 `QUERY_TOO_LONG`, before anything parses or searches it.
 *
 * @param request - the request
 * @param limit - the most characters accepted
 * @throws {@link HttpError} 414
 * @example
 * ```ts
 * import { checkUrlLength } from './guards.js'
 * checkUrlLength({ headers: {}, url: '/v1/fuzzy?q=' + 'x'.repeat(100_000), method: 'GET' }, 8192) // throws 414
 * ```
 * @internal
 */
export function checkUrlLength(request: RequestHead, limit: number): void {
  const length = request.url?.length ?? 0
  if (length > limit) throw new HttpError(414, 'QUERY_TOO_LONG', `request URLs are limited to ${limit} characters; this one has ${length}`)
}

/**
 * Reads a request body, up to `limit` bytes: a `Content-Length` over it is refused before reading, and a body
 * that grows past it while streaming is cut off (413 `BODY_TOO_LARGE`).
 *
 * @param request - the request (a readable stream of bytes)
 * @param limit - the most bytes accepted
 * @returns the body's bytes
 * @throws {@link HttpError} 413
 * @example
 * ```ts
 * import { readBody } from './guards.js'
 * const bytes = await readBody(request, 1024 * 1024)
 * ```
 * @internal
 */
export async function readBody(request: AsyncIterable<Buffer | string> & RequestHead, limit: number): Promise<Buffer> {
  const tooLarge = (): HttpError => new HttpError(413, 'BODY_TOO_LARGE', `request bodies are limited to ${limit} bytes`)
  if (Number(request.headers['content-length'] ?? 0) > limit) throw tooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += bytes.length
    if (size > limit) throw tooLarge()
    chunks.push(bytes)
  }
  return Buffer.concat(chunks)
}

/**
 * Runs `work` with a time limit: when it has not settled after `ms`, the answer is 503 `TIMEOUT` (the work itself
 * cannot be stopped, but the client is answered and its connection freed).
 *
 * @param work - the handler's promise
 * @param ms - the limit in milliseconds
 * @returns what `work` resolves to
 * @throws {@link HttpError} 503 when the time is up
 * @example
 * ```ts
 * import { withTimeLimit } from './guards.js'
 * await withTimeLimit(tm.fuzzy(text), 10_000)
 * ```
 * @internal
 */
export async function withTimeLimit<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HttpError(503, 'TIMEOUT', `the request took longer than ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Whether a host to listen on is a loopback address (only this machine can connect): `localhost`, 127.0.0.0/8
 * or `::1`.
 *
 * @param host - a host name or IP address
 * @returns true for loopback
 * @example
 * ```ts
 * import { isLoopback } from './guards.js'
 * isLoopback('127.0.0.1') // true
 * isLoopback('0.0.0.0') // false
 * ```
 * @internal
 */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (bare === 'localhost') return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  return bare === '::1' || bare === '0:0:0:0:0:0:0:1'
}
