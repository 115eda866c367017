/**
 * Calibration of the aligner's confidence (`Bead.score`): does a bead scored 0.9 turn out right nine times in
 * ten, and does a document aligned with an unrelated one get low confidence and the verdict `not parallel`?
 *
 * For every bead with text on both sides, on true document pairs and on mismatched ones (each document's Arabic
 * aligned with the next document's English, or German with French for Text+Berg), it compares the confidence
 * with whether the bead is right (bench/align/calibration-data.ts says what "right" means), and prints per set:
 * a reliability table (confidence bins against the fraction right), the expected calibration error (ECE: the
 * bins' |confidence - accuracy| weighted by their share of beads; Guo et al. 2017 use the same 10 bins), the
 * precision of beads scored 0.9 or more, and for mismatched pairs the mean confidence and the verdicts. The
 * baseline, in the same run, is the path posterior alone (mizan's confidence before).
 *
 * `npx tsx bench/calibration.ts [--fit | --fit-only 'parallel:3,4'] [--fit-verdict] [--fit-dictionary] [--no-dictionaries] [--save FILE | --load FILE]`: `--no-dictionaries` leaves out the "+ FreeDict" rows
 * (Debian's dict-freedict-ara-eng and dict-freedict-deu-fra; left out anyway where they are not installed);
 * `--fit` also fits both factors' weights (maximum likelihood by gradient ascent) on the training sets (NTREX-128:
 * true, mismatched and spliced pairs, its documents joined into one perturbed document and cut into pieces of 3-4
 * lines; Text+Berg dev) and prints them for src/align/confidence.ts; `--fit-only` fits only the weights it names (factor:indexes, space
 * separated), keeping the others as they are in use; `--fit-verdict` fits the verdict's scale
 * (confidenceModel.verdictScale) on the training sets' true and mismatched document pairs; these three fit the model
 * of alignments without a dictionary, on the training sets aligned without one. `--fit-dictionary` fits the null
 * model of alignments with a dictionary (confidenceModel.dictionary) on the training sets aligned with FreeDict
 * ("ntrex + FreeDict", "ntrex (short) + FreeDict"). Flores-200, Text+Berg test0-6 and the UN documents are never
 * fitted on, with or without a dictionary; NTREX-128 cut into pieces of 3-4 lines ("ntrex (short)") is, as the
 * short documents' stand-in. `--save FILE` keeps the aligned beads' features in FILE; `--load FILE` reads them back
 * instead of aligning and scores them with the model in use (bench/align/calibration-cache.ts), so a refit is checked
 * in seconds: valid as long as the aligner is the one that saved them.
 *
 * Refitting after a change to the aligner (each step prints weights to paste into src/align/confidence.ts, and the
 * next step reads them): `--save FILE` (aligns once; the table before), `--load FILE --fit-only 'parallel:0,1,2,5,6
 * rightGivenParallel:0,1,2,3,4,5,6'` (the misfit weights held), `--load FILE --fit-only 'parallel:3,4'` (the misfit
 * weights last, the others held), `--load FILE --fit-verdict --fit-dictionary` (they read the misfit weights), and
 * `--load FILE` for the table after. Keep a refit only if the fitted-on rows measure better (docs/alignment.md,
 * "Confidence": on 8 December, after three changes to the search, this refit did not, and was not kept).
 */
import { existsSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { verdictKind } from '../src/align/align-sentences.js'
import { confidenceModel, PARALLEL_INPUTS, RIGHT_INPUTS, strengthClass, translationConfidence } from '../src/align/confidence.js'
import { dataRoot } from '../tests/helpers/data.js'
import { loadLabelledBeads, saveLabelledBeads } from './align/calibration-cache.js'
import { collectAll, collectWithDictionaries, dictdFolder, type LabelledBead } from './align/calibration-data.js'
import { fixed, machineLine, markdownTable, requireData } from './lib.js'

requireData('align', 'tm')

const data = dataRoot // MIZAN_DATA or the default data folder (tests/helpers/data.ts)
const trainingSets = new Set(['ntrex', 'ntrex (spliced)', 'ntrex (one document)', 'ntrex (short)', 'textberg-dev'])
/** The training sets aligned with FreeDict: what `--fit-dictionary` fits on (and only that). */
const dictionaryTrainingSets = new Set(['ntrex + FreeDict', 'ntrex + FreeDict (spliced)', 'ntrex (short) + FreeDict', 'textberg-dev + FreeDict'])
const fittedOn = (set: string) => trainingSets.has(set) || dictionaryTrainingSets.has(set)

/**
 * Maximum likelihood of p = σ(a · x[PARALLEL_INPUTS]) · σ(b · x[RIGHT_INPUTS]) by full-batch gradient ascent (L2 1e-3): the
 * gradient of the log-likelihood is (y − p)(1 − σ₁)/(1 − p) · x for the first factor's weights and the same with
 * σ₂ for the second's. Starts from the weights in use.
 */
function fitProduct(rows: ReadonlyArray<{ x: number[]; y: number }>, free: (factor: 'parallel' | 'rightGivenParallel', d: number) => boolean, iterations = 20_000, rate = 0.5): { parallel: number[]; rightGivenParallel: number[] } {
  const a = [...confidenceModel.parallel]
  const b = [...confidenceModel.rightGivenParallel]
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z))
  for (let it = 0; it < iterations; it++) {
    const ga = new Array<number>(a.length).fill(0)
    const gb = new Array<number>(b.length).fill(0)
    for (const { x, y } of rows) {
      const x1 = PARALLEL_INPUTS.map((input) => x[input]!)
      const x2 = RIGHT_INPUTS.map((input) => x[input]!)
      let z1 = 0
      for (let d = 0; d < a.length; d++) z1 += a[d]! * x1[d]!
      let z2 = 0
      for (let d = 0; d < b.length; d++) z2 += b[d]! * x2[d]!
      const s1 = sigmoid(z1)
      const s2 = sigmoid(z2)
      const p = Math.min(1 - 1e-9, s1 * s2)
      const common = (y - p) / (1 - p)
      for (let d = 0; d < a.length; d++) ga[d]! += common * (1 - s1) * x1[d]!
      for (let d = 0; d < b.length; d++) gb[d]! += common * (1 - s2) * x2[d]!
    }
    for (let d = 0; d < a.length; d++) if (free('parallel', d)) a[d]! += rate * (ga[d]! / rows.length - 1e-3 * a[d]!)
    for (let d = 0; d < b.length; d++) if (free('rightGivenParallel', d)) b[d]! += rate * (gb[d]! / rows.length - 1e-3 * b[d]!)
  }
  return { parallel: a, rightGivenParallel: b }
}

/**
 * The verdict's scale (confidenceModel.verdictScale): logistic regression without intercept (a Bayes factor for
 * even prior odds) of "true pair" against "mismatched pair" over the training sets' documents (spliced ones, partly
 * parallel by construction, left out), on the unscaled evidence. Full-batch gradient ascent, L2 1e-3.
 */
function fitVerdictScale(rows: ReadonlyArray<{ x: number; y: number }>, iterations = 20_000, rate = 0.1, start = confidenceModel.verdictScale): number {
  let w = start
  for (let it = 0; it < iterations; it++) {
    let g = 0
    for (const { x, y } of rows) g += (y - 1 / (1 + Math.exp(-w * x))) * x
    w += rate * (g / rows.length - 1e-3 * w)
  }
  return w
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z))
const logit = (p: number) => Math.log(p / (1 - p))

/** A bead wins over its nulls (strictly, or sharing the top with some of them), as confidence.ts reads it. */
function wins(features: LabelledBead['features']): boolean | undefined {
  if ((features.keys === 0 && features.orphans === 0) || features.nulls === 0) return undefined
  if (features.evidence > features.nullMax + confidenceModel.margin) return true
  if (features.evidence > confidenceModel.margin) return features.nullsAtTop < features.nulls ? true : undefined
  return false
}

/** The training documents of `sets` (true and mismatched, not spliced), each with its labelled beads in order. */
function trainingDocuments(beads: readonly LabelledBead[], sets: ReadonlySet<string>): LabelledBead[][] {
  const byDocument = new Map<string, LabelledBead[]>()
  for (const bead of beads) {
    if (!sets.has(bead.set) || bead.set.endsWith('(spliced)')) continue
    const key = `${bead.set}#${bead.document}#${bead.mismatched}`
    let list = byDocument.get(key)
    if (!list) byDocument.set(key, (list = []))
    list.push(bead)
  }
  return [...byDocument.values()]
}

/**
 * The null model of alignments with a dictionary (confidenceModel.dictionary), on the dictionary training sets:
 * the opportunity weight by maximum likelihood of the mismatched beads' strict wins (log-odds logit(1 / (nulls + 1))
 * + w × max(0, opportunity), gradient ascent); how often a win's margin falls in each strength class on right beads
 * of true pairs and on beads of mismatched pairs (add-one smoothed); then the verdict scale, as `--fit-verdict` does,
 * on the evidence rescored with these. Leaves the model as it was.
 */
function fitDictionaryModel(beads: readonly LabelledBead[]): string {
  const training = beads.filter((bead) => dictionaryTrainingSets.has(bead.set) && !bead.set.endsWith('(spliced)'))
  const rows = training.flatMap((bead) => {
    const win = wins(bead.features)
    return bead.mismatched && win !== undefined ? [{ chance: 1 / (bead.features.nulls + 1), excess: Math.max(0, bead.features.opportunity ?? 0), y: bead.features.evidence > bead.features.nullMax + confidenceModel.margin ? 1 : 0 }] : []
  })
  if (rows.length === 0) return '(--fit-dictionary fits on the "+ FreeDict" training sets: install FreeDict and leave out --no-dictionaries)\n'
  let opportunity = 0
  for (let it = 0; it < 4000; it++) {
    let gradient = 0
    for (const { chance, excess, y } of rows) gradient += (y - sigmoid(logit(chance) + opportunity * excess)) * excess
    opportunity += (0.5 * gradient) / rows.length
  }
  const classes = confidenceModel.dictionary.strengthEdges.length + 1
  const parallel = new Array<number>(classes).fill(1)
  const unrelated = new Array<number>(classes).fill(1)
  for (const bead of training) {
    if (!wins(bead.features) || (!bead.mismatched && !bead.right)) continue
    // A tie at the top of the nulls is the narrowest win (class 0), as confidence.ts reads it.
    const strict = bead.features.evidence > bead.features.nullMax + confidenceModel.margin
    const k = strict ? strengthClass(bead.features.evidence - bead.features.nullMax) : 0
    if (bead.mismatched) unrelated[k]!++
    else parallel[k]!++
  }
  const normalise = (counts: number[]) => counts.map((c) => c / counts.reduce((a, b) => a + b, 0))
  const saved = { ...confidenceModel.dictionary }
  const model = { ...saved, opportunity, strengthIfParallel: normalise(parallel), strengthIfUnrelated: normalise(unrelated), verdictScale: 1 }
  Object.assign(confidenceModel.dictionary, model)
  const documents = trainingDocuments(beads, dictionaryTrainingSets)
  model.verdictScale = fitVerdictScale(documents.map((list) => ({ x: translationConfidence(list[0]!.documentFeatures, list[0]!.documentShapes, true).evidence, y: list[0]!.mismatched ? 0 : 1 })), 20_000, 0.1, 1)
  Object.assign(confidenceModel.dictionary, saved)
  const list = (values: readonly number[]) => `[${values.map((v) => v.toFixed(4)).join(', ')}]`
  const show = (m: typeof saved) => `{ opportunity: ${m.opportunity.toFixed(4)}, strengthEdges: [${m.strengthEdges.join(', ')}], strengthIfParallel: ${list(m.strengthIfParallel)}, strengthIfUnrelated: ${list(m.strengthIfUnrelated)}, verdictScale: ${m.verdictScale.toFixed(4)} }`
  return `dictionary null model fitted on ${rows.length} mismatched beads and ${documents.length} document pairs: ${show(model)}\n(in use: ${show(saved)})\n`
}

interface Calibration {
  ece: number
  precisionAt90: number
  countAt90: number
  bins: Array<{ count: number; confidence: number; accuracy: number }>
}

function calibrate(beads: readonly LabelledBead[], confidence: (bead: LabelledBead) => number): Calibration {
  const bins = Array.from({ length: 10 }, () => ({ count: 0, sum: 0, right: 0 }))
  let high = 0
  let highRight = 0
  for (const bead of beads) {
    const c = confidence(bead)
    const bin = bins[Math.min(9, Math.floor(c * 10))]!
    bin.count++
    bin.sum += c
    bin.right += bead.right ? 1 : 0
    if (c >= 0.9) {
      high++
      highRight += bead.right ? 1 : 0
    }
  }
  let ece = 0
  for (const bin of bins) if (bin.count > 0) ece += (bin.count / beads.length) * Math.abs(bin.sum / bin.count - bin.right / bin.count)
  return {
    ece,
    precisionAt90: high > 0 ? highRight / high : Number.NaN,
    countAt90: high,
    bins: bins.map((bin) => ({ count: bin.count, confidence: bin.count ? bin.sum / bin.count : 0, accuracy: bin.count ? bin.right / bin.count : 0 })),
  }
}

/** Per document: mean confidence and the verdict, recomputed from the beads as alignDocuments does. */
function documents(beads: readonly LabelledBead[], confidence: (bead: LabelledBead) => number) {
  const byDocument = new Map<string, LabelledBead[]>()
  for (const bead of beads) {
    const key = `${bead.set}#${bead.document}#${bead.mismatched}`
    let list = byDocument.get(key)
    if (!list) byDocument.set(key, (list = []))
    list.push(bead)
  }
  const verdicts = { parallel: 0, 'partly parallel': 0, 'not parallel': 0 }
  let meanSum = 0
  for (const list of byDocument.values()) {
    let total = 0
    let covered = 0
    let sum = 0
    for (const bead of list) {
      const c = confidence(bead)
      total += bead.characters
      if (c >= 0.5) covered += bead.characters
      sum += c
    }
    meanSum += sum / list.length
    const coverage = total > 0 ? covered / total : 0
    // As alignDocuments judges (the baseline has no evidence rule: it is what the score alone would say).
    const evidence = confidence === methods[1]![1] ? (coverage < 0.25 ? -Infinity : Infinity) : list[0]!.documentEvidence
    verdicts[verdictKind(coverage, evidence)]++
  }
  return { count: byDocument.size, meanConfidence: meanSum / Math.max(1, byDocument.size), verdicts }
}

const started = process.cpuUsage()
const wallStart = performance.now()
/** The value after `flag` on the command line, if the flag is there. */
const argument = (flag: string) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined)
const loadFrom = argument('--load')
const saveTo = argument('--save')
let all: LabelledBead[]
if (loadFrom !== undefined) {
  // Beads aligned earlier, rescored with the model in use (the aligner must not have changed since).
  all = loadLabelledBeads(loadFrom).filter((bead) => !process.argv.includes('--no-dictionaries') || !bead.set.includes('+ FreeDict'))
} else {
  all = collectAll(data)
  if (!process.argv.includes("--no-dictionaries") && existsSync(`${dictdFolder}/freedict-ara-eng.index`) && existsSync(`${dictdFolder}/freedict-deu-fra.index`)) all.push(...collectWithDictionaries(data))
  else if (!process.argv.includes('--no-dictionaries')) console.log(`(no FreeDict databases in ${dictdFolder}: the "+ FreeDict" rows are left out; apt-get install dict-freedict-ara-eng dict-freedict-deu-fra)\n`)
}
if (saveTo !== undefined) saveLabelledBeads(all, saveTo)
const collectMs = performance.now() - wallStart

if (process.argv.includes('--fit') || process.argv.includes('--fit-only')) {
  // Every bead of the training sets: true pairs, mismatched pairs and spliced (partly parallel) pairs.
  const rows = all.filter((bead) => trainingSets.has(bead.set) && !bead.dictionary).map((bead) => ({ x: bead.inputs, y: bead.right ? 1 : 0 }))
  // `--fit-only parallel:3,4` fits those weights and keeps the others as they are in use.
  const only = process.argv[process.argv.indexOf('--fit-only') + 1]
  const freeWeights = process.argv.includes('--fit-only') && only ? new Set(only.split(' ').flatMap((part) => part.split(':')[1]!.split(',').map((d) => `${part.split(':')[0]}:${d}`))) : undefined
  const fitted = fitProduct(rows, (factor, d) => freeWeights === undefined || freeWeights.has(`${factor}:${d}`))
  const show = (list: readonly number[]) => `[${list.map((v) => v.toFixed(4)).join(', ')}]`
  console.log(`fitted on ${rows.length} beads: parallel: ${show(fitted.parallel)}, rightGivenParallel: ${show(fitted.rightGivenParallel)}`)
  console.log(`(in use: parallel: ${show(confidenceModel.parallel)}, rightGivenParallel: ${show(confidenceModel.rightGivenParallel)})\n`)
}

if (process.argv.includes('--fit-verdict')) {
  // One row per training document pair (its beads all carry the same document inputs).
  const rows = new Map<string, { x: number; y: number }>()
  for (const bead of all) if (trainingSets.has(bead.set) && !bead.dictionary && !bead.set.endsWith('(spliced)')) rows.set(`${bead.set}#${bead.document}#${bead.mismatched}`, { x: bead.unscaledEvidence, y: bead.mismatched ? 0 : 1 })
  const fitted = fitVerdictScale([...rows.values()])
  console.log(`verdict scale fitted on ${rows.size} document pairs: ${fitted.toFixed(4)} (in use: ${confidenceModel.verdictScale})\n`)
}

if (process.argv.includes('--fit-dictionary')) console.log(fitDictionaryModel(all))

const methods: Array<[string, (bead: LabelledBead) => number]> = [
  ['mizan confidence', (bead) => bead.score],
  ['baseline: path posterior', (bead) => bead.features.posterior],
]
const sets = [...new Set(all.map((bead) => bead.set))]
const summaryRows: Array<Array<string | number>> = []
const reliabilityRows: Array<Array<string | number>> = []
for (const set of sets) {
  const beads = all.filter((bead) => bead.set === set)
  const truePairs = beads.filter((bead) => !bead.mismatched)
  const mismatched = beads.filter((bead) => bead.mismatched)
  for (const [name, confidence] of methods) {
    const onAll = calibrate(beads, confidence)
    const onTrue = calibrate(truePairs.filter((bead) => !bead.set.endsWith('(spliced)')), confidence)
    const trueDocs = documents(truePairs, confidence)
    const wrongDocs = documents(mismatched, confidence)
    summaryRows.push([
      `${set}${fittedOn(set) ? ' (fitted on)' : ''}`,
      name,
      `${trueDocs.count} + ${wrongDocs.count}`,
      beads.length,
      fixed(onAll.ece, 3),
      fixed(onTrue.ece, 3),
      `${fixed(onAll.precisionAt90, 3)} (${onAll.countAt90})`,
      fixed(trueDocs.meanConfidence, 2),
      `${trueDocs.verdicts.parallel} / ${trueDocs.verdicts['partly parallel']} / ${trueDocs.verdicts['not parallel']}`,
      wrongDocs.count > 0 ? fixed(wrongDocs.meanConfidence, 3) : '-',
      wrongDocs.count > 0 ? `${wrongDocs.verdicts.parallel} / ${wrongDocs.verdicts['partly parallel']} / ${wrongDocs.verdicts['not parallel']}` : '-',
    ])
    if (name === methods[0]![0]) {
      onAll.bins.forEach((bin, k) => {
        if (bin.count > 0) reliabilityRows.push([set, `${(k / 10).toFixed(1)}-${((k + 1) / 10).toFixed(1)}`, bin.count, fixed(bin.confidence, 3), fixed(bin.accuracy, 3)])
      })
    }
  }
}
const cpu = process.cpuUsage(started)
console.log(machineLine())
console.log(`Load average: ${loadavg().map((x) => x.toFixed(1)).join(', ')} on ${cpus().length} cores; ${loadFrom !== undefined ? `beads read from ${loadFrom} and rescored` : 'aligning every pair'} took ${fixed(collectMs, 0)} ms wall, ${fixed((cpu.user + cpu.system) / 1000, 0)} ms CPU (N = ${all.length} beads, one run)\n`)
console.log('### Calibration (beads with text on both sides; true pairs + mismatched pairs)\n')
console.log(
  markdownTable(
    ['set', 'confidence', 'docs (true + mismatched)', 'beads', 'ECE (all)', 'ECE (true pairs)', 'precision of ≥ 0.9 (n)', 'true: mean confidence', 'true: parallel / partly / not', 'mismatched: mean confidence', 'mismatched: parallel / partly / not'],
    summaryRows,
  ),
)
console.log('\n### Reliability of mizan confidence (all beads of the set, true and mismatched pairs)\n')
console.log(markdownTable(['set', 'confidence bin', 'beads', 'mean confidence', 'fraction right'], reliabilityRows))
