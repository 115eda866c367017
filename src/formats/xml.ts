/**
 * The XML layer under XLIFF and TMX: escaping for writers, and a small, safe, incremental reader.
 *
 * Why our own reader: the formats must be read one unit at a time from files of millions of units (a string of
 * the whole file must never be needed), errors must carry line and column, and untrusted input must never expand
 * entities or reach a DOCTYPE. The reader is a tokenizer fed chunk by chunk; a tree builder turns every element
 * below a "container" (xliff, file, group, body...) into a small tree that a format handler converts and drops.
 * Before building a tree for a unit, the reader offers the unit's whole text to the handler's fast path
 * (fast-cursor.ts), which reads the common shape of unit without a tree, or declines.
 *
 * It implements the XML 1.0 (Fifth Edition) well-formedness rules that matter for these formats: one root,
 * matching tags, legal characters (§2.2 Char), the five predefined entities and character references only
 * (§4.6, §4.1), attribute-value normalisation of literal white space (§3.3.3), line-end normalisation (§2.11),
 * and Namespaces in XML 1.0 prefix resolution. A DOCTYPE is refused outright, which rules out entity expansion
 * ("billion laughs") and external entities.
 *
 * @module
 * @internal
 */
import { FormatError } from '../errors.js'
import { PendingInput, readerWork } from './pending-input.js'
import { decodeReferences } from './xml-references.js'

/** The XML namespace, bound to the `xml:` prefix by definition. @internal */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace'

/** An element with its children, as the tree builder hands it to a format. @internal */
export interface XmlElement {
  /** Qualified name as written, e.g. `'mda:meta'`. */
  name: string
  /** Local name, e.g. `'meta'`. */
  local: string
  /** Resolved namespace URI, `''` when none. */
  ns: string
  /**
   * Attributes keyed by expanded name: the plain name for unprefixed attributes (`'id'`), and
   * `'{uri}local'` for prefixed ones (`'{http://www.w3.org/XML/1998/namespace}lang'`). Namespace declarations are left out.
   */
  attributes: Record<string, string>
  /** Child elements and text, in document order. */
  children: XmlNode[]
  /** 1-based line of the `<`. */
  line: number
  /** 1-based column of the `<`. */
  column: number
}

/** A child of an element: an element or a run of text. @internal */
export type XmlNode = XmlElement | string

/**
 * Size limits that keep a hostile file from exhausting memory; pass some or all as `limits` to a reader.
 *
 * @example
 * ```ts
 * import { parseXliff } from 'mizan'
 * parseXliff(xml, { limits: { maxDepth: 64, maxElementChars: 1_000_000 } })
 * ```
 * @group Formats
 */
export interface XmlLimits {
  /** Deepest element nesting. @defaultValue 256 */
  maxDepth: number
  /** Most attributes on one element. @defaultValue 256 */
  maxAttributes: number
  /** Most characters in one element captured as a tree (one unit). @defaultValue 16 MiB */
  maxElementChars: number
  /** Most characters in one token (a tag, a text run, a comment). @defaultValue 16 MiB */
  maxTokenChars: number
  /** Most characters in the whole input. @defaultValue Infinity */
  maxInputChars: number
}

/** Default {@link XmlLimits}. @internal */
export const defaultXmlLimits: XmlLimits = {
  maxDepth: 256,
  maxAttributes: 256,
  maxElementChars: 16 * 2 ** 20,
  maxTokenChars: 16 * 2 ** 20,
  maxInputChars: Number.POSITIVE_INFINITY,
}

// --- Writing -------------------------------------------------------------------------------------------

/**
 * Characters XML 1.0 cannot carry at all (§2.2 Char): C0 controls except tab/LF/CR, U+FFFE/U+FFFF, and lone
 * surrogates (with the `u` flag a lone surrogate is its own code point, outside every allowed range).
 */
const forbiddenCharacter = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
/** A quick screen without the `u` flag (several times faster): any C0 control, surrogate, U+FFFE or U+FFFF. */
const suspectCharacter = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/

/**
 * Finds the first character XML 1.0 forbids.
 *
 * @param text - any string
 * @returns its offset and code point, or undefined when the text is legal
 * @internal
 */
export function findForbiddenCharacter(text: string): { offset: number; codePoint: number } | undefined {
  // Most text has no control characters and no surrogates (emoji aside): screen first, check exactly only then.
  if (!suspectCharacter.test(text)) return undefined
  const match = forbiddenCharacter.exec(text)
  if (!match) return undefined
  return { offset: match.index, codePoint: match[0].codePointAt(0)! }
}

/** `U+0001`-style rendering of a code point. @internal */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`
}

const textSpecial = /[&<>\r]/
const textSpecialGlobal = /[&<>\r]/g
const attributeSpecial = /[&<>"\t\n\r]/
const attributeSpecialGlobal = /[&<>"\t\n\r]/g
const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;', // always escaped, so "]]>" can never appear in character data (§2.4)
  '"': '&quot;',
  '\r': '&#xD;', // a literal CR would be turned into LF by every reader (§2.11)
  '\t': '&#x9;', // literal tab/LF in attributes would become spaces (§3.3.3)
  '\n': '&#xA;',
}
const escapeOne = (character: string): string => escapes[character]!

/**
 * Escapes character data. `'` and `"` need no escaping in text; `>` is always escaped so `]]>` cannot occur.
 *
 * @param text - legal XML text (see {@link findForbiddenCharacter})
 * @returns the escaped text
 * @internal
 */
export function escapeText(text: string): string {
  return textSpecial.test(text) ? text.replace(textSpecialGlobal, escapeOne) : text
}

/**
 * Escapes an attribute value for double quotes, keeping tabs and line ends as character references.
 *
 * @param value - legal XML text
 * @returns the escaped value
 * @internal
 */
export function escapeAttribute(value: string): string {
  return attributeSpecial.test(value) ? value.replace(attributeSpecialGlobal, escapeOne) : value
}

// --- Reading -------------------------------------------------------------------------------------------

/** Everything a format needs from the reader, and what it tells the reader. @internal */
export interface XmlTreeHandler {
  /** Whether an element at this depth (0 = root) is a container, reported as open/close instead of a tree. */
  isContainer(element: XmlElement, depth: number): boolean
  /** A container opened (its `children` stay empty). */
  open(element: XmlElement, depth: number): void
  /** A container closed. */
  close(element: XmlElement, depth: number): void
  /** A complete element whose parent is a container. */
  element(element: XmlElement, parent: XmlElement | undefined): void
  /** Non-white-space text directly inside a container (or outside the root). */
  text?(text: string, parent: XmlElement | undefined, line: number, column: number): void
  /**
   * The element a handler can read whole from its text without a tree (`'unit'`, `'trans-unit'`, `'tu'`),
   * when it has such a fast path (see fast-cursor.ts).
   */
  fastName?: string | undefined
  /**
   * Reads the `fastName` element at `text[start, end)` (from its `<` to the end of its end tag) straight into a
   * unit. Returns false, having changed nothing, when the element is not of the simple shape it knows; the tree
   * builder then reads it with every check. It must never throw a FormatError of its own.
   */
  readFast?(text: string, start: number, end: number, parent: XmlElement, scope: ReadonlyMap<string, string>): boolean
}

/**
 * A copy of `text` that does not keep the string it was cut from alive. V8 represents a slice of 13 characters or
 * more as a view into its parent string, so a set of ids sliced from the reader's chunks would hold every chunk,
 * that is the whole decoded file (measured: 190 MB still held after reading a 109 MB XLIFF 2.1 file whose ids
 * have 33 characters, 41 MB at most once copied). Concatenating makes a new string and slicing it flattens that
 * into a fresh copy; shorter slices are copies already. For strings kept for the whole read.
 *
 * @internal
 */
export function detachedString(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1)
}

const namePattern = /^[\p{L}_:][\p{L}\p{M}\p{Nd}_:.\-\u00B7]*$/u
/** Names already checked: documents repeat a few dozen names millions of times, and the Unicode regex is slow. */
const validNames = new Set<string>()
function isName(name: string): boolean {
  if (validNames.has(name)) return true
  if (!namePattern.test(name)) return false
  if (validNames.size < 10_000) validNames.add(detachedString(name))
  return true
}
/** Anything in text or an attribute value that needs more than taking it as it is. @internal */
export const textSpecialRead = /[&\r\]\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/
const attributeSpecialRead = /[&<\t\n\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/
/** XML white space (space, tab, LF, CR). @internal */
export const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13
const lineEnds = /\r\n?/g

/** Prefix bindings in force at the root: only `xml:` (Namespaces in XML 1.0 §3); `''` is the default namespace. */
const rootScope: ReadonlyMap<string, string> = new Map([['xml', XML_NS]])

/** What {@link XmlTreeReader.tryFast} did: nothing (read as a tree), read the element, or wait for more input. */
const FAST_NONE = 0
const FAST_DONE = 1
const FAST_WAIT = 2

interface OpenElement {
  element: XmlElement
  scope: ReadonlyMap<string, string>
  captured: boolean
}

/**
 * The incremental reader: feed it string chunks, then call `end()`. It reports to an {@link XmlTreeHandler}.
 * Errors are {@link FormatError}s with line and column.
 *
 * @internal
 */
export class XmlTreeReader {
  private buffer = ''
  private position = 0
  /** Chunks held while the token at `position` is incomplete (see pending-input.ts). */
  private readonly pending = new PendingInput()
  /** Line and column of `buffer[position]`. */
  private line = 1
  private column = 1
  private consumed = 0
  /** Characters of the document (after a byte-order mark) before `buffer[0]`. */
  private bufferStart = 0
  private readonly stack: OpenElement[] = []
  /** Elements being built as trees (the innermost last). */
  private readonly building: XmlElement[] = []
  private buildingChars = 0
  private rootSeen = false
  private rootClosed = false
  private started = false
  private readonly limits: XmlLimits

  constructor(
    private readonly handler: XmlTreeHandler,
    private readonly format: string,
    limits: Partial<XmlLimits> = {},
    private readonly file?: string,
  ) {
    this.limits = { ...defaultXmlLimits, ...limits }
  }

  /** Feeds the next chunk of text. */
  feed(chunk: string): void {
    if (chunk.length === 0) return
    const room = this.limits.maxInputChars - this.consumed
    if (chunk.length > room) {
      // Read up to the limit first: the error then comes at the same place (and a lenient read keeps the same
      // units) whether the input came as one string or in chunks of any size.
      if (room > 0) this.feed(chunk.slice(0, room))
      this.fail(`the input is larger than the limit of ${this.limits.maxInputChars} characters`, 'FORMAT_TOO_LARGE')
    }
    this.consumed += chunk.length
    if (!this.started) {
      this.started = true
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
    }
    if (this.pending.waiting) {
      // The token at `position` is incomplete: hold the chunk until what it waits for turns up.
      if (!this.pending.add(chunk)) return
      this.moveBuffer(this.pending.take(this.buffer.slice(this.position)))
    } else {
      this.moveBuffer(this.position === this.buffer.length ? chunk : this.buffer.slice(this.position) + chunk)
    }
    this.run(false)
  }

  /** Replaces the buffer by `text`, which starts with what was left unread of it. */
  private moveBuffer(text: string): void {
    this.bufferStart += this.position
    this.buffer = text
    this.position = 0
    this.resetScanCache()
  }

  /** Signals the end of input; checks the document is complete. */
  end(): void {
    if (this.pending.waiting) this.moveBuffer(this.pending.take(this.buffer.slice(this.position)))
    this.run(true)
    if (!this.rootSeen) this.fail('the document has no root element')
    if (this.stack.length > 0) this.fail(`the document ends inside <${this.stack[this.stack.length - 1]!.element.name}>`)
  }

  /** Throws a FormatError at the current position (or at a given one). */
  fail(message: string, code: 'FORMAT_INVALID' | 'FORMAT_UNSAFE' | 'FORMAT_TOO_LARGE' | 'FORMAT_UNSUPPORTED' = 'FORMAT_INVALID', line = this.line, column = this.column): never {
    throw new FormatError(message, { format: this.format, line, column, code, ...(this.file === undefined ? {} : { file: this.file }) })
  }

  /**
   * The next `\n`, `"` and `'` at or after the scanning position, cached: positions only grow within a buffer, so
   * each is searched once per occurrence instead of once per token (a document without `'` would otherwise be
   * scanned to its end for every tag). -2 = not searched yet; -1 = none in the rest of the buffer.
   */
  private nextNewline = -2
  private nextQuote = -2
  private nextApostrophe = -2

  private resetScanCache(): void {
    this.nextNewline = -2
    this.nextQuote = -2
    this.nextApostrophe = -2
  }

  /** Moves `position` to `to`, keeping line and column. */
  private advance(to: number): void {
    const buffer = this.buffer
    let newline = this.nextNewline
    if (newline === -2 || (newline !== -1 && newline < this.position)) newline = buffer.indexOf('\n', this.position)
    if (newline === -1 || newline >= to) {
      this.column += to - this.position
    } else {
      let last = newline
      while (newline !== -1 && newline < to) {
        this.line++
        last = newline
        newline = buffer.indexOf('\n', newline + 1)
      }
      this.column = to - last
    }
    this.nextNewline = newline
    this.position = to
  }

  /**
   * Where `terminator` of the markup at the current position starts, searching from `from`; -1 when more input is
   * needed. Fails when the markup is longer than the token limit (so far, or once closed), or is not closed when
   * the input has ended.
   */
  private findClose(terminator: string, from: number, what: string, final: boolean): number {
    const buffer = this.buffer
    const close = buffer.indexOf(terminator, from)
    const limit = this.limits.maxTokenChars
    const length = (close === -1 ? buffer.length : close + terminator.length) - this.position
    if (length > limit) this.fail(`${what} is longer than the limit of ${limit} characters`, 'FORMAT_TOO_LARGE')
    if (close === -1) {
      if (final) this.fail(`${what} is not closed`)
      this.pending.waitForLiteral(terminator, buffer, from, length, limit)
    }
    return close
  }

  private run(final: boolean): void {
    const buffer = this.buffer
    const limit = this.limits.maxTokenChars
    readerWork.offered += buffer.length - this.position
    while (this.position < buffer.length) {
      const start = this.position
      if (buffer.charCodeAt(start) !== 60 /* < */) {
        const lt = buffer.indexOf('<', start)
        const end = lt === -1 ? buffer.length : lt
        // The token limit holds for a whole string as for a stream (where it also bounds what is held).
        if (end - start > limit) this.fail(`a text run is longer than the limit of ${limit} characters`, 'FORMAT_TOO_LARGE')
        if (lt === -1 && !final) {
          this.pending.waitForLiteral('<', buffer, buffer.length, buffer.length - start, limit)
          return
        }
        this.onText(buffer.slice(start, end), false)
        this.advance(end)
        continue
      }
      // Markup: find where it ends, or wait for more input.
      let end: number
      const second = buffer.charCodeAt(start + 1)
      if (second !== 33 /* ! */ && second !== 63 /* ? */) {
        // The common case first: a start or end tag; a unit's start tag is offered to the fast path at once.
        if (second !== 47 /* / */ && this.handler.fastName !== undefined) {
          const fast = this.tryFast(start, final)
          if (fast === FAST_WAIT) return
          if (fast === FAST_DONE) continue
        }
        end = this.findTagEnd(start)
        if ((end === -1 ? buffer.length : end) - start > limit) this.fail(`a tag is longer than the limit of ${limit} characters`, 'FORMAT_TOO_LARGE')
        if (end === -1) {
          if (final) this.fail('a tag is not closed')
          this.pending.waitForTagEnd(buffer, start, limit)
          return
        }
        if (second === 47 /* / */) this.onCloseTag(buffer.slice(start + 2, end - 1))
        else this.onOpenTag(buffer.slice(start + 1, end - 1))
      } else if (buffer.startsWith('<!--', start)) {
        const close = this.findClose('-->', start + 4, 'a comment', final)
        if (close === -1) return
        if (buffer.slice(start + 4, close).includes('--')) this.fail('"--" is not allowed inside a comment')
        end = close + 3
      } else if (buffer.startsWith('<![CDATA[', start)) {
        const close = this.findClose(']]>', start + 9, 'a CDATA section', final)
        if (close === -1) return
        this.onText(buffer.slice(start + 9, close), true)
        end = close + 3
      } else if (buffer.startsWith('<?', start)) {
        const close = this.findClose('?>', start + 2, 'a processing instruction', final)
        if (close === -1) return
        this.onProcessingInstruction(buffer.slice(start + 2, close), this.bufferStart + start)
        end = close + 2
      } else if (buffer.startsWith('<!', start)) {
        if (buffer.length - start < 9 && !final) {
          this.pending.waitForLength(9, buffer.length - start)
          return
        }
        if (buffer.startsWith('<!DOCTYPE', start)) {
          this.fail('a DOCTYPE is not allowed: mizan never reads DTDs or expands entities (billion laughs, external entities)', 'FORMAT_UNSAFE')
        }
        this.fail('unexpected "<!": only comments and CDATA sections may start with "<!"')
      } else {
        if (buffer.length - start < 2 && !final) {
          this.pending.waitForLength(2, buffer.length - start)
          return
        }
        this.fail('a tag is not closed')
      }
      this.advance(end)
    }
  }

  /** The end tag of the fast element, `</unit>`, built once. */
  private fastClose = ''
  private fastCloseFor = ''

  /**
   * Offers the element whose start tag begins at `start` to the handler's fast path when it is the handler's
   * `fastName`: once its end tag is in the buffer (waiting for more input until then, within the size limits),
   * the handler reads it whole or declines. Units are never nested in these formats; if the first end tag found
   * is not the element's own (a self-closing unit, say), the fast path meets unexpected markup and declines.
   */
  private tryFast(start: number, final: boolean): number {
    const name = this.handler.fastName!
    const buffer = this.buffer
    const stack = this.stack
    if (this.building.length > 0 || stack.length === 0 || !buffer.startsWith(name, start + 1)) return FAST_NONE
    const after = buffer.charCodeAt(start + 1 + name.length)
    if (after !== 62 /* > */ && !isSpace(after)) return FAST_NONE
    // Within the limits by construction: the element is no longer than a token or unit may be, it nests at most
    // four levels (unit, metadata, metaGroup, meta), and the fast paths accept at most 14 attributes per element
    // (the attributes of a TMX tu). With tighter limits, the tree reader reads (and enforces them).
    const limits = this.limits
    const room = Math.min(limits.maxElementChars, limits.maxTokenChars)
    if (stack.length + 4 > limits.maxDepth || limits.maxAttributes < 14) return FAST_NONE
    if (this.fastCloseFor !== name) {
      this.fastClose = `</${name}>`
      this.fastCloseFor = name
    }
    const close = buffer.indexOf(this.fastClose, start)
    if (close === -1) {
      if (final || buffer.length - start > room) return FAST_NONE
      this.pending.waitForLiteral(this.fastClose, buffer, start, buffer.length - start, room)
      return FAST_WAIT
    }
    const end = close + this.fastClose.length
    if (end - start > room) return FAST_NONE
    const parent = stack[stack.length - 1]!
    if (!this.handler.readFast!(buffer, start, end, parent.element, parent.scope)) return FAST_NONE
    // White space after the unit is skipped too: between elements of a container it is ignored (see onText).
    let next = end
    while (next < buffer.length && isSpace(buffer.charCodeAt(next))) next++
    this.advance(next)
    return FAST_DONE
  }

  /** The offset just past the `>` that ends the tag at `start`, skipping `>` inside quoted values; -1 when incomplete. */
  private findTagEnd(start: number): number {
    const buffer = this.buffer
    let index = start + 1
    for (;;) {
      const gt = buffer.indexOf('>', index)
      if (gt === -1) return -1
      if (this.nextQuote !== -1 && this.nextQuote < index) this.nextQuote = buffer.indexOf('"', index)
      if (this.nextApostrophe !== -1 && this.nextApostrophe < index) this.nextApostrophe = buffer.indexOf("'", index)
      const quote = this.nextQuote === -1 ? this.nextApostrophe : this.nextApostrophe === -1 ? this.nextQuote : Math.min(this.nextQuote, this.nextApostrophe)
      if (quote === -1 || quote > gt) return gt + 1
      // Skip the quoted value: a '>' inside it does not end the tag.
      const close = buffer.indexOf(buffer[quote]!, quote + 1)
      if (close === -1) return -1
      index = close + 1
    }
  }

  private onProcessingInstruction(body: string, start: number): void {
    const target = /^([^\s?]+)/.exec(body)?.[1] ?? ''
    if (target.toLowerCase() === 'xml') {
      if (start !== 0 || this.rootSeen || target !== 'xml') this.fail('the XML declaration must come first, in lower case')
      const encoding = /encoding\s*=\s*["']([^"']*)["']/.exec(body)?.[1]
      if (encoding !== undefined && !/^utf-?(8|16)$/i.test(encoding)) {
        this.fail(`encoding "${encoding}" is not supported; mizan reads UTF-8 and UTF-16 text`, 'FORMAT_UNSUPPORTED')
      }
      const version = /version\s*=\s*["']([^"']*)["']/.exec(body)?.[1]
      if (version !== undefined && version !== '1.0') this.fail(`XML version "${version}" is not supported; expected "1.0"`, 'FORMAT_UNSUPPORTED')
    }
    this.checkCharacters(body)
  }

  /** Fails at `offset` characters into a run that starts at the current position. */
  private failInRun(run: string, offset: number, message: string, code: 'FORMAT_INVALID' | 'FORMAT_UNSAFE' = 'FORMAT_INVALID'): never {
    const before = run.slice(0, offset)
    const newline = before.lastIndexOf('\n')
    const lines = before.split('\n').length - 1
    this.fail(message, code, this.line + lines, newline === -1 ? this.column + offset : offset - newline)
  }

  private checkCharacters(text: string, offsetBase = 0): void {
    const bad = findForbiddenCharacter(text)
    if (bad) this.failInRun(text, bad.offset + offsetBase, `character ${codePointLabel(bad.codePoint)} is not allowed in XML 1.0`)
  }

  /** Decodes entity and character references, refusing every entity but the five predefined ones. */
  private decode(text: string): string {
    return decodeReferences(text, (offset, problem, reference) => {
      if (problem === 'malformed') this.failInRun(text, offset, `"&" must start a reference such as &amp; (found "${reference.slice(0, 12)}")`)
      if (problem === 'undefined') this.failInRun(text, offset, `entity ${reference} is not defined (mizan expands no entities but the five XML predefines)`, 'FORMAT_UNSAFE')
      this.failInRun(text, offset, `character reference ${reference} names a character XML 1.0 does not allow`)
    })
  }

  private onText(raw: string, cdata: boolean): void {
    let text = raw
    // Fast path: most text has no reference, CR, "]" or suspect character, and is taken as it is.
    if (textSpecialRead.test(raw)) {
      this.checkCharacters(raw)
      if (!cdata && raw.includes(']]>')) this.fail('"]]>" is not allowed in character data')
      const normalized = raw.includes('\r') ? raw.replace(lineEnds, '\n') : raw
      text = cdata ? normalized : this.decode(normalized)
    }
    const current = this.building[this.building.length - 1]
    if (current) {
      this.buildingChars += text.length
      if (this.buildingChars > this.limits.maxElementChars) {
        this.fail(`<${this.building[0]!.name}> is larger than the limit of ${this.limits.maxElementChars} characters`, 'FORMAT_TOO_LARGE')
      }
      const last = current.children.length - 1
      if (last >= 0 && typeof current.children[last] === 'string') current.children[last] += text
      else current.children.push(text)
      return
    }
    if (text.trim() === '') return
    const parent = this.stack[this.stack.length - 1]?.element
    if (!parent) this.fail(this.rootSeen ? 'text is not allowed after the root element' : 'text is not allowed before the root element')
    if (this.handler.text) this.handler.text(text, parent, this.line, this.column)
    else this.fail(`text is not allowed directly inside <${parent.name}>`)
  }

  private onOpenTag(tag: string): void {
    // Scanned with charCodeAt/indexOf and sliced once per name and value: no regex and no intermediate strings
    // per attribute (this runs for every element of a file of millions of units).
    const selfClosing = tag.charCodeAt(tag.length - 1) === 47 /* / */
    const length = selfClosing ? tag.length - 1 : tag.length
    let nameEnd = 0
    while (nameEnd < length && !isSpace(tag.charCodeAt(nameEnd))) nameEnd++
    const name = nameEnd === tag.length ? tag : tag.slice(0, nameEnd)
    if (!isName(name)) this.fail(`"<${name.slice(0, 30)}" is not a valid element name`)
    if (this.rootClosed) this.fail(`<${name}> comes after the root element; a document has one root`)
    if (this.stack.length >= this.limits.maxDepth) this.fail(`elements nest deeper than the limit of ${this.limits.maxDepth}`, 'FORMAT_TOO_LARGE')
    // Attributes as name/value pairs: namespace declarations first (they apply to the element's own name and attributes).
    const raw: string[] = []
    let index = nameEnd
    while (index < length) {
      const before = index
      while (index < length && isSpace(tag.charCodeAt(index))) index++
      if (index >= length) break
      // name = "value" (or 'value'), white space allowed around "=" (XML 1.0 §3.1 Attribute, Eq).
      const keyStart = index
      for (; index < length; index++) {
        const code = tag.charCodeAt(index)
        if (code === 61 /* = */ || code === 47 /* / */ || code === 62 /* > */ || isSpace(code)) break
      }
      const keyEnd = index
      while (index < length && isSpace(tag.charCodeAt(index))) index++
      if (keyEnd === keyStart || tag.charCodeAt(index) !== 61 /* = */) this.fail(`malformed attributes in <${name}>: expected name="value"`)
      index++
      while (index < length && isSpace(tag.charCodeAt(index))) index++
      const quote = tag.charCodeAt(index)
      const close = quote === 34 /* " */ ? tag.indexOf('"', index + 1) : quote === 39 /* ' */ ? tag.indexOf("'", index + 1) : -1
      if (close === -1 || close >= length) this.fail(`malformed attributes in <${name}>: expected name="value"`)
      if (before > nameEnd && keyStart === before) this.fail(`attributes of <${name}> must be separated by white space`)
      raw.push(tag.slice(keyStart, keyEnd), tag.slice(index + 1, close))
      index = close + 1
    }
    if (raw.length > 2 * this.limits.maxAttributes) this.fail(`<${name}> has more than ${this.limits.maxAttributes} attributes`, 'FORMAT_TOO_LARGE')
    const parent = this.stack[this.stack.length - 1]
    const parentScope = parent?.scope ?? rootScope
    let scope = parentScope
    if (raw.length > 0 && tag.includes('xmlns', nameEnd)) {
      let declared: Map<string, string> | undefined
      for (let index = 0; index < raw.length; index += 2) {
        const key = raw[index]!
        if (key === 'xmlns' || key.startsWith('xmlns:')) {
          // Declarations are rare (the root, an extension element): copy the parent's bindings then.
          declared ??= new Map(parentScope)
          scope = declared
          declared.set(key === 'xmlns' ? '' : key.slice(6), this.attributeValue(raw[index + 1]!, name))
        }
      }
    }
    const colon = name.indexOf(':')
    const prefix = colon === -1 ? '' : name.slice(0, colon)
    const ns = scope.get(prefix)
    if (prefix && ns === undefined) this.fail(`prefix "${prefix}" of <${name}> is not bound to a namespace`)
    const attributes: Record<string, string> = {}
    // Expanded names seen so far: a short list beats a keyed miss on the new object (most elements have 0-3 attributes).
    const seen: string[] = []
    for (let index = 0; index < raw.length; index += 2) {
      const key = raw[index]!
      if (key.charCodeAt(0) === 120 /* x */ && (key === 'xmlns' || key.startsWith('xmlns:'))) continue
      if (!isName(key)) this.fail(`"${key}" is not a valid attribute name in <${name}>`)
      const attributeColon = key.indexOf(':')
      let expanded = key
      if (attributeColon !== -1) {
        const attributePrefix = key.slice(0, attributeColon)
        const uri = scope.get(attributePrefix)
        if (uri === undefined) this.fail(`prefix "${attributePrefix}" of attribute ${key} is not bound to a namespace`)
        expanded = `{${uri}}${key.slice(attributeColon + 1)}`
      }
      if (seen.length > 0 && seen.includes(expanded)) this.fail(`attribute ${key} appears twice in <${name}>`)
      seen.push(expanded)
      attributes[expanded] = this.attributeValue(raw[index + 1]!, name)
    }
    const element: XmlElement = { name, local: colon === -1 ? name : name.slice(colon + 1), ns: ns ?? '', attributes, children: [], line: this.line, column: this.column }
    const depth = this.stack.length
    const parentBuilding = this.building.length === 0 ? undefined : this.building[this.building.length - 1]
    let captured = false
    if (parentBuilding) {
      parentBuilding.children.push(element)
      this.buildingChars += tag.length
      if (this.buildingChars > this.limits.maxElementChars) {
        this.fail(`<${this.building[0]!.name}> is larger than the limit of ${this.limits.maxElementChars} characters`, 'FORMAT_TOO_LARGE')
      }
      captured = true
    } else if (!this.handler.isContainer(element, depth)) {
      captured = true
      this.buildingChars = tag.length
    }
    if (depth === 0) this.rootSeen = true
    if (captured) {
      if (selfClosing) {
        if (!parentBuilding) this.handler.element(element, parent?.element)
        if (depth === 0) this.rootClosed = true
        return
      }
      this.building.push(element)
    } else {
      this.handler.open(element, depth)
      if (selfClosing) {
        this.handler.close(element, depth)
        if (depth === 0) this.rootClosed = true
        return
      }
    }
    this.stack.push({ element, scope, captured })
  }

  private attributeValue(raw: string, element: string): string {
    if (!attributeSpecialRead.test(raw)) return raw
    if (raw.includes('<')) this.fail(`"<" is not allowed in an attribute value of <${element}>`)
    this.checkCharacters(raw)
    // §3.3.3: literal white space characters become spaces; references keep what they name.
    return this.decode(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw)
  }

  private onCloseTag(body: string): void {
    const name = body.trimEnd()
    const open = this.stack.pop()
    if (!open) this.fail(`</${name}> closes nothing`)
    if (open.element.name !== name) this.fail(`</${name}> does not match <${open.element.name}> opened at line ${open.element.line}, column ${open.element.column}`)
    const depth = this.stack.length
    if (depth === 0) this.rootClosed = true
    if (open.captured) {
      this.building.pop()
      if (this.building.length === 0) this.handler.element(open.element, this.stack[this.stack.length - 1]?.element)
    } else {
      this.handler.close(open.element, depth)
    }
  }
}

// --- Tree helpers -----------------------------------------------------------------------------------------

/** Child elements of `element`, optionally only those with a local name (and namespace). @internal */
export function childElements(element: XmlElement, local?: string, ns?: string): XmlElement[] {
  const result: XmlElement[] = []
  for (const child of element.children) {
    if (typeof child === 'string') continue
    if (local !== undefined && child.local !== local) continue
    if (ns !== undefined && child.ns !== ns) continue
    result.push(child)
  }
  return result
}

/** All text inside an element, markup removed. @internal */
export function textContent(element: XmlElement): string {
  let text = ''
  for (const child of element.children) text += typeof child === 'string' ? child : textContent(child)
  return text
}

/** Whether an element holds anything but white space text. @internal */
export function hasNonWhitespaceText(element: XmlElement): boolean {
  return element.children.some((child) => typeof child === 'string' && child.trim() !== '')
}

/** Reads the `xml:lang` attribute. @internal */
export function xmlLang(element: XmlElement): string | undefined {
  return element.attributes[`{${XML_NS}}lang`]
}
