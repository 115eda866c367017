/**
 * The segment map of a TMX unit. TMX has no segments (TMX 1.4b §3: a `<tuv>` holds one `<seg>`), so a unit of
 * several segments is written as one `<seg>` per side holding them all, and a `<prop type="x-mizan-segments">`
 * keeps, for each segment, its id, how many characters and inline codes it takes from each side, its state,
 * subState and whether it is ignorable.
 *
 * The text always wins (issue #17): a CAT tool that edits a `<seg>` and keeps the props it does not know leaves a
 * map that no longer describes the text. A map is used only when it cuts the text exactly: its counts add up to
 * each side's characters and codes, every segment gets the counts its row asks for, and no cut falls inside a
 * surrogate pair. Anything else is reported, so the reader leaves the map out and keeps the text whole.
 *
 * @module
 * @internal
 */
import type { InlineContent, UnitSegment, UnitState } from '../types.js'
import { compactContent, contentOf, hasCodes, plainText, unitStates } from './common.js'
import { findForbiddenCharacter } from './xml.js'

/** One segment in the map: what the writer writes, and all the reader accepts. @internal */
export type SegmentRow = [id: string | null, sourceCharacters: number, sourceCodes: number, targetCharacters: number, targetCodes: number, state: UnitState | null, subState: string | null, ignorable: 0 | 1]

const codeCount = (content: InlineContent): number => content.reduce<number>((count, item) => (typeof item === 'string' ? count : count + 1), 0)
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
/** A string XML can carry: JSON escapes can spell control characters and lone surrogates, which no writer takes. @internal */
export const isText = (value: unknown): value is string => typeof value === 'string' && findForbiddenCharacter(value) === undefined

/** The map of a unit's segments, as the prop's text (JSON). @internal */
export function writeSegmentMap(segments: readonly UnitSegment[]): string {
  const rows: SegmentRow[] = segments.map((segment) => {
    const source = contentOf(segment, 'source')
    const target = contentOf(segment, 'target')
    return [segment.id ?? null, plainText(source).length, codeCount(source), plainText(target).length, codeCount(target), segment.state ?? null, segment.subState ?? null, segment.ignorable ? 1 : 0]
  })
  return JSON.stringify(rows)
}

/** Why a parsed value is not a list of rows, or undefined when it is one. */
function rowProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return 'is not a non-empty list of segment rows'
  for (let index = 0; index < value.length; index++) {
    const row: unknown = value[index]
    const valid =
      Array.isArray(row) &&
      row.length === 8 &&
      (row[0] === null || isText(row[0])) &&
      isCount(row[1]) &&
      isCount(row[2]) &&
      isCount(row[3]) &&
      isCount(row[4]) &&
      (row[5] === null || unitStates.has(row[5])) &&
      (row[6] === null || isText(row[6])) &&
      (row[7] === 0 || row[7] === 1)
    if (!valid) return `has row ${index + 1} ${JSON.stringify(row)}, expected [id or null, source characters, source codes, target characters, target codes, state or null, subState or null, 0 or 1]`
  }
  return undefined
}

/**
 * Cuts one side's content into the parts the rows ask for (`characters` and `codes` of each row, taken in
 * document order); a string describing the mismatch when the content does not fit exactly.
 */
function cut(content: InlineContent, rows: readonly SegmentRow[], side: 'source' | 'target'): InlineContent[] | string {
  const charactersAt = side === 'source' ? 1 : 3
  const total = plainText(content).length
  const codes = codeCount(content)
  let wantCharacters = 0
  let wantCodes = 0
  for (const row of rows) {
    wantCharacters += row[charactersAt] as number
    wantCodes += row[charactersAt + 1] as number
  }
  if (wantCharacters !== total || wantCodes !== codes) {
    return `gives the ${side} ${wantCharacters} characters and ${wantCodes} inline codes, but its <seg> holds ${total} and ${codes}`
  }
  const parts: InlineContent[] = []
  let index = 0
  let offset = 0
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
    const row = rows[rowIndex]!
    let needCharacters = row[charactersAt] as number
    let needCodes = row[charactersAt + 1] as number
    const part: InlineContent = []
    // Characters and codes are taken in document order, so a row cannot skip a code to reach text behind it.
    while (index < content.length && (needCharacters > 0 || needCodes > 0)) {
      const item = content[index]!
      if (typeof item === 'string') {
        if (needCharacters === 0) break
        const take = item.slice(offset, offset + needCharacters)
        part.push(take)
        needCharacters -= take.length
        offset += take.length
        if (offset >= item.length) {
          index++
          offset = 0
        }
      } else {
        if (needCodes === 0) break
        part.push(item)
        needCodes--
        index++
      }
    }
    if (needCharacters > 0 || needCodes > 0) return `cannot give ${side} segment ${rowIndex + 1} its ${row[charactersAt]} characters and ${row[charactersAt + 1]} codes in document order`
    for (const item of part) {
      if (typeof item !== 'string') continue
      const first = item.charCodeAt(0)
      const last = item.charCodeAt(item.length - 1)
      if ((first >= 0xdc00 && first <= 0xdfff) || (last >= 0xd800 && last <= 0xdbff)) return `cuts a surrogate pair (a character such as an emoji) in two at ${side} segment ${rowIndex + 1}`
    }
    parts.push(compactContent(part))
  }
  return parts
}

/**
 * The segments a map's text describes, cut from the unit's content; or a string saying why the map does not
 * describe this text (malformed, counts that do not add up, a cut inside a surrogate pair), to report.
 *
 * @param map - the prop's text
 * @param sourceContent - the source `<seg>` as read (compact)
 * @param targetContent - the target `<seg>` as read (compact)
 * @internal
 */
export function readSegmentMap(map: string, sourceContent: InlineContent, targetContent: InlineContent): UnitSegment[] | string {
  let value: unknown
  try {
    value = JSON.parse(map)
  } catch {
    return 'is not valid JSON'
  }
  const problem = rowProblem(value)
  if (problem !== undefined) return problem
  const rows = value as SegmentRow[]
  const sources = cut(sourceContent, rows, 'source')
  if (typeof sources === 'string') return sources
  const targets = cut(targetContent, rows, 'target')
  if (typeof targets === 'string') return targets
  return rows.map((row, index) => {
    const segment: UnitSegment = { source: plainText(sources[index]!), target: plainText(targets[index]!) }
    if (row[0] !== null) segment.id = row[0]
    if (hasCodes(sources[index]!)) segment.sourceContent = sources[index]!
    if (hasCodes(targets[index]!)) segment.targetContent = targets[index]!
    if (row[5] !== null) segment.state = row[5]
    if (row[6] !== null) segment.subState = row[6]
    if (row[7] === 1) segment.ignorable = true
    return segment
  })
}
