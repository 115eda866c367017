/**
 * The search commands: `mizan lookup` (exact and context matches), `mizan search` (fuzzy, with match percent
 * and the differences highlighted) and `mizan concordance` (units containing some words).
 *
 * Exit code 1 when nothing is found, so scripts can branch on it; the output then says so in words.
 *
 * @module
 * @internal
 */
import { Option, type Command } from 'commander'
import type { DiffPart } from '../../tm/match-diff.js'
import { isWordToken } from '../../tm/tokenize.js'
import { needsReview } from '../../tm/needs-review.js'
import type { FuzzyMatch, LookupMatch } from '../../tm/translation-memory.js'
import { resolveSearchSide, type SearchSide } from '../../tm/search-side.js'
import type { TranslationUnit } from '../../types.js'
import type { MatchPart } from '../../tm/unit-parts.js'
import { readStandardInputOnce, textArgument } from '../input.js'
import { NoResult, painter, terminalText, type CliIo, type Paint } from '../io.js'
import { openMemory, type OpenMemory } from '../memory.js'
import { integerIn, jsonOption } from '../options.js'

type Side = 'source' | 'target'

/** `--side`: source, target, or auto (the default: the query's script picks the side, see search-side.ts). */
function searchSideOption(): Option {
  return new Option('--side <side>', "the side to search: source, target, or auto (the side whose language is written in the query's script)")
    .choices(['source', 'target', 'auto'])
    .default('auto')
}

/** The side a query searches (what `auto` resolves to), as the memory resolves it. */
function searchedSide(memory: OpenMemory, query: string, side: SearchSide): Side {
  return resolveSearchSide(query, side, memory.tm.sourceLang, memory.tm.targetLang)
}

/** `on the target side (en)`: said with every answer, so an English query never fails silently on the Arabic side. */
function sideNote(memory: OpenMemory, side: Side): string {
  return `on the ${side} side (${side === 'source' ? memory.tm.sourceLang : memory.tm.targetLang})`
}

/** The first line of a non-empty answer: how many, of what, on which side. */
function countLine(count: number, what: string, memory: OpenMemory, side: Side): string {
  return `${count} ${what}${count === 1 ? '' : 'es'} ${sideNote(memory, side)}`
}

/**
 * The percentage a CAT tool shows: 101 for a context match, else the score rounded down, so only identical
 * text shows 100 (0.99, a match that differs in diacritics or punctuation only, shows 99).
 * @internal
 */
export function matchPercent(match: { score: number; kind?: LookupMatch['kind'] | undefined }): number {
  if (match.kind === 'context') return 101
  return Math.min(100, Math.floor(match.score * 100 + 1e-9))
}

/** Joins tokens as text: a space between words, none before punctuation. Used for query-only tokens. */
function joinTokens(tokens: readonly string[]): string {
  return tokens.map((token, index) => (index === 0 || !isWordToken(token) ? token : ` ${token}`)).join('')
}

/**
 * Renders a token diff over the match's own text for a terminal: the match text as written (spacing, quotes
 * and punctuation in place), with what only the match has marked as added and what only the query has
 * inserted where it was dropped. With colour, added text is green and underlined and removed text red and
 * struck through; without colour (piped output) the marks are `{+match only+}` and `[-query only-]`, as
 * `wdiff` writes them.
 *
 * @param parts - the diff from the query to the match (`FuzzyMatch.diff`)
 * @param matchText - the match's text on the searched side, which the equal and added tokens come from
 * @internal
 */
export function renderDiff(parts: readonly DiffPart[], matchText: string, paint: Paint, color: boolean): string {
  const mark = (op: 'added' | 'removed', text: string): string => {
    if (op === 'added') return color ? paint('green', paint('underline', text)) : `{+${text}+}`
    return color ? paint('red', paint('strike', text)) : `[-${text}-]`
  }
  let out = ''
  let cursor = 0
  for (const part of parts) {
    if (part.tokens.length === 0) continue
    if (part.op === 'removed') {
      out += (out === '' || /\s$/.test(out) ? '' : ' ') + mark('removed', joinTokens(part.tokens))
      continue
    }
    // Find the part's tokens in the match text, in order; they are raw slices of it.
    let first = -1
    let end = cursor
    for (const token of part.tokens) {
      const at = matchText.indexOf(token, end)
      if (at < 0) continue
      if (first < 0) first = at
      end = at + token.length
    }
    if (first < 0) continue
    out += matchText.slice(cursor, first)
    const text = matchText.slice(first, end)
    out += part.op === 'added' ? mark('added', text) : text
    cursor = end
  }
  return out + matchText.slice(cursor)
}

function languages(memory: OpenMemory, side: Side): { query: string; other: string } {
  const { sourceLang, targetLang } = memory.tm
  return side === 'source' ? { query: sourceLang, other: targetLang } : { query: targetLang, other: sourceLang }
}

/** Prints one match: its headline, the searched side's text (plain or with the differences marked), then the other side. */
function printUnit(io: CliIo, headline: string, searchedText: string, unit: TranslationUnit, side: Side, lang: { query: string; other: string }): void {
  io.out(headline)
  io.out(`  ${terminalText(io, searchedText, lang.query)}`)
  io.out(`  ${terminalText(io, side === 'source' ? unit.target : unit.source, lang.other)}`)
}

/**
 * Which unit a match is, for its headline: the unit's id, or for a part match (one sentence of a multi-sentence
 * bead, issue #14) `part 2 of 3 of unit <id>`, in words so it reads without colour.
 * @internal
 */
export function matchedUnit(match: { unit: TranslationUnit; part?: MatchPart | undefined }, paint: Paint): string {
  if (match.part === undefined) return paint('dim', match.unit.id)
  return `${paint('bold', `part ${match.part.index + 1} of ${match.part.count}`)} ${paint('dim', `of unit ${match.unit.id}`)}`
}

/** The text a match was found in on the searched side: the unit's, or the matched sentence's for a part match. */
function matchedText(match: { unit: TranslationUnit; part?: MatchPart | undefined }, side: Side): string {
  const text = side === 'source' ? match.unit.source : match.unit.target
  return match.part === undefined ? text : text.slice(match.part.start, match.part.end)
}

function unitJson(unit: TranslationUnit): Record<string, unknown> {
  return {
    id: unit.id,
    source: unit.source,
    target: unit.target,
    ...(unit.state === undefined ? {} : { state: unit.state }),
    ...(unit.subState === undefined ? {} : { subState: unit.subState }),
    needsReview: needsReview(unit),
    ...(unit.alignment ? { alignment: unit.alignment } : {}),
    ...(unit.origin ? { origin: unit.origin } : {}),
  }
}

/**
 * What a match's headline says about its unit: `[needs review, aligned 0.64]`, `[translated, aligned 0.97]`,
 * `[reviewed]`; empty for a unit with neither state nor alignment. Words, not colour alone, say "needs review";
 * colour (yellow) only repeats it.
 * @internal
 */
export function unitStatus(unit: TranslationUnit, paint: Paint): string {
  const review = needsReview(unit)
  const parts: string[] = []
  if (review) parts.push('needs review')
  else if (unit.state !== undefined) parts.push(unit.state)
  if (unit.alignment !== undefined) parts.push(`aligned ${unit.alignment.score.toFixed(2)}`)
  if (parts.length === 0) return ''
  const status = `[${parts.join(', ')}]`
  return `  ${review ? paint('yellow', status) : paint('dim', status)}`
}

/** `--no-parts`, shared by lookup and search. */
const partsHelp = 'match whole units only, not also each sentence of a unit made from several (a 2-1 bead); part matches are shown as "part 2 of 2 of unit …"'

/** A part match's `part` for JSON output (nothing for a whole-unit match). */
function partJson(match: { part?: MatchPart | undefined }): { part?: MatchPart } {
  return match.part === undefined ? {} : { part: match.part }
}

/** `--exclude-needs-review`, shared by the three commands. */
const excludeNeedsReviewHelp = 'leave out units that need review (pairs the aligner was not confident about); they are shown, marked, by default'

async function withMemory<T>(path: string, fn: (memory: OpenMemory) => Promise<T>): Promise<T> {
  const memory = await openMemory(path, { create: false })
  try {
    return await fn(memory)
  } finally {
    await memory.close()
  }
}

/** Adds `lookup`, `search` and `concordance`. @internal */
export function registerSearch(program: Command, io: CliIo): void {
  const paint = painter(io)

  program
    .command('lookup')
    .description('find exact matches of a text (context matches first)')
    .argument('<tm.xlf>', 'the memory (an XLIFF 2 file; or sqlite:/postgres://)')
    .argument('<text>', 'the text to find, or - for standard input')
    .addOption(searchSideOption())
    .option('--previous <text>', 'the sentence before <text> in its document: an exact match with the same previous sentence is a context match (101%)')
    .option('--no-parts', partsHelp)
    .option('--exclude-needs-review', excludeNeedsReviewHelp)
    .addOption(jsonOption())
    .addHelpText('after', '\nExit code 1 when there is no match.\nExample:\n  mizan lookup tm.xlf "شكرا جزيلا."')
    .action(async (path: string, text: string, flags: { side: SearchSide; previous?: string; parts: boolean; excludeNeedsReview?: boolean; json?: boolean }) => {
      readStandardInputOnce([path, text])
      const query = textArgument(text)
      const matches = await withMemory(path, async (memory) => {
        const side = searchedSide(memory, query, flags.side)
        const found = await memory.tm.lookup(query, { side, parts: flags.parts, includeNeedsReview: !flags.excludeNeedsReview, ...(flags.previous === undefined ? {} : { context: { previous: flags.previous } }) })
        const lang = languages(memory, side)
        if (flags.json) io.out(JSON.stringify({ query, side, matches: found.map((match) => ({ percent: matchPercent(match), kind: match.kind, score: match.score, ...partJson(match), unit: unitJson(match.unit) })) }, null, 2))
        else if (found.length === 0) io.out(`no exact match ${sideNote(memory, side)}`)
        else {
          io.out(countLine(found.length, 'exact match', memory, side))
          for (const match of found) {
            const unit = match.unit
            const headline = `${paint('bold', `${matchPercent(match)}%`)}  ${match.kind}  ${matchedUnit(match, paint)}${unitStatus(unit, paint)}`
            printUnit(io, headline, matchedText(match, side), unit, side, lang)
          }
        }
        return found.length
      })
      if (matches === 0) throw new NoResult()
    })

  program
    .command('search')
    .description('fuzzy search: units whose text is close to the query, best first, with the differences')
    .argument('<tm.xlf>', 'the memory (an XLIFF 2 file; or sqlite:/postgres://)')
    .argument('<text>', 'the text to search for, or - for standard input')
    .option('--min <percent>', 'lowest match percent to show', integerIn(1, 100), 70)
    .option('--limit <n>', 'most matches to show', integerIn(1, 10_000), 5)
    .addOption(searchSideOption())
    .option('--previous <text>', 'the sentence before <text> in its document: an identical unit with the same previous sentence shows as 101%')
    .option('--no-parts', partsHelp)
    .option('--exclude-needs-review', excludeNeedsReviewHelp)
    .addOption(jsonOption())
    .addHelpText('after', '\nExit code 1 when nothing scores --min or more.\nExample:\n  mizan search tm.xlf "وقال الرئيس الصيني" --min 60')
    .action(async (path: string, text: string, flags: { min: number; limit: number; side: SearchSide; previous?: string; parts: boolean; excludeNeedsReview?: boolean; json?: boolean }) => {
      readStandardInputOnce([path, text])
      const query = textArgument(text)
      const count = await withMemory(path, async (memory) => {
        const includeNeedsReview = !flags.excludeNeedsReview
        const side = searchedSide(memory, query, flags.side)
        const fuzzy: FuzzyMatch[] = await memory.tm.fuzzy(query, { minScore: flags.min / 100, limit: flags.limit, side, includeNeedsReview, parts: flags.parts })
        // Context matches (101%) come from the exact look-up with the previous sentence; they rank first.
        const inContext = new Set<string>()
        if (flags.previous !== undefined && side === 'source') {
          for (const match of await memory.tm.lookup(query, { context: { previous: flags.previous }, includeNeedsReview })) if (match.kind === 'context') inContext.add(match.unit.id)
        }
        const matches = fuzzy
          .map((match) => ({ ...match, kind: inContext.has(match.unit.id) ? ('context' as const) : undefined }))
          .sort((a, b) => Number(b.kind === 'context') - Number(a.kind === 'context'))
        const lang = languages(memory, side)
        if (flags.json) {
          io.out(
            JSON.stringify(
              { query, side, minScore: flags.min / 100, matches: matches.map((match) => ({ percent: matchPercent(match), score: match.score, distance: match.distance, context: match.kind === 'context', diff: match.diff, ...partJson(match), unit: unitJson(match.unit) })) },
              null,
              2,
            ),
          )
          return matches.length
        }
        if (matches.length === 0) {
          io.out(`no match of ${flags.min}% or more ${sideNote(memory, side)}`)
          return 0
        }
        io.out(countLine(matches.length, 'match', memory, side))
        for (const match of matches) {
          const unit = match.unit
          const percent = matchPercent(match)
          const head = `${percent}%`.padStart(4)
          const headline = `${paint(percent >= 100 ? 'green' : percent >= 85 ? 'cyan' : 'yellow', paint('bold', head))}  ${matchedUnit(match, paint)}${unitStatus(unit, paint)}`
          printUnit(io, headline, renderDiff(match.diff, matchedText(match, side), paint, io.color), unit, side, lang)
        }
        return matches.length
      })
      if (count === 0) throw new NoResult()
    })

  program
    .command('concordance')
    .description('units whose text contains the given words, in order')
    .argument('<tm.xlf>', 'the memory (an XLIFF 2 file; or sqlite:/postgres://)')
    .argument('<words>', 'the words, or - for standard input')
    .addOption(searchSideOption())
    .addOption(new Option('--match <how>', 'forms: a word also finds its Arabic clitic forms (المياه, بالمياه, مياهها) and English inflections; exact: only as written. A word ending in * finds every word it begins').choices(['forms', 'exact']).default('forms'))
    .option('--limit <n>', 'most units to show', integerIn(1, 10_000), 20)
    .option('--exclude-needs-review', excludeNeedsReviewHelp)
    .addOption(jsonOption())
    .addHelpText('after', '\nExit code 1 when no unit contains the words.\nExamples:\n  mizan concordance tm.xlf "منظمة شنغهاي"\n  mizan concordance tm.xlf "desalinat*"')
    .action(async (path: string, words: string, flags: { side: SearchSide; match: 'forms' | 'exact'; limit: number; excludeNeedsReview?: boolean; json?: boolean }) => {
      readStandardInputOnce([path, words])
      const query = textArgument(words)
      const count = await withMemory(path, async (memory) => {
        const side = searchedSide(memory, query, flags.side)
        const found = await memory.tm.concordance(query, { side, match: flags.match, limit: flags.limit, includeNeedsReview: !flags.excludeNeedsReview })
        const lang = languages(memory, side)
        if (flags.json) {
          io.out(JSON.stringify({ query, side, match: flags.match, matches: found.map((match) => ({ spans: match.spans, unit: unitJson(match.unit) })) }, null, 2))
          return found.length
        }
        if (found.length === 0) {
          io.out(`no unit contains those words ${sideNote(memory, side)}`)
          return 0
        }
        io.out(`${found.length} unit${found.length === 1 ? '' : 's'} ${sideNote(memory, side)}`)
        for (const match of found) {
          const text = side === 'source' ? match.unit.source : match.unit.target
          io.out(`${paint('dim', match.unit.id)}${unitStatus(match.unit, paint)}`)
          io.out(`  ${terminalText(io, highlightSpans(text, match.spans, paint, io.color), lang.query)}`)
          io.out(`  ${terminalText(io, side === 'source' ? match.unit.target : match.unit.source, lang.other)}`)
        }
        return found.length
      })
      if (count === 0) throw new NoResult()
    })
}

/** Marks the found words in a text: bold on a colour terminal, `[[...]]` otherwise. @internal */
export function highlightSpans(text: string, spans: readonly { start: number; end: number }[], paint: Paint, color: boolean): string {
  let result = ''
  let at = 0
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue
    const word = text.slice(span.start, span.end)
    result += text.slice(at, span.start) + (color ? paint('bold', paint('yellow', word)) : `[[${word}]]`)
    at = span.end
  }
  return result + text.slice(at)
}
