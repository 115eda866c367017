/**
 * The alignment editor's server on a 50,000-bead document (synthetic, our own text): the time to serve the
 * document (GET /api/state, what the page loads first) and to apply 100 edits over HTTP one after another (approve
 * and undo, as the page sends them), without a memory, and saving into an XLIFF file memory after every change
 * (saves coalesce while one runs). The browser side is measured by tests/review/editor.browser.test.ts.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TranslationMemory } from '../src/tm/translation-memory.js'
import { startSession } from '../src/review/history.js'
import { createReviewDocument } from '../src/review/model.js'
import { ReviewWriter } from '../src/review/save-review.js'
import { startReviewServer } from '../src/review/server.js'
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

console.log(machineLine())
const rows = [await run('no memory', false), await run('XLIFF file memory, autosave', true)]
console.log(markdownTable(['server', 'state MB', 'GET state ms', '100 edits ms', 'ms per edit', 'saves', 'last save ms'], rows))
