import { describe, expect, it } from 'vitest'
import { applyCorrections, locateSentences, parseCorrections, textChecksum, toCorrections } from '../../src/review/corrections.js'
import { applyEdit, startSession } from '../../src/review/history.js'
import { createReviewDocument } from '../../src/review/model.js'
import { ReviewError } from '../../src/review/review-error.js'
import { segmentSentences } from '../../src/segment/index.js'

const arabic = 'قال الرئيس إن عام 2024 كان صعبا.\n\nوأضاف أن الاقتصاد نما. ثم غادر.'
const english = 'The president said 2024 was hard.\n\nHe added that the economy grew. Then he left.'

function reviewed() {
  const source = segmentSentences(arabic, 'ar').map((s) => s.text)
  const target = segmentSentences(english, 'en').map((s) => s.text)
  const beads = source.map((_, i) => ({ source: [i], target: [i], score: 0.9 }))
  return startSession(createReviewDocument(source, target, beads))
}

describe('locateSentences', () => {
  it.each([
    { sentences: ['Hello.', 'World. Again.'], expected: [[0, 6], [8, 21]] },
    // a join turns the paragraph break into one space; the range still spans the text
    { sentences: ['Hello. World.', 'Again.'], expected: [[0, 14], [15, 21]] },
    { sentences: ['Hello.', 'World.', 'Again.'], expected: [[0, 6], [8, 14], [15, 21]] },
  ])('finds $sentences', ({ sentences, expected }) => {
    expect(locateSentences('Hello.\n\nWorld. Again.', sentences)).toEqual(expected)
  })

  it('refuses a sentence that is not next in the text, naming it and the character', () => {
    const error = (() => {
      try {
        locateSentences('Hello. World.', ['Hello.', 'Planet.'])
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ReviewError)
    expect((error as ReviewError).code).toBe('INVALID_INPUT')
    expect((error as Error).message).toMatch(/sentence 2 \("Planet\."\) is not in the text at character 7/)
  })
})

describe('toCorrections and applyCorrections', () => {
  it('carry a split, a join and the confirmed and rejected beads back onto the texts', () => {
    let session = reviewed()
    // split the first Arabic sentence after "2024" (Arabic-first: offsets in UTF-16 code units), join the last two English ones
    const at = session.document.source[0]!.indexOf('كان')
    session = applyEdit(session, { kind: 'split-sentence', side: 'source', sentence: 0, offset: at })
    session = applyEdit(session, { kind: 'join-sentences', side: 'target', sentence: 1 })
    session = applyEdit(session, { kind: 'approve', bead: 0 })
    session = applyEdit(session, { kind: 'reject', bead: 1 })
    const document = session.document
    const corrections = parseCorrections(JSON.stringify(toCorrections(document, arabic, english)))
    expect(corrections.beads).toEqual([
      { source: [0, 1], target: [0], state: 'confirmed' },
      { source: [2], target: [1], state: 'rejected' },
    ])
    const applied = applyCorrections(corrections, arabic, english)
    expect(applied.source).toEqual(document.source)
    // the joined sentence comes back as the text wrote it (with its own white space)
    expect(applied.target).toEqual(['The president said 2024 was hard.', 'He added that the economy grew. Then he left.'])
    expect(applied.confirmed).toEqual([{ source: [0, 1], target: [0] }])
    expect(applied.rejected).toEqual([{ source: [2], target: [1] }])
  })

  it('record the texts\' file names when given, and read them back', () => {
    const corrections = parseCorrections(JSON.stringify(toCorrections(reviewed().document, arabic, english, { source: 'خبر.txt', target: 'news.txt' })))
    expect([corrections.source.name, corrections.target.name]).toEqual(['خبر.txt', 'news.txt'])
    expect(toCorrections(reviewed().document, arabic, english).source).not.toHaveProperty('name')
  })

  it('refuses another text, naming its length and checksum', () => {
    const corrections = toCorrections(reviewed().document, arabic, english)
    expect(() => applyCorrections(corrections, arabic, `${english} More.`)).toThrow(/made on another target text \(\d+ characters, checksum [0-9a-f]{8}; this one has/)
  })
})

describe('parseCorrections', () => {
  const good = () => toCorrections(reviewed().document, arabic, english) as unknown as Record<string, unknown>
  it.each([
    { title: 'not JSON', text: '{', message: /x\.json is not JSON/ },
    { title: 'another kind', text: JSON.stringify({ ...good(), kind: 'other' }), message: /not a mizan corrections file/ },
    { title: 'an unknown formatVersion', text: JSON.stringify({ ...good(), formatVersion: 2 }), message: /formatVersion 2; expected 1/ },
    { title: 'overlapping ranges', text: JSON.stringify({ ...good(), source: { ...(good()['source'] as object), sentences: [[0, 10], [5, 12]] } }), message: /source sentence 1 has range \[5,12\]/ },
    { title: 'beads out of order', text: JSON.stringify({ ...good(), beads: [{ source: [1], target: [1], state: 'confirmed' }, { source: [0], target: [0], state: 'confirmed' }] }), message: /bead 1 has source sentence 0/ },
    { title: 'an unknown state', text: JSON.stringify({ ...good(), beads: [{ source: [0], target: [0], state: 'open' }] }), message: /bead 0 has state "open"/ },
    { title: 'a text name with a folder', text: JSON.stringify({ ...good(), target: { ...(good()['target'] as object), name: '../../etc/passwd' } }), message: /target name must be a file name \(no folders\), got "\.\.\/\.\.\/etc\/passwd"/ },
  ])('refuses $title', ({ text, message }) => {
    expect(() => parseCorrections(text, 'x.json')).toThrow(ReviewError)
    expect(() => parseCorrections(text, 'x.json')).toThrow(message)
  })
})

describe('textChecksum', () => {
  it('tells texts apart that differ in one Arabic letter', () => {
    expect(textChecksum('كتب')).not.toBe(textChecksum('كتت'))
    expect(textChecksum('')).toBe('811c9dc5')
  })
})
