/**
 * The `mizan` command: maps flags to library calls and prints. Library code never prints; the CLI does.
 *
 * Exit codes: 0 ok, 1 no result where that matters (lookup, search, concordance), 2 user error (one line on
 * stderr naming the file and line, no stack), which includes a file the system will not let us read or write.
 * Anything else is a bug and prints its stack.
 *
 * @module
 * @internal
 */
import { readFileSync } from 'node:fs'
import { Command, CommanderError, Option } from 'commander'
import { DEFAULT_MAX_INPUT, setInputLimit } from './input.js'
import { NoResult, processIo, userMessage, type CliIo } from './io.js'
import { formatByteSize, parseByteSize } from './options.js'
import { registerAlign } from './commands/align.js'
import { registerImport } from './commands/import.js'
import { registerExport } from './commands/export.js'
import { registerSearch } from './commands/search.js'
import { registerStats } from './commands/stats.js'
import { registerDemo } from './commands/demo.js'
import { registerSegment } from './commands/segment.js'
import { registerReview } from './commands/review.js'
import { registerServe } from './commands/serve.js'

/** Our own package.json, found relative to this file (dist/cli/bin.js or src/cli/main.ts), never the cwd's. */
function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version
}

function buildProgram(io: CliIo): Command {
  const program = new Command('mizan')
    .description('Arabic–English translation memory: segment, align, search, and export XLIFF and TMX')
    .version(packageVersion())
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err.write(text),
      // Commander's own errors ("unknown option", "missing argument") become our one-line form.
      outputError: (text, write) => write(`mizan: ${text.replace(/^error: /, '')}`),
    })
    // Every input (a file, `-`, a FIFO, a memory file) is read up to this many bytes, then refused.
    .addOption(new Option('--max-input <size>', 'the most bytes read from any one input (KB, MB, GB count in 1024s)').argParser(parseByteSize).default(DEFAULT_MAX_INPUT, formatByteSize(DEFAULT_MAX_INPUT)))
    // Set on every run, default included, so an in-process run (tests call main repeatedly) never inherits a limit.
    .hook('preAction', (command) => setInputLimit((command.opts() as { maxInput: number }).maxInput))
  program.exitOverride()
  program.configureHelp({ showGlobalOptions: false })
  const commands = [registerAlign, registerImport, registerExport, registerSearch, registerStats, registerSegment, registerReview, registerServe, registerDemo]
  for (const register of commands) register(program, io)
  for (const command of program.commands) command.exitOverride()
  program.addHelpText(
    'after',
    `
Exit codes: 0 ok, 1 no result (lookup, search, concordance), 2 user error (or a file that cannot be read or written).
Text and file arguments may be - to read standard input. Memories are XLIFF 2 files (created when absent).
No input is read past --max-input (default ${formatByteSize(DEFAULT_MAX_INPUT)}), and no command writes over one of its inputs.
Run \`mizan <command> --help\` for a command's options.`,
  )
  return program
}

/**
 * Runs the CLI with the given arguments and returns the exit code.
 *
 * @param argv - the arguments after `node bin.js`
 * @param io - where output goes (the process streams by default)
 * @returns 0 ok, 1 no result, 2 user error
 * @internal
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; calling with no command shows help (exit 1 from commander).
      if (error.exitCode === 0) return 0
      return 2
    }
    if (error instanceof NoResult) return 1
    const message = userMessage(error)
    if (message !== undefined) {
      io.err.write(`${message}\n`)
      return 2
    }
    throw error
  }
}
