/**
 * Files readDocument refuses, each with its DocumentError code and a message naming the file: corrupt and
 * truncated zips, zip bombs (ratio, lying sizes, entry count, total size), encrypted packages, an old binary
 * .doc named .docx (written by LibreOffice), other Office packages, files past the size limit, unsafe XML.
 * PDF refusals are in pdf.test.ts.
 */
import { readFileSync } from 'node:fs'
import { zipSync, strToU8 } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { alignFiles, DocumentError, isDocumentError, readDocument, type DocumentErrorCode, type ReadDocumentOptions } from 'mizan'
import { binaryDocPath, documentPath, haveOfficeTools, makeDocuments } from './make-documents.js'

const wordTypes = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const documentXml = (text: string) => `<?xml version="1.0"?><w:document xmlns:w="${w}"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`

/** A minimal .docx package (zipped by fflate: the bytes, not the office content, are what these tests are about). */
function docx(document: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({ '[Content_Types].xml': strToU8(wordTypes), 'word/document.xml': strToU8(document), ...extra })
}

/** Offset of the central directory entry of `name` (APPNOTE §4.3.12). */
function centralEntry(zip: Uint8Array, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  for (let at = 0; at + 46 < zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue
    const length = view.getUint16(at + 28, true)
    if (new TextDecoder().decode(zip.subarray(at + 46, at + 46 + length)) === name) return at
  }
  throw new Error(`test: no entry ${name}`)
}

async function refusal(bytes: Uint8Array | string, options: ReadDocumentOptions & { file: string }): Promise<DocumentError> {
  const error = await readDocument(bytes, options).then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(isDocumentError(error), String(error)).toBe(true)
  expect(error).toBeInstanceOf(DocumentError)
  expect((error as DocumentError).message).toContain(options.file)
  return error as DocumentError
}

async function expectRefusal(bytes: Uint8Array | string, options: ReadDocumentOptions & { file: string }, code: DocumentErrorCode, message: RegExp): Promise<void> {
  const error = await refusal(bytes, options)
  expect(error.code).toBe(code)
  expect(error.message).toMatch(message)
}

describe('readDocument refuses bad files', () => {
  it('reads the minimal package these tests break, so each refusal is about the damage', async () => {
    expect((await readDocument(docx(documentXml('نص')), { file: 'ok.docx' })).blocks.map((block) => block.text)).toEqual(['نص'])
  })

  it('refuses a truncated zip (no central directory)', async () => {
    const whole = docx(documentXml('نص'))
    await expectRefusal(whole.subarray(0, Math.floor(whole.length / 2)), { file: 'cut.docx' }, 'DOCUMENT_CORRUPT', /no central directory.*truncated/)
  })

  it('refuses an entry whose compressed data is damaged', async () => {
    const zip = docx(documentXml('نص '.repeat(500)))
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
    const entry = centralEntry(zip, 'word/document.xml')
    const local = view.getUint32(entry + 42, true)
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    zip.fill(0xff, data, data + 20)
    await expectRefusal(zip, { file: 'damaged.docx' }, 'DOCUMENT_CORRUPT', /word\/document\.xml.*(does not inflate|inflates to)/)
  })

  it('refuses a zip bomb by its compression ratio before inflating it', async () => {
    const bomb = docx(documentXml('a'.repeat(20 * 2 ** 20)))
    expect(bomb.length).toBeLessThan(2 ** 20)
    await expectRefusal(bomb, { file: 'bomb.docx' }, 'DOCUMENT_UNSAFE', /maxRatio.*zip bomb/)
  })

  it('refuses an entry that inflates past the size its header declares (counted, not trusted)', async () => {
    const zip = docx(documentXml('نص '.repeat(50_000)))
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
    view.setUint32(centralEntry(zip, 'word/document.xml') + 24, 1000, true)
    await expectRefusal(zip, { file: 'liar.docx' }, 'DOCUMENT_UNSAFE', /more than its declared 1000 bytes/)
  })

  it('refuses a package with more entries than the limit (default 10,000)', async () => {
    const files: Record<string, Uint8Array> = {}
    for (let index = 0; index < 10_001; index++) files[`media/${index}.txt`] = new Uint8Array(0)
    await expectRefusal(docx(documentXml('نص'), files), { file: 'many.docx' }, 'DOCUMENT_UNSAFE', /10003 entries, more than the limit of 10000/)
    await expectRefusal(docx(documentXml('نص'), { a: new Uint8Array(1) }), { file: 'three.docx', zipLimits: { maxEntries: 2 } }, 'DOCUMENT_UNSAFE', /3 entries/)
  })

  it('refuses a package that inflates past maxTotalBytes', async () => {
    await expectRefusal(docx(documentXml('x'.repeat(5000))), { file: 'big.docx', zipLimits: { maxTotalBytes: 2000 } }, 'DOCUMENT_UNSAFE', /maxTotalBytes/)
  })

  it('refuses an encrypted zip entry', async () => {
    const zip = docx(documentXml('نص'))
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
    const flags = centralEntry(zip, 'word/document.xml') + 8
    view.setUint16(flags, view.getUint16(flags, true) | 1, true)
    await expectRefusal(zip, { file: 'locked.docx' }, 'DOCUMENT_ENCRYPTED', /password-protected/)
  })

  it('refuses a password-protected Word file (an OLE2 compound file holding EncryptedPackage, MS-OFFCRYPTO)', async () => {
    const header = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
    const bytes = new Uint8Array([...header, ...new Uint8Array(504), ...Buffer.from('EncryptedPackage', 'utf16le'), ...new Uint8Array(64)])
    await expectRefusal(bytes, { file: 'secret.docx' }, 'DOCUMENT_ENCRYPTED', /password-protected/)
  })

  it('refuses a password-protected .odt (its manifest lists encryption data)', async () => {
    const manifest = '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>'
    const odt = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'META-INF/manifest.xml': strToU8(manifest), 'content.xml': new Uint8Array([1, 2, 3]) })
    await expectRefusal(odt, { file: 'secret.odt' }, 'DOCUMENT_ENCRYPTED', /password-protected/)
  })

  it('refuses Office packages that are not text documents (a spreadsheet, an ODF presentation)', async () => {
    const xlsx = zipSync({ '[Content_Types].xml': strToU8(wordTypes.replace('wordprocessingml.document.main', 'spreadsheetml.sheet.main')) })
    await expectRefusal(xlsx, { file: 'sheet.docx' }, 'DOCUMENT_UNSUPPORTED', /not a Word document/)
    const odp = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.presentation') })
    await expectRefusal(odp, { file: 'slides.odt' }, 'DOCUMENT_UNSUPPORTED', /opendocument\.presentation/)
    await expectRefusal(zipSync({ 'a.txt': strToU8('x') }), { file: 'plain.zip' }, 'DOCUMENT_UNSUPPORTED', /neither a \.docx nor an \.odt/)
  })

  it('refuses a DOCTYPE in a part (no entity expansion), naming the part and line', async () => {
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a "aaaa">]>\n${documentXml('&a;').replace('<?xml version="1.0"?>', '')}`
    await expectRefusal(docx(laughs), { file: 'laughs.docx' }, 'DOCUMENT_CORRUPT', /word\/document\.xml.*line 2/)
  })

  it('refuses a file past maxBytes before reading it (a 200 MB HTML page against a 1 KiB limit; 64 MiB by default)', async () => {
    await expectRefusal('<p>' + 'نص '.repeat(2000) + '</p>', { file: 'huge.html', maxBytes: 1024 }, 'DOCUMENT_TOO_LARGE', /more than the limit of 1024/)
    await expectRefusal(new Uint8Array(64 * 2 ** 20 + 1), { file: 'huge.html' }, 'DOCUMENT_TOO_LARGE', /more than the limit of 67108864/)
  })

  it('refuses text that is not UTF-8', async () => {
    await expectRefusal(new Uint8Array([0xc7, 0xe1, 0xd3, 0x20, 0xe3]), { file: 'cp1256.txt' }, 'DOCUMENT_UNSUPPORTED', /not UTF-8|neither/)
  })

  it('alignFiles refuses before aligning, naming the bad side', async () => {
    const error = await alignFiles(docx(documentXml('نص')), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]), { sourceLang: 'ar', targetLang: 'en', sourceFile: 'ar.docx', targetFile: 'en.docx' }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ name: 'DocumentError', code: 'DOCUMENT_CORRUPT', file: 'en.docx' })
  })
})

describe.runIf(haveOfficeTools)('readDocument refuses real old files', () => {
  beforeAll(() => {
    makeDocuments()
  }, 300_000)

  it('refuses a .docx that is really a Word 97 .doc (written by LibreOffice), saying to save it as .docx', async () => {
    await expectRefusal(readFileSync(binaryDocPath()), { file: 'report.docx' }, 'DOCUMENT_UNSUPPORTED', /old binary Word \(\.doc\).*save it as \.docx/)
  })

  it('refuses a truncated real .docx', async () => {
    const real = readFileSync(documentPath('feature', 'ar', 'libreoffice-docx'))
    await expectRefusal(real.subarray(0, real.length - 100), { file: 'cut.docx' }, 'DOCUMENT_CORRUPT', /truncated/)
  })
})
