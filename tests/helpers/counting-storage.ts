/**
 * An in-process memory that counts the fuzzy candidates (units and sentences) the memory reads (each candidate counted once, when its
 * `unit` is first read), so tests can bound a search's work by a count instead of a time. `arm(n, then)` runs
 * `then` once, synchronously, when `n` more candidates have been read (a test moves a faked clock there: the
 * scoring loop is synchronous, so nothing else could run in the middle of it).
 *
 * @internal
 */
import { MemoryStorage } from '../../src/storage/memory.js'
import type { CandidateUnit, FuzzyCandidateQuery, PartCandidateUnit } from '../../src/storage/types.js'

export interface CountingStorage extends MemoryStorage {
  /** Candidates read so far. */
  touched(): number
  /** Runs `then` once when `more` further candidates have been read. */
  arm(more: number, then: () => void): void
}

export function countingStorage(): CountingStorage {
  let touched = 0
  let trigger: { at: number; then: () => void } | undefined
  /** The candidates, each counting the first read of its unit. */
  const counted = <Candidate extends CandidateUnit>(candidates: Candidate[]): Candidate[] =>
    candidates.map((candidate) => {
      let seen = false
      const { unit } = candidate
      return Object.defineProperty({ ...candidate }, 'unit', {
        enumerable: true,
        get: () => {
          if (!seen) {
            seen = true
            touched++
            if (trigger !== undefined && touched === trigger.at) {
              const { then } = trigger
              trigger = undefined
              then()
            }
          }
          return unit
        },
      })
    })
  class Counting extends MemoryStorage {
    override async fuzzyCandidates(query: FuzzyCandidateQuery): Promise<CandidateUnit[]> {
      return counted(await super.fuzzyCandidates(query))
    }
    override async fuzzyUnitAndPartCandidates(query: FuzzyCandidateQuery): Promise<{ units: CandidateUnit[]; parts: PartCandidateUnit[] }> {
      const { units, parts } = await super.fuzzyUnitAndPartCandidates(query)
      return { units: counted(units), parts: counted(parts) }
    }
    touched(): number {
      return touched
    }
    arm(more: number, then: () => void): void {
      trigger = { at: touched + more, then }
    }
  }
  return new Counting()
}
