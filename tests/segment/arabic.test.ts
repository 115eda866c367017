/**
 * Arabic segmentation table. Each case notes what it tests; together they cover every point of the issue:
 * terminators (. ! ? ؟ ۔ …), no break at ، ؛ :, abbreviations (د. أ. أ.د. م. ص.ب. هـ. ق.م. ...), era markers that
 * may end a sentence, numbers in any digit script, quotes and brackets, a space before the mark, a missing space
 * after it, tatweel, diacritics and bidi controls, Latin text inside Arabic, paragraphs, line breaks and lists.
 * All texts are written for this test.
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

const cases: Case[] = [
  // terminators
  { note: 'period', input: 'ذهب الولد إلى المدرسة. عاد في المساء.', expected: ['ذهب الولد إلى المدرسة.', 'عاد في المساء.'] },
  { note: 'exclamation mark', input: 'يا له من يوم جميل! خرجنا إلى الحديقة.', expected: ['يا له من يوم جميل!', 'خرجنا إلى الحديقة.'] },
  { note: 'Arabic question mark ؟', input: 'هل أنهيت الواجب؟ نعم أنهيته.', expected: ['هل أنهيت الواجب؟', 'نعم أنهيته.'] },
  { note: 'ASCII question mark in Arabic', input: 'هل أنت بخير? أنا بخير.', expected: ['هل أنت بخير?', 'أنا بخير.'] },
  { note: 'Urdu full stop ۔', input: 'وصل الوفد۔ بدأت المحادثات۔', expected: ['وصل الوفد۔', 'بدأت المحادثات۔'] },
  { note: 'ellipsis character … ending a sentence', input: 'انتظرنا طويلا… ثم وصل القطار.', expected: ['انتظرنا طويلا…', 'ثم وصل القطار.'] },
  { note: 'three dots ending a sentence', input: 'انتظرنا طويلا... ثم وصل القطار.', expected: ['انتظرنا طويلا...', 'ثم وصل القطار.'] },
  { note: 'ellipsis inside a quotation followed by a comma is no end', input: '«لا أعرف…»، قالها وغادر.', expected: ['«لا أعرف…»، قالها وغادر.'] },
  { note: 'doubled marks ؟! stay together', input: 'ماذا؟! لا أصدق.', expected: ['ماذا؟!', 'لا أصدق.'] },
  { note: 'doubled exclamation marks', input: 'رائع!! شكرا لكم.', expected: ['رائع!!', 'شكرا لكم.'] },
  // never inside ، ؛ :
  { note: 'Arabic comma never breaks', input: 'قال الوزير، في مؤتمر صحفي، إن الاتفاق تم.', expected: ['قال الوزير، في مؤتمر صحفي، إن الاتفاق تم.'] },
  { note: 'Arabic semicolon never breaks', input: 'ارتفعت الأسعار؛ لذلك تراجع الطلب.', expected: ['ارتفعت الأسعار؛ لذلك تراجع الطلب.'] },
  { note: 'colon never breaks', input: 'وأضاف: سنواصل العمل معا.', expected: ['وأضاف: سنواصل العمل معا.'] },
  // abbreviations
  { note: 'د. (doctor)', input: 'التقى د. أحمد زويل بالطلاب. ثم غادر.', expected: ['التقى د. أحمد زويل بالطلاب.', 'ثم غادر.'] },
  { note: 'أ. (professor)', input: 'ألقى أ. محمد المحاضرة الأولى.', expected: ['ألقى أ. محمد المحاضرة الأولى.'] },
  { note: 'أ.د. (professor doctor)', input: 'أشرف أ.د. سامي علي على الرسالة.', expected: ['أشرف أ.د. سامي علي على الرسالة.'] },
  { note: 'م. (engineer) before a name', input: 'صمم م. خالد المبنى الجديد.', expected: ['صمم م. خالد المبنى الجديد.'] },
  { note: 'ص.ب. (P.O. box)', input: 'راسلونا على ص.ب. 1234 الرياض.', expected: ['راسلونا على ص.ب. 1234 الرياض.'] },
  { note: 'ج.م.ع. (A.R.E.)', input: 'تقع ج.م.ع. في شمال أفريقيا.', expected: ['تقع ج.م.ع. في شمال أفريقيا.'] },
  { note: 'هـ. and م. inside a date', input: 'ولد ابن خلدون سنة 732 هـ. الموافق 1332 م. في تونس.', expected: ['ولد ابن خلدون سنة 732 هـ. الموافق 1332 م. في تونس.'] },
  { note: 'هـ. ending a sentence', input: 'توفي ابن سينا سنة 428 هـ. وكان طبيبا وفيلسوفا.', expected: ['توفي ابن سينا سنة 428 هـ.', 'وكان طبيبا وفيلسوفا.'] },
  { note: 'ق.م. ending a sentence', input: 'بنيت الأهرامات نحو 2560 ق.م. يزورها اليوم ملايين السياح.', expected: ['بنيت الأهرامات نحو 2560 ق.م.', 'يزورها اليوم ملايين السياح.'] },
  { note: 'ق.م. inside a sentence (a preposition follows)', input: 'سقطت المدينة سنة 539 ق.م. على يد الفرس.', expected: ['سقطت المدينة سنة 539 ق.م. على يد الفرس.'] },
  { note: 'م. after a year ending a sentence', input: 'تأسست الجامعة عام 1908 م. وهي من أقدم الجامعات.', expected: ['تأسست الجامعة عام 1908 م.', 'وهي من أقدم الجامعات.'] },
  { note: 'إلخ. ends a sentence', input: 'اشترينا الخبز والحليب إلخ. ثم عدنا.', expected: ['اشترينا الخبز والحليب إلخ.', 'ثم عدنا.'] },
  // numbers
  { note: 'ASCII decimal 3.5', input: 'بلغ معدل النمو 3.5 في المئة هذا العام.', expected: ['بلغ معدل النمو 3.5 في المئة هذا العام.'] },
  { note: 'Arabic-Indic decimal ١٢.٧٥', input: 'سجلت الحرارة ١٢.٧٥ درجة أمس. ثم انخفضت.', expected: ['سجلت الحرارة ١٢.٧٥ درجة أمس.', 'ثم انخفضت.'] },
  { note: 'Persian digits ۱۲.۵', input: 'بلغ السعر ۱۲.۵ دولار.', expected: ['بلغ السعر ۱۲.۵ دولار.'] },
  { note: 'a number ends a sentence', input: 'بلغ عدد السكان 100 مليون نسمة عام 2020. وارتفع بعد ذلك.', expected: ['بلغ عدد السكان 100 مليون نسمة عام 2020.', 'وارتفع بعد ذلك.'] },
  { note: 'Arabic-Indic number ends a sentence', input: 'عقدت القمة عام ٢٠٢٢. وحضرها قادة كثيرون.', expected: ['عقدت القمة عام ٢٠٢٢.', 'وحضرها قادة كثيرون.'] },
  // quotes and brackets
  { note: 'guillemets « » stay with their sentence', input: 'قال الرئيس: «لن نتراجع.» ثم غادر القاعة.', expected: ['قال الرئيس: «لن نتراجع.»', 'ثم غادر القاعة.'] },
  { note: 'straight quotes stay with their sentence', input: 'وصف الخبراء الاتفاق بأنه "تاريخي." وأشادوا بنتائجه.', expected: ['وصف الخبراء الاتفاق بأنه "تاريخي."', 'وأشادوا بنتائجه.'] },
  { note: 'curly quotes stay with their sentence', input: 'قال: “انتهى الأمر.” وغادر.', expected: ['قال: “انتهى الأمر.”', 'وغادر.'] },
  { note: 'closing bracket stays with its sentence', input: '(هذا رأيي الشخصي.) لكنني أحترم رأيك.', expected: ['(هذا رأيي الشخصي.)', 'لكنني أحترم رأيك.'] },
  { note: 'period after a closing bracket', input: 'وقعت الحادثة أمس (الاثنين). وفتحت الشرطة تحقيقا.', expected: ['وقعت الحادثة أمس (الاثنين).', 'وفتحت الشرطة تحقيقا.'] },
  // spacing around the mark
  { note: 'a space before ؟', input: 'هل تعرفه ؟ نعم أعرفه .', expected: ['هل تعرفه ؟', 'نعم أعرفه .'] },
  { note: 'a space before !', input: 'يا للروعة ! لقد نجحنا .', expected: ['يا للروعة !', 'لقد نجحنا .'] },
  { note: 'a missing space after the period', input: 'انتهى الدرس.بدأت الاستراحة.', expected: ['انتهى الدرس.', 'بدأت الاستراحة.'] },
  { note: 'a missing space after ؟', input: 'هل انتهيت؟نعم انتهيت.', expected: ['هل انتهيت؟', 'نعم انتهيت.'] },
  // tatweel, diacritics, bidi controls
  { note: 'tatweel inside words', input: 'قال الرئيـــس: انتهـــى الاجتمـــاع. وبدأ المؤتمر.', expected: ['قال الرئيـــس: انتهـــى الاجتمـــاع.', 'وبدأ المؤتمر.'] },
  { note: 'tatweel just before the period', input: 'كان يومـــا طويـــــلا. ثم نمنا.', expected: ['كان يومـــا طويـــــلا.', 'ثم نمنا.'] },
  { note: 'full diacritics', input: 'ذَهَبَ الوَلَدُ إلى المَدْرَسَةِ. وَعادَ مَساءً.', expected: ['ذَهَبَ الوَلَدُ إلى المَدْرَسَةِ.', 'وَعادَ مَساءً.'] },
  { note: 'diacritic on an abbreviation letter', input: 'حاضر دُ. سامي أمس.', expected: ['حاضر دُ. سامي أمس.'] },
  { note: 'RLM after the period stays outside both spans', input: `انتهى الاجتماع.${RLM} وبدأ المؤتمر.`, expected: ['انتهى الاجتماع.', 'وبدأ المؤتمر.'] },
  { note: 'RLM between an abbreviation and a name', input: `التقى د.${RLM} أحمد بالطلاب.`, expected: [`التقى د.${RLM} أحمد بالطلاب.`] },
  { note: 'LRM before the period', input: `زار الوفد New York${LRM}. ثم عاد.`, expected: [`زار الوفد New York${LRM}.`, 'ثم عاد.'] },
  { note: 'RLE and PDF embeddings (U+202B, U+202C) around sentences', input: '\u202Bانتهى الاجتماع.\u202C \u202Bبدأ المؤتمر.\u202C', expected: ['انتهى الاجتماع.', 'بدأ المؤتمر.'] },
  { note: 'LRO override (U+202D) and RLO (U+202E)', input: '\u202Dنص أول.\u202C \u202Eنص ثان.\u202C', expected: ['نص أول.', 'نص ثان.'] },
  { note: 'LRE (U+202A) around Latin text', input: 'استخدم \u202AWindows 11\u202C. ثم أعاد التشغيل.', expected: ['استخدم \u202AWindows 11\u202C.', 'ثم أعاد التشغيل.'] },
  { note: 'isolates (U+2066..U+2069) inside a sentence', input: 'استخدم البرنامج \u2066Windows 10\u2069. ثم \u2067أعاد\u2069 التشغيل \u2068مرتين\u2069.', expected: ['استخدم البرنامج \u2066Windows 10\u2069.', 'ثم \u2067أعاد\u2069 التشغيل \u2068مرتين\u2069.'] },
  // Latin text inside Arabic
  { note: 'Latin abbreviation Inc. inside Arabic', input: 'تعمل شركة Apple Inc. في كاليفورنيا.', expected: ['تعمل شركة Apple Inc. في كاليفورنيا.'] },
  { note: 'Latin title Mr. inside Arabic', input: 'قال Mr. Smith إن الاتفاق مهم.', expected: ['قال Mr. Smith إن الاتفاق مهم.'] },
  { note: 'dotted Latin acronym inside Arabic', input: 'زار الوفد U.S.A. الأسبوع الماضي.', expected: ['زار الوفد U.S.A. الأسبوع الماضي.'] },
  { note: 'web address before the period', input: 'زوروا موقعنا www.example.com. وسنرد عليكم.', expected: ['زوروا موقعنا www.example.com.', 'وسنرد عليكم.'] },
  { note: 'e-mail address before the period', input: 'راسلونا على info@example.org. شكرا لكم.', expected: ['راسلونا على info@example.org.', 'شكرا لكم.'] },
  { note: 'an English sentence inside Arabic', input: 'قال المدير: The meeting is over. ثم غادر.', expected: ['قال المدير: The meeting is over.', 'ثم غادر.'] },
  // paragraphs, line breaks, lists
  { note: 'a blank line ends a paragraph without punctuation', input: 'الفقرة الأولى بلا نقطة\n\nالفقرة الثانية', expected: ['الفقرة الأولى بلا نقطة', 'الفقرة الثانية'] },
  { note: 'a heading on its own line', input: 'قمة سمرقند\nأكد الرئيس الصيني أن التعاون مهم.', expected: ['قمة سمرقند', 'أكد الرئيس الصيني أن التعاون مهم.'] },
  {
    note: 'a hard-wrapped line is a space',
    input: 'أكد الرئيس الصيني شي جين بينغ أن بلاده ستواصل تقديم الدعم\nلطاجيكستان في حماية استقلالها الوطني وسيادتها.',
    expected: ['أكد الرئيس الصيني شي جين بينغ أن بلاده ستواصل تقديم الدعم\nلطاجيكستان في حماية استقلالها الوطني وسيادتها.'],
  },
  { note: 'bulleted list lines', input: 'أهداف القمة:\n- تعزيز التعاون\n- مكافحة الإرهاب', expected: ['أهداف القمة:', '- تعزيز التعاون', '- مكافحة الإرهاب'] },
  { note: 'inline list with Arabic-Indic numbers', input: '١. تعزيز التعاون ٢. مكافحة الإرهاب', expected: ['١. تعزيز التعاون', '٢. مكافحة الإرهاب'] },
  { note: 'inline list with Arabic letters', input: 'أ. الاقتصاد ب. السياسة ج. الثقافة', expected: ['أ. الاقتصاد', 'ب. السياسة', 'ج. الثقافة'] },
  { note: 'parenthesised abjad list including هـ', input: 'أوصى المجلس بما يلي: (أ) خفض التكاليف؛ (ب) مراجعة العقود؛ (ج) تعزيز الرقابة؛ (د) تحسين الأداء؛ (هـ) نشر النتائج.', expected: ['أوصى المجلس بما يلي:', '(أ) خفض التكاليف؛', '(ب) مراجعة العقود؛', '(ج) تعزيز الرقابة؛', '(د) تحسين الأداء؛', '(هـ) نشر النتائج.'] },
  { note: 'white space and bidi marks only', input: `  \n${RLM}\t\u202C `, expected: [] },
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
