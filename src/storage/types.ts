/**
 * The storage contract every translation-memory backend implements (in-process memory, XLIFF file, SQLite,
 * PostgreSQL).
 *
 * The split of work is deliberate. A backend owns **storage and candidate generation**: it keeps units with their
 * matching keys, answers exact-key look-ups, and proposes fuzzy and concordance candidates. `TranslationMemory`
 * owns everything that decides an answer: the final score, the code penalty, ranking (ties by recency, then id),
 * the token diffs and the concordance spans. Because the deciding code is shared, every backend gives identical
 * answers as long as its candidate sets are supersets of the true answers, which is the one promise a backend
 * makes about search.
 *
 * Backends never normalise text themselves: `TranslationMemory` computes the matching keys and tokens (with
 * `normalizeForMatching` and `tokenizeKey` from `src/tm`) and hands them over in {@link StorageEntry}. The pure
 * bounds a backend needs for lossless candidate search (`lengthBounds`, `maxEditDistance`, `minOverlap`,
 * `prefixCount`) are exported from `src/tm/score.ts`, so no backend re-implements them.
 *
 * Stability: this interface only grows by additive, optional changes.
 *
 * @module
 */
import type { TranslationUnit } from '../types.js'

/**
 * Which text of a unit a search runs on: `'source'` (e.g. Arabic in an ar→en memory) or `'target'`, so one memory
 * serves both directions.
 *
 * @example
 * ```ts
 * import { TranslationMemory, type MatchSide } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * const side: MatchSide = 'target' // search the English side: en→ar with an ar→en memory
 * await tm.fuzzy('Where is the station?', { side })
 * ```
 * @group Storage
 */
export type MatchSide = 'source' | 'target'

/**
 * The matching data of one text: its matching key (`normalizeForMatching`) and the key's tokens (`tokenizeKey`).
 * `tokens.join` is not the key: punctuation tokens stand alone and spaces are dropped.
 *
 * @example
 * ```ts
 * import type { MatchingText } from 'mizan'
 * const text: MatchingText = { key: 'كيف حالك?', tokens: ['كيف', 'حالك', '?'] }
 * ```
 * @group Storage
 */
export interface MatchingText {
  /** The matching key of the text, as `normalizeForMatching` returns it. */
  key: string
  /** The key's tokens, in order, as `tokenizeKey` returns them. */
  tokens: readonly string[]
}

/**
 * The matching data of both sides of a unit, computed by `TranslationMemory` and stored beside the unit.
 * Keys depend on {@link matchingKeyVersion} and the memory's normalisation options: a persistent backend should
 * record both and ask for a rebuild when they change.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * const keys = tm.keysOf({ source: 'نعم!', target: 'Yes!' })
 * // { source: { key: 'نعم!', tokens: ['نعم', '!'] }, target: { key: 'yes!', tokens: ['yes', '!'] } }
 * ```
 * @group Storage
 */
export interface UnitKeys {
  /** Matching data of `unit.source`. */
  source: MatchingText
  /** Matching data of `unit.target`. */
  target: MatchingText
  /**
   * Matching data of each sentence of a side that has several (see `TranslationUnit.parts`), in order; absent for a
   * side of one sentence. A backend that offers part search ({@link TmStorage.fuzzyPartCandidates}) indexes each
   * part as its own entry pointing to its unit, so the length and overlap bounds hold per part.
   */
  parts?: PartKeys
}

/**
 * The matching data of the sentences inside a unit of several (a 1-2, 2-1 or larger bead), per side, in order.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * tm.keysOf({ source: 'نعم. لا.', target: 'Yes, no.', parts: { source: [5] } }).parts
 * // { source: [{ key: 'نعم.', tokens: ['نعم', '.'] }, { key: 'لا.', tokens: ['لا', '.'] }] }
 * ```
 * @group Storage
 */
export interface PartKeys {
  /** The source sentences' matching data, when the source has several. */
  source?: MatchingText[]
  /** The target sentences' matching data, when the target has several. */
  target?: MatchingText[]
}

/**
 * What `TranslationMemory` hands a backend to store: the unit (with its final `id`) and its matching keys.
 *
 * @example
 * ```ts
 * import type { StorageEntry } from 'mizan'
 * const entry: StorageEntry = {
 *   unit: { id: 'u1', source: 'نعم', target: 'Yes' },
 *   keys: { source: { key: 'نعم', tokens: ['نعم'] }, target: { key: 'yes', tokens: ['yes'] } },
 * }
 * ```
 * @group Storage
 */
export interface StorageEntry {
  /** The unit, with `id` assigned, `createdAt` and `changedAt` set. */
  unit: TranslationUnit
  /** Its matching keys and tokens, for exact look-up and candidate search. */
  keys: UnitKeys
}

/**
 * A unit as a backend returns it, with the backend's write sequence number.
 *
 * @example
 * ```ts
 * import { MemoryStorage } from 'mizan'
 * const stored = await new MemoryStorage().get('u1') // { unit, seq } or undefined
 * ```
 * @group Storage
 */
export interface StoredUnit {
  /** The unit as last stored. */
  unit: TranslationUnit
  /**
   * A number that grows with every write to the memory (insert or update), larger is newer. Two stored units never
   * share one. Ranking uses it after `changedAt` to order ties by recency, so it must survive reopening a persistent
   * store. (Memory: a counter; SQL: a sequence or autoincrement column.)
   */
  seq: number
}

/**
 * A search candidate: a stored unit and the tokens of the searched side, so the memory can score it without
 * re-normalising. `tokens` must be exactly the tokens stored for that side.
 *
 * @example
 * ```ts
 * import { MemoryStorage } from 'mizan'
 * const candidates = await new MemoryStorage().fuzzyCandidates({ side: 'source', tokens: ['نعم'], minScore: 0.7 })
 * // [{ unit, seq, tokens: ['نعم'] }, …]
 * ```
 * @group Storage
 */
export interface CandidateUnit extends StoredUnit {
  /** The tokens of the searched side (`keys.source.tokens` or `keys.target.tokens` as stored). */
  tokens: readonly string[]
}

/**
 * A part candidate: a stored unit, which of its sentences on the searched side (`index`, from 0) is the candidate,
 * and that sentence's tokens (exactly as stored in {@link PartKeys}).
 *
 * @example
 * ```ts
 * import { MemoryStorage } from 'mizan'
 * const parts = await new MemoryStorage().fuzzyPartCandidates({ side: 'source', tokens: ['نعم'], minScore: 0.7 })
 * // [{ unit, seq, index: 1, tokens: ['نعم'] }, …]
 * ```
 * @group Storage
 */
export interface PartCandidateUnit extends CandidateUnit {
  /** Which sentence of the unit's searched side, from 0. */
  index: number
}

/**
 * A unit one of whose sentences has a given matching key: the stored unit and the sentence's index (from 0).
 *
 * @example
 * ```ts
 * import { MemoryStorage } from 'mizan'
 * await new MemoryStorage().findPartsByKey('source', 'نعم.') // [{ unit, seq, index: 1 }, …]
 * ```
 * @group Storage
 */
export interface StoredPart extends StoredUnit {
  /** Which sentence of the unit's side, from 0. */
  index: number
}

/**
 * A fuzzy candidate request.
 *
 * Contract: the answer must contain **every** stored unit whose `side` tokens `s` satisfy
 * `1 − d(q, s) / max(|q|, |s|) ≥ minScore` (d: Levenshtein distance over tokens, `scoreTokens` in `src/tm/score.ts`).
 * Extra units are allowed (the memory re-scores and drops them) but cost time. Lossless filters that qualify:
 * the length window `lengthBounds(|q|, minScore)`, the multiset overlap `minOverlap(|q|, |s|, minScore)`, and its
 * prefix form `prefixCount` (a candidate must hold at least one of that many query tokens, counted with
 * multiplicity, chosen in any order). `tokens` is never empty and `minScore` is in (0, 1].
 *
 * @example
 * ```ts
 * import type { FuzzyCandidateQuery } from 'mizan'
 * const query: FuzzyCandidateQuery = { side: 'source', tokens: ['كيف', 'حالك', '?'], minScore: 0.7 }
 * // The length window: only units of ⌈3 × 0.7⌉ = 3 to ⌊3 / 0.7⌋ = 4 tokens can qualify.
 * ```
 * @group Storage
 */
export interface FuzzyCandidateQuery {
  /** The side to search. */
  side: MatchSide
  /** The query's tokens (from its matching key). */
  tokens: readonly string[]
  /** The lowest score the memory will keep, in (0, 1]. */
  minScore: number
  /**
   * A time (as `Date.now()` gives it) after which the backend may stop reading and throw a `TmError` with code
   * `'TIMEOUT'` (see `FuzzyOptions.deadline`); a backend that ignores it is still correct, only slower to give up.
   */
  deadline?: number
}

/**
 * A concordance candidate request: every stored unit whose `side` tokens contain all of `words` must be in the
 * answer (order and adjacency are checked by the memory). Extra units are allowed. `words` is never empty.
 *
 * @example
 * ```ts
 * import type { ConcordanceCandidateQuery } from 'mizan'
 * const query: ConcordanceCandidateQuery = { side: 'target', words: ['human', 'rights'] }
 * ```
 * @group Storage
 */
export interface ConcordanceCandidateQuery {
  /** The side to search. */
  side: MatchSide
  /** Distinct word tokens of the query (punctuation already removed). */
  words: readonly string[]
  /**
   * Word forms (issue #14): when given, `words` is ignored and the answer must hold every unit that has, for each
   * group, at least one of the group's tokens (a group is the forms of one query word: its clitic forms or
   * inflections). Groups are never empty. Every backend of this package honours it.
   */
  anyOf?: ReadonlyArray<readonly string[]>
}

/**
 * The changes {@link TmStorage.writeBatch} makes in one transaction: first the deletes, then the puts.
 *
 * @example
 * ```ts
 * import type { WriteBatch } from 'mizan'
 * const batch: WriteBatch = { delete: ['u-old-1', 'u-old-2'], put: [] } // a merge puts the merged unit too
 * ```
 * @group Storage
 */
export interface WriteBatch {
  /** Ids of the units to delete (unknown ids are skipped). */
  delete: readonly string[]
  /** Entries to put afterwards, in order. */
  put: readonly StorageEntry[]
}

/**
 * A translation-memory backend: storage plus candidate generation. All methods are async so SQL backends fit;
 * the in-process memory resolves at once.
 *
 * Rules every backend follows (the shared contract suite `tests/storage/contract.ts` checks them):
 * - `id` is the identity. `put` of an unknown id inserts; of a known id replaces the unit and its keys, and gives
 *   it a new, larger `seq`.
 * - `putMany` behaves as `put` of each entry in order, and is atomic where the backend can be.
 * - Candidate answers are supersets of the true answers (see {@link FuzzyCandidateQuery}).
 * - Errors from a driver are wrapped in `StorageError` with the driver's error as `cause`.
 *
 * @example
 * ```ts
 * import { TranslationMemory, MemoryStorage } from 'mizan'
 * const storage = new MemoryStorage()
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
 * await tm.add({ source: 'شكرا', target: 'Thanks' })
 * await storage.size() // 1
 * ```
 * @group Storage
 */
export interface TmStorage {
  /** A short name of the backend for messages and stats, e.g. `'memory'`, `'sqlite'`, `'postgres'`. */
  readonly kind: string

  /**
   * Counts the stored units.
   *
   * @returns the number of units
   */
  size(): Promise<number>

  /**
   * Reads one unit by id.
   *
   * @param id - the unit id
   * @returns the stored unit, or `undefined` when there is none
   */
  get(id: string): Promise<StoredUnit | undefined>

  /**
   * Inserts a unit, or replaces the unit with the same id (its keys too), assigning a new `seq`.
   *
   * @param entry - the unit and its keys
   * @returns the unit as stored, with its `seq`
   * @throws StorageError when the backend fails
   */
  put(entry: StorageEntry): Promise<StoredUnit>

  /**
   * Puts many units, in order (a later entry with an id seen earlier in the batch replaces it).
   *
   * @param entries - units and keys
   * @returns the stored units, one per entry, in order
   * @throws StorageError when the backend fails (nothing is written, where the backend has transactions)
   */
  putMany(entries: readonly StorageEntry[]): Promise<StoredUnit[]>

  /**
   * Removes a unit.
   *
   * @param id - the unit id
   * @returns whether a unit was removed
   */
  delete(id: string): Promise<boolean>

  /**
   * Exact-key look-up: the units whose matching key on `side` equals `key` exactly (all of them, any order).
   *
   * @param side - which text's key to compare
   * @param key - a matching key
   * @returns the matching units
   */
  findByKey(side: MatchSide, key: string): Promise<StoredUnit[]>

  /**
   * Optional: deletes `changes.delete` (ids; unknown ones are skipped), then puts `changes.put` in order (as
   * {@link TmStorage.putMany}), as one transaction: when it fails, nothing of it is written. A change that touches
   * several units at once (the review editor's merge deletes two units and adds one) uses it so that a failure or a
   * kill in the middle leaves the memory as it was. A backend without it is written with `putMany` and `delete`,
   * one after the other.
   *
   * @param changes - the ids to delete and the entries to put
   * @returns the stored units (one per entry, in order) and how many units were deleted
   * @throws StorageError when the backend fails (nothing of the batch is written)
   */
  writeBatch?(changes: WriteBatch): Promise<{ stored: StoredUnit[]; deleted: number }>

  /**
   * Optional batch form of {@link TmStorage.get}, for bulk loads (`TranslationMemory.addAll` reads every unit's
   * previous version in one call per batch instead of one per unit). Must answer exactly as `get` of each id.
   *
   * @param ids - unit ids (duplicates allowed)
   * @returns the stored units by id; ids with no unit are absent
   * @throws StorageError when the backend fails
   */
  getMany?(ids: readonly string[]): Promise<Map<string, StoredUnit>>

  /**
   * Optional batch form of {@link TmStorage.findByKey}, for bulk loads. Must answer exactly as `findByKey` of each
   * key.
   *
   * @param side - which text's key to compare
   * @param keys - matching keys (duplicates allowed)
   * @returns the matching units by key; keys with no unit are absent (or map to an empty list)
   * @throws StorageError when the backend fails
   */
  findByKeys?(side: MatchSide, keys: readonly string[]): Promise<Map<string, StoredUnit[]>>

  /**
   * Fuzzy candidates: a superset of the units scoring at least `query.minScore` (see {@link FuzzyCandidateQuery}).
   *
   * @param query - side, query tokens and threshold
   * @returns candidates with their tokens on the searched side, any order
   */
  fuzzyCandidates(query: FuzzyCandidateQuery): Promise<CandidateUnit[]>

  /**
   * Concordance candidates: a superset of the units whose tokens on `side` contain every one of `words`.
   *
   * @param query - side and words
   * @returns candidates with their tokens on the searched side, any order
   */
  concordanceCandidates(query: ConcordanceCandidateQuery): Promise<CandidateUnit[]>

  /**
   * Optional: the same candidates as {@link TmStorage.concordanceCandidates}, each once, best ranked first: later
   * `changedAt` first (units without a readable one last), then larger `seq`, then smaller id, the order
   * `TranslationMemory` breaks ties in. Yielded in batches, lazily, so the memory stops reading once it holds
   * `limit` hits without gaps (none later can outrank them): a common word costs its first postings, not all.
   *
   * @param query - side and words (and word-form groups)
   * @returns batches of candidates with their tokens on the searched side
   */
  concordanceRanked?(query: ConcordanceCandidateQuery): AsyncIterable<CandidateUnit[]>

  /**
   * Every stored unit, once each, in insertion order where the backend can (otherwise any stable order).
   *
   * @returns an async iterable of stored units
   */
  units(): AsyncIterable<StoredUnit>

  /**
   * Releases resources (connections, file handles). The memory is not usable afterwards. Idempotent.
   */
  close(): Promise<void>

  /**
   * Part look-up: every (unit, sentence) whose sentence's matching key on `side` equals `key` (see
   * {@link PartKeys}). A backend without it gives no part matches.
   *
   * @param side - which text's sentences
   * @param key - a matching key
   * @returns the units with the index of the matching sentence, one entry per matching sentence
   */
  findPartsByKey?(side: MatchSide, key: string): Promise<StoredPart[]>

  /**
   * Part candidates: a superset of the (unit, sentence) pairs whose sentence on `query.side` scores at least
   * `query.minScore`, with the same contract as {@link TmStorage.fuzzyCandidates} applied to each sentence as if it
   * were a unit. A backend without it gives no part matches.
   *
   * @param query - side, query tokens and threshold
   * @returns part candidates with the sentence's tokens, any order
   */
  fuzzyPartCandidates?(query: FuzzyCandidateQuery): Promise<PartCandidateUnit[]>

  /**
   * {@link TmStorage.fuzzyCandidates} and {@link TmStorage.fuzzyPartCandidates} of one query at once, for a backend
   * that indexes units and sentences together and finds both in one pass. Optional: without it, both are asked.
   *
   * @param query - side, query tokens and threshold
   * @returns the unit candidates and the part candidates, each with the contract of its method
   */
  fuzzyUnitAndPartCandidates?(query: FuzzyCandidateQuery): Promise<{ units: CandidateUnit[]; parts: PartCandidateUnit[] }>

  /**
   * Every stored token of `side` that starts with `prefix` (a superset is allowed), for concordance prefixes
   * (`desalinat*`). A backend without it is searched by reading every unit.
   *
   * @param side - `'source'` or `'target'`
   * @param prefix - a key token
   * @returns the tokens
   */
  tokensStartingWith?(side: MatchSide, prefix: string): Promise<string[]>

  /**
   * The {@link matchingKeyVersion} the stored keys were built with. `TranslationMemory` reads it before its first
   * search or write and calls {@link TmStorage.rekey} when it is older than its own. A backend without it is
   * taken to hold current keys.
   *
   * @returns the recorded version
   */
  keyVersion?(): Promise<number>

  /**
   * Rebuilds the matching data of every stored unit with `keysOf` and records `version`, keeping ids, seqs and
   * order (nothing else about a unit changes). Atomic where the backend has transactions; a rekey that finds
   * `version` already recorded (another process did it) does nothing.
   *
   * @param keysOf - the keys of a unit, as `TranslationMemory.keysOf` computes them
   * @param version - the key version `keysOf` builds
   * @returns how many units were re-keyed (0 when nothing was to do)
   */
  rekey?(keysOf: (unit: TranslationUnit) => UnitKeys, version: number): Promise<number>
}

/**
 * The version of the matching keys and tokens (`normalizeForMatching` + `tokenizeKey`). It changes whenever a
 * change there would change a stored key; persistent backends record it, and a memory whose keys are older is
 * re-keyed the first time a `TranslationMemory` uses it (see {@link TmStorage.rekey}).
 *
 * Versions: 1, the first matching contract; 2, one space between words and none next to punctuation, so none
 * before `? ! ; : ,` or after an opening bracket (issue #14: `lookup` and `fuzzy` agree on what is the same text).
 *
 * @example
 * ```ts
 * import { matchingKeyVersion } from 'mizan'
 * matchingKeyVersion // 2
 * ```
 * @group Storage
 */
export const matchingKeyVersion = 2
