/**
 * An XLIFF file memory whose last unit was deleted (issue #17, item 2): the save writes a valid XLIFF 2 file (XLIFF
 * 2 requires a unit or a group in a file, so the writer puts one empty group there) and the memory opens again,
 * empty, and can grow again.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toXliff } from '../../src/formats/xliff.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { haveData } from '../helpers/data.js'
import { hasXmllint, xmllint } from '../formats/helpers.js'

const folder = (): string => mkdtempSync(join(tmpdir(), 'mizan-empty-'))

describe('TranslationMemory.open and save on an emptied XLIFF file', () => {
  for (const version of ['2.0', '2.1', '2.2'] as const) {
    it(`reopens a memory whose last unit was deleted and saved (XLIFF ${version})`, async () => {
      const path = join(folder(), 'tm.xlf')
      // A memory file of that version, as another tool (or an earlier save) wrote it; saves keep the file's version.
      writeFileSync(path, toXliff([{ id: 'u1', source: 'مرحبا بكم', target: 'Welcome' }], { version, sourceLang: 'ar', targetLang: 'en' }))

      const opened = await TranslationMemory.open(path)
      expect(await opened.size()).toBe(1)
      expect(await opened.delete('u1')).toBe(true)
      await opened.save()
      const written = readFileSync(path, 'utf8')
      expect(written).toContain(`version="${version}"`)

      const reopened = await TranslationMemory.open(path)
      expect(await reopened.size()).toBe(0)
      expect(reopened.sourceLang).toBe('ar')
      expect(reopened.targetLang).toBe('en')
      await reopened.add({ id: 'u2', source: 'شكرا', target: 'Thanks' })
      await reopened.save()
      const again = await TranslationMemory.open(path)
      expect((await again.lookup('شكرا'))[0]?.unit.id).toBe('u2')
    })
  }

  it.runIf(hasXmllint && haveData('schemas'))('saves the emptied memory as a file that validates with xmllint', async () => {
    const path = join(folder(), 'tm.xlf')
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.add({ id: 'u1', source: 'نعم', target: 'Yes' })
    await tm.save(path)
    const opened = await TranslationMemory.open(path)
    await opened.delete('u1')
    await opened.save()
    const result = xmllint('xliff-2.1', readFileSync(path, 'utf8'))
    expect(result.output).toMatch(/validates/)
    expect(result.status).toBe(0)
  })
})
