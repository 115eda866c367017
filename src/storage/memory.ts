/**
 * The in-process memory: the default {@link TmStorage}. Units live in a `Map` by id; each side has an exact-key map
 * and a lossless {@link FuzzyIndex}. Every method resolves at once.
 *
 * The sentences of multi-sentence units (parts) are entries of the same fuzzy index as the units, so one walk of
 * the index finds both ({@link MemoryStorage.fuzzyUnitAndPartCandidates}): unit slot `s` is index slot `2s`, and
 * part `p` of a side is index slot `2p + 1` of that side's index. A second index for the parts, as before, cost a
 * second walk per query: at 1,000,000 units, fuzzy with parts took 1.96 times as long as without.
 *
 * @module
 */
import { FuzzyIndex } from '../tm/fuzzy-index.js'
import { intersectGroups } from './intersect-groups.js'
import { ConcordancePostings } from './concordance-postings.js'
import {
  matchingKeyVersion,
  type CandidateUnit,
  type ConcordanceCandidateQuery,
  type FuzzyCandidateQuery,
  type MatchingText,
  type MatchSide,
  type PartCandidateUnit,
  type StorageEntry,
  type StoredPart,
  type StoredUnit,
  type TmStorage,
  type UnitKeys,
  type WriteBatch,
} from './types.js'
import type { TranslationUnit } from '../types.js'

/** One stored unit and where it sits in the indexes. */
interface Entry {
  unit: TranslationUnit
  seq: number
  /** Unit slot (shared by both sides; index slot {@link unitSlot}). */
  slot: number
  sourceKey: string
  targetKey: string
  /** The unit's sentences (parts), per side that has several: their part numbers ({@link partSlot}) and keys. */
  parts: Record<MatchSide, PartSlots | undefined>
}

/** The parts of one side of a unit: part number and key of each sentence, in order. */
interface PartSlots {
  slots: number[]
  keys: string[]
}

/** What a part slot points to: the unit's entry and which of its sentences. */
interface PartRef {
  entry: Entry
  index: number
}

/** The fuzzy index slot of unit slot `slot`: units take the even slots. */
function unitSlot(slot: number): number {
  return 2 * slot
}

/** The fuzzy index slot of part number `part` of a side: parts take the odd slots. */
function partSlot(part: number): number {
  return 2 * part + 1
}

/** The key of a sentence's tokens in `partGroups`: joined with U+0000, which no token holds. */
function partGroup(tokens: readonly string[]): string {
  return tokens.join('\u0000')
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
  /**
   * Per side, the units and the sentences of multi-sentence units (`UnitKeys.parts`), each sentence indexed as an
   * entry of its own, so the length and overlap bounds of the fuzzy index hold per sentence.
   */
  private index: Record<MatchSide, FuzzyIndex> = { source: new FuzzyIndex(), target: new FuzzyIndex() }
  /**
   * Per side, the sentences each part number stands for: every live sentence with the same tokens shares one entry
   * of the index (a memory repeats sentences, and each copy would cost the search a posting per token).
   */
  private byPartSlot: Record<MatchSide, Array<PartRef[] | undefined>> = { source: [], target: [] }
  /** Per side, the part number of each live sentence's tokens ({@link partGroup}). */
  private partGroups: Record<MatchSide, Map<string, number>> = { source: new Map(), target: new Map() }
  private readonly byPartKey: Record<MatchSide, Map<string, PartRef[]>> = { source: new Map(), target: new Map() }
  /** Concordance postings in rank order (built by the first concordance query, see concordance-postings.ts). */
  private readonly concordance = new ConcordancePostings<Entry>({ all: () => this.byId.values(), tokensOf: (entry, side) => this.index[side].tokensOf(unitSlot(entry.slot)) })
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
    for (const id of changes.delete) if (this.removeUnit(id)) deleted++
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
    const removed = this.removeUnit(id)
    if (removed) this.maybeCompact()
    return removed
  }

  /** Unlinks and forgets the unit `id`, leaving compaction to the caller; whether there was one. */
  private removeUnit(id: string): boolean {
    const entry = this.byId.get(id)
    if (entry === undefined) return false
    this.unlink(entry)
    this.byId.delete(id)
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
   * {@link MemoryStorage.fuzzyCandidates} and {@link MemoryStorage.fuzzyPartCandidates} of one query in one walk
   * of the index, which holds units and sentences alike.
   *
   * @param query - side, tokens and threshold
   * @returns the unit candidates and the part candidates
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().fuzzyUnitAndPartCandidates({ side: 'source', tokens: ['نعم'], minScore: 0.7 }) // { units: [], parts: [] }
   * ```
   */
  async fuzzyUnitAndPartCandidates(query: FuzzyCandidateQuery): Promise<{ units: CandidateUnit[]; parts: PartCandidateUnit[] }> {
    const index = this.index[query.side]
    const slots = index.search(query.tokens, query.minScore)
    return { units: this.candidates(index, slots), parts: this.partCandidates(query.side, slots) }
  }

  /**
   * Exactly the sentences of multi-sentence units scoring at least `minScore`, each with its unit.
   *
   * @param query - side, tokens and threshold
   * @returns part candidates with the sentence's tokens
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().fuzzyPartCandidates({ side: 'source', tokens: ['نعم'], minScore: 0.7 }) // []
   * ```
   */
  async fuzzyPartCandidates(query: FuzzyCandidateQuery): Promise<PartCandidateUnit[]> {
    return this.partCandidates(query.side, this.index[query.side].search(query.tokens, query.minScore))
  }

  /**
   * The sentences of multi-sentence units whose matching key on `side` equals `key`, each with its unit.
   *
   * @param side - which text's sentences
   * @param key - a matching key
   * @returns the units with the index of the matching sentence
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * await new MemoryStorage().findPartsByKey('source', 'نعم.') // []
   * ```
   */
  async findPartsByKey(side: MatchSide, key: string): Promise<StoredPart[]> {
    return (this.byPartKey[side].get(key) ?? []).map(({ entry, index }) => ({ unit: entry.unit, seq: entry.seq, index }))
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
    return this.concordance.tokensStartingWith(side, prefix)
  }

  /**
   * Concordance candidates best ranked first (see {@link TmStorage.concordanceRanked}): exactly the units holding
   * a form of every word, from postings in rank order, in batches that double from 1 (a one-word query with the
   * default limit reads 31 postings), read only as far as the
   * caller iterates.
   *
   * @param query - side, words, and word-form groups
   * @returns batches of candidates with their tokens
   * @example
   * ```ts
   * import { MemoryStorage } from 'mizan'
   * for await (const batch of new MemoryStorage().concordanceRanked({ side: 'target', words: ['yes'] })) batch // never: no unit
   * ```
   */
  async *concordanceRanked(query: ConcordanceCandidateQuery): AsyncIterable<CandidateUnit[]> {
    const index = this.index[query.side]
    let batch: CandidateUnit[] = []
    let size = 1
    for (const entry of this.concordance.newestFirst(query.side, query.anyOf ?? query.words.map((word) => [word]))) {
      batch.push({ unit: entry.unit, seq: entry.seq, tokens: index.tokensOf(unitSlot(entry.slot)) })
      if (batch.length < size) continue
      yield batch
      batch = []
      if (size < 4096) size *= 2
    }
    if (batch.length > 0) yield batch
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
    this.clearParts()
    this.concordance.clear()
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
    this.clearParts()
    this.concordance.clear()
    entries.forEach((entry, index) => this.link(entry, keys[index]!))
    this.recordedKeyVersion = version
    return entries.length
  }

  private putSync({ unit, keys }: StorageEntry): StoredUnit {
    const seq = this.nextSeq++
    const existing = this.byId.get(unit.id)
    if (existing !== undefined && existing.sourceKey === keys.source.key && existing.targetKey === keys.target.key && this.sameTokens(existing.slot, keys) && this.sameParts(existing, keys)) {
      // Same matching data: replace the unit in place, the indexes stay as they are.
      existing.unit = unit
      existing.seq = seq
      this.concordance.put(existing)
      return { unit, seq }
    }
    if (existing !== undefined) this.unlink(existing)
    const entry: Entry = { unit, seq, slot: 0, sourceKey: '', targetKey: '', parts: { source: undefined, target: undefined } }
    this.link(entry, keys)
    this.byId.set(unit.id, entry) // Map.set on a known key keeps its place: iteration stays in insertion order
    this.concordance.put(entry)
    if (existing !== undefined) this.maybeCompact()
    return { unit, seq }
  }

  /** Gives `entry` a new slot with `keys`, in the fuzzy indexes and the key maps. */
  private link(entry: Entry, keys: UnitKeys): void {
    entry.slot = this.bySlot.length
    entry.sourceKey = keys.source.key
    entry.targetKey = keys.target.key
    this.bySlot.push(entry)
    this.index.source.add(unitSlot(entry.slot), keys.source.tokens)
    this.index.target.add(unitSlot(entry.slot), keys.target.tokens)
    addKey(this.byKey.source, entry.sourceKey, entry)
    addKey(this.byKey.target, entry.targetKey, entry)
    this.linkParts(entry, 'source', keys.parts?.source)
    this.linkParts(entry, 'target', keys.parts?.target)
  }

  /** Indexes the sentences of one side of `entry` (none when the side is one sentence). */
  private linkParts(entry: Entry, side: MatchSide, parts: readonly MatchingText[] | undefined): void {
    if (parts === undefined || parts.length === 0) {
      entry.parts[side] = undefined
      return
    }
    const byKey = this.byPartKey[side]
    const slots: number[] = []
    const keys: string[] = []
    parts.forEach((part, index) => {
      const ref: PartRef = { entry, index }
      slots.push(this.attachPart(side, ref, part.tokens))
      keys.push(part.key)
      const found = byKey.get(part.key)
      if (found === undefined) byKey.set(part.key, [ref])
      else found.push(ref)
    })
    entry.parts[side] = { slots, keys }
  }

  /** Removes the sentences of `entry` from the part indexes and key maps. */
  private unlinkParts(entry: Entry): void {
    for (const side of ['source', 'target'] as const) {
      const parts = entry.parts[side]
      if (parts === undefined) continue
      const byKey = this.byPartKey[side]
      parts.slots.forEach((slot, index) => {
        this.detachPart(side, slot, entry, index)
        const key = parts.keys[index]!
        const kept = (byKey.get(key) ?? []).filter((ref) => ref.entry !== entry)
        if (kept.length === 0) byKey.delete(key)
        else byKey.set(key, kept)
      })
      entry.parts[side] = undefined
    }
  }

  /** Gives sentence `ref` the part number of its tokens, indexing them when no live sentence has them yet. */
  private attachPart(side: MatchSide, ref: PartRef, tokens: readonly string[]): number {
    const group = partGroup(tokens)
    const slot = this.partGroups[side].get(group)
    if (slot !== undefined) {
      this.byPartSlot[side][slot]!.push(ref)
      return slot
    }
    const made = this.byPartSlot[side].length
    this.byPartSlot[side].push([ref])
    this.index[side].add(partSlot(made), tokens)
    this.partGroups[side].set(group, made)
    return made
  }

  /** Takes sentence `index` of `entry` out of part number `slot`, and the number out of the index once unused. */
  private detachPart(side: MatchSide, slot: number, entry: Entry, index: number): void {
    const members = this.byPartSlot[side][slot]!
    members.splice(members.findIndex((ref) => ref.entry === entry && ref.index === index), 1)
    if (members.length > 0) return
    this.partGroups[side].delete(partGroup(this.index[side].tokensOf(partSlot(slot))))
    this.index[side].remove(partSlot(slot))
    this.byPartSlot[side][slot] = undefined
  }

  /** Whether the sentences stored for `entry` have the same keys and tokens as `keys.parts`. */
  private sameParts(entry: Entry, keys: UnitKeys): boolean {
    for (const side of ['source', 'target'] as const) {
      const stored = entry.parts[side]
      const given = keys.parts?.[side] ?? []
      if ((stored?.slots.length ?? 0) !== given.length) return false
      if (stored === undefined) continue
      for (let index = 0; index < given.length; index++) {
        if (stored.keys[index] !== given[index]!.key || !sameArray(this.index[side].tokensOf(partSlot(stored.slots[index]!)), given[index]!.tokens)) return false
      }
    }
    return true
  }

  /** Forgets every part (the fuzzy indexes are rebuilt by the caller). */
  private clearParts(): void {
    this.byPartSlot = { source: [], target: [] }
    this.partGroups = { source: new Map(), target: new Map() }
    this.byPartKey.source.clear()
    this.byPartKey.target.clear()
  }

  /** Whether the tokens stored under `slot` equal the new ones (keys equal almost always means tokens equal). */
  private sameTokens(slot: number, keys: StorageEntry['keys']): boolean {
    return sameArray(this.index.source.tokensOf(unitSlot(slot)), keys.source.tokens) && sameArray(this.index.target.tokensOf(unitSlot(slot)), keys.target.tokens)
  }

  private unlink(entry: Entry): void {
    this.index.source.remove(unitSlot(entry.slot))
    this.index.target.remove(unitSlot(entry.slot))
    this.bySlot[entry.slot] = undefined
    removeKey(this.byKey.source, entry.sourceKey, entry)
    removeKey(this.byKey.target, entry.targetKey, entry)
    this.unlinkParts(entry)
    this.concordance.remove(entry)
  }

  /** The units among index slots `slots` (parts are left out). */
  private candidates(index: FuzzyIndex, slots: number[]): CandidateUnit[] {
    const found: CandidateUnit[] = []
    for (const slot of slots) {
      if (slot % 2 !== 0) continue
      const entry = this.bySlot[slot / 2]!
      found.push({ unit: entry.unit, seq: entry.seq, tokens: index.tokensOf(slot) })
    }
    return found
  }

  /** The parts among index slots `slots` of `side` (units are left out). */
  private partCandidates(side: MatchSide, slots: number[]): PartCandidateUnit[] {
    const index = this.index[side]
    const refs = this.byPartSlot[side]
    const found: PartCandidateUnit[] = []
    for (const slot of slots) {
      if (slot % 2 === 0) continue
      const tokens = index.tokensOf(slot)
      for (const { entry, index: part } of refs[(slot - 1) / 2]!) found.push({ unit: entry.unit, seq: entry.seq, index: part, tokens })
    }
    return found
  }

  /** Rebuilds both fuzzy indexes without dead slots (units' or parts') once they outnumber the live ones. */
  private maybeCompact(): void {
    const wasteful = (index: FuzzyIndex) => index.deadCount >= COMPACT_MIN_DEAD && index.deadCount >= index.size
    if (!wasteful(this.index.source) && !wasteful(this.index.target)) return
    const old = this.index
    this.index = { source: new FuzzyIndex(), target: new FuzzyIndex() }
    this.byPartSlot = { source: [], target: [] }
    this.partGroups = { source: new Map(), target: new Map() }
    const slots: Array<Entry | undefined> = []
    for (const entry of this.byId.values()) {
      const slot = slots.length
      for (const side of ['source', 'target'] as const) {
        this.index[side].add(unitSlot(slot), old[side].tokensOf(unitSlot(entry.slot)))
        const parts = entry.parts[side]
        if (parts === undefined) continue
        parts.slots = parts.slots.map((part, index) => this.attachPart(side, { entry, index }, old[side].tokensOf(partSlot(part))))
      }
      entry.slot = slot
      slots.push(entry)
    }
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
