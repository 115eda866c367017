/**
 * Vitest global setup: every temporary file or folder the tests make (theirs, the CLI's they spawn, PostgreSQL
 * clusters, browsers) goes under one folder of this run, removed when the run ends. Before, each run left a few
 * thousand `mizan-*` folders in the system's temporary folder (one per xmllint call, per CLI test...).
 *
 * `os.tmpdir()` reads `TMPDIR` on every call, and the test workers and the processes they start inherit it.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'mizan-tests-'))
  // Open to other users' traversal: when the tests run as root, PostgreSQL runs as `postgres` in a folder here.
  chmodSync(root, 0o755)
  process.env['TMPDIR'] = root
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 })
}
