/**
 * Real units for the format tests: the project corpus aligned by its gold beads, and pairs from the UN corpus.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { segmentSentences } from '../../src/segment/index.js'
import type { TranslationUnit } from '../../src/types.js'
import { repoRoot } from './helpers.js'

/** The corpus article as units: one per gold bead, with origin, context and alignment shape. */
export function corpusUnits(): TranslationUnit[] {
  const folder = path.join(repoRoot, 'corpus/xi-rahmon-samarkand')
  const arabic = segmentSentences(readFileSync(path.join(folder, 'ar.txt'), 'utf8'), 'ar').map((sentence) => sentence.text)
  const english = segmentSentences(readFileSync(path.join(folder, 'en.txt'), 'utf8'), 'en').map((sentence) => sentence.text)
  const gold = JSON.parse(readFileSync(path.join(folder, 'gold.json'), 'utf8')) as Array<{ ar: number[]; en: number[] }>
  return gold.map((bead, index) => {
    const unit: TranslationUnit = {
      id: `xi-${index + 1}`,
      source: bead.ar.map((i) => arabic[i]).join(' '),
      target: bead.en.map((i) => english[i]).join(' '),
      state: 'translated',
      origin: { document: 'corpus/xi-rahmon-samarkand', sourceSentences: bead.ar, targetSentences: bead.en },
      alignment: { score: 1, shape: `${bead.ar.length}-${bead.en.length}` },
    }
    const previous = index > 0 ? gold[index - 1]!.ar.map((i) => arabic[i]).join(' ') : undefined
    if (previous !== undefined) unit.context = { previous }
    return unit
  })
}

/** The first `count` pairs of the UN corpus (../shared/data/tm/un.tsv) as units. */
export function unUnits(count: number): TranslationUnit[] {
  const lines = readFileSync(path.resolve(repoRoot, '../shared/data/tm/un.tsv'), 'utf8').split('\n').filter((line) => line.includes('\t'))
  return lines.slice(0, count).map((line, index) => {
    const [source, target] = line.split('\t') as [string, string]
    return { id: `un-${index + 1}`, source, target, state: 'translated' as const, notes: [{ text: 'UN Parallel Corpus v1.0' }] }
  })
}
