/**
 * Waiting for Ctrl-C (SIGINT) or SIGTERM, for the commands that run a server until the user stops them.
 *
 * @module
 * @internal
 */

/**
 * Resolves at the first SIGINT or SIGTERM, and takes its handlers off again, so a second Ctrl-C during the
 * shutdown that follows stops the process as Node would.
 *
 * @returns a promise that resolves when the process is asked to stop
 * @example
 * ```ts
 * await untilStopped()
 * await server.close()
 * ```
 * @internal
 */
export function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
