/**
 * readDocument on documents made by pandoc and LibreOffice (see make-documents.ts): every producer's .docx,
 * .odt, .html and our Markdown give the same blocks, kinds and inline codes.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { readDocument, type DocumentBlock } from 'mizan'
import { documentPath, haveOfficeTools, makeDocuments, producers, type Side } from './make-documents.js'

const expectedTexts: Record<Side, string[]> = {
  ar: ['تقرير القمة', 'افتتحت القمة صباح الجمعة في مدينة سمرقند القديمة. ونشرت المنظمة البيان الختامي.', 'نتائج القمة', 'وقع الطرفان اتفاقية للتجارة.', 'اتفقا على تعزيز النقل.', 'البلد', 'العاصمة', 'الصين', 'بكين', 'طاجيكستان', 'دوشنبه', 'صدر البيان باللغتين.'],
  en: ['Summit report', 'The summit opened on Friday morning in the old city of Samarkand. The organization published the final statement.', 'Summit results', 'The two sides signed a trade agreement.', 'They agreed to strengthen transport.', 'Country', 'Capital', 'China', 'Beijing', 'Tajikistan', 'Dushanbe', 'The statement was issued in both languages.'],
}
const expectedKinds = ['heading', 'paragraph', 'heading', 'listItem', 'listItem', 'tableCell', 'tableCell', 'tableCell', 'tableCell', 'tableCell', 'tableCell', 'footnote']
const expectedFormatted: Record<Side, Array<[string, string]>> = {
  ar: [['<b>', 'صباح الجمعة'], ['<i>', 'سمرقند'], ['<a href="https://example.org/sco">', 'المنظمة']],
  en: [['<b>', 'Friday morning'], ['<i>', 'Samarkand'], ['<a href="https://example.org/sco">', 'organization']],
}

/** The text between each open code and its close, with the open's data. */
function formatted(block: DocumentBlock): Array<[string, string]> {
  const result: Array<[string, string]> = []
  block.content.forEach((item, index) => {
    if (typeof item === 'string' || item.kind !== 'open') return
    const end = block.content.findIndex((other, at) => at > index && typeof other !== 'string' && other.kind === 'close' && other.id === item.id)
    result.push([item.data!, block.content.slice(index + 1, end).filter((part) => typeof part === 'string').join('')])
  })
  return result
}

describe.runIf(haveOfficeTools)('readDocument', () => {
  // pandoc and LibreOffice take 10-30 s the first time in a run; later files reuse the folder.
  beforeAll(() => {
    makeDocuments()
  }, 300_000)

  const expectedFormat = { markdown: 'markdown', 'pandoc-html': 'html', 'pandoc-docx': 'docx', 'pandoc-odt': 'odt', 'libreoffice-docx': 'docx', 'libreoffice-odt': 'odt' } as const
  for (const producer of producers) {
    for (const side of ['ar', 'en'] as const) {
      it(`reads the ${side} feature document written by ${producer}: headings, list, table, footnote and codes`, async () => {
        const path = documentPath('feature', side, producer)
        const { format, blocks } = await readDocument(readFileSync(path), { file: path })
        expect(format).toBe(expectedFormat[producer])
        expect(blocks.map((block) => block.kind)).toEqual(expectedKinds)
        expect(blocks.map((block) => block.text.trim())).toEqual(expectedTexts[side])
        expect(blocks.filter((block) => block.kind === 'heading').map((block) => block.level)).toEqual([1, 2])
        const paragraph = blocks[1]!
        expect(formatted(paragraph)).toEqual(expectedFormatted[side])
        // The footnote reference stands right after the sentence it annotates, as a code without text.
        const last = paragraph.content[paragraph.content.length - 1]
        expect(last).toMatchObject({ kind: 'standalone', data: '<footnote/>' })
        for (const block of blocks) expect(block.content.filter((item) => typeof item === 'string').join('')).toBe(block.text)
      })
    }
  }

  it('tells the format by content, not by the file name', async () => {
    const docx = readFileSync(documentPath('feature', 'en', 'libreoffice-docx'))
    expect((await readDocument(docx, { file: 'misnamed.txt' })).format).toBe('docx')
    const odt = readFileSync(documentPath('feature', 'en', 'pandoc-odt'))
    expect((await readDocument(odt, { file: 'misnamed.docx' })).format).toBe('odt')
    const html = readFileSync(documentPath('feature', 'en', 'pandoc-html'))
    expect((await readDocument(html, { file: 'page.txt' })).format).toBe('html')
  })
})

describe('readDocument on hand-written inputs', () => {
  it('keeps nesting valid when runs overlap formats (bold, then bold italic, then italic)', async () => {
    const { blocks } = await readDocument('<p><b>one <i>two</b> three</i></p>', { file: 'a.html' })
    const codes = blocks[0]!.content.filter((item) => typeof item !== 'string').map((item) => (typeof item === 'string' ? '' : `${item.kind}:${item.data}`))
    // Every open is closed in reverse order: a well-nested sequence.
    const stack: string[] = []
    for (const code of codes) {
      if (code.startsWith('open:')) stack.push(code.slice(6, -1))
      else if (code.startsWith('close:')) expect(code.slice(8, -1)).toBe(stack.pop())
    }
    expect(stack).toEqual([])
    expect(blocks[0]!.text).toBe('one two three')
  })

  it('keeps a line break as a code and as the break in the text, never joining two words', async () => {
    const { blocks } = await readDocument('<p>سطر أول<br>سطر ثان</p>', { file: 'a.html' })
    expect(blocks[0]!.text).toBe('سطر أول\nسطر ثان')
    expect(blocks[0]!.content).toEqual(['سطر أول', { kind: 'standalone', id: '1', data: '<br/>' }, '\nسطر ثان'])
  })

  it('reads plain text as one paragraph block per line', async () => {
    const { format, blocks } = await readDocument(new TextEncoder().encode('الأول.\n\nالثاني.\n'), { file: 'a.txt' })
    expect(format).toBe('text')
    expect(blocks.map((block) => block.text)).toEqual(['الأول.', 'الثاني.'])
  })

  it('reads Markdown by its extension, resolving escapes', async () => {
    const { format, blocks } = await readDocument('# عنوان\n\nنص \\*ليس\\* مائلا.\n', { file: 'a.md' })
    expect(format).toBe('markdown')
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'عنوان', content: ['عنوان'] },
      { kind: 'paragraph', text: 'نص *ليس* مائلا.', content: ['نص *ليس* مائلا.'] },
    ])
  })
})

describe('readDocument encodings', () => {
  it('reads a legacy Arabic HTML page in the windows-1256 its <meta charset> declares', async () => {
    const head = new TextEncoder().encode('<html><head><meta charset="windows-1256"></head><body><p>')
    // السلام in windows-1256.
    const word = [0xc7, 0xe1, 0xd3, 0xe1, 0xc7, 0xe3]
    const tail = new TextEncoder().encode('</p></body></html>')
    const { blocks } = await readDocument(new Uint8Array([...head, ...word, ...tail]), { file: 'old.html' })
    expect(blocks.map((block) => block.text)).toEqual(['السلام'])
  })

  it('refuses the same bytes without a declaration (not UTF-8)', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('<html><body><p>'), 0xc7, 0xe1, 0xd3, ...new TextEncoder().encode('</p>')])
    await expect(readDocument(bytes, { file: 'old.html' })).rejects.toMatchObject({ code: 'DOCUMENT_UNSUPPORTED' })
  })
})
