/**
 * What a memory knows of its file: the size, modification time, identity and SHA-256 of the bytes it read or
 * wrote last. A save compares the file with it (under the save lock, see `file-lock.ts`) and refuses when the
 * file changed, so two processes saving one file cannot silently drop each other's units.
 *
 * The content decides: a file is unchanged when it has the same size and the same SHA-256 (FIPS 180-4) as the
 * bytes last read or written. The modification time and inode only describe the change in the message: a
 * `touch`, or a copy of the same bytes, loses nobody's units, while a rewrite of the same size within the file
 * system's time granularity would pass a time check.
 *
 * @module
 */
import { createHash, type Hash } from 'node:crypto'
import { open, stat } from 'node:fs/promises'
import type { BigIntStats } from 'node:fs'
import { StorageError } from '../errors.js'

/**
 * A file as read or written: its size in bytes, modification time (ns since the epoch), inode and device, and
 * the SHA-256 of its bytes (hex).
 *
 * @internal
 */
export interface FileFingerprint {
  size: number
  mtimeNs: bigint
  ino: bigint
  dev: bigint
  sha256: string
}

/**
 * What a memory expects of its file at the next save: a fingerprint, `'absent'` (it did not exist when the
 * memory was opened, so a file there now is someone else's), or `undefined` (never read: a first save to a new
 * path overwrites, as a "save as" does).
 *
 * @internal
 */
export type ExpectedFile = FileFingerprint | 'absent' | undefined

/**
 * The memory's record of its file, shared by reference: a save reads it once it holds the lock, and sets it to
 * what it wrote. (Read under the lock, so two saves of one memory in one process do not conflict with each other.)
 *
 * @internal
 */
export interface FileSnapshot {
  expected: ExpectedFile
}

/** Bytes read per call when hashing a file. */
const READ_BYTES = 256 * 1024

/**
 * A fingerprint from a file's `stat` (taken with `{ bigint: true }`) and the hash of its bytes.
 *
 * @param stats - the file's stats, from the same open file the bytes came from
 * @param hash - a SHA-256 hash fed every byte of the file
 * @returns the fingerprint
 * @example
 * ```ts
 * const handle = await open('tm.xlf')
 * const print = fingerprintOf(await handle.stat({ bigint: true }), createHash('sha256').update(await handle.readFile()))
 * ```
 * @internal
 */
export function fingerprintOf(stats: BigIntStats, hash: Hash): FileFingerprint {
  return { size: Number(stats.size), mtimeNs: stats.mtimeNs, ino: stats.ino, dev: stats.dev, sha256: hash.digest('hex') }
}

/**
 * Throws unless the file at `path` is as `expected` says. Reads the whole file (to hash it) only when the size
 * matches.
 *
 * @param path - the memory file
 * @param expected - what the memory last read or wrote; `undefined` checks nothing
 * @throws {@link StorageError} `'STORAGE_CONFLICT'` naming the file, what changed, and the databases to use for
 *   shared memories; `'STORAGE_FAILED'` when the file cannot be read
 * @example
 * ```ts
 * await checkUnchanged('tm.xlf', snapshot.expected) // throws STORAGE_CONFLICT after another process saved
 * ```
 * @internal
 */
export async function checkUnchanged(path: string, expected: ExpectedFile): Promise<void> {
  if (expected === undefined) return
  let now: BigIntStats | undefined
  try {
    now = await stat(path, { bigint: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new StorageError(`cannot save ${path}: cannot read it to check it is unchanged: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error })
  }
  if (expected === 'absent') {
    if (now !== undefined) throw conflict(path, `it did not exist when this memory was opened, and now holds ${bytes(now.size)} modified at ${time(now.mtimeNs)}`)
    return
  }
  if (now === undefined) throw conflict(path, 'it was deleted or moved since this memory read it')
  if (Number(now.size) !== expected.size) {
    throw conflict(path, `it changed since this memory read it: ${bytes(expected.size)} modified at ${time(expected.mtimeNs)} then, ${bytes(now.size)} modified at ${time(now.mtimeNs)} now`)
  }
  if ((await hashFile(path)) !== expected.sha256) {
    throw conflict(path, `it changed since this memory read it: the same size (${bytes(now.size)}) but other bytes, modified at ${time(now.mtimeNs)}`)
  }
}

/** The SHA-256 of a file's bytes; `''` when it vanished meanwhile (which then differs from any expected hash). */
async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
    throw new StorageError(`cannot save ${path}: cannot read it to check it is unchanged: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error })
  }
  try {
    const buffer = Buffer.allocUnsafe(READ_BYTES)
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, null)
      if (bytesRead === 0) break
      hash.update(buffer.subarray(0, bytesRead))
    }
  } finally {
    await handle.close()
  }
  return hash.digest('hex')
}

function conflict(path: string, what: string): StorageError {
  return new StorageError(
    `cannot save ${path}: ${what}; another process may have saved it. Nothing was written, and this memory's changes are not in the file: save them to another file, or reopen it and make them again. An XLIFF file memory has one writer at a time; to share a memory, use SQLite (sqlite:tm.db) or PostgreSQL (postgres://...)`,
    { code: 'STORAGE_CONFLICT' },
  )
}

function bytes(size: bigint | number): string {
  return `${Number(size).toLocaleString('en-US')} bytes`
}

function time(ns: bigint): string {
  return new Date(Number(ns / 1_000_000n)).toISOString()
}
