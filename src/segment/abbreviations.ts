/**
 * Abbreviation lists, as data. The rule sets in `english.ts` and `arabic.ts` turn each list into SRX
 * no-break (or conditional break) rules, so a user can read, extend or export them.
 *
 * The classes follow the usual split in rule-based segmenters (Mikheev 2002, "Periods, capitalized words,
 * etc."; Kiss & Strunk 2006, "Unsupervised multilingual sentence boundary detection"): titles that always
 * precede a name, abbreviations that usually precede a number, and ordinary abbreviations that may also
 * end a sentence.
 *
 * @module
 */

/**
 * English titles written before a name: a period after them never ends a sentence (`Mr. Smith`, `Mt. Fuji`).
 * Matched case-sensitively, without the final period.
 *
 * @example
 * ```ts
 * import { englishTitleAbbreviations } from './abbreviations.js'
 * englishTitleAbbreviations.includes('Mr') // true
 * ```
 * @internal
 */
export const englishTitleAbbreviations: readonly string[] = [
  'Mr', 'Mrs', 'Ms', 'Mx', 'Messrs', 'Mmes', 'Dr', 'Drs', 'Prof', 'Profs', 'Rev', 'Revd', 'Hon', 'Fr', 'Sra', 'Srta',
  'St', 'Ste', 'Mt', 'Mme', 'Mlle', 'Gen', 'Lt', 'Col', 'Maj', 'Capt', 'Cmdr', 'Cdr', 'Adm', 'Sgt', 'Cpl', 'Pvt', 'Brig',
  'Gov', 'Sen', 'Rep', 'Pres', 'Supt', 'Insp', 'Det', 'Amb', 'Atty', 'Ald', 'Hr', 'Fa', 'Pt', 'Ft',
]

/**
 * English abbreviations normally followed by a number or a reference (`p. 55`, `Fig. 3`, `No. 5`, `Jan. 12`,
 * `Rs. 500`): no break when the next token is not a word. The rules also accept each one capitalised and in
 * capitals (`Sec. 12`, `SEC. 12`), as headings and statutes write them.
 *
 * @example
 * ```ts
 * import { englishNumberAbbreviations } from './abbreviations.js'
 * englishNumberAbbreviations.includes('Fig') // true
 * ```
 * @internal
 */
export const englishNumberAbbreviations: readonly string[] = [
  'No', 'no', 'Nos', 'nos', 'Nr', 'nr', 'N°', 'n°', 'p', 'pp', 'para', 'paras', 'Fig', 'fig', 'Figs', 'figs', 'Eq', 'eq', 'Eqs',
  'Tab', 'Ref', 'Refs', 'ref', 'Vol', 'vol', 'Vols', 'Ch', 'ch', 'Chap', 'chap', 'Sec', 'sec', 'Sect', 'Sects', 'sects', 'Secs', 'secs', 'Art', 'art', 'Arts', 'arts', 'Para', 'Paras', 'Chs', 'chs', 'vols',
  'Ex', 'ex', 'Pl', 'Apt', 'apt', 'Bldg', 'Ave', 'Blvd', 'Rd', 'Rte', 'Ps', 'Ser', 'Op', 'op', 'cf', 'Cf', 'ca', 'c',
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec', 'approx', 'est', 'min', 'max', 'tel', 'Tel',
  'Rs', 'rs',
]

/**
 * English abbreviations that may end a sentence (`Jane and co.`, `Pitt, Briggs & Co.`): they end one only
 * when the next word is a typical sentence opener (see {@link englishSentenceStarters}).
 *
 * @example
 * ```ts
 * import { englishAbbreviations } from './abbreviations.js'
 * englishAbbreviations.includes('etc') // true
 * ```
 * @internal
 */
export const englishAbbreviations: readonly string[] = [
  'co', 'Co', 'Corp', 'corp', 'Inc', 'inc', 'Ltd', 'ltd', 'Bros', 'bros', 'Jr', 'jr', 'Sr', 'Esq', 'esq', 'PhD', 'Ph.D', 'etc',
  'et al', 'al', 'vs', 'viz', 'resp', 'dept', 'Dept', 'Univ', 'univ', 'Assn', 'Assoc', 'assoc', 'Intl', 'intl', 'Govt', 'govt',
  'ed', 'eds', 'Ed', 'Eds', 'trans', 'repr', 'rev', 'misc', 'incl', 'excl', 'cont', 'contd', 'dist', 'div', 'ibid', 'Ibid',
  'i.e', 'e.g', 'a.m', 'p.m', 'A.M', 'P.M', 'U.S', 'U.K', 'U.N', 'E.U', 'oz', 'lb', 'lbs', 'ft', 'yd', 'mi', 'hr', 'hrs',
  'sq', 'mo', 'mos', 'yr', 'yrs', 'wk', 'wks', 'Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thur', 'Thurs', 'Fri', 'Sat', 'Sun',
]

/**
 * Words that typically open an English sentence. After an abbreviation that may end a sentence
 * (`U.S.`, `co.`, `I.`), a break is made only when one of these follows: `I live in the U.S. How about you?`
 * breaks, `the U.S. Government` does not. (The orthographic heuristic of Mikheev 2002 and Kiss & Strunk 2006,
 * with a hand-written list instead of corpus statistics.)
 *
 * @example
 * ```ts
 * import { englishSentenceStarters } from './abbreviations.js'
 * englishSentenceStarters.includes('How') // true
 * ```
 * @internal
 */
export const englishSentenceStarters: readonly string[] = [
  'A', 'An', 'The', 'This', 'That', 'These', 'Those', 'There', 'Then', 'Thus', 'Hence', 'However', 'But', 'And', 'Or', 'So', 'Yet',
  'Also', 'It', 'Its', 'He', 'She', 'They', 'We', 'I', 'You', 'His', 'Her', 'Their', 'Our', 'My', 'Your', 'What', 'When', 'Where',
  'Why', 'How', 'Who', 'Which', 'Whom', 'Whose', 'If', 'In', 'On', 'At', 'As', 'For', 'From', 'To', 'By', 'With', 'After', 'Before',
  'Since', 'While', 'Although', 'Though', 'Because', 'Did', 'Do', 'Does', 'Is', 'Are', 'Was', 'Were', 'Has', 'Have', 'Had', 'Can',
  'Could', 'Will', 'Would', 'Should', 'Shall', 'May', 'Might', 'Must', 'Not', 'No', 'Yes', 'Please', 'Let', 'Many', 'Most', 'Some',
  'Each', 'Every', 'All', 'Both', 'One', 'Another', 'Such', 'Nevertheless', 'Moreover', 'Furthermore', 'Meanwhile', 'Still',
  'Now', 'Here', 'Today', 'Yesterday', 'Tomorrow', 'Once', 'Being', 'Millions', 'Thousands', 'Nothing', 'Everyone', 'Nobody',
]

/**
 * Names of months and days, full and abbreviated. After a lower-case time (`at 10 a.m. Monday`) such a word
 * goes on with the sentence, where another capitalised word starts a new one (`at 6 a.m. Travellers...`).
 *
 * @example
 * ```ts
 * import { englishCalendarWords } from './abbreviations.js'
 * englishCalendarWords.includes('Monday') // true
 * ```
 * @internal
 */
export const englishCalendarWords: readonly string[] = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  'Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thur', 'Thurs', 'Fri', 'Sat', 'Sun',
]

/**
 * Named entities written with a final `!` that does not end a sentence (`Yahoo! Research`).
 *
 * @example
 * ```ts
 * import { exclamationNames } from './abbreviations.js'
 * exclamationNames.includes('Yahoo') // true
 * ```
 * @internal
 */
export const exclamationNames: readonly string[] = ['Yahoo', 'Jeopardy', 'Joomla', 'Wham', 'Oklahoma']

/**
 * Arabic abbreviations written with a period, without the period. Single letters (`د.` doctor, `أ.` professor,
 * `م.` engineer, `ص.` page, `ج.` part) are covered by a general single-letter rule, so this list holds the
 * longer ones: `أ.د.` (professor doctor), `ص.ب.` (P.O. box), `ق.م.` (BC), `هـ.` (Hijri year), `مج.` (volume),
 * `ج.م.ع.` (Arab Republic of Egypt), `ش.م.م.` (company forms), `د.ت.` (no date) and so on.
 *
 * @example
 * ```ts
 * import { arabicAbbreviations } from './abbreviations.js'
 * arabicAbbreviations.includes('ص.ب') // true
 * ```
 * @internal
 */
export const arabicAbbreviations: readonly string[] = [
  'أ.د', 'ا.د', 'أ.م.د', 'م.د', 'ص.ب', 'ق.م', 'هـ', 'ه', 'مج', 'جـ', 'ج.م.ع', 'ش.م.م', 'ش.م.ع', 'ش.ذ.م.م', 'د.ت', 'د.ن', 'م.م',
  'تح', 'تر', 'ت.ض', 'ر.س', 'د.ك', 'د.إ', 'ج.م', 'ل.ل', 'ق.ه', 'ص.ص',
]

/**
 * Era markers written after a year: `هـ.` (Hijri), `م.` (Gregorian), `ق.م.` (BC). After a number they may
 * end a sentence (`توفي سنة 505 هـ. وكان...`), unless a date continues (`1445 هـ. الموافق 2023 م.`).
 *
 * @example
 * ```ts
 * import { arabicEraMarkers } from './abbreviations.js'
 * arabicEraMarkers.includes('هـ') // true
 * ```
 * @internal
 */
export const arabicEraMarkers: readonly string[] = ['هـ', 'ه', 'م', 'ق.م', 'ق. م']

/**
 * Words that continue a sentence after an era marker, so no break is made before them: `الموافق`
 * (corresponding to), and the prepositions and conjunctions that cannot open a sentence after a date
 * (`في` in, `من` from, `إلى` to, `على` on, `حتى` until, `بعد` after...): `ولد سنة 1931 م. في القاهرة`.
 * A number (`505 هـ. / 1111 م.`) also continues the date.
 *
 * @example
 * ```ts
 * import { arabicDateContinuations } from './abbreviations.js'
 * arabicDateContinuations.includes('الموافق') // true
 * ```
 * @internal
 */
export const arabicDateContinuations: readonly string[] = [
  'الموافق', 'الموافقة', 'الموافقين', 'أي', 'في', 'من', 'إلى', 'الى', 'على', 'عن', 'حتى', 'وحتى', 'وإلى', 'بعد', 'قبل', 'منذ', 'خلال',
  'عندما', 'حين', 'حيث', 'تقريبا', 'تقريبًا', 'تقريباً', 'ونحو',
]
