/**
 * How many postings a token's list holds inside a fuzzy length window, for ordering a search's lists rarest
 * first (SQLite; the unit blocks and the part blocks of sqlite-parts.ts each have one). Counting reads the
 * list's blocks, and for the commonest tokens (a million units hold "the" some 600,000 times) that is thousands
 * of rows, as many as reading the list itself, while the search then leaves exactly those lists unread. So a
 * token's counts per length are remembered for a while (common tokens come back in almost every query), and
 * counting stops after {@link countBlockCap} blocks. A stale or capped count only changes which lists are read
 * first and which are left unread (unread lists are accounted for by the overlap bounds), never the answer.
 *
 * @module
 * @internal
 */
import type BetterSqlite3 from 'better-sqlite3'

/** How long a token's posting counts are reused, and how many tokens' counts are kept. */
const countMaxAgeMs = 60_000
const countCacheSize = 100_000

/**
 * Counting stops after this many blocks (about 130,000 postings at most): a token with more is common enough to
 * read last, and its exact figure would not change that.
 */
const countBlockCap = 1024

/** The count a window gets when it reaches past the counted blocks: more than any counted list can hold. */
const uncountedCost = countBlockCap * 128

/** A token's posting counts per length (flat pairs: length, count), with when they were read. */
interface TokenCounts {
  at: number
  byLength: number[]
  /** The first length whose count is not known (the count stopped at {@link countBlockCap} blocks), or Infinity. */
  unknownFrom: number
}

/**
 * Posting counts per length window of one posting-block table, remembered per token.
 *
 * @example
 * ```ts
 * const counts = new WindowCounts(db, 'mizan_part_blocks')
 * counts.count(hash, 3, 5) // postings of lengths 3..5 in the token's list
 * ```
 * @internal
 */
export class WindowCounts {
  readonly #read: BetterSqlite3.Statement
  readonly #cache = new Map<number, TokenCounts>()

  /**
   * @param db - the connection
   * @param table - a posting-block table: `mizan_posting_blocks` or `mizan_part_blocks`
   */
  constructor(db: BetterSqlite3.Database, table: 'mizan_posting_blocks' | 'mizan_part_blocks') {
    this.#read = db.prepare(`SELECT len, n FROM ${table} WHERE token = ? ORDER BY len, first LIMIT ?`)
  }

  /**
   * The postings of `token` with a length in `low..high` (an estimate: up to a minute old, and
   * {@link uncountedCost} where the window reaches past the counted blocks).
   *
   * @param token - the token's hash
   * @param low - shortest length of the window
   * @param high - longest length of the window
   * @returns the count
   */
  count(token: number, low: number, high: number): number {
    const now = Date.now()
    let counts = this.#cache.get(token)
    if (counts === undefined || now - counts.at >= countMaxAgeMs) {
      const blocks = this.#read.raw().all(token, countBlockCap) as Array<[number, number]>
      const byLength: number[] = []
      for (const [length, n] of blocks) {
        if (byLength[byLength.length - 2] === length) byLength[byLength.length - 1] += n
        else byLength.push(length, n)
      }
      // At the cap, the last length seen may be cut short, and longer ones were not reached.
      const unknownFrom = blocks.length < countBlockCap ? Number.POSITIVE_INFINITY : blocks[blocks.length - 1]![0]
      if (this.#cache.size >= countCacheSize) this.#cache.clear()
      counts = { at: now, byLength, unknownFrom }
      this.#cache.set(token, counts)
    }
    let total = high >= counts.unknownFrom ? uncountedCost : 0
    const { byLength } = counts
    for (let index = 0; index < byLength.length; index += 2) {
      const length = byLength[index]!
      if (length >= low && length <= high) total += byLength[index + 1]!
    }
    return total
  }

  /** Forgets every count (after a re-key, which rebuilds the lists). */
  clear(): void {
    this.#cache.clear()
  }
}
