/**
 * Saving a review into a memory: confirmed beads as reviewed (or translated) units, rejected ones as needing
 * review (or dropped), open ones by their score; saving again replaces the document's units; an XLIFF file memory
 * and an SQLite one read back the same units.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { alignSentences } from '../../src/align/align-sentences.js'
import { segmentSentences } from '../../src/segment/index.js'
import { openStore } from '../../src/storage/open-store.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { needsReview } from '../../src/tm/needs-review.js'
import type { TranslationUnit } from '../../src/types.js'
import { applyEdit, startSession, type ReviewSession } from '../../src/review/history.js'
import { createReviewDocument } from '../../src/review/model.js'
import { ReviewWriter, toReviewUnits } from '../../src/review/save-review.js'

const corpus = new URL('../../corpus/xi-rahmon-samarkand/', import.meta.url)
const source = segmentSentences(readFileSync(new URL('ar.txt', corpus), 'utf8'), 'ar').map((s) => s.text)
const target = segmentSentences(readFileSync(new URL('en.txt', corpus), 'utf8'), 'en').map((s) => s.text)
const beads = alignSentences(source, target, { sourceLang: 'ar', targetLang: 'en' }).beads

/** The corpus with bead 0 approved, bead 1 rejected, bead 2 split (open, edited) and the rest as aligned. */
function reviewed(): ReviewSession {
  let session = startSession(createReviewDocument(source, target, beads))
  session = applyEdit(session, { kind: 'approve', bead: 0 })
  session = applyEdit(session, { kind: 'reject', bead: 1 })
  session = applyEdit(session, { kind: 'detach', side: 'target', sentence: 3 })
  return session
}

async function all(tm: TranslationMemory): Promise<TranslationUnit[]> {
  const units: TranslationUnit[] = []
  for await (const unit of tm.units()) units.push(unit)
  return units.sort((a, b) => (a.origin?.sourceSentences?.[0] ?? -1) - (b.origin?.sourceSentences?.[0] ?? -1))
}

describe('toReviewUnits', () => {
  it('stores confirmed beads as reviewed, rejected as needing review, open by score, and skips omissions', () => {
    const { document } = reviewed()
    const units = toReviewUnits(document, { document: 'ar.txt' })
    // Bead 2 became an omission (source 2 alone, target 3 alone): no unit.
    expect(units).toHaveLength(document.beads.filter((b) => b.source.length > 0 && b.target.length > 0).length)
    expect(units[0]).toMatchObject({ source: source[0], target: target[0], state: 'reviewed', alignment: { score: 1, shape: '1-1' }, origin: { document: 'ar.txt', sourceSentences: [0], targetSentences: [0] } })
    expect(units[1]).toMatchObject({ source: source[1], target: `${target[1]} ${target[2]}`, state: 'initial', subState: 'mizan:needs-review' })
    expect(units[0]!.context).toEqual({ next: source[1] })
    for (const unit of units.slice(2)) {
      const bead = document.beads.find((b) => b.source[0] === unit.origin!.sourceSentences![0])!
      expect(needsReview(unit)).toBe(bead.score! < 0.9)
    }
  })

  it('drops rejected beads and stores approved ones as translated when asked', () => {
    const units = toReviewUnits(reviewed().document, { approvedState: 'translated', rejected: 'drop' })
    expect(units[0]!.state).toBe('translated')
    expect(units.some((u) => u.source === source[1])).toBe(false)
  })

  it('refuses unknown option values', () => {
    expect(() => toReviewUnits(reviewed().document, { rejected: 'burn' as 'drop' })).toThrow(/option rejected must be "needs-review" or "drop", got "burn"/)
  })
})

describe('ReviewWriter', () => {
  const folder = mkdtempSync(join(tmpdir(), 'mizan-review-save-'))

  it.each([
    ['an XLIFF file', async (name: string) => {
      const tm = await TranslationMemory.open(join(folder, `${name}.xlf`), { sourceLang: 'ar', targetLang: 'en' })
      return { tm, save: async () => void (await tm.save()), reopen: () => TranslationMemory.open(join(folder, `${name}.xlf`)), close: async () => undefined }
    }],
    ['an SQLite database', async (name: string) => {
      const spec = `sqlite:${join(folder, `${name}.db`)}`
      const storage = await openStore(spec)
      const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
      return { tm, save: async () => undefined, reopen: async () => new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: await openStore(spec) }), close: () => tm.close() }
    }],
  ])('writes the review into %s, and a later write replaces it', async (_, open) => {
    const memory = await open('replace')
    await memory.tm.add({ source: 'نص آخر.', target: 'Another text.', origin: { document: 'other.txt' } })
    const writer = await ReviewWriter.open(memory, { document: 'ar.txt' })
    let session = reviewed()
    await writer.write(session.document)
    const expected = toReviewUnits(session.document, { document: 'ar.txt' })
    let back = await memory.reopen()
    let units = (await all(back)).filter((u) => u.origin?.document === 'ar.txt')
    expect(units.map((u) => [u.source, u.target, u.state, u.subState])).toEqual(expected.map((u) => [u.source, u.target, u.state, u.subState]))
    if (back !== memory.tm) await back.close()

    // Undo the rejection, merge two beads: the memory follows, and the other document's unit is untouched.
    session = applyEdit(session, { kind: 'reopen', bead: 1 })
    session = applyEdit(session, { kind: 'merge', bead: 4, direction: 'next' })
    const { added, deleted } = await writer.write(session.document)
    expect(added).toBe(2) // bead 1 with its new state, and the merged bead
    expect(deleted).toBe(2) // the two beads merged (bead 1 keeps its id, derived from its text, and is replaced)
    back = await memory.reopen()
    units = await all(back)
    expect(units.filter((u) => u.origin?.document === 'other.txt')).toHaveLength(1)
    expect(units.filter((u) => u.origin?.document === 'ar.txt').map((u) => u.source)).toEqual(toReviewUnits(session.document).map((u) => u.source))
    await back.close()

    // A new writer on the same memory (a later session) replaces the units too, leaving no duplicates.
    const again = await ReviewWriter.open(memory, { document: 'ar.txt' })
    await again.write(reviewed().document)
    back = await memory.reopen()
    expect((await all(back)).filter((u) => u.origin?.document === 'ar.txt')).toHaveLength(expected.length)
    await back.close()
    await memory.close()
  })
})
