import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { alignDocuments, toTranslationUnits } from '../../src/align/index.js'
import { OptionsError } from '../../src/errors.js'

const repoRoot = resolve(import.meta.dirname, '../..')
const corpus = (name: string) => readFileSync(resolve(repoRoot, 'corpus/xi-rahmon-samarkand', name), 'utf8')
const arabic = corpus('ar.txt')
const english = corpus('en.txt')
const gold = JSON.parse(corpus('gold.json')) as Array<{ ar: number[]; en: number[] }>

describe('alignDocuments', () => {
  const result = alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en' })

  it('reproduces the corpus gold alignment exactly (1-2 and 2-1 beads included)', () => {
    expect(result.sourceSentences).toHaveLength(10)
    expect(result.targetSentences).toHaveLength(12)
    expect(result.beads.map((bead) => ({ ar: bead.source, en: bead.target }))).toEqual(gold)
  })

  it('reproduces the gold without paragraph hints too', () => {
    const plain = alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en', paragraphHints: false })
    expect(plain.beads.map((bead) => ({ ar: bead.source, en: bead.target }))).toEqual(gold)
  })

  it('returns pairs whose texts are the inputs sliced at their offsets', () => {
    expect(result.pairs).toHaveLength(gold.length)
    for (const pair of result.pairs) {
      expect(arabic.slice(pair.sourceStart, pair.sourceEnd)).toBe(pair.source)
      expect(english.slice(pair.targetStart, pair.targetEnd)).toBe(pair.target)
      expect(pair.shape).toBe(`${pair.sourceSentences.length}-${pair.targetSentences.length}`)
    }
    const twoOne = result.pairs.find((pair) => pair.shape === '2-1')!
    expect(twoOne.source).toContain('\n') // the two Arabic paragraphs, as written
    expect(twoOne.target.startsWith('For his part')).toBe(true)
  })

  it('keeps the Arabic text exactly as written (no normalisation of the originals)', () => {
    const diacritized = 'قَالَ الرَّئِيسُ إِنَّ ٣٠ دَوْلَةً شَارَكَتْ\u200F. وانتهـــت القمة.'
    const out = alignDocuments(diacritized, 'The president said 30 countries took part. The summit ended.', { sourceLang: 'ar', targetLang: 'en' })
    expect(out.pairs.map((pair) => pair.source).join(' ')).toBe(out.sourceSentences.map((s) => s.text).join(' '))
    expect(out.pairs[0]!.source.startsWith('قَالَ الرَّئِيسُ')).toBe(true)
    expect(out.pairs.map((pair) => pair.shape)).toEqual(['1-1', '1-1'])
  })

  it('gives empty results for empty documents', () => {
    const out = alignDocuments('', '   \n', { sourceLang: 'ar', targetLang: 'en' })
    expect(out).toMatchObject({ sourceSentences: [], targetSentences: [], beads: [], pairs: [] })
  })

  it('lists sentences without a counterpart as beads but not as pairs', () => {
    const out = alignDocuments('', 'Only English here.', { sourceLang: 'ar', targetLang: 'en' })
    // An omission is never a confident translation: score 0; its posterior says how sure the aligner is.
    expect(out.beads).toEqual([{ source: [], target: [0], score: 0, posterior: 1 }])
    expect(out.verdict).toMatchObject({ kind: 'not parallel', coverage: 0, omissions: 1 })
    expect(out.pairs).toEqual([])
  })

  it('throws OptionsError for a non-string text or missing languages', () => {
    expect(() => alignDocuments(42 as unknown as string, '', { sourceLang: 'ar', targetLang: 'en' })).toThrow(OptionsError)
    expect(() => alignDocuments('', '', { sourceLang: 'ar' } as never)).toThrow(/targetLang/)
    expect(() => alignDocuments('', '', null as never)).toThrow(/options/)
  })
})

describe('toTranslationUnits', () => {
  const result = alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en' })

  it('turns pairs into units with shape, score, origin and context', () => {
    const units = toTranslationUnits(result, { document: 'xi-rahmon-samarkand' })
    expect(units).toHaveLength(result.pairs.length)
    const second = units[1]!
    expect(second.alignment).toEqual({ score: result.pairs[1]!.score, shape: '1-2' })
    expect(second.origin).toEqual({ document: 'xi-rahmon-samarkand', sourceSentences: [1], targetSentences: [1, 2] })
    expect(second.context).toEqual({ previous: result.sourceSentences[0]!.text, next: result.sourceSentences[2]!.text })
    expect(units[0]!.context).toEqual({ next: result.sourceSentences[1]!.text })
    expect(second.state).toBe('translated')
  })

  it('drops pairs below minScore', () => {
    const scores = result.pairs.map((pair) => pair.score).sort((a, b) => a - b)
    const threshold = scores[0]! + (scores[scores.length - 1]! - scores[0]!) / 2
    const kept = toTranslationUnits(result, { minScore: threshold })
    expect(kept.length).toBe(scores.filter((score) => score >= threshold).length)
    expect(kept.length).toBeLessThan(result.pairs.length)
    expect(kept.every((unit) => unit.alignment!.score >= threshold)).toBe(true)
    expect(() => toTranslationUnits(result, { minScore: 2 })).toThrow(OptionsError)
  })
})
