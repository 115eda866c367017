/**
 * The calibration bench's labelled beads saved to a file and read back, rescored with the confidence model in use.
 *
 * A bead's features (posterior, anchor evidence, nulls, length cost) come from the aligner; its score, the model's
 * inputs and the documents' evidence come from those features and `confidenceModel` alone. So after a change to
 * the model's weights (a refit), the beads need not be aligned again: `npx tsx bench/calibration.ts --save FILE`
 * aligns every set once and keeps the features, and `--load FILE` reads them back and scores them with the weights
 * now in src/align/confidence.ts, in seconds rather than minutes. A change to the aligner (search, anchors,
 * features) makes a saved file stale: save again.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { confidenceInputs, translationConfidence, verdictScaleOf, type BeadFeatures } from '../../src/align/confidence.js'
import type { LabelledBead } from './calibration-data.js'

/** One document pair as saved: its features and shapes once, and per labelled bead its index and label. */
interface SavedDocument {
  set: string
  document: number
  mismatched: boolean
  dictionary: boolean
  features: Array<BeadFeatures | null>
  shapes: Array<readonly [number, number]>
  beads: Array<{ index: number; right: boolean; characters: number }>
}

/** Format of the saved file; an unknown one is refused. */
const FORMAT_VERSION = 1

/**
 * Writes `beads` (as collected by calibration-data.ts) to `path`, each document's features once.
 *
 * @param beads - the labelled beads of every set
 * @param path - the file to write (JSON)
 * @example
 * ```ts
 * saveLabelledBeads(collectAll(dataRoot), '/tmp/beads.json')
 * ```
 */
export function saveLabelledBeads(beads: readonly LabelledBead[], path: string): void {
  const documents = new Map<ReadonlyArray<BeadFeatures | undefined>, { saved: SavedDocument; indexOf: Map<BeadFeatures | undefined, number> }>()
  for (const bead of beads) {
    let document = documents.get(bead.documentFeatures)
    if (!document) {
      const saved: SavedDocument = {
        set: bead.set,
        document: bead.document,
        mismatched: bead.mismatched,
        dictionary: bead.dictionary,
        features: bead.documentFeatures.map((f) => f ?? null),
        shapes: [...bead.documentShapes],
        beads: [],
      }
      // Each bead's place in its document, looked up once per bead (indexOf per bead was quadratic in a long document).
      const indexOf = new Map<BeadFeatures | undefined, number>()
      bead.documentFeatures.forEach((features, k) => {
        if (!indexOf.has(features)) indexOf.set(features, k)
      })
      documents.set(bead.documentFeatures, (document = { saved, indexOf }))
    }
    document.saved.beads.push({ index: document.indexOf.get(bead.features) ?? -1, right: bead.right, characters: bead.characters })
  }
  writeFileSync(path, JSON.stringify({ formatVersion: FORMAT_VERSION, documents: [...documents.values()].map((document) => document.saved) }))
}

/**
 * Reads beads saved by {@link saveLabelledBeads} and scores them with the confidence model in use: the same
 * `LabelledBead`s a fresh run of the same aligner would collect, whatever the weights were when they were saved.
 *
 * @param path - a file written by {@link saveLabelledBeads}
 * @returns the labelled beads, in the order they were saved
 * @throws Error when the file is of another format version
 * @example
 * ```ts
 * const beads = loadLabelledBeads('/tmp/beads.json')
 * ```
 */
export function loadLabelledBeads(path: string): LabelledBead[] {
  const file = JSON.parse(readFileSync(path, 'utf8')) as { formatVersion?: number; documents: SavedDocument[] }
  if (file.formatVersion !== FORMAT_VERSION) throw new Error(`calibration-cache: ${path} has format version ${String(file.formatVersion)}, expected ${FORMAT_VERSION}: save it again`)
  const out: LabelledBead[] = []
  for (const saved of file.documents) {
    const features = saved.features.map((f) => f ?? undefined)
    const shapes = saved.shapes
    const { confidence, evidence } = translationConfidence(features, shapes, saved.dictionary)
    const inputs = confidenceInputs(features, shapes, saved.dictionary)
    const unscaledEvidence = evidence / verdictScaleOf(saved.dictionary)
    for (const { index, right, characters } of saved.beads) {
      const [s, t] = shapes[index]!
      out.push({
        set: saved.set,
        document: saved.document,
        mismatched: saved.mismatched,
        shape: `${s}-${t}`,
        features: features[index]!,
        inputs: inputs[index]!,
        score: confidence[index]!,
        right,
        characters,
        documentEvidence: evidence,
        unscaledEvidence,
        dictionary: saved.dictionary,
        documentFeatures: features,
        documentShapes: shapes,
      })
    }
  }
  return out
}
