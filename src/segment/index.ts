/**
 * Sentence segmentation: `segmentSentences(text, lang, options?)` splits Arabic, English or any text into
 * sentences with their offsets in the input, using SRX-style rules (see `rules.ts`), paragraph and line-break
 * handling (`lines.ts`) and inline list detection (`lists.ts`).
 *
 * @module
 */
import { OptionsError } from '../errors.js'
import type { Logger, Sentence } from '../types.js'
import { defaultSegmentationRules } from './builtin.js'
import { findLineBreaks, type LineBreakMode } from './lines.js'
import { findListItems } from './lists.js'
import { INVISIBLE_RE } from './patterns.js'
import { compileRules, findRuleBreaks, rulesForLanguage, type CompiledRules, type SegmentationRules, type SegmentRule } from './rules.js'

/**
 * Options of {@link segmentSentences}.
 *
 * @example
 * ```ts
 * import { segmentSentences, type SegmentOptions } from 'mizan'
 * const options: SegmentOptions = { lineBreaks: 'break', abbreviations: ['approx'] }
 * segmentSentences('Title\nIt was approx. Ten people.', 'en', options).map((s) => s.text)
 * // ['Title', 'It was approx. Ten people.']
 * ```
 * @group Segmentation
 */
export interface SegmentOptions {
  /**
   * How a single line break is read: `'auto'` ends a sentence after a heading or list item and reads a line
   * break inside hard-wrapped prose as a space; `'break'` ends a sentence at every line break; `'space'`
   * never does (only blank lines and the rules do). A blank line always ends a sentence.
   * @defaultValue `'auto'`
   */
  lineBreaks?: LineBreakMode
  /**
   * Find list items inside running text (`1. one 2. two`, `a) one b) two`, `• one • two`) and break before
   * each. Lists need at least two items numbered in sequence, or two bullets.
   * @defaultValue `true`
   */
  listItems?: boolean
  /**
   * The rule set to use instead of the built-in one, e.g. from {@link parseSrx}. Its language maps pick the
   * rules for `lang`; when none matches, the built-in rules for `lang` are used and `logger` is told once
   * per rule set and language (code `'SEGMENT_RULES_FALLBACK'`). Compiled rules are cached per rule-set object,
   * so treat a rule set as immutable once used (clone it to change it).
   * @defaultValue {@link defaultSegmentationRules}
   */
  rules?: SegmentationRules
  /**
   * Extra rules, tried before the language's rules (so they can override them).
   * @defaultValue `[]`
   */
  customRules?: readonly SegmentRule[]
  /**
   * Extra abbreviations (without the final period) after which a period never ends a sentence,
   * e.g. `['approx', 'Sp']` or `['ت.ب']`. Matched case-sensitively, as whole words.
   * @defaultValue `[]`
   */
  abbreviations?: readonly string[]
  /**
   * Receives warnings (mizan never prints).
   * @defaultValue none
   */
  logger?: Logger
}

/** Default options of {@link segmentSentences}. @internal */
export const defaults = {
  lineBreaks: 'auto',
  listItems: true,
  rules: defaultSegmentationRules,
  customRules: [],
  abbreviations: [],
} as const satisfies Required<Omit<SegmentOptions, 'logger'>>

const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$/
const LINE_BREAK_MODES: readonly string[] = ['auto', 'break', 'space']

/** Compiled rules per rule set and language (and per custom additions). */
const compiledByRules = new WeakMap<SegmentationRules, Map<string, CompiledRules>>()

function compiledFor(lang: string, options: SegmentOptions): CompiledRules {
  const rules = options.rules ?? defaults.rules
  const customRules = options.customRules ?? defaults.customRules
  const abbreviations = options.abbreviations ?? defaults.abbreviations
  const key = customRules.length === 0 && abbreviations.length === 0 ? lang.toLowerCase() : `${lang.toLowerCase()}\u0000${JSON.stringify([customRules, abbreviations])}`
  let perLanguage = compiledByRules.get(rules)
  if (!perLanguage) {
    perLanguage = new Map()
    compiledByRules.set(rules, perLanguage)
  }
  let compiled = perLanguage.get(key)
  if (!compiled) {
    let list = rulesForLanguage(rules, lang)
    if (list.length === 0 && rules !== defaults.rules) {
      options.logger?.('warn', `mizan: no segmentation rules for "${lang}" in the given rule set; using the built-in rules`, 'SEGMENT_RULES_FALLBACK')
      list = rulesForLanguage(defaults.rules, lang)
    }
    const extra: SegmentRule[] = [...customRules]
    if (abbreviations.length > 0) extra.push(abbreviationRule(abbreviations))
    compiled = compileRules(extra.length > 0 ? [...extra, ...list] : list, extra.length > 0 ? 'customRules' : 'rules')
    if (perLanguage.size > 64) perLanguage.clear()
    perLanguage.set(key, compiled)
  }
  return compiled
}

function abbreviationRule(abbreviations: readonly string[]): SegmentRule {
  abbreviations.forEach((entry, index) => {
    if (typeof entry !== 'string' || entry.length === 0) throw new OptionsError(`abbreviations[${index}]`, entry, 'a non-empty string')
  })
  const words = [...abbreviations].map((word) => (word.endsWith('.') ? word.slice(0, -1) : word)).sort((a, b) => b.length - a.length)
  const escaped = words.map((word) => word.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'))
  return { break: false, before: `(?<![\\p{L}\\p{M}\\p{Nd}])(?:${escaped.join('|')})\\.`, after: '', note: 'user abbreviations' }
}

function validate(text: unknown, lang: unknown, options: unknown): asserts options is SegmentOptions {
  if (typeof text !== 'string') throw new OptionsError('text', text, 'a string', 'INVALID_INPUT')
  if (typeof lang !== 'string' || !LANGUAGE_TAG.test(lang)) throw new OptionsError('lang', lang, 'a BCP-47 language tag such as "ar", "en" or "ar-EG"', 'INVALID_INPUT')
  if (typeof options !== 'object' || options === null) throw new OptionsError('options', options, 'an object')
  const { lineBreaks, listItems, customRules, abbreviations, rules, logger } = options as SegmentOptions
  if (lineBreaks !== undefined && !LINE_BREAK_MODES.includes(lineBreaks)) throw new OptionsError('lineBreaks', lineBreaks, "'auto', 'break' or 'space'")
  if (listItems !== undefined && typeof listItems !== 'boolean') throw new OptionsError('listItems', listItems, 'a boolean')
  if (customRules !== undefined && !Array.isArray(customRules)) throw new OptionsError('customRules', customRules, 'an array of rules')
  if (abbreviations !== undefined && !Array.isArray(abbreviations)) throw new OptionsError('abbreviations', abbreviations, 'an array of strings')
  if (logger !== undefined && typeof logger !== 'function') throw new OptionsError('logger', logger, 'a function')
  if (rules !== undefined && (typeof rules !== 'object' || rules === null || !Array.isArray(rules.languageRules) || !Array.isArray(rules.languageMaps))) {
    throw new OptionsError('rules', rules, 'a SegmentationRules object (from parseSrx, or defaultSegmentationRules)')
  }
}

function isTrimmable(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  if (code === 32 || (code >= 9 && code <= 13)) return true
  if (code < 128) return false
  const char = text[index]!
  return /\s/u.test(char) || INVISIBLE_RE.test(char)
}

/** Merges two ascending position lists into one without duplicates. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  if (a.length === 0) return b as number[]
  if (b.length === 0) return a as number[]
  const out: number[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!
    if (out.length === 0 || out[out.length - 1] !== next) out.push(next)
  }
  return out
}

/**
 * Splits text into sentences, with each sentence's offsets in the input.
 *
 * `lang` picks the rules: `ar` (and `ar-EG`...) Arabic, `en` English, any other tag sound defaults.
 * Each sentence's `text` is exactly `text.slice(start, end)`: nothing is normalised, and white space and
 * invisible bidi marks around a sentence are left outside it. A blank line always ends a sentence.
 *
 * @param text - the text to split
 * @param lang - a BCP-47 language tag, e.g. `'ar'`, `'en'`, `'ar-EG'`
 * @param options - line-break reading, custom rules or abbreviations; see {@link SegmentOptions}
 * @returns the sentences in order; `[]` for empty or white-space text
 * @throws {@link OptionsError} with code `'INVALID_INPUT'` when `text` is not a string or `lang` is not a
 *   language tag, and `'INVALID_OPTION'` for a bad option (such as a rule whose pattern does not compile)
 * @example
 * ```ts
 * import { segmentSentences } from 'mizan'
 * segmentSentences('قال د. أحمد إن النمو بلغ 3.5%. هل تعرفه ؟ نعم!', 'ar').map((s) => s.text)
 * // ['قال د. أحمد إن النمو بلغ 3.5%.', 'هل تعرفه ؟', 'نعم!']
 * segmentSentences('I live in the U.S. How about you?', 'en').map((s) => s.text)
 * // ['I live in the U.S.', 'How about you?']
 * ```
 * @group Segmentation
 */
export function segmentSentences(text: string, lang: string, options: SegmentOptions = {}): Sentence[] {
  validate(text, lang, options)
  if (text.length === 0) return []
  const compiled = compiledFor(lang, options)
  let ruleBreaks = findRuleBreaks(text, compiled)
  const lineBreaks = findLineBreaks(text, options.lineBreaks ?? defaults.lineBreaks)
  let listBreaks: number[] = []
  if (options.listItems ?? defaults.listItems) {
    const lists = findListItems(text, lineBreaks)
    if (lists.keeps.length > 0) {
      // the period of a list marker ("1. The first item") never ends a sentence
      const keeps = new Set(lists.keeps)
      ruleBreaks = ruleBreaks.filter((position) => !keeps.has(position))
    }
    listBreaks = lists.breaks
  }
  const boundaries = mergeSorted(mergeSorted(ruleBreaks, lineBreaks), listBreaks)
  const sentences: Sentence[] = []
  let from = 0
  const emit = (to: number) => {
    let start = from
    let end = to
    while (start < end && isTrimmable(text, start)) start++
    while (end > start && isTrimmable(text, end - 1)) end--
    if (end > start) sentences.push({ text: text.slice(start, end), start, end })
    from = to
  }
  for (const boundary of boundaries) if (boundary > from) emit(boundary)
  emit(text.length)
  return sentences
}

export type { LineBreakMode } from './lines.js'
