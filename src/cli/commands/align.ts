/**
 * `mizan align <source> <target>`: segment and align a document and its translation, print the beads (or a
 * summary), and optionally add the pairs to a memory (`--into`) and write the review page (`--report`).
 *
 * @module
 * @internal
 */
import { basename } from 'node:path'
import type { Command } from 'commander'
import { alignDocuments, toTranslationUnits, type DocumentAlignment } from '../../align/index.js'
import { defaultMinConfidence } from '../../align/align-documents.js'
import { lacksEvidence } from '../../align/align-sentences.js'
import { renderReviewPage } from '../../report/review-page.js'
import { summarizeAlignment, type AlignmentSummary } from '../../report/summary.js'
import { writeFileAtomic } from '../../storage/xliff-file.js'
import type { Sentence } from '../../types.js'
import { readDictionary } from '../../align/dictionary.js'
import { inputName, readInput, readStandardInputOnce } from '../input.js'
import { painter, terminalText, UserError, type CliIo } from '../io.js'
import { checkAlignmentInputs, decodeInput } from '../read-document.js'
import { openMemory } from '../memory.js'
import { refuseOverwrite, refuseSpecialOutput } from '../overwrite.js'
import { jsonOption, numberIn, storeOption } from '../options.js'
import { createProgress } from '../progress.js'
import { alignReadDocuments, toFileUnits, type FileAlignment } from '../../documents/align-files.js'
import { readDocumentInputs } from '../document-inputs.js'
import { addUnits, type AddCounts } from './import.js'
import { alignWithCorrections } from './align-corrections.js'
import { editorScript } from './review.js'
import { renderStaticEditorPage } from '../../review/page-html.js'
import { toStaticReviewData } from '../../review/static-data.js'

interface AlignFlags {
  sourceLang: string
  targetLang: string
  into?: string
  store?: string
  report?: string
  corrections?: string
  doubtfulBelow: number
  minConfidence: number
  encoding?: string
  sourceEncoding?: string
  targetEncoding?: string
  dictionary?: string
  force?: boolean
  json?: boolean
}

/**
 * The text of a bead's side: the input from its first sentence's start to its last sentence's end, as written
 * (what `alignDocuments` puts in its pairs; beads with an empty side have no pair, so the CLI slices itself).
 */
function sideText(text: string, sentences: readonly Sentence[], indexes: readonly number[]): string {
  if (indexes.length === 0) return ''
  return text.slice(sentences[indexes[0]!]!.start, sentences[indexes[indexes.length - 1]!]!.end)
}

/** Adds the `align` command. @internal */
export function registerAlign(program: Command, io: CliIo): void {
  program
    .command('align')
    .description('align a document with its translation, sentence by sentence')
    .argument('<source>', 'the source document: a text file (UTF-8, one paragraph a line), .docx, .odt, .html, .md or .pdf (told by content), or - for standard input')
    .argument('<target>', 'the target document, likewise')
    .option('--source-lang <tag>', 'language of the source (BCP-47)', 'ar')
    .option('--target-lang <tag>', 'language of the target (BCP-47)', 'en')
    .option('--into <tm.xlf>', 'add the aligned pairs to this memory (an XLIFF 2 file, created when absent; or sqlite:/postgres://)')
    .addOption(storeOption())
    .option('--report <review.html>', 'write the review page (one self-contained HTML file that edits offline and exports corrections)')
    .option('--corrections <file.json>', 'apply the corrections exported from a review page: its sentences, its confirmed beads fixed, the rest aligned around them (needs --into)')
    .option('--doubtful-below <score>', 'beads with a confidence below this are doubtful', numberIn(0, 1), 0.5)
    .option('--min-confidence <score>', 'pairs added with --into below this confidence are stored as needing review, not as translations', numberIn(0, 1), defaultMinConfidence)
    .option('--encoding <label>', 'encoding of both files when not UTF-8, e.g. windows-1256, iso-8859-6, utf-16le (a byte order mark wins)')
    .option('--source-encoding <label>', 'encoding of the source file only')
    .option('--target-encoding <label>', 'encoding of the target file only')
    .option('--dictionary <path>', 'a bilingual dictionary: dictd (.index/.dict.dz, e.g. /usr/share/dictd/freedict-ara-eng.index) or hunalign text')
    .option('--force', 'go on when a document is in the wrong script for its language, and store pairs the verdict calls not parallel')
    .addOption(jsonOption())
    .addHelpText('after', '\nExample:\n  mizan align ar.txt en.txt --into tm.xlf --report review.html\n  mizan align old-ar.txt en.txt --source-encoding windows-1256 --dictionary /usr/share/dictd/freedict-ara-eng.index')
    .action(async (source: string, target: string, flags: AlignFlags) => {
      readStandardInputOnce([source, target])
      // --store names a database memory; from here on it is handled as --into.
      if (flags.store !== undefined) flags.into = flags.store
      // Checked before anything is read or written: `--report ar.txt` would replace the document with HTML.
      if (flags.report !== undefined) {
        refuseOverwrite(flags.report, '--report', [source, target, ...(flags.into === undefined ? [] : [flags.into])])
        refuseSpecialOutput(flags.report, '--report')
      }
      if (flags.into !== undefined) refuseOverwrite(flags.into, flags.store === undefined ? '--into' : '--store', [source, target])
      // Inputs are decoded and checked before anything is aligned or written (exit 2, nothing written).
      // .docx, .odt, .html, .md on either side: both read into blocks and aligned block by block.
      // Each input is read once (standard input and FIFOs cannot be read again), then told apart and decoded.
      const bytes = { source: readInput(source), target: readInput(target) }
      const documents = await readDocumentInputs(source, target, bytes)
      const sourceText = documents?.sourceText ?? decodeInput(bytes.source, source, flags.sourceEncoding ?? flags.encoding)
      const targetText = documents?.targetText ?? decodeInput(bytes.target, target, flags.targetEncoding ?? flags.encoding)
      const warnings = checkAlignmentInputs({ path: source, text: sourceText, lang: flags.sourceLang }, { path: target, text: targetText, lang: flags.targetLang }, flags.force === true)
      for (const warning of warnings) io.err.write(`${warning.replace(/^mizan: /, 'mizan: warning: ')}\n`)
      const dictionary = flags.dictionary === undefined ? undefined : readDictionary(flags.dictionary, { sourceLang: flags.sourceLang, targetLang: flags.targetLang })
      const alignOptions = { sourceLang: flags.sourceLang, targetLang: flags.targetLang, ...(dictionary === undefined ? {} : { dictionary }) }
      if (flags.corrections !== undefined) {
        if (flags.into === undefined) throw new UserError('--corrections needs a memory to write: --into tm.xlf (or --store sqlite:tm.db)')
        if (documents) throw new UserError('--corrections applies to plain text files (the review page of .docx, .odt, .html, .md or .pdf documents does not edit)')
        return alignWithCorrections(io, { corrections: flags.corrections, source, sourceText, targetText, into: flags.into, store: flags.store !== undefined, minConfidence: flags.minConfidence, json: flags.json === true, alignOptions })
      }
      const progress = createProgress({ label: 'align', total: 3, unit: 'steps', stream: io.err })
      let result: DocumentAlignment
      let summary: AlignmentSummary
      let added: AddCounts | undefined
      try {
        result = documents ? alignReadDocuments(documents.source, documents.target, alignOptions) : alignDocuments(sourceText, targetText, alignOptions)
        summary = summarizeAlignment(result.beads, flags.doubtfulBelow)
        progress.update(1)
        judgeVerdict(io, result, source, target, flags)
        if (flags.report !== undefined) {
          // Plain texts get the editing page (its sentences are ranges of the texts); documents read into blocks, the read-only one.
          const names = { source: basename(source), target: basename(target) }
          const slices = (text: string, sentences: readonly Sentence[]): boolean => sentences.every((sentence) => text.slice(sentence.start, sentence.end) === sentence.text)
          const editable = !documents && slices(sourceText, result.sourceSentences) && slices(targetText, result.targetSentences)
          const html = !editable
            ? renderReviewPage(
                {
                  sourceLang: flags.sourceLang, targetLang: flags.targetLang, sourceSentences: result.sourceSentences, targetSentences: result.targetSentences, beads: result.beads, verdict: result.verdict,
                  // Documents read into blocks show each sentence's block and inline codes.
                  ...(documents ? { sourceBlocks: (result as FileAlignment).sourceBlocks, targetBlocks: (result as FileAlignment).targetBlocks } : {}),
                },
                { sourceName: basename(source), targetName: basename(target), doubtfulBelow: flags.doubtfulBelow, title: `Alignment review: ${basename(source)} ↔ ${basename(target)}` },
              )
            : renderStaticEditorPage(editorScript(), toStaticReviewData({ ...result, sourceText, targetText, names, sourceLang: flags.sourceLang, targetLang: flags.targetLang }))
          await writeFileAtomic(flags.report, html)
        }
        progress.update(2)
        if (flags.into !== undefined) {
          const memory = await openMemory(flags.into, { create: true, store: flags.store !== undefined, sourceLang: flags.sourceLang, targetLang: flags.targetLang })
          try {
            const unitOptions = { document: source === '-' ? 'stdin' : basename(source), minConfidence: flags.minConfidence }
            added = await addUnits(memory.tm, documents ? toFileUnits(result as FileAlignment, unitOptions) : toTranslationUnits(result, unitOptions))
            await memory.save()
          } finally {
            await memory.close()
          }
        }
        progress.update(3)
      } finally {
        progress.done()
      }
      printAlignment(io, result, summary, sourceText, targetText, flags, added)
    })
}

/**
 * The user decides, from the verdict: documents that are not parallel are stored only with --force (exit 2 and
 * nothing written otherwise); partly parallel ones are stored with a warning. Printing beads stores nothing, so
 * it goes on, with a warning when the pair is not parallel; the summary line carries the verdict.
 */
function judgeVerdict(io: CliIo, result: DocumentAlignment, source: string, target: string, flags: AlignFlags): void {
  const { kind, coverage } = result.verdict
  if (kind === 'parallel') return
  const stores = flags.into !== undefined || flags.report !== undefined
  const share = `${Math.round(coverage * 100)}% of the text in confident beads`
  if (!stores) {
    if (kind === 'not parallel') io.err.write(`mizan: warning: ${inputName(source)} and ${inputName(target)} do not look like translations of each other (not parallel: ${share})\n`)
    return
  }
  if (kind === 'not parallel' && flags.force !== true) {
    throw new UserError(`${inputName(source)} and ${inputName(target)} do not look like translations of each other (not parallel: ${share}); nothing written; to store them anyway: --force`)
  }
  const advice =
    kind === 'not parallel'
      ? 'stored anyway (--force)'
      : lacksEvidence(result.verdict)
        ? 'the sentences fit by length, but few numbers, names or dictionary words confirm they are translations (--dictionary helps); check them before trusting the pairs'
        : 'check the doubtful beads and omissions before trusting the pairs'
  io.err.write(`mizan: warning: ${inputName(source)} and ${inputName(target)} are ${kind} (${share}); ${advice}\n`)
}

function printAlignment(io: CliIo, result: DocumentAlignment, summary: AlignmentSummary, sourceText: string, targetText: string, flags: AlignFlags, added: AddCounts | undefined): void {
  if (flags.json) {
    io.out(
      JSON.stringify(
        {
          sourceSentences: result.sourceSentences.length,
          targetSentences: result.targetSentences.length,
          verdict: result.verdict,
          summary,
          beads: result.beads.map((bead) => ({
            source: bead.source,
            target: bead.target,
            score: bead.score,
            shape: `${bead.source.length}-${bead.target.length}`,
            sourceText: sideText(sourceText, result.sourceSentences, bead.source),
            targetText: sideText(targetText, result.targetSentences, bead.target),
          })),
          ...(flags.into === undefined ? {} : { into: flags.into, ...added }),
          ...(flags.report === undefined ? {} : { report: flags.report }),
        },
        null,
        2,
      ),
    )
    return
  }
  const paint = painter(io)
  const shapes = Object.entries(summary.shapes)
    .map(([shape, count]) => `${shape} ×${count}`)
    .join(', ')
  // Without a memory or a report the pairs are the output; with them, a summary is enough.
  if (flags.into === undefined && flags.report === undefined) {
    result.beads.forEach((bead, index) => {
      const omission = bead.source.length === 0 || bead.target.length === 0
      const doubtful = omission || bead.score < flags.doubtfulBelow
      const shape = `${bead.source.length}-${bead.target.length}`.padEnd(4)
      const head = `${String(index + 1).padStart(3)}  ${shape} ${omission ? '   - omission' : `${bead.score.toFixed(2)}${doubtful ? ' doubtful' : ''}`}`
      io.out(doubtful ? paint('yellow', head) : paint('dim', head))
      io.out(`     ${terminalText(io, sideText(sourceText, result.sourceSentences, bead.source), flags.sourceLang)}`)
      io.out(`     ${terminalText(io, sideText(targetText, result.targetSentences, bead.target), flags.targetLang)}`)
    })
  }
  io.out(
    `aligned ${result.sourceSentences.length} ${flags.sourceLang} and ${result.targetSentences.length} ${flags.targetLang} sentences into ${summary.beads} beads (${shapes}); ${result.verdict.kind} (${Math.round(result.verdict.coverage * 100)}% of the text in confident beads), mean confidence ${summary.meanScore.toFixed(2)}, ${summary.doubtful} doubtful, ${summary.omissions} omissions`,
  )
  if (added !== undefined) {
    const review = added.needsReview > 0 ? ` (${added.needsReview} need review: confidence under ${flags.minConfidence})` : ''
    io.out(`memory ${flags.into}: ${added.added} added${review}, ${added.updated} updated, ${added.skipped} skipped; ${added.size} units`)
  }
  if (flags.report !== undefined) io.out(`review page: ${flags.report}`)
}
