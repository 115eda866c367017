/**
 * Hashes the SQL backends use as compact, fixed-width index keys. Tokens and matching keys can be long Arabic
 * strings; an index over a 53-bit integer is smaller and faster than one over text, and fits a JavaScript number,
 * SQLite's INTEGER and PostgreSQL's bigint without conversion.
 *
 * A collision between two tokens (or two keys) only merges their postings: the candidate set grows by a few
 * units, which the exact scorer then rejects. So the hash never costs correctness, only (rarely) a little time.
 * The pair hash that enforces "one unit per source+target" is different: there a collision would merge two
 * different units, so it is a cryptographic digest (SHA-256) instead.
 *
 * @module
 * @internal
 */

/**
 * A 53-bit hash of a string: two 32-bit FNV-1a style passes (Fowler, Noll and Vo; the 32-bit offset basis and
 * prime from their published parameters) with different seeds, each finished with a multiply-xorshift avalanche,
 * combined into one safe integer (`0 <= h < 2^53`).
 *
 * @param text - the string to hash (hashed over UTF-16 code units, which is fine: we only need equality)
 * @returns a non-negative safe integer
 * @example
 * ```ts
 * hash53('الأمم') === hash53('الأمم') // true
 * ```
 * @internal
 */
export function hash53(text: string): number {
  let a = 0x811c9dc5
  let b = 0x9747b28c
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x5bd1e995)
    b ^= b >>> 15
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b)
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35)
  a ^= a >>> 16
  b = Math.imul(b ^ (b >>> 16), 0x7feb352d)
  b = Math.imul(b ^ (b >>> 15), 0x846ca68b)
  b ^= b >>> 16
  return (b & 0x1fffff) * 0x100000000 + (a >>> 0)
}

/**
 * The index key of one token on one side of the memory: source and target tokens live in one postings table,
 * kept apart by the side prefix.
 *
 * @param side - `'source'` or `'target'`
 * @param token - a token of the matching key
 * @returns a non-negative safe integer
 * @example
 * ```ts
 * tokenHash('source', 'the') !== tokenHash('target', 'the') // true
 * ```
 * @internal
 */
export function tokenHash(side: 'source' | 'target', token: string): number {
  return hash53(side === 'source' ? `s\u0000${token}` : `t\u0000${token}`)
}
