/** The units the writer processes write, shared with the tests that count them. */
import type { NewTranslationUnit } from '../../../src/types.js'

/**
 * The unit a writer writes at a position: the first `shared` pairs are identical in every writer.
 *
 * @param writer - the writer's number
 * @param index - the position
 * @param shared - how many leading positions all writers share
 * @returns the unit, without an id
 */
export function writerUnit(writer: number, index: number, shared: number): NewTranslationUnit {
  if (index < shared) return { source: `جملة مشتركة رقم ${index} في الذاكرة`, target: `shared sentence number ${index} in the memory` }
  return { source: `الكاتب ${writer} يكتب الجملة ${index} الآن`, target: `writer ${writer} writes sentence ${index} now` }
}

