/**
 * Arabic–English sentence pairs written for these tests (tests/fixtures/pairs/*.tsv), in three registers: short
 * everyday sentences, long formal ones in the style of UN documents, and fully vocalised Arabic with Uthmani-style
 * marks. Tests of our own code's behaviour use them, so that they run on a fresh clone without the external data
 * (tests/helpers/data.ts); only figures measured on real data need that.
 *
 * @internal
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { repoRoot } from './data.js'
import { random } from './shared-data.js'

/** The registers, one fixture file each (`tests/fixtures/pairs/<register>.tsv`). */
export const registers = ['short', 'formal', 'vocalised'] as const

/** One of {@link registers}. */
export type Register = (typeof registers)[number]

/** A sentence pair: Arabic source, English target. */
export interface OwnPair {
  source: string
  target: string
}

/**
 * The pairs of one register's fixture file in file order, or of all three (short, formal, vocalised) when no
 * register is given. Lines starting with `#` are notes; every other line is `Arabic<TAB>English`.
 */
export function loadOwnPairs(register?: Register): OwnPair[] {
  if (register === undefined) return registers.flatMap((name) => loadOwnPairs(name))
  const file = resolve(repoRoot, 'tests/fixtures/pairs', `${register}.tsv`)
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line, index) => {
      const [source, target, extra] = line.split('\t')
      if (!source || !target || extra !== undefined) throw new Error(`${file}: pair ${index + 1} is not Arabic<TAB>English: ${JSON.stringify(line)}`)
      return { source, target }
    })
}

/** The words of `text` before and after the word boundary nearest to `fraction` of its words. */
function cut(text: string, fraction: number): [string, string] {
  const words = text.split(' ')
  const at = Math.round(words.length * fraction)
  return [words.slice(0, at).join(' '), words.slice(at).join(' ')]
}

/**
 * `count` pairs: the fixture pairs of `register` (all registers when undefined) in file order, then seeded
 * recombinations in the same register, each joining the head of one pair to the tail of another, cut at the same
 * word fraction (0.3–0.7) on both sides, so that larger sets stay varied and share words as real memories do.
 *
 * @param register - the register, or undefined for all three
 * @param count - how many pairs to return
 * @param seed - the seed of the recombinations
 */
export function growOwnPairs(register: Register | undefined, count: number, seed = 1): OwnPair[] {
  const pools = (register === undefined ? registers : [register]).map((name) => loadOwnPairs(name))
  const pairs = pools.flat().slice(0, count)
  const next = random(seed)
  while (pairs.length < count) {
    const pool = pools[Math.floor(next() * pools.length)]!
    const a = pool[Math.floor(next() * pool.length)]!
    const b = pool[Math.floor(next() * pool.length)]!
    const fraction = 0.3 + 0.4 * next()
    const source = `${cut(a.source, fraction)[0]} ${cut(b.source, fraction)[1]}`.trim()
    const target = `${cut(a.target, fraction)[0]} ${cut(b.target, fraction)[1]}`.trim()
    if (source !== '' && target !== '') pairs.push({ source, target })
  }
  return pairs
}
