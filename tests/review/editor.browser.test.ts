/**
 * The alignment editor in headless Chromium (Debian `chromium`, driven by playwright-core), against a real review
 * server writing an XLIFF memory: a whole session on the corpus pair by keyboard and mouse (merge, split a bead,
 * split and join a sentence, reject, undo, re-align, approve all), then the memory read back from disk; a document
 * with known errors fixed by moving sentences and re-aligning; and a 50,000-bead document that keeps only the rows
 * on screen in the DOM. Screenshots are kept in test-results/review/ (gitignored; their paths are printed) and were looked at.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { alignSentences } from '../../src/align/align-sentences.js'
import { segmentSentences } from '../../src/segment/index.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import type { TranslationUnit } from '../../src/types.js'
import { startSession } from '../../src/review/history.js'
import { createReviewDocument } from '../../src/review/model.js'
import { renderEditorPage } from '../../src/review/page-html.js'
import { ReviewWriter } from '../../src/review/save-review.js'
import { startReviewServer, type ReviewServer } from '../../src/review/server.js'
import { haveTool, pathExists } from '../helpers/tools.js'
import { bundlePageScript } from './page-bundle.js'
import { artifactPath } from '../helpers/artifacts.js'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = haveTool('chromium (Debian chromium)', () => pathExists(CHROMIUM))
const corpus = new URL('../../corpus/xi-rahmon-samarkand/', import.meta.url)
const source = segmentSentences(readFileSync(new URL('ar.txt', corpus), 'utf8'), 'ar').map((s) => s.text)
const target = segmentSentences(readFileSync(new URL('en.txt', corpus), 'utf8'), 'en').map((s) => s.text)
const gold = JSON.parse(readFileSync(new URL('gold.json', corpus), 'utf8')) as Array<{ ar: number[]; en: number[] }>

async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core')
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
}

async function readMemory(file: string): Promise<TranslationUnit[]> {
  const tm = await TranslationMemory.open(file)
  const units: TranslationUnit[] = []
  for await (const unit of tm.units()) units.push(unit)
  return units.sort((a, b) => a.origin!.sourceSentences![0]! - b.origin!.sourceSentences![0]!)
}

describe.runIf(hasChromium)('the alignment editor in Chromium', () => {
  const folder = mkdtempSync(join(tmpdir(), 'mizan-editor-'))
  let script: string
  let browser: Browser
  const servers: ReviewServer[] = []

  async function open(beads: Array<{ source: number[]; target: number[]; score: number }>, file: string, src = source, trg = target): Promise<{ page: Page; server: ReviewServer; requests: string[]; problems: string[] }> {
    const tm = await TranslationMemory.open(file, { sourceLang: 'ar', targetLang: 'en' })
    const writer = await ReviewWriter.open({ tm, save: async () => void (await tm.save()) }, { document: 'ar.txt' })
    const server = await startReviewServer({ session: startSession(createReviewDocument(src, trg, beads)), writer, realign: { sourceLang: 'ar', targetLang: 'en' }, page: (nonce) => renderEditorPage(script, nonce, 'ar.txt ↔ en.txt'), names: { source: 'ar.txt', target: 'en.txt' } })
    servers.push(server)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const requests: string[] = []
    const problems: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text()) })
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(server.url)
    await page.locator('#progress').filter({ hasText: 'confirmed' }).waitFor()
    return { page, server, requests, problems }
  }

  /** Waits until the server has applied `count` changes in all (each key or click that edits is one). */
  const changes = (server: ReviewServer, count: number) => expect.poll(() => server.session().version, { timeout: 60_000 }).toBe(count)

  beforeAll(async () => {
    script = await bundlePageScript()
    browser = await launch()
  })
  afterAll(async () => {
    await browser?.close()
    for (const server of servers) await server.close()
  })

  it('takes a whole session on the corpus, by keyboard and mouse, into the memory on disk', async () => {
    const file = join(folder, 'session.xlf')
    const aligned = alignSentences(source, target, { sourceLang: 'ar', targetLang: 'en' }).beads
    const { page, server, requests, problems } = await open(aligned, file)
    const rows = page.locator('#spacer .row')
    const bead = (k: number) => page.locator(`.row[data-bead="${k}"]`)
    // Only the rows on screen are in the DOM; nine short beads all fit at first.
    expect(await rows.count()).toBe(9)
    expect(await page.locator('#progress').textContent()).toMatch(/^0 of 9 beads confirmed/)
    // Arabic cells are right to left and in Arabic; numbers and Latin words inside are isolated.
    for (const cell of await page.locator('.row .cell.source').all()) {
      expect(await cell.getAttribute('dir')).toBe('rtl')
      expect(await cell.getAttribute('lang')).toBe('ar')
    }
    expect(await page.locator('.row .cell.source bdi').count()).toBeGreaterThan(0)
    expect(await page.locator('#keys').textContent()).toMatch(/j.*k.*next\/previous doubtful/s)

    // Merge bead 2 with the next (mouse to select, m to merge), then undo with u.
    await bead(1).click()
    await page.keyboard.press('m')
    await changes(server, 1)
    expect(server.session().document.beads).toHaveLength(8)
    await expect.poll(() => page.locator('#progress').textContent()).toMatch(/^0 of 8 beads/)
    await page.keyboard.press('u')
    await changes(server, 2)
    await expect.poll(() => page.locator('#progress').textContent()).toMatch(/^0 of 9 beads/)

    // Split the 1-2 bead (Arabic 1 ↔ English 1, 2) at the chosen breaks, then Ctrl+Z.
    await bead(1).click()
    await page.selectOption('#split-target', '1')
    await page.keyboard.press('s')
    await changes(server, 3)
    expect(server.session().document.beads.slice(1, 3).map((b) => [b.source, b.target])).toEqual([[[1], [1]], [[], [2]]])
    await page.keyboard.press('Control+z')
    await changes(server, 4)

    // Split an English sentence at the caret (mouse), then join it back (button).
    await bead(0).click()
    const text = page.locator('#detail .sentence .text[lang="en"]').first()
    const cut = target[0]!.indexOf(' ', 20)
    await text.evaluate((element, offset) => {
      const node = element.firstChild!
      const range = document.createRange()
      range.setStart(node, offset)
      range.collapse(true)
      getSelection()!.removeAllRanges()
      getSelection()!.addRange(range)
    }, cut + 1)
    await page.locator('#detail .sentence').filter({ has: page.locator('[lang="en"]') }).first().getByRole('button', { name: 'Split sentence at cursor' }).click()
    await changes(server, 5)
    expect(server.session().document.target.slice(0, 2)).toEqual([target[0]!.slice(0, cut), target[0]!.slice(cut + 1)])
    await page.locator('#detail .sentence').filter({ has: page.locator('[lang="en"]') }).first().getByRole('button', { name: 'Join with next sentence' }).click()
    await changes(server, 6)
    expect(server.session().document.target).toEqual(target)

    // Reject the first bead (r), undo it (Ctrl+Z), redo (Ctrl+Shift+Z), undo again.
    await page.keyboard.press('r')
    await changes(server, 7)
    await expect.poll(() => bead(0).locator('.label').textContent()).toMatch(/✗ rejected/)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/nothing to redo/)
    await page.keyboard.press('Control+z')
    await changes(server, 8)

    // Confirm a bead, then re-align the rest around it (g): the corpus comes back as the gold alignment.
    await bead(3).click()
    await page.keyboard.press('a')
    await changes(server, 9)
    await page.keyboard.press('g')
    await changes(server, 10)
    expect(server.session().document.beads.map((b) => [b.source, b.target])).toEqual(gold.map((b) => [b.ar, b.en]))

    // Approve all: from the top, a approves and moves on.
    let version = server.session().version
    for (let k = 0; k < 9; k++) {
      if (server.session().document.beads[k]!.state === 'confirmed') continue
      await bead(k).click()
      await page.keyboard.press('a')
      await changes(server, ++version)
    }
    await expect.poll(() => page.locator('#progress').textContent()).toMatch(/^9 of 9 beads confirmed/)
    await page.getByRole('button', { name: 'Save now' }).click()
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/saved into the memory/)

    const units = await readMemory(file)
    expect(units).toHaveLength(9)
    units.forEach((unit, k) => {
      expect(unit.state).toBe('reviewed')
      expect(unit.origin).toEqual({ document: 'ar.txt', sourceSentences: gold[k]!.ar, targetSentences: gold[k]!.en })
      expect(unit.source).toBe(gold[k]!.ar.map((i) => source[i]).join(' '))
      expect(unit.target).toBe(gold[k]!.en.map((j) => target[j]).join(' '))
    })
    expect(requests.filter((url) => !url.startsWith(`http://127.0.0.1:${server.port}/`))).toEqual([])
    expect(problems).toEqual([])
    const shot = artifactPath('review', 'editor-session.png')
    await page.screenshot({ path: shot })
    expect(statSync(shot).size).toBeGreaterThan(10_000)
    process.stderr.write(`editor screenshot: ${shot}\n`)
  }, 120_000)

  it('fixes a document with known errors: a sentence moved back, a missing counterpart, re-aligned', async () => {
    // Known errors: English 3 is in Arabic 1's bead (it belongs to Arabic 2), and the last two beads are one.
    const wrong = [
      { source: [0], target: [0], score: 0.95 },
      { source: [1], target: [1, 2, 3], score: 0.35 },
      { source: [2], target: [], score: 0 },
      ...gold.slice(3, 7).map((b) => ({ source: b.ar, target: b.en, score: 0.95 })),
      { source: [8, 9], target: [9, 10, 11], score: 0.3 },
    ]
    const file = join(folder, 'errors.xlf')
    const { page, server, problems } = await open(wrong, file)
    const rows = page.locator('#spacer .row')
    const bead = (k: number) => page.locator(`.row[data-bead="${k}"]`)
    // Doubtful beads say so in words; j goes to the first one.
    expect(await bead(1).locator('.label').textContent()).toMatch(/⚠ doubtful 35%/)
    expect(await bead(2).locator('.label').textContent()).toMatch(/∅ no counterpart/)
    await page.check('#filter')
    expect(await rows.count()).toBe(3)
    await page.uncheck('#filter')
    await page.locator('#viewport').focus()
    await page.keyboard.press('j')
    await expect.poll(() => page.locator('.row[aria-selected="true"]').getAttribute('data-bead')).toBe('1')
    // Move English 3 to the next bead (button in the detail panel), approve both.
    await page.locator('#detail').getByRole('button', { name: 'Move to next bead' }).last().click()
    await changes(server, 1)
    await page.keyboard.press('a')
    await page.keyboard.press('a')
    await changes(server, 3)
    // Split the last bead 1-2 / 1-1 and re-align around the confirmed beads.
    await page.keyboard.press('End')
    await bead(7).click()
    await page.selectOption('#split-source', '1')
    await page.selectOption('#split-target', '2')
    await page.getByRole('button', { name: 'Split bead (s)' }).click()
    await changes(server, 4)
    await page.getByRole('button', { name: 'Re-align the rest' }).click()
    await changes(server, 5)
    expect(server.session().document.beads.map((b) => [b.source, b.target])).toEqual(gold.map((b) => [b.ar, b.en]))
    // Approve all the rest at once (Shift+A), after looking them over.
    await page.keyboard.press('Shift+A')
    await changes(server, 6)
    await expect.poll(() => page.locator('#progress').textContent()).toMatch(/^9 of 9 beads confirmed/)
    await page.getByRole('button', { name: 'Save now' }).click()
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/saved into the memory/)
    const units = await readMemory(file)
    expect(units.map((u) => [u.origin!.sourceSentences, u.origin!.targetSentences])).toEqual(gold.map((b) => [b.ar, b.en]))
    expect(units.map((u) => u.state)).toEqual(Array(9).fill('reviewed'))
    expect(problems).toEqual([])
    const shot = artifactPath('review', 'editor-errors.png')
    await page.screenshot({ path: shot })
    process.stderr.write(`editor screenshot: ${shot}\n`)
  }, 120_000)

  it('takes edits of different beads from two tabs, and refuses the later edit of the same bead: changed elsewhere, reload', async () => {
    const aligned = alignSentences(source, target, { sourceLang: 'ar', targetLang: 'en' }).beads
    const { page: first, server } = await open(aligned, join(folder, 'tabs.xlf'))
    const second = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await second.goto(server.url)
    await second.locator('#progress').filter({ hasText: 'confirmed' }).waitFor()
    const state = (page: Page, k: number) => page.locator(`.row[data-bead="${k}"] .label`).textContent()
    // Both tabs loaded version 0. The first approves bead 0; the second, still on version 0, approves bead 5.
    // Each key goes to the bead clicked: wait until the click has selected it (a row redrawn under the pointer
    // loses the click, and the key would act on the bead selected before).
    const select = async (page: Page, k: number) => {
      await page.locator(`.row[data-bead="${k}"]`).click()
      await expect.poll(() => page.locator('.row[aria-selected="true"]').getAttribute('data-bead')).toBe(String(k))
    }
    await select(first, 0)
    await first.keyboard.press('a')
    await changes(server, 1)
    await select(second, 5)
    await second.keyboard.press('a')
    await changes(server, 2)
    // Accepted, and the second tab now shows the first tab's approval too (the missed change).
    await expect.poll(() => state(second, 0)).toMatch(/confirmed/)
    await expect.poll(() => state(second, 5)).toMatch(/confirmed/)
    // The first tab, on version 1, rejects bead 5, which the second tab changed: refused, and it reloads.
    await select(first, 5)
    await first.keyboard.press('r')
    await expect.poll(() => first.locator('#status').textContent()).toBe('bead 6 changed elsewhere (in another tab or window) since this page loaded it; reloaded the document as it is now')
    // The status line is set before the reloaded rows are drawn: wait for the row.
    await expect.poll(() => state(first, 5)).toMatch(/confirmed/)
    expect(server.session().version).toBe(2)
    expect(server.session().document.beads.map((bead) => bead.state).filter((s) => s === 'confirmed')).toHaveLength(2)
    const shot = artifactPath('review', 'editor-two-tabs.png')
    await first.screenshot({ path: shot })
    process.stderr.write(`editor screenshot: ${shot}\n`)
    await second.close()
  }, 60_000)

  it('reads at 200% zoom: nothing runs off the side, and the list keeps room for rows', async () => {
    const aligned = alignSentences(source, target, { sourceLang: 'ar', targetLang: 'en' }).beads
    const { page } = await open(aligned, join(folder, 'zoom.xlf'))
    // 200% zoom of a 1280 × 900 window: 640 × 450 CSS pixels at two device pixels each.
    await page.setViewportSize({ width: 640, height: 450 })
    await page.reload()
    await page.locator('#progress').filter({ hasText: 'confirmed' }).waitFor()
    await page.locator('.row[data-bead="1"]').click()
    const layout = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      list: document.getElementById('viewport')!.clientHeight,
      row: document.querySelector<HTMLElement>('.row')!.offsetHeight,
    }))
    expect(layout.overflow).toBeLessThanOrEqual(0)
    expect(layout.list).toBeGreaterThanOrEqual(layout.row)
    const shot = artifactPath('review', 'editor-zoom.png')
    await page.screenshot({ path: shot })
    process.stderr.write(`editor screenshot: ${shot}\n`)
  }, 60_000)

  it('keeps only the rows on screen in the DOM for a 50,000-bead document', async () => {
    const n = 50_000
    const src = Array.from({ length: n }, (_, i) => `هذه هي الجملة رقم ${i + 1} في تقرير القمة.`)
    const trg = Array.from({ length: n }, (_, i) => `This is sentence number ${i + 1} of the summit report.`)
    const beads = src.map((_, i) => ({ source: [i], target: [i], score: i % 7 === 0 ? 0.3 : 0.97 }))
    const started = performance.now()
    const { page, server } = await open(beads, join(folder, 'large.xlf'), src, trg)
    const opened = performance.now() - started
    const rendered = await page.locator('#spacer .row').count()
    expect(rendered).toBeGreaterThan(5)
    expect(rendered).toBeLessThan(60)
    // Scroll to the end: the last bead is there, and still only a screenful of rows.
    await page.locator('#viewport').evaluate((element) => (element.scrollTop = element.scrollHeight))
    await expect.poll(() => page.locator('.row[data-bead="49999"]').count()).toBe(1)
    expect(await page.locator('#spacer .row').count()).toBeLessThan(60)
    // 100 edits by keyboard on the large document.
    const editsStarted = performance.now()
    await page.locator('.row[data-bead="49999"]').click()
    for (let k = 0; k < 50; k++) {
      await page.keyboard.press('r')
      await page.keyboard.press('u')
    }
    await changes(server, 100)
    process.stderr.write(`50,000 beads: page opened in ${opened.toFixed(0)} ms, 100 edits in ${(performance.now() - editsStarted).toFixed(0)} ms\n`)
    const shot = artifactPath('review', 'editor-large.png')
    await page.screenshot({ path: shot })
    process.stderr.write(`editor screenshot: ${shot}\n`)
  }, 180_000)
})
