/**
 * The alignment editor's model: plain data for one document pair under review (the sentences of both sides, the
 * beads that pair them, and what the reviewer said about each bead), and the check that it is well formed.
 *
 * Everything here is plain JSON-safe data, so the same model serves the server, the page and the tests; the
 * edits (edits.ts) and the history (history.ts) are pure functions over it.
 *
 * @module
 */
import type { Bead } from '../align/align-sentences.js'
import type { BlockKind } from '../documents/blocks.js'
import { ReviewError } from './review-error.js'

/**
 * What the reviewer said about a bead: `open` (not looked at, or changed since), `confirmed` (approved: its
 * sentences translate each other; a hard constraint when re-aligning) or `rejected` (wrong, stored as needing
 * review or dropped).
 *
 * @example
 * ```ts
 * import type { BeadState } from './model.js'
 * const state: BeadState = 'confirmed'
 * ```
 * @group Review
 */
export type BeadState = 'open' | 'confirmed' | 'rejected'

/**
 * One bead under review.
 *
 * @example
 * ```ts
 * import type { ReviewBead } from './model.js'
 * const bead: ReviewBead = { source: [0], target: [0, 1], state: 'open', score: 0.97 }
 * ```
 * @group Review
 */
export interface ReviewBead {
  /** Source sentence indexes, consecutive and ascending (empty when the target has no counterpart). */
  source: number[]
  /** Target sentence indexes, consecutive and ascending (empty when the source has no counterpart). */
  target: number[]
  /** What the reviewer said. */
  state: BeadState
  /** The aligner's confidence (see {@link Bead.score}); `null` for a bead the reviewer made or changed. */
  score: number | null
}

/**
 * A document pair under review.
 *
 * @example
 * ```ts
 * import type { ReviewDocument } from './model.js'
 * const document: ReviewDocument = {
 *   formatVersion: 1,
 *   source: ['مرحبا.'],
 *   target: ['Hello.'],
 *   beads: [{ source: [0], target: [0], state: 'open', score: 0.95 }],
 * }
 * ```
 * @group Review
 */
export interface ReviewDocument {
  /** The version of this data format; 1. */
  formatVersion: 1
  /** Source sentences, as written. */
  source: string[]
  /** Target sentences, as written. */
  target: string[]
  /** Beads in document order: monotone, covering every sentence of both sides exactly once. */
  beads: ReviewBead[]
  /**
   * Per sentence of each side, whether it starts a paragraph: strong hints for re-alignment (see
   * `AlignOptions.sourceParagraphs`). Splitting and joining sentences keep them in step. Absent: no hints.
   */
  paragraphs?: { source: boolean[]; target: boolean[] }
  /**
   * The structure of each side read from a document (.docx, .odt, .html, .md, .pdf): its blocks and inline codes
   * over the side's text, which the page shows (headings, table cells, list items, footnotes, code markers).
   * It points into the text as read, not into the sentences, so splitting and joining sentences leave it alone:
   * the page finds each sentence in the text again. Absent for plain text.
   */
  structure?: { source?: DocumentStructure; target?: DocumentStructure }
}

/**
 * One block of a {@link DocumentStructure}: where it is in the text and what it is.
 *
 * @example
 * ```ts
 * import type { StructureBlock } from './model.js'
 * const cell: StructureBlock = { start: 120, end: 134, kind: 'tableCell', row: 2, column: 1 }
 * ```
 * @group Review
 */
export interface StructureBlock {
  /** Offset of the block's first character in the text. */
  start: number
  /** Offset after its last character. */
  end: number
  /** What the block is. */
  kind: BlockKind
  /** Heading level or list nesting level (1 = top), when known. */
  level?: number
  /** A table cell's row (1 = first), when known. */
  row?: number
  /** A table cell's column (1 = first), when known. */
  column?: number
}

/**
 * One inline code of a {@link DocumentStructure}, at an offset of the text.
 *
 * @example
 * ```ts
 * import type { StructureCode } from './model.js'
 * const bold: StructureCode = { at: 14, kind: 'open', id: '3:1', data: '<b>' }
 * ```
 * @group Review
 */
export interface StructureCode {
  /** The offset in the text the code stands before. */
  at: number
  /** An open, its close (same id), or a standalone code. */
  kind: 'open' | 'close' | 'standalone'
  /** Unique on its side; an open and its close share it. */
  id: string
  /** The native data (`<b>`, `<a href="…">`, `<footnote/>`, `<br/>`, `<img/>`...). */
  data: string
}

/**
 * A side's structure: the text as read (the blocks' texts joined by a blank line, as `alignFiles` joins them),
 * its blocks and its inline codes, in document order.
 *
 * @example
 * ```ts
 * import type { DocumentStructure } from './model.js'
 * const structure: DocumentStructure = {
 *   text: 'Summit report\n\nThe summit opened on Friday.',
 *   blocks: [{ start: 0, end: 13, kind: 'heading', level: 1 }, { start: 15, end: 43, kind: 'paragraph' }],
 *   codes: [{ at: 36, kind: 'open', id: '1:1', data: '<b>' }, { at: 42, kind: 'close', id: '1:1', data: '</b>' }],
 * }
 * ```
 * @group Review
 */
export interface DocumentStructure {
  /** The side's text. */
  text: string
  /** Its blocks, in order, not overlapping. */
  blocks: StructureBlock[]
  /** Its inline codes, in order of offset. */
  codes: StructureCode[]
}

/**
 * Options of {@link createReviewDocument}.
 *
 * @example
 * ```ts
 * import type { CreateReviewOptions } from './model.js'
 * const options: CreateReviewOptions = { sourceParagraphs: [3, 7], targetParagraphs: [4, 9] }
 * ```
 * @group Review
 */
export interface CreateReviewOptions {
  /**
   * Indexes of the source sentences that start a paragraph (as `AlignOptions.sourceParagraphs`).
   * @defaultValue `undefined` (no paragraph hints)
   */
  sourceParagraphs?: readonly number[]
  /**
   * Indexes of the target sentences that start a paragraph.
   * @defaultValue `undefined`
   */
  targetParagraphs?: readonly number[]
  /**
   * The structure of sides read from documents (see {@link ReviewDocument.structure}).
   * @defaultValue `undefined` (plain sentences)
   */
  structure?: { source?: DocumentStructure; target?: DocumentStructure }
}

/** Which side of the document a sentence is on. @group Review */
export type Side = 'source' | 'target'

/**
 * Starts a review of an alignment: every bead open, with the aligner's score.
 *
 * @param source - the source sentences (texts)
 * @param target - the target sentences (texts)
 * @param beads - the aligner's beads (from `alignSentences` or `alignDocuments`)
 * @param options - paragraph starts of each side, kept as hints for re-alignment
 * @returns a document in which every bead is open
 * @throws {@link ReviewError} (`INVALID_INPUT`) when the beads do not cover the sentences monotonically
 * @example
 * ```ts
 * import { alignSentences } from '../align/align-sentences.js'
 * import { createReviewDocument } from './model.js'
 * const source = ['مرحبا.'], target = ['Hello.']
 * const document = createReviewDocument(source, target, alignSentences(source, target).beads)
 * document.beads[0]!.state // 'open'
 * ```
 * @group Review
 */
export function createReviewDocument(source: readonly string[], target: readonly string[], beads: readonly Pick<Bead, 'source' | 'target' | 'score'>[], options: CreateReviewOptions = {}): ReviewDocument {
  const document: ReviewDocument = {
    formatVersion: 1,
    source: [...source],
    target: [...target],
    beads: beads.map((bead) => ({ source: [...bead.source], target: [...bead.target], state: 'open', score: bead.score })),
  }
  if (options.sourceParagraphs !== undefined || options.targetParagraphs !== undefined) {
    const flags = (count: number, starts: readonly number[] = []): boolean[] => {
      const flag = new Array<boolean>(count).fill(false)
      for (const start of starts) {
        if (!Number.isInteger(start) || start < 0 || start >= count) throw new ReviewError('INVALID_INPUT', `paragraph start ${String(start)} is not a sentence index (0 to ${count - 1})`)
        flag[start] = true
      }
      return flag
    }
    document.paragraphs = { source: flags(source.length, options.sourceParagraphs), target: flags(target.length, options.targetParagraphs) }
  }
  if (options.structure !== undefined) document.structure = options.structure
  checkReviewDocument(document)
  return document
}

/**
 * Checks a document's invariants: beads in order, each with at least one sentence, consecutive ascending indexes,
 * together covering every sentence of both sides exactly once; a known state; texts are strings.
 *
 * @param document - the document to check
 * @throws {@link ReviewError} (`INVALID_INPUT`) naming the first bead that breaks an invariant
 * @example
 * ```ts
 * import { checkReviewDocument } from './model.js'
 * checkReviewDocument({ formatVersion: 1, source: ['a'], target: [], beads: [{ source: [0], target: [], state: 'open', score: 0 }] })
 * ```
 * @group Review
 */
export function checkReviewDocument(document: ReviewDocument): void {
  if (document === null || typeof document !== 'object') throw new ReviewError('INVALID_INPUT', 'a review document must be an object')
  if (document.formatVersion !== 1) throw new ReviewError('INVALID_INPUT', `review document formatVersion ${String(document.formatVersion)} is not known; expected 1`)
  for (const side of ['source', 'target'] as const) {
    if (!Array.isArray(document[side]) || document[side].some((text) => typeof text !== 'string')) throw new ReviewError('INVALID_INPUT', `review document ${side} must be an array of sentence strings`)
  }
  if (!Array.isArray(document.beads)) throw new ReviewError('INVALID_INPUT', 'review document beads must be an array')
  const next = { source: 0, target: 0 }
  document.beads.forEach((bead, index) => {
    if (bead === null || typeof bead !== 'object') throw new ReviewError('INVALID_INPUT', `bead ${index} must be an object`)
    if (bead.state !== 'open' && bead.state !== 'confirmed' && bead.state !== 'rejected') throw new ReviewError('INVALID_INPUT', `bead ${index} has state ${JSON.stringify(bead.state)}; expected open, confirmed or rejected`)
    if (bead.score !== null && !(typeof bead.score === 'number' && bead.score >= 0 && bead.score <= 1)) throw new ReviewError('INVALID_INPUT', `bead ${index} has score ${String(bead.score)}; expected null or a number from 0 to 1`)
    for (const side of ['source', 'target'] as const) {
      const indexes = bead[side]
      if (!Array.isArray(indexes)) throw new ReviewError('INVALID_INPUT', `bead ${index} ${side} must be an array of sentence indexes`)
      for (const sentence of indexes) {
        if (sentence !== next[side]) throw new ReviewError('INVALID_INPUT', `bead ${index} has ${side} sentence ${String(sentence)} where sentence ${next[side]} was expected (beads must be monotone and cover every sentence once)`)
        next[side]++
      }
    }
    if (bead.source.length === 0 && bead.target.length === 0) throw new ReviewError('INVALID_INPUT', `bead ${index} has no sentence on either side`)
  })
  if (document.paragraphs !== undefined) {
    for (const side of ['source', 'target'] as const) {
      const flags = document.paragraphs[side]
      if (!Array.isArray(flags) || flags.length !== document[side].length || flags.some((flag) => typeof flag !== 'boolean')) {
        throw new ReviewError('INVALID_INPUT', `review document paragraphs.${side} must hold one boolean per ${side} sentence (${document[side].length})`)
      }
    }
  }
  if (document.structure !== undefined) {
    for (const side of ['source', 'target'] as const) {
      const structure = document.structure[side]
      if (structure === undefined) continue
      const length = typeof structure?.text === 'string' ? structure.text.length : -1
      const inside = (offset: unknown) => typeof offset === 'number' && offset >= 0 && offset <= length
      if (length < 0 || !Array.isArray(structure.blocks) || !Array.isArray(structure.codes) || !structure.blocks.every((block) => inside(block?.start) && inside(block?.end)) || !structure.codes.every((code) => inside(code?.at))) {
        throw new ReviewError('INVALID_INPUT', `review document structure.${side} must hold a text, and blocks and codes at offsets inside it`)
      }
    }
  }
  for (const side of ['source', 'target'] as const) {
    if (next[side] !== document[side].length) throw new ReviewError('INVALID_INPUT', `the beads cover ${next[side]} of ${document[side].length} ${side} sentences; every sentence must be in one bead`)
  }
}

/**
 * Whether a bead pairs nothing: a sentence with no counterpart (one side empty).
 *
 * @param bead - a bead
 * @returns true for a 1-0 or 0-1 (n-0, 0-n) bead
 * @example
 * ```ts
 * import { isOmission } from './model.js'
 * isOmission({ source: [3], target: [], state: 'open', score: 0 }) // true
 * ```
 * @group Review
 */
export function isOmission(bead: Pick<ReviewBead, 'source' | 'target'>): boolean {
  return bead.source.length === 0 || bead.target.length === 0
}

/**
 * A bead's sentences as one string, for finding the same bead in another alignment (states carried over to
 * re-aligned beads, confirmed beads found again).
 *
 * @param bead - the bead's source and target sentence indexes
 * @returns the key, e.g. `'3,4|5'`
 * @example
 * ```ts
 * import { beadKey } from './model.js'
 * beadKey({ source: [3, 4], target: [5] }) // '3,4|5'
 * ```
 * @internal
 */
export function beadKey(bead: { source: readonly number[]; target: readonly number[] }): string {
  return `${bead.source.join(',')}|${bead.target.join(',')}`
}

/**
 * The confidence under which a bead is shown as doubtful (the aligner's verdict counts beads under 0.5 so).
 *
 * @internal
 */
export const doubtfulBelow = 0.5

/**
 * Whether the page should point the reviewer at a bead: an open or rejected omission, an open bead scored under
 * {@link doubtfulBelow}, or one the reviewer changed but did not confirm.
 *
 * @param bead - a bead
 * @returns true when the bead needs a look
 * @example
 * ```ts
 * import { isDoubtful } from './model.js'
 * isDoubtful({ source: [0], target: [0], state: 'open', score: 0.3 }) // true
 * isDoubtful({ source: [0], target: [0], state: 'confirmed', score: 0.3 }) // false
 * ```
 * @group Review
 */
export function isDoubtful(bead: ReviewBead): boolean {
  if (bead.state === 'confirmed') return false
  return isOmission(bead) || bead.score === null || bead.score < doubtfulBelow
}
