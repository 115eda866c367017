/**
 * Attribute writing shared by the formats: plain attributes as they are, namespaced ones (`{uri}local` keys,
 * as the reader stores them) with a prefix declared on the element itself unless the root already binds it.
 *
 * @module
 * @internal
 */
import type { InlineCode, InlineContent } from '../types.js'
import { pairCodes } from './common.js'
import { XML_NS, escapeAttribute } from './xml.js'

/** Namespaces the writers bind on the root element, by URI. @internal */
export const knownPrefixes: Record<string, string> = {
  [XML_NS]: 'xml',
  'urn:oasis:names:tc:xliff:metadata:2.0': 'mda',
  'urn:oasis:names:tc:xliff:fs:2.0': 'fs',
  'urn:oasis:names:tc:xliff:sizerestriction:2.0': 'slr',
  'http://www.w3.org/2005/11/its': 'its',
  'urn:oasis:names:tc:xliff:itsm:2.1': 'itsm',
}

/**
 * Writes ` name="value"` pairs for an attribute record, skipping `skip` keys.
 *
 * @param attributes - keys as the reader stores them
 * @param bound - URIs bound on the root (their prefixes can be used as they are)
 * @internal
 */
export function writeAttributes(attributes: Record<string, string> | undefined, bound: ReadonlySet<string>, skip?: ReadonlySet<string>, allowed?: (key: string, value: string) => boolean): string {
  if (!attributes) return ''
  let text = ''
  let declared = 0
  const local: Record<string, string> = {}
  for (const key in attributes) {
    if (skip?.has(key)) continue
    if (allowed && !allowed(key, attributes[key]!)) continue
    const value = escapeAttribute(attributes[key]!)
    if (key.charCodeAt(0) !== 123 /* { */) {
      text += ` ${key}="${value}"`
      continue
    }
    const close = key.indexOf('}')
    const uri = key.slice(1, close)
    const name = key.slice(close + 1)
    let prefix = bound.has(uri) || uri === XML_NS ? knownPrefixes[uri] : local[uri]
    if (prefix === undefined) {
      prefix = `n${++declared}`
      local[uri] = prefix
      text += ` xmlns:${prefix}="${escapeAttribute(uri)}"`
    }
    text += ` ${prefix}:${name}="${value}"`
  }
  return text
}

/** XLIFF 1.2 inline attributes by element (strict schema), beyond the structural id/rid/pos/mid. @internal */
const xliff12Attributes: Record<string, ReadonlySet<string>> = {
  g: new Set(['ctype', 'clone', 'xid', 'equiv-text', 'css-style', 'style', 'exstyle']),
  x: new Set(['ctype', 'clone', 'xid', 'equiv-text', 'css-style', 'style', 'exstyle']),
  bx: new Set(['ctype', 'clone', 'xid', 'equiv-text']),
  ex: new Set(['xid', 'equiv-text']),
  ph: new Set(['ctype', 'crc', 'assoc', 'xid', 'equiv-text']),
  bpt: new Set(['ctype', 'crc', 'xid', 'equiv-text']),
  ept: new Set(['crc', 'xid', 'equiv-text']),
  it: new Set(['ctype', 'crc', 'xid', 'equiv-text']),
  mrk: new Set(['comment']),
}

/** Whether an XLIFF 1.2 inline element may carry an attribute. @internal */
export function isXliff12InlineAttribute(element: string, key: string): boolean {
  return xliff12Attributes[element]?.has(key) ?? false
}

/** TMX 1.4b inline attributes by element (DTD), beyond the structural i/x/pos. @internal */
const tmxAttributes: Record<string, ReadonlySet<string>> = {
  bpt: new Set(['type']),
  ept: new Set([]),
  ph: new Set(['type', 'assoc']),
  it: new Set(['type']),
  hi: new Set(['type']),
  ut: new Set([]),
}

/** Whether a TMX inline element may carry an attribute. @internal */
export function isTmxInlineAttribute(element: string, key: string): boolean {
  return tmxAttributes[element]?.has(key) ?? false
}

/**
 * Pairs the codes of inline content for a writer whose spanning elements (TMX `hi`; XLIFF 1.2 `g`, `mrk`) must
 * nest: `partner` links every open or mark start to its close or end (the innermost unmatched one of the same id,
 * as {@link pairCodes}), and `span` holds the pairs written as one spanning element. Only pairs that may span
 * (`mayspan`) take part in the nesting walk: an isolated code, or a pair written as two empty elements (TMX
 * `bpt`/`ept`, 1.2 `bx`/`ex`), cannot cross anything, so an annotation around an isolated code still spans. Of two
 * spanning candidates that cross, the one closed first is written as empty markers. Codes for which `alone` is
 * true (annotation ends read as lone markers) pair with nothing, so a spanning pair of the same id stays one.
 *
 * @internal
 */
export function spanningPairs(content: InlineContent, mayspan: (open: InlineCode, close: InlineCode) => boolean, alone: (code: InlineCode) => boolean = () => false): { span: Map<number, number>; partner: Map<number, number> } {
  // Lone codes become empty strings in the view pairCodes walks, which keeps the indexes and skips them.
  const view = content.some((item) => typeof item !== 'string' && alone(item)) ? content.map((item) => (typeof item !== 'string' && alone(item) ? '' : item)) : content
  const { partner } = pairCodes(view, () => false)
  const span = new Map<number, number>()
  const stack: number[] = []
  for (let index = 0; index < content.length; index++) {
    const item = content[index]!
    if (typeof item === 'string') continue
    const other = partner.get(index)
    if (other === undefined) continue
    if (other > index) {
      if (mayspan(item, content[other] as InlineCode)) stack.push(index)
      continue
    }
    const position = stack.lastIndexOf(other)
    if (position === -1) continue
    if (position === stack.length - 1) span.set(other, index)
    stack.splice(position, 1)
  }
  return { span, partner }
}
