import { isUtf8 } from 'node:buffer'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InputError, OptionsError, isInputError, isTmError } from '../../src/errors.js'
import { decodeText, firstInvalidUtf8 } from '../../src/text/decode.js'
import { villageArabic, villageEnglish } from '../fixtures/documents.js'
import { encodeSingleByte, encodeUtf16 } from './legacy.js'

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8')

/** Runs `fn`, expecting an InputError; returns it. */
function inputError(fn: () => unknown): InputError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    expect(isInputError(error) && isTmError(error)).toBe(true)
    return error as InputError
  }
  throw new Error('expected an InputError, got none')
}

describe('decodeText', () => {
  it('decodes UTF-8 and drops a UTF-8 byte order mark', () => {
    expect(decodeText(utf8(villageArabic))).toBe(villageArabic)
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(villageArabic)]))).toBe(villageArabic)
  })

  it.each(['le', 'be'] as const)('honours a UTF-16%s byte order mark without being told the encoding', (endian) => {
    expect(decodeText(encodeUtf16(villageArabic, endian))).toBe(villageArabic)
  })

  it('decodes windows-1256 and iso-8859-6 Arabic when the encoding is named', () => {
    expect(decodeText(encodeSingleByte(villageArabic, 'windows-1256'), { encoding: 'windows-1256' })).toBe(villageArabic)
    expect(decodeText(encodeSingleByte(villageArabic, 'windows-1256'), { encoding: 'cp1256' })).toBe(villageArabic)
    expect(decodeText(encodeSingleByte(villageArabic, 'iso-8859-6'), { encoding: 'iso-8859-6' })).toBe(villageArabic)
  })

  it('refuses windows-1256 read as UTF-8, naming the file and the offset of the first Arabic byte', () => {
    const bytes = Buffer.concat([utf8('Report 7\n'), encodeSingleByte(villageArabic, 'windows-1256')])
    const error = inputError(() => decodeText(bytes, { file: 'old-ar.txt' }))
    expect(error.code).toBe('INPUT_ENCODING')
    expect(error.byteOffset).toBe(9)
    expect(error.file).toBe('old-ar.txt')
    expect(error.message).toMatch(/^mizan: old-ar\.txt \(byte 9\): not valid UTF-8: the sequence starting with bytes CA DE DA 20 is not a character.*windows-1256/)
  })

  it.each([
    { name: 'a lone continuation byte', bytes: [0x61, 0x80, 0x62], offset: 1 },
    { name: 'an overlong two-byte form', bytes: [0x61, 0x62, 0xc0, 0xaf], offset: 2 },
    { name: 'an overlong three-byte form', bytes: [0xe0, 0x80, 0xaf], offset: 0 },
    { name: 'an encoded surrogate', bytes: [0x61, 0xed, 0xa0, 0x80], offset: 1 },
    { name: 'a code point past U+10FFFF', bytes: [0xf4, 0x90, 0x80, 0x80], offset: 0 },
    { name: 'a sequence cut short by the end', bytes: [0xd8, 0xb3, 0xe2, 0x82], offset: 2 },
    { name: 'a lead byte followed by ASCII', bytes: [0xd8, 0xb3, 0xd9, 0x20], offset: 2 },
  ])('locates $name at byte $offset', ({ bytes, offset }) => {
    const error = inputError(() => decodeText(new Uint8Array(bytes)))
    expect([error.code, error.byteOffset]).toEqual(['INPUT_ENCODING', offset])
  })

  it('counts the offset from the start of the file, byte order mark included', () => {
    const error = inputError(() => decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff])))
    expect(error.byteOffset).toBe(4)
  })

  it('locates a byte that a declared legacy encoding does not map', () => {
    // ISO-8859-6 leaves A1 unassigned (it has ، at AC, ؛ at BB and ؟ at BF).
    const bytes = Buffer.concat([Buffer.from(encodeSingleByte('سلام ', 'iso-8859-6')), Buffer.from([0xa1]), Buffer.from(encodeSingleByte(' عليكم', 'iso-8859-6'))])
    const error = inputError(() => decodeText(bytes, { encoding: 'iso-8859-6', file: 'x.txt' }))
    expect([error.code, error.byteOffset]).toEqual(['INPUT_ENCODING', 5])
    expect(error.message).toContain('not valid iso-8859-6: bytes A1')
  })

  it('refuses UTF-8 declared as windows-1256 instead of making mojibake', () => {
    const error = inputError(() => decodeText(utf8(villageArabic), { encoding: 'windows-1256' }))
    expect(error.code).toBe('INPUT_ENCODING')
    expect(error.message).toContain('valid UTF-8')
    // Plain ASCII is the same in both and passes.
    expect(decodeText(utf8('The tank is full.'), { encoding: 'windows-1256' })).toBe('The tank is full.')
  })

  it('refuses a file with a NUL byte as binary, at the NUL', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])
    const error = inputError(() => decodeText(png, { file: 'scan.png' }))
    expect([error.code, error.byteOffset]).toEqual(['INPUT_BINARY', 8])
    expect(error.message).toMatch(/^mizan: scan\.png \(byte 8\): a NUL byte: this is a binary file/)
  })

  it('says UTF-16 without a byte order mark may be why there are NUL bytes, and reads it when told', () => {
    const bytes = encodeUtf16(villageEnglish, 'le', false)
    expect(inputError(() => decodeText(bytes)).message).toContain('UTF-16 without a byte order mark')
    expect(decodeText(bytes, { encoding: 'utf-16le' })).toBe(villageEnglish)
  })

  it('refuses text made mostly of control characters, with no NUL byte', () => {
    const bytes = new Uint8Array(200).map((_, k) => (k % 3 === 0 ? 0x41 : 1 + (k % 8)))
    const error = inputError(() => decodeText(bytes))
    expect([error.code, error.byteOffset]).toEqual(['INPUT_BINARY', 1])
  })

  it('refuses a NUL character decoded from UTF-16, at its byte', () => {
    const error = inputError(() => decodeText(encodeUtf16('ab\u0000c', 'le')))
    expect([error.code, error.byteOffset]).toEqual(['INPUT_BINARY', 6])
  })

  it('lets a few stray control characters in a real text pass', () => {
    const text = `${villageEnglish}\u001b\f${villageEnglish}\u0007`
    expect(decodeText(utf8(text))).toBe(text)
  })

  it('rejects an encoding label the platform does not know', () => {
    expect(() => decodeText(utf8('x'), { encoding: 'klingon-1' })).toThrow(OptionsError)
    expect(() => decodeText(utf8('x'), { encoding: 'klingon-1' })).toThrow(/option encoding must be an encoding label/)
  })

  it('rejects bytes that are not a Uint8Array', () => {
    expect(() => decodeText('text' as unknown as Uint8Array)).toThrow(OptionsError)
  })
})

describe('firstInvalidUtf8', () => {
  it('agrees with the platform validator, and everything before the offset is well formed', () => {
    // Bytes biased towards UTF-8's interesting values, so well-formed and ill-formed inputs both come up.
    const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }))
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 24 }), (values) => {
        const bytes = new Uint8Array(values)
        const offset = firstInvalidUtf8(bytes)
        expect(offset === -1).toBe(isUtf8(bytes))
        if (offset >= 0) expect(isUtf8(bytes.subarray(0, offset))).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })
})
