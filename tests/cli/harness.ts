/**
 * Runs the BUILT `mizan` binary (dist/cli/bin.js) in a temporary folder, the way a user runs it.
 * `npm run build` must have run (CI builds before testing); when the binary is missing it is built once here.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect } from 'vitest'

/** The repository root. */
export const repoRoot = resolve(import.meta.dirname, '../..')
/** The built CLI. */
export const BIN = join(repoRoot, 'dist', 'cli', 'bin.js')

/** Builds the package once when dist/cli/bin.js is missing. */
export function ensureBuilt(): void {
  if (existsSync(BIN)) return
  execFileSync('npx', ['tsup'], { cwd: repoRoot, stdio: 'inherit' })
}

/** A fresh temporary folder. */
export function tempFolder(name = 'mizan-cli-'): string {
  return mkdtempSync(join(tmpdir(), name))
}

/** What a run printed and returned. */
export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs `mizan ...args` in `cwd`, feeding `input` on stdin. Colour is off unless `env` turns it on.
 * Asynchronous, so independent runs can go side by side (`describe.concurrent`).
 */
export function mizan(cwd: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env }
  if (options.env?.FORCE_COLOR !== undefined) delete env.NO_COLOR
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key]
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }))
    child.stdin.on('error', () => undefined)
    child.stdin.end(options.input ?? '')
  })
}

/** Runs with `--json` and parses stdout. */
export async function mizanJson<T = any>(cwd: string, args: string[], options: { input?: string } = {}): Promise<{ code: number; json: T; stderr: string }> {
  const result = await mizan(cwd, [...args, '--json'], options)
  let json: T
  try {
    json = JSON.parse(result.stdout) as T
  } catch {
    throw new Error(`mizan ${args.join(' ')} --json printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`)
  }
  return { code: result.code, json, stderr: result.stderr }
}

/** A small TMX 1.4b document of our own: Arabic–English `[ar, en]` pairs as units t1, t2, … */
export function tmxOf(pairs: ReadonlyArray<readonly [string, string]>): string {
  const units = pairs.map(([ar, en], k) => `    <tu tuid="t${k + 1}"><tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>\n`).join('')
  return `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="handwritten" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="ar" datatype="plaintext"/>
  <body>
${units}  </body>
</tmx>
`
}

/** Asserts that stderr is one `mizan: ` line matching `pattern`, with no stack trace. */
export function expectOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n')
  expect(lines, stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^mizan: /)
  expect(lines[0]).toMatch(pattern)
  expect(stderr).not.toMatch(/\n\s+at /)
}
