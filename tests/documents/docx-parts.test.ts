/**
 * .docx details office programs write that the pandoc/LibreOffice test documents do not show: endnotes, tracked
 * insertions and deletions, field codes, text boxes, page breaks, underline switched off. The packages are zipped
 * here (fflate) around XML written to ECMA-376; what is tested is our reading of that XML.
 */
import { zipSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readDocument } from 'mizan'

const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const types = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'

function docx(body: string, parts: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = { '[Content_Types].xml': strToU8(types), 'word/document.xml': strToU8(`<w:document xmlns:w="${w}"><w:body>${body}</w:body></w:document>`) }
  for (const [name, xml] of Object.entries(parts)) files[name] = strToU8(xml)
  return zipSync(files)
}

describe('readDocument on .docx parts', () => {
  it('puts footnotes, then endnotes, after the body, each where the body references it', async () => {
    const body = '<w:p><w:r><w:t>نص.</w:t></w:r><w:r><w:endnoteReference w:id="3"/></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>'
    const notes = (kind: string, id: string, text: string) => `<w:${kind}s xmlns:w="${w}"><w:${kind} w:id="${id}"><w:p><w:r><w:${kind}Ref/></w:r><w:r><w:t>${text}</w:t></w:r></w:p></w:${kind}></w:${kind}s>`
    const { blocks } = await readDocument(docx(body, { 'word/footnotes.xml': notes('footnote', '2', 'حاشية.'), 'word/endnotes.xml': notes('endnote', '3', 'تعليق ختامي.') }), { file: 'notes.docx' })
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      ['paragraph', 'نص.'],
      ['footnote', 'حاشية.'],
      ['footnote', 'تعليق ختامي.'],
    ])
    expect(blocks[0]!.content.filter((item) => typeof item !== 'string')).toHaveLength(2)
  })

  it('reads tracked insertions, leaves out tracked deletions and field codes, keeps field results', async () => {
    const body =
      '<w:p><w:r><w:t xml:space="preserve">Seen </w:t></w:r><w:del><w:r><w:delText>deleted </w:delText></w:r></w:del><w:ins><w:r><w:t xml:space="preserve">inserted </w:t></w:r></w:ins>' +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    const { blocks } = await readDocument(docx(body), { file: 'tracked.docx' })
    expect(blocks.map((block) => block.text)).toEqual(['Seen inserted 7'])
  })

  it('makes a page break and a line break each a code with its break (never joining two words), and honours w:val="0"', async () => {
    const body = '<w:p><w:r><w:rPr><w:b w:val="0"/><w:u w:val="none"/></w:rPr><w:t>one</w:t><w:br w:type="page"/><w:t>two</w:t><w:br/><w:t>three</w:t></w:r></w:p>'
    const { blocks } = await readDocument(docx(body), { file: 'breaks.docx' })
    expect(blocks[0]!.content).toEqual(['one', { kind: 'standalone', id: '1', data: '<br/>' }, '\ntwo', { kind: 'standalone', id: '2', data: '<br/>' }, '\nthree'])
  })

  it('refuses an unknown format option', async () => {
    await expect(readDocument('x', { format: 'rtf' as never })).rejects.toMatchObject({ name: 'OptionsError', option: 'format' })
  })
})
