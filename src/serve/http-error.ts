/**
 * How the server answers a refusal or a failure: a JSON body `{ "error": { "code", "message" } }` with a status.
 * Library errors keep their {@link TmErrorCode}; refusals of the server itself (no token, too large, too slow)
 * have codes of their own, listed in {@link ServeErrorCode}.
 *
 * @module
 */
import { isTmError, type TmErrorCode } from '../errors.js'

/**
 * The codes the server's own refusals carry, beside the library's {@link TmErrorCode}s.
 *
 * @example
 * ```ts
 * import type { ServeErrorCode } from './http-error.js'
 * const code: ServeErrorCode = 'TOKEN_MISSING'
 * ```
 * @internal
 */
export type ServeErrorCode = 'TOKEN_MISSING' | 'TOKEN_WRONG' | 'ORIGIN_REFUSED' | 'BODY_TOO_LARGE' | 'QUERY_TOO_LONG' | 'TIMEOUT' | 'ROUTE_NOT_FOUND' | 'METHOD_NOT_ALLOWED'

/**
 * A refusal: the HTTP status, a stable code and a message for the client. Thrown by guards and handlers, caught
 * once by the server and written as JSON.
 *
 * @example
 * ```ts
 * import { HttpError } from './http-error.js'
 * throw new HttpError(401, 'TOKEN_MISSING', 'mizan: this request needs the write token')
 * ```
 * @internal
 */
export class HttpError extends Error {
  override name = 'HttpError'
  /**
   * @param status - the HTTP status
   * @param code - the stable code (a library code or one of the server's own)
   * @param message - what was refused and why
   */
  constructor(
    readonly status: number,
    readonly code: ServeErrorCode | TmErrorCode,
    message: string,
  ) {
    super(message.startsWith('mizan:') ? message : `mizan: ${message}`)
  }
}

/** The status a library error is answered with: the client's fault (4xx) or the server's (5xx). */
const statusOfCode: Partial<Record<TmErrorCode, number>> = {
  INVALID_OPTION: 400,
  INVALID_INPUT: 400,
  FORMAT_INVALID: 400,
  FORMAT_UNSAFE: 400,
  FORMAT_UNSUPPORTED: 415,
  FORMAT_TOO_LARGE: 413,
  DUPLICATE_UNIT: 409,
  NOT_FOUND: 404,
  STORAGE_CONFLICT: 409,
  STORAGE_LOCKED: 503,
  TIMEOUT: 503,
}

/**
 * The status, code and message any thrown value is answered with. An error mizan did not throw on purpose is a
 * bug: the client reads `INTERNAL` and no detail (the stack stays on the server).
 *
 * @param error - what was thrown
 * @returns the status and the JSON body
 * @example
 * ```ts
 * import { errorAnswer } from './http-error.js'
 * errorAnswer(new Error('boom')) // { status: 500, body: { error: { code: 'INTERNAL', message: 'mizan: internal error; this is a bug' } } }
 * ```
 * @internal
 */
export function errorAnswer(error: unknown): { status: number; body: { error: { code: string; message: string } } } {
  if (error instanceof HttpError) return { status: error.status, body: { error: { code: error.code, message: error.message } } }
  if (isTmError(error)) return { status: statusOfCode[error.code] ?? 500, body: { error: { code: error.code, message: error.message } } }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'mizan: internal error; this is a bug' } } }
}
