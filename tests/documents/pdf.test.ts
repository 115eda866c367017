/**
 * PDF text layers (pdfjs-dist, an optional peer dependency): PDFs exported by LibreOffice align to the gold
 * beads; a password, a file without a text layer and a damaged file are each refused with their code.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { alignFiles, readDocument, type DocumentErrorCode } from 'mizan'
import { haveOfficeTools, makeDocuments, pdfPath } from './make-documents.js'

const gold = JSON.parse(readFileSync(new URL('../../corpus/xi-rahmon-samarkand/gold.json', import.meta.url), 'utf8')) as Array<{ ar: number[]; en: number[] }>

/** A one-page PDF with a filled square and no text (what a scan without OCR looks like to a text reader). */
function pdfWithoutText(): Uint8Array {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>']
  const drawing = '0 0 1 rg 100 100 200 200 re f'
  objects.push(`<< /Length ${drawing.length} >>\nstream\n${drawing}\nendstream`)
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(body.length)
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(body)
}

async function codeOf(bytes: Uint8Array, file: string): Promise<{ code: DocumentErrorCode; message: string }> {
  const error = (await readDocument(bytes, { file }).catch((caught: unknown) => caught)) as { code: DocumentErrorCode; message: string }
  return { code: error.code, message: error.message }
}

describe('readDocument on PDF', () => {
  it('refuses a PDF without a text layer', async () => {
    const { code, message } = await codeOf(pdfWithoutText(), 'scan.pdf')
    expect(code).toBe('DOCUMENT_NO_TEXT')
    expect(message).toMatch(/scan\.pdf: the PDF has no text layer.*OCR/)
  })

  it('refuses a damaged PDF', async () => {
    const { code, message } = await codeOf(new TextEncoder().encode('%PDF-1.7\nnothing else'), 'broken.pdf')
    expect(code).toBe('DOCUMENT_CORRUPT')
    expect(message).toMatch(/broken\.pdf/)
  })
})

describe.runIf(haveOfficeTools)('readDocument on PDFs exported by LibreOffice', () => {
  beforeAll(() => {
    makeDocuments()
  }, 300_000)

  it('aligns the corpus pair exported as PDF to exactly the gold beads', async () => {
    const result = await alignFiles(readFileSync(pdfPath('corpus', 'ar')), readFileSync(pdfPath('corpus', 'en')), { sourceLang: 'ar', targetLang: 'en', sourceFile: 'ar.pdf', targetFile: 'en.pdf' })
    expect([result.sourceFormat, result.targetFormat]).toEqual(['pdf', 'pdf'])
    expect(result.beads.map((bead) => ({ ar: bead.source, en: bead.target }))).toEqual(gold)
  })

  it('reads the English article text as written, line wraps joined', async () => {
    const { blocks } = await readDocument(readFileSync(pdfPath('corpus', 'en')), { file: 'en.pdf' })
    const lines = readFileSync(new URL('../../corpus/xi-rahmon-samarkand/en.txt', import.meta.url), 'utf8').trimEnd().split('\n')
    expect(blocks.map((block) => block.text)).toEqual(lines)
  })

  it('refuses a PDF with an open password', async () => {
    const { code, message } = await codeOf(readFileSync(pdfPath('locked', 'ar')), 'locked.pdf')
    expect(code).toBe('DOCUMENT_ENCRYPTED')
    expect(message).toMatch(/locked\.pdf: the PDF is password-protected/)
  })
})
