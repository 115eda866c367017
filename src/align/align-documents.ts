/**
 * `alignDocuments`: segment a document and its translation, align the sentences with paragraph breaks as hints,
 * and return the aligned pairs with their texts and offsets; `toTranslationUnits` turns those into units.
 *
 * @module
 */
import { OptionsError } from '../errors.js'
import { segmentSentences, type SegmentOptions } from '../segment/index.js'
import { needsReviewSubState, type NewTranslationUnit, type Sentence } from '../types.js'
import { alignSentences, type AlignmentModel, type AlignmentVerdict, type Bead, type SentenceAlignment } from './align-sentences.js'
import type { AlignOptions } from './options.js'
import { boundariesFrom, unitPartsOf } from '../tm/unit-parts.js'

/**
 * Options of {@link alignDocuments}: the aligner's options, with the two languages required, plus segmentation.
 *
 * @example
 * ```ts
 * import { alignDocuments, type AlignDocumentsOptions } from 'mizan'
 * const options: AlignDocumentsOptions = { sourceLang: 'ar', targetLang: 'en', targetSegmentation: { lineBreaks: 'space' } }
 * alignDocuments(arabicText, englishText, options)
 * ```
 * @group Alignment
 */
export interface AlignDocumentsOptions extends Omit<AlignOptions, 'sourceParagraphs' | 'targetParagraphs'> {
  /** Source language (BCP-47), for segmentation and word keys. */
  sourceLang: string
  /** Target language (BCP-47). */
  targetLang: string
  /**
   * Options for segmenting the source text.
   * @defaultValue `{}`
   */
  sourceSegmentation?: SegmentOptions
  /**
   * Options for segmenting the target text.
   * @defaultValue `{}`
   */
  targetSegmentation?: SegmentOptions
  /**
   * Read line breaks between sentences as paragraph breaks and pass them to the aligner as hints.
   * @defaultValue `true`
   */
  paragraphHints?: boolean
}

/**
 * Defaults of {@link alignDocuments} (the aligner's own are in {@link defaults}).
 *
 * @example
 * ```ts
 * import { alignDocumentsDefaults } from './align-documents.js'
 * alignDocumentsDefaults.paragraphHints // true
 * ```
 * @internal
 */
export const alignDocumentsDefaults = {
  paragraphHints: true,
} as const

/**
 * An aligned pair: one bead with text on both sides, with its texts and where they stand in the inputs.
 *
 * @example
 * ```ts
 * import { alignDocuments } from 'mizan'
 * const [pair] = alignDocuments(arabicText, englishText, { sourceLang: 'ar', targetLang: 'en' }).pairs
 * arabicText.slice(pair.sourceStart, pair.sourceEnd) === pair.source // true
 * ```
 * @group Alignment
 */
export interface AlignedPair {
  /** Source text: the input from the first sentence's start to the last sentence's end, as written. */
  source: string
  /** Target text, likewise. */
  target: string
  /** Source sentence indexes. */
  sourceSentences: number[]
  /** Target sentence indexes. */
  targetSentences: number[]
  /** UTF-16 offset of the source text in the source input. */
  sourceStart: number
  /** UTF-16 offset just past the source text. */
  sourceEnd: number
  /** UTF-16 offset of the target text in the target input. */
  targetStart: number
  /** UTF-16 offset just past the target text. */
  targetEnd: number
  /** The bead's confidence that its two sides translate each other, 0..1 (see {@link Bead.score}). */
  score: number
  /** The bead's path posterior (see {@link Bead.posterior}). */
  posterior: number
  /** The bead's shape, `'<source count>-<target count>'`. */
  shape: string
}

/**
 * The result of {@link alignDocuments}.
 *
 * @example
 * ```ts
 * import { alignDocuments } from 'mizan'
 * const { sourceSentences, targetSentences, beads, pairs } = alignDocuments(arabicText, englishText, { sourceLang: 'ar', targetLang: 'en' })
 * ```
 * @group Alignment
 */
export interface DocumentAlignment {
  /** The source sentences, with offsets into the source text. */
  sourceSentences: Sentence[]
  /** The target sentences, with offsets into the target text. */
  targetSentences: Sentence[]
  /** Every bead, including sentences left without a counterpart (1-0, 0-1). */
  beads: Bead[]
  /** The beads with text on both sides, ready to become translation units ({@link toTranslationUnits}). */
  pairs: AlignedPair[]
  /** What the aligner estimated. */
  model: AlignmentModel
  /** Whether the two documents are translations of each other (see {@link AlignmentVerdict}). */
  verdict: AlignmentVerdict
  /** @internal Per bead, its evidence features. */
  features?: SentenceAlignment['features']
}

/** Indexes of the sentences that begin a new paragraph: a line break in the text between them and the previous one. */
/** @internal */
export function paragraphStarts(text: string, sentences: readonly Sentence[]): number[] {
  const starts: number[] = []
  for (let k = 1; k < sentences.length; k++) {
    const gap = text.slice(sentences[k - 1]!.end, sentences[k]!.start)
    if (/[\n\r\u2029\u2028]/.test(gap)) starts.push(k)
  }
  return starts
}

/**
 * Segments a document and its translation into sentences, aligns them (paragraph breaks, read from line breaks
 * between sentences, are strong hints), and returns both sentence lists, the beads, and the aligned pairs with
 * texts and offsets.
 *
 * It aligns whatever strings it is given. Text from files or users is worth checking first, as `mizan align`
 * does: `decodeText` turns bytes into text or refuses them (invalid UTF-8, binary), and `checkDocument` refuses
 * an empty document or one in the wrong script for its language (the two documents swapped). The result's
 * `verdict` then says whether the two are translations of each other.
 *
 * @param sourceText - the source document (e.g. Arabic)
 * @param targetText - its translation (e.g. English)
 * @param options - `sourceLang` and `targetLang` (required), segmentation and alignment options
 * @returns sentences of both sides, beads, pairs and the estimated model; empty texts give empty lists
 * @throws {@link OptionsError} (`INVALID_INPUT`) when a text is not a string; (`INVALID_OPTION`) for bad options
 * @example
 * ```ts
 * import { alignDocuments } from 'mizan'
 * const result = alignDocuments(
 *   'انعقدت القمة في سمرقند. وحضرها 15 رئيسا.',
 *   'The summit was held in Samarkand. It was attended by 15 presidents.',
 *   { sourceLang: 'ar', targetLang: 'en' },
 * )
 * result.pairs.map((pair) => [pair.source, pair.target, pair.shape])
 * // [['انعقدت القمة في سمرقند.', 'The summit was held in Samarkand.', '1-1'],
 * //  ['وحضرها 15 رئيسا.', 'It was attended by 15 presidents.', '1-1']]
 * ```
 * @group Alignment
 */
export function alignDocuments(sourceText: string, targetText: string, options: AlignDocumentsOptions): DocumentAlignment {
  if (typeof sourceText !== 'string') throw new OptionsError('sourceText', sourceText, 'a string', 'INVALID_INPUT')
  if (typeof targetText !== 'string') throw new OptionsError('targetText', targetText, 'a string', 'INVALID_INPUT')
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new OptionsError('options', options, 'an object with sourceLang and targetLang')
  if (typeof options.sourceLang !== 'string') throw new OptionsError('sourceLang', options.sourceLang, 'a BCP-47 language tag such as "ar"')
  if (typeof options.targetLang !== 'string') throw new OptionsError('targetLang', options.targetLang, 'a BCP-47 language tag such as "en"')
  const { sourceSegmentation, targetSegmentation, paragraphHints = alignDocumentsDefaults.paragraphHints, ...alignOptions } = options
  if (typeof paragraphHints !== 'boolean') throw new OptionsError('paragraphHints', paragraphHints, 'a boolean')
  const sourceSentences = segmentSentences(sourceText, options.sourceLang, sourceSegmentation ?? {})
  const targetSentences = segmentSentences(targetText, options.targetLang, targetSegmentation ?? {})
  const hints: Pick<AlignOptions, 'sourceParagraphs' | 'targetParagraphs'> = paragraphHints
    ? { sourceParagraphs: paragraphStarts(sourceText, sourceSentences), targetParagraphs: paragraphStarts(targetText, targetSentences) }
    : {}
  const { beads, model, features, verdict } = alignSentences(
    sourceSentences.map((sentence) => sentence.text),
    targetSentences.map((sentence) => sentence.text),
    { ...alignOptions, ...hints },
  )
  const pairs: AlignedPair[] = []
  for (const bead of beads) if (bead.source.length > 0 && bead.target.length > 0) pairs.push(pairOf(bead, sourceText, sourceSentences, targetText, targetSentences))
  return { sourceSentences, targetSentences, beads, pairs, model, verdict, features }
}

/**
 * The confidence under which a pair is stored as needing review rather than as a translation: the default of
 * `minConfidence` ({@link toTranslationUnits}) and of `mizan align --min-confidence`. 0.9 is what the calibration
 * supports: on the held-out sets, beads scored 0.9 or more are right 96-100% of the time (99.4-100% on the
 * Arabic-English ones, UN and Flores-200; 95.8% on Text+Berg's German-French; docs/alignment.md, "Confidence").
 * `npx tsx bench/calibration.ts` prints the reliability table and the precision of beads scored 0.9 or more.
 *
 * @internal
 */
export const defaultMinConfidence = 0.9

/**
 * The aligned pair of a bead with text on both sides: its texts as written (from the first sentence's start to the
 * last one's end) and where they stand in the inputs.
 * @internal
 */
export function pairOf(bead: Bead, sourceText: string, sourceSentences: readonly Sentence[], targetText: string, targetSentences: readonly Sentence[]): AlignedPair {
  const sourceStart = sourceSentences[bead.source[0]!]!.start
  const sourceEnd = sourceSentences[bead.source[bead.source.length - 1]!]!.end
  const targetStart = targetSentences[bead.target[0]!]!.start
  const targetEnd = targetSentences[bead.target[bead.target.length - 1]!]!.end
  return {
    source: sourceText.slice(sourceStart, sourceEnd),
    target: targetText.slice(targetStart, targetEnd),
    sourceSentences: [...bead.source],
    targetSentences: [...bead.target],
    sourceStart,
    sourceEnd,
    targetStart,
    targetEnd,
    score: bead.score,
    posterior: bead.posterior,
    shape: `${bead.source.length}-${bead.target.length}`,
  }
}

/**
 * Options of {@link toTranslationUnits}.
 *
 * @example
 * ```ts
 * import { toTranslationUnits } from 'mizan'
 * toTranslationUnits(alignment, { document: 'news.txt', minConfidence: 0.95, minScore: 0.5 })
 * ```
 * @group Alignment
 */
export interface ToTranslationUnitsOptions {
  /**
   * The document name recorded in each unit's `origin`.
   * @defaultValue `undefined` (no document name)
   */
  document?: string
  /**
   * The state of the new units.
   * @defaultValue `'translated'`
   */
  state?: NewTranslationUnit['state']
  /**
   * Keep only pairs whose confidence is at least this.
   * @defaultValue `0`
   */
  minScore?: number
  /**
   * Pairs whose confidence is below this are stored as needing review, not as translations: `state: 'initial'`
   * and `subState: 'mizan:needs-review'` ({@link needsReviewSubState}), whatever `state` says. Searches can leave
   * them out (`includeNeedsReview: false`). 0 stores every pair as a translation.
   * @defaultValue `0.9` (what the calibration supports: beads scored 0.9 or more are right 98-99% of the time)
   */
  minConfidence?: number
}

/**
 * Turns the pairs of {@link alignDocuments} into translation units for a memory: source and target text,
 * `alignment: { score, shape }`, `origin` (document and sentence indexes), `context` (the previous and next
 * source sentence, for context matches) and, for a bead of several sentences on a side, `parts` (where each
 * sentence starts, so `lookup` and `fuzzy` find each). Pairs under `minConfidence` (0.9) are units that need review
 * (`state: 'initial'`, `subState: 'mizan:needs-review'`); the others get `state` (`'translated'`).
 *
 * @param alignment - the result of {@link alignDocuments}
 * @param options - document name, state, the confidence under which a pair needs review, the one under which it
 *   is dropped
 * @returns one unit per pair (at least `minScore`), in document order
 * @throws {@link OptionsError} when `alignment` lacks pairs or sentences, or `minScore` or `minConfidence` is not
 *   in 0..1
 * @example
 * ```ts
 * import { alignDocuments, toTranslationUnits, TranslationMemory } from 'mizan'
 * const alignment = alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en' })
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * await tm.addAll(toTranslationUnits(alignment, { document: 'news.txt' }))
 * // Pairs under 0.9 are there but need review: leave them out of a search.
 * await tm.fuzzy('انعقدت القمة', { includeNeedsReview: false })
 * ```
 * @group Alignment
 */
export function toTranslationUnits(alignment: DocumentAlignment, options: ToTranslationUnitsOptions = {}): NewTranslationUnit[] {
  if (alignment === null || typeof alignment !== 'object' || !Array.isArray(alignment.pairs) || !Array.isArray(alignment.sourceSentences)) {
    throw new OptionsError('alignment', alignment, 'the result of alignDocuments', 'INVALID_INPUT')
  }
  const minScore = options.minScore ?? 0
  if (!(typeof minScore === 'number' && minScore >= 0 && minScore <= 1)) throw new OptionsError('minScore', minScore, 'a number from 0 to 1')
  const minConfidence = options.minConfidence ?? defaultMinConfidence
  if (!(typeof minConfidence === 'number' && minConfidence >= 0 && minConfidence <= 1)) throw new OptionsError('minConfidence', minConfidence, 'a number from 0 to 1')
  const state = options.state ?? 'translated'
  const units: NewTranslationUnit[] = []
  for (const pair of alignment.pairs) {
    if (pair.score < minScore) continue
    const before = alignment.sourceSentences[pair.sourceSentences[0]! - 1]
    const after = alignment.sourceSentences[pair.sourceSentences[pair.sourceSentences.length - 1]! + 1]
    const context: { previous?: string; next?: string } = {}
    if (before) context.previous = before.text
    if (after) context.next = after.text
    const origin: NonNullable<NewTranslationUnit['origin']> = { sourceSentences: [...pair.sourceSentences], targetSentences: [...pair.targetSentences] }
    if (options.document !== undefined) origin.document = options.document
    const beadAlignment = { score: pair.score, shape: pair.shape }
    const unit: NewTranslationUnit =
      pair.score < minConfidence
        ? { source: pair.source, target: pair.target, state: 'initial', subState: needsReviewSubState, context, origin, alignment: beadAlignment }
        : { source: pair.source, target: pair.target, state, context, origin, alignment: beadAlignment }
    // A bead of several sentences keeps where each starts, so lookup and fuzzy can match each (issue #14).
    const parts = unitPartsOf(boundariesFrom(startsOf(alignment.sourceSentences, pair.sourceSentences)), boundariesFrom(startsOf(alignment.targetSentences, pair.targetSentences)))
    if (parts !== undefined) unit.parts = parts
    units.push(unit)
  }
  return units
}

/** The starts of the sentences at `indexes`, or `undefined` when one is missing (a hand-made alignment). */
function startsOf(sentences: readonly Sentence[] | undefined, indexes: readonly number[]): number[] | undefined {
  const starts: number[] = []
  for (const index of indexes) {
    const sentence = sentences?.[index]
    if (sentence === undefined) return undefined
    starts.push(sentence.start)
  }
  return starts
}
