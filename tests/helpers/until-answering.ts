/**
 * Waiting for a server started in another process (Translate Toolkit's tmserver, in tests/serve/tmserver-compare
 * and bench/serve) to answer: it prints nothing when it listens, so it is asked until it answers.
 */

/**
 * Requests `url` every 100 ms until it answers (any status), bounded by tries rather than asserted on time.
 *
 * @param url - a URL the server answers
 * @param maxTries - the tries after which the last connection error is thrown
 */
export async function untilAnswering(url: string, maxTries: number): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      await fetch(url)
      return
    } catch (error) {
      if (tries > maxTries) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}
