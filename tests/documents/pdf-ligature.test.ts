/**
 * Lam-alef in PDFs: pdf.js reverses a right-to-left run character by character, so a ligature glyph mapped to
 * two letters comes out with them swapped (العلاقات as العالقات). restoreLigatureOrder puts them back from the
 * operator list's glyphs; on a PDF LibreOffice exports from text full of lam-alef words, every word comes back
 * exactly as written.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDocument } from 'mizan'
import { restoreLigatureOrder } from '../../src/documents/pdf-ligatures.js'
import { corpusLines, haveOfficeTools, pdfPath } from './make-documents.js'

describe('restoreLigatureOrder', () => {
  it('puts the letters of a reversed lam-alef glyph back in order, leaving the definite article alone', () => {
    // Drawn right to left: ت ا ق (لا) ع ل ا; pdf.js reversed the characters, lam-alef included.
    const items = [{ str: 'العالقات', dir: 'rtl' }]
    expect(restoreLigatureOrder(items, ['ت', 'ا', 'ق', 'لا', 'ع', 'ل', 'ا'])).toBe(1)
    expect(items[0]!.str).toBe('العلاقات')
  })

  it('keeps spaces, digits and Latin words where pdf.js put them', () => {
    // pdf.js gives "عام 2024 لا" for the glyphs drawn as: (لا) space 2024 space م ا ع
    const items = [{ str: 'عام 2024 ال', dir: 'rtl' }]
    expect(restoreLigatureOrder(items, ['لا', ' ', '2', '0', '2', '4', ' ', 'م', 'ا', 'ع'])).toBe(1)
    expect(items[0]!.str).toBe('عام 2024 لا')
  })

  it('walks several items, each taking as many glyphs as it has characters', () => {
    const items = [{ str: 'ال', dir: 'rtl' }, { str: '.', dir: 'ltr' }, { str: '', dir: 'ltr' }, { str: 'سالم', dir: 'rtl' }]
    expect(restoreLigatureOrder(items, ['لا', '.', 'م', 'لا', 'س'])).toBe(2)
    expect(items.map((item) => item.str)).toEqual(['لا', '.', '', 'سلام'])
  })

  it('leaves the page as it is when the glyphs are not the items\' characters', () => {
    const items = [{ str: 'ال', dir: 'rtl' }, { str: 'سالم', dir: 'rtl' }]
    // The second item's glyphs differ (a glyph the text content skipped, say): it is left alone, the first is fixed.
    expect(restoreLigatureOrder(items, ['لا', 'م', 'لا', 'ب'])).toBe(1)
    expect(items.map((item) => item.str)).toEqual(['لا', 'سالم'])
  })

  it('leaves an item whose letters are not the glyphs reversed character by character', () => {
    const items = [{ str: 'لاسم', dir: 'rtl' }]
    expect(restoreLigatureOrder(items, ['م', 'لا', 'س'])).toBe(0)
    expect(items[0]!.str).toBe('لاسم')
  })

  it('does nothing to a page without a multi-letter glyph, or to a left-to-right item', () => {
    const plain = [{ str: 'العالم', dir: 'rtl' }]
    expect(restoreLigatureOrder(plain, ['م', 'ل', 'ا', 'ع', 'ل', 'ا'])).toBe(0)
    expect(plain[0]!.str).toBe('العالم')
    const english = [{ str: 'office', dir: 'ltr' }]
    expect(restoreLigatureOrder(english, ['o', 'ffi', 'c', 'e'])).toBe(0)
    expect(english[0]!.str).toBe('office')
  })
})

/**
 * Lam-alef in every form (لا, لأ, لإ, لآ), at the start, inside and at the end of words, beside words with a
 * genuine alef-lam (the definite article, عالم beside علام), with digits and a Latin word in the lines, and a
 * line that wraps. Each paragraph becomes one block.
 */
const paragraphs = [
  'لا أحد يعرف الأعلى إلا من درس العلاقات، والسلام على أهل الإسلام.',
  'قال لا، ثم قال إلا الأعلى في العلاقات الإسلامية والسلام في عام 2024 مع منظمة UNESCO.',
  'سلام على العالم وعلى كل عالم، وعلام تختلفون في الآلات والأقلام والإعلام؟',
  'لأن الإعلان الأول لآلاف الطلاب جاء بلا تأخير، وظلال الأشجار تملأ المكان، والله أعلم بالأحوال كلها وهو لا يغفل عن شيء من الأعمال والأقوال والأفعال.',
]

describe.runIf(haveOfficeTools)('readDocument on a LibreOffice PDF with lam-alef words', () => {
  let dir = ''
  let pdf: Uint8Array
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mizan-lam-alef-'))
    writeFileSync(join(dir, 'lam-alef.md'), `${paragraphs.join('\n\n')}\n`)
    execFileSync('pandoc', ['-f', 'markdown-smart', '-s', '-M', 'lang=ar', '-M', 'dir=rtl', '-M', 'pagetitle=lam-alef', '-o', join(dir, 'lam-alef.odt'), join(dir, 'lam-alef.md')], { stdio: 'pipe' })
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'lam-alef.odt')], { stdio: 'pipe', timeout: 180_000 })
    pdf = readFileSync(join(dir, 'lam-alef.pdf'))
  }, 300_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('gives back every word exactly as written', async () => {
    const { blocks } = await readDocument(pdf, { file: 'lam-alef.pdf' })
    const words = (texts: readonly string[]) => texts.join(' ').split(/\s+/)
    expect(words(blocks.map((block) => block.text))).toEqual(words(paragraphs))
    expect(blocks.map((block) => block.text)).toEqual(paragraphs)
  })
})

describe.runIf(haveOfficeTools)('readDocument on the corpus article exported as PDF', () => {
  it('reads every lam-alef word of the Arabic article as written', async () => {
    const { blocks } = await readDocument(readFileSync(pdfPath('corpus', 'ar')), { file: 'ar.pdf' })
    // The words with a lam-alef, in order (a space LibreOffice leaves before one final period is another matter).
    const lamAlefWords = (texts: readonly string[]) => texts.join(' ').split(/\s+/).filter((word) => /ل[اأإآ]/u.test(word))
    const expected = lamAlefWords(corpusLines('ar'))
    expect(expected.length).toBeGreaterThan(40)
    expect(lamAlefWords(blocks.map((block) => block.text))).toEqual(expected)
  })
})
