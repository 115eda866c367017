/**
 * `mizan export <tm.xlf> --format xliff12|xliff20|xliff21|xliff22|tmx -o <file>`: write a memory in another
 * format, streamed unit by unit and saved atomically. TMX leaves out units that need review unless
 * `--include-needs-review`, and says how many.
 *
 * @module
 * @internal
 */
import { Option, type Command } from 'commander'
import { writeTmx } from '../../formats/tmx.js'
import { writeXliff } from '../../formats/xliff.js'
import { writeFileAtomic } from '../../storage/xliff-file.js'
import { needsReview } from '../../tm/needs-review.js'
import type { TranslationUnit } from '../../types.js'
import type { CliIo } from '../io.js'
import { openMemory } from '../memory.js'
import { refuseOverwrite, refuseSpecialOutput } from '../overwrite.js'
import { jsonOption } from '../options.js'
import { createProgress } from '../progress.js'
import { fileSize } from './import.js'

/** The `--format` values and the format they write. @internal */
export const EXPORT_FORMATS = { xliff12: '1.2', xliff20: '2.0', xliff21: '2.1', xliff22: '2.2', tmx: 'tmx' } as const

/** Adds the `export` command. @internal */
export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('write a memory as XLIFF 1.2, 2.0, 2.1, 2.2 or TMX 1.4b')
    .argument('<tm.xlf>', 'the memory (an XLIFF 2 file; or sqlite:/postgres://)')
    .addOption(new Option('--format <format>', 'the format to write').choices(Object.keys(EXPORT_FORMATS)).makeOptionMandatory())
    .requiredOption('-o, --output <file>', 'the file to write (replaced atomically)')
    .option('--include-needs-review', 'TMX: also write units that need review (TMX has no standard state, so tools would take them for translations); XLIFF always keeps them, marked')
    .addOption(jsonOption())
    .addHelpText('after', '\nExample:\n  mizan export tm.xlf --format tmx -o tm.tmx')
    .action(async (memoryPath: string, flags: { format: keyof typeof EXPORT_FORMATS; output: string; includeNeedsReview?: boolean; json?: boolean }) => {
      // `-o ./tm.xlf` (or a symlink to it) would replace the memory with its own export.
      refuseOverwrite(flags.output, '-o', [memoryPath])
      refuseSpecialOutput(flags.output, '-o')
      const memory = await openMemory(memoryPath, { create: false })
      let units = 0
      let read = 0
      let leftOut = 0
      let bytes = 0
      const version = EXPORT_FORMATS[flags.format]
      // TMX has no standard state: every <tu> is taken for a translation, so units that need review stay out of
      // it unless asked for (XLIFF says "needs review" in its own words, see docs/formats.md).
      const leaveOut = version === 'tmx' && !flags.includeNeedsReview
      try {
        const total = await memory.tm.size()
        const progress = createProgress({ label: `export ${flags.output}`, total, unit: 'units', stream: io.err })
        // Count units as the writer pulls them, so the bar follows the writing, not the reading.
        async function* counted(): AsyncGenerator<TranslationUnit> {
          for await (const unit of memory.tm.units()) {
            progress.update(++read)
            if (leaveOut && needsReview(unit)) {
              leftOut++
              continue
            }
            units++
            yield unit
          }
        }
        const languages = { sourceLang: memory.tm.sourceLang, targetLang: memory.tm.targetLang }
        const chunks = version === 'tmx' ? writeTmx(counted(), languages) : writeXliff(counted(), { ...languages, version })
        try {
          // A StorageError (missing folder, full disk) is a one-line user error; the old output file is untouched.
          bytes = await writeFileAtomic(flags.output, chunks)
        } finally {
          progress.done()
        }
      } finally {
        await memory.close()
      }
      if (flags.json) io.out(JSON.stringify({ output: flags.output, format: flags.format, units, leftOut, bytes }, null, 2))
      else {
        io.out(`wrote ${units} units to ${flags.output} (${flags.format}, ${fileSize(flags.output)})`)
        if (leftOut > 0) io.out(`left out ${leftOut} ${leftOut === 1 ? 'unit that needs' : 'units that need'} review (--include-needs-review writes them)`)
      }
    })
}
