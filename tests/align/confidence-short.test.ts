/**
 * Issue #12, short documents: in a document of three sentences the near window of beads is the whole document, so its
 * Bayes factor is the documents' evidence, which the verdict reads at a fitted scale (confidenceModel.verdictScale)
 * while the bead's `parallel` factor read it at its long-document weight. The last `parallel` input (thin evidence ×
 * near window log-odds) lets it count more where evidence is thin: a short translation's beads rise, a short
 * unrelated text's fall. Pairs written for this test.
 */
import { describe, expect, it } from 'vitest'
import { alignDocuments } from 'mizan'

const bridge = 'افتتحت مدينة طنجة جسرا جديدا فوق الوادي يوم الاثنين. ويبلغ طول الجسر 240 مترا. وقال المهندس كريم إن بناءه استغرق 18 شهرا.'

describe('bead confidence in a short document', () => {
  it('scores every bead of a three-sentence translation sharing one name 0.9 or more, so none is stored as needing review', () => {
    // One name (Salim), no numbers: before, two of its three right beads scored 0.88-0.89, under minConfidence (0.9).
    const arabic = 'زار الطبيب سليم القرية مرتين في الشهر الماضي. وفحص الأطفال في المدرسة الوحيدة هناك. وقال إن صحتهم جيدة لكن كثيرا منهم يحتاجون إلى نظارات.'
    const english = 'Doctor Salim visited the village twice last month. He examined the children at the only school there. He said that their health was good but that many of them needed glasses.'
    const { beads, verdict } = alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en' })
    expect(beads.map((bead) => [bead.source, bead.target])).toEqual([[[0], [0]], [[1], [1]], [[2], [2]]])
    for (const bead of beads) expect(bead.score).toBeGreaterThanOrEqual(0.9)
    expect(verdict.kind).toBe('parallel')
  })

  it('scores a three-sentence unrelated text of the same shape lower, where its numbers find no match', () => {
    // Before, each bead scored 0.27-0.28 (the document was already called not parallel).
    const unrelated = 'The choir sang three old songs at the evening concert. Tickets were sold at the door. Many families stayed after the show to talk with the singers.'
    const { beads, verdict } = alignDocuments(bridge, unrelated, { sourceLang: 'ar', targetLang: 'en' })
    expect(verdict.kind).toBe('not parallel')
    expect(beads.length).toBe(3)
    for (const bead of beads) expect(bead.score).toBeLessThan(0.2)
  })

  it('keeps a long translation\'s beads where they were: the input fades as the window fills', () => {
    // The same three sentences repeated with other numbers make a document of 24 beads; thin evidence is then 10 / 34
    // of the near window, not 10 / 13, and the scores of a well-anchored translation stay at the top.
    const arabic = Array.from({ length: 8 }, (_, k) => bridge.replace('240', String(300 + k)).replace('18', String(20 + k))).join('\n')
    const english = Array.from({ length: 8 }, (_, k) => `The city of Tangier opened a new bridge over the valley on Monday. The bridge is ${300 + k} metres long. Engineer Karim said that building it took ${20 + k} months.`).join('\n')
    const { beads, verdict } = alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en' })
    expect(verdict.kind).toBe('parallel')
    expect(beads.filter((bead) => bead.score >= 0.9).length).toBeGreaterThanOrEqual(beads.length - 2)
  })
})
