/**
 * The `mizan` command: maps flags to library calls and prints. Library code never prints; this file does.
 *
 * Exit codes: 0 ok, 1 no result where that matters, 2 user error (one line on stderr, no stack).
 *
 * @module
 * @internal
 */
import { readFileSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import { isTmError } from '../errors.js'
import { segmentSentences } from '../segment/index.js'

/** Our own package.json, found relative to this file (dist/cli/bin.js or src/cli/main.ts), never the cwd's. */
function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version
}

function readText(path: string): string {
  if (path === '-') return readFileSync(0, 'utf8')
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new UserError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
}

/** A mistake in how the command was called: printed as one line, exit code 2. */
class UserError extends Error {}

function buildProgram(out: (line: string) => void): Command {
  const program = new Command('mizan')
    .description('Arabic–English translation memory: segment, align, search, and export XLIFF and TMX')
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: (text) => out(text.trimEnd()), writeErr: (text) => process.stderr.write(text) })

  program
    .command('segment')
    .description('split a text file into sentences and print them, numbered')
    .argument('<file>', 'a UTF-8 text file, or - for standard input')
    .option('-l, --lang <tag>', 'BCP-47 language tag of the text', 'ar')
    .option('--json', 'print JSON: [{ text, start, end }]')
    .action((file: string, options: { lang: string; json?: boolean }) => {
      const sentences = segmentSentences(readText(file), options.lang)
      if (options.json) out(JSON.stringify(sentences, null, 2))
      else sentences.forEach((sentence, index) => out(`${String(index + 1).padStart(3)}  ${sentence.text}`))
    })

  return program
}

/**
 * Runs the CLI with the given arguments and returns the exit code.
 *
 * @param argv - the arguments after `node bin.js`
 * @param out - where normal output goes (stdout by default)
 * @returns 0 ok, 1 no result, 2 user error
 */
export async function main(argv: string[], out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  const program = buildProgram(out)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    if (error instanceof UserError || isTmError(error)) {
      process.stderr.write(`${error.message.startsWith('mizan:') ? error.message : `mizan: ${error.message}`}\n`)
      return 2
    }
    throw error
  }
}
