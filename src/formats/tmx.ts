/**
 * TMX 1.4b (LISA/GALA Translation Memory eXchange), written to validate against the TMX 1.4b DTD and read
 * one `<tu>` at a time.
 *
 * Mapping: a unit is a `<tu tuid>` with one `<tuv>` per language; dates go to `creationdate`/`changedate`
 * (TMX §3.1 `YYYYMMDDThhmmssZ`). Inline codes: `ph` (standalone), `bpt`/`ept` (pairs, matched by `i`), `it`
 * (isolated), `hi` (annotations that span). TMX has no states, segments, context or alignment, so those go to
 * `<prop type="x-mizan-...">` (TMX §3.4 allows user-defined `x-` types); free metadata goes to plain props.
 *
 * The text always wins: a prop that no longer describes the text (a CAT tool edited a `<seg>` and kept the props)
 * is left out and reported, and the unit kept with its text (see applyProp and tmx-segments.ts).
 *
 * @module
 */
import type { Writable } from 'node:stream'
import { FormatError, OptionsError } from '../errors.js'
import type { InlineCode, InlineContent, LanguageTag, TranslationUnit, UnitNote, UnitSegment, UnitState } from '../types.js'
import {
  IdTracker,
  SOURCE_ESCAPES,
  TARGET_ESCAPES,
  checkUnit,
  chunkUnitBytes,
  chunkUnits,
  chunkUnitsAsync,
  compactContent,
  contentOf,
  guardUnit,
  hasCodes,
  inlineCode,
  joinChunks,
  parseStream,
  parseString,
  plainText,
  reportSkipped,
  segmentsOf,
  unitStates,
  type ReadInput,
  type ReadOptions,
  type SkippedItem,
  type UnitHandler,
  type UnitPieces,
  type UnitSource,
  walkInline,
  writeInlineWith,
} from './common.js'
import { applyExtra, finishExtras, finishParts, giveUp, isoToTmxDate, leftOutItem, reportLeftOut, tmxDateToIso, unitExtras, type DropExtra } from './extras.js'
import { isTmxInlineAttribute, spanningPairs, writeAttributes } from './inline-writer.js'
import { isText, readSegmentMap, writeSegmentMap } from './tmx-segments.js'
import { markIsolated } from './xliff2.js'
import { isLanguageTag } from './xliff2-validate.js'
import type { StreamReadOptions } from './xliff.js'
import { FALLBACK, FastCursor, fallback, PLAIN_TEXT, PLAIN_VALUE } from './fast-cursor.js'
import { childElements, escapeAttribute, escapeText, textContent, xmlLang, type XmlElement } from './xml.js'
import { writeAll, writeChunks } from './write-file.js'

const format = 'tmx-1.4'
const noBound = new Set<string>()
const reserved = /^x-mizan-/
const loneMark = { markStart: 'x-mizan-mark-start', markEnd: 'x-mizan-mark-end' } as const

/**
 * Options for {@link toTmx}, {@link writeTmx} and {@link writeTmxFile}.
 *
 * @example
 * ```ts
 * import type { TmxOptions } from 'mizan'
 * const options: TmxOptions = { sourceLang: 'ar', targetLang: 'en', creationTool: 'my-app' }
 * ```
 * @group Formats
 */
export interface TmxOptions {
  /** Source language (BCP 47), also the header's `srclang`. */
  sourceLang: LanguageTag
  /** Target language (BCP 47). */
  targetLang: LanguageTag
  /** The header's `creationtool`. @defaultValue `'mizan'` */
  creationTool?: string
  /** The header's `creationtoolversion`. @defaultValue `'0.1.0'` */
  creationToolVersion?: string
}

/**
 * The TMX header as read.
 *
 * @example
 * ```ts
 * import { parseTmx } from 'mizan'
 * const { header } = parseTmx(tmx) // { sourceLang: 'ar', targetLang: 'en', creationTool: 'OmegaT', ... }
 * ```
 * @group Formats
 */
export interface TmxHeader {
  /** The header's `srclang` (or the first `tuv`'s language when it is `*all*`). */
  sourceLang: LanguageTag
  /** The language of the other `tuv`, from the first unit that has one. */
  targetLang?: LanguageTag
  /** The header's `creationtool`. */
  creationTool?: string
  /** The header's `creationtoolversion`. */
  creationToolVersion?: string
}

/**
 * What {@link parseTmx} returns.
 *
 * @example
 * ```ts
 * import { parseTmx, type TmxDocument } from 'mizan'
 * const document: TmxDocument = parseTmx(tmx)
 * document.formatVersion // '1.4' for a TMX 1.4 file
 * ```
 * @group Formats
 */
export interface TmxDocument {
  /** The TMX version the document declared (`'1.4'` for TMX 1.4b). */
  formatVersion: '1.1' | '1.2' | '1.3' | '1.4'
  /** The header. */
  header: TmxHeader
  /** Every unit, in document order. */
  units: TranslationUnit[]
  /** What a lenient read left out. */
  skipped: SkippedItem[]
}

/**
 * Options for the TMX readers: which language is the source and which the target.
 *
 * @example
 * ```ts
 * import { parseTmx } from 'mizan'
 * parseTmx(tmx, { sourceLang: 'ar', targetLang: 'en-GB' }) // picks the en-GB tuv when a unit has several
 * ```
 * @group Formats
 */
export interface TmxReadOptions extends ReadOptions {
  /** The source language, when the header's `srclang` is `*all*` or wrong. @defaultValue the header's `srclang` */
  sourceLang?: LanguageTag
  /** The target language, when units have more than two `tuv`s. @defaultValue the first other language in each unit */
  targetLang?: LanguageTag
}

function checkOptions(options: TmxOptions): void {
  if (typeof options !== 'object' || options === null) throw new OptionsError('options', options, 'an object with sourceLang and targetLang')
  if (typeof options.sourceLang !== 'string' || !isLanguageTag(options.sourceLang)) throw new OptionsError('sourceLang', options.sourceLang, 'a BCP 47 language tag such as "ar"')
  if (typeof options.targetLang !== 'string' || !isLanguageTag(options.targetLang)) throw new OptionsError('targetLang', options.targetLang, 'a BCP 47 language tag such as "en"')
}

function head(options: TmxOptions): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="${escapeAttribute(options.creationTool ?? 'mizan')}" creationtoolversion="${escapeAttribute(options.creationToolVersion ?? '0.1.0')}" ` +
    `segtype="sentence" o-tmf="mizan" adminlang="en" srclang="${escapeAttribute(options.sourceLang)}" datatype="plaintext"/>\n<body>\n`
  )
}

const tail = (): string => '</body>\n</tmx>\n'

/** The fragments every `<tu>` of a document repeats, built once per document. */
interface TmxFragments {
  /** `<tuv xml:lang="ar"><seg>` */
  sourceTuv: string
  /** `<tuv xml:lang="en"><seg>` */
  targetTuv: string
}

function fragments(options: TmxOptions): TmxFragments {
  return { sourceTuv: `<tuv xml:lang="${escapeAttribute(options.sourceLang)}"><seg>`, targetTuv: `<tuv xml:lang="${escapeAttribute(options.targetLang)}"><seg>` }
}

/** The last date converted: units of a memory often share dates, and the conversion is two regexes. */
let lastIso = ''
let lastTmx: string | undefined
let lastExact = false

/**
 * A date attribute (TMX §3.1 `YYYYMMDDThhmmssZ`, with its leading space), or '' when there is no date or TMX
 * cannot write it; a date TMX cannot hold exactly (fractions of a second, offsets) is also kept as written in an
 * `x-mizan-` prop (see {@link dateProp}).
 */
function dateAttribute(attribute: string, value: string | undefined): string {
  if (value === undefined) return ''
  convertDate(value)
  return lastTmx === undefined ? '' : ` ${attribute}="${lastTmx}"`
}

/** The `x-mizan-created`/`-changed` prop of a date TMX cannot hold exactly, or ''. */
function dateProp(name: string, value: string | undefined): string {
  if (value === undefined) return ''
  convertDate(value)
  return lastExact ? '' : writeProp(`x-mizan-${name}`, value)
}

/** Converts an ISO date for the two functions above, once for a run of units with the same date. */
function convertDate(value: string): void {
  if (value !== lastIso) {
    lastIso = value
    lastTmx = isoToTmxDate(value)
    lastExact = lastTmx !== undefined && tmxDateToIso(lastTmx) === value
  }
}

/** One `<prop>`; `type` is the writer's own name (nothing to escape) unless it comes from metadata. */
const writeProp = (type: string, value: string): string => `<prop type="${type}">${escapeText(value)}</prop>\n`

/** Writes one `<tu>`. @internal */
function tmxUnit(unit: TranslationUnit, fixed: TmxFragments): UnitPieces {
  const escapes = checkUnit(format, unit)
  // The props, written in order as they come (no list of pairs): the extras, the dates TMX cannot hold, state
  // and subState, then (below) the segment layout, note fields and metadata.
  let props = ''
  for (const [type, value] of unitExtras(unit, { dates: false })) props += writeProp(`x-mizan-${type}`, value)
  const attributes = ` tuid="${escapeAttribute(unit.id)}"${dateAttribute('creationdate', unit.createdAt)}${dateAttribute('changedate', unit.changedAt)}`
  props += dateProp('created', unit.createdAt) + dateProp('changed', unit.changedAt)
  if (unit.state !== undefined) props += writeProp('x-mizan-state', unit.state)
  if (unit.subState !== undefined) props += writeProp('x-mizan-subState', unit.subState)
  let sourceXml: string
  let targetXml: string
  if ((unit.segments === undefined || unit.segments.length === 0) && !unit.sourceContent && !unit.targetContent) {
    // Most units: plain text, no content arrays to join or codes to pair (the general path writes the same text).
    sourceXml = escapes & SOURCE_ESCAPES ? escapeText(unit.source) : unit.source
    targetXml = escapes & TARGET_ESCAPES ? escapeText(unit.target) : unit.target
  } else {
    const segments = segmentsOf(unit)
    // TMX has no segments: one <seg> holds them all; the boundaries are kept as (characters, codes) counts.
    if (unit.segments !== undefined && unit.segments.length > 0) props += writeProp('x-mizan-segments', writeSegmentMap(segments))
    sourceXml = writeInline(compactContent(segments.flatMap((segment) => contentOf(segment, 'source'))))
    targetXml = writeInline(compactContent(segments.flatMap((segment) => contentOf(segment, 'target'))))
  }
  let xml = `<tu${attributes}>\n`
  if (unit.notes !== undefined) {
    // Each note's text, and its other fields in a prop.
    for (let index = 0; index < unit.notes.length; index++) {
      const { text, ...rest } = unit.notes[index]!
      xml += `<note>${escapeText(text)}</note>\n`
      if (Object.keys(rest).length > 0) props += writeProp(`x-mizan-note.${index}`, JSON.stringify(rest))
    }
  }
  if (unit.metadata !== undefined) for (const [key, value] of Object.entries(unit.metadata)) props += writeProp(escapeAttribute(reserved.test(key) || key.startsWith('x-mizan-') ? `x-mizan-meta:${key}` : key), value)
  // The pieces (see UnitPieces): up to the source, the source, the markup between, the target, the end.
  return [`${xml}${props}${fixed.sourceTuv}`, sourceXml, `</seg></tuv>\n${fixed.targetTuv}`, targetXml, '</seg></tuv>\n</tu>\n']
}

/**
 * Writes inline content. Only annotations span (as `<hi>`); paired codes are `bpt`/`ept`, matched by `i`; the
 * rest `it`. A code's element hint is kept where TMX allows it, so what was read writes back as it was: an `it`
 * stays one even when its partner is in the segment, a `bpt` read without its `ept` stays a `bpt` (an `ept` needs
 * its `bpt` before it, so a lone close is always an `it`), and a `ut` stays a `ut`.
 */
function writeInline(content: InlineContent): string {
  const { span, partner } = spanningPairs(content, (open) => open.kind === 'markStart', (code) => code.element === 'ph' && (code.kind === 'markStart' || code.kind === 'markEnd'))
  const spanEnds = new Set(span.values())
  const pairNumbers = new Map<number, number>()
  let next = 0
  return writeInlineWith(content, (item, index) => {
    const x = escapeAttribute(item.id)
    const attributesFor = (element: string): string => writeAttributes(item.attributes, noBound, undefined, (key) => isTmxInlineAttribute(element, key))
    const data = item.data === undefined ? '' : escapeText(item.data)
    switch (item.kind) {
      case 'standalone':
        return item.element === 'ut' ? `<ut x="${x}">${data}</ut>` : `<ph x="${x}"${attributesFor('ph')}>${data}</ph>`
      case 'open': {
        const other = partner.get(index)
        const paired = other !== undefined && (content[other] as InlineCode).element !== 'it'
        if (item.element === 'it' || (!paired && item.element !== 'bpt')) return `<it pos="begin" x="${x}"${attributesFor('it')}>${data}</it>`
        const number = ++next
        if (paired) pairNumbers.set(other, number)
        return `<bpt i="${number}" x="${x}"${attributesFor('bpt')}>${data}</bpt>`
      }
      case 'close': {
        const number = pairNumbers.get(index)
        return number === undefined ? `<it pos="end" x="${x}"${attributesFor('it')}>${data}</it>` : `<ept i="${number}"${attributesFor('ept')}>${data}</ept>`
      }
      case 'markStart':
        return span.has(index) ? `<hi x="${x}"${attributesFor('hi')}>` : `<ph x="${x}" type="${loneMark.markStart}"/>`
      case 'markEnd':
        return spanEnds.has(index) ? '</hi>' : `<ph x="${x}" type="${loneMark.markEnd}"/>`
    }
  })
}

/**
 * Writes units as a TMX 1.4b document in one string.
 *
 * @param units - the units
 * @param options - languages and header fields
 * @returns the document
 * @throws {@link OptionsError} for a bad language; {@link FormatError} (`INVALID_INPUT`) naming the unit when a unit
 * holds text XML cannot carry
 * @example
 * ```ts
 * import { toTmx } from 'mizan'
 * const tmx = toTmx([{ id: 'u1', source: 'شكرا', target: 'Thanks' }], { sourceLang: 'ar', targetLang: 'en' })
 * ```
 * @group Formats
 */
export function toTmx(units: Iterable<TranslationUnit>, options: TmxOptions): string {
  checkOptions(options)
  const fixed = fragments(options)
  return joinChunks(chunkUnits(units, head(options), (unit) => tmxUnit(unit, fixed), tail))
}

/**
 * Writes units as TMX chunk by chunk from a sync or async source.
 *
 * @param units - the units, sync or async
 * @param options - languages and header fields
 * @returns an async generator of string chunks
 * @throws see {@link toTmx}; errors surface while iterating
 * @example
 * ```ts
 * import { writeTmx, writeChunks } from 'mizan'
 * await writeChunks('memory.tmx', writeTmx(tm.units(), { sourceLang: 'ar', targetLang: 'en' }))
 * ```
 * @group Formats
 */
export function writeTmx(units: UnitSource, options: TmxOptions): AsyncGenerator<string> {
  checkOptions(options)
  const fixed = fragments(options)
  return chunkUnitsAsync(units, head(options), (unit) => tmxUnit(unit, fixed), tail)
}

/**
 * Streams units into a TMX file (or a writable stream) with backpressure.
 *
 * @param target - a file path or a Node writable
 * @param units - the units, sync or async
 * @param options - languages and header fields
 * @returns when the file is written
 * @throws see {@link toTmx}, and the file system's errors
 * @example
 * ```ts
 * import { writeTmxFile } from 'mizan'
 * await writeTmxFile('memory.tmx', units, { sourceLang: 'ar', targetLang: 'en' })
 * ```
 * @group Formats
 */
export async function writeTmxFile(target: string | Writable, units: UnitSource, options: TmxOptions): Promise<void> {
  if (typeof target !== 'string') return writeChunks(target, writeTmx(units, options))
  // A file gets UTF-8 chunks encoded unit by unit (a caller's stream gets strings, as writeTmx yields them).
  checkOptions(options)
  const fixed = fragments(options)
  await writeAll(target, chunkUnitBytes(units, head(options), (unit) => tmxUnit(unit, fixed), tail))
}

// --- Reading ---------------------------------------------------------------------------------------------

function inlineFail(child: XmlElement, message: string): never {
  throw new FormatError(message, { format, line: child.line, column: child.column })
}

function makeCode(child: XmlElement, kind: InlineCode['kind'], id: string, attributes: Record<string, string> | undefined, withData: boolean): InlineCode {
  // TMX keeps no empty data: a code with no text inside has none.
  return inlineCode(kind, id, child, withData ? textContent(child) || undefined : undefined, attributes)
}

/**
 * The attributes of an inline element the writer can write back on it (TMX 1.4b DTD), minus the structural ones
 * (`i`, `x`, `pos`): others (a `foo`, a namespaced one, `type` on `ept`) are not TMX and would not survive a write.
 */
function codeAttributes(child: XmlElement): Record<string, string> | undefined {
  let result: Record<string, string> | undefined
  for (const key in child.attributes) {
    if (!isTmxInlineAttribute(child.local, key)) continue
    result ??= {}
    result[key] = child.attributes[key]!
  }
  return result
}

// Hot path: plain functions, no closures per element (closures cost an allocation each, and more under tsx).
function readInlineElement(child: XmlElement, content: InlineContent, pairs: Map<string, string>): void {
  const a = child.attributes
  switch (child.local) {
    case 'ph':
      // An annotation end written alone (its partner elsewhere, or a crossing pair): the hint keeps it alone.
      if (a.type === loneMark.markStart || a.type === loneMark.markEnd) content.push({ kind: a.type === loneMark.markStart ? 'markStart' : 'markEnd', id: a.x ?? inlineFail(child, '<ph> needs x'), element: 'ph' })
      else content.push(makeCode(child, 'standalone', a.x ?? `ph${content.length}`, codeAttributes(child), true))
      break
    case 'bpt': {
      const i = a.i ?? inlineFail(child, '<bpt> needs i')
      const id = a.x ?? i
      pairs.set(i, id)
      content.push(makeCode(child, 'open', id, codeAttributes(child), true))
      break
    }
    case 'ept': {
      const i = a.i ?? inlineFail(child, '<ept> needs i')
      const id = pairs.get(i) ?? inlineFail(child, `<ept i="${i}"> has no <bpt i="${i}"> before it in the segment`)
      // One ept per bpt (TMX 1.4b: each bpt has one matching ept): a second ept with the same i has none.
      pairs.delete(i)
      content.push(makeCode(child, 'close', id, codeAttributes(child), true))
      break
    }
    case 'it':
      if (a.pos !== 'begin' && a.pos !== 'end') inlineFail(child, `<it> needs pos="begin" or pos="end", got ${JSON.stringify(a.pos)}`)
      content.push(makeCode(child, a.pos === 'begin' ? 'open' : 'close', a.x ?? `it${content.length}`, codeAttributes(child), true))
      break
    case 'hi': {
      const id = a.x ?? `hi${content.length}`
      content.push(makeCode(child, 'markStart', id, codeAttributes(child), false))
      walkInline(child, content, pairs, readInlineElement)
      content.push({ kind: 'markEnd', id, element: 'hi' })
      break
    }
    case 'ut':
      content.push(makeCode(child, 'standalone', a.x ?? `ut${content.length}`, codeAttributes(child), true))
      break
    default:
      inlineFail(child, `<${child.name}> is not an inline element of TMX`)
  }
}

function readInline(seg: XmlElement): InlineContent {
  if (seg.children.length === 1 && typeof seg.children[0] === 'string') return [seg.children[0]]
  const content: InlineContent = []
  walkInline(seg, content, new Map<string, string>(), readInlineElement)
  return compactContent(content)
}

class TmxHandler implements UnitHandler {
  queue: TranslationUnit[] = []
  skipped: SkippedItem[] = []
  header: TmxHeader | undefined
  formatVersion: TmxDocument['formatVersion'] | undefined
  private ids = new IdTracker(format)
  private announced = false

  constructor(private readonly options: StreamReadOptions<TmxHeader> & TmxReadOptions) {}

  isContainer(element: XmlElement, depth: number): boolean {
    return depth === 0 || (depth === 1 && element.local === 'body')
  }

  open(element: XmlElement, depth: number): void {
    if (depth !== 0) return
    if (element.local !== 'tmx') throw new FormatError(`the root element is <${element.name}>, expected <tmx>`, { format, line: element.line, column: element.column })
    const version = element.attributes.version
    if (version !== '1.4' && version !== '1.3' && version !== '1.2' && version !== '1.1') {
      throw new FormatError(`TMX version ${JSON.stringify(version)} is not supported; mizan reads 1.1 to 1.4`, { format, code: 'FORMAT_UNSUPPORTED', line: element.line, column: element.column })
    }
    this.formatVersion = version
  }

  close(): void {}

  element(element: XmlElement): void {
    if (element.local === 'header') {
      const a = element.attributes
      if (a.srclang === undefined) throw new FormatError('<header> needs srclang', { format, line: element.line, column: element.column })
      const sourceLang = this.options.sourceLang ?? a.srclang
      this.header = { sourceLang }
      if (a.creationtool !== undefined) this.header.creationTool = a.creationtool
      if (a.creationtoolversion !== undefined) this.header.creationToolVersion = a.creationtoolversion
      if (this.options.targetLang !== undefined) this.header.targetLang = this.options.targetLang
      return
    }
    if (element.local !== 'tu') throw new FormatError(`<${element.name}> is not allowed here in TMX`, { format, line: element.line, column: element.column })
    if (!this.header) throw new FormatError('<tu> comes before <header>', { format, line: element.line, column: element.column })
    guardUnit(this, this.options, () => {
      const unit = this.readUnit(element)
      this.ids.add(unit.id, element.line, element.column)
      this.announce()
      this.queue.push(unit)
    })
  }

  /** The header goes out with the first unit, when the target language is known from its tuv. */
  private announce(): void {
    if (this.announced || !this.header) return
    this.announced = true
    this.options.onHeader?.({ ...this.header })
  }

  private readUnit(element: XmlElement): TranslationUnit {
    const header = this.header!
    const fail = (message: string, at: XmlElement = element): never => {
      throw new FormatError(message, { format, line: at.line, column: at.column })
    }
    const tuvs = childElements(element, 'tuv')
    if (tuvs.length === 0) fail('<tu> needs at least one <tuv>')
    const language = (tuv: XmlElement): string => xmlLang(tuv) ?? tuv.attributes.lang ?? fail('<tuv> needs xml:lang', tuv)
    if (header.sourceLang === '*all*') header.sourceLang = language(tuvs[0]!)
    const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()
    const sourceTuv = tuvs.find((tuv) => same(language(tuv), header.sourceLang)) ?? fail(`<tu> has no <tuv> in the source language "${header.sourceLang}"`)
    const targetTuv = tuvs.find((tuv) => tuv !== sourceTuv && (header.targetLang === undefined || same(language(tuv), header.targetLang)))
    if (targetTuv && header.targetLang === undefined) header.targetLang = language(targetTuv)
    const seg = (tuv: XmlElement): XmlElement => {
      const segs = childElements(tuv, 'seg')
      if (segs.length !== 1) fail('<tuv> needs exactly one <seg>', tuv)
      return segs[0]!
    }
    const a = element.attributes
    const id = a.tuid ?? fail('<tu> needs tuid (mizan units need stable ids)')
    if (id === '') fail('<tu> has an empty tuid (mizan units need stable, non-empty ids)')
    const unit: TranslationUnit = { id, source: '', target: '' }
    const sourceContent = readInline(seg(sourceTuv))
    const targetContent = targetTuv ? readInline(seg(targetTuv)) : []
    for (const [name, attribute] of [
      ['createdAt', 'creationdate'],
      ['changedAt', 'changedate'],
    ] as const) {
      if (a[attribute] === undefined) continue
      unit[name] = tmxDateToIso(a[attribute]) ?? fail(`${attribute}="${a[attribute]}" is not a TMX date (YYYYMMDDThhmmssZ)`)
    }
    const notes: UnitNote[] = childElements(element, 'note').map((note) => ({ text: textContent(note) }))
    if (notes.length > 0) unit.notes = notes
    // An extra that is malformed or disagrees with the text: left out and reported, and the unit kept with its
    // text (see DropExtra). The message reads as every other one, with the format and the place.
    let line = element.line
    let column = element.column
    const drop: DropExtra = (message, atLine = line, atColumn = column) => {
      reportLeftOut(this, this.options, leftOutItem(format, message, atLine, atColumn))
    }
    let layout: string | undefined
    for (const prop of childElements(element, 'prop')) {
      const type = prop.attributes.type ?? fail('<prop> needs type', prop)
      line = prop.line
      column = prop.column
      const result = applyProp(unit, notes, type, textContent(prop), drop)
      if (result !== undefined) layout = result
    }
    line = element.line
    column = element.column
    return finishUnit(unit, sourceContent, targetContent, layout, drop)
  }

  /** The element the fast path reads. */
  readonly fastName = 'tu'
  readFast(text: string, start: number, end: number): boolean {
    if (!this.header) return false
    const unit = readTmxUnitFast(text, start, end, this.header)
    if (!unit || !this.ids.tryAdd(unit.id)) return false
    this.announce()
    this.queue.push(unit)
    return true
  }

  finish(): void {
    if (!this.header) throw new FormatError('the document has no <header>', { format })
    this.announce()
  }
}

/** The note fields a `x-mizan-note.N` prop may hold, with the check of each value. */
const noteFields: Record<string, (value: unknown) => boolean> = {
  from: isText,
  category: isText,
  priority: (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 10,
  appliesTo: (value) => value === 'source' || value === 'target',
}

/**
 * Applies one `prop` to the unit being read (both readers share it, so they agree). Returns the segment map's
 * text when the prop holds one. What cannot be used goes to `drop` (see {@link DropExtra}); the fast paths pass
 * {@link giveUp}, which leaves the unit to the tree reader.
 */
function applyProp(unit: TranslationUnit, notes: UnitNote[], type: string, value: string, drop: DropExtra): string | undefined {
  const name = propNames.get(type) ?? (reserved.test(type) ? type.slice('x-mizan-'.length) : undefined)
  if (name === undefined) {
    ;(unit.metadata ??= {})[type] = value
    return undefined
  }
  if (name.startsWith('meta:')) (unit.metadata ??= {})[name.slice(5)] = value
  else if (name === 'state') {
    if (unitStates.has(value)) unit.state = value as UnitState
    else drop(`unit "${unit.id}": <prop type="${type}"> must be initial, translated, reviewed or final, got ${JSON.stringify(value)}`)
  } else if (name === 'subState') unit.subState = value
  else if (name === 'segments') return value
  else if (name.startsWith('note.')) applyNoteProp(unit, notes, type, name.slice(5), value, drop)
  else if (name === 'created' || name === 'changed') {
    // A date TMX cannot hold exactly (fractions, offsets): the writer puts it here beside the attribute it rounds
    // to. It stands only while it still rounds to that attribute: a tool that changed the date (changedate on an
    // edit) left this prop behind, and the attribute wins.
    const field = name === 'created' ? 'createdAt' : 'changedAt'
    if (roundedDate(value) === unit[field]) unit[field] = value
    else drop(`unit "${unit.id}": <prop type="${type}"> holds ${JSON.stringify(value)}, which disagrees with the ${name === 'created' ? 'creationdate' : 'changedate'} attribute (${JSON.stringify(unit[field] ?? 'none')})`)
  } else if (!applyExtra(unit, name, value, format, undefined, drop)) (unit.metadata ??= {})[type] = value
  return undefined
}

/** The last date prop checked and the ISO date of the attribute it rounds to: units of a memory often share dates. */
let lastDateProp = ''
let lastRounded: string | undefined

/** The ISO form of the TMX date attribute the writer writes for an ISO date (undefined when it writes none). */
function roundedDate(iso: string): string | undefined {
  if (iso !== lastDateProp) {
    const tmx = isoToTmxDate(iso)
    lastRounded = tmx === undefined ? undefined : tmxDateToIso(tmx)
    lastDateProp = iso
  }
  return lastRounded
}

/** Applies an `x-mizan-note.N` prop (a note's fields other than its text, as JSON) to note N. */
function applyNoteProp(unit: TranslationUnit, notes: UnitNote[], type: string, index: string, value: string, drop: DropExtra): void {
  const note = /^(?:0|[1-9]\d{0,5})$/.test(index) ? notes[Number(index)] : undefined
  if (note === undefined) {
    drop(`unit "${unit.id}": <prop type="${type}"> names note ${index}, but the unit has ${notes.length} <note> elements`)
    return
  }
  let fields: unknown
  try {
    fields = JSON.parse(value)
  } catch {
    fields = undefined
  }
  // Only the fields a note has besides its text: the text is the <note>'s own, and always wins.
  const valid = typeof fields === 'object' && fields !== null && !Array.isArray(fields) && Object.entries(fields).every(([key, field]) => Object.hasOwn(noteFields, key) && noteFields[key]!(field))
  if (valid) Object.assign(note, fields)
  else drop(`unit "${unit.id}": <prop type="${type}"> must be a JSON object of from, category, priority (1 to 10) and appliesTo (source or target), got ${JSON.stringify(value)}`)
}

/** Completes a unit from its two sides and the segment map (both readers share it). */
function finishUnit(unit: TranslationUnit, sourceContent: InlineContent, targetContent: InlineContent, layout: string | undefined, drop: DropExtra): TranslationUnit {
  finishExtras(unit, format, drop)
  unit.source = plainText(sourceContent)
  unit.target = plainText(targetContent)
  const segments = layout === undefined ? undefined : readSegmentMap(layout, sourceContent, targetContent)
  if (typeof segments === 'string') drop(`unit "${unit.id}": the <prop type="x-mizan-segments"> map ${segments}`)
  if (segments !== undefined && typeof segments !== 'string') {
    markIsolated(segments)
    unit.segments = segments
    const joinedSource = compactContent(segments.flatMap((segment) => contentOf(segment, 'source')))
    const joinedTarget = compactContent(segments.flatMap((segment) => contentOf(segment, 'target')))
    if (hasCodes(joinedSource)) unit.sourceContent = joinedSource
    if (hasCodes(joinedTarget)) unit.targetContent = joinedTarget
  } else if (hasCodes(sourceContent) || hasCodes(targetContent)) {
    const single: UnitSegment = { source: unit.source, target: unit.target, sourceContent, targetContent }
    markIsolated([single])
    if (hasCodes(sourceContent)) unit.sourceContent = sourceContent
    if (hasCodes(targetContent)) unit.targetContent = targetContent
  }
  finishParts(unit, format, drop)
  return unit
}


const cursor = new FastCursor()
/** The attributes of `tu` (TMX 1.4b DTD), all ignored but tuid and the dates. */
const tuAttributes = ['tuid', 'o-encoding', 'datatype', 'usagecount', 'lastusagedate', 'creationtool', 'creationtoolversion', 'creationdate', 'creationid', 'changedate', 'segtype', 'changeid', 'o-tmf', 'srclang']
const tuvAttributes = ['xml:lang', 'lang']
/**
 * The names of the prop types the writer uses (see extras.ts and tmxUnit), in the order it writes them (unitExtras,
 * the dates TMX cannot hold, state, subState), as literals: applyProp and applyExtra compare them with literals, a
 * pointer comparison for two literals but a character comparison for a sliced copy.
 */
const propExtraNames = ['context-previous', 'context-next', 'origin-document', 'origin-source-sentences', 'origin-target-sentences', 'alignment-score', 'alignment-shape', 'created', 'changed', 'state', 'subState']
/** The prop types: the names with the `x-mizan-` prefix. */
const propTypes = propExtraNames.map((name) => `x-mizan-${name}`)
/** Type to name, looked up instead of matched and sliced for every prop. */
const propNames = new Map(propExtraNames.map((name) => [`x-mizan-${name}`, name]))
/** Languages and texts of the tuvs of the unit being read (reused). */
const tuvLanguages: string[] = []
const tuvTexts: string[] = []

/**
 * A plain unit exactly as {@link tmxUnit} writes it (see PLAIN_TEXT in fast-cursor.ts): `<tu tuid>` with optional
 * dates, any of {@link propTypes} in the writer's order, then two tuvs (`xml:lang`) of one `<seg>` each.
 * Groups: 1 tuid, 2 creationdate, 3 changedate, 4 to 14 the props, 15 and 17 the languages, 16 and 18 the texts.
 */
const writtenUnit = new RegExp(
  `<tu tuid="(${PLAIN_VALUE})"(?: creationdate="(${PLAIN_VALUE})")?(?: changedate="(${PLAIN_VALUE})")?>\n` +
    propTypes.map((type) => `(?:<prop type="${type}">(${PLAIN_TEXT})</prop>\n)?`).join('') +
    `<tuv xml:lang="(${PLAIN_VALUE})"><seg>(${PLAIN_TEXT})</seg></tuv>\n<tuv xml:lang="(${PLAIN_VALUE})"><seg>(${PLAIN_TEXT})</seg></tuv>\n</tu>`,
  'y',
)

/** The notes of a unit in the writer's layout, which has none (applyProp only reads the list): no array per prop. */
const noNotes: UnitNote[] = []

/**
 * The first try of {@link readTmxUnitFast}: a unit in the writer's own layout, matched by one regex
 * ({@link writtenUnit}); undefined for anything else (the cursor then tries). It builds the unit with the
 * cursor's functions in the cursor's order, so the unit is the one the cursor (and the tree reader) would give.
 */
export function readTmxWrittenUnit(text: string, start: number, end: number, header: TmxHeader): TranslationUnit | undefined {
  writtenUnit.lastIndex = start
  const match = writtenUnit.exec(text)
  if (match === null || writtenUnit.lastIndex !== end || match[1] === '') return undefined
  const unit: TranslationUnit = { id: match[1]!, source: '', target: '' }
  const created = match[2]
  const changed = match[3]
  try {
    if (created !== undefined) unit.createdAt = readDate(created)
    if (changed !== undefined) unit.changedAt = readDate(changed)
    for (let index = 0; index < propTypes.length; index++) {
      const value = match[4 + index]
      if (value !== undefined) applyProp(unit, noNotes, propTypes[index]!, value, giveUp)
    }
    tuvLanguages[0] = match[15]!
    tuvTexts[0] = match[16]!
    tuvLanguages[1] = match[17]!
    tuvTexts[1] = match[18]!
    return chooseSides(unit, header, 2, undefined)
  } catch (error) {
    if (error === FALLBACK || error instanceof FormatError) return undefined
    throw error
  }
}

/**
 * Completes a unit read by a fast path from its `count` tuvs (in {@link tuvLanguages} and {@link tuvTexts}):
 * the source tuv, then the first other (in the target language), as the tree reader chooses them; undefined when
 * there is no source tuv. The header's languages are updated only when the unit is read.
 */
function chooseSides(unit: TranslationUnit, header: TmxHeader, count: number, layout: string | undefined): TranslationUnit | undefined {
  const sourceLang = header.sourceLang === '*all*' ? tuvLanguages[0]! : header.sourceLang
  let source = -1
  for (let index = 0; index < count && source === -1; index++) if (sameLanguage(tuvLanguages[index]!, sourceLang)) source = index
  if (source === -1) return undefined
  let target = -1
  for (let index = 0; index < count && target === -1; index++) if (index !== source && (header.targetLang === undefined || sameLanguage(tuvLanguages[index]!, header.targetLang))) target = index
  const sourceText = tuvTexts[source]!
  const targetText = target === -1 ? '' : tuvTexts[target]!
  finishUnit(unit, sourceText === '' ? [] : [sourceText], targetText === '' ? [] : [targetText], layout, giveUp)
  header.sourceLang = sourceLang
  if (target !== -1 && header.targetLang === undefined) header.targetLang = tuvLanguages[target]!
  return unit
}

/**
 * The fast path (see fast-cursor.ts): reads a `<tu>` of the common shape straight from its text, or returns
 * undefined to leave it to the tree reader. The shape: `<tu>` with its DTD attributes, then `note`s (no
 * attributes, text only) and `prop`s (`type` only, text only), then `tuv`s (`xml:lang` or `lang`) each holding
 * one text-only `<seg>`; no inline codes. The header's languages are updated only when the unit is read.
 * A repeated tuid is read here too; the caller's id set refuses it and leaves the unit to the tree reader, which
 * reports it.
 *
 * Two tries: the writer's own layout, matched by one regex ({@link readTmxWrittenUnit}), then the cursor
 * ({@link readTmxUnitCursor}) for every other unit of the shape.
 *
 * @internal
 */
export function readTmxUnitFast(text: string, start: number, end: number, header: TmxHeader): TranslationUnit | undefined {
  return readTmxWrittenUnit(text, start, end, header) ?? readTmxUnitCursor(text, start, end, header)
}

/**
 * The second try of {@link readTmxUnitFast}: the cursor (see fast-cursor.ts), for the shape described there.
 *
 * @internal
 */
export function readTmxUnitCursor(text: string, start: number, end: number, header: TmxHeader): TranslationUnit | undefined {
  const c = cursor
  c.reset(text, start, end)
  try {
    if (!c.open('tu')) return undefined
    c.only(tuAttributes)
    const id = c.attribute('tuid')
    if (id === undefined || id === '') return undefined
    const unit: TranslationUnit = { id, source: '', target: '' }
    const created = c.attribute('creationdate')
    const changed = c.attribute('changedate')
    if (created !== undefined) unit.createdAt = readDate(created)
    if (changed !== undefined) unit.changedAt = readDate(changed)
    const notes: UnitNote[] = []
    while (c.open('note')) {
      if (!c.none()) return undefined
      notes.push({ text: c.read() })
      c.close('note')
    }
    if (notes.length > 0) unit.notes = notes
    let layout: string | undefined
    while (c.open('prop')) {
      const type = c.soleKnown('type', propTypes)
      if (type === undefined) return undefined
      const result = applyProp(unit, notes, type, c.read(), giveUp)
      if (result !== undefined) layout = result
      c.close('prop')
    }
    let count = 0
    while (c.open('tuv')) {
      c.only(tuvAttributes)
      const language = c.attribute('xml:lang') ?? c.attribute('lang')
      if (language === undefined || !c.open('seg') || !c.none()) return undefined
      tuvLanguages[count] = language
      tuvTexts[count] = c.read()
      count++
      c.close('seg')
      c.close('tuv')
    }
    c.close('tu')
    if (!c.atEnd() || count === 0) return undefined
    return chooseSides(unit, header, count, layout)
  } catch (error) {
    if (error === FALLBACK || error instanceof FormatError) return undefined
    throw error
  }
}

/** The last TMX date read and its ISO form: units of a memory often share dates (as {@link convertDate} caches). */
let lastReadTmx = ''
let lastReadIso = ''

/** An ISO date from a TMX date; a malformed one gives up (the tree reader reports it). */
function readDate(tmx: string): string {
  if (tmx !== lastReadTmx) {
    lastReadIso = tmxDateToIso(tmx) ?? fallback()
    lastReadTmx = tmx
  }
  return lastReadIso
}

const sameLanguage = (a: string, b: string): boolean => a === b || a.toLowerCase() === b.toLowerCase()

/**
 * Reads a TMX document (1.1 to 1.4b) from a string. Safe and strict by default, as {@link parseXliff}.
 *
 * @param xml - the document
 * @param options - source/target language choice, lenient mode, limits, logger
 * @returns version, header and units
 * @throws {@link FormatError}: `FORMAT_INVALID`, `FORMAT_UNSAFE` (DOCTYPE, entities), `FORMAT_TOO_LARGE`, `FORMAT_UNSUPPORTED`
 * @example
 * ```ts
 * import { parseTmx } from 'mizan'
 * const { header, units } = parseTmx(tmx)
 * ```
 * @group Formats
 */
export function parseTmx(xml: string, options: TmxReadOptions = {}): TmxDocument {
  const handler = new TmxHandler(options)
  parseString(handler, xml, format, options)
  if (!handler.header || !handler.formatVersion) {
    if (options.lenient) return { formatVersion: '1.4', header: { sourceLang: '' }, units: handler.queue, skipped: handler.skipped }
    throw new FormatError('the document has no <tmx> root with a <header>', { format })
  }
  return { formatVersion: handler.formatVersion, header: handler.header, units: handler.queue, skipped: handler.skipped }
}

/**
 * Reads a TMX document unit by unit from a file path, a Node readable or any (async) iterable of chunks,
 * with memory bounded by the largest unit.
 *
 * @param input - a file path, a Node `Readable`, or an (async) iterable of strings or bytes
 * @param options - as {@link parseTmx}, plus `onHeader` and `onSkipped`
 * @returns an async generator of units
 * @throws see {@link parseTmx}; errors surface while iterating
 * @example
 * ```ts
 * import { readTmx } from 'mizan'
 * const ids: string[] = []
 * for await (const unit of readTmx('memory.tmx')) ids.push(unit.id)
 * ```
 * @group Formats
 */
export function readTmx(input: ReadInput, options: StreamReadOptions<TmxHeader> & TmxReadOptions = {}): AsyncGenerator<TranslationUnit> {
  const handler = new TmxHandler(options)
  const inner = parseStream(handler, input, format, options)
  return reportSkipped(inner, handler, options.onSkipped)
}
