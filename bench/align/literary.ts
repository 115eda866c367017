/**
 * A literary benchmark for long one-to-many beads (issue #12, weak spot 4), built from the verse-aligned Quran
 * (tm/quran.tsv of the data set `tm`, Saheeh International's English; never copied into the repository).
 *
 * The Arabic of a verse is one sentence; its English is often several (up to 8 and more), which is what literary
 * translation does to a long chained Arabic sentence. Documents are runs of consecutive verses; each verse gets a
 * final stop on both sides (the data has none: a verse end is a sentence end), the verses are joined with spaces
 * and segmented by our segmenter, and the gold is one bead per verse (its Arabic sentence × its English
 * sentences), projected by character offsets as in datasets.ts. The `merged` variant also joins about 15% of
 * adjacent English verses into one sentence (the first verse's stop becomes a semicolon), as a translator who runs
 * two verses together does: this adds 2-1, 2-2 and 2-3 … 2-8 gold beads.
 *
 * Documents alternate between halves (even-numbered runs `dev`, odd-numbered `test`), so both halves mix the long
 * verses of the early chapters with the short ones of the late chapters. Model constants may be tuned on `dev`
 * only.
 *
 * Reported per half: strict and lax F1 (score.ts), gold and produced shape counts, and the drift: for every source
 * sentence boundary, how many target sentences the produced path is from the gold path there (0 when it is on it),
 * as the maximum over all documents and as the number of boundaries 2 or more sentences off.
 */
import { readFileSync } from 'node:fs'
import { shapeName } from '../../src/align/gale-church.js'
import { buildDocument, type ArabicEnglishDocument, type LineDocument } from './datasets.js'
import { Scorer, type Pair } from './score.js'

/** The verses of tm/quran.tsv as lines, each with a final stop. */
export function readQuran(path: string): LineDocument {
  const arabic: string[] = []
  const english: string[] = []
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const tab = line.indexOf('\t')
    if (tab < 0) continue
    arabic.push(withStop(line.slice(0, tab)))
    english.push(withStop(line.slice(tab + 1)))
  }
  return { name: 'quran', arabic, english }
}

function withStop(text: string): string {
  const trimmed = text.trim()
  return /[.!?؟]["'”’)\]]*$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/** Splits the verses into documents of `size` consecutive verses, alternately dev and test. */
export function literaryDocuments(verses: LineDocument, size: number, merged: boolean, seed = 20261207): { dev: ArabicEnglishDocument[]; test: ArabicEnglishDocument[] } {
  const dev: ArabicEnglishDocument[] = []
  const test: ArabicEnglishDocument[] = []
  for (let start = 0, k = 0; start < verses.arabic.length; start += size, k++) {
    const lines: LineDocument = { name: `quran:${start}`, arabic: verses.arabic.slice(start, start + size), english: verses.english.slice(start, start + size) }
    const document = buildDocument(lines, merged ? { seed: seed + k, mergeRate: 0.15, dropRate: 0 } : undefined)
    ;(k % 2 === 0 ? dev : test).push(document)
  }
  return { dev, test }
}

/** What {@link evaluateLiterary} measures. */
export interface LiteraryResult {
  strictF1: number
  laxF1: number
  goldBeads: number
  /** Shape name (`'1-3'`) → count, gold and produced. */
  goldShapes: Map<string, number>
  producedShapes: Map<string, number>
  /** Gold beads of each shape found exactly. */
  exactShapes: Map<string, number>
  /** The largest distance, in target sentences, between the produced and the gold path at a source boundary. */
  maxDrift: number
  /** Source boundaries where the produced path is 2 or more target sentences off the gold path. */
  driftRows: number
  /** Source boundaries measured (sentences + 1 per document). */
  rows: number
}

/**
 * Per source boundary i (0..n), the range of target boundaries the path can be at on row i: past every target
 * sentence paired with a source sentence before i, and before every target sentence paired with one from i on.
 * Beads with an empty side add no constraint (the path crosses them along one axis); a bead that spans row i
 * leaves its whole target span open. Needs no bead order, so gold and produced beads are read alike.
 */
function pathColumns(beads: readonly Pair[], n: number, m: number): Array<[number, number]> {
  const lo = new Int32Array(n + 2)
  const hi = new Int32Array(n + 2).fill(m)
  for (const [source, target] of beads) {
    if (source.length === 0 || target.length === 0) continue
    const after = source[source.length - 1]! + 1
    lo[after] = Math.max(lo[after]!, target[target.length - 1]! + 1)
    hi[source[0]!] = Math.min(hi[source[0]!]!, target[0]!)
  }
  for (let i = 1; i <= n; i++) lo[i] = Math.max(lo[i]!, lo[i - 1]!)
  for (let i = n - 1; i >= 0; i--) hi[i] = Math.min(hi[i]!, hi[i + 1]!)
  return Array.from({ length: n + 1 }, (_, i) => [Math.min(lo[i]!, hi[i]!), Math.max(lo[i]!, hi[i]!)])
}

/** Distance between two column ranges (0 when they overlap). */
function gap(a: readonly [number, number], b: readonly [number, number]): number {
  return Math.max(0, a[0] - b[1], b[0] - a[1])
}

/** Aligns every document with `align` and measures the result against the gold. */
export function evaluateLiterary(documents: readonly ArabicEnglishDocument[], align: (document: ArabicEnglishDocument) => Pair[]): LiteraryResult {
  const scorer = new Scorer()
  const goldShapes = new Map<string, number>()
  const producedShapes = new Map<string, number>()
  const exactShapes = new Map<string, number>()
  const count = (map: Map<string, number>, [source, target]: Pair) => {
    const name = shapeName(source.length, target.length)
    map.set(name, (map.get(name) ?? 0) + 1)
  }
  let maxDrift = 0
  let driftRows = 0
  let rows = 0
  let goldBeads = 0
  for (const document of documents) {
    const produced = align(document)
    scorer.add(document.gold, produced)
    goldBeads += document.gold.length
    const key = (pair: Pair) => `${pair[0].join(',')}:${pair[1].join(',')}`
    const producedKeys = new Set(produced.map(key))
    for (const pair of document.gold) {
      count(goldShapes, pair)
      if (producedKeys.has(key(pair))) count(exactShapes, pair)
    }
    for (const pair of produced) count(producedShapes, pair)
    const n = document.arabicSentences.length
    const m = document.englishSentences.length
    const gold = pathColumns(document.gold, n, m)
    const test = pathColumns(produced, n, m)
    for (let i = 0; i <= n; i++) {
      const drift = gap(gold[i]!, test[i]!)
      if (drift > maxDrift) maxDrift = drift
      if (drift >= 2) driftRows++
    }
    rows += n + 1
  }
  const { strict, lax } = scorer.result()
  return { strictF1: strict.f1, laxF1: lax.f1, goldBeads, goldShapes, producedShapes, exactShapes, maxDrift, driftRows, rows }
}

/** Shapes in a fixed order (by total size, then source count), for tables. */
export function shapeOrder(maps: ReadonlyArray<ReadonlyMap<string, number>>): string[] {
  const names = new Set(maps.flatMap((map) => [...map.keys()]))
  const parse = (name: string) => name.split('-').map(Number) as [number, number]
  return [...names].sort((a, b) => {
    const [a0, a1] = parse(a)
    const [b0, b1] = parse(b)
    return a0 + a1 - (b0 + b1) || a0 - b0
  })
}
