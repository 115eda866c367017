/**
 * The block model every document reader produces: a list of blocks (heading, paragraph, list item, table cell,
 * footnote, caption), each with its text and its inline codes, and the builder the readers share.
 *
 * @module
 */
import type { InlineContent } from '../types.js'

/**
 * What a block is in its document. Headings, list items and table cells align with their counterparts first.
 *
 * @example
 * ```ts
 * import type { BlockKind } from 'mizan'
 * const kind: BlockKind = 'tableCell'
 * ```
 * @group Documents
 */
export type BlockKind = 'heading' | 'paragraph' | 'listItem' | 'tableCell' | 'footnote' | 'caption'

/**
 * One block of a document: its kind, its text as written, and the same text with its inline codes.
 *
 * @example
 * ```ts
 * import { readDocument, type DocumentBlock } from 'mizan'
 * const { blocks } = await readDocument(new TextEncoder().encode('# Title\n\nSome **bold** text.'), { file: 'a.md' })
 * const block: DocumentBlock = blocks[1]! // { kind: 'paragraph', text: 'Some bold text.', content: ['Some ', {…}, 'bold', {…}, ' text.'] }
 * ```
 * @group Documents
 */
export interface DocumentBlock {
  /** What the block is. */
  kind: BlockKind
  /** The text: the strings of `content` joined (codes carry no text). */
  text: string
  /** Text and inline codes in document order; codes are well nested (each open has its close). */
  content: InlineContent
  /** Heading level (1 = top) or list nesting level (1 = top), when the document says. */
  level?: number
  /** A table cell's row in its table (1 = first; header rows count), when the reader knows it. */
  row?: number
  /** A table cell's column in its row (1 = first, in document order: merged cells count once). */
  column?: number
}

/** The formatting codes readers emit, and their native-like data (HTML spelling, the same on every format). @internal */
export const codeData = {
  bold: ['<b>', '</b>'],
  italic: ['<i>', '</i>'],
  underline: ['<u>', '</u>'],
} as const

/** A formatting kind with a fixed pair of data strings. @internal */
export type FormatKind = keyof typeof codeData

interface OpenEntry {
  /** A formatting run (closed and reopened freely) or an element (a link: closed where the document closes it). */
  role: 'format' | 'element'
  name: string
  id: string
  close: string
}

/**
 * Builds the blocks of one document: text, opens and closes (kept well nested), standalone codes.
 * Run-based formats (OOXML, ODF spans) say which formats the next run has; the builder closes and opens codes
 * so the nesting stays valid, and closes everything still open when a block ends.
 *
 * @internal
 */
export class BlockBuilder {
  readonly blocks: DocumentBlock[] = []
  private content: InlineContent = []
  private text = ''
  private stack: OpenEntry[] = []
  private nextId = 1
  private cell: { row: number; column: number } | undefined

  /** Reads a table cell: the `tableCell` blocks ended inside `read` get its row and column (each from 1). */
  inCell(row: number, column: number, read: () => void): void {
    const outer = this.cell
    this.cell = { row, column }
    try {
      read()
    } finally {
      this.cell = outer
    }
  }

  /** Appends text (empty text is ignored). */
  addText(text: string): void {
    if (text === '') return
    const last = this.content[this.content.length - 1]
    if (typeof last === 'string') this.content[this.content.length - 1] = last + text
    else this.content.push(text)
    this.text += text
  }

  /** Appends a standalone code (a footnote reference, a line break, an image). */
  addStandalone(data: string): void {
    this.content.push({ kind: 'standalone', id: String(this.nextId++), data })
  }

  /** Makes the formats open above the innermost element exactly `formats` (in this order). */
  setFormats(formats: readonly FormatKind[]): void {
    let base = this.stack.length
    while (base > 0 && this.stack[base - 1]!.role === 'format') base--
    let keep = 0
    while (base + keep < this.stack.length && keep < formats.length && this.stack[base + keep]!.name === formats[keep]) keep++
    while (this.stack.length > base + keep) this.closeTop()
    for (const format of formats.slice(keep)) this.push('format', format, codeData[format][0], codeData[format][1])
  }

  /** Opens an element code (a link), closing the formats open above it first so nesting stays valid. */
  openElement(name: string, open: string, close: string): void {
    this.setFormats([])
    this.push('element', name, open, close)
  }

  /** Closes the innermost element named `name` (and anything open inside it). */
  closeElement(name: string): void {
    const at = this.stack.map((entry) => entry.name).lastIndexOf(name)
    if (at < 0) return
    while (this.stack.length > at) this.closeTop()
  }

  /** Ends the current block: closes what is open and keeps the block when it has text. */
  endBlock(kind: BlockKind, level?: number): void {
    while (this.stack.length > 0) this.closeTop()
    const content = dropEmptyPairs(this.content)
    if (this.text.trim() !== '') {
      const block: DocumentBlock = { kind, text: this.text, content }
      if (level !== undefined) block.level = level
      if (kind === 'tableCell' && this.cell !== undefined) Object.assign(block, this.cell)
      this.blocks.push(block)
    }
    this.content = []
    this.text = ''
    this.nextId = 1
  }

  private push(role: OpenEntry['role'], name: string, open: string, close: string): void {
    const id = String(this.nextId++)
    this.content.push({ kind: 'open', id, data: open })
    this.stack.push({ role, name, id, close })
  }

  private closeTop(): void {
    const entry = this.stack.pop()!
    this.content.push({ kind: 'close', id: entry.id, data: entry.close })
  }
}

/** Removes an open immediately followed by its close (a run with formatting and no text). */
function dropEmptyPairs(content: InlineContent): InlineContent {
  const result: InlineContent = []
  for (const item of content) {
    const last = result[result.length - 1]
    if (typeof item !== 'string' && item.kind === 'close' && last !== undefined && typeof last !== 'string' && last.kind === 'open' && last.id === item.id) {
      result.pop()
      continue
    }
    result.push(item)
  }
  return result
}

/** Escapes a value for the code data (`"`, `&`, `<`). @internal */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}
