/** The part-match contract (see parts-contract.ts) on the in-process memory. */
import { MemoryStorage } from '../../src/storage/memory.js'
import { partsContract } from './parts-contract.js'

partsContract('memory', async () => new MemoryStorage(), 60)
