import { describe, expect, it } from 'vitest'
import { InputError, OptionsError, isInputError, isTmError } from '../../src/errors.js'
import { checkDocument, expectedScript } from '../../src/text/check-document.js'
import { villageArabic, villageEnglish } from '../fixtures/documents.js'

function inputError(fn: () => unknown): InputError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('expected an InputError, got none')
}

describe('checkDocument', () => {
  it('passes each document in its own language and counts its letters', () => {
    const arabic = checkDocument(villageArabic, 'ar')
    expect(arabic.script).toBe('Arabic')
    expect(arabic.scriptShare).toBe(1)
    expect(arabic.letters).toBe(villageArabic.replace(/[^\p{L}]/gu, '').length)
    expect(checkDocument(villageEnglish, 'en-GB')).toMatchObject({ script: 'Latin', scriptShare: 1 })
  })

  it('refuses the English document given as Arabic, naming the file and the script found', () => {
    const error = inputError(() => checkDocument(villageEnglish, 'ar', { file: 'en.txt' }))
    expect(error.code).toBe('INPUT_SCRIPT')
    expect(error.file).toBe('en.txt')
    expect(error.message).toBe("mizan: en.txt: given as ar, but only 0% of its letters are Arabic script and 100% are Latin: the other language's document (files swapped)?")
  })

  it('refuses the Arabic document given as English', () => {
    const error = inputError(() => checkDocument(villageArabic, 'en'))
    expect(error.code).toBe('INPUT_SCRIPT')
    expect(error.message).toContain('0% of its letters are Latin script and 100% are Arabic')
  })

  it('passes Arabic with English names, acronyms and Latin digits in it', () => {
    const text = 'قال ممثل UNICEF في Samarkand إن 2019 كان عاما صعبا على المزارعين في المنطقة كلها.'
    const check = checkDocument(text, 'ar')
    expect(check.scriptShare).toBeGreaterThan(0.5)
    expect(check.scriptShare).toBeLessThan(1)
  })

  it('takes the least share from minScriptShare', () => {
    const half = 'The Council met in Samarkand. اجتمع المجلس.'
    expect(() => checkDocument(half, 'ar')).toThrow(InputError)
    expect(checkDocument(half, 'ar', { minScriptShare: 0.3 }).script).toBe('Arabic')
  })

  it.each([
    { name: 'an empty text', text: '' },
    { name: 'only white space', text: ' \n\t\n ' },
    { name: 'only digits and punctuation', text: '2019 - ١٢٣، 45.6%' },
  ])('refuses $name as empty', ({ text }) => {
    const error = inputError(() => checkDocument(text, 'ar', { file: 'ar.txt' }))
    expect(error.code).toBe('INPUT_EMPTY')
    expect(error.message).toMatch(/^mizan: ar\.txt: no letters: the document is empty/)
  })

  it('checks only for letters when the language has a script it does not know', () => {
    expect(checkDocument('東京で会議が開かれた。', 'ja')).toEqual({ letters: 10, script: undefined, scriptShare: 1 })
    expect(() => checkDocument('。、', 'ja')).toThrow(InputError)
  })

  it('rejects a tag that is not a language tag, and a share outside 0..1', () => {
    expect(() => checkDocument('x', 'not a tag')).toThrow(OptionsError)
    expect(() => checkDocument('x', 'en', { minScriptShare: 2 })).toThrow(OptionsError)
  })
})

describe('expectedScript', () => {
  it.each([
    { lang: 'ar', script: 'Arabic' },
    { lang: 'ar-EG', script: 'Arabic' },
    { lang: 'fa', script: 'Arabic' },
    { lang: 'ur-PK', script: 'Arabic' },
    { lang: 'en', script: 'Latin' },
    { lang: 'fr-CA', script: 'Latin' },
    { lang: 'ar-Latn', script: 'Latin' },
    { lang: 'az-Arab', script: 'Arabic' },
    { lang: 'sr-Cyrl', script: undefined },
    { lang: 'ja', script: undefined },
  ])('gives $script for $lang', ({ lang, script }) => {
    expect(expectedScript(lang)).toBe(script)
  })
})

describe('isInputError', () => {
  it('knows an InputError from another realm by its name and code', () => {
    const foreign = { name: 'InputError', code: 'INPUT_EMPTY', message: 'mizan: x' }
    expect(isInputError(foreign)).toBe(true)
    expect(isTmError(foreign)).toBe(true)
    expect(isInputError({ name: 'InputError' })).toBe(false)
    expect(isInputError(new OptionsError('x', 1, 'a string'))).toBe(false)
  })
})
