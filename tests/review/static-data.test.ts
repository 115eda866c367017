/**
 * The static review page's data: it rebuilds the document the aligner made, and the page stays near the size of
 * the two texts (the bound: at most about three times; the read-only page was 4.75 times).
 */
import { describe, expect, it } from 'vitest'
import { createReviewDocument } from '../../src/review/model.js'
import { renderStaticEditorPage } from '../../src/review/page-html.js'
import { ReviewError } from '../../src/review/review-error.js'
import { fromStaticReviewData, toStaticReviewData } from '../../src/review/static-data.js'
import { bundlePageScript } from './page-bundle.js'

/** A generated pair of about `bytes` UTF-8 bytes in all: Arabic sentences and English ones, paragraphs of three. */
function generatedPair(bytes: number) {
  const arWords = ['قال', 'الرئيس', 'إن', 'الاقتصاد', 'نما', 'في', 'عام', '2024', 'بنسبة', 'كبيرة', 'وأضاف', 'الوزير', 'أن', 'التعاون', 'مستمر']
  const enWords = ['the', 'president', 'said', 'economy', 'grew', 'in', '2024', 'by', 'a', 'large', 'share', 'minister', 'added', 'cooperation', 'continues']
  let seed = 7
  const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0), seed % n)
  const sentence = (words: string[], end: string): string => `${Array.from({ length: 8 + random(20) }, () => words[random(words.length)]).join(' ')}${end}`
  const sides = { source: { text: '', sentences: [] as Array<{ start: number; end: number; text: string }> }, target: { text: '', sentences: [] as Array<{ start: number; end: number; text: string }> } }
  const add = (side: 'source' | 'target', text: string, k: number): void => {
    const s = sides[side]
    if (s.text !== '') s.text += k % 3 === 0 ? '\n' : ' '
    s.sentences.push({ start: s.text.length, end: s.text.length + text.length, text })
    s.text += text
  }
  for (let k = 0, total = 0; total < bytes; k++) {
    const ar = sentence(arWords, '.')
    const en = sentence(enWords, '.')
    add('source', ar, k)
    add('target', en, k)
    total += Buffer.byteLength(ar) + Buffer.byteLength(en) + 2
  }
  const beads = sides.source.sentences.map((_, i) => ({ source: [i], target: [i], score: (i % 100) / 100 }))
  return { sourceText: sides.source.text, targetText: sides.target.text, sourceSentences: sides.source.sentences, targetSentences: sides.target.sentences, beads }
}

describe('toStaticReviewData', () => {
  it('round-trips to the document createReviewDocument makes', () => {
    const pair = generatedPair(20_000)
    const data = toStaticReviewData({ ...pair, names: { source: 'ar.txt', target: 'en.txt' }, sourceLang: 'ar', targetLang: 'en' })
    const document = fromStaticReviewData(JSON.parse(JSON.stringify(data)))
    const expected = createReviewDocument(pair.sourceSentences.map((s) => s.text), pair.targetSentences.map((s) => s.text), pair.beads)
    expect(document).toEqual(expected)
  })

  it('refuses a sentence that is not the slice its offsets name', () => {
    const pair = generatedPair(2_000)
    pair.sourceSentences[1] = { ...pair.sourceSentences[1]!, text: 'غيره.' }
    expect(() => toStaticReviewData({ ...pair, names: { source: 'a', target: 'b' }, sourceLang: 'ar', targetLang: 'en' })).toThrow(ReviewError)
  })
})

describe('renderStaticEditorPage', () => {
  it('writes a 2 MB pair into a page under three times its size', async () => {
    const pair = generatedPair(2_000_000)
    const texts = Buffer.byteLength(pair.sourceText) + Buffer.byteLength(pair.targetText)
    const data = toStaticReviewData({ ...pair, names: { source: 'ar.txt', target: 'en.txt' }, sourceLang: 'ar', targetLang: 'en', verdict: { kind: 'parallel', coverage: 0.97 } })
    const page = renderStaticEditorPage(await bundlePageScript(), data)
    const ratio = Buffer.byteLength(page) / texts
    console.info(`static page: ${texts} bytes of text, ${pair.beads.length} beads -> ${Buffer.byteLength(page)} bytes (${ratio.toFixed(2)}x)`)
    expect(ratio).toBeLessThan(3)
    // nothing in the texts can end the data element early
    expect(page.match(/<\/script>/g)).toHaveLength(2)
  })

  it('puts the script and style hashes in a CSP that allows no network', async () => {
    const page = renderStaticEditorPage('console.log("</script>")', toStaticReviewData({ ...generatedPair(500), names: { source: 'a<b>.txt', target: 'en.txt' }, sourceLang: 'ar', targetLang: 'en' }))
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!
    expect(csp).toMatch(/default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+';.* connect-src 'none'/)
    expect(page).not.toMatch(/nonce=/)
    expect(page).toContain('<\\/script>")')
    expect(page).toContain('a&lt;b&gt;.txt')
  })
})
