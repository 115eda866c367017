/**
 * The token diff a fuzzy match carries: what changed between the query and the match, token by token, computed by
 * jsdiff's `diffArrays` (Myers 1986 O(ND) diff) over matching keys, reported with the original spelling.
 *
 * @module
 */
import { diffArrays } from 'diff'
import { tokenizeWithOffsets } from './tokenize.js'
import type { NormalizeOptions } from './normalize.js'

/**
 * One run of a token diff from the query to a match. `'equal'` tokens are in both (shown as the match writes
 * them), `'removed'` only in the query, `'added'` only in the match.
 *
 * @example
 * ```ts
 * import type { DiffPart } from 'mizan'
 * const parts: DiffPart[] = [
 *   { op: 'equal', tokens: ['the'] },
 *   { op: 'removed', tokens: ['red'] },
 *   { op: 'added', tokens: ['blue'] },
 *   { op: 'equal', tokens: ['car'] },
 * ]
 * ```
 * @group Memory
 */
export interface DiffPart {
  /** What happened to these tokens going from the query to the match. */
  op: 'equal' | 'added' | 'removed'
  /** The tokens as written in the original text (the query's for `'removed'`, the match's otherwise). */
  tokens: string[]
}

interface Located {
  key: string
  raw: string
}

function locate(text: string, options: NormalizeOptions): Located[] {
  return tokenizeWithOffsets(text, options).map((token) => ({ key: token.token, raw: text.slice(token.start, token.end) }))
}

/**
 * Token diff from `query` to `match`, tokens compared by matching key.
 *
 * @param query - the query text
 * @param match - the matched unit's text on the searched side
 * @param options - normalisation options of the memory
 * @returns diff runs in order
 * @internal
 */
export function tokenDiff(query: string, match: string, options: NormalizeOptions): DiffPart[] {
  const changes = diffArrays(locate(query, options), locate(match, options), { comparator: (a, b) => a.key === b.key })
  return changes.map((change) => ({
    op: change.added ? 'added' : change.removed ? 'removed' : 'equal',
    tokens: change.value.map((token) => token.raw),
  }))
}
