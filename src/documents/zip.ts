/**
 * Reading the zip packages of .docx and .odt safely: the central directory is read first (APPNOTE.TXT 6.3.10
 * §4.3.12, §4.3.16), so entry count, declared sizes and ratios are checked before anything is inflated; entries
 * are inflated with fflate's streaming `Inflate`, counting real output, so a lying size cannot get past a limit.
 *
 * @module
 */
import { Inflate } from 'fflate'
import { DocumentError, type DocumentErrorCode } from './document-error.js'

/**
 * Limits on a zip package (a .docx or .odt), against zip bombs.
 *
 * @example
 * ```ts
 * import { readDocument } from 'mizan'
 * await readDocument(bytes, { file: 'big.docx', zipLimits: { maxTotalBytes: 512 * 2 ** 20 } })
 * ```
 * @group Documents
 */
export interface ZipLimits {
  /** Most entries in the package. @defaultValue 10,000 */
  maxEntries: number
  /** Most bytes inflated from the entries read, in all. @defaultValue 256 MiB */
  maxTotalBytes: number
  /** Highest ratio of inflated to compressed size of an entry that inflates to more than 1 MiB. @defaultValue 200 */
  maxRatio: number
}

/** Default {@link ZipLimits}. @internal */
export const defaultZipLimits: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 256 * 2 ** 20, maxRatio: 200 }

/** An entry of the central directory. @internal */
export interface ZipEntry {
  name: string
  method: number
  encrypted: boolean
  compressedSize: number
  size: number
  localOffset: number
}

/** A zip package whose directory was read; `read` inflates one entry. @internal */
export interface ZipPackage {
  entries: Map<string, ZipEntry>
  /** The bytes of an entry, or undefined when there is no such entry. */
  read(name: string): Uint8Array | undefined
  /** The entry as UTF-8 text, or undefined. */
  readText(name: string): string | undefined
}

/** The zip's first bytes: a local file header. @internal */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/**
 * Reads a zip package's directory and checks it against the limits.
 *
 * @param bytes - the whole file
 * @param file - the file name, for messages
 * @param limits - the limits
 * @returns the package
 * @throws {@link DocumentError} `DOCUMENT_CORRUPT` (no directory, an entry out of bounds), `DOCUMENT_UNSAFE`
 *   (past a limit), `DOCUMENT_ENCRYPTED` (an encrypted entry)
 * @internal
 */
export function openZip(bytes: Uint8Array, file: string | undefined, limits: ZipLimits = defaultZipLimits): ZipPackage {
  const fail = (code: DocumentErrorCode, message: string, part?: string): never => {
    throw new DocumentError(message, { code, file, part })
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The end of central directory record: 22 bytes plus a comment of up to 65,535 bytes (§4.3.16).
  let end = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at
      break
    }
  }
  if (end < 0) fail('DOCUMENT_CORRUPT', 'the zip package has no central directory (the file is truncated or not a zip); save it again from the office program')
  const count = view.getUint16(end + 10, true)
  const directorySize = view.getUint32(end + 12, true)
  const directoryOffset = view.getUint32(end + 16, true)
  if (count === 0xffff || directoryOffset === 0xffffffff) fail('DOCUMENT_UNSAFE', 'the zip package is a ZIP64 archive, far larger than a text document; mizan does not read it')
  if (count > limits.maxEntries) fail('DOCUMENT_UNSAFE', `the zip package has ${count} entries, more than the limit of ${limits.maxEntries} (zipLimits.maxEntries)`)
  if (directoryOffset + directorySize > end) fail('DOCUMENT_CORRUPT', 'the zip directory points past the end of the file (truncated?); save it again from the office program')
  const entries = new Map<string, ZipEntry>()
  const decoder = new TextDecoder('utf-8')
  let at = directoryOffset
  for (let index = 0; index < count; index++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) fail('DOCUMENT_CORRUPT', `zip directory entry ${index + 1} is damaged; save the file again from the office program`)
    const flags = view.getUint16(at + 8, true)
    const method = view.getUint16(at + 10, true)
    const compressedSize = view.getUint32(at + 20, true)
    const size = view.getUint32(at + 24, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const localOffset = view.getUint32(at + 42, true)
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength))
    entries.set(name, { name, method, encrypted: (flags & 1) === 1, compressedSize, size, localOffset })
    at += 46 + nameLength + extraLength + commentLength
  }
  let total = 0
  const read = (name: string): Uint8Array | undefined => {
    const entry = entries.get(name)
    if (!entry) return undefined
    if (entry.encrypted || entry.method === 99) fail('DOCUMENT_ENCRYPTED', 'the entry is encrypted: the document is password-protected; save an unprotected copy', name)
    if (entry.size > 2 ** 20 && entry.size > entry.compressedSize * limits.maxRatio) {
      fail('DOCUMENT_UNSAFE', `the entry inflates ${Math.round(entry.size / Math.max(1, entry.compressedSize))} times its size, more than the limit of ${limits.maxRatio} (zipLimits.maxRatio): a zip bomb?`, name)
    }
    if (total + entry.size > limits.maxTotalBytes) fail('DOCUMENT_UNSAFE', `the package inflates to more than the limit of ${limits.maxTotalBytes} bytes (zipLimits.maxTotalBytes)`, name)
    const local = entry.localOffset
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) fail('DOCUMENT_CORRUPT', 'the entry\'s local header is missing (truncated file?)', name)
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    if (start + entry.compressedSize > bytes.length) fail('DOCUMENT_CORRUPT', 'the entry runs past the end of the file (truncated?); save it again from the office program', name)
    const compressed = bytes.subarray(start, start + entry.compressedSize)
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) fail('DOCUMENT_CORRUPT', 'a stored entry whose sizes differ', name)
      total += entry.size
      return compressed
    }
    if (entry.method !== 8) fail('DOCUMENT_UNSUPPORTED', `the entry uses compression method ${entry.method}; office programs write deflate (8) or none (0)`, name)
    return inflate(compressed, entry, name)
  }
  const inflate = (compressed: Uint8Array, entry: ZipEntry, name: string): Uint8Array => {
    const chunks: Uint8Array[] = []
    let length = 0
    let done = false
    // The declared size is not trusted: real output is counted, and more than declared is refused.
    const inflater = new Inflate((chunk, final) => {
      length += chunk.length
      if (length > entry.size || total + length > limits.maxTotalBytes) fail('DOCUMENT_UNSAFE', `the entry inflates to more than its declared ${entry.size} bytes or past the package limit: a zip bomb?`, name)
      chunks.push(chunk)
      if (final) done = true
    })
    try {
      for (let offset = 0; offset < compressed.length; offset += 65_536) inflater.push(compressed.subarray(offset, offset + 65_536), offset + 65_536 >= compressed.length)
      if (compressed.length === 0) inflater.push(new Uint8Array(0), true)
    } catch (error) {
      if (error instanceof DocumentError) throw error
      fail('DOCUMENT_CORRUPT', `the entry does not inflate (${(error as Error).message}); the file is damaged`, name)
    }
    if (!done || length !== entry.size) fail('DOCUMENT_CORRUPT', `the entry inflates to ${length} bytes, not the ${entry.size} its header declares; the file is damaged or truncated`, name)
    total += length
    if (chunks.length === 1) return chunks[0]!
    const out = new Uint8Array(length)
    let offset = 0
    for (const chunk of chunks) {
      out.set(chunk, offset)
      offset += chunk.length
    }
    return out
  }
  return {
    entries,
    read,
    readText(name) {
      const data = read(name)
      if (data === undefined) return undefined
      try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data)
      } catch {
        return fail('DOCUMENT_CORRUPT', 'the part is not UTF-8 text', name)
      }
    },
  }
}
