// The calibration bench's saved beads (bench/align/calibration-cache.ts): read back, they are scored with the
// confidence model in use, as a fresh alignment would be, so a refit can be checked without aligning again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { alignSentences } from '../../src/align/index.js'
import { confidenceInputs, confidenceModel } from '../../src/align/confidence.js'
import { loadLabelledBeads, saveLabelledBeads } from '../../bench/align/calibration-cache.js'
import type { LabelledBead } from '../../bench/align/calibration-data.js'

const directory = mkdtempSync(join(tmpdir(), 'mizan-calibration-cache-test-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

/** The labelled beads of one small German-French pair, as calibration-data.ts collects them (every bead called right). */
function collect(): LabelledBead[] {
  const source = ['Der Zug fährt um 8 Uhr ab.', 'Er hält in Basel und in Bern.', 'Die Fahrt dauert 3 Stunden.', 'Am Abend kommt er in Genf an.']
  const target = ['Le train part à 8 heures.', 'Il s\'arrête à Bâle et à Berne.', 'Le voyage dure 3 heures.', 'Le soir, il arrive à Genève.']
  const result = alignSentences(source, target, { sourceLang: 'de', targetLang: 'fr' })
  const documentFeatures = result.features ?? []
  const documentShapes = result.beads.map((b) => [b.source.length, b.target.length] as const)
  const inputs = confidenceInputs(documentFeatures, documentShapes)
  return result.beads.flatMap((bead, k) => {
    const features = documentFeatures[k]
    if (!features) return []
    const characters = bead.source.reduce((sum, i) => sum + source[i]!.length, 0) + bead.target.reduce((sum, j) => sum + target[j]!.length, 0)
    return [{ set: 'test', document: 0, mismatched: false, shape: `${bead.source.length}-${bead.target.length}`, features, inputs: inputs[k]!, score: bead.score, right: true, characters, documentEvidence: result.verdict.evidence, unscaledEvidence: result.verdict.evidence / confidenceModel.verdictScale, dictionary: false, documentFeatures, documentShapes }]
  })
}

describe('loadLabelledBeads', () => {
  it('reads back what saveLabelledBeads wrote, with the scores and evidence of the alignment', () => {
    const beads = collect()
    expect(beads.length).toBeGreaterThan(2)
    const path = join(directory, 'beads.json')
    saveLabelledBeads(beads, path)
    const loaded = loadLabelledBeads(path)
    expect(loaded.map((bead) => [bead.shape, bead.right, bead.characters, bead.features])).toEqual(beads.map((bead) => [bead.shape, bead.right, bead.characters, bead.features]))
    loaded.forEach((bead, k) => {
      expect(bead.score).toBeCloseTo(beads[k]!.score, 12)
      expect(bead.documentEvidence).toBeCloseTo(beads[k]!.documentEvidence, 12)
      expect(bead.inputs).toEqual(beads[k]!.inputs)
    })
  })

  it('scores the saved features with the weights in use when read, not those of the run that saved them', () => {
    const beads = collect()
    const path = join(directory, 'beads-refit.json')
    saveLabelledBeads(beads, path)
    const saved = confidenceModel.rightGivenParallel
    try {
      // A refit that lowers the intercept of P(right | parallel) lowers every score read afterwards.
      confidenceModel.rightGivenParallel = [saved[0]! - 2, ...saved.slice(1)]
      const loaded = loadLabelledBeads(path)
      loaded.forEach((bead, k) => expect(bead.score).toBeLessThan(beads[k]!.score - 0.01))
    } finally {
      confidenceModel.rightGivenParallel = saved
    }
  })

  it('refuses a file of another format version', () => {
    const path = join(directory, 'old.json')
    writeFileSync(path, JSON.stringify({ documents: [] }))
    expect(() => loadLabelledBeads(path)).toThrow(/format version undefined, expected 1/)
  })
})
