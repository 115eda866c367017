/**
 * The PostgreSQL memory's sessions: their settings come with the connection's startup, so a new connection is
 * idle when the pool first hands it out. A `SET` sent as a query on the pool's `connect` event was still running
 * then, and the caller's query was queued behind it on a busy client: node-postgres warns of that (pg 9 will
 * refuse it). In a file of its own: node-postgres warns once per process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PostgresStorage } from '../../src/storage/postgres.js'
import { TranslationMemory } from '../../src/tm/translation-memory.js'
import { havePostgres, startPostgres, type PostgresCluster } from '../helpers/postgres.js'

const available = havePostgres()
let cluster: PostgresCluster | undefined

describe.runIf(available)('PostgreSQL sessions', () => {
  beforeAll(async () => {
    cluster = await startPostgres()
  })
  afterAll(() => cluster?.stop())

  it('never queues a query on a busy client: new connections are idle when first used', async () => {
    const warnings: string[] = []
    const listen = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`)
    process.on('warning', listen)
    try {
      const storage = await PostgresStorage.open(cluster!.createDatabase('mizan_sessions'), { poolSize: 4 })
      const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
      await tm.add({ id: 'u1', source: 'انعقدت القمة في سمرقند.', target: 'The summit was held in Samarkand.' })
      // Eight reads at once open the pool's other connections, each used as soon as it is made.
      const found = await Promise.all(Array.from({ length: 8 }, () => tm.get('u1')))
      expect(found.map((unit) => unit?.target)).toEqual(Array(8).fill('The summit was held in Samarkand.'))
      await tm.close()
      // Warnings are emitted on the next tick.
      await new Promise((done) => setImmediate(done))
    } finally {
      process.off('warning', listen)
    }
    expect(warnings.filter((warning) => /already executing a query/.test(warning))).toEqual([])
  })
})
