/**
 * `TranslationMemory`: units behind exact, context, fuzzy and concordance search.
 *
 * The memory computes matching keys, assigns ids, and makes every decision about an answer (score, code penalty,
 * ranking, diffs, spans); a {@link TmStorage} backend stores units and proposes candidates. Because the deciding
 * code lives here, the in-process, SQLite and PostgreSQL backends give identical answers.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import { OptionsError } from '../errors.js'
import { checkDeadline, deadlineStride, readDeadline } from './deadline.js'
import { MemoryStorage } from '../storage/memory.js'
import { resolve } from 'node:path'
import type { FileSnapshot } from '../storage/file-fingerprint.js'
import { openXliffFile, saveXliffFile, type DocumentExtras, type XliffFileVersion } from '../storage/xliff-file.js'
import { matchingKeyVersion, type CandidateUnit, type ConcordanceCandidateQuery, type FuzzyCandidateQuery, type MatchingText, type MatchSide, type PartCandidateUnit, type PartKeys, type StorageEntry, type StoredUnit, type TmStorage, type UnitKeys } from '../storage/types.js'
import type { InlineContent, LanguageTag, Logger, NewTranslationUnit, TranslationUnit, UnitContext } from '../types.js'
import { findInOrder, occurrenceSpans, type TextSpan } from './concordance.js'
import { codeSignature, defaultCodePenalty, readQuery, sideContent } from './inline-codes.js'
import { tokenDiff, type DiffPart } from './match-diff.js'
import { normalizeUnchecked, type NormalizeOptions } from './normalize.js'
import { changedAtMs, compareRanked, compareRecency, topRanked, type Rankable } from './ranking.js'
import { maxEditDistance, tokenEditDistance } from './score.js'
import { tokenizeKey } from './tokenize.js'
import { needsReview } from './needs-review.js'
import { matchPart, partText, partTexts, sideText, validBoundaries, type MatchPart } from './unit-parts.js'
import { resolveSearchSide, type SearchSide } from './search-side.js'
import { matchesWord, queryWords, type ConcordanceMatchMode, type QueryWord } from './word-forms.js'

/**
 * Options of a {@link TranslationMemory}.
 *
 * @example
 * ```ts
 * import { TranslationMemory, MemoryStorage } from 'mizan'
 * const tm = new TranslationMemory({
 *   sourceLang: 'ar',
 *   targetLang: 'en',
 *   storage: new MemoryStorage(),
 *   fuzzy: { minScore: 0.75, limit: 3 },
 * })
 * ```
 * @group Memory
 */
export interface TranslationMemoryOptions {
  /** Language of the units' `source` text, e.g. `'ar'`. */
  sourceLang: LanguageTag
  /** Language of the units' `target` text, e.g. `'en'`. */
  targetLang: LanguageTag
  /**
   * Where units live.
   *
   * @defaultValue a new in-process {@link MemoryStorage}
   */
  storage?: TmStorage
  /**
   * Coarser matching keys for both sides (see `normalizeForMatching`). A persistent store must always be opened
   * with the same normalisation it was built with.
   *
   * @defaultValue `{}` (the matching contract)
   */
  normalization?: NormalizeOptions
  /**
   * Score lost by a match whose inline codes differ from the query's, in [0, 0.5].
   *
   * @defaultValue `0.02` (two points of a CAT tool's percentage: less than one edited word in a typical sentence)
   */
  codePenalty?: number
  /**
   * Default fuzzy options; each call can override them.
   *
   * @defaultValue `{ minScore: 0.7, limit: 5, side: 'auto', includeNeedsReview: true, parts: true }`
   */
  fuzzy?: FuzzyOptions
  /**
   * Where warnings go (mizan never prints).
   *
   * @defaultValue none
   */
  logger?: Logger
}

/**
 * Options of {@link TranslationMemory.fuzzy}.
 *
 * @example
 * ```ts
 * import { TranslationMemory, type FuzzyOptions } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * const options: FuzzyOptions = { minScore: 0.8, limit: 10, side: 'target' }
 * await tm.fuzzy('Where is the station?', options)
 * ```
 * @group Memory
 */
export interface FuzzyOptions {
  /**
   * The lowest score returned, in (0, 1].
   *
   * @defaultValue `0.7`
   */
  minScore?: number
  /**
   * The most matches returned (a positive integer, or `Infinity` for all).
   *
   * @defaultValue `5`
   */
  limit?: number
  /**
   * Search the units' `source` or `target` text, or `'auto'`: the side whose language is written in the query's
   * script (Arabic letters → the Arabic side, Latin → the other; the source side when that settles nothing).
   * The match says which side was searched.
   *
   * @defaultValue `'auto'`
   */
  side?: SearchSide
  /**
   * Return units that need review (see {@link needsReview}: pairs the aligner was not confident about); `false`
   * leaves them out before `limit` is applied, so a unit left out never takes the place of one kept.
   *
   * @defaultValue `true`
   */
  includeNeedsReview?: boolean
  /**
   * Also score the query against each sentence of a unit made from a multi-sentence bead (its `parts`): such a
   * match carries `part` and ranks below whole-unit matches of the same score. A unit is returned once, with
   * its best match. `false` matches whole units only.
   *
   * @defaultValue `true`
   */
  parts?: boolean
  /**
   * A time (as `Date.now()` gives it) after which the search stops and throws a {@link TmError} with code
   * `'TIMEOUT'`. Checked while the candidates are scored (and by a backend that honours
   * {@link FuzzyCandidateQuery.deadline}), so a search over many candidates gives its CPU back soon after the
   * deadline rather than finishing; a server uses it for its time limit per request. Not a constructor default.
   *
   * @defaultValue none (the search runs to the end)
   */
  deadline?: number
}

/**
 * Options of {@link TranslationMemory.lookup}.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * await tm.lookup('نعم.', { context: { previous: 'هل أنت جاهز؟' } })
 * ```
 * @group Memory
 */
export interface LookupOptions {
  /**
   * Search the units' `source` or `target` text, or `'auto'`: the side whose language is written in the query's
   * script (Arabic letters → the Arabic side, Latin → the other; the source side when that settles nothing).
   * The match says which side was searched.
   *
   * @defaultValue `'auto'`
   */
  side?: SearchSide
  /**
   * The query's neighbours in its document. An exact match whose unit has the same previous source sentence
   * (compared by matching key) is a context match, ranked first (source side only).
   *
   * @defaultValue none
   */
  context?: UnitContext
  /**
   * The most matches returned.
   *
   * @defaultValue `Infinity`
   */
  limit?: number
  /**
   * Return units that need review (see {@link needsReview}: pairs the aligner was not confident about); `false`
   * leaves them out before `limit` is applied, so a unit left out never takes the place of one kept.
   *
   * @defaultValue `true`
   */
  includeNeedsReview?: boolean
  /**
   * Also find units one of whose sentences (its `parts`, see {@link TranslationUnit.parts}) has the query's
   * text: such a match carries `part` and ranks below whole-unit matches of the same score. A unit is returned
   * once, with its best match. `false` looks up whole units only.
   *
   * @defaultValue `true`
   */
  parts?: boolean
}

/**
 * Options of {@link TranslationMemory.concordance}.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * await tm.concordance('human rights', { side: 'target', limit: 50 })
 * ```
 * @group Memory
 */
export interface ConcordanceOptions {
  /**
   * Search the units' `source` or `target` text, or `'auto'`: the side whose language is written in the query's
   * script (Arabic letters → the Arabic side, Latin → the other; the source side when that settles nothing).
   * The match says which side was searched.
   *
   * @defaultValue `'auto'`
   */
  side?: SearchSide
  /**
   * The most matches returned.
   *
   * @defaultValue `20`
   */
  limit?: number
  /**
   * Return units that need review (see {@link needsReview}: pairs the aligner was not confident about); `false`
   * leaves them out before `limit` is applied, so a unit left out never takes the place of one kept.
   *
   * @defaultValue `true`
   */
  includeNeedsReview?: boolean
  /**
   * `'forms'`: a query word also finds its forms: Arabic with the proclitics و ف ب ك ل, the article ال and
   * pronoun enclitics attached (مياه finds المياه, بالمياه, مياهها), English inflections and derivations with
   * its Porter stem (desalinate finds desalinated, desalination). `'exact'`: each word only as written (after
   * normalisation). In both, a word ending in `*` finds every word it begins (`desalinat*`).
   *
   * @defaultValue `'forms'`
   */
  match?: ConcordanceMatchMode
}

/**
 * One answer of {@link TranslationMemory.lookup}.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * await tm.add({ source: 'نعم', target: 'Yes' })
 * const [match] = await tm.lookup('نعم') // { unit: { source: 'نعم', target: 'Yes', … }, kind: 'exact', score: 1 }
 * ```
 * @group Memory
 */
export interface LookupMatch {
  /** The matched unit, with its `state` and `alignment.score` (confidence): `needsReview(match.unit)` tells a doubtful pair. */
  unit: TranslationUnit
  /**
   * `'context'`: identical text and the same previous sentence; `'exact'`: identical text; `'normalized'`: equal
   * matching keys (differences in diacritics, case, spacing, digits or punctuation forms only).
   */
  kind: 'context' | 'exact' | 'normalized'
  /** 1.01 for context, 1.0 for exact, 0.99 for normalized matches, less the code penalty when codes differ. */
  score: number
  /** The side that was searched (what `'auto'` chose). */
  side: MatchSide
  /**
   * For a part match, the sentence of the unit that matched (its `kind` and `score` are then the sentence's);
   * absent when the whole unit matched.
   */
  part?: MatchPart
}

/**
 * One answer of {@link TranslationMemory.fuzzy}.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'en', targetLang: 'ar' })
 * await tm.add({ source: 'the red car', target: 'السيارة الحمراء' })
 * const [match] = await tm.fuzzy('the blue car', { minScore: 0.6 })
 * // { unit: { source: 'the red car', … }, score: 0.6666666666666667, distance: 1, diff: [ … ] }
 * ```
 * @group Memory
 */
export interface FuzzyMatch {
  /** The matched unit, with its `state` and `alignment.score` (confidence): `needsReview(match.unit)` tells a doubtful pair. */
  unit: TranslationUnit
  /**
   * The score in [0, 1]: 1.0 for identical text, 0.99 for equal tokens with different text, else
   * `1 − d / max(|q|, |s|)`; less the code penalty when inline codes differ.
   */
  score: number
  /** The token edit distance `d` between query and match. */
  distance: number
  /** Token diff from the query to the match's text on the searched side (to the sentence, for a part match). */
  diff: DiffPart[]
  /** The side that was searched (what `'auto'` chose). */
  side: MatchSide
  /**
   * For a part match, the sentence of the unit that was scored (`score`, `distance` and `diff` are then the
   * sentence's); absent when the whole unit was.
   */
  part?: MatchPart
}

/**
 * One answer of {@link TranslationMemory.concordance}.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * await tm.add({ source: 'x', target: 'Human rights matter' })
 * const [hit] = await tm.concordance('human rights', { side: 'target' })
 * // { unit: { target: 'Human rights matter', … }, spans: [{ start: 0, end: 12 }], gaps: 0 }
 * ```
 * @group Memory
 */
export interface ConcordanceMatch {
  /** The unit whose text contains the query's words in order, with its `state` and `alignment.score` (see {@link LookupMatch.unit}). */
  unit: TranslationUnit
  /**
   * Every occurrence of any query word (or of its forms) in the unit's text on the searched side, as offsets into
   * that text as written, adjacent ones merged into one span.
   */
  spans: TextSpan[]
  /** How many other tokens lie between the first and last hit word (0 for the exact phrase). */
  gaps: number
  /** The side that was searched (what `'auto'` chose). */
  side: MatchSide
}

/** The score of each kind of lookup match, before the inline-code penalty (a part match is scored as its sentence). */
const lookupScores: Record<LookupMatch['kind'], number> = { context: 1.01, exact: 1, normalized: 0.99 }

const defaults = {
  fuzzy: { minScore: 0.7, limit: 5, side: 'auto' as SearchSide, includeNeedsReview: true, parts: true },
  concordanceLimit: 20,
  batchSize: 10_000,
}

/**
 * A translation memory: add units, then look them up exactly, by context, fuzzily, or by concordance, from either
 * language. All methods are async because SQL backends are; the in-process default answers at once.
 *
 * @example
 * ```ts
 * import { TranslationMemory } from 'mizan'
 * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
 * await tm.add({ source: 'أين المحطة؟', target: 'Where is the station?' })
 * const [best] = await tm.fuzzy('أين المحطة الكبيرة؟')
 * best?.unit.target // 'Where is the station?'
 * best?.score // 0.75
 * ```
 * @group Memory
 */
export class TranslationMemory {
  /** Language of `source` texts. */
  readonly sourceLang: LanguageTag
  /** Language of `target` texts. */
  readonly targetLang: LanguageTag
  /** The backend holding the units. */
  readonly storage: TmStorage
  private readonly normalization: NormalizeOptions
  private readonly foldTaMarbuta: boolean
  private readonly codePenalty: number
  private readonly fuzzyDefaults: FuzzyDefaults
  private readonly logger: Logger | undefined
  /** Settles once the storage's keys are known to be current (re-keyed if they were older), see `keysCurrent`. */
  private keysChecked: Promise<void> | undefined

  /**
   * Creates a memory over `options.storage` (a new in-process store by default).
   *
   * @param options - languages, storage and defaults
   * @throws OptionsError when an option has the wrong type or range (names the option)
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
   * ```
   */
  constructor(options: TranslationMemoryOptions) {
    if (typeof options !== 'object' || options === null) throw new OptionsError('options', options, 'an object with sourceLang and targetLang')
    this.sourceLang = checkLang('sourceLang', options.sourceLang)
    this.targetLang = checkLang('targetLang', options.targetLang)
    const storage = options.storage ?? new MemoryStorage()
    if (typeof storage !== 'object' || storage === null || typeof storage.fuzzyCandidates !== 'function' || typeof storage.put !== 'function') {
      throw new OptionsError('storage', storage, 'a TmStorage (e.g. new MemoryStorage())')
    }
    this.storage = storage
    const normalization = options.normalization ?? {}
    if (typeof normalization !== 'object' || normalization === null) throw new OptionsError('normalization', normalization, 'an object')
    if (normalization.foldTaMarbuta !== undefined && typeof normalization.foldTaMarbuta !== 'boolean') {
      throw new OptionsError('normalization.foldTaMarbuta', normalization.foldTaMarbuta, 'a boolean')
    }
    this.normalization = { ...normalization }
    this.foldTaMarbuta = normalization.foldTaMarbuta === true
    const penalty = options.codePenalty ?? defaultCodePenalty
    if (typeof penalty !== 'number' || !(penalty >= 0 && penalty <= 0.5)) throw new OptionsError('codePenalty', penalty, 'a number from 0 to 0.5')
    this.codePenalty = penalty
    this.fuzzyDefaults = readFuzzyOptions(options.fuzzy, defaults.fuzzy, 'fuzzy.')
    if (options.logger !== undefined && typeof options.logger !== 'function') throw new OptionsError('logger', options.logger, 'a function (level, message, code)')
    this.logger = options.logger
  }

  /**
   * Adds a unit, or updates it. The id is the identity: a unit with a known id replaces that unit. A unit without
   * an id gets the id of a stored unit with the same `source` and `target` text when there is one (so adding the
   * same pair again updates it), otherwise a new id derived from its text. The same source with another target is
   * a new unit: a memory may hold several translations of one sentence.
   *
   * `createdAt` is kept from the unit it replaces (or taken from the unit, or now); `changedAt` is the unit's own or
   * now.
   *
   * @param unit - the unit (`id` optional)
   * @returns the unit as stored, with its id and dates
   * @throws OptionsError when `unit` is not a unit (names the bad field)
   * @throws StorageError when the backend fails
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
   * const unit = await tm.add({ source: 'شكرا', target: 'Thank you' })
   * unit.id // 'u-…' (stable: derived from the text)
   * ```
   */
  async add(unit: NewTranslationUnit): Promise<TranslationUnit> {
    await this.keysCurrent()
    const entry = await this.prepare(unit, new Date().toISOString(), 'unit')
    return (await this.storage.put(entry)).unit
  }

  /**
   * Adds many units (see {@link TranslationMemory.add} for ids and updates), in batches.
   *
   * @param units - units, from an array, any iterable or an async iterable (e.g. a streaming parser)
   * @returns the units as stored, in order
   * @throws OptionsError naming the position of the first unit that is not a unit
   * @throws StorageError when the backend fails
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
   * await tm.addAll([{ source: 'نعم', target: 'Yes' }, { source: 'لا', target: 'No' }])
   * await tm.size() // 2
   * ```
   */
  async addAll(units: Iterable<NewTranslationUnit> | AsyncIterable<NewTranslationUnit>): Promise<TranslationUnit[]> {
    if (units === null || typeof units !== 'object' || !(Symbol.iterator in units || Symbol.asyncIterator in units)) {
      throw new OptionsError('units', units, 'an iterable of units', 'INVALID_INPUT')
    }
    await this.keysCurrent()
    const stored: TranslationUnit[] = []
    let batch: NewTranslationUnit[] = []
    let position = 0
    const now = new Date().toISOString()
    // Each batch is prepared together (two storage reads per batch, not two per unit), then written in one putMany.
    const flush = async () => {
      if (batch.length === 0) return
      for (const result of await this.storage.putMany(await this.prepareBatch(batch, now))) stored.push(result.unit)
      batch = []
    }
    for await (const unit of units as AsyncIterable<NewTranslationUnit>) {
      checkUnit(unit, `units[${position}]`)
      batch.push(unit)
      position++
      if (batch.length >= defaults.batchSize) await flush()
    }
    await flush()
    return stored
  }

  /**
   * Reads a unit by id.
   *
   * @param id - the unit id
   * @returns the unit, or `undefined` when there is none
   * @throws OptionsError when `id` is not a string
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
   * await tm.get('nope') // undefined
   * ```
   */
  async get(id: string): Promise<TranslationUnit | undefined> {
    if (typeof id !== 'string') throw new OptionsError('id', id, 'a string', 'INVALID_INPUT')
    return (await this.storage.get(id))?.unit
  }

  /**
   * Removes a unit; searches stay exact afterwards.
   *
   * @param id - the unit id
   * @returns whether a unit was removed
   * @throws OptionsError when `id` is not a string
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
   * const { id } = await tm.add({ source: 'نعم', target: 'Yes' })
   * await tm.delete(id) // true
   * ```
   */
  async delete(id: string): Promise<boolean> {
    if (typeof id !== 'string') throw new OptionsError('id', id, 'a string', 'INVALID_INPUT')
    return this.storage.delete(id)
  }

  /**
   * Deletes some units and adds (or updates) others as one change: on a backend with transactions (SQLite,
   * PostgreSQL, and the in-process memory) either all of it is written or, when it fails, none of it. The deletes
   * come first, so an added unit may take the id of a deleted one. Ids and dates of the added units are assigned
   * as by {@link TranslationMemory.addAll}. A backend without `writeBatch` is written in two steps.
   *
   * @param changes - `delete`: ids of units to remove; `add`: the units to add
   * @returns the units as stored, in order, and how many units were deleted
   * @throws OptionsError when a unit is not a unit or an id not a string
   * @throws StorageError when the backend fails (then nothing of the change is written, where the backend can)
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
   * const [a, b] = await tm.addAll([{ source: 'نعم.', target: 'Yes,' }, { source: 'شكرا.', target: 'thanks.' }])
   * // merge the two units into one, in one transaction
   * await tm.change({ delete: [a!.id, b!.id], add: [{ source: 'نعم. شكرا.', target: 'Yes, thanks.' }] })
   * ```
   */
  async change(changes: { delete?: readonly string[]; add?: readonly NewTranslationUnit[] }): Promise<{ added: TranslationUnit[]; deleted: number }> {
    const ids = changes.delete ?? []
    const units = changes.add ?? []
    ids.forEach((id, index) => {
      if (typeof id !== 'string') throw new OptionsError(`delete[${index}]`, id, 'a unit id (string)', 'INVALID_INPUT')
    })
    units.forEach((unit, index) => checkUnit(unit, `add[${index}]`))
    await this.keysCurrent()
    const entries = await this.prepareBatch(units, new Date().toISOString())
    if (this.storage.writeBatch !== undefined) {
      const { stored, deleted } = await this.storage.writeBatch({ delete: ids, put: entries })
      return { added: stored.map((one) => one.unit), deleted }
    }
    let deleted = 0
    for (const id of ids) if (await this.storage.delete(id)) deleted++
    return { added: entries.length === 0 ? [] : (await this.storage.putMany(entries)).map((one) => one.unit), deleted }
  }

  /**
   * Counts the units.
   *
   * @returns the number of units
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * await new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' }).size() // 0
   * ```
   */
  async size(): Promise<number> {
    return this.storage.size()
  }

  /**
   * Every unit, for export (e.g. to `toXliff` or `toTmx`).
   *
   * @returns an async iterable of units, in insertion order where the backend keeps one
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
   * const pairs: [string, string][] = []
   * for await (const unit of tm.units()) pairs.push([unit.source, unit.target])
   * ```
   */
  async *units(): AsyncIterable<TranslationUnit> {
    for await (const stored of this.storage.units()) yield stored.unit
  }

  /**
   * Exact look-up: units whose text on `side` is identical to `text` (score 1.0), or equal after normalisation
   * (0.99); on the source side, an identical unit whose previous sentence matches `options.context.previous` is a
   * context match (1.01, "101%"), ranked first. Ties go to the most recent unit, then the smallest id.
   *
   * @param text - the text to find, plain or with inline codes
   * @param options - side, context, limit, whether to include units that need review
   * @returns matches, best first; `[]` when none (or when `text` is blank)
   * @throws OptionsError when `text` or an option has the wrong type
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
   * await tm.add({ source: 'شُكْرًا', target: 'Thank you' })
   * const [match] = await tm.lookup('شكرا')
   * match?.kind  // 'normalized'
   * match?.score // 0.99
   * ```
   */
  async lookup(text: string | InlineContent, options: LookupOptions = {}): Promise<LookupMatch[]> {
    const query = readQuery(text)
    const { side: requested, context, limit, includeNeedsReview, parts } = readLookupOptions(options)
    const side = resolveSearchSide(query.plain, requested, this.sourceLang, this.targetLang)
    await this.keysCurrent()
    const key = this.key(query.plain)
    if (key === '') return []
    const found = await this.storage.findByKey(side, key)
    const previousKey = side === 'source' && context?.previous !== undefined ? this.key(context.previous) : undefined
    const ranked: Array<Rankable & { kind: LookupMatch['kind'] }> = []
    for (const stored of found) {
      const unit = stored.unit
      if (!includeNeedsReview && needsReview(unit)) continue
      const identical = sideText(unit, side) === query.plain
      let kind: LookupMatch['kind'] = identical ? 'exact' : 'normalized'
      if (identical && previousKey !== undefined && unit.context?.previous !== undefined && this.key(unit.context.previous) === previousKey) kind = 'context'
      ranked.push({ score: this.penalised(lookupScores[kind], query.codes, stored, side), stored, changedMs: changedAtMs(stored), kind })
    }
    if (parts && this.storage.findPartsByKey !== undefined) {
      for (const stored of await this.storage.findPartsByKey(side, key)) {
        if (!includeNeedsReview && needsReview(stored.unit)) continue
        const text = partText(stored.unit, side, stored.index)
        if (text === undefined) continue // the unit's parts changed since the storage found it (as in fuzzy)
        const kind = text === query.plain ? 'exact' : 'normalized'
        ranked.push({ score: this.penalised(lookupScores[kind], query.codes, stored, side), stored, changedMs: changedAtMs(stored), kind, partIndex: stored.index })
      }
    }
    return bestPerUnit(ranked)
      .slice(0, limit)
      .map((match) => withPart({ unit: match.stored.unit, kind: match.kind, score: match.score, side }, match, side))
  }

  /**
   * Fuzzy search: every unit whose score against `text` is at least `minScore`, the best `limit` of them, best
   * first, ties by recency then id. The score is `1 − d / max(|q|, |s|)` over tokens of the matching keys
   * (d: token Levenshtein distance), 1.0 for identical text, 0.99 for equal tokens but different text, less a
   * small penalty when inline codes differ. Lossless: the same answer as scoring every unit.
   *
   * Work is bounded for any input: the query is normalised and tokenised once (linear in its length), and only
   * units within the length window `⌈t·m⌉ … ⌊m/t⌋` are considered, so a query far longer than any unit (say
   * 100,000 characters) returns `[]` after that linear pass.
   *
   * @param text - the query, plain or with inline codes
   * @param options - `minScore` (0.7), `limit` (5), `side` ('auto': the query's script picks it), `includeNeedsReview` (true)
   * @returns matches with score, distance and token diff; `[]` when none or when `text` has no tokens
   * @throws OptionsError when `text` or an option has the wrong type or range (names the option)
   * @throws StorageError when the backend fails
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
   * await tm.add({ source: 'I like green tea.', target: 'أحب الشاي الأخضر.' })
   * const [match] = await tm.fuzzy('I like black tea.', { side: 'source' })
   * match?.score // 0.8 (1 of 5 tokens differs)
   * match?.diff  // [{ op: 'equal', tokens: ['I', 'like'] }, { op: 'removed', tokens: ['black'] }, { op: 'added', tokens: ['green'] }, …]
   * ```
   */
  async fuzzy(text: string | InlineContent, options: FuzzyOptions = {}): Promise<FuzzyMatch[]> {
    const query = readQuery(text)
    const { minScore, limit, side: requested, includeNeedsReview, parts } = readFuzzyOptions(options, this.fuzzyDefaults, '')
    const deadline = readDeadline(options)
    const side = resolveSearchSide(query.plain, requested, this.sourceLang, this.targetLang)
    await this.keysCurrent()
    const tokens = tokenizeKey(this.key(query.plain))
    if (tokens.length === 0) return []
    checkDeadline(deadline, 'before reading candidates')
    const candidateQuery: FuzzyCandidateQuery = { side, tokens, minScore, ...(deadline === undefined ? {} : { deadline }) }
    const { units: candidates, parts: partCandidates } = await this.fuzzyCandidates(candidateQuery, parts)
    const kept: Array<Rankable & { distance: number }> = []
    for (const [index, candidate] of candidates.entries()) {
      if (deadline !== undefined && index % deadlineStride === 0) checkDeadline(deadline, `after scoring ${index} of ${candidates.length} candidates`)
      // Left out before ranking and the limit: candidates are a superset of the answer, so this stays lossless.
      if (!includeNeedsReview && needsReview(candidate.unit)) continue
      const scored = this.scoreCandidate(query, tokens, candidate, side, sideText(candidate.unit, side), minScore)
      if (scored.score >= minScore) kept.push({ ...scored, stored: candidate, changedMs: changedAtMs(candidate) })
    }
    // Each sentence of a multi-sentence unit is indexed as an entry of its own, so this is as lossless as above.
    for (const [index, candidate] of partCandidates.entries()) {
      if (deadline !== undefined && index % deadlineStride === 0) checkDeadline(deadline, `after scoring ${index} of ${partCandidates.length} sentence candidates`)
      if (!includeNeedsReview && needsReview(candidate.unit)) continue
      const text = partText(candidate.unit, side, candidate.index)
      if (text === undefined) continue // the unit's parts changed since the candidate was read
      const scored = this.scoreCandidate(query, tokens, candidate, side, text, minScore)
      if (scored.score >= minScore) kept.push({ ...scored, stored: candidate, changedMs: changedAtMs(candidate), partIndex: candidate.index })
    }
    return bestPerUnit(kept)
      .slice(0, limit)
      .map((match) => {
        const unit = match.stored.unit
        const text = match.partIndex === undefined ? sideText(unit, side) : partText(unit, side, match.partIndex)!
        return withPart({ unit, score: match.score, distance: match.distance, diff: tokenDiff(query.plain, text, this.normalization), side }, match, side)
      })
  }

  /**
   * Concordance search, as CAT tools offer it: units whose text on `side` contains the words of `query` in order
   * (compared by matching key, so diacritics, alef forms, digits and case do not matter; punctuation in the query
   * is ignored), with the spans of the hits. The exact phrase ranks first (fewest gaps), then recency, then id.
   *
   * @param query - one or more words
   * @param options - side, limit, whether to include units that need review
   * @returns matches with spans into the unit's text; `[]` when none or when `query` has no words
   * @throws OptionsError when `query` or an option has the wrong type
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
   * await tm.add({ source: 'حقوق الإنسان مهمة', target: 'Human rights matter' })
   * const [hit] = await tm.concordance('حقوق الانسان')
   * hit?.spans // [{ start: 0, end: 12 }]
   * ```
   */
  async concordance(query: string, options: ConcordanceOptions = {}): Promise<ConcordanceMatch[]> {
    if (typeof query !== 'string') throw new OptionsError('query', query, 'a string', 'INVALID_INPUT')
    const { side: requested, limit, includeNeedsReview, match } = readConcordanceOptions(options)
    const side = resolveSearchSide(query, requested, this.sourceLang, this.targetLang)
    await this.keysCurrent()
    const words = queryWords(tokenizeKey(this.key(query)), match)
    if (words.length === 0) return []
    const { ranked, batches } = await this.concordanceCandidates(side, words)
    const hits: Array<{ stored: CandidateUnit; changedMs: number; positions: number[]; gaps: number }> = []
    let phrases = 0
    for await (const batch of batches) {
      for (const candidate of batch) {
        if (!includeNeedsReview && needsReview(candidate.unit)) continue
        const positions = findInOrder(candidate.tokens, words)
        if (positions === undefined) continue
        const gaps = positions[positions.length - 1]! - positions[0]! + 1 - words.length
        if (gaps === 0) phrases++
        hits.push({ stored: candidate, changedMs: changedAtMs(candidate), positions, gaps })
      }
      // Candidates best ranked first: the first `limit` hits without gaps are the answer, none later outranks them.
      if (ranked && phrases >= limit) break
    }
    return topRanked(hits, limit, (a, b) => a.gaps - b.gaps || compareRecency(a, b)).map((hit) => ({
      unit: hit.stored.unit,
      spans: occurrenceSpans(sideText(hit.stored.unit, side), words, this.normalization),
      gaps: hit.gaps,
      side,
    }))
  }

  /**
   * Units that may hold every query word (a superset: `findInOrder` decides), in batches, `ranked` when best
   * ranked first (from a backend with `concordanceRanked`). Exact words ask the backend for units holding all of
   * them; word forms ask for units holding one form of each word (each form is one posting look-up, no scan); a
   * prefix word asks the backend for the stored tokens it begins, or, from a backend that cannot list them,
   * reads every unit.
   */
  private async concordanceCandidates(side: MatchSide, words: readonly QueryWord[]): Promise<{ ranked: boolean; batches: AsyncIterable<CandidateUnit[]> | CandidateUnit[][] }> {
    const distinct = [...new Set(words.map((word) => word.word))]
    let query: ConcordanceCandidateQuery = { side, words: distinct }
    if (!words.every((word) => word.forms !== undefined && word.forms.size === 1)) {
      const groups: string[][] = []
      for (const word of words) {
        if (word.prefix === undefined) {
          groups.push([...word.forms!])
          continue
        }
        if (this.storage.tokensStartingWith === undefined) return { ranked: false, batches: [await this.scanCandidates(side, words)] }
        const tokens = await this.storage.tokensStartingWith(side, word.prefix)
        if (tokens.length === 0) return { ranked: false, batches: [] }
        groups.push(tokens)
      }
      query = { side, words: distinct, anyOf: groups }
    }
    if (this.storage.concordanceRanked !== undefined) return { ranked: true, batches: this.storage.concordanceRanked(query) }
    return { ranked: false, batches: [await this.storage.concordanceCandidates(query)] }
  }

  /** Every unit holding a match of each word, by reading them all (the fallback for prefixes, see above). */
  private async scanCandidates(side: MatchSide, words: readonly QueryWord[]): Promise<CandidateUnit[]> {
    const found: CandidateUnit[] = []
    for await (const stored of this.storage.units()) {
      const tokens = this.keysOf(stored.unit)[side].tokens
      if (words.every((word) => tokens.some((token) => matchesWord(word, token)))) found.push({ ...stored, tokens })
    }
    return found
  }

  /**
   * Releases the backend (connections, handles). Idempotent.
   *
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * await new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' }).close()
   * ```
   */
  async close(): Promise<void> {
    await this.storage.close()
  }

  // --- XLIFF file memory (issue 6; the file logic lives in src/storage/xliff-file.ts) ---

  /** The XLIFF file this memory was opened from and saves to, when it came from {@link TranslationMemory.open}. */
  private file: { path: string; version: XliffFileVersion; snapshot: FileSnapshot; document: DocumentExtras } | undefined

  /**
   * Opens a memory saved as an XLIFF 2 file: loads every unit into an in-process memory, or starts an empty one
   * when the file does not exist yet (it is written by the first {@link TranslationMemory.save}). The languages
   * come from the file (`srcLang`, `trgLang`); `options.sourceLang`/`targetLang` serve for a new file. An XLIFF 1.2
   * file is read too, and saved as XLIFF 2.1.
   *
   * @param path - the XLIFF file, e.g. `'tm.xlf'`
   * @param options - the memory's options; languages are optional here (default `'ar'` and `'en'` for a new file)
   * @returns the memory, ready to search
   * @throws {@link StorageError} when the file cannot be read; {@link FormatError} (file, line, column) when it
   *   is not valid XLIFF
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * const tm = await TranslationMemory.open('tm.xlf')
   * await tm.add({ source: 'شكرا جزيلا', target: 'Thank you very much' })
   * await tm.save() // atomic: temp file, fsync, rename
   * ```
   */
  static async open(
    path: string,
    options: Omit<TranslationMemoryOptions, 'storage' | 'sourceLang' | 'targetLang'> & { sourceLang?: LanguageTag; targetLang?: LanguageTag } = {},
  ): Promise<TranslationMemory> {
    if (typeof path !== 'string' || path === '') throw new OptionsError('path', path, 'a file path such as "tm.xlf"', 'INVALID_INPUT')
    const opened = await openXliffFile(path, options)
    const tm = new TranslationMemory({ ...options, sourceLang: opened.sourceLang, targetLang: opened.targetLang })
    await tm.addAll(opened.units)
    tm.file = { path, version: opened.version, snapshot: opened.snapshot(), document: opened.document }
    return tm
  }

  /**
   * Saves the memory to its XLIFF file, atomically: the units are streamed to a temporary file in the same
   * folder, which is fsynced and renamed over the old file, and the folder is fsynced; a crash at any moment
   * leaves either the old file or the new one, whole. Pass `path` to save elsewhere (later saves go there too).
   *
   * @param path - where to save; defaults to the file the memory was opened from
   * @returns the number of bytes written
   * @throws {@link OptionsError} when the memory was not opened from a file and no `path` is given;
   *   {@link StorageError} when the file cannot be written (the old file is then untouched), with code
   *   `'STORAGE_CONFLICT'` when another process changed the file since this memory read or saved it (nothing is
   *   written: an XLIFF file has one writer at a time; see docs/storage.md), `'STORAGE_LOCKED'` when another save
   *   of it holds its lock for 30 s
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
   * await tm.add({ source: 'نعم', target: 'Yes' })
   * await tm.save('tm.xlf')
   * ```
   */
  async save(path?: string): Promise<number> {
    // Saving to another file overwrites it ("save as"); saving to the file read checks it is as it was read.
    if (path !== undefined && (this.file === undefined || resolve(path) !== resolve(this.file.path))) {
      this.file = { path, version: this.file?.version ?? '2.1', snapshot: { expected: undefined }, document: this.file?.document ?? {} }
    }
    if (this.file === undefined) throw new OptionsError('path', path, 'a file path (this memory was not opened with TranslationMemory.open)')
    return saveXliffFile(this.file.path, this.units(), { sourceLang: this.sourceLang, targetLang: this.targetLang, version: this.file.version, snapshot: this.file.snapshot, document: this.file.document })
  }

  // --- end XLIFF file memory ---

  /**
   * The matching keys and tokens of a unit as this memory computes them (what it hands to `storage.put`).
   *
   * @param unit - a unit or new unit
   * @returns keys and tokens of both sides
   * @example
   * ```ts
   * import { TranslationMemory } from 'mizan'
   * const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en' })
   * tm.keysOf({ source: 'مرحبًا!', target: 'Hello!' }).source // { key: 'مرحبا!', tokens: ['مرحبا', '!'] }
   * ```
   */
  keysOf(unit: Pick<TranslationUnit, 'source' | 'target' | 'parts'>): UnitKeys {
    const keys: UnitKeys = { source: this.matchingText(unit.source), target: this.matchingText(unit.target) }
    if (unit.parts === undefined) return keys
    // The sentences of a multi-sentence bead, each keyed like a unit of its own (issue #14: part matches).
    const parts: PartKeys = {}
    for (const side of ['source', 'target'] as const) {
      const texts = partTexts(unit, side)
      if (texts.length > 0) parts[side] = texts.map((text) => this.matchingText(text))
    }
    if (parts.source !== undefined || parts.target !== undefined) keys.parts = parts
    return keys
  }

  private matchingText(text: string): MatchingText {
    const key = this.key(text)
    return { key, tokens: tokenizeKey(key) }
  }

  /**
   * Re-keys the storage once when its keys are older than {@link matchingKeyVersion} (a memory written by an
   * earlier mizan): the stored keys would no longer equal the keys of the same text computed now. Called before
   * every search and write; after the first check it is one resolved promise. A failed rekey is tried again.
   */
  private keysCurrent(): Promise<void> {
    this.keysChecked ??= (async () => {
      const storage = this.storage
      if (storage.keyVersion === undefined || storage.rekey === undefined) return
      if ((await storage.keyVersion()) === matchingKeyVersion) return
      const count = await storage.rekey((unit) => this.keysOf(unit), matchingKeyVersion)
      this.logger?.('info', `mizan: re-keyed ${count} units to matching-key version ${matchingKeyVersion}`, 'KEYS_REBUILT')
    })().catch((error: unknown) => {
      this.keysChecked = undefined
      throw error
    })
    return this.keysChecked
  }

  private key(text: string): string {
    return normalizeUnchecked(text, this.foldTaMarbuta)
  }

  /** Unit candidates and, when `parts`, part candidates: in one pass where the storage can, else in two. */
  private async fuzzyCandidates(query: FuzzyCandidateQuery, parts: boolean): Promise<{ units: CandidateUnit[]; parts: PartCandidateUnit[] }> {
    const storage = this.storage
    if (!parts || storage.fuzzyPartCandidates === undefined) return { units: await storage.fuzzyCandidates(query), parts: [] }
    if (storage.fuzzyUnitAndPartCandidates !== undefined) return storage.fuzzyUnitAndPartCandidates(query)
    return { units: await storage.fuzzyCandidates(query), parts: await storage.fuzzyPartCandidates(query) }
  }

  /**
   * The score of a candidate whose text (the unit's on `side`, or one of its sentences) is `text`. The edit distance
   * is computed only as far as `minScore` allows (Ukkonen's band): a distance past that bound scores under
   * `minScore` (a code penalty only lowers a score), so the candidate is dropped whatever its exact distance.
   */
  private scoreCandidate(query: { plain: string; codes: string }, tokens: readonly string[], candidate: CandidateUnit, side: MatchSide, text: string, minScore: number): { score: number; distance: number } {
    const distance = tokenEditDistance(tokens, candidate.tokens, maxEditDistance(Math.max(tokens.length, candidate.tokens.length), minScore))
    let base: number
    if (text === query.plain) base = 1
    else if (distance === 0) base = 0.99
    else base = 1 - distance / Math.max(tokens.length, candidate.tokens.length)
    return { score: this.penalised(base, query.codes, candidate, side), distance }
  }

  private penalised(score: number, queryCodes: string, stored: StoredUnit, side: MatchSide): number {
    if (this.codePenalty === 0 || codeSignature(sideContent(stored.unit, side)) === queryCodes) return score
    return Math.max(0, score - this.codePenalty)
  }

  private async prepare(input: NewTranslationUnit, now: string, name: string): Promise<StorageEntry> {
    checkUnit(input, name)
    const keys = this.keysOf(input)
    let id = input.id
    if (id === undefined) id = samePairId(input, await this.storage.findByKey('source', keys.source.key))
    return this.entry(input, keys, id, await this.storage.get(id), now)
  }

  /**
   * {@link TranslationMemory.prepare} for a batch of checked units, with the same answers as preparing them one
   * by one against the storage as it was before the batch: a unit without an id takes the id of a stored unit
   * with the same source and target, and later duplicates inside the batch take the id the first one got. The
   * storage is read twice per batch (`findByKeys`, `getMany`, where the backend has them), not twice per unit.
   */
  private async prepareBatch(inputs: readonly NewTranslationUnit[], now: string): Promise<StorageEntry[]> {
    const keys = inputs.map((input) => this.keysOf(input))
    const wanted = new Set<string>()
    inputs.forEach((input, index) => {
      if (input.id === undefined) wanted.add(keys[index]!.source.key)
    })
    const byKey = await findByKeysOf(this.storage, [...wanted])
    // byKey is the storage before the batch, so duplicates inside the batch get the same id as the first one.
    const ids = inputs.map((input, index) => input.id ?? samePairId(input, byKey.get(keys[index]!.source.key) ?? []))
    const previous = await getManyOf(this.storage, [...new Set(ids)])
    return inputs.map((input, index) => this.entry(input, keys[index]!, ids[index]!, previous.get(ids[index]!), now))
  }

  /** The entry to store for a unit with its final id, given the unit it replaces (if any). */
  private entry(input: NewTranslationUnit, keys: UnitKeys, id: string, previous: StoredUnit | undefined, now: string): StorageEntry {
    const unit: TranslationUnit = { ...input, id, createdAt: previous?.unit.createdAt ?? input.createdAt ?? now, changedAt: input.changedAt ?? now }
    if (previous !== undefined && this.logger !== undefined && (previous.unit.source !== unit.source || previous.unit.target !== unit.target)) {
      this.logger('debug', `mizan: unit ${id} replaced with different text`, 'UNIT_REPLACED')
    }
    return { unit, keys }
  }
}

/**
 * The id of a new unit without one: the id of the oldest stored unit (smallest seq) with the same source and
 * target text, so adding a pair again updates it, else an id derived from the text.
 */
function samePairId(input: NewTranslationUnit, sameKey: readonly StoredUnit[]): string {
  let oldest: StoredUnit | undefined
  for (const stored of sameKey) {
    if (stored.unit.source !== input.source || stored.unit.target !== input.target) continue
    if (oldest === undefined || stored.seq < oldest.seq) oldest = stored
  }
  return oldest?.unit.id ?? contentId(input.source, input.target)
}

/** `storage.getMany`, or `get` per id for a backend without the batch form. */
async function getManyOf(storage: TmStorage, ids: readonly string[]): Promise<Map<string, StoredUnit>> {
  if (storage.getMany !== undefined) return storage.getMany(ids)
  const found = new Map<string, StoredUnit>()
  for (const id of ids) {
    const stored = await storage.get(id)
    if (stored !== undefined) found.set(id, stored)
  }
  return found
}

/** `storage.findByKeys` on the source side, or `findByKey` per key for a backend without the batch form. */
async function findByKeysOf(storage: TmStorage, keys: readonly string[]): Promise<Map<string, StoredUnit[]>> {
  if (keys.length === 0) return new Map()
  if (storage.findByKeys !== undefined) return storage.findByKeys('source', keys)
  const found = new Map<string, StoredUnit[]>()
  for (const key of keys) found.set(key, await storage.findByKey('source', key))
  return found
}

/**
 * A stable id from a unit's text: `u-` and 20 hex digits (80 bits) of SHA-256 over source and target, so the same
 * pair gets the same id in every process and concurrent writers of one pair collide on the id (one unit), not
 * duplicate it. Collision odds at 10^7 units are about 4·10^-11.
 */
function contentId(source: string, target: string): string {
  return `u-${createHash('sha256').update(source).update('\u0000').update(target).digest('hex').slice(0, 20)}`
}

function checkLang(name: string, value: unknown): LanguageTag {
  if (typeof value !== 'string' || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(value)) throw new OptionsError(name, value, 'a BCP-47 language tag such as "ar" or "en"')
  return value
}

function checkUnit(unit: unknown, name: string): asserts unit is NewTranslationUnit {
  if (typeof unit !== 'object' || unit === null || Array.isArray(unit)) throw new OptionsError(name, unit, 'a unit object with source and target', 'INVALID_INPUT')
  const candidate = unit as Record<string, unknown>
  if (typeof candidate.source !== 'string') throw new OptionsError(`${name}.source`, candidate.source, 'a string', 'INVALID_INPUT')
  if (typeof candidate.target !== 'string') throw new OptionsError(`${name}.target`, candidate.target, 'a string', 'INVALID_INPUT')
  if (candidate.id !== undefined && (typeof candidate.id !== 'string' || candidate.id.length === 0)) throw new OptionsError(`${name}.id`, candidate.id, 'a non-empty string', 'INVALID_INPUT')
  const parts = candidate.parts
  if (parts === undefined) return
  if (typeof parts !== 'object' || parts === null || Array.isArray(parts)) throw new OptionsError(`${name}.parts`, parts, 'an object { source?, target? } of sentence offsets', 'INVALID_INPUT')
  for (const side of ['source', 'target'] as const) {
    const boundaries = (parts as Record<string, unknown>)[side]
    if (boundaries !== undefined && !validBoundaries(boundaries, (candidate[side] as string).length)) {
      throw new OptionsError(`${name}.parts.${side}`, boundaries, `ascending whole offsets above 0 and below the ${side} text's length (${(candidate[side] as string).length})`, 'INVALID_INPUT')
    }
  }
}

/**
 * One match per unit, its best (by {@link compareRanked}: a whole-unit match before a part match of the same
 * score), best first: a unit whose text and one of its sentences both match is one answer, not two.
 */
function bestPerUnit<T extends Rankable>(ranked: T[]): T[] {
  ranked.sort(compareRanked)
  const seen = new Set<string>()
  return ranked.filter((match) => {
    const id = match.stored.unit.id
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}

/** A match with its `part` when it is a part match. */
function withPart<T extends object>(match: T, ranked: Rankable, side: MatchSide): T & { part?: MatchPart } {
  if (ranked.partIndex === undefined) return match
  return { ...match, part: matchPart(ranked.stored.unit, side, ranked.partIndex) }
}

function checkSide(value: unknown, name: string): SearchSide {
  if (value !== 'source' && value !== 'target' && value !== 'auto') throw new OptionsError(name, value, '"source", "target" or "auto"')
  return value
}

function checkBoolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new OptionsError(name, value, 'a boolean')
  return value
}

function checkLimit(value: unknown, name: string): number {
  if (typeof value !== 'number' || !(value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value > 0))) {
    throw new OptionsError(name, value, 'a positive integer (or Infinity)')
  }
  return value
}

function checkOptionsObject(options: unknown, name: string): Record<string, unknown> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new OptionsError(name, options, 'an options object')
  return options as Record<string, unknown>
}

/** The fuzzy options a memory keeps as its defaults: all but the per-call `deadline`. */
type FuzzyDefaults = Required<Omit<FuzzyOptions, 'deadline'>>

function readFuzzyOptions(options: unknown, fallback: FuzzyDefaults, prefix: string): FuzzyDefaults {
  if (options === undefined) return fallback
  const given = checkOptionsObject(options, prefix === '' ? 'options' : prefix.slice(0, -1))
  const minScore = given.minScore ?? fallback.minScore
  if (typeof minScore !== 'number' || !(minScore > 0 && minScore <= 1)) throw new OptionsError(`${prefix}minScore`, minScore, 'a number greater than 0 and at most 1')
  return {
    minScore,
    limit: checkLimit(given.limit ?? fallback.limit, `${prefix}limit`),
    side: checkSide(given.side ?? fallback.side, `${prefix}side`),
    includeNeedsReview: checkBoolean(given.includeNeedsReview ?? fallback.includeNeedsReview, `${prefix}includeNeedsReview`),
    parts: checkBoolean(given.parts ?? fallback.parts, `${prefix}parts`),
  }
}

function readLookupOptions(options: unknown): { side: SearchSide; context: UnitContext | undefined; limit: number; includeNeedsReview: boolean; parts: boolean } {
  const given = checkOptionsObject(options, 'options')
  const context = given.context
  if (context !== undefined) {
    if (typeof context !== 'object' || context === null) throw new OptionsError('context', context, 'an object { previous?, next? }')
    const previous = (context as UnitContext).previous
    if (previous !== undefined && typeof previous !== 'string') throw new OptionsError('context.previous', previous, 'a string')
  }
  return {
    side: checkSide(given.side ?? 'auto', 'side'),
    context: context as UnitContext | undefined,
    limit: checkLimit(given.limit ?? Number.POSITIVE_INFINITY, 'limit'),
    includeNeedsReview: checkBoolean(given.includeNeedsReview ?? true, 'includeNeedsReview'),
    parts: checkBoolean(given.parts ?? true, 'parts'),
  }
}

function readConcordanceOptions(options: unknown): { side: SearchSide; limit: number; includeNeedsReview: boolean; match: ConcordanceMatchMode } {
  const given = checkOptionsObject(options, 'options')
  const match = given.match ?? 'forms'
  if (match !== 'exact' && match !== 'forms') throw new OptionsError('match', match, '"exact" or "forms"')
  return {
    match,
    side: checkSide(given.side ?? 'auto', 'side'),
    limit: checkLimit(given.limit ?? defaults.concordanceLimit, 'limit'),
    includeNeedsReview: checkBoolean(given.includeNeedsReview ?? true, 'includeNeedsReview'),
  }
}
