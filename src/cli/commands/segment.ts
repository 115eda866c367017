/**
 * `mizan segment <file>`: split a text into sentences and print them, numbered.
 *
 * @module
 * @internal
 */
import type { Command } from 'commander'
import { segmentSentences } from '../../segment/index.js'
import { terminalText, type CliIo } from '../io.js'
import { jsonOption } from '../options.js'
import { readDocument } from '../read-document.js'

/** Adds the `segment` command. @internal */
export function registerSegment(program: Command, io: CliIo): void {
  program
    .command('segment')
    .description('split a text file into sentences and print them, numbered')
    .argument('<file>', 'a UTF-8 text file, or - for standard input')
    .option('-l, --lang <tag>', 'BCP-47 language tag of the text', 'ar')
    .option('--encoding <label>', 'encoding of the file when not UTF-8, e.g. windows-1256, iso-8859-6, utf-16le (a byte order mark wins)')
    .addOption(jsonOption())
    .action((file: string, options: { lang: string; encoding?: string; json?: boolean }) => {
      const sentences = segmentSentences(readDocument(file, options.encoding), options.lang)
      if (options.json) io.out(JSON.stringify(sentences, null, 2))
      else sentences.forEach((sentence, index) => io.out(`${String(index + 1).padStart(3)}  ${terminalText(io, sentence.text, options.lang)}`))
    })
}
