/**
 * Bilingual dictionaries people have, as lexicon entries for the aligner: dictd databases (the `.index` and
 * `.dict`/`.dict.dz` pair that FreeDict publishes and Debian installs under /usr/share/dictd, e.g.
 * `dict-freedict-ara-eng`), and hunalign's `target @ source` text ({@link parseDictionary}).
 *
 * The dictd format (the dictd(8) and dictfmt(1) manuals): each line of the index is `headword TAB offset TAB
 * length`, the numbers in dictd's base-64 digits (`A`–`Z`, `a`–`z`, `0`–`9`, `+`, `/`, most significant first),
 * pointing into the `.dict` text; `.dict.dz` is that text compressed with dictzip, which is gzip with an index of
 * chunks in the header's extra field, so a plain gunzip reads it. Headwords starting with `00database` (or
 * `00-database`) describe the database, not words. FreeDict entries begin with the headword (and its
 * pronunciation between slashes, its part of speech between angle brackets), then the translations: numbered
 * senses (`1. Aduncous`), or one line of comma-separated translations, each possibly followed by a line that
 * explains it in the source language.
 *
 * @module
 */
import { readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { FormatError, OptionsError } from '../errors.js'
import { parseDictionary, type LexiconEntry } from './lexicon.js'
import { primaryLanguage } from './tokens.js'

/**
 * Options of {@link parseDictd} and {@link readDictionary}.
 *
 * @example
 * ```ts
 * import { readDictionary, type DictionaryOptions } from 'mizan'
 * const options: DictionaryOptions = { sourceLang: 'ar', targetLang: 'en' }
 * readDictionary('/usr/share/dictd/freedict-eng-ara.index', options) // entries turned to Arabic → English
 * ```
 * @group Alignment
 */
export interface DictionaryOptions {
  /**
   * The source language of the alignment. With {@link DictionaryOptions.targetLang}, a FreeDict file named for
   * the opposite direction (`freedict-eng-ara` for `ar` → `en`) is turned around.
   * @defaultValue `undefined` (entries kept as the file gives them)
   */
  sourceLang?: string
  /**
   * The target language of the alignment.
   * @defaultValue `undefined`
   */
  targetLang?: string
  /**
   * Turn the entries around (headwords become targets) whatever the file's name says.
   * @defaultValue `false`
   */
  reverse?: boolean
  /**
   * Largest file read, in bytes (the uncompressed `.dict` text too).
   * @defaultValue `268435456` (256 MiB)
   */
  maxBytes?: number
}

/**
 * Defaults of {@link DictionaryOptions}.
 *
 * @example
 * ```ts
 * import { dictionaryDefaults } from 'mizan'
 * dictionaryDefaults.maxBytes // 268435456
 * ```
 * @group Alignment
 */
export const dictionaryDefaults = {
  reverse: false,
  maxBytes: 256 * 1024 * 1024,
} as const

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DIGIT = new Int8Array(128).fill(-1)
for (let k = 0; k < BASE64.length; k++) DIGIT[BASE64.charCodeAt(k)] = k

/** A dictd base-64 number, or -1 when `text` is not one. */
function decodeNumber(text: string): number {
  if (text === '' || text.length > 8) return -1
  let value = 0
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k)
    const digit = code < 128 ? DIGIT[code]! : -1
    if (digit < 0) return -1
    value = value * 64 + digit
  }
  return value
}

/** ISO 639-2/3 codes FreeDict uses in its file names, to the primary language tags we compare with. */
const ISO_639_3: Record<string, string> = {
  ara: 'ar', eng: 'en', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', rus: 'ru', tur: 'tr',
  fas: 'fa', per: 'fa', urd: 'ur', heb: 'he', jpn: 'ja', zho: 'zh', swe: 'sv', dan: 'da', nor: 'no', fin: 'fi',
  pol: 'pl', ces: 'cs', hun: 'hu', ell: 'el', lat: 'la', kur: 'ku', swa: 'sw', hin: 'hi', gle: 'ga', cym: 'cy',
}

/** The languages a FreeDict file name says it translates between (`freedict-ara-eng.index` → ['ar', 'en']). */
function languagesOf(path: string): [string, string] | undefined {
  const match = /(?:^|[^a-z])([a-z]{3})-([a-z]{3})(?:\.|$)/.exec(basename(path).toLowerCase())
  if (!match) return undefined
  const from = ISO_639_3[match[1]!]
  const to = ISO_639_3[match[2]!]
  return from && to ? [from, to] : undefined
}

/** The headword as written at the top of an entry: before its pronunciation (`/…/`) and part of speech (`<…>`). */
function headwordOf(line: string): string {
  let end = line.length
  const slash = line.indexOf(' /')
  if (slash >= 0) end = slash
  const angle = line.indexOf(' <')
  if (angle >= 0 && angle < end) end = angle
  return line.slice(0, end).trim()
}

/**
 * Longest translation kept, in words: longer ones are explanations ("the state of being absent in body"),
 * which a translator's sentence does not contain word for word.
 */
const MAX_WORDS = 3

/** Translations in one sense's text: comma- or semicolon-separated, without notes in brackets. */
function splitTranslations(text: string, into: string[]): void {
  // A trailing sense number run into the line ("vent descendant 2.") is not part of a translation.
  const cleaned = text.replace(/\([^()]*\)/g, ' ').replace(/\s\d{1,2}\.\s*$/, '')
  // A comma between digits groups thousands ("1,000,000", FreeDict's number words): it separates nothing.
  for (const part of cleaned.split(/[;،؛]|(?<!\d),|,(?!\d)/)) {
    const translation = part.replace(/\s+/g, ' ').trim()
    if (translation !== '' && translation.split(' ').length <= MAX_WORDS) into.push(translation)
  }
}

/** The translations in an entry's body (the lines after the headword). */
function translationsOf(lines: readonly string[]): string[] {
  const out: string[] = []
  let numbered = false
  for (const line of lines) {
    const match = /^\s*\d{1,3}\.\s+(\S.*)$/.exec(line)
    if (match) {
      numbered = true
      splitTranslations(match[1]!, out)
    }
  }
  if (!numbered) {
    const first = lines.find((line) => line.trim() !== '')
    if (first !== undefined) splitTranslations(first, out)
  }
  return out
}

/**
 * Reads a dictd database (an index and its uncompressed text) into lexicon entries, one per headword and
 * translation.
 *
 * @param index - the `.index` file's text
 * @param dict - the `.dict` text (gunzip a `.dict.dz` first; {@link readDictionary} does)
 * @param options - `reverse` turns headwords into targets
 * @returns the entries, headwords as `source` unless reversed; database-description entries left out
 * @throws {@link FormatError} (`format: 'dictd'`) naming the index line whose offset or length is not a dictd
 *   number, or that points past the end of the text
 * @example
 * ```ts
 * import { parseDictd } from 'mizan'
 * // One entry at byte 0 ('A'), 32 bytes long ('Ag' = 0 · 64 + 32)
 * parseDictd('Haus\tA\tAg\n', 'Haus /haʊs/\n1. maison\n2. foyer\n')
 * // [{ source: 'Haus', target: 'maison' }, { source: 'Haus', target: 'foyer' }]
 * ```
 * @group Alignment
 */
export function parseDictd(index: string, dict: string, options: Pick<DictionaryOptions, 'reverse'> = {}): LexiconEntry[] {
  if (typeof index !== 'string') throw new OptionsError('index', index, 'the text of a dictd .index file', 'INVALID_INPUT')
  if (typeof dict !== 'string') throw new OptionsError('dict', dict, 'the text of a dictd .dict file', 'INVALID_INPUT')
  const reverse = options.reverse ?? dictionaryDefaults.reverse
  // Offsets count bytes of the UTF-8 text; slicing the bytes keeps them exact whatever the text holds.
  const bytes = Buffer.from(dict, 'utf8')
  const entries: LexiconEntry[] = []
  const seen = new Set<string>()
  const lines = index.split('\n')
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!.replace(/\r$/, '')
    if (line === '') continue
    const fields = line.split('\t')
    const offset = fields.length === 3 ? decodeNumber(fields[1]!) : -1
    const length = fields.length === 3 ? decodeNumber(fields[2]!) : -1
    if (offset < 0 || length < 0) {
      throw new FormatError('expected "headword<TAB>offset<TAB>length" with dictd base-64 numbers', { format: 'dictd', line: k + 1 })
    }
    if (offset + length > bytes.length) {
      throw new FormatError(`the entry at byte ${offset} (${length} bytes) runs past the end of the text (${bytes.length} bytes)`, { format: 'dictd', line: k + 1 })
    }
    if (/^00-?database/.test(fields[0]!)) continue
    // Several headwords may share one entry (and one headword may have several): read each entry once.
    const key = `${offset}:${length}`
    if (seen.has(key)) continue
    seen.add(key)
    const body = bytes.subarray(offset, offset + length).toString('utf8').split('\n')
    const headword = headwordOf(body[0] ?? '')
    if (headword === '' || headword.split(' ').length > MAX_WORDS) continue
    for (const translation of translationsOf(body.slice(1))) {
      entries.push(reverse ? { source: translation, target: headword } : { source: headword, target: translation })
    }
  }
  return entries
}

function readBounded(path: string, maxBytes: number): Buffer {
  let size: number
  try {
    size = statSync(path).size
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new OptionsError('dictionary', path, `a readable dictionary file (${reason})`, 'INVALID_INPUT')
  }
  if (size > maxBytes) throw new OptionsError('dictionary', path, `a file of at most ${maxBytes} bytes (it has ${size}; raise maxBytes)`, 'INVALID_INPUT')
  return readFileSync(path)
}

/**
 * Reads a dictionary file: a dictd database (give its `.index`, `.dict`, `.dict.dz`, or the path without
 * extension) or a hunalign dictionary (any other file: `target @ source` lines). A FreeDict database whose name
 * gives the opposite direction to `sourceLang` → `targetLang` is turned around.
 *
 * @param path - the dictionary file
 * @param options - the alignment's languages, `reverse`, `maxBytes`
 * @returns lexicon entries for the aligner's `dictionary` option
 * @throws {@link OptionsError} (`INVALID_INPUT`) when a file is missing, unreadable or over `maxBytes`;
 *   {@link FormatError} when the index or the text is malformed
 * @example
 * ```ts
 * import { alignDocuments, readDictionary } from 'mizan'
 * const dictionary = readDictionary('/usr/share/dictd/freedict-ara-eng.index', { sourceLang: 'ar', targetLang: 'en' })
 * alignDocuments(arabic, english, { sourceLang: 'ar', targetLang: 'en', dictionary })
 * ```
 * @group Alignment
 */
export function readDictionary(path: string, options: DictionaryOptions = {}): LexiconEntry[] {
  if (typeof path !== 'string' || path === '') throw new OptionsError('path', path, 'a dictionary file path')
  const maxBytes = options.maxBytes ?? dictionaryDefaults.maxBytes
  const stem = path.replace(/\.(index|dict\.dz|dict)$/, '')
  const isDictd = stem !== path || existsFile(`${stem}.index`)
  if (!isDictd) return parseDictionary(readBounded(path, maxBytes).toString('utf8'))
  const index = readBounded(`${stem}.index`, maxBytes).toString('utf8')
  let dict: string
  if (existsFile(`${stem}.dict.dz`)) {
    const compressed = readBounded(`${stem}.dict.dz`, maxBytes)
    let text: Buffer
    try {
      text = gunzipSync(compressed, { maxOutputLength: maxBytes })
    } catch (error) {
      throw new FormatError(`${stem}.dict.dz is not a readable dictzip (gzip) file, or unpacks to more than ${maxBytes} bytes`, { format: 'dictd', file: `${stem}.dict.dz`, cause: error })
    }
    dict = text.toString('utf8')
  } else dict = readBounded(`${stem}.dict`, maxBytes).toString('utf8')
  let reverse = options.reverse ?? dictionaryDefaults.reverse
  const languages = languagesOf(stem)
  if (!options.reverse && languages && options.sourceLang !== undefined && options.targetLang !== undefined) {
    reverse = languages[0] === primaryLanguage(options.targetLang) && languages[1] === primaryLanguage(options.sourceLang)
  }
  try {
    return parseDictd(index, dict, { reverse })
  } catch (error) {
    if (error instanceof FormatError) {
      const message = error.message.replace(/^mizan: dictd \(line \d+\): /, '')
      throw new FormatError(message, { format: 'dictd', file: `${stem}.index`, ...(error.line === undefined ? {} : { line: error.line }) })
    }
    throw error
  }
}

function existsFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
