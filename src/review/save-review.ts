/**
 * Saving a review into a translation memory: beads become units (confirmed ones as translations a person
 * approved, rejected ones as needing review or not at all, open ones as the aligner would store them), written
 * through the memory's own storage. Saving again replaces what the last save wrote for the same document.
 *
 * @module
 */
import { defaultMinConfidence } from '../align/align-documents.js'
import { OptionsError } from '../errors.js'
import type { TranslationMemory } from '../tm/translation-memory.js'
import { needsReviewSubState, type NewTranslationUnit } from '../types.js'
import { isOmission, type ReviewDocument } from './model.js'
import { joinedBoundaries, unitPartsOf, validBoundaries } from '../tm/unit-parts.js'

/**
 * Options of {@link toReviewUnits} and {@link ReviewWriter}.
 *
 * @example
 * ```ts
 * import type { ReviewUnitsOptions } from './save-review.js'
 * const options: ReviewUnitsOptions = { document: 'news-ar.txt', approvedState: 'translated', rejected: 'drop' }
 * ```
 * @group Review
 */
export interface ReviewUnitsOptions {
  /**
   * The document name recorded in each unit's `origin`; a {@link ReviewWriter} replaces the units of this name.
   * @defaultValue `undefined`
   */
  document?: string
  /**
   * The state of a confirmed bead's unit.
   * @defaultValue `'reviewed'`
   */
  approvedState?: 'translated' | 'reviewed'
  /**
   * What becomes of a rejected bead: a unit that needs review (`state: 'initial'`, `subState:
   * 'mizan:needs-review'`), or nothing.
   * @defaultValue `'needs-review'`
   */
  rejected?: 'needs-review' | 'drop'
  /**
   * An open bead scored under this (or changed by the reviewer and not confirmed) is stored as needing review.
   * @defaultValue `0.9` (as `toTranslationUnits`)
   */
  minConfidence?: number
}

/**
 * Defaults of {@link ReviewUnitsOptions}.
 *
 * @example
 * ```ts
 * import { reviewUnitsDefaults } from './save-review.js'
 * reviewUnitsDefaults.approvedState // 'reviewed'
 * ```
 * @group Review
 */
export const reviewUnitsDefaults = { approvedState: 'reviewed', rejected: 'needs-review', minConfidence: defaultMinConfidence } as const

function resolve(options: ReviewUnitsOptions): Required<Omit<ReviewUnitsOptions, 'document'>> & Pick<ReviewUnitsOptions, 'document'> {
  const approvedState = options.approvedState ?? reviewUnitsDefaults.approvedState
  if (approvedState !== 'translated' && approvedState !== 'reviewed') throw new OptionsError('approvedState', approvedState, '"translated" or "reviewed"')
  const rejected = options.rejected ?? reviewUnitsDefaults.rejected
  if (rejected !== 'needs-review' && rejected !== 'drop') throw new OptionsError('rejected', rejected, '"needs-review" or "drop"')
  const minConfidence = options.minConfidence ?? reviewUnitsDefaults.minConfidence
  if (!(typeof minConfidence === 'number' && minConfidence >= 0 && minConfidence <= 1)) throw new OptionsError('minConfidence', minConfidence, 'a number from 0 to 1')
  if (options.document !== undefined && typeof options.document !== 'string') throw new OptionsError('document', options.document, 'a document name')
  return { approvedState, rejected, minConfidence, ...(options.document !== undefined ? { document: options.document } : {}) }
}

/**
 * The units a review stands for, in document order: one per bead with sentences on both sides (omissions pair
 * nothing), less the rejected ones when `rejected` is `'drop'`. A unit's text is its sentences joined by a space;
 * it carries `origin` (document, sentence indexes), `context` (the neighbouring source sentences) and
 * `alignment` (score 1 for a confirmed bead, the aligner's score otherwise, 0 when the reviewer changed it).
 *
 * @param document - the review document
 * @param options - document name, the states to store
 * @returns the units
 * @throws {@link mizan!OptionsError} for an unknown option value
 * @example
 * ```ts
 * import { toReviewUnits } from './save-review.js'
 * const units = toReviewUnits(document, { document: 'news.txt' })
 * units.filter((unit) => unit.state === 'reviewed') // the confirmed beads
 * ```
 * @group Review
 */
export function toReviewUnits(document: ReviewDocument, options: ReviewUnitsOptions = {}): NewTranslationUnit[] {
  const { approvedState, rejected, minConfidence, document: name } = resolve(options)
  const units: NewTranslationUnit[] = []
  for (const bead of document.beads) {
    if (isOmission(bead) || (bead.state === 'rejected' && rejected === 'drop')) continue
    const first = bead.source[0]!
    const last = bead.source[bead.source.length - 1]!
    const context: { previous?: string; next?: string } = {}
    if (first > 0) context.previous = document.source[first - 1]!
    if (last + 1 < document.source.length) context.next = document.source[last + 1]!
    const origin: NonNullable<NewTranslationUnit['origin']> = { sourceSentences: [...bead.source], targetSentences: [...bead.target] }
    if (name !== undefined) origin.document = name
    const score = bead.state === 'confirmed' ? 1 : (bead.score ?? 0)
    const sourceSentences = bead.source.map((i) => document.source[i]!)
    const targetSentences = bead.target.map((j) => document.target[j]!)
    const unit: NewTranslationUnit = {
      source: sourceSentences.join(' '),
      target: targetSentences.join(' '),
      context,
      origin,
      alignment: { score, shape: `${bead.source.length}-${bead.target.length}` },
    }
    // Where each sentence of a multi-sentence bead starts, for part matches (issue #14).
    const parts = unitPartsOf(partsOfJoined(sourceSentences, unit.source), partsOfJoined(targetSentences, unit.target))
    if (parts !== undefined) unit.parts = parts
    if (bead.state === 'confirmed') unit.state = approvedState
    else if (bead.state === 'open' && bead.score !== null && bead.score >= minConfidence) unit.state = 'translated'
    else Object.assign(unit, { state: 'initial', subState: needsReviewSubState })
    units.push(unit)
  }
  return units
}

/** The boundaries of sentences joined by one space into `joined`, when there are several and each is valid (none blank). */
function partsOfJoined(sentences: readonly string[], joined: string): number[] | undefined {
  if (sentences.length < 2) return undefined
  const boundaries = joinedBoundaries(sentences, ' ')
  return validBoundaries(boundaries, joined.length) ? boundaries : undefined
}

/** What a unit says, for telling whether a save must write it again (ids and dates aside). */
function fingerprint(unit: NewTranslationUnit): string {
  return JSON.stringify([unit.source, unit.target, unit.state ?? '', unit.subState ?? '', unit.origin?.sourceSentences, unit.origin?.targetSentences, unit.context?.previous ?? '', unit.context?.next ?? '', unit.alignment?.shape ?? '', unit.alignment?.score ?? ''])
}

/**
 * The memory a {@link ReviewWriter} writes to: a translation memory, and how to make its changes durable (an
 * XLIFF file memory saves atomically with `tm.save()`; a database memory has written already).
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * const tm = await TranslationMemory.open('tm.xlf')
 * const target: ReviewMemory = { tm, save: async () => { await tm.save() } }
 * ```
 * @group Review
 */
export interface ReviewMemory {
  /** The memory. */
  tm: TranslationMemory
  /** Makes the changes durable. */
  save(): Promise<void>
}

/**
 * Writes a review into a memory, again and again as the review goes on: each {@link ReviewWriter.write} makes the
 * memory hold exactly the units of the document as it stands (adding new and changed units, deleting the ones the
 * last write made that are gone), then saves. Writes are queued, never interleaved. Units of the same document
 * name already in the memory (from an earlier session) count as written, so they are replaced too.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * import { ReviewWriter } from './save-review.js'
 * const tm = await TranslationMemory.open('tm.xlf')
 * const writer = await ReviewWriter.open({ tm, save: async () => { await tm.save() } }, { document: 'news.txt' })
 * await writer.write(session.document)
 * ```
 * @group Review
 */
export class ReviewWriter {
  /** Fingerprint of each unit the memory holds for this document → its id. */
  private written = new Map<string, string>()
  private queue: Promise<unknown> = Promise.resolve()
  /** Number of completed writes. */
  writes = 0

  private constructor(
    private readonly memory: ReviewMemory,
    private readonly options: ReviewUnitsOptions,
  ) {
    resolve(options)
  }

  /**
   * Opens a writer, reading which units of `options.document` the memory holds already.
   *
   * @param memory - the memory and how to save it
   * @param options - document name and states (see {@link ReviewUnitsOptions})
   * @returns the writer
   * @throws {@link mizan!OptionsError} for an unknown option value; {@link mizan!StorageError} when the memory cannot be read
   * @example
   * ```ts
   * const writer = await ReviewWriter.open({ tm, save: async () => { await tm.save() } }, { document: 'news.txt' })
   * ```
   */
  static async open(memory: ReviewMemory, options: ReviewUnitsOptions = {}): Promise<ReviewWriter> {
    const writer = new ReviewWriter(memory, options)
    if (options.document !== undefined) {
      for await (const unit of memory.tm.units()) {
        if (unit.origin?.document === options.document) writer.written.set(fingerprint(unit), unit.id)
      }
    }
    return writer
  }

  /**
   * Writes the document's units and saves the memory (after any write still under way).
   *
   * @param document - the review document as it stands
   * @returns how many units were added (or changed) and how many deleted
   * @throws {@link mizan!StorageError} when the memory cannot be written (the next write tries again)
   * @example
   * ```ts
   * const { added, deleted } = await writer.write(session.document)
   * ```
   */
  write(document: ReviewDocument): Promise<{ added: number; deleted: number }> {
    const run = this.queue.then(() => this.writeNow(document))
    this.queue = run.catch(() => undefined)
    return run
  }

  private async writeNow(document: ReviewDocument): Promise<{ added: number; deleted: number }> {
    const units = toReviewUnits(document, this.options)
    const next = new Map<string, string>()
    const fresh: Array<{ key: string; unit: NewTranslationUnit }> = []
    for (const unit of units) {
      const key = fingerprint(unit)
      const id = this.written.get(key)
      if (id !== undefined) next.set(key, id)
      else fresh.push({ key, unit })
    }
    const kept = new Set(next.values())
    const gone = [...new Set(this.written.values())].filter((id) => !kept.has(id))
    // One change, one transaction: a merge deletes two units and adds one, and a failure (or a kill) in the middle
    // must leave the memory as it was before the save, not with the merged unit beside one of the two.
    const { added } = await this.memory.tm.change({ delete: gone, add: fresh.map((one) => one.unit) })
    fresh.forEach((one, index) => next.set(one.key, added[index]!.id))
    // An added unit can take the id of a deleted one (the same pair of texts): that one was replaced, not deleted.
    const reused = new Set(added.map((unit) => unit.id))
    this.written = next
    await this.memory.save()
    this.writes++
    return { added: fresh.length, deleted: gone.filter((id) => !reused.has(id)).length }
  }
}
