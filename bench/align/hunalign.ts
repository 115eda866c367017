/**
 * hunalign (Varga et al. 2005, "Parallel corpora for medium density languages", RANLP) run beside mizan in the
 * alignment benchmark, as an outside peer: issue #12 states its targets next to hunalign's figures, so the bench
 * measures hunalign on the very documents and gold mizan is scored on.
 *
 * We only run the program; nothing of it is in this repository (it is LGPL-3.0; build it yourself, see
 * {@link hunalignMissingLine}). Per hunalign's README:
 * - input is one sentence a line, tokens separated by spaces (a line holding only `<p>` is a paragraph mark, which
 *   our tokens never produce: `<` and `>` become tokens of their own);
 * - the dictionary is mandatory; an empty file (like its `data/null.dic`) means none; its lines are
 *   `target phrase @ source phrase`, the second language first;
 * - the default output is a ladder: rungs `i<TAB>j<TAB>score`, "the first i source sentences correspond to the
 *   first j target sentences"; the beads are the spans between consecutive rungs (the build we run prints (n, m)
 *   last, with the score of an empty segment after it; {@link parseLadder} adds (n, m) should it be missing);
 * - `-realign` aligns, builds a dictionary from the co-occurrences in the first alignment and aligns again;
 * - character counting is UTF-8 by default in the version we build (`-utf` only prints that it is obsolete).
 *
 * Tokens are written lower-cased (hunalign compares words as bytes, and keeps a word it cannot translate as it is,
 * so a word or number written alike on both sides counts as shared): runs of letters, marks and digits, numbers
 * with their inner `.`, `,` or Arabic separators (U+066B, U+066C) kept whole, and every other non-space character
 * alone.
 */
import { spawnSync } from 'node:child_process'
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import type { LexiconEntry } from '../../src/align/lexicon.js'
import type { Pair } from './score.js'

/** How to run hunalign: with `-realign` or not, and with a dictionary file in its format or none. */
export interface HunalignOptions {
  realign?: boolean
  /** A dictionary in hunalign's format ({@link writeHunalignDictionary}); an empty one when not given. */
  dictionary?: string
}

/** The hunalign binary: `HUNALIGN`, or `hunalign` on the PATH; undefined when neither is there. */
export function findHunalign(): string | undefined {
  const executable = (path: string) => {
    try {
      accessSync(path, constants.X_OK)
      return true
    } catch {
      return false
    }
  }
  const given = process.env.HUNALIGN
  if (given) {
    if (executable(given)) return given
    throw new Error(`bench: HUNALIGN=${given} is not an executable file`)
  }
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    if (directory !== '' && executable(join(directory, 'hunalign'))) return join(directory, 'hunalign')
  }
  return undefined
}

/**
 * How many `-realign` runs hunalign gave up ("Realign zone too close to quasidiagonal border. Abandoning realign.
 * The align itself is suspicious." on its standard error: the first path ran near the edge of its band, and the
 * first alignment is returned as it is).
 */
export const realignAbandoned = { runs: 0, documents: [] as string[] }

/** The one loud line printed when hunalign is not there, with the steps to get it. */
export function hunalignMissingLine(): string {
  return (
    '!!! hunalign rows LEFT OUT: no HUNALIGN=/path/to/hunalign and no hunalign on the PATH. To get it: ' +
    'git clone https://github.com/danielvarga/hunalign /tmp/hunalign-src && make -C /tmp/hunalign-src/src/hunalign, ' +
    'then HUNALIGN=/tmp/hunalign-src/src/hunalign/hunalign npm run bench -- align'
  )
}

const TOKEN = /\p{Nd}+(?:[.,\u066B\u066C]\p{Nd}+)*|[\p{L}\p{M}\p{Nd}]+|[^\s\p{L}\p{M}\p{Nd}]/gu

/** A sentence as hunalign wants it: lower-cased tokens separated by single spaces. */
export function hunalignTokens(sentence: string): string {
  return (sentence.normalize('NFC').toLowerCase().match(TOKEN) ?? []).join(' ')
}

/**
 * Writes lexicon entries as a hunalign dictionary (`target @ source`, tokenised like the sentences), leaving out
 * entries that are empty once tokenised or hold an `@` (it would be read as the separator).
 *
 * @returns the number of lines written
 */
export function writeHunalignDictionary(entries: readonly LexiconEntry[], path: string): number {
  const lines = new Set<string>()
  for (const entry of entries) {
    const source = hunalignTokens(entry.source)
    const target = hunalignTokens(entry.target)
    if (source === '' || target === '' || source.includes('@') || target.includes('@')) continue
    lines.add(`${target} @ ${source}`)
  }
  writeFileSync(path, [...lines].join('\n') + '\n')
  return lines.size
}

/**
 * Reads hunalign's ladder output into beads over `sourceCount` × `targetCount` sentences.
 *
 * @throws when a line is not `i<TAB>j<TAB>score`, the rungs do not start at (0, 0), go backwards or past the ends
 */
export function parseLadder(text: string, sourceCount: number, targetCount: number): Pair[] {
  const rungs: Array<[number, number]> = []
  text.split('\n').forEach((line, k) => {
    if (line.trim() === '') return
    const match = /^(\d+)\t(\d+)\t\S+$/.exec(line)
    if (!match) throw new Error(`bench: hunalign ladder line ${k + 1}: expected "i<TAB>j<TAB>score", got ${JSON.stringify(line.slice(0, 80))}`)
    rungs.push([Number(match[1]), Number(match[2])])
  })
  const last = rungs[rungs.length - 1]
  if (!last || last[0] !== sourceCount || last[1] !== targetCount) rungs.push([sourceCount, targetCount])
  if (rungs[0]![0] !== 0 || rungs[0]![1] !== 0) throw new Error(`bench: hunalign ladder starts at (${rungs[0]!.join(', ')}), not (0, 0)`)
  const beads: Pair[] = []
  for (let k = 1; k < rungs.length; k++) {
    const [i0, j0] = rungs[k - 1]!
    const [i1, j1] = rungs[k]!
    if (i1 < i0 || j1 < j0 || (i1 === i0 && j1 === j0) || i1 > sourceCount || j1 > targetCount) {
      throw new Error(`bench: hunalign ladder rung ${k + 1} (${i1}, ${j1}) does not follow (${i0}, ${j0}) within ${sourceCount} x ${targetCount}`)
    }
    const span = (from: number, to: number) => Array.from({ length: to - from }, (_, d) => from + d)
    beads.push([span(i0, i1), span(j0, j1)])
  }
  return beads
}

/**
 * Aligns two sentence lists with hunalign (files in a fresh temporary directory, removed afterwards).
 *
 * @returns the beads as index lists
 * @throws when hunalign exits with an error or its output is not a ladder over these sentences
 */
export function runHunalign(binary: string, source: readonly string[], target: readonly string[], options: HunalignOptions & { name?: string } = {}): Pair[] {
  if (source.length === 0 || target.length === 0) {
    // hunalign needs sentences on both sides; an empty side is all omissions.
    return [...source.map((_, i): Pair => [[i], []]), ...target.map((_, j): Pair => [[], [j]])]
  }
  const directory = mkdtempSync(join(tmpdir(), 'mizan-hunalign-'))
  try {
    // A sentence with no token at all (never seen in our data) still needs a line, or the counts would shift.
    const lines = (sentences: readonly string[]) => sentences.map((s) => hunalignTokens(s) || '_').join('\n') + '\n'
    writeFileSync(join(directory, 'source.txt'), lines(source))
    writeFileSync(join(directory, 'target.txt'), lines(target))
    let dictionary = options.dictionary
    if (dictionary === undefined) {
      dictionary = join(directory, 'null.dic')
      writeFileSync(dictionary, '')
    }
    const args = [...(options.realign ? ['-realign'] : []), dictionary, join(directory, 'source.txt'), join(directory, 'target.txt')]
    // In the temporary folder: hunalign appends a log to translate.txt in its working directory.
    const result = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 1 << 30, cwd: directory })
    if (result.error) throw result.error
    if (result.status !== 0) throw new Error(`bench: ${binary} ${args.join(' ')} exited with ${result.status}: ${result.stderr.slice(-500)}`)
    if (options.realign && result.stderr.includes('Abandoning realign')) {
      realignAbandoned.runs++
      realignAbandoned.documents.push(options.name ?? `${source.length} x ${target.length} sentences`)
    }
    return parseLadder(result.stdout, source.length, target.length)
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

let ticksPerSecond: number | undefined

/**
 * CPU time (user + system, ms) of this process's finished children, from /proc/self/stat (fields 16 and 17,
 * cutime and cstime, in clock ticks; proc(5)): hunalign runs in a child, which `process.cpuUsage()` leaves out.
 * 0 where /proc is not there.
 */
export function childrenCpuMilliseconds(): number {
  let stat: string
  try {
    stat = readFileSync('/proc/self/stat', 'utf8')
  } catch {
    return 0
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  if (ticksPerSecond === undefined) ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100
  // fields[0] is field 3 (state), so field 16 is fields[13] and field 17 fields[14].
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond
}
