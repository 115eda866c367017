/**
 * Small bead scorers and a brute-force enumeration of every alignment, for the search tests (tests/align/search,
 * omission-runs): a text pair scored by the model's defaults, no paragraph hints.
 */
import { buildAnchors, readSide } from '../../src/align/anchors.js'
import { BeadScorer, type CostModel } from '../../src/align/bead-scorer.js'
import { SHAPES, sentenceLength } from '../../src/align/gale-church.js'
import { model, resolveOptions } from '../../src/align/options.js'

/** Model settings a test may change; the rest are the model's defaults. */
export interface ScorerSettings {
  matchDilution?: number
  splitEvidence?: number
  /** Default: the pair's own length ratio. */
  ratio?: number
  variance?: number
  /** Default: off (0). */
  omissionRun?: number
}

/** A bead scorer for an Arabic-English pair of sentence lists, the document's ends its only breaks. */
export function scorerFor(source: string[], target: string[], settings: ScorerSettings = {}): BeadScorer {
  const prefix = (texts: string[]) => {
    const out = new Float64Array(texts.length + 1)
    texts.forEach((text, k) => (out[k + 1] = out[k]! + sentenceLength(text)))
    return out
  }
  const ends = (count: number) => {
    const flag = new Uint8Array(count + 1)
    flag[0] = 1
    flag[count] = 1
    return flag
  }
  const sourcePrefix = prefix(source)
  const targetPrefix = prefix(target)
  const costModel: CostModel = {
    sourcePrefix,
    targetPrefix,
    ratio: settings.ratio ?? targetPrefix[target.length]! / sourcePrefix[source.length]!,
    variance: settings.variance ?? model.variance,
    shapeCost: resolveOptions({}, source.length, target.length).shapeCost,
    anchors: buildAnchors(readSide(source, 'ar'), readSide(target, 'en'), 'ar', 'en', [], model.anchors),
    sourceBreak: ends(source.length),
    targetBreak: ends(target.length),
    sourceBreakPrefix: new Int32Array(source.length + 1),
    targetBreakPrefix: new Int32Array(target.length + 1),
    deletionCost: model.deletionCost,
    meanTargetLength: targetPrefix[target.length]! / target.length,
    crossPenalty: model.crossPenalty,
    mismatchPenalty: model.mismatchPenalty,
    matchDilution: settings.matchDilution ?? model.matchDilution,
    splitEvidence: settings.splitEvidence ?? model.splitEvidence,
    strayCost: 0,
    omissionRun: settings.omissionRun ?? 0,
  }
  return new BeadScorer(costModel)
}

/**
 * Every monotone bead sequence from (0, 0) to (n, m), by brute force, with its total cost; an omission that
 * continues a run of omissions on the same side costs `discount` less (0: each priced alone).
 */
export function allAlignments(scorer: BeadScorer, n: number, m: number, discount = 0): Array<{ beads: string[]; cost: number }> {
  const out: Array<{ beads: string[]; cost: number }> = []
  const walk = (i: number, j: number, beads: string[], cost: number, last: number) => {
    if (i === n && j === m) {
      out.push({ beads, cost })
      return
    }
    SHAPES.forEach(({ shape: [a, b] }, s) => {
      if (i + a > n || j + b > m) return
      const continues = s === last && (a === 0 || b === 0)
      walk(i + a, j + b, [...beads, `${i}-${i + a}:${j}-${j + b}`], cost + scorer.cost(i, i + a, j, j + b, s) - (continues ? discount : 0), s)
    })
  }
  walk(0, 0, [], 0, -1)
  return out
}
