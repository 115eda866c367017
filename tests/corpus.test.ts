import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { segmentSentences } from 'mizan'
import { dataPath, dataSets, haveData } from './helpers/data.js'

const dir = new URL('../corpus/xi-rahmon-samarkand/', import.meta.url)
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8')
const gold = JSON.parse(read('gold.json')) as Array<{ ar: number[]; en: number[] }>

describe('corpus/xi-rahmon-samarkand', () => {
  const ar = segmentSentences(read('ar.txt'), 'ar')
  const en = segmentSentences(read('en.txt'), 'en')

  // The seed article is outside data (data set `seed`): a fresh clone skips this provenance check.
  it.skipIf(!haveData('seed'))('keeps ar.txt byte for byte equal to the seed article', () => {
    expect(read('ar.txt')).toBe(readFileSync(dataPath(dataSets.seed.files[0]), 'utf8'))
  })

  it('segments the Arabic into its 10 sentences, one per paragraph', () => {
    expect(ar).toHaveLength(10)
    const paragraphs = read('ar.txt').split('\n')
    expect(ar.map((sentence) => sentence.text)).toEqual(paragraphs.map((line) => line.trim()))
  })

  it('segments the English into 12 sentences', () => {
    expect(en).toHaveLength(12)
    expect(en.every((sentence) => /[.!?]$/.test(sentence.text))).toBe(true)
  })

  it('has a gold alignment that is monotone and covers every sentence exactly once', () => {
    const arSeen = gold.flatMap((bead) => bead.ar)
    const enSeen = gold.flatMap((bead) => bead.en)
    expect(arSeen).toEqual(ar.map((_, index) => index))
    expect(enSeen).toEqual(en.map((_, index) => index))
    expect(gold.every((bead) => bead.ar.length + bead.en.length > 0)).toBe(true)
  })

  it('has the 1-2 and 2-1 beads the translation was written with', () => {
    const shapes = gold.map((bead) => `${bead.ar.length}-${bead.en.length}`)
    expect(shapes.filter((shape) => shape === '1-2')).toHaveLength(3)
    expect(shapes.filter((shape) => shape === '2-1')).toHaveLength(1)
  })
})
