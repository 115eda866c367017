/**
 * `alignSentences`: the aligner over two lists of sentences.
 *
 * @module
 */
import { OptionsError } from '../errors.js'
import { buildAnchors, readSide, withNumberWords, type AnchorSet, type SideTokens } from './anchors.js'
import { centerLine, fullBand, longestChain, makeBand, widenAround, type Band } from './band.js'
import { alignAroundFixed } from './fixed.js'
import { beadFeatures, EvidenceCounter, isGeneralDictionary, translationConfidence, type BeadFeatures } from './confidence.js'
import { documentOmissionCost, documentShapeCost, estimateRatio, estimateVariance, lengthCost, sentenceLength, shapeIndex, SHAPES } from './gale-church.js'
import { learnFromIds, parseDictionary, type LexiconEntry } from './lexicon.js'
import { closedClassLexicon } from './closed-class.js'
import { prepared } from './prepared-lexicon.js'
import { primaryLanguage } from './tokens.js'
import { model, resolveOptions, type AlignOptions, type ResolvedAlignOptions } from './options.js'
import { BeadScorer, type CostModel } from './bead-scorer.js'
import { countKeylessStrays } from './keyless-strays.js'
import { LOCAL_LENGTH_WINDOW, localLengthOf } from './local-length.js'
import { pathBand, viterbi, viterbiPosteriors, type RawBead } from './search.js'

/**
 * One bead of an alignment: the source and target sentence indexes it pairs (either side may be empty, for a
 * sentence with no counterpart), and the aligner's confidence in it.
 *
 * @example
 * ```ts
 * import type { Bead } from 'mizan'
 * const oneToTwo: Bead = { source: [3], target: [4, 5], score: 0.97 }
 * ```
 * @group Alignment
 */
export interface Bead {
  /** Source sentence indexes, consecutive and ascending (empty for a 0-n bead). */
  source: number[]
  /** Target sentence indexes, consecutive and ascending (empty for an n-0 bead). */
  target: number[]
  /**
   * Confidence 0..1 that the bead's sentences translate each other: the probability that its stretch of the two
   * documents is parallel at all (judged from the anchors its neighbourhood shares, against unrelated sentence
   * pairs of the same documents), times the probability that the bead is right given that (from its posterior,
   * length fit and own evidence). Calibrated on held-out data: of beads scored 0.9, about nine in ten are right
   * (docs/alignment.md, "Confidence"). Always 0 for an omission (a bead with an empty side).
   */
  score: number
  /**
   * The path posterior: the probability that the alignment goes through this bead, assuming the documents are
   * translations of each other. For an omission, how sure the aligner is that the sentence has no counterpart.
   */
  posterior: number
  /** Present (true) on a bead given in the `fixed` option: a person confirmed it. */
  fixed?: true
}

/**
 * What an alignment says about its two documents as a whole: whether they are translations of each other.
 *
 * @example
 * ```ts
 * import { alignDocuments } from 'mizan'
 * const { verdict } = alignDocuments(arabicText, englishText, { sourceLang: 'ar', targetLang: 'en' })
 * const storeAsTranslations = verdict.kind === 'parallel'
 * verdict.coverage // e.g. 1: the share of the text in confident beads
 * ```
 * @group Alignment
 */
export interface AlignmentVerdict {
  /**
   * `parallel` when at least 60% of the text (letters and digits, both sides) is in confident beads and the
   * documents' evidence favours parallel at odds of 3 to 1 or more; `not parallel` under 25% with the evidence
   * against parallel at odds of 3 to 1 or more (or when no bead pairs sentences at all); else `partly
   * parallel` (a translation with gaps, documents that share only some passages, or a pair too short and too bare
   * of numbers, names and dictionary words to tell).
   */
  kind: 'parallel' | 'partly parallel' | 'not parallel'
  /** The fraction of the text (letters and digits of both sides) in beads of confidence 0.5 or more. */
  coverage: number
  /** Mean confidence of the beads with text on both sides (0 when there are none). */
  meanConfidence: number
  /** Beads with text on both sides and confidence under 0.5. */
  doubtful: number
  /** Beads with an empty side: sentences without a counterpart. */
  omissions: number
  /**
   * The log-odds that the documents are parallel rather than unrelated: the log Bayes factor of how often the
   * beads' anchors beat those of unrelated sentence pairs from the same documents, lowered when the path hesitates
   * (low posteriors) or bends (few 1-1 beads), read at a scale fitted on true and mismatched document pairs
   * (docs/alignment.md, "Confidence"). 0 when nothing speaks either way;
   * ln 3 ≈ 1.1 or more is what `parallel` asks for, -ln 3 or less what `not parallel` does.
   */
  evidence: number
}

/**
 * What the aligner estimated and did, for diagnostics and for the benchmark.
 *
 * @example
 * ```ts
 * import { alignSentences } from 'mizan'
 * const { model } = alignSentences(arabicSentences, englishSentences)
 * model.lengthRatio.toFixed(2) // e.g. '1.27'
 * model.cells // e.g. 143
 * ```
 * @group Alignment
 */
export interface AlignmentModel {
  /** Target characters (letters and digits) per source character, as the final pass used it. */
  lengthRatio: number
  /** Variance of the length model per source character (Gale & Church's s²). */
  variance: number
  /** Anchor keys found in both documents. */
  anchors: number
  /** Anchor points on the band's path. */
  anchorPath: number
  /** Lexicon entries used in the final pass (user's plus learned). */
  lexiconSize: number
  /** Cells the final search visited (n × m for a full search). */
  cells: number
  /** Half-width of the final band, or 0 for a full search. */
  bandWidth: number
}

/**
 * The result of {@link alignSentences}.
 *
 * @example
 * ```ts
 * import { alignSentences, type SentenceAlignment } from 'mizan'
 * const result: SentenceAlignment = alignSentences(['مرحبا.'], ['Hello.'])
 * result.beads // [{ source: [0], target: [0], score: ... }]
 * ```
 * @group Alignment
 */
export interface SentenceAlignment {
  /** Beads in document order: monotone, covering every sentence of both sides exactly once. */
  beads: Bead[]
  /** What was estimated. */
  model: AlignmentModel
  /** Whether the two documents are translations of each other, judged from the beads' confidence. */
  verdict: AlignmentVerdict
  /** @internal Per bead, its evidence features (undefined for a bead with an empty side). */
  features?: Array<BeadFeatures | undefined>
}

function checkSentences(name: string, value: unknown): readonly string[] {
  if (!Array.isArray(value)) throw new OptionsError(name, value, 'an array of sentence strings', 'INVALID_INPUT')
  for (let index = 0; index < value.length; index++) {
    if (typeof value[index] !== 'string') throw new OptionsError(`${name}[${index}]`, value[index], 'a string', 'INVALID_INPUT')
  }
  return value as readonly string[]
}

function prefixSums(values: readonly number[]): Float64Array {
  const prefix = new Float64Array(values.length + 1)
  for (let i = 0; i < values.length; i++) prefix[i + 1] = prefix[i]! + values[i]!
  return prefix
}

function breaks(count: number, starts: readonly number[]): { flag: Uint8Array; prefix: Int32Array } {
  const flag = new Uint8Array(count + 1)
  flag[0] = 1
  flag[count] = 1
  for (const start of starts) flag[start] = 1
  // prefix[k] = breaks at positions 1..k (inner breaks before sentence k), for counting breaks inside a bead.
  const prefix = new Int32Array(count + 1)
  for (let k = 1; k <= count; k++) prefix[k] = prefix[k - 1]! + (k < count ? flag[k]! : 0)
  return { flag, prefix }
}

/** How far around a row where the path touched the band's edge the band widens, in multiples of its half-width. */
const BAND_REACH = 8

/**
 * Searches with the band widening while the path touches its edge. With `withPosteriors` (the last pass), each
 * search also computes every bead's posterior in the same sweep ({@link viterbiPosteriors}).
 */
function search(scorer: BeadScorer, anchors: AnchorSet, n: number, m: number, options: ResolvedAlignOptions, withPosteriors: boolean, previous?: readonly RawBead[]) {
  const run = (band: Band, margin: number | Int32Array) => (withPosteriors ? viterbiPosteriors(scorer, band, n, m, margin) : viterbi(scorer, band, n, m, margin))
  let band: Band
  let width = 0
  let chainLength = 0
  let beads: RawBead[]
  if ((n + 1) * (m + 1) <= options.fullSearchCells) {
    band = fullBand(n, m)
    beads = run(band, 0).beads
  } else if (previous) {
    // A later pass refines the previous pass's path: its band follows that path (Moore 2002 does the same with
    // his first, length-based pass), widening while the new path reaches its edge.
    width = model.refineRadius
    band = pathBand(previous, n, m, width)
    for (;;) {
      const result = run(band, 2)
      beads = result.beads
      if (result.edgeRows.length === 0) break
      const wider = pathBand(previous, n, m, width * 2)
      if (wider.cells > options.maxCells || wider.cells === band.cells) break
      width *= 2
      band = wider
    }
  } else {
    const chain = longestChain(anchors.points)
    chainLength = chain.length
    const center = centerLine(chain, n, m)
    // The band widens where the path touched its edge, not everywhere (band.ts, widenAround).
    const widths = new Int32Array(n + 1).fill(options.bandWidth)
    width = options.bandWidth
    band = makeBand(center, n, m, widths)
    for (;;) {
      // How near the edge counts as touching it, per row: an eighth of the row's half-width, at least 2.
      const result = run(band, widths.map((w) => Math.max(2, w >> 3)))
      beads = result.beads
      if (result.edgeRows.length === 0) break
      const wider = widenAround(widths, result.edgeRows, BAND_REACH) ? makeBand(center, n, m, widths) : band
      if (wider.cells > options.maxCells || wider.cells === band.cells) {
        options.logger?.('warn', `alignment band stopped widening at half-width ${width} (maxCells ${options.maxCells}); the path touches its edge`, 'ALIGN_BAND_LIMIT')
        break
      }
      for (const row of result.edgeRows) width = Math.max(width, widths[row]!)
      band = wider
      options.logger?.('debug', `alignment band widened to half-width ${width} around ${result.edgeRows.length} rows (${band.cells} cells)`, 'ALIGN_BAND_WIDENED')
    }
  }
  return { beads, band, width, chainLength }
}

/**
 * Aligns two lists of sentences, a document and its translation, into beads: monotone groups of 0 to 8 sentences
 * on one side paired with 0 to 8 on the other, covering every sentence exactly once, each with a confidence.
 *
 * The model starts from Gale & Church (1993) and goes further (see docs/alignment.md): the length ratio and its
 * variance are estimated from the document pair; numbers, shared tokens, punctuation and lexicon pairs are
 * anchors; a lexicon is learned from a first pass; beads go up to 1-8, 8-1, 2-4 and 4-2, with the
 * 1-k priors re-estimated from the first pass; the search is confined to a band
 * around a path of confident anchors, so time and memory grow linearly with document length.
 *
 * @param source - source sentences in document order
 * @param target - target sentences in document order
 * @param options - languages, dictionary, paragraph hints and search limits
 * @returns the beads, and the estimated model
 * @throws {@link OptionsError} (`INVALID_INPUT`) when `source` or `target` is not an array of strings;
 *   (`INVALID_OPTION`) when an option is out of range
 * @example
 * ```ts
 * import { alignSentences } from 'mizan'
 * const { beads } = alignSentences(
 *   ['قال الرئيس إن 30 دولة شاركت.', 'وانتهت القمة.'],
 *   ['The president said 30 countries took part.', 'The summit ended.'],
 * )
 * // [{ source: [0], target: [0], score: 0.98... }, { source: [1], target: [1], score: 0.98... }]
 * ```
 * @group Alignment
 */
export function alignSentences(source: readonly string[], target: readonly string[], options: AlignOptions = {}): SentenceAlignment {
  checkSentences('source', source)
  checkSentences('target', target)
  const resolved = resolveOptions(options, source.length, target.length)
  const n = source.length
  const m = target.length
  const sourceLengths = source.map(sentenceLength)
  const targetLengths = target.map(sentenceLength)
  const sourceTotal = sourceLengths.reduce((a, b) => a + b, 0)
  const targetTotal = targetLengths.reduce((a, b) => a + b, 0)
  const ratio = resolved.lengthRatio ?? (sourceTotal > 0 && targetTotal > 0 ? targetTotal / sourceTotal : 1)
  // The user's dictionary, and whether it is a general one (its own entries, without the closed-class words).
  const userDictionary = parsedDictionary(resolved, false)
  const general = isGeneralDictionary(userDictionary.length)
  if (resolved.fixed.length > 0) {
    // Each stretch between fixed beads is aligned on its own, with the whole documents' length ratio.
    const lengthRatio = Math.min(20, Math.max(0.05, ratio))
    const { beads, model: merged, guessed } = alignAroundFixed(source, target, resolved.fixed, (s, t, sourceParagraphs, targetParagraphs) => alignSentences(s, t, { ...options, fixed: [], lengthRatio, sourceParagraphs, targetParagraphs }), resolved.sourceParagraphs, resolved.targetParagraphs, lengthRatio)
    // Scored again over the whole documents: a stretch alone has too few null pairs to weigh its evidence, and a
    // fixed bead nobody confirmed (a structure hint) earns its score from its evidence like any other.
    const [sourceSide, targetSide] = readSides(source, target, resolved, readsNumberWords(resolved, 'evidence', general))
    const dictionary = parsedDictionary(resolved)
    const anchors = buildAnchors(sourceSide, targetSide, resolved.sourceLang, resolved.targetLang, dictionary, model.anchors, [], model.maxLexiconKeys)
    const keyOf = (bead: { source: readonly number[]; target: readonly number[] }) => `${bead.source.join(',')}:${bead.target.join(',')}`
    const confirmedKeys = new Set(resolved.fixed.filter((bead) => bead.confirmed !== false).map(keyOf))
    const confirmed = beads.map((bead) => bead.fixed === true && confirmedKeys.has(keyOf(bead)))
    const ranges = beads.map((bead, k) => ({
      sourceStart: bead.source[0] ?? 0,
      sourceEnd: bead.source.length > 0 ? bead.source[bead.source.length - 1]! + 1 : 0,
      targetStart: bead.target[0] ?? 0,
      targetEnd: bead.target.length > 0 ? bead.target[bead.target.length - 1]! + 1 : 0,
      // The aligner did not choose an unconfirmed fixed bead: its path says nothing about it either way.
      posterior: bead.fixed && !confirmed[k] ? 0.5 : bead.posterior,
    }))
    const { confidence, evidence } = scoreBeads(anchors, ranges, sourceLengths, targetLengths, merged.lengthRatio, merged.variance || model.variance, unpairedNumberPrefix(sourceSide, targetSide), unpairedNumberPrefix(targetSide, sourceSide), general)
    beads.forEach((bead, k) => {
      if (confirmed[k]) return
      // A bead cut at a fixed omission is a guess: it keeps at most 0.5.
      bead.score = guessed.has(bead) ? Math.min(0.5, confidence[k]!) : confidence[k]!
    })
    return { beads, model: merged, verdict: judge(beads, sourceLengths, targetLengths, evidence) }
  }
  // The path's lexicon, and the evidence's: the closed-class words are in the evidence always (when on), in the
  // path only when model.closedClassIn says so.
  const evidenceLexicon = parsedDictionary(resolved)
  const userLexicon = model.closedClassIn === 'both' ? evidenceLexicon : userDictionary
  // The model reports the user's and the learned entries; the closed-class lexicon is part of the aligner.
  const userSize = userDictionary.length
  const emptyModel: AlignmentModel = { lengthRatio: ratio, variance: model.variance, anchors: 0, anchorPath: 0, lexiconSize: userSize, cells: 0, bandWidth: 0 }
  if (n === 0 || m === 0) {
    // Nothing to choose: every sentence is unmatched, with certainty.
    const beads: Bead[] = [...source.map((_, i) => ({ source: [i], target: [], score: 0, posterior: 1 })), ...target.map((_, j) => ({ source: [], target: [j], score: 0, posterior: 1 }))]
    return { beads, model: emptyModel, verdict: judge(beads, sourceLengths, targetLengths, 0) }
  }

  const sourceBreaks = breaks(n, resolved.sourceParagraphs)
  const targetBreaks = breaks(m, resolved.targetParagraphs)
  // The documents' length ratio starts the first pass; later passes take it from the previous pass's 1-1 beads
  // (estimateRatio), which leave out the sentences without a counterpart. A ratio the caller gives is kept.
  let lengthRatio = ratio
  const makeModel = (anchors: AnchorSet, variance: number, shapeCost: Float64Array): CostModel => ({
    sourcePrefix: prefixSums(sourceLengths),
    targetPrefix: prefixSums(targetLengths),
    ratio: lengthRatio,
    variance,
    lengthTail: model.lengthTail,
    shapeCost,
    anchors,
    sourceBreak: sourceBreaks.flag,
    targetBreak: targetBreaks.flag,
    sourceBreakPrefix: sourceBreaks.prefix,
    targetBreakPrefix: targetBreaks.prefix,
    deletionCost: model.deletionCost,
    meanTargetLength: Math.max(1, targetTotal / m),
    crossPenalty: model.crossPenalty,
    mismatchPenalty: model.mismatchPenalty,
    matchDilution: model.matchDilution,
    splitEvidence: model.splitEvidence,
    strayCost: 0,
    orphanCost: model.orphanNumber,
    omissionRun: model.omissionRun,
  })

  // The evidence reads the sides as the confidence model was fitted on them; the search may read number words too
  // (see readsNumberWords), added to the sides read once.
  const evidenceNumbers = readsNumberWords(resolved, 'evidence', general)
  const sameSides = readsNumberWords(resolved, 'path', general) === evidenceNumbers
  const [sourceEvidenceSide, targetEvidenceSide] = readSides(source, target, resolved, evidenceNumbers, !sameSides)
  const [sourceSide, targetSide] = sameSides ? [sourceEvidenceSide, targetEvidenceSide] : [withNumberWords(sourceEvidenceSide), withNumberWords(targetEvidenceSide)]
  let lexiconSize = userSize
  let anchors = buildAnchors(sourceSide, targetSide, resolved.sourceLang, resolved.targetLang, userLexicon, model.anchors, [], model.maxLexiconKeys)
  const firstAnchors = anchors
  let variance: number = model.variance
  // A document too short to learn a lexicon from still gets a second pass when learning is on: one that only
  // re-estimates the length ratio (a 6-sentence translation missing a paragraph has the wrong one; docs/alignment.md,
  // "The fifth issue #12 round"), unless the caller gave the ratio (as fixed.ts does for the stretches it aligns).
  const learnLexicon = resolved.learnFromDocument && n >= model.minSentencesToLearn && m >= model.minSentencesToLearn
  // Without a general dictionary, passes after the second re-learn the lexicon from the pass before (see
  // model.learning.lexiconPasses).
  const passes = learnLexicon ? model.learning.passes + (general ? 0 : model.learning.lexiconPasses) : resolved.learnFromDocument && resolved.lengthRatio === undefined ? model.learning.passes : 1
  let shapeCost = resolved.shapeCost
  let strayCost: CostModel['strayCost'] = 0
  let result = search(new BeadScorer(makeModel(anchors, variance, shapeCost)), anchors, n, m, resolved, passes === 1)
  const anchorPath = result.chainLength
  // The sides do not change between passes: their content-word tables are built once.
  const sourceWords = distinctWords(sourceSide)
  const targetWords = distinctWords(targetSide)
  for (let pass = 2; pass <= passes; pass++) {
    // Learn from the previous pass: a lexicon (Dice over the words of its beads), the length variance (from its
    // 1-1 beads) and, from the first pass only, the shape priors (its shape counts, smoothed towards the defaults)
    // and the stray prices; then align again.
    const oneToOne = oneToOneLengths(result.beads, sourceLengths, targetLengths)
    if (resolved.lengthRatio === undefined) lengthRatio = clampRatio(estimateRatio(oneToOne, model.minRatioPairs) ?? lengthRatio)
    if (!learnLexicon) {
      // The ratio-only pass (passes > 1 without a lexicon to learn only when the caller gave no ratio).
      result = search(new BeadScorer(makeModel(anchors, variance, shapeCost)), anchors, n, m, resolved, pass === passes, result.beads)
      continue
    }
    const pairs: Array<[number[], number[]]> = []
    for (const bead of result.beads) {
      if (bead.sourceEnd === bead.sourceStart || bead.targetEnd === bead.targetStart) continue
      pairs.push([sourceWords(bead.sourceStart, bead.sourceEnd), targetWords(bead.targetStart, bead.targetEnd)])
    }
    variance = estimateVariance(oneToOne, lengthRatio) ?? variance
    const learned = learnedAnchors(pairs, sourceSide, targetSide, resolved, userLexicon, model.learning.frequentPairs)
    lexiconSize = userSize + learned.learned
    anchors = learned.anchors
    if (pass === 2) ({ shapeCost, strayCost } = firstPassPriors(result.beads, anchors, resolved.shapeCost, n, m))
    // A long document that joins texts of different kinds gets a length ratio and variance per stretch
    // (local-length.ts); the whole document's stay for the confidence and the model reported.
    const localLength = resolved.lengthRatio === undefined ? localLengthOf(result.beads, sourceLengths, targetLengths, lengthRatio, variance, LOCAL_LENGTH_WINDOW) : undefined
    result = search(new BeadScorer({ ...makeModel(anchors, variance, shapeCost), strayCost, ...(localLength ? { localLength } : {}) }), anchors, n, m, resolved, pass === passes, result.beads)
  }

  // Evidence is read from the first pass's anchors (numbers, names, shared tokens, the user's dictionary) and a
  // lexicon learned from the path cross-fitted: each bead's evidence uses word pairs learned from the beads of the
  // other fold only. A lexicon learned from the bead itself is fitted to it, and on two unrelated documents finds
  // chance pairs that would make the path look translated; learned from other beads, a chance pair recurs in
  // this one no more than in its nulls, while a true translation pair does.
  let evidenceAnchors: readonly [AnchorSet, AnchorSet]
  // The evidence's sides differ from the search's only in their number keys (withNumberWords): their words are the same.
  if (learnLexicon && passes > 1) evidenceAnchors = crossFittedAnchors(result.beads, sourceWords, targetWords, sourceEvidenceSide, targetEvidenceSide, resolved, evidenceLexicon)
  else {
    // No lexicon learned: the first pass's anchors, built again only where the evidence reads other sides or another lexicon.
    const first = evidenceLexicon === userLexicon && sameSides ? firstAnchors : buildAnchors(sourceEvidenceSide, targetEvidenceSide, resolved.sourceLang, resolved.targetLang, evidenceLexicon, model.anchors, [], model.maxLexiconKeys)
    evidenceAnchors = [first, first]
  }
  const { features, confidence, evidence } = scoreBeads(evidenceAnchors, result.beads, sourceLengths, targetLengths, lengthRatio, variance, unpairedNumberPrefix(sourceEvidenceSide, targetEvidenceSide), unpairedNumberPrefix(targetEvidenceSide, sourceEvidenceSide), general)
  const beads: Bead[] = result.beads.map((bead, k) => ({
    source: range(bead.sourceStart, bead.sourceEnd),
    target: range(bead.targetStart, bead.targetEnd),
    score: confidence[k]!,
    posterior: bead.posterior,
  }))
  return {
    features,
    verdict: judge(beads, sourceLengths, targetLengths, evidence),
    beads,
    model: {
      lengthRatio,
      variance,
      anchors: anchors.size,
      anchorPath,
      lexiconSize,
      cells: result.band.cells,
      bandWidth: result.width,
    },
  }
}

/**
 * The distinct content-word ids (keys of two letters or more) of a run of sentences, for lexicon learning; one
 * stamp array per side instead of a set per bead.
 */
function distinctWords(side: SideTokens): (start: number, end: number) => number[] {
  const usable = Uint8Array.from(side.lexicalKeys, (key) => (key.length >= 2 ? 1 : 0))
  const stamps = new Int32Array(side.lexicalKeys.length)
  let stamp = 0
  return (start, end) => {
    stamp++
    const out: number[] = []
    for (let i = start; i < end; i++) {
      for (const word of side.lexical[i]!) {
        if (usable[word] === 1 && stamps[word] !== stamp) {
          stamps[word] = stamp
          out.push(word)
        }
      }
    }
    return out
  }
}

/** Beads of fold 0 and fold 1 (cross-fitting of the evidence lexicon): alternate beads with text on both sides. */
function foldsOf(beads: ReadonlyArray<{ sourceStart: number; sourceEnd: number; targetStart: number; targetEnd: number }>): Uint8Array {
  const folds = new Uint8Array(beads.length)
  let paired = 0
  beads.forEach((bead, k) => {
    if (bead.sourceEnd === bead.sourceStart || bead.targetEnd === bead.targetStart) return
    folds[k] = paired++ % 2
  })
  return folds
}

/**
 * Anchors for the beads of fold 0 and of fold 1: the first pass's, plus a lexicon learned (as in the learning pass)
 * from the beads of the other fold only.
 */
function crossFittedAnchors(
  beads: readonly RawBead[],
  sourceWords: (start: number, end: number) => number[],
  targetWords: (start: number, end: number) => number[],
  sourceSide: SideTokens,
  targetSide: SideTokens,
  resolved: ResolvedAlignOptions,
  userLexicon: readonly LexiconEntry[],
): [AnchorSet, AnchorSet] {
  const folds = foldsOf(beads)
  const pairs: Array<Array<[number[], number[]]>> = [[], []]
  beads.forEach((bead, k) => {
    if (bead.sourceEnd === bead.sourceStart || bead.targetEnd === bead.targetStart) return
    pairs[folds[k]!]!.push([sourceWords(bead.sourceStart, bead.sourceEnd), targetWords(bead.targetStart, bead.targetEnd)])
  })
  const anchorsLearnedFrom = (fold: number) => learnedAnchors(pairs[fold]!, sourceSide, targetSide, resolved, userLexicon).anchors
  return [anchorsLearnedFrom(1), anchorsLearnedFrom(0)]
}

/**
 * What the second pass takes from the first besides its lexicon: the stray prices (strayCostOf, with the second
 * pass's anchors) and the shape priors, which follow the first pass's shape counts with the keyless sentences it
 * merged into a neighbour's bead counted as omissions (keyless-strays.ts). Later passes keep both: re-estimated
 * from the second pass they fed on themselves (model.learning.lexiconPasses).
 */
function firstPassPriors(beads: readonly RawBead[], anchors: AnchorSet, defaults: Float64Array, n: number, m: number): { shapeCost: Float64Array; strayCost: CostModel['strayCost'] } {
  const shapeCounts = new Float64Array(SHAPES.length)
  for (const bead of beads) shapeCounts[shapeIndex(bead.sourceEnd - bead.sourceStart, bead.targetEnd - bead.targetStart)]!++
  const strayCost = strayCostOf(anchors, beads, n, m)
  const total = beads.length + countKeylessStrays(shapeCounts, anchors, beads, strayCost, n, m)
  let shapeCost = defaults
  if (model.learning.priorStrength > 0) shapeCost = documentShapeCost(defaults, shapeCounts, total, model.learning.priorStrength)
  shapeCost = documentOmissionCost(shapeCost, defaults, shapeCounts, total, model.learning.omissionStrength)
  return { shapeCost, strayCost }
}

/**
 * The anchors with a lexicon learned from `pairs` (each bead's distinct content words, as lexical key ids): the
 * first pass's keys plus the learned word pairs, and how many pairs were learned.
 */
function learnedAnchors(
  pairs: ReadonlyArray<readonly [readonly number[], readonly number[]]>,
  sourceSide: SideTokens,
  targetSide: SideTokens,
  resolved: ResolvedAlignOptions,
  userLexicon: readonly LexiconEntry[],
  frequentPairs?: Parameters<typeof learnFromIds>[5],
): { anchors: AnchorSet; learned: number } {
  const learned = learnFromIds(pairs, sourceSide.lexicalKeys, targetSide.lexicalKeys, model.learning.lexicon, model.learning.maxKeysPerPair, frequentPairs).map((entry) => ({
    source: sourceSide.lexicalKeys[entry.source]!,
    target: targetSide.lexicalKeys[entry.target]!,
    weight: entry.weight,
  }))
  return { anchors: buildAnchors(sourceSide, targetSide, resolved.sourceLang, resolved.targetLang, userLexicon, model.anchors, learned, model.maxLexiconKeys), learned: learned.length }
}

/**
 * The price of a stray sentence (see {@link CostModel.strayCost}) for the next pass: `-log z`, where z is how often
 * a sentence shares no anchor key with its counterpart in the previous pass's 1-1 beads (Laplace-smoothed), so a
 * document whose pairs are well linked (numbers, names, the lexicon learned from it) makes strays dear, and one
 * with sparse evidence keeps them cheap. 0 when fewer than `model.strays.minSentences` sentences can say.
 *
 * A document with more 1-1 beads than one window (`2 · model.strays.reach + 1` of them) gets a price per stretch: each
 * sentence pays what the window of 1-1 beads around it says, but never less than the whole document's price. A long
 * document that joins texts of different kinds (issue #12: UN reports, then news, then short everyday lines) has
 * well-linked stretches where a stray is rare and dear, and sparse ones; one price for all made strays cheap in
 * the UN stretch (1.0 nats where a 200-line UN document gets about 3). The floor is measured: letting the sparse
 * stretch price strays at its own 0.8 let paths shifted by one line run through it (strict F1 there 0.75 → 0.70).
 *
 * @param anchors - the anchors of the next pass
 * @param beads - the previous pass's beads
 * @param n - source sentences
 * @param m - target sentences
 * @returns one price for every sentence, or a price per source and per target sentence
 * @example
 * ```ts
 * const strayCost = strayCostOf(anchors, firstPass.beads, n, m)
 * new BeadScorer({ ...costModel, strayCost })
 * ```
 * @internal
 */
export function strayCostOf(anchors: AnchorSet, beads: readonly RawBead[], n: number, m: number): number | { source: Float64Array; target: Float64Array } {
  const marks = new Int32Array(anchors.size)
  let stamp = 0
  const stray = (keys: Int32Array, other: Int32Array) => {
    stamp++
    for (const key of other) marks[key] = stamp
    return keys.some((key) => marks[key] === stamp) ? 0 : 1
  }
  // Per 1-1 bead, how many of its two sentences are strays; per bead, the last 1-1 bead at or before it.
  const strays: number[] = []
  const nearest = new Int32Array(beads.length)
  beads.forEach((bead, k) => {
    if (bead.sourceEnd - bead.sourceStart === 1 && bead.targetEnd - bead.targetStart === 1) {
      const source = anchors.source[bead.sourceStart]!
      const target = anchors.target[bead.targetStart]!
      strays.push(stray(source, target) + stray(target, source))
    }
    nearest[k] = Math.max(0, strays.length - 1)
  })
  if (2 * strays.length < model.strays.minSentences) return 0
  const price = (strayCount: number, sentences: number) => Math.min(model.strays.maxCost, -Math.log((strayCount + 1) / (sentences + 2)))
  const prefix = prefixSums(strays)
  const whole = price(prefix[strays.length]!, 2 * strays.length)
  const span = 2 * model.strays.reach + 1
  if (strays.length <= span) return whole
  const local = Float64Array.from(strays, (_, k) => {
    const from = Math.min(Math.max(0, k - model.strays.reach), strays.length - span)
    return Math.max(whole, price(prefix[from + span]! - prefix[from]!, 2 * span))
  })
  const source = new Float64Array(n)
  const target = new Float64Array(m)
  beads.forEach((bead, k) => {
    source.fill(local[nearest[k]!]!, bead.sourceStart, bead.sourceEnd)
    target.fill(local[nearest[k]!]!, bead.targetStart, bead.targetEnd)
  })
  return { source, target }
}

/** The lengths `[source, target]` of the 1-1 beads among `beads`. */
function oneToOneLengths(beads: readonly RawBead[], sourceLengths: readonly number[], targetLengths: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = []
  for (const bead of beads) {
    if (bead.sourceEnd - bead.sourceStart === 1 && bead.targetEnd - bead.targetStart === 1) out.push([sourceLengths[bead.sourceStart]!, targetLengths[bead.targetStart]!])
  }
  return out
}

/** A ratio kept within what the `lengthRatio` option accepts (0.05 to 20). */
function clampRatio(ratio: number): number {
  return Math.min(20, Math.max(0.05, ratio))
}

function range(start: number, end: number): number[] {
  const out: number[] = []
  for (let k = start; k < end; k++) out.push(k)
  return out
}

/**
 * Whether a verdict is short of `parallel` only for want of evidence (its beads fit, but too few numbers, names or
 * dictionary words confirm them): what the CLI and the review pages say then.
 *
 * @example
 * ```ts
 * import { alignDocuments, lacksEvidence } from 'mizan'
 * const { verdict } = alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en' })
 * // Short of parallel only for want of evidence: align again with a dictionary.
 * const retry = lacksEvidence(verdict) ? alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en', dictionary }) : undefined
 * ```
 * @group Alignment
 */
export function lacksEvidence(verdict: Readonly<AlignmentVerdict>): boolean {
  return verdict.kind === 'partly parallel' && verdict.coverage >= PARALLEL_COVERAGE && verdict.evidence < PARALLEL_EVIDENCE
}

/**
 * The kind of verdict for a coverage and an evidence (see {@link AlignmentVerdict.kind}); bench/calibration.ts
 * judges with it too.
 *
 * @internal
 */
export function verdictKind(coverage: number, evidence: number): AlignmentVerdict['kind'] {
  // Both claims need odds of 3 to 1: a short pair with little to go on either way (a few sentences without
  // numbers, names or dictionary words) is `partly parallel`, not refused as unrelated.
  if (coverage < 0.25 && evidence <= -PARALLEL_EVIDENCE) return 'not parallel'
  return coverage >= PARALLEL_COVERAGE && evidence >= PARALLEL_EVIDENCE ? 'parallel' : 'partly parallel'
}

/** The coverage `parallel` asks for. */
const PARALLEL_COVERAGE = 0.6
/** The evidence `parallel` asks for: odds of 3 to 1. */
const PARALLEL_EVIDENCE = Math.log(3)

/** The verdict over a document pair's beads (see {@link AlignmentVerdict}); lengths are letters and digits. */
function judge(beads: readonly Bead[], sourceLengths: readonly number[], targetLengths: readonly number[], evidence: number): AlignmentVerdict {
  let total = 0
  let covered = 0
  let sum = 0
  let pairs = 0
  let doubtful = 0
  let omissions = 0
  for (const bead of beads) {
    let length = 0
    for (const i of bead.source) length += sourceLengths[i]!
    for (const j of bead.target) length += targetLengths[j]!
    total += length
    if (bead.source.length === 0 || bead.target.length === 0) {
      omissions++
      continue
    }
    pairs++
    sum += bead.score
    if (bead.score >= 0.5) covered += length
    else doubtful++
  }
  const coverage = total > 0 ? covered / total : 0
  // "Parallel" is a claim: it needs the documents' own evidence (odds of at least 3 to 1), not only beads that
  // the length model found plausible. A short pair with nothing to go on is at most partly parallel.
  return { kind: pairs === 0 ? 'not parallel' : verdictKind(coverage, evidence), coverage, meanConfidence: pairs > 0 ? sum / pairs : 0, doubtful, omissions, evidence }
}

/**
 * The user's dictionary (parsed when given as text) with the closed-class lexicon after it when `closedClassWords`
 * is on and the dictionary is no general one. The same dictionary gives the same array (anchors.ts caches a
 * dictionary's index by its identity): the merged list per user array while its entries stay as they were, and the
 * last text parsed.
 */
function parsedDictionary(resolved: ResolvedAlignOptions, closedClass = resolved.closedClassWords): readonly LexiconEntry[] {
  let user: readonly LexiconEntry[]
  if (typeof resolved.dictionary !== 'string') user = resolved.dictionary
  else {
    if (lastParsed?.text !== resolved.dictionary) lastParsed = { text: resolved.dictionary, entries: parseDictionary(resolved.dictionary) }
    user = lastParsed.entries
  }
  // A general dictionary has these words already, and the confidence model with one was fitted on it alone.
  const builtIn = closedClass && !isGeneralDictionary(user.length) ? closedClassLexicon(resolved.sourceLang, resolved.targetLang, model.closedClassNumbers === 'path' ? 'none' : model.closedClassNumbers) : []
  if (builtIn.length === 0) return user
  if (user.length === 0) return builtIn
  // Kept per user array and rebuilt when its entries change (prepared-lexicon.ts), so a dictionary edited between
  // two calls is not served stale, and an unchanged one keeps the identity its keyed index is cached under.
  return prepared(user, `with closed-class words ${resolved.sourceLang} ${resolved.targetLang} ${model.closedClassNumbers}`, () => [...user, ...builtIn])
}

let lastParsed: { text: string; entries: readonly LexiconEntry[] } | undefined

/** Both sides read for anchors; names are matched across scripts only between Arabic and a Latin-script language. */
function readSides(source: readonly string[], target: readonly string[], resolved: ResolvedAlignOptions, numberWords: boolean, collectNumberWords = false): [SideTokens, SideTokens] {
  const sourceArabic = primaryLanguage(resolved.sourceLang) === 'ar'
  const targetArabic = primaryLanguage(resolved.targetLang) === 'ar'
  const names = sourceArabic !== targetArabic
  const cognates = !sourceArabic && !targetArabic
  return [
    readSide(source, resolved.sourceLang, !names ? 'none' : sourceArabic ? 'arabic' : 'latin', cognates, numberWords, collectNumberWords),
    readSide(target, resolved.targetLang, !names ? 'none' : targetArabic ? 'arabic' : 'latin', cognates, numberWords, collectNumberWords),
  ]
}

/**
 * Whether number words are read as numbers (`ثلاثة` = `3` = `three`), for the search's path or for the evidence of the
 * confidence: only where the closed-class lexicon applies (Arabic and English, no general dictionary: `general`), and
 * where `model.closedClassNumbers` says (`'keys'`: both; `'path'`: the path only, the confidence model being fitted
 * without them).
 */
function readsNumberWords(resolved: ResolvedAlignOptions, where: 'path' | 'evidence', general: boolean): boolean {
  const mode = model.closedClassNumbers
  if (!resolved.closedClassWords || (mode !== 'keys' && mode !== 'path') || (mode === 'path' && where === 'evidence')) return false
  return !general && closedClassLexicon(resolved.sourceLang, resolved.targetLang, 'keys').length > 0
}

/**
 * Evidence features and translation confidence of beads given as index ranges with their posteriors; `dictionary`:
 * whether the user gave a general dictionary (the confidence model's null model then is the one fitted with one).
 */
function scoreBeads(
  anchors: AnchorSet | readonly [AnchorSet, AnchorSet],
  beads: ReadonlyArray<{ sourceStart: number; sourceEnd: number; targetStart: number; targetEnd: number; posterior: number }>,
  sourceLengths: readonly number[],
  targetLengths: readonly number[],
  ratio: number,
  variance: number,
  sourceOrphans: Int32Array,
  targetOrphans: Int32Array,
  dictionary: boolean,
): { features: Array<BeadFeatures | undefined>; confidence: number[]; evidence: number } {
  // Beads of fold 0 and 1 read their evidence from the two anchor sets (the same one twice when not cross-fitted).
  const [first, second] = 'source' in anchors ? [anchors, anchors] : anchors
  const counters = [new EvidenceCounter(first), second === first ? undefined : new EvidenceCounter(second)]
  const folds = foldsOf(beads)
  const sourcePrefix = prefixSums(sourceLengths)
  const targetPrefix = prefixSums(targetLengths)
  const n = sourceLengths.length
  const m = targetLengths.length
  const features: Array<BeadFeatures | undefined> = beads.map((bead, k) =>
    bead.sourceEnd === bead.sourceStart || bead.targetEnd === bead.targetStart
      ? undefined
      : beadFeatures(counters[folds[k]!] ?? counters[0]!, bead.sourceStart, bead.sourceEnd, bead.targetStart, bead.targetEnd, n, m, bead.posterior,
          lengthCost(sourcePrefix[bead.sourceEnd]! - sourcePrefix[bead.sourceStart]!, targetPrefix[bead.targetEnd]! - targetPrefix[bead.targetStart]!, ratio, variance),
          sourceOrphans[bead.sourceEnd]! - sourceOrphans[bead.sourceStart]! + targetOrphans[bead.targetEnd]! - targetOrphans[bead.targetStart]!),
  )
  const { confidence, evidence } = translationConfidence(features, beads.map((bead) => [bead.sourceEnd - bead.sourceStart, bead.targetEnd - bead.targetStart] as const), dictionary)
  return { features, confidence, evidence }
}

/**
 * Prefix counts, per sentence, of the number keys of `side` that `other` has nowhere as written (BeadFeatures.orphans):
 * the confidence's reading, which its weights were fitted on. The search prices a stricter count (anchors.ts
 * `orphanNumbers`: two digits or more, matched by digit runs, none where the sentence shares a number); the two are
 * kept apart because changing this one means refitting the confidence.
 */
function unpairedNumberPrefix(side: SideTokens, other: SideTokens): Int32Array {
  const elsewhere = new Set(other.identityKeys)
  const orphan = Uint8Array.from(side.identityKeys, (key) => (key.startsWith('n:') && !elsewhere.has(key) ? 1 : 0))
  const prefix = new Int32Array(side.identity.length + 1)
  side.identity.forEach((keys, i) => {
    let count = 0
    for (const key of keys) count += orphan[key]!
    prefix[i + 1] = prefix[i]! + count
  })
  return prefix
}
