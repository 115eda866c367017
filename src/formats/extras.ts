/**
 * The unit fields no format has a native slot for (context, origin, alignment, and in some formats dates and
 * finer states), as a flat list of typed strings. Each format stores the list in its own extension point:
 * XLIFF 2 `mda:meta` in a `mizan` metaGroup, XLIFF 1.2 `context` elements with `x-` context types, TMX `prop`.
 *
 * @module
 * @internal
 */
import { FormatError } from '../errors.js'
import type { TranslationUnit } from '../types.js'
import { formatIndexes, parseIndexes, skip, type ReadOptions, type SkippedItem } from './common.js'
import { fallback } from './fast-cursor.js'
import { validBoundaries } from '../tm/unit-parts.js'

/** One extra: a type (`'alignment-score'`) and its text. @internal */
export type Extra = [type: string, value: string]

/** The fields every format stores as extras; dates only where the format has no native field. @internal */
export function unitExtras(unit: TranslationUnit, options: { dates: boolean }): Extra[] {
  const extras: Extra[] = []
  if (unit.context?.previous !== undefined) extras.push(['context-previous', unit.context.previous])
  if (unit.context?.next !== undefined) extras.push(['context-next', unit.context.next])
  if (unit.origin?.document !== undefined) extras.push(['origin-document', unit.origin.document])
  if (unit.origin?.sourceSentences !== undefined) extras.push(['origin-source-sentences', formatIndexes(unit.origin.sourceSentences)])
  if (unit.origin?.targetSentences !== undefined) extras.push(['origin-target-sentences', formatIndexes(unit.origin.targetSentences)])
  if (unit.alignment !== undefined) {
    extras.push(['alignment-score', String(unit.alignment.score)])
    extras.push(['alignment-shape', unit.alignment.shape])
  }
  // Sentence boundaries inside a multi-sentence bead (issue #14): UTF-16 offsets into the side's plain text.
  if (unit.parts?.source !== undefined && unit.parts.source.length > 0) extras.push(['parts-source', formatIndexes(unit.parts.source)])
  if (unit.parts?.target !== undefined && unit.parts.target.length > 0) extras.push(['parts-target', formatIndexes(unit.parts.target)])
  if (options.dates) {
    if (unit.createdAt !== undefined) extras.push(['created', unit.createdAt])
    if (unit.changedAt !== undefined) extras.push(['changed', unit.changedAt])
  }
  return extras
}

/**
 * What a reader does with an extra it cannot use, because it is malformed or disagrees with the unit's text (a
 * segment map whose lengths do not add up to the text, say): the text always wins. The extra is left out and the
 * unit kept with its text, and the reader reports it (see {@link reportLeftOut}). The fast paths give the unit up to
 * the tree reader instead, which does that.
 *
 * @param message - what is wrong, naming the unit, the extra and what was expected
 * @param line - where the extra is, when known (else the unit's line)
 * @internal
 */
export type DropExtra = (message: string, line?: number, column?: number) => void

/** The fast paths' {@link DropExtra}: anything to leave out or report leaves the unit to the tree reader. @internal */
export const giveUp: DropExtra = () => fallback()

/**
 * Reports an extra a reader left out: in a lenient read as a skipped item (and to the logger), in a strict one to
 * the logger only (code `FORMAT_EXTRA_LEFT_OUT`), since the document itself is valid: a tool kept a prop it does not
 * know beside text it changed, which TMX 1.4b (props of any type) and XLIFF 1.2 (context groups of `x-` types) allow.
 *
 * @internal
 */
export function reportLeftOut(handler: { skipped: SkippedItem[] }, options: ReadOptions, item: SkippedItem): void {
  const reported = { ...item, message: `${item.message}; left out, the unit kept with its text` }
  if (options.lenient) skip(handler, options, reported)
  else options.logger?.('warn', reported.message, 'FORMAT_EXTRA_LEFT_OUT')
}

/**
 * The item {@link reportLeftOut} takes for a left-out extra: its message as a FormatError's (the format and the
 * place), and the place. @internal
 */
export function leftOutItem(format: string, message: string, line: number, column: number): SkippedItem {
  return { message: new FormatError(message, { format, line, column }).message, line, column }
}

function extraError(unit: TranslationUnit, type: string, value: string, format: string, line: number | undefined, expected: string, drop: DropExtra | undefined): void {
  const message = `unit "${unit.id}": ${type} must be ${expected}, got ${JSON.stringify(value)}`
  if (drop === undefined) throw new FormatError(message, { format, ...(line === undefined ? {} : { line }) })
  drop(message, line)
}

/**
 * Applies one extra to a unit being read. Returns false for a type it does not know, so the caller can keep it
 * as plain metadata. A malformed value is a FormatError, or goes to `drop` when given (see {@link DropExtra}), and
 * then counts as applied.
 *
 * @internal
 */
export function applyExtra(unit: TranslationUnit, type: string, value: string, format: string, line?: number, drop?: DropExtra): boolean {
  switch (type) {
    case 'context-previous':
      ;(unit.context ??= {}).previous = value
      return true
    case 'context-next':
      ;(unit.context ??= {}).next = value
      return true
    case 'origin-document':
      ;(unit.origin ??= {}).document = value
      return true
    case 'origin-source-sentences':
    case 'origin-target-sentences': {
      const indexes = parseIndexes(value)
      if (indexes === undefined) extraError(unit, type, value, format, line, 'space-separated sentence indexes', drop)
      else (unit.origin ??= {})[type === 'origin-source-sentences' ? 'sourceSentences' : 'targetSentences'] = indexes
      return true
    }
    case 'alignment-score': {
      // `+ 0` turns -0 into 0, which the writer writes as "0" (so the unit reads back equal).
      const score = Number(value) + 0
      if (value.trim() === '' || !Number.isFinite(score)) extraError(unit, type, value, format, line, 'a number', drop)
      else unit.alignment = { shape: unit.alignment?.shape ?? '', score }
      return true
    }
    case 'alignment-shape':
      unit.alignment = { score: unit.alignment?.score ?? Number.NaN, shape: value }
      return true
    case 'parts-source':
    case 'parts-target': {
      const offsets = parseIndexes(value)
      if (offsets === undefined || offsets.length === 0) extraError(unit, type, value, format, line, 'space-separated sentence offsets', drop)
      else (unit.parts ??= {})[type === 'parts-source' ? 'source' : 'target'] = offsets
      return true
    }
    case 'created':
      unit.createdAt = value
      return true
    case 'changed':
      unit.changedAt = value
      return true
  }
  return false
}

/** Checks what applyExtra left half-done (a shape without a score); with `drop`, the shape is left out. @internal */
export function finishExtras(unit: TranslationUnit, format: string, drop?: DropExtra): void {
  if (unit.alignment && Number.isNaN(unit.alignment.score)) {
    const message = `unit "${unit.id}" has an alignment shape but no alignment score`
    if (drop === undefined) throw new FormatError(message, { format })
    drop(message)
    delete unit.alignment
  }
}

/**
 * Checks a read unit's sentence boundaries (`parts`) against its text, once `source` and `target` are set: each
 * side's offsets must ascend inside the text. Otherwise the text wins: the side's boundaries are a FormatError,
 * or go to `drop` when given and are left out.
 *
 * @internal
 */
export function finishParts(unit: TranslationUnit, format: string, drop?: DropExtra): void {
  if (unit.parts === undefined) return
  for (const side of ['source', 'target'] as const) {
    const offsets = unit.parts[side]
    if (offsets === undefined || validBoundaries(offsets, unit[side].length)) continue
    const message = `unit "${unit.id}": parts-${side} must be ascending offsets inside its ${unit[side].length}-character ${side} text, got "${formatIndexes(offsets)}"`
    if (drop === undefined) throw new FormatError(message, { format })
    drop(message)
    delete unit.parts[side]
  }
  if (unit.parts.source === undefined && unit.parts.target === undefined) delete unit.parts
}

/** TMX dates (`YYYYMMDDThhmmssZ`, TMX 1.4b §3.1) from ISO 8601; undefined when the ISO text is not a UTC date-time. @internal */
export function isoToTmxDate(iso: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/.exec(iso)
  if (!match) return undefined
  return `${match[1]}${match[2]}${match[3]}T${match[4]}${match[5]}${match[6]}Z`
}

/** ISO 8601 (`YYYY-MM-DDThh:mm:ssZ`) from a TMX date; undefined when malformed. @internal */
export function tmxDateToIso(tmx: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(tmx)
  if (!match) return undefined
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`
}
