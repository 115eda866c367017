/**
 * The fuzzy candidate search over SQLite posting blocks, shared by unit search (`SqliteStorage`, over
 * `mizan_posting_blocks`) and part search (`SqliteParts`, over `mizan_part_blocks`): both tables have the same
 * layout, so only the row read for a candidate and the candidate made from it differ.
 *
 * @module
 * @internal
 */
import type BetterSqlite3 from 'better-sqlite3'
import { checkDeadline, deadlineStride } from '../tm/deadline.js'
import { distinctTokens, lengthWindow, passesOverlap, prefixNeeded } from './sql/plan.js'
import { byHash, extraReadFactor, extraReadFloor, hitBounds, type HitCounter } from './sql/postings.js'
import type { MatchSide } from './types.js'
import type { WindowCounts } from './sqlite-window-counts.js'

/**
 * One blocks table's search: its hit counter, remembered counts and block statement, how a candidate's row is
 * read and turned into a candidate, and the words the TIMEOUT messages use.
 *
 * @internal
 */
export interface BlockSearch<Row extends { tokens: string }, Candidate> {
  hits: HitCounter
  counts: WindowCounts
  /** (token, low, high) → [len, seqs] of every block inside the length window. */
  blocks: BetterSqlite3.Statement
  /** The largest seq stored (sizes the hit counter). */
  lastSeq: number
  /** The row of a seq found in the postings (read in the same snapshot). */
  row(seq: number): Row
  candidate(row: Row, seq: number, tokens: string[]): Candidate
  /** 'posting lists' or the like, for "while reading …". */
  listsLabel: string
  /** 'candidate rows' or the like, for "after reading n …". */
  rowsLabel: string
}

/**
 * The candidates of a fuzzy query: the query's distinct tokens are read from the postings rarest first (by
 * remembered counts) inside the length window, at least the prefix filter's share, then further tokens while
 * cheap next to the candidates found, counting each seq's hits; a seq with fewer hits than the overlap bound
 * allows is dropped unread, the others get the exact multiset check. Past `deadline` (epoch ms), it throws
 * TIMEOUT between lists and every few candidate rows. Runs inside a read; `tokens` is not empty.
 *
 * @internal
 */
export function searchBlocks<Row extends { tokens: string }, Candidate>(
  search: BlockSearch<Row, Candidate>,
  side: MatchSide,
  tokens: readonly string[],
  minScore: number,
  deadline: number | undefined,
): Candidate[] {
  const queryLength = tokens.length
  const { low, high } = lengthWindow(queryLength, minScore)
  const planned = distinctTokens(side, tokens)
  const needed = prefixNeeded(queryLength, minScore)
  // Tokens sharing a hash share a posting list: read it once, worth both tokens' occurrences (an over-count,
  // which only keeps more candidates).
  const lists = byHash(planned)
    .map((list) => ({ ...list, cost: search.counts.count(list.hash, low, high) }))
    .sort((a, b) => a.cost - b.cost)
  const hits = search.hits
  hits.reset(search.lastSeq)
  // least[n - low]: the hits a unit of n tokens needs while `unread` query occurrences are not read.
  const least = (unread: number) => hitBounds(queryLength, minScore, low, high, unread)
  let covered = 0
  for (const list of lists) {
    checkDeadline(deadline, `while reading ${search.listsLabel}`)
    if (covered >= needed) {
      // Worth reading only if cheap next to the rows it may spare: those of the units still passing.
      if (list.cost > extraReadFloor && list.cost > extraReadFactor * hits.countReaching(least(queryLength - covered), low)) break
    }
    // After the prefix, only units the prefix found can qualify: count hits for those alone. A list is read even
    // at a count of 0: the count may be older than the list.
    for (const [length, block] of search.blocks.raw().iterate(list.hash, low, high) as IterableIterator<[number, Buffer]>) hits.addBlock(block, list.weight, length, covered < needed)
    covered += list.weight
  }
  const bound = least(queryLength - covered)
  const queryCounts = new Map(planned.map((token) => [token.token, token.count]))
  const candidates: Candidate[] = []
  let rows = 0
  hits.forEach((seq, count, length) => {
    if (count < bound[length - low]!) return
    if (deadline !== undefined && rows++ % deadlineStride === 0) checkDeadline(deadline, `after reading ${rows - 1} ${search.rowsLabel}`)
    const row = search.row(seq)
    const stored = splitTokens(row.tokens)
    if (!passesOverlap(queryCounts, stored, queryLength, minScore)) return
    candidates.push(search.candidate(row, seq, stored))
  })
  return candidates
}

/** The inverse of joining tokens with single spaces (tokens never hold white space). */
export function splitTokens(joined: string): string[] {
  return joined === '' ? [] : joined.split(' ')
}
