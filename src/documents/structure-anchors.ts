/**
 * Structure first: when the two documents have the same outline (the same sequence of heading levels), their
 * headings correspond in order; when they have the same tables (as many, with as many cells each) or the same
 * lists (as many, with as many items each), so do their cells and items. Those pairs become fixed beads, and the
 * aligner aligns only the sentences between them. Where the structures differ, nothing is fixed for that kind and
 * block starts stay hints only.
 *
 * @module
 */
import type { FixedBead } from '../align/fixed.js'
import type { BlockKind, DocumentBlock } from './blocks.js'
import type { BlockSentence } from './unit-content.js'

/** A block's sentence range [first, last]. */
interface Range {
  first: number
  last: number
}

/** The sentence range of each block (undefined for a block without sentences). */
function blockRanges(blocks: readonly DocumentBlock[], sentences: readonly BlockSentence[]): Array<Range | undefined> {
  const ranges: Array<Range | undefined> = blocks.map(() => undefined)
  sentences.forEach((sentence, index) => {
    const range = ranges[sentence.block]
    if (range) range.last = index
    else ranges[sentence.block] = { first: index, last: index }
  })
  return ranges
}

/** Runs of consecutive blocks of one kind (tables, lists), as lists of block indexes. */
function runs(blocks: readonly DocumentBlock[], kind: BlockKind): number[][] {
  const result: number[][] = []
  blocks.forEach((block, index) => {
    if (block.kind !== kind) return
    const last = result[result.length - 1]
    if (last && last[last.length - 1] === index - 1) last.push(index)
    else result.push([index])
  })
  return result
}

/**
 * Fixed beads from the structure the two documents share: headings (same levels in the same order), table cells
 * (same tables, same cell counts) and list items (same lists, same item counts).
 *
 * @internal
 */
export function structureAnchors(sourceBlocks: readonly DocumentBlock[], sourceSentences: readonly BlockSentence[], targetBlocks: readonly DocumentBlock[], targetSentences: readonly BlockSentence[]): FixedBead[] {
  const sourceRanges = blockRanges(sourceBlocks, sourceSentences)
  const targetRanges = blockRanges(targetBlocks, targetSentences)
  const pairs: Array<[number, number]> = []
  const sourceHeadings = sourceBlocks.flatMap((block, index) => (block.kind === 'heading' ? [index] : []))
  const targetHeadings = targetBlocks.flatMap((block, index) => (block.kind === 'heading' ? [index] : []))
  const levels = (blocks: readonly DocumentBlock[], indexes: number[]) => indexes.map((index) => blocks[index]!.level ?? 0).join(',')
  if (sourceHeadings.length > 0 && levels(sourceBlocks, sourceHeadings) === levels(targetBlocks, targetHeadings)) {
    sourceHeadings.forEach((index, k) => pairs.push([index, targetHeadings[k]!]))
  }
  for (const kind of ['tableCell', 'listItem'] as const) {
    const sourceRuns = runs(sourceBlocks, kind)
    const targetRuns = runs(targetBlocks, kind)
    if (sourceRuns.length === 0 || sourceRuns.map((run) => run.length).join(',') !== targetRuns.map((run) => run.length).join(',')) continue
    sourceRuns.forEach((run, r) => run.forEach((index, k) => pairs.push([index, targetRuns[r]![k]!])))
  }
  pairs.sort((a, b) => a[0] - b[0])
  const fixed: FixedBead[] = []
  let lastTarget = -1
  for (const [sourceBlock, targetBlock] of pairs) {
    const source = sourceRanges[sourceBlock]
    const target = targetRanges[targetBlock]
    // Fixed beads must be monotone: a pair out of order (structures that disagree across kinds) is left out.
    if (!source || !target || target.first <= lastTarget) continue
    const span = (range: Range) => Array.from({ length: range.last - range.first + 1 }, (_, k) => range.first + k)
    fixed.push({ source: span(source), target: span(target), confirmed: false })
    lastTarget = target.last
  }
  return fixed
}
