/**
 * `mizan review tm.xlf`: a memory's aligned document reviewed again without its texts. The built binary on a
 * memory the corpus pair was aligned into: the beads rebuilt from the units, an edit saved back into the same
 * units (not added beside them), and the refusals (several documents without --document, an unknown one).
 */
import { spawn } from 'node:child_process'
import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { beforeAll, describe, expect, it } from 'vitest'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import type { TranslationUnit } from '../../src/types.js'
import { BIN, ensureBuilt, mizan, repoRoot, tempFolder } from './harness.js'

async function units(file: string): Promise<TranslationUnit[]> {
  const tm = await TranslationMemory.open(file)
  const all: TranslationUnit[] = []
  for await (const unit of tm.units()) all.push(unit)
  return all
}

describe('mizan review <memory>', () => {
  let dir: string
  beforeAll(async () => {
    ensureBuilt()
    dir = tempFolder('mizan-review-memory-')
    copyFileSync(join(repoRoot, 'corpus/xi-rahmon-samarkand/ar.txt'), join(dir, 'ar.txt'))
    copyFileSync(join(repoRoot, 'corpus/xi-rahmon-samarkand/en.txt'), join(dir, 'en.txt'))
    expect((await mizan(dir, ['align', 'ar.txt', 'en.txt', '--into', 'tm.xlf'])).code).toBe(0)
  })

  it('rebuilds the beads from the units and saves an approval into the same units', async () => {
    const before = await units(join(dir, 'tm.xlf'))
    const child = spawn(process.execPath, [BIN, 'review', 'tm.xlf', '--no-open', '--json'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    const started = await new Promise<{ url: string; beads: number; into: string }>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)))
      child.once('exit', (code) => reject(new Error(`mizan review exited with ${code}: ${stderr}`)))
    })
    expect(started).toMatchObject({ beads: before.length, into: 'tm.xlf' })
    expect(stderr).toMatch(new RegExp(`^mizan: rebuilt ${before.length} beads of ar\\.txt from tm\\.xlf \\(0 reviewed\\)$`, 'm'))
    const url = new URL(started.url)
    const headers = { 'x-mizan-token': url.searchParams.get('token')!, 'content-type': 'application/json' }
    const state = (await (await fetch(`${url.origin}/api/state`, { headers })).json()) as { document: { source: string[]; beads: Array<{ source: number[]; target: number[] }> } }
    // Every unit is a bead again, with the sentences it holds (a 1-2 unit is two target sentences).
    const first = before.find((unit) => unit.origin!.sourceSentences![0] === 0)!
    expect(state.document.source[0]).toBe(first.source)
    expect(state.document.beads[0]!.target).toHaveLength(first.origin!.targetSentences!.length)
    const response = await fetch(`${url.origin}/api/edit`, { method: 'POST', headers, body: JSON.stringify({ version: 0, edit: { kind: 'approve', bead: 0 } }) })
    expect(response.status).toBe(200)
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    const after = await units(join(dir, 'tm.xlf'))
    expect(after).toHaveLength(before.length)
    expect(after.find((unit) => unit.origin!.sourceSentences![0] === 0)!.state).toBe('reviewed')
    expect(after.filter((unit) => unit.state === 'reviewed')).toHaveLength(1)
  }, 60_000)

  it('asks which document when the memory holds several, and refuses an unknown one', async () => {
    // a second, different document (pairs of its own, so none is merged with the first document's)
    writeFileSync(join(dir, 'ar2.txt'), 'وصل الوفد إلى المدينة صباح الأحد.\nوعقد الوزيران اجتماعا استمر ساعتين.\n')
    writeFileSync(join(dir, 'en2.txt'), 'The delegation reached the city on Sunday morning.\nThe two ministers held a meeting that lasted two hours.\n')
    expect((await mizan(dir, ['align', 'ar2.txt', 'en2.txt', '--into', 'two.xlf', '--force'])).code).toBe(0)
    expect((await mizan(dir, ['align', 'ar.txt', 'en.txt', '--into', 'two.xlf'])).code).toBe(0)
    const several = await mizan(dir, ['review', 'two.xlf', '--no-open'])
    expect(several.code).toBe(2)
    expect(several.stderr).toMatch(/^mizan: two\.xlf holds 2 aligned documents; choose one with --document: ar\.txt, ar2\.txt\n$/)
    const unknown = await mizan(dir, ['review', 'two.xlf', '--document', 'nope.txt', '--no-open'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/holds no aligned document "nope\.txt"; it holds ar\.txt, ar2\.txt/)
  })
})
