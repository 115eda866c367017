/**
 * What the three formats share: read options and results, unit checks before writing, inline-content helpers,
 * dates, and the drivers that run a format handler over a string or a stream.
 *
 * @module
 * @internal
 */
import { FormatError } from '../errors.js'
import type { InlineCode, InlineContent, Logger, TranslationUnit, UnitNote, UnitSegment, UnitState } from '../types.js'
import { textChunks } from './text-chunks.js'
import { XmlTreeReader, codePointLabel, detachedString, escapeText, findForbiddenCharacter, type XmlElement, type XmlLimits, type XmlTreeHandler } from './xml.js'

/**
 * Options for every reader (`parseXliff`, `parseTmx`, `readXliff`, `readTmx`).
 *
 * @example
 * ```ts
 * import { parseXliff } from 'mizan'
 * const { units, skipped } = parseXliff(xml, { lenient: true, limits: { maxElementChars: 1_000_000 } })
 * ```
 * @group Formats
 */
export interface ReadOptions {
  /**
   * Read what can be read and report the rest in `skipped` instead of throwing: invalid units are left out,
   * and malformed XML ends the reading at the error.
   * @defaultValue false
   */
  lenient?: boolean
  /** Size limits against hostile input (depth, attributes, characters per unit, per token, in total). @defaultValue depth 256, 256 attributes, 16 MiB per unit and per token, no total limit */
  limits?: Partial<XmlLimits>
  /** Receives a warning for every skipped item in lenient mode. @defaultValue none */
  logger?: Logger
  /** The file name to put in error messages. @defaultValue the path, when a path is read */
  file?: string
}

/**
 * Something a lenient reader left out, and why.
 *
 * @example
 * ```ts
 * import { parseXliff } from 'mizan'
 * const problems = parseXliff(xml, { lenient: true }).skipped.map((item) => `line ${item.line}: ${item.message}`)
 * ```
 * @group Formats
 */
export interface SkippedItem {
  /** What was wrong. */
  message: string
  /** 1-based line, when known. */
  line?: number
  /** 1-based column, when known. */
  column?: number
}

/** A FormatError for a unit that cannot be written. @internal */
export function unitError(format: string, unit: TranslationUnit, message: string): FormatError {
  return new FormatError(`unit "${unit.id}" ${message}`, { format, code: 'INVALID_INPUT' })
}

/** Throws when text holds a character XML 1.0 cannot carry, naming the unit and the field. @internal */
function checkText(format: string, unit: TranslationUnit, field: string, text: string): void {
  const bad = findForbiddenCharacter(text)
  if (bad) {
    throw unitError(format, unit, `${field} holds ${codePointLabel(bad.codePoint)} at offset ${bad.offset}, which XML 1.0 cannot carry (control characters and lone surrogates are not allowed)`)
  }
}

/**
 * The unit's segments as writers see them: its `segments`, or one segment made of the unit itself.
 *
 * @internal
 */
export function segmentsOf(unit: TranslationUnit): UnitSegment[] {
  if (unit.segments && unit.segments.length > 0) return unit.segments
  const segment: UnitSegment = { source: unit.source, target: unit.target }
  if (unit.sourceContent) segment.sourceContent = unit.sourceContent
  if (unit.targetContent) segment.targetContent = unit.targetContent
  return [segment]
}

/** Inline content of one side of a segment (a single string when it has no codes). @internal */
export function contentOf(segment: UnitSegment, side: 'source' | 'target'): InlineContent {
  const content = side === 'source' ? segment.sourceContent : segment.targetContent
  if (content) return content
  const text = side === 'source' ? segment.source : segment.target
  return text === '' ? [] : [text]
}

/** Joins the strings of inline content. @internal */
export function plainText(content: InlineContent): string {
  let text = ''
  for (const item of content) if (typeof item === 'string') text += item
  return text
}

/** Merges adjacent strings and drops empty ones, so equal content compares equal. @internal */
export function compactContent(content: InlineContent): InlineContent {
  const result: InlineContent = []
  for (const item of content) {
    if (typeof item === 'string') {
      if (item === '') continue
      const last = result.length - 1
      if (last >= 0 && typeof result[last] === 'string') result[last] = (result[last] as string) + item
      else result.push(item)
    } else result.push(item)
  }
  return result
}

/** Whether content holds at least one code. @internal */
export function hasCodes(content: InlineContent): boolean {
  return content.some((item) => typeof item !== 'string')
}

/**
 * Pairs the open/close codes and mark starts/ends of a content array that can be written as one element
 * spanning content (XLIFF 2 `pc`/`mrk`, 1.2 `g`/`mrk`, TMX `hi`). A stack walk: a close pairs with the
 * innermost open of the same id; an open it skips over can no longer span (it would cross), so it stays
 * unpaired and is written as empty start/end markers (`sc`/`ec`, `bx`/`ex`, `bpt`/`ept`). Returns partner
 * indexes for the spanning pairs, and `ends` for every open that has a close in the segment.
 *
 * @internal
 */
export function pairCodes(content: InlineContent, mayspan: (open: InlineCode, close: InlineCode) => boolean): { span: Map<number, number>; partner: Map<number, number> } {
  const span = new Map<number, number>()
  const partner = new Map<number, number>()
  const stack: number[] = []
  const unmatchedOpens = new Map<string, number[]>()
  for (let index = 0; index < content.length; index++) {
    const item = content[index]!
    if (typeof item === 'string') continue
    const isOpen = item.kind === 'open' || item.kind === 'markStart'
    const isClose = item.kind === 'close' || item.kind === 'markEnd'
    const key = `${item.kind === 'open' || item.kind === 'close' ? 'c' : 'm'}:${item.id}`
    if (isOpen) {
      stack.push(index)
      const list = unmatchedOpens.get(key) ?? []
      list.push(index)
      unmatchedOpens.set(key, list)
    } else if (isClose) {
      const list = unmatchedOpens.get(key)
      const openIndex = list?.pop()
      if (openIndex === undefined) continue
      partner.set(openIndex, index)
      partner.set(index, openIndex)
      const position = stack.lastIndexOf(openIndex)
      if (position === stack.length - 1 && mayspan(content[openIndex] as InlineCode, item)) span.set(openIndex, index)
      if (position !== -1) stack.splice(position, 1)
    }
  }
  return { span, partner }
}

/** The text of a segment side, checked, plus whether it has codes. @internal */
function checkSegmentContent(format: string, unit: TranslationUnit, field: string, content: InlineContent, codePoints: boolean): void {
  for (const item of content) {
    if (typeof item === 'string') {
      if (!codePoints) checkText(format, unit, field, item)
    } else {
      checkText(format, unit, `${field} code id`, item.id)
      if (item.data !== undefined && !codePoints) checkText(format, unit, `${field} code data`, item.data)
      for (const value of Object.values(item.attributes ?? {})) checkText(format, unit, `${field} code attribute`, value)
    }
  }
}

/** The values of {@link UnitState}, for the readers to check a state attribute, prop or meta against. @internal */
export const unitStates: ReadonlySet<string> = new Set<UnitState>(['initial', 'translated', 'reviewed', 'final'])

/** {@link checkUnit}'s answer for a plain unit: its source needs {@link escapeText} (else it is written as it is). @internal */
export const SOURCE_ESCAPES = 1
/** {@link checkUnit}'s answer for a plain unit: its target needs {@link escapeText}. @internal */
export const TARGET_ESCAPES = 2
/**
 * Anything in character data that needs a look: what XML 1.0 forbids (see findForbiddenCharacter's screen) and
 * what escapeText escapes. Most source and target texts have neither, and one scan of each tells both (the
 * longest texts of a unit were scanned twice, once to check and once to escape).
 */
const textNeedsLook = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/

/**
 * Checks every text field of a unit before it is written.
 *
 * @param codePoints - whether the writer writes the characters XML cannot carry in segment text and code data
 * itself (XLIFF 2 `<cp hex>`), so only the other fields are checked for them
 * @returns for a plain unit (no segments, no content arrays), {@link SOURCE_ESCAPES} and {@link TARGET_ESCAPES}
 * when that text needs escaping; both otherwise
 * @internal
 */
export function checkUnit(format: string, unit: TranslationUnit, codePoints = false): number {
  if (typeof unit.id !== 'string' || unit.id === '') throw new FormatError(`a unit has no id (got ${JSON.stringify(unit.id)})`, { format, code: 'INVALID_INPUT' })
  checkText(format, unit, 'id', unit.id)
  let escapes = SOURCE_ESCAPES | TARGET_ESCAPES
  if ((unit.segments === undefined || unit.segments.length === 0) && !unit.sourceContent && !unit.targetContent) {
    // Plain text (most units): the two strings, without building the segment view, each scanned once.
    escapes = 0
    if (textNeedsLook.test(unit.source)) {
      if (!codePoints) checkText(format, unit, 'source', unit.source)
      escapes |= SOURCE_ESCAPES
    }
    if (textNeedsLook.test(unit.target)) {
      if (!codePoints) checkText(format, unit, 'target', unit.target)
      escapes |= TARGET_ESCAPES
    }
  } else for (const segment of segmentsOf(unit)) {
    checkSegmentContent(format, unit, 'source', contentOf(segment, 'source'), codePoints)
    checkSegmentContent(format, unit, 'target', contentOf(segment, 'target'), codePoints)
    if (segment.id !== undefined) checkText(format, unit, 'segment id', segment.id)
    if (segment.subState !== undefined) checkText(format, unit, 'segment subState', segment.subState)
  }
  if (unit.notes !== undefined) for (const note of unit.notes) checkText(format, unit, 'note', note.text)
  if (unit.metadata !== undefined) {
    for (const key in unit.metadata) {
      if (!Object.hasOwn(unit.metadata, key)) continue
      checkText(format, unit, 'metadata key', key)
      checkText(format, unit, 'metadata value', unit.metadata[key]!)
    }
  }
  if (unit.context?.previous !== undefined) checkText(format, unit, 'context.previous', unit.context.previous)
  if (unit.context?.next !== undefined) checkText(format, unit, 'context.next', unit.context.next)
  if (unit.origin?.document !== undefined) checkText(format, unit, 'origin.document', unit.origin.document)
  if (unit.subState !== undefined) checkText(format, unit, 'subState', unit.subState)
  return escapes
}

/** `'1,2,3'` for a list of sentence indexes. @internal */
export function formatIndexes(indexes: readonly number[]): string {
  // One index (nearly every aligned pair): no join (which writes a null or undefined as '', hence the type check).
  return indexes.length === 1 && typeof indexes[0] === 'number' ? String(indexes[0]) : indexes.join(' ')
}

/** Parses `'1 2 3'` back; undefined when malformed. @internal */
export function parseIndexes(text: string): number[] | undefined {
  // One index of 1 to 9 ASCII digits (nearly every aligned pair): read in a loop, cheaper than a regex and Number.
  const length = text.length
  if (length > 0 && length <= 9) {
    let value = 0
    let index = 0
    for (; index < length; index++) {
      const digit = text.charCodeAt(index) - 48
      if (digit < 0 || digit > 9) break
      value = value * 10 + digit
    }
    if (index === length) return [value]
  }
  const trimmed = text.trim()
  if (trimmed === '') return []
  const parts = trimmed.split(/\s+/)
  const values = parts.map(Number)
  return values.every((value) => Number.isInteger(value) && value >= 0) ? values : undefined
}

/**
 * A sync or async source of units: an array, a generator, or `tm.units()`.
 *
 * @example
 * ```ts
 * import { writeXliffFile, type UnitSource } from 'mizan'
 * const units: UnitSource = tm.units()
 * await writeXliffFile('memory.xlf', units, { sourceLang: 'ar', targetLang: 'en' })
 * ```
 * @group Formats
 */
export type UnitSource = Iterable<TranslationUnit> | AsyncIterable<TranslationUnit>

/**
 * Input a stream reader accepts: a file path, a Node Readable, or any (async) iterable of strings or bytes.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs'
 * import { readTmx } from 'mizan'
 * const ids: string[] = []
 * for await (const unit of readTmx(createReadStream('memory.tmx'))) ids.push(unit.id)
 * ```
 * @group Formats
 */
export type ReadInput = string | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>

/** A format handler: an XML tree handler that queues the units it has read. @internal */
export interface UnitHandler extends XmlTreeHandler {
  /** Units read since the last drain. */
  queue: TranslationUnit[]
  /** Items a lenient read skipped. */
  skipped: SkippedItem[]
  /** Checks at the end of the document. */
  finish(): void
}

/** Runs a handler over a whole string. @internal */
export function parseString(handler: UnitHandler, xml: string, format: string, options: ReadOptions): void {
  if (typeof xml !== 'string') throw new FormatError(`expected the document as a string, got ${typeof xml}`, { format, code: 'INVALID_INPUT' })
  const reader = new XmlTreeReader(handler, format, options.limits, options.file)
  try {
    reader.feed(xml)
    reader.end()
    handler.finish()
  } catch (error) {
    if (!options.lenient || !(error instanceof FormatError) || error.code === 'FORMAT_UNSAFE') throw error
    skip(handler, options, { message: `${error.message} (the rest of the document was not read)`, ...where(error) })
  }
}

/** Runs a handler over a stream, yielding units as they complete. @internal */
export async function* parseStream(handler: UnitHandler, input: ReadInput, format: string, options: ReadOptions): AsyncGenerator<TranslationUnit> {
  const file = options.file ?? (typeof input === 'string' ? input : undefined)
  const reader = new XmlTreeReader(handler, format, options.limits, file)
  try {
    try {
      for await (const chunk of textChunks(input, format)) {
        reader.feed(chunk)
        if (handler.queue.length > 0) {
          const ready = handler.queue
          handler.queue = []
          // A loop, not `yield* ready`: delegating to an array from an async generator adds a promise per unit.
          for (const unit of ready) yield unit
        }
      }
    } catch (error) {
      if (error instanceof TypeError && /decode|encoded/i.test(error.message)) {
        throw new FormatError('the input is not valid UTF-8 or UTF-16 text', { format, code: 'FORMAT_INVALID', cause: error, ...(file === undefined ? {} : { file }) })
      }
      throw error
    }
    reader.end()
    handler.finish()
  } catch (error) {
    if (!options.lenient || !(error instanceof FormatError) || error.code === 'FORMAT_UNSAFE' || error.code === 'INVALID_INPUT') throw error
    skip(handler, options, { message: `${error.message} (the rest of the document was not read)`, ...where(error) })
  }
  yield* handler.queue
  handler.queue = []
}

function where(error: FormatError): { line?: number; column?: number } {
  return { ...(error.line === undefined ? {} : { line: error.line }), ...(error.column === undefined ? {} : { column: error.column }) }
}

/** Records a skipped item and tells the logger. @internal */
export function skip(handler: { skipped: SkippedItem[] }, options: ReadOptions, item: SkippedItem): void {
  handler.skipped.push(item)
  options.logger?.('warn', item.message, 'FORMAT_SKIPPED')
}

/**
 * Runs the per-unit conversion; in lenient mode a FormatError skips the unit instead of failing the read.
 *
 * @internal
 */
export function guardUnit(handler: { skipped: SkippedItem[] }, options: ReadOptions, read: () => void): void {
  if (!options.lenient) {
    read()
    return
  }
  try {
    read()
  } catch (error) {
    if (!(error instanceof FormatError)) throw error
    skip(handler, options, { message: `${error.message} (unit skipped)`, ...where(error) })
  }
}

/** Writes chunks from a sync generator into one string. @internal */
export function joinChunks(chunks: Iterable<string>): string {
  const parts: string[] = []
  for (const chunk of chunks) parts.push(chunk)
  return parts.join('')
}

/** Characters per chunk handed to the stream (the documented ~64 KiB; tests check the bound). */
const CHUNK_CHARS = 64 * 1024

/**
 * A unit as its writer hands it over: its text in pieces, in order (the markup before the source, the source,
 * the markup between, the target, the markup after; or one piece). The file writers encode each piece to UTF-8
 * on its own, because V8 encodes a one-byte string (markup, English text) several times faster than the same
 * characters inside a two-byte string, and a unit joined into one string is two-byte as soon as it holds one
 * Arabic letter: on the 2-core machine of the benchmarks, 960 ASCII characters took 132 ns alone and 1,024 ns
 * inside a two-byte string, and encoding was the largest single cost of writing a file.
 *
 * @internal
 */
export type UnitPieces = readonly string[]

/** Collects written units and hands back a chunk once about {@link CHUNK_CHARS} characters have gathered. @internal */
class ChunkBuffer {
  private parts: string[]
  private length: number

  constructor(head: string) {
    this.parts = [head]
    this.length = head.length
  }

  /** Adds one unit's text; returns the joined chunk when it is full, else undefined. */
  add(pieces: UnitPieces): string | undefined {
    for (const piece of pieces) {
      this.parts.push(piece)
      this.length += piece.length
    }
    if (this.length < CHUNK_CHARS) return undefined
    const chunk = this.parts.join('')
    this.parts = []
    this.length = 0
    return chunk
  }

  /** The last chunk: what is left, then the tail. */
  finish(tail: string): string {
    this.parts.push(tail)
    return this.parts.join('')
  }
}

/**
 * Feeds units to a per-unit writer, batching the text into chunks of about 64 Ki characters, from a sync or
 * async source. A sync source is iterated synchronously (no promise per unit, which cost more than writing it).
 *
 * @internal
 */
export async function* chunkUnitsAsync(units: UnitSource, head: string, writeUnit: (unit: TranslationUnit) => UnitPieces, tail: () => string): AsyncGenerator<string> {
  if (Symbol.iterator in units) {
    yield* chunkUnits(units, head, writeUnit, tail)
    return
  }
  const chunks = new ChunkBuffer(head)
  for await (const unit of units) {
    const chunk = chunks.add(writeUnit(unit))
    if (chunk !== undefined) yield chunk
  }
  yield chunks.finish(tail())
}

/** The sync twin of {@link chunkUnitsAsync}. @internal */
export function* chunkUnits(units: Iterable<TranslationUnit>, head: string, writeUnit: (unit: TranslationUnit) => UnitPieces, tail: () => string): Generator<string> {
  const chunks = new ChunkBuffer(head)
  for (const unit of units) {
    const chunk = chunks.add(writeUnit(unit))
    if (chunk !== undefined) yield chunk
  }
  yield chunks.finish(tail())
}

/** Bytes per chunk a file writer hands to the stream. */
const CHUNK_BYTES = 256 * 1024

/**
 * The byte twin of {@link ChunkBuffer}, for writing files: each piece of a unit's text is encoded as UTF-8
 * straight into the chunk (one `Buffer.write` per piece, see {@link UnitPieces}), instead of joining the texts
 * into a string chunk and encoding that again. A chunk is handed over once full and never reused.
 */
class ByteChunkBuffer {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES)
  private length = 0

  /** Adds one unit's pieces; returns the previous chunk when they did not fit beside it, else undefined. */
  add(pieces: UnitPieces): Buffer | undefined {
    // At most 3 bytes per UTF-16 code unit (a surrogate pair is 2 units and 4 bytes).
    let bound = 0
    for (const piece of pieces) bound += 3 * piece.length
    let full: Buffer | undefined
    if (this.length + bound > this.chunk.length) {
      full = this.length > 0 ? this.chunk.subarray(0, this.length) : undefined
      let bytes = 0
      for (const piece of pieces) bytes += Buffer.byteLength(piece, 'utf8')
      this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes))
      this.length = 0
    }
    for (const piece of pieces) this.length += this.chunk.write(piece, this.length, 'utf8')
    return full
  }

  /** What is left. */
  finish(): Buffer {
    return this.chunk.subarray(0, this.length)
  }
}

/**
 * Feeds units to a per-unit writer like {@link chunkUnitsAsync}, as UTF-8 chunks of about 256 KiB: for files,
 * where the text would be encoded anyway.
 *
 * @internal
 */
export async function* chunkUnitBytes(units: UnitSource, head: string, writeUnit: (unit: TranslationUnit) => UnitPieces, tail: () => string): AsyncGenerator<Uint8Array> {
  const chunks = new ByteChunkBuffer()
  let full = chunks.add([head])
  if (full !== undefined) yield full
  if (Symbol.iterator in units) {
    // A sync source is iterated synchronously: no promise per unit.
    for (const unit of units) {
      full = chunks.add(writeUnit(unit))
      if (full !== undefined) yield full
    }
  } else {
    for await (const unit of units) {
      full = chunks.add(writeUnit(unit))
      if (full !== undefined) yield full
    }
  }
  full = chunks.add([tail()])
  if (full !== undefined) yield full
  yield chunks.finish()
}

/** Checks that ids are unique as units stream by (a Set of ids is the only state that grows). @internal */
export class IdTracker {
  private readonly seen = new Set<string>()
  constructor(private readonly format: string) {}
  /** Whether a unit with this id has been read (subFlows checks use the same set, not a second one). */
  has(id: string): boolean {
    return this.seen.has(id)
  }
  /** Adds an id; false (and nothing changes) when it was already there. One lookup instead of `has` then `add`. */
  tryAdd(id: string): boolean {
    const size = this.seen.size
    return this.seen.add(detachedString(id)).size !== size
  }
  /** Adds an id; a FormatError when it was already there. */
  add(id: string, line?: number, column?: number): void {
    if (!this.tryAdd(id)) {
      throw new FormatError(`unit id "${id}" is used twice`, { format: this.format, code: 'FORMAT_INVALID', ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) })
    }
  }
}

/**
 * Passes a streaming reader's skipped items to `onSkipped` as the units stream by, in document order: the items
 * skipped before a unit are reported before it is yielded, the rest once the input ends.
 *
 * @internal
 */
export function reportSkipped(inner: AsyncGenerator<TranslationUnit>, handler: { skipped: SkippedItem[] }, onSkipped: ((item: SkippedItem) => void) | undefined): AsyncGenerator<TranslationUnit> {
  if (!onSkipped) return inner
  return (async function* () {
    let reported = 0
    for await (const unit of inner) {
      while (reported < handler.skipped.length) onSkipped(handler.skipped[reported++]!)
      yield unit
    }
    while (reported < handler.skipped.length) onSkipped(handler.skipped[reported++]!)
  })()
}

/** An inline code read from `element`, with `data` and `attributes` only when given. @internal */
export function inlineCode(kind: InlineCode['kind'], id: string, element: XmlElement, data?: string, attributes?: Record<string, string>): InlineCode {
  const result: InlineCode = { kind, id, element: element.local }
  if (data !== undefined) result.data = data
  if (attributes !== undefined) result.attributes = attributes
  return result
}

/**
 * The attributes of an inline element minus its structural ones (`skip`) and minus `omit` when it holds its
 * default value; undefined when none are left.
 *
 * @internal
 */
export function otherAttributes(attributes: Record<string, string>, skip: ReadonlySet<string>, omit?: readonly [key: string, value: string]): Record<string, string> | undefined {
  let result: Record<string, string> | undefined
  for (const key in attributes) {
    if (skip.has(key)) continue
    if (omit !== undefined && key === omit[0] && attributes[key] === omit[1]) continue
    result ??= {}
    result[key] = attributes[key]!
  }
  return result
}

/**
 * Walks an element's inline children: text goes to `content` as it is, each child element to `readElement`
 * (a plain function taking `context`, so a walk allocates no closure per element).
 *
 * @internal
 */
export function walkInline<C>(parent: XmlElement, content: InlineContent, context: C, readElement: (child: XmlElement, content: InlineContent, context: C) => void): void {
  for (const child of parent.children) {
    if (typeof child === 'string') content.push(child)
    else readElement(child, content, context)
  }
}

/**
 * Writes inline content: text escaped, each code by `writeCode` (given its index in `content`).
 *
 * @internal
 */
export function writeInlineWith(content: InlineContent, writeCode: (item: InlineCode, index: number) => string): string {
  let text = ''
  for (let index = 0; index < content.length; index++) {
    const item = content[index]!
    text += typeof item === 'string' ? escapeText(item) : writeCode(item, index)
  }
  return text
}

/**
 * A note from its text and the attributes XLIFF 1.2 (`from`, `priority`, `annotates`) and XLIFF 2 (`category`,
 * `priority`, `appliesTo`) give it, for the tree reader and the fast path alike: absent attributes are left out,
 * and `appliesTo` is kept only when it names `source` or `target` (XLIFF 1.2's `general` means neither).
 *
 * @internal
 */
export function noteOf(text: string, from: string | undefined, category: string | undefined, priority: string | undefined, appliesTo: string | undefined): UnitNote {
  const note: UnitNote = { text }
  if (from !== undefined) note.from = from
  if (category !== undefined) note.category = category
  if (priority !== undefined) note.priority = Number(priority)
  if (appliesTo === 'source' || appliesTo === 'target') note.appliesTo = appliesTo
  return note
}
