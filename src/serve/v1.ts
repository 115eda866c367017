/**
 * Our own API under `/v1`: each route validates its query or body against a schema (the same objects
 * `/v1/openapi.json` publishes), calls one {@link TranslationMemory} method and serialises the answer. No matching
 * or storage logic lives here.
 *
 * - `GET /health` and `GET /v1/stats`: liveness, unit count and languages;
 * - `GET /v1/lookup`, `/v1/fuzzy` (with the token diff), `/v1/concordance`: searches, `?q=` the text;
 * - `GET /v1/units/{id}`, `POST /v1/units` (add), `DELETE /v1/units/{id}`;
 * - `POST /v1/import`: an XLIFF or TMX document as the body, parsed whole before any unit is added, so a malformed
 *   upload adds nothing, then written as one change (one transaction), so a failed write adds nothing either;
 * - `GET /v1/export?format=xliff|tmx`: every unit, streamed as it is written.
 *
 * @module
 */
import { parseTmx, writeTmx } from '../formats/tmx.js'
import { parseXliff, writeXliff } from '../formats/xliff.js'
import type { TranslationMemory } from '../tm/translation-memory.js'
import type { NewTranslationUnit } from '../types.js'
import { HttpError } from './http-error.js'
import type { Route } from './router.js'
import type { Schema } from './schema.js'

/**
 * Options of {@link v1Routes}.
 *
 * @example
 * ```ts
 * import type { V1Options } from './v1.js'
 * const options: V1Options = { maxCandidates: 50, maxQueryLength: 2000, afterWrite: () => memory.save() }
 * ```
 * @internal
 */
export interface V1Options {
  /** The most matches any search may return. */
  maxCandidates: number
  /** The longest query text, in characters. */
  maxQueryLength: number
  /** Called after every change, and awaited (the XLIFF file memory saves here; databases write as they go). */
  afterWrite: () => Promise<void>
}

const side: Schema = { type: 'string', enum: ['auto', 'source', 'target'], default: 'auto', description: "the side searched: the units' source, target, or the one whose script the query is written in" }

/** A unit as answered: the library's `TranslationUnit`, whose fields beyond these are optional. */
const unitSchema: Schema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    source: { type: 'string' },
    target: { type: 'string' },
    state: { type: 'string', enum: ['initial', 'translated', 'reviewed', 'final'] },
    parts: {
      type: 'object',
      description: "where each sentence after the first starts in the unit's source and target (UTF-16 offsets), for a unit aligned from a bead of several sentences",
      properties: { source: { type: 'array', items: { type: 'integer' } }, target: { type: 'array', items: { type: 'integer' } } },
    },
  },
  required: ['id', 'source', 'target'],
}

/** Which sentence of a multi-sentence unit matched (absent when the whole unit matched): the library's `MatchPart`. */
const partSchema: Schema = {
  type: 'object',
  description: 'a part match: one sentence of the unit matched, not the whole unit; it ranks below a whole-unit match of the same score',
  properties: {
    side: { type: 'string', enum: ['source', 'target'] },
    index: { type: 'integer', description: 'which sentence, from 0' },
    count: { type: 'integer', description: 'how many sentences the side has' },
    start: { type: 'integer', description: "the sentence's start in the side's text (UTF-16)" },
    end: { type: 'integer', description: "the sentence's end in the side's text (UTF-16)" },
  },
  required: ['side', 'index', 'count', 'start', 'end'],
}

/**
 * The `/v1` routes over one memory.
 *
 * @param tm - the memory
 * @param options - limits, and what to do after a write
 * @returns the routes
 * @example
 * ```ts
 * import { v1Routes } from './v1.js'
 * const routes = v1Routes(tm, { maxCandidates: 50, maxQueryLength: 2000, afterWrite: async () => undefined })
 * ```
 * @internal
 */
export function v1Routes(tm: TranslationMemory, options: V1Options): Route[] {
  const q: Schema = { type: 'string', minLength: 1, maxLength: options.maxQueryLength, description: 'the text searched for' }
  const limit = (fallback: number): Schema => ({ type: 'integer', minimum: 1, maximum: options.maxCandidates, default: Math.min(fallback, options.maxCandidates), description: 'the most matches returned' })
  const matches = (extra: Record<string, Schema>): Schema => ({
    type: 'array',
    items: { type: 'object', properties: { unit: unitSchema, score: { type: 'number' }, side: { type: 'string', enum: ['source', 'target'] }, ...extra }, required: ['unit', 'side'] },
  })
  const stats = async () => ({ units: await tm.size(), sourceLang: tm.sourceLang, targetLang: tm.targetLang })
  const statsSchema: Schema = { type: 'object', properties: { units: { type: 'integer' }, sourceLang: { type: 'string' }, targetLang: { type: 'string' } }, required: ['units', 'sourceLang', 'targetLang'] }
  return [
    { method: 'GET', path: '/health', access: 'open', summary: 'liveness: answers while the memory can be read', answer: statsSchema, handle: async () => ({ json: { status: 'ok', ...(await stats()) } }) },
    { method: 'GET', path: '/v1/stats', access: 'read', summary: 'the number of units and the languages', answer: statsSchema, handle: async () => ({ json: await stats() }) },
    {
      method: 'GET',
      path: '/v1/lookup',
      access: 'read',
      summary: 'exact and normalised matches of q, best first',
      query: { type: 'object', properties: { q, side, limit: limit(options.maxCandidates) }, required: ['q'] },
      answer: matches({ kind: { type: 'string', enum: ['context', 'exact', 'normalized'] }, part: partSchema }),
      handle: async ({ query }) => ({ json: await tm.lookup(query.q as string, { side: query.side as 'auto', limit: query.limit as number }) }),
    },
    {
      method: 'GET',
      path: '/v1/fuzzy',
      access: 'read',
      summary: 'fuzzy matches of q, best first, each with its token diff from q',
      query: { type: 'object', properties: { q, side, limit: limit(5), minScore: { type: 'number', minimum: 0.01, maximum: 1, default: 0.7, description: 'the lowest score returned' } }, required: ['q'] },
      answer: matches({ distance: { type: 'integer' }, diff: { type: 'array', items: { type: 'object' } }, part: partSchema }),
      handle: async ({ query, deadline }) => ({ json: await tm.fuzzy(query.q as string, { side: query.side as 'auto', limit: query.limit as number, minScore: query.minScore as number, deadline }) }),
    },
    {
      method: 'GET',
      path: '/v1/concordance',
      access: 'read',
      summary: "units whose text holds q's words in order, with the spans found",
      query: { type: 'object', properties: { q, side, limit: limit(20), match: { type: 'string', enum: ['forms', 'exact'], default: 'forms', description: 'also find word forms, or each word only as written' } }, required: ['q'] },
      answer: matches({ spans: { type: 'array', items: { type: 'object' } }, gaps: { type: 'integer' } }),
      handle: async ({ query }) => ({ json: await tm.concordance(query.q as string, { side: query.side as 'auto', limit: query.limit as number, match: query.match as 'forms' }) }),
    },
    {
      method: 'GET',
      path: '/v1/units/{id}',
      access: 'read',
      summary: 'one unit by id',
      answer: unitSchema,
      handle: async ({ params }) => {
        const unit = await tm.get(params.id!)
        if (unit === undefined) throw new HttpError(404, 'NOT_FOUND', `no unit with id ${JSON.stringify(params.id)}`)
        return { json: unit }
      },
    },
    {
      method: 'POST',
      path: '/v1/units',
      access: 'write',
      summary: 'adds a unit',
      body: {
        type: 'object',
        properties: { id: { type: 'string', minLength: 1, maxLength: 200 }, source: { type: 'string', minLength: 1 }, target: { type: 'string' }, state: unitSchema.properties!.state! },
        required: ['source', 'target'],
      },
      answer: unitSchema,
      handle: async ({ body }) => {
        const { id, source, target, state } = body as { id?: string; source: string; target: string; state?: NewTranslationUnit['state'] }
        const unit = await tm.add({ source, target, ...(id === undefined ? {} : { id }), ...(state === undefined ? {} : { state }) })
        await options.afterWrite()
        return { status: 201, json: unit }
      },
    },
    {
      method: 'DELETE',
      path: '/v1/units/{id}',
      access: 'write',
      summary: 'deletes a unit',
      answer: { type: 'object', properties: { deleted: { type: 'boolean' } } },
      handle: async ({ params }) => {
        if (!(await tm.delete(params.id!))) throw new HttpError(404, 'NOT_FOUND', `no unit with id ${JSON.stringify(params.id)}`)
        await options.afterWrite()
        return { json: { deleted: true } }
      },
    },
    {
      method: 'POST',
      path: '/v1/import',
      access: 'write',
      summary: 'adds every unit of an XLIFF (1.2, 2.x) or TMX document sent as the body; a malformed document adds nothing',
      rawBody: true,
      answer: { type: 'object', properties: { stored: { type: 'integer', description: 'units stored (new, or replacing one with the same id)' }, format: { type: 'string', enum: ['xliff', 'tmx'] } } },
      handle: async ({ raw }) => {
        const text = raw!.toString('utf8')
        // Parsed whole (strictly) before anything is added: an error anywhere in the document leaves the memory as it was.
        const isTmx = /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<tmx[\s>]/.test(text)
        const units = isTmx ? parseTmx(text, { file: 'request body' }).units : parseXliff(text, { file: 'request body' }).units
        // Ids are kept, as \`mizan import\` keeps them: a unit with a stored unit's id replaces it, and a unit equal to a
        // stored one is stored once (importing a document twice adds nothing the second time). Written as one change
        // (one transaction on SQLite and PostgreSQL), not addAll's batches of 10,000, each committed on its own: a
        // write failing at the 15,000th unit, or a kill, leaves none of the upload stored. The body limit bounds it.
        const { added } = await tm.change({ add: units })
        await options.afterWrite()
        return { json: { stored: added.length, format: isTmx ? 'tmx' : 'xliff' } }
      },
    },
    {
      method: 'GET',
      path: '/v1/export',
      access: 'read',
      summary: 'every unit as XLIFF 2.1 or TMX 1.4, streamed',
      query: { type: 'object', properties: { format: { type: 'string', enum: ['xliff', 'tmx'], default: 'xliff' } } },
      handle: async ({ query }) => {
        const languages = { sourceLang: tm.sourceLang, targetLang: tm.targetLang }
        return query.format === 'tmx'
          ? { type: 'application/x-tmx+xml; charset=utf-8', text: writeTmx(tm.units(), languages) }
          : { type: 'application/xliff+xml; charset=utf-8', text: writeXliff(tm.units(), languages) }
      },
    },
  ]
}
