/**
 * Arabic-English benchmark documents built from line-aligned test sets (Flores-200 devtest, NTREX-128), as the
 * issue describes: each document's lines are joined into one text per side (a space between lines, so the
 * segmenter, not the line breaks, finds the sentences), and the 1-1 line gold is projected onto our sentences by
 * character offsets.
 *
 * Perturbed variant (seeded): about 15% of adjacent English lines are merged into one sentence (the first line's
 * final stop becomes a semicolon), and about 3% of Arabic lines are dropped, which gives real 2-1 and 0-1 beads.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { segmentSentences } from '../../src/segment/index.js'
import type { Sentence } from '../../src/types.js'
import type { Pair } from './score.js'
import { random } from '../../tests/helpers/shared-data.js'

/** A benchmark document: texts, our sentences, and the gold beads over our sentence indexes. */
export interface ArabicEnglishDocument {
  name: string
  arabic: string
  english: string
  arabicSentences: Sentence[]
  englishSentences: Sentence[]
  gold: Pair[]
  /** True when the sentences are given (one per line, {@link buildLineDocument}): aligners take them as they are. */
  sentencesGiven?: boolean
}

/** A line-aligned document: Arabic and English lines, line k translating line k. */
export interface LineDocument {
  name: string
  arabic: string[]
  english: string[]
}

/** Mulberry32, re-exported for bench/align.ts so perturbations and the bench share one seeded PRNG. */
export { random }

function readLines(path: string): string[] {
  const lines = readFileSync(path, 'utf8').split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** Groups consecutive lines with the same document key. */
function group(keys: readonly string[], arabic: readonly string[], english: readonly string[], prefix: string): LineDocument[] {
  const documents: LineDocument[] = []
  for (let k = 0; k < keys.length; k++) {
    if (k === 0 || keys[k] !== keys[k - 1]) documents.push({ name: `${prefix}:${keys[k]}#${documents.length}`, arabic: [], english: [] })
    documents[documents.length - 1]!.arabic.push(arabic[k]!)
    documents[documents.length - 1]!.english.push(english[k]!)
  }
  return documents
}

/** Flores-200 devtest: 1012 lines, documents by URL. */
export function readFlores(directory: string): LineDocument[] {
  const urls = readLines(join(directory, 'metadata_devtest.tsv')).slice(1).map((row) => row.split('\t')[0]!)
  return group(urls, readLines(join(directory, 'arb_Arab.devtest')), readLines(join(directory, 'eng_Latn.devtest')), 'flores')
}

/** NTREX-128: 1997 lines, documents by DOCUMENT_IDS.tsv. */
export function readNtrex(directory: string): LineDocument[] {
  const ids = readLines(join(directory, 'DOCUMENT_IDS.tsv')).map((row) => row.split('\t')[0]!)
  return group(ids, readLines(join(directory, 'newstest2019-ref.arb.txt')), readLines(join(directory, 'newstest2019-src.eng.txt')), 'ntrex')
}

/** All documents' lines as one document. */
export function concatenate(documents: readonly LineDocument[], name: string): LineDocument {
  return { name, arabic: documents.flatMap((d) => d.arabic), english: documents.flatMap((d) => d.english) }
}

/** A piece of a joined text: its lines' gold pair ids and its character range. */
interface Piece {
  pairs: number[]
  start: number
  end: number
}

function join_(texts: readonly string[], pairs: readonly number[][], separator = ' '): { text: string; pieces: Piece[] } {
  let text = ''
  const pieces: Piece[] = []
  texts.forEach((piece, k) => {
    if (k > 0) text += separator
    pieces.push({ pairs: pairs[k]!, start: text.length, end: text.length + piece.length })
    text += piece
  })
  return { text, pieces }
}

/** Merges an English line into the next: its final stop (before closing quotes) becomes a semicolon. */
function mergeLines(first: string, second: string): string {
  const trimmed = first.trimEnd()
  const merged = /[.!?]+(["'”’)\]]*)$/.test(trimmed) ? trimmed.replace(/[.!?]+(["'”’)\]]*)$/, '$1;') : `${trimmed};`
  return `${merged} ${second}`
}

/**
 * A seeded perturbation: about `mergeRate` of adjacent English lines merged into one sentence, `dropRate` of the
 * Arabic lines (and `englishDropRate` of the English ones) dropped, and with `insert`, unrelated sentences from
 * `pool` (Arabic, English pairs) inserted after `rate` of the lines on each side independently.
 */
export interface Perturbation {
  seed: number
  mergeRate: number
  dropRate: number
  englishDropRate?: number
  /** The English from line `from` on replaced by `lines` of another document (no counterpart), before the rest. */
  replaceEnglishTail?: { from: number; lines: readonly string[] }
  insert?: { rate: number; pool: ReadonlyArray<readonly [string, string]> }
}

/** Lines after a perturbation: each Arabic and English line with the ids of the gold pairs it holds. */
interface PerturbedLines {
  arabicTexts: string[]
  arabicPairs: number[][]
  englishTexts: string[]
  englishPairs: number[][]
  /** Gold pair ids in use (lines inserted or replaced get ids from the line count on). */
  count: number
}

/** Applies `perturb` (when given) to line-aligned text; see {@link Perturbation}. */
function perturbLines(lines: LineDocument, perturb: Perturbation | undefined): PerturbedLines {
  let count = lines.arabic.length
  let arabicTexts = [...lines.arabic]
  let arabicPairs = lines.arabic.map((_, k) => [k])
  let englishTexts = [...lines.english]
  let englishPairs = lines.english.map((_, k) => [k])
  if (perturb?.replaceEnglishTail) {
    const { from, lines: tail } = perturb.replaceEnglishTail
    englishTexts = [...englishTexts.slice(0, from), ...tail]
    englishPairs = [...englishPairs.slice(0, from), ...tail.map(() => [count++])]
  }
  if (perturb) {
    const next = random(perturb.seed)
    const mergedTexts: string[] = []
    const mergedPairs: number[][] = []
    for (let k = 0; k < englishTexts.length; k++) {
      if (k + 1 < englishTexts.length && next() < perturb.mergeRate) {
        mergedTexts.push(mergeLines(englishTexts[k]!, englishTexts[k + 1]!))
        mergedPairs.push([...englishPairs[k]!, ...englishPairs[k + 1]!])
        k++
      } else {
        mergedTexts.push(englishTexts[k]!)
        mergedPairs.push(englishPairs[k]!)
      }
    }
    englishTexts = mergedTexts
    englishPairs = mergedPairs
    const keep = arabicTexts.map(() => next() >= perturb.dropRate)
    arabicTexts = arabicTexts.filter((_, k) => keep[k])
    arabicPairs = arabicPairs.filter((_, k) => keep[k])
    if (perturb.englishDropRate) {
      const keepEnglish = englishTexts.map(() => next() >= perturb.englishDropRate!)
      englishTexts = englishTexts.filter((_, k) => keepEnglish[k])
      englishPairs = englishPairs.filter((_, k) => keepEnglish[k])
    }
    // Unrelated sentences inserted on each side independently: each gets an id of its own, with no counterpart.
    const insert = perturb.insert
    if (insert && insert.pool.length > 0) {
      const into = (texts: string[], pairs: number[][], side: 0 | 1): [string[], number[][]] => {
        const outTexts: string[] = []
        const outPairs: number[][] = []
        texts.forEach((text, k) => {
          outTexts.push(text)
          outPairs.push(pairs[k]!)
          if (next() < insert.rate) {
            outTexts.push(insert.pool[Math.floor(next() * insert.pool.length)]![side])
            outPairs.push([count++])
          }
        })
        return [outTexts, outPairs]
      }
      ;[arabicTexts, arabicPairs] = into(arabicTexts, arabicPairs, 0)
      ;[englishTexts, englishPairs] = into(englishTexts, englishPairs, 1)
    }
  }
  return { arabicTexts, arabicPairs, englishTexts, englishPairs, count }
}

/**
 * Builds a benchmark document from line-aligned text, optionally perturbed, keeping each line as one sentence (no
 * re-segmentation), as issue #12 states its recipe: the gold beads are the pairs, an English line merged from two
 * pairs joining them. Its sentences' offsets are into the lines joined by line feeds.
 */
export function buildLineDocument(lines: LineDocument, perturb: Perturbation | undefined): ArabicEnglishDocument {
  const { arabicTexts, arabicPairs, englishTexts, englishPairs } = perturbLines(lines, perturb)
  const root = new Map<number, number>()
  for (const pairs of englishPairs) for (const k of pairs) root.set(k, pairs[0]!)
  const beads = new Map<number, [number[], number[]]>()
  const bead = (k: number) => {
    let b = beads.get(k)
    if (!b) beads.set(k, (b = [[], []]))
    return b
  }
  arabicPairs.forEach((pairs, i) => bead(root.get(pairs[0]!) ?? pairs[0]!)[0].push(i))
  englishPairs.forEach((pairs, j) => bead(pairs[0]!)[1].push(j))
  const arabic = join_(arabicTexts, arabicPairs, '\n')
  const english = join_(englishTexts, englishPairs, '\n')
  const asSentences = (texts: readonly string[], pieces: readonly Piece[]): Sentence[] => texts.map((text, k) => ({ text, start: pieces[k]!.start, end: pieces[k]!.end }))
  return { name: lines.name, arabic: arabic.text, english: english.text, arabicSentences: asSentences(arabicTexts, arabic.pieces), englishSentences: asSentences(englishTexts, english.pieces), gold: [...beads.values()], sentencesGiven: true }
}

/**
 * Builds a benchmark document from line-aligned text, optionally perturbed, segmenting both sides with our
 * segmenter and projecting the gold by character offsets: sentences that overlap the same gold pair, or pairs
 * joined by one sentence, form one gold bead.
 */
export function buildDocument(lines: LineDocument, perturb: Perturbation | undefined): ArabicEnglishDocument {
  const { arabicTexts, arabicPairs, englishTexts, englishPairs, count } = perturbLines(lines, perturb)
  const arabic = join_(arabicTexts, arabicPairs)
  const english = join_(englishTexts, englishPairs)
  const arabicSentences = segmentSentences(arabic.text, 'ar')
  const englishSentences = segmentSentences(english.text, 'en')

  // Union-find over gold pair ids, joined whenever one of our sentences overlaps pieces of several pairs.
  const parent = Array.from({ length: count }, (_, k) => k)
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k]!)))
  const pairsOf = (sentence: Sentence, pieces: readonly Piece[]) => {
    const found: number[] = []
    for (const piece of pieces) if (piece.start < sentence.end && sentence.start < piece.end) found.push(...piece.pairs)
    return found
  }
  const arabicOf = arabicSentences.map((s) => pairsOf(s, arabic.pieces))
  const englishOf = englishSentences.map((s) => pairsOf(s, english.pieces))
  for (const list of [...arabicOf, ...englishOf, ...englishPairs]) for (const k of list.slice(1)) parent[find(k)] = find(list[0]!)
  const beads = new Map<number, [number[], number[]]>()
  const bead = (root: number) => {
    let b = beads.get(root)
    if (!b) beads.set(root, (b = [[], []]))
    return b
  }
  const orphan = (side: string, k: number) => new Error(`bench: ${lines.name}: ${side} sentence ${k} overlaps no line; the projection is broken`)
  arabicOf.forEach((list, i) => {
    if (list.length === 0) throw orphan('Arabic', i)
    bead(find(list[0]!))[0].push(i)
  })
  englishOf.forEach((list, j) => {
    if (list.length === 0) throw orphan('English', j)
    bead(find(list[0]!))[1].push(j)
  })
  // Bead order does not matter to the scorer (it compares sets of beads).
  const gold = [...beads.values()].filter(([s, t]) => s.length + t.length > 0)
  return { name: lines.name, arabic: arabic.text, english: english.text, arabicSentences, englishSentences, gold }
}
