/**
 * Bidi isolation for the editor's cells: inside Arabic text, runs of Latin letters and digits (names, numbers,
 * codes) are isolated so they do not reorder their neighbours (Unicode Bidirectional Algorithm, UAX #9, and HTML's
 * `<bdi>`); inside English text, runs of Arabic script are.
 *
 * @module
 * @internal
 */

/** A piece of a sentence: plain text, or a run to wrap in `<bdi>`. @internal */
export interface TextRun {
  text: string
  isolate: boolean
}

/** Latin words and numbers (with their inner separators, e.g. 2,000.5 or 14:30 or COVID-19), any digit script. */
const latinRun = /[A-Za-z0-9\u0660-\u0669\u06F0-\u06F9\u00C0-\u024F]+(?:[.,:/%-][A-Za-z0-9\u0660-\u0669\u06F0-\u06F9\u00C0-\u024F]+)*%?/g
/** Arabic-script runs, with the spaces between their words. */
const arabicRun = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+(?:\s+[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+)*/g

/**
 * Splits a sentence into runs, marking the ones to isolate.
 *
 * @param text - the sentence
 * @param rtl - true for a right-to-left cell (isolate Latin and numbers), false for a left-to-right one (isolate Arabic)
 * @returns the runs, whose texts joined give `text` back
 * @example
 * ```ts
 * isolateRuns('حضر 15 رئيسا من SCO', true)
 * // [{ text: 'حضر ', isolate: false }, { text: '15', isolate: true }, { text: ' رئيسا من ', isolate: false }, { text: 'SCO', isolate: true }]
 * ```
 * @internal
 */
export function isolateRuns(text: string, rtl: boolean): TextRun[] {
  const pattern = new RegExp(rtl ? latinRun : arabicRun)
  const runs: TextRun[] = []
  let last = 0
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) runs.push({ text: text.slice(last, match.index), isolate: false })
    runs.push({ text: match[0], isolate: true })
    last = match.index + match[0].length
  }
  if (last < text.length) runs.push({ text: text.slice(last), isolate: false })
  return runs
}
