/**
 * The review server's guards, each alone, on plain request objects: token, origin and host, body size.
 */
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readBody, requireSameOrigin, requireToken, type RequestHead } from '../../src/review/middleware.js'

const request = (url: string, headers: RequestHead['headers'] = {}): RequestHead => ({ url, headers, method: 'GET' })

describe('requireToken', () => {
  const guard = requireToken('abcdef0123456789')
  it('lets the token through in the header or the query', () => {
    expect(guard(request('/api/state', { 'x-mizan-token': 'abcdef0123456789' }))).toBeUndefined()
    expect(guard(request('/?token=abcdef0123456789'))).toBeUndefined()
  })
  it('refuses a missing token with 401 and a wrong one with 403', () => {
    expect(guard(request('/api/state'))).toMatchObject({ status: 401, message: expect.stringMatching(/needs its token/) })
    expect(guard(request('/api/state?token=abcdef0123456788'))).toMatchObject({ status: 403, message: expect.stringMatching(/wrong token/) })
    expect(guard(request('/api/state', { 'x-mizan-token': 'abc' }))).toMatchObject({ status: 403 })
  })
})

describe('requireSameOrigin', () => {
  const guard = requireSameOrigin(4567)
  it('lets the page itself through (same origin, or no Origin header)', () => {
    expect(guard(request('/', { host: '127.0.0.1:4567' }))).toBeUndefined()
    expect(guard(request('/', { host: '127.0.0.1:4567', origin: 'http://127.0.0.1:4567', 'sec-fetch-site': 'same-origin' }))).toBeUndefined()
    expect(guard(request('/', { host: 'localhost:4567', origin: 'http://localhost:4567' }))).toBeUndefined()
  })
  it('refuses other origins, cross-site fetches and foreign host names', () => {
    expect(guard(request('/', { host: '127.0.0.1:4567', origin: 'https://evil.example' }))).toMatchObject({ status: 403, message: expect.stringMatching(/requests from https:\/\/evil.example are refused/) })
    expect(guard(request('/', { host: '127.0.0.1:4567', origin: 'http://127.0.0.1:9999' }))).toMatchObject({ status: 403 })
    expect(guard(request('/', { host: '127.0.0.1:4567', 'sec-fetch-site': 'cross-site' }))).toMatchObject({ status: 403 })
    expect(guard(request('/', { host: 'rebind.evil.example:4567' }))).toMatchObject({ status: 403, message: expect.stringMatching(/host "rebind.evil.example:4567"/) })
    expect(guard(request('/', {}))).toMatchObject({ status: 403 })
  })
})

describe('readBody', () => {
  const body = (chunks: string[], headers: RequestHead['headers'] = {}) => Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { headers, url: '/', method: 'POST' })
  it('reads a body within the limit', async () => {
    expect(await readBody(body(['{"a":', '"بيت"}']), 100)).toBe('{"a":"بيت"}')
  })
  it('refuses a declared length over the limit before reading', async () => {
    let read = 0
    const stream = Object.assign(Readable.from((function* () { read++; yield Buffer.from('x') })()), { headers: { 'content-length': '1000' }, url: '/', method: 'POST' })
    expect(await readBody(stream, 10)).toMatchObject({ status: 413 })
    expect(read).toBe(0)
  })
  it('stops reading a streamed body once it passes the limit', async () => {
    let chunks = 0
    const stream = Object.assign(Readable.from((function* () { for (;;) { chunks++; yield Buffer.alloc(100) } })()), { headers: {}, url: '/', method: 'POST' })
    expect(await readBody(stream, 1000)).toMatchObject({ status: 413, message: 'mizan: request bodies are limited to 1000 bytes' })
    expect(chunks).toBeLessThanOrEqual(12)
  })
})
