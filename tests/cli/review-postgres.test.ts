/**
 * `mizan review` on a PostgreSQL memory (the built binary, a throwaway cluster from tests/helpers/postgres.ts):
 * `review ar.txt en.txt --into postgres://…` saves the edits made through the server into the database, and
 * `review postgres://…` rebuilds the beads from the units there and saves a further edit into the same units.
 * Each step reads the memory back from the database and checks every unit. Runs where PostgreSQL 15 is installed
 * (on CI it must be).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../src/storage/open-store.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import type { TranslationUnit } from '../../src/types.js'
import { havePostgres, startPostgres, type PostgresCluster } from '../helpers/postgres.js'
import { BIN, ensureBuilt, repoRoot, tempFolder } from './harness.js'

interface Started {
  child: ChildProcessWithoutNullStreams
  exited: Promise<number | null>
  started: { url: string; beads: number; into: string }
  stderr: () => string
}

/** Starts `mizan review … --json`, resolving with its first line (the URL and the bead count). */
async function start(cwd: string, args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [BIN, 'review', ...args, '--no-open', '--json'], { cwd, env: { ...process.env, NO_COLOR: '1' } })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const started = await new Promise<Started['started']>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)))
    void exited.then((code) => reject(new Error(`mizan review exited with ${code}: ${stderr}`)))
  })
  return { child, exited, started, stderr: () => stderr }
}

/** Sends edits one after the other, each on the version the previous one produced. */
async function edit(url: URL, edits: unknown[]): Promise<void> {
  const headers = { 'x-mizan-token': url.searchParams.get('token')!, 'content-type': 'application/json' }
  let { version } = (await (await fetch(`${url.origin}/api/state`, { headers })).json()) as { version: number }
  for (const one of edits) {
    const response = await fetch(`${url.origin}/api/edit`, { method: 'POST', headers, body: JSON.stringify({ version, edit: one }) })
    const answer = (await response.json()) as { version: number; error?: string }
    expect(response.status, answer.error).toBe(200)
    version = answer.version
  }
}

/** The memory's units, in document order. */
async function units(spec: string): Promise<TranslationUnit[]> {
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await openStore(spec) })
  try {
    const all: TranslationUnit[] = []
    for await (const unit of tm.units()) all.push(unit)
    return all.sort((a, b) => a.origin!.sourceSentences![0]! - b.origin!.sourceSentences![0]!)
  } finally {
    await tm.close()
  }
}

describe.runIf(havePostgres())('mizan review on a PostgreSQL memory', () => {
  let cluster: PostgresCluster
  let dir: string
  let spec: string
  beforeAll(async () => {
    ensureBuilt()
    cluster = await startPostgres()
    spec = cluster.createDatabase('review_cli')
    dir = tempFolder('mizan-review-pg-')
    copyFileSync(join(repoRoot, 'corpus/xi-rahmon-samarkand/ar.txt'), join(dir, 'ar.txt'))
    copyFileSync(join(repoRoot, 'corpus/xi-rahmon-samarkand/en.txt'), join(dir, 'en.txt'))
  }, 60_000)
  afterAll(() => cluster?.stop())

  it('aligns two documents into the database and saves the edits made through the server', async () => {
    const review = await start(dir, ['ar.txt', 'en.txt', '--into', spec])
    expect(review.started).toMatchObject({ beads: 9, into: spec })
    // approve bead 0, reject bead 1, merge beads 3 and 4 (two units become one), approve the merged bead
    await edit(new URL(review.started.url), [
      { kind: 'approve', bead: 0 },
      { kind: 'reject', bead: 1 },
      { kind: 'merge', bead: 3, direction: 'next' },
      { kind: 'approve', bead: 3 },
    ])
    review.child.kill('SIGINT')
    expect(await review.exited, review.stderr()).toBe(0)

    const saved = await units(spec)
    expect(saved).toHaveLength(8)
    expect(saved.every((unit) => unit.origin?.document === 'ar.txt')).toBe(true)
    expect(saved.map((unit) => unit.state === 'reviewed')).toEqual([true, false, false, true, false, false, false, false])
    expect(saved[1]).toMatchObject({ state: 'initial', subState: 'mizan:needs-review' })
    expect(saved[3]!.origin!.sourceSentences!.length).toBeGreaterThanOrEqual(2)
    expect(saved[3]!.alignment).toMatchObject({ score: 1 })
    // Every sentence of both documents is in exactly one unit, in order.
    expect(saved.flatMap((unit) => unit.origin!.sourceSentences!)).toEqual([...Array(saved.flatMap((unit) => unit.origin!.sourceSentences!).length).keys()])
  }, 90_000)

  it('reviews the memory again from the database alone, saving into the same units', async () => {
    const before = await units(spec)
    const review = await start(dir, [spec])
    expect(review.started).toMatchObject({ beads: before.length, into: spec })
    expect(review.stderr()).toMatch(/rebuilt 8 beads of ar\.txt from postgres:\/\/\S+ \(2 reviewed\)/)
    await edit(new URL(review.started.url), [{ kind: 'approve', bead: 2 }])
    review.child.kill('SIGINT')
    expect(await review.exited, review.stderr()).toBe(0)

    const after = await units(spec)
    expect(after).toHaveLength(before.length)
    expect(after.map((unit) => unit.state === 'reviewed')).toEqual([true, false, true, true, false, false, false, false])
    // The other units are the same units (same ids and texts), not copies added beside them.
    expect(after.map((unit) => [unit.id, unit.source, unit.target]).filter((_, index) => index !== 2)).toEqual(before.map((unit) => [unit.id, unit.source, unit.target]).filter((_, index) => index !== 2))
  }, 90_000)
})
