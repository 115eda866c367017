/**
 * Doubtful pairs in the CLI (issue #12): `align --min-confidence` stores them as needing review; `lookup`,
 * `search` and `concordance` show each match's state and confidence and `--exclude-needs-review` leaves them
 * out; `stats` counts them; `export --format tmx` leaves them out unless `--include-needs-review`.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseTmx } from '../../src/formats/tmx.js'
import { toXliff } from '../../src/formats/xliff.js'
import { needsReviewSubState, type TranslationUnit } from '../../src/types.js'
import { ensureBuilt, mizan, mizanJson, repoRoot, tempFolder } from './harness.js'

const corpus = join(repoRoot, 'corpus', 'xi-rahmon-samarkand')

// Our own sentences: one confident translation, one doubtful pair of the same source, and a near one.
const units: TranslationUnit[] = [
  { id: 'good', source: 'عقد المجلس جلسته الأولى.', target: 'The Council held its first meeting.', state: 'translated', alignment: { score: 0.97, shape: '1-1' }, changedAt: '2024-01-01T00:00:00.000Z' },
  { id: 'doubt', source: 'عقد المجلس جلسته الأولى.', target: 'The weather was fine.', state: 'initial', subState: needsReviewSubState, alignment: { score: 0.64, shape: '1-1' }, changedAt: '2025-01-01T00:00:00.000Z' },
  { id: 'near', source: 'عقد المجلس جلسته الثانية.', target: 'The Council held its second meeting.', state: 'reviewed', changedAt: '2023-01-01T00:00:00.000Z' },
]

describe('mizan and units that need review', () => {
  let dir: string

  beforeAll(() => {
    ensureBuilt()
    dir = tempFolder('mizan-review-')
    writeFileSync(join(dir, 'tm.xlf'), toXliff(units, { version: '2.1', sourceLang: 'ar', targetLang: 'en' }))
  })

  describe.concurrent('searches', () => {
    it('lookup shows state and confidence, the doubtful pair marked, and --exclude-needs-review leaves it out', async () => {
      const shown = await mizan(dir, ['lookup', 'tm.xlf', 'عقد المجلس جلسته الأولى.'])
      expect(shown.code).toBe(0)
      expect(shown.stdout).toContain('100%  exact  doubt  [needs review, aligned 0.64]')
      expect(shown.stdout).toContain('100%  exact  good  [translated, aligned 0.97]')
      const kept = await mizan(dir, ['lookup', 'tm.xlf', 'عقد المجلس جلسته الأولى.', '--exclude-needs-review'])
      expect(kept.stdout).not.toContain('doubt')
      expect(kept.stdout).toContain('good  [translated, aligned 0.97]')
    })

    it('search shows them marked and leaves them out before --limit', async () => {
      const shown = await mizan(dir, ['search', 'tm.xlf', 'عقد المجلس جلسته الأولى.', '--limit', '1'])
      expect(shown.stdout).toMatch(/^100%  doubt  \[needs review, aligned 0\.64\]$/m)
      const kept = await mizan(dir, ['search', 'tm.xlf', 'عقد المجلس جلسته الأولى.', '--limit', '2', '--exclude-needs-review'])
      expect(kept.code).toBe(0)
      expect(kept.stdout).toMatch(/^100%  good  \[translated, aligned 0\.97\]$/m)
      expect(kept.stdout).toMatch(/^ 80%  near  \[reviewed\]$/m)
      expect(kept.stdout).not.toContain('doubt')
    })

    it('concordance shows them marked; --json carries state, subState, needsReview and alignment', async () => {
      const shown = await mizan(dir, ['concordance', 'tm.xlf', 'المجلس جلسته'])
      expect(shown.stdout).toMatch(/^doubt  \[needs review, aligned 0\.64\]$/m)
      const { json } = await mizanJson<{ matches: Array<{ unit: Record<string, unknown> }> }>(dir, ['concordance', 'tm.xlf', 'المجلس جلسته', '--exclude-needs-review'])
      expect(json.matches.map((match) => match.unit.id)).toEqual(['good', 'near'])
      const all = await mizanJson<{ matches: Array<{ unit: Record<string, unknown> }> }>(dir, ['search', 'tm.xlf', 'عقد المجلس جلسته الأولى.'])
      expect(all.json.matches[0]!.unit).toMatchObject({ id: 'doubt', state: 'initial', subState: needsReviewSubState, needsReview: true, alignment: { score: 0.64, shape: '1-1' } })
      expect(all.json.matches[1]!.unit).toMatchObject({ id: 'good', state: 'translated', needsReview: false })
    })

    it('stats counts them', async () => {
      const shown = await mizan(dir, ['stats', 'tm.xlf'])
      expect(shown.stdout).toMatch(/^states {5}initial 1, reviewed 1, translated 1; needs review 1$/m)
      expect((await mizanJson(dir, ['stats', 'tm.xlf'])).json.needsReview).toBe(1)
    })
  })

  it('export --format tmx leaves them out and says so; --include-needs-review writes them; XLIFF keeps them', async () => {
    const left = await mizan(dir, ['export', 'tm.xlf', '--format', 'tmx', '-o', 'out.tmx'])
    expect(left.code).toBe(0)
    expect(left.stdout).toContain('wrote 2 units to out.tmx')
    expect(left.stdout).toContain('left out 1 unit that needs review (--include-needs-review writes them)')
    expect(parseTmx(readFileSync(join(dir, 'out.tmx'), 'utf8')).units.map((unit) => unit.id)).toEqual(['good', 'near'])
    const { json } = await mizanJson(dir, ['export', 'tm.xlf', '--format', 'tmx', '-o', 'all.tmx', '--include-needs-review'])
    expect(json).toMatchObject({ units: 3, leftOut: 0 })
    expect(parseTmx(readFileSync(join(dir, 'all.tmx'), 'utf8')).units.map((unit) => [unit.id, unit.state])).toEqual([
      ['good', 'translated'],
      ['doubt', 'initial'],
      ['near', 'reviewed'],
    ])
    const xliff = await mizanJson(dir, ['export', 'tm.xlf', '--format', 'xliff12', '-o', 'out.xlf'])
    expect(xliff.json).toMatchObject({ units: 3, leftOut: 0 })
    expect(readFileSync(join(dir, 'out.xlf'), 'utf8')).toContain('<target state="needs-review-translation">The weather was fine.</target>')
  })

  it('import counts the units it stored that need review', async () => {
    writeFileSync(join(dir, 'from-tool.xlf'), toXliff(units, { version: '1.2', sourceLang: 'ar', targetLang: 'en' }))
    const shown = await mizan(dir, ['import', 'from-tool.xlf', '--into', 'imported.xlf'])
    expect(shown.code, shown.stderr).toBe(0)
    expect(shown.stdout).toContain('from-tool.xlf (xliff-1.2, 3 units): 3 added, 0 updated, 0 skipped, 1 of them needing review')
    const { json } = await mizanJson(dir, ['stats', 'imported.xlf'])
    expect(json).toMatchObject({ units: 3, needsReview: 1, states: { initial: 1, translated: 1, reviewed: 1 } })
  })

  it('align --into stores the pairs under --min-confidence as needing review', async () => {
    const args = ['align', join(corpus, 'ar.txt'), join(corpus, 'en.txt')]
    const { json } = await mizanJson<{ beads: Array<{ source: number[]; target: number[]; score: number }> }>(dir, args)
    const pairs = json.beads.filter((bead) => bead.source.length > 0 && bead.target.length > 0)
    for (const threshold of [0, 0.9, 1]) {
      const memory = `aligned-${threshold}.xlf`
      const added = await mizan(dir, [...args, '--into', memory, ...(threshold === 0.9 ? [] : ['--min-confidence', String(threshold)])])
      expect(added.code, added.stderr).toBe(0)
      const stats = await mizanJson(dir, ['stats', memory])
      const doubtful = pairs.filter((pair) => pair.score < threshold).length
      expect(stats.json.units).toBe(pairs.length)
      expect(stats.json.needsReview, `--min-confidence ${threshold}`).toBe(doubtful)
      // The summary says how many pairs went in as needing review, where the user decides to look.
      if (doubtful > 0) expect(added.stdout).toContain(`${pairs.length} added (${doubtful} need review: confidence under ${threshold})`)
      else expect(added.stdout).toContain(`${pairs.length} added, 0 updated`)
      // Aligning again into the same memory stores nothing new, and says so.
      const again = await mizanJson(dir, [...args, '--into', memory, ...(threshold === 0.9 ? [] : ['--min-confidence', String(threshold)])])
      expect(again.json).toMatchObject({ added: 0, skipped: pairs.length, needsReview: 0 })
    }
    const bad = await mizan(dir, [...args, '--into', 'x.xlf', '--min-confidence', '1.5'])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toMatch(/--min-confidence/)
  })
})
