/**
 * Reads Markdown (CommonMark 0.31 with the GFM table and footnote extensions) into blocks with micromark and
 * mdast-util-from-markdown: headings, paragraphs, list items, table cells, and footnote definitions (where they
 * stand in the file). Strong, emphasis, links, footnote references, hard breaks, images and inline HTML become
 * inline codes; escapes and entities are resolved as CommonMark says, so the text is the text a reader sees.
 *
 * @module
 */
import type { Nodes, Parents } from 'mdast'
import { BlockBuilder, escapeAttribute, type BlockKind, type DocumentBlock, type FormatKind } from './blocks.js'

/**
 * Reads the blocks of a Markdown document.
 *
 * @param markdown - the document's text
 * @returns the blocks in reading order
 * @internal
 */
export async function readMarkdown(markdown: string): Promise<DocumentBlock[]> {
  const [{ fromMarkdown }, { gfmTable }, { gfmFootnote }, { gfmTableFromMarkdown }, { gfmFootnoteFromMarkdown }] = await Promise.all([
    import('mdast-util-from-markdown'),
    import('micromark-extension-gfm-table'),
    import('micromark-extension-gfm-footnote'),
    import('mdast-util-gfm-table'),
    import('mdast-util-gfm-footnote'),
  ])
  const tree = fromMarkdown(markdown, { extensions: [gfmTable(), gfmFootnote()], mdastExtensions: [gfmTableFromMarkdown(), gfmFootnoteFromMarkdown()] })
  const builder = new BlockBuilder()

  const inline = (nodes: Nodes[], formats: FormatKind[]): void => {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
        case 'inlineCode':
          builder.setFormats(formats)
          builder.addText(node.value)
          break
        case 'strong':
          inline(node.children, formats.includes('bold') ? formats : [...formats, 'bold'])
          break
        case 'emphasis':
          inline(node.children, formats.includes('italic') ? formats : [...formats, 'italic'])
          break
        case 'link':
          builder.openElement('a', `<a href="${escapeAttribute(node.url)}">`, '</a>')
          inline(node.children, formats)
          builder.setFormats([])
          builder.closeElement('a')
          break
        case 'break':
          builder.setFormats([])
          builder.addStandalone('<br/>')
          builder.addText('\n')
          break
        case 'footnoteReference':
          builder.setFormats([])
          builder.addStandalone('<footnote/>')
          break
        case 'image':
        case 'imageReference':
          builder.setFormats([])
          builder.addStandalone('<img/>')
          break
        case 'html':
          builder.setFormats([])
          builder.addStandalone(node.value)
          break
        default:
          if ('children' in node) inline(node.children as Nodes[], formats)
      }
    }
  }

  const blocks = (parent: Parents, kind: BlockKind | undefined, level: number): void => {
    for (const node of parent.children as Nodes[]) {
      switch (node.type) {
        case 'heading':
          inline(node.children, [])
          builder.endBlock(kind === 'footnote' ? 'footnote' : 'heading', node.depth)
          break
        case 'paragraph':
          inline(node.children, [])
          builder.endBlock(kind ?? 'paragraph', kind === 'listItem' ? level : undefined)
          break
        case 'list':
          for (const item of node.children) blocks(item, kind === 'footnote' || kind === 'tableCell' ? kind : 'listItem', level + 1)
          break
        case 'table':
          node.children.forEach((row, r) =>
            row.children.forEach((cell, c) =>
              builder.inCell(r + 1, c + 1, () => {
                inline(cell.children, [])
                builder.endBlock(kind === 'footnote' ? 'footnote' : 'tableCell')
              }),
            ),
          )
          break
        case 'blockquote':
          blocks(node, kind, level)
          break
        case 'footnoteDefinition':
          blocks(node, 'footnote', 0)
          break
        case 'code':
          builder.addText(node.value)
          builder.endBlock(kind ?? 'paragraph')
          break
        default:
        // thematicBreak, definition, html blocks (markup, not text), yaml: nothing to align.
      }
    }
  }
  blocks(tree, undefined, 0)
  return builder.blocks
}
