/**
 * Saving one XLIFF file memory from several writers (issue #17, item 3): a save holds the file's lock from its
 * check to its rename, and refuses when the file is no longer what the memory read, so no writer's units vanish
 * without an error. Also: stale and foreign locks, and an SQLite database opened as an XLIFF memory.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { StorageError, isFormatError, isStorageError } from '../../src/errors.js'
import { acquireFileLock, lockPathOf, removeStale, takeOverStale } from '../../src/storage/file-lock.js'
import { openStore } from '../../src/storage/open-store.js'
import { saveXliffFile } from '../../src/storage/xliff-file.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import type { TranslationUnit } from '../../src/types.js'
import { writerUnit } from './workers/units.js'

const repoRoot = resolve(import.meta.dirname, '../..')
const saverScript = resolve(import.meta.dirname, 'workers/xliff-saver.ts')
/** Units each of the two processes adds, as in the report. */
const BATCH = 5_000
const TRIALS = 3

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'mizan-xliff-concurrent-'))
}

/** Every source text in a memory file, sorted. */
async function sourcesIn(file: string): Promise<string[]> {
  const tm = await TranslationMemory.open(file)
  const sources: string[] = []
  for await (const unit of tm.units()) sources.push(unit.source)
  return sources.sort()
}

/** The sources writer `writer` adds (see workers/xliff-saver.ts). */
function batchOf(writer: number): string[] {
  return Array.from({ length: BATCH }, (_, index) => writerUnit(writer, index, 0).source)
}

/** A saver process (workers/xliff-saver.ts): send it a command, then await the line it answers. */
interface Saver {
  send(command: string): void
  next(): Promise<string>
  end(): Promise<void>
  kill(): void
}

function startSaver(writer: number): Saver {
  const child = spawn(process.execPath, ['--import', 'tsx', saverScript, String(writer), String(BATCH)], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] })
  const lines: string[] = []
  const waiting: Array<(line: string) => void> = []
  let buffered = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk
    const parts = buffered.split('\n')
    buffered = parts.pop()!
    for (const line of parts) {
      const waiter = waiting.shift()
      if (waiter) waiter(line)
      else lines.push(line)
    }
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<void>((done, fail) => child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`saver ${writer} exited ${code}: ${stderr}`)))))
  return {
    send: (command) => child.stdin.write(`${command}\n`),
    next: () => {
      const line = lines.shift()
      if (line !== undefined) return Promise.resolve(line)
      return Promise.race([new Promise<string>((done) => waiting.push(done)), exited.then(() => Promise.reject(new Error(`saver ${writer} ended early: ${stderr}`)))])
    },
    end: () => {
      child.stdin.end()
      return exited
    },
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''])
  expect(child.status).toBe(0)
  return child.pid!
}

function writeLock(file: string, holder: { pid: number; host: string }): void {
  writeFileSync(lockPathOf(file), `${JSON.stringify({ ...holder, time: '2026-12-07T08:00:00.000Z', token: 'someone-else' })}\n`)
}

describe('TranslationMemory.save from two processes', () => {
  it(`refuses one of two processes that each add ${BATCH} units, keeping the other's batch and what was there (${TRIALS} trials)`, async () => {
    const savers = [startSaver(1), startSaver(2)]
    try {
      for (let trial = 0; trial < TRIALS; trial++) {
        const dir = folder()
        const file = join(dir, 'tm.xlf')
        // The first trial starts without a file (both create it); the others from a file holding a few units.
        const before: string[] = []
        if (trial > 0) {
          const seed = await TranslationMemory.open(file)
          await seed.addAll(Array.from({ length: 10 * trial }, (_, index) => ({ source: `وحدة سابقة ${index} في التجربة ${trial}`, target: `earlier unit ${index} of trial ${trial}` })))
          await seed.save()
          before.push(...(await sourcesIn(file)))
        }
        // Both have read the file before either saves: the case that lost a batch in 3 of 3 trials.
        for (const saver of savers) saver.send(`open ${file}`)
        expect(await Promise.all(savers.map((saver) => saver.next()))).toEqual(['ready', 'ready'])
        for (const saver of savers) saver.send('save')
        const results = await Promise.all(savers.map((saver) => saver.next()))

        const saved = results.flatMap((line, index) => (line.startsWith('saved ') ? [index + 1] : []))
        const refused = results.flatMap((line) => (line.startsWith('refused ') ? [JSON.parse(line.slice('refused '.length)) as { code: string; message: string }] : []))
        expect(saved, `trial ${trial}: ${results.join(' | ')}`).toHaveLength(1)
        expect(refused).toHaveLength(1)
        expect(refused[0]!.code).toBe('STORAGE_CONFLICT')
        expect(refused[0]!.message).toContain(file)
        expect(refused[0]!.message).toMatch(/sqlite:.*postgres:\/\//)
        // Exactly the winner's batch plus what was there: nothing of the file lost, nothing of the loser half-written.
        expect(await sourcesIn(file)).toEqual([...before, ...batchOf(saved[0]!)].sort())
        expect(readdirSync(dir)).toEqual(['tm.xlf'])
      }
      await Promise.all(savers.map((saver) => saver.end()))
    } finally {
      for (const saver of savers) saver.kill()
    }
  }, 60_000)
})

describe('saveXliffFile', () => {
  it('refuses a save when another memory saved the file since it was read, and releases the lock', async () => {
    const file = join(folder(), 'tm.xlf')
    const first = await TranslationMemory.open(file)
    const second = await TranslationMemory.open(file)
    await first.add({ source: 'صباح الخير.', target: 'Good morning.' })
    await second.add({ source: 'مساء الخير.', target: 'Good evening.' })
    await first.save()
    const kept = readFileSync(file)
    const error = await second.save().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(StorageError)
    expect((error as StorageError).code).toBe('STORAGE_CONFLICT')
    expect((error as Error).message).toContain(`cannot save ${file}: it did not exist when this memory was opened`)
    expect(readFileSync(file).equals(kept)).toBe(true)
    expect(existsSync(lockPathOf(file))).toBe(false)
    // The refused memory still holds its units and can save them elsewhere.
    const elsewhere = join(folder(), 'mine.xlf')
    await second.save(elsewhere)
    expect(await sourcesIn(elsewhere)).toEqual(['مساء الخير.'])
  })

  it('refuses when the file grew, shrank or was deleted since it was read', async () => {
    const file = join(folder(), 'tm.xlf')
    const seed = await TranslationMemory.open(file)
    await seed.add({ source: 'نعم.', target: 'Yes.' })
    await seed.save()
    const tm = await TranslationMemory.open(file)
    await tm.add({ source: 'لا.', target: 'No.' })

    await seed.add({ source: 'ربما.', target: 'Maybe.' })
    await seed.save()
    await expect(tm.save()).rejects.toThrow(/it changed since this memory read it: [\d,]+ bytes modified at .* then, [\d,]+ bytes modified at .* now/)

    const again = await TranslationMemory.open(file)
    unlinkSync(file)
    const error = await again.save().catch((caught: unknown) => caught)
    expect(isStorageError(error) && error.code).toBe('STORAGE_CONFLICT')
    expect((error as Error).message).toContain('it was deleted or moved since this memory read it')
    expect(existsSync(file)).toBe(false)
  })

  it('compares the bytes: other bytes of the same size and time are a change, the same bytes touched are not', async () => {
    const file = join(folder(), 'tm.xlf')
    const seed = await TranslationMemory.open(file)
    await seed.add({ id: 'u1', source: 'كتاب', target: 'book' })
    await seed.save()
    const original = readFileSync(file, 'utf8')
    const { atime, mtime } = statSync(file)

    const touched = await TranslationMemory.open(file)
    utimesSync(file, new Date(), new Date(Date.now() + 60_000))
    await touched.add({ source: 'قلم', target: 'pen' })
    await touched.save()
    expect(await sourcesIn(file)).toEqual(['قلم', 'كتاب'])

    writeFileSync(file, original)
    utimesSync(file, atime, mtime)
    const rewritten = await TranslationMemory.open(file)
    // Same length (one Arabic letter for another, two bytes each in UTF-8), same modification time.
    writeFileSync(file, original.replace('كتاب', 'كتاف'))
    utimesSync(file, atime, mtime)
    expect(statSync(file).size).toBe(Buffer.byteLength(original))
    await rewritten.add({ source: 'قلم', target: 'pen' })
    await expect(rewritten.save()).rejects.toThrow(/the same size \([\d,]+ bytes\) but other bytes/)
  })

  it('saves the same memory again and again, and twice at once, without conflicting with itself', async () => {
    const file = join(folder(), 'tm.xlf')
    const tm = await TranslationMemory.open(file)
    for (let round = 0; round < 3; round++) {
      await tm.add({ source: `جملة ${round}`, target: `sentence ${round}` })
      await tm.save()
    }
    await tm.add({ source: 'جملة أخيرة', target: 'last sentence' })
    const both = await Promise.allSettled([tm.save(), tm.save()])
    expect(both.map((settled) => settled.status)).toEqual(['fulfilled', 'fulfilled'])
    expect(await sourcesIn(file)).toHaveLength(4)
    // A memory opened after those saves saves too.
    const later = await TranslationMemory.open(file)
    await later.add({ source: 'بعد ذلك', target: 'afterwards' })
    await later.save()
    expect(await sourcesIn(file)).toHaveLength(5)
  })

  it('overwrites on a save to another path, and checks that path from then on', async () => {
    const dir = folder()
    const other = join(dir, 'other.xlf')
    writeFileSync(other, 'not even XML')
    const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
    await tm.add({ source: 'شكرا', target: 'Thanks' })
    await tm.save(other)
    expect(await sourcesIn(other)).toEqual(['شكرا'])
    writeFileSync(other, 'changed by someone else')
    await expect(tm.save()).rejects.toThrow(/STORAGE_CONFLICT|it changed since this memory read it/)
    expect(readFileSync(other, 'utf8')).toBe('changed by someone else')
  })
})

describe('the save lock', () => {
  it('takes over a lock left by a dead process on this host', async () => {
    const file = join(folder(), 'tm.xlf')
    const tm = await TranslationMemory.open(file)
    await tm.add({ source: 'أهلا', target: 'Hi' })
    writeLock(file, { pid: deadPid(), host: hostname() })
    await tm.save()
    expect(await sourcesIn(file)).toEqual(['أهلا'])
    expect(existsSync(lockPathOf(file))).toBe(false)
  })

  it('lets one holder at a time in when many take over the same stale lock at once (10 rounds)', async () => {
    // A taker that moved what it read as the stale lock aside, when it had become a live lock meanwhile, freed the
    // name for an instant: a third taker got in beside the live holder. One round under load showed it now and then.
    const dead = deadPid()
    for (let round = 0; round < 10; round++) await manyTakeOver(join(folder(), 'tm.xlf'), dead)
  })

  async function manyTakeOver(file: string, dead: number): Promise<void> {
    writeLock(file, { pid: dead, host: hostname() })
    const holders = 12
    let inside = 0
    let most = 0
    let served = 0
    await Promise.all(
      Array.from({ length: holders }, async () => {
        const release = await acquireFileLock(file)
        inside++
        most = Math.max(most, inside)
        // Hold the lock across a few turns of the event loop, so the others' attempts interleave with the holding.
        for (let step = 0; step < 3; step++) {
          expect(existsSync(lockPathOf(file))).toBe(true)
          await new Promise((done) => setImmediate(done))
        }
        inside--
        served++
        await release()
      }),
    )
    expect(served).toBe(holders)
    expect(most).toBe(1)
    expect(existsSync(lockPathOf(file))).toBe(false)
  }

  it('never moves a live lock that replaced the stale one a taker read, nor takes over while another taker is at it', async () => {
    // Moving the live lock aside, even to link it back, leaves an instant without a lock: the old takeover did that.
    const file = join(folder(), 'tm.xlf')
    const stale = { pid: deadPid(), host: hostname(), time: '2026-12-07T08:00:00.000Z', token: 'stale' }
    writeLock(file, { pid: process.pid, host: hostname() })
    const before = statSync(lockPathOf(file), { bigint: true })
    expect(await takeOverStale(lockPathOf(file), stale)).toBe('changed')
    const after = statSync(lockPathOf(file), { bigint: true })
    expect([after.ino, after.ctimeNs, after.nlink]).toEqual([before.ino, before.ctimeNs, before.nlink])
    expect(readdirSync(join(file, '..'))).toEqual(['tm.xlf.lock'])
    // A live taker holds the guard: the stale lock waits for it.
    writeFileSync(lockPathOf(file), JSON.stringify(stale))
    writeFileSync(`${lockPathOf(file)}.takeover`, JSON.stringify({ pid: process.pid, host: hostname(), time: new Date().toISOString(), token: 'guard' }))
    expect(await takeOverStale(lockPathOf(file), stale)).toBe('busy')
    expect(existsSync(lockPathOf(file))).toBe(true)
    // A guard left by a dead taker is cleared, and the next try removes the stale lock.
    writeFileSync(`${lockPathOf(file)}.takeover`, JSON.stringify({ ...stale, token: 'dead-guard' }))
    expect(await takeOverStale(lockPathOf(file), stale)).toBe('busy')
    expect(await takeOverStale(lockPathOf(file), stale)).toBe('removed')
    expect(readdirSync(join(file, '..'))).toEqual([])
  })

  it('leaves in place a live lock that replaced the stale one it was about to remove', async () => {
    const file = join(folder(), 'tm.xlf')
    const stale = { pid: deadPid(), host: hostname(), time: '2026-12-07T08:00:00.000Z', token: 'stale' }
    // Read as stale, but meanwhile another process took the lock over and holds it.
    writeLock(file, { pid: process.pid, host: hostname() })
    await removeStale(lockPathOf(file), stale)
    expect(JSON.parse(readFileSync(lockPathOf(file), 'utf8'))).toMatchObject({ pid: process.pid, token: 'someone-else' })
    expect(readdirSync(join(file, '..'))).toEqual(['tm.xlf.lock'])
    // The stale lock itself is removed.
    writeFileSync(lockPathOf(file), JSON.stringify(stale))
    await removeStale(lockPathOf(file), stale)
    expect(existsSync(lockPathOf(file))).toBe(false)
  })

  it('is released when the save fails while writing, and the file is untouched', async () => {
    const file = join(folder(), 'tm.xlf')
    writeFileSync(file, 'old bytes')
    async function* failing(): AsyncGenerator<TranslationUnit> {
      yield { id: 'a', source: 'نعم', target: 'Yes' }
      throw new Error('the unit source failed')
    }
    await expect(saveXliffFile(file, failing(), { sourceLang: 'ar', targetLang: 'en' })).rejects.toThrow(/the unit source failed/)
    expect(readdirSync(join(file, '..'))).toEqual(['tm.xlf'])
    expect(readFileSync(file, 'utf8')).toBe('old bytes')
  })

  it('names the file and the reason when its folder is missing', async () => {
    const file = join(folder(), 'missing', 'tm.xlf')
    const error = await saveXliffFile(file, [], { sourceLang: 'ar', targetLang: 'en' }).catch((caught: unknown) => caught)
    expect(isStorageError(error) && error.code).toBe('STORAGE_FAILED')
    expect((error as Error).message).toBe(`mizan: cannot write ${file}: no such file or directory`)
  })

  it('removes a stale lock when the memory is opened', async () => {
    const dir = folder()
    const file = join(dir, 'tm.xlf')
    writeLock(file, { pid: deadPid(), host: hostname() })
    await TranslationMemory.open(file)
    expect(readdirSync(dir)).toEqual([])
  })

  it('waits for a lock held by a running process, then fails with STORAGE_LOCKED naming the lock and its holder', async () => {
    const file = join(folder(), 'tm.xlf')
    writeLock(file, { pid: process.pid, host: hostname() })
    const error = await saveXliffFile(file, [], { sourceLang: 'ar', targetLang: 'en', lockTimeoutMs: 0 }).catch((caught: unknown) => caught)
    expect(isStorageError(error) && error.code).toBe('STORAGE_LOCKED')
    expect((error as Error).message).toContain(`${file}.lock (process ${process.pid} on ${hostname()}`)
    // Not ours: left in place, and nothing written.
    expect(existsSync(lockPathOf(file))).toBe(true)
    expect(existsSync(file)).toBe(false)
  })

  it('never takes over a lock from another host, whose process it cannot check', async () => {
    const file = join(folder(), 'tm.xlf')
    writeLock(file, { pid: deadPid(), host: `not-${hostname()}.example` })
    await expect(saveXliffFile(file, [], { sourceLang: 'ar', targetLang: 'en', lockTimeoutMs: 0 })).rejects.toThrow(/another save holds its lock/)
    expect(existsSync(lockPathOf(file))).toBe(true)
  })

  it('makes a save wait until the holder releases the lock', async () => {
    const file = join(folder(), 'tm.xlf')
    const release = await acquireFileLock(file)
    const tm = await TranslationMemory.open(file)
    await tm.add({ source: 'انتظر', target: 'Wait' })
    const saving = tm.save()
    let settled = false
    void saving.finally(() => (settled = true))
    // Whatever the machine's speed, the save cannot finish while the lock is held.
    await new Promise((done) => setTimeout(done, 50))
    expect(settled).toBe(false)
    expect(existsSync(file)).toBe(false)
    await release()
    await saving
    expect(await sourcesIn(file)).toEqual(['انتظر'])
    expect(existsSync(lockPathOf(file))).toBe(false)
  })
})

describe('TranslationMemory.open on an SQLite database', () => {
  it('says it is an SQLite database and to use sqlite:<path>', async () => {
    const file = join(folder(), 'team.db')
    // The 100-byte database header starts with this magic string (sqlite.org/fileformat.html, section 1.3).
    writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080)]))
    const error = await TranslationMemory.open(file).catch((caught: unknown) => caught)
    expect(isStorageError(error) && error.code).toBe('STORAGE_WRONG_BACKEND')
    expect((error as Error).message).toBe(`mizan: ${file}: this is an SQLite database: use sqlite:${file}`)
  })

  it('recognises a memory written by the SQLite backend', async () => {
    const file = join(folder(), 'memory.db')
    const storage = await openStore(`sqlite:${file}`)
    await new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage }).add({ source: 'نعم', target: 'Yes' })
    await storage.close()
    await expect(TranslationMemory.open(file)).rejects.toThrow(`use sqlite:${file}`)
  })

  it('reads a file that only starts like the magic string as XML (and rejects it as such)', async () => {
    const file = join(folder(), 'short.xlf')
    writeFileSync(file, 'SQLite format')
    const error = await TranslationMemory.open(file).catch((caught: unknown) => caught)
    expect(isFormatError(error)).toBe(true)
  })
})
