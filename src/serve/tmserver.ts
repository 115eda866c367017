/**
 * The tmserver/amaGama API: `GET /tmserver/{source}/{target}/unit/{text}`, the request Translate Toolkit's
 * `tmserver`, amaGama, Pootle, Virtaal and Weblate's tmserver backend send, answered with the JSON list they read:
 * `[{ source, target, quality, rank }]`, best first.
 *
 * What the originals do, and what we follow (read from Translate Toolkit 3.8.4 as Debian packages it:
 * `translate/services/tmserver.py`, `translate/storage/tmdb.py`, `translate/lang/data.py`; and amaGama's
 * `amagama/views/api.py`):
 * - `quality` is a percentage (0–100) and the list is sorted by it, best first; tmserver's defaults are
 *   `max_candidates=3`, `min_similarity=75`.
 * - amaGama takes `min_similarity` and `max_candidates` as integer query parameters, and ignores one that is not
 *   an integer (its default applies); so do we. A value over our candidates limit is cut to it.
 * - Language codes are compared after `normalize_code`: lower case, `_` and `@` read as `-` (so `ar_EG`, `ar-EG`
 *   and `AR-eg` are one tag). Where the originals then require the stored tag exactly, we also accept a tag whose
 *   primary language equals the memory's (`ar-EG` asks an `ar` memory), since a memory holds one pair of
 *   languages. Languages the memory does not hold answer `[]`, as the originals' empty SQL result does.
 * - amaGama also answers `GET /tmserver/{source}/{target}/unit/?source=text` (text in the query string) and
 *   wraps the list in `callback(...)` when `jsoncallback` is given; we answer the first and leave JSONP out (a
 *   script-injection risk the CORS guard exists to avoid).
 * - `rank` (amaGama adds it; clients do not read it) is the match's place in the list, 1 first.
 *
 * The reverse direction (`/tmserver/en/ar/...` on an Arabic→English memory) searches the units' target side and
 * answers with `source` and `target` swapped, so a client always reads its own source language as `source`.
 *
 * @module
 */
import type { TranslationMemory } from '../tm/translation-memory.js'
import { HttpError } from './http-error.js'
import type { Route } from './router.js'
import type { Schema } from './schema.js'

/**
 * Normalises a language code as Translate Toolkit's `normalize_code` does: lower case, `_` and `@` become `-`.
 *
 * @param code - a code such as `ar_EG`
 * @returns the normalised code (`ar-eg`)
 * @example
 * ```ts
 * import { normalizeLanguageCode } from './tmserver.js'
 * normalizeLanguageCode('ar_EG') // 'ar-eg'
 * ```
 * @internal
 */
export function normalizeLanguageCode(code: string): string {
  return code.replace(/[_@]/g, '-').toLowerCase()
}

/**
 * Whether a requested language code asks for a memory's language: equal after normalising, or the same primary
 * language subtag.
 *
 * @param requested - the code in the URL
 * @param memory - the memory's tag
 * @returns true when they match
 * @example
 * ```ts
 * import { languageMatches } from './tmserver.js'
 * languageMatches('ar_EG', 'ar') // true
 * languageMatches('en', 'ar') // false
 * ```
 * @internal
 */
export function languageMatches(requested: string, memory: string): boolean {
  const a = normalizeLanguageCode(requested)
  const b = normalizeLanguageCode(memory)
  return a === b || a.split('-')[0] === b.split('-')[0]
}

/**
 * One tmserver answer.
 *
 * @example
 * ```ts
 * import type { TmserverCandidate } from './tmserver.js'
 * const candidate: TmserverCandidate = { source: 'حقوق الإنسان للجميع', target: 'Human rights for all', quality: 100, rank: 1 }
 * ```
 * @internal
 */
export interface TmserverCandidate {
  source: string
  target: string
  /** Similarity in percent (our fuzzy score × 100, rounded to two decimals). */
  quality: number
  /** 1 for the best match. */
  rank: number
}

/**
 * Options of {@link tmserverRoutes}.
 *
 * @example
 * ```ts
 * import type { TmserverLimits } from './tmserver.js'
 * const limits: TmserverLimits = { maxCandidates: 50, maxQueryLength: 2000 }
 * ```
 * @internal
 */
export interface TmserverLimits {
  /** The most candidates any request may get. */
  maxCandidates: number
  /** The longest query text, in characters. */
  maxQueryLength: number
}

const candidateSchema: Schema = {
  type: 'array',
  items: {
    type: 'object',
    properties: { source: { type: 'string' }, target: { type: 'string' }, quality: { type: 'number', description: 'similarity in percent' }, rank: { type: 'integer' } },
    required: ['source', 'target', 'quality', 'rank'],
  },
}

/** amaGama's `get_int_arg`: an integer, or undefined for anything else. */
function integerOf(value: string | null): number | undefined {
  if (value === null || !/^\s*-?\d+\s*$/.test(value)) return undefined
  return Number(value)
}

/**
 * Answers one tmserver query.
 *
 * @param tm - the memory
 * @param request - the languages and text asked for, and the raw `min_similarity`/`max_candidates` parameters
 * @param limits - the server's limits
 * @returns the candidates, best first
 * @example
 * ```ts
 * import { tmserverCandidates } from './tmserver.js'
 * await tmserverCandidates(tm, { source: 'ar', target: 'en', text: 'مرحبا', minSimilarity: '70', maxCandidates: null }, limits)
 * ```
 * @internal
 */
export async function tmserverCandidates(
  tm: TranslationMemory,
  request: { source: string; target: string; text: string; minSimilarity: string | null; maxCandidates: string | null; deadline?: number },
  limits: TmserverLimits,
): Promise<TmserverCandidate[]> {
  const forward = languageMatches(request.source, tm.sourceLang) && languageMatches(request.target, tm.targetLang)
  const reverse = languageMatches(request.source, tm.targetLang) && languageMatches(request.target, tm.sourceLang)
  if ((!forward && !reverse) || request.text.trim() === '') return []
  const minSimilarity = Math.min(100, Math.max(1, integerOf(request.minSimilarity) ?? 75))
  const maxCandidates = Math.min(limits.maxCandidates, Math.max(1, integerOf(request.maxCandidates) ?? 3))
  const side = forward ? 'source' : 'target'
  // These clients read a percentage and a target and nothing else: a unit that needs review (a doubtful alignment)
  // is left out, as TMX export leaves it out, and so is a match of one sentence inside a unit, whose target
  // translates more than the query (a part match at 100% would offer it as an exact translation).
  const matches = await tm.fuzzy(request.text, { side, minScore: minSimilarity / 100, limit: maxCandidates, includeNeedsReview: false, parts: false, ...(request.deadline === undefined ? {} : { deadline: request.deadline }) })
  return matches.map((match, index) => ({
    source: forward ? match.unit.source : match.unit.target,
    target: forward ? match.unit.target : match.unit.source,
    quality: Math.round(match.score * 10_000) / 100,
    rank: index + 1,
  }))
}

/**
 * The tmserver routes over one memory.
 *
 * @param tm - the memory
 * @param limits - the server's limits
 * @returns the routes
 * @example
 * ```ts
 * import { tmserverRoutes } from './tmserver.js'
 * const routes = tmserverRoutes(tm, { maxCandidates: 50, maxQueryLength: 2000 })
 * ```
 * @internal
 */
export function tmserverRoutes(tm: TranslationMemory, limits: TmserverLimits): Route[] {
  const query: Schema = {
    type: 'object',
    properties: {
      min_similarity: { type: 'string', description: 'lowest quality returned, an integer percentage (default 75; not an integer: the default)' },
      max_candidates: { type: 'string', description: `most candidates returned (default 3, at most ${limits.maxCandidates})` },
      source: { type: 'string', maxLength: limits.maxQueryLength, description: 'the text, for the form without {text} in the path' },
    },
  }
  const answer = async (params: Record<string, string>, q: Record<string, unknown>, text: string, deadline: number) => {
    if ([...text].length > limits.maxQueryLength) {
      throw new HttpError(414, 'QUERY_TOO_LONG', `queries are limited to ${limits.maxQueryLength} characters`)
    }
    const candidates = await tmserverCandidates(
      tm,
      { source: params.source!, target: params.target!, text, minSimilarity: (q.min_similarity as string | undefined) ?? null, maxCandidates: (q.max_candidates as string | undefined) ?? null, deadline },
      limits,
    )
    return { json: candidates }
  }
  return [
    {
      method: 'GET',
      path: '/tmserver/{source}/{target}/unit/{text+}',
      access: 'read',
      summary: 'tmserver/amaGama: fuzzy matches of {text}, from {source} to {target} (either direction of the memory)',
      query,
      answer: candidateSchema,
      handle: ({ params, query: q, deadline }) => answer(params, q, params.text!, deadline),
    },
    {
      method: 'GET',
      path: '/tmserver/{source}/{target}/unit/',
      access: 'read',
      summary: 'amaGama: the same, with the text in ?source=',
      query,
      answer: candidateSchema,
      handle: ({ params, query: q, deadline }) => answer(params, q, (q.source as string | undefined) ?? '', deadline),
    },
  ]
}
