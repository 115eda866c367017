/**
 * Segmentation rules as data, in the model of SRX 2.0 (LISA/GALA Segmentation Rules eXchange,
 * https://www.gala-global.org/srx-20): ordered break and no-break rules, each a pair of regular expressions
 * that must match just before and just after a position, grouped by language and picked by language maps.
 *
 * At a position, the rules of the language are tried in order and the first rule whose `before` matches the
 * text ending there and whose `after` matches the text starting there decides: break or no break. When no
 * rule matches there is no break. This file compiles rules into regular expressions and applies them.
 *
 * @module
 */
import { OptionsError } from '../errors.js'
import { lastCharacterClass } from './triggers.js'

/**
 * One SRX rule: at a position where `before` matches the text that ends there and `after` matches the text
 * that starts there, break (or, for `break: false`, do not break).
 *
 * Patterns are regular expressions in the common subset of JavaScript (`u` flag) and ICU, as SRX files use:
 * `\p{L}`, `\p{Lu}`, `\p{M}`, `\p{Nd}`, classes, groups, look-ahead and bounded look-behind. An empty pattern
 * matches anything. A leading `(?i)` makes the rule case-insensitive.
 *
 * @example
 * ```ts
 * import type { SegmentRule } from 'mizan'
 * // never break after "Prof."
 * const rule: SegmentRule = { break: false, before: '(?<![\\p{L}])Prof\\.', after: '\\s' }
 * ```
 * @group Segmentation
 */
export interface SegmentRule {
  /** True for a break rule, false for an exception (no-break rule). */
  break: boolean
  /** Pattern that must match the text ending at the position (SRX `<beforebreak>`). */
  before: string
  /** Pattern that must match the text starting at the position (SRX `<afterbreak>`). */
  after: string
  /** Why the rule exists; written to SRX as an XML comment. */
  note?: string
}

/**
 * An ordered list of rules under a name (SRX `<languagerule>`).
 *
 * @example
 * ```ts
 * import type { LanguageRules } from 'mizan'
 * const simple: LanguageRules = { name: 'Simple', rules: [{ break: true, before: '[.!?]', after: '\\s' }] }
 * ```
 * @group Segmentation
 */
export interface LanguageRules {
  /** The name that language maps refer to (SRX `languagerulename`). */
  name: string
  /** Rules, tried in order. */
  rules: SegmentRule[]
}

/**
 * Maps language tags to a rule list (SRX `<languagemap>`): `pattern` is a regular expression that must match
 * the whole tag, e.g. `'ar(-.*)?'`.
 *
 * @example
 * ```ts
 * import type { LanguageMap } from 'mizan'
 * const map: LanguageMap = { pattern: '(?i)ar(-.*)?', rulesName: 'Arabic' }
 * ```
 * @group Segmentation
 */
export interface LanguageMap {
  /** Regular expression over the whole language tag (SRX `languagepattern`). */
  pattern: string
  /** The {@link LanguageRules.name} it selects (SRX `languagerulename`). */
  rulesName: string
}

/**
 * A complete rule set, as one SRX 2.0 document holds it.
 *
 * @example
 * ```ts
 * import { defaultSegmentationRules, segmentSentences } from 'mizan'
 * const mine = structuredClone(defaultSegmentationRules)
 * mine.languageRules.find((r) => r.name === 'English')!.rules.unshift({ break: false, before: 'Approx\\.', after: '\\s' })
 * segmentSentences('Approx. Ten people came.', 'en', { rules: mine }).length // 1
 * ```
 * @group Segmentation
 */
export interface SegmentationRules {
  /** Named rule lists (SRX `<languagerules>`). */
  languageRules: LanguageRules[]
  /** Language maps, tried in order (SRX `<maprules>`). */
  languageMaps: LanguageMap[]
  /**
   * SRX `cascade`: when true, the rules of every map that matches the language are applied, in map order;
   * when false, only the first matching map's rules.
   */
  cascade: boolean
}

/** A rule compiled for fast testing at one position. @internal */
interface CompiledRule {
  readonly isBreak: boolean
  /** The characters a match of `before` can end with, as a sticky one-character regex; undefined = any. */
  readonly ending: RegExp | undefined
  /** Sticky, zero-width: `(?=after)(?<=before)`; test with `lastIndex = position`. */
  readonly test: RegExp
  /** The zero-width source of `test`, for merging neighbours. */
  readonly scan: string
  /** The JavaScript source of `after`. */
  readonly afterSource: string
  readonly ignoreCase: boolean
}

/** A compiled rule list. @internal */
export interface CompiledRules {
  readonly rules: readonly CompiledRule[]
  /** Global regexes whose matches are the only positions where some break rule can match. */
  readonly candidates: readonly RegExp[]
  /**
   * When every break rule's `before` must end with one of a few characters, a global regex for those
   * characters: the rules are then tried only right after each of them (the fast path).
   */
  readonly trigger: Trigger | undefined
}

/** The characters after which some break rule may match. @internal */
interface Trigger {
  /** A global regex for the BMP characters of the class, and any astral character (checked with `single`). */
  readonly scan: RegExp
  /** The class as a one-character regex, for astral characters. */
  readonly single: RegExp
  /**
   * Global regexes for the break rules whose last character could not be worked out (a custom rule such as
   * `[^\s]`), when others could; empty when every break rule has a trigger. Only these rules are scanned at
   * every position: scanning the built-in rules there too would try their look-ahead over a run of white space
   * from each position in it, quadratic in the run (issue #17).
   */
  readonly others: readonly RegExp[]
}

/**
 * Translates the parts of ICU regular-expression syntax that JavaScript lacks into JavaScript, so SRX
 * files written for Java tools load: `\Q...\E` quoting, identity escapes of non-syntax characters (`\'`, `\-`),
 * `\x{hhhh}`, `\h`, `\A` and `\Z`/`\z`, possessive quantifiers and atomic groups (approximated by their greedy
 * forms), and a leading `(?i)` (returned as the `i` flag).
 * @internal
 */
export function icuToJavaScript(pattern: string): { source: string; ignoreCase: boolean } {
  let ignoreCase = false
  let source = pattern
  if (source.startsWith('(?i)')) {
    ignoreCase = true
    source = source.slice(4)
  }
  let out = ''
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!
    if (char === '\\') {
      const next = source[i + 1]
      if (next === undefined) {
        out += '\\\\'
        break
      }
      if (next === 'Q') {
        const end = source.indexOf('\\E', i + 2)
        const literal = source.slice(i + 2, end === -1 ? source.length : end)
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, (c) => (c === '-' && !inClass ? '-' : `\\${c}`))
        i = end === -1 ? source.length : end + 1
        continue
      }
      if (next === 'x' && source[i + 2] === '{') {
        const end = source.indexOf('}', i + 3)
        out += `\\u{${source.slice(i + 3, end)}}`
        i = end
        continue
      }
      if (next === 'h') {
        out += inClass ? '\\t \\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000' : '[\\t \\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000]'
        i++
        continue
      }
      if (!inClass && next === 'A') {
        out += '^'
        i++
        continue
      }
      if (!inClass && (next === 'Z' || next === 'z')) {
        out += '$'
        i++
        continue
      }
      if (/[A-Za-z0-9]/.test(next) || '^$\\.*+?()[]{}|/'.includes(next) || (inClass && next === '-')) {
        out += char + next
      } else {
        // ICU allows escaping any punctuation; JavaScript's `u` mode does not, and the escape means the literal.
        out += next
      }
      i++
      continue
    }
    if (inClass) {
      if (char === ']') inClass = false
      out += char
      continue
    }
    if (char === '[') {
      inClass = true
      out += char
      if (source[i + 1] === '^') out += source[++i]
      if (source[i + 1] === ']') out += `\\${source[++i]}`
      continue
    }
    if ((char === '+' || char === '*' || char === '?' || char === '}') && source[i + 1] === '+') {
      out += char
      i++
      continue
    }
    if (char === '(' && source.startsWith('(?>', i)) {
      out += '(?:'
      i += 2
      continue
    }
    out += char
  }
  return { source: out, ignoreCase }
}

/** Compiles one pattern pair, or throws an OptionsError naming the rule. @internal */
function compileRule(rule: SegmentRule, where: string): { test: RegExp; scan: string; ignoreCase: boolean; beforeSource: string; afterSource: string } {
  if (typeof rule !== 'object' || rule === null || typeof rule.before !== 'string' || typeof rule.after !== 'string' || typeof rule.break !== 'boolean') {
    throw new OptionsError(where, rule, 'a rule { break: boolean, before: string, after: string }')
  }
  const before = icuToJavaScript(rule.before)
  const after = icuToJavaScript(rule.after)
  const ignoreCase = before.ignoreCase || after.ignoreCase
  // the look-ahead goes first: most candidates fail on what follows (no space, a lower-case word) before
  // the look-behind has to walk back over a word
  const scan = `(?=${after.source})(?<=${before.source})`
  try {
    return { test: new RegExp(scan, ignoreCase ? 'uyi' : 'uy'), scan, ignoreCase, beforeSource: before.source, afterSource: after.source }
  } catch (error) {
    throw new OptionsError(where, rule, `a rule whose patterns are valid regular expressions (${(error as Error).message})`)
  }
}

const compiledCache = new WeakMap<readonly SegmentRule[], CompiledRules>()

/**
 * Compiles an ordered rule list. Break rules are also joined into one global regex per flag set, so candidate
 * positions are found in one linear scan; only there are the rules tried in order.
 *
 * @param rules - the rules, in order
 * @param name - where they came from, for error messages
 * @returns the compiled rules (cached per array)
 * @throws {@link OptionsError} when a pattern is not a valid regular expression
 * @internal
 */
export function compileRules(rules: readonly SegmentRule[], name = 'rules'): CompiledRules {
  const cached = compiledCache.get(rules)
  if (cached) return cached
  const compiled: CompiledRule[] = []
  const scans: { plain: string[]; folded: string[] } = { plain: [], folded: [] }
  const unanalysed: { plain: string[]; folded: string[] } = { plain: [], folded: [] }
  const endings: string[] = []
  let anyIgnoreCase = false
  rules.forEach((rule, index) => {
    const { test, scan, ignoreCase, beforeSource, afterSource } = compileRule(rule, `${name}[${index}]`)
    const endingClass = lastCharacterClass(beforeSource)
    let ending: RegExp | undefined
    try {
      ending = endingClass === undefined ? undefined : new RegExp(`[${endingClass}]`, ignoreCase ? 'ui' : 'u')
    } catch {
      ending = undefined
    }
    compiled.push({ isBreak: rule.break, test, ending, scan, afterSource, ignoreCase })
    if (rule.break) {
      ;(ignoreCase ? scans.folded : scans.plain).push(scan)
      if (endingClass === undefined) (ignoreCase ? unanalysed.folded : unanalysed.plain).push(scan)
      else {
        endings.push(endingClass)
        anyIgnoreCase ||= ignoreCase
      }
    }
  })
  const globals = (lists: { plain: string[]; folded: string[] }) => [
    ...(lists.plain.length > 0 ? [new RegExp(lists.plain.join('|'), 'gu')] : []),
    ...(lists.folded.length > 0 ? [new RegExp(lists.folded.join('|'), 'gui')] : []),
  ]
  const candidates = globals(scans)
  const trigger = triggerFor(endings, anyIgnoreCase, globals(unanalysed))
  const result: CompiledRules = { rules: compiled, candidates, trigger }
  compiledCache.set(rules, result)
  return result
}

/**
 * The possible last characters of every break rule, as a lookup table over UTF-16 code units (plus the
 * one-character regex for astral characters), or undefined when some rule's last character is unknown.
 * A table lookup per code unit is several times faster than a regex over a class built from many fragments.
 */
function triggerFor(endings: readonly string[], ignoreCase: boolean, others: readonly RegExp[]): Trigger | undefined {
  if (endings.length === 0) return undefined
  const parts = [...new Set(endings)].map((part) => {
    let safe = part.startsWith('-') || part.startsWith('^') ? `\\${part}` : part
    if (safe.endsWith('-') && !safe.endsWith('\\-')) safe = `${safe.slice(0, -1)}\\-`
    return safe
  })
  let single: RegExp
  try {
    single = new RegExp(`^[${parts.join('')}]$`, ignoreCase ? 'ui' : 'u')
  } catch {
    return undefined
  }
  // Test every BMP code unit once (a few milliseconds per rule set) and rebuild the class as clean ranges:
  // V8 scans a short, sorted class far faster than one concatenated from many overlapping fragments.
  const ranges: string[] = []
  const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`
  for (let code = 0; code < 0x10000; code++) {
    if ((code >= 0xd800 && code <= 0xdfff) || !single.test(String.fromCharCode(code))) continue
    let last = code
    while (last + 1 < 0xd800 && single.test(String.fromCharCode(last + 1))) last++
    if (code > 0xdfff) while (last + 1 < 0x10000 && single.test(String.fromCharCode(last + 1))) last++
    ranges.push(last === code ? hex(code) : `${hex(code)}-${hex(last)}`)
    code = last
  }
  return { scan: new RegExp(`[${ranges.join('')}\\u{10000}-\\u{10FFFF}]`, 'gu'), single, others }
}

/**
 * Finds every position in `text` where the rules say break, in ascending order.
 *
 * @param text - the whole input
 * @param compiled - compiled rules
 * @returns break positions (UTF-16 offsets)
 * @internal
 */
export function findRuleBreaks(text: string, compiled: CompiledRules): number[] {
  if (compiled.trigger && compiled.trigger.others.length === 0) return findTriggeredBreaks(text, compiled, compiled.trigger)
  let positions: number[] = []
  const scans = compiled.trigger ? compiled.trigger.others : compiled.candidates
  for (const scan of scans) {
    scan.lastIndex = 0
    let match: RegExpExecArray | null
    while ((match = scan.exec(text)) !== null) {
      positions.push(match.index)
      scan.lastIndex = match.index + 1
    }
  }
  if (compiled.trigger) {
    // the rules with a known last character can only match right after one of the trigger characters
    const { scan, single } = compiled.trigger
    scan.lastIndex = 0
    while (scan.test(text)) {
      const position = scan.lastIndex
      const code = text.charCodeAt(position - 1)
      if (code >= 0xdc00 && code <= 0xdfff && position >= 2 && !single.test(text.slice(position - 2, position))) continue
      positions.push(position)
    }
  }
  if (scans.length > 1 || compiled.trigger) positions = [...new Set(positions)].sort((a, b) => a - b)
  const breaks: number[] = []
  for (const position of positions) {
    for (const rule of compiled.rules) {
      rule.test.lastIndex = position
      if (rule.test.test(text)) {
        if (rule.isBreak) breaks.push(position)
        break
      }
    }
  }
  return breaks
}

/**
 * Joins neighbouring rules with the same action and flags into one regex: the first matching rule decides,
 * and neighbours with the same action decide the same way, so one alternation answers for all of them.
 */
function mergeNeighbours(rules: readonly CompiledRule[]): CompiledRule[] {
  const merged: CompiledRule[] = []
  let i = 0
  while (i < rules.length) {
    let j = i + 1
    while (j < rules.length && rules[j]!.isBreak === rules[i]!.isBreak && rules[j]!.ignoreCase === rules[i]!.ignoreCase) j++
    if (j === i + 1) merged.push(rules[i]!)
    else {
      const group = rules.slice(i, j)
      const scan = group.map((rule) => rule.scan).join('|')
      const afterSource = group.map((rule) => `(?:${rule.afterSource})`).join('|')
      merged.push({ isBreak: rules[i]!.isBreak, ignoreCase: rules[i]!.ignoreCase, scan, afterSource, ending: undefined, test: new RegExp(scan, rules[i]!.ignoreCase ? 'uyi' : 'uy') })
    }
    i = j
  }
  return merged
}

/**
 * How to decide at a position after one trigger character: one sticky regex that holds every applicable rule as
 * an alternative, in order. Alternation tries alternatives left to right, so the alternative that matches is the
 * first rule that matches, exactly the SRX semantics; an empty capture group after each break rule tells which
 * kind it was. One regex call per position instead of one per rule.
 */
interface Decider {
  /**
   * Sticky: whether the `after` of some break rule matches at the position. When none does, no rule can break
   * there, whatever the no-break rules say, so the whole decider is skipped: after a digit (a trigger because of
   * the footnote rule) the next character is nearly always no space.
   */
  readonly breakAfter: RegExp | undefined
  readonly test: RegExp | undefined
  /** Capture-group numbers of the empty groups that mark break rules. */
  readonly breakSlots: readonly number[]
  /** Fallback when the rules mix case-sensitive and case-insensitive ones (JavaScript has no inline flags). */
  readonly rules: readonly CompiledRule[] | undefined
}

function captureGroups(source: string, flags: string): number {
  return new RegExp(`${source}|`, flags).exec('')!.length - 1
}

function deciderFor(rules: readonly CompiledRule[]): Decider {
  if (rules.length === 0) return { breakAfter: undefined, test: undefined, breakSlots: [], rules: [] }
  const ignoreCase = rules[0]!.ignoreCase
  if (rules.some((rule) => rule.ignoreCase !== ignoreCase)) return { breakAfter: undefined, test: undefined, breakSlots: [], rules: mergeNeighbours(rules) }
  const flags = ignoreCase ? 'ui' : 'u'
  const afters = rules.filter((rule) => rule.isBreak).map((rule) => `(?:${rule.afterSource})`)
  const breakAfter = afters.length === 0 ? undefined : new RegExp(afters.join('|'), `${flags}y`)
  const breakSlots: number[] = []
  let groups = 0
  const alternatives = rules.map((rule) => {
    groups += captureGroups(rule.scan, flags)
    if (!rule.isBreak) return rule.scan
    groups++
    breakSlots.push(groups)
    return `${rule.scan}()`
  })
  return { breakAfter, test: new RegExp(alternatives.join('|'), `${flags}y`), breakSlots, rules: undefined }
}

/** The decider for each trigger character (computed once per character and rule list). */
const decidersByCharacter = new WeakMap<CompiledRules, Map<string, Decider>>()
const decidersByCode = new WeakMap<CompiledRules, Decider[]>()

function findTriggeredBreaks(text: string, compiled: CompiledRules, trigger: Trigger): number[] {
  const breaks: number[] = []
  let byCharacter = decidersByCharacter.get(compiled)
  if (!byCharacter) {
    byCharacter = new Map()
    decidersByCharacter.set(compiled, byCharacter)
  }
  const { scan, single } = trigger
  // deciders for BMP characters in an array indexed by code unit: cheaper than a Map lookup per position
  let byCode = decidersByCode.get(compiled)
  if (!byCode) {
    byCode = []
    decidersByCode.set(compiled, byCode)
  }
  scan.lastIndex = 0
  while (scan.test(text)) {
    const position = scan.lastIndex
    const code = text.charCodeAt(position - 1)
    let decider: Decider | undefined
    if (code >= 0xdc00 && code <= 0xdfff && position >= 2) {
      const character = text.slice(position - 2, position)
      if (!single.test(character)) continue
      decider = byCharacter.get(character)
      if (!decider) {
        decider = deciderFor(compiled.rules.filter((rule) => rule.ending === undefined || rule.ending.test(character)))
        byCharacter.set(character, decider)
      }
    } else {
      decider = byCode[code]
      if (!decider) {
        const character = String.fromCharCode(code)
        decider = deciderFor(compiled.rules.filter((rule) => rule.ending === undefined || rule.ending.test(character)))
        byCode[code] = decider
      }
    }
    if (decider.test) {
      if (decider.breakAfter === undefined) continue
      decider.breakAfter.lastIndex = position
      if (!decider.breakAfter.test(text)) continue
      decider.test.lastIndex = position
      const match = decider.breakSlots.length === 0 ? null : decider.test.exec(text)
      if (match) {
        for (const slot of decider.breakSlots) {
          if (match[slot] !== undefined) {
            breaks.push(position)
            break
          }
        }
      }
      continue
    }
    for (const rule of decider.rules!) {
      rule.test.lastIndex = position
      if (rule.test.test(text)) {
        if (rule.isBreak) breaks.push(position)
        break
      }
    }
  }
  return breaks
}

/**
 * Picks the rules that apply to a language tag through the language maps (cascading when asked).
 *
 * @param rules - a rule set
 * @param lang - a BCP-47 tag
 * @returns the rules in order (empty when no map matches)
 * @internal
 */
export function rulesForLanguage(rules: SegmentationRules, lang: string): SegmentRule[] {
  const selected: SegmentRule[] = []
  for (const map of rules.languageMaps) {
    const { source, ignoreCase } = icuToJavaScript(map.pattern)
    let matches: boolean
    try {
      matches = new RegExp(`^(?:${source})$`, ignoreCase ? 'ui' : 'u').test(lang)
    } catch (error) {
      throw new OptionsError('rules.languageMaps', map, `a language map whose pattern is a valid regular expression (${(error as Error).message})`)
    }
    if (!matches) continue
    const list = rules.languageRules.find((entry) => entry.name === map.rulesName)
    if (!list) throw new OptionsError('rules.languageMaps', map, `a language map naming one of the languageRules (${rules.languageRules.map((r) => r.name).join(', ')})`)
    if (!rules.cascade) return list.rules
    selected.push(...list.rules)
  }
  return selected
}
