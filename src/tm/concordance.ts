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
import { matchesWord, type QueryWord } from './word-forms.js'

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
export function findInOrder(tokens: readonly string[], words: readonly QueryWord[]): number[] | undefined {
  if (words.length === 0) return undefined
  let best: number[] | undefined
  for (let start = 0; start < tokens.length; start++) {
    if (!matchesWord(words[0]!, tokens[start]!)) continue
    const positions = [start]
    let at = start + 1
    for (let w = 1; w < words.length && at <= tokens.length; w++) {
      while (at < tokens.length && !matchesWord(words[w]!, tokens[at]!)) at++
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
 * Spans in `text` of every occurrence of any query word (issue #14: a translator sees each place the term is
 * used, not only the first), as offsets into the original text, never the key: the text is tokenized again with
 * offsets. Adjacent occurrences merge into one span, so a phrase is one span.
 *
 * @internal
 */
export function occurrenceSpans(text: string, words: readonly QueryWord[], options: NormalizeOptions): TextSpan[] {
  const spans: TextSpan[] = []
  let previous = -2
  tokenizeWithOffsets(text, options).forEach((located, position) => {
    if (!words.some((word) => matchesWord(word, located.token))) return
    const last = spans[spans.length - 1]
    if (last !== undefined && position === previous + 1) last.end = located.end
    else spans.push({ start: located.start, end: located.end })
    previous = position
  })
  return spans
}
