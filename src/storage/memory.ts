/**
 * The in-process memory: the default {@link TmStorage}. Units live in a `Map` by id; each side has an exact-key map
 * and a lossless {@link FuzzyIndex}. Every method resolves at once.
 *
 * @module
 */
import { FuzzyIndex } from '../tm/fuzzy-index.js'
import { intersectGroups } from './intersect-groups.js'
import { matchingKeyVersion, type CandidateUnit, type ConcordanceCandidateQuery, type FuzzyCandidateQuery, type MatchSide, type StorageEntry, type StoredUnit, type TmStorage, type UnitKeys, type WriteBatch } from './types.js'
import type { TranslationUnit } from '../types.js'

/** One stored unit and where it sits in the indexes. */
interface Entry {
  unit: TranslationUnit
  seq: number
  /** Index slot (shared by both sides' fuzzy indexes). */
  slot: number
  sourceKey: string
  targetKey: string
}

/** Compaction runs when dead index slots exceed live ones and this many. */
const COMPACT_MIN_DEAD = 4096

/**
 * The in-process storage backend, used when a `TranslationMemory` is given no `storage`.
 *
 * @example
 * ```ts
 * import { TranslationMemory, MemoryStorage } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage: new MemoryStorage() })
 * await tm.add({ source: 'صباح الخير', target: 'Good morning' })
 * ```
 * @group Storage
 */
export class MemoryStorage implements TmStorage {
  readonly kind = 'memory'
  private readonly byId = new Map<string, Entry>()
  private bySlot: Array<Entry | undefined> = []
  private readonly byKey: Record<MatchSide, Map<string, Entry | Set<Entry>>> = { source: new Map(), target: new Map() }
  private index: Record<MatchSide, FuzzyIndex> = { source: new FuzzyIndex(), target: new FuzzyIndex() }
  private nextSeq = 1
  private closed = false
  /** The key version of the stored keys: current, unless a rekey recorded another. */
  private recordedKeyVersion: number = matchingKeyVersion

  /**
   * Counts the stored units.
   *
   * @returns the number of units
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().size() // 0
   * ```
   */
  async size(): Promise<number> {
    return this.byId.size
  }

  /**
   * Reads one unit by id.
   *
   * @param id - the unit id
   * @returns the stored unit, or `undefined`
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().get('u1') // undefined
   * ```
   */
  async get(id: string): Promise<StoredUnit | undefined> {
    const entry = this.byId.get(id)
    return entry === undefined ? undefined : { unit: entry.unit, seq: entry.seq }
  }

  /**
   * Inserts or replaces a unit by id.
   *
   * @param entry - the unit and its keys
   * @returns the unit as stored
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * const storage = new MemoryStorage()
   * await storage.put({ unit: { id: 'u1', source: 'نعم', target: 'Yes' }, keys: { source: { key: 'نعم', tokens: ['نعم'] }, target: { key: 'yes', tokens: ['yes'] } } })
   * ```
   */
  async put(entry: StorageEntry): Promise<StoredUnit> {
    return this.putSync(entry)
  }

  /**
   * Puts many units in order.
   *
   * @param entries - units and keys
   * @returns the stored units, in order
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().putMany([])  // []
   * ```
   */
  async putMany(entries: readonly StorageEntry[]): Promise<StoredUnit[]> {
    return entries.map((entry) => this.putSync(entry))
  }

  /**
   * Deletes some units and puts others, as one step: it runs synchronously, so no other call sees it half done
   * (see {@link TmStorage.writeBatch}).
   *
   * @param changes - ids to delete, then entries to put
   * @returns the stored units, in order, and how many were deleted
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().writeBatch({ delete: ['nope'], put: [] }) // { stored: [], deleted: 0 }
   * ```
   */
  async writeBatch(changes: WriteBatch): Promise<{ stored: StoredUnit[]; deleted: number }> {
    let deleted = 0
    for (const id of changes.delete) {
      const entry = this.byId.get(id)
      if (entry === undefined) continue
      this.unlink(entry)
      this.byId.delete(id)
      deleted++
    }
    if (deleted > 0) this.maybeCompact()
    return { stored: changes.put.map((entry) => this.putSync(entry)), deleted }
  }

  /**
   * Removes a unit.
   *
   * @param id - the unit id
   * @returns whether a unit was removed
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().delete('nope') // false
   * ```
   */
  async delete(id: string): Promise<boolean> {
    const entry = this.byId.get(id)
    if (entry === undefined) return false
    this.unlink(entry)
    this.byId.delete(id)
    this.maybeCompact()
    return true
  }

  /**
   * Units whose matching key on `side` equals `key`.
   *
   * @param side - which text's key
   * @param key - a matching key
   * @returns the matching units
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().findByKey('source', 'نعم') // []
   * ```
   */
  async findByKey(side: MatchSide, key: string): Promise<StoredUnit[]> {
    return this.findByKeySync(side, key)
  }

  /**
   * Reads many units by id at once (the batch form of {@link MemoryStorage.get}).
   *
   * @param ids - unit ids
   * @returns the stored units by id; unknown ids are absent
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().getMany(['u1', 'u2']) // Map(0) {}
   * ```
   */
  async getMany(ids: readonly string[]): Promise<Map<string, StoredUnit>> {
    const found = new Map<string, StoredUnit>()
    for (const id of ids) {
      const entry = this.byId.get(id)
      if (entry !== undefined) found.set(id, { unit: entry.unit, seq: entry.seq })
    }
    return found
  }

  /**
   * Exact-key look-up of many keys at once (the batch form of {@link MemoryStorage.findByKey}).
   *
   * @param side - which text's key
   * @param keys - matching keys
   * @returns the matching units by key; keys without units are absent
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().findByKeys('source', ['نعم', 'لا']) // Map(0) {}
   * ```
   */
  async findByKeys(side: MatchSide, keys: readonly string[]): Promise<Map<string, StoredUnit[]>> {
    const found = new Map<string, StoredUnit[]>()
    for (const key of keys) {
      const units = this.findByKeySync(side, key)
      if (units.length > 0) found.set(key, units)
    }
    return found
  }

  private findByKeySync(side: MatchSide, key: string): StoredUnit[] {
    const found = this.byKey[side].get(key)
    if (found === undefined) return []
    if (!(found instanceof Set)) return [{ unit: found.unit, seq: found.seq }]
    return [...found].map((entry) => ({ unit: entry.unit, seq: entry.seq }))
  }

  /**
   * Exactly the units scoring at least `minScore` (a superset is allowed by the contract; this one is exact).
   *
   * @param query - side, tokens and threshold
   * @returns candidates with their tokens
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().fuzzyCandidates({ side: 'source', tokens: ['نعم'], minScore: 0.7 }) // []
   * ```
   */
  async fuzzyCandidates(query: FuzzyCandidateQuery): Promise<CandidateUnit[]> {
    const index = this.index[query.side]
    return this.candidates(index, index.search(query.tokens, query.minScore))
  }

  /**
   * Units whose tokens on `side` contain every word.
   *
   * @param query - side and words
   * @returns candidates with their tokens
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().concordanceCandidates({ side: 'target', words: ['yes'] }) // []
   * ```
   */
  async concordanceCandidates(query: ConcordanceCandidateQuery): Promise<CandidateUnit[]> {
    const index = this.index[query.side]
    if (query.anyOf !== undefined) return this.candidates(index, intersectGroups(query.anyOf.map((group) => group.flatMap((token) => index.containing([token])))))
    return this.candidates(index, index.containing(query.words))
  }

  /**
   * Stored tokens of a side that start with `prefix` (for concordance `desalinat*`).
   *
   * @param side - `'source'` or `'target'`
   * @param prefix - a key token
   * @returns the tokens (some may belong only to removed units)
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().tokensStartingWith('target', 'desalinat') // []
   * ```
   */
  async tokensStartingWith(side: MatchSide, prefix: string): Promise<string[]> {
    return this.index[side].tokensStartingWith(prefix)
  }

  /**
   * Every unit once, in insertion order (an update keeps a unit's place).
   *
   * @returns an async iterable of stored units
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * const ids: string[] = []
   * for await (const { unit } of new MemoryStorage().units()) ids.push(unit.id)
   * ids // [] (a new memory is empty)
   * ```
   */
  async *units(): AsyncIterable<StoredUnit> {
    // A snapshot, so adding or deleting while iterating neither skips nor repeats units.
    const snapshot = [...this.byId.values()]
    for (const entry of snapshot) yield { unit: entry.unit, seq: entry.seq }
  }

  /**
   * Drops everything. Idempotent.
   *
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().close()
   * ```
   */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.byId.clear()
    this.bySlot = []
    this.byKey.source.clear()
    this.byKey.target.clear()
    this.index = { source: new FuzzyIndex(), target: new FuzzyIndex() }
  }

  /**
   * The matching-key version of the stored keys (the current one for a new memory).
   *
   * @returns the version
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().keyVersion() // 2
   * ```
   */
  async keyVersion(): Promise<number> {
    return this.recordedKeyVersion
  }

  /**
   * Rebuilds every unit's keys and indexes with `keysOf`, keeping ids, seqs and insertion order.
   *
   * @param keysOf - the keys of a unit
   * @param version - the key version they are
   * @returns how many units were re-keyed (0 when `version` was already recorded)
   * @example
   * ```ts
   * import { MemoryStorage, TranslationMemory } from 'mizan'
   * const storage = new MemoryStorage()
   * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
   * await storage.rekey((unit) => tm.keysOf(unit), 2) // 0: already at version 2
   * ```
   */
  async rekey(keysOf: (unit: TranslationUnit) => UnitKeys, version: number): Promise<number> {
    if (version === this.recordedKeyVersion) return 0
    const entries = [...this.byId.values()]
    const keys = entries.map((entry) => keysOf(entry.unit)) // all computed first: a throwing keysOf changes nothing
    this.bySlot = []
    this.byKey.source.clear()
    this.byKey.target.clear()
    this.index = { source: new FuzzyIndex(), target: new FuzzyIndex() }
    entries.forEach((entry, index) => this.link(entry, keys[index]!))
    this.recordedKeyVersion = version
    return entries.length
  }

  private putSync({ unit, keys }: StorageEntry): StoredUnit {
    const seq = this.nextSeq++
    const existing = this.byId.get(unit.id)
    if (existing !== undefined && existing.sourceKey === keys.source.key && existing.targetKey === keys.target.key && this.sameTokens(existing.slot, keys)) {
      // Same matching data: replace the unit in place, the indexes stay as they are.
      existing.unit = unit
      existing.seq = seq
      return { unit, seq }
    }
    if (existing !== undefined) this.unlink(existing)
    const entry: Entry = { unit, seq, slot: 0, sourceKey: '', targetKey: '' }
    this.link(entry, keys)
    this.byId.set(unit.id, entry) // Map.set on a known key keeps its place: iteration stays in insertion order
    if (existing !== undefined) this.maybeCompact()
    return { unit, seq }
  }

  /** Gives `entry` a new slot with `keys`, in the fuzzy indexes and the key maps. */
  private link(entry: Entry, keys: UnitKeys): void {
    entry.slot = this.bySlot.length
    entry.sourceKey = keys.source.key
    entry.targetKey = keys.target.key
    this.bySlot.push(entry)
    this.index.source.add(entry.slot, keys.source.tokens)
    this.index.target.add(entry.slot, keys.target.tokens)
    addKey(this.byKey.source, entry.sourceKey, entry)
    addKey(this.byKey.target, entry.targetKey, entry)
  }

  /** Whether the tokens stored under `slot` equal the new ones (keys equal almost always means tokens equal). */
  private sameTokens(slot: number, keys: StorageEntry['keys']): boolean {
    return sameArray(this.index.source.tokensOf(slot), keys.source.tokens) && sameArray(this.index.target.tokensOf(slot), keys.target.tokens)
  }

  private unlink(entry: Entry): void {
    this.index.source.remove(entry.slot)
    this.index.target.remove(entry.slot)
    this.bySlot[entry.slot] = undefined
    removeKey(this.byKey.source, entry.sourceKey, entry)
    removeKey(this.byKey.target, entry.targetKey, entry)
  }

  private candidates(index: FuzzyIndex, slots: number[]): CandidateUnit[] {
    return slots.map((slot) => {
      const entry = this.bySlot[slot]!
      return { unit: entry.unit, seq: entry.seq, tokens: index.tokensOf(slot) }
    })
  }

  /** Rebuilds both fuzzy indexes without dead slots once they outnumber the live ones. */
  private maybeCompact(): void {
    const dead = this.index.source.deadCount
    if (dead < COMPACT_MIN_DEAD || dead < this.index.source.size) return
    const source = new FuzzyIndex()
    const target = new FuzzyIndex()
    const slots: Array<Entry | undefined> = []
    for (const entry of this.byId.values()) {
      const slot = slots.length
      source.add(slot, this.index.source.tokensOf(entry.slot))
      target.add(slot, this.index.target.tokensOf(entry.slot))
      entry.slot = slot
      slots.push(entry)
    }
    this.index = { source, target }
    this.bySlot = slots
  }
}

function sameArray(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false
  return true
}

/** Keys are unique for most units, so a lone entry is stored bare and a set is made only when a key repeats. */
function addKey(map: Map<string, Entry | Set<Entry>>, key: string, entry: Entry): void {
  const found = map.get(key)
  if (found === undefined) map.set(key, entry)
  else if (found instanceof Set) found.add(entry)
  else map.set(key, new Set([found, entry]))
}

function removeKey(map: Map<string, Entry | Set<Entry>>, key: string, entry: Entry): void {
  const found = map.get(key)
  if (found === undefined) return
  if (!(found instanceof Set)) {
    if (found === entry) map.delete(key)
    return
  }
  found.delete(entry)
  if (found.size === 1) map.set(key, found.values().next().value!)
  else if (found.size === 0) map.delete(key)
}
