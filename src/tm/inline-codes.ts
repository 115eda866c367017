/**
 * Inline codes in matching: ignored when scoring text, but a match whose codes differ from the query's loses a
 * small penalty ({@link defaultCodePenalty}), as CAT tools do (a 100% text match with different tags is not a
 * 100% match: the translator still has to fix the tags).
 *
 * @module
 */
import { OptionsError } from '../errors.js'
import type { InlineCode, InlineContent, TranslationUnit } from '../types.js'
import type { MatchSide } from '../storage/types.js'

/**
 * The score a match loses when its inline codes differ from the query's: 0.02, i.e. two points in a CAT tool's
 * percentage. Small enough that a tag difference never outweighs one edited word in a typical 10–20 word sentence
 * (one edit costs 0.05–0.1), large enough that among equal texts the one with the right tags ranks first.
 *
 * @example
 * ```ts
 * import { defaultCodePenalty } from './inline-codes.js'
 * defaultCodePenalty // 0.02
 * ```
 * @internal
 */
export const defaultCodePenalty = 0.02

/**
 * The codes of a text as a comparable signature: kind, id-independent data, in order. Ids are left out because
 * two documents number their tags independently; `data` (the native markup, e.g. `<b>`) and the kind are what a
 * translator sees.
 *
 * @internal
 */
export function codeSignature(content: InlineContent | undefined): string {
  if (content === undefined) return ''
  let signature = ''
  for (const part of content) {
    if (typeof part === 'string') continue
    signature += `${part.kind}:${part.element ?? ''}:${part.data ?? ''}\u0000`
  }
  return signature
}

/** The inline content of one side of a unit, when it has codes. @internal */
export function sideContent(unit: TranslationUnit, side: MatchSide): InlineContent | undefined {
  return side === 'source' ? unit.sourceContent : unit.targetContent
}

/**
 * Splits a query given as text or inline content into its plain text and code signature, checking its shape.
 *
 * @internal
 */
export function readQuery(text: unknown, name = 'text'): { plain: string; codes: string } {
  if (typeof text === 'string') return { plain: text, codes: '' }
  if (!Array.isArray(text)) throw new OptionsError(name, text, 'a string or inline content (an array of strings and inline codes)', 'INVALID_INPUT')
  let plain = ''
  for (const part of text as unknown[]) {
    if (typeof part === 'string') plain += part
    else if (!isInlineCode(part)) throw new OptionsError(name, text, 'inline content: strings and { kind, id } codes only', 'INVALID_INPUT')
  }
  return { plain, codes: codeSignature(text as InlineContent) }
}

function isInlineCode(value: unknown): value is InlineCode {
  if (typeof value !== 'object' || value === null) return false
  const code = value as { kind?: unknown; id?: unknown }
  return typeof code.id === 'string' && ['standalone', 'open', 'close', 'markStart', 'markEnd'].includes(code.kind as string)
}
