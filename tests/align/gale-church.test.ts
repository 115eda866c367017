/**
 * The 1-0 and 0-1 priors re-estimated from a first pass (issue #12: documents that leave out or add one line in ten).
 */
import { describe, expect, it } from 'vitest'
import { documentOmissionCost, SHAPES } from '../../src/align/gale-church.js'

const defaults = Float64Array.from(SHAPES, ({ prior }) => -Math.log(prior))
const counts = (leftOut: number, added: number) => {
  const out = new Float64Array(SHAPES.length)
  out[1] = leftOut
  out[2] = added
  return out
}

describe('documentOmissionCost', () => {
  it('raises each omission prior to its smoothed share of the first pass', () => {
    const cost = documentOmissionCost(defaults, defaults, counts(60, 30), 3000, 1000)
    expect(Math.exp(-cost[1]!)).toBeCloseTo((60 + 1000 * SHAPES[1]!.prior) / 4000, 12)
    expect(Math.exp(-cost[2]!)).toBeCloseTo((30 + 1000 * SHAPES[2]!.prior) / 4000, 12)
    // Every other shape keeps its cost.
    expect([...cost].filter((_, index) => index > 2)).toEqual([...defaults].filter((_, index) => index > 2))
  })

  it('moves a short document little and never lowers a prior', () => {
    const short = documentOmissionCost(defaults, defaults, counts(10, 0), 200, 1000)
    expect(Math.exp(-short[1]!) / SHAPES[1]!.prior).toBeLessThan(3)
    expect(Math.exp(-short[1]!)).toBeGreaterThan(SHAPES[1]!.prior)
    expect(short[2]).toBe(defaults[2])
  })

  it('starts from the given costs and leaves them unchanged', () => {
    const given = Float64Array.from(defaults)
    documentOmissionCost(given, defaults, counts(500, 500), 1000, 1000)
    expect(given).toEqual(defaults)
  })
})
