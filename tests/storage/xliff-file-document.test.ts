/**
 * An XLIFF 2.2 memory file keeps what 2.2 puts on `<xliff>` itself (document-level `<notes>` and
 * `<mda:metadata>`) through TranslationMemory.open, add and save (issue #16: read, keep and write them).
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseXliff, TranslationMemory } from 'mizan'

const fixture = join(import.meta.dirname, '../formats/fixtures/xliff22-document.xlf')

describe('TranslationMemory on an XLIFF 2.2 file with document-level notes and metadata', () => {
  it('writes them back on save, beside the units it added', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mizan-doc22-')), 'tm.xlf')
    copyFileSync(fixture, path)
    const before = parseXliff(readFileSync(path, 'utf8'))
    expect(before.notes?.length).toBeGreaterThan(0)
    expect(before.metadata).toBeDefined()
    const tm = await TranslationMemory.open(path)
    await tm.add({ id: 'added', source: 'صباح الخير.', target: 'Good morning.' })
    await tm.save()
    const after = parseXliff(readFileSync(path, 'utf8'))
    expect(after.formatVersion).toBe('2.2')
    expect(after.notes).toEqual(before.notes)
    expect(after.metadata).toEqual(before.metadata)
    expect(after.units.map((unit) => unit.id)).toEqual([...before.units.map((unit) => unit.id), 'added'])
  })
})
