/**
 * What the editor page shows, computed from the document alone (no DOM), so it is tested without a browser:
 * which beads are listed (all, or the doubtful ones), where the next doubtful bead is, the progress line, and
 * the label each bead carries (a word and an icon, never colour alone).
 *
 * @module
 * @internal
 */
import { isDoubtful, isOmission, type ReviewBead, type ReviewDocument } from '../model.js'

/**
 * The beads the list shows, by index: all, or only the doubtful ones.
 *
 * @example
 * ```ts
 * listedBeads(document, true) // e.g. [1, 2]: the doubtful beads and omissions
 * ```
 * @internal
 */
export function listedBeads(document: ReviewDocument, doubtfulOnly: boolean): number[] {
  const listed: number[] = []
  document.beads.forEach((bead, index) => {
    if (!doubtfulOnly || isDoubtful(bead)) listed.push(index)
  })
  return listed
}

/**
 * The next (`step` 1) or previous (`step` -1) doubtful bead from `from`, or `from` when there is none.
 *
 * @example
 * ```ts
 * nextDoubtful(document, 0, 1) // the first doubtful bead after bead 0
 * ```
 * @internal
 */
export function nextDoubtful(document: ReviewDocument, from: number, step: 1 | -1): number {
  for (let index = from + step; index >= 0 && index < document.beads.length; index += step) {
    if (isDoubtful(document.beads[index]!)) return index
  }
  return from
}

/**
 * The progress line: confirmed beads of all, and how many still look doubtful.
 *
 * @example
 * ```ts
 * progressLine(document) // '3 of 9 beads confirmed · 1 doubtful or without counterpart'
 * ```
 * @internal
 */
export function progressLine(document: ReviewDocument): string {
  let confirmed = 0
  let doubtful = 0
  for (const bead of document.beads) {
    if (bead.state === 'confirmed') confirmed++
    if (isDoubtful(bead)) doubtful++
  }
  return `${confirmed} of ${document.beads.length} beads confirmed · ${doubtful} doubtful or without counterpart`
}

/**
 * A bead's label: an icon and words, and a class for its colour (the words carry the meaning).
 *
 * @example
 * ```ts
 * beadLabel({ source: [0], target: [], state: 'open', score: 0 }) // { icon: '∅', text: 'no counterpart', kind: 'omission' }
 * ```
 * @internal
 */
export function beadLabel(bead: ReviewBead): { icon: string; text: string; kind: string } {
  if (bead.state === 'confirmed') return { icon: '✓', text: 'confirmed', kind: 'confirmed' }
  if (bead.state === 'rejected') return { icon: '✗', text: 'rejected', kind: 'rejected' }
  if (isOmission(bead)) return { icon: '∅', text: 'no counterpart', kind: 'omission' }
  if (bead.score === null) return { icon: '✎', text: 'edited', kind: 'edited' }
  const percent = `${Math.round(bead.score * 100)}%`
  if (isDoubtful(bead)) return { icon: '⚠', text: `doubtful ${percent}`, kind: 'doubtful' }
  return { icon: '•', text: percent, kind: 'open' }
}
