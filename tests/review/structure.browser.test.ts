/**
 * Documents' structure on the review pages, in headless Chromium (Debian `chromium`, driven by playwright-core):
 * on the formatted corpus pair (the .docx LibreOffice wrote, tests/documents/make-documents.ts) the bold, italic
 * and linked phrases show as markers around exactly those phrases, in the beads the gold fixes, with the same id
 * on both sides; the feature pair's headings, table cells, list items and footnote carry their labels, on the
 * read-only page and in the editor. Markers add no text (a selection copies the sentence alone) and sit in
 * right-to-left cells as isolated boxes. The screenshots go to test-results/review (tests/helpers/artifacts.ts); they were looked at.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { alignFiles, renderReviewPage, type FileAlignment } from 'mizan'
import { toDocumentStructure } from '../../src/review/document-structure.js'
import { renderStaticEditorPage } from '../../src/review/page-html.js'
import { toStaticReviewData } from '../../src/review/static-data.js'
import { corpusMarks, documentPath, haveOfficeTools, makeDocuments, type PairName } from '../documents/make-documents.js'
import { haveTool, pathExists } from '../helpers/tools.js'
import { bundlePageScript } from './page-bundle.js'
import { artifactPath } from '../helpers/artifacts.js'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = haveTool('chromium (Debian chromium)', () => pathExists(CHROMIUM))

async function alignPair(pair: PairName): Promise<FileAlignment> {
  const read = (side: 'ar' | 'en') => readFileSync(documentPath(pair, side, 'libreoffice-docx'))
  return alignFiles(read('ar'), read('en'), { sourceLang: 'ar', targetLang: 'en', sourceFile: 'ar.docx', targetFile: 'en.docx' })
}

/** In a cell, each open marker's label and the text up to its close (the same id). */
async function markedPhrases(page: Page, cell: string): Promise<Array<[string, string]>> {
  return page.locator(cell).evaluate((element) => {
    const found: Array<[string, string]> = []
    for (const open of Array.from(element.querySelectorAll<HTMLElement>('.code.open'))) {
      let text = ''
      for (let node = open.nextSibling; node !== null; node = node.nextSibling) {
        if (node instanceof HTMLElement && node.matches(`.code.close[data-code-id="${open.dataset['codeId']}"]`)) break
        text += node.textContent ?? ''
      }
      found.push([open.dataset['label']!, text])
    }
    return found
  })
}

describe.runIf(hasChromium && haveOfficeTools)('documents\' structure on the review pages, in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mizan-structure-page-'))
  let browser: Browser
  let corpus: FileAlignment
  let feature: FileAlignment

  beforeAll(async () => {
    makeDocuments()
    ;[corpus, feature] = await Promise.all([alignPair('corpus'), alignPair('feature')])
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
  })

  async function open(name: string, html: string): Promise<{ page: Page; problems: string[] }> {
    writeFileSync(join(dir, name), html)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems: string[] = []
    page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text()) })
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(pathToFileURL(join(dir, name)).href)
    return { page, problems }
  }

  it('marks the corpus pair\'s bold, italic and link around their phrases, in the gold beads, paired by id', async () => {
    const { page, problems } = await open('corpus-review.html', renderReviewPage(corpus, { generatedAt: 'test' }))
    // The row of the sentence holding the phrase in the given line (a block: one paragraph per line).
    const row = (side: 'ar' | 'en', phrase: string, line: number) => {
      const [sentences, blocks] = side === 'ar' ? [corpus.sourceSentences, corpus.sourceBlocks] : [corpus.targetSentences, corpus.targetBlocks]
      const lineStart = blocks.slice(0, line).reduce((offset, block) => offset + block.text.length + 2, 0)
      const index = sentences.findIndex((sentence) => sentence.start >= lineStart && sentence.text.includes(phrase))
      expect(index).toBeGreaterThanOrEqual(0)
      return `tr:has(td.${side === 'ar' ? 'source' : 'target'} span.n[title="sentence ${index + 1}"])`
    }
    const names = { bold: 'b', italic: 'i', link: 'link' }
    for (const [k, mark] of corpusMarks.ar.entries()) {
      const english = corpusMarks.en[k]!
      // The Arabic phrase and its English counterpart are in one bead (the gold pairs their lines).
      const bead = row('ar', mark.phrase, mark.line)
      expect(await page.locator(bead).getAttribute('id')).toBe(await page.locator(row('en', english.phrase, english.line)).getAttribute('id'))
      const source = await markedPhrases(page, `${bead} td.source`)
      const target = await markedPhrases(page, `${bead} td.target`)
      expect(source).toEqual([[`${names[mark.kind]}1`, mark.phrase]])
      expect(target).toEqual([[`${names[english.kind]}1`, english.phrase]])
    }
    // Three pairs of markers a side, nowhere else; each says what it is.
    expect(await page.locator('td.source .code').count()).toBe(6)
    expect(await page.locator('td.target .code').count()).toBe(6)
    const labels = await page.locator('.code').evaluateAll((markers) => markers.map((marker) => [marker.getAttribute('role'), marker.getAttribute('aria-label')]))
    expect(labels.every(([role, label]) => role === 'img' && /^(bold|italic|link) 1 (starts|ends)$/.test(label ?? ''))).toBe(true)
    // A selection of the bold sentence copies the sentence alone: the markers are drawn, not text.
    const first = corpus.sourceSentences.findIndex((sentence) => sentence.text.includes(corpusMarks.ar[0]!.phrase))
    expect(corpusMarks.ar[0]!.line).toBe(0)
    const copied = await page.locator(`td.source p:has(span.n[title="sentence ${first + 1}"])`).evaluate((p) => {
      const range = document.createRange()
      range.selectNodeContents(p)
      getSelection()!.removeAllRanges()
      getSelection()!.addRange(range)
      return getSelection()!.toString()
    })
    expect(copied).toBe(`${first + 1} ${corpus.sourceSentences[first]!.text}`)
    // In the right-to-left cell a marker is an isolated left-to-right box.
    const style = await page.locator('td.source .code').first().evaluate((marker) => [getComputedStyle(marker).unicodeBidi, getComputedStyle(marker).direction, getComputedStyle(marker, '::before').content])
    expect(style).toEqual(['isolate', 'ltr', '"b1"'])
    await page.locator(row('ar', corpusMarks.ar[1]!.phrase, corpusMarks.ar[1]!.line)).scrollIntoViewIfNeeded()
    await page.screenshot({ path: artifactPath('review', 'corpus-review.png'), fullPage: true })
    process.stdout.write(`screenshot: ${artifactPath('review', 'corpus-review.png')}\n`)
    expect(problems).toEqual([])
  })

  it('labels the feature pair\'s headings, table cells, list items and footnote on the read-only page', async () => {
    const { page, problems } = await open('feature-review.html', renderReviewPage(feature, { generatedAt: 'test' }))
    const blocks = (side: 'source' | 'target') =>
      page.locator(`td.${side} p`).evaluateAll((paragraphs) => paragraphs.map((p) => `${p.querySelector('.block-label')?.getAttribute('data-label') ?? '-'}|${p.getAttribute('data-level') ?? ''}`))
    const expected = ['H1|1', '-|', '-|', 'H2|2', '•|1', '•|1', 'table r1 c1|', 'table r1 c2|', 'table r2 c1|', 'table r2 c2|', 'table r3 c1|', 'table r3 c2|', 'footnote|']
    expect(await blocks('source')).toEqual(expected)
    expect(await blocks('target')).toEqual(expected)
    // The cell and its counterpart are in one bead, with the same label; screen readers hear row and column.
    const china = page.locator('tr:has(td.target p:text-is("China"))')
    expect(await china.locator('td.source .block-label').getAttribute('aria-label')).toBe('table cell, row 2, column 1')
    expect(await china.locator('td.source').textContent()).toContain('الصين')
    // Headings are styled as headings.
    expect(await page.locator('td.source p.heading').first().evaluate((p) => getComputedStyle(p).fontWeight)).toBe('700')
    // The footnote reference of the link sentence: the same id on both sides of its bead.
    const note = page.locator('tr:has(td.target .code.standalone)')
    expect(await note.locator('.code.standalone').evaluateAll((markers) => markers.map((marker) => marker.getAttribute('data-label')))).toEqual(['fn2', 'fn2'])
    await page.screenshot({ path: artifactPath('review', 'feature-review.png'), fullPage: true })
    process.stdout.write(`screenshot: ${artifactPath('review', 'feature-review.png')}\n`)
    expect(problems).toEqual([])
  })

  it('shows the same labels and markers in the editor, in the rows and the selected bead', async () => {
    const data = toStaticReviewData({
      ...feature,
      names: { source: 'ar.docx', target: 'en.docx' },
      sourceLang: 'ar',
      targetLang: 'en',
      structure: { source: toDocumentStructure(feature.sourceBlocks), target: toDocumentStructure(feature.targetBlocks) },
    })
    const { page, problems } = await open('feature-editor.html', renderStaticEditorPage(await bundlePageScript(), data))
    await page.locator('#progress').filter({ hasText: 'confirmed' }).waitFor()
    const row = (bead: number) => page.locator(`.row[data-bead="${bead}"]`)
    const china = feature.targetSentences.findIndex((sentence) => sentence.text === 'China')
    const chinaBead = feature.beads.findIndex((bead) => bead.target.includes(china))
    expect(await row(chinaBead).locator('.block-label').evaluateAll((labels) => labels.map((label) => label.getAttribute('data-label')))).toEqual(['table r2 c1', 'table r2 c1'])
    expect(await row(0).locator('.block.heading .block-label').evaluateAll((labels) => labels.map((label) => label.getAttribute('aria-label')))).toEqual(['heading level 1', 'heading level 1'])
    // The bold sentence's bead: markers in the row, and in the selected bead's sentences, whose text is unchanged.
    const bold = feature.sourceSentences.findIndex((sentence) => sentence.text.includes('صباح الجمعة'))
    const boldBead = feature.beads.findIndex((bead) => bead.source.includes(bold))
    expect(await markedPhrases(page, `.row[data-bead="${boldBead}"] .cell.source`)).toEqual([['b1', 'صباح الجمعة'], ['i2', 'سمرقند']])
    expect(await markedPhrases(page, `.row[data-bead="${boldBead}"] .cell.target`)).toEqual([['b1', 'Friday morning'], ['i2', 'Samarkand']])
    await row(boldBead).click()
    const detail = page.locator('#detail .sentence .text[lang="ar"]').first()
    expect(await detail.locator('.code').count()).toBe(4)
    expect(await detail.textContent()).toBe(feature.sourceSentences[bold]!.text)
    // Joined with the next sentence (the link one), the sentence keeps every marker, numbered in the new bead.
    await page.locator('#detail .sentence').filter({ has: page.locator('[lang="ar"]') }).first().getByRole('button', { name: 'Join with next sentence' }).click()
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^joined source sentences/)
    expect(await markedPhrases(page, `.row[data-bead="${boldBead}"] .cell.source`)).toEqual([['b1', 'صباح الجمعة'], ['i2', 'سمرقند'], ['link3', 'المنظمة']])
    expect(await row(boldBead).locator('.cell.source .code.standalone').getAttribute('data-label')).toBe('fn4')
    await page.screenshot({ path: artifactPath('review', 'feature-editor.png') })
    process.stdout.write(`screenshot: ${artifactPath('review', 'feature-editor.png')}\n`)
    expect(problems).toEqual([])
  })
})
