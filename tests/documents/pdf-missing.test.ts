/**
 * Without the optional peer dependency pdfjs-dist, a PDF is refused with DOCUMENT_READER_MISSING naming the
 * package (the package is mocked away for this file: it is installed as a dev dependency).
 */
import { describe, expect, it, vi } from 'vitest'
import { readDocument } from 'mizan'

vi.mock('pdfjs-dist/legacy/build/pdf.mjs', () => {
  throw new Error("Cannot find package 'pdfjs-dist'")
})

describe('readDocument without pdfjs-dist', () => {
  it('refuses a PDF, naming the package to install', async () => {
    const error = await readDocument(new TextEncoder().encode('%PDF-1.7\n'), { file: 'report.pdf' }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ name: 'DocumentError', code: 'DOCUMENT_READER_MISSING', file: 'report.pdf' })
    expect((error as Error).message).toMatch(/report\.pdf: reading a PDF needs the optional package pdfjs-dist/)
  })
})
