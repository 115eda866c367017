/**
 * The review server's guards, each a small function over a request, tested alone: the token, the origin (and
 * host), and the body size. A guard returns a {@link Refusal} (status and message) or `undefined` to let the
 * request through.
 *
 * Why each: the server listens on loopback, but any web page the user opens can send requests to 127.0.0.1. The
 * token (random, printed in the URL) proves the request comes from someone who saw the URL; the Origin check
 * refuses requests that a browser says come from another site; the Host check refuses DNS-rebinding (a foreign
 * name resolved to 127.0.0.1 makes the browser treat our server as that site's origin); the body limit keeps a
 * client from filling memory.
 *
 * @module
 */
import { equalSecrets, readBody as readBytes, tokenHeader, type RequestHead } from '../serve/guards.js'
import { HttpError } from '../serve/http-error.js'

/**
 * Why a request is refused: the HTTP status and a message for the client.
 *
 * @example
 * ```ts
 * import type { Refusal } from './middleware.js'
 * const refusal: Refusal = { status: 403, message: 'mizan: requests from http://evil.example are refused' }
 * ```
 * @internal
 */
export interface Refusal {
  status: number
  message: string
}

// One request head type, one token header and one constant-time comparison for both local servers.
export { tokenHeader, type RequestHead } from '../serve/guards.js'

/**
 * A guard that requires the token, in the `x-mizan-token` header or the `token` query parameter.
 *
 * @param token - the server's token
 * @returns the guard
 * @example
 * ```ts
 * import { requireToken } from './middleware.js'
 * requireToken('s3cret')({ headers: {}, url: '/api/state?token=s3cret', method: 'GET' }) // undefined: let through
 * ```
 * @internal
 */
export function requireToken(token: string): (request: RequestHead) => Refusal | undefined {
  return (request) => {
    const header = request.headers[tokenHeader]
    const fromHeader = Array.isArray(header) ? header[0] : header
    const fromQuery = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? undefined
    const given = fromHeader ?? fromQuery
    if (given === undefined) return { status: 401, message: `mizan: this review server needs its token (the ${tokenHeader} header or ?token= in the URL it printed)` }
    if (!equalSecrets(given, token)) return { status: 403, message: 'mizan: wrong token; use the URL the review server printed' }
    return undefined
  }
}

/**
 * A guard that refuses requests from other origins: an `Origin` header other than the server's own, a
 * `Sec-Fetch-Site` of `cross-site` or `same-site`, or a `Host` that is not the server's loopback address and port
 * (DNS rebinding).
 *
 * @param port - the port the server listens on
 * @returns the guard
 * @example
 * ```ts
 * import { requireSameOrigin } from './middleware.js'
 * requireSameOrigin(8080)({ headers: { host: '127.0.0.1:8080', origin: 'https://evil.example' }, url: '/', method: 'POST' })
 * // { status: 403, message: 'mizan: requests from https://evil.example are refused ...' }
 * ```
 * @internal
 */
export function requireSameOrigin(port: number): (request: RequestHead) => Refusal | undefined {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  return (request) => {
    const host = request.headers.host
    if (host === undefined || !hosts.has(host.toLowerCase())) return { status: 403, message: `mizan: requests for host ${JSON.stringify(host ?? '')} are refused; this server answers as 127.0.0.1:${port}` }
    const origin = request.headers.origin
    if (origin !== undefined && origin !== `http://${host.toLowerCase()}`) return { status: 403, message: `mizan: requests from ${origin} are refused; only the review page itself may call this server` }
    const site = request.headers['sec-fetch-site']
    if (site === 'cross-site' || site === 'same-site') return { status: 403, message: `mizan: ${site} requests are refused; only the review page itself may call this server` }
    return undefined
  }
}

/**
 * Reads a request body as UTF-8 text, up to `limit` bytes: a `Content-Length` over it is refused before reading,
 * and a body that grows past it while streaming is cut off.
 *
 * @param request - the request (a readable stream of bytes)
 * @param limit - the most bytes accepted
 * @returns the body, or a refusal (413) when it is too large
 * @example
 * ```ts
 * import { readBody } from './middleware.js'
 * const body = await readBody(request, 64 * 1024)
 * if (typeof body !== 'string') respond(body.status, body.message)
 * ```
 * @internal
 */
export async function readBody(request: AsyncIterable<Buffer | string> & RequestHead, limit: number): Promise<string | Refusal> {
  try {
    return (await readBytes(request, limit)).toString('utf8')
  } catch (error) {
    // The one size-limited reader (serve/guards.ts); its only refusal is 413, answered here as a Refusal.
    if (error instanceof HttpError) return { status: error.status, message: error.message }
    throw error
  }
}
