/**
 * Reads a PDF's text layer into paragraph blocks with pdfjs-dist (an optional peer dependency, loaded only when
 * a PDF comes in). Lines are the text items up to an end-of-line mark (pdf.js orders each item's characters
 * logically, right-to-left runs included); a space is put between two items of a line that stand apart by more
 * than a fifth of the font height (LibreOffice writes no space glyph between an Arabic run and the next); a new
 * paragraph starts where the gap to the previous line is more than 1.5 line heights, or at a page break after a
 * line that ends a sentence; a page number alone at the top or bottom of a page is dropped. A PDF keeps no structure beyond this: no headings, lists or codes.
 *
 * pdf.js reverses a right-to-left run character by character, so the two letters of a lam-alef ligature glyph
 * come out swapped (العلاقات read as العالقات); pdf-ligatures.ts puts them back from the page's operator list,
 * which holds each glyph's own string (see there for when it leaves a page as pdf.js gave it).
 *
 * @module
 */
import { BlockBuilder, type DocumentBlock } from './blocks.js'
import { DocumentError } from './document-error.js'
import { restoreLigatureOrder } from './pdf-ligatures.js'

/** The part of pdf.js's text item this reader uses. */
interface TextItem {
  str: string
  dir: string
  hasEOL: boolean
  width: number
  height: number
  transform: number[]
}
/** A glyph of a `showText` operation's arguments (a number there is a position adjustment). */
type ShownGlyph = { unicode: string } | number | null
interface PdfPage {
  getTextContent(): Promise<{ items: Array<TextItem | object> }>
  getOperatorList(options: { annotationMode: number }): Promise<{ fnArray: number[]; argsArray: unknown[][] }>
}
interface PdfJs {
  getDocument(options: Record<string, unknown>): { promise: Promise<{ numPages: number; getPage(index: number): Promise<PdfPage>; destroy(): Promise<void> }> }
  OPS: { showText: number }
  AnnotationMode: { DISABLE: number }
  normalizeUnicode(text: string): string
}

/**
 * The page's glyph strings in drawing order, normalized as pdf.js normalizes text items, from its operator list
 * (annotations left out: the text content has none of theirs).
 */
async function pageGlyphs(pdfjs: PdfJs, page: PdfPage): Promise<string[]> {
  const { fnArray, argsArray } = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE })
  const glyphs: string[] = []
  fnArray.forEach((fn, index) => {
    if (fn !== pdfjs.OPS.showText) return
    for (const glyph of (argsArray[index]?.[0] ?? []) as ShownGlyph[]) {
      if (glyph !== null && typeof glyph === 'object' && typeof glyph.unicode === 'string') glyphs.push(pdfjs.normalizeUnicode(glyph.unicode))
    }
  })
  return glyphs
}

/** The package, as a variable so bundlers leave it to the run time (it is an optional peer dependency). */
const pdfPackage = 'pdfjs-dist/legacy/build/pdf.mjs'

async function loadPdfJs(file: string | undefined): Promise<PdfJs> {
  try {
    return (await import(pdfPackage)) as PdfJs
  } catch (cause) {
    throw new DocumentError('reading a PDF needs the optional package pdfjs-dist (npm install pdfjs-dist@4), or save the document as .docx, .odt or .txt', {
      code: 'DOCUMENT_READER_MISSING',
      cause,
      file,
    })
  }
}

/** A line that is only a page number (Western or Arabic-Indic digits, maybe between dashes). */
const pageNumber = /^[-–—\s]*[0-9\u0660-\u0669\u06F0-\u06F9]{1,4}[-–—\s]*$/

interface Line {
  text: string
  y: number
  height: number
}

/** The lines of one page's text items. */
function pageLines(items: ReadonlyArray<TextItem | object>): Line[] {
  const lines: Line[] = []
  let text = ''
  let y = 0
  let height = 0
  let previous: TextItem | undefined
  const flush = () => {
    if (text.trim() !== '') lines.push({ text: text.trim(), y, height })
    text = ''
    previous = undefined
  }
  for (const entry of items) {
    if (!('str' in entry)) continue
    const item = entry as TextItem
    if (item.str !== '') {
      if (previous && !/\s$/.test(text) && !/^\s/.test(item.str)) {
        const x = item.transform[4]!
        const previousX = previous.transform[4]!
        // The room between the two boxes, whichever side the item stands on: a number (left to right) in an
        // Arabic line stands left of the text before it, the Arabic text after it left of the number.
        const gap = Math.max(previousX - (x + item.width), x - (previousX + previous.width))
        if (gap > 0.2 * Math.max(item.height, previous.height)) text += ' '
      }
      if (text === '') {
        y = item.transform[5]!
        height = item.height
      }
      text += item.str
      height = Math.max(height, item.height)
      previous = item
    }
    if (item.hasEOL) flush()
  }
  flush()
  return lines
}

/**
 * Reads the blocks of a PDF.
 *
 * @param bytes - the file
 * @param file - the file name, for messages
 * @returns one paragraph block per paragraph of the text layer
 * @throws {@link DocumentError} `DOCUMENT_READER_MISSING` when pdfjs-dist is not installed, `DOCUMENT_ENCRYPTED`
 *   when it needs a password, `DOCUMENT_CORRUPT` when it does not parse, `DOCUMENT_NO_TEXT` without a text layer
 * @internal
 */
export async function readPdf(bytes: Uint8Array, file: string | undefined): Promise<DocumentBlock[]> {
  const pdfjs = await loadPdfJs(file)
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0, stopAtErrors: false })
  let document: Awaited<typeof task.promise>
  try {
    document = await task.promise
  } catch (cause) {
    const name = (cause as { name?: string }).name
    if (name === 'PasswordException') throw new DocumentError('the PDF is password-protected; save an unprotected copy', { code: 'DOCUMENT_ENCRYPTED', cause, file })
    throw new DocumentError(`the PDF does not parse (${(cause as Error).message}); the file is damaged or not a PDF`, { code: 'DOCUMENT_CORRUPT', cause, file })
  }
  const builder = new BlockBuilder()
  let last: Line | undefined
  try {
    for (let index = 1; index <= document.numPages; index++) {
      const page = await document.getPage(index)
      const { items } = await page.getTextContent()
      // Only a page with right-to-left text can hold a ligature pdf.js reversed: the others skip the operator list.
      if (items.some((item) => 'dir' in item && item.dir === 'rtl')) restoreLigatureOrder(items, await pageGlyphs(pdfjs, page))
      const lines = pageLines(items)
      // A page number alone on the first or last line of a page is a header or footer, not text.
      if (lines.length > 0 && pageNumber.test(lines[lines.length - 1]!.text)) lines.pop()
      if (lines.length > 0 && pageNumber.test(lines[0]!.text)) lines.shift()
      lines.forEach((line, at) => {
        const newPage = at === 0
        const gap = last === undefined ? 0 : last.y - line.y
        const paragraphBreak = last !== undefined && (newPage ? /[.!?؟:]["'”»)]?$/.test(last.text) : gap > 1.5 * Math.max(line.height, last.height) || gap < 0)
        if (paragraphBreak) builder.endBlock('paragraph')
        // A line that wrapped after a hyphen ("counter-" / "terrorism") joins without a space: the hyphen is the
        // word's (office programs do not hyphenate unless told to).
        else if (last !== undefined && !/\p{L}-$/u.test(last.text)) builder.addText(' ')
        builder.addText(line.text)
        last = line
      })
    }
  } finally {
    await document.destroy()
  }
  builder.endBlock('paragraph')
  if (builder.blocks.length === 0) {
    throw new DocumentError('the PDF has no text layer (a scan?); run OCR on it first, or use the document it was made from', { code: 'DOCUMENT_NO_TEXT', file })
  }
  return builder.blocks
}
