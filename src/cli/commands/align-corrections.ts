/**
 * `mizan align <source> <target> --corrections FILE --into tm.xlf`: applies the corrections a reviewer exported
 * from the static review page. The texts are cut into the reviewer's sentences (by character ranges, so a change
 * of segmenter does not move them), the confirmed beads are fixed and the rest is aligned around them
 * (`alignSentences(source, target, { fixed })`), and the memory gets the pairs as `mizan review` stores them:
 * confirmed beads as reviewed (or translated), rejected ones as needing review (or dropped), open ones by their
 * confidence.
 *
 * @module
 * @internal
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { alignSentences } from '../../align/align-sentences.js'
import type { AlignOptions } from '../../align/options.js'
import { applyCorrections, parseCorrections, type Corrections } from '../../review/corrections.js'
import { beadKey, createReviewDocument, type ReviewDocument } from '../../review/model.js'
import { ReviewWriter } from '../../review/save-review.js'
import { UserError, type CliIo } from '../io.js'
import { openMemory } from '../memory.js'

/** What the align command hands over. @internal */
export interface CorrectionsRun {
  corrections: string
  source: string
  sourceText: string
  targetText: string
  into: string
  store: boolean
  minConfidence: number
  json: boolean
  alignOptions: AlignOptions & { sourceLang: string; targetLang: string }
}

/**
 * The review document a corrections file stands for: the texts cut into the reviewer's sentences, the confirmed
 * beads fixed and the rest aligned around them, the confirmed and rejected beads marked so. `mizan import` of a
 * corrections file makes the same document.
 * @internal
 */
export function correctedDocument(corrections: Corrections, sourceText: string, targetText: string, alignOptions: AlignOptions): ReviewDocument {
  const { source, target, confirmed, rejected } = applyCorrections(corrections, sourceText, targetText)
  const { beads } = alignSentences(source, target, { ...alignOptions, fixed: confirmed })
  const document = createReviewDocument(source, target, beads)
  const states = new Map<string, 'confirmed' | 'rejected'>([...confirmed.map((b) => [beadKey(b), 'confirmed'] as const), ...rejected.map((b) => [beadKey(b), 'rejected'] as const)])
  for (const bead of document.beads) bead.state = states.get(beadKey(bead)) ?? 'open'
  return document
}

/** Applies a corrections file and writes the memory; prints one line (or JSON). @internal */
export async function alignWithCorrections(io: CliIo, run: CorrectionsRun): Promise<void> {
  let text: string
  try {
    text = readFileSync(run.corrections, 'utf8')
  } catch (error) {
    throw new UserError(`cannot read ${run.corrections}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
  }
  const document = correctedDocument(parseCorrections(text, run.corrections), run.sourceText, run.targetText, run.alignOptions)
  const { source, target } = document
  const memory = await openMemory(run.into, { create: true, store: run.store, sourceLang: run.alignOptions.sourceLang, targetLang: run.alignOptions.targetLang })
  let added: { added: number; deleted: number }
  try {
    const writer = await ReviewWriter.open(memory, { document: basename(run.source), minConfidence: run.minConfidence })
    added = await writer.write(document)
  } finally {
    await memory.close()
  }
  const count = (state: string): number => document.beads.filter((bead) => bead.state === state).length
  const summary = { beads: document.beads.length, confirmed: count('confirmed'), rejected: count('rejected'), sourceSentences: source.length, targetSentences: target.length, into: run.into, ...added }
  if (run.json) io.out(JSON.stringify(summary, null, 2))
  else io.out(`applied ${run.corrections}: ${summary.sourceSentences} and ${summary.targetSentences} sentences, ${summary.beads} beads (${summary.confirmed} confirmed, ${summary.rejected} rejected, the rest aligned around them); memory ${run.into}: ${added.added} written, ${added.deleted} removed`)
}
