/**
 * The sentences inside a unit made from a multi-sentence bead (issue #14): from the boundaries a unit keeps in
 * `TranslationUnit.parts` to the spans of each sentence in the unit's text. A 2-1 bead joins two Arabic sentences
 * into one unit; without its parts, `lookup` of either sentence finds nothing and `fuzzy` scores it against the
 * whole unit (about 45% for two sentences of equal length). With them, each sentence is matched on its own.
 *
 * @module
 */
import type { MatchSide } from '../storage/types.js'
import type { TranslationUnit, UnitParts } from '../types.js'

/**
 * Which sentence of a unit a part match matched: the side, its index (from 0) among the side's `count`
 * sentences, and its span in the unit's text on that side (UTF-16 offsets, white space around it left out).
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * await tm.add({ source: 'نعم. لا.', target: 'Yes and no.', parts: { source: [5] } })
 * const [match] = await tm.lookup('لا.')
 * match?.part // { side: 'source', index: 1, count: 2, start: 5, end: 8 }
 * ```
 * @group Memory
 */
export interface MatchPart {
  /** The side the sentence is on (the side searched). */
  side: MatchSide
  /** Which sentence, from 0. */
  index: number
  /** How many sentences that side of the unit has. */
  count: number
  /** Offset of the sentence's first character in the unit's text on that side. */
  start: number
  /** Offset just past its last character. */
  end: number
}

/** White space and the invisible bidi marks a sentence never starts or ends with (see `Sentence`). */
const OUTSIDE = /[\s\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u

/**
 * Whether `boundaries` are valid sentence starts inside a text of `length` UTF-16 units: integers, strictly
 * ascending, each above 0 and below `length`.
 *
 * @internal
 */
export function validBoundaries(boundaries: unknown, length: number): boundaries is number[] {
  if (!Array.isArray(boundaries)) return false
  let previous = 0
  for (const offset of boundaries) {
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset <= previous || offset >= length) return false
    previous = offset
  }
  return true
}

/**
 * The spans of the sentences of a text cut at `boundaries`, white space and bidi marks around each left out;
 * `[]` when there are no boundaries (a side of one sentence has no parts). Boundaries must be valid (see
 * {@link validBoundaries}).
 *
 * @param text - the unit's text on one side
 * @param boundaries - where each sentence after the first starts
 * @returns one span per sentence, in order (a blank sentence has an empty span)
 * @internal
 */
export function partSpans(text: string, boundaries: readonly number[] | undefined): Array<{ start: number; end: number }> {
  if (boundaries === undefined || boundaries.length === 0) return []
  const spans: Array<{ start: number; end: number }> = []
  for (let index = 0; index <= boundaries.length; index++) {
    let start = index === 0 ? 0 : boundaries[index - 1]!
    let end = index === boundaries.length ? text.length : boundaries[index]!
    while (start < end && OUTSIDE.test(text[start]!)) start++
    while (end > start && OUTSIDE.test(text[end - 1]!)) end--
    spans.push({ start, end })
  }
  return spans
}

/**
 * The sentence texts of one side of a unit, in order; `[]` when that side is one sentence.
 *
 * @internal
 */
export function partTexts(unit: Pick<TranslationUnit, 'source' | 'target' | 'parts'>, side: MatchSide): string[] {
  const text = sideText(unit, side)
  return partSpans(text, unit.parts?.[side]).map((span) => text.slice(span.start, span.end))
}

/**
 * The text of sentence `index` of one side of a unit; `undefined` when that side has no such sentence.
 *
 * @internal
 */
export function partText(unit: Pick<TranslationUnit, 'source' | 'target' | 'parts'>, side: MatchSide, index: number): string | undefined {
  const text = sideText(unit, side)
  const span = partSpans(text, unit.parts?.[side])[index]
  return span === undefined ? undefined : text.slice(span.start, span.end)
}

/**
 * The text of one side of a unit.
 *
 * @internal
 */
export function sideText(unit: Pick<TranslationUnit, 'source' | 'target'>, side: MatchSide): string {
  return side === 'source' ? unit.source : unit.target
}

/**
 * The {@link MatchPart} of sentence `index` of a unit's `side`.
 *
 * @internal
 */
export function matchPart(unit: Pick<TranslationUnit, 'source' | 'target' | 'parts'>, side: MatchSide, index: number): MatchPart {
  const spans = partSpans(sideText(unit, side), unit.parts?.[side])
  const span = spans[index]
  if (span === undefined) throw new Error(`mizan: unit part ${index} of ${spans.length} on the ${side} side; this is a bug`)
  return { side, index, count: spans.length, start: span.start, end: span.end }
}

/**
 * The boundaries of a unit joined from sentences: where each sentence after the first starts when `sentences`
 * are joined by `separator` (`toReviewUnits` joins a bead's sentences with one space).
 *
 * @internal
 */
export function joinedBoundaries(sentences: readonly string[], separator: string): number[] {
  const boundaries: number[] = []
  let at = 0
  for (let index = 0; index < sentences.length - 1; index++) {
    at += sentences[index]!.length + separator.length
    boundaries.push(at)
  }
  return boundaries
}

/**
 * The boundaries of a unit's side from the starts of its sentences in a document: each start after the first,
 * less the first's. `undefined` for a side of one sentence.
 *
 * @internal
 */
export function boundariesFrom(starts: readonly number[] | undefined): number[] | undefined {
  if (starts === undefined || starts.length < 2) return undefined
  return starts.slice(1).map((start) => start - starts[0]!)
}

/** {@link UnitParts} of two sides, or `undefined` when neither has several sentences. @internal */
export function unitPartsOf(source: number[] | undefined, target: number[] | undefined): UnitParts | undefined {
  if (source === undefined && target === undefined) return undefined
  const parts: UnitParts = {}
  if (source !== undefined) parts.source = source
  if (target !== undefined) parts.target = target
  return parts
}
