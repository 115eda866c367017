/**
 * The schema checker: what it accepts and refuses, and query parameters converted from strings.
 */
import { describe, expect, it } from 'vitest'
import { HttpError } from '../../src/serve/http-error.js'
import { checkQuery, checkValue, type Schema } from '../../src/serve/schema.js'

const unit: Schema = { type: 'object', properties: { source: { type: 'string', minLength: 1, maxLength: 5 }, state: { type: 'string', enum: ['initial', 'final'] } }, required: ['source'] }

describe('checkValue', () => {
  it('accepts a value that fits', () => {
    expect(() => checkValue(unit, { source: 'نعم', state: 'final' }, 'body')).not.toThrow()
  })
  it.each([
    { value: 'x', message: /body must be a JSON object/ },
    { value: [], message: /body must be a JSON object/ },
    { value: {}, message: /body must be an object with source/ },
    { value: { source: 7 }, message: /body.source must be a string/ },
    { value: { source: '' }, message: /at least 1 characters/ },
    { value: { source: 'abcdef' }, message: /at most 5 characters long, got 6/ },
    { value: { source: 'a', state: 'done' }, message: /body.state must be one of initial, final/ },
  ])('refuses $value with 400 INVALID_INPUT', ({ value, message }) => {
    let error: unknown
    try {
      checkValue(unit, value, 'body')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: 400, code: 'INVALID_INPUT', message: expect.stringMatching(message) })
  })
  it('counts characters, not UTF-16 units (an astral letter is one)', () => {
    expect(() => checkValue({ type: 'string', maxLength: 2 }, '𞸀𞸁', 'q')).not.toThrow()
  })
})

describe('checkQuery', () => {
  const schema: Schema = { type: 'object', properties: { q: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 50, default: 5 }, minScore: { type: 'number', maximum: 1 } }, required: ['q'] }
  it('converts numbers and fills defaults', () => {
    expect(checkQuery(schema, new URLSearchParams('q=a&minScore=0.8'))).toEqual({ q: 'a', limit: 5, minScore: 0.8 })
  })
  it('refuses a missing parameter, a non-integer and one out of range', () => {
    expect(() => checkQuery(schema, new URLSearchParams('limit=3'))).toThrow(/with q/)
    expect(() => checkQuery(schema, new URLSearchParams('q=a&limit=2.5'))).toThrow(/query.limit must be an integer/)
    expect(() => checkQuery(schema, new URLSearchParams('q=a&limit='))).toThrow(/query.limit must be an integer/)
    expect(() => checkQuery(schema, new URLSearchParams('q=a&limit=51'))).toThrow(/at most 50, got 51/)
  })
})
