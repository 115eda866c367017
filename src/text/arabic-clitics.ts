/**
 * Arabic clitic forms of a word: every spelling a word takes when the conjunctions و ف, the prepositions ب ك ل,
 * the article ال and the pronoun enclitics attach to it, as concordance needs them (issue #14: a translator who
 * searches مياه expects المياه, والمياه, بالمياه, للمياه and مياهها too).
 *
 * Why generate forms rather than strip them: stripping is ambiguous (ولد "boy" is not و+لد; بحر "sea" is not
 * ب+حر), so a stripper that maps both a query and a text word to a shared stem finds false friends on both
 * sides. Generating only adds clitics to the word the translator typed, so a text word matches when it *is* that
 * word with clitics attached, and every form is a plain token: the memory's index finds each with one posting
 * look-up, and "is a form of" is the same test in every backend (set membership). What it cannot tell apart is a
 * word that happens to equal a clitic form (وجهة "destination" and و+جهة "and a side"); the measured figures are
 * in docs/matching.md.
 *
 * The rules follow standard Arabic orthography (Ryding 2005, *A Reference Grammar of Modern Standard Arabic*,
 * ch. 5, 7, 12; Habash 2010, ch. 4 on clitics):
 * - proclitics stack as conjunction (و ف) + preposition (ب ك ل) + article (ال);
 * - ل + ال is written لل (للمياه), and ل + ال before a word that begins with ل is written لل too (للغة);
 * - the article takes no pronoun enclitic; a word with its own article takes the others only;
 * - before an enclitic, ta marbuta ة is written ت (مدرستها) and final alef maqsura ى is written ا (مستواها);
 * - the indefinite accusative adds an alef (بيتًا, written بيتا once the tanwin mark is dropped) to words that
 *   do not end in ة, ا, ى or اء.
 *
 * Words are matching-key forms (see `normalizeForMatching`): no diacritics or tatweel, أ إ آ → ا, ى → ي.
 *
 * @module
 * @internal
 */

/** Conjunctions and prepositions before a word without the article (or a word that carries its own). */
const PARTICLES = ['', 'و', 'ف', 'ب', 'ك', 'ل', 'وب', 'فب', 'وك', 'فك', 'ول', 'فل', 'وس', 'فس'] as const

/** Prefixes that may stand before the article ال (ل is handled apart: it contracts to لل). */
const BEFORE_ARTICLE = ['', 'و', 'ف', 'ب', 'ك', 'وب', 'فب', 'وك', 'فك'] as const

/** ل with what may stand before it, for the contracted article لل. */
const LAM_PREFIXES = ['ل', 'ول', 'فل'] as const

/**
 * Pronoun enclitics (possessive on nouns, object on verbs): his, her, their (m., f., dual), your (pl. m., f.,
 * dual, sg.), our. Not `ي` (my): it is also the nisba ending that makes an adjective of a noun (صين → صيني
 * "Chinese", دول → دولي "international"), and on our list (bench/word-forms.ts) leaving it out scores better:
 * precision 0.944 → 0.976 for recall 0.994 → 0.976 (F1 0.968 → 0.976); formal text says "my" rarely.
 */
const ENCLITICS = ['ه', 'ها', 'هم', 'هن', 'هما', 'كم', 'كن', 'كما', 'ك', 'نا'] as const

/** The Arabic letters of a key form (after normalisation). */
const ARABIC_WORD = /^[\u0621-\u064a\u066e-\u06d3]+$/u

const ARTICLE = 'ال'
const LAM = 'ل'
const TA_MARBUTA = 'ة'
const TA = 'ت'
const YA = 'ي'
const ALEF = 'ا'

/** Options of {@link arabicCliticForms}, for measuring variants. @internal */
export interface ArabicCliticOptions {
  /** Pronoun enclitics to attach. @defaultValue the list above */
  enclitics?: readonly string[]
  /** Add the accusative alef (بيتا). @defaultValue true */
  accusativeAlef?: boolean
  /** Add the future prefix س after و ف (وسيعمل). @defaultValue true */
  future?: boolean
}

/**
 * Every clitic form of an Arabic word (the word itself included), as matching-key strings. A word that is not
 * Arabic letters only, or shorter than two letters, has just itself.
 *
 * @param word - a word in matching-key form, e.g. `'مياه'` or `'المياه'`
 * @param options - variants for measurement; the default is what concordance uses
 * @returns the distinct forms
 * @example
 * ```ts
 * import { arabicCliticForms } from './arabic-clitics.js'
 * const forms = arabicCliticForms('مياه')
 * forms.has('والمياه') // true
 * forms.has('مياهها')  // true
 * arabicCliticForms('بحر').has('حر') // false: forms only add clitics
 * ```
 * @internal
 */
export function arabicCliticForms(word: string, options: ArabicCliticOptions = {}): Set<string> {
  const forms = new Set<string>([word])
  if (word.length < 2 || !ARABIC_WORD.test(word)) return forms
  const enclitics = options.enclitics ?? ENCLITICS
  const hasArticle = word.startsWith(ARTICLE) && word.length >= 4
  // The word as an enclitic attaches to it: ة → ت, final ى (ي in keys) → ا, e.g. مستوي → مستواها.
  let host = word
  if (word.endsWith(TA_MARBUTA)) host = word.slice(0, -1) + TA
  const hosts = [host]
  if (word.endsWith(YA) && word.length >= 4) hosts.push(word.slice(0, -1) + ALEF)
  const bare = new Set<string>([word])
  if (!hasArticle) {
    for (const stem of hosts) for (const enclitic of enclitics) bare.add(stem + enclitic)
    const last = word[word.length - 1]!
    if (options.accusativeAlef !== false && last !== TA_MARBUTA && last !== ALEF && last !== YA && !word.endsWith('اء')) bare.add(word + ALEF)
  }
  for (const form of bare) {
    for (const particle of PARTICLES) {
      if (particle.endsWith('س') && options.future === false) continue
      // ل before the article contracts (below), so a word with its own article takes ل only that way.
      if (hasArticle && particle.endsWith(LAM)) continue
      forms.add(particle + form)
    }
  }
  if (hasArticle) {
    // A word with its own article: ل + ال contracts (المياه → للمياه; اللغة → للغة).
    const rest = word.slice(ARTICLE.length)
    for (const prefix of LAM_PREFIXES) forms.add(prefix + (rest.startsWith(LAM) ? rest : LAM + rest))
  } else {
    for (const prefix of BEFORE_ARTICLE) forms.add(prefix + ARTICLE + word)
    for (const prefix of LAM_PREFIXES) forms.add(prefix + (word.startsWith(LAM) ? word : LAM + word))
  }
  return forms
}
