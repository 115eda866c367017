/**
 * Paragraph hints in a bead's cost (bead-scorer.ts): a bead that ends at a paragraph break on one side only pays
 * `mismatchPenalty`. An omission's empty side has no end of its own, so an omission is not asked to match: before,
 * a paragraph the translation leaves out paid the mismatch for each of its sentences but the last (issue #12's
 * deleted-paragraph trial), and a sentence left out at a document's start paid it for the start.
 */
import { describe, expect, it } from 'vitest'
import type { AnchorSet } from '../../src/align/anchors.js'
import { BeadScorer, type CostModel } from '../../src/align/bead-scorer.js'
import { shapeIndex, SHAPES } from '../../src/align/gale-church.js'

/** Three source sentences in paragraphs [0] [1, 2], two target sentences in [0] [1]; no anchors. */
function scorer(targetBreakAfterFirst: boolean): BeadScorer {
  const none = (count: number) => Array.from({ length: count }, () => new Int32Array(0))
  const anchors: AnchorSet = { source: none(3), target: none(2), weight: new Float64Array(0), penalty: new Float64Array(0), deletionPenalty: new Float64Array(0), lexical: new Uint8Array(0), points: [], size: 0 }
  const model: CostModel = {
    sourcePrefix: Float64Array.from([0, 40, 80, 120]),
    targetPrefix: Float64Array.from([0, 50, 100]),
    ratio: 1.2,
    variance: 6.8,
    shapeCost: new Float64Array(SHAPES.length).fill(1),
    anchors,
    sourceBreak: Uint8Array.from([1, 1, 0, 1]),
    targetBreak: Uint8Array.from([1, targetBreakAfterFirst ? 1 : 0, 1]),
    sourceBreakPrefix: Int32Array.from([0, 1, 1, 1]),
    targetBreakPrefix: Int32Array.from([0, targetBreakAfterFirst ? 1 : 0, targetBreakAfterFirst ? 1 : 0]),
    deletionCost: 0.25,
    meanTargetLength: 50,
    crossPenalty: 2,
    mismatchPenalty: 1,
    matchDilution: 0,
    splitEvidence: 0,
    strayCost: 0,
  }
  return new BeadScorer(model)
}

describe('BeadScorer paragraph hints', () => {
  it('charges an omission nothing for where the other side stands in its paragraphs', () => {
    // Source sentence 1 left out after the 1-1 bead (0, 0): it ends inside its paragraph while the target side
    // stands at a break. Its cost is the same whether or not that break is there.
    const omission = shapeIndex(1, 0)
    expect(scorer(true).cost(1, 2, 1, 1, omission)).toBe(scorer(false).cost(1, 2, 1, 1, omission))
    // A target sentence left out at the start of the document, where the source side stands at the start.
    expect(scorer(true).cost(0, 0, 0, 1, shapeIndex(0, 1))).toBe(scorer(false).cost(0, 0, 0, 1, shapeIndex(0, 1)))
  })

  it('still charges a bead with text on both sides that ends at a break on one side only', () => {
    const oneToOne = shapeIndex(1, 1)
    // (0, 0)-(1, 1): the source ends at a break; the target does only when the break after its first sentence is there.
    expect(scorer(false).cost(0, 1, 0, 1, oneToOne) - scorer(true).cost(0, 1, 0, 1, oneToOne)).toBeCloseTo(1, 12)
  })
})
