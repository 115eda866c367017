/**
 * Table cells carry their row and column (DocumentBlock.row/column), which the review page shows as
 * "table r2 c1": for every producer of the feature pair (pandoc, LibreOffice, our Markdown), and in HTML with a
 * header row, a nested table and a cell of two paragraphs.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { readDocument } from 'mizan'
import { documentPath, haveOfficeTools, makeDocuments, producers } from './make-documents.js'

const cells = (blocks: ReadonlyArray<{ kind: string; text: string; row?: number; column?: number }>) =>
  blocks.filter((block) => block.kind === 'tableCell').map((block) => `${block.row ?? '?'}/${block.column ?? '?'} ${block.text}`)

describe('readDocument table cells', () => {
  it('numbers rows per table (header rows count) and cells per row in HTML, a nested table on its own', async () => {
    const html = `<table><thead><tr><th>Country</th><th>Capital</th></tr></thead>
      <tbody><tr><td>China</td><td><p>Beijing</p><p>Since 1949.</p></td></tr>
      <tr><td>Notes</td><td><table><tr><td>inner</td></tr></table></td></tr></tbody></table>`
    const { blocks } = await readDocument(html, { file: 'table.html' })
    expect(cells(blocks)).toEqual(['1/1 Country', '1/2 Capital', '2/1 China', '2/2 Beijing', '2/2 Since 1949.', '3/1 Notes', '1/1 inner'])
  })

  it('numbers a Markdown table\'s cells, the header row first', async () => {
    const { blocks } = await readDocument('| البلد | العاصمة |\n|---|---|\n| الصين | بكين |\n', { file: 'table.md' })
    expect(cells(blocks)).toEqual(['1/1 البلد', '1/2 العاصمة', '2/1 الصين', '2/2 بكين'])
  })

  it('gives no row or column to blocks outside tables', async () => {
    const { blocks } = await readDocument('# Title\n\n- item\n\nText.\n', { file: 'plain.md' })
    expect(blocks.every((block) => block.row === undefined && block.column === undefined)).toBe(true)
  })
})

describe.runIf(haveOfficeTools)('readDocument table cells of documents made by pandoc and LibreOffice', () => {
  beforeAll(() => {
    makeDocuments()
  }, 300_000)

  it.each(producers)('numbers the cells of the %s feature documents', async (producer) => {
    for (const [side, texts] of [['ar', ['البلد', 'العاصمة', 'الصين', 'بكين', 'طاجيكستان', 'دوشنبه']], ['en', ['Country', 'Capital', 'China', 'Beijing', 'Tajikistan', 'Dushanbe']]] as const) {
      const { blocks } = await readDocument(readFileSync(documentPath('feature', side, producer)), { file: documentPath('feature', side, producer) })
      expect(cells(blocks)).toEqual(texts.map((text, k) => `${Math.floor(k / 2) + 1}/${(k % 2) + 1} ${text}`))
    }
  })
})
