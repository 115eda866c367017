/**
 * Reads an HTML document into blocks with parse5 (the WHATWG HTML parsing algorithm, so broken markup reads as
 * a browser reads it): `h1`-`h6` headings, paragraphs and other flow blocks, `li` list items, `td`/`th` cells,
 * `caption`/`figcaption` captions, and footnotes (`role="doc-endnotes"` or `class="footnotes"`, as pandoc
 * writes them, DPUB-ARIA 1.0). `b`/`strong`, `i`/`em`, `u`, links, footnote references (`role="doc-noteref"`
 * or `class="footnote-ref"`), `br` and embedded objects become inline codes. White space collapses as CSS
 * `white-space: normal` renders it (CSS Text 3 §4.1.1), except in `pre`.
 *
 * @module
 */
import type { DefaultTreeAdapterMap } from 'parse5'
import { BlockBuilder, escapeAttribute, type BlockKind, type DocumentBlock, type FormatKind } from './blocks.js'

type Node = DefaultTreeAdapterMap['childNode']
type Element = DefaultTreeAdapterMap['element']

/** Elements whose content is not document text. */
const skipped = new Set(['head', 'script', 'style', 'template', 'noscript', 'title', 'meta', 'link', 'button', 'select', 'textarea', 'input'])
/** Elements shown as an object, not as text. */
const objects = new Set(['img', 'svg', 'math', 'video', 'audio', 'iframe', 'object', 'embed', 'canvas', 'picture'])
/** Elements that start and end a block of their own kind. */
const blockKinds: Record<string, BlockKind> = {
  h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  li: 'listItem', dt: 'listItem', dd: 'listItem', td: 'tableCell', th: 'tableCell', caption: 'caption', figcaption: 'caption',
}
/** Flow elements that break blocks; their own loose text is a paragraph (or the enclosing block's kind). */
const flow = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'blockquote', 'pre', 'address', 'figure', 'ul', 'ol', 'dl',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'hr', 'body', 'html', 'form', 'fieldset', 'details', 'summary', 'center',
])
const formatOf: Record<string, FormatKind> = { b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline' }

function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((attribute) => attribute.name === name)?.value
}
function hasClass(element: Element, name: string): boolean {
  return (attr(element, 'class') ?? '').split(/\s+/).includes(name)
}

/**
 * Reads the blocks of an HTML document.
 *
 * @param html - the document's text
 * @returns the blocks in reading order (footnotes where the document has them: pandoc puts them last)
 * @internal
 */
export async function readHtml(html: string): Promise<DocumentBlock[]> {
  const { parse } = await import('parse5')
  const document = parse(html)
  const builder = new BlockBuilder()
  let atSpace = true
  let preformatted = 0
  const tables: Array<{ row: number; column: number }> = []

  const end = (kind: BlockKind, level?: number): void => {
    builder.endBlock(kind, level)
    atSpace = true
  }
  const text = (value: string, formats: FormatKind[]): void => {
    let shown = value
    if (preformatted === 0) {
      shown = value.replace(/[ \t\n\r\f]+/g, ' ')
      if (atSpace && shown.startsWith(' ')) shown = shown.slice(1)
    }
    if (shown === '') return
    builder.setFormats(formats)
    builder.addText(shown)
    atSpace = preformatted === 0 && shown.endsWith(' ')
  }

  const walk = (nodes: Node[], formats: FormatKind[], kind: BlockKind): void => {
    for (const node of nodes) {
      if (node.nodeName === '#text') {
        text((node as DefaultTreeAdapterMap['textNode']).value, formats)
        continue
      }
      if (!('tagName' in node)) continue
      const element = node as Element
      const tag = element.tagName
      const children = (tag === 'template' ? [] : element.childNodes) as Node[]
      if (skipped.has(tag) || attr(element, 'role') === 'doc-backlink' || hasClass(element, 'footnote-back')) continue
      if (attr(element, 'role') === 'doc-noteref' || hasClass(element, 'footnote-ref')) {
        builder.setFormats([])
        builder.addStandalone('<footnote/>')
        continue
      }
      if (objects.has(tag)) {
        builder.setFormats([])
        builder.addStandalone('<img/>')
        continue
      }
      if (tag === 'br') {
        builder.setFormats([])
        builder.addStandalone('<br/>')
        builder.addText('\n')
        atSpace = true
        continue
      }
      const own = blockKinds[tag]
      if (own !== undefined || flow.has(tag)) {
        // A block boundary: what came before is a block of the enclosing kind.
        end(kind)
        const notes = attr(element, 'role') === 'doc-endnotes' || attr(element, 'role') === 'doc-footnotes' || hasClass(element, 'footnotes')
        const inner: BlockKind = notes || kind === 'footnote' ? 'footnote' : (own ?? (kind === 'listItem' || kind === 'tableCell' || kind === 'caption' ? kind : 'paragraph'))
        if (tag === 'pre') preformatted++
        const read = (): void => {
          walk(children, [], inner)
          end(inner, /^h[1-6]$/.test(tag) ? Number(tag[1]) : undefined)
        }
        // Rows are counted per table (a nested table counts its own), cells per row.
        const table = tables[tables.length - 1]
        if (tag === 'tr' && table !== undefined) {
          table.row++
          table.column = 0
        }
        if (tag === 'table') tables.push({ row: 0, column: 0 })
        if ((tag === 'td' || tag === 'th') && table !== undefined) builder.inCell(Math.max(1, table.row), ++table.column, read)
        else read()
        if (tag === 'table') tables.pop()
        if (tag === 'pre') preformatted--
        continue
      }
      const format = formatOf[tag]
      if (format !== undefined) {
        walk(children, formats.includes(format) ? formats : [...formats, format], kind)
        continue
      }
      if (tag === 'a' && attr(element, 'href') !== undefined) {
        builder.openElement('a', `<a href="${escapeAttribute(attr(element, 'href')!)}">`, '</a>')
        walk(children, formats, kind)
        builder.setFormats([])
        builder.closeElement('a')
        continue
      }
      walk(children, formats, kind)
    }
  }
  walk(document.childNodes as Node[], [], 'paragraph')
  end('paragraph')
  return builder.blocks
}
