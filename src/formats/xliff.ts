/**
 * The public XLIFF API: write any version from units, read any version back, whole or streamed.
 *
 * @module
 */
import type { Writable } from 'node:stream'
import { FormatError, OptionsError } from '../errors.js'
import type { LanguageTag, TranslationUnit, UnitNote } from '../types.js'
import { IdTracker, chunkUnitBytes, chunkUnits, chunkUnitsAsync, guardUnit, joinChunks, parseStream, parseString, reportSkipped, skip, type ReadInput, type ReadOptions, type SkippedItem, type UnitHandler, type UnitPieces, type UnitSource } from './common.js'
import { reportLeftOut } from './extras.js'
import { writeAll, writeChunks } from './write-file.js'
import { XLIFF12_NS, readXliff12Unit, readXliff12UnitFast, xliff12Head, xliff12Tail, xliff12Unit } from './xliff12.js'
import { MDA_NS, XLIFF20_NS, XLIFF22_NS, readXliff2Unit, readXliff2UnitFast } from './xliff2.js'
import { xliff2Head, xliff2Tail, xliff2Unit, type Xliff2WriteContext } from './xliff2-writer.js'
import { checkXliff2DocumentOptions, readXliff2DocumentChild, writeXliff2DocumentLevel } from './xliff2-document.js'
import { checkXliff2Container, checkXliff2FileChild, isLanguageTag, type Xliff2Document } from './xliff2-validate.js'
import type { XmlElement } from './xml.js'

/**
 * The XLIFF versions mizan reads and writes.
 *
 * @example
 * ```ts
 * import { toXliff, type XliffVersion } from 'mizan'
 * const version: XliffVersion = '1.2' // for OmegaT and other 1.2 tools
 * toXliff(units, { version, sourceLang: 'ar', targetLang: 'en' })
 * ```
 * @group Formats
 */
export type XliffVersion = '1.2' | '2.0' | '2.1' | '2.2'

const versions: readonly XliffVersion[] = ['1.2', '2.0', '2.1', '2.2']

/**
 * Options for {@link toXliff}, {@link writeXliff} and {@link writeXliffFile}.
 *
 * @example
 * ```ts
 * import type { XliffOptions } from 'mizan'
 * const options: XliffOptions = { version: '2.1', sourceLang: 'ar', targetLang: 'en', original: 'news.txt' }
 * ```
 * @group Formats
 */
export interface XliffOptions {
  /** The XLIFF version to write. @defaultValue `'2.1'` */
  version?: XliffVersion
  /** Source language (BCP 47), e.g. `'ar'`. */
  sourceLang: LanguageTag
  /** Target language (BCP 47), e.g. `'en'`. */
  targetLang: LanguageTag
  /** The `original` attribute of `<file>` (the document the units came from). @defaultValue `'mizan'` for 1.2, none for 2.x */
  original?: string
  /** The id of the `<file>` element (XLIFF 2 only). @defaultValue `'f1'` */
  fileId?: string
  /**
   * Notes on the whole document, written in `<xliff>` before the file (XLIFF 2.2 only: another version given
   * non-empty notes throws). {@link parseXliff} returns them as `notes`.
   * @defaultValue none
   */
  notes?: UnitNote[]
  /**
   * Metadata of the whole document, written as `<mda:metadata>` in `<xliff>` (XLIFF 2.2 only, as `notes`).
   * {@link parseXliff} returns it as `metadata`.
   * @defaultValue none
   */
  metadata?: Record<string, string>
}

/**
 * What {@link parseXliff} returns.
 *
 * @example
 * ```ts
 * import { parseXliff, type XliffDocument } from 'mizan'
 * const document: XliffDocument = parseXliff(xml)
 * document.formatVersion // '1.2' for a 1.2 file
 * ```
 * @group Formats
 */
export interface XliffDocument {
  /** The version the document declared. */
  formatVersion: XliffVersion
  /** Source language of the (first) file. */
  sourceLang: LanguageTag
  /** Target language, when declared. */
  targetLang?: LanguageTag
  /** Notes on the whole document (XLIFF 2.2 `<notes>` in `<xliff>`), when it has them. */
  notes?: UnitNote[]
  /**
   * Metadata of the whole document (XLIFF 2.2 `<mda:metadata>` in `<xliff>`), when it has some: each meta under
   * its type, or `category.type` for a category other than `metadata`, as a unit's `metadata`.
   */
  metadata?: Record<string, string>
  /** Every unit, in document order. */
  units: TranslationUnit[]
  /** What a lenient read left out (always empty in strict mode). */
  skipped: SkippedItem[]
}

/**
 * The head of an XLIFF document, as {@link readXliff} reports it before the first unit.
 *
 * @example
 * ```ts
 * import { readXliff, type XliffHeader } from 'mizan'
 * let header: XliffHeader | undefined
 * for await (const unit of readXliff('memory.xlf', { onHeader: (h) => (header = h) })) void unit
 * ```
 * @group Formats
 */
export type XliffHeader = Omit<XliffDocument, 'units' | 'skipped'>

/**
 * Options for {@link readXliff} and {@link readTmx}: the {@link ReadOptions} plus callbacks for the header and for
 * skipped items.
 *
 * @example
 * ```ts
 * import { readXliff } from 'mizan'
 * const skipped: string[] = []
 * const units = readXliff('client.xlf', { lenient: true, onSkipped: (item) => skipped.push(`${item.line}: ${item.message}`) })
 * ```
 * @group Formats
 */
export interface StreamReadOptions<Header> extends ReadOptions {
  /** Called once with the document head, before the first unit. @defaultValue none */
  onHeader?: (header: Header) => void
  /** Called for each item a lenient read skips. @defaultValue none */
  onSkipped?: (item: SkippedItem) => void
}

function checkOptions(options: XliffOptions): { version: XliffVersion; format: string } {
  if (typeof options !== 'object' || options === null) throw new OptionsError('options', options, 'an object with sourceLang and targetLang')
  const version = options.version ?? '2.1'
  if (!versions.includes(version)) throw new OptionsError('version', version, `one of ${versions.join(', ')}`)
  if (typeof options.sourceLang !== 'string' || !isLanguageTag(options.sourceLang)) throw new OptionsError('sourceLang', options.sourceLang, 'a BCP 47 language tag such as "ar"')
  if (typeof options.targetLang !== 'string' || !isLanguageTag(options.targetLang)) throw new OptionsError('targetLang', options.targetLang, 'a BCP 47 language tag such as "en"')
  if (options.fileId !== undefined && !/^[\p{L}\p{M}\p{Nd}_:.-]+$/u.test(options.fileId)) throw new OptionsError('fileId', options.fileId, 'an XML NMTOKEN')
  checkXliff2DocumentOptions(options, version)
  return { version, format: `xliff-${version}` }
}

function writer(options: XliffOptions): { head: string; unit: (unit: TranslationUnit) => UnitPieces; tail: () => string } {
  const { version, format } = checkOptions(options)
  if (version === '1.2') return { head: xliff12Head(options.sourceLang, options.targetLang, options.original ?? 'mizan'), unit: xliff12Unit, tail: xliff12Tail }
  const context: Xliff2WriteContext = { version, format, count: 0, generatedLike: new Set() }
  const head = xliff2Head(version, options.sourceLang, options.targetLang, options.fileId ?? 'f1', options.original, writeXliff2DocumentLevel(options))
  return { head, unit: (unit) => xliff2Unit(unit, context), tail: () => xliff2Tail(context) }
}

/**
 * Writes units as an XLIFF document (1.2, 2.0, 2.1 or 2.2) in one string. For large memories use
 * {@link writeXliff} or {@link writeXliffFile}, which never hold the whole document.
 *
 * @param units - the units, in the order to write them
 * @param options - version and languages
 * @returns the document
 * @throws {@link OptionsError} for a bad version or language; {@link FormatError} (`INVALID_INPUT`) naming the unit
 * when a unit holds text XML cannot carry (control characters, lone surrogates) or ids the version cannot carry
 * @example
 * ```ts
 * import { toXliff } from 'mizan'
 * const xml = toXliff([{ id: 'u1', source: 'مرحبا', target: 'Hello', state: 'translated' }], { version: '2.1', sourceLang: 'ar', targetLang: 'en' })
 * ```
 * @group Formats
 */
export function toXliff(units: Iterable<TranslationUnit>, options: XliffOptions): string {
  const { head, unit, tail } = writer(options)
  return joinChunks(chunkUnits(units, head, unit, tail))
}

/**
 * Writes units as XLIFF chunk by chunk (about 64 KiB each) from a sync or async source, such as `tm.units()`.
 *
 * @param units - the units, sync or async
 * @param options - version and languages
 * @returns an async generator of string chunks that together form the document
 * @throws see {@link toXliff}; errors surface while iterating
 * @example
 * ```ts
 * import { writeXliff, writeChunks } from 'mizan'
 * await writeChunks(process.stdout, writeXliff(tm.units(), { version: '1.2', sourceLang: 'ar', targetLang: 'en' }))
 * ```
 * @group Formats
 */
export function writeXliff(units: UnitSource, options: XliffOptions): AsyncGenerator<string> {
  const { head, unit, tail } = writer(options)
  return chunkUnitsAsync(units, head, unit, tail)
}

/**
 * Streams units into an XLIFF file (or a writable stream) with backpressure.
 *
 * @param target - a file path or a Node writable
 * @param units - the units, sync or async
 * @param options - version and languages
 * @returns when the file is written
 * @throws see {@link toXliff}, and the file system's errors
 * @example
 * ```ts
 * import { writeXliffFile } from 'mizan'
 * await writeXliffFile('memory.xlf', units, { version: '2.1', sourceLang: 'ar', targetLang: 'en' })
 * ```
 * @group Formats
 */
export async function writeXliffFile(target: string | Writable, units: UnitSource, options: XliffOptions): Promise<void> {
  if (typeof target !== 'string') return writeChunks(target, writeXliff(units, options))
  // A file gets UTF-8 chunks encoded unit by unit (a caller's stream gets strings, as writeXliff yields them).
  const { head, unit, tail } = writer(options)
  await writeAll(target, chunkUnitBytes(units, head, unit, tail))
}

/** The reading side: one handler for every version, chosen when the root element opens. */
class XliffHandler implements UnitHandler {
  queue: TranslationUnit[] = []
  skipped: SkippedItem[] = []
  header: XliffHeader | undefined
  private format = 'xliff'
  private files = new Set<string>()
  private fileHasContent = false
  private unitIds = new IdTracker('xliff')
  private groupIds = new Set<string>()
  private targetLang: string | undefined
  /** Open xliff/file/group elements with what they pass down (xml:lang, xml:space) and how far their children got. */
  private containers: Array<{ element: XmlElement; lang: string | undefined; space: string | undefined; stage: number }> = []
  /** subFlows references of the current file, checked when it ends (against `unitIds`, reset per file). */
  private flows: string[] = []
  /** The unit ids of the earlier `<file>`s of an XLIFF 2 document, one tracker per file (none for one file). */
  private earlierUnitIds: IdTracker[] = []
  /** The id of the current XLIFF 2 `<file>`. */
  private fileId = ''
  /** How far the children of an XLIFF 2 `<xliff>` got (see readXliff2DocumentChild): 0 none, 1 notes, 2 metadata, 3 a file. */
  private rootStage = 0

  constructor(private readonly options: StreamReadOptions<XliffHeader>) {}

  private fail(message: string, at?: XmlElement, code: 'FORMAT_INVALID' | 'FORMAT_UNSUPPORTED' = 'FORMAT_INVALID'): never {
    throw new FormatError(message, { format: this.format, code, ...(at ? { line: at.line, column: at.column } : {}), ...(this.options.file === undefined ? {} : { file: this.options.file }) })
  }

  isContainer(element: XmlElement, depth: number): boolean {
    if (depth === 0) return true
    if (this.header?.formatVersion === '1.2') return element.local === 'file' || element.local === 'body' || element.local === 'group'
    return element.local === 'file' || element.local === 'group'
  }

  open(element: XmlElement, depth: number): void {
    if (depth === 0) return this.openRoot(element)
    const version = this.header!.formatVersion
    if (version === '1.2') {
      if (element.local === 'file') {
        const a = element.attributes
        if (a['source-language'] === undefined || a.original === undefined || a.datatype === undefined) this.fail('<file> needs original, source-language and datatype', element)
        this.unitIds = new IdTracker(this.format)
        if (a['target-language'] !== undefined) this.targetLang = a['target-language']
      }
      return
    }
    checkXliff2Container(element, this.format)
    this.advanceStage(element, element.local === 'group' ? 4 : 0)
    this.pushContainer(element)
    if (element.local === 'file') {
      if (depth !== 1) this.fail('<file> must be a child of <xliff>', element)
      this.announceHeader()
      this.flows = []
      const id = element.attributes.id!
      if (this.files.has(id)) this.fail(`file id "${id}" is used twice`, element)
      if (this.files.size > 0) this.earlierUnitIds.push(this.unitIds)
      this.files.add(id)
      this.fileId = id
      this.fileHasContent = false
      this.unitIds = new IdTracker(this.format)
      this.groupIds = new Set()
    } else if (element.local === 'group') {
      if (depth < 2) this.fail('<group> must be inside <file>', element)
      this.fileHasContent = true
      const id = element.attributes.id!
      if (this.groupIds.has(id)) this.fail(`group id "${id}" is used twice in the file`, element)
      this.groupIds.add(id)
    }
  }

  private openRoot(element: XmlElement): void {
    if (element.local !== 'xliff') this.fail(`the root element is <${element.name}>, expected <xliff>`, element)
    const version = element.attributes.version
    let formatVersion: XliffVersion
    if (version === '1.2' && (element.ns === XLIFF12_NS || element.ns === '')) formatVersion = '1.2'
    else if ((version === '2.0' || version === '2.1') && element.ns === XLIFF20_NS) formatVersion = version
    else if (version === '2.2' && element.ns === XLIFF22_NS) formatVersion = '2.2'
    else this.fail(`XLIFF version ${JSON.stringify(version)} in namespace "${element.ns}" is not supported; mizan reads 1.2, 2.0, 2.1 and 2.2`, element, 'FORMAT_UNSUPPORTED')
    this.format = `xliff-${formatVersion}`
    this.unitIds = new IdTracker(this.format)
    this.fastName = formatVersion === '1.2' ? 'trans-unit' : 'unit'
    if (formatVersion === '1.2') {
      this.header = { formatVersion, sourceLang: '' }
      return
    }
    checkXliff2Container(element, this.format)
    this.pushContainer(element)
    const sourceLang = element.attributes.srcLang
    if (sourceLang === undefined) this.fail('<xliff> needs srcLang', element)
    this.header = { formatVersion, sourceLang }
    if (element.attributes.trgLang !== undefined) this.header.targetLang = element.attributes.trgLang
  }

  /**
   * Hands an XLIFF 2 header to `onHeader` once, when the first `<file>` opens (or the root closes without one):
   * by then the XLIFF 2.2 document-level notes and metadata, which come before the files, are in it.
   */
  private announceHeader(): void {
    if (this.rootStage === 3) return
    this.rootStage = 3
    this.options.onHeader?.(this.header!)
  }

  private pushContainer(element: XmlElement): void {
    const parent = this.containers[this.containers.length - 1]
    const lang = element.attributes['{http://www.w3.org/XML/1998/namespace}lang'] ?? parent?.lang
    const space = element.attributes['{http://www.w3.org/XML/1998/namespace}space'] ?? parent?.space
    this.containers.push({ element, lang, space, stage: 0 })
  }

  /**
   * Children of file and group come in a fixed order (§4.3.1.2, §4.3.1.4): skeleton (file only), extensions,
   * notes, then units and groups. Stages: 1 skeleton, 2 extension, 3 notes, 4 unit/group.
   */
  private advanceStage(element: XmlElement, stage: number): void {
    const parent = this.containers[this.containers.length - 1]
    if (!parent || parent.element.local === 'xliff') return
    if (stage < parent.stage || (stage === parent.stage && (stage === 1 || stage === 3))) {
      this.fail(`<${element.name}> is out of place in <${parent.element.name}>: the order is skeleton, extensions, notes, then units and groups`, element)
    }
    if (stage === 1 && parent.element.local !== 'file') this.fail('<skeleton> is only allowed in <file>', element)
    parent.stage = stage
  }

  close(element: XmlElement, depth: number): void {
    if (this.header?.formatVersion === '1.2') return
    this.containers.pop()
    if (element.local === 'file') {
      for (const flow of this.flows) if (!this.unitIds.has(flow)) this.fail(`subFlows names unit "${flow}", which is not in file "${element.attributes.id}"`, element)
    }
    if (element.local === 'file' && depth === 1 && !this.fileHasContent) this.fail('<file> needs at least one <unit> or <group>', element)
    if (depth === 0) this.announceHeader()
    if (depth === 0 && this.files.size === 0) this.fail('<xliff> needs at least one <file>', element)
  }

  element(element: XmlElement, parent: XmlElement | undefined): void {
    const header = this.header!
    if (!parent) this.fail(`<${element.name}> cannot be the root`, element)
    if (header.formatVersion === '1.2') {
      if (parent.local === 'file') {
        if (element.local === 'header') return
        this.fail(`<${element.name}> is not allowed in <file>`, element)
      }
      if (element.local === 'trans-unit') {
        guardUnit(this, this.options, () => {
          const unit = readXliff12Unit(element, (item) => reportLeftOut(this, this.options, item))
          this.unitIds.add(unit.id, element.line, element.column)
          this.queue.push(unit)
        })
        return
      }
      if (element.local === 'bin-unit') {
        skip(this, this.options, { message: `<bin-unit> at line ${element.line} holds binary data, which mizan does not read`, line: element.line, column: element.column })
        return
      }
      this.fail(`<${element.name}> is not allowed in <${parent.name}>`, element)
    }
    if (parent.local === 'xliff') {
      guardUnit(this, this.options, () => {
        this.rootStage = readXliff2DocumentChild(element, header, this.rootStage, this.format)
      })
      return
    }
    const container = this.containers[this.containers.length - 1]
    const document = { format: this.format, sourceLang: header.sourceLang, targetLang: header.targetLang, lang: container?.lang, space: container?.space }
    const isCore = element.ns === XLIFF20_NS || element.ns === XLIFF22_NS
    if (element.local === 'unit' && isCore) {
      this.fileHasContent = true
      guardUnit(this, this.options, () => {
        this.advanceStage(element, 4)
        const id = element.attributes.id
        if (id !== undefined && this.groupIds.has(id)) this.fail(`unit id "${id}" is also a group id`, element)
        const unit = readXliff2Unit(element, document, this.flows)
        if (id !== undefined) {
          this.unitIds.add(id, element.line, element.column)
          this.qualifyRepeatedId(unit, id)
        }
        this.queue.push(unit)
      })
      return
    }
    guardUnit(this, this.options, () => {
      this.advanceStage(element, !isCore ? 2 : element.local === 'skeleton' ? 1 : element.local === 'notes' ? 3 : 0)
      checkXliff2FileChild(element, this.format, document)
    })
  }

  /** The element the fast path reads: set when the root tells the version. */
  fastName: string | undefined
  /**
   * Ids for the fast path: which are taken by groups of the file, and the one it read (unit ids are checked when
   * the unit is added: a duplicate leaves the unit to the tree reader, which reports it).
   */
  private readonly fastIds = { taken: (id: string): boolean => this.groupIds.size > 0 && this.groupIds.has(id), id: '' }
  /** The document context of the fast path, refreshed per unit (no object per unit). */
  private readonly fastDocument: Xliff2Document = { format: 'xliff', sourceLang: '', targetLang: undefined }

  readFast(text: string, start: number, end: number, parent: XmlElement, scope: ReadonlyMap<string, string>): boolean {
    const header = this.header
    if (!header) return false
    if (header.formatVersion === '1.2') {
      if (parent.local !== 'body' && parent.local !== 'group') return false
      const unit = readXliff12UnitFast(text, start, end, this.fastIds)
      if (!unit || !this.unitIds.tryAdd(this.fastIds.id)) return false
      this.queue.push(unit)
      return true
    }
    if (parent.local === 'xliff') return false
    const core = scope.get('')
    if (core !== XLIFF20_NS && core !== XLIFF22_NS) return false
    const container = this.containers[this.containers.length - 1]
    const document = this.fastDocument
    document.format = this.format
    document.sourceLang = header.sourceLang
    document.targetLang = header.targetLang
    document.lang = container?.lang
    document.space = container?.space
    const unit = readXliff2UnitFast(text, start, end, document, scope.get('mda') === MDA_NS, this.fastIds)
    if (!unit || !this.unitIds.tryAdd(this.fastIds.id)) return false
    // What element() does for a unit, none of which can fail here: units come last among the children.
    this.qualifyRepeatedId(unit, this.fastIds.id)
    this.fileHasContent = true
    if (container && container.element.local !== 'xliff') container.stage = 4
    this.queue.push(unit)
    return true
  }

  /**
   * Gives a unit whose id an earlier `<file>` of the document already used (unit ids are unique per file only,
   * XLIFF 2.1 §4.3.1.19) its fragment identifier as id, `f=<file id>/u=<unit id>` (§4.8, without the leading `#/`),
   * so the units of a document have distinct ids: a memory replaces a unit by id, and they are written back into
   * one file (as `mizan-N`, that id not being an NMTOKEN). A unit whose id was kept in metadata keeps that.
   */
  private qualifyRepeatedId(unit: TranslationUnit, attributeId: string): void {
    if (this.earlierUnitIds.length === 0 || unit.id !== attributeId) return
    for (const earlier of this.earlierUnitIds) {
      if (earlier.has(attributeId)) {
        unit.id = `f=${this.fileId}/u=${attributeId}`
        return
      }
    }
  }

  text(_text: string, parent: XmlElement | undefined, line: number, column: number): void {
    throw new FormatError(`text is not allowed directly inside <${parent?.name ?? 'the document'}>`, { format: this.format, line, column })
  }

  finish(): void {
    if (this.header?.formatVersion === '1.2') {
      if (this.header.targetLang === undefined && this.targetLang !== undefined) this.header.targetLang = this.targetLang
    }
  }

  setSourceFrom12(element: XmlElement): void {
    if (this.header && this.header.sourceLang === '') this.header.sourceLang = element.attributes['source-language'] ?? ''
  }
}

/** The 1.2 header comes from the first `<file>`; wrap `open` to catch it. */
function xliffHandler(options: StreamReadOptions<XliffHeader>): XliffHandler {
  const handler = new XliffHandler(options)
  const open = handler.open.bind(handler)
  let announced = false
  handler.open = (element: XmlElement, depth: number): void => {
    open(element, depth)
    if (handler.header?.formatVersion === '1.2' && element.local === 'file' && !announced) {
      announced = true
      handler.setSourceFrom12(element)
      if (element.attributes['target-language'] !== undefined) handler.header.targetLang = element.attributes['target-language']
      options.onHeader?.(handler.header)
    }
  }
  return handler
}

/**
 * Reads an XLIFF document (1.2, 2.0, 2.1 or 2.2) from a string.
 *
 * Safe and strict by default: no DOCTYPE, no entities but the five predefined ones, size limits, and the
 * XLIFF 2 processing requirements are checked; any problem is a {@link FormatError} with line and column.
 * With `{ lenient: true }` invalid units are skipped and listed in `skipped`.
 *
 * @param xml - the document
 * @param options - lenient mode, limits, logger
 * @returns the version, languages and units
 * @throws {@link FormatError}: `FORMAT_INVALID` (malformed or invalid), `FORMAT_UNSAFE` (DOCTYPE, entities),
 * `FORMAT_TOO_LARGE` (a limit), `FORMAT_UNSUPPORTED` (an unknown version)
 * @example
 * ```ts
 * import { parseXliff } from 'mizan'
 * const { formatVersion, units } = parseXliff(xml)
 * ```
 * @group Formats
 */
export function parseXliff(xml: string, options: ReadOptions = {}): XliffDocument {
  const handler = xliffHandler(options)
  parseString(handler, xml, 'xliff', options)
  const units = handler.queue
  if (!handler.header) {
    if (options.lenient) return { formatVersion: '2.1', sourceLang: '', units, skipped: handler.skipped }
    throw new FormatError('the document has no <xliff> root', { format: 'xliff' })
  }
  return { ...handler.header, units, skipped: handler.skipped }
}

/**
 * Reads an XLIFF document unit by unit from a file path, a Node readable or any (async) iterable of chunks,
 * with memory bounded by the largest unit, not the file.
 *
 * @param input - a file path, a Node `Readable`, or an (async) iterable of strings or bytes (UTF-8/UTF-16)
 * @param options - as {@link parseXliff}, plus `onHeader` (version and languages) and `onSkipped`
 * @returns an async generator of units
 * @throws see {@link parseXliff}; errors surface while iterating
 * @example
 * ```ts
 * import { readXliff } from 'mizan'
 * for await (const unit of readXliff('memory.xlf')) await tm.add(unit)
 * ```
 * @group Formats
 */
export function readXliff(input: ReadInput, options: StreamReadOptions<XliffHeader> = {}): AsyncGenerator<TranslationUnit> {
  const handler = xliffHandler(options)
  const inner = parseStream(handler, input, 'xliff', options)
  return reportSkipped(inner, handler, options.onSkipped)
}
