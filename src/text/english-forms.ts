/**
 * English word forms for concordance (issue #14): a translator who searches "desalinate" expects "desalinated",
 * "desalinating" and "desalination". A word's forms are the words built from it (or from its stem) with the
 * common inflectional and derivational endings, kept when the Porter stemmer (Porter 1980, "An algorithm for
 * suffix stripping", Program 14(3); the `stemmer` package) gives them the same stem as the word.
 *
 * Why generate and filter rather than compare stems of every text word: generated forms are plain tokens that
 * the memory's index finds with one posting look-up each (no scan of the memory), and "is a form of" is the same
 * set-membership test in every backend. A form no ending builds (irregular plurals: crisis → crises, whose Porter
 * stems differ anyway) is not found; the word itself always is.
 *
 * @module
 * @internal
 */
import { stemmer } from 'stemmer'

/**
 * Endings tried on the word and on its stem: plural and verb inflections, then the derivations Porter's steps 2–4
 * undo (-ation, -ment, -al, -ive, -ize...). Both spellings -ize and -ise.
 */
const ENDINGS = [
  '', 's', 'es', 'ed', 'd', 'ing', 'er', 'ers', 'est', 'ly', 'e',
  'ion', 'ions', 'ation', 'ations', 'ate', 'ated', 'ates', 'ating', 'ator', 'ators', 'ative',
  'ment', 'ments', 'al', 'als', 'ally', 'ness', 'ity', 'ities', 'ive', 'ives', 'ively',
  'ize', 'izes', 'ized', 'izing', 'ization', 'izations', 'ise', 'ises', 'ised', 'ising', 'isation', 'isations',
  'able', 'ability', 'ible', 'ful', 'ic', 'ical', 'ism', 'ist', 'ists', 'ence', 'ences', 'ance', 'ances',
  'ent', 'ant', 'ants', 'ency', 'ancy', 'y', 'ies', 'ied', 'ous', 'ously', 'ship', 'ships',
] as const

const LATIN_WORD = /^[a-z][a-z'’]*$/

/**
 * Every form of an English word that shares its Porter stem (the word itself included), lower case.
 *
 * @param word - a lower-case word (a matching-key token)
 * @returns the distinct forms; just the word when it is not plain Latin letters
 * @example
 * ```ts
 * import { englishForms } from './english-forms.js'
 * const forms = englishForms('desalinate')
 * forms.has('desalination') // true
 * forms.has('desalinated')  // true
 * englishForms('water').has('waters') // true
 * ```
 * @internal
 */
export function englishForms(word: string): Set<string> {
  const forms = new Set<string>([word])
  if (word.length < 3 || !LATIN_WORD.test(word)) return forms
  const stem = stemmer(word)
  const bases = new Set<string>([word, stem])
  if (word.endsWith('e')) bases.add(word.slice(0, -1))
  if (stem.endsWith('i')) bases.add(`${stem.slice(0, -1)}y`)
  if (word.endsWith('y')) bases.add(word.slice(0, -1))
  const last = stem[stem.length - 1]!
  // A short stressed final syllable doubles its consonant: plan → planned, planning.
  if (/[bdfglmnprt]/.test(last) && !/[aeiou]{2}./.test(stem.slice(-3))) bases.add(stem + last)
  for (const base of bases) {
    for (const ending of ENDINGS) {
      const form = base + ending
      if (!forms.has(form) && stemmer(form) === stem) forms.add(form)
    }
  }
  return forms
}
