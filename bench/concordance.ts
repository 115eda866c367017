/**
 * bench/concordance.ts: concordance of the in-process memory against brute force (issue #14), word forms on.
 *
 * Data: the data set `tm` (tm/{un,tatoeba,quran}.tsv of the data folder, tests/helpers/data.ts), grown to N units by the seeded recombination of bench/fuzzy.ts
 * (tests/helpers/shared-data.ts `growUnits`). Queries (seeded): words and two-word phrases taken from held-out
 * pairs, Arabic on the source side and English on the target side, in 'forms' mode (the default), a fifth of them
 * in 'exact' mode and a tenth as prefixes (`word*`).
 *
 * Truth: every unit's tokens checked with the same word test (`findInOrder` over `queryWords`), which is the
 * definition; the memory must return exactly those units (compared with limit Infinity on every query). Timings
 * are the memory's `concordance` with the default limit (20), median of --rounds passes per query, and the brute
 * force scan over precomputed tokens (so the scan is not charged for tokenizing).
 *
 * Usage: npx tsx bench/concordance.ts [--n 1000000] [--queries 200] [--rounds 3] [--seed 7]
 */
import { performance } from 'node:perf_hooks'
import { TranslationMemory } from '../src/tm/translation-memory.js'
import { findInOrder } from '../src/tm/concordance.js'
import { queryWords, type ConcordanceMatchMode } from '../src/tm/word-forms.js'
import { normalizeForMatching } from '../src/tm/normalize.js'
import { tokenizeKey } from '../src/tm/tokenize.js'
import type { MatchSide } from '../src/storage/types.js'
import { machineLine, markdownTable, summarize, fixed, requireData } from './lib.js'
import { growUnits, loadTmPairs, random, shuffle } from '../tests/helpers/shared-data.js'

requireData('tm')

const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? process.argv[at + 1]! : fallback
}
const n = Number(argument('n', '1000000'))
const queryCount = Number(argument('queries', '200'))
const rounds = Number(argument('rounds', '3'))
const next = random(Number(argument('seed', '7')))

const pairs = shuffle(loadTmPairs(), next)
const held = pairs.slice(0, 1000)
const units = growUnits(pairs.slice(1000), n, next)

interface Query {
  text: string
  side: MatchSide
  match: ConcordanceMatchMode
}
const queries: Query[] = []
while (queries.length < queryCount) {
  const pair = held[Math.floor(next() * held.length)]!
  const side: MatchSide = next() < 0.5 ? 'source' : 'target'
  const words = (side === 'source' ? pair.source : pair.target).split(/\s+/).filter((word) => /^[\p{L}]{3,}$/u.test(word))
  if (words.length < 2) continue
  const at = Math.floor(next() * (words.length - 1))
  const roll = next()
  const text = roll < 0.1 ? `${words[at]!.slice(0, 4)}*` : roll < 0.6 ? words[at]! : `${words[at]} ${words[at + 1]}`
  queries.push({ text, side, match: next() < 0.2 ? 'exact' : 'forms' })
}

console.log(machineLine())
let started = performance.now()
const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
await tm.addAll(units.map((unit, index) => ({ ...unit, id: `u${index}` })))
console.log(`N = ${n}: memory built in ${fixed((performance.now() - started) / 1000, 1)} s`)
started = performance.now()
const tokens = { source: units.map((unit) => tokenizeKey(normalizeForMatching(unit.source, 'ar'))), target: units.map((unit) => tokenizeKey(normalizeForMatching(unit.target, 'en'))) }
console.log(`tokens for brute force in ${fixed((performance.now() - started) / 1000, 1)} s`)

const memoryMs: number[] = []
const bruteMs: number[] = []
let differing = 0
let answers = 0
for (const query of queries) {
  const words = queryWords(tokenizeKey(normalizeForMatching(query.text, 'ar')), query.match)
  let start = performance.now()
  const truth: string[] = []
  tokens[query.side].forEach((unitTokens, index) => {
    if (findInOrder(unitTokens, words) !== undefined) truth.push(`u${index}`)
  })
  bruteMs.push(performance.now() - start)
  const all = await tm.concordance(query.text, { side: query.side, match: query.match, limit: Number.POSITIVE_INFINITY })
  const ids = all.map((hit) => hit.unit.id).sort()
  answers += ids.length
  if (ids.join() !== truth.sort().join()) {
    differing++
    console.log(`DIFFERS: ${query.text} (${query.side}, ${query.match}): memory ${ids.length}, brute force ${truth.length}`)
  }
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    start = performance.now()
    await tm.concordance(query.text, { side: query.side, match: query.match })
    times.push(performance.now() - start)
  }
  memoryMs.push(summarize(times).median)
}
const memory = summarize(memoryMs)
const brute = summarize(bruteMs)
console.log(`${queries.length} queries, ${answers} units found in all, ${differing} answers differ from brute force`)
console.log(
  markdownTable(
    ['N', 'search', 'median ms', 'p95 ms', 'mean ms'],
    [
      [n, 'memory concordance (limit 20)', fixed(memory.median), fixed(memory.p95), fixed(memory.mean)],
      [n, 'brute force scan', fixed(brute.median), fixed(brute.p95), fixed(brute.mean)],
    ],
  ),
)
