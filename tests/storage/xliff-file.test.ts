import { mkdtempSync, readdirSync, readFileSync, writeFileSync, chmodSync, statSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { removeStaleTemporaries, temporaryPrefix, writeFileAtomic } from '../../src/storage/xliff-file.js'
import { StorageError } from '../../src/errors.js'

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'mizan-xliff-file-'))
}

describe('writeFileAtomic', () => {
  it('writes a string and leaves no temporary file behind', async () => {
    const dir = folder()
    const file = join(dir, 'tm.xlf')
    const bytes = await writeFileAtomic(file, 'مرحبا <b>&</b>\n')
    expect(readFileSync(file, 'utf8')).toBe('مرحبا <b>&</b>\n')
    expect(bytes).toBe(Buffer.byteLength('مرحبا <b>&</b>\n'))
    expect(readdirSync(dir)).toEqual(['tm.xlf'])
  })

  it('writes sync and async chunks in order, reporting bytes as it goes', async () => {
    const dir = folder()
    const file = join(dir, 'big.xlf')
    const line = 'أكد الرئيس الصيني شي جين بينج. The Chinese president said.\n'
    async function* chunks(): AsyncGenerator<string> {
      for (let i = 0; i < 40_000; i++) yield line
    }
    const seen: number[] = []
    const bytes = await writeFileAtomic(file, chunks(), (count) => seen.push(count))
    expect(bytes).toBe(Buffer.byteLength(line) * 40_000)
    expect(statSync(file).size).toBe(bytes)
    expect(seen.length).toBeGreaterThan(1)
    expect(seen.at(-1)).toBe(bytes)
    await writeFileAtomic(file, ['a', 'b', 'c'])
    expect(readFileSync(file, 'utf8')).toBe('abc')
  })

  it('replaces an existing file and keeps its permissions', async () => {
    const dir = folder()
    const file = join(dir, 'tm.xlf')
    writeFileSync(file, 'old')
    chmodSync(file, 0o600)
    await writeFileAtomic(file, 'new')
    expect(readFileSync(file, 'utf8')).toBe('new')
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('keeps the old file and removes the temporary file when the content fails mid-way', async () => {
    const dir = folder()
    const file = join(dir, 'tm.xlf')
    writeFileSync(file, 'old content')
    async function* failing(): AsyncGenerator<string> {
      yield 'x'.repeat(3 << 20)
      throw new Error('writer broke')
    }
    const error = await writeFileAtomic(file, failing()).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(StorageError)
    expect((error as StorageError).message).toMatch(/cannot write .*tm\.xlf: writer broke/)
    expect(readFileSync(file, 'utf8')).toBe('old content')
    expect(readdirSync(dir)).toEqual(['tm.xlf'])
  })

  it('throws a StorageError naming the file when the directory does not exist', async () => {
    const file = join(folder(), 'missing', 'tm.xlf')
    await expect(writeFileAtomic(file, 'x')).rejects.toThrow(StorageError)
    await expect(writeFileAtomic(file, 'x')).rejects.toThrow(/cannot write .*missing\/tm\.xlf: no such file or directory/)
  })

  it('throws a StorageError when the target is a directory, leaving it alone', async () => {
    const dir = folder()
    mkdirSync(join(dir, 'tm.xlf'))
    await expect(writeFileAtomic(join(dir, 'tm.xlf'), 'x')).rejects.toThrow(StorageError)
    expect(readdirSync(dir)).toEqual(['tm.xlf'])
    expect(statSync(join(dir, 'tm.xlf')).isDirectory()).toBe(true)
  })
})

describe('removeStaleTemporaries', () => {
  it('removes temporaries of dead processes and keeps those of live ones and other files', async () => {
    const dir = folder()
    const file = join(dir, 'tm.xlf')
    const prefix = temporaryPrefix(file)
    // pid 2^22+1 is above Linux's pid_max default ceiling, so it is never a live process.
    writeFileSync(join(dir, `${prefix}4194305-abcd`), 'partial')
    writeFileSync(join(dir, `${prefix}${process.ppid}-abcd`), 'a live writer')
    writeFileSync(join(dir, 'other.xlf'), 'keep')
    const removed = await removeStaleTemporaries(file)
    expect(removed).toEqual([`${prefix}4194305-abcd`])
    expect(readdirSync(dir).sort()).toEqual([`${prefix}${process.ppid}-abcd`, 'other.xlf'].sort())
  })
})
