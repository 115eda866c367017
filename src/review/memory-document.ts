/**
 * Rebuilds a review document from a memory's units (`mizan review tm.xlf`): the units an alignment stored carry
 * their document's name and the indexes of their sentences (`origin`), so the beads of one document can be
 * reviewed again without the texts.
 *
 * What the memory does not hold is not invented: sentences no unit holds (omissions, or pairs dropped on purpose)
 * are left out, so the sentences are numbered again from 0; a unit of several sentences is cut back into them
 * with the segmenter when it finds as many, and otherwise stays one sentence.
 *
 * @module
 */
import { segmentSentences } from '../segment/index.js'
import type { TranslationUnit } from '../types.js'
import { createReviewDocument, type ReviewDocument } from './model.js'
import { ReviewError } from './review-error.js'

/**
 * The names of the documents whose aligned units a memory holds (units with `origin.document` and sentence
 * indexes on both sides), sorted.
 *
 * @param units - the memory's units
 * @returns the document names
 * @example
 * ```ts
 * import { alignedDocuments } from './memory-document.js'
 * alignedDocuments(units) // ['news-ar.txt', 'report-ar.txt']
 * ```
 * @internal
 */
export function alignedDocuments(units: Iterable<TranslationUnit>): string[] {
  const names = new Set<string>()
  for (const unit of units) if (isAligned(unit)) names.add(unit.origin!.document!)
  return [...names].sort()
}

function isAligned(unit: TranslationUnit): boolean {
  const origin = unit.origin
  return origin?.document !== undefined && (origin.sourceSentences?.length ?? 0) > 0 && (origin.targetSentences?.length ?? 0) > 0
}

/**
 * Rebuilds the review document of one aligned document from a memory's units: one bead per unit, in the order of
 * their sentences; units stored as `reviewed` come back confirmed, the others open with their alignment score.
 *
 * @param units - the memory's units (others are ignored)
 * @param document - the document's name (`origin.document`)
 * @param languages - the memory's languages, for cutting multi-sentence units back into sentences
 * @returns the review document
 * @throws {@link ReviewError} (`INVALID_INPUT`) when no unit is of that document, or two units claim one sentence
 * @example
 * ```ts
 * import { reviewDocumentFromUnits } from './memory-document.js'
 * const units = []
 * for await (const unit of tm.units()) units.push(unit)
 * const document = reviewDocumentFromUnits(units, 'ar.txt', { sourceLang: 'ar', targetLang: 'en' })
 * ```
 * @group Review
 */
export function reviewDocumentFromUnits(units: Iterable<TranslationUnit>, document: string, languages: { sourceLang: string; targetLang: string }): ReviewDocument {
  const mine = [...units].filter((unit) => isAligned(unit) && unit.origin!.document === document)
  if (mine.length === 0) throw new ReviewError('INVALID_INPUT', `the memory holds no aligned units of ${JSON.stringify(document)}`)
  mine.sort((a, b) => a.origin!.sourceSentences![0]! - b.origin!.sourceSentences![0]! || a.origin!.targetSentences![0]! - b.origin!.targetSentences![0]!)
  const sentences = { source: [] as string[], target: [] as string[] }
  const beads: Array<{ source: number[]; target: number[]; score: number }> = []
  const states: Array<'confirmed' | 'open'> = []
  const last = { source: -1, target: -1 }
  for (const unit of mine) {
    const bead = { source: [] as number[], target: [] as number[], score: unit.alignment?.score ?? 0 }
    for (const side of ['source', 'target'] as const) {
      const indexes = side === 'source' ? unit.origin!.sourceSentences! : unit.origin!.targetSentences!
      if (indexes[0]! <= last[side]) {
        throw new ReviewError('INVALID_INPUT', `unit ${unit.id} of ${document} holds ${side} sentence ${indexes[0]!}, which an earlier unit holds too (or the units cross); the memory holds two alignments of it`)
      }
      last[side] = indexes[indexes.length - 1]!
      const text = side === 'source' ? unit.source : unit.target
      const cut = indexes.length > 1 ? segmentSentences(text, side === 'source' ? languages.sourceLang : languages.targetLang).map((s) => s.text) : [text]
      for (const sentence of cut.length === indexes.length ? cut : [text]) {
        bead[side].push(sentences[side].length)
        sentences[side].push(sentence)
      }
    }
    beads.push(bead)
    states.push(unit.state === 'reviewed' ? 'confirmed' : 'open')
  }
  const rebuilt = createReviewDocument(sentences.source, sentences.target, beads)
  rebuilt.beads.forEach((bead, index) => (bead.state = states[index]!))
  return rebuilt
}
