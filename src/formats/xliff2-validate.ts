/**
 * The checks a conforming XLIFF 2 reader makes beyond XML well-formedness: the core schema's structure
 * (which attributes and children each element may have, in which order) and the processing requirements
 * of XLIFF 2.1 §4 that no schema can express (unique ids, `sc`/`ec` and `sm`/`em` pairing, `dataRef`
 * targets, `copyOf`, `canDelete`/`canReorder` editing hints, languages, `xml:space`, fragment identifiers
 * §4.8), plus the structure and constraints of the modules mizan knows (§5: Metadata, Format Style,
 * Size and Length Restriction, Validation, Glossary, Translation Candidates, Resource Data, Change Tracking).
 *
 * Every failure is a FormatError with the line and column of the offending element.
 *
 * @module
 * @internal
 */
import { FormatError } from '../errors.js'
import { XML_NS, childElements, hasNonWhitespaceText, type XmlElement } from './xml.js'

/** An OASIS XLIFF namespace name, `urn:oasis:names:tc:xliff:<name>:<version>`. */
const xliffNamespace = (name: string, version = '2.0'): string => `urn:oasis:names:tc:xliff:${name}:${version}`
const XLIFF20 = xliffNamespace('document')
const XLIFF22 = xliffNamespace('document', '2.2')
/** The XLIFF 2.0 modules checked here: metadata, format style, size restriction, validation, glossary, translation candidates, resource data, change tracking. */
const [MDA, FS, SLR, VAL, GLS, MTC, RES, CTR] = ['metadata', 'fs', 'sizerestriction', 'validation', 'glossary', 'matches', 'resourcedata', 'changetracking'].map((name) => xliffNamespace(name))
const ITSM = xliffNamespace('itsm', '2.1')
const ITS = 'http://www.w3.org/2005/11/its'
const XML_LANG = `{${XML_NS}}lang`
const XML_SPACE = `{${XML_NS}}space`
const XML_ID = `{${XML_NS}}id`

/** Module namespaces whose attributes may sit on inline elements (§4.9.2: only modules, no extensions). */
const inlineAttributeModules = new Set([FS, SLR, ITS, ITSM])

/** Whether a value is an XML NMTOKEN (XML 1.0 §2.3 Nmtoken, approximated with Unicode letter classes). @internal */
export function isNmtoken(value: string): boolean {
  // ASCII first (most ids, read or written once per unit): a loop costs a fraction of the Unicode-property regex,
  // which decides only when a character outside ASCII comes.
  const length = value.length
  for (let index = 0; index < length; index++) {
    const code = value.charCodeAt(index)
    if (code >= 0x80) return nmtokenPattern.test(value)
    if (!asciiNameCharacter(code)) return false
  }
  return length > 0
}
const nmtokenPattern = /^[\p{L}\p{M}\p{Nd}_:.\-\u00B7\u203F\u2040]+$/u
/** The ASCII characters of {@link nmtokenPattern}: letters, digits, `_ : . -`. */
const asciiNameCharacter = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 58) || code === 95 || code === 46 || code === 45

/** Whether a value is a well-formed BCP 47 language tag (RFC 5646 §2.1 syntax, without registry lookups). @internal */
export function isLanguageTag(value: string): boolean {
  return /^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z\d]{2,8})+)*(?:-[Xx](?:-[A-Za-z\d]{1,8})+)?$|^[Xx](?:-[A-Za-z\d]{1,8})+$/.test(value)
}

interface ElementRule {
  /** Attribute names allowed (plain or `{ns}local`), with an optional value check. */
  attributes: Record<string, ((value: string) => boolean) | null>
  required?: string[]
  /** Attributes from other namespaces: any, only module ones, or none. */
  otherAttributes: 'any' | 'modules' | 'none'
  /** Children: a content model as a regex over child names (`x` = extension element), or 'inline'/'text'/'empty'. */
  children: RegExp | 'inline' | 'text' | 'empty'
  /** Whether non-white-space text may appear. */
  text?: boolean
}

const yesNo = (value: string): boolean => value === 'yes' || value === 'no'
const yesNoFirstNo = (value: string): boolean => value === 'yes' || value === 'no' || value === 'firstNo'
const dir = (value: string): boolean => value === 'ltr' || value === 'rtl' || value === 'auto'
const userDefined = (value: string): boolean => /^[^\s:]+:[^\s:]+$/.test(value)
const codeType = (value: string): boolean => ['fmt', 'ui', 'quote', 'link', 'image', 'other'].includes(value)
const nmtokens = (value: string): boolean => value.trim() !== '' && value.trim().split(/\s+/).every(isNmtoken)
const space = (value: string): boolean => value === 'default' || value === 'preserve'
const mrkType = (value: string): boolean => ['generic', 'comment', 'term'].includes(value) || userDefined(value)

const codeAttributes = {
  canCopy: yesNo,
  canDelete: yesNo,
  canReorder: yesNoFirstNo,
  copyOf: isNmtoken,
  id: isNmtoken,
  subType: userDefined,
  type: codeType,
}

const rules: Record<string, ElementRule> = {
  unit: {
    attributes: { id: isNmtoken, name: null, canResegment: yesNo, translate: yesNo, srcDir: dir, trgDir: dir, [XML_SPACE]: space, [XML_LANG]: isLanguageTag, type: userDefined },
    required: ['id'],
    otherAttributes: 'any',
    children: /^(x )*(notes )?(originalData )?((segment|ignorable) )+$/,
  },
  segment: { attributes: { id: isNmtoken, canResegment: yesNo, state: (value) => ['initial', 'translated', 'reviewed', 'final'].includes(value), subState: userDefined }, otherAttributes: 'none', children: /^source (target )?$/ },
  ignorable: { attributes: { id: isNmtoken }, otherAttributes: 'none', children: /^source (target )?$/ },
  notes: { attributes: {}, otherAttributes: 'none', children: /^(note )+$/ },
  note: { attributes: { id: isNmtoken, appliesTo: (value) => value === 'source' || value === 'target', category: null, priority: (value) => /^(10|[1-9])$/.test(value) }, otherAttributes: 'any', children: 'text' },
  originalData: { attributes: {}, otherAttributes: 'none', children: /^(data )+$/ },
  data: { attributes: { id: isNmtoken, dir, [XML_SPACE]: (value) => value === 'preserve' }, required: ['id'], otherAttributes: 'none', children: /^(cp )*$/, text: true },
  source: { attributes: { [XML_LANG]: null, [XML_SPACE]: space }, otherAttributes: 'none', children: 'inline' },
  target: { attributes: { [XML_LANG]: null, [XML_SPACE]: space, order: (value) => /^[1-9]\d*$/.test(value) }, otherAttributes: 'none', children: 'inline' },
  cp: { attributes: { hex: (value) => /^[0-9A-Fa-f]+$/.test(value) && value.length % 2 === 0 }, required: ['hex'], otherAttributes: 'none', children: 'empty' },
  ph: { attributes: { ...codeAttributes, disp: null, equiv: null, dataRef: isNmtoken, subFlows: nmtokens }, required: ['id'], otherAttributes: 'modules', children: 'empty' },
  pc: {
    attributes: { ...codeAttributes, canOverlap: yesNo, dispEnd: null, dispStart: null, equivEnd: null, equivStart: null, dataRefEnd: isNmtoken, dataRefStart: isNmtoken, subFlowsEnd: nmtokens, subFlowsStart: nmtokens, dir },
    required: ['id'],
    otherAttributes: 'modules',
    children: 'inline',
  },
  sc: { attributes: { ...codeAttributes, canOverlap: yesNo, dataRef: isNmtoken, dir, disp: null, equiv: null, isolated: yesNo, subFlows: nmtokens }, required: ['id'], otherAttributes: 'modules', children: 'empty' },
  ec: { attributes: { ...codeAttributes, canOverlap: yesNo, dataRef: isNmtoken, dir, disp: null, equiv: null, isolated: yesNo, startRef: isNmtoken, subFlows: nmtokens }, otherAttributes: 'modules', children: 'empty' },
  // Annotations are the extension point of inline content (§4.7.2): any namespaced attribute is allowed on them.
  mrk: { attributes: { id: isNmtoken, translate: yesNo, type: mrkType, ref: null, value: null }, required: ['id'], otherAttributes: 'any', children: 'inline' },
  sm: { attributes: { id: isNmtoken, translate: yesNo, type: mrkType, ref: null, value: null }, required: ['id'], otherAttributes: 'any', children: 'empty' },
  em: { attributes: { startRef: isNmtoken }, required: ['startRef'], otherAttributes: 'none', children: 'empty' },
}

const inlineNames = new Set(['cp', 'ph', 'pc', 'sc', 'ec', 'mrk', 'sm', 'em'])
/** The rules by element name, as a Map (looked up for every element of every unit). */
const ruleMap = new Map(Object.entries(rules))
/**
 * Content-model results by element name and child sequence: units repeat a handful of shapes millions of
 * times, so each shape is matched against its regex once. Bounded, so a hostile file cannot grow it.
 */
const sequenceResults = new Map<string, boolean>()

function matchesSequence(element: XmlElement, pattern: RegExp, sequence: string): boolean {
  const key = `${element.local} ${sequence}`
  const known = sequenceResults.get(key)
  if (known !== undefined) return known
  const result = pattern.test(sequence)
  if (sequenceResults.size < 1000) sequenceResults.set(key, result)
  return result
}

/**
 * Whether an XLIFF 2 inline element may carry an attribute (so a writer can leave out attributes another
 * format gave a code, such as 1.2's ctype, instead of writing an invalid file).
 *
 * @internal
 */
export function isXliff2InlineAttribute(element: string, key: string, value: string): boolean {
  const rule = rules[element]
  if (!rule) return false
  if (key in rule.attributes) {
    const check = rule.attributes[key]
    return !check || check(value)
  }
  if (!key.startsWith('{')) return false
  const namespace = key.slice(1, key.indexOf('}'))
  return rule.otherAttributes === 'any' || (rule.otherAttributes === 'modules' && inlineAttributeModules.has(namespace))
}

/** Context a unit is checked in. @internal */
export interface Xliff2Document {
  format: string
  sourceLang: string
  targetLang: string | undefined
  /** xml:lang inherited from the enclosing xliff/file/group elements. */
  lang?: string | undefined
  /** xml:space inherited from the enclosing xliff/file/group elements. */
  space?: string | undefined
}

/** The document being checked, for module rules that compare with srcLang/trgLang (set per unit; reading is synchronous). */
let current: Xliff2Document | undefined

function failAt(format: string, element: XmlElement, message: string): never {
  throw new FormatError(message, { format, line: element.line, column: element.column })
}

const isCore = (element: XmlElement): boolean => element.ns === XLIFF20 || element.ns === XLIFF22

/** Checks one core element against its rule, then its children, recursively (extension elements by their module rules). @internal */
function checkStructure(element: XmlElement, format: string): void {
  if (!isCore(element)) {
    checkExtension(element, format)
    return
  }
  const rule = ruleMap.get(element.local)
  if (!rule) failAt(format, element, `<${element.name}> is not allowed here in XLIFF 2`)
  for (const key in element.attributes) {
    const value = element.attributes[key]!
    if (key in rule.attributes) {
      const check = rule.attributes[key]
      if (check && !check(value)) failAt(format, element, `attribute ${key.replace(`{${XML_NS}}`, 'xml:')}="${value}" of <${element.name}> is not a valid value`)
      continue
    }
    // XLIFF 2.2 gives <note> a ref (an IRI, core schema: xs:anyURI), which 2.0 and 2.1 do not have.
    if (key === 'ref' && element.local === 'note' && element.ns === XLIFF22) continue
    const namespace = key.startsWith('{') ? key.slice(1, key.indexOf('}')) : ''
    const allowed = namespace !== '' && namespace !== XML_NS && namespace !== XLIFF20 && namespace !== XLIFF22 && (rule.otherAttributes === 'any' || (rule.otherAttributes === 'modules' && inlineAttributeModules.has(namespace)))
    if (!allowed) failAt(format, element, `attribute ${key.replace(`{${XML_NS}}`, 'xml:')} is not allowed on <${element.name}>`)
    checkModuleAttribute(element, key, value, format)
  }
  for (const name of rule.required ?? []) if (element.attributes[name] === undefined) failAt(format, element, `<${element.name}> needs attribute ${name}`)
  const children = childElements(element)
  if (rule.children === 'empty' || rule.children === 'text') {
    if (children.length > 0) failAt(format, children[0]!, `<${children[0]!.name}> is not allowed inside <${element.name}>`)
    if (rule.children === 'empty' && hasNonWhitespaceText(element)) failAt(format, element, `<${element.name}> must be empty`)
    return
  }
  if (rule.children === 'inline') {
    for (const child of children) {
      if (!isCore(child) || !inlineNames.has(child.local)) failAt(format, child, `<${child.name}> is not an inline element allowed inside <${element.name}>`)
      checkStructure(child, format)
    }
    return
  }
  if (!rule.text && hasNonWhitespaceText(element)) failAt(format, element, `text is not allowed directly inside <${element.name}>`)
  let sequence = ''
  for (const child of children) sequence += `${isCore(child) ? child.local : 'x'} `
  if (!matchesSequence(element, rule.children, sequence)) {
    failAt(format, element, `<${element.name}> has children [${children.map((child) => child.name).join(', ')}], which XLIFF 2 does not allow in that number or order`)
  }
  for (const child of children) checkStructure(child, format)
}

// --- Modules ---------------------------------------------------------------------------------------------

/** Element names each known module defines (XLIFF 2.1 §5). */
const moduleElements: Record<string, Set<string>> = {
  [MDA]: new Set(['metadata', 'metaGroup', 'meta']),
  [GLS]: new Set(['glossary', 'glossEntry', 'term', 'translation', 'definition']),
  [MTC]: new Set(['matches', 'match']),
  [VAL]: new Set(['validation', 'rule']),
  [RES]: new Set(['resourceData', 'resourceItemRef', 'resourceItem', 'source', 'target', 'reference']),
  [CTR]: new Set(['changeTrack', 'revisions', 'revision', 'item']),
  [SLR]: new Set(['profiles', 'normalization', 'data']),
  [ITSM]: new Set([]),
}

/** HTML 4 element names allowed as fs:fs values (Format Style module §5.6, after the W3C HTML 4.01 element list). */
const htmlElements = new Set(
  'a abbr acronym address applet area b base basefont bdo big blockquote body br button caption center cite code col colgroup dd del dfn dir div dl dt em fieldset font form frame frameset h1 h2 h3 h4 h5 h6 head hr html i iframe img input ins isindex kbd label legend li link map menu meta noframes noscript object ol optgroup option p param pre q s samp script select small span strike strong style sub sup table tbody td textarea tfoot th thead title tr tt u ul var'.split(' '),
)
/** Elements that may carry fs:fs (§5.6.2.1): not `ec`, `em`, `cp`, `source`... */
const fsHosts = new Set(['file', 'group', 'unit', 'note', 'sc', 'mrk', 'sm', 'pc', 'ph', 'ec', 'skeleton', 'data'])

function checkModuleAttribute(element: XmlElement, key: string, value: string, format: string): void {
  if (key === `{${FS}}fs`) {
    if (!fsHosts.has(element.local) || (element.local === 'ec' && element.attributes.isolated !== 'yes')) failAt(format, element, `fs:fs is not allowed on <${element.name}>`)
    if (!htmlElements.has(value)) failAt(format, element, `fs:fs="${value}" is not an HTML element name`)
  } else if (key === `{${FS}}subFs`) {
    if (element.attributes[`{${FS}}fs`] === undefined) failAt(format, element, 'fs:subFs needs fs:fs on the same element')
    if (!/^[^,\\]+(?:,(?:[^,\\]|\\[,\\])*)+$/.test(value)) failAt(format, element, `fs:subFs="${value}" is malformed`)
  } else if (key.startsWith(`{${FS}}`)) failAt(format, element, `${key} is not a Format Style attribute`)
  else if (key.startsWith(`{${SLR}}`)) {
    const local = key.slice(key.indexOf('}') + 1)
    if (!['storageRestriction', 'sizeRestriction', 'equivStorage', 'sizeInfo', 'sizeInfoRef'].includes(local)) failAt(format, element, `slr:${local} is not a Size and Length Restriction attribute`)
    if (local === 'equivStorage' && !/^\d+$/.test(value)) failAt(format, element, `slr:${local} must be a non-negative integer`)
    if ((local === 'storageRestriction' || local === 'sizeRestriction') && !/^(?:\*|\d+)(?:,(?:\*|\d+))?$/.test(value)) failAt(format, element, `slr:${local}="${value}" must be "max" or "min,max" (numbers or *)`)
    if (local === 'sizeInfo' && element.attributes[`{${SLR}}sizeInfoRef`] !== undefined) failAt(format, element, 'slr:sizeInfo and slr:sizeInfoRef cannot be used together')
    if (element.local === 'ec' && element.attributes.isolated !== 'yes' && ['equivStorage', 'sizeInfo', 'sizeInfoRef'].includes(local)) failAt(format, element, `slr:${local} is not allowed on a non-isolated <ec>`)
  }
}

/** Extension and module elements: known module elements get their rules; ids must be unique among siblings. */
function checkExtension(element: XmlElement, format: string): void {
  const known = moduleElements[element.ns]
  if (known && !known.has(element.local)) failAt(format, element, `<${element.name}> is not an element of its module (${element.ns})`)
  if (element.ns === MDA) checkMetadata(element, format)
  else if (element.ns === GLS) checkGlossary(element, format)
  else if (element.ns === VAL) checkValidation(element, format)
  else if (element.ns === MTC) checkMatches(element, format)
  else if (element.ns === RES) checkResourceData(element, format)
  else if (element.ns === CTR) checkChangeTrack(element, format)
  // Ids (id or xml:id) of extension children must be unique within their parent (§4.9.1).
  if (element.children.length === 0 || (element.children.length === 1 && typeof element.children[0] === 'string')) return
  const ids = new Set<string>()
  for (const child of childElements(element)) {
    const id = child.attributes.id ?? child.attributes[XML_ID]
    if (id !== undefined && !isCore(child)) {
      if (ids.has(id)) failAt(format, child, `id "${id}" is used twice among the children of <${element.name}>`)
      ids.add(id)
    }
    if (isCore(child) && element.ns === MTC) checkStructure(child, format)
    else if (!isCore(child)) checkExtension(child, format)
  }
}

function checkMetadata(element: XmlElement, format: string): void {
  const a = element.attributes
  if (a.id !== undefined && !isNmtoken(a.id)) failAt(format, element, `id "${a.id}" of <${element.name}> is not an NMTOKEN`)
  if (element.local !== 'meta' && hasNonWhitespaceText(element)) failAt(format, element, `text is not allowed directly inside <${element.name}>`)
  if (element.local === 'metadata' && childElements(element, 'metaGroup', MDA).length === 0) failAt(format, element, '<mda:metadata> needs at least one <mda:metaGroup>')
  // Metadata module schema: metadata holds metaGroups, a metaGroup metaGroups and metas, nothing else.
  if (element.local === 'metadata' || element.local === 'metaGroup') {
    for (const child of childElements(element)) {
      const allowed = child.local === 'metaGroup' || (child.local === 'meta' && element.local === 'metaGroup')
      if (child.ns !== MDA || !allowed) failAt(format, child, `<${child.name}> is not allowed inside <${element.name}>`)
    }
  }
  if (element.local === 'metaGroup') {
    if (a.appliesTo !== undefined && !['source', 'target', 'ignorable'].includes(a.appliesTo)) failAt(format, element, `appliesTo="${a.appliesTo}" is not source, target or ignorable`)
    if (childElements(element).length === 0) failAt(format, element, '<mda:metaGroup> needs at least one <mda:meta> or <mda:metaGroup>')
  }
  if (element.local === 'meta') {
    if (a.type === undefined) failAt(format, element, '<mda:meta> needs attribute type')
    const child = childElements(element)[0]
    if (child !== undefined) failAt(format, child, `<${child.name}> is not allowed inside <mda:meta>, which holds text only`)
    if (a.appliesTo !== undefined) failAt(format, element, 'appliesTo belongs on <mda:metaGroup>, not <mda:meta>')
  }
}

function checkGlossary(element: XmlElement, format: string): void {
  if (element.local === 'glossEntry') {
    const terms = childElements(element, 'term', GLS)
    if (terms.length !== 1) failAt(format, element, '<gls:glossEntry> needs exactly one <gls:term>')
    if (childElements(element, 'translation', GLS).length === 0 && childElements(element, 'definition', GLS).length === 0) failAt(format, element, '<gls:glossEntry> needs a <gls:translation> or a <gls:definition>')
  }
  for (const key in element.attributes) if (key.startsWith('{') && !key.startsWith(`{${GLS}}`) && element.local !== 'glossEntry' && element.local !== 'translation' && element.local !== 'definition' && element.local !== 'term') failAt(format, element, `attribute ${key} is not allowed on <${element.name}>`)
  if (element.local === 'glossary') {
    const ids = new Set<string>()
    const walk = (node: XmlElement): void => {
      for (const child of childElements(node)) {
        if (child.ns !== GLS) continue
        const id = child.attributes.id
        if (id !== undefined) {
          if (ids.has(id)) failAt(format, child, `id "${id}" is used twice in <gls:glossary>`)
          ids.add(id)
        }
        walk(child)
      }
    }
    walk(element)
  }
}

function checkValidation(element: XmlElement, format: string): void {
  if (element.local !== 'rule') return
  const a = element.attributes
  const kinds = ['isPresent', 'isNotPresent', 'startsWith', 'endsWith', 'mustLoc', 'noLoc'].filter((name) => a[name] !== undefined)
  const extension = Object.keys(a).some((key) => key.startsWith('{'))
  if (kinds.length > 1 || (kinds.length === 0 && !extension)) failAt(format, element, '<val:rule> needs exactly one of isPresent, isNotPresent, startsWith, endsWith (or an extension rule)')
  if (a.occurs !== undefined && (!/^[1-9]\d*$/.test(a.occurs) || a.isPresent === undefined)) failAt(format, element, `occurs="${a.occurs}" needs isPresent and a positive integer`)
  if (a.existsInSource !== undefined && (!yesNo(a.existsInSource) || (a.isPresent === undefined && a.startsWith === undefined && a.endsWith === undefined))) failAt(format, element, 'existsInSource needs yes/no and one of isPresent, startsWith, endsWith')
  if (a.caseSensitive !== undefined && !yesNo(a.caseSensitive)) failAt(format, element, `caseSensitive="${a.caseSensitive}" must be yes or no`)
  if (a.normalization !== undefined && !['none', 'nfc', 'nfd'].includes(a.normalization)) failAt(format, element, `normalization="${a.normalization}" must be none, nfc or nfd`)
  if (a.disabled !== undefined && !yesNo(a.disabled)) failAt(format, element, `disabled="${a.disabled}" must be yes or no`)
}

function checkMatches(element: XmlElement, format: string): void {
  if (element.local !== 'match') return
  const a = element.attributes
  if (a.id !== undefined && !isNmtoken(a.id)) failAt(format, element, `match id "${a.id}" is not an NMTOKEN`)
  if (a[XML_LANG] !== undefined) failAt(format, element, '<mtc:match> cannot have xml:lang')
  if (a.type !== undefined && !['am', 'mt', 'icm', 'idm', 'tb', 'tm', 'other'].includes(a.type)) failAt(format, element, `match type "${a.type}" is not one of am, mt, icm, idm, tb, tm, other`)
  if (a.subType !== undefined && (a.type === undefined || !userDefined(a.subType))) failAt(format, element, 'subType needs type and a prefix:value form')
  if (a.ref === undefined || !/^#/.test(a.ref)) failAt(format, element, '<mtc:match> needs ref="#..." pointing to a span of the source')
  for (const name of ['matchQuality', 'matchSuitability', 'similarity']) if (a[name] !== undefined && !(Number(a[name]) >= 0 && Number(a[name]) <= 100)) failAt(format, element, `${name} must be a number from 0 to 100`)
}

function checkResourceData(element: XmlElement, format: string): void {
  if (element.local === 'resourceData') {
    for (const name of ['resourceItem', 'resourceItemRef']) {
      const ids = new Set<string>()
      for (const child of childElements(element, name, RES)) {
        const id = child.attributes.id
        if (id === undefined) continue
        if (ids.has(id)) failAt(format, child, `id "${id}" is used twice among <res:${name}>`)
        ids.add(id)
      }
    }
  }
  const lang = element.attributes[XML_LANG]
  if (lang !== undefined && current) {
    const expected = element.local === 'source' ? current.sourceLang : undefined
    if (expected !== undefined && lang.toLowerCase() !== expected.toLowerCase()) failAt(format, element, `xml:lang="${lang}" of <res:${element.local}> differs from the document's ${element.local} language "${expected}"`)
  }
  if ((element.local === 'source' || element.local === 'target') && element.attributes.href !== undefined && (childElements(element).length > 0 || hasNonWhitespaceText(element))) {
    failAt(format, element, `<res:${element.local}> cannot have both href and content`)
  }
}

/** Attributes each element a revision can apply to has (for ctr:item/@property, §5.5.5.6). */
const revisedAttributes: Record<string, string[]> = {
  note: ['id', 'appliesTo', 'category', 'priority'],
  source: ['xml:lang', 'xml:space'],
  target: ['xml:lang', 'xml:space', 'order'],
  segment: ['id', 'canResegment', 'state', 'subState'],
  unit: ['id', 'name', 'canResegment', 'translate', 'srcDir', 'trgDir', 'xml:space', 'type'],
}

function checkChangeTrack(element: XmlElement, format: string): void {
  if (element.local === 'revisions') {
    const appliesTo = element.attributes.appliesTo
    if (appliesTo === undefined) failAt(format, element, '<ctr:revisions> needs appliesTo')
    const allowed = revisedAttributes[appliesTo]
    for (const revision of childElements(element, 'revision', CTR)) {
      for (const item of childElements(revision, 'item', CTR)) {
        const property = item.attributes.property
        if (property === undefined) failAt(format, item, '<ctr:item> needs property')
        if (property !== 'content' && allowed && !allowed.includes(property) && !property.includes(':')) failAt(format, item, `property="${property}" is neither content nor an attribute of <${appliesTo}>`)
      }
    }
  }
}

// --- Unit processing requirements -------------------------------------------------------------------------

interface CodeUse {
  element: XmlElement
  segment: number
}

/**
 * Checks a `<unit>`: structure, then the processing requirements that span its parts.
 *
 * @internal
 */
export function checkXliff2Unit(unit: XmlElement, document: Xliff2Document): string[] {
  const format = document.format
  current = document
  checkStructure(unit, format)
  const lang = unit.attributes[XML_LANG] ?? document.lang
  const unitSpace = unit.attributes[XML_SPACE] ?? document.space ?? 'default'
  // One pass over the unit's children, by kind.
  const parts: XmlElement[] = []
  const notesElements: XmlElement[] = []
  const originals: XmlElement[] = []
  let hasSegment = false
  for (const child of unit.children) {
    if (typeof child === 'string' || !isCore(child)) continue
    if (child.local === 'segment' || child.local === 'ignorable') {
      parts.push(child)
      if (child.local === 'segment') hasSegment = true
    } else if (child.local === 'notes') notesElements.push(child)
    else if (child.local === 'originalData') originals.push(child)
  }
  if (!hasSegment) failAt(format, unit, `<unit id="${unit.attributes.id}"> has no <segment>`)
  // §4.3.1.19 id: unique among segment/ignorable, among notes' notes, among data.
  unique(format, parts, 'segment and ignorable')
  for (const notes of notesElements) unique(format, childElements(notes, 'note'), 'note')
  const dataIds = new Set<string>()
  for (const original of originals) {
    const data = childElements(original, 'data')
    unique(format, data, 'data')
    for (const item of data) {
      dataIds.add(item.attributes.id!)
      for (const child of item.children) if (typeof child !== 'string' && child.local === 'cp') checkCp(child, format)
    }
  }
  const sources: Array<{ element: XmlElement; segment: number }> = []
  const targets: Array<{ element: XmlElement; segment: number }> = []
  // §4.3.1.29 order: explicit or implicit (the part's position), unique within the unit.
  const orders = new Set<string>()
  parts.forEach((part, index) => {
    const order = childElements(part, 'target')[0]?.attributes.order ?? String(index + 1)
    if (orders.has(order) || Number(order) > parts.length) failAt(format, part, `order ${order} is used twice (explicitly or by position) or exceeds the ${parts.length} parts of the unit`)
    orders.add(order)
  })
  parts.forEach((part, index) => {
    const source = childElements(part, 'source')[0]!
    const target = childElements(part, 'target')[0]
    sources.push({ element: source, segment: index })
    const sourceLang = source.attributes[XML_LANG] ?? lang
    if (sourceLang !== undefined && sourceLang.toLowerCase() !== document.sourceLang.toLowerCase()) {
      failAt(format, source, `xml:lang="${sourceLang}" of <source> (set or inherited) differs from srcLang="${document.sourceLang}"`)
    }
    if (part.attributes.subState !== undefined && part.attributes.state === undefined) failAt(format, part, 'subState needs state on the same <segment>')
    if (target) {
      targets.push({ element: target, segment: index })
      if (document.targetLang === undefined) failAt(format, target, '<target> needs trgLang on <xliff>')
      const targetLang = target.attributes[XML_LANG] ?? lang
      if (targetLang !== undefined && targetLang.toLowerCase() !== document.targetLang.toLowerCase()) {
        failAt(format, target, `xml:lang="${targetLang}" of <target> (set or inherited) differs from trgLang="${document.targetLang}"`)
      }
      const sourceSpace = source.attributes[XML_SPACE] ?? unitSpace
      const targetSpace = target.attributes[XML_SPACE] ?? unitSpace
      if (sourceSpace !== targetSpace) failAt(format, target, `xml:space of <target> (${targetSpace}) differs from that of its <source> (${sourceSpace})`)
    }
  })
  const notes = new Set<string>()
  for (const notesElement of notesElements) for (const note of childElements(notesElement, 'note')) if (note.attributes.id !== undefined) notes.add(note.attributes.id)
  const unitNotes = { unitId: unit.attributes.id!, notes }
  const sourceCodes = checkSide(sources, dataIds, format, 'source', unitNotes)
  if (targets.length > 0) {
    const targetCodes = checkSide(targets, dataIds, format, 'target', unitNotes)
    // §4.7.7.1 canDelete="no": such a code in the source of a translated segment must appear in some target.
    for (const [id, use] of sourceCodes) {
      if (use.element.attributes.canDelete !== 'no') continue
      if (!targets.some((target) => target.segment === use.segment)) continue
      if (!targetCodes.has(id)) failAt(format, use.element, `code "${id}" has canDelete="no" but is missing from the target`)
    }
    // §4.7.7.2 canReorder: a firstNo/no sequence must stay in the same order in the target (sequences need source codes).
    const sequences = sourceCodes.size === 0 ? [] : reorderSequences(sources)
    const targetOrder = sequences.length === 0 ? [] : codeOrder(targets)
    for (const sequence of sequences) {
      const start = targetOrder.indexOf(sequence[0]!)
      if (start === -1) continue
      if (targetOrder.slice(start, start + sequence.length).join(' ') !== sequence.join(' ')) failAt(format, targets[0]!.element, `codes ${sequence.join(', ')} cannot be reordered but their order differs in the target`)
    }
  }
  // Translation Candidates §5.3: a match's ref points to a span (segment or annotation) of this unit.
  const spans = new Set<string>([...parts.map((part) => part.attributes.id).filter((id): id is string => id !== undefined), ...sourceCodes.keys()])
  for (const matches of childElements(unit, 'matches', MTC)) {
    for (const match of childElements(matches, 'match', MTC)) {
      const ref = match.attributes.ref ?? ''
      if (ref.startsWith('#') && !ref.includes('=') && !spans.has(ref.slice(1))) failAt(format, match, `ref="${ref}" names no segment or span of this unit`)
    }
  }
  // Change Tracking §5.5: revisions of a note or segment name it by ref when it has an id, and the ref must resolve.
  const resolvable: Record<string, Set<string>> = {
    note: notes,
    segment: new Set(parts.map((part) => part.attributes.id).filter((id): id is string => id !== undefined)),
  }
  for (const track of childElements(unit, 'changeTrack', CTR)) {
    for (const revisions of childElements(track, 'revisions', CTR)) {
      const ids = resolvable[revisions.attributes.appliesTo ?? '']
      if (!ids) continue
      const ref = revisions.attributes.ref
      if (ref === undefined && ids.size > 1) failAt(format, revisions, `<ctr:revisions appliesTo="${revisions.attributes.appliesTo}"> must name its ${revisions.attributes.appliesTo} by ref`)
      if (ref !== undefined && !ids.has(ref)) failAt(format, revisions, `ref="${ref}" names no ${revisions.attributes.appliesTo} of this unit`)
    }
  }
  // subFlows name units of the same file; the caller checks them when the file ends (they may come later).
  const flows: string[] = []
  for (const [, use] of sourceCodes) {
    for (const key of ['subFlows', 'subFlowsStart', 'subFlowsEnd']) {
      const value = use.element.attributes[key]
      if (value !== undefined) flows.push(...value.trim().split(/\s+/))
    }
  }
  return flows
}

function unique(format: string, elements: XmlElement[], what: string): void {
  const seen = new Set<string>()
  for (const element of elements) {
    const id = element.attributes.id
    if (id === undefined) continue
    if (seen.has(id)) failAt(format, element, `id "${id}" is used twice among ${what} elements of the same parent`)
    seen.add(id)
  }
}

function checkCp(cp: XmlElement, format: string): void {
  const value = Number.parseInt(cp.attributes.hex!, 16)
  if (!(value >= 0 && value <= 0x10ffff)) failAt(format, cp, `<cp hex="${cp.attributes.hex}"> is not a Unicode code point`)
  // §4.5.3: cp is for characters XML cannot carry; characters XML allows must be written as themselves.
  if (value === 0x9 || value === 0xa || value === 0xd || (value >= 0x20 && value <= 0xd7ff) || (value >= 0xe000 && value <= 0xfffd) || value >= 0x10000) {
    failAt(format, cp, `<cp hex="${cp.attributes.hex}"> names a character XML allows; write it as text`)
  }
}

const editingHints = ['canCopy', 'canDelete', 'canOverlap', 'canReorder'] as const

/** Inline checks over one side (all sources, or all targets) of a unit. Returns the codes by id. */
function checkSide(sides: Array<{ element: XmlElement; segment: number }>, dataIds: Set<string>, format: string, side: string, notes: UnitNotes): Map<string, CodeUse> {
  const ids = new Map<string, CodeUse>()
  // Plain-text sides (most units) have nothing to check here: every rule below is about inline elements.
  if (!sides.some(hasChildElements)) return ids
  const openStarts = new Map<string, XmlElement>()
  const closedStarts = new Set<string>()
  const openMarks = new Map<string, XmlElement>()
  const copies: XmlElement[] = []
  const ordered: XmlElement[] = []
  const walk = (parent: XmlElement, segment: number): void => {
    for (const child of childElements(parent)) {
      const a = child.attributes
      if (child.local === 'cp') {
        checkCp(child, format)
        continue
      }
      ordered.push(child)
      if (child.local !== 'em' && !(child.local === 'ec' && a.isolated !== 'yes')) {
        if (a.id === undefined) failAt(format, child, `<${child.name}> needs an id`)
        if (ids.has(a.id)) failAt(format, child, `inline id "${a.id}" is used twice in the ${side} of the unit`)
        ids.set(a.id, { element: child, segment })
      }
      for (const key of ['dataRef', 'dataRefStart', 'dataRefEnd']) {
        if (a[key] !== undefined && !dataIds.has(a[key])) failAt(format, child, `${key}="${a[key]}" names no <data> in <originalData>`)
      }
      if (a.subType !== undefined) {
        if (a.type === undefined) failAt(format, child, 'subType needs type on the same element')
        checkSubType(child, format)
      }
      if (a.copyOf !== undefined) copies.push(child)
      switch (child.local) {
        case 'sc':
          if (a.isolated !== 'yes') openStarts.set(a.id!, child)
          break
        case 'ec': {
          if (a.isolated === 'yes') {
            if (a.startRef !== undefined || a.id === undefined) failAt(format, child, 'an isolated <ec> has an id and no startRef')
            break
          }
          if (a.startRef === undefined) failAt(format, child, 'a non-isolated <ec> needs startRef (or isolated="yes" with an id)')
          if (a.id !== undefined) failAt(format, child, 'a non-isolated <ec> has startRef and no id')
          const start = openStarts.get(a.startRef)
          if (!start) failAt(format, child, `<ec startRef="${a.startRef}"> has no <sc id="${a.startRef}"> before it in the unit`)
          for (const hint of editingHints) {
            const startValue = start.attributes[hint] ?? (hint === 'canReorder' ? 'yes' : 'yes')
            const endValue = a[hint] ?? 'yes'
            const expected = hint === 'canReorder' && startValue === 'firstNo' ? 'no' : startValue
            if (endValue !== expected) failAt(format, child, `${hint} of <ec> must match its <sc> ("${expected}"), got "${endValue}"`)
          }
          openStarts.delete(a.startRef)
          closedStarts.add(a.startRef)
          break
        }
        case 'mrk':
        case 'sm':
          checkAnnotation(child, format, notes)
          if (child.local === 'sm') openMarks.set(a.id!, child)
          break
        case 'em':
          if (!openMarks.has(a.startRef!)) failAt(format, child, `<em startRef="${a.startRef}"> has no <sm> before it in the unit`)
          openMarks.delete(a.startRef!)
          break
      }
      if (child.local === 'pc' || child.local === 'mrk') walk(child, segment)
    }
  }
  for (const { element, segment } of sides) walk(element, segment)
  for (const [id, start] of openStarts) failAt(format, start, `<sc id="${id}"> has no <ec> in the unit; mark it isolated="yes"`)
  for (const [id, start] of openMarks) failAt(format, start, `<sm id="${id}"> has no <em> in the unit`)
  for (const [id, use] of ids) {
    if (use.element.local === 'sc' && use.element.attributes.isolated === 'yes' && closedStarts.has(id)) failAt(format, use.element, `<sc id="${id}"> is isolated but its <ec> is in the unit`)
  }
  for (const copy of copies) {
    const a = copy.attributes
    const original = ids.get(a.copyOf!)
    if (!original) failAt(format, copy, `copyOf="${a.copyOf}" names no code in the unit`)
    if (original.element.attributes.canCopy === 'no') failAt(format, copy, `copyOf="${a.copyOf}" copies a code with canCopy="no"`)
    if (a.dataRef !== undefined || a.dataRefStart !== undefined || a.dataRefEnd !== undefined) failAt(format, copy, 'a code with copyOf cannot also reference original data')
  }
  // §4.7.5 canReorder: "no" must follow firstNo or no; non-reorderable codes can be neither copied nor deleted.
  let previous: string | undefined
  for (const element of ordered) {
    if (element.local === 'mrk' || element.local === 'sm' || element.local === 'em') continue
    if (element.local === 'ec' && element.attributes.isolated !== 'yes') continue
    const value = element.attributes.canReorder ?? 'yes'
    if (value === 'no' && previous !== 'firstNo' && previous !== 'no') failAt(format, element, 'canReorder="no" must follow a code with canReorder="firstNo" or "no"')
    if ((value === 'no' || value === 'firstNo') && (element.attributes.canCopy !== 'no' || element.attributes.canDelete !== 'no')) failAt(format, element, `canReorder="${value}" needs canCopy="no" and canDelete="no"`)
    previous = value
  }
  return ids
}

function hasChildElements(side: { element: XmlElement }): boolean {
  for (const child of side.element.children) if (typeof child !== 'string') return true
  return false
}

/** Code tokens in document order; a `pc`'s end is a token too ("/id"), so moving a code out of a pc shows. */
function codeOrder(sides: Array<{ element: XmlElement }>): string[] {
  const order: string[] = []
  const walk = (parent: XmlElement): void => {
    for (const child of childElements(parent)) {
      if (['ph', 'pc', 'sc'].includes(child.local) || (child.local === 'ec' && child.attributes.isolated === 'yes')) order.push(child.attributes.id!)
      if (child.local === 'pc' || child.local === 'mrk') walk(child)
      if (child.local === 'pc') order.push(`/${child.attributes.id}`)
    }
  }
  for (const side of sides) walk(side.element)
  return order
}

/** The runs of non-reorderable codes (firstNo, then no...), with the pc ends met while a run is open. */
function reorderSequences(sides: Array<{ element: XmlElement }>): string[][] {
  const sequences: string[][] = []
  let open: string[] | undefined
  const walk = (parent: XmlElement): void => {
    for (const child of childElements(parent)) {
      const value = child.attributes.canReorder
      if (['ph', 'pc', 'sc'].includes(child.local) || (child.local === 'ec' && child.attributes.isolated === 'yes')) {
        if (value === 'firstNo') {
          open = [child.attributes.id!]
          sequences.push(open)
        } else if (value === 'no' && open) open.push(child.attributes.id!)
        else open = undefined
      }
      if (child.local === 'pc' || child.local === 'mrk') walk(child)
      if (child.local === 'pc' && open) open.push(`/${child.attributes.id}`)
    }
  }
  for (const side of sides) walk(side.element)
  return sequences
}

/** §4.9.3.x: `xlf:` subType values are reserved and tied to a type. */
function checkSubType(element: XmlElement, format: string): void {
  const { type, subType } = element.attributes
  if (!subType!.startsWith('xlf:')) return
  const expected: Record<string, string> = { 'xlf:lb': 'fmt', 'xlf:pb': 'fmt', 'xlf:b': 'fmt', 'xlf:i': 'fmt', 'xlf:u': 'fmt', 'xlf:var': 'ui' }
  if (expected[subType!] === undefined) failAt(format, element, `subType="${subType}" is not a value XLIFF defines`)
  if (expected[subType!] !== type) failAt(format, element, `subType="${subType}" needs type="${expected[subType!]}", got "${type}"`)
}

/** The unit a comment annotation sits in: its id and its notes' ids. */
interface UnitNotes {
  unitId: string
  notes: Set<string>
}

/**
 * §4.7.2.2 comment annotations: exactly one of value and ref; refs are fragment identifiers (§4.8) that point to a
 * `<note>` of the annotation's own unit, as `#n=id` or as a full path whose unit selector is that unit
 * (`#/f=f1/u=u1/n=id`; a path to a file's or a group's note is not allowed).
 */
function checkAnnotation(element: XmlElement, format: string, unit: UnitNotes): void {
  const { type, value, ref } = element.attributes
  if (type === 'comment') {
    if ((value === undefined) === (ref === undefined)) failAt(format, element, 'a comment annotation needs exactly one of value and ref')
    if (ref !== undefined) {
      checkFragment(element, ref, format)
      const short = /^#n=([^/]+)$/.exec(ref)
      const full = /^#\/?(?:[^/]+\/)*u=([^/]+)\/n=([^/]+)$/.exec(ref)
      if (short) {
        if (!unit.notes.has(short[1]!)) failAt(format, element, `ref="${ref}" names no <note> of this unit`)
      } else if (full) {
        if (full[1] !== unit.unitId || !unit.notes.has(full[2]!)) failAt(format, element, `ref="${ref}" names no <note> of this unit (<unit id="${unit.unitId}">); a comment points to a note of its own unit`)
      } else failAt(format, element, `ref="${ref}" of a comment annotation must point to a <note> of its unit`)
    }
  } else if (ref !== undefined && ref.startsWith('#')) checkFragment(element, ref, format)
}

const fragmentPrefixes = ['f', 'g', 'u', 'n', 'd', 't']

/** §4.8 fragment identifiers: `#` then `prefix=id` selectors separated by `/`, in file, group, unit, leaf order. */
function checkFragment(element: XmlElement, ref: string, format: string): void {
  if (!ref.startsWith('#')) return
  const body = ref.startsWith('#/') ? ref.slice(2) : ref.slice(1)
  if (!body.includes('=')) {
    if (!isNmtoken(body)) failAt(format, element, `fragment "${ref}" is not a valid id reference`)
    return
  }
  const parts = body.split('/')
  const seen = new Set<string>()
  let rank = 0
  let leaf = false
  parts.forEach((part, index) => {
    const match = /^([^=]+)=(.+)$/.exec(part)
    if (!match) failAt(format, element, `fragment "${ref}": "${part}" is not prefix=id`)
    const [, prefix, id] = match as unknown as [string, string, string]
    if (!isNmtoken(prefix) || !isNmtoken(id)) failAt(format, element, `fragment "${ref}": "${part}" is not prefix=id with NMTOKENs`)
    if (seen.has(prefix)) failAt(format, element, `fragment "${ref}" repeats prefix "${prefix}"`)
    seen.add(prefix)
    if (leaf) failAt(format, element, `fragment "${ref}" has more after its leaf selector`)
    const order = ['f', 'g', 'u'].indexOf(prefix)
    if (order !== -1) {
      if (order + 1 < rank || (order === 0 && index !== 0)) failAt(format, element, `fragment "${ref}" has its selectors out of order`)
      rank = order + 1
      if (prefix === 'g' && rank < 1) failAt(format, element, `fragment "${ref}" has its selectors out of order`)
      return
    }
    if (fragmentPrefixes.includes(prefix)) {
      leaf = true
      return
    }
    // A module or extension prefix: registered ones are short; custom ones must be at least two characters.
    // A module or extension prefix: the one-letter ones are reserved for XLIFF, others must be two or more characters.
    if (prefix.length < 2) failAt(format, element, `fragment "${ref}": prefix "${prefix}" is unknown`)
    leaf = true
  })
}

/**
 * Checks an element captured directly under `<file>` or `<group>` that is not a unit (skeleton, notes, extensions).
 *
 * @internal
 */
export function checkXliff2FileChild(element: XmlElement, format: string, document?: Xliff2Document): void {
  current = document
  if (!isCore(element)) {
    checkExtension(element, format)
    return
  }
  if (element.local === 'skeleton') {
    const hasContent = childElements(element).length > 0 || hasNonWhitespaceText(element)
    const href = element.attributes.href
    if (href !== undefined && hasContent) failAt(format, element, '<skeleton> has both href and content')
    if (href === undefined && !hasContent) failAt(format, element, '<skeleton> needs href or content')
    for (const key in element.attributes) if (key !== 'href') failAt(format, element, `attribute ${key} is not allowed on <skeleton>`)
    return
  }
  if (element.local === 'notes') {
    checkStructure(element, format)
    unique(format, childElements(element, 'note'), 'note')
    return
  }
  failAt(format, element, `<${element.name}> is not allowed here in XLIFF 2`)
}

/** Checks the attributes of a container (`xliff`, `file`, `group`). @internal */
export function checkXliff2Container(element: XmlElement, format: string): void {
  const allowed: Record<string, Record<string, ((value: string) => boolean) | null>> = {
    // xml:lang may sit on containers; what it passes down is checked against srcLang/trgLang in each unit.
    xliff: { version: null, srcLang: isLanguageTag, trgLang: isLanguageTag, [XML_SPACE]: space, [XML_LANG]: isLanguageTag },
    file: { id: isNmtoken, canResegment: yesNo, original: null, translate: yesNo, srcDir: dir, trgDir: dir, [XML_SPACE]: space, [XML_LANG]: isLanguageTag },
    group: { id: isNmtoken, name: null, canResegment: yesNo, translate: yesNo, srcDir: dir, trgDir: dir, type: userDefined, [XML_SPACE]: space, [XML_LANG]: isLanguageTag },
  }
  const rule = allowed[element.local]
  if (!rule || !isCore(element)) failAt(format, element, `<${element.name}> is not allowed here in XLIFF 2`)
  for (const key in element.attributes) {
    const value = element.attributes[key]!
    if (key in rule) {
      const check = rule[key]
      if (check && !check(value)) failAt(format, element, `attribute ${key.replace(`{${XML_NS}}`, 'xml:')}="${value}" of <${element.name}> is not valid`)
      continue
    }
    const namespace = key.startsWith('{') ? key.slice(1, key.indexOf('}')) : ''
    if (namespace === '' || namespace === XML_NS || namespace === XLIFF20 || namespace === XLIFF22) failAt(format, element, `attribute ${key.replace(`{${XML_NS}}`, 'xml:')} is not allowed on <${element.name}>`)
    checkModuleAttribute(element, key, value, format)
  }
  if (element.local !== 'xliff' && element.attributes.id === undefined) failAt(format, element, `<${element.name}> needs an id`)
}
