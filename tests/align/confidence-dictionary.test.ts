/**
 * Issue #12: the confidence model's null model with the user's dictionary (confidenceModel.dictionary). A general
 * dictionary lets unrelated sentences of the same register share a word or two by chance; read as the permutation
 * test reads a number or a name, one shared word per bead made three unrelated sentences `parallel`. The documents
 * are our own: a short festival notice in Arabic, its translation, and three unrelated English sentences of the same
 * lengths that each share one dictionary word with the Arabic sentence in the same place. The dictionary is a glossary
 * of their words, made general (as large as confidenceModel.dictionary.generalEntries) by entries for words neither
 * document has, which make no anchor key.
 */
import { describe, expect, it } from 'vitest'
import { alignSentences } from '../../src/align/align-sentences.js'
import type { AnchorSet } from '../../src/align/anchors.js'
import { beadFeatures, confidenceModel, EvidenceCounter, translationConfidence, type BeadFeatures } from '../../src/align/confidence.js'
import type { LexiconEntry } from '../../src/align/lexicon.js'

const arabic = [
  'زار آلاف الناس المدينة القديمة هذا العام لمشاهدة المهرجان.',
  'وقدمت الفرق الموسيقية عروضا في الساحات والحدائق كل مساء.',
  'وقال المنظمون إن المهرجان سيعود في الربيع المقبل ببرنامج أكبر.',
]
const translation = [
  'Thousands of people visited the old city this year to see the festival.',
  'Music bands gave performances in the squares and gardens every evening.',
  'The organisers said the festival will return next spring with a bigger programme.',
]
// Each sentence shares one dictionary word with the Arabic sentence in its place (people, evening, spring) and none
// with the others.
const unrelated = [
  'Most people in the village grow wheat and keep a few goats behind their houses.',
  'The evening train to the coast was cancelled after a storm damaged the line.',
  'Farmers said the river floods every spring and ruins the lower fields.',
]
const glossary: LexiconEntry[] = [
  ['الناس', 'people'], ['المدينة', 'city'], ['القديمة', 'old'], ['العام', 'year'], ['المهرجان', 'festival'], ['آلاف', 'thousands'], ['زار', 'visited'],
  ['الفرق', 'bands'], ['الموسيقية', 'music'], ['عروضا', 'performances'], ['الساحات', 'squares'], ['الحدائق', 'gardens'], ['مساء', 'evening'],
  ['المنظمون', 'organisers'], ['الربيع', 'spring'], ['برنامج', 'programme'], ['أكبر', 'bigger'], ['المقبل', 'next'], ['سيعود', 'return'],
].map(([source, target]) => ({ source: source!, target: target! }))
/** Entries for Latin-script words no document here has: they only make the dictionary a general one by its size. */
const filler: LexiconEntry[] = Array.from({ length: confidenceModel.dictionary.generalEntries }, (_, k) => ({ source: `filler${k}`, target: `other${k}` }))
const dictionary = [...glossary, ...filler]

const align = (english: readonly string[], entries = dictionary) => alignSentences(arabic, english, { sourceLang: 'ar', targetLang: 'en', dictionary: entries })

describe('the verdict with a dictionary', () => {
  it('does not call unrelated sentences parallel because each shares one dictionary word with its counterpart', () => {
    // Before the dictionary's null model: `parallel`, every bead 0.99 (evidence 6.6).
    const { verdict, beads } = align(unrelated)
    expect(verdict.kind).not.toBe('parallel')
    expect(verdict.evidence).toBeLessThan(0)
    for (const bead of beads) expect(bead.score).toBeLessThan(0.5)
  })

  it('still calls the translation parallel, each bead sharing several dictionary words', () => {
    const { verdict, beads } = align(translation)
    expect(verdict.kind).toBe('parallel')
    for (const bead of beads) expect(bead.score).toBeGreaterThan(0.9)
  })

  it('reads a glossary without the general dictionary\'s null model: one shared term of a few counts as a hit', () => {
    // The glossary alone makes the same keys and beads; only the null model differs (it was fitted with FreeDict).
    const general = align(unrelated)
    const small = align(unrelated, glossary)
    expect(small.beads.map((bead) => [bead.source, bead.target])).toEqual(general.beads.map((bead) => [bead.source, bead.target]))
    expect(small.verdict.evidence).toBeGreaterThan(general.verdict.evidence + 3)
  })
})

describe('beadFeatures', () => {
  /** Four sentences a side: the first of each holds four keys (key 0 shared), every other sentence one key of its own. */
  const anchors: AnchorSet = {
    source: [Int32Array.from([0, 1, 2, 3]), Int32Array.from([7]), Int32Array.from([8]), Int32Array.from([9])],
    target: [Int32Array.from([0, 4, 5, 6]), Int32Array.from([10]), Int32Array.from([11]), Int32Array.from([12])],
    weight: new Float64Array(13).fill(1.2),
    penalty: new Float64Array(13),
    deletionPenalty: new Float64Array(13),
    lexical: new Uint8Array(13).fill(1),
    points: [],
    size: 13,
  }

  it('measures how much more room for chance matches a bead has than its null pairs', () => {
    // The bead pairs two sentences of four keys (4 × 4); each of its six null pairs one of them with a sentence of one
    // key (4 × 1): ln 16 − ln 4.
    const features = beadFeatures(new EvidenceCounter(anchors), 0, 1, 0, 1, 4, 4, 0.99, 0.1)
    expect(features.nulls).toBe(6)
    expect(features.opportunity).toBeCloseTo(Math.log(4), 9)
  })
})

describe('translationConfidence', () => {
  /** A bead that beats its four nulls by `margin` nats, with the given opportunity. */
  const bead = (margin: number, opportunity: number): BeadFeatures => ({ posterior: 0.99, evidence: margin, nullMax: 0, nulls: 4, nullsAtTop: 0, orphans: 0, keys: 8, lengthCost: 0.2, opportunity })
  const shapes = Array.from({ length: 4 }, () => [1, 1] as const)
  const evidence = (margin: number, opportunity: number, dictionary: boolean) => translationConfidence(Array.from({ length: 4 }, () => bead(margin, opportunity)), shapes, dictionary).evidence

  it('with a dictionary, reads a win by one dictionary word as evidence against, and a wide win as evidence for', () => {
    expect(evidence(1.2, 0, true)).toBeLessThan(0)
    expect(evidence(8, 0, true)).toBeGreaterThan(Math.log(3))
    // Without a dictionary the model is as before: every win alike.
    expect(evidence(1.2, 0, false)).toBeCloseTo(evidence(8, 0, false), 9)
  })

  it('with a dictionary, discounts a win whose sentences hold more keys than its nulls', () => {
    // Wins of 4 nats (under the clip of the window's odds): a bead with four times its nulls' room pays for it.
    expect(evidence(4, Math.log(4), true)).toBeLessThan(evidence(4, 0, true) - 1)
    expect(evidence(4, Math.log(4), false)).toBeCloseTo(evidence(4, 0, false), 9)
  })
})
