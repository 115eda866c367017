/**
 * Shared by the SQLite and PostgreSQL tests: several writer processes adding units into one memory while this
 * process keeps reading, then counting what arrived; and a writer killed in the middle of a transaction.
 */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { expect } from 'vitest'
import { openStore } from '../../src/storage/open-store.js'
import type { TmStorage } from '../../src/storage/types.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { writerUnit } from './workers/units.js'

const repoRoot = resolve(import.meta.dirname, '../..')
const writerScript = resolve(import.meta.dirname, 'workers/writer.ts')

/** A running writer process: its output lines so far, a promise of its exit code, and a way to kill it. */
interface Child {
  lines: string[]
  exited: Promise<number | null>
  waitFor(line: string): Promise<void>
  kill(): void
}

/** Starts `writer.ts` with arguments, under tsx, from the repository root. */
export function startWriter(args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  const waiters: Array<{ line: string; resolve: () => void }> = []
  let stderr = ''
  let buffered = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk
    const parts = buffered.split('\n')
    buffered = parts.pop()!
    for (const line of parts) {
      lines.push(line)
      for (const waiter of waiters.filter((entry) => entry.line === line)) waiter.resolve()
    }
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  return {
    lines,
    exited: exited.then((code) => {
      if (code !== 0 && code !== null) throw new Error(`writer ${args.join(' ')} exited ${code}: ${stderr}`)
      return code
    }),
    waitFor: (line) =>
      lines.includes(line)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((done) => waiters.push({ line, resolve: done })),
            exited.then(() => {
              if (!lines.includes(line)) throw new Error(`writer ended before printing "${line}": ${stderr}`)
            }),
          ]),
    kill: () => child.kill('SIGKILL'),
  }
}

/**
 * `writers` processes each add `perWriter` units (the first `shared` identical in all of them) into the memory
 * `spec` names, while this process answers look-ups and fuzzy queries for units stored beforehand. Then every
 * expected pair must be there exactly once, and the readers must have been answering, correctly, all along.
 */
export async function writeConcurrently(spec: string, writers: number, perWriter: number, shared: number, batch: number): Promise<void> {
  const storage = await openStore(spec)
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
  const probes = await tm.addAll(
    Array.from({ length: 20 }, (_, index) => ({ source: `سؤال القارئ رقم ${index} عن الطقس اليوم`, target: `reader question ${index} about the weather today` })),
  )
  const children = Array.from({ length: writers }, (_, writer) => startWriter([spec, String(writer), String(perWriter), String(shared), String(batch)]))
  let running = true
  const all = Promise.all(children.map((child) => child.exited)).finally(() => (running = false))
  let answered = 0
  let sizesSeen = 0
  let lastSize = 0
  while (running) {
    const probe = probes[answered % probes.length]!
    const exact = await tm.lookup(probe.source)
    expect(exact.map((match) => match.unit.id)).toEqual([probe.id])
    const fuzzy = await tm.fuzzy(probe.source.replace('اليوم', 'غدا'), { minScore: 0.8 })
    expect(fuzzy[0]?.unit.id).toBe(probe.id)
    answered++
    if (answered % 25 === 0) {
      const size = await tm.size()
      expect(size).toBeGreaterThanOrEqual(lastSize) // writers only add
      if (size > lastSize) sizesSeen++
      lastSize = size
    }
    await new Promise((done) => setTimeout(done, 5))
  }
  await all
  for (const child of children) expect(child.lines).toContain(`done ${perWriter}`)
  // Readers answered while the memory was growing, not only before or after.
  expect(answered).toBeGreaterThan(10)
  expect(sizesSeen).toBeGreaterThan(1)

  const expected = new Set<string>()
  for (let writer = 0; writer < writers; writer++) {
    for (let index = 0; index < perWriter; index++) {
      const unit = writerUnit(writer, index, shared)
      expected.add(`${unit.source}\t${unit.target}`)
    }
  }
  for (const probe of probes) expected.add(`${probe.source}\t${probe.target}`)
  const seen = new Map<string, number>()
  const ids = new Set<string>()
  for await (const unit of tm.units()) {
    const pair = `${unit.source}\t${unit.target}`
    seen.set(pair, (seen.get(pair) ?? 0) + 1)
    ids.add(unit.id)
  }
  const duplicated = [...seen].filter(([, count]) => count > 1)
  const lost = [...expected].filter((pair) => !seen.has(pair))
  expect(duplicated).toEqual([])
  expect(lost).toEqual([])
  expect(seen.size).toBe(expected.size)
  expect(ids.size).toBe(expected.size)
  expect(await tm.size()).toBe(writers * (perWriter - shared) + shared + probes.length)
  await storage.close()
}

/**
 * A writer commits some units, then is killed (SIGKILL) while a large transaction runs. The memory must hold
 * exactly the committed units, none of the doomed ones, and stay searchable and writable.
 *
 * @returns the storage, reopened, for backend-specific consistency checks (the caller closes it)
 */
export async function killWriterMidTransaction(spec: string, committed: number, doomed: number): Promise<TmStorage> {
  const child = startWriter([spec, 'killed', String(committed), String(doomed)])
  await child.waitFor('begun')
  // The doomed batch takes seconds to write; 150 ms in, it is certainly inside its transaction.
  await new Promise((done) => setTimeout(done, 150))
  child.kill()
  await child.exited
  expect(child.lines).not.toContain('finished')
  const storage = await openStore(spec)
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
  expect(await tm.size()).toBe(committed)
  expect(await tm.get('doomed-0')).toBeUndefined()
  expect((await tm.lookup('وحدة محفوظة 7')).map((match) => match.unit.id)).toEqual(['kept-7'])
  expect((await tm.fuzzy('وحدة ستضيع 5 قريبا', { minScore: 0.8 })).map((match) => match.unit.id)).toEqual([])
  expect((await tm.fuzzy('وحدة محفوظة 12 اليوم', { minScore: 0.5 }))[0]?.unit.id).toBe('kept-12')
  // Still writable: the killed writer left no lock behind.
  await tm.add({ id: 'after', source: 'بعد الحادث', target: 'after the crash' })
  expect(await tm.size()).toBe(committed + 1)
  return storage
}
