/**
 * Bytes to text, honestly: a document's bytes become a string only when they are text in the encoding expected,
 * and otherwise a located {@link InputError}, never a string full of U+FFFD REPLACEMENT CHARACTERs.
 *
 * Without a declared encoding the input must be UTF-8 (a UTF-8 byte order mark is dropped). A byte order mark
 * wins over the declared encoding, as in the WHATWG Encoding Standard's "decode" algorithm (§6): EF BB BF is
 * UTF-8, FF FE UTF-16LE, FE FF UTF-16BE. Legacy encodings (windows-1256 and ISO-8859-6 for Arabic, and every
 * other label the Encoding Standard lists) are decoded by the platform's `TextDecoder`.
 *
 * UTF-8 is validated here, byte by byte, against the well-formed sequences of the Unicode Standard (15.0,
 * §3.9, table 3-7), so the error names the first byte of the first ill-formed sequence; `TextDecoder` itself
 * only says that one exists.
 *
 * @module
 */
import { isUtf8 } from 'node:buffer'
import { InputError, OptionsError } from '../errors.js'

/**
 * Options of {@link decodeText}.
 *
 * @example
 * ```ts
 * import { decodeText, type DecodeTextOptions } from 'mizan'
 * import { readFileSync } from 'node:fs'
 * const options: DecodeTextOptions = { encoding: 'windows-1256', file: 'old-ar.txt' }
 * const text = decodeText(readFileSync('old-ar.txt'), options)
 * ```
 * @group Inputs
 */
export interface DecodeTextOptions {
  /**
   * The encoding of the bytes, as a WHATWG Encoding Standard label: `'utf-8'`, `'windows-1256'` (also
   * `'cp1256'`), `'iso-8859-6'`, `'utf-16le'`, `'utf-16be'`... A byte order mark at the start wins over it.
   * @defaultValue `'utf-8'`
   */
  encoding?: string
  /**
   * The name of the input (a file name), for error messages.
   * @defaultValue none
   */
  file?: string
}

/** A byte order mark: the encoding it declares and its length in bytes. */
interface ByteOrderMark {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be'
  length: number
}

function byteOrderMark(bytes: Uint8Array): ByteOrderMark | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 }
  return undefined
}

/**
 * The offset of the first byte of the first ill-formed UTF-8 sequence in `bytes` from `start`, or -1 when all
 * are well formed (Unicode 15.0, table 3-7). A sequence cut short by the end of the input counts as ill formed.
 *
 * @internal
 */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0): number {
  let k = start
  while (k < bytes.length) {
    const lead = bytes[k]!
    if (lead < 0x80) {
      k++
      continue
    }
    // The range of the second byte depends on the lead (no overlongs, no surrogates, nothing past U+10FFFF);
    // the later ones are always 80..BF.
    let length: number
    let low = 0x80
    let high = 0xbf
    if (lead >= 0xc2 && lead <= 0xdf) length = 2
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3
      if (lead === 0xe0) low = 0xa0
      if (lead === 0xed) high = 0x9f
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4
      if (lead === 0xf0) low = 0x90
      if (lead === 0xf4) high = 0x8f
    } else return k
    if (k + length > bytes.length) return k
    const second = bytes[k + 1]!
    if (second < low || second > high) return k
    for (let n = 2; n < length; n++) {
      const next = bytes[k + n]!
      if (next < 0x80 || next > 0xbf) return k
    }
    k += length
  }
  return -1
}

/** Whether `bytes` decode in `encoding` without an error, as the start of a longer input (`stream`). */
function decodesAsPrefix(bytes: Uint8Array, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true })
    return true
  } catch {
    return false
  }
}

/**
 * The offset of the byte at which a fatal `TextDecoder` first fails, found by bisection over prefixes (decoding a
 * prefix as a stream fails exactly when it holds an undecodable byte). Only called once decoding has failed, so
 * the log₂(n) extra decodes are paid on the error path alone.
 */
function firstUndecodable(bytes: Uint8Array, start: number, encoding: string): number {
  let low = start
  let high = bytes.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (decodesAsPrefix(bytes.subarray(start, middle + 1), encoding)) low = middle + 1
    else high = middle
  }
  // Every prefix decodes: the input ends inside a character.
  return Math.min(low, bytes.length - 1)
}

function hexBytes(bytes: Uint8Array, offset: number): string {
  return [...bytes.subarray(offset, offset + 4)].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ')
}

/** The canonical name of an encoding label, or an OptionsError when the platform does not know it. */
function encodingName(label: string): string {
  if (typeof label !== 'string') throw new OptionsError('encoding', label, 'an encoding label such as "windows-1256"')
  try {
    return new TextDecoder(label).encoding
  } catch {
    throw new OptionsError('encoding', label, 'an encoding label the WHATWG Encoding Standard lists, such as "utf-8", "windows-1256", "iso-8859-6" or "utf-16le"')
  }
}

/**
 * Control characters that no text document is made of: C0 controls other than tab, line feed, vertical tab,
 * form feed and carriage return, DEL, and the C1 controls.
 */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g

/** A document is binary when more than one character in this many is a control character. */
const CONTROL_SHARE = 10

/**
 * Decodes a document's bytes to text, refusing what is not text: invalid bytes for the encoding, binary content
 * (a NUL byte, or more than one character in ten a control character), or bytes in a legacy encoding that are in
 * fact UTF-8 (which would come out as mojibake). A UTF-8 byte order mark is dropped; a UTF-16 one is honoured.
 *
 * The text is not checked further: {@link checkDocument} says whether it has letters of the right script.
 *
 * @param bytes - the document's bytes (a `Buffer` is a `Uint8Array`)
 * @param options - `encoding` (a WHATWG label, default UTF-8) and `file` (named in errors)
 * @returns the text, without a byte order mark
 * @throws {@link InputError} `INPUT_ENCODING` with the `byteOffset` of the first byte that is not text in the
 *   encoding, or when a legacy encoding was declared for valid UTF-8 with non-ASCII characters; `INPUT_BINARY`
 *   with the offset of the first NUL or control byte
 * @throws {@link OptionsError} when `encoding` is not a label `TextDecoder` knows
 * @example
 * ```ts
 * import { decodeText } from 'mizan'
 * decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xd8, 0xb3, 0xd9, 0x84, 0xd8, 0xa7, 0xd9, 0x85])) // 'سلام'
 * decodeText(new Uint8Array([0xd3, 0xe1, 0xc7, 0xe3]), { encoding: 'windows-1256' }) // 'سلام'
 * ```
 * @group Inputs
 */
export function decodeText(bytes: Uint8Array, options: DecodeTextOptions = {}): string {
  if (!(bytes instanceof Uint8Array)) throw new OptionsError('bytes', bytes, 'a Uint8Array (or Buffer) of the document', 'INVALID_INPUT')
  const file = options.file
  const fail = (code: 'INPUT_ENCODING' | 'INPUT_BINARY', message: string, byteOffset: number | undefined): InputError =>
    new InputError(message, { code, ...(file === undefined ? {} : { file }), ...(byteOffset === undefined ? {} : { byteOffset }) })

  const declared = options.encoding === undefined ? 'utf-8' : encodingName(options.encoding)
  const mark = byteOrderMark(bytes)
  const encoding = mark?.encoding ?? declared
  const start = mark?.length ?? 0
  const sixteen = encoding === 'utf-16le' || encoding === 'utf-16be'

  // In every encoding but UTF-16 a NUL byte is a NUL character, which no text document holds.
  if (!sixteen) {
    const nul = bytes.indexOf(0, start)
    if (nul >= 0) throw fail('INPUT_BINARY', 'a NUL byte: this is a binary file, not text (or UTF-16 without a byte order mark: name its encoding, utf-16le or utf-16be)', nul)
  }

  let text: string
  if (encoding === 'utf-8') {
    const body = bytes.subarray(start)
    if (!isUtf8(body)) {
      const offset = firstInvalidUtf8(bytes, start)
      throw fail(
        'INPUT_ENCODING',
        `not valid UTF-8: the sequence starting with bytes ${hexBytes(bytes, offset)} is not a character; if the file is in a legacy encoding (windows-1256 or iso-8859-6 for Arabic), name it`,
        offset,
      )
    }
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body)
  } else {
    const body = bytes.subarray(start)
    // Legacy encodings decode almost any bytes: UTF-8 declared as windows-1256 would come out as mojibake
    // ("ط³ظ„ط§ظ…"). Real windows-1256 Arabic is never valid UTF-8 beyond a few characters (adjacent letters
    // C1..FE make ill-formed sequences), so valid UTF-8 with multi-byte characters is UTF-8.
    if (!sixteen && mark === undefined && isUtf8(body) && body.some((byte) => byte >= 0x80)) {
      throw fail('INPUT_ENCODING', `declared ${declared}, but the bytes are valid UTF-8 with non-ASCII characters: read it as UTF-8 (declare no encoding)`, undefined)
    }
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body)
    } catch {
      const offset = firstUndecodable(bytes, start, encoding)
      throw fail('INPUT_ENCODING', `not valid ${encoding}: bytes ${hexBytes(bytes, offset)} are not a character in it; if the file is in another encoding, name it`, offset)
    }
  }

  // Controls: a NUL decoded from UTF-16, or a file made mostly of control characters (no NUL byte, still binary).
  // Counted by deletion, so a large binary file makes no array of matches.
  const controls = text.length - text.replace(CONTROL, '').length
  if (controls > 0 && (text.includes('\u0000') || controls * CONTROL_SHARE > text.length)) {
    const index = text.search(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/)
    throw fail('INPUT_BINARY', `${controls} control characters in ${text.length}: this is a binary file, not text`, byteOffsetOf(text, index, bytes.length, start, encoding))
  }
  return text
}

/**
 * The byte offset of the character at `index` of the decoded text, where it can be known without re-encoding:
 * UTF-8 and UTF-16 by their rules, a single-byte encoding when every byte made one character.
 */
function byteOffsetOf(text: string, index: number, byteLength: number, start: number, encoding: string): number | undefined {
  if (encoding === 'utf-8') return start + Buffer.byteLength(text.slice(0, index), 'utf8')
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return start + 2 * index
  return text.length === byteLength - start ? start + index : undefined
}
