/**
 * What a concordance query word matches (issue #14): in `'forms'` mode (the default) an Arabic word matches its
 * clitic forms (src/text/arabic-clitics.ts) and an English word its inflections and derivations that share its
 * Porter stem (src/text/english-forms.ts); a word ending in `*` matches every word that begins with it; in
 * `'exact'` mode a word matches only itself. Words are matching-key tokens, so diacritics, alef forms and case
 * never matter.
 *
 * Each query word becomes a set of tokens (its forms) or a prefix, so "does this text word match" is one set or
 * prefix test, the same in every backend, and the memory's index can find the units holding any of the forms.
 *
 * @module
 * @internal
 */
import { arabicCliticForms } from '../text/arabic-clitics.js'
import { englishForms } from '../text/english-forms.js'
import { isWordToken } from './tokenize.js'

/**
 * How concordance matches words: `'exact'`, a word matches only itself (after normalisation); `'forms'`, also
 * its Arabic clitic forms and English inflections.
 *
 * @example
 * ```ts
 * import { TranslationMemory, type ConcordanceMatchMode } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * const match: ConcordanceMatchMode = 'exact'
 * await tm.concordance('مياه', { match })
 * ```
 * @group Memory
 */
export type ConcordanceMatchMode = 'exact' | 'forms'

/** One word of a concordance query: the tokens it matches, or the prefix every match starts with. @internal */
export interface QueryWord {
  /** The word as typed (a key token). */
  word: string
  /** Tokens it matches (the word itself among them), or `undefined` for a prefix word. */
  forms: ReadonlySet<string> | undefined
  /** For `desalinat*`: the prefix. */
  prefix: string | undefined
}

/** Whether a key token is a form of a query word. @internal */
export function matchesWord(word: QueryWord, token: string): boolean {
  return word.prefix !== undefined ? token.startsWith(word.prefix) : word.forms!.has(token)
}

const ARABIC = /\p{Script=Arabic}/u

/**
 * The words of a concordance query, from its key tokens: punctuation dropped, except that `*` right after a word
 * makes it a prefix (`desalinat*`; the key keeps no space before `*`, so `desalinat *` is the same).
 *
 * @param tokens - the query key's tokens
 * @param mode - `'exact'` or `'forms'`
 * @returns the words, in order (repeated words kept: order matters)
 * @example
 * ```ts
 * import { queryWords } from './word-forms.js'
 * queryWords(['desalinat', '*', 'plant'], 'exact') // [{ word: 'desalinat', prefix: 'desalinat', … }, { word: 'plant', forms: Set { 'plant' }, … }]
 * ```
 * @internal
 */
export function queryWords(tokens: readonly string[], mode: ConcordanceMatchMode): QueryWord[] {
  const words: QueryWord[] = []
  tokens.forEach((token, index) => {
    if (!isWordToken(token)) return
    if (tokens[index + 1] === '*') {
      words.push({ word: token, forms: undefined, prefix: token })
      return
    }
    let forms: ReadonlySet<string> = new Set([token])
    if (mode === 'forms') forms = ARABIC.test(token) ? arabicCliticForms(token) : englishForms(token)
    words.push({ word: token, forms, prefix: undefined })
  })
  return words
}
