/**
 * `npm run bench [name...]`: runs every benchmark in bench/ (or the named ones) one after another,
 * each in its own process so one's heap does not skew another's.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const all = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !['run.ts', 'lib.ts'].includes(file))
  .map((file) => file.slice(0, -3))
  .sort()
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'))
const names = wanted.length > 0 ? wanted : all
let failed = 0
for (const name of names) {
  if (!all.includes(name)) {
    console.error(`bench: no benchmark named ${name} (have: ${all.join(', ')})`)
    failed++
    continue
  }
  console.log(`\n## bench/${name}.ts\n`)
  const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', `${here}${name}.ts`], { stdio: 'inherit' })
  if (result.status !== 0) failed++
}
process.exitCode = failed === 0 ? 0 : 1
