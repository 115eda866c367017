/**
 * The alignment editor on a 50,000-bead document (synthetic, our own text).
 *
 * The server: the time to serve the document (GET /api/state, what the page loads first) and to apply 100 edits
 * over HTTP one after another (approve and undo, as the page sends them), without a memory, and saving into an
 * XLIFF file memory after every change (saves coalesce while one runs).
 *
 * The browser (Debian's Chromium through playwright-core, when installed): the time to open the editor page served
 * by `mizan review`'s server until its rows are drawn, and to apply 100 edits typed on the keyboard (a, u: approve
 * and undo) until the server has them all; and on the static page (`align --report`, no server) the time to open it
 * from disk and to re-align the whole document around one confirmed bead (g), with the longest stretch the page's
 * main thread was busy meanwhile (a timer in the page that should tick every 50 ms: the largest gap between ticks
 * is how long the page was frozen).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TranslationMemory } from '../src/tm/translation-memory.js'
import { startSession } from '../src/review/history.js'
import { createReviewDocument } from '../src/review/model.js'
import { ReviewWriter } from '../src/review/save-review.js'
import { startReviewServer } from '../src/review/server.js'
import { renderEditorPage, renderStaticEditorPage } from '../src/review/page-html.js'
import { toStaticReviewData } from '../src/review/static-data.js'
import { bundlePageScript } from '../tests/review/page-bundle.js'
import { fixed, machineLine, markdownTable } from './lib.js'

const n = 50_000
const source = Array.from({ length: n }, (_, i) => `هذه هي الجملة رقم ${i + 1} في تقرير القمة.`)
const target = Array.from({ length: n }, (_, i) => `This is sentence number ${i + 1} of the summit report.`)
const beads = source.map((_, i) => ({ source: [i], target: [i], score: i % 7 === 0 ? 0.3 : 0.97 }))

async function run(label: string, withMemory: boolean): Promise<Array<string | number>> {
  let writer: ReviewWriter | undefined
  let memoryFile = ''
  if (withMemory) {
    memoryFile = join(mkdtempSync(join(tmpdir(), 'mizan-bench-review-')), 'tm.xlf')
    const tm = await TranslationMemory.open(memoryFile, { sourceLang: 'ar', targetLang: 'en' })
    writer = await ReviewWriter.open({ tm, save: async () => void (await tm.save()) }, { document: 'bench.txt' })
  }
  const server = await startReviewServer({ session: startSession(createReviewDocument(source, target, beads)), ...(writer ? { writer } : {}) })
  const headers = { 'x-mizan-token': server.token, 'content-type': 'application/json' }
  const base = `http://127.0.0.1:${server.port}`
  let started = performance.now()
  const state = await (await fetch(`${base}/api/state`, { headers })).text()
  const stateMs = performance.now() - started
  started = performance.now()
  let version = 0
  for (let k = 0; k < 50; k++) {
    for (const body of [{ edit: { kind: 'approve', bead: 49_000 + k } }, { action: 'undo' }]) {
      const response = await fetch(`${base}/api/edit`, { method: 'POST', headers, body: JSON.stringify({ version, ...body }) })
      if (!response.ok) throw new Error(await response.text())
      version = ((await response.json()) as { version: number }).version
    }
  }
  const editsMs = performance.now() - started
  started = performance.now()
  await server.close()
  const flushMs = performance.now() - started
  return [label, fixed(state.length / 1e6, 1), fixed(stateMs, 0), fixed(editsMs, 0), fixed(editsMs / 100, 1), writer ? String(writer.writes) : '-', fixed(flushMs, 0)]
}

const CHROMIUM = '/usr/bin/chromium'

/** The editor page served by the review server, and the static page from disk, in Chromium. */
async function browserRuns(): Promise<Array<Array<string | number>>> {
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] })
  const script = await bundlePageScript()
  const rows: Array<Array<string | number>> = []
  try {
    // The editor page, served.
    const server = await startReviewServer({ session: startSession(createReviewDocument(source, target, beads)), page: (nonce) => renderEditorPage(script, nonce, 'bench') })
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    let started = performance.now()
    await page.goto(server.url)
    await page.locator('#progress').filter({ hasText: 'confirmed' }).waitFor({ timeout: 120_000 })
    const openMs = performance.now() - started
    started = performance.now()
    for (let k = 0; k < 50; k++) {
      await page.keyboard.press('a')
      await page.keyboard.press('u')
    }
    while (server.session().version < 100) await new Promise((resolve) => setTimeout(resolve, 5))
    await page.locator('#status').filter({ hasText: 'version 100' }).waitFor({ timeout: 120_000 })
    const editsMs = performance.now() - started
    rows.push(['editor page (server)', fixed(openMs, 0), fixed(editsMs, 0), fixed(editsMs / 100, 1), '-', '-'])
    await page.close()
    await server.close()

    // The static page: the texts and beads embedded, opened from disk.
    const texts = { source: '', target: '' }
    const sentences = { source: [] as Array<{ start: number; end: number; text: string }>, target: [] as Array<{ start: number; end: number; text: string }> }
    for (const side of ['source', 'target'] as const) {
      const lines = side === 'source' ? source : target
      for (const line of lines) {
        if (texts[side] !== '') texts[side] += '\n'
        sentences[side].push({ start: texts[side].length, end: texts[side].length + line.length, text: line })
        texts[side] += line
      }
    }
    const data = toStaticReviewData({ sourceText: texts.source, targetText: texts.target, sourceSentences: sentences.source, targetSentences: sentences.target, beads, names: { source: 'bench-ar.txt', target: 'bench-en.txt' }, sourceLang: 'ar', targetLang: 'en' })
    const file = join(mkdtempSync(join(tmpdir(), 'mizan-bench-review-')), 'review.html')
    writeFileSync(file, renderStaticEditorPage(script, data))
    const offline = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    started = performance.now()
    await offline.goto(`file://${file}`)
    await offline.locator('#progress').filter({ hasText: 'confirmed' }).waitFor({ timeout: 120_000 })
    const staticOpenMs = performance.now() - started
    // Confirm the first bead, then re-align the rest around it, with a timer ticking in the page meanwhile.
    await offline.keyboard.press('a')
    await offline.locator('#progress').filter({ hasText: /^1 of/ }).waitFor({ timeout: 120_000 })
    await offline.evaluate(() => {
      const probe = { last: performance.now(), longest: 0 }
      ;(globalThis as unknown as { probe: typeof probe }).probe = probe
      setInterval(() => {
        const now = performance.now()
        probe.longest = Math.max(probe.longest, now - probe.last)
        probe.last = now
      }, 50)
    })
    started = performance.now()
    await offline.keyboard.press('g')
    await offline.locator('#status').filter({ hasText: /^re-aligned around the confirmed beads/ }).waitFor({ timeout: 600_000 })
    const realignMs = performance.now() - started
    await new Promise((resolve) => setTimeout(resolve, 200))
    const frozenMs = await offline.evaluate(() => (globalThis as unknown as { probe: { longest: number } }).probe.longest)
    rows.push(['static page (file)', fixed(staticOpenMs, 0), '-', '-', fixed(realignMs, 0), fixed(frozenMs, 0)])
  } finally {
    await browser.close()
  }
  return rows
}

console.log(machineLine())
const rows = [await run('no memory', false), await run('XLIFF file memory, autosave', true)]
console.log(markdownTable(['server', 'state MB', 'GET state ms', '100 edits ms', 'ms per edit', 'saves', 'last save ms'], rows))
if (existsSync(CHROMIUM)) {
  console.log()
  console.log(markdownTable(['page', 'open ms', '100 edits ms', 'ms per edit', 're-align ms', 'longest freeze ms'], await browserRuns()))
} else console.log(`(no ${CHROMIUM}: the browser figures are not measured)`)
