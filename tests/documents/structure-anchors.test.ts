/**
 * Structure first: headings (same outline), table cells (same tables) and list items (same lists) pair in order
 * before the sentences between them are aligned. Built from the corpus article (ours): one section per gold
 * bead, with three English paragraphs left out.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { alignFiles, readDocument, segmentSentences, type FileAlignment } from 'mizan'
import { structureAnchors } from '../../src/documents/structure-anchors.js'

const folder = new URL('../../corpus/xi-rahmon-samarkand/', import.meta.url)
const read = (name: string) => readFileSync(new URL(name, folder), 'utf8')
const arabic = segmentSentences(read('ar.txt'), 'ar').map((sentence) => sentence.text)
const english = segmentSentences(read('en.txt'), 'en').map((sentence) => sentence.text)
const gold = JSON.parse(read('gold.json')) as Array<{ ar: number[]; en: number[] }>

/** Section k: heading "القسم k" / "Section k" and the gold bead's text; English paragraphs in `dropped` left out. */
function sections(dropped: readonly number[]): { ar: string; en: string } {
  let ar = ''
  let en = ''
  gold.forEach((bead, k) => {
    ar += `<h2>القسم ${k + 1}</h2><p>${bead.ar.map((index) => arabic[index]).join(' ')}</p>`
    en += `<h2>Section ${k + 1}</h2>${dropped.includes(k) ? '' : `<p>${bead.en.map((index) => english[index]).join(' ')}</p>`}`
  })
  return { ar, en }
}

/** Beads holding a heading that do not pair it 1-1 with the heading of the same number. */
function misplacedHeadings(result: FileAlignment): number {
  return result.beads.filter((bead) => {
    const source = bead.source.map((index) => result.sourceSentences[index]!.text)
    const target = bead.target.map((index) => result.targetSentences[index]!.text)
    const headingSource = source.some((text) => text.startsWith('القسم'))
    const headingTarget = target.some((text) => text.startsWith('Section '))
    if (!headingSource && !headingTarget) return false
    return !(source.length === 1 && target.length === 1 && headingSource && headingTarget && source[0]!.split(' ')[1] === target[0]!.split(' ')[1])
  }).length
}

describe('structure first', () => {
  const { ar, en } = sections([2, 5, 7])

  it('pairs every heading with its counterpart when paragraphs are missing', async () => {
    const result = await alignFiles(ar, en, { sourceLang: 'ar', targetLang: 'en' })
    expect(misplacedHeadings(result)).toBe(0)
    expect(result.beads.filter((bead) => bead.fixed)).toHaveLength(gold.length)
  })

  it('misplaces a heading with hints alone (what structureFirst fixes)', async () => {
    // Since the aligner's later issue #12 rounds (omissions and runs of them priced anew), hints alone pair the
    // headings around three scattered missing paragraphs; two missing in a row still mislead them.
    const twoInARow = sections([2, 3])
    const hintsAlone = await alignFiles(twoInARow.ar, twoInARow.en, { sourceLang: 'ar', targetLang: 'en', structureFirst: false })
    expect(misplacedHeadings(hintsAlone)).toBeGreaterThan(0)
    const structure = await alignFiles(twoInARow.ar, twoInARow.en, { sourceLang: 'ar', targetLang: 'en' })
    expect(misplacedHeadings(structure)).toBe(0)
  })
})

describe('structureAnchors', () => {
  async function anchorsOf(source: string, target: string) {
    const sourceBlocks = (await readDocument(source, { file: 'a.html' })).blocks
    const targetBlocks = (await readDocument(target, { file: 'b.html' })).blocks
    const sentences = (blocks: typeof sourceBlocks) =>
      blocks.flatMap((block, index) => segmentSentences(block.text, 'en').map((sentence) => ({ ...sentence, block: index, blockStart: sentence.start, blockEnd: sentence.end })))
    const sourceSentences = sentences(sourceBlocks)
    const targetSentences = sentences(targetBlocks)
    return structureAnchors(sourceBlocks, sourceSentences, targetBlocks, targetSentences)
  }

  it('fixes headings of the same outline and cells of the same tables, in order', async () => {
    const anchors = await anchorsOf('<h1>A</h1><p>One. Two.</p><table><tr><td>x</td><td>y</td></tr></table>', '<h1>B</h1><p>Three.</p><table><tr><td>u</td><td>v</td></tr></table>')
    // Nobody confirmed them: the aligner keeps them but scores them on their evidence.
    expect(anchors).toEqual([
      { source: [0], target: [0], confirmed: false },
      { source: [3], target: [2], confirmed: false },
      { source: [4], target: [3], confirmed: false },
    ])
  })

  it('fixes nothing of a kind whose structure differs (outline levels, cell or item counts)', async () => {
    expect(await anchorsOf('<h1>A</h1><h2>B</h2><ul><li>a.</li><li>b.</li></ul>', '<h1>A</h1><h3>B</h3><ul><li>a.</li></ul>')).toEqual([])
  })
})
