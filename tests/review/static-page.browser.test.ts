/**
 * The static review page (`mizan align --report review.html`) in headless Chromium (Debian `chromium`, driven by
 * playwright-core), opened from disk with no server: edits in the page (approve, reject, join sentences, undo),
 * "Export corrections" (the download intercepted), `mizan align --corrections FILE --into tm.xlf` with the built
 * CLI, and the memory read back. No request leaves the page and the CSP refuses nothing. The screenshot's path is
 * printed; it was looked at. A 50,000-bead page opens from disk keeping only the rows on screen.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { parseCorrections } from '../../src/review/corrections.js'
import { renderStaticEditorPage } from '../../src/review/page-html.js'
import { toStaticReviewData } from '../../src/review/static-data.js'
import { segmentSentences } from '../../src/segment/index.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import type { TranslationUnit } from '../../src/types.js'
import { haveTool, pathExists } from '../helpers/tools.js'
import { bundlePageScript } from './page-bundle.js'
import { artifactPath } from '../helpers/artifacts.js'

const CHROMIUM = '/usr/bin/chromium'
const BIN = new URL('../../dist/cli/bin.js', import.meta.url).pathname
const hasChromium = haveTool('chromium (Debian chromium)', () => pathExists(CHROMIUM))
const corpus = new URL('../../corpus/xi-rahmon-samarkand/', import.meta.url).pathname

function mizan(cwd: string, args: string[]): string {
  return execFileSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' })
}

describe.runIf(hasChromium && existsSync(BIN))('the static review page in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mizan-static-page-'))
  let browser: Browser

  beforeAll(async () => {
    cpSync(corpus, dir, { recursive: true })
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('edits offline, exports the corrections, and align --corrections stores them', async () => {
    expect(mizan(dir, ['align', 'ar.txt', 'en.txt', '--report', 'review.html'])).toMatch(/review page: review\.html/)
    const arText = readFileSync(join(dir, 'ar.txt'), 'utf8')
    const arabic = segmentSentences(arText, 'ar').map((s) => s.text)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    const requests: string[] = []
    const problems: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text()) })
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(pathToFileURL(join(dir, 'review.html')).href)
    await page.locator('#progress').filter({ hasText: 'confirmed' }).waitFor()
    expect(await page.locator('#progress').textContent()).toMatch(/^0 of 9 beads confirmed/)
    expect(await page.locator('#verdict').textContent()).toMatch(/^✓ Verdict: parallel \(\d+% of the text in confident beads\)$/)
    expect(await page.locator('.row .cell.source').first().getAttribute('dir')).toBe('rtl')
    const bead = (k: number) => page.locator(`.row[data-bead="${k}"]`)

    // Approve bead 1 (a moves on to bead 2), reject bead 2 (r).
    await bead(0).click()
    await page.keyboard.press('a')
    await page.keyboard.press('r')
    await expect.poll(() => bead(1).locator('.label').textContent()).toMatch(/✗ rejected/)
    // Join Arabic sentences 4 and 5 (button), approve that bead; a merge undone leaves nothing behind.
    await bead(3).click()
    const first = Number(await bead(3).locator('.cell.source .num').first().textContent()) - 1
    await page.locator('#detail .sentence').filter({ has: page.locator('[lang="ar"]') }).first().getByRole('button', { name: 'Join with next sentence' }).click()
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^joined source sentences/)
    await bead(3).click()
    await page.keyboard.press('a')
    await expect.poll(() => page.locator('#progress').textContent()).toMatch(/^2 of 9 beads/)
    await bead(5).click()
    await page.keyboard.press('m')
    await expect.poll(() => page.locator('#progress').textContent()).toMatch(/^2 of 8 beads/)
    await page.keyboard.press('u')
    await expect.poll(() => page.locator('#progress').textContent()).toMatch(/^2 of 9 beads/)

    // Re-align the rest around the confirmed beads (g), in the page: the aligner is bundled with it.
    // It runs in a Web Worker made from the page's own script (no fetch), which only serves re-alignment there.
    const [worker] = await Promise.all([page.waitForEvent('worker'), page.keyboard.press('g')])
    expect(worker.url()).toMatch(/^blob:/)
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^re-aligned around the confirmed beads/)
    expect(await worker.evaluate(() => [typeof document, typeof (self as unknown as { onmessage: unknown }).onmessage])).toEqual(['undefined', 'function'])
    expect(await page.locator('#progress').textContent()).toMatch(/^2 of \d+ beads confirmed/)

    const screenshot = artifactPath('review', 'static-page.png')
    await page.screenshot({ path: screenshot, fullPage: true })
    console.info(`screenshot: ${screenshot}`)

    // Export (w): the download is the corrections file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('w')])
    const file = join(dir, download.suggestedFilename())
    await download.saveAs(file)
    expect(download.suggestedFilename()).toBe('ar.corrections.json')
    const corrections = parseCorrections(readFileSync(file, 'utf8'))
    expect(corrections.source.sentences).toHaveLength(arabic.length - 1)
    expect(corrections.beads.map((b) => b.state)).toEqual(['confirmed', 'rejected', 'confirmed'])

    // Nothing left the page, and the CSP let its own script and style run (no refusal in the console).
    expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([])
    expect(problems).toEqual([])

    // Apply with the built CLI and read the memory back.
    expect(mizan(dir, ['align', 'ar.txt', 'en.txt', '--corrections', file, '--into', 'tm.xlf'])).toMatch(/applied .*: 9 and 12 sentences, \d+ beads \(2 confirmed, 1 rejected/)
    const tm = await TranslationMemory.open(join(dir, 'tm.xlf'))
    const units: TranslationUnit[] = []
    for await (const unit of tm.units()) units.push(unit)
    units.sort((a, b) => a.origin!.sourceSentences![0]! - b.origin!.sourceSentences![0]!)
    const byFirst = (k: number) => units.find((unit) => unit.origin!.sourceSentences![0] === k)!
    expect(byFirst(0).state).toBe('reviewed')
    expect(byFirst(0).source).toBe(arabic[0])
    expect([byFirst(1).state, byFirst(1).subState]).toEqual(['initial', 'mizan:needs-review'])
    // The joined sentence is one sentence in the memory, as the text wrote it, and confirmed.
    const joined = units.find((unit) => unit.source.includes(arabic[first]!.trim()) && unit.source.includes(arabic[first + 1]!.trim()))!
    expect(joined.state).toBe('reviewed')
    expect(joined.origin!.sourceSentences).toHaveLength(1)
    expect(units.filter((unit) => unit.state === 'reviewed')).toHaveLength(2)
  }, 120_000)

  it('opens a 50,000-bead page from disk with only the rows on screen in the DOM', async () => {
    const sides = { source: { text: '', sentences: [] as Array<{ start: number; end: number; text: string }> }, target: { text: '', sentences: [] as Array<{ start: number; end: number; text: string }> } }
    const add = (side: 'source' | 'target', text: string): void => {
      const s = sides[side]
      if (s.text !== '') s.text += '\n'
      s.sentences.push({ start: s.text.length, end: s.text.length + text.length, text })
      s.text += text
    }
    for (let k = 0; k < 50_000; k++) {
      add('source', `هذه الجملة رقم ${k + 1} من الوثيقة.`)
      add('target', `This is sentence ${k + 1} of the document.`)
    }
    const beads = sides.source.sentences.map((_, i) => ({ source: [i], target: [i], score: i % 7 === 0 ? 0.3 : 0.9 }))
    const data = toStaticReviewData({ sourceText: sides.source.text, targetText: sides.target.text, sourceSentences: sides.source.sentences, targetSentences: sides.target.sentences, beads, names: { source: 'big-ar.txt', target: 'big-en.txt' }, sourceLang: 'ar', targetLang: 'en' })
    const file = join(dir, 'big.html')
    writeFileSync(file, renderStaticEditorPage(await bundlePageScript(), data))
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(pathToFileURL(file).href)
    await page.locator('#progress').filter({ hasText: 'confirmed' }).waitFor({ timeout: 60_000 })
    expect(await page.locator('#progress').textContent()).toMatch(/^0 of 50000 beads confirmed/)
    expect(await page.locator('#spacer .row').count()).toBeLessThan(60)
    await page.locator('#viewport').evaluate((element) => (element.scrollTop = element.scrollHeight / 2))
    await expect.poll(() => page.locator('#spacer .row').first().getAttribute('data-bead')).not.toBe('0')
    expect(await page.locator('#spacer .row').count()).toBeLessThan(60)
    expect(problems).toEqual([])
  }, 120_000)
})
