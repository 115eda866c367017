/**
 * The statements node-postgres sends while a piece of work runs: the text of every `Client.query` call, in order
 * (BEGIN and COMMIT included), for tests that count a search's round trips.
 */
import pg from 'pg'

/**
 * Runs `work` with every `pg.Client.prototype.query` call recorded, and gives back its result and the statements.
 *
 * @example
 * ```ts
 * const { result, sent } = await statementsSent(() => storage.fuzzyPartCandidates(query))
 * expect(sent).toHaveLength(2)
 * ```
 */
export async function statementsSent<T>(work: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
  const sent: string[] = []
  const original = pg.Client.prototype.query
  pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
    sent.push(typeof config === 'string' ? config : (config as { text: string }).text)
    return (original as (...args: unknown[]) => unknown).call(this, config, ...rest)
  } as typeof original
  try {
    return { result: await work(), sent }
  } finally {
    pg.Client.prototype.query = original
  }
}
