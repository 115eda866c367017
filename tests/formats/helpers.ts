/**
 * Shared test helpers for the format tests: the path of the formats data, xmllint, and a comparison that ignores
 * the `element` hint a reader adds to inline codes (which element it read them from).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { InlineContent, TranslationUnit } from '../../src/types.js'
import { dataPath } from '../helpers/data.js'
import { commandRuns, haveTool } from '../helpers/tools.js'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** The formats folder of the external data (schemas, the XLIFF 2.1 suite): ask `haveData` in data.ts first. */
export const formatsData = dataPath('formats')
/** The OASIS XLIFF 2.1 test suite's folder (data set `xliffSuite`). */
export const xliffSuite = path.join(formatsData, 'xliff-21/test-suite')

/** The `.xlf` files of a folder of the XLIFF 2.1 suite (e.g. `'core/valid'`), sorted by name. */
export function suiteFiles(folder: string): string[] {
  return readdirSync(path.join(xliffSuite, folder))
    .filter((name) => name.endsWith('.xlf'))
    .sort()
}

/** The text of one file of the XLIFF 2.1 suite. */
export function readSuiteFile(folder: string, name: string): string {
  return readFileSync(path.join(xliffSuite, folder, name), 'utf8')
}

export const hasXmllint = haveTool('xmllint (Debian libxml2-utils)', () => commandRuns('xmllint', ['--version']))

/** Validates a document with xmllint against the schema for its format; returns xmllint's exit code and messages. */
export function xmllint(kind: 'xliff-1.2' | 'xliff-2.0' | 'xliff-2.1' | 'xliff-2.2' | 'tmx', text: string): { status: number; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mizan-xmllint-'))
  const file = path.join(dir, kind === 'tmx' ? 'f.tmx' : 'f.xlf')
  writeFileSync(file, text)
  const catalog = path.join(formatsData, 'catalog-w3c-xml.xml')
  const args: Record<typeof kind, string[]> = {
    'xliff-1.2': ['--schema', path.join(formatsData, 'xliff12/xliff-core-1.2-strict.xsd')],
    'xliff-2.0': ['--schema', path.join(formatsData, 'wrappers/xliff2x-core+modules.xsd')],
    'xliff-2.1': ['--schema', path.join(formatsData, 'wrappers/xliff2x-core+modules.xsd')],
    'xliff-2.2': ['--schema', path.join(formatsData, 'xliff-22/schemas/xliff_core_2.2.xsd')],
    tmx: ['--dtdvalid', path.join(formatsData, 'tmx14/tmx14.dtd')],
  }
  const result = spawnSync('xmllint', ['--noout', '--nonet', ...args[kind], file], { env: { ...process.env, XML_CATALOG_FILES: catalog }, encoding: 'utf8' })
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` }
}

/** Removes the reader's `element` hints (and nothing else), so units compare with what was written. */
export function withoutElementHints(unit: TranslationUnit): TranslationUnit {
  const strip = (content: InlineContent | undefined): InlineContent | undefined =>
    content?.map((item) => {
      if (typeof item === 'string') return item
      const { element: _element, ...rest } = item
      return rest
    })
  const copy: TranslationUnit = structuredClone(unit)
  if (copy.sourceContent) copy.sourceContent = strip(copy.sourceContent)!
  if (copy.targetContent) copy.targetContent = strip(copy.targetContent)!
  for (const segment of copy.segments ?? []) {
    if (segment.sourceContent) segment.sourceContent = strip(segment.sourceContent)!
    if (segment.targetContent) segment.targetContent = strip(segment.targetContent)!
  }
  return copy
}

/** Runs the system python with Translate Toolkit. */
export function systemPython(script: string, args: string[]): string {
  return execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })
}

/** A TMX 1.4 document around `body` (the `<tu>`s), with the header's required attributes and `header` beside them. */
export const tmx = (body: string, header = 'srclang="ar"'): string =>
  `<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext" ${header}/><body>${body}</body></tmx>`

/** The text of a file in tests/formats/fixtures. */
export const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8')
