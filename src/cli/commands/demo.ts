/**
 * `mizan demo [corpusDir]` (what `npm start` runs): the main job end to end on the project's corpus. Align
 * `ar.txt` with `en.txt`, save the pairs as an XLIFF 2 memory and the review page under `corpus/out/`, then
 * fuzzy-search an edited corpus sentence and show the match with its differences.
 *
 * @module
 * @internal
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Command } from 'commander'
import { alignDocuments, toTranslationUnits } from '../../align/index.js'
import { defaultMinConfidence } from '../../align/align-documents.js'
import { renderStaticEditorPage } from '../../review/page-html.js'
import { toStaticReviewData } from '../../review/static-data.js'
import { summarizeAlignment } from '../../report/summary.js'
import { DEFAULT_FILE_VERSION, writeFileAtomic } from '../../storage/xliff-file.js'
import { TranslationMemory } from '../../tm/translation-memory.js'
import { fileError } from '../file-errors.js'
import { readText } from '../input.js'
import { painter, terminalText, UserError, type CliIo } from '../io.js'
import { jsonOption } from '../options.js'
import { refuseOverwrite, refuseSpecialOutput } from '../overwrite.js'
import { addUnits, fileSize } from './import.js'
import { editorScript } from './review.js'
import { matchPercent, renderDiff } from './search.js'

/** The default corpus, relative to the working directory (the package root under `npm start`). */
const DEFAULT_CORPUS = join('corpus', 'xi-rahmon-samarkand')

/**
 * Makes the search query: a source text with its middle word dropped, the kind of
 * small edit a revised document brings. Deterministic, so the demo prints the same thing every run.
 * @internal
 */
export function editSentence(text: string): { query: string; removed: string } {
  const words = text.split(' ')
  if (words.length < 3) return { query: `${text} ${text}`, removed: '' }
  const middle = Math.floor(words.length / 2)
  const removed = words[middle]!
  return { query: [...words.slice(0, middle), ...words.slice(middle + 1)].join(' '), removed }
}

/** Adds the `demo` command. @internal */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('align the bundled corpus, write corpus/out/tm.xlf and corpus/out/review.html, and run a fuzzy search')
    .argument('[corpusDir]', 'a folder with ar.txt and en.txt', DEFAULT_CORPUS)
    .option('--out <dir>', 'where to write tm.xlf and review.html', join('corpus', 'out'))
    .addOption(jsonOption())
    .action(async (corpus: string, flags: { out: string; json?: boolean }) => {
      const paint = painter(io)
      const arPath = join(corpus, 'ar.txt')
      const enPath = join(corpus, 'en.txt')
      const memoryPath = join(flags.out, 'tm.xlf')
      const reviewPath = join(flags.out, 'review.html')
      for (const output of [memoryPath, reviewPath]) {
        refuseOverwrite(output, '--out', [arPath, enPath])
        refuseSpecialOutput(output, '--out')
      }
      const ar = readText(arPath)
      const en = readText(enPath)
      const result = alignDocuments(ar, en, { sourceLang: 'ar', targetLang: 'en' })
      const summary = summarizeAlignment(result.beads)

      try {
        mkdirSync(flags.out, { recursive: true })
      } catch (error) {
        throw fileError('create', flags.out, error)
      }
      // A fresh memory each run, so the demo's figures do not depend on earlier runs.
      try {
        rmSync(memoryPath, { force: true })
      } catch (error) {
        throw fileError('remove', memoryPath, error)
      }
      const tm = await TranslationMemory.open(memoryPath, { sourceLang: 'ar', targetLang: 'en' })
      const units = toTranslationUnits(result, { document: relative(process.cwd(), arPath) || arPath })
      const counts = await addUnits(tm, units)
      await tm.save()
      // The same page as `mizan align --report`: it edits offline and exports corrections.
      const names = { source: 'ar.txt', target: 'en.txt' }
      await writeFileAtomic(reviewPath, renderStaticEditorPage(editorScript(), toStaticReviewData({ ...result, sourceText: ar, targetText: en, names, sourceLang: 'ar', targetLang: 'en' })))

      const oneToOne = units.filter((unit) => unit.alignment?.shape === '1-1')
      // A sentence of about fourteen words: long enough for a telling fuzzy match, short enough to read.
      const words = (text: string): number => text.split(' ').length
      const pick = (oneToOne.length > 0 ? oneToOne : units).reduce<(typeof units)[number] | undefined>(
        (best, unit) => (best === undefined || Math.abs(words(unit.source) - 14) < Math.abs(words(best.source) - 14) ? unit : best),
        undefined,
      )
      if (pick === undefined) throw new UserError(`${corpus}: no sentence pairs to search (are ar.txt and en.txt empty?)`)
      const { query, removed } = editSentence(pick.source)
      const matches = await tm.fuzzy(query, { minScore: 0.5, limit: 3 })
      const best = matches[0]

      if (flags.json) {
        io.out(JSON.stringify({ corpus, sourceSentences: result.sourceSentences.length, targetSentences: result.targetSentences.length, summary, memory: memoryPath, units: counts.size, review: reviewPath, query, removed, matches: matches.map((match) => ({ percent: matchPercent(match), score: match.score, id: match.unit.id, source: match.unit.source, target: match.unit.target })) }, null, 2))
        return
      }
      const shapes = Object.entries(summary.shapes)
        .map(([shape, count]) => `${shape} ×${count}`)
        .join(', ')
      io.out(`${paint('bold', 'mizan demo')}: ${corpus}`)
      io.out(`aligned   ${result.sourceSentences.length} Arabic and ${result.targetSentences.length} English sentences into ${summary.beads} beads (${shapes}); ${result.verdict.kind}, mean confidence ${summary.meanScore.toFixed(2)}, ${summary.doubtful} doubtful`)
      const review = counts.needsReview > 0 ? `, ${counts.needsReview} of them needing review (confidence under ${defaultMinConfidence})` : ''
      io.out(`memory    ${memoryPath}: ${counts.size} units${review}, XLIFF ${DEFAULT_FILE_VERSION} (${fileSize(memoryPath)})`)
      io.out(`review    ${reviewPath} (open it in a browser)`)
      io.out(`search    an edited sentence (the word ${terminalText(io, removed, 'ar')} removed):`)
      io.out(`          ${terminalText(io, query, 'ar')}`)
      if (best === undefined) io.out('          no match of 50% or more')
      else {
        const legend = io.color ? 'underlined: only in the memory, struck: only in the query' : '{+…+} only in the memory, [-…-] only in the query'
        io.out(`best      ${paint('bold', `${matchPercent(best)}%`)} ${paint('dim', best.unit.id)} (${legend}):`)
        io.out(`          ${terminalText(io, renderDiff(best.diff, best.unit.source, paint, io.color), 'ar')}`)
        io.out(`          ${best.unit.target}`)
      }
    })
}
