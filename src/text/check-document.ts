/**
 * Is this document worth aligning as `lang`? It must have letters, and when the language has a known script
 * (Arabic script for `ar`, `fa`, `ur`...; Latin for `en`, `fr`, `de`...), at least half of them in it. So an
 * empty file, or the English document given as the Arabic one (swapped files), is stopped before an alignment
 * of nothing, or a memory with English in its Arabic side, is stored.
 *
 * Letters are Unicode general category L; scripts are the Unicode Script property (UAX #24). Digits, punctuation
 * and marks count for neither side, so an Arabic text full of Latin numbers and a few English names passes.
 *
 * @module
 */
import { InputError, OptionsError } from '../errors.js'

/** The scripts whose share is checked. */
type CheckedScript = 'Arabic' | 'Latin'

/**
 * Options of {@link checkDocument}.
 *
 * @example
 * ```ts
 * import { checkDocument, type CheckDocumentOptions } from 'mizan'
 * const options: CheckDocumentOptions = { file: 'ar.txt', minScriptShare: 0.3 }
 * checkDocument('مرحبا بكم في Samarkand', 'ar', options)
 * ```
 * @group Inputs
 */
export interface CheckDocumentOptions {
  /**
   * The name of the document (a file name), for error messages.
   * @defaultValue none
   */
  file?: string
  /**
   * Least share of the letters that must be in the language's script.
   * @defaultValue `0.5`
   */
  minScriptShare?: number
}

/**
 * What {@link checkDocument} found in a document that passed.
 *
 * @example
 * ```ts
 * import { checkDocument, type DocumentCheck } from 'mizan'
 * const check: DocumentCheck = checkDocument('The Council met.', 'en')
 * check // { letters: 13, script: 'Latin', scriptShare: 1 }
 * ```
 * @group Inputs
 */
export interface DocumentCheck {
  /** Letters in the document (UTF-16 code units of general category L). */
  letters: number
  /** The script the language is written in, when it is one this check knows (Arabic or Latin). */
  script: 'Arabic' | 'Latin' | undefined
  /** The share of the letters in that script (1 when the script is not known). */
  scriptShare: number
}

/** Primary language subtags written in Arabic script (ISO 639-1/-3). */
const ARABIC_SCRIPT = new Set(['ar', 'ara', 'arb', 'fa', 'fas', 'per', 'prs', 'ur', 'urd', 'ps', 'pus', 'ckb', 'sd', 'snd', 'ug', 'uig', 'ks', 'kas', 'bal', 'glk', 'mzn'])

/** Primary language subtags written in Latin script. */
const LATIN_SCRIPT = new Set([
  'en', 'eng', 'fr', 'fra', 'de', 'deu', 'es', 'spa', 'it', 'ita', 'pt', 'por', 'nl', 'nld', 'tr', 'tur', 'sv', 'da',
  'no', 'nb', 'nn', 'fi', 'pl', 'cs', 'sk', 'sl', 'hr', 'bs', 'hu', 'ro', 'id', 'ms', 'sw', 'swa', 'ha', 'so', 'ca',
  'eu', 'gl', 'et', 'lv', 'lt', 'is', 'ga', 'cy', 'mt', 'sq', 'af', 'tl', 'vi', 'uz', 'az', 'la', 'eo',
])

/**
 * The script a language tag is written in, when this check knows it: a script subtag (`Arab`, `Latn`) wins,
 * else the primary language decides.
 *
 * @param lang - a BCP-47 tag
 * @returns `'Arabic'`, `'Latin'`, or undefined
 * @example
 * ```ts
 * expectedScript('ar-EG') // 'Arabic'
 * expectedScript('az-Arab') // 'Arabic'
 * ```
 * @internal
 */
export function expectedScript(lang: string): CheckedScript | undefined {
  const parts = lang.toLowerCase().split(/[-_]/)
  const script = parts.find((part, index) => index > 0 && /^[a-z]{4}$/.test(part))
  if (script !== undefined) return script === 'arab' ? 'Arabic' : script === 'latn' ? 'Latin' : undefined
  const primary = parts[0] ?? ''
  if (ARABIC_SCRIPT.has(primary)) return 'Arabic'
  if (LATIN_SCRIPT.has(primary)) return 'Latin'
  return undefined
}

// Counting by deletion: what is left after removing every other character is the count, with no array of matches.
const NOT_LETTER = /\P{L}/gu
const NOT_ARABIC_LETTER = /\P{L}|\P{Script=Arabic}/gu
const NOT_LATIN_LETTER = /\P{L}|\P{Script=Latin}/gu

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

/**
 * Checks that a document is worth aligning as language `lang`: that it has letters, and that at least
 * `minScriptShare` of them are in the language's script (Arabic script for Arabic, Persian, Urdu...; Latin for
 * English, French...). Languages of other scripts are checked for letters only.
 *
 * `alignDocuments` does not call it (it aligns whatever strings it is given); call it on text from files or
 * users first, as `mizan align` does.
 *
 * @param text - the document
 * @param lang - its language (BCP-47)
 * @param options - `file` (named in errors), `minScriptShare`
 * @returns what was counted
 * @throws {@link InputError} `INPUT_EMPTY` when the text has no letters; `INPUT_SCRIPT` when too few of its
 *   letters are in the language's script (naming the script most of them are in)
 * @throws {@link OptionsError} when `text` is not a string, `lang` not a tag, or `minScriptShare` not in 0..1
 * @example
 * ```ts
 * import { checkDocument, decodeText } from 'mizan'
 * import { readFileSync } from 'node:fs'
 * const arabic = decodeText(readFileSync('ar.txt'), { file: 'ar.txt' })
 * checkDocument(arabic, 'ar', { file: 'ar.txt' }) // { letters: 5210, script: 'Arabic', scriptShare: 0.98 }
 * checkDocument('The Council met.', 'ar') // throws InputError INPUT_SCRIPT: 100% of its letters are Latin
 * ```
 * @group Inputs
 */
export function checkDocument(text: string, lang: string, options: CheckDocumentOptions = {}): DocumentCheck {
  if (typeof text !== 'string') throw new OptionsError('text', text, 'a string', 'INVALID_INPUT')
  if (typeof lang !== 'string' || !/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/.test(lang)) throw new OptionsError('lang', lang, 'a BCP-47 language tag such as "ar"')
  const minScriptShare = options.minScriptShare ?? 0.5
  if (typeof minScriptShare !== 'number' || !(minScriptShare >= 0 && minScriptShare <= 1)) throw new OptionsError('minScriptShare', minScriptShare, 'a number from 0 to 1')
  const where = options.file === undefined ? {} : { file: options.file }

  const letters = text.replace(NOT_LETTER, '').length
  if (letters === 0) {
    throw new InputError(`no letters: the document is empty${text.trim() === '' ? '' : ' (only spaces, digits, punctuation or symbols)'}`, { code: 'INPUT_EMPTY', ...where })
  }
  const script = expectedScript(lang)
  if (script === undefined) return { letters, script, scriptShare: 1 }
  const arabic = text.replace(NOT_ARABIC_LETTER, '').length / letters
  const latin = text.replace(NOT_LATIN_LETTER, '').length / letters
  const scriptShare = script === 'Arabic' ? arabic : latin
  if (scriptShare < minScriptShare) {
    const other = script === 'Arabic' ? latin : arabic
    const otherName = script === 'Arabic' ? 'Latin' : 'Arabic'
    const found = other >= 0.5 ? `${percent(other)} are ${otherName}` : `most are in other scripts`
    throw new InputError(`given as ${lang}, but only ${percent(scriptShare)} of its letters are ${script} script and ${found}: the other language's document (files swapped)?`, {
      code: 'INPUT_SCRIPT',
      ...where,
    })
  }
  return { letters, script, scriptShare }
}
