/**
 * Shared public types: the data that flows from segmentation through alignment into the translation memory
 * and out to XLIFF and TMX. Plain data only; no behaviour lives here.
 *
 * @module
 */

/**
 * A BCP-47 language tag such as `'ar'`, `'en'`, `'ar-EG'` or `'en-GB'`.
 *
 * @example
 * ```ts
 * import { segmentSentences, type LanguageTag } from 'mizan'
 * const lang: LanguageTag = 'ar-EG' // Egyptian Arabic: segmented with the Arabic rules
 * segmentSentences('مرحبا. كيف حالك؟', lang).length // 2
 * ```
 * @group Memory
 */
export type LanguageTag = string

/**
 * One sentence found in a text: its text and where it stands in the input.
 * `text === input.slice(start, end)` always holds; surrounding white space and invisible bidi marks are outside.
 *
 * @example
 * ```ts
 * import { segmentSentences } from 'mizan'
 * segmentSentences('مرحبا. كيف حالك؟', 'ar')
 * // [{ text: 'مرحبا.', start: 0, end: 6 }, { text: 'كيف حالك؟', start: 7, end: 16 }]
 * ```
 * @group Segmentation
 */
export interface Sentence {
  /** The sentence as written in the input (never normalised). */
  text: string
  /** UTF-16 offset of the first character in the input. */
  start: number
  /** UTF-16 offset just past the last character in the input. */
  end: number
}

/**
 * The workflow state of a unit or segment, as in XLIFF 2 (`initial`, `translated`, `reviewed`, `final`).
 * XLIFF 1.2's finer states are kept in {@link TranslationUnit.subState}.
 *
 * @example
 * ```ts
 * import { TranslationMemory, type UnitState } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * const state: UnitState = 'reviewed'
 * await tm.add({ source: 'شكرا.', target: 'Thank you.', state })
 * ```
 * @group Memory
 */
export type UnitState = 'initial' | 'translated' | 'reviewed' | 'final'

/**
 * The finer state (`subState`) of a unit that needs review: with `state: 'initial'`, it marks a pair the aligner
 * was not confident about (confidence under `minConfidence` of `toTranslationUnits`), stored apart from the
 * translations until a person checks it. The value follows XLIFF 2's `subState` convention, `prefix:value`
 * (XLIFF 2.1 §4.3.1.42), with mizan's own prefix. Formats write it as XLIFF 2 `state="initial"
 * subState="mizan:needs-review"`, XLIFF 1.2 `state="needs-review-translation"` (not approved) and TMX props
 * `x-mizan-state`/`x-mizan-subState`; see docs/formats.md. Test a unit with `needsReview`.
 *
 * @example
 * ```ts
 * import { TranslationMemory, needsReviewSubState } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * await tm.add({ source: 'انعقدت القمة.', target: 'It rained.', state: 'initial', subState: needsReviewSubState })
 * ```
 * @group Memory
 */
export const needsReviewSubState = 'mizan:needs-review'

/**
 * An inline code inside segment text: a formatting tag, a placeholder, or an annotation marker.
 * Matching ignores codes; formats keep them losslessly.
 *
 * - `standalone`: a self-contained code (XLIFF 1.2 `x`/`ph`, XLIFF 2 `ph`, TMX `ph`).
 * - `open` / `close`: the two ends of a paired code (1.2 `g`/`bx`/`ex`/`bpt`/`ept`, 2.x `pc`/`sc`/`ec`, TMX `bpt`/`ept`);
 *   `isolated` marks an end whose partner is outside the segment (1.2 `it`, 2.x `sc`/`ec` with `isolated="yes"`, TMX `it`).
 * - `markStart` / `markEnd`: an annotation span (1.2/2.x `mrk`, TMX `hi`).
 *
 * @example
 * ```ts
 * import type { InlineCode } from 'mizan'
 * // The two ends of a bold tag, <b>…</b>, paired by their id.
 * const open: InlineCode = { kind: 'open', id: '1', data: '<b>' }
 * const close: InlineCode = { kind: 'close', id: '1', data: '</b>' }
 * ```
 * @group Memory
 */
export interface InlineCode {
  /** What role the code plays. */
  kind: 'standalone' | 'open' | 'close' | 'markStart' | 'markEnd'
  /** The code's id, unique within the segment (an open and its close share it). */
  id: string
  /** The element it was read from or should be written as, e.g. `'g'`, `'bpt'`, `'pc'`, `'mrk'`; formats choose when absent. */
  element?: string
  /** The original native data (e.g. `<b>`), when the format carries it (`originalData`, `bpt` content). */
  data?: string
  /** True for an end whose partner is outside this segment. */
  isolated?: boolean
  /** Any other attributes the format had (`ctype`, `equiv`, `disp`, `type`, `subType`, `canCopy`, `value`...), kept for round trips. */
  attributes?: Record<string, string>
}

/**
 * Segment content with inline codes: plain strings and codes in document order.
 * Joining the strings gives the plain text (`source` or `target`).
 *
 * @example
 * ```ts
 * import { TranslationMemory, type InlineContent } from 'mizan'
 * const sourceContent: InlineContent = ['اضغط ', { kind: 'open', id: '1', data: '<b>' }, 'حفظ', { kind: 'close', id: '1', data: '</b>' }, '.']
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * await tm.add({ source: 'اضغط حفظ.', sourceContent, target: 'Press Save.' }) // source is the strings joined
 * ```
 * @group Memory
 */
export type InlineContent = Array<string | InlineCode>

/**
 * A note on a unit, as XLIFF `<note>` and TMX `<note>` carry them.
 *
 * @example
 * ```ts
 * import type { UnitNote } from 'mizan'
 * const note: UnitNote = { text: 'Check the Hijri date.', from: 'reviewer', priority: 1, appliesTo: 'target' }
 * ```
 * @group Memory
 */
export interface UnitNote {
  /** The note's text. */
  text: string
  /** The note's id (XLIFF 2 `note/@id`, an NMTOKEN unique among the unit's notes), which `<mrk ref="#n=…">` comments point to. */
  id?: string
  /** Who wrote it (XLIFF 1.2 `from`). */
  from?: string
  /** A category (XLIFF 2 `category`). */
  category?: string
  /** Priority 1 (highest) to 10 (XLIFF 1.2 and 2.x `priority`). */
  priority?: number
  /** Whether it is about the source or the target text. */
  appliesTo?: 'source' | 'target'
}

/**
 * One segment of a multi-segment unit. The unit's `source` (and `target`) is the concatenation of its
 * segments' texts, ignorable ones included, so nothing is lost between them.
 *
 * @example
 * ```ts
 * import type { TranslationUnit } from 'mizan'
 * // One unit of two segments with the space between them kept as an ignorable segment.
 * const unit: TranslationUnit = {
 *   id: 'u7',
 *   source: 'مرحبا. كيف حالك؟',
 *   target: 'Hello. How are you?',
 *   segments: [
 *     { id: 's1', source: 'مرحبا.', target: 'Hello.' },
 *     { source: ' ', target: ' ', ignorable: true },
 *     { id: 's2', source: 'كيف حالك؟', target: 'How are you?' },
 *   ],
 * }
 * ```
 * @group Memory
 */
export interface UnitSegment {
  /** Segment id (XLIFF 2 `segment/@id`, XLIFF 1.2 `mrk/@mid`). */
  id?: string
  /** Source text of this segment. */
  source: string
  /** Target text of this segment ('' when untranslated). */
  target: string
  /** Inline content of the source, when it has codes. */
  sourceContent?: InlineContent
  /** Inline content of the target, when it has codes. */
  targetContent?: InlineContent
  /** This segment's state, when it differs from the unit's. */
  state?: UnitState
  /** A finer, format-specific state (XLIFF `subState`, or XLIFF 1.2 `state` values such as `needs-review-translation`). */
  subState?: string
  /** True for white space or markup between segments (XLIFF 2 `<ignorable>`). */
  ignorable?: boolean
}

/**
 * Where a unit came from: the document and the sentence indexes on each side.
 *
 * @example
 * ```ts
 * import { alignDocuments, toTranslationUnits } from 'mizan'
 * const [unit] = toTranslationUnits(alignDocuments(arabicText, englishText, { sourceLang: 'ar', targetLang: 'en' }), { document: 'speech.txt' })
 * unit.origin // { document: 'speech.txt', sourceSentences: [0], targetSentences: [0] }
 * ```
 * @group Memory
 */
export interface UnitOrigin {
  /** A document name or path. */
  document?: string
  /** Indexes of the source sentences in that document. */
  sourceSentences?: number[]
  /** Indexes of the target sentences in that document. */
  targetSentences?: number[]
}

/**
 * How the aligner paired a unit's sentences: the bead shape (`'1-1'`, `'1-2'`, `'2-1'`...) and its confidence.
 *
 * @example
 * ```ts
 * import { alignDocuments, toTranslationUnits } from 'mizan'
 * const units = toTranslationUnits(alignDocuments(arabicText, englishText, { sourceLang: 'ar', targetLang: 'en' }))
 * units.filter((unit) => unit.alignment !== undefined && unit.alignment.shape !== '1-1') // the 1-2, 2-1... pairs
 * ```
 * @group Memory
 */
export interface UnitAlignment {
  /** Confidence 0..1. */
  score: number
  /** `'<source count>-<target count>'`, e.g. `'1-2'`. */
  shape: string
}

/**
 * The sentence boundaries inside a unit made from a bead of several sentences (a 1-2, 2-1 or larger bead): for each
 * side, the UTF-16 offsets into `source` (or `target`) where each sentence after the first starts, ascending, each
 * above 0 and below the text's length. A side of one sentence has no entry. The aligner knows these boundaries
 * when it builds the unit; `lookup` and `fuzzy` use them to match a query against each sentence of the unit (a
 * part match), so a sentence that went into a 2-1 bead can still be found. Formats keep them as mizan extras
 * (XLIFF 2 `mda:meta` `parts-source`, XLIFF 1.2 `x-parts-source` context, TMX `x-mizan-parts-source` prop).
 *
 * @example
 * ```ts
 * import { TranslationMemory, type UnitParts } from 'mizan'
 * const source = 'انعقدت القمة في سمرقند. وحضرها 15 رئيسا.'
 * const parts: UnitParts = { source: [source.indexOf('وحضرها')] } // a 2-1 bead: two Arabic sentences, one English
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * await tm.add({ source, target: 'The summit in Samarkand was attended by 15 presidents.', parts })
 * const [match] = await tm.lookup('وحضرها 15 رئيسا.')
 * match?.part // { side: 'source', index: 1, count: 2, start: 24, end: 40 }
 * ```
 * @group Memory
 */
export interface UnitParts {
  /** Where each source sentence after the first starts, as offsets into `source`. */
  source?: number[]
  /** Where each target sentence after the first starts, as offsets into `target`. */
  target?: number[]
}

/**
 * The neighbours of a unit in its document, for context matches (ranked above plain exact matches).
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * await tm.add({ source: 'شكرا.', target: 'Thank you.', context: { previous: 'مرحبا.' } })
 * const [match] = await tm.lookup('شكرا.', { context: { previous: 'مرحبا.' } })
 * match.score // 1.01: a context match, ranked above a plain exact match
 * ```
 * @group Memory
 */
export interface UnitContext {
  /** The previous source sentence, when there is one. */
  previous?: string
  /** The next source sentence, when there is one. */
  next?: string
}

/**
 * A translation unit: one source text and its translation, plus everything XLIFF and TMX can say about it.
 * `source` and `target` are the text as written, never normalised.
 *
 * @example
 * ```ts
 * import type { TranslationUnit } from 'mizan'
 * const unit: TranslationUnit = {
 *   id: 'u1',
 *   source: 'أكد الرئيس الصيني.',
 *   target: 'The Chinese president affirmed.',
 *   state: 'translated',
 *   alignment: { score: 0.97, shape: '1-1' },
 * }
 * ```
 * @group Memory
 */
export interface TranslationUnit {
  /** Stable, unique id. */
  id: string
  /** Source text as written. */
  source: string
  /** Target text as written ('' when untranslated). */
  target: string
  /** Source with inline codes, when it has any; its strings joined equal `source`. */
  sourceContent?: InlineContent
  /** Target with inline codes, when it has any; its strings joined equal `target`. */
  targetContent?: InlineContent
  /** The unit's segments, when it has more than one; their texts joined equal `source` and `target`. */
  segments?: UnitSegment[]
  /** Workflow state. */
  state?: UnitState
  /**
   * A finer, format-specific state (see {@link UnitSegment.subState}); {@link needsReviewSubState} with
   * `state: 'initial'` marks a unit that needs review.
   */
  subState?: string
  /** Neighbouring source sentences. */
  context?: UnitContext
  /** Where the unit came from. */
  origin?: UnitOrigin
  /** How the aligner paired it. */
  alignment?: UnitAlignment
  /** The sentence boundaries inside a multi-sentence bead (see {@link UnitParts}), for part matches. */
  parts?: UnitParts
  /** Notes. */
  notes?: UnitNote[]
  /** Free key-value metadata (XLIFF 2 `mda:meta`, TMX `prop`). */
  metadata?: Record<string, string>
  /** When the unit was created, ISO 8601 (UTC). */
  createdAt?: string
  /** When the unit last changed, ISO 8601 (UTC). */
  changedAt?: string
}

/**
 * A unit to add to a memory: like {@link TranslationUnit}, but the id may be left for the memory to assign.
 *
 * @example
 * ```ts
 * import { TranslationMemory, type NewTranslationUnit } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * const unit: NewTranslationUnit = { source: 'شكرا.', target: 'Thank you.' }
 * ;(await tm.add(unit)).id // an id the memory made from the text, e.g. 'u-…'
 * ```
 * @group Memory
 */
export type NewTranslationUnit = Omit<TranslationUnit, 'id'> & { id?: string }

/**
 * Warnings from library code go to an optional logger; mizan never prints.
 *
 * @example
 * ```ts
 * import type { Logger } from 'mizan'
 * const warnings: string[] = []
 * const logger: Logger = (level, message, code) => { if (level === 'warn') warnings.push(`${code}: ${message}`) }
 * ```
 * @group Memory
 */
export type Logger = (level: 'debug' | 'info' | 'warn', message: string, code: string) => void
