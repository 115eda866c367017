/**
 * The edits of the alignment editor, as pure functions from a document to the {@link Patch} that makes the
 * change. Each one keeps the beads monotone and covering every sentence once, or refuses with a
 * {@link ReviewError} saying why; none changes the document it is given.
 *
 * A bead the reviewer changes becomes `open` with no score (the aligner's confidence was about the old bead).
 *
 * @module
 */
import { type BeadState, type ReviewBead, type ReviewDocument, type Side } from './model.js'
import type { Patch } from './patch.js'
import { ReviewError } from './review-error.js'

function other(side: Side): Side {
  return side === 'source' ? 'target' : 'source'
}

function edited(source: number[], target: number[]): ReviewBead {
  return { source, target, state: 'open', score: null }
}

/** The bead at `index`, or a refusal naming the index and the count. */
function beadAt(document: ReviewDocument, index: number, what = 'bead'): ReviewBead {
  if (!Number.isInteger(index) || index < 0 || index >= document.beads.length) {
    throw new ReviewError('INVALID_INPUT', `${what} ${String(index)} does not exist (the document has ${document.beads.length} beads)`)
  }
  return document.beads[index]!
}

function checkSentence(document: ReviewDocument, side: Side, sentence: number): void {
  if (side !== 'source' && side !== 'target') throw new ReviewError('INVALID_INPUT', `side must be "source" or "target", got ${JSON.stringify(side)}`)
  if (!Number.isInteger(sentence) || sentence < 0 || sentence >= document[side].length) {
    throw new ReviewError('INVALID_INPUT', `${side} sentence ${String(sentence)} does not exist (the ${side} has ${document[side].length} sentences)`)
  }
}

/**
 * The index of the bead holding a sentence. Binary search over the beads with sentences on that side: beads are
 * monotone, so the first sentence of each such bead ascends.
 *
 * @internal
 */
export function beadOfSentence(document: ReviewDocument, side: Side, sentence: number): number {
  checkSentence(document, side, sentence)
  const beads = document.beads
  let low = 0
  let high = beads.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    // Step to a bead with sentences on this side (beads with an empty side sit between them).
    let probe = middle
    while (probe <= high && beads[probe]![side].length === 0) probe++
    if (probe > high) {
      high = middle - 1
      continue
    }
    const indexes = beads[probe]![side]
    if (sentence < indexes[0]!) high = middle - 1
    else if (sentence > indexes[indexes.length - 1]!) low = probe + 1
    else return probe
  }
  throw new ReviewError('INVALID_INPUT', `${side} sentence ${sentence} is in no bead; this is a bug`)
}

/**
 * Merges bead `bead` with the next one (or the previous one).
 *
 * @param document - the document
 * @param bead - the bead's index
 * @param direction - `'next'` (default) or `'previous'`
 * @returns the patch
 * @throws {@link ReviewError} when the bead or its neighbour does not exist
 * @example
 * ```ts
 * import { mergeBeads } from './edits.js'
 * const patch = mergeBeads(document, 4, 'previous') // beads 3 and 4 become one
 * ```
 * @group Review
 */
export function mergeBeads(document: ReviewDocument, bead: number, direction: 'next' | 'previous' = 'next'): Patch {
  beadAt(document, bead)
  const first = direction === 'previous' ? bead - 1 : bead
  if (direction !== 'next' && direction !== 'previous') throw new ReviewError('INVALID_INPUT', `direction must be "next" or "previous", got ${JSON.stringify(direction)}`)
  if (first < 0 || first + 1 >= document.beads.length) throw new ReviewError('INVALID_INPUT', `bead ${bead} has no ${direction} bead to merge with`)
  const a = document.beads[first]!
  const b = document.beads[first + 1]!
  return { beadStart: first, beadRemove: 2, beadInsert: [edited([...a.source, ...b.source], [...a.target, ...b.target])] }
}

/**
 * Splits a bead in two: the first keeps its first `sourceAt` source and `targetAt` target sentences, the second
 * the rest. Each part must keep at least one sentence.
 *
 * @param document - the document
 * @param bead - the bead's index
 * @param sourceAt - how many source sentences stay in the first part (0 to all)
 * @param targetAt - how many target sentences stay in the first part
 * @returns the patch
 * @throws {@link ReviewError} when a break is out of range or a part would be empty
 * @example
 * ```ts
 * import { splitBead } from './edits.js'
 * // A 2-2 bead [3, 4] ↔ [3, 4] becomes [3] ↔ [3] and [4] ↔ [4]:
 * const patch = splitBead(document, 3, 1, 1)
 * ```
 * @group Review
 */
export function splitBead(document: ReviewDocument, bead: number, sourceAt: number, targetAt: number): Patch {
  const { source, target } = beadAt(document, bead)
  if (!Number.isInteger(sourceAt) || sourceAt < 0 || sourceAt > source.length) throw new ReviewError('INVALID_INPUT', `bead ${bead} cannot break its source after ${String(sourceAt)} sentences; it has ${source.length}`)
  if (!Number.isInteger(targetAt) || targetAt < 0 || targetAt > target.length) throw new ReviewError('INVALID_INPUT', `bead ${bead} cannot break its target after ${String(targetAt)} sentences; it has ${target.length}`)
  const first = edited(source.slice(0, sourceAt), target.slice(0, targetAt))
  const second = edited(source.slice(sourceAt), target.slice(targetAt))
  if (first.source.length + first.target.length === 0 || second.source.length + second.target.length === 0) {
    throw new ReviewError('INVALID_INPUT', `splitting bead ${bead} after ${sourceAt} source and ${targetAt} target sentences leaves a part with no sentence`)
  }
  return { beadStart: bead, beadRemove: 1, beadInsert: [first, second] }
}

/**
 * Moves a bead's first sentence on one side to the previous bead (`'previous'`), or its last one to the next bead
 * (`'next'`). A bead left with no sentence disappears.
 *
 * @param document - the document
 * @param bead - the bead's index
 * @param side - `'source'` or `'target'`
 * @param to - `'previous'` or `'next'`
 * @returns the patch
 * @throws {@link ReviewError} when the bead has no sentence on that side or no neighbour that way
 * @example
 * ```ts
 * import { moveSentence } from './edits.js'
 * const patch = moveSentence(document, 5, 'target', 'next') // bead 5's last English sentence joins bead 6
 * ```
 * @group Review
 */
export function moveSentence(document: ReviewDocument, bead: number, side: Side, to: 'previous' | 'next'): Patch {
  const from = beadAt(document, bead)
  if (side !== 'source' && side !== 'target') throw new ReviewError('INVALID_INPUT', `side must be "source" or "target", got ${JSON.stringify(side)}`)
  if (to !== 'previous' && to !== 'next') throw new ReviewError('INVALID_INPUT', `to must be "previous" or "next", got ${JSON.stringify(to)}`)
  if (from[side].length === 0) throw new ReviewError('INVALID_INPUT', `bead ${bead} has no ${side} sentence to move`)
  const neighbour = to === 'previous' ? bead - 1 : bead + 1
  if (neighbour < 0 || neighbour >= document.beads.length) throw new ReviewError('INVALID_INPUT', `bead ${bead} has no ${to} bead to move a sentence to`)
  const near = document.beads[neighbour]!
  const moved = to === 'previous' ? from[side][0]! : from[side][from[side].length - 1]!
  const rest = to === 'previous' ? from[side].slice(1) : from[side].slice(0, -1)
  const grown = to === 'previous' ? [...near[side], moved] : [moved, ...near[side]]
  const changedFrom = side === 'source' ? edited(rest, [...from.target]) : edited([...from.source], rest)
  const changedNear = side === 'source' ? edited(grown, [...near.target]) : edited([...near.source], grown)
  const kept = changedFrom.source.length + changedFrom.target.length > 0 ? [changedFrom] : []
  return to === 'previous'
    ? { beadStart: neighbour, beadRemove: 2, beadInsert: [changedNear, ...kept] }
    : { beadStart: bead, beadRemove: 2, beadInsert: [...kept, changedNear] }
}

/**
 * Marks a sentence as having no counterpart: it leaves its bead for a bead of its own (1-0 or 0-1), placed before
 * or after what remains. Only the first or last sentence of its side of a bead can go (split the bead first for
 * one in the middle).
 *
 * @param document - the document
 * @param side - `'source'` or `'target'`
 * @param sentence - the sentence's index on that side
 * @returns the patch
 * @throws {@link ReviewError} when the sentence is alone already or in the middle of its bead
 * @example
 * ```ts
 * import { detachSentence } from './edits.js'
 * const patch = detachSentence(document, 'target', 12) // English sentence 12 was added by the translator
 * ```
 * @group Review
 */
export function detachSentence(document: ReviewDocument, side: Side, sentence: number): Patch {
  const index = beadOfSentence(document, side, sentence)
  const bead = document.beads[index]!
  const mine = bead[side]
  const theirs = bead[other(side)]
  if (theirs.length === 0 && mine.length === 1) throw new ReviewError('INVALID_INPUT', `${side} sentence ${sentence} has no counterpart already`)
  const alone = side === 'source' ? edited([sentence], []) : edited([], [sentence])
  const make = (rest: number[]): ReviewBead => (side === 'source' ? edited(rest, [...theirs]) : edited([...theirs], rest))
  if (mine.length === 1) return { beadStart: index, beadRemove: 1, beadInsert: [alone, make([])] }
  if (sentence === mine[0]) return { beadStart: index, beadRemove: 1, beadInsert: [alone, make(mine.slice(1))] }
  if (sentence === mine[mine.length - 1]) return { beadStart: index, beadRemove: 1, beadInsert: [make(mine.slice(0, -1)), alone] }
  throw new ReviewError('INVALID_INPUT', `${side} sentence ${sentence} is in the middle of bead ${index}; split the bead first, then mark it`)
}

/**
 * Splits a sentence in two at a UTF-16 offset into its text (a segmentation fix). White space at the break is
 * dropped; both parts must keep some text. The two sentences stay in the sentence's bead; later sentence indexes
 * shift by one.
 *
 * @param document - the document
 * @param side - `'source'` or `'target'`
 * @param sentence - the sentence's index on that side
 * @param offset - where the second sentence starts, 1 to length - 1
 * @returns the patch
 * @throws {@link ReviewError} when the offset leaves an empty or blank part
 * @example
 * ```ts
 * import { splitSentence } from './edits.js'
 * // 'Hello. World.' → 'Hello.' and 'World.'
 * const patch = splitSentence(document, 'target', 0, 6)
 * ```
 * @group Review
 */
export function splitSentence(document: ReviewDocument, side: Side, sentence: number, offset: number): Patch {
  const index = beadOfSentence(document, side, sentence)
  const text = document[side][sentence]!
  const head = Number.isInteger(offset) ? text.slice(0, offset).trimEnd() : ''
  const tail = Number.isInteger(offset) ? text.slice(offset).trimStart() : ''
  if (!(offset > 0 && offset < text.length) || head.trim() === '' || tail.trim() === '') {
    throw new ReviewError('INVALID_INPUT', `${side} sentence ${sentence} cannot be split at offset ${String(offset)}: both parts need text (it has ${text.length} characters)`)
  }
  const bead = document.beads[index]!
  const grown = [...bead[side], bead[side][bead[side].length - 1]! + 1]
  const changed = side === 'source' ? edited(grown, [...bead.target]) : edited([...bead.source], grown)
  return { beadStart: index, beadRemove: 1, beadInsert: [changed], [side]: { start: sentence, remove: 1, insert: [head, tail] } }
}

/**
 * Joins a sentence with the next one on the same side (a segmentation fix), with one space between them. The
 * joined sentence stays in the first one's bead; the bead that held the second loses it (and disappears when
 * left empty). Later sentence indexes shift back by one.
 *
 * @param document - the document
 * @param side - `'source'` or `'target'`
 * @param sentence - the first sentence's index
 * @returns the patch
 * @throws {@link ReviewError} when the sentence is the last of its side
 * @example
 * ```ts
 * import { joinSentences } from './edits.js'
 * const patch = joinSentences(document, 'source', 7) // sentences 7 and 8 become one
 * ```
 * @group Review
 */
export function joinSentences(document: ReviewDocument, side: Side, sentence: number): Patch {
  const first = beadOfSentence(document, side, sentence)
  if (sentence + 1 >= document[side].length) throw new ReviewError('INVALID_INPUT', `${side} sentence ${sentence} is the last one; there is no next sentence to join`)
  const second = beadOfSentence(document, side, sentence + 1)
  const text = `${document[side][sentence]!.trimEnd()} ${document[side][sentence + 1]!.trimStart()}`
  const splice = { start: sentence, remove: 2, insert: [text] }
  const shrink = (bead: ReviewBead, indexes: number[]): ReviewBead => (side === 'source' ? edited(indexes, [...bead.target]) : edited([...bead.source], indexes))
  if (first === second) {
    const bead = document.beads[first]!
    return { beadStart: first, beadRemove: 1, beadInsert: [shrink(bead, bead[side].slice(0, -1))], [side]: splice }
  }
  // The beads between hold no sentence of this side, so only the two ends change.
  const a = document.beads[first]!
  const b = document.beads[second]!
  const middle = document.beads.slice(first + 1, second)
  const shortened = shrink(b, b[side].slice(1).map((i) => i - 1))
  const tail = shortened.source.length + shortened.target.length > 0 ? [shortened] : []
  return { beadStart: first, beadRemove: second - first + 1, beadInsert: [{ ...a, state: 'open', score: null }, ...middle, ...tail], [side]: splice }
}

/**
 * Sets what the reviewer says about a bead: `'confirmed'` (approve), `'rejected'`, or `'open'` again. The bead's
 * sentences and score stay.
 *
 * @param document - the document
 * @param bead - the bead's index
 * @param state - the new state
 * @returns the patch
 * @throws {@link ReviewError} when the bead does not exist or the state is unknown
 * @example
 * ```ts
 * import { setBeadState } from './edits.js'
 * const approve = setBeadState(document, 2, 'confirmed')
 * ```
 * @group Review
 */
export function setBeadState(document: ReviewDocument, bead: number, state: BeadState): Patch {
  const current = beadAt(document, bead)
  if (state !== 'open' && state !== 'confirmed' && state !== 'rejected') throw new ReviewError('INVALID_INPUT', `state must be "open", "confirmed" or "rejected", got ${JSON.stringify(state)}`)
  return { beadStart: bead, beadRemove: 1, beadInsert: [{ ...current, source: [...current.source], target: [...current.target], state }] }
}

/**
 * Approves every open bead with sentences on both sides in beads `[from, to)`: "approve all" for what the
 * reviewer has looked over. Omissions, rejected and already confirmed beads are left as they are.
 *
 * @param document - the document
 * @param from - the first bead's index
 * @param to - one past the last bead's index
 * @returns the patch (one change: one undo takes it back)
 * @throws {@link ReviewError} when the range is empty or out of bounds
 * @example
 * ```ts
 * import { approveRange } from './edits.js'
 * const all = approveRange(document, 0, document.beads.length)
 * ```
 * @group Review
 */
export function approveRange(document: ReviewDocument, from: number, to: number): Patch {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > document.beads.length || from >= to) {
    throw new ReviewError('INVALID_INPUT', `beads ${String(from)} to ${String(to)} are not a range of this document's ${document.beads.length} beads`)
  }
  const beadInsert = document.beads.slice(from, to).map((bead): ReviewBead => (bead.state === 'open' && bead.source.length > 0 && bead.target.length > 0 ? { ...bead, state: 'confirmed' } : bead))
  return { beadStart: from, beadRemove: to - from, beadInsert }
}
