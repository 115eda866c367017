/**
 * Tokens of a matching key, as the matching contract defines them: runs of letters, combining marks and digits,
 * and each other visible character (punctuation, symbols) as a token of its own. White space separates tokens and
 * is not one.
 *
 * Unicode properties are used on purpose: in JavaScript regexes `\w` and `\d` are ASCII-only even with `/u`, so
 * they would split every Arabic word.
 *
 * @module
 */
import { OptionsError } from '../errors.js'
import { normalizeWithOffsets, type NormalizeOptions } from './normalize.js'

const TOKEN = /[\p{L}\p{M}\p{Nd}]+|[^\s\p{L}\p{M}\p{Nd}]/gu
const WORD = /^[\p{L}\p{M}\p{Nd}]/u
/** Any character that is not part of a word: punctuation, symbols, white space other than the key's spaces. */
const NOT_WORD = /[^\p{L}\p{M}\p{Nd}]/u

/**
 * Splits a matching key into tokens.
 *
 * @param key - a matching key from `normalizeForMatching` (any string works; the key makes tokens comparable)
 * @returns the tokens in order; `[]` for an empty or blank key
 * @throws OptionsError when `key` is not a string
 * @example
 * ```ts
 * import { normalizeForMatching } from 'mizan'
 * import { tokenizeKey } from './tokenize.js'
 * tokenizeKey(normalizeForMatching('كيف حالك؟', 'ar')) // ['كيف', 'حالك', '?']
 * tokenizeKey("don't stop") // ['don', "'", 't', 'stop']
 * ```
 * @internal
 */
export function tokenizeKey(key: string): string[] {
  if (typeof key !== 'string') throw new OptionsError('key', key, 'a string', 'INVALID_INPUT')
  // Fast path: a key is words separated by single spaces, and most words hold no punctuation, so split on spaces
  // and run the full token regex only on the pieces that need it (three times faster on real sentences).
  const tokens: string[] = []
  for (const piece of key.split(' ')) {
    if (piece === '') continue
    if (!NOT_WORD.test(piece)) tokens.push(piece)
    else for (const token of piece.match(TOKEN) ?? []) tokens.push(token)
  }
  return tokens
}

/**
 * True when a token is a word (letters, marks or digits) rather than a punctuation mark or symbol.
 *
 * @param token - a token from {@link tokenizeKey}
 * @returns whether it is a word token
 * @example
 * ```ts
 * import { isWordToken } from './tokenize.js'
 * isWordToken('حالك') // true
 * isWordToken('?')    // false
 * ```
 * @internal
 */
export function isWordToken(token: string): boolean {
  return WORD.test(token)
}

/**
 * A token of a key with the span of original text it came from.
 *
 * @internal
 */
export interface OffsetToken {
  /** The token (as in the key). */
  token: string
  /** UTF-16 offset of its first character in the original text. */
  start: number
  /** UTF-16 offset just past its last character in the original text. */
  end: number
}

/**
 * Tokens of the key of `text`, each with its span in `text`, for highlighting concordance hits and diffs.
 *
 * @param text - original text
 * @param options - normalisation options (as the memory uses)
 * @returns tokens with offsets into `text`
 * @internal
 */
export function tokenizeWithOffsets(text: string, options: NormalizeOptions = {}): OffsetToken[] {
  const mapped = normalizeWithOffsets(text, options)
  const tokens: OffsetToken[] = []
  for (const match of mapped.key.matchAll(TOKEN)) {
    const first = match.index
    const last = first + match[0].length - 1
    tokens.push({ token: match[0], start: mapped.starts[first]!, end: mapped.ends[last]! })
  }
  return tokens
}
