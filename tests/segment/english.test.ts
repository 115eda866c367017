/**
 * English sentence boundaries on our own cases (tests/fixtures/english-sentences.ts), which run without the
 * external Golden Rules suite (golden.test.ts, data set `golden`).
 */
import { describe, expect, it } from 'vitest'
import { segmentSentences } from '../../src/index.js'
import { englishCases } from '../fixtures/english-sentences.js'

describe('segmentSentences (English, our cases)', () => {
  it.each(englishCases.map((item) => ({ ...item, title: `${item.note}: ${JSON.stringify(item.input.slice(0, 50))}` })))('$title', ({ input, expected }) => {
    const sentences = segmentSentences(input, 'en')
    expect(sentences.map((sentence) => sentence.text)).toEqual(expected)
    // the text of each sentence is the input between its offsets, never altered
    for (const sentence of sentences) expect(input.slice(sentence.start, sentence.end)).toBe(sentence.text)
  })
})
