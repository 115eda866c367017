/** The PostgreSQL memory: the storage contract on a throwaway cluster, plus schema creation and bad connections. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PostgresStorage } from '../../src/storage/postgres.js'
import { havePostgres, startPostgres, type PostgresCluster } from '../helpers/postgres.js'
import { storageContract } from './contract.js'

const available = havePostgres()
let cluster: PostgresCluster | undefined
let databases = 0

describe.runIf(available)('PostgresStorage', () => {
  beforeAll(async () => {
    cluster = await startPostgres()
  })
  afterAll(() => cluster?.stop())

  // A fresh database per test keeps the tests independent (creating one takes ~50 ms).
  storageContract('postgres', () => PostgresStorage.open(cluster!.createDatabase(`contract_${++databases}`)))
})
