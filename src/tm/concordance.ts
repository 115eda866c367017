/**
 * Concordance: find the query's words, in order, inside a unit's tokens, and map the hits back to the original
 * text for highlighting. This is the "concordance search" of CAT tools (Trados, memoQ, OmegaT), on matching keys,
 * so diacritics, alef forms, digits and case do not get in the way.
 *
 * @module
 * @internal
 */
import { tokenizeWithOffsets } from './tokenize.js'
import type { NormalizeOptions } from './normalize.js'

/**
 * A span of original text, `text.slice(start, end)`.
 *
 * @example
 * ```ts
 * import type { TextSpan } from 'mizan'
 * const text = 'حُقُوق الإنسان'
 * const span: TextSpan = { start: 0, end: 6 }
 * text.slice(span.start, span.end) // 'حُقُوق'
 * ```
 * @group Memory
 */
export interface TextSpan {
  /** UTF-16 offset of the first character. */
  start: number
  /** UTF-16 offset just past the last character. */
  end: number
}

/**
 * The tightest in-order occurrence of `words` in `tokens`: for every position where the first word occurs, match
 * the following words greedily to the right (greedy is optimal for a fixed start), keep the shortest window.
 * Returns the token positions of the hit, or `undefined`.
 *
 * @internal
 */
export function findInOrder(tokens: readonly string[], words: readonly string[]): number[] | undefined {
  if (words.length === 0) return undefined
  let best: number[] | undefined
  for (let start = 0; start < tokens.length; start++) {
    if (tokens[start] !== words[0]) continue
    const positions = [start]
    let at = start + 1
    for (let w = 1; w < words.length && at <= tokens.length; w++) {
      while (at < tokens.length && tokens[at] !== words[w]) at++
      if (at === tokens.length) break
      positions.push(at)
      at++
    }
    if (positions.length < words.length) break // no later start can succeed either: the rest only shrinks
    const width = positions[positions.length - 1]! - start
    if (best === undefined || width < best[best.length - 1]! - best[0]!) best = positions
    if (width === words.length - 1) break // contiguous: cannot do better
  }
  return best
}

/**
 * Spans in `text` of the hit positions, with adjacent tokens merged into one span (so a phrase hit is one span).
 * Tokenizes `text` again with offsets; if that tokenization disagrees with the stored tokens (only for exotic
 * cross-cluster NFKC compositions), the hit is searched again in the offset tokens.
 *
 * @internal
 */
export function hitSpans(text: string, tokens: readonly string[], positions: readonly number[], words: readonly string[], options: NormalizeOptions): TextSpan[] {
  const located = tokenizeWithOffsets(text, options)
  let at: readonly number[] | undefined = positions
  const agrees = located.length === tokens.length && located.every((token, index) => token.token === tokens[index])
  if (!agrees) at = findInOrder(located.map((token) => token.token), words)
  if (at === undefined) return []
  const spans: TextSpan[] = []
  let previous = -2
  for (const position of at) {
    const token = located[position]!
    const last = spans[spans.length - 1]
    if (last !== undefined && position === previous + 1) last.end = token.end
    else spans.push({ start: token.start, end: token.end })
    previous = position
  }
  return spans
}
