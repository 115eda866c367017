/**
 * Long one-to-many beads (issue #12, weak spot 4): literary translation renders one long chained Arabic sentence
 * as several English ones, and two sentences whose content crosses as three. The texts are our own writing: a
 * short story told in 1-1 sentences except for one sentence split seven ways, and a life told in two Arabic
 * sentences whose years cross into three English ones.
 */
import { describe, expect, it } from 'vitest'
import { alignSentences } from '../../src/align/align-sentences.js'
import { documentOneToMany, SHAPES } from '../../src/align/gale-church.js'

/** A walk to the market; sentence 3 is translated as English sentences 3 to 9, every other sentence 1-1. */
const market = {
  arabic: [
    'خرج سالم من بيته في الصباح الباكر.',
    'كانت السماء صافية والهواء باردا.',
    'مشى إلى السوق القديم في وسط المدينة.',
    'وهناك رأى رجلا عجوزا يبيع التمر تحت شجرة كبيرة، فاقترب منه وسأله عن ثمن الكيلو، فأجابه الرجل بأنه 10 دراهم، ثم حكى له عن بستانه الذي ورثه عن أبيه، وعن النخيل الذي زرعه جده قبل 60 عاما، وعن سنوات الجفاف التي كادت تقضي عليه، حتى نزل المطر أخيرا وعادت الحياة إلى الأرض.',
    'اشترى سالم كيلوين وشكر الرجل.',
    'ثم عاد إلى بيته قبل الظهر.',
    'وجد أمه في المطبخ تعد الغداء.',
    'أعطاها التمر فابتسمت.',
    'قالت إن أباه كان يحب هذا التمر كثيرا.',
    'جلسا معا وتحدثا طويلا عن الأيام الماضية.',
  ],
  english: [
    'Salem left his house early in the morning.',
    'The sky was clear and the air was cold.',
    'He walked to the old market in the centre of the town.',
    'There he saw an old man selling dates under a big tree.',
    'He went up to him.',
    'He asked him the price of a kilo.',
    'The man answered that it was 10 dirhams.',
    'Then he told him about the orchard he had inherited from his father.',
    'He spoke of the palms his grandfather had planted 60 years before, and of the years of drought that had nearly destroyed it.',
    'At last the rain came, and life returned to the land.',
    'Salem bought two kilos and thanked the man.',
    'Then he went back home before noon.',
    'He found his mother in the kitchen preparing lunch.',
    'He gave her the dates and she smiled.',
    'She said that his father had loved these dates very much.',
    'They sat together and talked for a long time about the days gone by.',
  ],
}

/** The gold of {@link market}: 1-1 beads, and 3 → 3..9. */
const marketGold = [
  '0:0',
  '1:1',
  '2:2',
  '3:3+4+5+6+7+8+9',
  ...[4, 5, 6, 7, 8, 9].map((i) => `${i}:${i + 6}`),
]

/**
 * A doctor's life: the first English sentence carries the birth year of Arabic sentence 0 and the departure year
 * of Arabic sentence 1, and the third the "7 years" of sentence 1, so sentences 0 and 1 are one 2-3 bead; no cut
 * into 1-a + 1-b keeps each year with its translation.
 */
const doctor = {
  arabic: [
    'ولد كريم عام 1950 في قرية صغيرة قرب النهر.',
    'وفي عام 1968 سافر إلى باريس ليدرس الطب، وعاد بعد 7 سنوات طبيبا.',
    'فتح عيادة في القرية نفسها.',
    'كان يعالج الفقراء دون أجر.',
    'أحبه الناس كثيرا.',
    'وعندما مات عام 2010 مشى خلف جنازته الآلاف.',
  ],
  english: [
    'Karim was born in 1950 in a small village near the river, which he left in 1968 for Paris.',
    'He studied medicine there.',
    'He came back a doctor 7 years later.',
    'He opened a clinic in the same village.',
    'He treated the poor without payment.',
    'People loved him dearly.',
    'When he died in 2010, thousands walked behind his coffin.',
  ],
}

const names = (beads: ReadonlyArray<{ source: number[]; target: number[] }>) => beads.map((bead) => `${bead.source.join('+')}:${bead.target.join('+')}`)

describe('alignSentences, long beads', () => {
  it('keeps one Arabic sentence translated as seven English sentences in one 1-7 bead, without drift around it', () => {
    expect(names(alignSentences(market.arabic, market.english, { sourceLang: 'ar', targetLang: 'en' }).beads)).toEqual(marketGold)
  })

  it('finds the 7-1 bead with the languages swapped', () => {
    const swapped = marketGold.map((bead) => bead.split(':').reverse().join(':'))
    expect(names(alignSentences(market.english, market.arabic, { sourceLang: 'en', targetLang: 'ar' }).beads)).toEqual(swapped)
  })

  it('makes a 2-3 bead when the numbers of two sentences cross into three', () => {
    expect(names(alignSentences(doctor.arabic, doctor.english, { sourceLang: 'ar', targetLang: 'en' }).beads)).toEqual(['0+1:0+1+2', '2:3', '3:4', '4:5', '5:6'])
  })

  it('searches every shape up to 1-8, 8-1, 2-4 and 4-2', () => {
    const shapes = new Set(SHAPES.map(({ shape }) => `${shape[0]}-${shape[1]}`))
    for (const name of ['1-7', '7-1', '1-8', '8-1', '2-3', '3-2', '2-4', '4-2']) expect(shapes.has(name), name).toBe(true)
    // A 2-k prior is a merge of two 1-a beads: below the 2-2 prior, and falling with k.
    const prior = (name: string) => SHAPES.find(({ shape }) => `${shape[0]}-${shape[1]}` === name)!.prior
    expect(prior('2-3')).toBeLessThan(prior('2-2'))
    expect(prior('2-4')).toBeLessThan(prior('2-3'))
  })
})

describe('documentOneToMany', () => {
  const defaults = [1, 2, 3, 4, 5, 6, 7, 8].map((k) => SHAPES.find(({ shape }) => shape[0] === 1 && shape[1] === k)!.prior)

  it('keeps the default priors for a document of 1-1 beads', () => {
    expect(documentOneToMany([200, 0, 0, 0, 0, 0, 0, 0], 200, 50)).toEqual(defaults)
  })

  it('raises the long-bead priors, in order, for a document whose sentences often split', () => {
    // A first pass of 200 beads: 100 1-1, then halving counts from 50 1-2 beads to 1 1-7 bead.
    const priors = documentOneToMany([100, 50, 25, 12, 6, 3, 1, 0], 200, 50)
    expect(priors[0]).toBe(defaults[0])
    for (let k = 1; k < 8; k++) {
      expect(priors[k]!).toBeGreaterThan(defaults[k]!)
      if (k > 1) expect(priors[k]!).toBeLessThan(priors[k - 1]!)
    }
    // The tail follows the document (about halving per sentence), not the defaults' factor of 2 to 7.
    expect(priors[6]! / priors[5]!).toBeGreaterThan(0.3)
  })
})
