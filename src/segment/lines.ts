/**
 * Paragraphs and line breaks. A blank line (or U+2029 PARAGRAPH SEPARATOR, or a form feed) always ends a
 * sentence. A single line break ends one when the line is a heading or a list item, and is a space inside
 * hard-wrapped prose; `lineBreaks: 'break' | 'space'` forces either reading.
 *
 * @module
 * @internal
 */
import { ROMAN_NUMERAL } from './lists.js'
import { INVISIBLE_RE } from './patterns.js'

/**
 * How a single line break is read.
 * - `'auto'`: a break after a heading or list item, a space inside hard-wrapped prose.
 * - `'break'`: every line break ends a sentence (one sentence or item per line).
 * - `'space'`: a line break is white space; only the rules (and blank lines) end sentences.
 *
 * @example
 * ```ts
 * import { segmentSentences, type LineBreakMode } from 'mizan'
 * const mode: LineBreakMode = 'break'
 * segmentSentences('one line\nanother line', 'en', { lineBreaks: mode }).length // 2
 * ```
 * @group Segmentation
 */
export type LineBreakMode = 'auto' | 'break' | 'space'

/** A line's content range, trimmed of white space and invisible marks. @internal */
interface Line {
  /** Trimmed start. */
  start: number
  /** Trimmed end. */
  end: number
  /** Offset of the line terminator after it (or text length). */
  terminator: number
  /** The terminator itself ('' at the end of text). */
  terminatorText: string
}

const LINE_TERMINATOR = /\r\n|[\n\r\u2028\u2029\u000B\u000C\u0085]/g

/** Final punctuation: the line ends a sentence by itself, so the rules decide. */
const FINAL = /[.!?\u061F\u06D4\u2026\u203C\u2047-\u2049\u3002\uFF01\uFF0E\uFF1F\uFF61][\u00BB\u201D\u2019\u203A"')\]}\u300D\u300F\uFF09]*$/u
/** Punctuation that says the sentence goes on in the next line. */
const CONTINUES = /[,\u060C;\u061B\-\u2010\u2011&/]$/u
/**
 * A list item's start: a bullet, or a number, a letter or a roman numeral up to 39 (`ii)`, `XIV.`) with
 * `.` `)` `-` `:` after it.
 */
const LIST_START = new RegExp(
  String.raw`^(?:[\u2022\u25E6\u25AA\u25AB\u2023\u2043\u2219\u25CF\u25CB\u25A0\u25A1\u25BA\u25B6\u27A2\u2713\u2714\u00B7]|[*+\-\u2013\u2014](?=\s)|\(?(?:\p{Nd}{1,3}|${ROMAN_NUMERAL}|\p{L}\p{M}*)(?:\.\)|[.)\]:\-\u2013])(?=\s|$))`,
  'u',
)
const LOWER_START = /^\p{Ll}/u

function isSpaceOrInvisible(code: number, char: string): boolean {
  return code === 32 || code === 9 || (code > 127 && (/\s/u.test(char) || INVISIBLE_RE.test(char)))
}

/** Splits text into trimmed lines. @internal */
function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let lineStart = 0
  const push = (terminator: number, terminatorText: string) => {
    let start = lineStart
    let end = terminator
    while (start < end && isSpaceOrInvisible(text.charCodeAt(start), text[start]!)) start++
    while (end > start && isSpaceOrInvisible(text.charCodeAt(end - 1), text[end - 1]!)) end--
    lines.push({ start, end, terminator, terminatorText })
  }
  LINE_TERMINATOR.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = LINE_TERMINATOR.exec(text)) !== null) {
    push(match.index, match[0])
    lineStart = match.index + match[0].length
  }
  push(text.length, '')
  return lines
}

function wordCount(text: string): number {
  let count = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const space = code === 32 || code === 9 || code === 0xa0
    if (!space && !inWord) count++
    inWord = !space
  }
  return count
}

/**
 * Decides whether the line break between two non-blank lines of one block ends a sentence, in `'auto'` mode.
 * A heading or list item is short, or numbered or bulleted, and has no final punctuation; prose wrapped by
 * hand runs close to the block's longest line and goes on in lower case.
 */
function isAutoBreak(line: string, next: string, longest: number): boolean {
  // one list item a line, each ending with a stop: "i) Wash it.\nii) Dry it." (the rules would read "ii" as
  // a lower-case word going on)
  if (LIST_START.test(next) && LIST_START.test(line)) return true
  if (FINAL.test(line)) return false // the rules decide: "Mr.\nSmith" stays together, "end.\nNext" breaks
  if (LIST_START.test(line) || LIST_START.test(next)) return true
  if (CONTINUES.test(line)) return false
  if (wordCount(line) <= 3) return true
  if (LOWER_START.test(next)) return false
  return line.length <= 0.6 * longest
}

/**
 * Positions where paragraphs and line breaks end sentences: the end of the last non-blank line before a blank
 * line, and (by `mode`) the end of a line before a single line break.
 *
 * @param text - the whole input
 * @param mode - how single line breaks are read
 * @returns ascending break positions
 * @internal
 */
export function findLineBreaks(text: string, mode: LineBreakMode): number[] {
  const lines = splitLines(text)
  if (lines.length === 1) return []
  const breaks: number[] = []
  let blockStart = 0
  while (blockStart < lines.length) {
    while (blockStart < lines.length && lines[blockStart]!.start === lines[blockStart]!.end) blockStart++
    let blockEnd = blockStart
    let longest = 0
    // a block is a run of non-blank lines with single line breaks between them
    while (blockEnd < lines.length && lines[blockEnd]!.start < lines[blockEnd]!.end) {
      const line = lines[blockEnd]!
      longest = Math.max(longest, line.end - line.start)
      blockEnd++
      if (line.terminatorText === '\u2029' || line.terminatorText === '\f') break
    }
    if (mode !== 'space') {
      for (let i = blockStart; i < blockEnd - 1; i++) {
        const line = lines[i]!
        const next = lines[i + 1]!
        if (mode === 'break' || isAutoBreak(text.slice(line.start, line.end), text.slice(next.start, next.end), longest)) breaks.push(line.end)
      }
    }
    if (blockEnd > blockStart) breaks.push(lines[blockEnd - 1]!.end)
    blockStart = blockEnd
  }
  return breaks
}
