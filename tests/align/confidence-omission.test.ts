/**
 * Issue #12, Text+Berg's precision of beads scored 0.9 or more: most of the wrong ones were a 1-1 bead inside a
 * gold 2-1 or 1-2 bead whose other sentence the path left unpaired. A bead beside an omission is less likely right
 * (confidenceModel.rightGivenParallel's last weight).
 */
import { describe, expect, it } from 'vitest'
import { translationConfidence, type BeadFeatures } from '../../src/align/confidence.js'

/** A bead that beats its six nulls, with a posterior of 0.9. */
const paired: BeadFeatures = { posterior: 0.9, evidence: 6, nullMax: 0, nulls: 6, nullsAtTop: 0, orphans: 0, keys: 8, lengthCost: 0.3 }

describe('translationConfidence', () => {
  it('scores a bead beside an omission lower than the same bead between paired beads', () => {
    // Seven beads; in the second document the fourth bead's neighbour on the right is a sentence left unpaired.
    const plain = translationConfidence(Array.from({ length: 7 }, () => paired), Array.from({ length: 7 }, () => [1, 1] as const))
    const features = [paired, paired, paired, paired, undefined, paired, paired, paired]
    const shapes = [[1, 1], [1, 1], [1, 1], [1, 1], [1, 0], [1, 1], [1, 1], [1, 1]] as const
    const beside = translationConfidence(features, shapes)
    expect(beside.confidence[3]).toBeLessThan(plain.confidence[3]! - 0.01)
    expect(beside.confidence[5]).toBeLessThan(plain.confidence[3]! - 0.01)
    // Beads with no omission beside them are as before.
    expect(beside.confidence[1]).toBeCloseTo(plain.confidence[1]!, 2)
  })
})
