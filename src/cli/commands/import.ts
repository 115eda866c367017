/**
 * `mizan import <file...> --into tm.xlf`: read XLIFF 1.2, XLIFF 2.x and TMX files into a memory, reporting
 * how many units were added, updated and skipped.
 *
 * @module
 * @internal
 */
import { statSync } from 'node:fs'
import type { Command } from 'commander'
import { parseTmx } from '../../formats/tmx.js'
import { parseXliff } from '../../formats/xliff.js'
import type { TranslationMemory } from '../../tm/translation-memory.js'
import type { NewTranslationUnit, TranslationUnit } from '../../types.js'
import { inFile, readText, UserError, type CliIo } from '../io.js'
import { openMemory } from '../memory.js'
import { jsonOption } from '../options.js'
import { createProgress, type Progress } from '../progress.js'

/** What adding units did. @internal */
export interface AddCounts {
  /** New units. */
  added: number
  /** Units that replaced a stored unit (same id, or same source and target, with something changed). */
  updated: number
  /** Units not stored: untranslated (empty target), or identical to the stored unit with their id. */
  skipped: number
  /** Units in the memory afterwards. */
  size: number
}

/** The formats `import` reads, told apart by their root element. @internal */
export type ImportFormat = 'xliff' | 'tmx'

/**
 * Tells XLIFF from TMX by the root element, skipping the XML declaration, comments and white space.
 * Anything else is a user error naming the file.
 * @internal
 */
export function sniffFormat(text: string, file: string): ImportFormat {
  const root = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<([\p{L}_][\p{L}\p{N}_.:-]*)/u.exec(text)?.[1]
  const local = root?.split(':').pop()
  if (local === 'xliff') return 'xliff'
  if (local === 'tmx') return 'tmx'
  throw new UserError(`${file}: not an XLIFF or TMX file (root element ${root === undefined ? 'missing' : `<${root}>`}; expected <xliff> or <tmx>)`)
}

/** JSON with object keys sorted, so two units compare equal whatever order their fields were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner,
  )
}

/** Whether a stored unit already says everything a new one says (ids and dates aside). */
function sameContent(stored: TranslationUnit, unit: NewTranslationUnit): boolean {
  const strip = ({ id: _id, createdAt: _created, changedAt: _changed, ...rest }: NewTranslationUnit): NewTranslationUnit => rest
  return canonical(strip(stored)) === canonical(strip(unit))
}

/**
 * Adds units one by one and counts what happened. A unit with an empty target is skipped: a memory stores
 * translations.
 * @internal
 */
export async function addUnits(tm: TranslationMemory, units: Iterable<NewTranslationUnit>, progress?: Progress): Promise<AddCounts> {
  const counts: AddCounts = { added: 0, updated: 0, skipped: 0, size: 0 }
  let size = await tm.size()
  for (const unit of units) {
    progress?.tick()
    if (unit.target.trim() === '') {
      counts.skipped++
      continue
    }
    // The unit it would replace: the one with its id, or (without an id) the one with the same source and target.
    const stored =
      unit.id !== undefined ? await tm.get(unit.id) : (await tm.lookup(unit.source)).find((match) => match.unit.source === unit.source && match.unit.target === unit.target)?.unit
    if (stored !== undefined && sameContent(stored, unit)) {
      counts.skipped++
      continue
    }
    await tm.add(unit)
    const after = await tm.size()
    if (after > size) counts.added++
    else counts.updated++
    size = after
  }
  counts.size = size
  return counts
}

/** Reads one file's units, whatever its format. @internal */
export async function readUnitsFile(file: string): Promise<{ format: string; units: TranslationUnit[] }> {
  const text = readText(file, 'XLIFF or TMX file')
  const kind = sniffFormat(text, file)
  return inFile(file, () => {
    if (kind === 'tmx') return { format: 'tmx', units: parseTmx(text).units }
    const parsed = parseXliff(text)
    return { format: `xliff-${parsed.formatVersion}`, units: parsed.units }
  })
}

/** Adds the `import` command. @internal */
export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('import XLIFF 1.2, XLIFF 2.x and TMX files into a memory')
    .argument('<file...>', 'XLIFF (.xlf, .xliff) or TMX (.tmx) files; the format is read from the file')
    .requiredOption('--into <tm.xlf>', 'the memory (an XLIFF 2 file, created when absent; or sqlite:/postgres://)')
    .addOption(jsonOption())
    .addHelpText('after', '\nExample:\n  mizan import old.tmx client.xlf --into tm.xlf')
    .action(async (files: string[], flags: { into: string; json?: boolean }) => {
      const memory = await openMemory(flags.into, { create: true })
      const perFile: Array<{ file: string; format: string; units: number } & AddCounts> = []
      try {
        for (const file of files) {
          const { format, units } = await readUnitsFile(file)
          const progress = createProgress({ label: `import ${file}`, total: units.length, unit: 'units', stream: io.err })
          try {
            perFile.push({ file, format, units: units.length, ...(await addUnits(memory.tm, units, progress)) })
          } finally {
            progress.done()
          }
        }
        await memory.save()
      } finally {
        await memory.close()
      }
      const total = perFile.reduce((sum, entry) => ({ added: sum.added + entry.added, updated: sum.updated + entry.updated, skipped: sum.skipped + entry.skipped }), { added: 0, updated: 0, skipped: 0 })
      const size = perFile.at(-1)?.size ?? 0
      if (flags.json) {
        io.out(JSON.stringify({ into: flags.into, files: perFile, ...total, size }, null, 2))
        return
      }
      for (const entry of perFile) {
        io.out(`${entry.file} (${entry.format}, ${entry.units} units): ${entry.added} added, ${entry.updated} updated, ${entry.skipped} skipped`)
      }
      io.out(`memory ${flags.into}: ${size} units (${fileSize(flags.into)})`)
    })
}

/** A human file size, or '' for a database. @internal */
export function fileSize(path: string): string {
  try {
    const bytes = statSync(path).size
    return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`
  } catch {
    return 'database'
  }
}
