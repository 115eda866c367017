/**
 * `mizan import FILE.corrections.json --into tm.xlf`: a corrections file exported from the static review page
 * (`mizan align --report review.html`, "Export corrections") applied as `mizan align --corrections FILE` applies it:
 * the two texts cut into the reviewer's sentences, the confirmed beads fixed, the rest aligned around them, and the
 * pairs stored as `mizan review` stores them. The texts are the files the corrections name, beside the corrections
 * file (the page records their names), or `--source-text` and `--target-text`; their length and checksum must be
 * the ones the reviewer edited.
 *
 * @module
 * @internal
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { isTmError } from '../../errors.js'
import { parseCorrections } from '../../review/corrections.js'
import { ReviewWriter, toReviewUnits } from '../../review/save-review.js'
import { needsReview } from '../../tm/needs-review.js'
import { isStandardInput, readInput } from '../input.js'
import { UserError } from '../io.js'
import type { OpenMemory } from '../memory.js'
import { decodeInput } from '../read-document.js'
import { correctedDocument } from './align-corrections.js'

/**
 * Whether a file to import is a corrections file (JSON: its first byte after white space and a BOM is `{`) rather
 * than XLIFF or TMX (XML: `<`). Standard input and FIFOs are never taken for one (they can be read only once).
 * @internal
 */
export function isCorrectionsFile(path: string): boolean {
  if (isStandardInput(path)) return false
  let fd: number | undefined
  try {
    if (!statSync(path).isFile()) return false
    fd = openSync(path, 'r')
    const head = Buffer.alloc(256)
    const length = readSync(fd, head, 0, head.length, 0)
    return /^(?:\uFEFF)?\s*\{/.test(head.subarray(0, length).toString('utf8'))
  } catch {
    return false // the XLIFF/TMX reader reports an unreadable file
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** What importing one corrections file did. @internal */
export interface CorrectionsImport {
  file: string
  format: 'mizan-corrections'
  source: string
  target: string
  beads: number
  confirmed: number
  rejected: number
  /** Units written (new or changed) and removed (a unit of the same document that no bead stands for any more). */
  added: number
  deleted: number
  /** Of the document's units, those that need review. */
  needsReview: number
  size: number
}

/**
 * Applies a corrections file to its two texts and writes the document's units into the memory (replacing the
 * units an earlier import or review of the same document wrote).
 * @internal
 */
export async function importCorrections(file: string, memory: OpenMemory, texts: { source?: string; target?: string }): Promise<CorrectionsImport> {
  const corrections = parseCorrections(readFileSync(file, 'utf8'), file)
  const pathOf = (side: 'source' | 'target'): string => {
    const named = corrections[side].name
    const path = texts[side] ?? (named === undefined ? undefined : join(dirname(file), named))
    if (path === undefined) throw new UserError(`${file} does not name the texts it was made on; give them: --source-text ar.txt --target-text en.txt`)
    return path
  }
  const source = pathOf('source')
  const target = pathOf('target')
  const sourceText = decodeInput(readInput(source), source)
  const targetText = decodeInput(readInput(target), target)
  let document
  try {
    document = correctedDocument(corrections, sourceText, targetText, { sourceLang: memory.tm.sourceLang, targetLang: memory.tm.targetLang })
  } catch (error) {
    // "made on another source text": say which files were compared.
    if (isTmError(error)) throw new UserError(`${file} and ${source}, ${target}: ${error.message.replace(/^mizan: /, '')}`)
    throw error
  }
  const name = basename(source)
  const writer = await ReviewWriter.open(memory, { document: name })
  const { added, deleted } = await writer.write(document)
  const count = (state: string): number => document.beads.filter((bead) => bead.state === state).length
  return {
    file,
    format: 'mizan-corrections',
    source,
    target,
    beads: document.beads.length,
    confirmed: count('confirmed'),
    rejected: count('rejected'),
    added,
    deleted,
    needsReview: toReviewUnits(document, { document: name }).filter(needsReview).length,
    size: await memory.tm.size(),
  }
}
