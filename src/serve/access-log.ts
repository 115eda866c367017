/**
 * The access log: one JSON object per request, on one line, written to a stream (stderr by the CLI). It carries
 * the method, the path with the memory's text taken out, the status, the time taken and the client's address;
 * the text of queries and units is logged only when asked (`--log-text`), since a memory's sentences may be
 * confidential.
 *
 * @module
 */

/**
 * One access log entry.
 *
 * @example
 * ```ts
 * import type { AccessEntry } from './access-log.js'
 * const entry: AccessEntry = { time: '2026-12-07T10:00:00.000Z', method: 'GET', route: '/v1/fuzzy', status: 200, ms: 0.4, remote: '127.0.0.1' }
 * ```
 * @internal
 */
export interface AccessEntry {
  time: string
  method: string
  /** The route's pattern (`/tmserver/{source}/{target}/unit/{text}`), never the text it was called with. */
  route: string
  status: number
  ms: number
  remote: string
  /** The error code of a refusal. */
  code?: string
  /** The full URL as sent, with `--log-text` only. */
  url?: string
}

/**
 * Makes the logger: a function that writes an entry as a JSON line to `write`, dropping `url` unless
 * `logText`.
 *
 * @param write - where lines go (for example `(line) => process.stderr.write(line)`)
 * @param logText - keep the URL, and so the text searched for
 * @returns the logger
 * @example
 * ```ts
 * import { accessLogger } from './access-log.js'
 * const log = accessLogger((line) => process.stderr.write(line), false)
 * ```
 * @internal
 */
export function accessLogger(write: (line: string) => void, logText: boolean): (entry: AccessEntry) => void {
  return (entry) => {
    const { url, ...rest } = entry
    write(`${JSON.stringify(logText && url !== undefined ? { ...rest, url } : rest)}\n`)
  }
}
