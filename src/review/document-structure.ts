/**
 * A document's structure for the review page: its blocks and inline codes as offsets of the text the aligner
 * saw (the blocks' texts joined by a blank line, as `alignFiles` joins them).
 *
 * @module
 */
import { blockSeparator } from '../documents/align-files.js'
import type { DocumentBlock } from '../documents/blocks.js'
import type { DocumentStructure, StructureBlock } from './model.js'

/**
 * The structure of a document read into blocks: each block's span and kind (with its heading or list level, a
 * cell's row and column), and each inline code at its offset, with an id unique on the side.
 *
 * @param blocks - the document's blocks (from `readDocument`, or `alignFiles`' `sourceBlocks`/`targetBlocks`)
 * @returns the structure over the joined text
 * @example
 * ```ts
 * import { toDocumentStructure } from './document-structure.js'
 * const structure = toDocumentStructure([{ kind: 'heading', level: 1, text: 'Report', content: ['Report'] }])
 * structure.blocks // [{ start: 0, end: 6, kind: 'heading', level: 1 }]
 * ```
 * @internal
 */
export function toDocumentStructure(blocks: readonly DocumentBlock[]): DocumentStructure {
  const structure: DocumentStructure = { text: '', blocks: [], codes: [] }
  blocks.forEach((block, index) => {
    if (index > 0) structure.text += blockSeparator
    const start = structure.text.length
    let at = start
    for (const item of block.content) {
      if (typeof item === 'string') at += item.length
      else if (item.kind === 'open' || item.kind === 'close' || item.kind === 'standalone') {
        // Ids are unique within a block; the block's index makes them unique on the side.
        structure.codes.push({ at, kind: item.kind, id: `${index}:${item.id}`, data: item.data ?? '' })
      }
    }
    structure.text += block.text
    const shown: StructureBlock = { start, end: structure.text.length, kind: block.kind }
    if (block.level !== undefined) shown.level = block.level
    if (block.row !== undefined) shown.row = block.row
    if (block.column !== undefined) shown.column = block.column
    structure.blocks.push(shown)
  })
  return structure
}
