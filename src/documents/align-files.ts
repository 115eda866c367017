/**
 * `alignFiles`: read a document and its translation in any format mizan reads, segment each block on its own
 * (a block boundary is always a sentence boundary), align with every block start as a paragraph hint, and carry
 * the blocks' inline codes into the aligned pairs; `toFileUnits` turns the pairs into units with those codes.
 *
 * @module
 */
import { alignDocuments, pairOf, toTranslationUnits, type AlignDocumentsOptions, type AlignedPair, type DocumentAlignment, type ToTranslationUnitsOptions } from '../align/align-documents.js'
import { alignSentences } from '../align/align-sentences.js'
import { OptionsError } from '../errors.js'
import { segmentSentences, type SegmentOptions } from '../segment/index.js'
import type { InlineContent, NewTranslationUnit } from '../types.js'
import type { DocumentBlock } from './blocks.js'
import type { DocumentFormat } from './detect-format.js'
import { readDocument, type ReadDocument, type ReadDocumentOptions } from './read-document.js'
import { structureAnchors } from './structure-anchors.js'
import { pairCodeIds, pairContent, type BlockSentence } from './unit-content.js'

/**
 * Options of {@link alignFiles}: those of {@link alignDocuments} (languages, segmentation, the aligner's), plus
 * how to read the two files.
 *
 * @example
 * ```ts
 * import { alignFiles, type AlignFilesOptions } from 'mizan'
 * const options: AlignFilesOptions = { sourceLang: 'ar', targetLang: 'en', sourceFile: 'ar.docx', targetFile: 'en.odt' }
 * await alignFiles(arabicBytes, englishBytes, options)
 * ```
 * @group Documents
 */
export interface AlignFilesOptions extends Omit<AlignDocumentsOptions, 'paragraphHints'>, Pick<ReadDocumentOptions, 'maxBytes' | 'zipLimits'> {
  /**
   * The source file's name: for messages, and to tell Markdown from plain text.
   * @defaultValue `undefined`
   */
  sourceFile?: string
  /**
   * The target file's name, likewise.
   * @defaultValue `undefined`
   */
  targetFile?: string
  /**
   * The source format, when known better than the content tells.
   * @defaultValue detected
   */
  sourceFormat?: DocumentFormat
  /**
   * The target format, likewise.
   * @defaultValue detected
   */
  targetFormat?: DocumentFormat
  /**
   * Align the structure first: when both documents have the same outline (heading levels in the same order), the
   * same tables or the same lists, pair those headings, cells and items in order as fixed beads (unconfirmed:
   * scored on their evidence like any bead) and align the sentences between them. Ignored when `fixed` is given.
   * @defaultValue `true`
   */
  structureFirst?: boolean
}

/**
 * A pair of {@link alignFiles}: an {@link AlignedPair} (offsets into the result's `sourceText` and `targetText`)
 * with the inline codes of each side, when it has any.
 *
 * @example
 * ```ts
 * import { alignFiles, type FilePair } from 'mizan'
 * const pair: FilePair = (await alignFiles(arabicBytes, englishBytes, { sourceLang: 'ar', targetLang: 'en' })).pairs[0]!
 * pair.sourceContent // ['افتتحت القمة ', { kind: 'open', id: '1', data: '<b>' }, 'صباح الجمعة', …]
 * ```
 * @group Documents
 */
export interface FilePair extends AlignedPair {
  /** The source text with its inline codes, when it has codes (the strings joined are `source`). */
  sourceContent?: InlineContent
  /** The target text with its inline codes, likewise; codes that correspond share ids with the source's. */
  targetContent?: InlineContent
}

/**
 * The result of {@link alignFiles}: a {@link DocumentAlignment} over the documents' texts (blocks joined by a
 * blank line), with the formats and blocks read.
 *
 * @example
 * ```ts
 * import { alignFiles } from 'mizan'
 * const { sourceFormat, sourceBlocks, pairs } = await alignFiles(arabicBytes, englishBytes, { sourceLang: 'ar', targetLang: 'en' })
 * ```
 * @group Documents
 */
export interface FileAlignment extends DocumentAlignment {
  /** The pairs, with inline codes. */
  pairs: FilePair[]
  /** The source format the content showed. */
  sourceFormat: DocumentFormat
  /** The target format. */
  targetFormat: DocumentFormat
  /** The source blocks. */
  sourceBlocks: DocumentBlock[]
  /** The target blocks. */
  targetBlocks: DocumentBlock[]
  /** The source text the sentence offsets point into: the blocks' texts joined by `'\n\n'` (for plain text, the text). */
  sourceText: string
  /** The target text, likewise. */
  targetText: string
}

/** What joins two blocks in the joined text: a paragraph break, as plain text writes one. @internal */
export const blockSeparator = '\n\n'

/** Segments each block alone; returns the joined text and sentences with block positions. */
function segmentBlocks(blocks: readonly DocumentBlock[], lang: string, options: SegmentOptions | undefined): { text: string; sentences: BlockSentence[]; starts: number[] } {
  // Inside a block a line break is where a line wrapped unless a <br/> says otherwise: the blocks carry the structure.
  const segmentation: SegmentOptions = { lineBreaks: 'space', ...options }
  let text = ''
  const sentences: BlockSentence[] = []
  const starts: number[] = []
  blocks.forEach((block, index) => {
    if (index > 0) text += blockSeparator
    const offset = text.length
    text += block.text
    const found = segmentSentences(block.text, lang, segmentation)
    if (found.length > 0 && sentences.length > 0) starts.push(sentences.length)
    for (const sentence of found) sentences.push({ text: sentence.text, start: offset + sentence.start, end: offset + sentence.end, block: index, blockStart: sentence.start, blockEnd: sentence.end })
  })
  return { text, sentences, starts }
}

/**
 * Reads a document and its translation (.docx, .odt, .html, .md, .txt; each side's format told by its content),
 * segments every block on its own (a heading, list item or table cell never shares a sentence with what follows),
 * aligns the sentences with each block start as a strong paragraph hint, and returns the pairs with their inline
 * codes (bold, italic, underline, links, footnote references, line breaks, objects), paired across the sides.
 * Two plain-text files align exactly as {@link alignDocuments} aligns them.
 *
 * @param sourceBytes - the source file (bytes, or text for HTML, Markdown and plain text)
 * @param targetBytes - its translation
 * @param options - `sourceLang` and `targetLang` (required); file names, formats, limits; segmentation and
 *   alignment options
 * @returns the alignment, with the formats, blocks and joined texts
 * @throws {@link DocumentError} when a file cannot be read (corrupt, encrypted, too large, unsupported...)
 * @throws {@link OptionsError} for bad options
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises'
 * import { alignFiles, toFileUnits, toXliff } from 'mizan'
 * const alignment = await alignFiles(await readFile('ar.docx'), await readFile('en.odt'), { sourceLang: 'ar', targetLang: 'en', sourceFile: 'ar.docx', targetFile: 'en.odt' })
 * const xliff = toXliff(toFileUnits(alignment, { document: 'ar.docx' }), { version: '2.1', sourceLang: 'ar', targetLang: 'en' })
 * ```
 * @group Documents
 */
export async function alignFiles(sourceBytes: Uint8Array | string, targetBytes: Uint8Array | string, options: AlignFilesOptions): Promise<FileAlignment> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new OptionsError('options', options, 'an object with sourceLang and targetLang')
  if (typeof options.sourceLang !== 'string') throw new OptionsError('sourceLang', options.sourceLang, 'a BCP-47 language tag such as "ar"')
  if (typeof options.targetLang !== 'string') throw new OptionsError('targetLang', options.targetLang, 'a BCP-47 language tag such as "en"')
  const { sourceFile, targetFile, sourceFormat, targetFormat, maxBytes, zipLimits } = options
  const limits = { ...(maxBytes === undefined ? {} : { maxBytes }), ...(zipLimits === undefined ? {} : { zipLimits }) }
  const [source, target] = await Promise.all([
    readDocument(sourceBytes, { ...limits, ...(sourceFile === undefined ? {} : { file: sourceFile }), ...(sourceFormat === undefined ? {} : { format: sourceFormat }) }),
    readDocument(targetBytes, { ...limits, ...(targetFile === undefined ? {} : { file: targetFile }), ...(targetFormat === undefined ? {} : { format: targetFormat }) }),
  ])
  if (source.format === 'text' && target.format === 'text') {
    const decode = (input: Uint8Array | string) => (typeof input === 'string' ? input : new TextDecoder().decode(input).replace(/^\uFEFF/, ''))
    const sourceText = decode(sourceBytes)
    const targetText = decode(targetBytes)
    const { sourceFile: _sourceFile, targetFile: _targetFile, sourceFormat: _sourceFormat, targetFormat: _targetFormat, maxBytes: _maxBytes, zipLimits: _zipLimits, structureFirst: _structureFirst, ...documentOptions } = options
    const plain = alignDocuments(sourceText, targetText, documentOptions)
    return { ...plain, sourceFormat: 'text', targetFormat: 'text', sourceBlocks: source.blocks, targetBlocks: target.blocks, sourceText, targetText }
  }
  return alignReadDocuments(source, target, options)
}

/**
 * The block path of {@link alignFiles}, for documents already read (the CLI reads them first to check them).
 *
 * @param source - the source document's format and blocks
 * @param target - the target document's
 * @param options - as {@link alignFiles} (file names and limits are not used)
 * @returns the alignment over the blocks' joined texts
 * @internal
 */
export function alignReadDocuments(source: ReadDocument, target: ReadDocument, options: AlignFilesOptions): FileAlignment {
  // The reading options are left out of what the aligner gets.
  const { sourceFile, targetFile, sourceFormat, targetFormat, maxBytes, zipLimits, sourceSegmentation, targetSegmentation, structureFirst = true, ...alignOptions } = options
  if (typeof structureFirst !== 'boolean') throw new OptionsError('structureFirst', structureFirst, 'a boolean')
  const sourceSide = segmentBlocks(source.blocks, options.sourceLang, sourceSegmentation)
  const targetSide = segmentBlocks(target.blocks, options.targetLang, targetSegmentation)
  const anchors = structureFirst && alignOptions.fixed === undefined ? structureAnchors(source.blocks, sourceSide.sentences, target.blocks, targetSide.sentences) : []
  const { beads, model, features, verdict } = alignSentences(
    sourceSide.sentences.map((sentence) => sentence.text),
    targetSide.sentences.map((sentence) => sentence.text),
    { ...alignOptions, sourceParagraphs: sourceSide.starts, targetParagraphs: targetSide.starts, ...(anchors.length > 0 ? { fixed: anchors } : {}) },
  )
  const pairs: FilePair[] = []
  for (const bead of beads) {
    if (bead.source.length === 0 || bead.target.length === 0) continue
    const firstSource = bead.source[0]!
    const lastSource = bead.source[bead.source.length - 1]!
    const firstTarget = bead.target[0]!
    const lastTarget = bead.target[bead.target.length - 1]!
    const pair: FilePair = pairOf(bead, sourceSide.text, sourceSide.sentences, targetSide.text, targetSide.sentences)
    const sourceContent = pairContent(source.blocks, sourceSide.sentences, firstSource, lastSource, blockSeparator)
    const targetContent = pairContent(target.blocks, targetSide.sentences, firstTarget, lastTarget, blockSeparator)
    pairCodeIds(sourceContent, targetContent)
    if (sourceContent) pair.sourceContent = sourceContent
    if (targetContent) pair.targetContent = targetContent
    pairs.push(pair)
  }
  const plainSentences = (sentences: BlockSentence[]) => sentences.map(({ text, start, end }) => ({ text, start, end }))
  return {
    sourceSentences: plainSentences(sourceSide.sentences),
    targetSentences: plainSentences(targetSide.sentences),
    beads,
    pairs,
    model,
    verdict,
    features,
    sourceFormat: source.format,
    targetFormat: target.format,
    sourceBlocks: source.blocks,
    targetBlocks: target.blocks,
    sourceText: sourceSide.text,
    targetText: targetSide.text,
  }
}

/**
 * Turns the pairs of {@link alignFiles} into translation units, as {@link toTranslationUnits} does, with each
 * side's inline codes as `sourceContent` and `targetContent`.
 *
 * @param alignment - the result of {@link alignFiles}
 * @param options - as {@link toTranslationUnits}
 * @returns one unit per kept pair, in document order
 * @throws {@link OptionsError} as {@link toTranslationUnits}
 * @example
 * ```ts
 * import { alignFiles, toFileUnits, TranslationMemory } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * await tm.addAll(toFileUnits(await alignFiles(arabicBytes, englishBytes, { sourceLang: 'ar', targetLang: 'en' }), { document: 'report.docx' }))
 * ```
 * @group Documents
 */
export function toFileUnits(alignment: FileAlignment, options: ToTranslationUnitsOptions = {}): NewTranslationUnit[] {
  const units = toTranslationUnits(alignment, options)
  const byFirstSentence = new Map<number | undefined, FilePair>(alignment.pairs.map((pair) => [pair.sourceSentences[0], pair]))
  for (const unit of units) {
    const pair = byFirstSentence.get(unit.origin?.sourceSentences?.[0])
    if (pair?.sourceContent) unit.sourceContent = pair.sourceContent.map((item) => (typeof item === 'string' ? item : { ...item }))
    if (pair?.targetContent) unit.targetContent = pair.targetContent.map((item) => (typeof item === 'string' ? item : { ...item }))
  }
  return units
}
