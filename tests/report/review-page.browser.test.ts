/**
 * Opens the review page in headless Chromium (Debian `chromium`, driven by playwright-core) and checks what a
 * reviewer sees: the bead count, dir="rtl" on the Arabic cells, that the doubtful filter works, and the verdict at
 * the top for a true pair and an unrelated one (our own documents). Screenshots are written to temp folders.
 */
import { mkdtempSync, writeFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { alignDocuments } from '../../src/align/index.js'
import { renderReviewPage } from '../../src/report/review-page.js'
import { recipeEnglish, villageArabic, villageEnglish } from '../fixtures/documents.js'
import { haveTool, pathExists } from '../helpers/tools.js'
import { sample } from './fixture.js'
import { artifactPath } from '../helpers/artifacts.js'

const CHROMIUM = '/usr/bin/chromium'
/** Runs in the page: the computed CSS direction of an element (tsconfig has no DOM lib, hence the cast). */
const cssDirection = (element: unknown): string =>
  (globalThis as unknown as { getComputedStyle(element: unknown): { direction: string } }).getComputedStyle(element).direction
const hasChromium = haveTool('chromium (Debian chromium)', () => pathExists(CHROMIUM))

describe.runIf(hasChromium)('renderReviewPage in Chromium', () => {
  const folder = mkdtempSync(join(tmpdir(), 'mizan-review-'))
  const file = join(folder, 'review.html')
  let browser: Browser
  let page: Page
  const requests: string[] = []

  beforeAll(async () => {
    writeFileSync(file, renderReviewPage(sample, { sourceName: 'ar.txt', targetName: 'en.txt' }))
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } })
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(pathToFileURL(file).href)
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('shows one row per bead and the summary count', async () => {
    expect(await page.locator('#beads tr').count()).toBe(sample.beads.length)
    expect(await page.locator('#bead-count').textContent()).toBe(String(sample.beads.length))
    expect(await page.locator('#shown').textContent()).toBe('4 of 4 beads shown')
  })

  it('lays Arabic cells out right to left and English left to right', async () => {
    const arabic = page.locator('td.source')
    expect(await arabic.count()).toBe(4)
    for (const cell of await arabic.all()) {
      expect(await cell.getAttribute('dir')).toBe('rtl')
      expect(await cell.evaluate(cssDirection)).toBe('rtl')
    }
    for (const cell of await page.locator('td.target').all()) {
      expect(await cell.evaluate(cssDirection)).toBe('ltr')
    }
    // Side by side: the Arabic cell of a row is left of its English cell, on the same line.
    const source = await page.locator('#bead-1 td.source').boundingBox()
    const target = await page.locator('#bead-1 td.target').boundingBox()
    expect(source!.x + source!.width).toBeLessThanOrEqual(target!.x + 1)
    expect(Math.abs(source!.y - target!.y)).toBeLessThan(1)
  })

  it('moves doubtful beads first, lowest confidence first, and back', async () => {
    await page.check('#doubtful-first')
    const order = await page.locator('#beads tr').evaluateAll((rows) => rows.map((row) => row.id))
    expect(order).toEqual(['bead-4', 'bead-3', 'bead-2', 'bead-1'])
    await page.uncheck('#doubtful-first')
    expect(await page.locator('#beads tr').evaluateAll((rows) => rows.map((row) => row.id))).toEqual(['bead-1', 'bead-2', 'bead-3', 'bead-4'])
  })

  it('shows only doubtful beads when asked', async () => {
    await page.check('#only-doubtful')
    const visible = await page.locator('#beads tr:visible').evaluateAll((rows) => rows.map((row) => row.id))
    expect(visible).toEqual(['bead-3', 'bead-4'])
    expect(await page.locator('#shown').textContent()).toBe('2 of 4 beads shown')
    await page.uncheck('#only-doubtful')
    expect(await page.locator('#beads tr:visible').count()).toBe(4)
  })

  it('asks the network for nothing and writes a screenshot', async () => {
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([])
    const shot = artifactPath('report', 'review.png')
    await page.screenshot({ path: shot, fullPage: true })
    expect(statSync(shot).size).toBeGreaterThan(10_000)
    process.stderr.write(`review page screenshot: ${shot}\n`)
  })
})

describe.runIf(hasChromium)('renderReviewPage in Chromium: the verdict of a true pair and an unrelated one', () => {
  const folder = mkdtempSync(join(tmpdir(), 'mizan-review-verdict-'))
  let browser: Browser

  beforeAll(async () => {
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] })
  })

  afterAll(async () => {
    await browser?.close()
  })

  it.each([
    { name: 'true', english: villageEnglish, kind: 'parallel', icon: '✓' },
    { name: 'unrelated', english: recipeEnglish, kind: 'not parallel', icon: '✗' },
  ])('shows the $name pair as $kind at the top, before the first bead, in words', async ({ name, english, kind, icon }) => {
    const result = alignDocuments(villageArabic, english, { sourceLang: 'ar', targetLang: 'en' })
    expect(result.verdict.kind).toBe(kind)
    const file = join(folder, `${name}.html`)
    writeFileSync(file, renderReviewPage(result, { sourceName: 'ar.txt', targetName: `${name}.txt` }))
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
    await page.goto(pathToFileURL(file).href)
    const banner = page.locator('#verdict')
    expect(await banner.isVisible()).toBe(true)
    expect(await banner.innerText()).toContain(`${kind}:`)
    expect(await banner.innerText()).toContain(icon)
    const top = (await banner.boundingBox())!.y
    expect(top).toBeLessThan((await page.locator('#bead-1').boundingBox())!.y)
    // Every doubtful row says so in words that are on screen, not only in colour.
    const doubtful = page.locator('tr.doubtful')
    for (const row of await doubtful.all()) expect(await row.innerText()).toContain('doubtful')
    if (kind === 'not parallel') expect(await doubtful.count()).toBe(result.beads.length)
    const shot = artifactPath('report', `review-${name}.png`)
    await page.screenshot({ path: shot, fullPage: true })
    expect(statSync(shot).size).toBeGreaterThan(10_000)
    process.stderr.write(`review page screenshot (${name} pair): ${shot}\n`)
    await page.close()
  })
})
