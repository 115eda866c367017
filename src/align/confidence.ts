/**
 * Confidence that means "these sentences translate each other": the path posterior of a bead, combined with the
 * bead's own evidence (its anchors and lexicon hits, measured against what unrelated sentence groups of the same
 * document show) and with the evidence of the document as a whole, through a logistic model whose weights were
 * fitted on held-out data (see docs/alignment.md, "Confidence", and bench/align/calibration.ts).
 *
 * Why not the posterior alone: the posterior is the probability that the path goes through the bead *given that
 * the two documents are translations*. Aligned with an unrelated article, every bead of the only plausible
 * length-driven path has a posterior near 1. Whether the pair is a translation at all is a separate question,
 * answered by evidence the length model does not see: the anchors (numbers, names, shared tokens, dictionary and
 * learned word pairs) that the bead's two sides share, compared with what the same source sentences share with
 * target sentences elsewhere in the document (a null distribution taken from the document itself, in the spirit
 * of permutation tests). The learned word pairs are cross-fitted (each bead is read with pairs learned from the
 * other half of the beads), so that a lexicon fitted to a bead cannot vouch for it. A path that hesitates (low
 * posteriors) or bends (few 1-1 beads) counts against its stretch being parallel; one that fits well does not
 * count for it, since an unrelated text cut to the source's shape fits as well.
 *
 * @module
 * @internal
 */
import type { AnchorSet } from './anchors.js'

/** The evidence features of one bead with text on both sides. @internal */
export interface BeadFeatures {
  /** Path posterior, 0..1. */
  posterior: number
  /**
   * Anchor evidence of the bead: matched weight minus the penalties of keys found on one side only (numbers, names,
   * shared tokens, punctuation; a word pair of a dictionary or learned lexicon costs nothing unmatched).
   */
  evidence: number
  /** Largest evidence of the null pairs (the bead's source with target groups elsewhere, and the converse; 0 when there is no null pair). */
  nullMax: number
  /** Null pairs drawn (none in a document too short to have a window apart from the bead). */
  nulls: number
  /** Null pairs whose evidence is at least the bead's less {@link confidenceModel.margin}: those it does not beat. */
  nullsAtTop: number
  /**
   * Numbers in the bead's sentences that the other document has nowhere. They are no anchor keys (a number the
   * other side never writes says nothing about where a sentence goes), but a translation keeps its numbers: a
   * bead with such numbers is evidence, and evidence against a translation unless its anchors beat its nulls.
   */
  orphans: number
  /** Anchor keys on both sides of the bead (how much evidence there could be). */
  keys: number
  /**
   * How much more room for chance matches the bead has than its null pairs: ln(its source keys × its target keys)
   * less the mean of the same over its null pairs (0 without nulls, or when absent). Unrelated sentences share words
   * by chance in proportion to how many they hold, and the path pairs long sentences with long ones: in a short
   * document, whose nulls are the few sentences left, a bead of the longest sentences beat its nulls far more often
   * than the permutation test's 1 / (nulls + 1) (see {@link confidenceModel.dictionary}).
   */
  opportunity?: number
  /** Gale & Church's length cost of the bead, in nats. */
  lengthCost: number
}

/** Null pairs drawn per side for each bead. */
const NULL_SAMPLES = 8
/** Null windows keep at least this many sentences away from the bead, so a neighbouring translation is not null. */
const NULL_GAP = 3

/**
 * Scratch space for evidence computations: marks per anchor key, so each computation is allocation-free.
 * @internal
 */
export class EvidenceCounter {
  private readonly markSource: Int32Array
  private readonly markTarget: Int32Array
  private stamp = 0

  /**
   * Per key, what it costs the evidence when found on one side of a pair only. Word pairs cost nothing: a
   * dictionary knows many words whose translation the translator did not use (with FreeDict's penalties, right
   * Text+Berg beads beat their nulls less often than without a dictionary), while a translation keeps its numbers
   * and names. The search still charges them (anchors.ts): there they tell one pairing from its neighbour's.
   */
  private readonly penalty: Float64Array

  constructor(private readonly anchors: AnchorSet) {
    this.markSource = new Int32Array(anchors.size)
    this.markTarget = new Int32Array(anchors.size)
    this.penalty = anchors.penalty.map((penalty, key) => (anchors.lexical[key] === 1 ? 0 : penalty))
  }

  /**
   * Evidence of source[i0, i1) × target[j0, j1), the number of distinct keys on both sides, and ln(source keys ×
   * target keys) (at least 1 each): the room the pair has for chance matches.
   */
  evidence(i0: number, i1: number, j0: number, j1: number): { evidence: number; keys: number; room: number } {
    const { source, target, weight } = this.anchors
    const penalty = this.penalty
    const stamp = ++this.stamp
    let unmatched = 0
    let matched = 0
    let keys = 0
    let sourceKeys = 0
    for (let i = i0; i < i1; i++) {
      for (const key of source[i]!) {
        if (this.markSource[key] === stamp) continue
        this.markSource[key] = stamp
        unmatched += penalty[key]!
        keys++
        sourceKeys++
      }
    }
    for (let j = j0; j < j1; j++) {
      for (const key of target[j]!) {
        if (this.markTarget[key] === stamp) continue
        this.markTarget[key] = stamp
        keys++
        if (this.markSource[key] === stamp) {
          matched += weight[key]!
          unmatched -= penalty[key]!
        } else unmatched += penalty[key]!
      }
    }
    return { evidence: matched - unmatched, keys, room: Math.log(Math.max(1, sourceKeys) * Math.max(1, keys - sourceKeys)) }
  }
}

/** Start positions of `count` windows of `size` sentences among `total`, spread evenly and away from `start`. */
function nullStarts(start: number, size: number, total: number): number[] {
  const positions = total - size + 1
  const out: number[] = []
  if (positions <= 1) return out
  // Short documents keep only the windows that do not overlap the bead's; longer ones keep a gap as well.
  const gap = total >= 4 * (NULL_GAP + size) ? NULL_GAP + size : size
  const seen = new Set<number>()
  for (let k = 1; k <= NULL_SAMPLES; k++) {
    const candidate = (start + Math.round((k * positions) / (NULL_SAMPLES + 1))) % positions
    if (Math.abs(candidate - start) < gap || seen.has(candidate)) continue
    seen.add(candidate)
    out.push(candidate)
  }
  return out
}

/**
 * The evidence features of a bead source[i0, i1) × target[j0, j1) (both sides non-empty).
 * @internal
 */
export function beadFeatures(
  counter: EvidenceCounter,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  n: number,
  m: number,
  posterior: number,
  lengthCost: number,
  orphans = 0,
): BeadFeatures {
  const own = counter.evidence(i0, i1, j0, j1)
  const top = own.evidence - confidenceModel.margin
  let nullMax = -Infinity
  let nulls = 0
  let nullsAtTop = 0
  let nullRoom = 0
  const add = (a0: number, a1: number, b0: number, b1: number) => {
    const { evidence, room } = counter.evidence(a0, a1, b0, b1)
    nullRoom += room
    nulls++
    if (evidence >= top) nullsAtTop++
    if (evidence > nullMax) nullMax = evidence
  }
  for (const start of nullStarts(j0, j1 - j0, m)) add(i0, i1, start, start + (j1 - j0))
  for (const start of nullStarts(i0, i1 - i0, n)) add(start, start + (i1 - i0), j0, j1)
  return { posterior, evidence: own.evidence, nullMax: nulls > 0 ? nullMax : 0, nulls, nullsAtTop, keys: own.keys, lengthCost, orphans, opportunity: nulls > 0 ? own.room - nullRoom / nulls : 0 }
}

/**
 * The confidence model's constants. The confidence is P(the bead's stretch is parallel) × P(the bead is right |
 * parallel), each a logistic over part of {@link confidenceInputs}: `parallel` over [1, near window log-odds,
 * wide window log-odds, posterior misfit, 1-1 misfit, thin evidence, thin evidence × near window log-odds], `rightGivenParallel` over [1, logit(posterior), beats
 * its nulls, informative, min(lengthCost, 10), is 1-1, beside an omission]. Fitted (maximum likelihood of the product) by
 * `npx tsx bench/calibration.ts --fit` on NTREX-128 (true pairs, mismatched pairs, and pairs whose English turns
 * into another document's half way, its documents joined into one, and cut into pieces of 3-4 lines) and
 * Text+Berg `dev`; Flores-200,
 * Text+Berg test0-6 and the UN documents are held out for measuring. The two misfit weights were fitted last
 * (`--fit-only 'parallel:3,4'`) with the others held: freeing them all raised both intercepts, which made an
 * unrelated text cut to the source's shape look parallel (tests/align/confidence.test.ts).
 * @internal
 */
export const confidenceModel = {
  /** A bead's evidence must beat the best of its null pairs by this much (nats) to count as exceeding them. */
  margin: 0.2,
  /** Beads on each side of a bead, for the near and the wide judgement of whether its stretch is parallel. */
  windows: [3, 20] as const,
  /** Beta(a, b) prior on how often a bead of a parallel stretch beats its nulls (mean a / (a + b) = 0.75). */
  alternative: [3, 1] as const,
  /** Window log-odds are clipped to this, so one long stretch of evidence cannot outweigh everything else. */
  clip: 15,
  /**
   * A stretch's mean logit(posterior) and share of 1-1 beads under these count against its being parallel
   * (see `misfit`): logit 4 is a posterior of 0.982; 0.8 is about the share of 1-1 beads in true news pairs.
   */
  fit: [4, 0.8] as const,
  /**
   * The verdict reads the whole document's fit as if this many more beads fitted well (a shrinkage towards "no
   * misfit"): a text of three sentences translated in two has one 2-1 bead out of two, and an uncertain path, without
   * that saying much. On Flores-200's short documents (calibration bench, 281 true and 281 mismatched pairs), true
   * pairs called `not parallel` (which the CLI refuses to store) against mismatched ones: 47 / 269 with no shrinkage,
   * 18 / 233 with 2, 14 / 215 with 3, 10 / 187 with 5, 5 / 115 without the fit at all; NTREX 3 / 116 → 1 / 113 with 3.
   */
  verdictPseudoBeads: 3,
  /**
   * The `parallel` factor's last input is thinEvidence / (thinEvidence + paired beads in the wide window): a prior
   * of its own for a stretch with few beads (about 0.7 in a document of four sentences, 0.2 inside a long one).
   * Where there are few beads, their Bayes factor is all the anchors can say, and the intercept fitted mostly on
   * long documents left a short translation's beads under-confident (calibration bench: Flores-200's three-sentence
   * true pairs, 96% of their beads right at a mean confidence of 0.66). Its weight was fitted alone
   * (`--fit-only 'parallel:5'`), on the training sets with NTREX-128 cut into pieces of 3-4 lines added.
   */
  thinEvidence: 10,
  /**
   * The documents' evidence (the verdict's log-odds) is this × (the anchors' Bayes factor over every bead plus the
   * shrunk misfit of the whole path): a logistic regression without intercept (so a Bayes factor, for even prior
   * odds) of true against mismatched document pairs of the training sets (NTREX-128's documents, the same documents
   * cut into pieces of 3-4 lines, Text+Berg dev), fitted by `npx tsx bench/calibration.ts --fit-verdict`. Unscaled,
   * the evidence was timid: what it called odds of 3 to 1 were odds of about 5.7 to 1 on those pairs.
   */
  verdictScale: 1.5878,
  /**
   * The null model of an alignment with a general dictionary ({@link isGeneralDictionary}), refitted with one (`npx tsx bench/calibration.ts
   * --fit-dictionary`, on NTREX-128 aligned with FreeDict ara-eng: true, mismatched and 3-4-line pairs; Flores-200,
   * UN and Text+Berg held out). A general dictionary gives unrelated sentences of the same register many words to
   * share by chance, and the permutation test above reads every win alike: after the dictionary's keys were kept
   * (anchors.ts, the cap fix), 7 of Flores-200's 281 unrelated three-sentence pairs were called `parallel` on one or
   * two beads that each shared a single dictionary word with the other side and none with their nulls. Two things
   * an unrelated pair shows with a dictionary, measured on the mismatched NTREX pairs, enter the Bayes factor:
   * - `opportunity`: a bead whose sentences hold more keys than its nulls' (its {@link BeadFeatures.opportunity} `o`
   *   above 0) wins by chance more often: under "unrelated" the log-odds of a win are logit(1 / (nulls + 1)) +
   *   `opportunity` × max(0, o) (maximum likelihood over the mismatched beads; with FreeDict, unrelated Flores beads
   *   of o in 1..2 won 78% of the time where the permutation test allowed 29%).
   * - the win's strength: how far the bead's evidence is above its best null's, in classes cut at `strengthEdges`
   *   nats (up to 1.5, or a tie at the top of its nulls: about one dictionary word; up to 3: two, or one number, name
   *   or shared token; up to 6; more). How often a win falls in each class on right beads of true pairs (`strengthIfParallel`) and on beads of
   *   mismatched pairs (`strengthIfUnrelated`) is a likelihood ratio of its own: a wide win counts for the stretch,
   *   a narrow one against it (with FreeDict, 95% of right Flores beads won and 78% by more than 2.5 nats; 19% of
   *   the mismatched pairs' beads won, 1% by more than 2.5).
   * - `verdictScale` replaces {@link confidenceModel.verdictScale}, refitted as it was, on these pairs rescored.
   *
   * Without a dictionary none of this applies (the same corrections fitted there cost true Flores pairs called
   * `parallel`: 162 → 131-149 in the variants tried, with the other weights as they are), nor with a glossary of fewer than
   * `generalEntries` entries: what was fitted is how a general dictionary's common words match unrelated text by
   * chance, and in a glossary of a few terms (tests/align/lexicon.test.ts: 3 entries) one shared term is specific.
   * No dictionary between a few hundred and FreeDict's 87,000 entries was measured.
   */
  dictionary: {
    generalEntries: 10_000,
    opportunity: 2.0488,
    strengthEdges: [1.5, 3, 6] as readonly number[],
    strengthIfParallel: [0.1389, 0.1249, 0.22, 0.5162] as readonly number[],
    strengthIfUnrelated: [0.875, 0.0697, 0.0409, 0.0144] as readonly number[],
    verdictScale: 1.2492,
  },
  /**
   * The last weight (thin evidence × near window log-odds) was fitted alone (`--fit-only 'parallel:6'`, 8 December),
   * the others held: in a document of three or four sentences the near window is the whole document, so its Bayes
   * factor is the documents' evidence, which the verdict reads at {@link confidenceModel.verdictScale} (1.59) while
   * this factor read it at its long-document weight (0.60). Short documents' beads were under-confident (NTREX-128 in
   * 3-4-line pieces, fitted on: beads of 0.8-0.9 right 98% of the time; ECE 0.046, 0.026 with it).
   */
  parallel: [0.465, 0.5962, 0.3784, 1.0256, 1.7245, 0.7316, 0.451] as readonly number[],
  /**
   * The last weight (beside an omission) was fitted alone (`--fit-only 'rightGivenParallel:6'`), the others held:
   * of Text+Berg's wrong beads scored 0.9 or more, 14 of 20 were a 1-1 bead inside a gold 2-1, 1-2, 2-2 or 2-3 bead, and
   * beside an omission its beads were right 49% of the time against 92% elsewhere (Text+Berg dev: 58% and 90%).
   */
  rightGivenParallel: [-1.2245, 0.7319, 0.1469, 0.3215, -0.0004, 2.0155, -0.3318] as readonly number[],
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b)
}

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, nine coefficients; Numerical Recipes §6.1). */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
  x -= 1
  let a = c[0]!
  const t = x + 7.5
  for (let k = 1; k < 9; k++) a += c[k]! / (x + k)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x))
const logit = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p))
  return Math.log(q / (1 - q))
}

/** One bead's permutation test: whether it is at the top of its nulls, its chance of that under "unrelated", and whether it beats them all. */
interface BeadTest {
  exceeds: boolean
  chance: number
  strict: boolean
  /** With a dictionary, the class of the win's margin over the best null (confidenceModel.dictionary.strengthEdges); else 0. */
  strength: number
}

/**
 * Whether a bead's evidence is at the top of its nulls, and the chance of that under "unrelated". Beating them all
 * has chance 1 / (nulls + 1), as in a permutation test; sharing the top with t of them (a name or number that
 * recurs elsewhere in the document, as it often does in a short one) has chance (t + 1) / (nulls + 1), a weaker
 * hit that used to count as a miss. Evidence at the level of every null says nothing either way. A bead with
 * numbers the other document lacks is informative even without anchor keys (and is not at the top then: its
 * evidence is 0, as theirs).
 */
function exceeds(features: BeadFeatures, dictionary: boolean): BeadTest | undefined {
  if ((features.keys === 0 && features.orphans === 0) || features.nulls === 0) return undefined
  // With a dictionary, a bead with more room for chance matches than its nulls wins by chance more often.
  const shift = dictionary ? confidenceModel.dictionary.opportunity * Math.max(0, features.opportunity ?? 0) : 0
  const adjusted = (permutation: number) => (shift === 0 ? permutation : logistic(logit(permutation) + shift))
  const chance = adjusted(1 / (features.nulls + 1))
  if (features.evidence > features.nullMax + confidenceModel.margin) return { exceeds: true, chance, strict: true, strength: dictionary ? strengthClass(features.evidence - features.nullMax) : 0 }
  if (features.evidence > confidenceModel.margin) {
    if (features.nullsAtTop >= features.nulls) return undefined
    return { exceeds: true, chance: adjusted((features.nullsAtTop + 1) / (features.nulls + 1)), strict: false, strength: 0 }
  }
  return { exceeds: false, chance, strict: false, strength: 0 }
}

/**
 * Whether a dictionary of `entries` entries is read with the null model fitted with a general dictionary
 * ({@link confidenceModel.dictionary}).
 *
 * @param entries - the user's dictionary's entries
 * @returns true from `generalEntries` entries up
 * @example
 * ```ts
 * isGeneralDictionary(87_000) // true (FreeDict ara-eng)
 * isGeneralDictionary(300) // false: a glossary
 * ```
 * @internal
 */
export function isGeneralDictionary(entries: number): boolean {
  return entries >= confidenceModel.dictionary.generalEntries
}

/**
 * The class of a win's margin over the best null: the number of {@link confidenceModel.dictionary}'s `strengthEdges`
 * it is above. @internal
 */
export function strengthClass(margin: number): number {
  let k = 0
  for (const edge of confidenceModel.dictionary.strengthEdges) if (margin > edge) k++
  return k
}

/**
 * Per bead, the log Bayes factor "the stretch of `window` beads on each side is parallel" against "unrelated":
 * under "unrelated", a bead's evidence beats all of its K null pairs with probability at most 1 / (K + 1) (the
 * pairs are exchangeable, as in a permutation test); under "parallel", with an unknown rate drawn from a Beta
 * prior. Beads without anchor keys or without nulls say nothing either way. O(beads) with running sums.
 */
function windowLogOdds(tests: ReadonlyArray<BeadTest | undefined>, window: number, dictionary: boolean): Float64Array {
  const [a, b] = confidenceModel.alternative
  const count = tests.length
  const hits = new Float64Array(count + 1)
  const informative = new Float64Array(count + 1)
  const nullLog = new Float64Array(count + 1)
  // With a dictionary, a win's strength is a likelihood ratio of its own (confidenceModel.dictionary), folded into
  // the log-probability under "unrelated".
  const { strengthIfParallel, strengthIfUnrelated } = confidenceModel.dictionary
  const strengthOdds = strengthIfParallel.map((p, k) => (dictionary ? Math.log(p / strengthIfUnrelated[k]!) : 0))
  tests.forEach((test, k) => {
    hits[k + 1] = hits[k]! + (test?.exceeds ? 1 : 0)
    informative[k + 1] = informative[k]! + (test ? 1 : 0)
    nullLog[k + 1] = nullLog[k]! + (test ? Math.log(test.exceeds ? test.chance : 1 - test.chance) - (test.exceeds ? strengthOdds[test.strength]! : 0) : 0)
  })
  const out = new Float64Array(count)
  for (let k = 0; k < count; k++) {
    const from = Math.max(0, k - window)
    const to = Math.min(count, k + window + 1)
    const hit = hits[to]! - hits[from]!
    const total = informative[to]! - informative[from]!
    const odds = logBeta(hit + a, total - hit + b) - logBeta(a, b) - (nullLog[to]! - nullLog[from]!)
    out[k] = Math.max(-confidenceModel.clip, Math.min(confidenceModel.clip, odds))
  }
  return out
}

/** Per bead, whether it beats its nulls and the chance of that (undefined: no evidence either way). */
function testsOf(features: ReadonlyArray<BeadFeatures | undefined>, dictionary: boolean): Array<BeadTest | undefined> {
  return features.map((f) => (f ? exceeds(f, dictionary) : undefined))
}

/**
 * Per bead, the mean over the `window` beads on each side of the logit of the posterior (beads with text on both
 * sides) and the share of 1-1 beads (all beads, omissions too): how well the stretch fits by length and shape.
 * Aligned with an unrelated text, the path has to bend (merges, omissions) and is uncertain where to go: on
 * Flores-200's three-sentence documents, a pair's mean logit(posterior) told mismatched pairs from true ones about
 * as well as its anchors did (AUC 0.86 each; docs/alignment.md, "Confidence").
 */
function windowFit(features: ReadonlyArray<BeadFeatures | undefined>, shapes: ReadonlyArray<readonly [number, number]>, window: number): { posterior: Float64Array; oneToOne: Float64Array; paired: Float64Array } {
  const count = features.length
  const posteriorSum = new Float64Array(count + 1)
  const paired = new Float64Array(count + 1)
  const oneToOne = new Float64Array(count + 1)
  features.forEach((f, k) => {
    const [s, t] = shapes[k]!
    posteriorSum[k + 1] = posteriorSum[k]! + (f ? logit(f.posterior) : 0)
    paired[k + 1] = paired[k]! + (f ? 1 : 0)
    oneToOne[k + 1] = oneToOne[k]! + (s === 1 && t === 1 ? 1 : 0)
  })
  const out = { posterior: new Float64Array(count), oneToOne: new Float64Array(count), paired: new Float64Array(count) }
  for (let k = 0; k < count; k++) {
    const from = Math.max(0, k - window)
    const to = Math.min(count, k + window + 1)
    const pairs = paired[to]! - paired[from]!
    out.posterior[k] = pairs > 0 ? (posteriorSum[to]! - posteriorSum[from]!) / pairs : 0
    out.paired[k] = pairs
    out.oneToOne[k] = (oneToOne[to]! - oneToOne[from]!) / (to - from)
  }
  return out
}

/**
 * How far a stretch's fit falls short of a translation's: its mean logit(posterior) and share of 1-1 beads below
 * {@link confidenceModel.fit} (0 when at or above). Only a shortfall counts: a good fit is no evidence of a
 * translation (an unrelated text cut to the source's shape fits as well; tests/align/confidence.test.ts), but a
 * path that has to bend and hesitate is evidence against one.
 */
function misfit(posterior: number, oneToOne: number): [number, number] {
  const [posteriorFloor, oneToOneFloor] = confidenceModel.fit
  return [Math.min(0, posterior - posteriorFloor), Math.min(0, oneToOne - oneToOneFloor)]
}

function inputsOf(
  features: ReadonlyArray<BeadFeatures | undefined>,
  shapes: ReadonlyArray<readonly [number, number]>,
  tests: ReadonlyArray<BeadTest | undefined>,
  dictionary: boolean,
): Array<number[] | undefined> {
  const [near, wide] = confidenceModel.windows.map((window) => windowLogOdds(tests, window, dictionary))
  // The posterior is read near the bead (where a translation turns into another text, it falls there); the share
  // of 1-1 beads over the wide window (a true 1-2 bead or two make a near window look bent).
  const fit = windowFit(features, shapes, confidenceModel.windows[0])
  const shape = windowFit(features, shapes, confidenceModel.windows[1])
  return features.map((f, k) => {
    if (!f) return undefined
    const test = tests[k]
    const [s, t] = shapes[k]!
    // How thin the evidence around the bead is (few paired beads in the wide window): a short document's prior.
    const thin = confidenceModel.thinEvidence / (confidenceModel.thinEvidence + shape.paired[k]!)
    // Beside an omission, the bead may be half of a many-to-one bead whose other sentence the path left unpaired.
    const omission = (j: number) => j >= 0 && j < shapes.length && (shapes[j]![0] === 0 || shapes[j]![1] === 0)
    const besideOmission = omission(k - 1) || omission(k + 1) ? 1 : 0
    // In a short document the near window is the whole document, and its Bayes factor is the documents' evidence,
    // which the verdict found timid (confidenceModel.verdictScale): the near window counts more where evidence is thin.
    return [1, logit(f.posterior), test?.strict ? 1 : 0, test ? 1 : 0, Math.min(f.lengthCost, 10), s === 1 && t === 1 ? 1 : 0, near![k]!, wide![k]!, ...misfit(fit.posterior[k]!, shape.oneToOne[k]!), thin, besideOmission, thin * near![k]!]
  })
}

/**
 * The inputs of the confidence model for each bead with text on both sides (undefined for omissions), in this
 * order: [1, logit(posterior), exceeds its nulls, informative (has keys and nulls), min(lengthCost, 10), is 1-1,
 * near window log-odds, wide window log-odds, near window posterior misfit, wide window 1-1 misfit, thinEvidence /
 * (thinEvidence + paired beads in the wide window), beside an omission (the bead before or after it has an empty
 * side), thin evidence × near window log-odds]. The calibration bench fits the model on exactly these.
 * `dictionary`: whether the alignment had a general dictionary ({@link isGeneralDictionary}; its null model is
 * {@link confidenceModel.dictionary}).
 * @internal
 */
export function confidenceInputs(features: ReadonlyArray<BeadFeatures | undefined>, shapes: ReadonlyArray<readonly [number, number]>, dictionary = false): Array<number[] | undefined> {
  return inputsOf(features, shapes, testsOf(features, dictionary), dictionary)
}

/** Which inputs ({@link confidenceInputs}) the `parallel` factor reads, in the order of its weights. @internal */
export const PARALLEL_INPUTS = [0, 6, 7, 8, 9, 10, 12] as const
/** Which inputs the `rightGivenParallel` factor reads, in the order of its weights. @internal */
export const RIGHT_INPUTS = [0, 1, 2, 3, 4, 5, 11] as const

/** The `parallel` factor's log-odds for inputs `x` ({@link confidenceInputs}). */
function parallelLogOdds(x: readonly number[]): number {
  const p = confidenceModel.parallel
  let z = 0
  PARALLEL_INPUTS.forEach((input, d) => (z += p[d]! * x[input]!))
  return z
}

/**
 * The confidence of one bead from its inputs ({@link confidenceInputs}): P(parallel) × P(right | parallel).
 * @internal
 */
export function confidenceOf(x: readonly number[]): number {
  const r = confidenceModel.rightGivenParallel
  let right = 0
  RIGHT_INPUTS.forEach((input, d) => (right += r[d]! * x[input]!))
  return logistic(parallelLogOdds(x)) * logistic(right)
}

/**
 * Translation confidence per bead: the probability that its stretch of the two documents is parallel at all
 * (from the evidence near it and further away, and from how well the stretch fits) times the probability that the
 * bead is right if it is (from its posterior, evidence, length fit and shape); see {@link confidenceModel}.
 * Omissions: 0. Also the documents' evidence, which the verdict reads: the anchors' Bayes factor over every bead
 * (clipped to ±{@link confidenceModel.clip}) with the misfit of the whole path (its mean posterior and share of 1-1
 * beads, shrunk by {@link confidenceModel.verdictPseudoBeads}), times {@link confidenceModel.verdictScale} (with a
 * dictionary, its own scale); 0 when no bead has text on both sides (bench/calibration.ts fits the scale on this
 * evidence divided by the scale, {@link verdictScaleOf}).
 *
 * @param features - per bead, its features, or undefined for an omission
 * @param shapes - per bead, source and target sentence counts
 * @param dictionary - whether the alignment had a general dictionary ({@link isGeneralDictionary}): its null model is {@link confidenceModel.dictionary}
 * @returns per bead, the confidence 0..1; and the documents' log-odds of being parallel
 * @example
 * ```ts
 * const { confidence, evidence } = translationConfidence(features, beads.map((b) => [b.source.length, b.target.length] as const), true)
 * ```
 * @internal
 */
export function translationConfidence(features: ReadonlyArray<BeadFeatures | undefined>, shapes: ReadonlyArray<readonly [number, number]>, dictionary = false): { confidence: number[]; evidence: number } {
  const tests = testsOf(features, dictionary)
  const confidence = inputsOf(features, shapes, tests, dictionary).map((x) => (x ? confidenceOf(x) : 0))
  if (!features.some((f) => f !== undefined)) return { confidence, evidence: 0 }
  const anchors = windowLogOdds(tests, tests.length, dictionary)[0]!
  const fit = windowFit(features, shapes, features.length)
  const p = confidenceModel.parallel
  const [posterior, oneToOne] = misfit(fit.posterior[0]!, fit.oneToOne[0]!)
  const paired = features.filter((f) => f !== undefined).length
  const shrink = paired / (paired + confidenceModel.verdictPseudoBeads)
  return { confidence, evidence: verdictScaleOf(dictionary) * (anchors + shrink * (p[3]! * posterior + p[4]! * oneToOne)) }
}

/**
 * The scale of the documents' evidence (the verdict's log-odds): {@link confidenceModel.verdictScale}, or with a
 * dictionary the scale refitted with one.
 * @internal
 */
export function verdictScaleOf(dictionary: boolean): number {
  return dictionary ? confidenceModel.dictionary.verdictScale : confidenceModel.verdictScale
}
