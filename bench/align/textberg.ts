/**
 * Text+Berg German-French (the Bleualign test set, as shipped with Vecalign): sentences one a line, gold beads
 * as `[de ids]:[fr ids]` lines. Read from the data set `align` (align/textberg_defr of the data folder, tests/helpers/data.ts).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Pair } from './score.js'

/** One Text+Berg document: German and French sentences and the gold beads. */
export interface TextbergDocument {
  name: string
  source: string[]
  target: string[]
  gold: Pair[]
}

function lines(path: string): string[] {
  const text = readFileSync(path, 'utf8')
  const all = text.split('\n')
  if (all[all.length - 1] === '') all.pop()
  return all
}

function parseIds(text: string): number[] {
  const inner = text.trim().replace(/^\[|\]$/g, '').trim()
  return inner === '' ? [] : inner.split(',').map((id) => Number(id.trim()))
}

/** Reads `test0`..`test6` (or `dev`). */
export function readTextberg(directory: string, names: readonly string[]): TextbergDocument[] {
  return names.map((name) => ({
    name,
    source: lines(join(directory, `${name}.de`)),
    target: lines(join(directory, `${name}.fr`)),
    gold: lines(join(directory, `${name}.defr`)).map((line) => {
      const [s, t] = line.split(':')
      return [parseIds(s!), parseIds(t!)] as Pair
    }),
  }))
}
