/**
 * `mizan serve` as a user runs it (the built binary): it prints its URL and write token, serves the tmserver API
 * and /v1, saves writes into an XLIFF memory, warns off loopback, refuses bad flags, and stops cleanly on SIGINT
 * (exit 0) with every write on disk.
 */
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { startServe } from '../helpers/serve-process.js'
import { ensureBuilt, mizan, tempFolder } from './harness.js'

describe('mizan serve', () => {
  let dir: string
  let file: string
  beforeAll(async () => {
    ensureBuilt()
    dir = tempFolder('mizan-serve-cli-')
    file = join(dir, 'tm.xlf')
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.addAll([
      { source: 'عقدت اللجنة اجتماعها الأول في جنيف', target: 'The committee held its first meeting in Geneva' },
      { source: 'حقوق الإنسان للجميع', target: 'Human rights for all' },
    ])
    await tm.save(file)
  })

  it('serves an XLIFF memory, saves what is written, and stops on SIGINT with exit 0', async () => {
    // No --write-token and no MIZAN_WRITE_TOKEN: a random one is made and printed.
    const server = await startServe(dir, [file, '--port', '0'])
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(server.token).toMatch(/^[0-9a-f]{32}$/)
      const candidates = await (await fetch(`${server.url}/tmserver/en/ar/unit/${encodeURIComponent('Human rights for all')}`)).json()
      expect(candidates).toEqual([{ source: 'Human rights for all', target: 'حقوق الإنسان للجميع', quality: 100, rank: 1 }])
      const refused = await fetch(`${server.url}/v1/units`, { method: 'POST', body: JSON.stringify({ source: 'نعم', target: 'Yes' }) })
      expect(refused.status).toBe(401)
      const added = await fetch(`${server.url}/v1/units`, { method: 'POST', headers: { authorization: `Bearer ${server.token}` }, body: JSON.stringify({ source: 'نعم', target: 'Yes' }) })
      expect(added.status).toBe(201)
    } finally {
      server.child.kill('SIGINT')
    }
    expect(await server.exit).toBe(0)
    // The access log is on stderr (read whole once the process ended), one JSON line per request, without the text asked for.
    const log = server.stderr().trim().split('\n').map((line) => JSON.parse(line))
    expect(log.map((entry) => entry.status)).toEqual([200, 401, 201])
    expect(server.stderr()).not.toContain('Human rights')
    const reopened = await TranslationMemory.open(file)
    expect(await reopened.size()).toBe(3)
    expect((await reopened.lookup('نعم'))[0]?.unit.target).toBe('Yes')
  })

  it('takes the write token from --write-token and the read token from --read-token, and warns off loopback', async () => {
    const server = await startServe(dir, [file, '--port', '0', '--host', '0.0.0.0', '--write-token', 'w1', '--read-token', 'r1'])
    try {
      expect(server.token).toBeUndefined()
      expect(server.stderr()).toMatch(/warning: listening on 0\.0\.0\.0/)
      const url = server.url.replace('0.0.0.0', '127.0.0.1')
      expect((await fetch(`${url}/v1/stats`)).status).toBe(401)
      expect((await fetch(`${url}/v1/stats`, { headers: { authorization: 'Bearer r1' } })).status).toBe(200)
      expect((await fetch(`${url}/v1/units/x`, { method: 'DELETE', headers: { authorization: 'Bearer r1' } })).status).toBe(403)
    } finally {
      server.child.kill('SIGTERM')
    }
    expect(await server.exit).toBe(0)
  })

  it('refuses a missing memory file and a malformed --cors with exit 2 and one line', async () => {
    const missing = await mizan(dir, ['serve', 'nope.xlf', '--port', '0'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/nope\.xlf/)
    const cors = await mizan(dir, ['serve', file, '--port', '0', '--cors', 'https://tm.example/path'])
    expect(cors.code).toBe(2)
    expect(cors.stderr).toMatch(/--cors must be an origin/)
  })
})
