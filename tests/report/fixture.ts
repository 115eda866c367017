/**
 * A small hand-written alignment in the shape alignDocuments returns: Arabic with diacritics, Arabic-Indic
 * digits and Arabic punctuation beside English, with 1-1, 1-2, 2-1 and 1-0 beads, two of them doubtful.
 */
import type { ReviewPageInput } from '../../src/report/review-page.js'

export const sample: ReviewPageInput = {
  sourceLang: 'ar',
  targetLang: 'en',
  sourceSentences: [
    { text: 'أكّد الرئيس أنّ العلاقات قويّة.' },
    { text: 'وقال إن البلدين وقّعا ٣ اتفاقيات، وإن التعاون سيتّسع؛ فهل يتحقّق ذلك؟' },
    { text: 'واختُتمت القمة.' },
    { text: 'وغادر الوفد.' },
    { text: 'جملة لا مقابل لها <b>&</b>.' },
  ],
  targetSentences: [
    { text: 'The president affirmed that relations are strong.' },
    { text: 'He said the two countries signed 3 agreements.' },
    { text: 'Cooperation will widen; will that happen?' },
    { text: 'The summit closed and the delegation left.' },
  ],
  beads: [
    { source: [0], target: [0], score: 0.97 },
    { source: [1], target: [1, 2], score: 0.81 },
    { source: [2, 3], target: [3], score: 0.42 },
    { source: [4], target: [], score: 0.12 },
  ],
}
