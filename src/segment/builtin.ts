/**
 * The built-in rule set: Arabic, English, and sound defaults for every other language, with the language maps
 * that pick them. This is what {@link toSrx} writes when given no rules.
 *
 * @module
 */
import { arabicRules } from './arabic.js'
import { addressRules, ellipsisRules, initialRules, terminalRules } from './common.js'
import { englishRules } from './english.js'
import type { LanguageRules, SegmentationRules } from './rules.js'

/**
 * Rules for languages without a rule list of their own: addresses, ellipses, initials and the general break
 * after a terminator followed by white space and a non-lower-case start, plus the CJK full stop.
 *
 * @example
 * ```ts
 * import { genericRules } from './builtin.js'
 * genericRules.name // 'Default'
 * ```
 * @internal
 */
export const genericRules: LanguageRules = {
  name: 'Default',
  rules: [...addressRules(), ...ellipsisRules(), ...initialRules(undefined), ...terminalRules()],
}

/**
 * The built-in rules with their language maps: `ar` and its subtags use Arabic, `en` English, anything else
 * the defaults. Clone it (`structuredClone`) to make your own; it is frozen.
 *
 * @example
 * ```ts
 * import { defaultSegmentationRules, toSrx } from 'mizan'
 * const xml = toSrx(defaultSegmentationRules) // load it in OmegaT or Okapi
 * ```
 * @group Segmentation
 */
export const defaultSegmentationRules: SegmentationRules = deepFreeze({
  cascade: false,
  languageRules: [arabicRules, englishRules, genericRules],
  languageMaps: [
    { pattern: '(?i)ar(?:[-_].*)?', rulesName: 'Arabic' },
    { pattern: '(?i)en(?:[-_].*)?', rulesName: 'English' },
    { pattern: '.*', rulesName: 'Default' },
  ],
})

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}
