/**
 * Puts the letters of a ligature glyph back in their order in right-to-left text read from a PDF.
 *
 * A PDF shows Arabic in visual order, glyph by glyph, and its `ToUnicode` CMap maps each glyph to the characters
 * it stands for, in logical order (ISO 32000-1 §9.10.3): LibreOffice maps its lam-alef glyph to U+0644 U+0627
 * (لا). pdf.js joins the glyphs' strings and reverses the whole run character by character to get logical order,
 * so the two letters of one glyph come out swapped: العلاقات reads as العالقات. The same problem, and the same
 * cure (reverse glyphs, not characters), is known to PDFBox (PDFBOX-4531) and pypdf (#1589).
 *
 * pdf.js does not say which characters of a text item came from one glyph, but its operator list holds the same
 * glyphs, in the same order, each with its own string. This module walks the two together: each text item takes
 * as many glyphs as it has non-space characters, and in a right-to-left item whose Arabic letters are exactly the
 * glyphs' letters reversed character by character (what pdf.js did), the letters are written back reversed glyph
 * by glyph. Any doubt (an item whose characters are not the glyphs', a glyph split between two items, a letter
 * order that is not a plain reversal) leaves the rest of the page as pdf.js gave it: the fix never guesses.
 *
 * @module
 * @internal
 */

/** The part of a pdf.js text item this fix reads and writes. @internal */
export interface LigatureTextItem {
  str: string
  dir: string
}

/**
 * Characters a right-to-left run keeps mirrored: Arabic-script letters and marks (strong right-to-left, or
 * marks taking their letter's level), not the digits and number signs that the bidi algorithm turns back
 * (UAX #9 W2, L2: European digits after Arabic letters, and Arabic-Indic digits, are numbers at an even level).
 */
const mirrored = /[\u0606-\u065F\u066A\u066D-\u06DC\u06DE-\u06EF\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u

/** The mirrored characters of a string, in its order. */
function mirroredOf(text: string): string[] {
  return [...text].filter((char) => mirrored.test(char))
}

/** A glyph string spanning more than one mirrored character: one glyph whose letters pdf.js reverses. */
function isSplitGlyph(text: string): boolean {
  return mirroredOf(text).length > 1
}

/** The characters of a string that are not white space. */
function visible(text: string): string[] {
  return [...text].filter((char) => !/\s/u.test(char))
}

/**
 * Rewrites the text items of one page in place: in each right-to-left item, the letters of every glyph that
 * stands for several Arabic characters are put back in the glyph's own order.
 *
 * @param items - the page's text items (pdf.js `getTextContent`), in order; items without `str` are skipped
 * @param glyphs - the page's glyph strings in drawing order (pdf.js `getOperatorList`, each `showText` glyph's
 *   `unicode`), normalized as pdf.js normalizes text items
 * @returns how many glyphs were put back in order (0 when the page needed none, or when the walk lost step)
 * @example
 * ```ts
 * const items = [{ str: 'العالقات', dir: 'rtl' }]
 * restoreLigatureOrder(items, ['ت', 'ا', 'ق', 'لا', 'ع', 'ل', 'ا']) // 1
 * items[0].str // 'العلاقات'
 * ```
 * @internal
 */
export function restoreLigatureOrder(items: Array<LigatureTextItem | object>, glyphs: readonly string[]): number {
  if (!glyphs.some(isSplitGlyph)) return 0
  let next = 0
  let restored = 0
  for (const entry of items) {
    if (!('str' in entry) || typeof entry.str !== 'string') continue
    const item = entry as LigatureTextItem
    const chars = visible(item.str)
    if (chars.length === 0) continue
    // The glyphs of this item: as many as cover exactly its non-space characters.
    const own: string[] = []
    const ownChars: string[] = []
    while (ownChars.length < chars.length && next < glyphs.length) {
      const glyph = glyphs[next++]!
      const glyphChars = visible(glyph)
      if (glyphChars.length > 0) own.push(glyph)
      ownChars.push(...glyphChars)
    }
    if (!sameCharacters(chars, ownChars)) return restored
    if (item.dir !== 'rtl' || !own.some(isSplitGlyph)) continue
    // pdf.js reversed the item character by character: its Arabic letters are the glyphs' letters reversed.
    const letters = own.flatMap(mirroredOf)
    if (mirroredOf(item.str).join('') !== letters.reverse().join('')) return restored
    // Reversed glyph by glyph instead, each glyph keeping its own order.
    const right = [...own].reverse().flatMap(mirroredOf)
    let at = 0
    item.str = [...item.str].map((char) => (mirrored.test(char) ? right[at++]! : char)).join('')
    restored += own.filter(isSplitGlyph).length
  }
  return restored
}

/** Whether the item's characters are the glyphs' characters, in any order (the bidi algorithm reorders). */
function sameCharacters(chars: readonly string[], glyphChars: readonly string[]): boolean {
  const own = [...glyphChars].sort()
  const sorted = [...chars].sort()
  return own.length === sorted.length && own.every((char, index) => char === sorted[index])
}
