/**
 * `mizan import <file...> --into tm.xlf`: read XLIFF 1.2, XLIFF 2.x and TMX files into a memory, reporting
 * how many units were added, updated and skipped; and corrections files exported from the static review page
 * (import-corrections.ts).
 *
 * @module
 * @internal
 */
import { statSync } from 'node:fs'
import type { Command } from 'commander'
import { readTmx } from '../../formats/tmx.js'
import { readXliff } from '../../formats/xliff.js'
import { needsReview } from '../../tm/needs-review.js'
import type { TranslationMemory } from '../../tm/translation-memory.js'
import type { NewTranslationUnit, TranslationUnit } from '../../types.js'
import { inputName, isStandardInput, readStandardInputOnce, streamInput, type InputStream } from '../input.js'
import { UserError, userMessage, type CliIo } from '../io.js'
import { openMemory } from '../memory.js'
import { jsonOption, storeOption } from '../options.js'
import { refuseOverwrite } from '../overwrite.js'
import { createProgress, type Progress } from '../progress.js'
import { importCorrections, isCorrectionsFile, type CorrectionsImport } from './import-corrections.js'

/** What adding units did. @internal */
export interface AddCounts {
  /** New units. */
  added: number
  /** Units that replaced a stored unit (same id, or same source and target, with something changed). */
  updated: number
  /** Units not stored: untranslated (empty target), or identical to the stored unit with their id. */
  skipped: number
  /** Of the units added or updated, those that need review (`needsReview`: the aligner's doubtful pairs). */
  needsReview: number
  /** Units in the memory afterwards. */
  size: number
}

/** The formats `import` reads, told apart by their root element. @internal */
export type ImportFormat = 'xliff' | 'tmx'

/**
 * Tells XLIFF from TMX by the root element, skipping the XML declaration, comments and white space.
 * Anything else is a user error naming the file.
 * @internal
 */
export function sniffFormat(text: string, file: string): ImportFormat {
  const root = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<([\p{L}_][\p{L}\p{N}_.:-]*)/u.exec(text)?.[1]
  const local = root?.split(':').pop()
  if (local === 'xliff') return 'xliff'
  if (local === 'tmx') return 'tmx'
  // The SQLite file format's 16-byte magic header: a memory database named where an exchange file was expected.
  if (text.startsWith('SQLite format 3\0')) throw new UserError(`${file}: this is an SQLite database, not an XLIFF or TMX file; to copy its units, export it (mizan export sqlite:${file} --format xliff21 -o units.xlf) and import that`)
  throw new UserError(`${file}: not an XLIFF or TMX file (root element ${root === undefined ? 'missing' : `<${root}>`}; expected <xliff> or <tmx>)`)
}

/** JSON with object keys sorted, so two units compare equal whatever order their fields were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner,
  )
}

/** Whether a stored unit already says everything a new one says (ids and dates aside). */
function sameContent(stored: TranslationUnit, unit: NewTranslationUnit): boolean {
  const strip = ({ id: _id, createdAt: _created, changedAt: _changed, ...rest }: NewTranslationUnit): NewTranslationUnit => rest
  return canonical(strip(stored)) === canonical(strip(unit))
}

/**
 * Adds units one by one and counts what happened. A unit with an empty target is skipped: a memory stores
 * translations.
 * @internal
 */
export async function addUnits(tm: TranslationMemory, units: Iterable<NewTranslationUnit> | AsyncIterable<NewTranslationUnit>, progress?: Progress): Promise<AddCounts> {
  const counts: AddCounts = { added: 0, updated: 0, skipped: 0, needsReview: 0, size: 0 }
  let size = await tm.size()
  for await (const unit of units) {
    progress?.tick()
    if (unit.target.trim() === '') {
      counts.skipped++
      continue
    }
    // The unit it would replace: the one with its id, or (without an id) the one with the same source and target.
    const stored =
      unit.id !== undefined ? await tm.get(unit.id) : (await tm.lookup(unit.source)).find((match) => match.unit.source === unit.source && match.unit.target === unit.target)?.unit
    if (stored !== undefined && sameContent(stored, unit)) {
      counts.skipped++
      continue
    }
    await tm.add(unit)
    if (needsReview(unit)) counts.needsReview++
    const after = await tm.size()
    if (after > size) counts.added++
    else counts.updated++
    size = after
  }
  counts.size = size
  return counts
}

/** The primary language subtag, lower-cased: `'ar'` for `'ar-EG'`. */
function primary(lang: string): string {
  return lang.split(/[-_]/)[0]!.toLowerCase()
}

/** How many bytes are read before the format is told from the root element. */
const HEAD_BYTES = 16_384

/**
 * Streams one file's units, whatever its format, with memory bounded by the largest unit (files of millions of
 * units import fine), from an input opened by `streamInput` (which counts the bytes against `--max-input` and for
 * the progress bar); `name` is how messages call it. TMX units are read with the memory's languages as source
 * and target; an XLIFF file whose languages are the memory's the other way round is refused, since its pairs
 * would go in backwards.
 * @internal
 */
async function readUnitsFile(name: string, input: InputStream, memory: { sourceLang: string; targetLang: string }): Promise<{ format: () => string; units: AsyncGenerator<TranslationUnit> }> {
  // One stream serves both the sniffing and the reading, so `-` and FIFOs, which can be read only once, work.
  const head: Buffer[] = []
  let headLength = 0
  let ended = false
  while (headLength < HEAD_BYTES) {
    const next = await input.chunks.next()
    if (next.done === true) {
      ended = true
      break
    }
    head.push(next.value)
    headLength += next.value.length
  }
  let kind: ImportFormat
  try {
    kind = sniffFormat(Buffer.concat(head).toString('utf8').replace(/^\uFEFF/, ''), name)
  } catch (error) {
    await input.chunks.return(undefined)
    throw error
  }
  async function* bytes(): AsyncGenerator<Buffer> {
    yield* head
    if (!ended) yield* input.chunks
  }
  const stream = bytes()
  let format: string = kind
  let languages: { sourceLang: string; targetLang?: string } | undefined
  const inner =
    kind === 'tmx'
      ? readTmx(stream, { file: name, sourceLang: memory.sourceLang, targetLang: memory.targetLang })
      : readXliff(stream, {
          file: name,
          onHeader: (header) => {
            format = `xliff-${header.formatVersion}`
            languages = header
          },
        })
  async function* checked(): AsyncGenerator<TranslationUnit> {
    try {
      for await (const unit of inner) {
        if (languages !== undefined) {
          const { sourceLang, targetLang } = languages
          languages = undefined
          if (targetLang !== undefined && primary(sourceLang) === primary(memory.targetLang) && primary(targetLang) === primary(memory.sourceLang) && primary(sourceLang) !== primary(targetLang)) {
            throw new UserError(`${name}: its units are ${sourceLang}→${targetLang} but the memory is ${memory.sourceLang}→${memory.targetLang}`)
          }
        }
        yield unit
      }
    } catch (error) {
      const message = userMessage(error, name)
      if (message !== undefined && !(error instanceof UserError)) throw new UserError(message)
      throw error
    } finally {
      // Closing a generator that never started does not run its body, so the input is closed by name too.
      await stream.return(undefined)
      await input.chunks.return(undefined)
    }
  }
  return { format: () => format, units: checked() }
}

/** Adds the `import` command. @internal */
export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('import XLIFF 1.2, XLIFF 2.x and TMX files, or review corrections, into a memory')
    .argument('<file...>', 'XLIFF (.xlf, .xliff) or TMX (.tmx) files, or corrections (.json) from a review page; the format is read from the file')
    .option('--into <tm.xlf>', 'the memory (an XLIFF 2 file, created when absent; or sqlite:/postgres://)')
    .addOption(storeOption())
    .option('--source-text <file>', 'corrections: the source text they were made on (default: the file they name, beside them)')
    .option('--target-text <file>', 'corrections: the target text they were made on (likewise)')
    .addOption(jsonOption())
    .addHelpText('after', '\nExample:\n  mizan import old.tmx client.xlf --into tm.xlf\n  mizan import ar.corrections.json --into tm.xlf')
    .action(async (files: string[], flags: { into?: string; store?: string; json?: boolean; sourceText?: string; targetText?: string }) => {
      const into = flags.store ?? flags.into
      if (into === undefined) throw new UserError('import needs the memory to add to: --into <tm.xlf> (or --store <spec> for a database)')
      // `import tm.xlf --into tm.xlf` would rewrite the file it is reading.
      refuseOverwrite(into, flags.store === undefined ? '--into' : '--store', files)
      readStandardInputOnce(files)
      const memory = await openMemory(into, { create: true, store: flags.store !== undefined })
      const perFile: Array<{ file: string; format: string; units: number } & AddCounts> = []
      const corrected: CorrectionsImport[] = []
      let size = 0
      try {
        for (const file of files) {
          if (isCorrectionsFile(file)) {
            corrected.push(await importCorrections(file, memory, { ...(flags.sourceText === undefined ? {} : { source: flags.sourceText }), ...(flags.targetText === undefined ? {} : { target: flags.targetText }) }))
            continue
          }
          let progress: Progress | undefined
          const input = streamInput(file, (bytes) => progress?.update(bytes))
          progress = createProgress({ label: `import ${file}`, ...(input.size === undefined ? {} : { total: input.size }), unit: 'B', stream: io.err })
          try {
            const read = await readUnitsFile(inputName(file), input, memory.tm)
            let count = 0
            async function* counted(): AsyncGenerator<TranslationUnit> {
              for await (const unit of read.units) {
                count++
                yield unit
              }
            }
            const counts = await addUnits(memory.tm, counted())
            perFile.push({ file, format: read.format(), units: count, ...counts })
          } finally {
            progress.done()
          }
        }
        size = await memory.tm.size()
        await memory.save()
      } finally {
        await memory.close()
      }
      const total = perFile.reduce(
        (sum, entry) => ({ added: sum.added + entry.added, updated: sum.updated + entry.updated, skipped: sum.skipped + entry.skipped, needsReview: sum.needsReview + entry.needsReview }),
        { added: 0, updated: 0, skipped: 0, needsReview: 0 },
      )
      if (flags.json) {
        io.out(JSON.stringify({ into, files: perFile, ...total, size, ...(corrected.length === 0 ? {} : { corrections: corrected }) }, null, 2))
        return
      }
      for (const entry of corrected) {
        io.out(`${entry.file} (corrections of ${entry.source} ↔ ${entry.target}): ${entry.beads} beads (${entry.confirmed} confirmed, ${entry.rejected} rejected, the rest aligned around them); ${entry.added} units written, ${entry.deleted} removed${entry.needsReview > 0 ? `, ${entry.needsReview} of the document's units needing review` : ''}`)
      }
      for (const entry of perFile) {
        io.out(`${entry.file} (${entry.format}, ${entry.units} units): ${entry.added} added, ${entry.updated} updated, ${entry.skipped} skipped${entry.needsReview > 0 ? `, ${entry.needsReview} of them needing review` : ''}`)
      }
      io.out(`memory ${into}: ${size} units (${fileSize(into)})`)
    })
}

/** A human file size; 'database' for a store, 'streamed' for standard input or a FIFO. @internal */
export function fileSize(path: string): string {
  if (isStandardInput(path)) return 'streamed'
  try {
    const stats = statSync(path)
    if (!stats.isFile()) return 'streamed'
    const bytes = stats.size
    return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`
  } catch {
    return 'database'
  }
}
