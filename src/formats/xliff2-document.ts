/**
 * The document level of XLIFF 2.2: `<notes>` and `<mda:metadata>` directly in `<xliff>`, before the first
 * `<file>` (XLIFF 2.2 core schema, element `xliff`: `notes?`, `mda:metadata?`, `file+`; XLIFF 2.0 and 2.1 allow
 * only files there). They live in the parse result's header (`notes`, `metadata`, shaped as a unit's) and come
 * back through the `notes` and `metadata` options of the writers.
 *
 * Metadata is kept flat, as a unit's: a meta of the `metadata` category (or of none) under its type, any other
 * under `category.type`; nested metaGroups are read too, each meta under its nearest category. The writer puts
 * every entry in one `metadata` metaGroup, so a second round trip gives the same record.
 *
 * @module
 * @internal
 */
import { FormatError, OptionsError } from '../errors.js'
import type { UnitNote } from '../types.js'
import { MDA_NS, XLIFF20_NS, XLIFF22_NS, metadataKey, readXliff2Notes } from './xliff2.js'
import { writeMetas, writeNotes } from './xliff2-writer.js'
import { checkXliff2FileChild } from './xliff2-validate.js'
import { childElements, codePointLabel, findForbiddenCharacter, textContent, type XmlElement } from './xml.js'

/** What the document level holds, in the header and in the writer's options. @internal */
export interface Xliff2DocumentLevel {
  notes?: UnitNote[]
  metadata?: Record<string, string>
}

/**
 * Reads a child of `<xliff>` other than `<file>` into `header`: `<notes>` then `<mda:metadata>`, each at most
 * once and before the first file, in XLIFF 2.2 only. `stage` is how far the root's children got (0 nothing,
 * 1 notes, 2 metadata, 3 a file); returns the new stage.
 *
 * @throws {@link FormatError} for anything else, for these in 2.0 or 2.1, out of order, or invalid
 * @internal
 */
export function readXliff2DocumentChild(element: XmlElement, header: Xliff2DocumentLevel & { formatVersion: string }, stage: number, format: string): number {
  const fail = (message: string): never => {
    throw new FormatError(message, { format, line: element.line, column: element.column })
  }
  const isNotes = element.local === 'notes' && element.ns === (header.formatVersion === '2.2' ? XLIFF22_NS : XLIFF20_NS)
  const isMetadata = element.local === 'metadata' && element.ns === MDA_NS
  if (!isNotes && !isMetadata) fail(`<${element.name}> is not allowed directly in <xliff>`)
  if (header.formatVersion !== '2.2') fail(`<${element.name}> is not allowed directly in <xliff> in XLIFF ${header.formatVersion}; XLIFF 2.2 allows <notes> and <mda:metadata> there`)
  const next = isNotes ? 1 : 2
  if (stage >= next) fail(`<${element.name}> is out of place in <xliff>: the order is notes, mda:metadata, then files, each at most once`)
  checkXliff2FileChild(element, format)
  if (isNotes) header.notes = readXliff2Notes(element)
  else {
    // A record only when it holds something, as the writer writes one only then.
    const metadata = readMetadataRecord(element)
    if (Object.keys(metadata).length > 0) header.metadata = metadata
  }
  return next
}

/** The metas of an `mda:metadata` element as a record (see the module notes). */
function readMetadataRecord(element: XmlElement): Record<string, string> {
  const record: Record<string, string> = {}
  const readGroup = (group: XmlElement, category: string | undefined): void => {
    for (const child of childElements(group)) {
      if (child.ns !== MDA_NS) continue
      if (child.local === 'metaGroup') readGroup(child, child.attributes.category ?? category)
      else if (child.local === 'meta') {
        record[metadataKey(category, child.attributes.type!)] = textContent(child)
      }
    }
  }
  for (const group of childElements(element, 'metaGroup', MDA_NS)) readGroup(group, group.attributes.category)
  return record
}

/**
 * Checks the `notes` and `metadata` options of a writer: only XLIFF 2.2 has a place for them, and their text must
 * be text XML can carry (a note cannot hold `<cp>`).
 *
 * @throws {@link OptionsError} naming the option
 * @internal
 */
export function checkXliff2DocumentOptions(options: Xliff2DocumentLevel, version: string): void {
  const { notes, metadata } = options
  if (notes !== undefined) {
    if (!Array.isArray(notes)) throw new OptionsError('notes', notes, 'an array of notes ({ text, id?, category?, priority?, appliesTo? })')
    if (notes.length > 0 && version !== '2.2') throw new OptionsError('notes', notes, 'absent for XLIFF 1.2, 2.0 and 2.1 (only XLIFF 2.2 has document-level notes)')
    notes.forEach((note, index) => {
      const path = `notes[${index}]`
      if (typeof note !== 'object' || note === null || typeof note.text !== 'string') throw new OptionsError(path, note, 'a note with a text string')
      checkText(`${path}.text`, note.text)
      if (note.category !== undefined) checkText(`${path}.category`, note.category)
      if (note.priority !== undefined && !(Number.isInteger(note.priority) && note.priority >= 1 && note.priority <= 10)) throw new OptionsError(`${path}.priority`, note.priority, 'an integer from 1 to 10')
      if (note.appliesTo !== undefined && note.appliesTo !== 'source' && note.appliesTo !== 'target') throw new OptionsError(`${path}.appliesTo`, note.appliesTo, '"source" or "target"')
    })
    // Ids: NMTOKENs, unique (the same check as a unit's notes).
    writeNotes(notes, (message) => new OptionsError('notes', notes, `notes XLIFF 2 can carry (${message})`))
  }
  if (metadata !== undefined) {
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) throw new OptionsError('metadata', metadata, 'a record of strings')
    const entries = Object.entries(metadata)
    if (entries.length > 0 && version !== '2.2') throw new OptionsError('metadata', metadata, 'absent for XLIFF 1.2, 2.0 and 2.1 (only XLIFF 2.2 has document-level metadata)')
    for (const [key, value] of entries) {
      if (typeof value !== 'string') throw new OptionsError(`metadata.${key}`, value, 'a string')
      checkText(`metadata key ${JSON.stringify(key)}`, key)
      checkText(`metadata.${key}`, value)
    }
  }
}

function checkText(option: string, text: string): void {
  const bad = findForbiddenCharacter(text)
  if (bad) throw new OptionsError(option, text, `text XML 1.0 can carry (it holds ${codePointLabel(bad.codePoint)} at offset ${bad.offset})`)
}

/**
 * The document level as XLIFF 2.2 writes it, between `<xliff>` and `<file>` ('' when there is none). The options
 * have been checked by {@link checkXliff2DocumentOptions}.
 *
 * @internal
 */
export function writeXliff2DocumentLevel(options: Xliff2DocumentLevel): string {
  let xml = ''
  if (options.notes !== undefined && options.notes.length > 0) xml += `<notes>${writeNotes(options.notes, (message) => new Error(`mizan: ${message}; this is a bug`))}</notes>\n`
  const entries = options.metadata === undefined ? [] : Object.entries(options.metadata)
  if (entries.length > 0) {
    xml += `<mda:metadata><mda:metaGroup category="metadata">${writeMetas(entries, true)}</mda:metaGroup></mda:metadata>\n`
  }
  return xml
}
