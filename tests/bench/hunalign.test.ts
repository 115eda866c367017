// The alignment bench's hunalign runner (bench/align/hunalign.ts): its ladder reader, the token lines and
// dictionary it writes, and how it calls the program (through a stand-in script, so hunalign need not be built).
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseDictionary } from '../../src/align/lexicon.js'
import { findHunalign, hunalignTokens, parseLadder, realignAbandoned, runHunalign, writeHunalignDictionary } from '../../bench/align/hunalign.js'

const directory = mkdtempSync(join(tmpdir(), 'mizan-hunalign-test-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

describe('parseLadder', () => {
  it('turns the spans between rungs into beads, the last rung (n, m) included', () => {
    // What the built hunalign printed for 3 x 5 sentences: a 1-2 bead and a 0-1 bead between 1-1 beads.
    const ladder = '0\t0\t2.7\n1\t1\t1.14\n2\t3\t-0.3\n2\t4\t2.55\n3\t5\t0.3\n'
    expect(parseLadder(ladder, 3, 5)).toEqual([
      [[0], [0]],
      [[1], [1, 2]],
      [[], [3]],
      [[2], [4]],
    ])
  })

  it('adds the closing rung when the ladder stops short of it', () => {
    expect(parseLadder('0\t0\t1\n1\t1\t1\n', 2, 3)).toEqual([
      [[0], [0]],
      [[1], [1, 2]],
    ])
  })

  it.each([
    { ladder: '0\t0\t1\n2\t1\t1\n1\t2\t1\n', message: 'does not follow' },
    { ladder: '0\t0\t1\n5\t1\t1\n', message: 'does not follow' },
    { ladder: '1\t1\t1\n', message: 'not (0, 0)' },
    { ladder: '0 0 1\n', message: 'ladder line 1' },
  ])('rejects $ladder', ({ ladder, message }) => {
    expect(() => parseLadder(ladder, 3, 3)).toThrow(message)
  })
})

describe('hunalignTokens', () => {
  it.each([
    { input: 'Hello, World!', expected: 'hello , world !' },
    { input: 'Es ist 4.45 Uhr (morgens).', expected: 'es ist 4.45 uhr ( morgens ) .' },
    { input: 'قال:   «نعم» ١٠٠٬٥', expected: 'قال : « نعم » ١٠٠٬٥' },
    { input: '   ', expected: '' },
  ])('writes $input as "$expected"', ({ input, expected }) => {
    expect(hunalignTokens(input)).toBe(expected)
  })
})

describe('writeHunalignDictionary', () => {
  it('writes target @ source, which our hunalign reader reads back in our direction', () => {
    const path = join(directory, 'dictionary.dic')
    const written = writeHunalignDictionary(
      [
        { source: 'Haus', target: 'Maison' },
        { source: 'Haus', target: 'maison' },
        { source: 'E-Mail', target: 'courriel' },
        { source: 'Haus', target: 'courriel @ maison' },
        { source: '!!', target: '' },
      ],
      path,
    )
    expect(written).toBe(2)
    expect(parseDictionary(readFileSync(path, 'utf8'))).toEqual([
      { source: 'haus', target: 'maison' },
      { source: 'e - mail', target: 'courriel' },
    ])
  })
})

describe('runHunalign', () => {
  // A stand-in for hunalign: records its arguments and input files, prints a ladder of 1-1 beads.
  const fake = join(directory, 'fake-hunalign')
  writeFileSync(
    fake,
    [
      '#!/bin/sh',
      `printf '%s\\n' "$@" > ${join(directory, 'args')}`,
      'eval "dictionary=\\${$(($# - 2))}"; eval "source=\\${$(($# - 1))}"',
      `cat "$dictionary" > ${join(directory, 'dictionary-seen')}; cat "$source" > ${join(directory, 'source-seen')}`,
      'case "$1" in -realign) echo "Abandoning realign. The align itself is suspicious." >&2 ;; esac',
      'printf "0\\t0\\t1\\n1\\t1\\t1\\n2\\t2\\t1\\n"',
    ].join('\n'),
  )
  chmodSync(fake, 0o755)

  it('gives hunalign one tokenised sentence a line and an empty dictionary, and reads its ladder', () => {
    const beads = runHunalign(fake, ['Erster Satz.', 'Zweiter, kurz.'], ['Première phrase.', 'Deuxième.'])
    expect(beads).toEqual([
      [[0], [0]],
      [[1], [1]],
    ])
    expect(readFileSync(join(directory, 'source-seen'), 'utf8')).toBe('erster satz .\nzweiter , kurz .\n')
    expect(readFileSync(join(directory, 'dictionary-seen'), 'utf8')).toBe('')
    expect(readFileSync(join(directory, 'args'), 'utf8').split('\n')[0]).not.toBe('-realign')
  })

  it('passes -realign and the dictionary, and counts a realign hunalign gave up', () => {
    const dictionary = join(directory, 'given.dic')
    writeFileSync(dictionary, 'maison @ haus\n')
    const before = realignAbandoned.runs
    runHunalign(fake, ['Haus.', 'Zwei.'], ['Maison.', 'Deux.'], { realign: true, dictionary, name: 'two lines' })
    expect(readFileSync(join(directory, 'args'), 'utf8').split('\n')[0]).toBe('-realign')
    expect(readFileSync(join(directory, 'dictionary-seen'), 'utf8')).toBe('maison @ haus\n')
    expect(realignAbandoned.runs).toBe(before + 1)
    expect(realignAbandoned.documents.at(-1)).toBe('two lines')
  })

  it('returns all omissions without running hunalign when a side is empty', () => {
    expect(runHunalign(join(directory, 'no-such-binary'), ['Eins.'], [])).toEqual([[[0], []]])
  })
})

describe('findHunalign', () => {
  it('refuses a HUNALIGN that is not an executable file', () => {
    const saved = process.env.HUNALIGN
    process.env.HUNALIGN = join(directory, 'missing')
    try {
      expect(() => findHunalign()).toThrow('not an executable file')
    } finally {
      if (saved === undefined) delete process.env.HUNALIGN
      else process.env.HUNALIGN = saved
    }
  })
})
