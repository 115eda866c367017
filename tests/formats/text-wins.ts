/**
 * Checks the TMX and XLIFF 1.2 "the text always wins" tests share: a read refused with a located FormatError, and
 * a stale extra left out the same way by strict and lenient reads.
 */
import { expect } from 'vitest'
import { FormatError, type ReadOptions, type SkippedItem, type TranslationUnit } from 'mizan'

/** Two sentences and the white space between them, as the aligner's merged beads give them. */
export const twoSegments: TranslationUnit = {
  id: 'u1',
  source: 'أولا. ثانيا.',
  target: 'First. Second.',
  segments: [
    { source: 'أولا.', target: 'First.' },
    { source: ' ', target: ' ', ignorable: true },
    { source: 'ثانيا.', target: 'Second.' },
  ],
}

/** Expects a read to be refused with a FormatError (FORMAT_INVALID) whose message matches. */
export function expectRefused(read: () => unknown, message: RegExp): void {
  let error: unknown
  try {
    read()
  } catch (caught) {
    error = caught
  }
  expect(error).toBeInstanceOf(FormatError)
  expect(error).toMatchObject({ code: 'FORMAT_INVALID', message: expect.stringMatching(message) })
}

/**
 * Reads strict and lenient with `read`, expecting the same units, one warning from the strict read (naming
 * `format`, a line and a column) and one skipped item from the lenient one, both matching `message`, and that
 * `roundTrip` gives the units back; returns the units.
 */
export function readBothWays(
  xml: string,
  message: RegExp,
  format: string,
  read: (xml: string, options: ReadOptions) => { units: TranslationUnit[]; skipped: SkippedItem[] },
  roundTrip: (units: TranslationUnit[]) => TranslationUnit[],
): TranslationUnit[] {
  const strictWarnings: string[] = []
  const strict = read(xml, { logger: (level, text, code) => strictWarnings.push(`${level} ${code} ${text}`) })
  expect(strict.skipped).toEqual([])
  expect(strictWarnings).toEqual([expect.stringMatching(new RegExp(`^warn FORMAT_EXTRA_LEFT_OUT mizan: ${format.replace('.', '\\.')} \\(line \\d+, column \\d+\\): `))])
  expect(strictWarnings[0]).toMatch(message)
  const warnings: string[] = []
  const lenient = read(xml, { lenient: true, logger: (_level, text) => warnings.push(text) })
  expect(lenient.units).toEqual(strict.units)
  expect(lenient.skipped).toHaveLength(1)
  expect(lenient.skipped[0]!.message).toMatch(message)
  expect(lenient.skipped[0]!.message).toMatch(/left out, the unit kept with its text$/)
  expect(warnings).toEqual([lenient.skipped[0]!.message])
  expect(roundTrip(strict.units)).toEqual(strict.units)
  return strict.units
}
