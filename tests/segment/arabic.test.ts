/**
 * Arabic segmentation table. Each case notes what it tests; together they cover every point of the issue:
 * terminators (. ! ? ؟ ۔ …), no break at ، ؛ :, abbreviations (د. أ. أ.د. م. ص.ب. هـ. ق.م. ...), era markers that
 * may end a sentence, numbers in any digit script, quotes and brackets, a space before the mark, a missing space
 * after it, tatweel, diacritics and bidi controls, Latin text inside Arabic, paragraphs, line breaks and lists.
 * All texts are written for this test. Each case is written once, with its expected sentences marked in place by
 * ⟦ ⟧ (see {@link marked}), so an expectation cannot drift from its input.
 */
import { describe, expect, it } from 'vitest'
import { segmentSentences } from '../../src/index.js'

interface Case {
  input: string
  expected: string[]
  note: string
}

const RLM = '\u200F'
const LRM = '\u200E'

/**
 * A case from its text with each sentence the segmenter must return enclosed in ⟦ ⟧: the input is the text
 * without the marks, the expected sentences are the marked spans in order (none marked: no sentence expected).
 */
function marked(note: string, text: string): Case {
  const expected = [...text.matchAll(/⟦([^⟦⟧]*)⟧/gu)].map((match) => match[1]!)
  return { note, input: text.replace(/[⟦⟧]/gu, ''), expected }
}

const cases: Case[] = [
  // terminators
  marked('period', '⟦ذهب الولد إلى المدرسة.⟧ ⟦عاد في المساء.⟧'),
  marked('exclamation mark', '⟦يا له من يوم جميل!⟧ ⟦خرجنا إلى الحديقة.⟧'),
  marked('Arabic question mark ؟', '⟦هل أنهيت الواجب؟⟧ ⟦نعم أنهيته.⟧'),
  marked('ASCII question mark in Arabic', '⟦هل أنت بخير?⟧ ⟦أنا بخير.⟧'),
  marked('Urdu full stop ۔', '⟦وصل الوفد۔⟧ ⟦بدأت المحادثات۔⟧'),
  marked('ellipsis character … ending a sentence', '⟦انتظرنا طويلا…⟧ ⟦ثم وصل القطار.⟧'),
  marked('three dots ending a sentence', '⟦انتظرنا طويلا...⟧ ⟦ثم وصل القطار.⟧'),
  marked('ellipsis inside a quotation followed by a comma is no end', '⟦«لا أعرف…»، قالها وغادر.⟧'),
  marked('doubled marks ؟! stay together', '⟦ماذا؟!⟧ ⟦لا أصدق.⟧'),
  marked('doubled exclamation marks', '⟦رائع!!⟧ ⟦شكرا لكم.⟧'),
  // never inside ، ؛ :
  marked('Arabic comma never breaks', '⟦قال الوزير، في مؤتمر صحفي، إن الاتفاق تم.⟧'),
  marked('Arabic semicolon never breaks', '⟦ارتفعت الأسعار؛ لذلك تراجع الطلب.⟧'),
  marked('colon never breaks', '⟦وأضاف: سنواصل العمل معا.⟧'),
  // abbreviations
  marked('د. (doctor)', '⟦التقى د. أحمد زويل بالطلاب.⟧ ⟦ثم غادر.⟧'),
  marked('أ. (professor)', '⟦ألقى أ. محمد المحاضرة الأولى.⟧'),
  marked('أ.د. (professor doctor)', '⟦أشرف أ.د. سامي علي على الرسالة.⟧'),
  marked('م. (engineer) before a name', '⟦صمم م. خالد المبنى الجديد.⟧'),
  marked('ص.ب. (P.O. box)', '⟦راسلونا على ص.ب. 1234 الرياض.⟧'),
  marked('ج.م.ع. (A.R.E.)', '⟦تقع ج.م.ع. في شمال أفريقيا.⟧'),
  marked('هـ. and م. inside a date', '⟦ولد ابن خلدون سنة 732 هـ. الموافق 1332 م. في تونس.⟧'),
  marked('هـ. ending a sentence', '⟦توفي ابن سينا سنة 428 هـ.⟧ ⟦وكان طبيبا وفيلسوفا.⟧'),
  marked('ق.م. ending a sentence', '⟦بنيت الأهرامات نحو 2560 ق.م.⟧ ⟦يزورها اليوم ملايين السياح.⟧'),
  marked('ق.م. inside a sentence (a preposition follows)', '⟦سقطت المدينة سنة 539 ق.م. على يد الفرس.⟧'),
  marked('م. after a year ending a sentence', '⟦تأسست الجامعة عام 1908 م.⟧ ⟦وهي من أقدم الجامعات.⟧'),
  marked('إلخ. ends a sentence', '⟦اشترينا الخبز والحليب إلخ.⟧ ⟦ثم عدنا.⟧'),
  // numbers
  marked('ASCII decimal 3.5', '⟦بلغ معدل النمو 3.5 في المئة هذا العام.⟧'),
  marked('Arabic-Indic decimal ١٢.٧٥', '⟦سجلت الحرارة ١٢.٧٥ درجة أمس.⟧ ⟦ثم انخفضت.⟧'),
  marked('Persian digits ۱۲.۵', '⟦بلغ السعر ۱۲.۵ دولار.⟧'),
  marked('a number ends a sentence', '⟦بلغ عدد السكان 100 مليون نسمة عام 2020.⟧ ⟦وارتفع بعد ذلك.⟧'),
  marked('Arabic-Indic number ends a sentence', '⟦عقدت القمة عام ٢٠٢٢.⟧ ⟦وحضرها قادة كثيرون.⟧'),
  // quotes and brackets
  marked('guillemets « » stay with their sentence', '⟦قال الرئيس: «لن نتراجع.»⟧ ⟦ثم غادر القاعة.⟧'),
  marked('straight quotes stay with their sentence', '⟦وصف الخبراء الاتفاق بأنه "تاريخي."⟧ ⟦وأشادوا بنتائجه.⟧'),
  marked('curly quotes stay with their sentence', '⟦قال: “انتهى الأمر.”⟧ ⟦وغادر.⟧'),
  marked('closing bracket stays with its sentence', '⟦(هذا رأيي الشخصي.)⟧ ⟦لكنني أحترم رأيك.⟧'),
  marked('period after a closing bracket', '⟦وقعت الحادثة أمس (الاثنين).⟧ ⟦وفتحت الشرطة تحقيقا.⟧'),
  // spacing around the mark
  marked('a space before ؟', '⟦هل تعرفه ؟⟧ ⟦نعم أعرفه .⟧'),
  marked('a space before !', '⟦يا للروعة !⟧ ⟦لقد نجحنا .⟧'),
  marked('a missing space after the period', '⟦انتهى الدرس.⟧⟦بدأت الاستراحة.⟧'),
  marked('a missing space after ؟', '⟦هل انتهيت؟⟧⟦نعم انتهيت.⟧'),
  // tatweel, diacritics, bidi controls
  marked('tatweel inside words', '⟦قال الرئيـــس: انتهـــى الاجتمـــاع.⟧ ⟦وبدأ المؤتمر.⟧'),
  marked('tatweel just before the period', '⟦كان يومـــا طويـــــلا.⟧ ⟦ثم نمنا.⟧'),
  marked('full diacritics', '⟦ذَهَبَ الوَلَدُ إلى المَدْرَسَةِ.⟧ ⟦وَعادَ مَساءً.⟧'),
  marked('diacritic on an abbreviation letter', '⟦حاضر دُ. سامي أمس.⟧'),
  marked('RLM after the period stays outside both spans', `⟦انتهى الاجتماع.⟧${RLM} ⟦وبدأ المؤتمر.⟧`),
  marked('RLM between an abbreviation and a name', `⟦التقى د.${RLM} أحمد بالطلاب.⟧`),
  marked('LRM before the period', `⟦زار الوفد New York${LRM}.⟧ ⟦ثم عاد.⟧`),
  marked('RLE and PDF embeddings (U+202B, U+202C) around sentences', '\u202B⟦انتهى الاجتماع.⟧\u202C \u202B⟦بدأ المؤتمر.⟧\u202C'),
  marked('LRO override (U+202D) and RLO (U+202E)', '\u202D⟦نص أول.⟧\u202C \u202E⟦نص ثان.⟧\u202C'),
  marked('LRE (U+202A) around Latin text', '⟦استخدم \u202AWindows 11\u202C.⟧ ⟦ثم أعاد التشغيل.⟧'),
  marked('isolates (U+2066..U+2069) inside a sentence', '⟦استخدم البرنامج \u2066Windows 10\u2069.⟧ ⟦ثم \u2067أعاد\u2069 التشغيل \u2068مرتين\u2069.⟧'),
  // Latin text inside Arabic
  marked('Latin abbreviation Inc. inside Arabic', '⟦تعمل شركة Apple Inc. في كاليفورنيا.⟧'),
  marked('Latin title Mr. inside Arabic', '⟦قال Mr. Smith إن الاتفاق مهم.⟧'),
  marked('dotted Latin acronym inside Arabic', '⟦زار الوفد U.S.A. الأسبوع الماضي.⟧'),
  marked('web address before the period', '⟦زوروا موقعنا www.example.com.⟧ ⟦وسنرد عليكم.⟧'),
  marked('e-mail address before the period', '⟦راسلونا على info@example.org.⟧ ⟦شكرا لكم.⟧'),
  marked('an English sentence inside Arabic', '⟦قال المدير: The meeting is over.⟧ ⟦ثم غادر.⟧'),
  // paragraphs, line breaks, lists
  marked('a blank line ends a paragraph without punctuation', '⟦الفقرة الأولى بلا نقطة⟧\n\n⟦الفقرة الثانية⟧'),
  marked('a heading on its own line', '⟦قمة سمرقند⟧\n⟦أكد الرئيس الصيني أن التعاون مهم.⟧'),
  marked('a hard-wrapped line is a space', '⟦أكد الرئيس الصيني شي جين بينغ أن بلاده ستواصل تقديم الدعم\nلطاجيكستان في حماية استقلالها الوطني وسيادتها.⟧'),
  marked('bulleted list lines', '⟦أهداف القمة:⟧\n⟦- تعزيز التعاون⟧\n⟦- مكافحة الإرهاب⟧'),
  marked('inline list with Arabic-Indic numbers', '⟦١. تعزيز التعاون⟧ ⟦٢. مكافحة الإرهاب⟧'),
  marked('inline list with Arabic letters', '⟦أ. الاقتصاد⟧ ⟦ب. السياسة⟧ ⟦ج. الثقافة⟧'),
  marked('parenthesised abjad list including هـ', '⟦أوصى المجلس بما يلي:⟧ ⟦(أ) خفض التكاليف؛⟧ ⟦(ب) مراجعة العقود؛⟧ ⟦(ج) تعزيز الرقابة؛⟧ ⟦(د) تحسين الأداء؛⟧ ⟦(هـ) نشر النتائج.⟧'),
  marked('white space and bidi marks only', `  \n${RLM}\t\u202C `),
]

describe('segmentSentences (Arabic)', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
  })

  it.each(cases.map((c) => ({ ...c, title: `${c.note}: ${JSON.stringify(c.input.length > 50 ? `${c.input.slice(0, 47)}...` : c.input)}` })))('$title', ({ input, expected }) => {
    const sentences = segmentSentences(input, 'ar')
    expect(sentences.map((s) => s.text)).toEqual(expected)
    for (const sentence of sentences) expect(input.slice(sentence.start, sentence.end)).toBe(sentence.text)
  })

  it('uses the Arabic rules for regional tags such as ar-EG', () => {
    const input = 'التقى د. أحمد بالطلاب. ثم غادر.'
    expect(segmentSentences(input, 'ar-EG')).toEqual(segmentSentences(input, 'ar'))
    expect(segmentSentences(input, 'ar_SA')).toEqual(segmentSentences(input, 'ar'))
  })

  it('returns [] for empty text', () => {
    expect(segmentSentences('', 'ar')).toEqual([])
  })
})
