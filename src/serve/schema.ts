/**
 * A small checker for the subset of JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it) that the server's
 * requests need: objects with `properties` and `required`, strings (`minLength`, `maxLength`, `enum`),
 * integers and numbers (`minimum`, `maximum`), booleans. The same objects validate requests and are written into
 * `/v1/openapi.json`, so the document cannot drift from what the server accepts.
 *
 * Query parameters arrive as strings; {@link checkQuery} converts integers, numbers and booleans before checking.
 *
 * @module
 */
import { HttpError } from './http-error.js'

/**
 * A JSON Schema, in the subset the checker knows.
 *
 * @example
 * ```ts
 * import type { Schema } from './schema.js'
 * const limit: Schema = { type: 'integer', minimum: 1, maximum: 50, default: 5 }
 * ```
 * @internal
 */
export interface Schema {
  type: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array'
  description?: string
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  enum?: readonly string[]
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  default?: unknown
}

function typeOk(schema: Schema, value: unknown): boolean {
  switch (schema.type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
    case 'array':
      return Array.isArray(value)
    case 'integer':
      return Number.isSafeInteger(value)
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    default:
      return typeof value === schema.type
  }
}

/**
 * Checks a value against a schema; the first problem is refused with 400 `INVALID_INPUT`, naming where it is
 * (`body.source`) and what was expected.
 *
 * @param schema - the schema
 * @param value - the value
 * @param where - its name in messages
 * @throws {@link HttpError} 400
 * @example
 * ```ts
 * import { checkValue } from './schema.js'
 * checkValue({ type: 'string', maxLength: 3 }, 'abcd', 'q') // throws: q must have at most 3 characters
 * ```
 * @internal
 */
export function checkValue(schema: Schema, value: unknown, where: string): void {
  const refuse = (expected: string): never => {
    throw new HttpError(400, 'INVALID_INPUT', `${where} must be ${expected}`)
  }
  if (!typeOk(schema, value)) refuse(schema.type === 'integer' ? 'an integer' : schema.type === 'object' ? 'a JSON object' : `a ${schema.type}`)
  if (typeof value === 'string') {
    const length = [...value].length
    if (schema.minLength !== undefined && length < schema.minLength) refuse(`at least ${schema.minLength} characters long`)
    if (schema.maxLength !== undefined && length > schema.maxLength) refuse(`at most ${schema.maxLength} characters long, got ${length}`)
    if (schema.enum !== undefined && !schema.enum.includes(value)) refuse(`one of ${schema.enum.join(', ')}`)
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) refuse(`at least ${schema.minimum}, got ${value}`)
    if (schema.maximum !== undefined && value > schema.maximum) refuse(`at most ${schema.maximum}, got ${value}`)
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => checkValue(schema.items!, item, `${where}[${i}]`))
  if (schema.type === 'object') {
    const object = value as Record<string, unknown>
    for (const name of schema.required ?? []) if (object[name] === undefined) refuse(`an object with ${name}`)
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (object[name] !== undefined) checkValue(property, object[name], `${where}.${name}`)
    }
  }
}

/**
 * Converts and checks query parameters against an object schema, filling in defaults.
 *
 * @param schema - an object schema whose properties are the parameters
 * @param params - the URL's parameters
 * @returns the parameters, typed as the schema says
 * @throws {@link HttpError} 400 for a missing, unknown-typed or out-of-range parameter
 * @example
 * ```ts
 * import { checkQuery } from './schema.js'
 * checkQuery({ type: 'object', properties: { limit: { type: 'integer', default: 5 } } }, new URLSearchParams('limit=3')) // { limit: 3 }
 * ```
 * @internal
 */
export function checkQuery(schema: Schema, params: URLSearchParams): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const raw = params.get(name)
    if (raw === null) {
      if (property.default !== undefined) result[name] = property.default
      continue
    }
    if (property.type === 'integer' || property.type === 'number') result[name] = raw.trim() === '' ? raw : Number(raw)
    else if (property.type === 'boolean') result[name] = raw === 'true' ? true : raw === 'false' ? false : raw
    else result[name] = raw
  }
  checkValue(schema, result, 'query')
  return result
}
