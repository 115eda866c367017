/**
 * The data helper the tests and benchmarks share: MIZAN_DATA picks the folder, a missing set is one loud line and
 * a skip locally, and an error on CI.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

/** A fresh copy of the helper, reading the environment as it is now. */
async function freshHelper(env: { MIZAN_DATA?: string; CI?: string }): Promise<typeof import('./data.js')> {
  vi.resetModules()
  vi.stubEnv('MIZAN_DATA', env.MIZAN_DATA ?? '')
  vi.stubEnv('CI', env.CI ?? '')
  return import('./data.js')
}

/** A data folder holding empty files for the `tm` set only. */
function folderWithTm(): string {
  const root = mkdtempSync(join(tmpdir(), 'mizan-data-'))
  mkdirSync(join(root, 'tm'))
  for (const name of ['un', 'tatoeba', 'quran']) writeFileSync(join(root, 'tm', `${name}.tsv`), '')
  return root
}

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('haveData', () => {
  it('finds a set in the folder MIZAN_DATA names', async () => {
    const root = folderWithTm()
    const data = await freshHelper({ MIZAN_DATA: root })
    expect(data.dataRoot).toBe(root)
    expect(data.dataPath('tm', 'un.tsv')).toBe(join(root, 'tm', 'un.tsv'))
    expect(data.haveData('tm')).toBe(true)
  })

  it('reports a missing set in one line naming it, its source and MIZAN_DATA, once per set, and returns false', async () => {
    const lines: string[] = []
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0)
    const data = await freshHelper({ MIZAN_DATA: folderWithTm() })
    expect(data.haveData('golden')).toBe(false)
    expect(data.haveData('golden')).toBe(false)
    expect(data.haveData('tm')).toBe(true)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^\n\*\*\* MISSING DATA "golden": .*segment[/\\]golden_en\.json .*pragmatic_segmenter.*MIZAN_DATA.*SKIPPED \*\*\*\n$/)
  })

  it('throws for a missing set on CI', async () => {
    const data = await freshHelper({ MIZAN_DATA: folderWithTm(), CI: 'true' })
    expect(() => data.haveData('schemas')).toThrow(/MISSING DATA "schemas": .*CI must have it/)
  })

  it('defaults to ../shared/data beside the checkout', async () => {
    const data = await freshHelper({})
    expect(data.dataRoot).toBe(join(data.repoRoot, '..', 'shared', 'data'))
  })
})
