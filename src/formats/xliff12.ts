/**
 * XLIFF 1.2 (OASIS XLIFF Version 1.2, 2008), written to validate against the strict schema, one unit at a time.
 *
 * Mapping: a unit is a `<trans-unit>`. The target is always written, as a copy of the source with
 * `state="new"` when untranslated, because OmegaT and similar tools translate what is in `<target>`.
 * Segments go to `<seg-source>` and the target as `<mrk mtype="seg">` (§2.3.3 segmentation); text between
 * them is an ignorable segment. Inline codes: `x`/`ph` (standalone, without/with native data), `g` (pairs
 * that span content, without data), `bx`/`ex` and `bpt`/`ept` (pairs that cannot span, without/with data),
 * `it` (isolated), `mrk` (annotations). The strict schema allows no extension elements, so context, origin,
 * alignment, dates and metadata go to `<context-group>`s of `x-` context types, which it allows.
 *
 * The text always wins: a context or a segmentation that no longer describes the text (a CAT tool edited it and
 * kept what it did not know) is left out and reported, and the unit kept with its text.
 *
 * @module
 * @internal
 */
import { FormatError } from '../errors.js'
import type { InlineCode, InlineContent, TranslationUnit, UnitNote, UnitSegment, UnitState } from '../types.js'
import { SOURCE_ESCAPES, TARGET_ESCAPES, checkUnit, compactContent, contentOf, hasCodes, inlineCode, noteOf, otherAttributes, plainText, segmentsOf, unitError, unitStates, walkInline, writeInlineWith, type SkippedItem, type UnitPieces } from './common.js'
import { applyExtra, finishExtras, finishParts, giveUp, leftOutItem, unitExtras, type DropExtra, type Extra } from './extras.js'
import { isXliff12InlineAttribute, spanningPairs, writeAttributes } from './inline-writer.js'
import { needsReview } from '../tm/needs-review.js'
import { isNmtoken } from './xliff2-validate.js'
import { markIsolated } from './xliff2.js'
import { FALLBACK, FastCursor, PLAIN_TEXT, PLAIN_VALUE } from './fast-cursor.js'
import { childElements, escapeAttribute, escapeText, textContent, type XmlElement } from './xml.js'

/** XLIFF 1.2 namespace. @internal */
export const XLIFF12_NS = 'urn:oasis:names:tc:xliff:document:1.2'
const format = 'xliff-1.2'
const noBound = new Set<string>()
/** The mrk type written for annotations that had none (1.2 requires mtype). */
const defaultMarkType = 'x-mizan-mark'
/** The mark types the writer writes as they are (the 1.2 values are lower-case names; others start with x-). */
const markTypePattern = /^(?:[a-z-]+|x-\S+)$/
/** ctype of an `x` that stands for an annotation end without its partner (1.2 mrk must span). */
const loneMarkType = { markStart: 'x-mizan-mark-start', markEnd: 'x-mizan-mark-end' } as const

/** XLIFF 1.2 target states (§ state attribute values). @internal */
export const xliff12States = new Set([
  'new',
  'needs-translation',
  'needs-adaptation',
  'needs-l10n',
  'needs-review-translation',
  'needs-review-adaptation',
  'needs-review-l10n',
  'translated',
  'signed-off',
  'final',
])
const validState = (value: string): boolean => xliff12States.has(value) || /^x-\S+$/.test(value)
/** The 1.2 state each XLIFF 2 state is written as when the unit has no finer state. */
const defaultState: Record<UnitState, string> = { initial: 'needs-translation', translated: 'translated', reviewed: 'signed-off', final: 'final' }

/**
 * The XLIFF 2 state a reader infers from a 1.2 target state and `approved` (the XLIFF 2.0 spec's 1.2 mapping,
 * approximately). `translated` stays translated when approved: Translate Toolkit (Pootle, Virtaal, Weblate) writes
 * every finished translation as `approved="yes"` with `state="translated"` and counts a unit without `approved` as
 * fuzzy, so the writer approves translated units too (see xliff12Unit).
 * @internal
 */
function inferState(value: string | undefined, approved: boolean): UnitState | undefined {
  if (value === undefined) return approved ? 'reviewed' : undefined
  if (value === 'final') return 'final'
  if (value === 'signed-off' || (approved && value !== 'translated')) return 'reviewed'
  if (value === 'new' || value === 'needs-translation' || value === 'needs-adaptation' || value === 'needs-l10n') return 'initial'
  return 'translated'
}

/** The document head up to the first unit. @internal */
export function xliff12Head(sourceLang: string, targetLang: string, original: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="${XLIFF12_NS}">\n` +
    `<file original="${escapeAttribute(original)}" source-language="${escapeAttribute(sourceLang)}" target-language="${escapeAttribute(targetLang)}" datatype="plaintext">\n<body>\n`
  )
}

/** The document tail. @internal */
export function xliff12Tail(): string {
  return '</body>\n</file>\n</xliff>\n'
}

const sameContent = (a: InlineContent, b: InlineContent): boolean => JSON.stringify(a) === JSON.stringify(b)

/** Writes one unit. @internal */
export function xliff12Unit(unit: TranslationUnit): UnitPieces {
  const escapes = checkUnit(format, unit)
  const extras: Extra[] = unitExtras(unit, { dates: true })
  // Most units are one segment of plain text: no content arrays, codes or marks to pair (the general path
  // writes the same text for them, with more work).
  const plain = (unit.segments === undefined || unit.segments.length === 0) && !unit.sourceContent && !unit.targetContent
  const segments = plain ? [] : segmentsOf(unit)
  const multi = unit.segments !== undefined && unit.segments.length > 0
  const untranslated = plain ? unit.target === '' : segments.every((segment) => contentOf(segment, 'target').length === 0)
  const sources = plain ? [] : segments.map((segment) => contentOf(segment, 'source'))
  const targets = untranslated ? sources : segments.map((segment) => contentOf(segment, 'target'))
  // State: written so the reader's inference gives the unit's state back; otherwise kept as an extra.
  let stateValue: string | undefined
  let approved = false
  const review = needsReview(unit)
  if (untranslated) stateValue = 'new'
  else if (unit.subState !== undefined && validState(unit.subState)) stateValue = unit.subState
  // A pair that needs review (the aligner's doubtful beads) is XLIFF 1.2's needs-review-translation: CAT tools
  // show it as fuzzy, and the extras below keep state initial and subState mizan:needs-review for our reader.
  else if (review) stateValue = 'needs-review-translation'
  else if (unit.state !== undefined) stateValue = defaultState[unit.state]
  // Approved: a translation ready to use (Translate Toolkit counts an unapproved one as fuzzy, and po2tmx leaves
  // fuzzy units out), so every translated, reviewed or final unit that does not need review.
  if (!untranslated && !review && (unit.state === 'translated' || unit.state === 'reviewed' || unit.state === 'final')) approved = true
  if (inferState(stateValue, approved) !== unit.state) extras.push(['state', unit.state ?? ''])
  // The reader takes the 1.2 state as the finer state unless it is 'new' or the default spelling of the state.
  const recovered = stateValue !== undefined && stateValue !== 'new' && (unit.state === undefined || stateValue !== defaultState[unit.state]) ? stateValue : undefined
  if (recovered !== unit.subState) extras.push(['subState', unit.subState ?? ''])
  if (!untranslated && stateValue === 'new' && (plain ? unit.source === unit.target : sameContent(compactContent(sources.flat()), compactContent(targets.flat())))) extras.push(['target-kept', 'yes'])
  let sourceXml: string
  let segSourceXml = ''
  let targetXml: string
  const targetMarks: string[] = []
  if (plain) {
    sourceXml = escapes & SOURCE_ESCAPES ? escapeText(unit.source) : unit.source
    targetXml = untranslated ? sourceXml : escapes & TARGET_ESCAPES ? escapeText(unit.target) : unit.target
  } else if (multi) {
    const sourceIds = unitPairs(sources)
    const targetIds = unitPairs(targets)
    sourceXml = sources.map((content) => writeInline(content, sourceIds, unit)).join('')
    const wrap = (contents: InlineContent[], ids: Set<string>, marks?: string[]): string =>
      segments
        .map((segment, index) => {
          const inner = writeInline(contents[index]!, ids, unit, marks)
          if (segment.ignorable) return inner
          if (segment.id !== undefined && !isNmtoken(segment.id)) throw unitError(format, unit, `segment id ${JSON.stringify(segment.id)} is not an XML NMTOKEN, which XLIFF 1.2 mrk/@mid requires`)
          return `<mrk mtype="seg"${segment.id === undefined ? '' : ` mid="${escapeAttribute(segment.id)}"`}>${inner}</mrk>`
        })
        .join('')
    segSourceXml = `<seg-source>${wrap(sources, sourceIds)}</seg-source>\n`
    targetXml = wrap(targets, targetIds, targetMarks)
    segments.forEach((segment, index) => {
      if (segment.state !== undefined) extras.push([`segment-state.${index}`, segment.state])
      if (segment.subState !== undefined) extras.push([`segment-subState.${index}`, segment.subState])
    })
  } else {
    sourceXml = writeInline(sources[0]!, unitPairs(sources), unit)
    targetXml = writeInline(targets[0]!, unitPairs(targets), unit, targetMarks)
  }
  if (targetMarks.length > 0) extras.push(['target-marks', targetMarks.join(' ')])
  // The pieces (see UnitPieces): up to the source, the source, the markup between, the target, and the rest.
  const open = `<trans-unit id="${escapeAttribute(unit.id)}"${approved ? ' approved="yes"' : ''}>\n<source>`
  const between = `</source>\n${segSourceXml}<target${stateValue === undefined ? '' : ` state="${escapeAttribute(stateValue)}"`}>`
  let xml = '</target>\n'
  if (unit.notes !== undefined) {
    for (let index = 0; index < unit.notes.length; index++) {
      const category = unit.notes[index]!.category
      if (category !== undefined) extras.push([`note-category.${index}`, category])
    }
  }
  // Context-group names are unique per file (U_context-group_name), so each carries the unit id. Extra types are
  // the writer's own names (extras.ts, state, subState, target-kept, target-marks, segment-state.N...): nothing to
  // escape in them.
  if (extras.length > 0) {
    xml += `<context-group name="x-mizan:${escapeAttribute(unit.id)}" purpose="information">`
    for (const [type, value] of extras) xml += `<context context-type="x-${type}">${escapeText(value)}</context>`
    xml += '</context-group>\n'
  }
  if (unit.metadata !== undefined) {
    const metadata = Object.entries(unit.metadata)
    if (metadata.length > 0) xml += `<context-group name="x-mizan-metadata:${escapeAttribute(unit.id)}" purpose="information">${metadata.map(([key, value]) => `<context context-type="x-key">${escapeText(key)}</context><context context-type="x-value">${escapeText(value)}</context>`).join('')}</context-group>\n`
  }
  if (unit.notes !== undefined) for (const note of unit.notes) xml += writeNote(note, unit)
  return [open, sourceXml, between, targetXml, `${xml}</trans-unit>\n`]
}

function writeNote(note: UnitNote, unit: TranslationUnit): string {
  let attributes = ''
  if (note.from !== undefined) attributes += ` from="${escapeAttribute(note.from)}"`
  if (note.priority !== undefined) {
    if (!Number.isInteger(note.priority) || note.priority < 1 || note.priority > 10) throw unitError(format, unit, `note priority must be 1 to 10, got ${note.priority}`)
    attributes += ` priority="${note.priority}"`
  }
  if (note.appliesTo !== undefined) attributes += ` annotates="${note.appliesTo}"`
  return `<note${attributes}>${escapeText(note.text)}</note>\n`
}

/** Ids of open codes that have a close somewhere on this side of the unit (not isolated there). */
function unitPairs(contents: InlineContent[]): Set<string> {
  const opens = new Set<string>()
  const paired = new Set<string>()
  for (const content of contents) {
    for (const item of content) {
      if (typeof item === 'string') continue
      if (item.kind === 'open') opens.add(item.id)
      else if (item.kind === 'close' && opens.has(item.id)) paired.add(item.id)
    }
  }
  return paired
}

const forcedUnpaired = new Set(['bx', 'ex', 'bpt', 'ept', 'it'])

/**
 * Writes 1.2 inline content. In a target, `mrk` gets no `mid`: the strict schema's keyref KR_tu_segsrc_mid makes
 * every top-level target `mid` name a `seg-source` segment, so annotation ids of the target travel in an extra.
 */
function writeInline(content: InlineContent, paired: Set<string>, unit: TranslationUnit, targetMarks?: string[]): string {
  const { span } = spanningPairs(
    content,
    (open, close) =>
      open.kind === 'markStart' || (!forcedUnpaired.has(open.element ?? '') && !forcedUnpaired.has(close.element ?? '') && open.data === undefined && close.data === undefined && (close.attributes === undefined || Object.keys(close.attributes).length === 0)),
    (code) => code.element === 'x' && (code.kind === 'markStart' || code.kind === 'markEnd'),
  )
  const spanEnds = new Set(span.values())
  return writeInlineWith(content, (item, index) => {
    const id = escapeAttribute(item.id)
    const attributesFor = (element: string): string => writeAttributes(item.attributes, noBound, undefined, (key) => isXliff12InlineAttribute(element, key))
    const data = item.data === undefined ? undefined : escapeText(item.data)
    switch (item.kind) {
      case 'standalone':
        return data === undefined ? `<x id="${id}"${attributesFor('x')}/>` : `<ph id="${id}"${attributesFor('ph')}>${data}</ph>`
      // A hint read from this format is kept (an `it` stays one beside its partner; a `bx` or `bpt` read without its
      // partner stays one), so what was read writes back as it was; without a hint, the pairing chooses.
      case 'open':
        if (span.has(index)) return `<g id="${id}"${attributesFor('g')}>`
        else if (item.element === 'it' || (!paired.has(item.id) && item.element !== 'bx' && item.element !== 'bpt')) return `<it id="${id}" pos="open"${attributesFor('it')}>${data ?? ''}</it>`
        else return data === undefined && item.element !== 'bpt' ? `<bx id="${id}"${attributesFor('bx')}/>` : `<bpt id="${id}"${attributesFor('bpt')}>${data ?? ''}</bpt>`
      case 'close':
        if (spanEnds.has(index)) return '</g>'
        else if (item.element === 'it' || (!paired.has(item.id) && item.element !== 'ex' && item.element !== 'ept')) return `<it id="${id}" pos="close"${attributesFor('it')}>${data ?? ''}</it>`
        else return data === undefined && item.element !== 'ept' ? `<ex id="${id}"${attributesFor('ex')}/>` : `<ept id="${id}"${attributesFor('ept')}>${data ?? ''}</ept>`
      case 'markStart':
        if (span.has(index)) {
          const mtype = item.attributes?.mtype !== undefined && markTypePattern.test(item.attributes.mtype) ? item.attributes.mtype : defaultMarkType
          if (!isNmtoken(item.id)) throw unitError(format, unit, `mark id ${JSON.stringify(item.id)} is not an XML NMTOKEN, which XLIFF 1.2 mrk/@mid requires`)
          targetMarks?.push(item.id)
          return `<mrk mtype="${escapeAttribute(mtype)}"${targetMarks ? '' : ` mid="${id}"`}${writeAttributes(item.attributes, noBound, new Set(['mtype']), (key) => isXliff12InlineAttribute('mrk', key))}>`
        } else return `<x id="${id}" ctype="${loneMarkType.markStart}"/>`
      case 'markEnd':
        return spanEnds.has(index) ? '</mrk>' : `<x id="${id}" ctype="${loneMarkType.markEnd}"/>`
      default:
        throw unitError(format, unit, `has an inline code of unknown kind ${JSON.stringify((item as InlineCode).kind)}`)
    }
  })
}

// --- Reading ---------------------------------------------------------------------------------------------

const inlineStructural: Record<string, ReadonlySet<string>> = {
  g: new Set(['id']),
  x: new Set(['id']),
  bx: new Set(['id', 'rid']),
  ex: new Set(['id', 'rid']),
  ph: new Set(['id']),
  bpt: new Set(['id', 'rid']),
  ept: new Set(['id', 'rid']),
  it: new Set(['id', 'pos', 'rid']),
  mrk: new Set(['mid']),
}

const defaultMtype = ['mtype', defaultMarkType] as const

/**
 * The attributes of an inline element the writer can write back on it (the strict schema's, see
 * isXliff12InlineAttribute), minus the structural ones and a default mtype: others would not survive a write.
 */
function rest(element: XmlElement): Record<string, string> | undefined {
  const kept = otherAttributes(element.attributes, inlineStructural[element.local]!, element.local === 'mrk' ? defaultMtype : undefined)
  if (kept === undefined) return undefined
  let result: Record<string, string> | undefined
  for (const key in kept) {
    if (!(element.local === 'mrk' && key === 'mtype') && !isXliff12InlineAttribute(element.local, key)) continue
    result ??= {}
    result[key] = kept[key]!
  }
  return result
}

function inlineFail(child: XmlElement, message: string): never {
  throw new FormatError(message, { format, line: child.line, column: child.column })
}

/** A 1.2 code's id: `rid` links pairs when given, else `id`. */
function codeId(child: XmlElement): string {
  return child.attributes.rid ?? child.attributes.id ?? inlineFail(child, `<${child.name}> needs an id`)
}

/** The ids for a side's `mrk`s without mid, in order, and how many such `mrk`s were read. */
interface MarkIds {
  ids: readonly string[]
  count: number
}

/** A `mid` (an NMTOKEN in the 1.2 schema, which the writer needs to write it back). */
function markId(child: XmlElement): string | undefined {
  const mid = child.attributes.mid
  if (mid !== undefined && !isNmtoken(mid)) inlineFail(child, `<mrk> mid ${JSON.stringify(mid)} is not an XML NMTOKEN`)
  return mid
}

/**
 * Reads 1.2 inline content. With `split`, top-level `mrk mtype="seg"` become segment runs (seg-source, or a
 * segmented target) and the rest ignorable runs.
 */
function readInline(element: XmlElement, split: boolean, marks: MarkIds = { ids: [], count: 0 }): Array<InlineContent | { segment: string | undefined; content: InlineContent }> {
  const runs: Array<InlineContent | { segment: string | undefined; content: InlineContent }> = []
  let current: InlineContent = []
  const readElement = (child: XmlElement, out: InlineContent): void => {
    const a = child.attributes
    switch (child.local) {
      case 'g':
        out.push(inlineCode('open', codeId(child), child, undefined, rest(child)))
        walk(child, out)
        out.push(inlineCode('close', codeId(child), child))
        break
      case 'x':
        // An annotation end written alone (its partner elsewhere, or a crossing pair): the hint keeps it alone.
        if (a.ctype === loneMarkType.markStart || a.ctype === loneMarkType.markEnd) out.push({ kind: a.ctype === loneMarkType.markStart ? 'markStart' : 'markEnd', id: codeId(child), element: 'x' })
        else out.push(inlineCode('standalone', codeId(child), child, undefined, rest(child)))
        break
      case 'ph':
        out.push(inlineCode('standalone', codeId(child), child, textContent(child), rest(child)))
        break
      case 'bx':
      case 'bpt':
        out.push(inlineCode('open', codeId(child), child, child.local === 'bpt' ? textContent(child) : undefined, rest(child)))
        break
      case 'ex':
      case 'ept':
        out.push(inlineCode('close', codeId(child), child, child.local === 'ept' ? textContent(child) : undefined, rest(child)))
        break
      case 'it': {
        if (a.pos !== 'open' && a.pos !== 'close') inlineFail(child, `<it> needs pos="open" or pos="close", got ${JSON.stringify(a.pos)}`)
        const code = inlineCode(a.pos === 'open' ? 'open' : 'close', codeId(child), child, textContent(child) || undefined, rest(child))
        out.push(code)
        break
      }
      case 'mrk': {
        if (a.mtype === undefined) inlineFail(child, '<mrk> needs mtype')
        if (!markTypePattern.test(a.mtype)) inlineFail(child, `<mrk> mtype ${JSON.stringify(a.mtype)} is not an XLIFF 1.2 mark type (a name in lower case, or x- and a name)`)
        let id = markId(child)
        if (id === undefined) id = marks.ids[marks.count++] ?? `m${marks.count}`
        out.push(inlineCode('markStart', id, child, undefined, rest(child)))
        walk(child, out)
        out.push(inlineCode('markEnd', id, child))
        break
      }
      default:
        inlineFail(child, `<${child.name}> is not an inline element of XLIFF 1.2`)
    }
  }
  const walk = (parent: XmlElement, out: InlineContent): void => walkInline(parent, out, undefined, readElement)
  if (!split) {
    walk(element, current)
    return [compactContent(current)]
  }
  for (const child of element.children) {
    if (typeof child !== 'string' && child.local === 'mrk' && child.attributes.mtype === 'seg') {
      if (current.length > 0) runs.push(compactContent(current))
      current = []
      const content: InlineContent = []
      walk(child, content)
      runs.push({ segment: markId(child), content: compactContent(content) })
    } else walk({ ...element, children: [child] }, current)
  }
  if (current.length > 0) runs.push(compactContent(current))
  return runs
}

/**
 * Converts a `<trans-unit>` to a TranslationUnit.
 *
 * @param report - receives each of mizan's extras (or a segmentation) that is malformed or disagrees with the text,
 * which is then left out (see {@link DropExtra}); the handler passes {@link reportLeftOut}
 * @internal
 */
export function readXliff12Unit(element: XmlElement, report: (item: SkippedItem) => void): TranslationUnit {
  const fail = (message: string, at: XmlElement = element): never => {
    throw new FormatError(message, { format, line: at.line, column: at.column })
  }
  const dropExtra: DropExtra = (message, line = element.line, column = element.column) => report(leftOutItem(format, message, line, column))
  const id = element.attributes.id ?? fail('<trans-unit> needs an id')
  if (id === '') fail('<trans-unit> has an empty id (mizan units need stable, non-empty ids)')
  const unit: TranslationUnit = { id, source: '', target: '' }
  const source = childElements(element, 'source')
  if (source.length !== 1) fail(`<trans-unit id="${id}"> needs exactly one <source>`)
  const segSource = childElements(element, 'seg-source')[0]
  const target = childElements(element, 'target')[0]
  if (target && childElements(element, 'target').length > 1) fail(`<trans-unit id="${id}"> has more than one <target>`)
  const stateValue = target?.attributes.state
  if (stateValue !== undefined && !validState(stateValue)) fail(`state="${stateValue}" is not an XLIFF 1.2 state`, target)
  const approvedValue = element.attributes.approved
  if (approvedValue !== undefined && approvedValue !== 'yes' && approvedValue !== 'no') fail(`approved="${approvedValue}" must be yes or no`)
  const extras = new Map<string, string>()
  for (const group of childElements(element, 'context-group')) {
    const contexts = childElements(group, 'context')
    applyContexts(unit, extras, group.attributes.name, contexts.map((context) => context.attributes['context-type'] ?? ''), contexts.map(textContent), contexts.length)
  }
  // The ids of the target's annotations (the writer cannot put mid on them, see writeInline): used only when there
  // is one NMTOKEN per mid-less target mrk, so an edited target keeps its marks (with ids of their own).
  const targetMarks = extras.get('target-marks')
  let marks: MarkIds = { ids: targetMarks?.split(' ') ?? [], count: 0 }
  if (targetMarks !== undefined && !marks.ids.every(isNmtoken)) {
    dropExtra(`unit "${id}": x-target-marks must be space-separated NMTOKENs, got ${JSON.stringify(targetMarks)}`)
    marks = { ids: [], count: 0 }
  }
  const readTarget = (split: boolean): ReturnType<typeof readInline> => {
    if (!target) return []
    const count = marks.count
    const runs = readInline(target, split, marks)
    if (targetMarks !== undefined && marks.ids.length > 0 && marks.count - count !== marks.ids.length) {
      dropExtra(`unit "${id}": x-target-marks names ${marks.ids.length} annotations, but the <target> has ${marks.count - count} <mrk> without mid`)
      marks = { ids: [], count: 0 }
      return readInline(target, split, marks)
    }
    return runs
  }
  const sourceContent = readInline(source[0]!, false)[0] as InlineContent
  let segments: UnitSegment[]
  let segmented = false
  if (segSource) {
    const read = readSegments(unit, segSource, sourceContent, readTarget(true), dropExtra)
    segmented = Array.isArray(read)
    // A segmentation left out: the whole target, without its segment wrappers.
    segments = Array.isArray(read) ? read : [makeSegment(sourceContent, read.wholeTarget, undefined, false)]
  } else segments = [makeSegment(sourceContent, (readTarget(false)[0] as InlineContent | undefined) ?? [], undefined, false)]
  const untranslated = stateValue === 'new' && !extras.has('target-kept') && segments.every((segment) => sameContent(contentOf(segment, 'source'), contentOf(segment, 'target')))
  const notes = childElements(element, 'note').map(readNote)
  return finishUnit(unit, segments, extras, stateValue, approvedValue, notes, untranslated, segmented, dropExtra)
}

/**
 * The segments of a unit with a `<seg-source>` (XLIFF 1.2 §2.3.3): each `mrk mtype="seg"` of it, with the target
 * `mrk` of the same mid (or, without one, the next in order), and the text between as ignorable segments. The
 * text always wins: when the segments do not give back the `<source>` text, or leave target text out, the
 * segmentation goes to `drop` and the caller reads the unit whole: the `<source>`, and the whole target returned.
 */
function readSegments(unit: TranslationUnit, segSource: XmlElement, sourceContent: InlineContent, targetRuns: ReturnType<typeof readInline>, drop: DropExtra): UnitSegment[] | { wholeTarget: InlineContent } {
  const sourceRuns = readInline(segSource, true)
  const targetSegments = targetRuns.filter((run) => !Array.isArray(run)) as Array<{ segment: string | undefined; content: InlineContent }>
  const targetIgnorables = targetRuns.filter((run) => Array.isArray(run)) as InlineContent[]
  const segments: UnitSegment[] = []
  let segmentIndex = 0
  let ignorableIndex = 0
  for (const run of sourceRuns) {
    if (Array.isArray(run)) {
      const targetContent = targetIgnorables[ignorableIndex++] ?? []
      segments.push(makeSegment(run, targetContent, undefined, true))
    } else {
      const match = targetSegments.find((candidate) => candidate.segment !== undefined && candidate.segment === run.segment) ?? targetSegments[segmentIndex]
      segmentIndex++
      segments.push(makeSegment(run.content, match?.content ?? [], run.segment, false))
    }
  }
  const joined = (side: 'source' | 'target'): InlineContent => compactContent(segments.flatMap((segment) => contentOf(segment, side)))
  const wholeTarget = compactContent(targetRuns.flatMap((run) => (Array.isArray(run) ? run : run.content)))
  if (!sameContent(joined('source'), sourceContent)) drop(`unit "${unit.id}": the <seg-source> segments do not give back the <source> text`)
  else if (!sameContent(joined('target'), wholeTarget)) drop(`unit "${unit.id}": the <target> segments do not match the <seg-source> segments one to one (target text would be lost)`)
  else return segments
  return { wholeTarget }
}

/** Applies one `context-group` (its name, and the type and text of each context) to the unit being read (both readers share it). */
function applyContexts(unit: TranslationUnit, extras: Map<string, string>, name: string | undefined, types: readonly string[], texts: readonly string[], count: number): void {
  if (name === 'x-mizan' || name?.startsWith('x-mizan:')) {
    for (let index = 0; index < count; index++) {
      const type = types[index]!
      extras.set(contextNames.get(type) ?? (type.startsWith('x-') ? type.slice(2) : type), texts[index]!)
    }
  } else if (name === 'x-mizan-metadata' || name?.startsWith('x-mizan-metadata:')) {
    for (let index = 0; index + 1 < count; index += 2) (unit.metadata ??= {})[texts[index]!] = texts[index + 1]!
  } else {
    for (let index = 0; index < count; index++) (unit.metadata ??= {})[`context:${types[index]!}`] = texts[index]!
  }
}

/** Completes a unit from its segments, state and extras (both readers share it, so they agree). */
function finishUnit(unit: TranslationUnit, segments: UnitSegment[], extras: Map<string, string>, stateValue: string | undefined, approvedValue: string | undefined, notes: UnitNote[], untranslated: boolean, segmented: boolean, drop: DropExtra): TranslationUnit {
  if (untranslated) for (const segment of segments) clearTarget(segment)
  markIsolated(segments)
  // State, then the extras that refine it.
  const inferred = inferState(stateValue, approvedValue === 'yes')
  if (inferred !== undefined) unit.state = inferred
  if (notes.length > 0) unit.notes = notes
  let subStateExtra: string | undefined
  for (const [type, value] of extras) {
    if (type === 'state') {
      if (value === '') delete unit.state
      else if (unitStates.has(value)) unit.state = value as UnitState
      else drop(`unit "${unit.id}": x-state must be initial, translated, reviewed, final or empty, got ${JSON.stringify(value)}`)
      continue
    }
    if (type === 'subState') {
      subStateExtra = value
      continue
    }
    if (type === 'target-kept' || type === 'target-marks') continue
    const indexed = type.includes('.') ? /^(segment-state|segment-subState|note-category)\.(\d{1,6})$/.exec(type) : null
    if (indexed) {
      // Extras of the N-th segment or note: they describe the unit's structure, so they stand only while it has one.
      const index = Number(indexed[2])
      const isNote = indexed[1] === 'note-category'
      const segment = segmented ? segments[index] : undefined
      if (isNote ? notes[index] === undefined : segment === undefined) drop(`unit "${unit.id}": x-${type} names ${isNote ? 'note' : 'segment'} ${index}, but the unit has ${isNote ? notes.length : segmented ? segments.length : 'no'} ${isNote ? 'notes' : 'segments'}`)
      else if (isNote) notes[index]!.category = value
      else if (indexed[1] === 'segment-subState') segment!.subState = value
      else if (unitStates.has(value)) segment!.state = value as UnitState
      else drop(`unit "${unit.id}": x-${type} must be initial, translated, reviewed or final, got ${JSON.stringify(value)}`)
      continue
    }
    if (!applyExtra(unit, type, value, format, undefined, drop)) (unit.metadata ??= {})[`mizan.${type}`] = value
  }
  // The 1.2 state is the finer state unless it is just the default spelling of the unit's state.
  if (subStateExtra !== undefined) {
    if (subStateExtra !== '') unit.subState = subStateExtra
  } else if (stateValue !== undefined && stateValue !== 'new' && (unit.state === undefined || stateValue !== defaultState[unit.state])) unit.subState = stateValue
  finishExtras(unit, format, drop)
  if (segments.length === 1) {
    unit.source = segments[0]!.source
    unit.target = segments[0]!.target
  } else {
    unit.source = segments.map((segment) => segment.source).join('')
    unit.target = segments.map((segment) => segment.target).join('')
  }
  // Plain text (most units) has no content arrays to join.
  if (segments.length !== 1 || segments[0]!.sourceContent || segments[0]!.targetContent) {
    const sourceContent = compactContent(segments.flatMap((segment) => contentOf(segment, 'source')))
    const targetContent = compactContent(segments.flatMap((segment) => contentOf(segment, 'target')))
    if (hasCodes(sourceContent)) unit.sourceContent = sourceContent
    if (hasCodes(targetContent)) unit.targetContent = targetContent
  }
  if (segmented) unit.segments = segments
  finishParts(unit, format, drop)
  return unit
}

const cursor = new FastCursor()
const transUnitAttributes = ['id', 'approved', 'resname', 'translate']
const sourceAttributes = ['xml:lang']
const targetAttributes = ['state', 'xml:lang']
const contextGroupAttributes = ['name', 'purpose']
const noteAttributes = ['from', 'priority', 'annotates', 'xml:lang']
/**
 * The extra names of the context types the writer uses (see extras.ts and xliff12Unit), in the order it writes them
 * in its `x-mizan` group (unitExtras, then the state and subState it keeps), then the key and value of its metadata
 * group. As literals: the reader hands them to applyExtra, whose `switch` compares them with its literal cases, a
 * pointer comparison for two literals but a character comparison for a sliced copy (with sliced names, applyExtra
 * was 14% of a profile of this reader on the writer's layout).
 */
const contextExtraNames = ['context-previous', 'context-next', 'origin-document', 'origin-source-sentences', 'origin-target-sentences', 'alignment-score', 'alignment-shape', 'created', 'changed', 'state', 'subState', 'key', 'value']
/** The context types: the names with the `x-` prefix. */
const contextTypeNames = contextExtraNames.map((name) => `x-${name}`)
/** Type to extra name, looked up instead of sliced for every context. */
const contextNames = new Map(contextExtraNames.map((name) => [`x-${name}`, name]))
/** Context types and texts of the group being read (reused, so no arrays per group). */
const contextTypes: string[] = []
const contextTexts: string[] = []

/** The context types of the writer's `x-mizan` group, in its order: all but the metadata group's key and value. */
const writtenContextTypes = contextTypeNames.slice(0, -2)
/**
 * A plain unit exactly as {@link xliff12Unit} writes it (see PLAIN_TEXT in fast-cursor.ts): `<trans-unit id>`
 * (optionally approved), a source, a target with an optional state, and an optional context group holding any of
 * {@link writtenContextTypes} in the writer's order. Groups: 1 id, 2 approved, 3 source, 4 the target (present or
 * not), 5 state, 6 target text, 7 the context group's name, 8 to 18 the contexts.
 */
const writtenUnit = new RegExp(
  `<trans-unit id="(${PLAIN_VALUE})"(?: approved="(yes|no)")?>\n<source>(${PLAIN_TEXT})</source>\n(?:(<target)(?: state="(${PLAIN_VALUE})")?>(${PLAIN_TEXT})</target>\n)?` +
    `(?:<context-group name="(${PLAIN_VALUE})" purpose="information">` +
    writtenContextTypes.map((type) => `(?:<context context-type="${type}">(${PLAIN_TEXT})</context>)?`).join('') +
    `</context-group>\n)?</trans-unit>`,
  'y',
)

/**
 * The first try of {@link readXliff12UnitFast}: a unit in the writer's own layout, matched by one regex
 * ({@link writtenUnit}); undefined for anything else (the cursor then tries). It checks what the cursor checks for
 * that shape and builds the unit with the cursor's functions in the cursor's order, so the unit is the one the
 * cursor (and the tree reader) would give.
 *
 * @internal
 */
export function readXliff12WrittenUnit(text: string, start: number, end: number, ids: { taken: (id: string) => boolean; id: string }): TranslationUnit | undefined {
  writtenUnit.lastIndex = start
  const match = writtenUnit.exec(text)
  if (match === null || writtenUnit.lastIndex !== end) return undefined
  const id = match[1]!
  const stateValue = match[5]
  if (id === '' || ids.taken(id) || (stateValue !== undefined && !validState(stateValue))) return undefined
  const unit: TranslationUnit = { id, source: '', target: '' }
  const source = match[3]!
  const target = match[4] === undefined ? '' : match[6]!
  const extras = new Map<string, string>()
  const name = match[7]
  if (name !== undefined) {
    let count = 0
    for (let index = 0; index < writtenContextTypes.length; index++) {
      const value = match[8 + index]
      if (value === undefined) continue
      contextTypes[count] = writtenContextTypes[index]!
      contextTexts[count] = value
      count++
    }
    if (count === 0) return undefined
    applyContexts(unit, extras, name, contextTypes, contextTexts, count)
  }
  const untranslated = stateValue === 'new' && !extras.has('target-kept') && source === target
  ids.id = id
  try {
    return finishUnit(unit, [{ source, target }], extras, stateValue, match[2], [], untranslated, false, giveUp)
  } catch (error) {
    if (error === FALLBACK || error instanceof FormatError) return undefined
    throw error
  }
}

/**
 * The fast path (see fast-cursor.ts): reads a `<trans-unit>` of the common shape straight from its text, or
 * returns undefined to leave it to {@link readXliff12Unit}. The shape: `<trans-unit id [approved]>` with a
 * text-only `<source>`, an optional text-only `<target [state]>`, then `context-group`s (`name`, `purpose`) of
 * `context`s (`context-type`, text only), then `note`s (`from`, `priority`, `annotates`, `xml:lang`, text only); no
 * `seg-source` or inline codes.
 *
 * Two tries: the writer's own layout, matched by one regex ({@link readXliff12WrittenUnit}), then the cursor
 * ({@link readXliff12UnitCursor}) for every other unit of the shape.
 *
 * @param ids - `taken(id)`: whether the id is already used in the file (left to the tree reader, which reports
 * it); `id` is set to the unit's id
 * @internal
 */
export function readXliff12UnitFast(text: string, start: number, end: number, ids: { taken: (id: string) => boolean; id: string }): TranslationUnit | undefined {
  return readXliff12WrittenUnit(text, start, end, ids) ?? readXliff12UnitCursor(text, start, end, ids)
}

/**
 * The second try of {@link readXliff12UnitFast}: the cursor (see fast-cursor.ts), for the shape described there.
 *
 * @internal
 */
export function readXliff12UnitCursor(text: string, start: number, end: number, ids: { taken: (id: string) => boolean; id: string }): TranslationUnit | undefined {
  const c = cursor
  c.reset(text, start, end)
  try {
    if (!c.open('trans-unit')) return undefined
    c.only(transUnitAttributes)
    const id = c.attribute('id')
    const approvedValue = c.attribute('approved')
    if (id === undefined || id === '' || ids.taken(id)) return undefined
    if (approvedValue !== undefined && approvedValue !== 'yes' && approvedValue !== 'no') return undefined
    ids.id = id
    const unit: TranslationUnit = { id, source: '', target: '' }
    if (!c.open('source')) return undefined
    c.only(sourceAttributes)
    const source = c.read()
    c.close('source')
    let target = ''
    let stateValue: string | undefined
    if (c.open('target')) {
      c.only(targetAttributes)
      stateValue = c.attribute('state')
      if (stateValue !== undefined && !validState(stateValue)) return undefined
      target = c.read()
      c.close('target')
    }
    const extras = new Map<string, string>()
    while (c.open('context-group')) {
      c.only(contextGroupAttributes)
      const name = c.attribute('name')
      let count = 0
      while (c.open('context')) {
        const type = c.soleKnown('context-type', contextTypeNames)
        if (type === undefined) return undefined
        contextTypes[count] = type
        contextTexts[count] = c.read()
        count++
        c.close('context')
      }
      c.close('context-group')
      applyContexts(unit, extras, name, contextTypes, contextTexts, count)
    }
    const notes: UnitNote[] = []
    while (c.open('note')) {
      // As readNote.
      c.only(noteAttributes)
      const from = c.attribute('from')
      const priority = c.attribute('priority')
      if (!isPriority(priority)) return undefined
      const annotates = c.attribute('annotates')
      notes.push(noteOf(c.read(), from, undefined, priority, annotates))
      c.close('note')
    }
    c.close('trans-unit')
    if (!c.atEnd()) return undefined
    const untranslated = stateValue === 'new' && !extras.has('target-kept') && source === target
    const segment: UnitSegment = { source, target }
    return finishUnit(unit, [segment], extras, stateValue, approvedValue, notes, untranslated, false, giveUp)
  } catch (error) {
    if (error === FALLBACK || error instanceof FormatError) return undefined
    throw error
  }
}

function makeSegment(source: InlineContent, target: InlineContent, id: string | undefined, ignorable: boolean): UnitSegment {
  const segment: UnitSegment = { source: plainText(source), target: plainText(target) }
  if (id !== undefined) segment.id = id
  if (hasCodes(source)) segment.sourceContent = source
  if (hasCodes(target)) segment.targetContent = target
  if (ignorable) segment.ignorable = true
  return segment
}

function clearTarget(segment: UnitSegment): void {
  segment.target = ''
  delete segment.targetContent
}

function readNote(element: XmlElement): UnitNote {
  const a = element.attributes
  if (!isPriority(a.priority)) throw new FormatError(`<note> priority must be a whole number from 1 to 10, got ${JSON.stringify(a.priority)}`, { format, line: element.line, column: element.column })
  return noteOf(textContent(element), a.from, undefined, a.priority, a.annotates)
}

/** Whether a note's `priority` is absent or 1 to 10 (XLIFF 1.2, the priority attribute: 1 is the highest, 10 the lowest). */
function isPriority(value: string | undefined): boolean {
  if (value === undefined) return true
  const number = Number(value)
  return value.trim() !== '' && Number.isInteger(number) && number >= 1 && number <= 10
}
