/**
 * Encoders for the legacy encodings the input tests need, built by inverting the platform's TextDecoder over
 * every byte (a single-byte encoding maps each byte to at most one character), so no fixture file has to be
 * committed in a legacy encoding.
 *
 * @internal
 */

/** Encodes `text` in a single-byte encoding such as windows-1256 or iso-8859-6; throws on a character it lacks. */
export function encodeSingleByte(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding)
  const table = new Map<string, number>()
  for (let byte = 0; byte < 256; byte++) {
    const char = decoder.decode(new Uint8Array([byte]))
    if (char !== '\ufffd' && !table.has(char)) table.set(char, byte)
  }
  return Uint8Array.from([...text], (char) => {
    const byte = table.get(char)
    if (byte === undefined) throw new Error(`${encoding} has no byte for ${JSON.stringify(char)}`)
    return byte
  })
}

/** `text` in UTF-16 with a byte order mark, little- or big-endian. */
export function encodeUtf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const body = Buffer.from(text, 'utf16le')
  if (endian === 'be') body.swap16()
  return Buffer.concat([bom ? Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : Buffer.alloc(0), body])
}
