/**
 * alignFiles on the corpus article pair rendered into every format by pandoc and LibreOffice: the same gold
 * beads as the plain text, the bold, italic and linked phrases in the right unit on both sides with shared ids,
 * and those codes surviving XLIFF 2.1, XLIFF 1.2 and TMX (validated by xmllint and read back).
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { alignDocuments, alignFiles, parseTmx, parseXliff, toFileUnits, toTmx, toXliff, TranslationMemory, type FilePair, type InlineContent, type TranslationUnit } from 'mizan'
import { haveData } from '../helpers/data.js'
import { hasXmllint, xmllint } from '../formats/helpers.js'
import { corpusLines, corpusMarks, documentPath, haveOfficeTools, makeDocuments, producers, type Producer } from './make-documents.js'

const gold = JSON.parse(readFileSync(new URL('../../corpus/xi-rahmon-samarkand/gold.json', import.meta.url), 'utf8')) as Array<{ ar: number[]; en: number[] }>
const languages = { sourceLang: 'ar', targetLang: 'en' }

async function alignCorpus(source: Producer, target: Producer) {
  const ar = documentPath('corpus', 'ar', source)
  const en = documentPath('corpus', 'en', target)
  return alignFiles(readFileSync(ar), readFileSync(en), { ...languages, sourceFile: ar, targetFile: en })
}

/** Data of each open code with the text it wraps, and its id. */
function spans(content: InlineContent | undefined): Array<{ data: string; text: string; id: string }> {
  const result: Array<{ data: string; text: string; id: string }> = []
  const list = content ?? []
  list.forEach((item, index) => {
    if (typeof item === 'string' || item.kind !== 'open') return
    const end = list.findIndex((other, at) => at > index && typeof other !== 'string' && other.kind === 'close' && other.id === item.id)
    result.push({ data: item.data!, text: list.slice(index + 1, end).filter((part) => typeof part === 'string').join(''), id: item.id })
  })
  return result
}

/** The code kinds of a unit side, in order (ids left out: readers may renumber). */
function codeShape(content: InlineContent | undefined): string[] {
  return (content ?? []).filter((item) => typeof item !== 'string').map((item) => (typeof item === 'string' ? '' : item.kind))
}

const combinations: Array<[Producer, Producer]> = [...producers.map((producer) => [producer, producer] as [Producer, Producer]), ['libreoffice-docx', 'pandoc-odt'], ['markdown', 'libreoffice-odt'], ['pandoc-html', 'pandoc-docx']]

describe.runIf(haveOfficeTools)('alignFiles', () => {
  beforeAll(() => {
    makeDocuments()
  }, 300_000)

  for (const [source, target] of combinations) {
    it(`aligns the corpus pair (${source} / ${target}) to exactly the gold beads, codes in the right unit`, async () => {
      const result = await alignCorpus(source, target)
      expect(result.beads.map((bead) => ({ ar: bead.source, en: bead.target }))).toEqual(gold)
      for (const pair of result.pairs) {
        expect(pair.sourceContent?.filter((item) => typeof item === 'string').join('') ?? pair.source).toBe(pair.source)
        expect(pair.targetContent?.filter((item) => typeof item === 'string').join('') ?? pair.target).toBe(pair.target)
      }
      const withCodes = result.pairs.filter((pair) => pair.sourceContent !== undefined || pair.targetContent !== undefined)
      expect(withCodes.map((pair) => pair.sourceSentences[0])).toEqual(corpusMarks.ar.map((mark) => mark.line))
      corpusMarks.ar.forEach((mark, index) => {
        const pair = withCodes[index] as FilePair
        const english = corpusMarks.en[index]!
        expect(pair.targetSentences).toContain(gold.find((bead) => bead.ar.includes(mark.line))!.en[0])
        const [arabicSpan] = spans(pair.sourceContent)
        const [englishSpan] = spans(pair.targetContent)
        expect(arabicSpan!.text).toBe(mark.phrase)
        expect(englishSpan!.text).toBe(english.phrase)
        expect(englishSpan!.data).toBe(arabicSpan!.data)
        // Corresponding codes share their id, so a tool sees them as the same code.
        expect(englishSpan!.id).toBe(arabicSpan!.id)
      })
    })
  }

  it('aligns the feature pair block by block: headings, list items and table cells with their counterparts', async () => {
    const ar = documentPath('feature', 'ar', 'libreoffice-docx')
    const en = documentPath('feature', 'en', 'pandoc-odt')
    const result = await alignFiles(readFileSync(ar), readFileSync(en), { ...languages, sourceFile: ar, targetFile: en })
    expect(result.pairs.map((pair) => [pair.source.trim(), pair.target.trim()])).toEqual([
      ['تقرير القمة', 'Summit report'],
      ['افتتحت القمة صباح الجمعة في مدينة سمرقند القديمة.', 'The summit opened on Friday morning in the old city of Samarkand.'],
      ['ونشرت المنظمة البيان الختامي.', 'The organization published the final statement.'],
      ['نتائج القمة', 'Summit results'],
      ['وقع الطرفان اتفاقية للتجارة.', 'The two sides signed a trade agreement.'],
      ['اتفقا على تعزيز النقل.', 'They agreed to strengthen transport.'],
      ['البلد', 'Country'],
      ['العاصمة', 'Capital'],
      ['الصين', 'China'],
      ['بكين', 'Beijing'],
      ['طاجيكستان', 'Tajikistan'],
      ['دوشنبه', 'Dushanbe'],
      ['صدر البيان باللغتين.', 'The statement was issued in both languages.'],
    ])
    // The footnote reference trails the sentence it follows, on both sides.
    expect(result.pairs[2]!.sourceContent?.at(-1)).toMatchObject({ kind: 'standalone', data: '<footnote/>' })
    expect(result.pairs[2]!.targetContent?.at(-1)).toMatchObject({ kind: 'standalone', data: '<footnote/>', id: (result.pairs[2]!.sourceContent?.at(-1) as { id: string }).id })
  })

  describe.runIf(hasXmllint && haveData('schemas'))('export', () => {
    let units: TranslationUnit[] = []
    beforeAll(async () => {
      const result = await alignCorpus('libreoffice-docx', 'libreoffice-odt')
      const tm = new TranslationMemory(languages)
      units = await tm.addAll(toFileUnits(result, { document: 'corpus.ar.docx', minConfidence: 0 }))
    })

    it('keeps the codes in the memory units', () => {
      expect(units.filter((unit) => unit.sourceContent !== undefined)).toHaveLength(3)
      expect(units.filter((unit) => unit.targetContent !== undefined)).toHaveLength(3)
    })

    it('writes valid XLIFF 2.1 and XLIFF 1.2 whose codes read back on both sides', () => {
      for (const version of ['2.1', '1.2'] as const) {
        const xml = toXliff(units, { ...languages, version })
        const lint = xmllint(`xliff-${version}`, xml)
        expect(lint.output).toMatch(/validates/)
        expect(lint.status).toBe(0)
        const back = parseXliff(xml).units
        expect(back.map((unit) => codeShape(unit.sourceContent))).toEqual(units.map((unit) => codeShape(unit.sourceContent)))
        expect(back.map((unit) => codeShape(unit.targetContent))).toEqual(units.map((unit) => codeShape(unit.targetContent)))
        expect(back.map((unit) => spans(unit.sourceContent).map((span) => span.text))).toEqual(units.map((unit) => spans(unit.sourceContent).map((span) => span.text)))
        expect(back.map((unit) => spans(unit.targetContent).map((span) => span.text))).toEqual(units.map((unit) => spans(unit.targetContent).map((span) => span.text)))
      }
    })

    it('writes valid TMX 1.4b whose codes read back on both sides', () => {
      const xml = toTmx(units, languages)
      const lint = xmllint('tmx', xml)
      expect(lint.output).toBe('')
      expect(lint.status).toBe(0)
      const back = parseTmx(xml).units
      expect(back.map((unit) => spans(unit.sourceContent).map((span) => span.text))).toEqual(units.map((unit) => spans(unit.sourceContent).map((span) => span.text)))
      expect(back.map((unit) => spans(unit.targetContent).map((span) => span.text))).toEqual(units.map((unit) => spans(unit.targetContent).map((span) => span.text)))
    })
  })
})

describe('alignFiles on hand-written inputs', () => {
  it('aligns two plain-text files exactly as alignDocuments does', async () => {
    const ar = corpusLines('ar').join('\n')
    const en = corpusLines('en').join('\n')
    const files = await alignFiles(new TextEncoder().encode(ar), new TextEncoder().encode(en), { ...languages, sourceFile: 'ar.txt', targetFile: 'en.txt' })
    const plain = alignDocuments(ar, en, languages)
    expect(files.beads).toEqual(plain.beads)
    expect(files.pairs).toEqual(plain.pairs)
    expect(files.sourceFormat).toBe('text')
  })

  it('never lets a sentence run across a block boundary (a heading without a stop)', async () => {
    const result = await alignFiles('<h2>تقرير القمة</h2><p>افتتحت القمة اليوم.</p>', '<h2>Summit report</h2><p>The summit opened today.</p>', languages)
    expect(result.sourceSentences.map((sentence) => sentence.text)).toEqual(['تقرير القمة', 'افتتحت القمة اليوم.'])
    expect(result.pairs.map((pair) => [pair.source, pair.target])).toEqual([
      ['تقرير القمة', 'Summit report'],
      ['افتتحت القمة اليوم.', 'The summit opened today.'],
    ])
  })

  it('gives a run that spans two sentences to both units as isolated ends, text untouched', async () => {
    const result = await alignFiles('<p>الجملة <b>الأولى. والثانية</b> هنا.</p>', '<p>The <b>first. And the second</b> here.</p>', languages)
    expect(result.pairs).toHaveLength(2)
    const [first, second] = result.pairs
    expect(first!.sourceContent).toEqual(['الجملة ', { kind: 'open', id: '1', data: '<b>', isolated: true }, 'الأولى.'])
    expect(second!.sourceContent).toEqual(['والثانية', { kind: 'close', id: '1', data: '</b>', isolated: true }, ' هنا.'])
    expect(second!.targetContent).toEqual(['And the second', { kind: 'close', id: '1', data: '</b>', isolated: true }, ' here.'])
  })
})
