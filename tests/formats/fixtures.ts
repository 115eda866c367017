/**
 * Hand-made units that exercise every field the unit model has: Arabic with diacritics, tatweel, Arabic-Indic
 * digits and punctuation, bidi marks, markup characters, emoji, every kind of inline code, multi-segment units,
 * states and finer states, notes, context, origin, alignment, metadata and dates.
 */
import type { TranslationUnit } from '../../src/types.js'

export const richUnits: TranslationUnit[] = [
  {
    id: 'u1',
    source: 'أكّد الرئيس «شي» أن العلاقات – بين البلدين – متينة؟ ٣٠ عاماً ‏(2022)‏',
    target: 'President Xi affirmed that relations "between the two countries" are solid? 30 years (2022)',
    state: 'translated',
    alignment: { score: 0.97, shape: '1-2' },
    context: { previous: 'قال الرئيس.', next: 'وأضاف.' },
    origin: { document: 'corpus/xi-rahmon-samarkand', sourceSentences: [1], targetSentences: [1, 2] },
    notes: [{ text: 'Check the name <Xi> & "Rahmon"', from: 'reviewer', priority: 2, appliesTo: 'target' }, { text: 'ملاحظة', category: 'terminology' }],
    metadata: { domain: 'news', 'client id': 'A&B <co>' },
    createdAt: '2026-11-29T00:00:00Z',
    changedAt: '2026-11-29T01:02:03Z',
  },
  { id: 'untranslated one', source: 'كتـــاب ]]> & <tag> \'quote\' 😀 e\u0301', target: '', state: 'initial' },
  {
    id: 'u3',
    source: 'Click Save to keep the file.',
    target: 'انقر حفظ للاحتفاظ بالملف.',
    sourceContent: ['Click ', { kind: 'open', id: '1', data: '<b>' }, 'Save', { kind: 'close', id: '1', data: '</b>' }, ' to keep ', { kind: 'standalone', id: '2', data: '<br/>' }, 'the ', { kind: 'markStart', id: 'm1' }, 'file', { kind: 'markEnd', id: 'm1' }, '.'],
    targetContent: ['انقر ', { kind: 'open', id: '1', data: '<b>' }, 'حفظ', { kind: 'close', id: '1', data: '</b>' }, ' للاحتفاظ ', { kind: 'standalone', id: '2', data: '<br/>' }, 'ب', { kind: 'markStart', id: 'm1' }, 'الملف', { kind: 'markEnd', id: 'm1' }, '.'],
    state: 'reviewed',
  },
  {
    id: 'u4',
    source: 'Bold starts here and ends there.',
    target: 'يبدأ الغامق هنا وينتهي هناك.',
    sourceContent: [{ kind: 'open', id: '7', isolated: true }, 'Bold starts here', { kind: 'standalone', id: '8' }, ' and ends there.', { kind: 'close', id: '9', isolated: true }],
    targetContent: [{ kind: 'open', id: '7', isolated: true }, 'يبدأ الغامق هنا', { kind: 'standalone', id: '8' }, ' وينتهي هناك.', { kind: 'close', id: '9', isolated: true }],
    state: 'final',
    subState: 'x-client-approved',
  },
  {
    id: 'u5',
    source: 'First sentence. Second one!',
    target: 'الجملة الأولى. والثانية!',
    state: 'translated',
    subState: 'needs-review-translation',
    segments: [
      { id: 's1', source: 'First sentence.', target: 'الجملة الأولى.' },
      { source: ' ', target: ' ', ignorable: true },
      { id: 's2', source: 'Second one!', target: 'والثانية!', state: 'reviewed' },
    ],
  },
]
