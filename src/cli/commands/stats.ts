/**
 * `mizan stats <tm.xlf>`: what a memory holds: units, languages, states and how many units need review,
 * documents, bead shapes and the aligner's mean confidence, text lengths.
 *
 * @module
 * @internal
 */
import type { Command } from 'commander'
import { needsReview } from '../../tm/needs-review.js'
import { type CliIo } from '../io.js'
import { openMemory } from '../memory.js'
import { jsonOption } from '../options.js'
import { fileSize } from './import.js'

/** Figures about a memory. @internal */
export interface MemoryStats {
  memory: string
  sourceLang: string
  targetLang: string
  units: number
  untranslated: number
  states: Record<string, number>
  /** Units that need review (`needsReview`): the aligner's doubtful pairs, and XLIFF 1.2 needs-review-* units. */
  needsReview: number
  documents: Record<string, number>
  shapes: Record<string, number>
  aligned: number
  meanAlignmentScore: number | null
  sourceCharacters: number
  targetCharacters: number
  /** Target characters per source character: about 1.4 for Arabic into English. */
  lengthRatio: number | null
  size: string
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1
}

function sortCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
}

/** Adds the `stats` command. @internal */
export function registerStats(program: Command, io: CliIo): void {
  program
    .command('stats')
    .description('count what a memory holds')
    .argument('<tm.xlf>', 'the memory (an XLIFF 2 file; or sqlite:/postgres://)')
    .addOption(jsonOption())
    .action(async (path: string, flags: { json?: boolean }) => {
      const memory = await openMemory(path, { create: false })
      const stats: MemoryStats = {
        memory: path,
        sourceLang: memory.tm.sourceLang,
        targetLang: memory.tm.targetLang,
        units: 0,
        untranslated: 0,
        states: {},
        needsReview: 0,
        documents: {},
        shapes: {},
        aligned: 0,
        meanAlignmentScore: null,
        sourceCharacters: 0,
        targetCharacters: 0,
        lengthRatio: null,
        size: fileSize(path),
      }
      let scoreSum = 0
      try {
        for await (const unit of memory.tm.units()) {
          stats.units++
          if (unit.target === '') stats.untranslated++
          bump(stats.states, unit.state ?? 'unset')
          if (needsReview(unit)) stats.needsReview++
          if (unit.origin?.document !== undefined) bump(stats.documents, unit.origin.document)
          if (unit.alignment !== undefined) {
            stats.aligned++
            scoreSum += unit.alignment.score
            bump(stats.shapes, unit.alignment.shape)
          }
          stats.sourceCharacters += unit.source.length
          stats.targetCharacters += unit.target.length
        }
      } finally {
        await memory.close()
      }
      stats.states = sortCounts(stats.states)
      stats.documents = sortCounts(stats.documents)
      stats.shapes = sortCounts(stats.shapes)
      if (stats.aligned > 0) stats.meanAlignmentScore = scoreSum / stats.aligned
      if (stats.sourceCharacters > 0) stats.lengthRatio = stats.targetCharacters / stats.sourceCharacters
      if (flags.json) {
        io.out(JSON.stringify(stats, null, 2))
        return
      }
      const list = (counts: Record<string, number>): string =>
        Object.entries(counts)
          .map(([key, count]) => `${key} ${count}`)
          .join(', ') || 'none'
      io.out(`memory     ${path} (${stats.size})`)
      io.out(`languages  ${stats.sourceLang} → ${stats.targetLang}`)
      io.out(`units      ${stats.units}${stats.untranslated > 0 ? ` (${stats.untranslated} untranslated)` : ''}`)
      io.out(`states     ${list(stats.states)}; needs review ${stats.needsReview}`)
      io.out(`documents  ${list(stats.documents)}`)
      io.out(`aligned    ${stats.aligned}${stats.meanAlignmentScore === null ? '' : `, mean confidence ${stats.meanAlignmentScore.toFixed(2)}; shapes ${list(stats.shapes)}`}`)
      io.out(`characters ${stats.sourceCharacters} ${stats.sourceLang}, ${stats.targetCharacters} ${stats.targetLang}${stats.lengthRatio === null ? '' : ` (ratio ${stats.lengthRatio.toFixed(2)})`}`)
    })
}
