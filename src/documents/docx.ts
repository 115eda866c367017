/**
 * Reads a .docx (Office Open XML, ECMA-376 Part 1 §17) into blocks: paragraphs by their style (headings by
 * `heading N`/`Title` styles or `w:outlineLvl`, list items by `w:numPr`, captions), table cells, and footnotes
 * and endnotes (ECMA-376 §17.11) after the body in the order they are referenced. Runs' bold, italic and underline
 * (§17.3.2), hyperlinks (§17.16.22), footnote references, breaks and drawings become inline codes.
 *
 * @module
 */
import { childElements, type XmlElement } from '../formats/xml.js'
import { BlockBuilder, escapeAttribute, type BlockKind, type DocumentBlock, type FormatKind } from './blocks.js'
import { DocumentError } from './document-error.js'
import { attribute, child, parseXmlPart } from './xml-part.js'
import type { ZipPackage } from './zip.js'

/** `w:val` switches (§17.17.4 ST_OnOff): absent means on. */
function isOn(element: XmlElement | undefined): boolean {
  if (!element) return false
  const value = attribute(element, 'val')
  return value === undefined || !['0', 'false', 'off', 'none'].includes(value)
}

/** Relationship targets by id (word/_rels/document.xml.rels), for hyperlinks. */
function readRelationships(zip: ZipPackage, file: string | undefined): Map<string, string> {
  const part = 'word/_rels/document.xml.rels'
  const text = zip.readText(part)
  const targets = new Map<string, string>()
  if (text === undefined) return targets
  for (const relationship of childElements(parseXmlPart(text, part, file), 'Relationship')) {
    const id = attribute(relationship, 'Id')
    const target = attribute(relationship, 'Target')
    if (id !== undefined && target !== undefined) targets.set(id, target)
  }
  return targets
}

/** Style ids to lower-case names (`Heading1` → `heading 1`), from word/styles.xml. */
function readStyleNames(zip: ZipPackage, file: string | undefined): Map<string, string> {
  const part = 'word/styles.xml'
  const text = zip.readText(part)
  const names = new Map<string, string>()
  if (text === undefined) return names
  for (const style of childElements(parseXmlPart(text, part, file), 'style')) {
    const id = attribute(style, 'styleId')
    const name = attribute(child(style, 'name'), 'val')
    if (id !== undefined) names.set(id, (name ?? id).toLowerCase())
  }
  return names
}

/**
 * Reads the blocks of a .docx package.
 *
 * @param zip - the opened package
 * @param file - the file name, for messages
 * @returns the blocks in reading order, footnotes last
 * @throws {@link DocumentError} `DOCUMENT_CORRUPT` when word/document.xml is missing or does not parse
 * @internal
 */
export function readDocx(zip: ZipPackage, file: string | undefined): DocumentBlock[] {
  const part = 'word/document.xml'
  const text = zip.readText(part)
  if (text === undefined) throw new DocumentError('the package has no word/document.xml: it is not a Word document; save it as .docx again', { code: 'DOCUMENT_CORRUPT', part, file })
  const body = child(parseXmlPart(text, part, file), 'body')
  const links = readRelationships(zip, file)
  const styles = readStyleNames(zip, file)
  const builder = new BlockBuilder()
  const footnotes: string[] = []
  const endnotes: string[] = []

  const paragraphKind = (paragraph: XmlElement, inCell: boolean): { kind: BlockKind; level?: number } => {
    const properties = child(paragraph, 'pPr')
    const styleId = attribute(child(properties, 'pStyle'), 'val')
    const style = styleId === undefined ? '' : (styles.get(styleId) ?? styleId.toLowerCase())
    const heading = /^heading\s*(\d)/.exec(style)
    if (heading) return { kind: 'heading', level: Number(heading[1]) }
    if (style === 'title' || style === 'subtitle') return { kind: 'heading', level: style === 'title' ? 1 : 2 }
    const outline = attribute(child(properties, 'outlineLvl'), 'val')
    if (outline !== undefined && Number(outline) < 9) return { kind: 'heading', level: Number(outline) + 1 }
    if (inCell) return { kind: 'tableCell' }
    if (style === 'caption') return { kind: 'caption' }
    const numbering = child(properties, 'numPr')
    if (numbering || style.startsWith('list')) return { kind: 'listItem', level: Number(attribute(child(numbering, 'ilvl'), 'val') ?? 0) + 1 }
    return { kind: 'paragraph' }
  }

  const run = (element: XmlElement): void => {
    const properties = child(element, 'rPr')
    const characterStyle = (attribute(child(properties, 'rStyle'), 'val') ?? '').toLowerCase()
    const formats: FormatKind[] = []
    if (isOn(child(properties, 'b')) || characterStyle === 'strong') formats.push('bold')
    if (isOn(child(properties, 'i')) || characterStyle === 'emphasis') formats.push('italic')
    if (isOn(child(properties, 'u'))) formats.push('underline')
    for (const node of element.children) {
      if (typeof node === 'string') continue
      switch (node.local) {
        case 't':
          builder.setFormats(formats)
          builder.addText(node.children.filter((c) => typeof c === 'string').join(''))
          break
        case 'tab':
          builder.setFormats(formats)
          builder.addText('\t')
          break
        case 'noBreakHyphen':
          builder.addText('\u2011')
          break
        case 'br':
        case 'cr':
          // A line, page or column break is a code and stays in the text as the break it is (words either side
          // of it are two words).
          builder.setFormats([])
          builder.addStandalone('<br/>')
          builder.addText('\n')
          break
        case 'footnoteReference':
        case 'endnoteReference': {
          builder.setFormats([])
          builder.addStandalone('<footnote/>')
          const id = attribute(node, 'id')
          if (id !== undefined) (node.local === 'footnoteReference' ? footnotes : endnotes).push(id)
          break
        }
        case 'drawing':
        case 'pict':
        case 'object':
        case 'AlternateContent':
          builder.setFormats([])
          builder.addStandalone('<img/>')
          break
        default:
        // footnoteRef (the number inside a footnote), instrText (field code), delText, fldChar, rPr: no text.
      }
    }
  }

  const inline = (element: XmlElement): void => {
    for (const node of element.children) {
      if (typeof node === 'string') continue
      switch (node.local) {
        case 'r':
          run(node)
          break
        case 'hyperlink': {
          const id = attribute(node, 'id')
          const anchor = attribute(node, 'anchor')
          const target = id !== undefined ? links.get(id) : anchor !== undefined ? `#${anchor}` : undefined
          builder.openElement('a', `<a href="${escapeAttribute(target ?? '')}">`, '</a>')
          inline(node)
          builder.closeElement('a')
          break
        }
        case 'ins':
        case 'smartTag':
        case 'customXml':
        case 'fldSimple':
        case 'sdtContent':
          inline(node)
          break
        case 'sdt':
          inline(child(node, 'sdtContent') ?? node)
          break
        default:
        // pPr, del (deleted text), bookmarks, proofErr, comments: no text.
      }
    }
  }

  const blocks = (container: XmlElement | undefined, inCell: boolean, inFootnote: boolean): void => {
    if (!container) return
    for (const node of container.children) {
      if (typeof node === 'string') continue
      if (node.local === 'p') {
        inline(node)
        const { kind, level } = inFootnote ? { kind: 'footnote' as const, level: undefined } : paragraphKind(node, inCell)
        builder.endBlock(kind, level)
      } else if (node.local === 'tbl') {
        childElements(node, 'tr').forEach((row, r) => childElements(row, 'tc').forEach((cell, c) => builder.inCell(r + 1, c + 1, () => blocks(cell, true, inFootnote))))
      } else if (node.local === 'sdt') {
        blocks(child(node, 'sdtContent'), inCell, inFootnote)
      } else if (node.local === 'customXml' || node.local === 'ins') {
        blocks(node, inCell, inFootnote)
      }
    }
  }

  blocks(body, false, false)
  // Footnotes, then endnotes (ECMA-376 §17.11.10, §17.11.2), each in the order the body references them.
  for (const [part, element, ids] of [['word/footnotes.xml', 'footnote', footnotes], ['word/endnotes.xml', 'endnote', endnotes]] as const) {
    if (ids.length === 0) continue
    const notesText = zip.readText(part)
    if (notesText === undefined) continue
    const byId = new Map(childElements(parseXmlPart(notesText, part, file), element).map((note) => [attribute(note, 'id'), note]))
    for (const id of ids) blocks(byId.get(id), false, true)
  }
  return builder.blocks
}
