/**
 * The two ways a CLI command ends short of success without a bug: a {@link UserError} (exit code 2, one line on
 * stderr) and {@link NoResult} (exit code 1, after the command's own output).
 *
 * @module
 * @internal
 */

/** A mistake in how the command was called or what it was given: printed as one line, exit code 2. @internal */
export class UserError extends Error {
  override name = 'UserError'
}

/** Thrown by a command that ran fine but found nothing (lookup, search): exit code 1 after its output. @internal */
export class NoResult extends Error {
  override name = 'NoResult'
}
