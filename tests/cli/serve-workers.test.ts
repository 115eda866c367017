/**
 * `mizan serve --workers N` as a user runs it (the built binary) on a small SQLite memory of our own: requests are
 * answered by two worker processes (told apart by the `x-mizan-worker` header), one write token works in both, a
 * write through one worker is read through the other, a worker that dies is reported, and SIGINT to the primary
 * stops every process; the same on a PostgreSQL memory where PostgreSQL 15 is installed. An XLIFF memory is
 * refused with one line.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PostgresStorage } from '../../src/storage/postgres.js'
import { SqliteStorage } from '../../src/storage/sqlite.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { havePostgres, startPostgres, type PostgresCluster } from '../helpers/postgres.js'
import { startServe } from '../helpers/serve-process.js'
import { BIN, ensureBuilt, expectOneLineError, mizan, tempFolder } from './harness.js'

interface Answer {
  status: number
  worker: string
  body: string
}

/**
 * One request on a connection of its own (`agent: false`): the cluster hands out connections, not requests, so a
 * kept-alive connection would always reach the same worker.
 */
function call(url: string, options: { method?: string; token?: string | undefined; body?: unknown } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }
    const sent = request(url, { agent: false, method: options.method ?? 'GET', headers }, (response) => {
      let body = ''
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, worker: String(response.headers['x-mizan-worker']), body }))
    })
    sent.on('error', reject)
    sent.end(options.body === undefined ? undefined : JSON.stringify(options.body))
  })
}

/** Whether a process with this pid exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Starts `mizan serve … --workers 2`, resolving when the primary has printed its banner. */
const start = (cwd: string, args: string[]) => startServe(cwd, [...args, '--port', '0', '--workers', '2'], /on (http:\/\/\S+) \(2 worker processes\)$/)

/**
 * Two workers on `store` (holding the committee and human-rights pairs): both answer, the banner and token are
 * printed once, a write through one is read through the other, and SIGINT stops every process.
 */
async function twoWorkersShare(cwd: string, store: string): Promise<void> {
  const server = await start(cwd, [store])
  const workers = new Set<string>()
  try {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    // The banner and the token are printed once, by the primary, not once per worker.
    expect(server.stdout().match(/write token:/g)).toHaveLength(1)
    expect(server.token).toMatch(/^[0-9a-f]{32}$/)
    const fuzzy = `${server.url}/tmserver/en/ar/unit/${encodeURIComponent('The committee held its second meeting in Geneva')}`
    for (let index = 0; index < 20; index++) {
      const health = await call(`${server.url}/health`)
      expect(health.status).toBe(200)
      const found = await call(fuzzy)
      expect(found.status).toBe(200)
      expect(JSON.parse(found.body)[0].source).toBe('The committee held its first meeting in Geneva')
      workers.add(health.worker).add(found.worker)
    }
    expect([...workers].every((pid) => /^\d+$/.test(pid) && Number(pid) !== server.child.pid)).toBe(true)
    expect(workers.size).toBe(2)

    // The one printed token writes through either worker; the unit written is read through the other one.
    const added = await call(`${server.url}/v1/units`, { method: 'POST', token: server.token, body: { id: 'w1', source: 'تبدأ الدورة غدا صباحا', target: 'The session begins tomorrow morning' } })
    expect(added.status, added.body).toBe(201)
    const readers = new Set<string>()
    for (let index = 0; index < 20 && !readers.has([...workers].find((pid) => pid !== added.worker)!); index++) {
      const read = await call(`${server.url}/tmserver/en/ar/unit/${encodeURIComponent('The session begins tomorrow')}`)
      expect(JSON.parse(read.body).map((c: { source: string }) => c.source), `worker ${read.worker}`).toContain('The session begins tomorrow morning')
      readers.add(read.worker)
    }
    expect(readers).toContain([...workers].find((pid) => pid !== added.worker))
  } finally {
    server.child.kill('SIGINT')
  }
  expect(await server.exit).toBe(0)
  expect(server.stdout()).toMatch(/\nstopped\n$/)
  // No worker is left behind (the primary waited for them; still, check each pid).
  for (const pid of [...workers, String(server.child.pid)]) expect(alive(Number(pid)), `pid ${pid}`).toBe(false)
}

/** The memory both tests serve. */
const pairs = [
  { source: 'عقدت اللجنة اجتماعها الأول في جنيف', target: 'The committee held its first meeting in Geneva' },
  { source: 'حقوق الإنسان للجميع', target: 'Human rights for all' },
]

describe('mizan serve --workers', () => {
  let dir: string
  beforeAll(async () => {
    ensureBuilt()
    dir = tempFolder('mizan-serve-workers-')
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await SqliteStorage.open(join(dir, 'tm.db')) })
    await tm.addAll(pairs)
    await tm.close()
  })

  it('answers from two processes, reads in one what the other wrote, and stops every process on SIGINT', async () => {
    await twoWorkersShare(dir, 'sqlite:tm.db')
  })

  it('reports a worker that dies, and serves on with the other', async () => {
    const server = await start(dir, ['sqlite:tm.db'])
    try {
      const first = await call(`${server.url}/health`)
      process.kill(Number(first.worker), 'SIGKILL')
      await expect.poll(server.stderr, { timeout: 10_000 }).toMatch(new RegExp(`mizan serve: worker ${first.worker} exited \\(SIGKILL\\); 1 of 2 still serving`))
      for (let index = 0; index < 5; index++) {
        const health = await call(`${server.url}/health`)
        expect(health.status).toBe(200)
        expect(health.worker).not.toBe(first.worker)
      }
    } finally {
      server.child.kill('SIGINT')
    }
    expect(await server.exit).toBe(0)
  })

  it('stops every process on SIGINT sent while the workers are still starting', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
    const child = spawn(process.execPath, [BIN, 'serve', 'sqlite:tm.db', '--port', '0', '--workers', '2'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
    // As soon as both workers exist (forked, most likely still opening the memory, before the banner).
    const childrenOf = (pid: number): number[] => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
    await expect.poll(() => childrenOf(child.pid!).length, { timeout: 10_000, interval: 5 }).toBe(2)
    const workers = childrenOf(child.pid!)
    child.kill('SIGINT')
    expect(await exit).toBe(0)
    expect(stdout).toMatch(/stopped\n$/)
    for (const pid of workers) expect(alive(pid), `worker ${pid}`).toBe(false)
  })

  it('refuses --workers 2 on an XLIFF memory with one line (exit 2)', async () => {
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.add({ source: 'نعم', target: 'Yes' })
    await tm.save(join(dir, 'tm.xlf'))
    const result = await mizan(dir, ['serve', 'tm.xlf', '--port', '0', '--workers', '2'])
    expect(result.code).toBe(2)
    expectOneLineError(result.stderr, /--workers 2 needs a sqlite: or postgres:\/\/ memory: an XLIFF file memory is held by one process/)
    expect(result.stdout).toBe('')
  })
})

describe.runIf(havePostgres())('mizan serve --workers on a PostgreSQL memory', () => {
  let cluster: PostgresCluster | undefined
  afterAll(() => cluster?.stop())

  it('answers from two processes, reads in one what the other wrote, and stops every process on SIGINT', async () => {
    ensureBuilt()
    cluster = await startPostgres()
    const store = cluster.createDatabase('serve_workers')
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await PostgresStorage.open(store) })
    await tm.addAll(pairs)
    await tm.close()
    await twoWorkersShare(tempFolder('mizan-serve-workers-pg-'), store)
  }, 120_000)
})
