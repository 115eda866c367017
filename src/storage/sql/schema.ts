/**
 * The SQL schema both database backends share, as versioned migrations. A memory records each applied migration
 * in `mizan_migrations`; opening a memory applies the missing ones in order inside one transaction, and refuses a
 * memory written by a newer mizan (a version this build does not know) rather than guessing.
 *
 * SQLite tables (PostgreSQL has the same `mizan_meta` and `mizan_units`, but lets a GIN index be the postings):
 * - `mizan_meta(key, value)`: facts about the memory, notably the `matchingKeyVersion` its keys were built with.
 * - `mizan_units`: one row per unit. `seq` is both the row's handle in the postings and the write sequence of the
 *   `TmStorage` contract: replacing a unit deletes its row and inserts a new one with a larger `seq`, so recency
 *   needs no second column and the postings never point at a stale row. `position` is the seq of the id's first
 *   insertion, kept on replace, so `units()` lists units in insertion order as the in-process memory does. `id` is unique, which is what keeps
 *   concurrent writers from duplicating a unit. The matching keys (with a 53-bit hash for the index), token counts
 *   and tokens sit beside the JSON of the whole unit, so look-up and the fuzzy filters never parse unit JSON.
 * - `mizan_posting_blocks(token, len, first, last, n, seqs)` (schema version 2; version 1 had a row per posting,
 *   `mizan_postings(token, len, seq)`): an inverted index from each distinct key token (a 53-bit hash of side and
 *   token, see hash.ts) to the units holding it, as blocks of delta-encoded seqs (blocks.ts) clustered by
 *   `(token, len, first)`. The fuzzy length window (`lengthBounds`) is then a range scan inside one token's
 *   postings, and a search reads whole posting lists at a byte or two per posting.
 *
 * @module
 * @internal
 */

/** One migration: a version, a name, and its statements. @internal */
export interface Migration {
  /** 1, 2, 3...: applied in order, each once. */
  version: number
  /** What it does, recorded in `mizan_migrations`. */
  name: string
  /** The DDL, run in one transaction. */
  statements: string[]
}

/** SQLite migrations (WAL mode is a property of the file, set when opening, not part of the schema). @internal */
export const sqliteMigrations: Migration[] = [
  {
    version: 1,
    name: 'units, postings and meta',
    statements: [
      `CREATE TABLE mizan_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
      // AUTOINCREMENT: a seq is never reused, even after the newest unit is deleted (the contract's "grows").
      `CREATE TABLE mizan_units (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        position INTEGER NOT NULL,
        source_key TEXT NOT NULL,
        target_key TEXT NOT NULL,
        source_key_hash INTEGER NOT NULL,
        target_key_hash INTEGER NOT NULL,
        source_len INTEGER NOT NULL,
        target_len INTEGER NOT NULL,
        source_tokens TEXT NOT NULL, -- the key's tokens joined by single spaces
        target_tokens TEXT NOT NULL,
        data TEXT NOT NULL
      )`,
      `CREATE INDEX mizan_units_source_key ON mizan_units (source_key_hash)`,
      `CREATE INDEX mizan_units_target_key ON mizan_units (target_key_hash)`,
      `CREATE UNIQUE INDEX mizan_units_position ON mizan_units (position)`,
      `CREATE TABLE mizan_postings (
        token INTEGER NOT NULL,
        len INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (token, len, seq)
      ) WITHOUT ROWID`,
    ],
  },
  {
    version: 2,
    name: 'postings in delta-encoded blocks',
    // One row per block of up to 128 seqs of one (token, length) list (see blocks.ts): about a tenth of the
    // size of a row per posting. The rows of mizan_postings are moved into blocks by sqlite.ts, which then drops
    // that table, in the same transaction.
    statements: [
      `CREATE TABLE mizan_posting_blocks (
        token INTEGER NOT NULL,
        len INTEGER NOT NULL,
        first INTEGER NOT NULL, -- the block's smallest seq
        last INTEGER NOT NULL,  -- its largest, where appends continue
        n INTEGER NOT NULL,     -- how many seqs it holds
        seqs BLOB NOT NULL,
        PRIMARY KEY (token, len, first)
      ) WITHOUT ROWID`,
    ],
  },
  {
    version: 3,
    name: 'concordance vocabulary',
    // Every distinct key token per side (0 source, 1 target), so a concordance prefix (`desalinat*`) is an index
    // range, not a pass over every unit. Tokens are never removed (a stale one only costs a posting look-up).
    // sqlite.ts fills it from the stored tokens, and records whether seq order is rank order
    // (sql/concordance-order.ts), in the same transaction.
    statements: [`CREATE TABLE mizan_tokens (side INTEGER NOT NULL, token TEXT NOT NULL, PRIMARY KEY (side, token)) WITHOUT ROWID`],
  },
  {
    version: 4,
    name: 'sentences of multi-sentence units and their postings',
    // Issue #14, part matches: each sentence of a unit made from a multi-sentence bead is indexed as an entry of
    // its own (sqlite-parts.ts), numbered apart from the units (pseq) in a posting table of its own, so a part
    // posting is never read as a unit's. Memories before this version hold no sentence boundaries, so the tables
    // start empty.
    statements: [
      `CREATE TABLE mizan_parts (
        pseq INTEGER PRIMARY KEY AUTOINCREMENT,
        seq INTEGER NOT NULL,      -- the unit's seq
        side INTEGER NOT NULL,     -- 0 source, 1 target
        idx INTEGER NOT NULL,      -- which sentence of the side, from 0
        key TEXT NOT NULL,
        key_hash INTEGER NOT NULL,
        len INTEGER NOT NULL,
        tokens TEXT NOT NULL       -- the key's tokens joined by single spaces
      )`,
      `CREATE INDEX mizan_parts_seq ON mizan_parts (seq)`,
      `CREATE INDEX mizan_parts_key ON mizan_parts (key_hash)`,
      `CREATE TABLE mizan_part_blocks (
        token INTEGER NOT NULL,
        len INTEGER NOT NULL,
        first INTEGER NOT NULL,
        last INTEGER NOT NULL,
        n INTEGER NOT NULL,
        seqs BLOB NOT NULL,
        PRIMARY KEY (token, len, first)
      ) WITHOUT ROWID`,
    ],
  },
  {
    version: 5,
    name: 'one entry per distinct sentence',
    // Issue #14: a sentence repeated across units is indexed once (sqlite-parts.ts), as a group of its tokens per
    // side with a count of the live sentences holding it; the part posting blocks hold group ids, and a sentence
    // row maps its unit's sentence to its group. The version 4 table is renamed here and its rows moved into
    // groups by sqlite-parts.ts (`groupSentences`), which rebuilds the part blocks and drops it, in the same
    // transaction.
    statements: [
      `ALTER TABLE mizan_parts RENAME TO mizan_parts_v4`,
      `DROP INDEX mizan_parts_seq`,
      `DROP INDEX mizan_parts_key`,
      `CREATE TABLE mizan_part_groups (
        gid INTEGER PRIMARY KEY AUTOINCREMENT,
        side INTEGER NOT NULL,    -- 0 source, 1 target
        hash INTEGER NOT NULL,    -- hash53 of tokens
        len INTEGER NOT NULL,
        tokens TEXT NOT NULL,     -- the key's tokens joined by single spaces
        refs INTEGER NOT NULL     -- live sentences holding these tokens on this side
      )`,
      `CREATE INDEX mizan_part_groups_hash ON mizan_part_groups (hash)`,
      `CREATE TABLE mizan_parts (
        seq INTEGER NOT NULL,     -- the unit's seq
        side INTEGER NOT NULL,
        idx INTEGER NOT NULL,     -- which sentence of the side, from 0
        key TEXT NOT NULL,
        key_hash INTEGER NOT NULL,
        gid INTEGER NOT NULL,     -- its group in mizan_part_groups
        PRIMARY KEY (seq, side, idx)
      ) WITHOUT ROWID`,
      `CREATE INDEX mizan_parts_group ON mizan_parts (gid)`,
      `CREATE INDEX mizan_parts_key ON mizan_parts (key_hash)`,
    ],
  },
]

/**
 * PostgreSQL migrations. Versions 1 and 2 made a GIN index on each side's `text[]` of tokens the inverted index
 * (the server answered "holds any of these tokens" with `&&`); version 3 replaced it with the posting blocks
 * SQLite keeps, read and counted by the client (see postgres.ts). The token columns keep 1000-entry statistics,
 * whose most-common-element frequencies tell the backend which tokens are common, so it can pick the rare ones
 * for the prefix filter.
 * @internal
 */
export const postgresMigrations: Migration[] = [
  {
    version: 1,
    name: 'units with GIN token indexes, and meta',
    statements: [
      `CREATE TABLE mizan_meta (key text PRIMARY KEY, value text NOT NULL)`,
      `CREATE SEQUENCE mizan_units_seq AS bigint`,
      `CREATE TABLE mizan_units (
        seq bigint PRIMARY KEY DEFAULT nextval('mizan_units_seq'),
        id text NOT NULL UNIQUE,
        position bigint NOT NULL,
        source_key text NOT NULL,
        target_key text NOT NULL,
        source_key_hash bigint NOT NULL,
        target_key_hash bigint NOT NULL,
        source_len integer NOT NULL,
        target_len integer NOT NULL,
        source_tokens text[] NOT NULL,
        target_tokens text[] NOT NULL,
        data text NOT NULL
      )`,
      `ALTER SEQUENCE mizan_units_seq OWNED BY mizan_units.seq`,
      `CREATE INDEX mizan_units_source_key ON mizan_units (source_key_hash)`,
      `CREATE INDEX mizan_units_target_key ON mizan_units (target_key_hash)`,
      `CREATE UNIQUE INDEX mizan_units_position ON mizan_units (position)`,
      `CREATE INDEX mizan_units_source_tokens ON mizan_units USING gin (source_tokens) WITH (fastupdate = on, gin_pending_list_limit = 256)`,
      `CREATE INDEX mizan_units_target_tokens ON mizan_units USING gin (target_tokens) WITH (fastupdate = on, gin_pending_list_limit = 256)`,
      `ALTER TABLE mizan_units ALTER COLUMN source_tokens SET STATISTICS 1000`,
      `ALTER TABLE mizan_units ALTER COLUMN target_tokens SET STATISTICS 1000`,
    ],
  },
  {
    version: 2,
    name: 'GIN pending-list limit per session instead of per index',
    // An index's own gin_pending_list_limit overrides the session setting, so no writer could raise it for a
    // bulk load. Without it, each connection sets 256 kB when it connects (postgres.ts), and a large putMany
    // raises it for its own transaction, then merges the pending list before committing.
    statements: [
      `ALTER INDEX mizan_units_source_tokens RESET (gin_pending_list_limit)`,
      `ALTER INDEX mizan_units_target_tokens RESET (gin_pending_list_limit)`,
    ],
  },
  {
    version: 3,
    name: 'posting blocks instead of GIN token indexes',
    // The GIN indexes answered "holds any prefix token" with every such row, fetched from the heap and rechecked
    // (115,000 rows for one short query of common words at a million units). Posting blocks, the SQLite layout
    // (blocks.ts, postings.ts), let the client count each unit's hits and fetch only the units that still pass
    // the overlap bound; concordance reads them too, so the GIN indexes go (they cost most of the load's server
    // time). postgres.ts fills the table from the stored tokens in the same transaction. A block row is keyed by
    // its first seq; concurrent writers each add their own blocks (their seqs differ), so the seq ranges of two
    // blocks of one list may interleave, and a delete finds its block by `first <= seq AND last >= seq`.
    statements: [
      `CREATE TABLE mizan_posting_blocks (
        token bigint NOT NULL,
        len integer NOT NULL,
        first bigint NOT NULL,
        last bigint NOT NULL,
        n integer NOT NULL,
        seqs bytea NOT NULL,
        PRIMARY KEY (token, len, first)
      )`,
      `DROP INDEX mizan_units_source_tokens`,
      `DROP INDEX mizan_units_target_tokens`,
    ],
  },
  {
    version: 4,
    name: 'sentences of multi-sentence units and their postings',
    // Issue #14, part matches, as SQLite's migration 4 (postgres-parts.ts): a row per sentence of a multi-sentence
    // unit, numbered by its own sequence, and its own posting blocks. Memories before this version hold no
    // sentence boundaries, so the tables start empty.
    statements: [
      `CREATE SEQUENCE mizan_parts_pseq AS bigint`,
      `CREATE TABLE mizan_parts (
        pseq bigint PRIMARY KEY DEFAULT nextval('mizan_parts_pseq'),
        seq bigint NOT NULL,
        side smallint NOT NULL,
        idx integer NOT NULL,
        key text NOT NULL,
        key_hash bigint NOT NULL,
        len integer NOT NULL,
        tokens text[] NOT NULL
      )`,
      `ALTER SEQUENCE mizan_parts_pseq OWNED BY mizan_parts.pseq`,
      `CREATE INDEX mizan_parts_seq ON mizan_parts (seq)`,
      `CREATE INDEX mizan_parts_key ON mizan_parts (key_hash)`,
      `CREATE TABLE mizan_part_blocks (
        token bigint NOT NULL,
        len integer NOT NULL,
        first bigint NOT NULL,
        last bigint NOT NULL,
        n integer NOT NULL,
        seqs bytea NOT NULL,
        PRIMARY KEY (token, len, first)
      )`,
    ],
  },
  {
    version: 5,
    name: 'concordance vocabulary',
    // As SQLite's migration 3: every distinct key token per side (0 source, 1 target) so a concordance prefix is an
    // index range; "C" collation, so the range is code-point order. postgres-concordance.ts fills it and records
    // whether seq order is rank order, in the same transaction.
    statements: [`CREATE TABLE mizan_tokens (side smallint NOT NULL, token text COLLATE "C" NOT NULL, PRIMARY KEY (side, token))`],
  },
  {
    version: 6,
    name: 'one part entry per distinct sentence (part groups)',
    // Issue #14: a sentence repeated across units was indexed once per copy; now every distinct token sequence of
    // a side is one group with one set of postings, and `mizan_parts` maps it to its live sentences
    // (postgres-part-groups.ts). A group is found by the SHA-256 of its tokens' array text (unique with the side;
    // a b-tree entry on the tokens themselves would refuse a long sentence). The statements make the groups from
    // the sentence rows, give each row its group and empty the part blocks; postgres.ts then writes the groups'
    // postings, in the same transaction.
    statements: [
      `CREATE SEQUENCE mizan_part_groups_gid AS bigint`,
      `CREATE TABLE mizan_part_groups (
        gid bigint PRIMARY KEY DEFAULT nextval('mizan_part_groups_gid'),
        side smallint NOT NULL,
        digest bytea NOT NULL,     -- sha256(convert_to(tokens::text, 'UTF8'))
        len integer NOT NULL,
        tokens text[] NOT NULL,
        refs integer NOT NULL,     -- live sentences in the group (no CHECK: INSERT ... ON CONFLICT checks the row it would insert, a decrement)
        UNIQUE (side, digest)
      )`,
      `ALTER SEQUENCE mizan_part_groups_gid OWNED BY mizan_part_groups.gid`,
      `INSERT INTO mizan_part_groups (side, digest, len, tokens, refs)
       SELECT side, digest, min(len), min(tokens), count(*)
       FROM (SELECT pseq, side, sha256(convert_to(tokens::text, 'UTF8')) AS digest, len, tokens FROM mizan_parts) s
       GROUP BY side, digest ORDER BY min(pseq)`,
      `ALTER TABLE mizan_parts ADD COLUMN gid bigint`,
      `UPDATE mizan_parts p SET gid = g.gid FROM mizan_part_groups g WHERE g.side = p.side AND g.digest = sha256(convert_to(p.tokens::text, 'UTF8'))`,
      `ALTER TABLE mizan_parts ALTER COLUMN gid SET NOT NULL, DROP COLUMN len, DROP COLUMN tokens`,
      `CREATE INDEX mizan_parts_gid ON mizan_parts (gid)`,
      `DELETE FROM mizan_part_blocks`,
    ],
  },
]


/**
 * The matching-key version stored in `mizan_meta` as text: its number, or `undefined` when there is none or it is
 * not a whole number.
 *
 * @internal
 */
export function parseKeyVersion(stored: string | undefined): number | undefined {
  return stored !== undefined && /^[0-9]+$/.test(stored) ? Number(stored) : undefined
}

/**
 * A side as stored in the `side` columns (`mizan_parts`, `mizan_tokens`).
 *
 * @example
 * sideCode.target // 1
 * @internal
 */
export const sideCode = { source: 0, target: 1 } as const
