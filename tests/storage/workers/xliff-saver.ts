/**
 * A process saving an XLIFF file memory, for the concurrent-save tests (run with `node --import tsx`).
 *
 *   xliff-saver.ts <writer number> <units>
 *     reads commands from standard input, one a line, until it ends:
 *       `open <file>`: opens the memory file, adds `units` units of its own (`writerUnit(writer, i, 0)`, so no two
 *                     writers add the same pair) and prints `ready`;
 *       `save`: saves that memory and prints `saved <bytes>`, or `refused <json of { code, message }>` when the
 *               save throws a mizan error.
 *     The test sends `open` to two of them, and `save` to both once both are ready, so both have read the file
 *     before either saves. One process serves every trial, so the trials do not pay for starting processes.
 */
import { writeSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { isTmError } from '../../../src/errors.js'
import { TranslationMemory } from '../../../src/tm/translation-memory.js'
import { writerUnit } from './units.js'

const say = (line: string) => writeSync(1, `${line}\n`)

async function main(): Promise<void> {
  const [writerText, unitsText] = process.argv.slice(2)
  if (writerText === undefined || unitsText === undefined) throw new Error('usage: xliff-saver.ts <writer> <units>')
  const writer = Number(writerText)
  let tm: TranslationMemory | undefined
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.startsWith('open ')) {
      tm = await TranslationMemory.open(line.slice('open '.length))
      await tm.addAll(Array.from({ length: Number(unitsText) }, (_, index) => writerUnit(writer, index, 0)))
      say('ready')
    } else if (line === 'save') {
      if (tm === undefined) throw new Error('save before open')
      try {
        say(`saved ${await tm.save()}`)
      } catch (error) {
        if (!isTmError(error)) throw error
        say(`refused ${JSON.stringify({ code: error.code, message: error.message })}`)
      }
    } else throw new Error(`unknown command ${JSON.stringify(line)}`)
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`)
  process.exitCode = 1
})
