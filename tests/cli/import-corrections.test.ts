/**
 * `mizan import FILE.corrections.json`: the built binary applies a corrections file (as the static review page
 * exports it) the way `mizan align --corrections FILE` does: the same units, unit for unit. The texts are found by
 * the names the file records (beside it), or given with --source-text and --target-text; a file that names none
 * without the flags, and texts other than the ones reviewed, are refused with exit 2 and nothing written. Importing
 * the same corrections again replaces the document's units instead of adding copies.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { toCorrections } from '../../src/review/corrections.js'
import type { ReviewDocument } from '../../src/review/model.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import type { TranslationUnit } from '../../src/types.js'
import { ensureBuilt, mizan, repoRoot, tempFolder } from './harness.js'
import { reviewedSample } from './reviewed-sample.js'

/** What a unit says, ids and dates aside, in document order. */
async function contents(file: string): Promise<unknown[]> {
  const tm = await TranslationMemory.open(file)
  const units: TranslationUnit[] = []
  for await (const unit of tm.units()) units.push(unit)
  return units
    .sort((a, b) => a.origin!.sourceSentences![0]! - b.origin!.sourceSentences![0]!)
    .map(({ source, target, state, subState, origin, context, alignment }) => ({ source, target, state, subState, origin, context, alignment }))
}

describe('mizan import <corrections>', () => {
  let dir: string
  let reviewed: ReviewDocument
  let arText: string
  let enText: string
  beforeAll(() => {
    ensureBuilt()
    dir = tempFolder('mizan-import-corrections-')
    mkdirSync(join(dir, 'review'))
    for (const name of ['ar.txt', 'en.txt']) copyFileSync(join(repoRoot, 'corpus/xi-rahmon-samarkand', name), join(dir, 'review', name))
    arText = readFileSync(join(dir, 'review/ar.txt'), 'utf8')
    enText = readFileSync(join(dir, 'review/en.txt'), 'utf8')
    reviewed = reviewedSample(arText, enText)
    writeFileSync(join(dir, 'review/ar.corrections.json'), JSON.stringify(toCorrections(reviewed, arText, enText, { source: 'ar.txt', target: 'en.txt' })))
    writeFileSync(join(dir, 'unnamed.json'), JSON.stringify(toCorrections(reviewed, arText, enText)))
  })

  it('finds the texts the file names beside it, and stores what align --corrections stores', async () => {
    const imported = await mizan(dir, ['import', 'review/ar.corrections.json', '--into', 'imported.xlf'])
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toMatch(/^review\/ar\.corrections\.json \(corrections of review\/ar\.txt ↔ review\/en\.txt\): \d+ beads \(1 confirmed, 1 rejected, the rest aligned around them\); \d+ units written, 0 removed/m)
    const aligned = await mizan(join(dir, 'review'), ['align', 'ar.txt', 'en.txt', '--corrections', 'ar.corrections.json', '--into', '../aligned.xlf'])
    expect(aligned.code, aligned.stderr).toBe(0)
    const units = await contents(join(dir, 'imported.xlf'))
    expect(units).toEqual(await contents(join(dir, 'aligned.xlf')))
    expect(units[0]).toMatchObject({ state: 'reviewed', origin: { document: 'ar.txt', sourceSentences: [0, 1] } })
    expect(units.at(-1)).toMatchObject({ state: 'initial', subState: 'mizan:needs-review' })
  })

  it('takes the texts from --source-text and --target-text when the file names none', async () => {
    const run = await mizan(dir, ['import', 'unnamed.json', '--source-text', 'review/ar.txt', '--target-text', 'review/en.txt', '--into', 'flags.xlf', '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ into: 'flags.xlf', corrections: [{ file: 'unnamed.json', format: 'mizan-corrections', confirmed: 1, rejected: 1, deleted: 0 }] })
    expect(await contents(join(dir, 'flags.xlf'))).toEqual(await contents(join(dir, 'imported.xlf')))
  })

  it('replaces the units of an earlier import of the same document instead of adding copies', async () => {
    const before = await contents(join(dir, 'imported.xlf'))
    const again = await mizan(dir, ['import', 'review/ar.corrections.json', '--into', 'imported.xlf', '--json'])
    expect(again.code, again.stderr).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({ size: before.length, corrections: [{ added: 0, deleted: 0 }] })
    expect(await contents(join(dir, 'imported.xlf'))).toEqual(before)
  })

  it('refuses a file that names no texts without the flags, and texts other than the reviewed ones', async () => {
    const unnamed = await mizan(dir, ['import', 'unnamed.json', '--into', 'refused.xlf'])
    expect(unnamed.code).toBe(2)
    expect(unnamed.stderr).toBe('mizan: unnamed.json does not name the texts it was made on; give them: --source-text ar.txt --target-text en.txt\n')
    writeFileSync(join(dir, 'en-changed.txt'), enText.replace('China', 'Chine'))
    const other = await mizan(dir, ['import', 'unnamed.json', '--source-text', 'review/ar.txt', '--target-text', 'en-changed.txt', '--into', 'refused.xlf'])
    expect(other.code).toBe(2)
    expect(other.stderr).toMatch(/^mizan: unnamed\.json and review\/ar\.txt, en-changed\.txt: the corrections were made on another target text \(\d+ characters, checksum [0-9a-f]{8}; this one has \d+ characters, checksum [0-9a-f]{8}\)\n$/)
    expect(existsSync(join(dir, 'refused.xlf'))).toBe(false)
  })
})
