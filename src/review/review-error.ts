/**
 * The error an edit of the alignment editor is refused with.
 *
 * @module
 */
import { TmError } from '../errors.js'

/**
 * An edit the review model refuses (it would break monotone, complete coverage, or names a bead or sentence that
 * does not exist), a malformed review document, or an edit made on a stale version of the document.
 *
 * `code` is `'INVALID_INPUT'` for a refused or malformed edit and `'STORAGE_CONFLICT'` when the document changed
 * elsewhere since the client read it (reload and edit again).
 *
 * @example
 * ```ts
 * import { ReviewError } from './review-error.js'
 * const error = new ReviewError('INVALID_INPUT', 'bead 7 does not exist (the document has 5 beads)')
 * error.message // 'mizan: bead 7 does not exist (the document has 5 beads)'
 * ```
 * @group Review
 */
export class ReviewError extends TmError {
  override name = 'ReviewError'
  declare readonly code: 'INVALID_INPUT' | 'STORAGE_CONFLICT'

  /**
   * @param code - `'INVALID_INPUT'` or `'STORAGE_CONFLICT'`
   * @param message - what was refused and why; `mizan: ` is prefixed
   */
  constructor(code: 'INVALID_INPUT' | 'STORAGE_CONFLICT', message: string) {
    super(code, message)
  }
}
