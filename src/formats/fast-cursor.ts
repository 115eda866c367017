/**
 * The fast path of the readers: a cursor over the text of one whole unit (`<unit>...</unit>`,
 * `<trans-unit>...</trans-unit>`, `<tu>...</tu>`) that a format walks with a small hand-written state machine,
 * filling the unit's fields straight from the tags and text, without building an element tree.
 *
 * Why: building a generic tree for every element of a unit (an object, an attribute record and a children
 * array per element) and then walking and validating it was about half of the reading time of a file of a
 * million units. Most units in real memories have one shape (plain text, a few metadata elements), so the
 * readers try this path first and keep the tree reader for everything else.
 *
 * Each format tries a unit in its writer's own layout first, with one regex (see {@link PLAIN_TEXT}), and this
 * cursor for every other unit of the common shape; both fill the unit with the same functions in the same order.
 *
 * The contract that keeps it safe: the fast path accepts only a strict subset of what the tree reader
 * accepts, for which it produces the very same unit, and it never reports an error. Anything it does not
 * expect (another element or attribute, an inline code, a comment, a CDATA section, a CR, an entity other than
 * the five predefined and character references, a forbidden character...) makes it give up by throwing
 * {@link FALLBACK}; the tree reader then reads the same unit from its first character, with every check,
 * error message, line and column it always had.
 *
 * @module
 * @internal
 */
import { findForbiddenCharacter, isSpace, textSpecialRead } from './xml.js'
import { decodeReferences } from './xml-references.js'

/** Thrown (never caught outside the reader) when the fast path gives a unit up to the tree reader. @internal */
export const FALLBACK: unique symbol = Symbol('mizan.fallback')

/**
 * Whether `text` holds `value` at `at`. A loop, not `startsWith`: the names compared here are short and most
 * comparisons fail at the first character. In a profile of the cursor on XLIFF 2.1 units, the `startsWith` calls
 * were its largest cost; with this loop and the one-pass attribute scan of {@link FastCursor.open}, a unit took
 * about 9.5 µs instead of 12.5 (a micro benchmark on the loaded 2-core machine, so roughly).
 */
function sameAt(text: string, at: number, value: string): boolean {
  const length = value.length
  for (let offset = 0; offset < length; offset++) if (text.charCodeAt(at + offset) !== value.charCodeAt(offset)) return false
  return true
}

/**
 * Whether a character can stand in an attribute value as it is: no reference to decode, no `<`, no white space
 * to normalise (XML 1.0 §3.3.3), no control character, surrogate or U+FFFE/U+FFFF (left to the tree reader,
 * which checks them).
 */
const plainValueCharacter = (code: number): boolean => code >= 32 && code !== 38 /* & */ && code !== 60 /* < */ && (code < 0xd800 || code > 0xdfff) && code < 0xfffe

/**
 * Regex sources for the writer-shape patterns of the formats (the first try of each fast path, before the
 * cursor): one sticky regex per format matches a unit exactly as our writer lays it out and captures its values.
 * V8 compiles a regex to machine code that compares literal markup several characters at a time, where the
 * cursor costs a JavaScript call per tag and per attribute and a comparison per character (on a loaded 2-core
 * machine a 60-character `startsWith` costs ~0.5 µs; the same literal in a sticky regex ~0.09 µs).
 *
 * `PLAIN_TEXT` is character data taken as it is: no markup, no reference, no CR (which the tree reader
 * normalises), no `]` (so never `]]>`), no character XML 1.0 forbids and no surrogate (left to the cursor, which
 * checks pairs). `PLAIN_VALUE` is a double-quoted attribute value taken as it is: moreover no tab or line end
 * (attribute-value normalisation, XML 1.0 §3.3.3). Whatever these refuse goes to the cursor, then to the tree
 * reader, as before.
 *
 * @internal
 */
export const PLAIN_TEXT = String.raw`[^<&\r\]\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]*`
/** See {@link PLAIN_TEXT}. @internal */
export const PLAIN_VALUE = String.raw`[^"<&\x00-\x1F\uD800-\uDFFF\uFFFE\uFFFF]*`

/** Gives the unit up to the tree reader. @internal */
export function fallback(): never {
  throw FALLBACK
}

/**
 * A cursor over one element's text. `open(name)` reads a start tag and its attributes (names as offsets, values as strings)
 * (reused arrays, no object per tag), `text()` reads character data, `close(name)` an end tag.
 *
 * @internal
 */
export class FastCursor {
  /** The text (the reader's buffer; only `[position, end)` is read). */
  source = ''
  position = 0
  end = 0
  /**
   * Attributes of the last start tag read, in order; `count` of them are valid. Names and values stay in the text
   * (their offsets): names are only compared with the few names a format knows, and a value becomes a string only
   * when a format asks for it (or is one of the constants it knows, see {@link FastCursor.soleKnown}).
   */
  private readonly nameStarts: number[] = []
  private readonly nameEnds: number[] = []
  private readonly valueStarts: number[] = []
  private readonly valueEnds: number[] = []
  private count = 0

  /** Points the cursor at `text[start, end)`. */
  reset(text: string, start: number, end: number): void {
    this.source = text
    this.position = start
    this.end = end
    this.count = 0
  }

  /** Skips white space between tags. */
  space(): void {
    const text = this.source
    let index = this.position
    while (index < this.end && isSpace(text.charCodeAt(index))) index++
    this.position = index
  }

  /**
   * Reads the start tag `<name ...>` when it comes next (after white space); false, without moving, when
   * another tag or text comes. A self-closing tag, or attributes it cannot take as they are, give up.
   */
  open(name: string): boolean {
    const text = this.source
    const end = this.end
    let index = this.position
    while (index < end && isSpace(text.charCodeAt(index))) index++
    this.position = index
    if (text.charCodeAt(index) !== 60 /* < */ || !sameAt(text, index + 1, name)) return false
    index += 1 + name.length
    let code = text.charCodeAt(index)
    if (code !== 62 /* > */ && !isSpace(code)) return false
    let count = 0
    for (;;) {
      const before = index
      while (isSpace(code)) code = text.charCodeAt(++index)
      if (code === 62 /* > */) break
      // An attribute: name="value", after white space; no spaces around "=" on this path. One pass over the name
      // (to its "=") and one over the value (to its quote, checking each character), no indexOf and no regex.
      if (index === before) fallback()
      const nameStart = index
      while (code !== 61 /* = */) {
        if (index >= end || isSpace(code) || code === 62 /* > */ || code === 60 /* < */ || code === 47 /* / */) fallback()
        code = text.charCodeAt(++index)
      }
      const equals = index
      const quote = text.charCodeAt(equals + 1)
      if (quote !== 34 /* " */ && quote !== 39 /* ' */) fallback()
      index = equals + 2
      code = text.charCodeAt(index)
      while (code !== quote) {
        if (index >= end || !plainValueCharacter(code)) fallback()
        code = text.charCodeAt(++index)
      }
      const length = equals - nameStart
      for (let seen = 0; seen < count; seen++) {
        if (this.nameEnds[seen]! - this.nameStarts[seen]! === length && sameText(text, nameStart, this.nameStarts[seen]!, length)) fallback()
      }
      this.nameStarts[count] = nameStart
      this.nameEnds[count] = equals
      this.valueStarts[count] = equals + 2
      this.valueEnds[count] = index
      count++
      code = text.charCodeAt(++index)
    }
    this.count = count
    this.position = index + 1
    return true
  }

  /** Whether the name of attribute `index` of the last start tag is `key`. */
  private nameIs(index: number, key: string): boolean {
    const start = this.nameStarts[index]!
    return this.nameEnds[index]! - start === key.length && sameAt(this.source, start, key)
  }

  /** The value of attribute `key` of the last start tag. */
  attribute(key: string): string | undefined {
    for (let index = 0; index < this.count; index++) if (this.nameIs(index, key)) return this.source.slice(this.valueStarts[index], this.valueEnds[index])
    return undefined
  }

  /** Whether the last start tag had no attributes. */
  none(): boolean {
    return this.count === 0
  }

  /** The value of `key` when it was the only attribute of the last start tag; otherwise undefined. */
  sole(key: string): string | undefined {
    return this.count === 1 && this.nameIs(0, key) ? this.source.slice(this.valueStarts[0], this.valueEnds[0]) : undefined
  }

  /**
   * As {@link FastCursor.sole}, but a value equal to one of `known` is returned as that constant, without a new
   * string (types and categories repeat in every unit, and comparing constants is cheaper afterwards).
   */
  soleKnown(key: string, known: readonly string[]): string | undefined {
    if (this.count !== 1 || !this.nameIs(0, key)) return undefined
    const start = this.valueStarts[0]!
    const length = this.valueEnds[0]! - start
    for (let index = 0; index < known.length; index++) {
      const value = known[index]!
      if (value.length === length && sameAt(this.source, start, value)) return value
    }
    return this.source.slice(start, start + length)
  }

  /** Gives up unless the last start tag had only attributes from `allowed`. */
  only(allowed: readonly string[]): void {
    for (let index = 0; index < this.count; index++) {
      let known = false
      for (const key of allowed) {
        if (this.nameIs(index, key)) {
          known = true
          break
        }
      }
      if (!known) fallback()
    }
  }

  /** Reads the end tag `</name>` (after white space), or gives up. */
  close(name: string): void {
    this.space()
    const text = this.source
    const index = this.position
    if (text.charCodeAt(index) !== 60 || text.charCodeAt(index + 1) !== 47 /* / */ || !sameAt(text, index + 2, name) || text.charCodeAt(index + 2 + name.length) !== 62) fallback()
    this.position = index + 3 + name.length
  }

  /** Reads character data up to the next tag, decoded; gives up at anything but plain text and simple references. */
  read(): string {
    const text = this.source
    const start = this.position
    const lt = text.indexOf('<', start)
    if (lt === -1 || lt >= this.end) fallback()
    this.position = lt
    if (lt === start) return ''
    const raw = text.slice(start, lt)
    if (!textSpecialRead.test(raw)) return raw
    // Exactly what the tree reader does for such text: refuse forbidden characters and "]]>", decode references.
    if (raw.includes('\r') || raw.includes(']]>') || findForbiddenCharacter(raw)) fallback()
    return decodeReferences(raw, fallback)
  }

  /** Whether the cursor has reached the end of the element's text. */
  atEnd(): boolean {
    return this.position === this.end
  }
}

/** Whether `text[a, a + length)` equals `text[b, b + length)`, without slicing either. */
function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let offset = 0; offset < length; offset++) if (text.charCodeAt(a + offset) !== text.charCodeAt(b + offset)) return false
  return true
}
