/**
 * The sentences of multi-sentence units in an SQLite memory (issue #14, part matches): one `mizan_parts` row per
 * sentence (its unit's seq, side, index, matching key and tokens), and its own posting blocks in
 * `mizan_part_blocks`, laid out as the units' (sql/blocks.ts, clustered by token, length and first part seq). Each
 * sentence is an entry of its own, with its own sequence number (`pseq`), so the fuzzy length window and overlap
 * bounds hold per sentence and part search is as lossless as unit search. The part tables are apart from the
 * units' so that no part posting can ever be read as a unit's (their seqs count apart).
 *
 * `SqliteStorage` owns the transactions: every method here runs inside one of its transactions or reads.
 *
 * @module
 * @internal
 */
import type BetterSqlite3 from 'better-sqlite3'
import { StorageError } from '../errors.js'
import type { TranslationUnit } from '../types.js'
import { hash53 } from './sql/hash.js'
import { sideCode } from './sql/schema.js'
import { HitCounter, queuePostings, tokenCounts, type PendingBatch } from './sql/postings.js'
import type { MatchSide, PartCandidateUnit, PartKeys, StoredPart } from './types.js'
import { appendPostings, removePosting } from './sqlite-blocks.js'
import { WindowCounts } from './sqlite-window-counts.js'
import { searchBlocks, splitTokens, type BlockSearch } from './sqlite-block-search.js'

type Database = BetterSqlite3.Database

/**
 * The part index of one SQLite connection: its statements and the hit counter of part searches.
 *
 * @internal
 */
export class SqliteParts {
  readonly #db: Database
  readonly #s: ReturnType<typeof prepareParts>
  readonly #hits = new HitCounter()
  /**
   * Posting counts per length window, remembered a while as the units' are: counting a common token's list
   * afresh in every search read as many blocks as the list itself (see sqlite-window-counts.ts).
   */
  readonly #counts: WindowCounts

  constructor(db: Database) {
    this.#db = db
    this.#s = prepareParts(db)
    this.#counts = new WindowCounts(db, 'mizan_part_blocks')
  }

  /** A batch of part postings to write: begin one per write transaction, then {@link SqliteParts.flush} it. */
  begin(): PendingBatch {
    return { from: this.#lastPseq() + 1, postings: new Map(), dropped: new Set() }
  }

  /** Inserts the sentences of the unit `seq` (none when `parts` is absent) and queues their postings. */
  put(seq: number, parts: PartKeys | undefined, batch: PendingBatch): void {
    if (parts === undefined) return
    let pseq = Math.max(batch.from, this.#lastPseq() + 1)
    for (const side of ['source', 'target'] as const) {
      parts[side]?.forEach((part, index) => {
        this.#s.insert.run(pseq, seq, sideCode[side], index, part.key, hash53(part.key), part.tokens.length, part.tokens.join(' '))
        queuePostings(batch, side, part.tokens, pseq)
        pseq++
      })
    }
  }

  /**
   * Deletes the sentences of the unit `seq` and their postings; postings still queued in `batch` (sentences
   * written earlier in the same transaction) are dropped from the queue instead.
   */
  deleteOf(seq: number, batch: PendingBatch | undefined): void {
    const rows = this.#s.deleteOf.all(seq) as Array<{ pseq: number; side: number; len: number; tokens: string }>
    for (const row of rows) {
      if (batch !== undefined && row.pseq >= batch.from) {
        batch.dropped.add(row.pseq)
        continue
      }
      const side: MatchSide = row.side === sideCode.source ? 'source' : 'target'
      for (const hash of tokenCounts(side, splitTokens(row.tokens)).keys()) removePosting(this.#s, hash, row.len, row.pseq)
    }
  }

  /** Writes a batch's queued postings: each list's new pseqs go to the end of its last block, then to new blocks. */
  flush(batch: PendingBatch): void {
    appendPostings(this.#s, batch)
  }

  /** Deletes every sentence and part posting (a re-key rebuilds them). */
  clear(): void {
    this.#db.exec(`DELETE FROM mizan_parts; DELETE FROM mizan_part_blocks`)
    this.#counts.clear()
  }

  /** The sentences whose matching key on `side` is `key`, with their units. */
  findByKey(side: MatchSide, key: string): StoredPart[] {
    const rows = this.#s.byKey.all(hash53(key), sideCode[side], key) as Array<{ idx: number; seq: number; data: string }>
    return rows.map((row) => ({ unit: JSON.parse(row.data) as TranslationUnit, seq: row.seq, index: row.idx }))
  }

  /**
   * Part candidates, as `SqliteStorage.fuzzyCandidates` finds unit candidates ({@link searchBlocks}), over the part
   * postings. Past `deadline` (epoch ms), it throws TIMEOUT between lists and every few candidate rows.
   */
  fuzzyCandidates(side: MatchSide, tokens: readonly string[], minScore: number, deadline?: number): PartCandidateUnit[] {
    const s = this.#s
    const search: BlockSearch<PartRow, PartCandidateUnit> = {
      hits: this.#hits,
      counts: this.#counts,
      blocks: s.blocks,
      lastSeq: this.#lastPseq(),
      row(pseq) {
        const row = s.candidate.get(pseq) as PartRow | undefined
        if (row === undefined) throw new StorageError(`part posting for pseq ${pseq} points at no sentence of a unit; this is a bug`)
        return row
      },
      candidate: (row, _pseq, stored) => ({ unit: JSON.parse(row.data) as TranslationUnit, seq: row.seq, index: row.idx, tokens: stored }),
      listsLabel: 'sentence posting lists',
      rowsLabel: 'sentence rows',
    }
    return searchBlocks(search, side, tokens, minScore, deadline)
  }

  #lastPseq(): number {
    return (this.#s.lastPseq.pluck().get() as number | undefined) ?? 0
  }
}

/** A sentence's row as read for a part candidate. */
interface PartRow {
  tokens: string
  idx: number
  seq: number
  data: string
}

/** The statements of the part tables, prepared once per connection. */
function prepareParts(db: Database) {
  return {
    insert: db.prepare(`INSERT INTO mizan_parts (pseq, seq, side, idx, key, key_hash, len, tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    deleteOf: db.prepare(`DELETE FROM mizan_parts WHERE seq = ? RETURNING pseq, side, len, tokens`),
    lastPseq: db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'mizan_parts'`),
    lastBlock: db.prepare(`SELECT first, last, n, seqs FROM mizan_part_blocks WHERE token = ? AND len = ? ORDER BY first DESC LIMIT 1`),
    blockFor: db.prepare(`SELECT first, last, n, seqs FROM mizan_part_blocks WHERE token = ? AND len = ? AND first <= ? ORDER BY first DESC LIMIT 1`),
    insertBlock: db.prepare(`INSERT INTO mizan_part_blocks (token, len, first, last, n, seqs) VALUES (?, ?, ?, ?, ?, ?)`),
    appendBlock: db.prepare(`UPDATE mizan_part_blocks SET last = ?, n = ?, seqs = ? WHERE token = ? AND len = ? AND first = ?`),
    deleteBlock: db.prepare(`DELETE FROM mizan_part_blocks WHERE token = ? AND len = ? AND first = ?`),
    blocks: db.prepare(`SELECT len, seqs FROM mizan_part_blocks WHERE token = ? AND len BETWEEN ? AND ?`),
    byKey: db.prepare(`SELECT p.idx, u.seq, u.data FROM mizan_parts p JOIN mizan_units u ON u.seq = p.seq WHERE p.key_hash = ? AND p.side = ? AND p.key = ?`),
    candidate: db.prepare(`SELECT p.tokens, p.idx, u.seq, u.data FROM mizan_parts p JOIN mizan_units u ON u.seq = p.seq WHERE p.pseq = ?`),
  }
}
