/**
 * Units for the format tests: the project corpus aligned by its gold beads, and our fixture pairs
 * (tests/fixtures/pairs, recombined past their number).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { segmentSentences } from '../../src/segment/index.js'
import type { TranslationUnit } from '../../src/types.js'
import { growOwnPairs } from '../helpers/own-pairs.js'
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

/** Note text every {@link pairUnits} unit carries. */
export const pairNote = 'mizan test pairs'

/** `count` of our fixture pairs (see growOwnPairs in tests/helpers/own-pairs.ts) as numbered units. */
export function pairUnits(count: number): TranslationUnit[] {
  return growOwnPairs(undefined, count).map(({ source, target }, index) => ({ id: `pair-${index + 1}`, source, target, state: 'translated' as const, notes: [{ text: pairNote }] }))
}
