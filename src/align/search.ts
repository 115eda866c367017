/**
 * The banded dynamic programme: Viterbi for the best bead sequence, and forward-backward over the same band for
 * each chosen bead's posterior probability (its confidence).
 *
 * Gale & Church (1993) search the full n × m table; we only visit the band's cells, so time and memory are
 * O((n + m) · width). Posterior bead probabilities follow the standard forward-backward recursions for
 * segmental (semi-Markov) models (e.g. Sarawagi & Cohen 2004), here over costs read as negative log-likelihoods.
 *
 * @module
 * @internal
 */
import type { Band } from './band.js'
import { SHAPES, SOURCE_OMISSION, TARGET_OMISSION } from './gale-church.js'
import type { BeadScorer } from './bead-scorer.js'

// Local copies: the hot loops below read these millions of times, and plain module-local typed arrays keep
// them monomorphic and free of the export getters some bundlers and loaders put around imported bindings.
const SHAPE_COUNT = SHAPES.length
const SHAPE_SOURCE = Int8Array.from(SHAPES, ({ shape }) => shape[0])
const SHAPE_TARGET = Int8Array.from(SHAPES, ({ shape }) => shape[1])
/** Forward-backward skips exact anchor matching for terms this many nats above the running sum (e^-40 ≈ 4e-18). */
const PRUNE = 40

/** A bead found by the search, as index ranges. @internal */
export interface RawBead {
  sourceStart: number
  sourceEnd: number
  targetStart: number
  targetEnd: number
  cost: number
  /** Posterior probability, when computed. */
  posterior: number
}

/** Row offsets of a band's cells in the flat DP tables. */
function rowOffsets(band: Band): Int32Array {
  const n = band.lo.length - 1
  const offsets = new Int32Array(n + 2)
  for (let i = 0; i <= n; i++) offsets[i + 1] = offsets[i]! + band.hi[i]! - band.lo[i]! + 1
  return offsets
}

/** -log(exp(-a) + exp(-b)), the "soft minimum" that sums probabilities held as costs. */
function softMin(a: number, b: number): number {
  if (a === Infinity) return b
  if (b === Infinity) return a
  return a < b ? a - Math.log1p(Math.exp(a - b)) : b - Math.log1p(Math.exp(b - a))
}

/**
 * The search's memory of omission runs (an affine gap, Gotoh 1982): per cell, the cheapest path there whose last
 * bead is a 1-0 (`source`) or a 0-1 (`target`), and whether that bead continues a run (its predecessor's path ended
 * with the same omission, so it cost {@link BeadScorer.omissionRun} less). With the run price off, the arrays stay
 * at Infinity and 0, and the search is Gale & Church's.
 *
 * @internal
 */
interface OmissionRuns {
  source: Float64Array
  target: Float64Array
  sourceContinues: Uint8Array
  targetContinues: Uint8Array
}

function omissionRuns(size: number): OmissionRuns {
  return {
    source: new Float64Array(size).fill(Infinity),
    target: new Float64Array(size).fill(Infinity),
    sourceContinues: new Uint8Array(size),
    targetContinues: new Uint8Array(size),
  }
}

/**
 * The best path's cost into `cell` by the omission shape `s` (1-0 or 0-1) from `from`, whose best is `best`: it
 * continues the run of omissions on that side ending at `from` when that is cheaper after the `discount`, and is
 * recorded in `runs` (with whether it continued) for the next omission and the trace back.
 */
function omissionStep(runs: OmissionRuns, s: number, from: number, cell: number, best: number, cost: number, discount: number): number {
  const source = s === SOURCE_OMISSION
  const run = (source ? runs.source[from]! : runs.target[from]!) - discount
  const continues = run < best
  const total = (continues ? run : best) + cost
  if (source) {
    runs.source[cell] = total
    runs.sourceContinues[cell] = continues ? 1 : 0
  } else {
    runs.target[cell] = total
    runs.targetContinues[cell] = continues ? 1 : 0
  }
  return total
}

/**
 * A search's best path, and where it came within the margin of an inner band edge: `edgeRows`, the rows (source
 * positions) where it did, from the end of the document back (empty when it never did). The caller widens the band
 * there and searches again.
 *
 * @internal
 */
export interface SearchResult {
  beads: RawBead[]
  edgeRows: number[]
  total: number
}

/**
 * Follows the back-pointers of a filled band from (n, m) to (0, 0).
 *
 * @returns the beads in order (posteriors not set), the rows where the path came within `margin` cells (a number, or
 *   one per row) of an inner band edge, and the path's total cost
 * @internal
 */
function traceBack(
  best: Float64Array,
  back: Uint8Array,
  runs: OmissionRuns,
  band: Band,
  offsets: Int32Array,
  n: number,
  m: number,
  margin: number | Int32Array,
): SearchResult {
  const { lo, hi } = band
  const beads: RawBead[] = []
  const edgeRows: number[] = []
  let i = n
  let j = m
  // 0: any path; SOURCE_OMISSION / TARGET_OMISSION: a path whose last bead is that omission (see OmissionRuns).
  let state = 0
  const total = best[offsets[n]! + m - lo[n]!]!
  if (total === Infinity) throw new Error('mizan: no path through the alignment band; this is a bug')
  while (i > 0 || j > 0) {
    const cell = offsets[i]! + j - lo[i]!
    const s = state === 0 ? back[cell]! - 1 : state
    if (s < 0) throw new Error('mizan: broken back-pointer in the alignment search; this is a bug')
    const a = SHAPE_SOURCE[s]!
    const b = SHAPE_TARGET[s]!
    const from = offsets[i - a]! + j - b - lo[i - a]!
    const here = state === 0 ? best[cell]! : state === SOURCE_OMISSION ? runs.source[cell]! : runs.target[cell]!
    let there = best[from]!
    state = 0
    if (s === SOURCE_OMISSION && runs.sourceContinues[cell] === 1) {
      there = runs.source[from]!
      state = SOURCE_OMISSION
    } else if (s === TARGET_OMISSION && runs.targetContinues[cell] === 1) {
      there = runs.target[from]!
      state = TARGET_OMISSION
    }
    beads.push({ sourceStart: i - a, sourceEnd: i, targetStart: j - b, targetEnd: j, cost: here - there, posterior: Number.NaN })
    i -= a
    j -= b
    const near = typeof margin === 'number' ? margin : margin[i]!
    if ((lo[i]! > 0 && j - lo[i]! < near) || (hi[i]! < m && hi[i]! - j < near)) edgeRows.push(i)
  }
  beads.reverse()
  return { beads, edgeRows, total }
}

/**
 * Finds the cheapest monotone bead sequence from (0, 0) to (n, m) inside the band.
 *
 * @returns the beads in order, and the rows where the path came within `margin` cells of an inner band edge
 *   (then the caller widens the band there and searches again)
 * @internal
 */
export function viterbi(scorer: BeadScorer, band: Band, n: number, m: number, margin: number | Int32Array): SearchResult {
  const offsets = rowOffsets(band)
  const { lo, hi } = band
  const best = new Float64Array(offsets[n + 1]!).fill(Infinity)
  const back = new Uint8Array(offsets[n + 1]!)
  const runs = omissionRuns(offsets[n + 1]!)
  const discount = scorer.omissionRun
  best[0] = 0
  for (let i = 0; i <= n; i++) {
    const low = lo[i]!
    const high = hi[i]!
    const row = offsets[i]!
    for (let j = low; j <= high; j++) {
      if (i === 0 && j === 0) continue
      const cell = row + j - low
      let cellBest = Infinity
      let cellBack = 0
      for (let s = 0; s < SHAPE_COUNT; s++) {
        const a = SHAPE_SOURCE[s]!
        const b = SHAPE_TARGET[s]!
        const i0 = i - a
        const j0 = j - b
        if (i0 < 0 || j0 < 0 || j0 < lo[i0]! || j0 > hi[i0]!) continue
        const from = offsets[i0]! + j0 - lo[i0]!
        const previous = best[from]!
        // Anchor rewards make costs negative at times, so no pruning on `previous` alone.
        if (previous === Infinity) continue
        if (s === SOURCE_OMISSION || s === TARGET_OMISSION) {
          // An omission after one on the same side continues its run: it starts from that path, at a discount.
          const total = omissionStep(runs, s, from, cell, previous, scorer.cost(i0, i, j0, j, s, Infinity), discount)
          if (total < cellBest) {
            cellBest = total
            cellBack = s + 1
          }
          continue
        }
        const total = previous + scorer.cost(i0, i, j0, j, s, cellBest - previous)
        if (total < cellBest) {
          cellBest = total
          cellBack = s + 1
        }
      }
      best[cell] = cellBest
      back[cell] = cellBack
    }
  }
  return traceBack(best, back, runs, band, offsets, n, m, margin)
}

/**
 * A narrow band around a found path: every row spans the path's columns in it, widened by `radius`. The
 * forward-backward pass runs here, since alignments far from the best one carry negligible probability.
 *
 * @internal
 */
export function pathBand(beads: readonly RawBead[], n: number, m: number, radius: number): Band {
  const low = new Int32Array(n + 1).fill(m)
  const high = new Int32Array(n + 1)
  const visit = (i: number, j: number) => {
    if (j < low[i]!) low[i] = j
    if (j > high[i]!) high[i] = j
  }
  visit(0, 0)
  for (const bead of beads) {
    // Rows inside a bead see both of its corner columns.
    for (let i = bead.sourceStart; i <= bead.sourceEnd; i++) {
      visit(i, bead.targetStart)
      visit(i, bead.targetEnd)
    }
  }
  const lo = new Int32Array(n + 1)
  const hi = new Int32Array(n + 1)
  let cells = 0
  for (let i = 0; i <= n; i++) {
    lo[i] = Math.max(0, low[Math.max(0, i - radius)]! - radius)
    hi[i] = Math.min(m, high[Math.min(n, i + radius)]! + radius)
    if (i > 0 && lo[i]! < lo[i - 1]!) lo[i] = lo[i - 1]!
    if (i > 0 && hi[i]! < hi[i - 1]!) hi[i] = hi[i - 1]!
  }
  lo[0] = 0
  hi[n] = m
  for (let i = 0; i <= n; i++) cells += hi[i]! - lo[i]! + 1
  return { lo, hi, cells }
}

/**
 * Viterbi and the forward-backward posteriors in one sweep of the band: the forward pass scores each transition
 * once and keeps both the cheapest predecessor (for the best path) and the soft minimum (for the total
 * probability); the backward pass reuses the stored costs. The final pass of the aligner runs this instead of a
 * search followed by a separate posterior pass over the same cells.
 *
 * The best path counts every term of a bead's cost; the posteriors leave out the price of numbers the other
 * document has nowhere (BeadScorer.orphans). The bead confidence reads those numbers as evidence of its own
 * (confidence.ts, `orphans`), fitted on posteriors without them: counted in both, they were counted twice (a
 * translation that turns into another text half way was called `not parallel`, its translated half doubtful).
 *
 * A transition is scored exactly unless it is more than `PRUNE` nats above the running soft minimum; such a
 * term changes the sum by less than e^-PRUNE and, since the soft minimum of K terms is at least their minimum
 * less log K (K ≤ 30 shapes ≪ e^PRUNE), it cannot be the cheapest either. Pruned terms are left out of both passes.
 *
 * @returns the best path's beads (with `posterior` set), the rows where the path came within `margin` of an inner
 *   band edge, and the path's total cost
 * @internal
 */
export function viterbiPosteriors(scorer: BeadScorer, band: Band, n: number, m: number, margin: number | Int32Array): SearchResult {
  const offsets = rowOffsets(band)
  const { lo, hi } = band
  const size = offsets[n + 1]!
  const best = new Float64Array(size).fill(Infinity)
  const back = new Uint8Array(size)
  const runs = omissionRuns(size)
  const discount = scorer.omissionRun
  // A path whose last bead is a 1-0 is in the plain sum at the full price of a next 1-0; continuing its run adds
  // e^-cost · (e^discount - 1) more, so the sum with the discount is softMin(plain, run sum - log(e^discount - 1))
  // (Infinity when the discount is off).
  const runExtra = -Math.log(Math.expm1(discount))
  // Forward sums: over every path to a cell (`forward`), and over the paths whose last bead is a 1-0 or a 0-1
  // (`forwardSource`, `forwardTarget`): the next omission on the same side continues their run, at a discount.
  const forward = new Float64Array(size).fill(Infinity)
  const forwardSource = new Float64Array(size).fill(Infinity)
  const forwardTarget = new Float64Array(size).fill(Infinity)
  // The forward sum a bead of shape `s` starts from at `from`: an omission also continues the run ending there.
  const forwardInto = (s: number, from: number): number =>
    s === SOURCE_OMISSION ? softMin(forward[from]!, forwardSource[from]! + runExtra) : s === TARGET_OMISSION ? softMin(forward[from]!, forwardTarget[from]! + runExtra) : forward[from]!
  // Float32 is plenty for costs that only feed exponentials; Infinity marks transitions left out.
  const costs = new Float32Array(size * SHAPE_COUNT).fill(Infinity)
  best[0] = 0
  forward[0] = 0
  const hasOrphans = scorer.hasOrphans
  for (let i = 0; i <= n; i++) {
    const low = lo[i]!
    const high = hi[i]!
    const row = offsets[i]!
    for (let j = low; j <= high; j++) {
      if (i === 0 && j === 0) continue
      const cell = row + j - low
      let cellBest = Infinity
      let cellBack = 0
      let acc = Infinity
      for (let s = 0; s < SHAPE_COUNT; s++) {
        const i0 = i - SHAPE_SOURCE[s]!
        const j0 = j - SHAPE_TARGET[s]!
        if (i0 < 0 || j0 < 0 || j0 < lo[i0]! || j0 > hi[i0]!) continue
        const from = offsets[i0]! + j0 - lo[i0]!
        if (forward[from]! === Infinity) continue
        const omission = s === SOURCE_OMISSION || s === TARGET_OMISSION
        const previousForward = forwardInto(s, from)
        // The path counts the numbers the other document has nowhere; the posteriors do not (see below).
        const orphans = hasOrphans ? scorer.orphans(i0, i, j0, j) : 0
        const cost = scorer.cost(i0, i, j0, j, s, omission ? Infinity : acc - previousForward + PRUNE + orphans)
        const term = previousForward + cost - orphans
        if (omission) {
          // Kept even when pruned from the sums: the best path may still continue a run through it.
          const total = omissionStep(runs, s, from, cell, best[from]!, cost, discount)
          if (total < cellBest) {
            cellBest = total
            cellBack = s + 1
          }
          if (term >= acc + PRUNE) continue
          costs[cell * SHAPE_COUNT + s] = cost - orphans
          acc = softMin(acc, term)
          if (s === SOURCE_OMISSION) forwardSource[cell] = term
          else forwardTarget[cell] = term
          continue
        }
        if (term >= acc + PRUNE) continue
        costs[cell * SHAPE_COUNT + s] = cost - orphans
        acc = softMin(acc, term)
        const total = best[from]! + cost
        if (total < cellBest) {
          cellBest = total
          cellBack = s + 1
        }
      }
      forward[cell] = acc
      best[cell] = cellBest
      back[cell] = cellBack
    }
  }
  const { beads, edgeRows, total } = traceBack(best, back, runs, band, offsets, n, m, margin)
  // Backward sums from a cell over the rest of the paths, given how the path there ended: anyhow (`backward`; no
  // discount for the next bead), with a 1-0 (`backwardSource`: a next 1-0 continues the run), or with a 0-1.
  const backward = new Float64Array(size).fill(Infinity)
  const backwardSource = new Float64Array(size).fill(Infinity)
  const backwardTarget = new Float64Array(size).fill(Infinity)
  const last = offsets[n]! + m - lo[n]!
  backward[last] = 0
  backwardSource[last] = 0
  backwardTarget[last] = 0
  for (let i = n; i >= 0; i--) {
    for (let j = hi[i]!; j >= lo[i]!; j--) {
      if (i === n && j === m) continue
      let acc = Infinity
      let sourceRun = Infinity
      let targetRun = Infinity
      for (let s = 0; s < SHAPE_COUNT; s++) {
        const i1 = i + SHAPE_SOURCE[s]!
        const j1 = j + SHAPE_TARGET[s]!
        if (i1 > n || j1 > m || j1 < lo[i1]! || j1 > hi[i1]!) continue
        const nextCell = offsets[i1]! + j1 - lo[i1]!
        const cost = costs[nextCell * SHAPE_COUNT + s]!
        if (cost === Infinity) continue
        const next = s === SOURCE_OMISSION ? backwardSource[nextCell]! : s === TARGET_OMISSION ? backwardTarget[nextCell]! : backward[nextCell]!
        if (next === Infinity) continue
        acc = softMin(acc, next + cost)
        if (s === SOURCE_OMISSION) sourceRun = next + cost
        else if (s === TARGET_OMISSION) targetRun = next + cost
      }
      const cell = offsets[i]! + j - lo[i]!
      backward[cell] = acc
      // From the end of a run, the next omission on its side is cheaper than the plain sum counts it.
      backwardSource[cell] = softMin(acc, sourceRun + runExtra)
      backwardTarget[cell] = softMin(acc, targetRun + runExtra)
    }
  }
  const all = forward[last]!
  for (const bead of beads) {
    const from = offsets[bead.sourceStart]! + bead.targetStart - lo[bead.sourceStart]!
    const to = offsets[bead.sourceEnd]! + bead.targetEnd - lo[bead.sourceEnd]!
    const a = bead.sourceEnd - bead.sourceStart
    const b = bead.targetEnd - bead.targetStart
    const s = a === 1 && b === 0 ? SOURCE_OMISSION : a === 0 && b === 1 ? TARGET_OMISSION : 0
    const start = forwardInto(s, from)
    const end = s === SOURCE_OMISSION ? backwardSource[to]! : s === TARGET_OMISSION ? backwardTarget[to]! : backward[to]!
    // An omission's cost without the run discount (that is in `start`; an omission has no orphan price).
    const cost = s === 0 ? bead.cost - (hasOrphans ? scorer.orphans(bead.sourceStart, bead.sourceEnd, bead.targetStart, bead.targetEnd) : 0) : costs[to * SHAPE_COUNT + s]!
    const p = Math.exp(all - start - cost - end)
    bead.posterior = Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0
  }
  return { beads, edgeRows, total }
}
