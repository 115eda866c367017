/**
 * The translation confidence and the verdict on pairs written for this test: a true pair, an unrelated English
 * text cut to the same shape (same paragraphs, a question in the same place) without the source's numbers, and
 * a translation that turns into another text half way.
 */
import { describe, expect, it } from 'vitest'
import { alignDocuments, lacksEvidence } from 'mizan'

const arabic = `افتتحت بلدية عمّان يوم الأحد حديقة عامة جديدة في منطقة الشميساني بمساحة 12 دونما.
وقال رئيس البلدية إن المشروع كلّف نحو 3 ملايين دينار، وإنه يضم مسارا للمشي طوله 1.5 كيلومتر وملعبا للأطفال.
وأضاف أن الحديقة ستفتح أبوابها يوميا من الساعة السادسة صباحا حتى العاشرة مساء.

وأشار إلى أن البلدية زرعت أكثر من 800 شجرة زيتون وصنوبر في الحديقة، وأنها تعتمد على مياه الأمطار المجمّعة في الري.
هل ستكون الحديقة مجانية؟ نعم، فالدخول مجاني لجميع الزوار.
وتأتي الحديقة ضمن خطة تهدف إلى زيادة المساحات الخضراء في العاصمة بنسبة 20 في المئة بحلول عام 2030.`

const english = `On Sunday, the Municipality of Amman opened a new public park in the Shmeisani district covering 12 dunums.
The mayor said the project cost about 3 million dinars. It includes a 1.5-kilometre walking path and a children's playground.
He added that the park will open daily from six in the morning until ten at night.

He noted that the municipality had planted more than 800 olive and pine trees in the park, and that it relies on harvested rainwater for irrigation.
Will the park be free? Yes, entry is free for all visitors.
The park is part of a plan to increase green spaces in the capital by 20 percent by 2030.`

const unrelated = `The committee reviewed the annual budget and approved new rules for hiring.
Several members asked for more time to study the proposal before a final vote.
The chairman thanked the staff for their work during a difficult year.

A report on the state of the roads will be presented at the next meeting.
Is the report ready? Not yet, but it will be finished by the end of the month.
The meeting ended shortly after noon.`

const align = (target: string) => alignDocuments(arabic, target, { sourceLang: 'ar', targetLang: 'en' })

const library = `أعلنت المكتبة الوطنية في الرباط أنها ستفتح قاعة جديدة للمخطوطات العربية القديمة في شهر مارس المقبل.
وتضم القاعة نحو 4500 مخطوطة، أقدمها يعود إلى القرن الحادي عشر الميلادي.
وقالت مديرة المكتبة إن الباحثين سيتمكنون من حجز مواعيد عبر الإنترنت، وإن الدخول سيكون مجانيا للطلاب.
كما ستعرض المكتبة مجموعة مختارة من الخرائط والرسائل الدبلوماسية التي لم تُعرض من قبل.

ومن المتوقع أن يزور القاعة أكثر من 30 ألف شخص في عامها الأول.
لماذا تأخر الافتتاح؟ أوضحت المديرة أن أعمال الترميم استغرقت وقتا أطول مما كان مخططا له.`

const football = `The home team won the match two to one after a late goal in the second half.
Their coach praised the defenders, who blocked several dangerous shots.
Fans celebrated in the streets until late at night. Traffic was slow in the city centre.
The league will resume next week with a match against the champions.

Tickets for that match sold out in a few hours.
Will the captain play? The club has not yet said whether his injury has healed.`

describe('the verdict', () => {
  it('calls a pair parallel only on evidence: beads that fit by length and little else are partly parallel', () => {
    // Sentences of the right lengths in the right paragraphs and a question in the same place: without the
    // evidence rule, 66% of this text sat in beads of 0.5 or more and the pair was called parallel.
    const { verdict } = alignDocuments(library, football, { sourceLang: 'ar', targetLang: 'en' })
    expect(verdict.coverage).toBeGreaterThanOrEqual(0.6)
    expect(verdict.evidence).toBeLessThan(Math.log(3))
    expect(verdict.kind).toBe('partly parallel')
    expect(lacksEvidence(verdict)).toBe(true)
    const translated = align(english).verdict
    expect(translated.kind).toBe('parallel')
    expect(translated.evidence).toBeGreaterThan(Math.log(3))
    expect(lacksEvidence(translated)).toBe(false)
  })
})

describe('bead confidence (Bead.score)', () => {
  it('is high on every bead of a true translation, and the verdict is parallel', () => {
    const { beads, verdict } = align(english)
    expect(verdict.kind).toBe('parallel')
    for (const bead of beads) expect(bead.score).toBeGreaterThan(0.9)
  })

  it('stays low on an unrelated text of the same shape, whose sentences share no number with the source', () => {
    // Before the numbers the other side lacks counted as evidence, this pair was "parallel" at 0.86 on average:
    // a question mark in the same place was all the anchors there were, and the length model was happy.
    const { beads, verdict } = align(unrelated)
    expect(verdict.kind).toBe('not parallel')
    for (const bead of beads) expect(bead.score).toBeLessThan(0.6)
    // The path itself is confident: the posterior alone cannot tell a translation from a coincidence.
    expect(beads.filter((bead) => bead.posterior > 0.9).length).toBeGreaterThan(4)
  })

  it('falls where a translation turns into another text', () => {
    // The first paragraph translated, then the unrelated text where the second paragraph's translation should be.
    const half = `${english.split('\n\n')[0]}\n\n${unrelated}`
    const { beads, verdict } = align(half)
    expect(verdict.kind).toBe('partly parallel')
    expect(beads[0]!.score).toBeGreaterThan(0.9)
    const after = beads.filter((bead) => bead.source.length > 0 && bead.source[0]! >= 3 && bead.target.length > 0)
    expect(after.length).toBeGreaterThan(2)
    for (const bead of after) expect(bead.score).toBeLessThan(0.5)
  })
})
