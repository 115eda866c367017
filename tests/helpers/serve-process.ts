/**
 * Starts the built `mizan serve` as a user runs it, for the tests that talk to it over HTTP (tests/cli/serve*,
 * tests/serve/postgres): one place that spawns it, collects its output and waits for its banner.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createInterface } from 'node:readline'
import { BIN } from '../cli/harness.js'

/** A running `mizan serve` process. */
export interface ServeProcess {
  child: ChildProcessWithoutNullStreams
  /** The URL of the banner line (empty when no line matched). */
  url: string
  /** The printed write token, when the server made one. */
  token: string | undefined
  /** The exit code; 'close' comes after the process exited and its output streams ended, so the output is whole by then. */
  exit: Promise<number | null>
  /** Everything printed on stderr so far (the access log). */
  stderr: () => string
  /** Every stdout line so far. */
  stdout: () => string
}

/**
 * Starts `mizan serve ARGS` in `cwd` (without a `MIZAN_WRITE_TOKEN` from the environment), resolving when it has
 * printed `Press Ctrl-C to stop.`; rejects, with its stderr, when it exits first.
 *
 * @param banner - the line holding the URL, with the URL as its first group
 */
export async function startServe(cwd: string, args: string[], banner = /on (http:\/\/\S+)$/): Promise<ServeProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
  delete env.MIZAN_WRITE_TOKEN
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd, env })
  let stderr = ''
  let stdout = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
  let url = ''
  let token: string | undefined
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout += `${line}\n`
      url = banner.exec(line)?.[1] ?? url
      token = /^write token: (\S+)$/.exec(line)?.[1] ?? token
      if (line.startsWith('Press Ctrl-C')) resolve()
    })
    void exit.then((code) => reject(new Error(`mizan serve exited with ${code}: ${stderr}`)))
  })
  return { child, url, token, exit, stderr: () => stderr, stdout: () => stdout }
}
