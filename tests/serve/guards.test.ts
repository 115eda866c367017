/**
 * The serve guards, each alone, on plain request objects: tokens, origin, URL length, body size, time limit,
 * loopback addresses.
 */
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { checkOrigin, checkUrlLength, isLoopback, readBody, requireToken, tokenOf, withTimeLimit, type RequestHead } from '../../src/serve/guards.js'
import { HttpError } from '../../src/serve/http-error.js'

const request = (url: string, headers: RequestHead['headers'] = {}): RequestHead => ({ url, headers, method: 'GET' })

function refusal(run: () => unknown): HttpError {
  try {
    run()
  } catch (error) {
    if (error instanceof HttpError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('tokenOf', () => {
  it.each([
    { title: 'Authorization: Bearer', head: request('/', { authorization: 'Bearer t1' }), expected: 't1' },
    { title: 'the x-mizan-token header', head: request('/', { 'x-mizan-token': 't2' }), expected: 't2' },
    { title: '?token=', head: request('/tmserver/ar/en/unit/x?token=t3'), expected: 't3' },
    { title: 'nothing', head: request('/'), expected: undefined },
  ])('reads the token from $title', ({ head, expected }) => {
    expect(tokenOf(head)).toBe(expected)
  })
})

describe('requireToken', () => {
  it('lets the right token through', () => {
    expect(() => requireToken(request('/', { authorization: 'Bearer w' }), 'w', 'write')).not.toThrow()
  })
  it('refuses no token with 401 TOKEN_MISSING and a wrong one with 403 TOKEN_WRONG', () => {
    expect(refusal(() => requireToken(request('/'), 'w', 'write'))).toMatchObject({ status: 401, code: 'TOKEN_MISSING', message: expect.stringMatching(/write token/) })
    expect(refusal(() => requireToken(request('/?token=x'), 'w', 'read'))).toMatchObject({ status: 403, code: 'TOKEN_WRONG' })
    expect(refusal(() => requireToken(request('/', { 'x-mizan-token': 'ww' }), 'w', 'write'))).toMatchObject({ status: 403 })
  })
})

describe('checkOrigin', () => {
  it('lets requests without Origin through, with no CORS headers', () => {
    expect(checkOrigin(request('/'), undefined)).toEqual({})
  })
  it('refuses any Origin when CORS is off', () => {
    expect(refusal(() => checkOrigin(request('/', { origin: 'https://evil.example' }), undefined))).toMatchObject({ status: 403, code: 'ORIGIN_REFUSED', message: expect.stringMatching(/--cors/) })
  })
  it('allows the --cors origin, with CORS headers, and refuses another', () => {
    expect(checkOrigin(request('/', { origin: 'https://tm.example' }), 'https://tm.example')).toMatchObject({ 'access-control-allow-origin': 'https://tm.example', vary: 'Origin' })
    expect(refusal(() => checkOrigin(request('/', { origin: 'https://evil.example' }), 'https://tm.example'))).toMatchObject({ status: 403 })
  })
})

describe('checkUrlLength', () => {
  it('refuses a 100,000-character query with 414 before reading it', () => {
    expect(refusal(() => checkUrlLength(request(`/v1/fuzzy?q=${'x'.repeat(100_000)}`), 16_384))).toMatchObject({ status: 414, code: 'QUERY_TOO_LONG' })
    expect(() => checkUrlLength(request(`/v1/fuzzy?q=${'x'.repeat(100)}`), 16_384)).not.toThrow()
  })
})

describe('readBody', () => {
  const body = (chunks: string[], headers: RequestHead['headers'] = {}) => Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { headers, url: '/', method: 'POST' })
  it('reads a body within the limit', async () => {
    expect((await readBody(body(['ab', 'cd']), 4)).toString()).toBe('abcd')
  })
  it('refuses a declared Content-Length over the limit before reading', async () => {
    let pulled = 0
    const stream = Object.assign(Readable.from((function* () { pulled++; yield Buffer.from('a') })()), { headers: { 'content-length': '5' }, url: '/', method: 'POST' })
    await expect(readBody(stream, 4)).rejects.toMatchObject({ status: 413, code: 'BODY_TOO_LARGE' })
    expect(pulled).toBe(0)
  })
  it('cuts off a streamed body that grows past the limit, reading no further chunk', async () => {
    let pulled = 0
    const chunks = (function* () {
      for (let i = 0; i < 1000; i++) {
        pulled++
        yield Buffer.from('xx')
      }
    })()
    const stream = Object.assign(Readable.from(chunks), { headers: {}, url: '/', method: 'POST' })
    await expect(readBody(stream, 10)).rejects.toMatchObject({ status: 413 })
    expect(pulled).toBeLessThan(50)
  })
})

describe('withTimeLimit', () => {
  it('answers 503 TIMEOUT when the work does not settle', async () => {
    await expect(withTimeLimit(new Promise(() => undefined), 5)).rejects.toMatchObject({ status: 503, code: 'TIMEOUT' })
  })
  it('passes the work through when it settles', async () => {
    await expect(withTimeLimit(Promise.resolve(7), 1000)).resolves.toBe(7)
  })
})

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.5', false],
    ['tm.example', false],
  ])('%s is loopback: %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected)
  })
})
