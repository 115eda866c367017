/**
 * The corrections file a reviewer exports from the static review page (`mizan align --report review.html`), and
 * what `mizan align --corrections FILE` makes of it: the segmentation as the reviewer left it and the beads they
 * confirmed or rejected.
 *
 * Sentences are written as character ranges of the two texts, not as indexes of the segmenter's sentences, so
 * a file keeps its meaning when the segmenter changes: applying it cuts the texts where the reviewer's sentences
 * begin and end. Each side also carries the text's length and checksum, so a file is never applied to another
 * text.
 *
 * Pure: the page bundles this module (no Node imports).
 *
 * @module
 */
import type { ReviewDocument } from './model.js'
import { ReviewError } from './review-error.js'

/**
 * One side of a corrections file.
 *
 * @example
 * ```ts
 * import type { CorrectionsSide } from 'mizan'
 * const side: CorrectionsSide = { length: 13, checksum: 'a1b2c3d4', sentences: [[0, 6], [7, 13]] }
 * ```
 * @group Alignment
 */
export interface CorrectionsSide {
  /** The text's length in UTF-16 code units. */
  length: number
  /** The text's checksum (32-bit FNV-1a of its UTF-16 code units, in hex), to tell a file made on another text. */
  checksum: string
  /** Each sentence as `[start, end)` character offsets into the text, in order, not overlapping. */
  sentences: Array<[number, number]>
  /**
   * The text's file name as the page showed it (e.g. `'ar.txt'`), so `mizan import` finds the text beside the
   * file; optional (files written before it have none), and never trusted alone: the length and checksum decide.
   */
  name?: string
}

/**
 * A corrections file: the reviewer's segmentation of both texts and the beads they confirmed or rejected (open
 * beads are left to the aligner).
 *
 * @example
 * ```ts
 * import type { Corrections } from 'mizan'
 * const corrections: Corrections = {
 *   formatVersion: 1,
 *   kind: 'mizan-corrections',
 *   source: { length: 6, checksum: '…', sentences: [[0, 6]] },
 *   target: { length: 6, checksum: '…', sentences: [[0, 6]] },
 *   beads: [{ source: [0], target: [0], state: 'confirmed' }],
 * }
 * ```
 * @group Alignment
 */
export interface Corrections {
  /** The version of this format; 1. */
  formatVersion: 1
  /** Always `'mizan-corrections'`, so another JSON file is told apart. */
  kind: 'mizan-corrections'
  /** The source text's segmentation. */
  source: CorrectionsSide
  /** The target text's segmentation. */
  target: CorrectionsSide
  /** Confirmed and rejected beads, by indexes into `source.sentences` and `target.sentences`, in order. */
  beads: Array<{ source: number[]; target: number[]; state: 'confirmed' | 'rejected' }>
}

/**
 * A 32-bit FNV-1a checksum of a text's UTF-16 code units, as 8 hex digits: enough to tell a corrections file
 * was made on another text (not a security measure).
 *
 * @param text - the text
 * @returns 8 lower-case hex digits
 * @example
 * ```ts
 * import { textChecksum } from './corrections.js'
 * textChecksum('') // '811c9dc5'
 * ```
 * @internal
 */
export function textChecksum(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

const space = /\s/

/**
 * Finds each sentence in the text, in order: the sentences as the editor holds them are slices of the text,
 * trimmed, or slices joined with one space where the text had any run of white space (a sentence join).
 *
 * @param text - the text the sentences came from
 * @param sentences - the sentences, in order
 * @returns each sentence's `[start, end)` in the text
 * @throws {@link mizan!TmError} (a `ReviewError`, code `INVALID_INPUT`) naming the first sentence not found where expected
 * @example
 * ```ts
 * import { locateSentences } from './corrections.js'
 * locateSentences('Hello.\n\nWorld. Again.', ['Hello. World.', 'Again.']) // [[0, 15], [16, 22]]
 * ```
 * @internal
 */
export function locateSentences(text: string, sentences: readonly string[]): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  let at = 0
  sentences.forEach((sentence, index) => {
    const wanted = sentence.trim()
    while (at < text.length && space.test(text[at]!)) at++
    const start = at
    let i = 0
    while (i < wanted.length) {
      if (space.test(wanted[i]!)) {
        // A run of white space in the sentence matches a run in the text (a join turns "\n\n" into " ").
        while (i < wanted.length && space.test(wanted[i]!)) i++
        if (!(at < text.length && space.test(text[at]!))) break
        while (at < text.length && space.test(text[at]!)) at++
      } else if (text[at] === wanted[i]) {
        at++
        i++
      } else break
    }
    if (i < wanted.length || wanted.length === 0) {
      throw new ReviewError('INVALID_INPUT', `sentence ${index + 1} (${JSON.stringify(wanted.slice(0, 40))}) is not in the text at character ${start}: the document was not made from this text`)
    }
    spans.push([start, at])
  })
  return spans
}

/**
 * Makes the corrections file of a reviewed document: its segmentation as ranges of the two texts, and its
 * confirmed and rejected beads.
 *
 * @param document - the reviewed document (its sentences are slices of the texts, maybe split or joined)
 * @param sourceText - the source text the document was made from
 * @param targetText - the target text
 * @param names - the texts' file names, recorded so `mizan import` can find the texts beside the file
 * @returns the corrections
 * @throws {@link mizan!TmError} (a `ReviewError`, code `INVALID_INPUT`) when a sentence is not in its text
 * @example
 * ```ts
 * import { toCorrections } from './corrections.js'
 * const file = JSON.stringify(toCorrections(document, arabicText, englishText, { source: 'ar.txt', target: 'en.txt' }))
 * ```
 * @group Review
 */
export function toCorrections(document: ReviewDocument, sourceText: string, targetText: string, names?: { source: string; target: string }): Corrections {
  return {
    formatVersion: 1,
    kind: 'mizan-corrections',
    source: { length: sourceText.length, checksum: textChecksum(sourceText), sentences: locateSentences(sourceText, document.source), ...(names === undefined ? {} : { name: names.source }) },
    target: { length: targetText.length, checksum: textChecksum(targetText), sentences: locateSentences(targetText, document.target), ...(names === undefined ? {} : { name: names.target }) },
    beads: document.beads.flatMap((bead) => (bead.state === 'open' ? [] : [{ source: [...bead.source], target: [...bead.target], state: bead.state }])),
  }
}

function checkSide(value: unknown, side: string, name: string): CorrectionsSide {
  const refuse = (what: string): never => {
    throw new ReviewError('INVALID_INPUT', `${name}: ${side} ${what}`)
  }
  if (value === null || typeof value !== 'object') return refuse('must be an object with length, checksum and sentences')
  const { length, checksum, sentences, name: file } = value as Record<string, unknown>
  if (file !== undefined && (typeof file !== 'string' || file === '' || /[\\/\0]/.test(file))) refuse(`name must be a file name (no folders), got ${JSON.stringify(file)}`)
  if (!Number.isInteger(length) || (length as number) < 0) refuse(`length must be a whole number, got ${JSON.stringify(length)}`)
  if (typeof checksum !== 'string' || !/^[0-9a-f]{8}$/.test(checksum)) refuse(`checksum must be 8 hex digits, got ${JSON.stringify(checksum)}`)
  if (!Array.isArray(sentences)) return refuse('sentences must be an array of [start, end] ranges')
  let end = 0
  sentences.forEach((range: unknown, index) => {
    const [s, e] = Array.isArray(range) && range.length === 2 ? (range as unknown[]) : []
    if (!Number.isInteger(s) || !Number.isInteger(e) || (s as number) < end || (e as number) <= (s as number) || (e as number) > (length as number)) {
      refuse(`sentence ${index} has range ${JSON.stringify(range)}; expected [start, end] in order, not overlapping, within the ${String(length)} characters`)
    }
    end = e as number
  })
  return value as CorrectionsSide
}

/**
 * Reads a corrections file, checking every field.
 *
 * @param json - the file's text
 * @param name - the file's name, for messages
 * @returns the corrections
 * @throws {@link mizan!TmError} (a `ReviewError`, code `INVALID_INPUT`) when it is not JSON, not a corrections file, of an unknown
 *   `formatVersion`, or its ranges or beads are out of order
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs'
 * import { parseCorrections } from 'mizan'
 * const corrections = parseCorrections(readFileSync('ar.corrections.json', 'utf8'), 'ar.corrections.json')
 * corrections.beads.filter((bead) => bead.state === 'confirmed').length
 * ```
 * @group Alignment
 */
export function parseCorrections(json: string, name = 'corrections'): Corrections {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (error) {
    throw new ReviewError('INVALID_INPUT', `${name} is not JSON: ${(error as Error).message}`)
  }
  const record = (value ?? {}) as Record<string, unknown>
  if (record['kind'] !== 'mizan-corrections') throw new ReviewError('INVALID_INPUT', `${name} is not a mizan corrections file (expected "kind": "mizan-corrections")`)
  if (record['formatVersion'] !== 1) throw new ReviewError('INVALID_INPUT', `${name} has formatVersion ${JSON.stringify(record['formatVersion'])}; expected 1`)
  const source = checkSide(record['source'], 'source', name)
  const target = checkSide(record['target'], 'target', name)
  if (!Array.isArray(record['beads'])) throw new ReviewError('INVALID_INPUT', `${name}: beads must be an array`)
  const next = { source: 0, target: 0 }
  const counts = { source: source.sentences.length, target: target.sentences.length }
  ;(record['beads'] as unknown[]).forEach((bead, index) => {
    const b = (bead ?? {}) as Record<string, unknown>
    if (b['state'] !== 'confirmed' && b['state'] !== 'rejected') throw new ReviewError('INVALID_INPUT', `${name}: bead ${index} has state ${JSON.stringify(b['state'])}; expected confirmed or rejected`)
    for (const side of ['source', 'target'] as const) {
      const indexes = b[side]
      if (!Array.isArray(indexes)) throw new ReviewError('INVALID_INPUT', `${name}: bead ${index} ${side} must be an array of sentence indexes`)
      indexes.forEach((sentence: unknown, k) => {
        const first = k === 0 ? next[side] : (indexes[k - 1] as number) + 1
        if (!Number.isInteger(sentence) || (sentence as number) < first || (k > 0 && sentence !== first) || (sentence as number) >= counts[side]) {
          throw new ReviewError('INVALID_INPUT', `${name}: bead ${index} has ${side} sentence ${JSON.stringify(sentence)}; beads must be in order, their sentences consecutive, below ${counts[side]}`)
        }
      })
      if (indexes.length > 0) next[side] = (indexes[indexes.length - 1] as number) + 1
    }
    if ((b['source'] as number[]).length + (b['target'] as number[]).length === 0) throw new ReviewError('INVALID_INPUT', `${name}: bead ${index} has no sentence on either side`)
  })
  return value as Corrections
}

/**
 * Applies a corrections file to the two texts: the sentences cut where the reviewer's begin and end, and the
 * confirmed and rejected beads over them.
 *
 * @param corrections - the corrections (from {@link parseCorrections})
 * @param sourceText - the source text
 * @param targetText - the target text
 * @returns the sentences of both sides and the beads, ready for `alignSentences(source, target, { fixed: confirmed })`
 * @throws {@link mizan!TmError} (a `ReviewError`, code `INVALID_INPUT`) when a text is not the one the corrections were made on
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs'
 * import { alignSentences, applyCorrections, parseCorrections } from 'mizan'
 * const corrections = parseCorrections(readFileSync('ar.corrections.json', 'utf8'))
 * const { source, target, confirmed } = applyCorrections(corrections, arabicText, englishText)
 * // the reviewer's sentences; their confirmed beads stay, the rest is aligned around them
 * const { beads } = alignSentences(source, target, { sourceLang: 'ar', targetLang: 'en', fixed: confirmed })
 * ```
 * @group Alignment
 */
export function applyCorrections(corrections: Corrections, sourceText: string, targetText: string): { source: string[]; target: string[]; confirmed: Array<{ source: number[]; target: number[] }>; rejected: Array<{ source: number[]; target: number[] }> } {
  const cut = (side: 'source' | 'target', text: string): string[] => {
    const { length, checksum, sentences } = corrections[side]
    if (text.length !== length || textChecksum(text) !== checksum) {
      throw new ReviewError('INVALID_INPUT', `the corrections were made on another ${side} text (${length} characters, checksum ${checksum}; this one has ${text.length} characters, checksum ${textChecksum(text)})`)
    }
    return sentences.map(([start, end]) => text.slice(start, end))
  }
  const pick = (state: 'confirmed' | 'rejected'): Array<{ source: number[]; target: number[] }> => corrections.beads.filter((bead) => bead.state === state).map((bead) => ({ source: [...bead.source], target: [...bead.target] }))
  return { source: cut('source', sourceText), target: cut('target', targetText), confirmed: pick('confirmed'), rejected: pick('rejected') }
}
