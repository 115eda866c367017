/**
 * The deadline of a search (`FuzzyOptions.deadline`, `FuzzyCandidateQuery.deadline`): a `Date.now()` time after
 * which the memory and the backends that honour it stop and throw `TIMEOUT`. A search is synchronous work that no
 * timer can interrupt, so it looks at the clock itself, once per {@link deadlineStride} candidates.
 *
 * @module
 * @internal
 */
import { OptionsError, TmError } from '../errors.js'

/**
 * Candidates handled between two looks at the clock: a look costs far less than scoring 16 candidates.
 *
 * @internal
 */
export const deadlineStride = 16

/**
 * The `deadline` option of a call: undefined, or a finite number.
 *
 * @param options - the call's options object (or anything)
 * @returns the deadline, or undefined when none was given
 * @throws OptionsError when `deadline` is given but is not a finite number
 * @example
 * ```ts
 * readDeadline({ deadline: Date.now() + 1000 }) // a number
 * readDeadline({}) // undefined
 * ```
 * @internal
 */
export function readDeadline(options: unknown): number | undefined {
  const deadline = typeof options === 'object' && options !== null ? (options as { deadline?: unknown }).deadline : undefined
  if (deadline !== undefined && (typeof deadline !== 'number' || !Number.isFinite(deadline))) throw new OptionsError('deadline', deadline, 'a time in milliseconds as Date.now() gives it')
  return deadline as number | undefined
}

/**
 * Throws the `TIMEOUT` error when `deadline` has come.
 *
 * @param deadline - a `Date.now()` time, or undefined for none
 * @param where - how far the search got, for the message (e.g. `after scoring 32 of 5000 candidates`)
 * @throws TmError with code `'TIMEOUT'` when the deadline has come
 * @example
 * ```ts
 * checkDeadline(Date.now() - 1, 'before reading candidates') // throws TIMEOUT
 * ```
 * @internal
 */
export function checkDeadline(deadline: number | undefined, where: string): void {
  if (deadline === undefined || Date.now() < deadline) return
  throw new TmError('TIMEOUT', `mizan: the fuzzy search passed its deadline ${where}`)
}
