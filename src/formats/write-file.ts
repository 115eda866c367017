/**
 * Writes string chunks to a file or a Node writable stream, waiting for `drain` when the stream's buffer is
 * full, so a writer of millions of units never holds more than a chunk or two in memory.
 *
 * @module
 */
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import { OptionsError } from '../errors.js'

/**
 * Writes chunks (from {@link writeXliff} or {@link writeTmx}) to a file path or a writable stream, respecting
 * backpressure. A path is created or overwritten and closed at the end; a stream is left open.
 *
 * @param target - a file path, or a Node `Writable`
 * @param chunks - string chunks, sync or async
 * @returns when everything is written (and, for a path, the file is closed)
 * @throws {@link OptionsError} when `target` is neither; the stream's own error when writing fails
 * @example
 * ```ts
 * import { writeTmx } from 'mizan'
 * import { writeChunks } from './write-file.js'
 * await writeChunks('memory.tmx', writeTmx(units, { sourceLang: 'ar', targetLang: 'en' }))
 * ```
 * @internal
 */
export async function writeChunks(target: string | Writable, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  await writeAll(target, chunks)
}

/**
 * {@link writeChunks} for string or byte chunks: the file writers hand it UTF-8 chunks (see chunkUnitBytes)
 * when they write to a path.
 *
 * @internal
 */
export async function writeAll(target: string | Writable, chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void> {
  if (typeof target !== 'string' && (typeof target !== 'object' || target === null || typeof (target as Writable).write !== 'function')) {
    throw new OptionsError('target', target, 'a file path or a writable stream')
  }
  // A 1 MiB buffer (the default is 16 KiB): with it the writer keeps encoding the next chunks (256 KiB each)
  // while the file system writes the previous ones, instead of waiting for 'drain' after every chunk.
  const stream = typeof target === 'string' ? createWriteStream(target, { encoding: 'utf8', highWaterMark: 1024 * 1024 }) : target
  let failure: unknown
  let wake: (() => void) | undefined
  const onError = (error: unknown): void => {
    failure ??= error
    wake?.()
  }
  const onDrain = (): void => wake?.()
  stream.on('error', onError)
  stream.on('drain', onDrain)
  try {
    for await (const chunk of chunks as AsyncIterable<string | Uint8Array>) {
      if (failure) throw failure
      // Backpressure: when the stream's buffer is full, wait for 'drain' (or an error) before the next chunk.
      if (!stream.write(chunk)) {
        await new Promise<void>((resolve) => {
          wake = resolve
        })
        wake = undefined
      }
      if (failure) throw failure
    }
    if (typeof target === 'string') {
      stream.end()
      await once(stream, 'finish')
    }
    if (failure) throw failure
  } catch (error) {
    if (typeof target === 'string') stream.destroy()
    throw error
  } finally {
    stream.off('error', onError)
    stream.off('drain', onDrain)
  }
}
