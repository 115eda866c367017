/**
 * The OpenAPI 3.1 document of a server, built from its routes: each route's query and body schemas are the very
 * objects {@link checkQuery} and {@link checkValue} validate requests with, so the document says what the server
 * accepts. OpenAPI 3.1 schema objects are JSON Schema 2020-12 (OpenAPI Specification 3.1.0, section 4.8.24), the
 * dialect our {@link Schema} is a subset of.
 *
 * @module
 */
import type { Route } from './router.js'
import type { Schema } from './schema.js'

/**
 * Builds the OpenAPI document.
 *
 * @param routes - the server's routes
 * @param info - the title and version
 * @returns the document (a plain JSON value)
 * @example
 * ```ts
 * import { openApiDocument } from './openapi.js'
 * openApiDocument(routes, { title: 'mizan', version: '0.1.0' }).openapi // '3.1.0'
 * ```
 * @internal
 */
export function openApiDocument(routes: readonly Route[], info: { title: string; version: string }): { openapi: string; paths: Record<string, Record<string, unknown>>; [key: string]: unknown } {
  const paths: Record<string, Record<string, unknown>> = {}
  const errorSchema: Schema = { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } }, required: ['error'] }
  for (const route of routes) {
    // OpenAPI path templates have no "rest of the path" parameter; {text+} is written {text} (its slashes percent-encoded).
    const path = route.path.replace(/\{(\w+)\+\}/g, '{$1}')
    const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    const queryParameters = Object.entries(route.query?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: route.query?.required?.includes(name) ?? false, schema }))
    const operation: Record<string, unknown> = {
      summary: route.summary,
      parameters: [...pathParameters, ...queryParameters],
      responses: {
        [route.method === 'POST' && route.path === '/v1/units' ? '201' : '200']: { description: 'the answer', content: { 'application/json': { schema: route.answer ?? {} } } },
        default: { description: 'a refusal or failure, with a stable code', content: { 'application/json': { schema: errorSchema } } },
      },
    }
    if (route.access !== 'open') operation.security = [{ bearer: [] }]
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: route.body } } }
    if (route.rawBody) operation.requestBody = { required: true, content: { 'application/xliff+xml': {}, 'application/x-tmx+xml': {} } }
    ;(paths[path] ??= {})[route.method.toLowerCase()] = operation
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'the read token (when set) or the write token; also x-mizan-token or ?token=' } } },
  }
}
