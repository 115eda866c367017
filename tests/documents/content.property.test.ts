/**
 * Properties of the inline content alignFiles gives each pair, over random HTML documents (random blocks, words
 * with and without stops, nested bold/italic/links, line breaks, images): the strings of a pair's content joined
 * are its text; codes are well nested, and an end without its partner in the unit is marked isolated; ids are
 * unique per side; every code of the document lands in exactly one unit (when every sentence is paired).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { alignFiles, readDocument, type InlineContent } from 'mizan'

const words = ['القمة', 'سمرقند', 'الصين', 'طاجيكستان', 'التعاون', 'الاقتصاد', 'رئيس', 'اليوم']

/** A random inline run: words, some wrapped in formatting, some ending a sentence. */
const inline: fc.Arbitrary<string> = fc.letrec<{ run: string }>((tie) => ({
  run: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom(...words), fc.constantFrom('', '', '.', '؟')).map(([word, stop]) => `${word}${stop} `),
    fc.constantFrom('<br>', '<img src="x.png">'),
    fc.tuple(fc.constantFrom('b', 'i', 'u', 'a href="https://example.org/"'), fc.array(tie('run'), { minLength: 1, maxLength: 3 })).map(([tag, runs]) => `<${tag}>${runs.join('')}</${tag.split(' ')[0]}>`),
  ),
})).run

const block = fc.tuple(fc.constantFrom('p', 'h2', 'li', 'td'), fc.array(inline, { minLength: 1, maxLength: 6 })).map(([tag, runs]) => `<${tag}>${runs.join('')}</${tag}>`)
const documentArbitrary = fc.array(block, { minLength: 1, maxLength: 6 }).map((blocks) => `<!doctype html><body>${blocks.join('\n')}</body>`)

function checkContent(content: InlineContent | undefined, text: string): number {
  if (content === undefined) return 0
  expect(content.filter((item) => typeof item === 'string').join('')).toBe(text)
  const open: string[] = []
  const ids = new Set<string>()
  let codes = 0
  for (const item of content) {
    if (typeof item === 'string') continue
    codes++
    if (item.kind === 'open') {
      expect(ids.has(item.id)).toBe(false)
      ids.add(item.id)
      if (!item.isolated) open.push(item.id)
    } else if (item.kind === 'close') {
      if (item.isolated) {
        expect(ids.has(item.id)).toBe(false)
        ids.add(item.id)
      } else expect(item.id).toBe(open.pop())
    } else {
      expect(ids.has(item.id)).toBe(false)
      ids.add(item.id)
    }
  }
  expect(open).toEqual([])
  return codes
}

describe('alignFiles inline content', () => {
  it('keeps text, nesting, ids and every code over random documents', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary, async (html) => {
        const result = await alignFiles(html, html, { sourceLang: 'ar', targetLang: 'ar' })
        const { blocks } = await readDocument(html, { file: 'a.html' })
        const allCodes = blocks.reduce((sum, one) => sum + one.content.filter((item) => typeof item !== 'string').length, 0)
        let landed = 0
        for (const pair of result.pairs) {
          landed += checkContent(pair.sourceContent, pair.source)
          checkContent(pair.targetContent, pair.target)
          // Both sides are the same document: the same codes with the same ids.
          expect(pair.targetContent).toEqual(pair.sourceContent)
        }
        const everySentencePaired = result.beads.every((bead) => bead.source.length > 0 && bead.target.length > 0)
        if (everySentencePaired) expect(landed).toBe(allCodes)
      }),
      { numRuns: 150, seed: 20261207 },
    )
  })
})
