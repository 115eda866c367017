/**
 * Interop with the resource-object shape of the `xliff` npm package (`xliff2js`, `xliff12ToJs`, `js2xliff`...):
 * `{ sourceLanguage, targetLanguage, resources: { [namespace]: { [key]: { source, target, note? } } } }`.
 * Plain data both ways; mizan does not depend on that package.
 *
 * @module
 */
import { OptionsError } from '../errors.js'
import type { InlineCode, InlineContent, LanguageTag, TranslationUnit } from '../types.js'
import { compactContent, hasCodes, plainText } from './common.js'

/**
 * One entry of an `xliff` package resource object. `source`/`target` are strings, or arrays of strings and
 * inline-element objects when the package read inline codes.
 *
 * @example
 * ```ts
 * import type { XliffResource } from 'mizan'
 * const entry: XliffResource = { source: 'مرحبا', target: 'Hello', note: 'greeting' }
 * ```
 * @group Formats
 */
export interface XliffResource {
  /** Source text (or inline content as the package represents it). */
  source: string | unknown[]
  /** Target text. */
  target?: string | unknown[]
  /** A note. */
  note?: string
  /** Units of a group, keyed by id (the package's shape for `<group>`). */
  groupUnits?: Record<string, XliffResource>
  /** Other attributes the package keeps. */
  [attribute: string]: unknown
}

/**
 * The `xliff` npm package's resource object.
 *
 * @example
 * ```ts
 * import type { XliffResources } from 'mizan'
 * const js: XliffResources = { sourceLanguage: 'ar', targetLanguage: 'en', resources: { app: { hi: { source: 'مرحبا', target: 'Hello' } } } }
 * ```
 * @group Formats
 */
export interface XliffResources {
  /** Source language. */
  sourceLanguage: LanguageTag
  /** Target language. */
  targetLanguage?: LanguageTag
  /** Units by namespace (the `<file>` id or `original`), then by key (the unit id). */
  resources: Record<string, Record<string, XliffResource>>
}

/**
 * Options for {@link toXliffResources}.
 *
 * @example
 * ```ts
 * import { toXliffResources } from 'mizan'
 * toXliffResources(units, { sourceLang: 'ar', targetLang: 'en', namespace: 'app' })
 * ```
 * @group Formats
 */
export interface XliffResourcesOptions {
  /** Source language. */
  sourceLang: LanguageTag
  /** Target language. */
  targetLang: LanguageTag
  /** The namespace for units without `origin.document`. @defaultValue `'mizan'` */
  namespace?: string
}

/** Turns the package's inline arrays into mizan content: strings stay, element objects become codes. */
function contentFrom(value: string | unknown[] | undefined, path: string): InlineContent {
  if (value === undefined) return []
  if (typeof value === 'string') return value === '' ? [] : [value]
  if (!Array.isArray(value)) throw new OptionsError(path, value, 'a string or an array of strings and inline elements')
  const content: InlineContent = []
  value.forEach((item, index) => {
    if (typeof item === 'string') {
      content.push(item)
      return
    }
    // The package's inline objects look like { Standalone: { id, ... } } or { Span: { id, contents } }.
    const [type, body] = Object.entries((item ?? {}) as Record<string, { id?: unknown; contents?: unknown }>)[0] ?? ['Standalone', {}]
    const id = typeof body?.id === 'string' ? body.id : String(index + 1)
    if (Array.isArray(body?.contents)) {
      content.push({ kind: 'open', id, element: type } satisfies InlineCode)
      content.push(...contentFrom(body.contents, path))
      content.push({ kind: 'close', id, element: type } satisfies InlineCode)
    } else {
      const kind: InlineCode['kind'] = /Start$/.test(type) ? 'open' : /End$/.test(type) ? 'close' : 'standalone'
      content.push({ kind, id, element: type })
    }
  })
  return compactContent(content)
}

/**
 * Reads the `xliff` npm package's resource object into units. The unit id is the key; the namespace goes to
 * `origin.document`; a `note` becomes a note; groups are flattened.
 *
 * @param resources - what `xliff2js` or `xliff12ToJs` returned
 * @returns the units, namespace by namespace in key order
 * @throws {@link OptionsError} when the object does not have the package's shape
 * @example
 * ```ts
 * import xliff12ToJs from 'xliff/xliff12ToJs'
 * import { fromXliffResources } from 'mizan'
 * const units = fromXliffResources(await xliff12ToJs(xml))
 * ```
 * @group Formats
 */
export function fromXliffResources(resources: XliffResources): TranslationUnit[] {
  if (typeof resources !== 'object' || resources === null || typeof resources.resources !== 'object' || resources.resources === null) {
    throw new OptionsError('resources', resources, 'an xliff package resource object ({ resources: { namespace: { key: { source, target } } } })', 'INVALID_INPUT')
  }
  const units: TranslationUnit[] = []
  const visit = (namespace: string, entries: Record<string, XliffResource>): void => {
    for (const [key, entry] of Object.entries(entries)) {
      if (entry.groupUnits) {
        visit(namespace, entry.groupUnits)
        continue
      }
      const sourceContent = contentFrom(entry.source, `resources.${namespace}.${key}.source`)
      const targetContent = contentFrom(entry.target, `resources.${namespace}.${key}.target`)
      const unit: TranslationUnit = { id: key, source: plainText(sourceContent), target: plainText(targetContent), origin: { document: namespace } }
      if (hasCodes(sourceContent)) unit.sourceContent = sourceContent
      if (hasCodes(targetContent)) unit.targetContent = targetContent
      if (typeof entry.note === 'string') unit.notes = [{ text: entry.note }]
      units.push(unit)
    }
  }
  for (const [namespace, entries] of Object.entries(resources.resources)) visit(namespace, entries)
  return units
}

/**
 * Writes units as the `xliff` npm package's resource object (plain texts; inline codes are dropped, as the
 * package's plain-string shape has no place for them). Units are grouped by `origin.document`.
 *
 * @param units - the units
 * @param options - languages and the default namespace
 * @returns the resource object, ready for the package's `js2xliff` / `jsToXliff12`
 * @throws {@link OptionsError} for missing languages
 * @example
 * ```ts
 * import { toXliffResources } from 'mizan'
 * const js = toXliffResources(units, { sourceLang: 'ar', targetLang: 'en' })
 * // { sourceLanguage: 'ar', targetLanguage: 'en', resources: { mizan: { u1: { source: '...', target: '...' } } } }
 * ```
 * @group Formats
 */
export function toXliffResources(units: Iterable<TranslationUnit>, options: XliffResourcesOptions): XliffResources {
  if (typeof options?.sourceLang !== 'string' || options.sourceLang === '') throw new OptionsError('sourceLang', options?.sourceLang, 'a BCP 47 language tag')
  if (typeof options.targetLang !== 'string' || options.targetLang === '') throw new OptionsError('targetLang', options.targetLang, 'a BCP 47 language tag')
  const result: XliffResources = { sourceLanguage: options.sourceLang, targetLanguage: options.targetLang, resources: {} }
  for (const unit of units) {
    const namespace = unit.origin?.document ?? options.namespace ?? 'mizan'
    const entries = (result.resources[namespace] ??= {})
    const entry: XliffResource = { source: unit.source, target: unit.target }
    if (unit.notes && unit.notes.length > 0) entry.note = unit.notes.map((note) => note.text).join('\n')
    entries[unit.id] = entry
  }
  return result
}
