/** The storage contract on the in-process memory: the reference the SQL backends are compared with. */
import { MemoryStorage } from '../../src/storage/memory.js'
import { storageContract } from './contract.js'

storageContract('memory', async () => new MemoryStorage())
