/**
 * `mizan segment [file]`: split a text into sentences and print them, numbered. With `--srx <out.srx>` it also
 * (or, without a file, only) writes the rules it segments with as SRX 2.0, so a CAT tool (OmegaT, Okapi, Trados
 * with an SRX plug-in) segments the same way; with `--rules <in.srx>` it segments with rules read from an SRX file
 * instead of the built-in ones. Two flags rather than one that both reads and writes: a typo can then never
 * overwrite the rules a user meant to load.
 *
 * @module
 * @internal
 */
import type { Command } from 'commander'
import { defaultSegmentationRules } from '../../segment/builtin.js'
import { segmentSentences } from '../../segment/index.js'
import type { SegmentationRules } from '../../segment/rules.js'
import { parseSrx, toSrx } from '../../segment/srx.js'
import { writeFileAtomic } from '../../storage/xliff-file.js'
import { inputName, readText } from '../input.js'
import { terminalText, UserError, type CliIo } from '../io.js'
import { jsonOption } from '../options.js'
import { refuseOverwrite, refuseSpecialOutput } from '../overwrite.js'
import { readDocument } from '../read-document.js'

interface SegmentFlags {
  lang: string
  encoding?: string
  rules?: string
  srx?: string
  json?: boolean
}

/** Reads the `--rules` file: an SRX 2.0 (or 1.0) document, every problem located by line and column. */
function readRules(path: string): SegmentationRules {
  return parseSrx(readText(path), { file: inputName(path) })
}

/** Adds the `segment` command. @internal */
export function registerSegment(program: Command, io: CliIo): void {
  program
    .command('segment')
    .description('split a text file into sentences and print them, numbered; or write the segmentation rules as SRX 2.0')
    .argument('[file]', 'a UTF-8 text file, or - for standard input (optional with --srx)')
    .option('-l, --lang <tag>', 'BCP-47 language tag of the text', 'ar')
    .option('--encoding <label>', 'encoding of the file when not UTF-8, e.g. windows-1256, iso-8859-6, utf-16le (a byte order mark wins)')
    .option('--rules <rules.srx>', 'segment with the rules of this SRX 2.0 file instead of the built-in ones')
    .option('--srx <out.srx>', 'write the rules (the built-in Arabic, English and default rules, or those of --rules) as SRX 2.0 to this file, or - for standard output')
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  mizan segment ar.txt\n  mizan segment --srx mizan.srx                 # load mizan.srx in OmegaT or Okapi\n  mizan segment en.txt --lang en --rules mine.srx')
    .action(async (file: string | undefined, flags: SegmentFlags) => {
      if (file === undefined && flags.srx === undefined) throw new UserError('segment needs a file to segment (or - for standard input), or --srx <file> to write the rules')
      if (flags.srx === '-' && file !== undefined) throw new UserError('--srx - writes the rules to standard output, where the sentences go: name a file for the rules, or leave out the text file')
      if (flags.srx !== undefined && flags.srx !== '-') {
        // an output must not replace an input: `--rules mine.srx --srx mine.srx` would rewrite the user's file
        refuseOverwrite(flags.srx, '--srx', [...(file === undefined ? [] : [file]), ...(flags.rules === undefined ? [] : [flags.rules])])
        refuseSpecialOutput(flags.srx, '--srx')
      }
      const rules = flags.rules === undefined ? defaultSegmentationRules : readRules(flags.rules)
      const text = file === undefined ? undefined : readDocument(file, flags.encoding)
      if (flags.srx !== undefined) {
        const xml = toSrx(rules)
        if (flags.srx === '-') io.out(xml.replace(/\n$/, ''))
        else {
          const bytes = await writeFileAtomic(flags.srx, xml)
          const names = rules.languageRules.map((list) => list.name)
          if (text === undefined) {
            if (flags.json) io.out(JSON.stringify({ srx: flags.srx, bytes, languageRules: names }, null, 2))
            else io.out(`wrote ${flags.srx}: SRX 2.0, ${names.length} rule ${names.length === 1 ? 'list' : 'lists'} (${names.join(', ')})`)
          } else {
            io.err.write(`mizan: wrote ${flags.srx} (SRX 2.0: ${names.join(', ')})\n`)
          }
        }
      }
      if (text === undefined) return
      const sentences = segmentSentences(text, flags.lang, { rules })
      if (flags.json) io.out(JSON.stringify(sentences, null, 2))
      else sentences.forEach((sentence, index) => io.out(`${String(index + 1).padStart(3)}  ${terminalText(io, sentence.text, flags.lang)}`))
    })
}
