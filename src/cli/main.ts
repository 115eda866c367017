/**
 * The `mizan` command: maps flags to library calls and prints. Library code never prints; the CLI does.
 *
 * Exit codes: 0 ok, 1 no result where that matters (lookup, search, concordance), 2 user error (one line on
 * stderr naming the file and line, no stack). Anything else is a bug and prints its stack.
 *
 * @module
 * @internal
 */
import { readFileSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import { NoResult, processIo, userMessage, type CliIo } from './io.js'
import { registerAlign } from './commands/align.js'
import { registerImport } from './commands/import.js'
import { registerExport } from './commands/export.js'
import { registerSearch } from './commands/search.js'
import { registerStats } from './commands/stats.js'
import { registerDemo } from './commands/demo.js'
import { registerSegment } from './commands/segment.js'

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
  program.exitOverride()
  program.configureHelp({ showGlobalOptions: false })
  const commands = [registerAlign, registerImport, registerExport, registerSearch, registerStats, registerSegment, registerDemo]
  for (const register of commands) register(program, io)
  for (const command of program.commands) command.exitOverride()
  program.addHelpText(
    'after',
    `
Exit codes: 0 ok, 1 no result (lookup, search, concordance), 2 user error.
Text arguments may be - to read standard input. Memories are XLIFF 2 files (created when absent).
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
