/**
 * Options of the aligner, their defaults, and their validation.
 *
 * @module
 */
import { checkFixed, type FixedBead } from './fixed.js'
import { OptionsError } from '../errors.js'
import type { Logger } from '../types.js'
import type { LexiconEntry } from './lexicon.js'
import { SHAPES, shapeName } from './gale-church.js'

/**
 * Options of {@link alignSentences}.
 *
 * @example
 * ```ts
 * import { alignSentences, type AlignOptions } from 'mizan'
 * const options: AlignOptions = { sourceLang: 'ar', targetLang: 'en', dictionary: 'president @ رئيس', sourceParagraphs: [4] }
 * alignSentences(arabicSentences, englishSentences, options)
 * ```
 * @group Alignment
 */
export interface AlignOptions {
  /**
   * Source language (BCP-47). Chooses how words are keyed for the lexicon (`ar` gets a light stemmer).
   * @defaultValue `'ar'`
   */
  sourceLang?: string
  /**
   * Target language (BCP-47).
   * @defaultValue `'en'`
   */
  targetLang?: string
  /**
   * A bilingual dictionary: entries, or text in hunalign's `target @ source` format (see {@link parseDictionary}).
   * Learned lexicons ({@link learnLexicon}) go here too.
   * @defaultValue `[]`
   */
  dictionary?: readonly LexiconEntry[] | string
  /**
   * Align twice: after the first pass, learn a lexicon from its beads (Dice over co-occurrences) and re-estimate
   * the length ratio and variance from its 1-1 beads, then align again with them. Doubles the time; worth it from a
   * few dozen sentences on. A document of fewer than 8 sentences a side is too short to learn a lexicon from: its
   * second pass only re-estimates the length ratio.
   * @defaultValue `true`
   */
  learnFromDocument?: boolean
  /**
   * Between Arabic and English, read a small built-in lexicon of closed-class words as evidence of translation
   * besides the dictionary: months, weekdays, scale words (`مليون` / `million`), first and second, fractions and
   * percent. A short document has few numbers and names to go on, and dates and quantities are in nearly every news
   * text; the bead scores and the verdict use them, the path does not (docs/alignment.md, "The eighth issue #12
   * round"). No effect for other language pairs, nor with a general dictionary (10,000 entries or more), which has
   * these words and whose confidence model was fitted on it alone.
   * @defaultValue `true`
   */
  closedClassWords?: boolean
  /**
   * Target characters per source character. Estimated from the two documents when absent, and kept as given
   * when present.
   * @defaultValue `undefined` (estimated: total target length / total source length for the first pass; with
   *   `learnFromDocument`, the same over the first pass's 1-1 beads for the second, so that sentences without a
   *   counterpart do not count)
   */
  lengthRatio?: number
  /**
   * Indexes of the source sentences that start a paragraph (index 0 may be omitted). Beads are discouraged from
   * crossing paragraph breaks and encouraged to end at breaks on both sides at once.
   * @defaultValue `[]`
   */
  sourceParagraphs?: readonly number[]
  /**
   * Indexes of the target sentences that start a paragraph.
   * @defaultValue `[]`
   */
  targetParagraphs?: readonly number[]
  /**
   * Prior probabilities of bead shapes, by name (`'1-1'`, `'1-2'`, ... `'8-1'`, `'2-2'`, `'2-3'`, `'3-2'`, `'2-4'`, `'4-2'`, `'1-0'`, `'0-1'`),
   * overriding the defaults; a prior of 0 forbids the shape. With `learnFromDocument`, the second pass scales the
   * 1-k, k-1, 2-k and k-2 priors (given or default) by how often and how far the first pass split sentences.
   * @defaultValue Gale & Church's priors, extended to 1-8 and 2-4 (see docs/alignment.md)
   */
  priors?: Readonly<Record<string, number>>
  /**
   * Initial half-width of the search band around the anchor path, in sentences. The band doubles while the
   * best path comes within two sentences of its edge, so a narrow start costs little when it is too narrow.
   * @defaultValue `4`
   */
  bandWidth?: number
  /**
   * Documents with at most this many cells (n × m) are searched in full, without a band.
   * @defaultValue `250000`
   */
  fullSearchCells?: number
  /**
   * The band stops widening when it would exceed this many cells (bounds memory at about 21 bytes a cell).
   * @defaultValue `80000000`
   */
  maxCells?: number
  /**
   * Beads a person confirmed: hard constraints. The beads with text on both sides cut the documents into
   * stretches, and only the stretches between them are aligned (each on its own, with the whole documents'
   * length ratio); beads with an empty side fix sentences as having no counterpart. They come back in the result
   * with `fixed: true`, pairs scoring 1.
   * @defaultValue `[]`
   */
  fixed?: readonly FixedBead[]
  /**
   * Receives warnings (e.g. the band hit `maxCells`).
   * @defaultValue `undefined`
   */
  logger?: Logger
}

/**
 * Defaults of {@link alignSentences}.
 *
 * @example
 * ```ts
 * import { defaults } from './options.js'
 * defaults.bandWidth // 4
 * ```
 * @internal
 */
export const defaults = {
  sourceLang: 'ar',
  targetLang: 'en',
  learnFromDocument: true,
  closedClassWords: true,
  bandWidth: 4,
  fullSearchCells: 250_000,
  maxCells: 80_000_000,
} as const

/**
 * Tuned model constants (not options): anchor strengths in nats of evidence per matched key, the cost per unit of
 * a one-sided anchor, the deletion and paragraph-hint costs, and the learning pass settings. Tuned on Text+Berg
 * `dev` and on perturbed documents of UN pairs (lines 4000-4999, 5000-5999 and 6000-7999 of the shared un.tsv),
 * not on the test sets the benchmark reports (docs/alignment.md lists each change with its figures).
 *
 * @internal
 */
export const model = {
  anchors: { name: 2, cognate: 1, nameUnmatched: 0.25, number: 4, token: 2.5, punctuation: 0.6, lexicon: 1.2, unmatched: 0.5, lexiconUnmatched: 1, numberUnmatched: 2 },
  crossPenalty: 2,
  /**
   * The heavy tail of the search's length model (gale-church.ts, robustLengthCost): a share `weight` of beads whose
   * length mismatch follows a normal `width` times wider, for beads of at most `maxSentences` sentences a side.
   * Chosen on the tuning documents (UN lines 4000-5999 with the issue #12 recipe a sentence per line and segmented,
   * UN 6000-6999 with merges and drops, Text+Berg dev, the literary dev half as written and merged), strict F1
   * without a tail 0.914, 0.888, 0.961, 0.875, 0.921, 0.778. For every bead, width 3: weight 0.005 gave 0.926,
   * 0.902, 0.970, 0.879, 0.926, 0.776; 0.01 0.929, 0.898, 0.970, 0.879, 0.925, 0.774; 0.02 0.926, 0.896, 0.972,
   * 0.876, 0.922, 0.758 (width 2 or weight 0.05 did worse on one set, width 4 and 5 worse on all). But the tail let
   * 72% more beads through to anchor matching (2,000-sentence UN document). For beads of up to 2 sentences a side
   * (weight 0.005): 0.924, 0.903, 0.968, 0.882, 0.922, 0.776, with 5% more anchor matching; 1-1 beads only: 0.926,
   * 0.888, 0.968, 0.882, 0.923, 0.768.
   */
  lengthTail: { weight: 0.005, width: 3, maxSentences: 2 },
  /**
   * Cost of leaving out an average-length sentence, on top of the 1-0 / 0-1 prior (Gale & Church's 0.0099, split
   * between the two). Chosen on the tuning documents (perturbed UN lines 4000-4999, 5000-5999, 6000-7999, and
   * Text+Berg dev): 0 and 0.25 gave the same beads there and beat 0.5, 1, 2 and 3 on UN (strict F1 0.951, 0.954,
   * 0.941 against 0.943, 0.944, 0.931 at 2), Text+Berg dev unchanged; 0.25 keeps a long deletion dearer than a
   * short one. At 2, a sentence the translator dropped was usually cheaper to merge into a neighbour's bead.
   */
  deletionCost: 0.25,
  mismatchPenalty: 1,
  /**
   * Cost of a number the other document has nowhere in a bead that pairs its sentence (anchors.ts, orphanNumbers;
   * bead-scorer.ts, orphanCost). Chosen on the tuning documents (strict F1, UN 4000-6999 recipe a sentence per line /
   * segmented, NTREX perturbed per document, Text+Berg dev): off 0.9350 / 0.9042 / 0.9657 / 0.8715; 1.5 0.9369 /
   * 0.9052 / 0.9670 / 0.8715; 2 and 2.5 0.9373 / 0.9052 / 0.9670 / 0.8715 (the other tuning sets unchanged).
   * Counting also the sentences that hold a shared number gave 0.9393 / 0.9070 / 0.9677 at 2 but Text+Berg dev 0.8646.
   */
  orphanNumber: 2,
  /**
   * How much less the second and later sentences of a run of omissions on one side cost than the first (nats off
   * each 1-0 that follows a 1-0, each 0-1 that follows a 0-1; search.ts): a translator drops a paragraph as one
   * event, as a gap in sequence alignment is opened once and extended (Gotoh 1982). 0 turns it off. Chosen on the
   * tuning documents (strict F1, UN 4000-6999 recipe a sentence per line / segmented / merges and drops, NTREX one
   * document, Text+Berg dev, literary dev as written): off 0.9373 / 0.9052 / 0.9715 / 0.9737 / 0.8715 / 0.9197;
   * 0.75 0.9353 / 0.9089 / 0.9740 / 0.9737 / 0.8715 / 0.9194; 1 0.9364 / 0.9089 / 0.9740 / 0.9747 / 0.8715 / 0.9194;
   * 1.25 0.9366 / 0.9107 / 0.9740 / 0.9760 / 0.8647 / 0.9189; 2 0.9373 / 0.9091 / 0.9757 / 0.9760 / 0.8579 / 0.9171;
   * 3 0.9380 / 0.9106 / 0.9757 / 0.9757 / 0.8520 / 0.9158; 4 breaks (UN 0.9225, Text+Berg 0.6963). Above 1 nat,
   * Text+Berg's own runs of omitted sentences eat the neighbouring 1-2 beads' sentences.
   */
  omissionRun: 1,
  /**
   * Matched anchors in an a-b bead with a, b ≥ 2 earn `1 - 0.15 · log(a · b)` of their weight (2-2: 0.79), after
   * IBM Model 1's uniform alignment probability (see bead-scorer.ts). Chosen on the tuning documents: strict F1 on the
   * three perturbed UN documents 0.951, 0.954, 0.941 → 0.960, 0.957, 0.948 and Text+Berg dev 0.868 → 0.871;
   * 0.1 and 0.2 were also better on UN than none, 0.3 and scaling every multi-sentence bead (1-2 too) were mixed.
   */
  matchDilution: 0.15,
  /**
   * How much of the weaker pair's matched anchor weight a 2-2 bead pays when its anchors link only its first
   * sentences and its second sentences (see bead-scorer.ts, splitEvidence). 1: the merge loses what the weaker pair
   * proves; on 8,000 clean UN lines 2-2 merges fell from 21 to 16, with Text+Berg, Flores and NTREX F1 unchanged.
   */
  splitEvidence: 1,
  /**
   * Stray sentences (see bead-scorer.ts, strays): the price is estimated per document from the first pass's 1-1 beads
   * once this many sentences can say, and capped; in a document with more than `2 · reach + 1` 1-1 beads, per
   * stretch of that many (align-sentences.ts, strayCostOf). Reach 100 and 300 gave the same strict F1 on the
   * issue #12 document of 20,009 lines (0.851, 0.852 with other settings fixed).
   */
  strays: { minSentences: 20, maxCost: 5, reach: 100 },
  /** Variance per source character before it is estimated (Gale & Church's 6.8, in our letters-only units). */
  variance: 6.8,
  /** Pairs of a first pass used to learn the document lexicon need this many sentences per side to be useful. */
  minSentencesToLearn: 8,
  /**
   * Fewest 1-1 beads of a pass from which the next pass re-estimates the length ratio (gale-church.ts, estimateRatio);
   * with fewer it keeps the whole documents' ratio.
   */
  minRatioPairs: 3,
  /**
   * Radius of the band around the previous pass's path for the final pass (which also computes the confidences).
   * 4 and 6 gave the same beads on the tuning documents (UN lines 4000-7999, Text+Berg dev); 4 visits a third fewer cells.
   */
  refineRadius: 4,
  /** Most lexicon keys kept per sentence (the rarest, i.e. heaviest): bounds the cost of scoring long sentences. */
  maxLexiconKeys: 12,
  /**
   * How the closed-class lexicon's number words pair (`closedClassWords`; closed-class-numbers.ts): `'keys'` reads
   * them as numbers (`ثلاثة` = `3` = `three`), `'lexicon'` as word pairs (`ثلاثة` / `three`), `'none'` leaves them
   * out. And where the closed-class lexicon is read (`closedClassIn`): in the evidence of the bead confidence only,
   * or in the search's path too. Measured on NTREX-128 in 3-4-line pieces (AUC of the verdict's evidence, true
   * against mismatched pairs): without closed-class words 0.9500; in the path too, without number words 0.9549, as
   * word pairs 0.9562, as numbers 0.9562; in the evidence only, without number words 0.9540. In the path they cost
   * NTREX perturbed as one document 0.977 → 0.972-0.974 strict F1, and number words lift a wrong bead just after a
   * translation turns into another text from 0.05 to 0.52-0.65 (tests/align/confidence.test.ts): the confidence
   * model was fitted without them, and wants its refit first (docs/alignment.md, "The eighth issue #12 round").
   * `'path'` (the default) reads them as numbers in the search only, the confidence reading the sides as it was
   * fitted: on the tuning sets UN lines 4000-6999 recipe 0.9378 → 0.9388, merges and drops 0.9740 → 0.9807, NTREX
   * perturbed per document 0.9670 → 0.9683, NTREX one document 0.9757 → 0.9744 (docs/alignment.md, "number words in
   * the search"). Off beside a general dictionary, which has the words, as the rest of the closed-class lexicon is.
   */
  closedClassNumbers: 'path' as 'none' | 'keys' | 'path' | 'lexicon',
  closedClassIn: 'evidence' as 'evidence' | 'both',
  /**
   * Passes when learning from the document, the strength of the prior (in pseudo-beads) when re-estimating the
   * 1-k and k-1 priors from the first pass (see gale-church.ts, documentOneToMany; 0: not re-estimated), the most
   * keys per pair, and the lexicon thresholds. Re-estimating every shape's prior with strength 100 was much worse
   * on the tuning documents; re-estimating only how often and how far a sentence splits, never below the default,
   * is what brings most of the literary dev set's gain (bench/align/literary.ts; docs/alignment.md, "Long beads"):
   * 150 pseudo-beads gave 0.906 and 0.745 where 50 gave 0.910 and 0.768 (with 2-5 … 2-8 still searched), and 50,
   * 100, 150 and 300 all cost Text+Berg dev the same few beads (0.875 → 0.869).
   * `omissionStrength` is the prior's strength (in pseudo-beads) when the 1-0 and 0-1 priors are re-estimated from the
   * first pass (gale-church.ts, documentOmissionCost): 50 took Text+Berg test 0.844 → 0.838 (dev 0.867 → 0.863), its
   * short documents' first passes leaving out sentences that belong; 1000 keeps Text+Berg test at 0.844 (dev 0.872)
   * and lets a long document follow its own rate (issue #12's 20,009 lines: +0.018 strict F1).
   * `frequentPairs`: a word pair seen together in `count` or more beads, and `lift` times as often as chance would
   * put them together (c(s) · c(t) / beads), is kept down to Dice `minWeight` (learnLexicon's default) instead of
   * `lexicon.minWeight`: a word written in several forms on one side (an Arabic verb with its object pronouns) has a
   * Dice well under 0.4 with its one English form. Without the lift, count 10 gave Text+Berg dev 0.872 → 0.880 but
   * cost the literary set (as written, test 0.916 → 0.908; count 20 too); with lift 5 Text+Berg and literary are
   * unchanged and issue #12's 20,009-line document goes 0.862 → 0.884 (the 200-line UN documents stay at 0.925).
   * `lexiconPasses`: passes after the second, without a general dictionary (confidence.ts, isGeneralDictionary),
   * that re-learn the lexicon, the length ratio, variance and local lengths from the pass before, keeping the
   * second pass's shape priors and stray prices. Strict F1 on the tuning sets (the issue #12 recipe on UN lines
   * 4000-6999, 15 documents of 200 lines, a sentence per line / segmented; Tatoeba lines 10000-14999, a sentence
   * per line; the 8,825-line tuning document of UN 4000-6999, NTREX-128 and Tatoeba 12000-15999; Text+Berg dev;
   * NTREX-128 perturbed as one document; literary dev as written / merged), 0 → 1: 0.9309 → 0.9335, 0.9096 →
   * 0.9106, 0.7923 → 0.8241, 0.9095 → 0.9097, 0.8715 → 0.8749, 0.9744 → 0.9757, 0.9222 / 0.7848 → 0.9320 /
   * 0.8344. A third pass that re-estimates everything finds more omissions but over-fits them (the tuning
   * document 0.8228, Text+Berg dev 0.8482); the stray prices and the 1-k priors re-estimated (the omission priors
   * kept), 0.9057 and 0.8569; the 1-k priors alone, 0.9125 and 0.8682. 2 lexicon passes: 0.9357, -, 0.8239, 0.9091, 0.8749, 0.9757, 0.9352 /
   * 0.8439, for another search. With FreeDict (ara-eng, deu-fra) the third pass changed UN 0.9511 → 0.9537,
   * Tatoeba 0.8656 → 0.8647, the tuning document 0.9292 → 0.9260, Text+Berg dev and NTREX not at all: beside a
   * general dictionary it is left out.
   */
  learning: { passes: 2, lexiconPasses: 1, priorStrength: 50, omissionStrength: 1000, frequentPairs: { count: 10, minWeight: 0.3, lift: 5 }, maxKeysPerPair: 24, lexicon: { minCount: 2, minWeight: 0.4, maxPerWord: 2 } },
} as const

/** Options after defaults and validation. @internal */
export interface ResolvedAlignOptions {
  sourceLang: string
  targetLang: string
  dictionary: readonly LexiconEntry[] | string
  learnFromDocument: boolean
  closedClassWords: boolean
  lengthRatio: number | undefined
  sourceParagraphs: readonly number[]
  targetParagraphs: readonly number[]
  shapeCost: Float64Array
  bandWidth: number
  fullSearchCells: number
  maxCells: number
  logger: Logger | undefined
  fixed: readonly FixedBead[]
}

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2 ** 31 - 1) throw new OptionsError(name, value, 'a positive integer')
  return value
}

function indexList(name: string, value: unknown, count: number): readonly number[] {
  if (!Array.isArray(value)) throw new OptionsError(name, value, 'an array of sentence indexes')
  for (const index of value) {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > count) {
      throw new OptionsError(name, index, `sentence indexes from 0 to ${count}`)
    }
  }
  return value as readonly number[]
}

/**
 * Applies defaults and checks every option.
 *
 * @throws {@link OptionsError} naming the first bad option
 * @internal
 */
export function resolveOptions(options: unknown, sourceCount: number, targetCount: number): ResolvedAlignOptions {
  if (options === undefined) options = {}
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new OptionsError('options', options, 'an object')
  const given = options as AlignOptions
  const sourceLang = given.sourceLang ?? defaults.sourceLang
  const targetLang = given.targetLang ?? defaults.targetLang
  if (typeof sourceLang !== 'string' || !/^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/.test(sourceLang)) throw new OptionsError('sourceLang', sourceLang, 'a BCP-47 language tag such as "ar"')
  if (typeof targetLang !== 'string' || !/^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/.test(targetLang)) throw new OptionsError('targetLang', targetLang, 'a BCP-47 language tag such as "en"')
  const dictionary = given.dictionary ?? []
  if (typeof dictionary !== 'string') {
    if (!Array.isArray(dictionary)) throw new OptionsError('dictionary', dictionary, 'an array of { source, target } entries or hunalign dictionary text')
    dictionary.forEach((entry: unknown, index) => {
      const e = entry as LexiconEntry | null
      if (e === null || typeof e !== 'object' || typeof e.source !== 'string' || typeof e.target !== 'string') {
        throw new OptionsError(`dictionary[${index}]`, entry, 'an object with string source and target')
      }
      if (e.weight !== undefined && !(typeof e.weight === 'number' && e.weight >= 0 && e.weight <= 1)) {
        throw new OptionsError(`dictionary[${index}].weight`, e.weight, 'a number from 0 to 1')
      }
    })
  }
  const learnFromDocument = given.learnFromDocument ?? defaults.learnFromDocument
  if (typeof learnFromDocument !== 'boolean') throw new OptionsError('learnFromDocument', learnFromDocument, 'a boolean')
  const closedClassWords = given.closedClassWords ?? defaults.closedClassWords
  if (typeof closedClassWords !== 'boolean') throw new OptionsError('closedClassWords', closedClassWords, 'a boolean')
  const lengthRatio = given.lengthRatio
  if (lengthRatio !== undefined && !(typeof lengthRatio === 'number' && Number.isFinite(lengthRatio) && lengthRatio >= 0.05 && lengthRatio <= 20)) {
    throw new OptionsError('lengthRatio', lengthRatio, 'a number from 0.05 to 20')
  }
  const shapeCost = new Float64Array(SHAPES.length)
  const priors = given.priors ?? {}
  if (priors === null || typeof priors !== 'object' || Array.isArray(priors)) throw new OptionsError('priors', priors, 'an object from shape names to probabilities')
  const known = new Set(SHAPES.map(({ shape }) => shapeName(shape[0], shape[1])))
  for (const [name, value] of Object.entries(priors)) {
    if (!known.has(name)) throw new OptionsError(`priors.${name}`, value, `a known shape (${[...known].join(', ')})`)
    if (!(typeof value === 'number' && value >= 0 && value <= 1)) throw new OptionsError(`priors.${name}`, value, 'a probability from 0 to 1')
  }
  SHAPES.forEach(({ shape, prior }, index) => {
    const p = (priors as Record<string, number>)[shapeName(shape[0], shape[1])] ?? prior
    shapeCost[index] = p > 0 ? -Math.log(p) : Infinity
  })
  // 1-0 and 0-1 are what make every pair of documents alignable.
  if (shapeCost[1] === Infinity || shapeCost[2] === Infinity) throw new OptionsError('priors', priors, 'priors above 0 for 1-0 and 0-1 (they make every document pair alignable)')
  const bandWidth = positiveInteger('bandWidth', given.bandWidth ?? defaults.bandWidth)
  const fullSearchCells = positiveInteger('fullSearchCells', given.fullSearchCells ?? defaults.fullSearchCells)
  const maxCells = positiveInteger('maxCells', given.maxCells ?? defaults.maxCells)
  const logger = given.logger
  if (logger !== undefined && typeof logger !== 'function') throw new OptionsError('logger', logger, 'a function (level, message, code)')
  return {
    sourceLang,
    targetLang,
    dictionary,
    learnFromDocument,
    closedClassWords,
    lengthRatio,
    sourceParagraphs: indexList('sourceParagraphs', given.sourceParagraphs ?? [], sourceCount),
    targetParagraphs: indexList('targetParagraphs', given.targetParagraphs ?? [], targetCount),
    shapeCost,
    bandWidth,
    fullSearchCells,
    maxCells,
    logger,
    fixed: given.fixed === undefined ? [] : checkFixed(given.fixed, sourceCount, targetCount),
  }
}
