/**
 * Aligning around beads a person confirmed: the fixed beads are hard constraints, and only the stretches between
 * them are aligned again (as Trados WinAlign and memoQ's LiveDocs re-align around connected links).
 *
 * @module
 * @internal
 */
import { OptionsError } from '../errors.js'
import type { AlignmentModel, Bead } from './align-sentences.js'
import { sentenceLength } from './gale-church.js'

/**
 * A bead a person confirmed: the sentences it pairs (consecutive, ascending). One side may be empty: the person
 * confirmed that those sentences have no counterpart.
 *
 * @example
 * ```ts
 * import type { FixedBead } from 'mizan'
 * const confirmed: FixedBead = { source: [4], target: [5, 6] }
 * ```
 * @group Alignment
 */
export interface FixedBead {
  /** Source sentence indexes, consecutive and ascending. */
  source: readonly number[]
  /** Target sentence indexes, consecutive and ascending. */
  target: readonly number[]
  /**
   * Whether a person confirmed the bead. A confirmed pair scores 1; an unconfirmed one (a structure hint, such as
   * two headings in the same place of two outlines) is kept all the same but scored on its evidence.
   * @defaultValue `true`
   */
  confirmed?: boolean
}

/** A stretch between two fixed pairs: sentence ranges [from, to) on each side, less the fixed omissions. */
interface Stretch {
  source: number[]
  target: number[]
}

function consecutive(name: string, list: unknown, count: number): number[] {
  if (!Array.isArray(list)) throw new OptionsError(name, list, 'an array of sentence indexes')
  list.forEach((index: unknown, k) => {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) throw new OptionsError(`${name}[${k}]`, index, `a sentence index from 0 to ${count - 1}`)
    if (k > 0 && index !== (list[k - 1] as number) + 1) throw new OptionsError(name, list, 'consecutive ascending sentence indexes')
  })
  return list as number[]
}

/**
 * Checks fixed beads: indexes in range and consecutive, no sentence in two beads, no bead empty on both sides,
 * and the beads with text on both sides in the same order on both sides (monotone).
 *
 * @throws {@link OptionsError} naming the first bad bead
 * @internal
 */
export function checkFixed(fixed: unknown, n: number, m: number): FixedBead[] {
  if (!Array.isArray(fixed)) throw new OptionsError('fixed', fixed, 'an array of { source, target } beads')
  const usedSource = new Uint8Array(n)
  const usedTarget = new Uint8Array(m)
  const beads = fixed.map((bead: unknown, k) => {
    const b = bead as FixedBead | null
    if (b === null || typeof b !== 'object') throw new OptionsError(`fixed[${k}]`, bead, 'an object with source and target index arrays')
    const source = consecutive(`fixed[${k}].source`, b.source, n)
    const target = consecutive(`fixed[${k}].target`, b.target, m)
    if (b.confirmed !== undefined && typeof b.confirmed !== 'boolean') throw new OptionsError(`fixed[${k}].confirmed`, b.confirmed, 'a boolean')
    if (source.length === 0 && target.length === 0) throw new OptionsError(`fixed[${k}]`, bead, 'a bead with at least one sentence')
    for (const i of source) {
      if (usedSource[i]) throw new OptionsError(`fixed[${k}].source`, source, `sentences in no other fixed bead (source ${i} is in two)`)
      usedSource[i] = 1
    }
    for (const j of target) {
      if (usedTarget[j]) throw new OptionsError(`fixed[${k}].target`, target, `sentences in no other fixed bead (target ${j} is in two)`)
      usedTarget[j] = 1
    }
    return b.confirmed === undefined ? { source, target } : { source, target, confirmed: b.confirmed }
  })
  const pairs = beads.filter((b) => b.source.length > 0 && b.target.length > 0).sort((a, b) => a.source[0]! - b.source[0]!)
  for (let k = 1; k < pairs.length; k++) {
    if (pairs[k]!.target[0]! < pairs[k - 1]!.target[0]!) {
      throw new OptionsError('fixed', fixed, `beads in the same order on both sides (source ${pairs[k]!.source[0]} comes after ${pairs[k - 1]!.source[0]} but its target before)`)
    }
  }
  return beads
}

/**
 * Aligns around fixed beads: the fixed pairs cut both documents into stretches, each stretch (less the sentences
 * fixed as omissions) is aligned on its own with `align`, and the fixed beads go back in their places. Fixed
 * pairs score 1 (a person confirmed them); fixed omissions score 0, as every omission.
 *
 * @param align - aligns one stretch (the caller's aligner, with the whole document's length ratio)
 * @param lengthRatio - that ratio, reported in the model when every sentence is fixed
 * @internal
 */
export function alignAroundFixed(
  source: readonly string[],
  target: readonly string[],
  fixed: readonly FixedBead[],
  align: (source: readonly string[], target: readonly string[], sourceParagraphs: number[], targetParagraphs: number[]) => { beads: Bead[]; model: AlignmentModel },
  sourceParagraphs: readonly number[],
  targetParagraphs: readonly number[],
  lengthRatio: number,
): { beads: Bead[]; model: AlignmentModel; guessed: Set<Bead> } {
  const n = source.length
  const m = target.length
  const omittedSource = new Uint8Array(n)
  const omittedTarget = new Uint8Array(m)
  const pairs: FixedBead[] = []
  const omissions: FixedBead[] = []
  for (const bead of fixed) {
    if (bead.source.length === 0) for (const j of bead.target) omittedTarget[j] = 1
    else if (bead.target.length === 0) for (const i of bead.source) omittedSource[i] = 1
    else pairs.push(bead)
    if (bead.source.length === 0 || bead.target.length === 0) omissions.push(bead)
  }
  pairs.sort((a, b) => a.source[0]! - b.source[0]!)
  // Stretches between fixed pairs, each side's sentences less the fixed omissions.
  const stretches: Stretch[] = []
  let i = 0
  let j = 0
  const cut = (sourceEnd: number, targetEnd: number) => {
    const stretch: Stretch = { source: [], target: [] }
    for (; i < sourceEnd; i++) if (!omittedSource[i]) stretch.source.push(i)
    for (; j < targetEnd; j++) if (!omittedTarget[j]) stretch.target.push(j)
    stretches.push(stretch)
  }
  for (const pair of pairs) {
    cut(pair.source[0]!, pair.target[0]!)
    i = pair.source[pair.source.length - 1]! + 1
    j = pair.target[pair.target.length - 1]! + 1
  }
  cut(n, m)

  const sourceBreaks = new Set(sourceParagraphs)
  const targetBreaks = new Set(targetParagraphs)
  const beads: Bead[] = []
  /** Beads cut at a fixed omission (see splitAtGaps). */
  const guessed = new Set<Bead>()
  const model: AlignmentModel = { lengthRatio: 0, variance: 0, anchors: 0, anchorPath: 0, lexiconSize: 0, cells: 0, bandWidth: 0 }
  let weightOfVariance = 0
  stretches.forEach((stretch, k) => {
    if (stretch.source.length > 0 || stretch.target.length > 0) {
      const local = (list: number[], breaks: Set<number>) => list.flatMap((index, position) => (position > 0 && breaks.has(index) ? [position] : []))
      const result = align(
        stretch.source.map((index) => source[index]!),
        stretch.target.map((index) => target[index]!),
        local(stretch.source, sourceBreaks),
        local(stretch.target, targetBreaks),
      )
      for (const bead of result.beads) {
        const mapped = { ...bead, source: bead.source.map((s) => stretch.source[s]!), target: bead.target.map((t) => stretch.target[t]!) }
        const parts = splitAtGaps(mapped, source, target, result.model.lengthRatio)
        if (parts.length > 1) for (const part of parts) guessed.add(part)
        beads.push(...parts)
      }
      model.lengthRatio = result.model.lengthRatio
      const weight = stretch.source.length + stretch.target.length
      model.variance += result.model.variance * weight
      weightOfVariance += weight
      model.anchors += result.model.anchors
      model.anchorPath += result.model.anchorPath
      model.lexiconSize = Math.max(model.lexiconSize, result.model.lexiconSize)
      model.cells += result.model.cells
      model.bandWidth = Math.max(model.bandWidth, result.model.bandWidth)
    }
    const pair = pairs[k]
    if (pair) beads.push({ source: [...pair.source], target: [...pair.target], score: 1, posterior: 1, fixed: true })
  })
  if (weightOfVariance > 0) model.variance /= weightOfVariance
  // The fixed omissions go where their neighbours put them: before the first bead that holds a later sentence of
  // their side, so the order stays monotone.
  for (const omission of omissions) {
    const side = omission.source.length > 0 ? 'source' : 'target'
    const first = omission[side][0]!
    const at = beads.findIndex((bead) => bead[side].length > 0 && bead[side][0]! > first)
    beads.splice(at < 0 ? beads.length : at, 0, { source: [...omission.source], target: [...omission.target], score: 0, posterior: 1, fixed: true })
  }
  if (model.lengthRatio === 0) model.lengthRatio = lengthRatio
  return { beads, model, guessed }
}

/** Where a run of indexes skips (a fixed omission was taken out between them): the position after the skip. */
function gapIn(indexes: readonly number[]): number {
  for (let k = 1; k < indexes.length; k++) if (indexes[k] !== indexes[k - 1]! + 1) return k
  return -1
}

/**
 * A stretch is aligned without its fixed omissions, so a bead may join the sentences on both sides of one. Such a
 * bead is cut at the gap, the other side's sentences shared between the two parts where their lengths fit best
 * (Gale & Church's length model in its simplest form). The parts are a guess the aligner did not make: they score
 * at most 0.5, so they stay doubtful.
 */
function splitAtGaps(bead: Bead, source: readonly string[], target: readonly string[], ratio: number): Bead[] {
  for (const side of ['source', 'target'] as const) {
    const at = gapIn(bead[side])
    if (at < 0) continue
    const other = side === 'source' ? 'target' : 'source'
    const length = (indexes: readonly number[], s: 'source' | 'target') => indexes.reduce((sum, k) => sum + sentenceLength((s === 'source' ? source : target)[k]!), 0)
    const scale = (s: 'source' | 'target') => (s === 'source' ? ratio : 1)
    const head = bead[side].slice(0, at)
    const tail = bead[side].slice(at)
    let best = 0
    let bestCost = Infinity
    for (let k = 0; k <= bead[other].length; k++) {
      const cost =
        Math.abs(length(head, side) * scale(side) - length(bead[other].slice(0, k), other) * scale(other)) +
        Math.abs(length(tail, side) * scale(side) - length(bead[other].slice(k), other) * scale(other))
      if (cost < bestCost) {
        bestCost = cost
        best = k
      }
    }
    const part = (mine: number[], others: number[]): Bead => {
      const sides = side === 'source' ? { source: mine, target: others } : { source: others, target: mine }
      const paired = sides.source.length > 0 && sides.target.length > 0
      return { ...sides, score: paired ? Math.min(bead.score, 0.5) : 0, posterior: bead.posterior }
    }
    return [...splitAtGaps(part(head, bead[other].slice(0, best)), source, target, ratio), ...splitAtGaps(part(tail, bead[other].slice(best)), source, target, ratio)]
  }
  return [bead]
}
