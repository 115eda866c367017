/**
 * SRX 2.0 (Segmentation Rules eXchange, LISA 2008, now GALA: https://www.gala-global.org/srx-20) import and
 * export, so the rules mizan segments with can be loaded into OmegaT or Okapi, and theirs into mizan.
 *
 * Reading is strict and safe: the input is size-checked, a DOCTYPE or entity declaration is refused (no entity
 * expansion, no external entities), only the five predefined entities and character references are decoded,
 * and every error is a {@link FormatError} with format `'srx-2.0'` and the line and column of the problem.
 * Patterns are kept as written (ICU syntax) and translated to JavaScript only when compiled.
 *
 * @module
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { FormatError, OptionsError } from '../errors.js'
import { defaultSegmentationRules } from './builtin.js'
import { compileRules, icuToJavaScript, type LanguageMap, type LanguageRules, type SegmentationRules, type SegmentRule } from './rules.js'

const FORMAT = 'srx-2.0'
const SRX_NAMESPACE = 'http://www.lisa.org/srx20'

/**
 * Options of {@link parseSrx}.
 *
 * @example
 * ```ts
 * import { parseSrx, type ParseSrxOptions } from 'mizan'
 * import { readFileSync } from 'node:fs'
 * const options: ParseSrxOptions = { file: 'rules.srx', maxChars: 1_000_000 }
 * const rules = parseSrx(readFileSync('rules.srx', 'utf8'), options)
 * ```
 * @group Segmentation
 */
export interface ParseSrxOptions {
  /**
   * The largest input accepted, in characters.
   * @defaultValue `10_485_760` (10 Mi)
   */
  maxChars?: number
  /**
   * The file the XML came from, for error messages.
   * @defaultValue none
   */
  file?: string
}

/**
 * Options of {@link toSrx}.
 *
 * @example
 * ```ts
 * import { toSrx, type ToSrxOptions } from 'mizan'
 * const options: ToSrxOptions = { comments: false }
 * const xml = toSrx(undefined, options) // the built-in rules, without notes
 * ```
 * @group Segmentation
 */
export interface ToSrxOptions {
  /**
   * Write each rule's `note` as an XML comment before it.
   * @defaultValue `true`
   */
  comments?: boolean
}

/** Default options of {@link parseSrx} and {@link toSrx}. @internal */
export const defaults = { maxChars: 10 * 2 ** 20, comments: true } as const

/** 1-based line and column of an offset. */
function locate(xml: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = xml.indexOf('\n'); i !== -1 && i < offset; i = xml.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return { line, column: offset - lineStart + 1 }
}

/**
 * Offsets of the start tags with a local name, in document order, skipping comments, CDATA sections and
 * processing instructions, so that the n-th element the parser returns can be located in the source.
 */
function startTagOffsets(xml: string, local: string): number[] {
  const offsets: number[] = []
  const tag = new RegExp(`<!--|<!\\[CDATA\\[|<\\?|<(?:[A-Za-z_][\\w.-]*:)?${local}(?=[\\s/>])`, 'g')
  let match: RegExpExecArray | null
  while ((match = tag.exec(xml)) !== null) {
    const close = match[0] === '<!--' ? '-->' : match[0] === '<?' ? '?>' : match[0].startsWith('<![') ? ']]>' : undefined
    if (close === undefined) {
      offsets.push(match.index)
      continue
    }
    const end = xml.indexOf(close, tag.lastIndex)
    tag.lastIndex = end === -1 ? xml.length : end + close.length
  }
  return offsets
}

function decodeEntities(text: string, xml: string, offset: number | undefined, file: string | undefined): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z][\w.-]*);|&/g, (whole, name: string | undefined) => {
    if (name === 'lt') return '<'
    if (name === 'gt') return '>'
    if (name === 'amp') return '&'
    if (name === 'quot') return '"'
    if (name === 'apos') return "'"
    if (name !== undefined && name.startsWith('#')) {
      const codePoint = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10)
      if (codePoint <= 0x10ffff && codePoint > 0) return String.fromCodePoint(codePoint)
    }
    throw new FormatError(`undefined or malformed entity reference ${JSON.stringify(whole)}; only the five predefined entities and character references are allowed`, {
      format: FORMAT,
      ...(offset === undefined ? {} : locate(xml, offset)),
      ...(file === undefined ? {} : { file }),
    })
  })
}

type Node = Record<string, unknown>

function asNodes(value: unknown): Node[] {
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'object' && item !== null ? (item as Node) : {}))
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'object' && '#text' in (value as Node)) return String((value as Node)['#text'])
  return ''
}

/**
 * Reads segmentation rules from an SRX 2.0 document (SRX 1.0 map rules are accepted too).
 *
 * Patterns are kept as written; ICU-only syntax that JavaScript lacks (`\Q..\E`, `\x{..}`, escaped punctuation,
 * `(?i)`, possessive quantifiers) is translated when the rules are compiled. Every pattern is compiled here, so a
 * bad one is reported with its line and column now, not later.
 *
 * @param xml - the SRX document
 * @param options - size limit and file name for messages
 * @returns the rule set, ready for `segmentSentences(text, lang, { rules })`
 * @throws {@link FormatError} (format `'srx-2.0'`, with line and column): code `'FORMAT_UNSAFE'` for a DOCTYPE or
 *   entity declaration, `'FORMAT_TOO_LARGE'` past `maxChars`, `'FORMAT_UNSUPPORTED'` for another SRX version, and
 *   `'FORMAT_INVALID'` for malformed XML, a missing element or attribute, or a pattern that does not compile
 * @example
 * ```ts
 * import { parseSrx, segmentSentences } from 'mizan'
 * const rules = parseSrx(`<srx xmlns="http://www.lisa.org/srx20" version="2.0">
 *   <header cascade="no"/>
 *   <body>
 *     <languagerules>
 *       <languagerule languagerulename="Simple">
 *         <rule break="no"><beforebreak>\\bDr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
 *         <rule break="yes"><beforebreak>[.?!]+</beforebreak><afterbreak>\\s</afterbreak></rule>
 *       </languagerule>
 *     </languagerules>
 *     <maprules><languagemap languagepattern=".*" languagerulename="Simple"/></maprules>
 *   </body>
 * </srx>`)
 * segmentSentences('Dr. Watson came. He sat.', 'en', { rules }).map((s) => s.text)
 * // ['Dr. Watson came.', 'He sat.']
 * ```
 * @group Segmentation
 */
export function parseSrx(xml: string, options: ParseSrxOptions = {}): SegmentationRules {
  if (typeof xml !== 'string') throw new OptionsError('xml', xml, 'a string holding an SRX document', 'INVALID_INPUT')
  const maxChars = options.maxChars ?? defaults.maxChars
  if (typeof maxChars !== 'number' || !(maxChars > 0)) throw new OptionsError('maxChars', maxChars, 'a positive number')
  const file = options.file
  const where = (offset: number | undefined) => ({ format: FORMAT, ...(offset === undefined ? {} : locate(xml, offset)), ...(file === undefined ? {} : { file }) })
  if (xml.length > maxChars) throw new FormatError(`document of ${xml.length} characters is larger than maxChars (${maxChars})`, { ...where(undefined), code: 'FORMAT_TOO_LARGE' })
  const unsafe = /<!(?:DOCTYPE|ENTITY)/i.exec(xml)
  if (unsafe) throw new FormatError(`${unsafe[0]} is not allowed (no DTDs, no entity declarations)`, { ...where(unsafe.index), code: 'FORMAT_UNSAFE' })
  const valid = XMLValidator.validate(xml)
  if (valid !== true) throw new FormatError(`malformed XML: ${valid.err.msg}`, { format: FORMAT, line: valid.err.line, column: valid.err.col, ...(file === undefined ? {} : { file }) })

  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => ['languagerule', 'rule', 'languagemap', 'maprule'].includes(name),
  })
  const document = parser.parse(xml) as Node
  const srx = document.srx as Node | undefined
  if (!srx || typeof srx !== 'object') throw new FormatError('the root element must be <srx>', where(startTagOffsets(xml, '[\\w.-]+')[0]))
  const srxOffset = startTagOffsets(xml, 'srx')[0]
  const version = String(srx['@version'] ?? '')
  if (version !== '2.0' && version !== '1.0') throw new FormatError(`<srx version="${version}"> is not supported; expected version="2.0"`, { ...where(srxOffset), code: 'FORMAT_UNSUPPORTED' })
  const namespace = srx['@xmlns']
  if (namespace !== undefined && namespace !== SRX_NAMESPACE && version === '2.0') {
    throw new FormatError(`<srx> has namespace ${JSON.stringify(namespace)}; expected ${SRX_NAMESPACE}`, where(srxOffset))
  }
  const header = asNodes(srx.header)[0]
  const body = asNodes(srx.body)[0]
  if (!body) throw new FormatError('<srx> has no <body>', where(srxOffset))
  const cascade = header?.['@cascade'] === 'yes'

  const ruleOffsets = startTagOffsets(xml, 'rule')
  const listOffsets = startTagOffsets(xml, 'languagerule')
  const mapOffsets = startTagOffsets(xml, 'languagemap')
  let ruleIndex = 0
  const languageRules: LanguageRules[] = asNodes(asNodes(body.languagerules)[0]?.languagerule).map((list, listIndex) => {
    const name = list['@languagerulename']
    if (typeof name !== 'string' || name === '') throw new FormatError('<languagerule> needs a languagerulename attribute', where(listOffsets[listIndex]))
    const rules: SegmentRule[] = asNodes(list.rule).map((node) => {
      const offset = ruleOffsets[ruleIndex++]
      const breakValue = node['@break'] ?? 'yes'
      if (breakValue !== 'yes' && breakValue !== 'no') throw new FormatError(`<rule break="${String(breakValue)}"> must be "yes" or "no"`, where(offset))
      const rule: SegmentRule = {
        break: breakValue === 'yes',
        before: decodeEntities(textOf(node.beforebreak), xml, offset, file),
        after: decodeEntities(textOf(node.afterbreak), xml, offset, file),
      }
      for (const [element, pattern] of [['beforebreak', rule.before], ['afterbreak', rule.after]] as const) {
        const { source, ignoreCase } = icuToJavaScript(pattern)
        try {
          new RegExp(source, ignoreCase ? 'ui' : 'u')
        } catch (error) {
          throw new FormatError(`<${element}>${pattern}</${element}> is not a valid regular expression (${(error as Error).message})`, { ...where(offset), cause: error })
        }
      }
      compileRules([rule], 'rule')
      return rule
    })
    return { name: decodeEntities(name, xml, listOffsets[listIndex], file), rules }
  })

  // SRX 2.0: <maprules><languagemap/>...</maprules>; SRX 1.0: <maprules><maprule><languagemap/>...</maprule></maprules>
  const maprules = asNodes(body.maprules)[0] ?? {}
  const mapNodes = maprules.languagemap !== undefined ? asNodes(maprules.languagemap) : asNodes(asNodes(maprules.maprule)[0]?.languagemap)
  const languageMaps: LanguageMap[] = mapNodes.map((node, index) => {
    const pattern = node['@languagepattern']
    const rulesName = node['@languagerulename']
    const offset = mapOffsets[index]
    if (typeof pattern !== 'string' || typeof rulesName !== 'string') throw new FormatError('<languagemap> needs languagepattern and languagerulename attributes', where(offset))
    const decodedName = decodeEntities(rulesName, xml, offset, file)
    if (!languageRules.some((list) => list.name === decodedName)) {
      throw new FormatError(`<languagemap> names languagerulename="${decodedName}", which no <languagerule> defines`, where(offset))
    }
    const decodedPattern = decodeEntities(pattern, xml, offset, file)
    try {
      const { source, ignoreCase } = icuToJavaScript(decodedPattern)
      new RegExp(source, ignoreCase ? 'ui' : 'u')
    } catch (error) {
      throw new FormatError(`<languagemap languagepattern="${decodedPattern}"> does not compile: ${(error as Error).message}`, { ...where(offset), cause: error })
    }
    return { pattern: decodedPattern, rulesName: decodedName }
  })
  return { cascade, languageRules, languageMaps }
}

function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;')
}

function comment(text: string): string {
  // "--" may not appear inside an XML comment
  return `<!-- ${text.replace(/--/g, '- -').replace(/-$/, '- ')} -->`
}

/**
 * Writes a rule set as an SRX 2.0 document that OmegaT, Okapi and other CAT tools can load.
 *
 * The built-in rules are written in the subset of regular-expression syntax that JavaScript and ICU share,
 * so the other tool applies the same rules. Paragraph and line-break handling and inline list detection are
 * not rules and are not written: a CAT tool handles paragraphs itself.
 *
 * @param rules - the rules to write
 * @param options - whether to write rule notes as comments
 * @returns the SRX document
 * @throws {@link OptionsError} when `rules` is not a rule set
 * @example
 * ```ts
 * import { toSrx, parseSrx, defaultSegmentationRules } from 'mizan'
 * const xml = toSrx(defaultSegmentationRules)
 * parseSrx(xml).languageRules.map((list) => list.name) // ['Arabic', 'English', 'Default']
 * ```
 * @group Segmentation
 */
export function toSrx(rules: SegmentationRules = defaultSegmentationRules, options: ToSrxOptions = {}): string {
  if (typeof rules !== 'object' || rules === null || !Array.isArray(rules.languageRules) || !Array.isArray(rules.languageMaps)) {
    throw new OptionsError('rules', rules, 'a SegmentationRules object')
  }
  const comments = options.comments ?? defaults.comments
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<srx xmlns="${SRX_NAMESPACE}" version="2.0">`,
    `  <header segmentsubflows="yes" cascade="${rules.cascade ? 'yes' : 'no'}">`,
    '    <formathandle type="start" include="no"/>',
    '    <formathandle type="end" include="yes"/>',
    '    <formathandle type="isolated" include="yes"/>',
    '  </header>',
    '  <body>',
    '    <languagerules>',
  ]
  for (const list of rules.languageRules) {
    lines.push(`      <languagerule languagerulename="${escapeXmlAttribute(list.name)}">`)
    for (const rule of list.rules) {
      if (comments && rule.note) lines.push(`        ${comment(rule.note)}`)
      lines.push(`        <rule break="${rule.break ? 'yes' : 'no'}">`)
      lines.push(`          <beforebreak>${escapeXmlText(rule.before)}</beforebreak>`)
      lines.push(`          <afterbreak>${escapeXmlText(rule.after)}</afterbreak>`)
      lines.push('        </rule>')
    }
    lines.push('      </languagerule>')
  }
  lines.push('    </languagerules>', '    <maprules>')
  for (const map of rules.languageMaps) {
    lines.push(`      <languagemap languagepattern="${escapeXmlAttribute(map.pattern)}" languagerulename="${escapeXmlAttribute(map.rulesName)}"/>`)
  }
  lines.push('    </maprules>', '  </body>', '</srx>', '')
  return lines.join('\n')
}
