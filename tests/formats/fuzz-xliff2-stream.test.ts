/**
 * Fuzzing XLIFF 2 and the streaming path (issue #17): documents are our own output (random units written as
 * XLIFF 2.0, 2.1, 2.2, and for the streaming checks also XLIFF 1.2 and TMX) and the OASIS XLIFF 2.1 conformance
 * files (skipped, loudly, when the data is absent), damaged by a few mutations (characters and fragments inserted,
 * ranges deleted or duplicated, a prolog put before the document, elements deleted, duplicated or unwrapped,
 * XLIFF 2 elements inserted, attributes changed, dropped, duplicated or added), then read as a string (strict and
 * lenient) and streamed in chunks of random sizes, as strings or as UTF-8, UTF-16LE or UTF-16BE bytes (strict and
 * lenient), with the default size limits or tight ones. The properties:
 * - a reader refuses only with a typed error (TmError), never anything else;
 * - streaming agrees with the string: the same units (and skipped items), or the same error code, line and column;
 * - what an XLIFF 2 reader accepts writes back, as the same version, to a document that reads as the same units.
 * Seeded, so a failure reproduces; fast-check prints the shrunk counterexample. The TMX and XLIFF 1.2 string
 * readers' round trip is fuzzed in fuzz-tmx-xliff12.test.ts.
 */
import fc from 'fast-check'
import { mutate as mutateXml, type Mutation } from './mutate-xml.js'
import { describe, expect, it } from 'vitest'
import { isTmError } from '../../src/errors.js'
import { parseTmx, readTmx, toTmx } from '../../src/formats/tmx.js'
import { parseXliff, readXliff, toXliff, type XliffVersion } from '../../src/formats/xliff.js'
import type { XmlLimits } from '../../src/formats/xml.js'
import type { TranslationUnit } from '../../src/types.js'
import { haveData } from '../helpers/data.js'
import { unitsArbitrary } from './arbitrary.js'
import { readSuiteFile, suiteFiles } from './helpers.js'

const languages = { sourceLang: 'ar', targetLang: 'en' }
type Kind = 'xliff' | 'tmx'

/** What a reader made of a document: its units (and skipped items), or its error's code and place. */
type Outcome = { units: TranslationUnit[]; skipped: string[] } | { code: string; line: number | undefined; column: number | undefined }

/** Runs a read; a typed error becomes its outcome, anything else fails the property. */
async function outcomeOf(read: () => Promise<{ units: TranslationUnit[]; skipped: string[] }>): Promise<Outcome> {
  try {
    return await read()
  } catch (error) {
    if (!isTmError(error)) throw error
    const place = error as { line?: number; column?: number }
    return { code: error.code, line: place.line, column: place.column }
  }
}

function readString(kind: Kind, xml: string, lenient: boolean, limits: Partial<XmlLimits>): Promise<Outcome> {
  return outcomeOf(async () => {
    const document = kind === 'tmx' ? parseTmx(xml, { lenient, limits }) : parseXliff(xml, { lenient, limits })
    return { units: document.units, skipped: document.skipped.map((item) => item.message) }
  })
}

/** The text in chunks whose sizes cycle through `sizes`. */
function* chunks(text: string, sizes: readonly number[]): Generator<string> {
  let offset = 0
  for (let index = 0; offset < text.length; index++) {
    const size = sizes[index % sizes.length]!
    yield text.slice(offset, offset + size)
    offset += size
  }
}

/** The bytes cut into chunks whose sizes cycle through `sizes` (a character's bytes may fall in two chunks). */
function* byteChunks(bytes: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  let offset = 0
  for (let index = 0; offset < bytes.length; index++) {
    const size = sizes[index % sizes.length]!
    yield bytes.subarray(offset, offset + size)
    offset += size
  }
}

/** How the streamed document is handed over: strings, or bytes in UTF-8 or UTF-16 with a byte-order mark. */
type Encoding = 'string' | 'utf-8' | 'utf-16le' | 'utf-16be'

/** The document as bytes in `encoding` (`undefined` for strings). */
function encode(xml: string, encoding: Encoding): Uint8Array | undefined {
  if (encoding === 'string') return undefined
  if (encoding === 'utf-8') return Buffer.from(xml, 'utf8')
  const bytes = Buffer.from(`\uFEFF${xml}`, 'utf16le')
  return encoding === 'utf-16le' ? bytes : bytes.swap16()
}

function readStreamed(kind: Kind, xml: string, encoding: Encoding, lenient: boolean, limits: Partial<XmlLimits>, sizes: readonly number[]): Promise<Outcome> {
  return outcomeOf(async () => {
    const skipped: string[] = []
    const options = { lenient, limits, onSkipped: (item: { message: string }) => skipped.push(item.message) }
    const units: TranslationUnit[] = []
    const bytes = encode(xml, encoding)
    const input = bytes === undefined ? chunks(xml, sizes) : byteChunks(bytes, sizes)
    for await (const unit of kind === 'tmx' ? readTmx(input, options) : readXliff(input, options)) units.push(unit)
    return { units, skipped }
  })
}

// --- Mutations ---------------------------------------------------------------------------------------------

/** Characters and fragments inserted anywhere: markup characters, references, XLIFF 2 inline and structural elements. */
const fragments = [
  'a', ' ', 'ب', '😀', '<', '>', '&', '"', "'", '/', '=', '\r', '\n', '\u200f', '&amp;', '&#x1F600;', '&#xD83D;', '&#0;', '&lt;', ']]>', '<!-- c -->', '<?pi x?>', '<![CDATA[<x>]]>',
  // End tags of units where they do not end one: the fast path looks for the first, and a stream waits for it.
  '<!-- </unit> -->', '<![CDATA[</unit>]]>', '<![CDATA[</tu>]]>', '<?pi </trans-unit>?>', '</unit>', '</tu>', '</trans-unit>',
  '<ph id="p1"/>', '<ph id="p2" dataRef="d1"/>', '<pc id="c1">ن</pc>', '<sc id="s1"/>', '<ec startRef="s1"/>', '<ec id="e1" isolated="yes"/>', '<sm id="m1" type="term"/>', '<em startRef="m1"/>',
  '<mrk id="k1" translate="no">م</mrk>', '<cp hex="0001"/>', '<cp hex="D800"/>', '<originalData><data id="d1">&lt;b&gt;</data></originalData>', '<notes><note>ن</note></notes>', '<note category="c">n</note>',
  '<segment><source>s</source></segment>', '<segment id="s9" state="final"><source>x</source><target>y</target></segment>', '<ignorable><source> </source></ignorable>', '<target>t</target>', '<source>s</source>',
  '<mda:metadata xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0"><mda:metaGroup><mda:meta type="k">v</mda:meta></mda:metaGroup></mda:metadata>', '<unit id="dup"><segment><source>d</source></segment></unit>',
  '<x:y xmlns:x="urn:x"/>', '<undeclared:y/>', '<tu><tuv xml:lang="ar"><seg>s</seg></tuv></tu>', '<prop type="x-mizan-state">final</prop>', '<trans-unit id="t"><source>s</source></trans-unit>',
]
/** Put before the document: what may (or may not) come before the root and the XML declaration. */
const prologs = ['<!-- c -->', ' ', '\n', '\uFEFF', '<?xml version="1.0"?>', '<?xml version="1.1"?>', '<?pi x?>', '<!DOCTYPE x>', 'x']
/** Values attributes are changed to. */
const values = ['', '1', 'u1', 'x y', 'yes', 'no', 'initial', 'translated', 'reviewed', 'final', 'bogus', 'ar', 'en', 'EN', '2.0', '2.1', '2.2', '1.2', 'd1', 's1', 'm1', 'term', 'a&amp;b', '&#x9;', '<', '٣']
/** Attributes added to a start tag. */
const attributes = ['id="u1"', 'state="final"', 'subState="x:y"', 'canResegment="no"', 'translate="no"', 'xml:space="preserve"', 'xml:lang="fr"', 'dataRef="d1"', 'startRef="s1"', 'isolated="yes"', 'type="fmt"', 'foo="bar"', 'x:y="z"', 'srcLang="en"', 'trgLang="fr"', 'name="n"', 'priority="11"']

/** The mutations this test draws: XLIFF 2 fragments and prologs (applied by mutate-xml.ts, nothing kept). */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...fragments) }),
  fc.record({ kind: fc.constant('prepend' as const), text: fc.constantFrom(...prologs) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('element' as const), pick: fc.nat(), action: fc.constantFrom('delete' as const, 'duplicate' as const, 'unwrap' as const) }),
  fc.record({ kind: fc.constant('attribute' as const), pick: fc.nat(), action: fc.constantFrom('change' as const, 'drop' as const, 'duplicate' as const), value: fc.constantFrom(...values) }),
  fc.record({ kind: fc.constant('add-attribute' as const), pick: fc.nat(), attribute: fc.constantFrom(...attributes) }),
)

const mutate = (xml: string, m: Mutation): string => mutateXml(xml, m, [])

// --- Documents -----------------------------------------------------------------------------------------------

type Written = 'xliff-2.0' | 'xliff-2.1' | 'xliff-2.2' | 'xliff-1.2' | 'tmx'

function write(format: Written, units: TranslationUnit[]): string {
  return format === 'tmx' ? toTmx(units, languages) : toXliff(units, { ...languages, version: format.slice(6) as XliffVersion })
}

const haveSuite = haveData('xliffSuite')
/** Every file of the conformance suite, valid and invalid, core and modules. */
const suiteTexts: string[] = haveSuite
  ? ['core/valid', 'core/invalid', 'modules/valid', 'modules/invalid'].flatMap((folder) => suiteFiles(folder).map((name) => readSuiteFile(folder, name)))
  : []

/** Chunk sizes: mostly tiny (cuts inside every token), some mid-sized, some the whole document. */
const chunkSizes = fc.array(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 9 }) }, { weight: 2, arbitrary: fc.integer({ min: 10, max: 400 }) }, { weight: 1, arbitrary: fc.constant(1 << 20) }), { minLength: 1, maxLength: 4 })

/** A surrogate without its other half. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Strings most of the time; bytes in each encoding the reader detects. */
const encodings: fc.Arbitrary<Encoding> = fc.constantFrom<Encoding>('string', 'string', 'utf-8', 'utf-16le', 'utf-16be')

/**
 * Size limits: mostly the defaults; sometimes tight ones, so tokens and units pass them part way through a chunk
 * or while the streaming reader holds chunks (it must stop where the string parser stops, with the same error).
 */
const limitsArbitrary: fc.Arbitrary<Partial<XmlLimits>> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.record({ maxTokenChars: fc.integer({ min: 8, max: 400 }), maxElementChars: fc.integer({ min: 50, max: 3000 }), maxDepth: fc.integer({ min: 2, max: 8 }), maxAttributes: fc.integer({ min: 1, max: 16 }), maxInputChars: fc.integer({ min: 0, max: 3000 }) }, { requiredKeys: [] }) },
)

/**
 * Checks one document: typed errors only, streaming agrees with the string (strict and lenient), and for XLIFF 2
 * what is accepted writes back and reads as the same units.
 */
async function check(kind: Kind, damaged: string, sizes: readonly number[], limits: Partial<XmlLimits>, encoding: Encoding): Promise<void> {
  // A damaged text may hold a lone surrogate: UTF-8 bytes carry it as U+FFFD, and UTF-16 as a decoding error
  // (no line and column, where the string parser gives them), so such a text is streamed as UTF-8 bytes and
  // compared with the text those bytes decode to.
  if (encoding.startsWith('utf-16') && loneSurrogate.test(damaged)) encoding = 'utf-8'
  const xml = encoding === 'utf-8' ? Buffer.from(damaged, 'utf8').toString('utf8') : damaged
  let strict: Outcome | undefined
  for (const lenient of [false, true]) {
    const whole = await readString(kind, xml, lenient, limits)
    const streamed = await readStreamed(kind, xml, encoding, lenient, limits, sizes)
    expect(streamed, `streamed as ${encoding} in chunks of ${sizes.join(', ')} (${lenient ? 'lenient' : 'strict'})`).toEqual(whole)
    // What strict reading accepts, lenient reading reads as the same units (it may add warnings to `skipped`).
    if (lenient && strict !== undefined && 'units' in strict && 'units' in whole) expect(whole.units, 'lenient against strict').toEqual(strict.units)
    else if (lenient && strict !== undefined && 'units' in strict) expect(whole, 'lenient refused what strict accepted').toEqual(strict)
    strict ??= whole
    if (kind !== 'xliff' || !('units' in whole)) continue
    const document = parseXliff(xml, { lenient, limits })
    if (document.formatVersion === '1.2') continue
    const again = toXliff(document.units, { version: document.formatVersion, sourceLang: document.sourceLang || 'ar', targetLang: document.targetLang ?? 'en' })
    expect(parseXliff(again).units, `written back as XLIFF ${document.formatVersion} (${lenient ? 'lenient' : 'strict'})`).toEqual(document.units)
  }
}

describe('the readers on mutated documents, as strings and streamed', () => {
  for (const format of ['xliff-2.0', 'xliff-2.1', 'xliff-2.2', 'xliff-1.2', 'tmx'] as const) {
    it(`refuse only with typed errors and stream as they parse${format.startsWith('xliff-2') ? ', and what they accept round-trips' : ''} (our ${format}, mutated)`, async () => {
      await fc.assert(
        fc.asyncProperty(unitsArbitrary, fc.array(mutation, { maxLength: 4 }), chunkSizes, limitsArbitrary, encodings, async (units, mutations, sizes, limits, encoding) => {
          await check(format === 'tmx' ? 'tmx' : 'xliff', mutations.reduce(mutate, write(format, units)), sizes, limits, encoding)
        }),
        { seed: 20261207, numRuns: format.startsWith('xliff-2') ? 70 : 50 },
      )
    })
  }

  it.skipIf(!haveSuite)('refuse only with typed errors, stream as they parse, and what they accept round-trips (the XLIFF 2.1 conformance files, mutated)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...suiteTexts), fc.array(mutation, { maxLength: 4 }), chunkSizes, limitsArbitrary, encodings, async (xml, mutations, sizes, limits, encoding) => {
        await check('xliff', mutations.reduce(mutate, xml), sizes, limits, encoding)
      }),
      { seed: 20261207, numRuns: 250 },
    )
  })
})
