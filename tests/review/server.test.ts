/**
 * The review server over HTTP: the guards in place on every route, malformed and stale edits refused, two tabs
 * editing at once, patches that let a client follow the document, saving into a memory, and a kill during save
 * that leaves the memory openable with every edit saved before it.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alignSentences } from '../../src/align/align-sentences.js'
import { readFileSync } from 'node:fs'
import { segmentSentences } from '../../src/segment/index.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { startSession } from '../../src/review/history.js'
import { createReviewDocument, type ReviewDocument } from '../../src/review/model.js'
import { applyPatch, type Patch } from '../../src/review/patch.js'
import { ReviewWriter } from '../../src/review/save-review.js'
import { startReviewServer, type ReviewServer } from '../../src/review/server.js'

const corpus = new URL('../../corpus/xi-rahmon-samarkand/', import.meta.url)
const source = segmentSentences(readFileSync(new URL('ar.txt', corpus), 'utf8'), 'ar').map((s) => s.text)
const target = segmentSentences(readFileSync(new URL('en.txt', corpus), 'utf8'), 'en').map((s) => s.text)
const beads = alignSentences(source, target, { sourceLang: 'ar', targetLang: 'en' }).beads

describe('startReviewServer', () => {
  const folder = mkdtempSync(join(tmpdir(), 'mizan-review-server-'))
  const file = join(folder, 'tm.xlf')
  let server: ReviewServer
  let tm: TranslationMemory
  let base: string
  const call = async (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const headers = new Headers(init.headers)
    if (init.token !== null) headers.set('x-mizan-token', init.token ?? server.token)
    const response = await fetch(`${base}${path}`, { ...init, headers })
    return { status: response.status, headers: response.headers, body: response.headers.get('content-type')?.startsWith('application/json') ? ((await response.json()) as Record<string, unknown>) : await response.text() }
  }
  const post = (path: string, body: unknown, init: RequestInit & { token?: string | null } = {}) =>
    call(path, { ...init, method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) } })
  const state = async () => (await call('/api/state')).body as { version: number; document: ReviewDocument; saves: number }

  beforeAll(async () => {
    tm = await TranslationMemory.open(file, { sourceLang: 'ar', targetLang: 'en' })
    const writer = await ReviewWriter.open({ tm, save: async () => void (await tm.save()) }, { document: 'ar.txt' })
    server = await startReviewServer({ session: startSession(createReviewDocument(source, target, beads)), writer, realign: { sourceLang: 'ar', targetLang: 'en' }, maxBodyBytes: 2048, page: (nonce) => `<!doctype html><script nonce="${nonce}">1</script>` })
    base = `http://127.0.0.1:${server.port}`
  })
  afterAll(async () => {
    await server?.close()
  })

  it('prints a loopback URL with its token, and serves the page with a CSP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32}$/)
    const page = await fetch(server.url)
    expect(page.status).toBe(200)
    const policy = page.headers.get('content-security-policy')!
    expect(policy).toMatch(/default-src 'none'/)
    expect(policy).toMatch(/connect-src 'self'/)
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!
    expect(await page.text()).toContain(`nonce="${nonce}"`)
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
  })

  it('refuses a missing or wrong token on every route', async () => {
    for (const path of ['/', '/api/state']) {
      expect((await call(path, { token: null })).status).toBe(401)
      expect((await call(path, { token: 'f'.repeat(32) })).status).toBe(403)
    }
    expect((await post('/api/edit', { version: 0, edit: { kind: 'approve', bead: 0 } }, { token: 'wrong' })).status).toBe(403)
    expect((await state()).version).toBe(0)
  })

  it('refuses requests from another origin', async () => {
    const response = await post('/api/edit', { version: 0, edit: { kind: 'approve', bead: 0 } }, { headers: { origin: 'https://evil.example' } })
    expect(response.status).toBe(403)
    expect((response.body as { error: string }).error).toMatch(/requests from https:\/\/evil.example are refused/)
    expect((await state()).version).toBe(0)
  })

  it('refuses an oversized body', async () => {
    const response = await post('/api/edit', { version: 0, edit: { kind: 'approve', bead: 0 }, pad: 'x'.repeat(5000) })
    expect(response.status).toBe(413)
  })

  it('refuses malformed edits with a message, and edits that would break coverage', async () => {
    for (const [body, message] of [
      ['{not json', /not JSON/],
      [{ version: 0 }, /either edit or action/],
      [{ version: 0, edit: { kind: 'approve' } }, /edit approve needs bead/],
      [{ version: 0, edit: { kind: 'merge', bead: 8, direction: 'next' } }, /bead 8 has no next bead/],
      [{ version: 0, action: 'undo' }, /nothing to undo/],
    ] as const) {
      const response = await post('/api/edit', body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect((response.body as { error: string }).error).toMatch(message)
    }
    expect((await state()).version).toBe(0)
  })

  it('answers each change with a patch that brings a client copy up to date, and saves as it goes', async () => {
    let { document, version } = await state()
    const steps = [{ edit: { kind: 'merge', bead: 1, direction: 'next' } }, { edit: { kind: 'split', bead: 1, sourceAt: 1, targetAt: 2 } }, { edit: { kind: 'approve', bead: 1 } }, { action: 'undo' }, { action: 'redo' }, { action: 'realign' }, { edit: { kind: 'reject', bead: 0 } }]
    for (const step of steps) {
      const response = await post('/api/edit', { version, ...step })
      expect(response.status, JSON.stringify(step)).toBe(200)
      const answer = response.body as { version: number; patch: Patch }
      document = applyPatch(document, answer.patch)
      version = answer.version
    }
    const now = await state()
    expect(now.version).toBe(version)
    expect(document).toEqual(now.document)
    await server.flush()
    const back = await TranslationMemory.open(file)
    const units: Array<{ state?: string; source: string }> = []
    for await (const unit of back.units()) units.push(unit)
    expect(units.find((u) => u.source === source[0])!.state).toBe('initial') // rejected: needs review
    expect(units.find((u) => u.source === source[1])!.state).toBe('reviewed')
  })

  it('refuses the later of two tabs editing the same version: changed elsewhere, reload', async () => {
    const { version } = await state()
    const first = await post('/api/edit', { version, edit: { kind: 'approve', bead: 2 } })
    const second = await post('/api/edit', { version, edit: { kind: 'reject', bead: 2 } })
    expect(first.status).toBe(200)
    expect(second.status).toBe(409)
    expect((second.body as { error: string }).error).toMatch(/changed elsewhere .*reload/)
    expect((await state()).document.beads[2]!.state).toBe('confirmed')
  })

  it('accepts an edit of another bead from a tab behind, and sends it the changes it missed', async () => {
    const seen = await state()
    // Tab A merges beads 3 and 4; tab B, still on the version before, approves bead 6 (bead 5 after the merge).
    const merge = await post('/api/edit', { version: seen.version, edit: { kind: 'merge', bead: 3, direction: 'next' } })
    expect(merge.status).toBe(200)
    const approve = await post('/api/edit', { version: seen.version, edit: { kind: 'approve', bead: 6 } })
    expect(approve.status).toBe(200)
    const answer = approve.body as { version: number; patch: Patch; missed: Patch[] }
    expect(answer.missed).toEqual([(merge.body as { patch: Patch }).patch])
    const now = await state()
    expect(answer.version).toBe(seen.version + 2)
    expect(now.document.beads[5]).toEqual({ ...seen.document.beads[6], state: 'confirmed' })
    // Tab B follows: the missed changes, then its own patch, give the server's document.
    expect([...answer.missed, answer.patch].reduce(applyPatch, seen.document)).toEqual(now.document)
    // The same tab, still behind, editing a bead the merge changed: refused, and nothing changes.
    const stale = await post('/api/edit', { version: seen.version, edit: { kind: 'reject', bead: 4 } })
    expect(stale.status).toBe(409)
    expect((stale.body as { error: string }).error).toMatch(/^mizan: bead 5 changed elsewhere .*reload$/)
    // Undo from a tab behind would undo someone else's change: refused too.
    expect((await post('/api/edit', { version: seen.version, action: 'undo' })).status).toBe(409)
    expect((await state()).version).toBe(now.version)
  })

  it('saves on request and answers once the memory is written', async () => {
    const before = (await state()).saves
    const response = await post('/api/save', {})
    expect(response.status).toBe(200)
    expect((response.body as { saves: number }).saves).toBeGreaterThan(before)
  })
})

describe('a review server killed during a save', () => {
  it('leaves the memory openable, with the edits saved before the kill', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mizan-review-kill-'))
    const file = join(folder, 'tm.xlf')
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('serve-child.ts', import.meta.url).pathname, file, '20000'], { stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve)
        child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)))
      })
      const { origin, searchParams } = new URL(url)
      const headers = { 'x-mizan-token': searchParams.get('token')!, 'content-type': 'application/json' }
      const edit = async (version: number, bead: number) => (await fetch(`${origin}/api/edit`, { method: 'POST', headers, body: JSON.stringify({ version, edit: { kind: 'approve', bead } }) })).status
      expect(await edit(0, 0)).toBe(200)
      expect((await fetch(`${origin}/api/save`, { method: 'POST', headers, body: '{}' })).status).toBe(200)
      // Another edit starts another save (autosave); kill the server once its temporary file exists.
      expect(await edit(1, 1)).toBe(200)
      let polls = 0
      // Bounded by a count of polls, each yielding a little, not by a time limit.
      while (!readdirSync(folder).some((name) => name.startsWith('.tm.xlf.tmp-')) && polls++ < 20_000) await new Promise((resolve) => setTimeout(resolve, 1))
      expect(readdirSync(folder).some((name) => name.startsWith('.tm.xlf.tmp-'))).toBe(true)
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
    } finally {
      child.kill('SIGKILL')
    }
    const tm = await TranslationMemory.open(file)
    expect(await tm.size()).toBe(20_000)
    expect((await tm.lookup('هذه هي الجملة رقم 0 في التقرير عن القمة.'))[0]!.unit.state).toBe('reviewed')
  }, 120_000)
})

describe('startReviewServer with a memory that cannot be saved', () => {
  it('applies edits and says on each answer that the save failed', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    const writer = await ReviewWriter.open({ tm, save: async () => Promise.reject(new Error('mizan: disk full')) }, { document: 'ar.txt' })
    const server = await startReviewServer({ session: startSession(createReviewDocument(source, target, beads)), writer })
    try {
      const headers = { 'x-mizan-token': server.token, 'content-type': 'application/json' }
      const edit = async (version: number) => (await (await fetch(`http://127.0.0.1:${server.port}/api/edit`, { method: 'POST', headers, body: JSON.stringify({ version, edit: { kind: 'approve', bead: version } }) })).json()) as { saveError: string | null }
      expect((await edit(0)).saveError).toBeNull()
      await server.flush()
      expect((await edit(1)).saveError).toBe('mizan: disk full')
      const save = await fetch(`http://127.0.0.1:${server.port}/api/save`, { method: 'POST', headers, body: '{}' })
      expect(save.status).toBe(500)
    } finally {
      await server.close()
    }
  })
})
