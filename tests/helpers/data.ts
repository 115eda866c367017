/**
 * The external data sets some tests and every benchmark read, found in ONE place: the folder `MIZAN_DATA` names,
 * else `../shared/data` beside the checkout. None of them ships with the repository (their licences differ and
 * their texts are not ours; README.md, "Data", lists each with its source and licence), so a fresh clone has
 * none: a test that needs a set asks {@link haveData}, which says so in one loud line and lets the test skip.
 * On CI (`CI=true`) a missing set fails the run instead, as a missing tool does (tests/helpers/tools.ts).
 *
 * @internal
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

/** The repository root (this file is tests/helpers/data.ts). */
export const repoRoot = resolve(import.meta.dirname, '../..')

/** The data folder: `MIZAN_DATA` when set (relative to the working directory), else `../shared/data`. */
export const dataRoot = process.env.MIZAN_DATA ? resolve(process.env.MIZAN_DATA) : resolve(repoRoot, '../shared/data')

/** One external data set: the files that must exist (relative to {@link dataRoot}) and where it comes from. */
export interface DataSet {
  /** What it holds, for the skip line. */
  what: string
  /** Where to get it. */
  source: string
  /** Files (or folders) that must all exist, relative to the data folder. */
  files: readonly string[]
}

/** Every data set a test or benchmark reads; the README's "Data" table lists the same sets. */
export const dataSets = {
  tm: {
    what: 'tm/{un,tatoeba,quran}.tsv, about 49,000 Arabic–English sentence pairs',
    source: 'UN Parallel Corpus v1.0 dev+test, Tatoeba, Saheeh International Quran (risan/quran-json)',
    files: ['tm/un.tsv', 'tm/tatoeba.tsv', 'tm/quran.tsv'],
  },
  golden: {
    what: 'segment/{golden_en,en_pysbd_regressions}.json, the English Golden Rules and pySBD regressions',
    source: 'diasks2/pragmatic_segmenter and nipunsadvilkar/pySBD (MIT)',
    files: ['segment/golden_en.json', 'segment/en_pysbd_regressions.json'],
  },
  schemas: {
    what: 'formats/{xliff12,xliff-21/schemas,xliff-22,tmx14,wrappers}, the XLIFF 1.2/2.x and TMX 1.4b schemas',
    source: 'OASIS (oasis-tcs/xliff-xliff-22), LISA/GALA TMX 1.4b (omegat-org/omegat)',
    files: [
      'formats/catalog-w3c-xml.xml',
      'formats/xliff12/xliff-core-1.2-strict.xsd',
      'formats/wrappers/xliff2x-core+modules.xsd',
      'formats/xliff-22/schemas/xliff_core_2.2.xsd',
      'formats/tmx14/tmx14.dtd',
    ],
  },
  xliffSuite: {
    what: 'formats/xliff-21/test-suite, the OASIS XLIFF 2.1 conformance files',
    source: 'OASIS (oasis-tcs/xliff-xliff-22)',
    files: ['formats/xliff-21/test-suite/core/valid', 'formats/xliff-21/test-suite/core/invalid', 'formats/xliff-21/test-suite/modules/valid', 'formats/xliff-21/test-suite/modules/invalid'],
  },
  align: {
    what: 'align/{flores200,ntrex128,textberg_defr}, parallel documents with gold alignments (benchmarks only)',
    source: 'Flores-200 and NTREX-128 (Helsinki-NLP/OPUS-MT-testsets), Text+Berg (thompsonb/vecalign)',
    files: ['align/flores200', 'align/ntrex128', 'align/textberg_defr'],
  },
  seed: {
    what: '../seed/article.ar.txt (beside the data folder), the Arabic article corpus/xi-rahmon-samarkand was made from',
    source: 'the project brief',
    files: ['../seed/article.ar.txt'],
  },
} as const satisfies Record<string, DataSet>

/** The name of a data set in {@link dataSets}. */
export type DataSetName = keyof typeof dataSets

/** The path of a file in the data folder, e.g. `dataPath('tm', 'un.tsv')`. */
export function dataPath(...parts: string[]): string {
  return resolve(dataRoot, ...parts)
}

/** The answers already given in this module instance (vitest loads it once per test file): one line per set. */
const answered = new Map<DataSetName, boolean>()

/**
 * Whether a data set is present. When it is not: on CI (`CI=true`) this throws, so the run fails; elsewhere it
 * writes one loud line to stderr naming the set, what is missing and where the set comes from, and returns false
 * so the caller can `describe.skipIf(!have)` / `it.skipIf(!have)`.
 *
 * @param name - the set, a key of {@link dataSets}
 * @returns true when every file of the set exists under {@link dataRoot}
 * @example
 * ```ts
 * const haveTm = haveData('tm')
 * it.skipIf(!haveTm)('reads every real pair', () => { ... })
 * ```
 */
export function haveData(name: DataSetName): boolean {
  const known = answered.get(name)
  if (known !== undefined) return known
  const set: DataSet = dataSets[name]
  const missing = set.files.filter((file) => !existsSync(dataPath(file)))
  answered.set(name, missing.length === 0)
  if (missing.length === 0) return true
  const message = `MISSING DATA "${name}": ${dataPath(missing[0]!)} (${set.what}; from ${set.source}; see README.md "Data", or set MIZAN_DATA to the folder that holds it)`
  if (process.env.CI === 'true') throw new Error(`${message}. CI must have it.`)
  // On a line of its own even when a reporter is in the middle of a line of progress dots.
  process.stderr.write(`\n*** ${message}: the tests that need it are SKIPPED ***\n`)
  return false
}
