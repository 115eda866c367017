/**
 * The sentences of multi-sentence units in an SQLite memory (issue #14, part matches). A sentence repeated across
 * units (a bulk memory holds a common sentence many times) is indexed once, as the in-process memory does
 * (memory.ts, `partGroup`): per side, each distinct token sequence is one `mizan_part_groups` row (its `gid`,
 * length, tokens, and how many live sentences hold it), and the part posting blocks (`mizan_part_blocks`, laid out
 * as the units', sql/blocks.ts) hold gids. One `mizan_parts` row per sentence (its unit's seq, side, index,
 * matching key and gid) maps a group to its sentences. A search scores a group once (the part score is computed
 * from the sentence's tokens alone, so every sentence of a group scores alike) and then expands it to its units;
 * the fuzzy length window and overlap bounds hold per group exactly as per sentence, so part search stays as
 * lossless as unit search. The part tables are apart from the units' so that no part posting can ever be read as
 * a unit's (gids and seqs count apart). A group lives while a sentence holds it: the last one deleted takes the
 * group row and its postings with it.
 *
 * `SqliteStorage` owns the transactions: every method here runs inside one of its transactions or reads.
 *
 * @module
 * @internal
 */
import type BetterSqlite3 from 'better-sqlite3'
import { StorageError } from '../errors.js'
import { checkDeadline, deadlineStride } from '../tm/deadline.js'
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
  readonly #s: PartStatements
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
    return { from: lastGid(this.#s) + 1, postings: new Map(), dropped: new Set() }
  }

  /** Inserts the sentences of the unit `seq` (none when `parts` is absent) and queues the postings of new groups. */
  put(seq: number, parts: PartKeys | undefined, batch: PendingBatch): void {
    if (parts === undefined) return
    for (const side of ['source', 'target'] as const) {
      parts[side]?.forEach((part, index) => {
        const gid = attachGroup(this.#s, side, part.tokens, batch)
        this.#s.insert.run(seq, sideCode[side], index, part.key, hash53(part.key), gid)
      })
    }
  }

  /**
   * Deletes the sentences of the unit `seq`, and the groups no sentence holds any more with their postings;
   * postings still queued in `batch` (groups made earlier in the same transaction) are dropped from the queue
   * instead.
   */
  deleteOf(seq: number, batch: PendingBatch | undefined): void {
    const s = this.#s
    for (const gid of s.deleteOf.pluck().all(seq) as number[]) {
      const group = s.release.get(gid) as { refs: number; side: number; len: number; tokens: string } | undefined
      if (group === undefined) throw new StorageError(`sentence of unit seq ${seq} points at no sentence group (gid ${gid}); this is a bug`)
      if (group.refs > 0) continue
      s.deleteGroup.run(gid)
      if (batch !== undefined && gid >= batch.from) {
        batch.dropped.add(gid)
        continue
      }
      const side: MatchSide = group.side === sideCode.source ? 'source' : 'target'
      for (const hash of tokenCounts(side, splitTokens(group.tokens)).keys()) removePosting(s, hash, group.len, gid)
    }
  }

  /** Writes a batch's queued postings: each list's new gids go to the end of its last block, then to new blocks. */
  flush(batch: PendingBatch): void {
    appendPostings(this.#s, batch)
  }

  /** Deletes every sentence, sentence group and part posting (a re-key rebuilds them). */
  clear(): void {
    this.#db.exec(`DELETE FROM mizan_parts; DELETE FROM mizan_part_groups; DELETE FROM mizan_part_blocks`)
    this.#counts.clear()
  }

  /** The sentences whose matching key on `side` is `key`, with their units. */
  findByKey(side: MatchSide, key: string): StoredPart[] {
    const rows = this.#s.byKey.all(hash53(key), sideCode[side], key) as Array<{ idx: number; seq: number; data: string }>
    return rows.map((row) => ({ unit: JSON.parse(row.data) as TranslationUnit, seq: row.seq, index: row.idx }))
  }

  /**
   * Part candidates: the candidate groups, found as `SqliteStorage.fuzzyCandidates` finds unit candidates
   * ({@link searchBlocks}) over the part postings, each expanded to its live sentences (a unit holding two
   * sentences of a group is parsed once). Past `deadline` (epoch ms), it throws TIMEOUT between lists and every
   * few candidate rows.
   *
   * `estimates` orders the lists instead of the part blocks' own counts: the unit search of the same query
   * (`fuzzyUnitAndPartCandidates`) has just counted the units' lists of the same tokens in the same length window,
   * and a token's sentences are about as rare among sentences as its units among units (the counts only order the
   * lists and choose which to leave unread, never the answer; see sqlite-window-counts.ts). Counting the part
   * lists too cost a quarter of a cold part search at 1,000,000 units (docs/storage.md).
   */
  fuzzyCandidates(side: MatchSide, tokens: readonly string[], minScore: number, deadline?: number, estimates?: WindowCounts): PartCandidateUnit[] {
    const s = this.#s
    const search: BlockSearch<{ tokens: string }, { gid: number; tokens: string[] }> = {
      hits: this.#hits,
      counts: estimates ?? this.#counts,
      blocks: s.blocks,
      lastSeq: lastGid(s),
      row(gid) {
        const row = s.group.get(gid) as { tokens: string } | undefined
        if (row === undefined) throw new StorageError(`part posting for gid ${gid} points at no sentence group; this is a bug`)
        return row
      },
      candidate: (_row, gid, stored) => ({ gid, tokens: stored }),
      listsLabel: 'sentence posting lists',
      rowsLabel: 'sentence group rows',
    }
    // In gid order: the hits are counted in the order the lists were read, which the counts decide, and the answer
    // should not depend on how old the counts are.
    const groups = searchBlocks(search, side, tokens, minScore, deadline).sort((a, b) => a.gid - b.gid)
    const units = new Map<number, TranslationUnit>()
    const candidates: PartCandidateUnit[] = []
    for (const group of groups) {
      for (const [idx, seq, data] of s.members.raw().iterate(group.gid) as IterableIterator<[number, number, string]>) {
        if (deadline !== undefined && candidates.length % deadlineStride === 0) checkDeadline(deadline, `after expanding ${candidates.length} sentences`)
        let unit = units.get(seq)
        if (unit === undefined) units.set(seq, (unit = JSON.parse(data) as TranslationUnit))
        candidates.push({ unit, seq, index: idx, tokens: group.tokens })
      }
    }
    return candidates
  }
}

/**
 * Migration 5's data step: moves the sentences of a version 4 memory (a row per sentence with its tokens, renamed
 * `mizan_parts_v4` by the migration's statements) into groups and sentence rows, and rebuilds the part posting
 * blocks over gids, a page of sentences at a time in pseq order; then drops the old table. Runs inside the
 * migration's transaction, after its statements.
 *
 * @example
 * groupSentences(db) // inside the migration transaction
 * @internal
 */
export function groupSentences(db: Database): void {
  const s = prepareParts(db)
  db.exec(`DELETE FROM mizan_part_blocks`)
  const page = db.prepare(`SELECT pseq, seq, side, idx, key, key_hash, tokens FROM mizan_parts_v4 WHERE pseq > ? ORDER BY pseq LIMIT 20000`)
  for (let after = 0; ; ) {
    const rows = page.all(after) as Array<{ pseq: number; seq: number; side: number; idx: number; key: string; key_hash: number; tokens: string }>
    if (rows.length === 0) break
    const batch: PendingBatch = { from: lastGid(s) + 1, postings: new Map(), dropped: new Set() }
    for (const row of rows) {
      const gid = attachGroup(s, row.side === sideCode.source ? 'source' : 'target', splitTokens(row.tokens), batch)
      s.insert.run(row.seq, row.side, row.idx, row.key, row.key_hash, gid)
    }
    appendPostings(s, batch)
    after = rows[rows.length - 1]!.pseq
  }
  db.exec(`DROP TABLE mizan_parts_v4`)
}

type PartStatements = ReturnType<typeof prepareParts>

/** The gid of the group of `tokens` on `side`, one more sentence referring to it; a new group's postings are queued. */
function attachGroup(s: PartStatements, side: MatchSide, tokens: readonly string[], batch: PendingBatch): number {
  const joined = tokens.join(' ')
  const hash = hash53(joined)
  const found = s.findGroup.pluck().get(hash, sideCode[side], joined) as number | undefined
  if (found !== undefined) {
    s.addRef.run(found)
    return found
  }
  const gid = Number(s.insertGroup.run(sideCode[side], hash, tokens.length, joined).lastInsertRowid)
  queuePostings(batch, side, tokens, gid)
  return gid
}

/** The largest gid ever given (AUTOINCREMENT never gives one again), 0 before the first. */
function lastGid(s: PartStatements): number {
  return (s.lastGid.pluck().get() as number | undefined) ?? 0
}

/** The statements of the part tables, prepared once per connection. */
function prepareParts(db: Database) {
  return {
    insert: db.prepare(`INSERT INTO mizan_parts (seq, side, idx, key, key_hash, gid) VALUES (?, ?, ?, ?, ?, ?)`),
    deleteOf: db.prepare(`DELETE FROM mizan_parts WHERE seq = ? RETURNING gid`),
    findGroup: db.prepare(`SELECT gid FROM mizan_part_groups WHERE hash = ? AND side = ? AND tokens = ?`),
    insertGroup: db.prepare(`INSERT INTO mizan_part_groups (side, hash, len, tokens, refs) VALUES (?, ?, ?, ?, 1)`),
    addRef: db.prepare(`UPDATE mizan_part_groups SET refs = refs + 1 WHERE gid = ?`),
    release: db.prepare(`UPDATE mizan_part_groups SET refs = refs - 1 WHERE gid = ? RETURNING refs, side, len, tokens`),
    deleteGroup: db.prepare(`DELETE FROM mizan_part_groups WHERE gid = ?`),
    lastGid: db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'mizan_part_groups'`),
    lastBlock: db.prepare(`SELECT first, last, n, seqs FROM mizan_part_blocks WHERE token = ? AND len = ? ORDER BY first DESC LIMIT 1`),
    blockFor: db.prepare(`SELECT first, last, n, seqs FROM mizan_part_blocks WHERE token = ? AND len = ? AND first <= ? ORDER BY first DESC LIMIT 1`),
    insertBlock: db.prepare(`INSERT INTO mizan_part_blocks (token, len, first, last, n, seqs) VALUES (?, ?, ?, ?, ?, ?)`),
    appendBlock: db.prepare(`UPDATE mizan_part_blocks SET last = ?, n = ?, seqs = ? WHERE token = ? AND len = ? AND first = ?`),
    deleteBlock: db.prepare(`DELETE FROM mizan_part_blocks WHERE token = ? AND len = ? AND first = ?`),
    blocks: db.prepare(`SELECT len, seqs FROM mizan_part_blocks WHERE token = ? AND len BETWEEN ? AND ?`),
    byKey: db.prepare(`SELECT p.idx, u.seq, u.data FROM mizan_parts p JOIN mizan_units u ON u.seq = p.seq WHERE p.key_hash = ? AND p.side = ? AND p.key = ?`),
    group: db.prepare(`SELECT tokens FROM mizan_part_groups WHERE gid = ?`),
    members: db.prepare(`SELECT p.idx, p.seq, u.data FROM mizan_parts p JOIN mizan_units u ON u.seq = p.seq WHERE p.gid = ?`),
  }
}
