/**
 * What the review pages show of a document's structure (src/review/structure-view.ts), without a browser: each
 * sentence's block label, its codes at their offsets, ids paired across a bead, and sentences found again in the
 * text after they were split or joined.
 */
import { describe, expect, it } from 'vitest'
import type { DocumentBlock } from '../../src/documents/blocks.js'
import { toDocumentStructure } from '../../src/review/document-structure.js'
import { checkReviewDocument, createReviewDocument } from '../../src/review/model.js'
import { applyPatch } from '../../src/review/patch.js'
import { joinSentences, splitSentence } from '../../src/review/edits.js'
import { fromStaticReviewData, toStaticReviewData } from '../../src/review/static-data.js'
import { blockLabel, showBead, viewSide, type CodeMarker, type ShownSentence } from '../../src/review/structure-view.js'

const b = (id: string, kind: 'open' | 'close') => ({ kind, id, data: kind === 'open' ? '<b>' : '</b>' })
const link = (id: string, kind: 'open' | 'close') => ({ kind, id, data: kind === 'open' ? '<a href="https://example.org/?a=1&amp;b=2">' : '</a>' })

/** An Arabic document: a heading, a paragraph of two sentences with a bold run and a footnote reference, a table cell. */
const arabic: DocumentBlock[] = [
  { kind: 'heading', level: 2, text: 'نتائج القمة', content: ['نتائج القمة'] },
  {
    kind: 'paragraph',
    text: 'افتتحت القمة صباح الجمعة. ونشرت المنظمة البيان.',
    content: ['افتتحت القمة ', b('1', 'open'), 'صباح الجمعة', b('1', 'close'), '. ونشرت ', link('2', 'open'), 'المنظمة', link('2', 'close'), ' البيان.', { kind: 'standalone', id: '3', data: '<footnote/>' }],
  },
  { kind: 'tableCell', row: 2, column: 1, text: 'الصين', content: ['الصين'] },
]
const english: DocumentBlock[] = [
  { kind: 'heading', level: 2, text: 'Summit results', content: ['Summit results'] },
  {
    kind: 'paragraph',
    text: 'The summit opened on Friday morning. The organization published it.',
    content: ['The summit opened on ', b('1', 'open'), 'Friday morning', b('1', 'close'), '. The ', link('2', 'open'), 'organization', link('2', 'close'), ' published it.', { kind: 'standalone', id: '3', data: '<footnote/>' }],
  },
  { kind: 'tableCell', row: 2, column: 1, text: 'China', content: ['China'] },
]
const arabicSentences = ['نتائج القمة', 'افتتحت القمة صباح الجمعة.', 'ونشرت المنظمة البيان.', 'الصين']
const englishSentences = ['Summit results', 'The summit opened on Friday morning.', 'The organization published it.', 'China']

/** A shown sentence in short: its label, then its text with each marker as [label]. */
function brief(shown: ShownSentence): string {
  const text = shown.parts.map((part) => (typeof part === 'string' ? part : `[${part.label}]`)).join('')
  return shown.block === undefined ? text : `{${shown.block.text}} ${text}`
}

function show(source: readonly string[], target: readonly string[], bead: { source: number[]; target: number[] }) {
  const views = { source: viewSide(toDocumentStructure(arabic), source), target: viewSide(toDocumentStructure(english), target) }
  return showBead(bead, { source, target }, views)
}

describe('blockLabel', () => {
  it.each([
    [{ kind: 'heading', level: 2 }, 'H2', 'heading level 2'],
    [{ kind: 'tableCell', row: 2, column: 1 }, 'table r2 c1', 'table cell, row 2, column 1'],
    [{ kind: 'tableCell' }, 'table cell', 'table cell'],
    [{ kind: 'listItem', level: 2 }, '◦', 'list item, level 2'],
    [{ kind: 'footnote' }, 'footnote', 'footnote'],
    [{ kind: 'caption' }, 'caption', 'caption'],
  ] as const)('labels %j as %s', (block, text, description) => {
    expect(blockLabel({ start: 0, end: 1, ...block })).toMatchObject({ text, description })
  })

  it('gives a plain paragraph no label', () => {
    expect(blockLabel({ start: 0, end: 1, kind: 'paragraph' })).toBeUndefined()
  })
})

describe('showBead', () => {
  it('labels each sentence with its block and puts its codes at their offsets, the text unchanged', () => {
    const shown = show(arabicSentences, englishSentences, { source: [0, 1, 2, 3], target: [0, 1, 2, 3] })
    expect(shown.source.map(brief)).toEqual(['{H2} نتائج القمة', 'افتتحت القمة [b1]صباح الجمعة[/b1].', 'ونشرت [link2]المنظمة[/link2] البيان.[fn3]', '{table r2 c1} الصين'])
    expect(shown.target.map(brief)).toEqual(['{H2} Summit results', 'The summit opened on [b1]Friday morning[/b1].', 'The [link2]organization[/link2] published it.[fn3]', '{table r2 c1} China'])
    for (const [index, sentence] of shown.source.entries()) expect(sentence.parts.filter((part) => typeof part === 'string').join('')).toBe(arabicSentences[index])
  })

  it('numbers each bead\'s codes as its unit does, pairing the target\'s with the source\'s by kind and order', () => {
    // The link sentence alone: its link is 1 and its footnote 2 on both sides.
    const shown = show(arabicSentences, englishSentences, { source: [2], target: [2] })
    expect(shown.source.map(brief)).toEqual(['ونشرت [link1]المنظمة[/link1] البيان.[fn2]'])
    expect(shown.target.map(brief)).toEqual(['The [link1]organization[/link1] published it.[fn2]'])
    const marker = shown.source[0]!.parts[1] as CodeMarker
    expect(marker).toMatchObject({ kind: 'open', description: 'link 1 starts', href: 'https://example.org/?a=1&b=2' })
  })

  it('gives a target code with no counterpart an id of its own', () => {
    // The source bead holds only the bold sentence, the target the link sentence.
    const shown = show(arabicSentences, englishSentences, { source: [1], target: [2] })
    expect(shown.source.map(brief)).toEqual(['افتتحت القمة [b1]صباح الجمعة[/b1].'])
    expect(shown.target.map(brief)).toEqual(['The [link2]organization[/link2] published it.[fn3]'])
  })

  it('finds sentences again after a split and a join (white space as the edit left it)', () => {
    let document = createReviewDocument(arabicSentences, englishSentences, [0, 1, 2, 3].map((k) => ({ source: [k], target: [k], score: 0.9 })), {
      structure: { source: toDocumentStructure(arabic), target: toDocumentStructure(english) },
    })
    // Join the bold and link sentences (one space where the text had one), then join the result with the table
    // cell (one space where the text had a blank line), then split the first at "صباح".
    document = applyPatch(document, joinSentences(document, 'source', 1))
    document = applyPatch(document, joinSentences(document, 'source', 1))
    expect(document.source[1]).toBe('افتتحت القمة صباح الجمعة. ونشرت المنظمة البيان. الصين')
    document = applyPatch(document, splitSentence(document, 'source', 1, document.source[1]!.indexOf('صباح')))
    expect(document.structure?.source?.text).toBe(toDocumentStructure(arabic).text)
    const views = { source: viewSide(document.structure!.source!, document.source) }
    const shown = showBead({ source: [1, 2], target: [] }, document, views)
    expect(shown.source.map(brief)).toEqual(['افتتحت القمة', '[b1]صباح الجمعة[/b1]. ونشرت [link2]المنظمة[/link2] البيان.[fn3] الصين'])
  })

  it('shows a sentence whose text is no longer the document\'s without structure, and finds the next one', () => {
    const view = viewSide(toDocumentStructure(arabic), ['نتائج القمة', 'نص آخر تماما.', 'ونشرت المنظمة البيان.', 'الصين'])
    expect(view.blocks.map((block) => block?.kind)).toEqual(['heading', undefined, 'paragraph', 'tableCell'])
    expect(view.codes[1]).toEqual([])
    expect(view.codes[2]!.map((placed) => placed.offset)).toEqual([6, 13, 21])
  })
})

describe('viewSide', () => {
  it('looks for a sentence that does not follow the previous one only a little way ahead, then goes on', () => {
    // 3,000 one-word paragraphs; the sentence list names the last one second (as if edited), then the second.
    const blocks: DocumentBlock[] = Array.from({ length: 3000 }, (_, k) => ({ kind: 'paragraph', text: `w${k}.`, content: [`w${k}.`] }))
    const structure = toDocumentStructure(blocks)
    const view = viewSide(structure, ['w0.', 'w2999.', 'w1.', 'w2.'])
    expect(view.blocks.map((block) => (block === undefined ? undefined : structure.text.slice(block.start, block.end)))).toEqual(['w0.', undefined, 'w1.', 'w2.'])
    // Text the segmenter left out between two sentences (a stray mark) is stepped over.
    expect(viewSide(structure, ['w0.', 'w2.']).blocks.map((block) => block?.start)).toEqual([0, structure.text.indexOf('w2.')])
  })
})

describe('checkReviewDocument with structure', () => {
  it.each([
    ['a block past the end of the text', { text: 'ab', blocks: [{ start: 0, end: 5, kind: 'paragraph' }], codes: [] }],
    ['a code before the text', { text: 'ab', blocks: [], codes: [{ at: -1, kind: 'open', id: '1', data: '<b>' }] }],
    ['no text', { blocks: [], codes: [] }],
  ])('refuses %s', (_, structure) => {
    const document = { ...createReviewDocument(['ab'], ['cd'], [{ source: [0], target: [0], score: 0.9 }]), structure: { source: structure } }
    expect(() => checkReviewDocument(document as never)).toThrow(/structure\.source must hold a text, and blocks and codes at offsets inside it/)
  })
})

describe('static review data with structure', () => {
  it('carries the blocks and codes once, over the page\'s texts, into the document', () => {
    const sourceStructure = toDocumentStructure(arabic)
    const targetStructure = toDocumentStructure(english)
    const spans = (text: string, sentences: readonly string[]) => {
      let from = 0
      return sentences.map((sentence) => {
        const start = text.indexOf(sentence, from)
        from = start + sentence.length
        return { text: sentence, start, end: from }
      })
    }
    const data = toStaticReviewData({
      sourceText: sourceStructure.text,
      targetText: targetStructure.text,
      sourceSentences: spans(sourceStructure.text, arabicSentences),
      targetSentences: spans(targetStructure.text, englishSentences),
      beads: [0, 1, 2, 3].map((k) => ({ source: [k], target: [k], score: 0.9 })),
      names: { source: 'ar.docx', target: 'en.docx' },
      sourceLang: 'ar',
      targetLang: 'en',
      structure: { source: sourceStructure, target: targetStructure },
    })
    expect(data.structure?.source).not.toHaveProperty('text')
    expect(fromStaticReviewData(JSON.parse(JSON.stringify(data))).structure).toEqual({ source: sourceStructure, target: targetStructure })
  })

  it('refuses a structure over another text', () => {
    const structure = toDocumentStructure(arabic)
    expect(() =>
      toStaticReviewData({ sourceText: 'نص', targetText: '', sourceSentences: [], targetSentences: [], beads: [], names: { source: 'a', target: 'b' }, sourceLang: 'ar', targetLang: 'en', structure: { source: structure } }),
    ).toThrow(/source structure is over another text/)
  })
})
