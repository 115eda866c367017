/**
 * `mizan review <source> <target> --into tm.xlf`: aligns the two documents, starts the alignment editor's server on
 * 127.0.0.1, prints the page's URL (and opens a browser where there is one), and saves what the reviewer does into
 * the memory as it goes; Ctrl-C (SIGINT) or SIGTERM stops it after the last write.
 *
 * A memory that already holds beads this document's reviewer confirmed (units of the same document name with
 * state `reviewed`, whose texts are still the sentences) resumes them: they are confirmed again and the rest is
 * aligned around them.
 *
 * @module
 * @internal
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { Command } from 'commander'
import { paragraphStarts } from '../../align/align-documents.js'
import { alignDocuments } from '../../align/index.js'
import { alignSentences } from '../../align/align-sentences.js'
import { readDictionary } from '../../align/dictionary.js'
import { alignReadDocuments } from '../../documents/align-files.js'
import { applyEdit, startSession, type ReviewSession } from '../../review/history.js'
import { toDocumentStructure } from '../../review/document-structure.js'
import { beadKey, createReviewDocument } from '../../review/model.js'
import { renderEditorPage } from '../../review/page-html.js'
import { alignedDocuments, reviewDocumentFromUnits } from '../../review/memory-document.js'
import type { RealignOptions } from '../../review/realign.js'
import { ReviewWriter } from '../../review/save-review.js'
import { startReviewServer } from '../../review/server.js'
import type { TranslationMemory } from '../../tm/translation-memory.js'
import type { Sentence, TranslationUnit } from '../../types.js'
import { readDocumentInputs } from '../document-inputs.js'
import { readInput } from '../input.js'
import { UserError, type CliIo } from '../io.js'
import { openMemory, type OpenMemory } from '../memory.js'
import { integerIn, jsonOption, storeOption } from '../options.js'
import { refuseOverwrite } from '../overwrite.js'
import { checkAlignmentInputs, decodeInput } from '../read-document.js'
import { untilStopped } from '../until-stopped.js'

interface ReviewFlags {
  into?: string
  store?: string
  sourceLang: string
  targetLang: string
  port: number
  open: boolean
  approvedState: 'translated' | 'reviewed'
  rejected: 'needs-review' | 'drop'
  dictionary?: string
  encoding?: string
  force?: boolean
  json?: boolean
  document?: string
}

/**
 * The editor page script, built by tsup next to the CLI (dist/review/page.global.js); from the sources (tests
 * that run the CLI in-process), the build's copy in dist/.
 */
export function editorScript(): string {
  for (const relative of ['../review/page.global.js', '../../../dist/review/page.global.js']) {
    const url = new URL(relative, import.meta.url)
    if (existsSync(url)) return readFileSync(url, 'utf8')
  }
  throw new UserError('the review editor page is not built (dist/review/page.global.js is missing); run npm run build')
}

/** Opens a URL in the desktop's browser, when there is a desktop; failure is not an error (the URL is printed). */
function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? ['xdg-open', url] : undefined
  if (command === undefined) return
  const child = spawn(command[0]!, command.slice(1), { stdio: 'ignore', detached: true })
  child.on('error', () => undefined)
  child.unref()
}

/** The beads a reviewer of this document confirmed in an earlier session, when their texts still match. */
async function confirmedBefore(tm: TranslationMemory, document: string, source: readonly string[], target: readonly string[]): Promise<Array<{ source: number[]; target: number[] }>> {
  const beads: Array<{ source: number[]; target: number[] }> = []
  for await (const unit of tm.units()) {
    const origin = unit.origin
    if (origin?.document !== document || unit.state !== 'reviewed' || !origin.sourceSentences?.length || !origin.targetSentences?.length) continue
    const s = origin.sourceSentences
    const t = origin.targetSentences
    if (s.some((i) => source[i] === undefined) || t.some((j) => target[j] === undefined)) continue
    if (s.map((i) => source[i]).join(' ') !== unit.source || t.map((j) => target[j]).join(' ') !== unit.target) continue
    beads.push({ source: [...s], target: [...t] })
  }
  return beads.sort((a, b) => a.source[0]! - b.source[0]!)
}

/**
 * Indexes of the sentences that start a paragraph (a line break between them and the previous one), as
 * `alignDocuments` reads them; undefined when the sentences are not slices of `text` (documents read into blocks).
 */
function paragraphStartsOf(text: string, sentences: readonly Sentence[]): number[] | undefined {
  if (sentences.some((sentence) => text.slice(sentence.start, sentence.end) !== sentence.text)) return undefined
  return paragraphStarts(text, sentences)
}

/** Adds the `review` command. @internal */
export function registerReview(program: Command, io: CliIo): void {
  program
    .command('review')
    .description('review an alignment in the browser: fix beads and sentence breaks, re-align, save into a memory')
    .argument('<source>', 'the source document (a text file, .docx, .odt, .html, .md or .pdf); or, alone, a memory whose aligned documents to review')
    .argument('[target]', 'the target document, likewise')
    .option('--document <name>', 'with a memory: the aligned document to review, when it holds several')
    .option('--into <tm.xlf>', 'the memory the reviewed pairs go into (an XLIFF 2 file, created when absent; or sqlite:/postgres://)')
    .addOption(storeOption())
    .option('--source-lang <tag>', 'language of the source (BCP-47)', 'ar')
    .option('--target-lang <tag>', 'language of the target (BCP-47)', 'en')
    .option('--port <n>', 'the port on 127.0.0.1 (default: a free one)', integerIn(0, 65535), 0)
    .option('--no-open', 'print the URL without opening a browser')
    .option('--approved-state <state>', 'the state of approved pairs: reviewed or translated', 'reviewed')
    .option('--rejected <what>', 'what rejected pairs become: needs-review or drop', 'needs-review')
    .option('--dictionary <path>', 'a bilingual dictionary (dictd .index, or hunalign text) for the aligner')
    .option('--encoding <label>', 'encoding of both files when not UTF-8')
    .option('--force', 'go on when a document is in the wrong script for its language')
    .addOption(jsonOption())
    .addHelpText('after', '\nExample:\n  mizan review ar.txt en.txt --into tm.xlf\n  mizan review tm.xlf --document ar.txt\n\nThe URL it prints carries a random token; keep it private. Ctrl-C stops the server after the last save.')
    .action(async (source: string, target: string | undefined, flags: ReviewFlags) => {
      if (flags.approvedState !== 'reviewed' && flags.approvedState !== 'translated') throw new UserError(`--approved-state must be reviewed or translated, got ${JSON.stringify(flags.approvedState)}`)
      if (flags.rejected !== 'needs-review' && flags.rejected !== 'drop') throw new UserError(`--rejected must be needs-review or drop, got ${JSON.stringify(flags.rejected)}`)
      if (target === undefined) return serve(io, flags, await fromMemory(io, source, flags))
      if (flags.store !== undefined) flags.into = flags.store
      if (flags.into === undefined) throw new UserError('review needs a memory to save into: --into tm.xlf (or --store sqlite:tm.db)')
      if (source === '-' || target === '-') throw new UserError('review reads its documents from files (standard input cannot be named in the memory)')
      refuseOverwrite(flags.into, flags.store === undefined ? '--into' : '--store', [source, target])
      const script = editorScript() // refused before anything is aligned when the page is not built
      const bytes = { source: readInput(source), target: readInput(target) }
      const documents = await readDocumentInputs(source, target, bytes)
      const sourceText = documents?.sourceText ?? decodeInput(bytes.source, source, flags.encoding)
      const targetText = documents?.targetText ?? decodeInput(bytes.target, target, flags.encoding)
      for (const warning of checkAlignmentInputs({ path: source, text: sourceText, lang: flags.sourceLang }, { path: target, text: targetText, lang: flags.targetLang }, flags.force === true)) {
        io.err.write(`${warning.replace(/^mizan: /, 'mizan: warning: ')}\n`)
      }
      const dictionary = flags.dictionary === undefined ? undefined : readDictionary(flags.dictionary, { sourceLang: flags.sourceLang, targetLang: flags.targetLang })
      const alignOptions = { sourceLang: flags.sourceLang, targetLang: flags.targetLang, ...(dictionary === undefined ? {} : { dictionary }) }
      const result = documents ? alignReadDocuments(documents.source, documents.target, alignOptions) : alignDocuments(sourceText, targetText, alignOptions)
      const sourceSentences = result.sourceSentences.map((s) => s.text)
      const targetSentences = result.targetSentences.map((s) => s.text)

      const memory = await openMemory(flags.into, { create: true, store: flags.store !== undefined, sourceLang: flags.sourceLang, targetLang: flags.targetLang })
      const name = basename(source)
      let session: ReviewSession
      try {
        // Resume: beads confirmed in an earlier session stay confirmed, and the rest is aligned around them.
        const fixed = await confirmedBefore(memory.tm, name, sourceSentences, targetSentences)
        const sourceParagraphs = paragraphStartsOf(sourceText, result.sourceSentences)
        const targetParagraphs = paragraphStartsOf(targetText, result.targetSentences)
        const hints = sourceParagraphs !== undefined && targetParagraphs !== undefined ? { sourceParagraphs, targetParagraphs } : {}
        const beads = fixed.length === 0 ? result.beads : alignSentences(sourceSentences, targetSentences, { ...alignOptions, ...hints, fixed }).beads
        // Documents read into blocks: the page shows each sentence's block and inline codes.
        const structure = documents ? { structure: { source: toDocumentStructure(documents.source.blocks), target: toDocumentStructure(documents.target.blocks) } } : {}
        session = startSession(createReviewDocument(sourceSentences, targetSentences, beads, { ...hints, ...structure }))
        const keys = new Set(fixed.map(beadKey))
        session.document.beads.forEach((bead, index) => {
          if (keys.has(beadKey(bead))) session = applyEdit(session, { kind: 'approve', bead: index })
        })
        if (fixed.length > 0) io.err.write(`mizan: resumed ${fixed.length} confirmed beads of ${name} from ${memory.name}\n`)
        session = startSession(session.document)
      } catch (error) {
        await memory.close()
        throw error
      }
      return serve(io, flags, { memory, session, document: name, names: { source: basename(source), target: basename(target) }, realign: alignOptions, script })
    })
}

/** A review ready to serve: the memory it saves into, the session, the names. */
interface PreparedReview {
  memory: OpenMemory
  session: ReviewSession
  document: string
  names: { source: string; target: string }
  realign: RealignOptions
  /** The editor page script, when already read (see {@link editorScript}). */
  script?: string
}

/** `mizan review tm.xlf [--document NAME]`: the beads of one aligned document, rebuilt from its units. */
async function fromMemory(io: CliIo, spec: string, flags: ReviewFlags): Promise<PreparedReview> {
  if (flags.into !== undefined || flags.store !== undefined) throw new UserError('review of a memory saves into that memory; --into and --store are for review of two documents')
  const memory = await openMemory(spec, { create: false, sourceLang: flags.sourceLang, targetLang: flags.targetLang })
  try {
    const units: TranslationUnit[] = []
    for await (const unit of memory.tm.units()) units.push(unit)
    const documents = alignedDocuments(units)
    if (documents.length === 0) throw new UserError(`${memory.name} holds no aligned documents (units with origin.document and sentence indexes); review two documents instead: mizan review ar.txt en.txt --into ${spec}`)
    const document = flags.document ?? (documents.length === 1 ? documents[0]! : undefined)
    if (document === undefined) throw new UserError(`${memory.name} holds ${documents.length} aligned documents; choose one with --document: ${documents.join(', ')}`)
    if (!documents.includes(document)) throw new UserError(`${memory.name} holds no aligned document ${JSON.stringify(document)}; it holds ${documents.join(', ')}`)
    const languages = { sourceLang: memory.tm.sourceLang, targetLang: memory.tm.targetLang }
    const session = startSession(reviewDocumentFromUnits(units, document, languages))
    io.err.write(`mizan: rebuilt ${session.document.beads.length} beads of ${document} from ${memory.name} (${session.document.beads.filter((b) => b.state === 'confirmed').length} reviewed)\n`)
    return { memory, session, document, names: { source: `${document} (${languages.sourceLang})`, target: `${document} (${languages.targetLang})` }, realign: languages }
  } catch (error) {
    await memory.close()
    throw error
  }
}

/** Serves a prepared review until SIGINT or SIGTERM, saving into its memory. */
async function serve(io: CliIo, flags: ReviewFlags, review: PreparedReview): Promise<void> {
  const { memory } = review
  let script: string
  try {
    script = review.script ?? editorScript()
  } catch (error) {
    await memory.close()
    throw error
  }
  const writer = await ReviewWriter.open(memory, { document: review.document, approvedState: flags.approvedState, rejected: flags.rejected })
  const server = await startReviewServer({
    session: review.session,
    writer,
    realign: review.realign,
    port: flags.port,
    names: review.names,
    page: (nonce) => renderEditorPage(script, nonce, `${review.names.source} ↔ ${review.names.target}`),
  })
  // --json: one line a script reads the URL from (and one more when it stops).
  if (flags.json) io.out(JSON.stringify({ url: server.url, beads: review.session.document.beads.length, source: review.names.source, target: review.names.target, into: memory.name }))
  else {
    io.out(`mizan review: ${review.session.document.beads.length} beads of ${review.names.source} ↔ ${review.names.target}, saving into ${memory.name}`)
    io.out(server.url)
    io.out('Press Ctrl-C to stop (after the last save).')
  }
  if (flags.open) openBrowser(server.url)
  // Serve until SIGINT or SIGTERM, then stop taking requests, finish the writes under way, and close the memory.
  await untilStopped()
  try {
    await server.close()
  } finally {
    await memory.close()
  }
  io.out(flags.json ? JSON.stringify({ stopped: true, saves: writer.writes, into: memory.name }) : `stopped; ${writer.writes} saves into ${memory.name}`)
}
