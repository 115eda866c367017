// Tests the matching key: every Arabic case of the contract one by one (diacritics, shadda order, tatweel, alef
// and ya forms, Arabic-Indic and Persian digits, Arabic punctuation, bidi controls, Quranic marks, alef wasla),
// plus Latin case and spacing (one space between words, none next to punctuation: key version 2), and that the
// original text is never touched.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeForMatching, OptionsError } from 'mizan'
import { tokenizeKey, tokenizeWithOffsets } from '../../src/tm/tokenize.js'

const cases: Array<{ what: string; input: string; expected: string }> = [
  { what: 'fatha, damma, kasra removed', input: 'كَتَبَ الوَلَدُ بِالقَلَمِ', expected: 'كتب الولد بالقلم' },
  { what: 'tanwin removed', input: 'شكرًا جزيلًا، كتابٌ وكتابٍ', expected: 'شكرا جزيلا,كتاب وكتاب' },
  { what: 'sukun removed', input: 'مِنْ', expected: 'من' },
  { what: 'shadda then fatha', input: '\u0645\u062d\u0645\u0651\u064e\u062f', expected: 'محمد' },
  { what: 'fatha then shadda (other typing order)', input: '\u0645\u062d\u0645\u064e\u0651\u062f', expected: 'محمد' },
  { what: 'tatweel removed', input: 'الســــلام', expected: 'السلام' },
  { what: 'alef with hamza above', input: 'أحمد', expected: 'احمد' },
  { what: 'alef with hamza below', input: 'إسلام', expected: 'اسلام' },
  { what: 'alef with madda', input: 'آمن', expected: 'امن' },
  { what: 'alef with madda written as alef + combining madda', input: 'ا\u0653من', expected: 'امن' },
  { what: 'alef wasla', input: 'ٱلرَّحِيمِ', expected: 'الرحيم' },
  { what: 'alef maqsura to ya', input: 'على مستوى', expected: 'علي مستوي' },
  { what: 'Arabic-Indic digits', input: 'عام ٢٠٢٤', expected: 'عام 2024' },
  { what: 'Persian digits', input: 'سال ۱۴۰۳', expected: 'سال 1403' },
  { what: 'Arabic comma, semicolon, question mark', input: 'نعم، لا؛ لماذا؟', expected: 'نعم,لا;لماذا?' },
  { what: 'Urdu full stop', input: 'ختم۔', expected: 'ختم.' },
  { what: 'Arabic percent and decimal separator', input: '٣٫٥٪', expected: '3.5%' },
  { what: 'RLM and LRM removed', input: '\u200fمرحبا\u200e world', expected: 'مرحبا world' },
  { what: 'ALM and isolates removed', input: '\u061c\u2067نص\u2069 \u202bآخر\u202c', expected: 'نص اخر' },
  { what: 'zero-width joiner and BOM removed', input: '\ufeffكل\u200dمة', expected: 'كلمة' },
  { what: 'Quranic small high marks removed', input: 'ٱلۡحَمۡدُ لِلَّهِ رَبِّ ٱلۡعَٰلَمِينَ', expected: 'الحمد لله رب العلمين' },
  { what: 'Quranic stop signs and small waw removed', input: 'ذَٰلِكَ ٱلۡكِتَٰبُ لَا رَيۡبَۛ فِيهِۛ هُدٗى', expected: 'ذلك الكتب لا ريب فيه هدي' },
  { what: 'end of ayah and rub el hizb removed', input: 'آية ۝ ۞ نص', expected: 'اية نص' },
  { what: 'dagger alef removed', input: 'هٰذا', expected: 'هذا' },
  { what: 'presentation forms folded by NFKC', input: '\ufefb \ufe8d\ufedf\ufeb4\ufefc\ufee1', expected: 'لا السلام' },
  { what: 'Latin case folded and spaces collapsed', input: '  The   United\tNations\n', expected: 'the united nations' },
  { what: 'no-break and ideographic spaces collapse', input: 'a\u00a0\u00a0b\u3000c', expected: 'a b c' },
  { what: 'full-width Latin folded by NFKC', input: 'ＵＮ', expected: 'un' },
  { what: 'Latin accents kept (only Arabic diacritics go)', input: 'Café', expected: 'café' },
  { what: 'space before Arabic question mark dropped', input: 'الطلب المتزايد ؟', expected: 'الطلب المتزايد?' },
  { what: 'space before ASCII ? after Arabic dropped', input: 'الطلب المتزايد ?', expected: 'الطلب المتزايد?' },
  { what: 'spaces by ! ; : , and Arabic ، ؛ dropped', input: 'نعم ! لا ؛ هنا : ثم ، بعد ,', expected: 'نعم!لا;هنا:ثم,بعد,' },
  { what: 'spaces by brackets and quotes dropped', input: '( a ) [ b ] { c } « د » “ e ” ‘ f ’ „ g ﴿ آية ﴾', expected: '(a)[b]{c}«د»“e”‘f’„g﴿اية﴾' },
  { what: 'a run of spaces next to punctuation dropped whole', input: 'a \t\u00a0 ? \n b', expected: 'a?b' },
  { what: 'spaces by ASCII quotes and dashes dropped', input: 'say " yes " - now', expected: 'say"yes"-now' },
  { what: 'no space is added, and none stays before a full stop', input: 'a ?b , c .', expected: 'a?b,c.' },
  { what: 'spaces between words stay, one each', input: 'وزارة  المياه\u00a0و 2024 abc', expected: 'وزارة المياه و 2024 abc' },
]

describe('normalizeForMatching', () => {
  it.each(cases)('$what: $input', ({ input, expected }) => {
    expect(normalizeForMatching(input, 'ar')).toBe(expected)
  })

  it('applies the same rules whatever the language tag', () => {
    for (const { input } of cases) expect(normalizeForMatching(input, 'en')).toBe(normalizeForMatching(input, 'ar'))
  })

  it('leaves ta marbuta alone by default and folds it on request', () => {
    expect(normalizeForMatching('مدرسة', 'ar')).toBe('مدرسة')
    expect(normalizeForMatching('مدرسة', 'ar', { foldTaMarbuta: true })).toBe('مدرسه')
  })

  it('gives one key to texts whose tokens are equal, however they are spaced next to punctuation', () => {
    const tight = ['?', '!', ';', ':', ',', '؟', '،', '؛']
    const opening = ['(', '[', '{', '«', '“', '‘']
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('مياه', 'الماء', 'water', 'Crisis', '2024', '٣'), fc.constantFrom(...tight), fc.constantFrom(...opening)), { minLength: 1, maxLength: 12 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (pieces, spaced) => {
        // Words are always separated; a space next to punctuation is there or not as `spaced` says.
        let plain = ''
        let loose = ''
        pieces.forEach((piece, index) => {
          const previous = pieces[index - 1]
          const bothWords = previous !== undefined && !tight.includes(piece) && !opening.includes(piece) && !tight.includes(previous) && !opening.includes(previous)
          const space = bothWords || (previous !== undefined && !tight.includes(piece) && !opening.includes(previous))
          plain += (space ? ' ' : '') + piece
          loose += (index > 0 && (space || spaced[index]!) ? ' ' : '') + piece
        })
        expect(normalizeForMatching(loose, 'ar')).toBe(normalizeForMatching(plain, 'ar'))
        expect(tokenizeKey(normalizeForMatching(loose, 'ar'))).toEqual(tokenizeKey(normalizeForMatching(plain, 'ar')))
      }),
    )
  })

  it('is idempotent', () => {
    for (const { input } of cases) {
      const key = normalizeForMatching(input, 'ar')
      expect(normalizeForMatching(key, 'ar')).toBe(key)
    }
  })

  it('never changes its input string', () => {
    const input = 'أَكَّدَ\u200f الرَّئِيسُ'
    const copy = `${input}`
    normalizeForMatching(input, 'ar')
    expect(input).toBe(copy)
  })

  it('returns an empty key for blank and invisible-only text', () => {
    expect(normalizeForMatching('', 'ar')).toBe('')
    expect(normalizeForMatching(' \u200f\u0640 ', 'ar')).toBe('')
  })

  it('throws OptionsError naming the argument for a non-string text or bad lang', () => {
    expect(() => normalizeForMatching(42 as unknown as string, 'ar')).toThrow(OptionsError)
    expect(() => normalizeForMatching(42 as unknown as string, 'ar')).toThrow(/argument text must be a string, got 42/)
    const error = (() => {
      try {
        normalizeForMatching('x', '' as string)
      } catch (caught) {
        return caught as OptionsError
      }
    })()
    expect(error?.code).toBe('INVALID_OPTION')
    expect(error?.option).toBe('lang')
  })
})

describe('tokenizeKey', () => {
  const table: Array<{ input: string; expected: string[] }> = [
    { input: 'كيف حالك?', expected: ['كيف', 'حالك', '?'] },
    { input: 'the u.n. (2024)', expected: ['the', 'u', '.', 'n', '.', '(', '2024', ')'] },
    { input: "don't", expected: ['don', "'", 't'] },
    { input: 'سلام...', expected: ['سلام', '.', '.', '.'] },
    { input: 'a«b»', expected: ['a', '«', 'b', '»'] },
    { input: '   ', expected: [] },
  ]
  it.each(table)('splits $input', ({ input, expected }) => {
    expect(tokenizeKey(input)).toEqual(expected)
  })

  it('equals the contract regex on any text (the space-split fast path changes nothing)', () => {
    const contract = /[\p{L}\p{M}\p{Nd}]+|[^\s\p{L}\p{M}\p{Nd}]/gu
    const characters = fc.constantFrom('a', 'B', 'ك', 'ِ', '٣', '7', ' ', '  ', '\t', '\n', '.', ',', '؟', '-', "'", '€', '\u200f', 'é', '😀')
    fc.assert(fc.property(fc.array(characters, { maxLength: 30 }).map((parts) => parts.join('')), (text) => {
      expect(tokenizeKey(text)).toEqual(text.match(contract) ?? [])
    }), { numRuns: 2000 })
  })

  it('keeps Arabic words whole (Unicode letters, not ASCII \\w)', () => {
    expect(tokenizeKey(normalizeForMatching('أكَّد الرئيسُ الصيني.', 'ar'))).toEqual(['اكد', 'الرئيس', 'الصيني', '.'])
  })
})

describe('tokenizeWithOffsets (internal: highlight spans)', () => {
  const characters = fc.constantFrom('a', 'B', 'ك', 'أ', '\u064e', '\u0651', '\u0640', '٣', ' ', '\t', '.', '؟', '\u200f', 'e\u0301', '\ufefb', 'ﬁ', 'İ', '😀', '\u06e1', 'ٱ')
  it('gives the same tokens as the key, each pointing at the original characters it came from', () => {
    fc.assert(
      fc.property(fc.array(characters, { maxLength: 25 }).map((parts) => parts.join('')), (text) => {
        const located = tokenizeWithOffsets(text)
        expect(located.map((token) => token.token)).toEqual(tokenizeKey(normalizeForMatching(text, 'ar')))
        for (const token of located) {
          expect(tokenizeKey(normalizeForMatching(text.slice(token.start, token.end), 'ar'))).toContain(token.token)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
