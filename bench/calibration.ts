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
 * `npx tsx bench/calibration.ts [--fit]`: `--fit` also fits the "right given parallel" weights (logistic
 * regression by gradient descent) on the training sets (NTREX-128 and Text+Berg dev, true pairs) and prints them
 * for src/align/confidence.ts. Flores-200, Text+Berg test0-6 and the UN documents are never fitted on.
 */
import { existsSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { confidenceModel, rightFeatures } from '../src/align/confidence.js'
import { collectAll, collectWithDictionaries, dictdFolder, type LabelledBead } from './align/calibration-data.js'
import { fixed, machineLine, markdownTable } from './lib.js'

const data = process.env.MIZAN_DATA ?? resolve(import.meta.dirname, '../../shared/data')
const trainingSets = new Set(['ntrex', 'textberg-dev'])

const shapeOf = (bead: LabelledBead) => bead.shape.split('-').map(Number) as [number, number]

/** Logistic regression (L2 1e-3) by full-batch gradient descent; returns the weights. */
function fitLogistic(rows: ReadonlyArray<{ x: number[]; y: number }>, iterations = 20_000, rate = 1): number[] {
  const width = rows[0]!.x.length
  const w = new Array<number>(width).fill(0)
  for (let it = 0; it < iterations; it++) {
    const gradient = new Array<number>(width).fill(0)
    for (const { x, y } of rows) {
      let z = 0
      for (let d = 0; d < width; d++) z += w[d]! * x[d]!
      const error = 1 / (1 + Math.exp(-z)) - y
      for (let d = 0; d < width; d++) gradient[d]! += error * x[d]!
    }
    for (let d = 0; d < width; d++) w[d]! -= rate * (gradient[d]! / rows.length + 1e-3 * w[d]!)
  }
  return w
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
  const verdicts = { parallel: 0, partly: 0, not: 0 }
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
    verdicts[coverage >= 0.6 ? 'parallel' : coverage < 0.25 ? 'not' : 'partly']++
  }
  return { count: byDocument.size, meanConfidence: meanSum / Math.max(1, byDocument.size), verdicts }
}

const started = process.cpuUsage()
const wallStart = performance.now()
const all = collectAll(data)
if (existsSync(`${dictdFolder}/freedict-ara-eng.index`) && existsSync(`${dictdFolder}/freedict-deu-fra.index`)) all.push(...collectWithDictionaries(data))
else console.log(`(no FreeDict databases in ${dictdFolder}: the "+ FreeDict" rows are left out; apt-get install dict-freedict-ara-eng dict-freedict-deu-fra)\n`)
const collectMs = performance.now() - wallStart

if (process.argv.includes('--fit')) {
  const rows = all.filter((bead) => trainingSets.has(bead.set) && !bead.mismatched).map((bead) => ({ x: rightFeatures(bead.features, shapeOf(bead)), y: bead.right ? 1 : 0 }))
  const w = fitLogistic(rows)
  console.log(`fitted on ${rows.length} beads: rightGivenParallel: [${w.map((v) => v.toFixed(4)).join(', ')}] (in use: [${confidenceModel.rightGivenParallel.join(', ')}])\n`)
}

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
    const onTrue = calibrate(truePairs, confidence)
    const trueDocs = documents(truePairs, confidence)
    const wrongDocs = documents(mismatched, confidence)
    summaryRows.push([
      `${set}${trainingSets.has(set) ? ' (fitted on)' : ''}`,
      name,
      `${trueDocs.count} + ${wrongDocs.count}`,
      beads.length,
      fixed(onAll.ece, 3),
      fixed(onTrue.ece, 3),
      `${fixed(onAll.precisionAt90, 3)} (${onAll.countAt90})`,
      fixed(trueDocs.meanConfidence, 2),
      `${trueDocs.verdicts.parallel} / ${trueDocs.verdicts.partly} / ${trueDocs.verdicts.not}`,
      wrongDocs.count > 0 ? fixed(wrongDocs.meanConfidence, 3) : '-',
      wrongDocs.count > 0 ? `${wrongDocs.verdicts.parallel} / ${wrongDocs.verdicts.partly} / ${wrongDocs.verdicts.not}` : '-',
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
console.log(`Load average: ${loadavg().map((x) => x.toFixed(1)).join(', ')} on ${cpus().length} cores; aligning every pair took ${fixed(collectMs, 0)} ms wall, ${fixed((cpu.user + cpu.system) / 1000, 0)} ms CPU (N = ${all.length} beads, one run)\n`)
console.log('### Calibration (beads with text on both sides; true pairs + mismatched pairs)\n')
console.log(
  markdownTable(
    ['set', 'confidence', 'docs (true + mismatched)', 'beads', 'ECE (all)', 'ECE (true pairs)', 'precision of ≥ 0.9 (n)', 'true: mean confidence', 'true: parallel / partly / not', 'mismatched: mean confidence', 'mismatched: parallel / partly / not'],
    summaryRows,
  ),
)
console.log('\n### Reliability of mizan confidence (all beads of the set, true and mismatched pairs)\n')
console.log(markdownTable(['set', 'confidence bin', 'beads', 'mean confidence', 'fraction right'], reliabilityRows))
