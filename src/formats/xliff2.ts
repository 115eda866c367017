/**
 * XLIFF 2.0, 2.1 and 2.2 (OASIS XLIFF Version 2.1 §4 core, §5.7 Metadata module; XLIFF 2.2 core), one unit at a time.
 *
 * Mapping: a unit is a `<unit>`; its segments are `<segment>`s (or `<ignorable>`s); inline codes are `ph`,
 * `pc` (spanning pairs), `sc`/`ec` (pairs that cross other markup, split across segments, or isolated),
 * `mrk` and `sm`/`em`, with native data in `<originalData>`. States go to `segment/@state` and `@subState`.
 * Context, origin, alignment, dates and free metadata go to the Metadata module (`mda:metadata`), in a
 * `mizan` metaGroup and a `metadata` metaGroup.
 *
 * @module
 * @internal
 */
import { FormatError } from '../errors.js'
import type { InlineCode, InlineContent, TranslationUnit, UnitNote, UnitSegment, UnitState } from '../types.js'
import { SOURCE_ESCAPES, TARGET_ESCAPES, checkUnit, compactContent, contentOf, hasCodes, inlineCode, noteOf, otherAttributes, pairCodes, plainText, segmentsOf, unitError, walkInline, type UnitPieces } from './common.js'
import { applyExtra, finishExtras, unitExtras, type Extra } from './extras.js'
import { writeAttributes } from './inline-writer.js'
import { checkXliff2Unit, isNmtoken, isXliff2InlineAttribute, type Xliff2Document } from './xliff2-validate.js'
import { FALLBACK, FastCursor, PLAIN_TEXT, PLAIN_VALUE } from './fast-cursor.js'
import { childElements, escapeAttribute, escapeText, findForbiddenCharacter, textContent, type XmlElement } from './xml.js'

/** XLIFF 2.0/2.1 core namespace. @internal */
export const XLIFF20_NS = 'urn:oasis:names:tc:xliff:document:2.0'
/** XLIFF 2.2 core namespace. @internal */
export const XLIFF22_NS = 'urn:oasis:names:tc:xliff:document:2.2'
/** Metadata module namespace (unchanged in 2.1 and 2.2). @internal */
export const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0'

const boundOnRoot = new Set([MDA_NS])
const subStatePattern = /^[^\s:]+:[^\s:]+$/

/** What the XLIFF 2 writer needs per document. @internal */
export interface Xliff2WriteContext {
  version: '2.0' | '2.1' | '2.2'
  format: string
  /** Units written so far, for generated ids. */
  count: number
  /**
   * The ids written so far that have the form of generated ones (`mizan-…`), generated or not: a generated id must
   * not take a real unit's id, written before or after it (unit ids are unique within a `<file>`, §4.3.1.19). Only
   * these few are kept: the reader never returns two units with one NMTOKEN id (ids repeated in a later `<file>`
   * are qualified, see XliffHandler in xliff.ts), so other ids need no check.
   */
  generatedLike: Set<string>
}

/** The prefix of the ids the writer makes up. @internal */
const GENERATED_PREFIX = 'mizan-'

/**
 * The document head up to the first unit.
 *
 * @param documentLevel - what goes between `<xliff>` and `<file>` (XLIFF 2.2 notes and metadata, see
 * xliff2-document.ts), already written
 * @internal
 */
export function xliff2Head(version: '2.0' | '2.1' | '2.2', sourceLang: string, targetLang: string, fileId: string, original: string | undefined, documentLevel = ''): string {
  const ns = version === '2.2' ? XLIFF22_NS : XLIFF20_NS
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="${ns}" xmlns:mda="${MDA_NS}" version="${version}" srcLang="${escapeAttribute(sourceLang)}" trgLang="${escapeAttribute(targetLang)}">\n` +
    documentLevel +
    `<file id="${escapeAttribute(fileId)}"${original === undefined ? '' : ` original="${escapeAttribute(original)}"`}>\n`
  )
}

/**
 * The document tail. A file without units gets one empty `<group>`: XLIFF 2 requires at least one `<unit>` or
 * `<group>` in a `<file>` (core schema, element `file`), and a group may be empty, so an empty memory is still a
 * valid document that reads back as no units.
 *
 * @internal
 */
export function xliff2Tail(context: Xliff2WriteContext): string {
  return context.count === 0 ? `<group id="${EMPTY_GROUP_ID}"/>\n</file>\n</xliff>\n` : '</file>\n</xliff>\n'
}

/** The id of the group {@link xliff2Tail} writes into a file without units. @internal */
export const EMPTY_GROUP_ID = 'empty'

/** Writes one unit. @internal */
export function xliff2Unit(unit: TranslationUnit, context: Xliff2WriteContext): UnitPieces {
  const format = context.format
  // Segment text and code data may hold characters XML cannot carry: they are written as <cp hex> (XLIFF 2.1 core, element cp).
  const escapes = checkUnit(format, unit, true)
  context.count++
  const extras: Extra[] = unitExtras(unit, { dates: true })
  let id = unit.id
  const generatedLike = id.startsWith(GENERATED_PREFIX)
  if (!isNmtoken(id) || (generatedLike && context.generatedLike.has(id))) {
    // XLIFF 2 ids are NMTOKENs (no spaces, slashes...); keep the real id in metadata and write a safe one, which no
    // unit written so far has (a real id of that form written later gets a safe one in turn).
    id = `${GENERATED_PREFIX}${context.count}`
    for (let attempt = 2; context.generatedLike.has(id); attempt++) id = `${GENERATED_PREFIX}${context.count}.${attempt}`
    extras.unshift(['id', unit.id])
    context.generatedLike.add(id)
  } else if (generatedLike) context.generatedLike.add(id)
  const data: string[] = []
  // The unit's pieces after the head (see UnitPieces): the segment up to the source, the source, the markup
  // between, the target and the end; or the whole body as one piece.
  let body: string[]
  if ((unit.segments === undefined || unit.segments.length === 0) && !unit.sourceContent && !unit.targetContent) {
    // Most units: one segment of plain text, so no codes to pair and no originalData (the general path below
    // writes the same text for them, with more work).
    const source = escapes & SOURCE_ESCAPES ? escapeCharacterData(unit.source) : unit.source
    const target = escapes & TARGET_ESCAPES ? escapeCharacterData(unit.target) : unit.target
    const open = `<segment${segmentAttributes('', unit.state, unit.subState, extras, 'subState')}><source>`
    body = target === '' ? [open, source, '</source></segment>\n</unit>\n'] : [open, source, '</source><target>', target, '</target></segment>\n</unit>\n']
  } else body = [`${writeSegments(unit, context.format, data, extras)}</unit>\n`]
  if (unit.notes !== undefined) {
    for (let index = 0; index < unit.notes.length; index++) {
      const from = unit.notes[index]!.from
      if (from !== undefined) extras.push([`note-from.${index}`, from])
    }
  }
  let head = `<unit id="${escapeAttribute(id)}">\n`
  // Only a unit with metadata pays for the entries array.
  const metadata = unit.metadata === undefined ? noEntries : Object.entries(unit.metadata)
  if (extras.length > 0 || metadata.length > 0) {
    head += '<mda:metadata>'
    // Extra types are the writer's own names (extras.ts, note-from.N, subState.N): nothing to escape in them.
    if (extras.length > 0) head += `<mda:metaGroup category="mizan">${writeMetas(extras, false)}</mda:metaGroup>`
    if (metadata.length > 0) head += `<mda:metaGroup category="metadata">${writeMetas(metadata, true)}</mda:metaGroup>`
    head += '</mda:metadata>\n'
  }
  if (unit.notes && unit.notes.length > 0) head += `<notes>${writeNotes(unit.notes, (message) => unitError(format, unit, message))}</notes>\n`
  if (data.length > 0) head += `<originalData>${data.join('')}</originalData>\n`
  body[0] = head + body[0]!
  return body
}

const noEntries: ReadonlyArray<readonly [string, string]> = []

/** Writes `mda:meta` elements; `escapeTypes` false for the writer's own type names, which need no escaping. */
function writeMetas(entries: ReadonlyArray<readonly [string, string]>, escapeTypes: boolean): string {
  let xml = ''
  for (const [type, value] of entries) xml += `<mda:meta type="${escapeTypes ? escapeAttribute(type) : type}">${escapeText(value)}</mda:meta>`
  return xml
}

/** Writes the segments of a unit with codes or several segments, collecting `originalData` entries in `data`. */
function writeSegments(unit: TranslationUnit, format: string, data: string[], extras: Extra[]): string {
  const segments = segmentsOf(unit)
  const multi = unit.segments !== undefined && unit.segments.length > 0
  // Native data of every code goes to <originalData>, referenced by generated ids d1, d2...
  const dataIds = new Map<InlineCode, string>()
  const sides = segments.map((segment) => [contentOf(segment, 'source'), contentOf(segment, 'target')] as const)
  for (const [source, target] of sides) {
    for (const item of [...source, ...target]) {
      if (typeof item !== 'string' && item.data !== undefined) {
        const dataId = `d${data.length + 1}`
        data.push(`<data id="${dataId}">${escapeCharacterData(item.data)}</data>`)
        dataIds.set(item, dataId)
      }
    }
  }
  const sourceIds = unitCodePairs(sides.map((side) => side[0]), unit, format)
  const targetIds = unitCodePairs(sides.map((side) => side[1]), unit, format)
  let body = ''
  segments.forEach((segment, index) => {
    const [source, target] = sides[index]!
    const sourceXml = `<source>${writeInline(source, dataIds, sourceIds, unit, format)}</source>`
    const targetXml = target.length > 0 ? `<target>${writeInline(target, dataIds, targetIds, unit, format)}</target>` : ''
    if (segment.id !== undefined && !isNmtoken(segment.id)) throw unitError(format, unit, `segment id ${JSON.stringify(segment.id)} is not an XML NMTOKEN, which XLIFF 2 requires`)
    const idAttribute = segment.id === undefined ? '' : ` id="${escapeAttribute(segment.id)}"`
    if (segment.ignorable) {
      body += `<ignorable${idAttribute}>${sourceXml}${targetXml}</ignorable>\n`
      return
    }
    const state = multi ? (segment.state ?? unit.state) : unit.state
    const subState = multi ? (segment.subState ?? unit.subState) : unit.subState
    body += `<segment${segmentAttributes(idAttribute, state, subState, extras, multi ? `subState.${index}` : 'subState')}>${sourceXml}${targetXml}</segment>\n`
  })
  return body
}

/** The attributes of a `<segment>`: id, state and subState (§4.3.1.41: subState needs state and the prefix:value form; any other is kept in metadata under `extraName`). */
function segmentAttributes(idAttribute: string, state: UnitState | undefined, subState: string | undefined, extras: Extra[], extraName: string): string {
  let attributes = idAttribute
  if (state !== undefined) attributes += ` state="${state}"`
  if (subState !== undefined) {
    if (state !== undefined && subStatePattern.test(subState)) attributes += ` subState="${escapeAttribute(subState)}"`
    else extras.push([extraName, subState])
  }
  return attributes
}

/**
 * Writes the `<note>` elements of a unit (or of the document, in XLIFF 2.2). A note's id is written as it is, so
 * comment annotations (`<mrk type="comment" ref="#n=…">`, §4.7.2.2) still find it; ids are NMTOKENs unique among
 * the notes (§4.3.1.19), anything else is refused through `fail`.
 *
 * @internal
 */
export function writeNotes(notes: readonly UnitNote[], fail: (message: string) => Error): string {
  let xml = ''
  let ids: Set<string> | undefined
  for (const note of notes) {
    let attributes = ''
    if (note.id !== undefined) {
      if (!isNmtoken(note.id)) throw fail(`note id ${JSON.stringify(note.id)} is not an XML NMTOKEN, which XLIFF 2 requires`)
      if ((ids ??= new Set()).has(note.id)) throw fail(`note id "${note.id}" is used twice; XLIFF 2 needs unique note ids`)
      ids.add(note.id)
      attributes += ` id="${note.id}"`
    }
    if (note.category !== undefined) attributes += ` category="${escapeAttribute(note.category)}"`
    if (note.priority !== undefined) attributes += ` priority="${note.priority}"`
    if (note.appliesTo !== undefined) attributes += ` appliesTo="${note.appliesTo}"`
    xml += `<note${attributes}>${escapeText(note.text)}</note>`
  }
  return xml
}

/**
 * Escapes segment text or original data, writing each character XML 1.0 cannot carry (C0 controls, U+FFFE,
 * U+FFFF, lone surrogates) as `<cp hex="…"/>`, which XLIFF 2 provides for them (core element `cp`, "characters invalid in XML"; the reader turns it
 * back into the character, so the unit's text is the same after a round trip).
 */
function escapeCharacterData(text: string): string {
  const escaped = escapeText(text)
  return findForbiddenCharacter(escaped) === undefined ? escaped : escaped.replace(notXmlCharacter, writeCodePoint)
}
const notXmlCharacter = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const writeCodePoint = (character: string): string => `<cp hex="${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}"/>`

/**
 * Code ids that have both ends somewhere in the unit's source (or target): those are written as non-isolated
 * `sc`/`ec` even across segments (§4.7.2: an `sc` is isolated only when its `ec` is outside the unit).
 */
function unitCodePairs(sides: InlineContent[], unit: TranslationUnit, format: string): { paired: Set<string>; markStarts: Set<string> } {
  const opens = new Set<string>()
  const paired = new Set<string>()
  const markStarts = new Set<string>()
  const ids = new Set<string>()
  for (const content of sides) {
    for (const item of content) {
      if (typeof item === 'string') continue
      if (!isNmtoken(item.id)) throw unitError(format, unit, `inline code id ${JSON.stringify(item.id)} is not an XML NMTOKEN, which XLIFF 2 requires`)
      if (item.kind === 'close' || item.kind === 'markEnd') {
        if (item.kind === 'close' && opens.has(item.id)) paired.add(item.id)
        if (item.kind === 'markEnd' && !markStarts.has(item.id)) throw unitError(format, unit, `mark end "${item.id}" has no mark start in the unit; XLIFF 2 <em> needs its <sm>`)
        continue
      }
      if (ids.has(item.id)) throw unitError(format, unit, `inline code id "${item.id}" is used twice on one side of the unit; XLIFF 2 needs unique ids`)
      ids.add(item.id)
      if (item.kind === 'open') opens.add(item.id)
      if (item.kind === 'markStart') markStarts.add(item.id)
    }
  }
  return { paired, markStarts }
}

const forcedUnpaired = new Set(['sc', 'ec', 'sm', 'em'])
const emptyRecord = (record: Record<string, string> | undefined): boolean => record === undefined || Object.keys(record).length === 0
const maySpan = (open: InlineCode, close: InlineCode): boolean => !forcedUnpaired.has(open.element ?? '') && !forcedUnpaired.has(close.element ?? '') && emptyRecord(close.attributes)

/**
 * The open codes and mark starts written as one element spanning content (`pc`, `mrk`), by index, with the
 * index of their end. Only those elements must nest (XML); `sc`/`ec`/`sm`/`em`/`ph` are empty elements that may
 * stand anywhere, inside a span or across one. So, unlike the stack walk of {@link pairCodes}, only spanning
 * candidates (both ends in the content, hints allowing it) go on the stack: an isolated `sc` inside a `<mrk>`, or
 * a pair read as `sc`/`ec`, does not turn the enclosing `mrk` into `sm`/`em` (or a `pc` into `sc`/`ec`). Of two
 * crossing candidates the one closing first is written as empty markers and the other still spans.
 */
function spanningPairs(content: InlineContent): Map<number, number> {
  const { partner } = pairCodes(content, () => false)
  const span = new Map<number, number>()
  const stack: number[] = []
  for (let index = 0; index < content.length; index++) {
    const item = content[index]!
    if (typeof item === 'string' || item.kind === 'standalone') continue
    const other = partner.get(index)
    if (other === undefined) continue
    if (other > index) {
      if (maySpan(item, content[other] as InlineCode)) stack.push(index)
      continue
    }
    const position = stack.lastIndexOf(other)
    if (position === -1) continue
    if (position === stack.length - 1) span.set(other, index)
    stack.splice(position, 1)
  }
  return span
}

function writeInline(content: InlineContent, dataIds: Map<InlineCode, string>, unitPairs: { paired: Set<string> }, unit: TranslationUnit, format: string): string {
  const span = spanningPairs(content)
  const spanEnds = new Set(span.values())
  const writeCode = (item: InlineCode, index: number): string => {
    // Only attributes the element allows are written (another format's, such as 1.2 ctype, are left out).
    const attributesFor = (element: string): string => writeAttributes(item.attributes, boundOnRoot, structural[element], (key, value) => isXliff2InlineAttribute(element, key, value))
    const dataRef = dataIds.get(item)
    const id = escapeAttribute(item.id)
    switch (item.kind) {
      case 'standalone':
        return `<ph id="${id}"${dataRef === undefined ? '' : ` dataRef="${dataRef}"`}${attributesFor('ph')}/>`
      case 'open': {
        const end = span.get(index)
        if (end !== undefined) {
          const endRef = dataIds.get(content[end] as InlineCode)
          return `<pc id="${id}"${dataRef === undefined ? '' : ` dataRefStart="${dataRef}"`}${endRef === undefined ? '' : ` dataRefEnd="${endRef}"`}${attributesFor('pc')}>`
        } else {
          return `<sc id="${id}"${dataRef === undefined ? '' : ` dataRef="${dataRef}"`}${unitPairs.paired.has(item.id) ? '' : ' isolated="yes"'}${attributesFor('sc')}/>`
        }
      }
      case 'close':
        if (spanEnds.has(index)) return '</pc>'
        else if (unitPairs.paired.has(item.id)) return `<ec startRef="${id}"${dataRef === undefined ? '' : ` dataRef="${dataRef}"`}${attributesFor('ec')}/>`
        else return `<ec id="${id}" isolated="yes"${dataRef === undefined ? '' : ` dataRef="${dataRef}"`}${attributesFor('ec')}/>`
      case 'markStart':
        return span.has(index) ? `<mrk id="${id}"${attributesFor('mrk')}>` : `<sm id="${id}"${attributesFor('sm')}/>`
      case 'markEnd':
        return spanEnds.has(index) ? '</mrk>' : `<em startRef="${id}"/>`
      default:
        throw unitError(format, unit, `has an inline code of unknown kind ${JSON.stringify((item as InlineCode).kind)}`)
    }
  }
  // Text as escapeCharacterData writes it (with <cp> for what XML cannot carry), codes by writeCode.
  let xml = ''
  for (let index = 0; index < content.length; index++) {
    const item = content[index]!
    xml += typeof item === 'string' ? escapeCharacterData(item) : writeCode(item, index)
  }
  return xml
}

// --- Reading ---------------------------------------------------------------------------------------------

/**
 * Converts a `<unit>` element to a TranslationUnit, after checking the processing requirements of XLIFF 2
 * core and the modules we know (see xliff2-validate.ts).
 *
 * @internal
 */
export function readXliff2Unit(element: XmlElement, document: Xliff2Document, flows?: string[]): TranslationUnit {
  const format = document.format
  const unitFlows = checkXliff2Unit(element, document)
  if (flows) for (const flow of unitFlows) flows.push(flow)
  const id = element.attributes.id
  if (id === undefined) throw new FormatError('<unit> has no id', { format, line: element.line, column: element.column })
  const unit: TranslationUnit = { id, source: '', target: '' }
  const data = new Map<string, string>()
  for (const original of childElements(element, 'originalData')) {
    for (const item of childElements(original, 'data')) data.set(item.attributes.id!, readData(item))
  }
  const segments: UnitSegment[] = []
  const deferred: Extra[] = []
  for (const child of element.children) {
    if (typeof child === 'string') continue
    if (child.ns === MDA_NS && child.local === 'metadata') {
      for (const group of childElements(child, 'metaGroup', MDA_NS)) {
        const category = group.attributes.category
        for (const meta of childElements(group, 'meta', MDA_NS)) applyMeta(unit, category, meta.attributes.type ?? '', textContent(meta), format, meta.line, deferred)
      }
      continue
    }
    if (child.local === 'notes') {
      unit.notes = readXliff2Notes(child)
      continue
    }
    if (child.local === 'segment' || child.local === 'ignorable') {
      const source = childElements(child, 'source')[0]!
      const target = childElements(child, 'target')[0]
      const segment: UnitSegment = { source: '', target: '' }
      if (child.attributes.id !== undefined) segment.id = child.attributes.id
      const sourceContent = readInline(source, data, format)
      const targetContent = target ? readInline(target, data, format) : []
      segment.source = plainText(sourceContent)
      segment.target = plainText(targetContent)
      if (hasCodes(sourceContent)) segment.sourceContent = sourceContent
      if (hasCodes(targetContent)) segment.targetContent = targetContent
      if (child.local === 'ignorable') segment.ignorable = true
      else {
        if (child.attributes.state !== undefined) segment.state = child.attributes.state as UnitState
        if (child.attributes.subState !== undefined) segment.subState = child.attributes.subState
      }
      segments.push(segment)
    }
  }
  return finishUnit(unit, segments, deferred, format)
}

/** Applies one `mda:meta` to the unit being read (both readers share it, so they agree). */
function applyMeta(unit: TranslationUnit, category: string | undefined, type: string, value: string, format: string, line: number | undefined, deferred: Extra[]): void {
  if (category === 'mizan') {
    // The writer keeps only ids XLIFF cannot carry (not NMTOKENs) and ids of its generated form (see
    // xliff2Unit): another value could let two units share an id (this one and the unit whose attribute it
    // names), so it is kept as metadata instead.
    if (type === 'id' && (!isNmtoken(value) || value.startsWith(GENERATED_PREFIX))) unit.id = value
    else if (!applyExtra(unit, type, value, format, line)) deferred.push([type, value])
  } else {
    const key = category === 'metadata' ? type : category === undefined ? type : `${category}.${type}`
    ;(unit.metadata ??= {})[key] = value
  }
}

/** Completes a unit from its segments and the metadata kept for last (both readers share it). */
function finishUnit(unit: TranslationUnit, segments: UnitSegment[], deferred: Extra[], format: string): TranslationUnit {
  if (segments.length !== 1 || segments[0]!.sourceContent || segments[0]!.targetContent) markIsolated(segments)
  for (const [type, value] of deferred) {
    const match = /^(subState|note-from)(?:\.(\d+))?$/.exec(type)
    if (match?.[1] === 'subState') {
      const target = match[2] === undefined ? segments.find((segment) => !segment.ignorable) : segments[Number(match[2])]
      if (target) target.subState = value
    } else if (match?.[1] === 'note-from' && unit.notes?.[Number(match[2])]) unit.notes[Number(match[2])]!.from = value
    else (unit.metadata ??= {})[`mizan.${type}`] = value
  }
  finishExtras(unit, format)
  if (segments.length === 1) {
    unit.source = segments[0]!.source
    unit.target = segments[0]!.target
  } else {
    unit.source = segments.map((segment) => segment.source).join('')
    unit.target = segments.map((segment) => segment.target).join('')
  }
  const first = segments.find((segment) => !segment.ignorable)
  if (first?.state !== undefined) unit.state = first.state
  if (first?.subState !== undefined) unit.subState = first.subState
  if (segments.length === 1 && first?.id === undefined && !first?.ignorable) {
    if (first?.sourceContent) unit.sourceContent = first.sourceContent
    if (first?.targetContent) unit.targetContent = first.targetContent
  } else {
    for (const segment of segments) {
      if (segment.state === unit.state) delete segment.state
      if (segment.subState === unit.subState) delete segment.subState
    }
    const sourceContent = compactContent(segments.flatMap((segment) => contentOf(segment, 'source')))
    const targetContent = compactContent(segments.flatMap((segment) => contentOf(segment, 'target')))
    if (hasCodes(sourceContent)) unit.sourceContent = sourceContent
    if (hasCodes(targetContent)) unit.targetContent = targetContent
    unit.segments = segments
  }
  return unit
}

const cursor = new FastCursor()
const segmentStates = new Set(['initial', 'translated', 'reviewed', 'final'])
const segmentAttributeNames = ['id', 'state', 'subState']
const ignorableAttributeNames = ['id']
const noteAttributeNames = ['id', 'category', 'priority', 'appliesTo']
const metaCategories = ['mizan', 'metadata']
/** The `mda:meta` types of the `mizan` metaGroup in the order the writer puts them in a plain unit (unitExtras). */
const writtenMetaTypes = ['context-previous', 'context-next', 'origin-document', 'origin-source-sentences', 'origin-target-sentences', 'alignment-score', 'alignment-shape', 'created', 'changed']
/** The `mda:meta` types the writer uses (see extras.ts and xliff2Unit): those and the kept id and segment subState. */
const metaTypes = [...writtenMetaTypes, 'id', 'subState']
const notePriority = /^(?:10|[1-9])$/

/**
 * A plain unit exactly as {@link xliff2Unit} writes it (see PLAIN_TEXT in fast-cursor.ts): `<unit id>`, an optional
 * `mizan` metaGroup holding any of {@link writtenMetaTypes} in the writer's order, one `<segment>` with an
 * optional state, a source and an optional target. Groups: 1 id, 2 the metadata (present or not), 3 to 11 the
 * metas, 12 the state, 13 the source, 14 the target.
 */
const writtenUnit = new RegExp(
  `<unit id="(${PLAIN_VALUE})">\n(?:(<mda:metadata>)<mda:metaGroup category="mizan">` +
    writtenMetaTypes.map((type) => `(?:<mda:meta type="${type}">(${PLAIN_TEXT})</mda:meta>)?`).join('') +
    `</mda:metaGroup></mda:metadata>\n)?<segment(?: state="(initial|translated|reviewed|final)")?><source>(${PLAIN_TEXT})</source>(?:<target>(${PLAIN_TEXT})</target>)?</segment>\n</unit>`,
  'y',
)

/**
 * The first try of {@link readXliff2UnitFast}: a unit in the writer's own layout, matched by one regex
 * ({@link writtenUnit}); undefined for anything else (the cursor then tries). It checks what the cursor checks for
 * that shape (NMTOKEN and unused id, `mda` bound, a metaGroup not empty, trgLang for a target, inherited
 * xml:lang) and builds the unit with the same functions in the same order, so the unit is the one the cursor (and
 * the tree reader) would give.
 *
 * @internal
 */
export function readXliff2WrittenUnit(text: string, start: number, end: number, document: Xliff2Document, mdaBound: boolean, ids: { taken: (id: string) => boolean; id: string }): TranslationUnit | undefined {
  writtenUnit.lastIndex = start
  const match = writtenUnit.exec(text)
  if (match === null || writtenUnit.lastIndex !== end) return undefined
  const id = match[1]!
  const target = match[14]
  if (!isNmtoken(id) || ids.taken(id) || (match[2] !== undefined && !mdaBound)) return undefined
  if (target !== undefined && document.targetLang === undefined) return undefined
  const lang = document.lang?.toLowerCase()
  if (lang !== undefined && (lang !== document.sourceLang.toLowerCase() || (target !== undefined && lang !== document.targetLang!.toLowerCase()))) return undefined
  const format = document.format
  const unit: TranslationUnit = { id, source: '', target: '' }
  const deferred: Extra[] = []
  try {
    if (match[2] !== undefined) {
      let metas = 0
      for (let index = 0; index < writtenMetaTypes.length; index++) {
        const value = match[3 + index]
        if (value === undefined) continue
        applyMeta(unit, 'mizan', writtenMetaTypes[index]!, value, format, undefined, deferred)
        metas++
      }
      if (metas === 0) return undefined
    }
    const segment: UnitSegment = { source: match[13]!, target: target ?? '' }
    const state = match[12]
    if (state !== undefined) segment.state = state as UnitState
    ids.id = id
    return finishUnit(unit, [segment], deferred, format)
  } catch (error) {
    if (error instanceof FormatError) return undefined
    throw error
  }
}

/**
 * The fast path (see fast-cursor.ts): reads a `<unit>` of the common shape straight from its text, or returns
 * undefined to leave it to {@link readXliff2Unit}. The shape: `<unit id>`, an optional `mda:metadata` of
 * metaGroups (`category` only) of metas (`type` only, text only), optional `notes` (`category`, `priority`,
 * `appliesTo`, text only), then segments (`id`, `state`, `subState`) and
 * ignorables (`id`) holding a text-only `<source>` and optional `<target>` without attributes. For that shape it
 * checks what the validator would (NMTOKEN ids, unique segment ids, state values, subState needing state and its
 * prefix:value form, a segment among the parts, trgLang for targets, inherited xml:lang against srcLang and
 * trgLang), so every unit it returns is one the tree reader would return, equal.
 *
 * Two tries: the writer's own layout, matched by one regex ({@link readXliff2WrittenUnit}), then the cursor
 * ({@link readXliff2UnitCursor}) for every other unit of the shape.
 *
 * @param ids - `taken(id)`: whether an id is already used in the file (by a unit or a group), such a unit is left
 * to the tree reader, which reports it; `id` is set to the unit's `id` attribute (the unit's own id may differ,
 * when a non-NMTOKEN id was kept in metadata)
 * @internal
 */
export function readXliff2UnitFast(text: string, start: number, end: number, document: Xliff2Document, mdaBound: boolean, ids: { taken: (id: string) => boolean; id: string }): TranslationUnit | undefined {
  return readXliff2WrittenUnit(text, start, end, document, mdaBound, ids) ?? readXliff2UnitCursor(text, start, end, document, mdaBound, ids)
}

/**
 * The second try of {@link readXliff2UnitFast}: the cursor (see fast-cursor.ts), for the shape described there.
 *
 * @internal
 */
export function readXliff2UnitCursor(text: string, start: number, end: number, document: Xliff2Document, mdaBound: boolean, ids: { taken: (id: string) => boolean; id: string }): TranslationUnit | undefined {
  const c = cursor
  c.reset(text, start, end)
  try {
    const id = c.open('unit') ? c.sole('id') : undefined
    if (id === undefined || !isNmtoken(id) || ids.taken(id)) return undefined
    ids.id = id
    const format = document.format
    const unit: TranslationUnit = { id, source: '', target: '' }
    const deferred: Extra[] = []
    if (c.open('mda:metadata')) {
      if (!mdaBound || !c.none()) return undefined
      let groups = 0
      while (c.open('mda:metaGroup')) {
        const category = c.soleKnown('category', metaCategories)
        if (category === undefined && !c.none()) return undefined
        let metas = 0
        while (c.open('mda:meta')) {
          const type = c.soleKnown('type', metaTypes)
          if (type === undefined) return undefined
          applyMeta(unit, category, type, c.read(), format, undefined, deferred)
          c.close('mda:meta')
          metas++
        }
        if (metas === 0) return undefined
        c.close('mda:metaGroup')
        groups++
      }
      if (groups === 0) return undefined
      c.close('mda:metadata')
    }
    if (c.open('notes')) {
      if (!c.none()) return undefined
      const notes: UnitNote[] = []
      while (c.open('note')) {
        // As readNote, for notes without other attributes (§4.3.1.24 priority 1-10, appliesTo source/target; ids
        // NMTOKENs unique among the notes, §4.3.1.19).
        c.only(noteAttributeNames)
        const noteId = c.attribute('id')
        if (noteId !== undefined && (!isNmtoken(noteId) || notes.some((note) => note.id === noteId))) return undefined
        const category = c.attribute('category')
        const priority = c.attribute('priority')
        const appliesTo = c.attribute('appliesTo')
        if (priority !== undefined && !notePriority.test(priority)) return undefined
        if (appliesTo !== undefined && appliesTo !== 'source' && appliesTo !== 'target') return undefined
        notes.push(xliff2Note(c.read(), noteId, category, priority, appliesTo))
        c.close('note')
      }
      if (notes.length === 0) return undefined
      c.close('notes')
      unit.notes = notes
    }
    const segments: UnitSegment[] = []
    let hasSegment = false
    let hasTarget = false
    for (;;) {
      const ignorable = !c.open('segment')
      if (ignorable && !c.open('ignorable')) break
      c.only(ignorable ? ignorableAttributeNames : segmentAttributeNames)
      const segment: UnitSegment = { source: '', target: '' }
      const segmentId = c.attribute('id')
      if (segmentId !== undefined) {
        if (!isNmtoken(segmentId)) return undefined
        for (const other of segments) if (other.id === segmentId) return undefined
        segment.id = segmentId
      }
      const state = ignorable ? undefined : c.attribute('state')
      const subState = ignorable ? undefined : c.attribute('subState')
      if (state !== undefined && !segmentStates.has(state)) return undefined
      if (subState !== undefined && (state === undefined || !subStatePattern.test(subState))) return undefined
      if (!c.open('source') || !c.none()) return undefined
      segment.source = c.read()
      c.close('source')
      if (c.open('target')) {
        if (!c.none()) return undefined
        segment.target = c.read()
        c.close('target')
        hasTarget = true
      }
      c.close(ignorable ? 'ignorable' : 'segment')
      if (ignorable) segment.ignorable = true
      else {
        hasSegment = true
        if (state !== undefined) segment.state = state as UnitState
        if (subState !== undefined) segment.subState = subState
      }
      segments.push(segment)
    }
    c.close('unit')
    if (!c.atEnd() || !hasSegment) return undefined
    // §4.3.1.16/§4.3.1.17: languages set on (or inherited by) source and target match srcLang and trgLang.
    if (hasTarget && document.targetLang === undefined) return undefined
    const lang = document.lang?.toLowerCase()
    if (lang !== undefined && (lang !== document.sourceLang.toLowerCase() || (hasTarget && lang !== document.targetLang!.toLowerCase()))) return undefined
    return finishUnit(unit, segments, deferred, format)
  } catch (error) {
    if (error === FALLBACK || error instanceof FormatError) return undefined
    throw error
  }
}

/** Sets `isolated` on the open/close codes whose partner is not in the same segment side (the model's meaning). @internal */
export function markIsolated(segments: UnitSegment[]): void {
  for (const segment of segments) {
    for (const content of [segment.sourceContent, segment.targetContent]) {
      if (!content) continue
      const { partner } = pairCodes(content, () => false)
      content.forEach((item, index) => {
        if (typeof item === 'string' || (item.kind !== 'open' && item.kind !== 'close')) return
        if (partner.has(index)) delete item.isolated
        else item.isolated = true
      })
    }
  }
}

function readData(element: XmlElement): string {
  let text = ''
  for (const child of element.children) text += typeof child === 'string' ? child : child.local === 'cp' ? String.fromCodePoint(Number.parseInt(child.attributes.hex!, 16)) : ''
  return text
}

/** The notes of a `<notes>` element (of a unit, or of the document in XLIFF 2.2), already checked. @internal */
export function readXliff2Notes(element: XmlElement): UnitNote[] {
  return childElements(element, 'note').map(readNote)
}

function readNote(element: XmlElement): UnitNote {
  const a = element.attributes
  return xliff2Note(textContent(element), a.id, a.category, a.priority, a.appliesTo)
}

/** A note as both readers build it: {@link noteOf} plus the XLIFF 2 id. */
function xliff2Note(text: string, id: string | undefined, category: string | undefined, priority: string | undefined, appliesTo: string | undefined): UnitNote {
  const note = noteOf(text, undefined, category, priority, appliesTo)
  if (id !== undefined) note.id = id
  return note
}

const structural: Record<string, ReadonlySet<string>> = {
  ph: new Set(['id', 'dataRef']),
  pc: new Set(['id', 'dataRefStart', 'dataRefEnd']),
  sc: new Set(['id', 'dataRef', 'isolated']),
  ec: new Set(['id', 'startRef', 'dataRef', 'isolated']),
  mrk: new Set(['id']),
  sm: new Set(['id']),
  em: new Set(['startRef']),
}

function rest(element: XmlElement): Record<string, string> | undefined {
  return otherAttributes(element.attributes, structural[element.local]!)
}

/** Reads inline content; the validator has already checked references and structure. @internal */
export function readInline(element: XmlElement, data: Map<string, string>, format: string): InlineContent {
  const content: InlineContent = []
  const readElement = (child: XmlElement): void => {
    const a = child.attributes
    switch (child.local) {
      case 'cp':
        content.push(String.fromCodePoint(Number.parseInt(a.hex!, 16)))
        break
      case 'ph':
        content.push(inlineCode('standalone', a.id!, child, (a.dataRef === undefined ? undefined : data.get(a.dataRef)), rest(child)))
        break
      case 'pc':
        content.push(inlineCode('open', a.id!, child, (a.dataRefStart === undefined ? undefined : data.get(a.dataRefStart)), rest(child)))
        walk(child)
        content.push(inlineCode('close', a.id!, child, (a.dataRefEnd === undefined ? undefined : data.get(a.dataRefEnd))))
        break
      case 'sc':
        content.push(inlineCode('open', a.id!, child, (a.dataRef === undefined ? undefined : data.get(a.dataRef)), rest(child)))
        break
      case 'ec':
        content.push(inlineCode('close', a.startRef ?? a.id!, child, (a.dataRef === undefined ? undefined : data.get(a.dataRef)), rest(child)))
        break
      case 'mrk':
        content.push(inlineCode('markStart', a.id!, child, undefined, rest(child)))
        walk(child)
        content.push(inlineCode('markEnd', a.id!, child))
        break
      case 'sm':
        content.push(inlineCode('markStart', a.id!, child, undefined, rest(child)))
        break
      case 'em':
        content.push(inlineCode('markEnd', a.startRef!, child, undefined, rest(child)))
        break
      default:
        throw new FormatError(`<${child.name}> is not an inline element of XLIFF 2`, { format, line: child.line, column: child.column })
    }
  }
  const walk = (parent: XmlElement): void => walkInline(parent, content, undefined, readElement)
  walk(element)
  return compactContent(content)
}

