/**
 * A process saving an XLIFF file memory, for the concurrent-save tests (run with `node --import tsx`).
 *
 *   xliff-saver.ts <file> <writer number> <units>
 *     opens the memory file, adds `units` units of its own (`writerUnit(writer, i, 0)`, so no two writers add
 *     the same pair), prints `ready`, waits for a line `go` on standard input, saves, and prints `saved <bytes>`,
 *     or `refused <json of { code, message }>` when the save throws a mizan error. The test starts two of them
 *     and sends `go` to both once both are ready, so both have read the file before either saves.
 */
import { writeSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { isTmError } from '../../../src/errors.js'
import { TranslationMemory } from '../../../src/tm/translation-memory.js'
import { writerUnit } from './units.js'

const say = (line: string) => writeSync(1, `${line}\n`)

async function main(): Promise<void> {
  const [file, writerText, unitsText] = process.argv.slice(2)
  if (file === undefined || writerText === undefined || unitsText === undefined) throw new Error('usage: xliff-saver.ts <file> <writer> <units>')
  const writer = Number(writerText)
  const tm = await TranslationMemory.open(file)
  await tm.addAll(Array.from({ length: Number(unitsText) }, (_, index) => writerUnit(writer, index, 0)))
  const lines = createInterface({ input: process.stdin })
  const go = new Promise<void>((resolve) => lines.on('line', (line) => line === 'go' && resolve()))
  say('ready')
  await go
  lines.close()
  try {
    say(`saved ${await tm.save()}`)
  } catch (error) {
    if (!isTmError(error)) throw error
    say(`refused ${JSON.stringify({ code: error.code, message: error.message })}`)
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`)
  process.exitCode = 1
})
