import { describe, expect, it } from 'vitest'
import { buildAnchors, readSide } from '../../src/align/anchors.js'
import { model } from '../../src/align/options.js'
import fc from 'fast-check'
import { arabicNameKeys, latinNameKey, lexicalKey, scanTokens, scanTokensWithRegex, stemArabic, tokenize } from '../../src/align/tokens.js'
import { DROPPED_FOR_MATCHING, isDroppedForMatching } from '../../src/text/arabic.js'
import { normalizeForMatching } from '../../src/tm/normalize.js'
import { haveData } from '../helpers/data.js'
import { loadOwnPairs } from '../helpers/own-pairs.js'
import { loadTmPairs, tmCorpora } from '../helpers/shared-data.js'

// The real corpora (data set `tm`) are external: without them the two tests on every real line skip, and the same
// checks run on our fixture pairs (tests/fixtures/pairs) only.
const haveTm = haveData('tm')

describe('tokenize (aligner keys; the sentences themselves are never changed)', () => {
  it.each([
    { input: '١٢٠', expected: ['number:120'] },
    { input: '۱۲۰', expected: ['number:120'] },
    { input: '١٬٠٠٠ و1,000 بـ1000 والـ30', expected: ['number:1000', 'word:و', 'number:1000', 'word:ب', 'number:1000', 'word:وال', 'number:30'] },
    { input: 'MP3 و5th', expected: ['word:mp3', 'word:و', 'word:5th'] },
    { input: '٣٫٥ مليون', expected: ['number:3.5', 'word:مليون'] },
    { input: 'قَالَ الرَّئِيسُ', expected: ['word:قال', 'word:الرئيس'] },
    { input: 'العـــالم', expected: ['word:العالم'] },
    { input: '\u200Fمرحبا\u200E', expected: ['word:مرحبا'] },
    { input: 'هل؟ نعم، لا؛ ۔', expected: ['word:هل', 'punct:؟', 'word:نعم', 'punct:،', 'word:لا', 'punct:؛', 'punct:۔'] },
    { input: 'MWPs (C5)', expected: ['word:mwps', 'punct:(', 'word:c5', 'punct:)'] },
    { input: '4-month-old', expected: ['number:4', 'punct:-', 'word:month', 'punct:-', 'word:old'] },
  ])('tokenizes $input', ({ input, expected }) => {
    expect(tokenize(input).map((token) => `${token.kind}:${token.text}`)).toEqual(expected)
  })
})

describe('tokenize on Quranic script (the same character tables as the memory keys, src/text/arabic.ts)', () => {
  // NFKC first, as tokenize does (it composes alef + madda mark into آ before marks are dropped).
  const plain = (text: string) => [...text.normalize('NFKC')].filter((c) => !isDroppedForMatching(c.charCodeAt(0))).join('')
  const words = (text: string) => tokenize(text).filter((token) => token.kind === 'word').map((token) => token.text)

  it.each([
    // Arabic Extended-A marks: open fathatan/dammatan/kasratan (U+08F0–U+08F2), small low waw (U+08D3), and the
    // end of the range (U+08FF); the aligner missed all of them before the tables were shared.
    { input: 'عليم\u08F0', expected: ['عليم'] },
    { input: 'رحيم\u08F1 غفور\u08F2', expected: ['رحيم', 'غفور'] },
    { input: 'قو\u08D3ل', expected: ['قول'] },
    { input: 'كتا\u08FFب', expected: ['كتاب'] },
    // Uthmani annotation marks: small high meem (U+06E2), small waw (U+06E5), end of ayah (U+06DD), sajdah (U+06E9)
    { input: 'سميع\u06E2 بصير', expected: ['سميع', 'بصير'] },
    { input: 'ه\u06E5 \u06DD\u0661\u0662 \u06E9', expected: ['ه'] },
  ])('drops the marks inside $input', ({ input, expected }) => {
    expect(words(input)).toEqual(expected)
  })

  it('reads every fully vocalised line of our fixture pairs as its plain spelling', () => {
    const lines = loadOwnPairs('vocalised').map((pair) => pair.source)
    expect(lines.length).toBeGreaterThan(30)
    for (const line of lines) {
      expect(plain(line), line).not.toBe(line) // the fixture really is vocalised
      const tokens = words(line)
      expect(tokens, line).toEqual(words(plain(line)))
      for (const word of tokens) expect([...word].some((c) => isDroppedForMatching(c.charCodeAt(0))), word).toBe(false)
    }
  })

  it.skipIf(!haveTm)('reads every fully vocalised verse of the shared Quran corpus as its plain spelling', () => {
    const quran = tmCorpora.indexOf('quran')
    const verses = loadTmPairs().filter((pair) => pair.corpus === quran).map((pair) => pair.source)
    expect(verses.length).toBeGreaterThan(6000)
    let marked = 0
    const different: string[] = []
    const withMarks: string[] = []
    for (const verse of verses) {
      if (plain(verse) !== verse) marked++
      const tokens = words(verse)
      if (tokens.join(' ') !== words(plain(verse)).join(' ')) different.push(verse)
      for (const word of tokens) if ([...word].some((c) => isDroppedForMatching(c.charCodeAt(0)))) withMarks.push(word)
    }
    expect(marked).toBeGreaterThan(6000) // the corpus really is vocalised
    expect(different).toEqual([])
    expect(withMarks).toEqual([])
  })

  it('drops exactly what the memory keys drop', () => {
    for (const [first, last] of DROPPED_FOR_MATCHING) {
      for (let code = first; code <= last; code++) {
        const text = `ب${String.fromCharCode(code)}ت`
        expect(words(text)).toEqual(['بت'])
        expect(normalizeForMatching(text, 'ar')).toBe('بت')
      }
    }
  })
})

describe('scanTokens (hand-written scanner) against its regular-expression specification', () => {
  const tokens = (scan: typeof scanTokens, text: string) => {
    const out: string[] = []
    scan(text, (kind, token) => out.push(`${kind}:${token}`))
    return out
  }

  it('agrees on every line of our fixture pairs', () => {
    const lines = loadOwnPairs().flatMap((pair) => [pair.source, pair.target])
    expect(lines.length).toBeGreaterThan(250)
    const different = lines.filter((line) => tokens(scanTokens, line).join('|') !== tokens(scanTokensWithRegex, line).join('|'))
    expect(different).toEqual([])
  })

  it.skipIf(!haveTm)('agrees on every line of the shared Arabic and English corpora', () => {
    const lines = loadTmPairs().flatMap((pair) => [pair.source, pair.target])
    expect(lines.length).toBeGreaterThan(40000)
    const different = lines.filter((line) => tokens(scanTokens, line).join('|') !== tokens(scanTokensWithRegex, line).join('|'))
    expect(different).toEqual([])
  })

  it('agrees on random text made of the tricky characters (clitics, digit scripts, separators, marks, surrogates)', () => {
    const alphabet = ['و', 'ب', 'ل', 'ا', 'ف', 'ك', 'م', '1', '2', '٣', '۴', '.', ',', '٫', '٬', ' ', 'a', 'B', '\u064E', '\u0640', '\u200F', '𝟏', '😀', '𝐀', '-', '؟', '\u0301', '\u00A0', '\u2028', '\uD800', '\uDC00']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 14 }), (characters) => {
        const text = characters.join('')
        expect(tokens(scanTokens, text)).toEqual(tokens(scanTokensWithRegex, text))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('stemArabic', () => {
  it.each([
    { input: 'والرئيس', expected: 'رئيس' },
    { input: 'بالمدينة', expected: 'مدين' },
    { input: 'للأطفال', expected: 'اطفال' },
    { input: 'للتعاون', expected: 'تعا' }, // light10 over-stems at times, but the same way on every occurrence
    { input: 'أمريكا', expected: 'امريكا' },
    { input: 'مستشفى', expected: 'مستشف' },
  ])('stems $input', ({ input, expected }) => {
    expect(stemArabic(input)).toBe(expected)
  })

  it('keys Latin words inside Arabic text like English words', () => {
    expect(lexicalKey('companies', 'ar')).toBe(lexicalKey('company', 'en'))
  })
})

describe('buildAnchors', () => {
  const anchorsOf = (source: string[], target: string[]) => buildAnchors(readSide(source, 'ar'), readSide(target, 'en'), 'ar', 'en', [], model.anchors)

  it('links numbers across digit scripts and Latin tokens inside Arabic, found once on each side', () => {
    const anchors = anchorsOf(['زار ٣٠ وفدا من Nvidia.', 'لا شيء هنا.'], ['Nothing here.', '30 delegations from Nvidia visited.'])
    expect(anchors.points).toEqual(expect.arrayContaining([[0, 1]]))
    expect(anchors.source[0]!.length).toBe(2) // 30 and nvidia; a full stop is not an anchor
  })

  it('ignores tokens that only one document has', () => {
    const anchors = anchorsOf(['رقم 7 هنا.'], ['No number here.'])
    expect(anchors.size).toBe(0)
  })

  it('weights a key found in many sentences less than a key found once', () => {
    const anchors = anchorsOf(['في 2015.', 'في 2015.', 'في 2015.', 'عام 1999.'], ['In 2015.', 'In 2015.', 'In 2015.', 'Year 1999.'])
    const weightOf = (sentence: number) => Math.max(...[...anchors.source[sentence]!].map((key) => anchors.weight[key]!))
    expect(weightOf(3)).toBeGreaterThan(weightOf(0))
  })
})

describe('name keys across scripts', () => {
  it.each([
    ['شنايدر', 'Schneider'],
    ['كاربانيدو', 'Carpanedo'],
    ['هاليفاكس', 'Halifax'],
    ['لكارتر', 'Carter'],
    ['جورج', 'George'],
    ['طاجيكستان', 'Tajikistan'],
    ['سمرقند', 'Samarkand'],
    ['وأفغانستان', 'Afghanistan'],
    // The eighth issue #12 round: a possessive, chr, ch written تش, th written ث, and g written ج.
    ['مارتن', "Martin's"],
    ['كريستين', 'Christine'],
    ['تشارلز', 'Charles'],
    ['ماساتشوستس', 'Massachusetts'],
    ['سميث', 'Smith'],
    ['برمنجهام', 'Birmingham'],
  ])('gives %s and %s the same consonant skeleton', (arabicName, latinName) => {
    expect(arabicNameKeys(arabicName)).toContain(latinNameKey(latinName))
  })

  it('gives different names different skeletons', () => {
    expect(arabicNameKeys('سمرقند')).not.toContain(latinNameKey('Tajikistan'))
  })

  it('leaves out skeletons too short to be evidence', () => {
    expect(arabicNameKeys('في')).toEqual([])
    expect(latinNameKey('Ali')).toBeUndefined()
  })
})
