/**
 * What the review pages show of a document's structure, computed without a DOM (so both the read-only page and
 * the editor use it, and tests check it directly): each sentence's block (a heading and its level, a table
 * cell's row and column, a list item's marker, a footnote, a caption) and its inline codes as markers at their
 * offsets, with the ids a bead's two sides share where their codes correspond.
 *
 * The structure points into the text as read; the sentences under review may have been split or joined since,
 * so each sentence is found in that text again, in order (white space may differ: a join puts one space where the
 * text had a line break). A sentence that cannot be found (its text no longer the document's) shows no structure.
 *
 * @module
 * @internal
 */
import { pairCodeIds } from '../documents/unit-content.js'
import type { InlineCode, InlineContent } from '../types.js'
import type { DocumentStructure, StructureBlock, StructureCode } from './model.js'

/** Where a sentence is in its side's text: its span, and each character's offset when white space differs. */
interface Place {
  start: number
  end: number
  /** Offset in the text of each character of the sentence (absent: the sentence is `text.slice(start, end)`). */
  offsets?: number[]
}

/** A code placed in a sentence. */
interface PlacedCode {
  offset: number
  code: StructureCode
}

/** A side's sentences found in its structure: each one's block and codes. @internal */
export interface SideView {
  /** Per sentence: its block, when found. */
  blocks: Array<StructureBlock | undefined>
  /** Per sentence: its codes, in order, at offsets of the sentence's text. */
  codes: PlacedCode[][]
}

/** A marker shown in a sentence. @internal */
export interface CodeMarker {
  /** The code's role. */
  kind: StructureCode['kind']
  /** The id shown, shared with the corresponding code on the other side of the bead. */
  id: string
  /** The badge's text, e.g. `b1`, `/b1`, `link2`, `fn3`, `br`. */
  label: string
  /** What a screen reader says, e.g. `bold 1 starts`. */
  description: string
  /** A link's target, when the code is a link. */
  href?: string
}

/** A block's label. @internal */
export interface BlockLabel {
  /** The block's kind. */
  kind: StructureBlock['kind']
  /** The label's text (`H2`, `table r2 c1`, `•`, `footnote`, `caption`). */
  text: string
  /** What a screen reader says (`heading level 2`, `table cell, row 2, column 1`, `list item, level 1`...). */
  description: string
  /** A heading's or list item's level. */
  level?: number
}

/** A sentence as shown: its block's label (none for a plain paragraph) and its text cut at its markers. @internal */
export interface ShownSentence {
  block?: BlockLabel
  parts: Array<string | CodeMarker>
}

/** How far past the previous sentence a sentence is looked for when it does not follow it directly. */
const searchAhead = 2000

/**
 * Finds a sentence in the text from `from` on: first at the next non-space character with white space matched
 * loosely (any run of white space for any run, or none where the sentence has none), then exactly within
 * {@link searchAhead} characters.
 */
function place(text: string, sentence: string, from: number): Place | undefined {
  let start = from
  while (start < text.length && /\s/.test(text[start]!)) start++
  if (text.startsWith(sentence, start)) return { start, end: start + sentence.length }
  const offsets: number[] = []
  let at = start
  for (let k = 0; k < sentence.length; k++) {
    const char = sentence[k]!
    if (/\s/.test(char)) {
      offsets.push(at)
      while (at < text.length && /\s/.test(text[at]!)) at++
      continue
    }
    while (at < text.length && /\s/.test(text[at]!) && !/\s/.test(sentence[k - 1] ?? '')) at++
    if (text[at] !== char) {
      // Text the segmenter left between two sentences: look a little further, not through the whole document
      // (a sentence that is nowhere near costs a bounded search, so a long document stays fast).
      const exact = sentence.trim() === '' ? -1 : text.slice(from, from + searchAhead + sentence.length).indexOf(sentence)
      return exact < 0 ? undefined : { start: from + exact, end: from + exact + sentence.length }
    }
    offsets.push(at++)
  }
  return { start, end: at, offsets }
}

/** The sentence offset of a text offset: how many of the sentence's characters stand before it. */
function sentenceOffset(where: Place, at: number, length: number): number {
  if (where.offsets === undefined) return Math.max(0, Math.min(length, at - where.start))
  let count = 0
  while (count < where.offsets.length && where.offsets[count]! < at) count++
  return count
}

/**
 * Finds a side's sentences in its structure and gives each its block and codes. A code goes to one sentence of
 * its block, as `alignFiles` gives codes to units: an open to the first sentence that ends after it, a close or
 * a standalone code to the last sentence that starts before it; a code with more than white space between it and
 * that sentence (its own sentence was edited away) is not shown.
 *
 * @param structure - the side's structure
 * @param sentences - the side's sentences, in order
 * @returns per sentence, its block and codes
 * @example
 * ```ts
 * const view = viewSide(document.structure.source, document.source)
 * view.blocks[0] // { start: 0, end: 11, kind: 'heading', level: 1 }
 * ```
 * @internal
 */
export function viewSide(structure: DocumentStructure, sentences: readonly string[]): SideView {
  const places: Array<Place | undefined> = []
  let from = 0
  for (const sentence of sentences) {
    const found = place(structure.text, sentence, from)
    places.push(found)
    if (found !== undefined) from = found.end
  }
  const blocks: Array<StructureBlock | undefined> = []
  const byBlock = new Map<StructureBlock, number[]>()
  let next = 0
  places.forEach((where, index) => {
    if (where === undefined) return void blocks.push(undefined)
    while (next < structure.blocks.length && structure.blocks[next]!.end < where.start) next++
    const block = structure.blocks[next]
    const inside = block !== undefined && block.start <= where.start ? block : undefined
    blocks.push(inside)
    if (inside === undefined) return
    const members = byBlock.get(inside)
    if (members === undefined) byBlock.set(inside, [index])
    else members.push(index)
  })
  const codes: PlacedCode[][] = sentences.map(() => [])
  let blockAt = 0
  for (const code of structure.codes) {
    while (blockAt < structure.blocks.length && structure.blocks[blockAt]!.end < code.at) blockAt++
    const block = structure.blocks[blockAt]
    const members = block === undefined ? undefined : byBlock.get(block)
    if (members === undefined) continue
    let owner: number
    if (code.kind === 'open') owner = members.find((index) => places[index]!.end > code.at) ?? members[members.length - 1]!
    else owner = lastStartingBefore(members, places, code.at) ?? members[0]!
    // Only white space may stand between a code and its sentence: the code of a sentence not found is not shown.
    const { start, end } = places[owner]!
    if (structure.text.slice(code.at, start).trim() !== '' || structure.text.slice(end, code.at).trim() !== '') continue
    codes[owner]!.push({ offset: sentenceOffset(places[owner]!, code.at, sentences[owner]!.length), code })
  }
  return { blocks, codes }
}

/** The last of a block's sentences that starts before `at` (members are in order; the page targets ES2020, no findLast). */
function lastStartingBefore(members: readonly number[], places: ReadonlyArray<Place | undefined>, at: number): number | undefined {
  for (let k = members.length - 1; k >= 0; k--) if (places[members[k]!]!.start < at) return members[k]
  return undefined
}

/** Names, descriptions of the codes readers write, by tag. */
const codeNames: Record<string, { label: string; says: string }> = {
  b: { label: 'b', says: 'bold' },
  strong: { label: 'b', says: 'bold' },
  i: { label: 'i', says: 'italic' },
  em: { label: 'i', says: 'italic' },
  u: { label: 'u', says: 'underline' },
  a: { label: 'link', says: 'link' },
  footnote: { label: 'fn', says: 'footnote reference' },
  br: { label: 'br', says: 'line break' },
  img: { label: 'img', says: 'image or object' },
}

/** A code's badge and description, with the id shown. */
function marker(code: StructureCode, id: string): CodeMarker {
  const tag = (/^<\/?([A-Za-z][\w:-]*)/.exec(code.data)?.[1] ?? '').toLowerCase()
  const name = codeNames[tag] ?? { label: tag === '' ? 'code' : tag, says: tag === '' ? 'inline code' : `${tag} code` }
  const shown: CodeMarker = {
    kind: code.kind,
    id,
    label: `${code.kind === 'close' ? '/' : ''}${name.label}${id}`,
    description: `${name.says} ${id}${code.kind === 'open' ? ' starts' : code.kind === 'close' ? ' ends' : ''}`,
  }
  const href = /\bhref="([^"]*)"/.exec(code.data)?.[1]
  if (href !== undefined) shown.href = href.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&amp;/g, '&')
  return shown
}

/** List markers by nesting level. */
const bullets = ['•', '◦', '▪']

/**
 * A block's label: nothing for a plain paragraph.
 *
 * @param block - the block
 * @returns its label, or undefined for a paragraph
 * @example
 * ```ts
 * blockLabel({ start: 0, end: 5, kind: 'tableCell', row: 2, column: 1 }) // { kind: 'tableCell', text: 'table r2 c1', … }
 * ```
 * @internal
 */
export function blockLabel(block: StructureBlock): BlockLabel | undefined {
  switch (block.kind) {
    case 'heading': {
      const level = block.level ?? 1
      return { kind: 'heading', text: `H${level}`, description: `heading level ${level}`, level }
    }
    case 'tableCell':
      return block.row === undefined || block.column === undefined
        ? { kind: 'tableCell', text: 'table cell', description: 'table cell' }
        : { kind: 'tableCell', text: `table r${block.row} c${block.column}`, description: `table cell, row ${block.row}, column ${block.column}` }
    case 'listItem': {
      const level = block.level ?? 1
      return { kind: 'listItem', text: bullets[Math.min(level, bullets.length) - 1]!, description: `list item, level ${level}`, level }
    }
    case 'footnote':
      return { kind: 'footnote', text: 'footnote', description: 'footnote' }
    case 'caption':
      return { kind: 'caption', text: 'caption', description: 'caption' }
    default:
      return undefined
  }
}

/**
 * A bead's sentences as shown: each with its block's label and its text cut at its code markers, the ids of the
 * two sides paired as the units' are (the k-th bold of the target shares the id of the k-th bold of the source).
 *
 * @param bead - the bead's sentence indexes
 * @param sentences - both sides' sentences
 * @param views - both sides' views (see {@link viewSide}); a side without one shows plain sentences
 * @returns per side, per sentence of the bead, what to show
 * @example
 * ```ts
 * const shown = showBead(bead, document, { source: viewSide(structure.source, document.source) })
 * shown.source[0].parts // ['افتتحت القمة ', { kind: 'open', id: '1', label: 'b1', … }, 'صباح الجمعة', …]
 * ```
 * @internal
 */
export function showBead(
  bead: { source: readonly number[]; target: readonly number[] },
  sentences: { source: readonly string[]; target: readonly string[] },
  views: { source?: SideView | undefined; target?: SideView | undefined },
): { source: ShownSentence[]; target: ShownSentence[] } {
  // The bead's codes as unit content, so the ids are paired by the units' own rule.
  const contents = { source: [] as InlineContent, target: [] as InlineContent }
  const owners = new Map<InlineCode, StructureCode>()
  for (const side of ['source', 'target'] as const) {
    for (const index of bead[side]) {
      for (const { code } of views[side]?.codes[index] ?? []) {
        const item: InlineCode = { kind: code.kind, id: code.id, data: code.data }
        owners.set(item, code)
        contents[side].push(item)
      }
    }
  }
  pairCodeIds(contents.source, contents.target)
  const shownIds = new Map<StructureCode, string>()
  for (const [item, code] of owners) shownIds.set(code, item.id)
  const show = (side: 'source' | 'target'): ShownSentence[] =>
    bead[side].map((index) => {
      const text = sentences[side][index]!
      const view = views[side]
      const block = view?.blocks[index]
      const shown: ShownSentence = { parts: [] }
      const label = block === undefined ? undefined : blockLabel(block)
      if (label !== undefined) shown.block = label
      let at = 0
      for (const { offset, code } of view?.codes[index] ?? []) {
        if (offset > at) shown.parts.push(text.slice(at, offset))
        at = Math.max(at, offset)
        shown.parts.push(marker(code, shownIds.get(code)!))
      }
      if (at < text.length) shown.parts.push(text.slice(at))
      return shown
    })
  return { source: show('source'), target: show('target') }
}
