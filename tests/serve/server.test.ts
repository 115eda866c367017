/**
 * The server over HTTP on loopback, with fetch: every endpoint, every refusal (no token, wrong token, foreign
 * origin, oversized body, a 100,000-character query, a malformed upload, too many candidates), the access log
 * without the memory's text, and a client that sends its body slowly while another is answered.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toTmx } from '../../src/formats/tmx.js'
import { toXliff } from '../../src/formats/xliff.js'
import { startServeServer, type RunningServe } from '../../src/serve/server.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'

const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
const lines: string[] = []
let writes = 0
let server: RunningServe
const write = { authorization: 'Bearer w-token' }
const read = { 'x-mizan-token': 'r-token' }

beforeAll(async () => {
  await tm.addAll([
    { id: 'u1', source: 'عقدت اللجنة اجتماعها الأول في جنيف', target: 'The committee held its first meeting in Geneva' },
    { id: 'u2', source: 'حقوق الإنسان للجميع', target: 'Human rights for all' },
  ])
  server = await startServeServer({ tm, port: 0, readToken: 'r-token', writeToken: 'w-token', cors: 'https://tm.example', maxBodyBytes: 4096, maxCandidates: 10, log: (line) => lines.push(line), afterWrite: async () => void writes++ })
})
afterAll(() => server.close())

const get = (path: string, headers: Record<string, string> = read) => fetch(`${server.url}${path}`, { headers })
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as any })

describe('startServeServer: reading', () => {
  it('answers /health without a token', async () => {
    expect(await json(await get('/health', {}))).toEqual({ status: 200, body: { status: 'ok', units: 2, sourceLang: 'ar', targetLang: 'en' } })
  })
  it('answers the tmserver request Weblate sends, in both directions', async () => {
    const ar = await json(await get(`/tmserver/ar/en/unit/${encodeURIComponent('عقدت اللجنة اجتماعها الأول في جنيف')}`))
    expect(ar.body[0]).toEqual({ source: 'عقدت اللجنة اجتماعها الأول في جنيف', target: 'The committee held its first meeting in Geneva', quality: 100, rank: 1 })
    const en = await json(await get(`/tmserver/en_US/ar_EG/unit/${encodeURIComponent('Human rights for everyone')}?min_similarity=70&max_candidates=5`))
    expect(en.body).toEqual([{ source: 'Human rights for all', target: 'حقوق الإنسان للجميع', quality: 75, rank: 1 }])
    const query = await json(await get(`/tmserver/ar/en/unit/?source=${encodeURIComponent('حقوق الإنسان للجميع')}&token=r-token`, {}))
    expect(query.body[0].target).toBe('Human rights for all')
  })
  it('answers lookup, fuzzy with its diff, concordance, get and stats', async () => {
    expect((await json(await get(`/v1/lookup?q=${encodeURIComponent('حقوق الإنسان للجميع')}`))).body[0]).toMatchObject({ kind: 'exact', unit: { id: 'u2' } })
    const fuzzy = (await json(await get(`/v1/fuzzy?q=${encodeURIComponent('Human rights for everyone')}&minScore=0.5`))).body
    expect(fuzzy[0]).toMatchObject({ side: 'target', unit: { id: 'u2' }, score: 0.75, distance: 1 })
    expect(fuzzy[0].diff.length).toBeGreaterThan(1)
    const hits = (await json(await get(`/v1/concordance?q=${encodeURIComponent('جنيف')}`))).body
    // The concordance's default limit (20) is cut to the server's candidates limit (10), not refused.
    expect(hits[0]).toMatchObject({ unit: { id: 'u1' }, spans: [expect.any(Object)] })
    expect((await json(await get('/v1/units/u1'))).body).toMatchObject({ id: 'u1', target: 'The committee held its first meeting in Geneva' })
    expect(await json(await get('/v1/units/nope'))).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
    expect((await json(await get('/v1/stats'))).body).toEqual({ units: 2, sourceLang: 'ar', targetLang: 'en' })
  })
  it('publishes an OpenAPI 3.1 document whose parameters are the schemas that validate requests', async () => {
    const document = (await json(await get('/v1/openapi.json', {}))).body
    expect(document.openapi).toBe('3.1.0')
    const fuzzy = document.paths['/v1/fuzzy'].get
    expect(fuzzy.parameters.find((p: any) => p.name === 'limit').schema).toMatchObject({ type: 'integer', maximum: 10 })
    expect(await json(await get('/v1/fuzzy?q=a&limit=11'))).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT', message: expect.stringMatching(/at most 10/) } } })
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/tmserver/{source}/{target}/unit/{text}', '/v1/units', '/v1/units/{id}', '/v1/import', '/v1/export', '/health']))
    // Part matches are described where they are answered: which sentence matched, and the unit's boundaries.
    for (const route of ['/v1/lookup', '/v1/fuzzy']) {
      const item = document.paths[route].get.responses['200'].content['application/json'].schema.items
      expect(item.properties.part).toMatchObject({ type: 'object', required: ['side', 'index', 'count', 'start', 'end'] })
      expect(item.properties.unit.properties.parts.properties.source).toEqual({ type: 'array', items: { type: 'integer' } })
    }
  })
  it('streams an export in XLIFF and TMX', async () => {
    const xliff = await (await get('/v1/export')).text()
    expect(xliff).toMatch(/<xliff[^>]*srcLang="ar"/)
    expect(xliff).toContain('حقوق الإنسان للجميع')
    const tmx = await get('/v1/export?format=tmx')
    expect(tmx.headers.get('content-type')).toMatch(/tmx/)
    expect(await tmx.text()).toContain('<tmx version="1.4"')
  })
})

describe('startServeServer: refusals', () => {
  it('refuses reading without the read token (401) and with a wrong one (403); the write token also reads', async () => {
    expect(await json(await get('/v1/stats', {}))).toMatchObject({ status: 401, body: { error: { code: 'TOKEN_MISSING' } } })
    expect(await json(await get('/v1/stats', { 'x-mizan-token': 'guess' }))).toMatchObject({ status: 403, body: { error: { code: 'TOKEN_WRONG' } } })
    expect((await get('/v1/stats', write)).status).toBe(200)
  })
  it('refuses writing without the write token, even with the read token', async () => {
    const post = (headers: Record<string, string>) => fetch(`${server.url}/v1/units`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ source: 'نعم', target: 'Yes' }) })
    expect((await post({})).status).toBe(401)
    expect((await post(read)).status).toBe(403)
    expect(await tm.size()).toBe(2)
  })
  it('refuses a foreign origin, and answers the --cors origin with CORS headers', async () => {
    expect(await json(await get('/health', { origin: 'https://evil.example' }))).toMatchObject({ status: 403, body: { error: { code: 'ORIGIN_REFUSED' } } })
    const allowed = await get('/health', { origin: 'https://tm.example' })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://tm.example')
    const preflight = await fetch(`${server.url}/v1/units`, { method: 'OPTIONS', headers: { origin: 'https://tm.example', 'access-control-request-method': 'POST' } })
    expect(preflight.status).toBe(204)
  })
  it('refuses a 100,000-character query with 414 (tmserver and /v1)', async () => {
    const long = encodeURIComponent('ن'.repeat(100_000))
    expect(await json(await get(`/tmserver/ar/en/unit/${long}`))).toMatchObject({ status: 414, body: { error: { code: 'QUERY_TOO_LONG' } } })
    expect((await get(`/v1/fuzzy?q=${'x'.repeat(100_000)}`)).status).toBe(414)
    // Under the URL limit but over the query text limit (2000 characters) is refused too.
    expect(await json(await get(`/tmserver/ar/en/unit/${'x'.repeat(3000)}`))).toMatchObject({ status: 414 })
    expect(await json(await get(`/v1/fuzzy?q=${'x'.repeat(3000)}`))).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/at most 2000/) } } })
  })
  it('refuses an oversized body with 413 and a body that is not JSON with 400', async () => {
    const big = await fetch(`${server.url}/v1/units`, { method: 'POST', headers: write, body: JSON.stringify({ source: 'x'.repeat(5000), target: 'y' }) })
    expect(await json(big)).toMatchObject({ status: 413, body: { error: { code: 'BODY_TOO_LARGE' } } })
    const bad = await fetch(`${server.url}/v1/units`, { method: 'POST', headers: write, body: '{source:' })
    expect(await json(bad)).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } })
  })
  it('refuses a malformed upload whole: nothing of it is added', async () => {
    const units = [{ id: 'a', source: 'واحد', target: 'one' }, { id: 'b', source: 'اثنان', target: 'two' }]
    const broken = toTmx(units, { sourceLang: 'ar', targetLang: 'en' }).replace('</body>', '<tu><tuv xml:lang="ar"><seg>ثلاثة</seg></tuv>')
    const answer = await json(await fetch(`${server.url}/v1/import`, { method: 'POST', headers: write, body: broken }))
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'FORMAT_INVALID', message: expect.stringMatching(/line \d+/) } } })
    expect(await tm.size()).toBe(2)
  })
  it('answers unknown routes with 404 and other methods with 405', async () => {
    expect((await get('/v2/x')).status).toBe(404)
    expect((await fetch(`${server.url}/v1/stats`, { method: 'DELETE', headers: write })).status).toBe(405)
  })
})

describe('startServeServer: writing', () => {
  it('adds, imports and deletes, calling afterWrite after each', async () => {
    const before = writes
    const added = await json(await fetch(`${server.url}/v1/units`, { method: 'POST', headers: write, body: JSON.stringify({ id: 'u3', source: 'نعم', target: 'Yes', state: 'reviewed' }) }))
    expect(added).toMatchObject({ status: 201, body: { id: 'u3', source: 'نعم', state: 'reviewed' } })
    const tmx = toTmx([{ id: 'x', source: 'لا', target: 'No' }, { id: 'y', source: 'ربما', target: 'Maybe' }], { sourceLang: 'ar', targetLang: 'en' })
    expect(await json(await fetch(`${server.url}/v1/import`, { method: 'POST', headers: write, body: tmx }))).toEqual({ status: 200, body: { stored: 2, format: 'tmx' } })
    expect(await tm.size()).toBe(5)
    // The same document again adds no unit (equal units are stored once), and keeps its ids.
    await fetch(`${server.url}/v1/import`, { method: 'POST', headers: write, body: tmx })
    expect(await tm.size()).toBe(5)
    expect((await tm.get('y'))?.target).toBe('Maybe')
    const xliff = toXliff([{ id: 'z', source: 'شكرا', target: 'Thanks' }], { version: '1.2', sourceLang: 'ar', targetLang: 'en' })
    expect(await json(await fetch(`${server.url}/v1/import`, { method: 'POST', headers: write, body: xliff }))).toEqual({ status: 200, body: { stored: 1, format: 'xliff' } })
    expect((await tm.get('z'))?.target).toBe('Thanks')
    expect(await json(await fetch(`${server.url}/v1/units/u3`, { method: 'DELETE', headers: write }))).toEqual({ status: 200, body: { deleted: true } })
    expect((await fetch(`${server.url}/v1/units/u3`, { method: 'DELETE', headers: write })).status).toBe(404)
    expect(writes - before).toBe(5)
  })
})

describe('startServeServer: access log and slow clients', () => {
  it('logs one JSON line per request, with the route pattern and no text of the memory', async () => {
    lines.length = 0
    await get(`/tmserver/ar/en/unit/${encodeURIComponent('حقوق الإنسان')}`)
    await get('/v1/stats', {})
    const entries = lines.map((line) => JSON.parse(line))
    expect(entries).toEqual([
      expect.objectContaining({ method: 'GET', route: '/tmserver/{source}/{target}/unit/{text+}', status: 200, remote: expect.any(String), ms: expect.any(Number) }),
      expect.objectContaining({ route: '/v1/stats', status: 401, code: 'TOKEN_MISSING' }),
    ])
    expect(lines.join('')).not.toMatch(/حقوق|%D8/)
  })
  it('logs the URL with logText', async () => {
    const logged: string[] = []
    const other = await startServeServer({ tm, port: 0, log: (line) => logged.push(line), logText: true })
    try {
      await fetch(`${other.url}/v1/lookup?q=${encodeURIComponent('نعم')}`)
      expect(JSON.parse(logged[0]!).url).toContain(encodeURIComponent('نعم'))
    } finally {
      await other.close()
    }
  })
  it('answers other clients while one sends its body slowly', async () => {
    const socket = connect(server.port, '127.0.0.1')
    let received = ''
    socket.on('data', (chunk) => (received += chunk.toString()))
    await new Promise((resolve) => socket.once('connect', resolve))
    socket.write(`POST /v1/units HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer w-token\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"source":`)
    for (let i = 0; i < 5; i++) {
      const answer = await get(`/v1/fuzzy?q=${encodeURIComponent('Human rights for everyone')}&minScore=0.5`)
      expect(answer.status).toBe(200)
      await answer.json()
    }
    // The slow request is still open and unanswered while the five others were served.
    expect(received).toBe('')
    socket.destroy()
  })
})
