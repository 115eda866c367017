/**
 * The data a static review page carries (`mizan align --report review.html`): the two texts once, each side's
 * sentences as ranges of its text, and the beads as flat numbers, so the page stays near the size of the texts
 * (a page holding every sentence as a string next to the texts would be twice that; JSON objects per bead, more).
 * The page rebuilds the review document from it, edits it with the same pure functions as the server, and
 * exports the corrections against the same texts.
 *
 * Pure: the page bundles this module.
 *
 * @module
 */
import { lacksEvidence, type AlignmentVerdict } from '../align/align-sentences.js'
import { createReviewDocument, type DocumentStructure, type ReviewDocument } from './model.js'
import { ReviewError } from './review-error.js'

/**
 * What the static page embeds (as JSON in a `<script type="application/json">`).
 *
 * @example
 * ```ts
 * import type { StaticReviewData } from './static-data.js'
 * const data: StaticReviewData = {
 *   formatVersion: 1, names: { source: 'ar.txt', target: 'en.txt' }, sourceLang: 'ar', targetLang: 'en',
 *   sourceText: 'مرحبا.', targetText: 'Hello.', sourceSpans: [0, 6], targetSpans: [0, 6], beads: [1, 1, 950],
 * }
 * ```
 * @internal
 */
export interface StaticReviewData {
  /** The version of this format; 1. */
  formatVersion: 1
  /** File names shown on the page. */
  names: { source: string; target: string }
  /** Source language (BCP-47). */
  sourceLang: string
  /** Target language (BCP-47). */
  targetLang: string
  /** The aligner's verdict in words, shown at the top of the page; `bare` when only evidence was lacking. */
  verdict?: { kind: string; coverage: number; bare?: true }
  /** The source text as read. */
  sourceText: string
  /** The target text as read. */
  targetText: string
  /** Source sentences as start, end pairs, flat. */
  sourceSpans: number[]
  /** Target sentences as start, end pairs, flat. */
  targetSpans: number[]
  /** Per bead: its number of source sentences, of target sentences, and its score in thousandths, flat. */
  beads: number[]
  /** Indexes of the sentences that start a paragraph, per side. */
  paragraphs?: { source: number[]; target: number[] }
  /** The blocks and inline codes of sides read from documents, over `sourceText`/`targetText` (see ReviewDocument.structure). */
  structure?: { source?: Omit<DocumentStructure, 'text'>; target?: Omit<DocumentStructure, 'text'> }
}

/**
 * Makes a static page's data from an alignment.
 *
 * @param input - the texts, the sentences with their offsets, the beads, names, languages and the verdict
 * @returns the data
 * @throws {@link ReviewError} (`INVALID_INPUT`) when a sentence is not the slice of its text its offsets say
 * @example
 * ```ts
 * import { toStaticReviewData } from './static-data.js'
 * const result = alignDocuments(arabicText, englishText, { sourceLang: 'ar', targetLang: 'en' })
 * const data = toStaticReviewData({ ...result, sourceText: arabicText, targetText: englishText, names: { source: 'ar.txt', target: 'en.txt' }, sourceLang: 'ar', targetLang: 'en' })
 * ```
 * @internal
 */
export function toStaticReviewData(input: {
  sourceText: string
  targetText: string
  sourceSentences: readonly { start: number; end: number; text: string }[]
  targetSentences: readonly { start: number; end: number; text: string }[]
  beads: readonly { source: readonly number[]; target: readonly number[]; score: number }[]
  names: { source: string; target: string }
  sourceLang: string
  targetLang: string
  verdict?: { kind: string; coverage: number; evidence?: number }
  paragraphs?: { source: number[]; target: number[] }
  structure?: ReviewDocument['structure']
}): StaticReviewData {
  const spans = (text: string, sentences: readonly { start: number; end: number; text: string }[], side: string): number[] =>
    sentences.flatMap((sentence, index) => {
      if (text.slice(sentence.start, sentence.end) !== sentence.text) throw new ReviewError('INVALID_INPUT', `${side} sentence ${index} is not the text between its offsets ${sentence.start} and ${sentence.end}`)
      return [sentence.start, sentence.end]
    })
  return {
    formatVersion: 1,
    names: input.names,
    sourceLang: input.sourceLang,
    targetLang: input.targetLang,
    ...(input.verdict === undefined ? {} : { verdict: { kind: input.verdict.kind, coverage: input.verdict.coverage, ...(isBare(input.verdict) ? { bare: true as const } : {}) } }),
    sourceText: input.sourceText,
    targetText: input.targetText,
    sourceSpans: spans(input.sourceText, input.sourceSentences, 'source'),
    targetSpans: spans(input.targetText, input.targetSentences, 'target'),
    beads: input.beads.flatMap((bead) => [bead.source.length, bead.target.length, Math.round(bead.score * 1000)]),
    ...(input.paragraphs === undefined ? {} : { paragraphs: input.paragraphs }),
    ...(input.structure === undefined ? {} : { structure: withoutTexts(input.structure, input.sourceText, input.targetText) }),
  }
}

/** The structure without its texts (the page has them once), after checking they are the page's texts. */
function withoutTexts(structure: NonNullable<ReviewDocument['structure']>, sourceText: string, targetText: string): NonNullable<StaticReviewData['structure']> {
  const result: NonNullable<StaticReviewData['structure']> = {}
  for (const [side, text] of [['source', sourceText], ['target', targetText]] as const) {
    const own = structure[side]
    if (own === undefined) continue
    if (own.text !== text) throw new ReviewError('INVALID_INPUT', `the ${side} structure is over another text than the ${side} text of the page`)
    result[side] = { blocks: own.blocks, codes: own.codes }
  }
  return result
}

/**
 * Rebuilds the review document from a static page's data: every bead open, with its score.
 *
 * @param data - the page's data
 * @returns the document
 * @throws {@link ReviewError} (`INVALID_INPUT`) for an unknown `formatVersion` or beads that do not cover the sentences
 * @example
 * ```ts
 * import { fromStaticReviewData } from './static-data.js'
 * const document = fromStaticReviewData(data)
 * ```
 * @internal
 */
export function fromStaticReviewData(data: StaticReviewData): ReviewDocument {
  if (data.formatVersion !== 1) throw new ReviewError('INVALID_INPUT', `the page's data has formatVersion ${String(data.formatVersion)}; expected 1`)
  const slices = (text: string, spans: readonly number[]): string[] => {
    const sentences: string[] = []
    for (let k = 0; k + 1 < spans.length; k += 2) sentences.push(text.slice(spans[k], spans[k + 1]))
    return sentences
  }
  const beads: Array<{ source: number[]; target: number[]; score: number }> = []
  const next = { source: 0, target: 0 }
  const take = (side: 'source' | 'target', count: number): number[] => Array.from({ length: count }, () => next[side]++)
  for (let k = 0; k + 2 < data.beads.length; k += 3) beads.push({ source: take('source', data.beads[k]!), target: take('target', data.beads[k + 1]!), score: data.beads[k + 2]! / 1000 })
  const structure: NonNullable<ReviewDocument['structure']> = {}
  if (data.structure?.source !== undefined) structure.source = { text: data.sourceText, ...data.structure.source }
  if (data.structure?.target !== undefined) structure.target = { text: data.targetText, ...data.structure.target }
  return createReviewDocument(slices(data.sourceText, data.sourceSpans), slices(data.targetText, data.targetSpans), beads, {
    ...(data.paragraphs === undefined ? {} : { sourceParagraphs: data.paragraphs.source, targetParagraphs: data.paragraphs.target }),
    ...(data.structure === undefined ? {} : { structure }),
  })
}

/** Whether a verdict is short of parallel only for want of evidence (see lacksEvidence). */
function isBare(verdict: { kind: string; coverage: number; evidence?: number }): boolean {
  return verdict.evidence !== undefined && lacksEvidence({ kind: verdict.kind as AlignmentVerdict['kind'], coverage: verdict.coverage, evidence: verdict.evidence, meanConfidence: 0, doubtful: 0, omissions: 0 })
}
