/**
 * What changes on a terminal: colour, bidi isolates around Arabic, and progress bars on stderr. The built
 * binary runs under `script` (util-linux), which gives it a pseudo-terminal, so isTTY is true as for a user.
 */
import { spawn } from 'node:child_process'
import { cpSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { commandRuns, haveTool } from '../helpers/tools.js'
import { BIN, ensureBuilt, mizan, repoRoot, tempFolder } from './harness.js'

const hasScript = haveTool('script (Debian util-linux)', () => commandRuns('script', ['--version']))

/** Runs mizan on a pseudo-terminal; stdout and stderr arrive mixed, as on a screen. */
function onTerminal(cwd: string, args: string[]): Promise<string> {
  const command = [process.execPath, BIN, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ')
  return new Promise((resolvePromise, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', COLUMNS: '100' }
    delete env.NO_COLOR
    delete env.FORCE_COLOR
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.on('error', reject)
    child.on('close', () => resolvePromise(output))
  })
}

describe.runIf(hasScript)('mizan on a terminal', () => {
  let dir: string
  const ar = 'corpus/xi-rahmon-samarkand/ar.txt'
  const en = 'corpus/xi-rahmon-samarkand/en.txt'

  beforeAll(async () => {
    ensureBuilt()
    dir = tempFolder()
    cpSync(join(repoRoot, 'corpus', 'xi-rahmon-samarkand'), join(dir, 'corpus', 'xi-rahmon-samarkand'), { recursive: true })
    await mizan(dir, ['align', ar, en, '--into', 'tm.xlf'])
  })

  it('wraps Arabic in bidi isolates (U+2068 … U+2069) and colours the diff', async () => {
    const first = readFileSync(join(dir, ar), 'utf8').split('\n')[0]!
    expect(first).toContain(' اليوم، ')
    const output = await onTerminal(dir, ['search', 'tm.xlf', first.replace(' اليوم، ', ' ')])
    expect(output).toMatch(/\u2068أكد الرئيس الصيني/)
    expect(output).toContain('\u2069')
    expect(output).toMatch(/\u001b\[32m\u001b\[4mاليوم/)
    expect(output).not.toContain('{+')
  })

  it('draws a progress bar on stderr during an import, then clears it', async () => {
    await mizan(dir, ['export', 'tm.xlf', '--format', 'tmx', '-o', 'tm.tmx'])
    const output = await onTerminal(dir, ['import', 'tm.tmx', '--into', 'copy.xlf'])
    expect(output).toMatch(/\rimport tm\.tmx \[[█░]+\] +\d+%/)
    expect(output).toContain('\r\u001b[K')
    expect(output).toMatch(/tm\.tmx \(tmx, \d+ units\): \d+ added/)
  })

  it('draws no progress bar when stderr is not a terminal', async () => {
    const { stderr } = await mizan(dir, ['import', 'tm.tmx', '--into', 'copy2.xlf'])
    expect(stderr).toBe('')
  })
})
