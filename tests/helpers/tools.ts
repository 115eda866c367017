/**
 * System tools some tests need (xmllint, Translate Toolkit, PostgreSQL, Chromium). A missing tool is reported
 * loudly and the test is skipped locally, but on CI (CI=true) a missing tool fails the run: .ci/run installs them.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** True on CI, where every tool must be present. */
export const onCi = process.env.CI === 'true'

/**
 * Whether `check` finds the tool. On CI a missing tool throws; locally it warns and returns false.
 *
 * @param name - what to call the tool in the message, e.g. `'xmllint (Debian libxml2-utils)'`
 * @param check - returns true when the tool is usable
 */
export function haveTool(name: string, check: () => boolean): boolean {
  let ok = false
  try {
    ok = check()
  } catch {
    ok = false
  }
  if (ok) return true
  const message = `MISSING TOOL: ${name}; install it (see .ci/run)`
  if (onCi) throw new Error(`${message}. CI must have it.`)
  process.stderr.write(`\n*** ${message}: the tests that need it are SKIPPED locally ***\n\n`)
  return false
}

/** True when `command --version`-like probe runs. */
export function commandRuns(command: string, args: string[] = ['--version']): boolean {
  execFileSync(command, args, { stdio: 'ignore' })
  return true
}

/** True when the path exists. */
export function pathExists(path: string): boolean {
  return existsSync(path)
}
