/**
 * Anchor weights in long documents (issue #12): a key's frequency is counted within reach of each occurrence, so a
 * word that recurs through one stretch of a long document weighs what it would in that stretch alone.
 */
import { describe, expect, it } from 'vitest'
import { buildAnchors, readSide } from '../../src/align/anchors.js'
import { model } from '../../src/align/options.js'

/** `count` sentences on each side; number 7000 + k written in sentence `where(k)` for each listed key k, else filler. */
function weights(count: number, keys: ReadonlyArray<(k: number) => number>, times: number) {
  const arabic = Array.from({ length: count }, () => 'وانتهى الاجتماع.')
  const english = Array.from({ length: count }, () => 'The meeting ended.')
  keys.forEach((where, key) => {
    for (let k = 0; k < times; k++) {
      const i = where(k)
      arabic[i] = `${arabic[i]} ${7000 + key}`
      english[i] = `${english[i]} ${7000 + key}`
    }
  })
  const anchors = buildAnchors(readSide(arabic, 'ar'), readSide(english, 'en'), 'ar', 'en', [], model.anchors)
  // The weight of key k: the anchor both sides of sentence where(0) hold and a filler sentence (the first) does not.
  return keys.map((where) => {
    const own = [...anchors.source[where(0)]!].filter((id) => anchors.target[where(0)]!.includes(id) && !anchors.source[0]!.includes(id))
    expect(own).toHaveLength(1)
    return anchors.weight[own[0]!]!
  })
}

describe('buildAnchors', () => {
  it('weighs a number spread thinly through a long document above one that recurs in a single stretch', () => {
    // 30 occurrences each, in 1,800 sentences: one every 60 sentences, or 30 in a row.
    const [spread, dense] = weights(1800, [(k) => 60 * k + 1, (k) => 900 + k], 30)
    expect(spread!).toBeGreaterThan(dense! * 1.3)
  })

  it('keeps the document frequency in a document that fits in one window', () => {
    const [spread, dense] = weights(600, [(k) => 20 * k + 1, (k) => 300 + k], 30)
    expect(spread).toBe(dense)
  })
})
