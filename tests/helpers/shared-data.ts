/**
 * The shared Arabic–English sentence pairs (`tm/{un,tatoeba,quran}.tsv` of the data folder, Arabic<TAB>English;
 * tests/helpers/data.ts finds it: `MIZAN_DATA` or `../shared/data`) as the tests and the benchmarks read them, plus the seeded PRNG and the seeded memory growth and query edits they
 * share, so every reader sees the same pairs in the same order. Benchmarks import it by relative path.
 *
 * @internal
 */
import { readFileSync } from 'node:fs'
import type { MatchSide } from '../../src/storage/types.js'
import { dataPath, repoRoot } from './data.js'

export { repoRoot }

/** The shared TM corpora, in the order their index is recorded in {@link TmPair.corpus}. */
export const tmCorpora = ['un', 'tatoeba', 'quran'] as const

/** The path of a file in the data folder, e.g. `sharedDataPath('tm', 'un.tsv')` (see `dataPath` in data.ts). */
export function sharedDataPath(...parts: string[]): string {
  return dataPath(...parts)
}

/** A real sentence pair and the index of its corpus in {@link tmCorpora}. */
export interface TmPair {
  source: string
  target: string
  corpus: number
}

/** Mulberry32, a small seeded PRNG (Tommy Ettinger, public domain), so "random" data is reproducible. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Every non-empty pair of every shared TM corpus, trimmed, in file order (a line without a tab is skipped). */
export function loadTmPairs(): TmPair[] {
  const pairs: TmPair[] = []
  tmCorpora.forEach((name, corpus) => {
    for (const line of readFileSync(sharedDataPath('tm', `${name}.tsv`), 'utf8').split('\n')) {
      const tab = line.indexOf('\t')
      if (tab <= 0) continue
      const source = line.slice(0, tab).trim()
      const target = line.slice(tab + 1).trim()
      if (source !== '' && target !== '') pairs.push({ source, target, corpus })
    }
  })
  return pairs
}

/** Fisher–Yates shuffle in place, driven by `next`; returns `items`. */
export function shuffle<T>(items: T[], next: () => number): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1))
    ;[items[index], items[other]] = [items[other]!, items[index]!]
  }
  return items
}

/** Cuts `text` at a word boundary near `fraction` of its words; returns [head, tail]. */
function cut(text: string, fraction: number): [string, string] {
  const words = text.split(' ')
  const at = Math.min(words.length, Math.max(0, Math.round(words.length * fraction)))
  return [words.slice(0, at).join(' '), words.slice(at).join(' ')]
}

/**
 * The first `n` real pairs, then seeded recombinations up to `n` units: a synthetic unit joins the head of pair A
 * and the tail of pair B (both drawn from `donors`, same corpus), cut at the same word fraction (0.3–0.7) on both
 * sides.
 */
export function growUnits(base: readonly TmPair[], n: number, next: () => number, donors: readonly TmPair[] = base): Array<{ source: string; target: string }> {
  const units = base.slice(0, n).map((pair) => ({ source: pair.source, target: pair.target }))
  const byCorpus = tmCorpora.map((_, corpus) => donors.filter((pair) => pair.corpus === corpus))
  while (units.length < n) {
    const pool = byCorpus[Math.floor(next() * byCorpus.length)]!
    const a = pool[Math.floor(next() * pool.length)]!
    const b = pool[Math.floor(next() * pool.length)]!
    const fraction = 0.3 + 0.4 * next()
    const source = `${cut(a.source, fraction)[0]} ${cut(b.source, fraction)[1]}`.trim()
    const target = `${cut(a.target, fraction)[0]} ${cut(b.target, fraction)[1]}`.trim()
    if (source !== '' && target !== '') units.push({ source, target })
  }
  return units
}

/** A fuzzy query made from a held-out pair, and the edit applied to it. */
export interface EditedQuery {
  text: string
  side: MatchSide
  edit: 'none' | 'drop' | 'swap' | 'change'
}

/**
 * Queries from held-out pairs: even ones search their Arabic on the source side, odd ones their English on the
 * target side; in turn (per two queries) unedited, one word dropped, two neighbouring words swapped, one word
 * replaced by a word of a random `base` pair.
 */
export function makeQueries(heldOut: readonly TmPair[], base: readonly TmPair[], next: () => number): EditedQuery[] {
  const edits: EditedQuery['edit'][] = ['none', 'drop', 'swap', 'change']
  return heldOut.map((pair, index) => {
    const side: MatchSide = index % 2 === 0 ? 'source' : 'target'
    const edit = edits[Math.floor(index / 2) % 4]!
    const words = (side === 'source' ? pair.source : pair.target).split(' ')
    if (edit === 'drop' && words.length > 2) words.splice(Math.floor(next() * words.length), 1)
    if (edit === 'swap' && words.length > 1) {
      const at = Math.floor(next() * (words.length - 1))
      ;[words[at], words[at + 1]] = [words[at + 1]!, words[at]!]
    }
    if (edit === 'change') {
      const donor = base[Math.floor(next() * base.length)]!
      const donorWords = (side === 'source' ? donor.source : donor.target).split(' ')
      words[Math.floor(next() * words.length)] = donorWords[Math.floor(next() * donorWords.length)]!
    }
    return { text: words.join(' '), side, edit }
  })
}
