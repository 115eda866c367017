/**
 * Collects, per bead with text on both sides, the aligner's evidence features and whether the bead is right,
 * over true document pairs and mismatched ones (a document aligned with the next document of the same set), for
 * fitting and measuring the confidence model (bench/align/calibration.ts).
 *
 * A bead is right when it equals a gold bead, or, for line-level gold (Flores, NTREX, where a line may hold two
 * sentences), when both its sides lie inside one gold bead's sides. On a mismatched pair no bead is right.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { alignDocuments, alignSentences, type LexiconEntry } from '../../src/align/index.js'
import { readDictionary } from '../../src/align/dictionary.js'
import { confidenceInputs, isGeneralDictionary, verdictScaleOf } from '../../src/align/confidence.js'
import type { BeadFeatures } from '../../src/align/confidence.js'
import { buildDocument, concatenate, readFlores, readNtrex, type ArabicEnglishDocument, type LineDocument } from './datasets.js'
import type { Pair } from './score.js'
import { readTextberg } from './textberg.js'
import { dataRoot } from '../../tests/helpers/data.js'
import { requireData } from '../lib.js'

/** One bead's features, label and where it came from. */
export interface LabelledBead {
  set: string
  document: number
  mismatched: boolean
  shape: string
  features: BeadFeatures
  /** The confidence model's inputs for the bead (confidenceInputs). */
  inputs: number[]
  /** The aligner's confidence (Bead.score). */
  score: number
  right: boolean
  /** Characters on both sides, for coverage. */
  characters: number
  /** The document pair's evidence (documentLogOdds), as the verdict reads it. */
  documentEvidence: number
  /** The document pair's evidence before its verdict scale (verdictScaleOf), for `--fit-verdict`. */
  unscaledEvidence: number
  /** Whether the pair was aligned with a general dictionary (the confidence model's dictionary null model). */
  dictionary: boolean
  /** The document pair's features and bead shapes, every bead (shared by its beads), for rescoring in `--fit-dictionary`. */
  documentFeatures: ReadonlyArray<BeadFeatures | undefined>
  documentShapes: ReadonlyArray<readonly [number, number]>
}

/** Whether `bead` is right against `gold` (exactly, or inside one gold bead when `inside`). */
function isRight(bead: { source: number[]; target: number[] }, gold: readonly Pair[], inside: boolean): boolean {
  for (const [source, target] of gold) {
    if (source.length === bead.source.length && target.length === bead.target.length && source.every((v, k) => v === bead.source[k]) && target.every((v, k) => v === bead.target[k])) return true
    if (inside && bead.source.every((v) => source.includes(v)) && bead.target.every((v) => target.includes(v))) return true
  }
  return false
}

function collectDocument(set: string, index: number, arabic: string, english: string, gold: readonly Pair[] | undefined, inside: boolean, out: LabelledBead[], dictionary?: readonly LexiconEntry[]): void {
  const result = alignDocuments(arabic, english, dictionary === undefined ? { sourceLang: 'ar', targetLang: 'en' } : { sourceLang: 'ar', targetLang: 'en', dictionary })
  const withDictionary = dictionary !== undefined && isGeneralDictionary(dictionary.length)
  const documentFeatures = result.features ?? []
  const documentShapes = result.beads.map((b) => [b.source.length, b.target.length] as const)
  const inputs = confidenceInputs(documentFeatures, documentShapes, withDictionary)
  const documentEvidence = result.verdict.evidence
  const unscaledEvidence = documentEvidence / verdictScaleOf(withDictionary)
  result.beads.forEach((bead, k) => {
    const features = result.features?.[k]
    if (!features) return
    const characters = bead.source.reduce((sum, i) => sum + result.sourceSentences[i]!.text.length, 0) + bead.target.reduce((sum, j) => sum + result.targetSentences[j]!.text.length, 0)
    out.push({ set, document: index, mismatched: gold === undefined, shape: `${bead.source.length}-${bead.target.length}`, features, inputs: inputs[k]!, score: bead.score, right: gold !== undefined && isRight(bead, gold, inside), characters, documentEvidence, unscaledEvidence, dictionary: withDictionary, documentFeatures, documentShapes })
  })
}

/** `count` documents of `size` consecutive UN pairs (Arabic<TAB>English lines). */
export function readUn(path: string, count: number, size: number): LineDocument[] {
  const pairs = readFileSync(path, 'utf8').split('\n').filter((line) => line.includes('\t')).map((line) => line.split('\t') as [string, string])
  const documents: LineDocument[] = []
  for (let k = 0; k < count && (k + 1) * size <= pairs.length; k++) {
    const slice = pairs.slice(k * size, (k + 1) * size)
    documents.push({ name: `un#${k}`, arabic: slice.map((p) => p[0].trim()), english: slice.map((p) => p[1].trim()) })
  }
  return documents
}

const perturbation = { mergeRate: 0.15, dropRate: 0.03 }

/**
 * Line-level sets: each document perturbed, and each document's Arabic with the next one's English; with
 * `spliced`, also each document whose English turns into the next document's English half way (partly parallel:
 * the beads of the second half are all wrong).
 */
export function collectLineSet(set: string, lines: readonly LineDocument[], out: LabelledBead[], seed: number, dictionary?: readonly LexiconEntry[], spliced = false): void {
  const documents: ArabicEnglishDocument[] = lines.map((d, k) => buildDocument(d, { ...perturbation, seed: seed + k }))
  documents.forEach((d, k) => collectDocument(set, k, d.arabic, d.english, d.gold, true, out, dictionary))
  documents.forEach((d, k) => collectDocument(set, k, d.arabic, documents[(k + 1) % documents.length]!.english, undefined, true, out, dictionary))
  if (spliced) {
    lines.forEach((d, k) => {
      const other = lines[(k + 1) % lines.length]!
      const half = Math.floor(d.english.length / 2)
      if (half < 2) return
      const document = buildDocument(d, { ...perturbation, seed: seed + 7000 + k, replaceEnglishTail: { from: half, lines: other.english.slice(half) } })
      collectDocument(`${set} (spliced)`, k, document.arabic, document.english, document.gold, true, out, dictionary)
    })
  }
}

/** Text+Berg de-fr: sentences given, exact gold; mismatched: test k's German with test k+1's French. */
export function collectTextberg(directory: string, names: readonly string[], out: LabelledBead[], set = 'textberg', dictionary?: readonly LexiconEntry[]): void {
  const documents = readTextberg(directory, names)
  const run = (k: number, source: string[], target: string[], gold: readonly Pair[] | undefined) => {
    const result = alignSentences(source, target, dictionary === undefined ? { sourceLang: 'de', targetLang: 'fr' } : { sourceLang: 'de', targetLang: 'fr', dictionary })
    const withDictionary = dictionary !== undefined && isGeneralDictionary(dictionary.length)
    const documentFeatures = result.features ?? []
    const documentShapes = result.beads.map((b) => [b.source.length, b.target.length] as const)
    const inputs = confidenceInputs(documentFeatures, documentShapes, withDictionary)
    const documentEvidence = result.verdict.evidence
    const unscaledEvidence = documentEvidence / verdictScaleOf(withDictionary)
    result.beads.forEach((bead, b) => {
      const features = result.features?.[b]
      if (!features) return
      const characters = bead.source.reduce((sum, i) => sum + source[i]!.length, 0) + bead.target.reduce((sum, j) => sum + target[j]!.length, 0)
      out.push({ set, document: k, mismatched: gold === undefined, shape: `${bead.source.length}-${bead.target.length}`, features, inputs: inputs[b]!, score: bead.score, right: gold !== undefined && isRight(bead, gold, false), characters, documentEvidence, unscaledEvidence, dictionary: withDictionary, documentFeatures, documentShapes })
    })
  }
  documents.forEach((d, k) => run(k, d.source, d.target, d.gold))
  // A lone document has no other to be mismatched with.
  if (documents.length > 1) documents.forEach((d, k) => run(k, d.source, documents[(k + 1) % documents.length]!.target, undefined))
}

/**
 * Documents cut into pieces of 3 and 4 lines in turn (a last piece of fewer than 3 lines is left out): short
 * documents like Flores-200's, from a set that may be fitted on.
 */
export function shortPieces(documents: readonly LineDocument[]): LineDocument[] {
  const pieces: LineDocument[] = []
  for (const d of documents) {
    for (let start = 0, count = 0; start + 3 <= d.arabic.length; count++) {
      const size = 3 + (count % 2)
      pieces.push({ name: `${d.name}/${start}`, arabic: d.arabic.slice(start, start + size), english: d.english.slice(start, start + size) })
      start += size
    }
  }
  return pieces
}

/** Where Debian's FreeDict packages put their databases. */
export const dictdFolder = '/usr/share/dictd'

/**
 * The sets again, aligned with FreeDict dictionaries (Debian's dict-freedict-ara-eng and dict-freedict-deu-fra),
 * each set's name followed by " + FreeDict": the training sets (NTREX-128 with its spliced pairs and its 3-4-line
 * pieces, Text+Berg dev), on which the confidence model's dictionary null model is fitted, and the held-out ones.
 */
export function collectWithDictionaries(data: string): LabelledBead[] {
  const out: LabelledBead[] = []
  const arabic = readDictionary(`${dictdFolder}/freedict-ara-eng.index`, { sourceLang: 'ar', targetLang: 'en' })
  const german = readDictionary(`${dictdFolder}/freedict-deu-fra.index`, { sourceLang: 'de', targetLang: 'fr' })
  collectTextberg(resolve(data, 'align/textberg_defr'), ['dev'], out, 'textberg-dev + FreeDict', german)
  collectLineSet('ntrex + FreeDict', readNtrex(resolve(data, 'align/ntrex128')), out, 4100, arabic, true)
  collectLineSet('ntrex (short) + FreeDict', shortPieces(readNtrex(resolve(data, 'align/ntrex128'))), out, 6100, arabic)
  collectLineSet('un + FreeDict', readUn(resolve(data, 'tm/un.tsv'), 20, 200), out, 5100, arabic)
  collectLineSet('flores + FreeDict', readFlores(resolve(data, 'align/flores200')), out, 9100, arabic)
  collectTextberg(resolve(data, 'align/textberg_defr'), ['test0', 'test1', 'test2', 'test3', 'test4', 'test5', 'test6'], out, 'textberg + FreeDict', german)
  return out
}

/** Every set, from `data` (the data folder: `dataRoot` of tests/helpers/data.ts). */
export function collectAll(data: string): LabelledBead[] {
  const out: LabelledBead[] = []
  collectTextberg(resolve(data, 'align/textberg_defr'), ['dev'], out, 'textberg-dev')
  collectLineSet('un', readUn(resolve(data, 'tm/un.tsv'), 20, 200), out, 5100, undefined, true)
  collectLineSet('ntrex', readNtrex(resolve(data, 'align/ntrex128')), out, 4100, undefined, true)
  // Short documents to fit on (Flores-200's are held out): NTREX-128's cut into pieces of 3-4 lines.
  collectLineSet('ntrex (short)', shortPieces(readNtrex(resolve(data, 'align/ntrex128'))), out, 6100)
  collectLineSet('flores', readFlores(resolve(data, 'align/flores200')), out, 9100)
  // One long perturbed document per line set, as bench/align.ts also scores them.
  const joined = (set: string, lines: readonly LineDocument[], seed: number) => {
    const d = buildDocument(concatenate(lines, set), { ...perturbation, seed })
    collectDocument(`${set} (one document)`, 0, d.arabic, d.english, d.gold, true, out)
  }
  joined('ntrex', readNtrex(resolve(data, 'align/ntrex128')), 4000)
  joined('flores', readFlores(resolve(data, 'align/flores200')), 9000)
  collectTextberg(resolve(data, 'align/textberg_defr'), ['test0', 'test1', 'test2', 'test3', 'test4', 'test5', 'test6'], out)
  return out
}

if (process.argv[1]?.endsWith('calibration-data.ts')) {
  // \`npx tsx bench/align/calibration-data.ts > beads.json\`: the labelled beads, for analysis elsewhere.
  const start = Date.now()
  requireData('align', 'tm')
  const rows = collectAll(dataRoot)
  process.stderr.write(`${rows.length} beads in ${Date.now() - start} ms\n`)
  process.stdout.write(JSON.stringify(rows))
}
