/**
 * Translate Toolkit (Debian translate-toolkit, driven through the system python's API) reads our XLIFF 1.2 and TMX
 * exports of the corpus and of 1,000 of our sentence pairs with the same unit count and texts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { toTmx } from '../../src/formats/tmx.js'
import { toXliff } from '../../src/formats/xliff.js'
import type { TranslationUnit } from '../../src/types.js'
import { haveTool } from '../helpers/tools.js'
import { corpusUnits, pairUnits } from './corpus-units.js'
import { systemPython } from './helpers.js'

const hasToolkit = haveTool('Translate Toolkit for /usr/bin/python3 (Debian translate-toolkit)', () => {
  systemPython('import translate.storage.xliff, translate.storage.tmx', [])
  return true
})

// Prints [[source, target], ...] for every translatable unit, as the toolkit sees them.
const script = `
import json, sys
from translate.storage import xliff, tmx
kind, name = sys.argv[1], sys.argv[2]
with open(name, 'rb') as handle:
    data = handle.read()
store = (xliff.xlifffile if kind == 'xliff' else tmx.tmxfile).parsestring(data)
units = [u for u in store.units if not u.isheader()]
print(json.dumps([[str(u.source), str(u.target)] for u in units], ensure_ascii=False))
`

function readWithToolkit(kind: 'xliff' | 'tmx', text: string): Array<[string, string]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mizan-tt-'))
  const file = path.join(dir, kind === 'xliff' ? 'f.xlf' : 'f.tmx')
  writeFileSync(file, text)
  return JSON.parse(systemPython(script, [kind, file])) as Array<[string, string]>
}

const sets: Array<[string, () => TranslationUnit[]]> = [
  ['the corpus', corpusUnits],
  ['1,000 sentence pairs', () => pairUnits(1000)],
]

describe.runIf(hasToolkit)('Translate Toolkit reading our exports', () => {
  for (const [name, make] of sets) {
    it(`reads our XLIFF 1.2 of ${name} with the same units and texts`, () => {
      const units = make()
      const read = readWithToolkit('xliff', toXliff(units, { version: '1.2', sourceLang: 'ar', targetLang: 'en' }))
      expect(read.length).toBe(units.length)
      expect(read).toEqual(units.map((unit) => [unit.source, unit.target]))
    })

    it(`reads our TMX of ${name} with the same units and texts`, () => {
      const units = make()
      const read = readWithToolkit('tmx', toTmx(units, { sourceLang: 'ar', targetLang: 'en' }))
      expect(read.length).toBe(units.length)
      expect(read).toEqual(units.map((unit) => [unit.source, unit.target]))
    })
  }
})
