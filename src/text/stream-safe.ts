/**
 * Unicode normalisation in linear time. `String.prototype.normalize` sorts each run of combining marks into
 * canonical order with a quadratic sort (V8/ICU: 0.4 ms for 1,000 Arabic marks in alternating order, 3.5 s for
 * 100,000; issue #17), so a hostile text of nothing but marks after one letter stalls every caller. Real text
 * never has more than a handful of marks on one letter: UAX #15 §13 ("Stream-Safe Text Format") bounds a run at
 * 30 non-starters, and this module normalises a longer run 30 marks at a time, which is what normalising the
 * stream-safe form of the text gives, minus the U+034F COMBINING GRAPHEME JOINER it would insert. Text without
 * such a run is normalised as a whole, exactly as `normalize` does.
 *
 * @module
 * @internal
 */

/** Longest run of combining marks normalised in one piece (UAX #15 §13). */
const MAX_RUN = 30

/** Per BMP code unit: 1 for a combining mark, 0 for anything else, -1 not yet known (filled on first sight). */
const IS_MARK = new Int8Array(0x10000).fill(-1)
const MARK = /^\p{M}$/u

/** Whether the character that the code unit at `index` belongs to is a combining mark. */
function isMarkAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  if (code < 0x300) return false // no mark below U+0300
  if (code >= 0xd800 && code <= 0xdfff) {
    // half of an astral character (Brahmi, musical symbols...): rare, so test the pair directly
    const start = code >= 0xdc00 ? index - 1 : index
    return MARK.test(text.slice(start, start + 2))
  }
  let mark = IS_MARK[code]!
  if (mark < 0) IS_MARK[code] = mark = MARK.test(String.fromCharCode(code)) ? 1 : 0
  return mark === 1
}

/**
 * Whether `text` has a run of more than {@link MAX_RUN} combining marks. Any such run covers one of every
 * 31st code unit, so only those are looked at, and the run around one that is a mark is measured: ordinary
 * text costs a thirtieth of a pass (a regex such as `\p{M}{31}` costs as much as the normalisation itself).
 */
function hasLongRun(text: string): boolean {
  for (let index = MAX_RUN; index < text.length; index += MAX_RUN + 1) {
    if (!isMarkAt(text, index)) continue
    let start = index
    while (start > 0 && isMarkAt(text, start - 1)) start--
    let end = index + 1
    while (end < text.length && isMarkAt(text, end)) end++
    let marks = 0
    for (let unit = start; unit < end; unit++) {
      const code = text.charCodeAt(unit)
      if (code < 0xdc00 || code > 0xdfff) marks++ // count characters, not the low halves of pairs
    }
    if (marks > MAX_RUN) return true
    index = end - 1 // the next look at end + 30 still meets every later run of 31
  }
  return false
}

/** Each full piece of a long run that more marks follow: the cut goes after it. */
const CUT = new RegExp(`\\p{M}{${MAX_RUN}}(?=\\p{M})`, 'gu')

/**
 * `text.normalize(form)`, cut inside runs of more than 30 combining marks so it never takes quadratic time.
 *
 * @param text - any text
 * @param form - the normalisation form
 * @returns the normalised text; the same as `text.normalize(form)` when no run of marks is longer than 30
 * @example
 * ```ts
 * import { normalizeStreamSafe } from './stream-safe.js'
 * normalizeStreamSafe('ﻻ', 'NFKC') // 'لا'
 * normalizeStreamSafe('ب' + '\u064E\u0651'.repeat(50_000), 'NFKC').length // 100001, in milliseconds
 * ```
 * @internal
 */
export function normalizeStreamSafe(text: string, form: 'NFC' | 'NFD' | 'NFKC' | 'NFKD'): string {
  if (!hasLongRun(text)) return text.normalize(form)
  let out = ''
  let pieceStart = 0
  CUT.lastIndex = 0
  for (let match = CUT.exec(text); match !== null; match = CUT.exec(text)) {
    const cut = match.index + match[0].length
    out += text.slice(pieceStart, cut).normalize(form)
    pieceStart = cut
  }
  return out + text.slice(pieceStart).normalize(form)
}
