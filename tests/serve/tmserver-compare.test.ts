/**
 * Our tmserver answers beside Translate Toolkit's own `tmserver` (Debian's translate-toolkit with python3-cheroot)
 * on the same memory and the same requests: every candidate `tmserver` finds, we find, with the same source and
 * target. Skipped, loudly, where `tmserver` cannot run; on CI (CI=true) its absence fails.
 *
 * The queries are English (the memory's target side, asked as en→ar): Translate Toolkit's tmserver answers `[]`
 * to any query with non-ASCII text over HTTP here (its in-process TMDB finds the same Arabic units), so Arabic
 * queries cannot be compared through its HTTP API.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toXliff } from '../../src/formats/xliff.js'
import { startServeServer, type RunningServe } from '../../src/serve/server.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import type { NewTranslationUnit } from '../../src/types.js'
import { tempFolder } from '../cli/harness.js'

const python = '/usr/bin/python3'
const runnable = spawnSync(python, ['-c', 'import translate.services.tmserver'], { stdio: 'ignore' }).status === 0
if (!runnable) {
  if (process.env.CI === 'true') throw new Error('Translate Toolkit tmserver cannot run (install translate-toolkit and python3-cheroot)')
  console.warn('SKIPPED tests/serve/tmserver-compare: Translate Toolkit tmserver cannot run here (apt install translate-toolkit python3-cheroot)')
}

/** Pairs of our own, Arabic source and English target; `state: 'final'` so tmserver imports them (approved="yes"). */
const pairs: NewTranslationUnit[] = [
  ['عقدت اللجنة اجتماعها الأول في جنيف', 'The committee held its first meeting in Geneva'],
  ['اعتمدت الجمعية العامة القرار دون تصويت', 'The General Assembly adopted the resolution without a vote'],
  ['يرحب المجلس بتقرير الأمين العام', 'The Council welcomes the report of the Secretary-General'],
  ['تطلب إلى الدول الأعضاء تقديم تقاريرها', 'Requests Member States to submit their reports'],
  ['حقوق الإنسان للجميع', 'Human rights for all'],
  ['تحلية مياه البحر مكلفة', 'Desalination of sea water is expensive'],
].map(([source, target]) => ({ source: source!, target: target!, state: 'final' as const }))

/** The English targets with one word replaced: near matches. */
const queries = [
  'The committee held its second meeting in Geneva',
  'The General Assembly adopted the decision without a vote',
  'The Council welcomes the report of the Secretary-General',
  'Requests Member States to submit their views',
  'Desalination of sea water is cheap',
  'Something else entirely unrelated here',
]

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe.skipIf(!runnable)('tmserver answers beside Translate Toolkit tmserver', () => {
  let child: ChildProcess
  let theirs: string
  let ours: RunningServe
  beforeAll(async () => {
    const dir = tempFolder('mizan-tmserver-')
    const file = join(dir, 'tm.xlf')
    // Translate Toolkit is given the memory English→Arabic (sources English): its HTTP API answers ASCII queries.
    writeFileSync(file, toXliff(pairs.map((p, i) => ({ id: `u${i}`, source: p.target, target: p.source, state: 'final' })), { version: '1.2', sourceLang: 'en', targetLang: 'ar' }))
    const port = await freePort()
    child = spawn(python, ['/usr/bin/tmserver', '-d', join(dir, 'tm.db'), '-f', file, '-s', 'en', '-t', 'ar', '-b', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })
    theirs = `http://127.0.0.1:${port}`
    // Wait until it answers (bounded by tries, not asserted on time).
    for (let tries = 0; ; tries++) {
      try {
        await fetch(`${theirs}/tmserver/en/ar/unit/x`)
        break
      } catch (error) {
        if (tries > 300) throw error
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
    // We serve the Arabic→English memory and are asked the reverse direction.
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.addAll(pairs)
    ours = await startServeServer({ tm, port: 0 })
  }, 60_000)
  afterAll(async () => {
    child?.kill('SIGTERM')
    await ours?.close()
  })

  it('finds every candidate tmserver finds, with the same source and target', async () => {
    let theirsFound = 0
    for (const query of queries) {
      const path = `/tmserver/en/ar/unit/${encodeURIComponent(query)}`
      const expected = (await (await fetch(theirs + path)).json()) as Array<{ source: string; target: string; quality: number }>
      const got = (await (await fetch(ours.url + path)).json()) as Array<{ source: string; target: string; quality: number }>
      theirsFound += expected.length
      for (const candidate of expected) expect(got, query).toContainEqual(expect.objectContaining({ source: candidate.source, target: candidate.target }))
    }
    // The comparison compared something: tmserver found candidates for most queries.
    expect(theirsFound).toBeGreaterThanOrEqual(4)
  })
})
