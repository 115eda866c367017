/**
 * Translate Toolkit (Debian translate-toolkit, its command-line tools) on our XLIFF 1.2 exports of units some of
 * which need review: `pocount` counts the confident units translated and the doubtful ones fuzzy, and `xliff2po`
 * then `po2tmx` keep exactly the confident ones (po2tmx leaves fuzzy messages out).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { toXliff } from '../../src/formats/xliff.js'
import { needsReview } from '../../src/tm/needs-review.js'
import { needsReviewSubState, type TranslationUnit } from '../../src/types.js'
import { commandRuns, haveTool } from '../helpers/tools.js'
import { pairUnits } from './corpus-units.js'
import { systemPython } from './helpers.js'

// Prints the units of a TMX file as [{ source, target }], as Translate Toolkit reads them.
const readTmx = `
import json, sys
from translate.storage import tmx
with open(sys.argv[1], 'rb') as handle:
    store = tmx.tmxfile.parsestring(handle.read())
print(json.dumps([{'source': str(u.source), 'target': str(u.target)} for u in store.units if not u.isheader()], ensure_ascii=False))
`

const hasTools = haveTool('pocount, xliff2po and po2tmx (Debian translate-toolkit)', () => commandRuns('pocount', ['--help']) && commandRuns('xliff2po', ['--help']) && commandRuns('po2tmx', ['--help']))

/** 300 of our sentence pairs with alignment confidences; every third under 0.9, so it needs review. */
function reviewedUnits(): TranslationUnit[] {
  return pairUnits(300).map((unit, index) => {
    const score = index % 3 === 0 ? 0.3 + (index % 50) / 100 : 0.9 + (index % 10) / 100
    const aligned = { ...unit, alignment: { score, shape: '1-1' } }
    return index % 3 === 0 ? { ...aligned, state: 'initial', subState: needsReviewSubState } : aligned
  })
}

function exported(units: TranslationUnit[]): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mizan-tt-review-'))
  const file = path.join(dir, 'memory.xlf')
  writeFileSync(file, toXliff(units, { version: '1.2', sourceLang: 'ar', targetLang: 'en' }))
  return { dir, file }
}

describe.runIf(hasTools)('Translate Toolkit on units that need review', () => {
  it('pocount counts the confident units translated and the ones that need review fuzzy', () => {
    const units = reviewedUnits()
    const { file } = exported(units)
    // "memory.xlf strings: total: 300 | 200t 100f 0u | ..."
    const line = execFileSync('pocount', ['--short-strings', '--no-color', file], { encoding: 'utf8' })
    const counts = /total: (\d+)\s*\|\s*(\d+)t\s+(\d+)f\s+(\d+)u/.exec(line)
    expect(counts, line).not.toBeNull()
    const doubtful = units.filter(needsReview).length
    expect(doubtful).toBe(100)
    expect(counts!.slice(1).map(Number)).toEqual([units.length, units.length - doubtful, doubtful, 0])
  })

  it('xliff2po and po2tmx keep exactly the confident units, with their texts', () => {
    const units = reviewedUnits()
    const { dir, file } = exported(units)
    const po = path.join(dir, 'memory.po')
    const tmx = path.join(dir, 'memory.tmx')
    execFileSync('xliff2po', [file, po], { stdio: 'ignore' })
    execFileSync('po2tmx', ['-l', 'en', '--source-language', 'ar', po, tmx], { stdio: 'ignore' })
    // po2tmx writes a DOCTYPE, which our reader refuses by design: the toolkit's own TMX reader reads it.
    const kept = JSON.parse(systemPython(readTmx, [tmx])) as Array<{ source: string; target: string }>
    const expected = units.filter((unit) => !needsReview(unit))
    expect(kept.map((unit) => [unit.source, unit.target])).toEqual(expected.map((unit) => [unit.source, unit.target]))
  })
})
