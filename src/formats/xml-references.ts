/**
 * Decoding of references in character data and attribute values, for the tree reader and the fast path alike:
 * the five predefined entities (XML 1.0 §4.6) and character references (§4.1), nothing else.
 *
 * Why a hand-written scanner: `text.replace(pattern, callback)` called a function and made two or three strings
 * per reference, and V8 held every piece until the end; 5 MB of `&amp;` took 2.7 s and a heap of 169 MB, 34
 * times the input (issue #17). Here each reference costs a few character comparisons: short plain runs and
 * decoded characters are written as UTF-16 code units into a scratch array that becomes a string every
 * {@link SCRATCH_UNITS} units, and long plain runs are kept as slices of the input; the result is joined once.
 * Work and memory are linear in the text, with a small constant (2 bytes per character at most, transiently).
 *
 * @module
 * @internal
 */

/**
 * Why a reference was refused.
 *
 * @example
 * ```ts
 * const problem: ReferenceProblem = 'undefined' // &nbsp;
 * ```
 * @internal
 */
export type ReferenceProblem =
  /** An `&` that does not start a reference ending in `;` within 32 characters. */
  | 'malformed'
  /** A name other than the five predefined entities and character references (an entity to expand). */
  | 'undefined'
  /** A character reference to a character XML 1.0 does not allow. */
  | 'illegal'

/**
 * Called for a refused reference; it must throw. `offset` is where its `&` is in the text, `reference` its text
 * (`&name;`, or for a malformed one the characters from the `&`).
 *
 * @example
 * ```ts
 * const fail: ReferenceFailure = (offset, problem, reference) => {
 *   throw new Error(`${problem} reference ${reference} at ${offset}`)
 * }
 * ```
 * @internal
 */
export type ReferenceFailure = (offset: number, problem: ReferenceProblem, reference: string) => never

/**
 * Strings {@link decodeReferences} made (pieces of its result), for tests that bound its memory: a few per
 * {@link SCRATCH_UNITS} characters and per long plain run, never one per reference. Only grows.
 *
 * @example
 * ```ts
 * const before = referenceWork.strings
 * decodeReferences('&amp;'.repeat(100_000), fail)
 * referenceWork.strings - before // 13 (100,000 code units in scratch strings of 8,192)
 * ```
 * @internal
 */
export const referenceWork = { strings: 0 }

/** Code units gathered before they become a string (small enough for `String.fromCharCode.apply`). */
const SCRATCH_UNITS = 8192
/** A plain run at least this long is kept as a slice of the input rather than copied unit by unit. */
const LONG_RUN = 64
/** Longest name after `&` (more is malformed). */
const MAX_NAME = 32

const scratch = new Uint16Array(SCRATCH_UNITS)
/** The scratch's bytes, read back as UTF-16LE: far cheaper than `String.fromCharCode.apply` (and keeps lone surrogates as they are). */
const scratchBytes = Buffer.from(scratch.buffer)
const whiteSpace = /\s/

/** Whether a name after `&` ends before this character: `;`, `&` or white space (as `\s` in a regex). */
function endsName(code: number): boolean {
  if (code === 59 /* ; */ || code === 38 /* & */) return true
  if (code < 128) return code === 32 || (code >= 9 && code <= 13)
  return whiteSpace.test(String.fromCharCode(code))
}

/** Whether a code point is a Char of XML 1.0 (§2.2). */
function isXmlCharacter(codePoint: number): boolean {
  if (codePoint < 0x20) return codePoint === 9 || codePoint === 10 || codePoint === 13
  return codePoint <= 0xd7ff || (codePoint >= 0xe000 && codePoint <= 0xfffd) || (codePoint >= 0x10000 && codePoint <= 0x10ffff)
}

/**
 * The code point a name of a character reference (`#65`, `#x41`) stands for; -1 when the name is not one
 * (`x` must be lower case, at least one digit); above 0x10FFFF it is 0x110000.
 */
function characterReference(text: string, start: number, end: number): number {
  if (text.charCodeAt(start) !== 35 /* # */) return -1
  const hex = text.charCodeAt(start + 1) === 120 /* x */
  let index = hex ? start + 2 : start + 1
  if (index >= end) return -1
  let value = 0
  for (; index < end; index++) {
    const code = text.charCodeAt(index)
    let digit: number
    if (code >= 48 && code <= 57) digit = code - 48
    else if (hex && code >= 97 && code <= 102) digit = code - 87
    else if (hex && code >= 65 && code <= 70) digit = code - 55
    else return -1
    value = Math.min(0x110000, value * (hex ? 16 : 10) + digit)
  }
  return value
}

/** The character a predefined entity name stands for (as a code unit); -1 for any other name. */
function predefinedEntity(text: string, start: number, end: number): number {
  const length = end - start
  const a = text.charCodeAt(start)
  const b = text.charCodeAt(start + 1)
  if (length === 2 && b === 116 /* t */) return a === 108 /* l */ ? 60 : a === 103 /* g */ ? 62 : -1
  if (length === 3 && a === 97 && b === 109 && text.charCodeAt(start + 2) === 112) return 38 // amp
  if (length === 4) {
    const c = text.charCodeAt(start + 2)
    const d = text.charCodeAt(start + 3)
    if (a === 113 && b === 117 && c === 111 && d === 116) return 34 // quot
    if (a === 97 && b === 112 && c === 111 && d === 115) return 39 // apos
  }
  return -1
}

/**
 * Decodes the references in `text`.
 *
 * @param text - character data or an attribute value, line ends already normalised, without lone surrogates
 * @param fail - called (and must throw) at the first reference that is refused
 * @returns the decoded text (`text` itself when it holds no `&`)
 * @example
 * ```ts
 * decodeReferences('a &amp; b &#x627;', () => { throw new Error('refused') }) // 'a & b ا'
 * ```
 * @internal
 */
export function decodeReferences(text: string, fail: ReferenceFailure): string {
  let index = text.indexOf('&')
  if (index === -1) return text
  const length = text.length
  const parts: string[] = []
  if (index > 0) parts.push(text.slice(0, index))
  let units = 0
  // At the top of the loop, text[index] is an "&" and everything before it is in `parts` or the scratch.
  for (;;) {
    // Room for a reference (2 units) and a short run after it.
    if (units + LONG_RUN + 2 > SCRATCH_UNITS) {
      parts.push(scratchBytes.toString('utf16le', 0, 2 * units))
      units = 0
    }
    // The name: up to MAX_NAME characters before ";", "&" or white space; then ";" is required.
    const nameStart = index + 1
    const limit = Math.min(length, nameStart + MAX_NAME)
    let nameEnd = nameStart
    while (nameEnd < limit && !endsName(text.charCodeAt(nameEnd))) nameEnd++
    if (text.charCodeAt(nameEnd) !== 59 /* ; */) fail(index, 'malformed', text.slice(index, nameEnd))
    const entity = predefinedEntity(text, nameStart, nameEnd)
    if (entity !== -1) {
      scratch[units++] = entity
    } else {
      const codePoint = characterReference(text, nameStart, nameEnd)
      if (codePoint === -1) fail(index, 'undefined', text.slice(index, nameEnd + 1))
      if (!isXmlCharacter(codePoint)) fail(index, 'illegal', text.slice(index, nameEnd + 1))
      if (codePoint < 0x10000) scratch[units++] = codePoint
      else {
        scratch[units++] = 0xd800 + ((codePoint - 0x10000) >> 10)
        scratch[units++] = 0xdc00 + ((codePoint - 0x10000) & 0x3ff)
      }
    }
    // The plain run after it: copied unit by unit while it is short (dense references cost no indexOf call),
    // kept as a slice once it proves long.
    const runStart = nameEnd + 1
    const runLimit = Math.min(length, runStart + LONG_RUN)
    const mark = units
    index = runStart
    let code = 0
    while (index < runLimit && (code = text.charCodeAt(index)) !== 38 /* & */) {
      scratch[units++] = code
      index++
    }
    if (index < runLimit) continue
    if (index === length) break
    units = mark
    if (units > 0) parts.push(scratchBytes.toString('utf16le', 0, 2 * units))
    units = 0
    index = text.indexOf('&', index)
    parts.push(text.slice(runStart, index === -1 ? length : index))
    if (index === -1) break
  }
  if (units > 0) parts.push(scratchBytes.toString('utf16le', 0, 2 * units))
  referenceWork.strings += parts.length
  return parts.length === 1 ? parts[0]! : parts.join('')
}
