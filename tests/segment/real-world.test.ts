/**
 * segmentSentences on the families of real-world misses of issue #16: citation marks and footnote numbers after
 * the stop, abbreviations before numbers, list markers inside a paragraph or one a line, lower-case `a.m.` before
 * a new sentence, full-width and ideographic stops, dialogue dashes, backtick quotes, and an Arabic abbreviation
 * in brackets. Every family has cases that must split and cases that must not (the guard against a fix that
 * merely splits more). All sentences are written for this test.
 */
import { describe, expect, it } from 'vitest'
import { segmentSentences } from '../../src/index.js'

interface Case {
  input: string
  expected: string[]
  lang?: string
}

const texts = (input: string, lang = 'en') => segmentSentences(input, lang).map((sentence) => sentence.text)
const titled = (cases: readonly Case[]) => cases.map((c) => ({ ...c, title: JSON.stringify(c.input) }))

const families: Record<string, Case[]> = {
  'citation marks after the stop': [
    { input: 'Rainfall was heavy across the valley that spring.[3][4] Farmers delayed the harvest.', expected: ['Rainfall was heavy across the valley that spring.[3][4]', 'Farmers delayed the harvest.'] },
    { input: 'The treaty was signed in Lisbon.[12] It took effect a year later.', expected: ['The treaty was signed in Lisbon.[12]', 'It took effect a year later.'] },
    { input: 'The range is described in two surveys.[5–7] Both agree on its size.', expected: ['The range is described in two surveys.[5–7]', 'Both agree on its size.'] },
    { input: 'Most patients recover within a week.4 5 Some need a second course.', expected: ['Most patients recover within a week.4 5', 'Some need a second course.'] },
    { input: 'The effect was small (see table 2).7 Larger trials are planned.', expected: ['The effect was small (see table 2).7', 'Larger trials are planned.'] },
    { input: 'The river floods often,[9] especially in April.', expected: ['The river floods often,[9] especially in April.'] },
    { input: 'The price rose to 10.50 Dollars a unit.', expected: ['The price rose to 10.50 Dollars a unit.'] },
    { input: 'انتهت الحرب عام 1918.[2] وبدأت مرحلة جديدة.', expected: ['انتهت الحرب عام 1918.[2]', 'وبدأت مرحلة جديدة.'], lang: 'ar' },
  ],
  'abbreviations before numbers': [
    { input: 'The fee is Rs. 2500 per visit, paid in advance.', expected: ['The fee is Rs. 2500 per visit, paid in advance.'] },
    { input: 'An advance of rs. 800 is deducted later.', expected: ['An advance of rs. 800 is deducted later.'] },
    { input: 'SEC. 14 DEFINITIONS AND SCOPE.', expected: ['SEC. 14 DEFINITIONS AND SCOPE.'] },
    { input: 'Check item NO. 7 and ART. 31 before signing.', expected: ['Check item NO. 7 and ART. 31 before signing.'] },
    { input: 'Refer to Art. 31 of the statute.', expected: ['Refer to Art. 31 of the statute.'] },
    { input: 'The quote is on p. 212 of the report.', expected: ['The quote is on p. 212 of the report.'] },
    { input: 'She wore No. 9 for the club.', expected: ['She wore No. 9 for the club.'] },
    { input: 'He was paid in Rs. They accepted it.', expected: ['He was paid in Rs.', 'They accepted it.'] },
  ],
  'list markers': [
    { input: '1.) Preheat the oven to a high heat.', expected: ['1.) Preheat the oven to a high heat.'] },
    { input: 'Shopping: 1.) bread 2.) cheese 3.) apples', expected: ['Shopping:', '1.) bread', '2.) cheese', '3.) apples'] },
    { input: '• 3. Drink water \n• 4. Sleep early', expected: ['• 3. Drink water', '• 4. Sleep early'] },
    { input: 'i) Rinse the rice.\nii) Boil the water.\niii) Add the salt.', expected: ['i) Rinse the rice.', 'ii) Boil the water.', 'iii) Add the salt.'] },
    { input: 'iv. Check the seals.\nv. Close the lid.', expected: ['iv. Check the seals.', 'v. Close the lid.'] },
    { input: 'I. Background\nII. Method\nIII. Results', expected: ['I. Background', 'II. Method', 'III. Results'] },
    { input: 'a. open the box\nb. take the key', expected: ['a. open the box', 'b. take the key'] },
    { input: 'Read these. a. the preface b. the index c. the notes\n Then write a summary.', expected: ['Read these.', 'a. the preface', 'b. the index', 'c. the notes', 'Then write a summary.'] },
    { input: 'A) Sand B) Gravel C) Clay', expected: ['A) Sand', 'B) Gravel', 'C) Clay'] },
    { input: 'A. Smith, B. Jones and C. Brown wrote the report.', expected: ['A. Smith, B. Jones and C. Brown wrote the report.'] },
    { input: 'Steps: 1. mix the flour and\nwater 2. knead it', expected: ['Steps:', '1. mix the flour and\nwater', '2. knead it'] },
  ],
  'a.m. and p.m.': [
    { input: 'The train left at 7 a.m. Passengers waited for hours.', expected: ['The train left at 7 a.m.', 'Passengers waited for hours.'] },
    { input: 'The shop closes at 6 p.m. It reopens at 9 a.m. on Monday.', expected: ['The shop closes at 6 p.m.', 'It reopens at 9 a.m. on Monday.'] },
    { input: 'We met at 9 a.m. Monday to plan the week.', expected: ['We met at 9 a.m. Monday to plan the week.'] },
    { input: 'The call is at 8 a.m. Dr. Lee will join it.', expected: ['The call is at 8 a.m. Dr. Lee will join it.'] },
    { input: 'It opens at 10 a.m. and closes at 6 p.m. every day.', expected: ['It opens at 10 a.m. and closes at 6 p.m. every day.'] },
  ],
  'full-width and ideographic stops': [
    { input: 'The sample was dry．Then it cracked．', expected: ['The sample was dry．', 'Then it cracked．'] },
    { input: 'The line ended here。 A new one began。', expected: ['The line ended here。', 'A new one began。'] },
    { input: '会議は終わりました．次は明日です．', expected: ['会議は終わりました．', '次は明日です．'], lang: 'ja' },
    { input: '天气很好｡我们去公园｡', expected: ['天气很好｡', '我们去公园｡'], lang: 'zh' },
  ],
  'dialogue dashes': [
    { input: 'Are you coming? - Yes, in a minute.', expected: ['Are you coming?', '- Yes, in a minute.'] },
    { input: 'Bake it and -- presto! -- dinner is served.', expected: ['Bake it and -- presto! -- dinner is served.'] },
    { input: 'Is it -- dare I say? -- a little odd.', expected: ['Is it -- dare I say? -- a little odd.'] },
    { input: 'هل أنت قادم؟ - نعم، بعد قليل.', expected: ['هل أنت قادم؟', '- نعم، بعد قليل.'], lang: 'ar' },
  ],
  'quotes that open the next sentence': [
    { input: "Sales doubled in 2004. `Not bad,' said the manager.", expected: ['Sales doubled in 2004.', "`Not bad,' said the manager."] },
    { input: "Sales doubled in 2004. 'Not bad,' said the manager.", expected: ['Sales doubled in 2004.', "'Not bad,' said the manager."] },
    { input: 'She waved. "See you soon," he called.', expected: ['She waved.', '"See you soon," he called.'] },
  ],
  'Arabic abbreviations in brackets and bidi marks': [
    { input: 'قدم الورقة الدكتور خالد (أ.م.) في الجلسة الأولى. ثم ناقشها الحضور.', expected: ['قدم الورقة الدكتور خالد (أ.م.) في الجلسة الأولى.', 'ثم ناقشها الحضور.'], lang: 'ar' },
    { input: 'صدر الكتاب عن دار النشر (ش.م.م.) في بيروت.', expected: ['صدر الكتاب عن دار النشر (ش.م.م.) في بيروت.'], lang: 'ar' },
    { input: 'وقال د\u202A.\u202C سمير إن الخطة جاهزة. وبدأ التنفيذ.', expected: ['وقال د\u202A.\u202C سمير إن الخطة جاهزة.', 'وبدأ التنفيذ.'], lang: 'ar' },
    { input: 'The senator (Ind.) voted against it.', expected: ['The senator (Ind.) voted against it.'] },
    { input: 'Rates were cut (again.) Nobody was surprised.', expected: ['Rates were cut (again.)', 'Nobody was surprised.'] },
  ],
}

describe('segmentSentences (real-world families, issue #16)', () => {
  for (const [family, cases] of Object.entries(families)) {
    describe(family, () => {
      it.each(titled(cases))('segments $title', ({ input, expected, lang }) => {
        expect(texts(input, lang)).toEqual(expected)
      })
    })
  }

  it('keeps offsets exact in every case (text is input.slice(start, end))', () => {
    for (const cases of Object.values(families)) {
      for (const { input, lang } of cases) {
        for (const sentence of segmentSentences(input, lang ?? 'en')) expect(input.slice(sentence.start, sentence.end)).toBe(sentence.text)
      }
    }
  })
})
