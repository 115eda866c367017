/**
 * A writer process for the concurrency and fault tests (run with `node --import tsx`).
 *
 *   writer.ts <store spec> <writer number> <units> <shared units> <batch size>
 *     adds `units` units in batches. The first `shared units` are the same pairs in every writer, added through
 *     `TranslationMemory.addAll` without ids, so writers collide on them and the memory's id rule (the same pair
 *     gets the same id) must keep one copy. The rest are this writer's own, written straight to the storage
 *     with `putMany` (keys from `tm.keysOf`): the memory's per-unit id resolution costs a round trip per unit,
 *     and what these tests measure is the storage under concurrent transactions. Prints `done <n>` at the end.
 *
 *   writer.ts <store spec> killed <committed units> <doomed units>
 *     commits `committed units`, prints `committed`, then writes `doomed units` in one transaction, printing
 *     `begun` just before; the test kills the process while that transaction runs.
 */
import { writeSync } from 'node:fs'
import { openStore } from '../../../src/storage/open-store.js'
import { TranslationMemory } from '../../../src/tm/translation-memory.js'
import type { NewTranslationUnit } from '../../../src/types.js'
import { writerUnit } from './units.js'

const say = (line: string) => writeSync(1, `${line}\n`)

async function main(): Promise<void> {
  const [spec, mode, ...rest] = process.argv.slice(2)
  if (spec === undefined || mode === undefined) throw new Error('usage: writer.ts <spec> <writer|killed> ...')
  const storage = await openStore(spec, { poolSize: 1 })
  const tm = new TranslationMemory({ sourceLang: 'ar', targetLang: 'en', storage })
  if (mode === 'killed') {
    const [committed, doomed] = rest.map(Number) as [number, number]
    await tm.addAll(Array.from({ length: committed }, (_, index) => ({ id: `kept-${index}`, source: `وحدة محفوظة ${index}`, target: `kept unit ${index}` })))
    say('committed')
    const entries = Array.from({ length: doomed }, (_, index) => {
      const unit = { id: `doomed-${index}`, source: `وحدة ستضيع ${index} قريبا`, target: `doomed unit ${index} soon` }
      return { unit, keys: tm.keysOf(unit) }
    })
    say('begun')
    await storage.putMany(entries) // killed during this transaction
    say('finished')
    await storage.close()
    return
  }
  const writer = Number(mode)
  const [units, shared, batch] = rest.map(Number) as [number, number, number]
  const now = new Date().toISOString()
  for (let start = 0; start < units; start += batch) {
    const chunk: NewTranslationUnit[] = []
    for (let index = start; index < Math.min(units, start + batch); index++) chunk.push(writerUnit(writer, index, shared))
    const common = chunk.filter((_, offset) => start + offset < shared)
    if (common.length > 0) await tm.addAll(common)
    const own = chunk.slice(common.length).map((unit, offset) => {
      const stored = { ...unit, id: `w${writer}-${start + common.length + offset}`, createdAt: now, changedAt: now }
      return { unit: stored, keys: tm.keysOf(stored) }
    })
    if (own.length > 0) await storage.putMany(own)
  }
  say(`done ${units}`)
  await storage.close()
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`)
  process.exitCode = 1
})
