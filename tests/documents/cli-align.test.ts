/**
 * `mizan align` with document files (the built binary): a LibreOffice .docx against a pandoc .odt aligns to the
 * gold beads and stores the inline codes; a bad document exits with its message and writes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, mizan, mizanJson, tempFolder } from '../cli/harness.js'
import { documentPath, haveOfficeTools, makeDocuments } from './make-documents.js'

const gold = JSON.parse(readFileSync(new URL('../../corpus/xi-rahmon-samarkand/gold.json', import.meta.url), 'utf8')) as Array<{ ar: number[]; en: number[] }>

describe.runIf(haveOfficeTools)('mizan align with documents', () => {
  beforeAll(() => {
    ensureBuilt()
    makeDocuments()
  }, 300_000)

  it('aligns a .docx with an .odt to the gold beads', async () => {
    const cwd = tempFolder()
    const { code, json } = await mizanJson(cwd, ['align', documentPath('corpus', 'ar', 'libreoffice-docx'), documentPath('corpus', 'en', 'pandoc-odt')])
    expect(code).toBe(0)
    expect(json.beads.map((bead: { source: number[]; target: number[] }) => ({ ar: bead.source, en: bead.target }))).toEqual(gold)
  })

  it('stores the pairs with their inline codes in the memory', async () => {
    const cwd = tempFolder()
    const result = await mizan(cwd, ['align', documentPath('corpus', 'ar', 'pandoc-html'), documentPath('corpus', 'en', 'libreoffice-docx'), '--into', 'tm.xlf', '--min-confidence', '0'])
    expect(result.code, result.stderr).toBe(0)
    const memory = readFileSync(join(cwd, 'tm.xlf'), 'utf8')
    // Three phrases are bold, italic and linked on each side: six <pc> pairs, each in a source and a target.
    expect(memory.match(/<pc /g)).toHaveLength(6)
    expect(memory).toMatch(/<source>[^<]*<pc [^>]*>شي جين بينج<\/pc>/)
    expect(memory).toMatch(/<target>[^<]*<pc [^>]*>Xi Jinping<\/pc>/)
  })

  it('refuses a corrupt document with its message and writes nothing', async () => {
    const cwd = tempFolder()
    const broken = readFileSync(documentPath('corpus', 'ar', 'libreoffice-docx'))
    writeFileSync(join(cwd, 'ar.docx'), broken.subarray(0, 2000))
    const result = await mizan(cwd, ['align', 'ar.docx', documentPath('corpus', 'en', 'pandoc-odt'), '--into', 'tm.xlf'])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/ar\.docx.*truncated/)
    expect(existsSync(join(cwd, 'tm.xlf'))).toBe(false)
  })
})
