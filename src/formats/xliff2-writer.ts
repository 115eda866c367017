/**
 * Writing XLIFF 2.0, 2.1 and 2.2, one unit at a time (the mapping is described in xliff2.ts, which reads it back):
 * the document head and tail, a unit's metadata, notes, original data, segments and inline codes.
 *
 * @module
 * @internal
 */
import type { InlineCode, InlineContent, TranslationUnit, UnitNote, UnitState } from '../types.js'
import { SOURCE_ESCAPES, TARGET_ESCAPES, checkUnit, contentOf, pairCodes, segmentsOf, unitError, type UnitPieces } from './common.js'
import { unitExtras, type Extra } from './extras.js'
import { writeAttributes } from './inline-writer.js'
import { GENERATED_PREFIX, MDA_NS, XLIFF20_NS, XLIFF22_NS, structural, subStatePattern } from './xliff2.js'
import { isNmtoken, isXliff2InlineAttribute } from './xliff2-validate.js'
import { escapeAttribute, escapeText, findForbiddenCharacter } from './xml.js'

const boundOnRoot = new Set([MDA_NS])

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

/** Writes `mda:meta` elements; `escapeTypes` false for the writer's own type names, which need no escaping. @internal */
export function writeMetas(entries: ReadonlyArray<readonly [string, string]>, escapeTypes: boolean): string {
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
 * stand anywhere, inside a span or across one. So, unlike the stack walk of pairCodes (common.ts), only spanning
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
