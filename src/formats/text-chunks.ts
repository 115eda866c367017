/**
 * The input of the streaming readers as string chunks: a file path, a Node readable, or any (async) iterable of
 * strings or bytes, with bytes decoded as UTF-8 or UTF-16 (told by a byte-order mark).
 *
 * @module
 * @internal
 */
import { FormatError } from '../errors.js'

/**
 * Turns a Node readable, a file path, or any (async) iterable of strings or bytes into string chunks.
 * Bytes are decoded as UTF-8 (or UTF-16 when a byte-order mark says so) with a streaming decoder, so a
 * character split between two chunks is kept whole.
 *
 * @example
 * ```ts
 * for await (const chunk of textChunks('memory.xlf', 'xliff')) reader.feed(chunk)
 * ```
 * @internal
 */
export async function* textChunks(input: string | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, format: string): AsyncGenerator<string> {
  let source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>
  if (typeof input === 'string') {
    const { createReadStream } = await import('node:fs')
    const stream = createReadStream(input, { highWaterMark: 256 * 1024 })
    source = stream as AsyncIterable<Uint8Array>
    try {
      yield* decodeChunks(source)
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
        throw new FormatError(`cannot read ${input}: ${(error as Error).message}`, { format, file: input, code: 'INVALID_INPUT', cause: error })
      }
      throw error
    }
    return
  }
  yield* decodeChunks(input)
}

/**
 * Bytes decoded into one string chunk. Files are read 256 KiB at a time (fewer reads), but decoded in slices of
 * 32 KiB: a string of more than 128 KiB (64 Ki UTF-16 code units, as Arabic text decodes) is a large object in
 * V8, allocated in fresh pages of its own, and the reader's `rest + chunk` is copied into another such string
 * when first read. Smaller strings stay in the young generation. Measured on 100 MiB of XLIFF 2.1 (UN pairs):
 * decoding and flattening took 760 ms in 256 KiB chunks and 400 ms in 32 KiB ones.
 */
const DECODE_BYTES = 32 * 1024

async function* decodeChunks(source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined
  /** The first bytes, held until there are two: a UTF-16 byte-order mark may come cut between chunks. */
  let head: Uint8Array | undefined
  for await (const item of source as AsyncIterable<string | Uint8Array>) {
    let chunk = item
    if (typeof chunk === 'string') {
      if (head !== undefined) {
        decoder = new TextDecoder('utf-8', { fatal: true })
        yield decoder.decode(head, { stream: true })
        head = undefined
      }
      yield chunk
      continue
    }
    if (!decoder) {
      if (head !== undefined) chunk = Buffer.concat([head, chunk])
      if (chunk.length < 2) {
        head = chunk
        continue
      }
      head = undefined
      const utf16 = chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-8'
      decoder = new TextDecoder(utf16, { fatal: true })
    }
    // In slices of DECODE_BYTES: see there. The streaming decoder keeps a character cut between slices whole.
    if (chunk.length <= DECODE_BYTES) yield decoder.decode(chunk, { stream: true })
    else for (let offset = 0; offset < chunk.length; offset += DECODE_BYTES) yield decoder.decode(chunk.subarray(offset, offset + DECODE_BYTES), { stream: true })
  }
  if (head !== undefined && head.length > 0) {
    decoder = new TextDecoder('utf-8', { fatal: true })
    yield decoder.decode(head, { stream: true })
  }
  if (decoder) {
    const rest = decoder.decode()
    if (rest) yield rest
  }
}
