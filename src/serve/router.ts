/**
 * Routes: a method, a path pattern and a handler, with the schemas of the query and body it accepts. The pattern's
 * segments are literals or `{name}`; a last `{name+}` takes the rest of the path, slashes included (a tmserver
 * query is text, and text may hold `/`). Segments are percent-decoded after matching, so an encoded `/` in text
 * never splits it.
 *
 * @module
 */
import { HttpError } from './http-error.js'
import type { Schema } from './schema.js'

/**
 * What a handler gets.
 *
 * @example
 * ```ts
 * import type { RouteInput } from './router.js'
 * const input: RouteInput = { params: { id: 'u1' }, query: {}, body: undefined, raw: undefined, deadline: Date.now() + 10_000 }
 * ```
 * @internal
 */
export interface RouteInput {
  /** The path parameters, decoded. */
  params: Record<string, string>
  /** The query parameters, converted and checked against the route's `query` schema. */
  query: Record<string, unknown>
  /** The JSON body, checked against the route's `body` schema (raw routes: undefined). */
  body: unknown
  /** The body's bytes, for routes with `rawBody`. */
  raw: Buffer | undefined
  /**
   * When the request's time limit ends (a `Date.now()` time): searches take it as their `deadline`, so one that
   * runs past it stops and frees the CPU instead of finishing for a client already answered 503.
   */
  deadline: number
}

/**
 * What a handler answers: JSON, or text (a string or chunks, streamed) with a content type.
 *
 * @example
 * ```ts
 * import type { RouteAnswer } from './router.js'
 * const created: RouteAnswer = { status: 201, json: { id: 'u1' } }
 * ```
 * @internal
 */
export type RouteAnswer = { status?: number; json: unknown } | { status?: number; type: string; text: string | AsyncIterable<string> }

/**
 * One route of the server.
 *
 * @example
 * ```ts
 * import type { Route } from './router.js'
 * const health: Route = { method: 'GET', path: '/health', access: 'open', summary: 'liveness', handle: async () => ({ json: { status: 'ok' } }) }
 * ```
 * @internal
 */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  /** `open`: no token; `read`: the read token when the server has one; `write`: always the write token. */
  access: 'open' | 'read' | 'write'
  summary: string
  query?: Schema
  body?: Schema
  /** Hand the body over as bytes (uploads) instead of parsing JSON. */
  rawBody?: boolean
  /** The answer's schema, for the OpenAPI document. */
  answer?: Schema
  handle(input: RouteInput): Promise<RouteAnswer>
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, 'INVALID_INPUT', `the path segment ${JSON.stringify(segment.slice(0, 40))} is not valid percent-encoded UTF-8`)
  }
}

/** Matches one pattern against a path's raw segments; the parameters, or undefined. */
function matchPattern(pattern: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').slice(1)
  const params: Record<string, string> = {}
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    const rest = /^\{(\w+)\+\}$/.exec(part)
    if (rest && i === parts.length - 1) {
      // The rest must hold something: `/unit/` (empty) is amaGama's other form, with the text in `?source=`.
      const raw = segments.slice(i).join('/')
      if (raw === '') return undefined
      params[rest[1]!] = segments.slice(i).map(decode).join('/')
      return params
    }
    const segment = segments[i]
    if (segment === undefined) return undefined
    const name = /^\{(\w+)\}$/.exec(part)
    if (name) params[name[1]!] = decode(segment)
    else if (part !== segment) return undefined
  }
  return parts.length === segments.length ? params : undefined
}

/**
 * Finds the route for a method and a raw (still percent-encoded) path.
 *
 * @param routes - the routes, tried in order
 * @param method - the request method
 * @param pathname - the path, as sent
 * @returns the route and its decoded parameters
 * @throws {@link HttpError} 404 `ROUTE_NOT_FOUND` when no pattern matches, 405 when only other methods do
 * @example
 * ```ts
 * import { matchRoute } from './router.js'
 * matchRoute(routes, 'GET', '/v1/units/u1') // { route, params: { id: 'u1' } }
 * ```
 * @internal
 */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): { route: Route; params: Record<string, string> } {
  const segments = pathname.split('/').slice(1)
  let otherMethod = false
  for (const route of routes) {
    const params = matchPattern(route.path, segments)
    if (params === undefined) continue
    if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { route, params }
    otherMethod = true
  }
  if (otherMethod) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${pathname.slice(0, 80)}`)
  throw new HttpError(404, 'ROUTE_NOT_FOUND', `no route ${method} ${pathname.slice(0, 80)}; see /v1/openapi.json`)
}
