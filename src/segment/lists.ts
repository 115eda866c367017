/**
 * List items inside running text: `1. one 2. two`, `1) one 2) two`, `a. one b. two`, `أ. ... ب. ...`,
 * `• one • two`. Such lists are common in text pasted from documents whose line breaks were lost.
 *
 * A numbered or lettered list is only believed when it has at least two markers in sequence (n, n+1 in any
 * digit script; a, b; أ, ب in alphabetical or abjad order) with the same punctuation, and the first one stands
 * where a sentence may start. Bullets need two of the same kind in one paragraph. Each item then starts a
 * sentence, and the period of its marker (`1.`) never ends one. This goes beyond what SRX rules can say
 * (a sequence check), so it is an option of {@link segmentSentences}, not a rule.
 *
 * @module
 * @internal
 */

const BULLETS = '\\u2022\\u25E6\\u25AA\\u25AB\\u2023\\u2043\\u2219\\u25CF\\u25CB\\u25A0\\u25A1\\u25BA\\u25B6\\u27A2\\u2713\\u2714'
/**
 * Roman numerals from 1 to 39, lower or upper case (`iv`, `XII`); longer ones are rare as list markers. Also in
 * the line splitter's list-item start (lines.ts).
 *
 * @internal
 */
export const ROMAN_NUMERAL = 'x{0,3}(?:ix|iv|v?i{1,3}|v)|x{1,3}|X{0,3}(?:IX|IV|V?I{1,3}|V)|X{1,3}'
const MARKER = new RegExp(
  `(?:^|\\s)(?:(?:([${BULLETS}])[ \\t]*)?(?:\\(?(\\p{Nd}{1,3}|${ROMAN_NUMERAL}|[a-zA-Z]|[\\u0621-\\u063F\\u0641-\\u064A]\\u0640?)(\\.\\)|\\)|\\.)(?=\\s))|([${BULLETS}])(?=\\s))`,
  'gu',
)
/** What may stand before the first marker of a list: start, line break, terminator, colon. */
const OPENER = /[.!?\u061F\u06D4\u2026:\u00BB\u201D"')\]\n\r\u2028\u2029]/u

const DIGIT_ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xff10]
const ABJAD = 'أبجدهوزحطيكلمنسعفصقرشتثخذضظغ'
const HIJAI = 'أبتثجحخدذرزسشصضطظعغفقكلمنهوي'

function numberValue(digits: string): number {
  let value = 0
  for (const char of digits) {
    const code = char.charCodeAt(0)
    const zero = DIGIT_ZEROS.find((base) => code >= base && code <= base + 9)
    if (zero === undefined) return Number.NaN
    value = value * 10 + (code - zero)
  }
  return value
}

/** The value of a roman numeral made of i, v and x (either case), or 0 when `text` is not one. */
function romanValue(text: string): number {
  const digits: Record<string, number> = { i: 1, v: 5, x: 10 }
  let value = 0
  const lower = text.toLowerCase()
  for (let i = 0; i < lower.length; i++) {
    const digit = digits[lower[i]!]
    if (digit === undefined) return 0
    const next = digits[lower[i + 1] ?? ''] ?? 0
    value += next > digit ? -digit : digit
  }
  return value
}

function follows(previousMarker: string, currentMarker: string): boolean {
  // the abjad letter هـ is written with a tatweel so it is not read as a pronoun
  const previous = previousMarker.replace('\u0640', '')
  const current = currentMarker.replace('\u0640', '')
  const a = numberValue(previous)
  const b = numberValue(current)
  if (!Number.isNaN(a) && !Number.isNaN(b)) return b === a + 1
  if (/^[a-z]$/.test(previous) && /^[a-z]$/.test(current)) return current.charCodeAt(0) === previous.charCodeAt(0) + 1
  if (/^[A-Z]$/.test(previous) && /^[A-Z]$/.test(current)) return current.charCodeAt(0) === previous.charCodeAt(0) + 1
  const romanPrevious = romanValue(previous)
  if (romanPrevious > 0 && romanValue(current) === romanPrevious + 1 && (previous === previous.toLowerCase()) === (current === current.toLowerCase())) return true
  for (const order of [ABJAD, HIJAI]) {
    const i = order.indexOf(previous)
    if (i !== -1 && order[i + 1] === current) return true
  }
  return false
}

function standsAtSentenceStart(text: string, index: number, paragraphStart: number): boolean {
  let i = index - 1
  while (i >= paragraphStart && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u00A0')) i--
  return i < paragraphStart || OPENER.test(text[i]!)
}

interface Marker {
  start: number
  end: number
  bullet: string | undefined
  value: string | undefined
  style: string
}

/**
 * Finds list items: where each starts (a break) and where its marker ends (never a break).
 *
 * @param text - the whole input
 * @param paragraphBreaks - ascending positions that end paragraphs or lines; lists do not run across them
 * @returns `breaks` before items and `keeps` after markers, both ascending
 * @internal
 */
export function findListItems(text: string, paragraphBreaks: readonly number[]): { breaks: number[]; keeps: number[] } {
  const breaks: number[] = []
  const keeps: number[] = []
  let paragraph = 0
  let paragraphStart = 0
  let markers: Marker[] = []
  const flush = (paragraphEnd: number) => {
    if (markers.length >= 2) collect(markers, text, paragraphStart, paragraphEnd, breaks, keeps)
    // a marker alone at the start of a line ("• 9. Stop smoking", "ii. Rinse") is still a marker: its period ends
    // nothing (a single letter, "a. here", is left to the rules, which read it as an initial)
    for (const marker of markers) if (startsLine(text, marker.start) && (marker.bullet !== undefined || !/^[a-zA-Z]$/.test(marker.value ?? ''))) keeps.push(marker.end)
    markers = []
  }
  MARKER.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = MARKER.exec(text)) !== null) {
    while (paragraph < paragraphBreaks.length && paragraphBreaks[paragraph]! <= match.index) {
      flush(paragraphBreaks[paragraph]!)
      paragraphStart = paragraphBreaks[paragraph]!
      paragraph++
    }
    const bullet = match[1] ?? match[4]
    // the pattern consumes the white space before a marker (a fast first-character check), so skip it
    const lead = match.index === 0 && !/^\s/u.test(match[0]) ? 0 : match[0].length - match[0].trimStart().length
    markers.push({ start: match.index + lead, end: match.index + match[0].length, bullet, value: match[2], style: match[3] ?? '' })
  }
  flush(text.length)
  breaks.sort((a, b) => a - b)
  keeps.sort((a, b) => a - b)
  return { breaks, keeps }
}

function startsLine(text: string, index: number): boolean {
  let i = index - 1
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u00A0')) i--
  return i < 0 || text[i] === '\n' || text[i] === '\r' || text[i] === '\u2028'
}

/**
 * Where the last item of a list ends at a single line break before a line that does not go on in lower case
 * ("c. one more\nThey went home."): the list is over. Scans from `from` to `to` once.
 */
function itemLineEnd(text: string, from: number, to: number): number | undefined {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i)
    if (code !== 0x0a && code !== 0x0d && code !== 0x2028) continue
    let next = code === 0x0d && text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1
    while (next < to && (text[next] === ' ' || text[next] === '\t' || text[next] === '\u00A0')) next++
    return next < to && !/[\p{Ll}\s]/u.test(text[next]!) ? i : undefined
  }
  return undefined
}

function collect(markers: readonly Marker[], text: string, paragraphStart: number, paragraphEnd: number, breaks: number[], keeps: number[]): void {
  const items = new Set<Marker>()
  const bulletCounts = new Map<string, number>()
  for (const marker of markers) if (marker.bullet) bulletCounts.set(marker.bullet, (bulletCounts.get(marker.bullet) ?? 0) + 1)
  for (const marker of markers) if (marker.bullet && bulletCounts.get(marker.bullet)! >= 2) items.add(marker)
  // numbered and lettered chains, one open chain per punctuation style
  const open = new Map<string, Marker[]>()
  const chains: Marker[][] = []
  for (const marker of markers) {
    if (marker.value === undefined) continue
    const chain = open.get(marker.style)
    const last = chain?.[chain.length - 1]
    if (chain && last && follows(last.value!, marker.value)) {
      chain.push(marker)
    } else if (standsAtSentenceStart(text, marker.start, paragraphStart) && !(marker.style === '.' && /^[A-Z]$/.test(marker.value) && romanValue(marker.value) === 0)) {
      // (a capital with a period opens no list: "A. Smith and B. Jones" are initials)
      const fresh = [marker]
      open.set(marker.style, fresh)
      chains.push(fresh)
    }
  }
  for (const chain of chains) if (chain.length >= 2) for (const marker of chain) items.add(marker)
  let lastItem: Marker | undefined
  for (const marker of items) {
    if (marker.start > paragraphStart) breaks.push(marker.start)
    keeps.push(marker.end)
    if (!lastItem || marker.start > lastItem.start) lastItem = marker
  }
  if (lastItem) {
    const end = itemLineEnd(text, lastItem.end, paragraphEnd)
    if (end !== undefined) breaks.push(end)
  }
}
