/**
 * Scaling out on PostgreSQL: two `mizan serve` processes (the built binary) on one database share the memory.
 * What one adds the other finds (lookup, fuzzy, tmserver), what one deletes the other no longer finds, and writes
 * sent to both at once all land. Runs where PostgreSQL 15 is installed (tests/helpers/postgres.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, tempFolder } from '../cli/harness.js'
import { havePostgres, startPostgres, type PostgresCluster } from '../helpers/postgres.js'
import { startServe, type ServeProcess } from '../helpers/serve-process.js'

const available = havePostgres()

type Served = ServeProcess
const serve = (store: string, cwd: string): Promise<Served> => startServe(cwd, [store, '--port', '0', '--write-token', 'w'])

const add = (server: Served, source: string, target: string, id?: string) =>
  fetch(`${server.url}/v1/units`, { method: 'POST', headers: { authorization: 'Bearer w' }, body: JSON.stringify({ source, target, ...(id ? { id } : {}) }) })
const getJson = async (server: Served, path: string) => (await fetch(server.url + path)).json() as Promise<any>

describe.runIf(available)('two mizan serve processes on one PostgreSQL memory', () => {
  let cluster: PostgresCluster
  let a: Served
  let b: Served
  beforeAll(async () => {
    ensureBuilt()
    cluster = await startPostgres()
    const store = cluster.createDatabase('serve_two')
    const cwd = tempFolder('mizan-serve-pg-')
    a = await serve(store, cwd)
    b = await serve(store, cwd)
  }, 60_000)
  afterAll(async () => {
    for (const server of [a, b]) {
      if (!server) continue
      server.child.kill('SIGINT')
      await server.exit
    }
    cluster?.stop()
  })

  it('finds on one server what the other added, and forgets what the other deleted', async () => {
    expect((await add(a, 'عقدت اللجنة اجتماعها الأول في جنيف', 'The committee held its first meeting in Geneva', 'g1')).status).toBe(201)
    expect((await getJson(b, `/v1/lookup?q=${encodeURIComponent('عقدت اللجنة اجتماعها الأول في جنيف')}`))[0]).toMatchObject({ unit: { id: 'g1' } })
    expect((await getJson(b, `/tmserver/ar/en/unit/${encodeURIComponent('عقدت اللجنة اجتماعها الثاني في جنيف')}`))[0]).toMatchObject({ target: 'The committee held its first meeting in Geneva' })
    expect((await add(b, 'حقوق الإنسان للجميع', 'Human rights for all', 'h1')).status).toBe(201)
    expect((await getJson(a, `/v1/fuzzy?q=${encodeURIComponent('Human rights for everyone')}&minScore=0.5`))[0]).toMatchObject({ unit: { id: 'h1' } })
    expect((await fetch(`${b.url}/v1/units/g1`, { method: 'DELETE', headers: { authorization: 'Bearer w' } })).status).toBe(200)
    expect((await fetch(`${a.url}/v1/units/g1`)).status).toBe(404)
    expect(await getJson(a, `/v1/lookup?q=${encodeURIComponent('عقدت اللجنة اجتماعها الأول في جنيف')}`)).toEqual([])
  })

  it('keeps every write sent to both servers at once', async () => {
    const before = (await getJson(a, '/v1/stats')).units as number
    const writes = Array.from({ length: 20 }, (_, i) => add(i % 2 === 0 ? a : b, `الجملة رقم ${i} في الاختبار`, `Sentence number ${i} in the test`))
    const statuses = (await Promise.all(writes)).map((response) => response.status)
    expect(statuses).toEqual(Array(20).fill(201))
    expect((await getJson(b, '/v1/stats')).units).toBe(before + 20)
    expect((await getJson(a, '/v1/stats')).units).toBe(before + 20)
  })
})
