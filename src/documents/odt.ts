/**
 * Reads an .odt (OpenDocument Text, ODF 1.3 Part 3) into blocks: `text:h` headings (§5.1.2), `text:p`
 * paragraphs, list items (§5.3), table cells (§9.1), and footnotes (`text:note`, §6.3) after the body in the
 * order they are referenced. Spans whose style is bold, italic or underlined (§20.173, §20.184, §20.397),
 * links (`text:a`, §6.1.8), notes, line breaks and frames become inline codes. White space collapses as ODF says
 * (§6.1.2): runs of spaces, tabs and newlines in text are one space; `text:s`, `text:tab`, `text:line-break`
 * are the real ones.
 *
 * @module
 */
import { childElements, type XmlElement } from '../formats/xml.js'
import { BlockBuilder, escapeAttribute, type BlockKind, type DocumentBlock, type FormatKind } from './blocks.js'
import { DocumentError } from './document-error.js'
import { attribute, child, parseXmlPart } from './xml-part.js'
import type { ZipPackage } from './zip.js'

interface TextStyle {
  parent: string | undefined
  bold: boolean | undefined
  italic: boolean | undefined
  underline: boolean | undefined
}

/** Text styles by name from a part's `office:styles` and `office:automatic-styles`. */
function collectStyles(root: XmlElement, into: Map<string, TextStyle>): void {
  for (const section of [child(root, 'styles'), child(root, 'automatic-styles')]) {
    if (!section) continue
    for (const style of childElements(section, 'style')) {
      const name = attribute(style, 'name')
      if (name === undefined) continue
      const properties = child(style, 'text-properties')
      const weight = attribute(properties, 'font-weight')
      const slant = attribute(properties, 'font-style')
      const underline = attribute(properties, 'text-underline-style')
      into.set(name, {
        parent: attribute(style, 'parent-style-name'),
        bold: weight === undefined ? undefined : weight === 'bold' || Number(weight) >= 600,
        italic: slant === undefined ? undefined : slant === 'italic' || slant === 'oblique',
        underline: underline === undefined ? undefined : underline !== 'none',
      })
    }
  }
}

/** A style's formats, following `parent-style-name` (a few levels, cycles stopped). */
function formatsOf(styles: Map<string, TextStyle>, name: string | undefined): Set<FormatKind> {
  const found: Partial<Record<FormatKind, boolean>> = {}
  for (let depth = 0; name !== undefined && depth < 16; depth++) {
    const style = styles.get(name)
    if (!style) break
    for (const key of ['bold', 'italic', 'underline'] as const) if (found[key] === undefined && style[key] !== undefined) found[key] = style[key]
    name = style.parent
  }
  return new Set((['bold', 'italic', 'underline'] as const).filter((key) => found[key] === true))
}

/**
 * Reads the blocks of an .odt package.
 *
 * @param zip - the opened package
 * @param file - the file name, for messages
 * @returns the blocks in reading order, footnotes last
 * @throws {@link DocumentError} `DOCUMENT_ENCRYPTED` when the manifest says the parts are encrypted,
 *   `DOCUMENT_CORRUPT` when content.xml is missing or does not parse
 * @internal
 */
export function readOdt(zip: ZipPackage, file: string | undefined): DocumentBlock[] {
  const manifest = zip.readText('META-INF/manifest.xml')
  if (manifest !== undefined && manifest.includes('encryption-data')) {
    throw new DocumentError('the document is password-protected (its manifest lists encrypted parts); save an unprotected copy', { code: 'DOCUMENT_ENCRYPTED', part: 'META-INF/manifest.xml', file })
  }
  const part = 'content.xml'
  const text = zip.readText(part)
  if (text === undefined) throw new DocumentError('the package has no content.xml: it is not an OpenDocument file; save it as .odt again', { code: 'DOCUMENT_CORRUPT', part, file })
  const content = parseXmlPart(text, part, file)
  const styles = new Map<string, TextStyle>()
  const stylesText = zip.readText('styles.xml')
  if (stylesText !== undefined) collectStyles(parseXmlPart(stylesText, 'styles.xml', file), styles)
  collectStyles(content, styles)
  const builder = new BlockBuilder()
  const notes: XmlElement[] = []
  /** Whether the text so far ends in collapsible white space (or the block is empty), ODF §6.1.2. */
  let atSpace = true

  const addText = (value: string, formats: FormatKind[]): void => {
    let collapsed = value.replace(/[ \t\n\r]+/g, ' ')
    if (atSpace && collapsed.startsWith(' ')) collapsed = collapsed.slice(1)
    if (collapsed === '') return
    builder.setFormats(formats)
    builder.addText(collapsed)
    atSpace = collapsed.endsWith(' ')
  }
  const addExact = (value: string, formats: FormatKind[]): void => {
    builder.setFormats(formats)
    builder.addText(value)
    atSpace = false
  }

  const inline = (element: XmlElement, formats: FormatKind[]): void => {
    for (const node of element.children) {
      if (typeof node === 'string') {
        addText(node, formats)
        continue
      }
      switch (node.local) {
        case 'span': {
          const own = formatsOf(styles, attribute(node, 'style-name'))
          const merged = (['bold', 'italic', 'underline'] as const).filter((key) => formats.includes(key) || own.has(key))
          inline(node, merged)
          break
        }
        case 'a':
          builder.openElement('a', `<a href="${escapeAttribute(attribute(node, 'href') ?? '')}">`, '</a>')
          inline(node, formats)
          builder.setFormats([])
          builder.closeElement('a')
          break
        case 's':
          addExact(' '.repeat(Math.min(1000, Math.max(1, Number(attribute(node, 'c') ?? 1) || 1))), formats)
          break
        case 'tab':
          addExact('\t', formats)
          break
        case 'line-break':
          builder.setFormats([])
          builder.addStandalone('<br/>')
          addExact('\n', [])
          break
        case 'note': {
          builder.setFormats([])
          builder.addStandalone('<footnote/>')
          const body = child(node, 'note-body')
          if (body) notes.push(body)
          break
        }
        case 'frame':
        case 'image':
        case 'object':
        case 'custom-shape':
          builder.setFormats([])
          builder.addStandalone('<img/>')
          break
        case 'annotation':
        case 'annotation-end':
        case 'bookmark':
        case 'bookmark-start':
        case 'bookmark-end':
        case 'reference-mark':
        case 'reference-mark-start':
        case 'reference-mark-end':
        case 'soft-page-break':
        case 'change-start':
        case 'change-end':
        case 'change':
          break
        default:
          // Fields (text:date, text:page-number, text:sequence...), text:meta, text:ruby: their shown text.
          inline(node, formats)
      }
    }
  }

  const paragraph = (node: XmlElement, kind: BlockKind, level?: number): void => {
    atSpace = true
    inline(node, [])
    builder.endBlock(kind, level)
  }

  const tableRows: number[] = []
  const blocks = (container: XmlElement | undefined, context: { kind: BlockKind | undefined; listLevel: number }): void => {
    if (!container) return
    for (const node of container.children) {
      if (typeof node === 'string') continue
      switch (node.local) {
        case 'h':
          paragraph(node, context.kind === 'footnote' ? 'footnote' : 'heading', Number(attribute(node, 'outline-level') ?? 1))
          break
        case 'p':
          paragraph(node, context.kind ?? 'paragraph', context.kind === 'listItem' ? context.listLevel : undefined)
          break
        case 'list':
          for (const item of node.children) {
            if (typeof item === 'string' || (item.local !== 'list-item' && item.local !== 'list-header')) continue
            blocks(item, { kind: context.kind === 'tableCell' || context.kind === 'footnote' ? context.kind : 'listItem', listLevel: context.listLevel + 1 })
          }
          break
        case 'table':
          // Rows are counted per table, header rows included (a nested table counts its own).
          tableRows.push(0)
          blocks(node, context)
          tableRows.pop()
          break
        case 'table-header-rows':
        case 'table-rows':
        case 'table-row-group':
          blocks(node, context)
          break
        case 'table-row': {
          const row = tableRows.length === 0 ? 1 : ++tableRows[tableRows.length - 1]!
          childElements(node, 'table-cell').forEach((cell, c) => builder.inCell(row, c + 1, () => blocks(cell, { kind: context.kind === 'footnote' ? 'footnote' : 'tableCell', listLevel: 0 })))
          break
        }
        case 'section':
        case 'text':
          blocks(node, context)
          break
        default:
        // sequence-decls, table-of-content (generated), forms, tracked-changes: no document text.
      }
    }
  }

  blocks(child(child(content, 'body'), 'text'), { kind: undefined, listLevel: 0 })
  for (let index = 0; index < notes.length; index++) blocks(notes[index], { kind: 'footnote', listLevel: 0 })
  return builder.blocks
}
