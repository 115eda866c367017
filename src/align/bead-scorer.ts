/**
 * The cost of one bead for the search (search.ts): Gale & Church's length cost, the shape's prior, the anchor
 * evidence its two sides share or miss, the price of its stray sentences, and the 2-2 split evidence. Kept apart
 * from the dynamic programme, which asks it for millions of beads: it holds the flattened anchor keys and the
 * scratch arrays that make each bead allocation-free.
 *
 * @module
 * @internal
 */
import type { AnchorSet } from './anchors.js'
import type { LocalLength } from './local-length.js'
import { lengthCost as lengthCostOf, robustLengthCost, SHAPES } from './gale-church.js'

// A local copy: the hot loop below calls it millions of times, and a plain module-local binding stays
// monomorphic and free of the export getters some bundlers and loaders put around imported bindings.
const lengthCost = lengthCostOf
/**
 * The most source sentences a bead has: the rows a {@link BeadScorer}'s source window covers (at most 30, since a
 * window sentence is a bit of a 32-bit integer; a bead with more would be read from marks).
 */
const SOURCE_WINDOW = Math.min(30, Math.max(...SHAPES.map(({ shape }) => shape[0])))

/** Everything a bead's cost depends on. @internal */
export interface CostModel {
  /** Prefix sums of source lengths (n + 1 values). */
  sourcePrefix: Float64Array
  /** Prefix sums of target lengths (m + 1 values). */
  targetPrefix: Float64Array
  ratio: number
  variance: number
  /**
   * The ratio and variance per source position (local-length.ts), for a long document that joins texts of different
   * kinds; a bead starting at source sentence i is scored with entry i. Absent: `ratio` and `variance` everywhere.
   */
  localLength?: LocalLength
  /**
   * The heavy tail of the length model: weight and width (see gale-church.ts, robustLengthCost), for beads of at most
   * `maxSentences` sentences on each side; none when absent.
   */
  lengthTail?: { readonly weight: number; readonly width: number; readonly maxSentences: number }
  /** `-log prior` per entry of {@link SHAPES}. */
  shapeCost: Float64Array
  anchors: AnchorSet
  /** 1 where a paragraph starts before source sentence i (index 0..n; 0 and n count as breaks). */
  sourceBreak: Uint8Array
  targetBreak: Uint8Array
  /** Prefix counts of inner breaks, to count breaks inside a bead in O(1). */
  sourceBreakPrefix: Int32Array
  targetBreakPrefix: Int32Array
  /** Cost of leaving out an average-length sentence (beyond the shape prior). */
  deletionCost: number
  /** Mean target sentence length (source lengths are scaled by the ratio). */
  meanTargetLength: number
  /** Cost per paragraph break inside a bead. */
  crossPenalty: number
  /** Cost when a bead ends at a paragraph break on one side only. */
  mismatchPenalty: number
  /**
   * How much less a matched anchor earns in a bead with two or more sentences on both sides: its reward is scaled
   * by `1 - dilution · log(a · b)` for an a-b bead (a, b ≥ 2), 1 otherwise.
   */
  matchDilution: number
  /** Factor on the split evidence of 2-2 beads (0 turns it off; see {@link BeadScorer}). */
  splitEvidence: number
  /**
   * Cost of each sentence of a bead that shares no anchor key with the bead's other side:
   * `-log P(no shared key | the sentence belongs)`, estimated per document (0 turns it off), or per sentence of
   * each side (a long document that joins texts of different kinds has a price per stretch).
   */
  strayCost: number | { source: Float64Array; target: Float64Array }
  /**
   * Cost of each number that the other document has nowhere ({@link AnchorSet.orphans}) in a bead that pairs its
   * sentence with something: such a number is evidence that the sentence's translation is missing. Absent or 0: off.
   */
  orphanCost?: number
  /**
   * Nats off a 1-0 bead that follows a 1-0 bead, and off a 0-1 that follows a 0-1 (search.ts): a run of omissions on
   * one side is one event, opened once and extended, as an affine gap (Gotoh 1982). Absent or 0: off.
   */
  omissionRun?: number
}

/** Scores beads for one model; keeps the scratch arrays that make anchor matching allocation-free. @internal */
export class BeadScorer {
  private readonly sourceOffsets: Int32Array
  private readonly sourceKeys: Int32Array
  private readonly targetOffsets: Int32Array
  private readonly targetKeys: Int32Array
  private readonly markSource: Int32Array
  private readonly markTarget: Int32Array
  private stamp = 0
  /** The stamp of the keys of the bead {@link anchorCost} last matched. */
  private beadStamp = 0
  /**
   * The source window: the search scores every bead ending at source row i1 in a run (a row of the band), and
   * those beads' source sides are the nested ranges [i1 - a, i1), a ≤ {@link SOURCE_WINDOW}. So which of the
   * window's sentences hold each key is found once per row, as a bit mask (`sourceMask`, bit d for sentence
   * i1 - 1 - d, valid where `sourceMaskStamp` is `windowStamp`): a key is in a bead's source side when its mask
   * meets the bead's low a bits. The sum of the source keys' penalties is computed once per range (`windowSum`,
   * valid where `windowSumStamp` is `windowStamp`) by the same loop, in the same order, that computed it for every
   * bead before (so it is the same number to the last bit). A bead then only walks its target keys, and the masks
   * of the keys it matches say which of its source sentences share a key with its target side (its strays).
   */
  private readonly sourceMask: Int32Array
  private readonly sourceMaskStamp: Int32Array
  private windowEnd = -1
  private windowStamp = 0
  private readonly windowSum = new Float64Array(SOURCE_WINDOW + 1)
  private readonly windowSumStamp = new Int32Array(SOURCE_WINDOW + 1)
  /** Whether the bead {@link anchorCost} last matched read its source side from the window (not from marks). */
  private beadInWindow = false
  /** That bead's source sentences as window bits, and those of them that share a key with its target side. */
  private beadRange = 0
  private beadCovered = 0
  private readonly weight: Float64Array
  private readonly penalty: Float64Array
  private readonly deletionPenalty: Float64Array
  private readonly shapeCost: Float64Array
  private readonly sourcePrefix: Float64Array
  private readonly targetPrefix: Float64Array
  private readonly sourceBreak: Uint8Array
  private readonly targetBreak: Uint8Array
  private readonly sourceBreakPrefix: Int32Array
  private readonly targetBreakPrefix: Int32Array
  private readonly ratio: number
  private readonly variance: number
  private readonly localRatio: Float64Array | undefined
  private readonly localVariance: Float64Array | undefined
  /** The length cost with the model's heavy tail ({@link CostModel.lengthTail}), for beads of up to {@link tailSentences} a side. */
  private readonly tailCost: (sourceLength: number, targetLength: number, ratio: number, variance: number) => number
  private readonly tailSentences: number
  private readonly deletionScale: number
  private readonly crossPenalty: number
  private readonly mismatchPenalty: number
  /** Prefix sums of each sentence's total anchor weight: the most a group's anchors can earn. */
  private readonly sourceReward: Float64Array
  private readonly targetReward: Float64Array
  /** Per shape, the factor on matched anchor rewards (see {@link CostModel.matchDilution}). */
  private readonly matchScale: Float64Array
  private readonly splitFactor: number
  /** Nats off each omission that continues a run on its side ({@link CostModel.omissionRun}); 0 when off. */
  readonly omissionRun: number
  /** Per sentence, what it costs as a stray (see {@link CostModel.strayCost}); {@link hasStrays} when any is above 0. */
  private readonly sourceStray: Float64Array
  private readonly targetStray: Float64Array
  private readonly hasStrays: boolean
  /** Whether any sentence has a number the other document has nowhere (and {@link CostModel.orphanCost} is on). */
  readonly hasOrphans: boolean
  /** Prefix sums of each sentence's orphan numbers times {@link CostModel.orphanCost}; undefined when off. */
  private readonly sourceOrphan: Float64Array | undefined
  private readonly targetOrphan: Float64Array | undefined

  constructor(model: CostModel) {
    ;[this.sourceOffsets, this.sourceKeys] = flatten(model.anchors.source)
    ;[this.targetOffsets, this.targetKeys] = flatten(model.anchors.target)
    this.markSource = new Int32Array(model.anchors.size)
    this.markTarget = new Int32Array(model.anchors.size)
    this.sourceMask = new Int32Array(model.anchors.size)
    this.sourceMaskStamp = new Int32Array(model.anchors.size)
    this.weight = model.anchors.weight
    this.penalty = model.anchors.penalty
    this.deletionPenalty = model.anchors.deletionPenalty
    this.shapeCost = model.shapeCost
    this.sourcePrefix = model.sourcePrefix
    this.targetPrefix = model.targetPrefix
    this.sourceBreak = model.sourceBreak
    this.targetBreak = model.targetBreak
    this.sourceBreakPrefix = model.sourceBreakPrefix
    this.targetBreakPrefix = model.targetBreakPrefix
    this.ratio = model.ratio
    this.variance = model.variance
    this.localRatio = model.localLength?.ratio
    this.localVariance = model.localLength?.variance
    const tail = model.lengthTail
    this.tailCost = tail && tail.weight > 0 ? robustLengthCost(tail.weight, tail.width) : lengthCost
    this.tailSentences = tail && tail.weight > 0 ? tail.maxSentences : 0
    this.deletionScale = model.deletionCost / model.meanTargetLength
    this.crossPenalty = model.crossPenalty
    this.mismatchPenalty = model.mismatchPenalty
    this.splitFactor = model.splitEvidence
    const stray = model.strayCost
    this.sourceStray = typeof stray === 'number' ? new Float64Array(this.sourceOffsets.length - 1).fill(stray) : stray.source
    this.targetStray = typeof stray === 'number' ? new Float64Array(this.targetOffsets.length - 1).fill(stray) : stray.target
    this.hasStrays = this.sourceStray.some((price) => price > 0) || this.targetStray.some((price) => price > 0)
    const orphanCost = model.orphanCost ?? 0
    const orphans = model.anchors.orphans
    const anyOrphan = orphans !== undefined && orphanCost > 0 && (orphans.source.some((count) => count > 0) || orphans.target.some((count) => count > 0))
    this.sourceOrphan = anyOrphan ? scaledPrefix(orphans.source, orphanCost) : undefined
    this.targetOrphan = anyOrphan ? scaledPrefix(orphans.target, orphanCost) : undefined
    this.hasOrphans = anyOrphan
    this.omissionRun = model.omissionRun ?? 0
    this.sourceReward = rewardPrefix(this.sourceOffsets, this.sourceKeys, this.weight)
    this.targetReward = rewardPrefix(this.targetOffsets, this.targetKeys, this.weight)
    // In IBM Model 1 (Brown et al. 1993) a word's translation probability is spread uniformly over every word it
    // could align to, so a word pair found inside a many-to-many bead explains less than the same pair in a
    // smaller bead. Bags of anchor keys have no such term: two neighbouring 1-1 beads merged into a 2-2 keep every
    // match, and the merge wins whenever their length errors cancel. The factor restores a (small) price on
    // matches that could have come from either sentence. It stays in (0, 1], so the reward bound stays valid.
    this.matchScale = Float64Array.from(SHAPES, ({ shape }) => (shape[0] >= 2 && shape[1] >= 2 ? Math.max(0, 1 - model.matchDilution * Math.log(shape[0] * shape[1])) : 1))
  }

  /**
   * Cost of the bead source[i0, i1) × target[j0, j1) with shape index `shape`. When `limit` is given and the
   * bead cannot cost less than it (its cost before anchors, minus the most its anchors could earn, is already at
   * or above it), returns that lower bound without matching anchors: callers only compare such values to `limit`.
   */
  cost(i0: number, i1: number, j0: number, j1: number, shape: number, limit = Infinity): number {
    let cost = this.shapeCost[shape]!
    // The most the anchors can earn (the smaller side's total weight; one-sided anchors only add cost). Length,
    // deletion and paragraph costs are never negative, so when the prior alone, less that reward, reaches the
    // limit, the bead is out before any of them is computed: most of the long shapes at most cells.
    const reward = Math.min(this.sourceReward[i1]! - this.sourceReward[i0]!, this.targetReward[j1]! - this.targetReward[j0]!)
    // (The erfc fit can dip 3e-8 below zero at δ = 0: the 1e-6 slack keeps the test exact.)
    if (cost - reward - 1e-6 >= limit) return cost - reward
    const sourceLength = this.sourcePrefix[i1]! - this.sourcePrefix[i0]!
    const targetLength = this.targetPrefix[j1]! - this.targetPrefix[j0]!
    const ratio = this.localRatio ? this.localRatio[i0]! : this.ratio
    const variance = this.localVariance ? this.localVariance[i0]! : this.variance
    if (i1 === i0 || j1 === j0) {
      // A sentence with no counterpart has no length to compare with; Gale & Church's δ would price it as an
      // extreme length mismatch and force it into a neighbour's bead. Charge instead by its length relative to
      // an average sentence: a caption or a heading is cheap to leave out, a whole paragraph is not.
      cost += this.deletionScale * (sourceLength / ratio + targetLength)
    } else if (i1 - i0 <= this.tailSentences && j1 - j0 <= this.tailSentences) cost += this.tailCost(sourceLength, targetLength, ratio, variance)
    // Longer beads keep the normal model: with the tail on every bead, 72% more beads of a 2,000-sentence UN
    // document reached anchor matching (the steep cost rules them out first), and long literary beads drifted more.
    else cost += lengthCost(sourceLength, targetLength, ratio, variance)
    // A number the other document has nowhere says the sentence's translation is missing: pairing the sentence
    // with anything (a 1-1, or a neighbour's bead it is merged into) pays for it, leaving it out does not. Every
    // path holds each sentence once, so this is the same as a reward for the 1-0 / 0-1 reading, kept non-negative.
    if (this.hasOrphans && i1 !== i0 && j1 !== j0) cost += this.sourceOrphan![i1]! - this.sourceOrphan![i0]! + this.targetOrphan![j1]! - this.targetOrphan![j0]!
    // Paragraph hints: breaks inside the bead, and a bead that ends at a break on one side only. An omission's empty
    // side has no end of its own (it sits where the previous bead ended), so it is not asked to match: a paragraph
    // the translation leaves out paid a mismatch for each of its sentences but the last, and a sentence left out at
    // the start of a document paid one for the document's start.
    if (i1 - i0 > 1) cost += this.crossPenalty * (this.sourceBreakPrefix[i1 - 1]! - this.sourceBreakPrefix[i0]!)
    if (j1 - j0 > 1) cost += this.crossPenalty * (this.targetBreakPrefix[j1 - 1]! - this.targetBreakPrefix[j0]!)
    if (this.sourceBreak[i1] !== this.targetBreak[j1] && i1 !== i0 && j1 !== j0) cost += this.mismatchPenalty
    if (this.sourceOffsets[i0] === this.sourceOffsets[i1] && this.targetOffsets[j0] === this.targetOffsets[j1]) return cost
    if (i1 === i0 || j1 === j0) {
      // A deletion (1-0 or 0-1: one sentence, whose keys are distinct) matches nothing; it pays each key's
      // deletion penalty (see AnchorSet.deletionPenalty).
      let unmatched = 0
      for (let k = this.sourceOffsets[i0]!; k < this.sourceOffsets[i1]!; k++) unmatched += this.deletionPenalty[this.sourceKeys[k]!]!
      for (let k = this.targetOffsets[j0]!; k < this.targetOffsets[j1]!; k++) unmatched += this.deletionPenalty[this.targetKeys[k]!]!
      return cost + unmatched
    }
    const bound = cost - reward
    if (bound >= limit) return bound
    cost += this.anchorCost(i0, i1, j0, j1, this.matchScale[shape]!)
    // Strays only add cost: a bead already at the limit is out without counting them.
    if (this.hasStrays && cost < limit) cost += this.strays(i0, i1, j0, j1)
    if (i1 - i0 === 2 && j1 - j0 === 2 && this.splitFactor > 0) cost += this.splitFactor * this.splitEvidence(i0, j0)
    return cost
  }

  /**
   * The part of {@link cost} that numbers the other document has nowhere add to the bead source[i0, i1) ×
   * target[j0, j1) (0 for a bead with an empty side, or when {@link CostModel.orphanCost} is off). The search's
   * posteriors leave it out (search.ts, viterbiPosteriors): the confidence reads those numbers itself.
   */
  orphans(i0: number, i1: number, j0: number, j1: number): number {
    if (!this.sourceOrphan || i1 === i0 || j1 === j0) return 0
    return this.sourceOrphan[i1]! - this.sourceOrphan[i0]! + this.targetOrphan![j1]! - this.targetOrphan![j0]!
  }

  /**
   * For a 2-2 bead: when its matched anchors all link the first sentences with each other and the second with
   * each other, and each of those two pairs has some, the bead is two 1-1 beads that the length model merged
   * because their length errors cancel. Position within a bead is evidence too (IBM Model 2's alignment
   * probabilities depend on position; Brown et al. 1993): the merge pays the weaker pair's matched weight, so
   * two pairs each carrying their own number stay apart, while a 2-2 whose anchors cross stays a 2-2.
   */
  private splitEvidence(i0: number, j0: number): number {
    const first = this.pairWeight(i0, j0)
    const second = this.pairWeight(i0 + 1, j0 + 1)
    if (first === 0 || second === 0) return 0
    if (this.pairWeight(i0, j0 + 1) > 0 || this.pairWeight(i0 + 1, j0) > 0) return 0
    return Math.min(first, second)
  }

  /**
   * The summed stray price of the bead's sentences that share no anchor key with its other side: a sentence without a counterpart merged
   * into a neighbour's bead looks like this, and so do both sentences of a wrong 1-1 pair (a path shifted by one
   * across a dropped line), while in a well-linked document a sentence that belongs rarely does. Reads the marks
   * {@link anchorCost} just set (a bead with no keys at all returns before them: its sentences are all strays, but
   * so are those of every alternative, so it is left alone).
   */
  private strays(i0: number, i1: number, j0: number, j1: number): number {
    const stamp = this.beadStamp
    if (!this.beadInWindow) return unmarkedSentences(this.sourceOffsets, this.sourceKeys, this.markTarget, stamp, i0, i1, this.sourceStray) + unmarkedSentences(this.targetOffsets, this.targetKeys, this.markSource, stamp, j0, j1, this.targetStray)
    // Source sentences: those whose bit (i1 - 1 - i) no matched key's mask carries. Target sentences: those none of
    // whose keys is in the source side, read from the window. Summed in the same order as unmarkedSentences.
    let source = 0
    for (let i = i0; i < i1; i++) if ((this.beadCovered & (1 << (i1 - 1 - i))) === 0) source += this.sourceStray[i]!
    let target = 0
    for (let j = j0; j < j1; j++) {
      let shared = false
      for (let k = this.targetOffsets[j]!; k < this.targetOffsets[j + 1]! && !shared; k++) shared = (this.windowBits(this.targetKeys[k]!) & this.beadRange) !== 0
      if (!shared) target += this.targetStray[j]!
    }
    return source + target
  }

  /** The window sentences that hold `key`, as bits (see {@link sourceMask}); 0 when none does. */
  private windowBits(key: number): number {
    return this.sourceMaskStamp[key] === this.windowStamp ? this.sourceMask[key]! : 0
  }

  /** Makes the window end at source row `i1`: each key's sentences in [i1 - SOURCE_WINDOW, i1), as bits. */
  private moveWindow(i1: number): void {
    if (this.windowStamp >= 0x7ffffff0) {
      this.sourceMaskStamp.fill(0)
      this.windowSumStamp.fill(0)
      this.windowStamp = 0
    }
    const stamp = ++this.windowStamp
    this.windowEnd = i1
    for (let i = Math.max(0, i1 - SOURCE_WINDOW); i < i1; i++) {
      for (let k = this.sourceOffsets[i]!; k < this.sourceOffsets[i + 1]!; k++) {
        const key = this.sourceKeys[k]!
        const bit = 1 << (i1 - 1 - i)
        if (this.sourceMaskStamp[key] === stamp) this.sourceMask[key]! |= bit
        else {
          this.sourceMaskStamp[key] = stamp
          this.sourceMask[key] = bit
        }
      }
    }
  }

  /** The sum of the penalties of the distinct keys of source sentences [i0, i1), in their order. */
  private sourcePenalty(i0: number, i1: number): number {
    const stamp = this.nextStamp()
    let unmatched = 0
    for (let k = this.sourceOffsets[i0]!; k < this.sourceOffsets[i1]!; k++) {
      const key = this.sourceKeys[k]!
      if (this.markSource[key] !== stamp) {
        this.markSource[key] = stamp
        unmatched += this.penalty[key]!
      }
    }
    return unmatched
  }

  /** Weight of the anchor keys that source sentence i and target sentence j share. */
  private pairWeight(i: number, j: number): number {
    const stamp = this.nextStamp()
    for (let k = this.sourceOffsets[i]!; k < this.sourceOffsets[i + 1]!; k++) this.markSource[this.sourceKeys[k]!] = stamp
    let shared = 0
    for (let k = this.targetOffsets[j]!; k < this.targetOffsets[j + 1]!; k++) {
      const key = this.targetKeys[k]!
      if (this.markSource[key] === stamp && this.markTarget[key] !== stamp) {
        this.markTarget[key] = stamp
        shared += this.weight[key]!
      }
    }
    return shared
  }

  private nextStamp(): number {
    if (this.stamp >= 0x7ffffff0) {
      this.markSource.fill(0)
      this.markTarget.fill(0)
      this.stamp = 0
    }
    return ++this.stamp
  }

  private anchorCost(i0: number, i1: number, j0: number, j1: number, scale: number): number {
    const sourceFrom = this.sourceOffsets[i0]!
    const sourceTo = this.sourceOffsets[i1]!
    const targetFrom = this.targetOffsets[j0]!
    const targetTo = this.targetOffsets[j1]!
    if (sourceFrom === sourceTo && targetFrom === targetTo) return 0
    const weight = this.weight
    const penalty = this.penalty
    this.beadInWindow = i1 - i0 <= SOURCE_WINDOW
    if (this.beadInWindow) {
      if (i1 !== this.windowEnd) this.moveWindow(i1)
      const a = i1 - i0
      if (this.windowSumStamp[a] !== this.windowStamp) {
        this.windowSum[a] = this.sourcePenalty(i0, i1)
        this.windowSumStamp[a] = this.windowStamp
      }
      let unmatched = this.windowSum[a]!
      const stamp = this.nextStamp()
      this.beadStamp = stamp
      const range = (1 << a) - 1
      let covered = 0
      let matched = 0
      for (let k = targetFrom; k < targetTo; k++) {
        const key = this.targetKeys[k]!
        if (this.markTarget[key] !== stamp) {
          this.markTarget[key] = stamp
          const bits = this.windowBits(key) & range
          if (bits !== 0) {
            covered |= bits
            matched += weight[key]!
            unmatched -= penalty[key]!
          } else unmatched += penalty[key]!
        }
      }
      this.beadRange = range
      this.beadCovered = covered
      return unmatched - matched * scale
    }
    const stamp = this.nextStamp()
    this.beadStamp = stamp
    let unmatched = 0
    for (let k = sourceFrom; k < sourceTo; k++) {
      const key = this.sourceKeys[k]!
      if (this.markSource[key] !== stamp) {
        this.markSource[key] = stamp
        unmatched += penalty[key]!
      }
    }
    let matched = 0
    for (let k = targetFrom; k < targetTo; k++) {
      const key = this.targetKeys[k]!
      if (this.markTarget[key] !== stamp) {
        this.markTarget[key] = stamp
        if (this.markSource[key] === stamp) {
          matched += weight[key]!
          unmatched -= penalty[key]!
        } else unmatched += penalty[key]!
      }
    }
    return unmatched - matched * scale
  }
}

/** The summed `price` of sentences `from` to `to` (flattened as `offsets`, `keys`) none of whose keys carries `stamp` in `marks`. */
function unmarkedSentences(offsets: Int32Array, keys: Int32Array, marks: Int32Array, stamp: number, from: number, to: number, price: Float64Array): number {
  let sum = 0
  for (let i = from; i < to; i++) {
    let shared = false
    for (let k = offsets[i]!; k < offsets[i + 1]! && !shared; k++) shared = marks[keys[k]!] === stamp
    if (!shared) sum += price[i]!
  }
  return sum
}

/** Prefix sums of `values` times `factor` (values.length + 1 entries). */
function scaledPrefix(values: Float64Array, factor: number): Float64Array {
  const prefix = new Float64Array(values.length + 1)
  for (let i = 0; i < values.length; i++) prefix[i + 1] = prefix[i]! + factor * values[i]!
  return prefix
}

function rewardPrefix(offsets: Int32Array, keys: Int32Array, weight: Float64Array): Float64Array {
  const prefix = new Float64Array(offsets.length)
  for (let i = 0; i + 1 < offsets.length; i++) {
    let sum = 0
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) sum += weight[keys[k]!]!
    prefix[i + 1] = prefix[i]! + sum
  }
  return prefix
}

function flatten(lists: readonly Int32Array[]): [Int32Array, Int32Array] {
  const offsets = new Int32Array(lists.length + 1)
  for (let i = 0; i < lists.length; i++) offsets[i + 1] = offsets[i]! + lists[i]!.length
  const keys = new Int32Array(offsets[lists.length]!)
  for (let i = 0; i < lists.length; i++) keys.set(lists[i]!, offsets[i]!)
  return [offsets, keys]
}
