/**
 * `mizan review` as a user runs it: the built binary on the corpus pair, its URL read from stdout, the API driven
 * with fetch (edits, save), then SIGINT: it stops cleanly (exit 0) with everything saved, and a second session on
 * the same memory resumes the confirmed beads. Also its refusals (no memory, bad flag values).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../src/storage/open-store.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import type { TranslationUnit } from '../../src/types.js'
import { BIN, ensureBuilt, mizan, repoRoot, tempFolder } from './harness.js'

/** Starts `mizan review`, resolving with the child and the URL it printed (its second line). */
async function start(cwd: string, args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: URL; lines: string[]; stderr: () => string }> {
  const child = spawn(process.execPath, [BIN, 'review', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const lines: string[] = []
  const url = await new Promise<URL>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line)
      if (line.startsWith('http://')) resolve(new URL(line))
    })
    child.once('exit', (code) => reject(new Error(`mizan review exited with ${code}: ${stderr}`)))
  })
  return { child, url, lines, stderr: () => stderr }
}

async function units(file: string): Promise<TranslationUnit[]> {
  const tm = await TranslationMemory.open(file)
  const all: TranslationUnit[] = []
  for await (const unit of tm.units()) all.push(unit)
  return all.sort((a, b) => a.origin!.sourceSentences![0]! - b.origin!.sourceSentences![0]!)
}

describe('mizan review', () => {
  let dir: string
  beforeAll(() => {
    ensureBuilt()
    dir = tempFolder('mizan-review-cli-')
    copyFileSync(join(repoRoot, 'corpus/xi-rahmon-samarkand/ar.txt'), join(dir, 'ar.txt'))
    copyFileSync(join(repoRoot, 'corpus/xi-rahmon-samarkand/en.txt'), join(dir, 'en.txt'))
  })

  it('serves the editor on 127.0.0.1 with a token, saves edits, and stops cleanly on Ctrl-C', async () => {
    const { child, url, lines } = await start(dir, ['ar.txt', 'en.txt', '--into', 'tm.xlf', '--no-open'])
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(url.hostname).toBe('127.0.0.1')
    expect(url.searchParams.get('token')).toMatch(/^[0-9a-f]{32}$/)
    expect(lines[0]).toMatch(/^mizan review: 9 beads of ar.txt ↔ en.txt, saving into tm.xlf$/)
    const token = url.searchParams.get('token')!
    const headers = { 'x-mizan-token': token, 'content-type': 'application/json' }
    // The page is there, with its script and CSP; without the token, nothing is.
    const page = await fetch(url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
    expect(await page.text()).toMatch(/<script nonce="[^"]+">.{1000,}<\/script>/s)
    expect((await fetch(`${url.origin}/api/state`)).status).toBe(401)

    const state = (await (await fetch(`${url.origin}/api/state`, { headers })).json()) as { version: number; document: { beads: unknown[] } }
    expect(state.document.beads).toHaveLength(9)
    for (const [version, edit] of [[0, { kind: 'approve', bead: 0 }], [1, { kind: 'reject', bead: 1 }], [2, { kind: 'approve', bead: 2 }]] as const) {
      const response = await fetch(`${url.origin}/api/edit`, { method: 'POST', headers, body: JSON.stringify({ version, edit }) })
      expect(response.status).toBe(200)
    }
    // Ctrl-C: the last writes finish before it exits.
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    const saved = await units(join(dir, 'tm.xlf'))
    expect(saved.map((u) => u.state)).toEqual(['reviewed', 'initial', 'reviewed', ...Array(6).fill(expect.any(String))])
    expect(saved[1]!.subState).toBe('mizan:needs-review')
    expect(saved.every((u) => u.origin?.document === 'ar.txt')).toBe(true)
  }, 60_000)

  it('resumes the beads confirmed in an earlier session', async () => {
    const { child, url } = await start(dir, ['ar.txt', 'en.txt', '--into', 'tm.xlf', '--no-open', '--port', '0'])
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    const headers = { 'x-mizan-token': url.searchParams.get('token')! }
    const state = (await (await fetch(`${url.origin}/api/state`, { headers })).json()) as { version: number; canUndo: boolean; document: { beads: Array<{ state: string }> } }
    expect(state.document.beads.map((b) => b.state).slice(0, 3)).toEqual(['confirmed', 'open', 'confirmed'])
    expect(state.canUndo).toBe(false)
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    // Nothing was edited: the memory is as the first session left it.
    expect((await units(join(dir, 'tm.xlf'))).map((u) => u.state).slice(0, 3)).toEqual(['reviewed', 'initial', 'reviewed'])
  }, 60_000)

  it('saves into an SQLite memory through its own storage', async () => {
    const { child, url } = await start(dir, ['ar.txt', 'en.txt', '--into', 'sqlite:tm.db', '--no-open', '--rejected', 'drop'])
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    const headers = { 'x-mizan-token': url.searchParams.get('token')!, 'content-type': 'application/json' }
    for (const [version, edit] of [[0, { kind: 'approve', bead: 0 }], [1, { kind: 'reject', bead: 1 }]] as const) {
      expect((await fetch(`${url.origin}/api/edit`, { method: 'POST', headers, body: JSON.stringify({ version, edit }) })).status).toBe(200)
    }
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    const storage = await openStore(`sqlite:${join(dir, 'tm.db')}`)
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
    const all: TranslationUnit[] = []
    for await (const unit of tm.units()) all.push(unit)
    await tm.close()
    // Nine beads, the rejected one dropped; the approved one reviewed.
    expect(all).toHaveLength(8)
    expect(all.find((u) => u.origin?.sourceSentences?.[0] === 0)!.state).toBe('reviewed')
    expect(all.some((u) => u.origin?.sourceSentences?.[0] === 1)).toBe(false)
  }, 60_000)

  it('refuses to start without a memory, or with a bad flag value', async () => {
    const none = await mizan(dir, ['review', 'ar.txt', 'en.txt', '--no-open'])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/^mizan: review needs a memory to save into: --into tm.xlf/)
    const bad = await mizan(dir, ['review', 'ar.txt', 'en.txt', '--into', 'x.xlf', '--rejected', 'burn', '--no-open'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--rejected must be needs-review or drop, got "burn"/)
    const overwrite = await mizan(dir, ['review', 'ar.txt', 'en.txt', '--into', 'ar.txt', '--no-open'])
    expect(overwrite.code).toBe(2)
  })
})
