/**
 * Reading XLIFF 2.0, 2.1 and 2.2 (OASIS XLIFF Version 2.1 §4 core, §5.7 Metadata module; XLIFF 2.2 core), one unit
 * at a time; the writer is xliff2-writer.ts, the document level of 2.2 xliff2-document.ts.
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
import type { InlineContent, TranslationUnit, UnitNote, UnitSegment, UnitState } from '../types.js'
import { compactContent, contentOf, hasCodes, inlineCode, noteOf, otherAttributes, pairCodes, plainText, unitStates, walkInline } from './common.js'
import { applyExtra, finishExtras, finishParts, type Extra } from './extras.js'
import { checkXliff2Unit, isNmtoken, type Xliff2Document } from './xliff2-validate.js'
import { FALLBACK, FastCursor, PLAIN_TEXT, PLAIN_VALUE } from './fast-cursor.js'
import { childElements, textContent, type XmlElement } from './xml.js'

/** XLIFF 2.0/2.1 core namespace. @internal */
export const XLIFF20_NS = 'urn:oasis:names:tc:xliff:document:2.0'
/** XLIFF 2.2 core namespace. @internal */
export const XLIFF22_NS = 'urn:oasis:names:tc:xliff:document:2.2'
/** Metadata module namespace (unchanged in 2.1 and 2.2). @internal */
export const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0'
/** `segment/@subState`: `prefix:value` (§4.3.1.41). @internal */
export const subStatePattern = /^[^\s:]+:[^\s:]+$/
/** The prefix of the ids the writer makes up (`mizan-N`), for a unit id that is not an NMTOKEN or is taken. @internal */
export const GENERATED_PREFIX = 'mizan-'

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
    ;(unit.metadata ??= {})[metadataKey(category, type)] = value
  }
}

/**
 * The key of a meta outside the `mizan` metaGroup in a unit's or the document's `metadata`: its type for the
 * `metadata` category (or none), `category.type` for any other. @internal
 */
export function metadataKey(category: string | undefined, type: string): string {
  return category === undefined || category === 'metadata' ? type : `${category}.${type}`
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
  finishParts(unit, format)
  return unit
}

const cursor = new FastCursor()
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
 * A plain unit exactly as xliff2Unit (xliff2-writer.ts) writes it (see PLAIN_TEXT in fast-cursor.ts): `<unit id>`, an optional
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
      if (state !== undefined && !unitStates.has(state)) return undefined
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

/**
 * The structural attributes of each inline element, which the reader does not keep in a code's `attributes` and
 * the writer writes itself (or not at all). `subFlows` (and `subFlowsStart`/`subFlowsEnd`) name other units of the
 * file by id: they are checked on reading, then dropped, because the ids they name need not survive (units of
 * several files are written into one, repeated and non-NMTOKEN ids are rewritten, a lenient read may keep a unit
 * whose sub-flow was invalid), and a memory keeps each unit on its own.
 *
 * @internal
 */
export const structural: Record<string, ReadonlySet<string>> = {
  ph: new Set(['id', 'dataRef', 'subFlows']),
  pc: new Set(['id', 'dataRefStart', 'dataRefEnd', 'subFlowsStart', 'subFlowsEnd']),
  sc: new Set(['id', 'dataRef', 'isolated', 'subFlows']),
  ec: new Set(['id', 'startRef', 'dataRef', 'isolated', 'subFlows']),
  mrk: new Set(['id']),
  sm: new Set(['id']),
  em: new Set(['startRef']),
}

/**
 * The attributes of a `mrk`/`sm`, with a comment's full-path ref to a note (`#/f=f1/u=u1/n=n1`) kept as the short
 * `#n=n1`: the validator has checked that it names a note of the annotation's own unit (§4.7.2.2), which the short
 * form names too (§4.8), and the short form stays true when the unit's id changes on a write (units of several
 * files merged, ids rewritten).
 */
function annotationAttributes(element: XmlElement): Record<string, string> | undefined {
  const attributes = rest(element)
  const ref = attributes?.ref
  if (attributes?.type !== 'comment' || ref === undefined || ref.startsWith('#n=')) return attributes
  const note = /\/n=([^/]+)$/.exec(ref)
  if (note) attributes.ref = `#n=${note[1]}`
  return attributes
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
        content.push(inlineCode('markStart', a.id!, child, undefined, annotationAttributes(child)))
        walk(child)
        content.push(inlineCode('markEnd', a.id!, child))
        break
      case 'sm':
        content.push(inlineCode('markStart', a.id!, child, undefined, annotationAttributes(child)))
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

