/**
 * Route matching: literals, parameters, the rest-of-path parameter, percent-decoding, 404 and 405.
 */
import { describe, expect, it } from 'vitest'
import { matchRoute, type Route } from '../../src/serve/router.js'

const route = (method: Route['method'], path: string): Route => ({ method, path, access: 'open', summary: path, handle: async () => ({ json: null }) })
const routes = [route('GET', '/v1/units/{id}'), route('DELETE', '/v1/units/{id}'), route('GET', '/tmserver/{source}/{target}/unit/{text+}'), route('GET', '/tmserver/{source}/{target}/unit/')]

describe('matchRoute', () => {
  it('matches parameters and decodes them', () => {
    expect(matchRoute(routes, 'GET', '/v1/units/a%20b').params).toEqual({ id: 'a b' })
    expect(matchRoute(routes, 'DELETE', '/v1/units/x').route.method).toBe('DELETE')
  })
  it('gives the rest of the path, slashes and encoded slashes included, to a {name+} parameter', () => {
    const text = 'نعم/لا و 50%'
    expect(matchRoute(routes, 'GET', `/tmserver/ar_EG/en/unit/${encodeURIComponent(text)}`).params).toEqual({ source: 'ar_EG', target: 'en', text })
    expect(matchRoute(routes, 'GET', '/tmserver/ar/en/unit/a/b').params.text).toBe('a/b')
  })
  it('matches the form with an empty last segment to its own route', () => {
    expect(matchRoute(routes, 'GET', '/tmserver/ar/en/unit/').route.path).toBe('/tmserver/{source}/{target}/unit/')
  })
  it('answers 404 for an unknown path and 405 for a known path with another method', () => {
    expect(() => matchRoute(routes, 'GET', '/v2/units')).toThrow(expect.objectContaining({ status: 404, code: 'ROUTE_NOT_FOUND' }))
    expect(() => matchRoute(routes, 'POST', '/v1/units/x')).toThrow(expect.objectContaining({ status: 405, code: 'METHOD_NOT_ALLOWED' }))
  })
  it('refuses a malformed percent-encoding with 400', () => {
    expect(() => matchRoute(routes, 'GET', '/v1/units/%E0%A4%A')).toThrow(expect.objectContaining({ status: 400, code: 'INVALID_INPUT' }))
  })
})
