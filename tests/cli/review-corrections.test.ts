/**
 * `mizan align --corrections FILE`: the built binary applies a corrections file (as the static review page exports
 * it): a bead the aligner would not make, confirmed, is kept as it is and stored as reviewed; a file made on
 * another text, a file that is not JSON, and a missing --into are refused with exit 2 and nothing written.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { toCorrections } from '../../src/review/corrections.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import type { TranslationUnit } from '../../src/types.js'
import { ensureBuilt, mizan, repoRoot, tempFolder } from './harness.js'
import { reviewedSample } from './reviewed-sample.js'

describe('mizan align --corrections', () => {
  let dir: string
  let arText: string
  let enText: string
  beforeAll(() => {
    ensureBuilt()
    dir = tempFolder('mizan-corrections-')
    copyFileSync(join(repoRoot, 'corpus/xi-rahmon-samarkand/ar.txt'), join(dir, 'ar.txt'))
    copyFileSync(join(repoRoot, 'corpus/xi-rahmon-samarkand/en.txt'), join(dir, 'en.txt'))
    arText = readFileSync(join(dir, 'ar.txt'), 'utf8')
    enText = readFileSync(join(dir, 'en.txt'), 'utf8')
    writeFileSync(join(dir, 'corrections.json'), JSON.stringify(toCorrections(reviewedSample(arText, enText), arText, enText)))
  })

  it('keeps the confirmed bead the aligner would not make, and stores the rejected one as needing review', async () => {
    const { code, stdout } = await mizan(dir, ['align', 'ar.txt', 'en.txt', '--corrections', 'corrections.json', '--into', 'tm.xlf', '--json'])
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ confirmed: 1, rejected: 1, sourceSentences: 10, targetSentences: 12, into: 'tm.xlf' })
    const tm = await TranslationMemory.open(join(dir, 'tm.xlf'))
    const units: TranslationUnit[] = []
    for await (const unit of tm.units()) units.push(unit)
    const merged = units.find((unit) => unit.origin!.sourceSentences![0] === 0)!
    expect(merged.origin!.sourceSentences).toEqual([0, 1])
    expect(merged.state).toBe('reviewed')
    const last = units.reduce((a, b) => (a.origin!.sourceSentences![0]! > b.origin!.sourceSentences![0]! ? a : b))
    expect([last.state, last.subState]).toEqual(['initial', 'mizan:needs-review'])
  })

  it('refuses a file made on another text, naming the side', async () => {
    writeFileSync(join(dir, 'en-changed.txt'), enText.replace('China', 'Chine'))
    const { code, stderr } = await mizan(dir, ['align', 'ar.txt', 'en-changed.txt', '--corrections', 'corrections.json', '--into', 'other.xlf'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^mizan: the corrections were made on another target text \(\d+ characters, checksum [0-9a-f]{8}; this one has \d+ characters, checksum [0-9a-f]{8}\)\n$/)
    expect(existsSync(join(dir, 'other.xlf'))).toBe(false)
  })

  it('refuses a file that is not JSON, and --corrections without --into', async () => {
    writeFileSync(join(dir, 'bad.json'), '{')
    const bad = await mizan(dir, ['align', 'ar.txt', 'en.txt', '--corrections', 'bad.json', '--into', 'bad.xlf'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^mizan: bad\.json is not JSON: /)
    const alone = await mizan(dir, ['align', 'ar.txt', 'en.txt', '--corrections', 'corrections.json'])
    expect(alone.code).toBe(2)
    expect(alone.stderr).toMatch(/--corrections needs a memory to write: --into tm\.xlf/)
  })

  it('--report writes the editing page for plain texts and the read-only one for documents read into blocks', async () => {
    expect((await mizan(dir, ['align', 'ar.txt', 'en.txt', '--report', 'plain.html'])).code).toBe(0)
    expect(readFileSync(join(dir, 'plain.html'), 'utf8')).toContain('<script type="application/json" id="mizan-data">')
    writeFileSync(join(dir, 'ar.md'), `# ${arText.split('\n')[0]}\n\n${arText.split('\n').slice(1).join('\n\n')}`)
    writeFileSync(join(dir, 'en.md'), `# ${enText.split('\n')[0]}\n\n${enText.split('\n').slice(1).join('\n\n')}`)
    expect((await mizan(dir, ['align', 'ar.md', 'en.md', '--report', 'blocks.html', '--force'])).code).toBe(0)
    const blocks = readFileSync(join(dir, 'blocks.html'), 'utf8')
    expect(blocks).not.toContain('id="mizan-data"')
    expect(blocks).toMatch(/<tr id="bead-/)
  })
})
