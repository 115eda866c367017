/**
 * Test artifacts kept after the run: the browser tests' screenshots go to `test-results/<group>/` in the checkout
 * (gitignored), a stable place a person (or CI, whose log prints the folder) can open them from, instead of a temp
 * folder that is gone or hard to find. Each run overwrites the files of the same name.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The folder of all test artifacts: `<checkout>/test-results`. */
export const artifactsRoot = resolve(import.meta.dirname, '../../test-results')

/**
 * The path of an artifact, its folder created.
 *
 * @param group - the folder under test-results, e.g. `'review'`
 * @param name - the file name, e.g. `'editor-session.png'`
 * @returns the absolute path
 */
export function artifactPath(group: string, name: string): string {
  const folder = join(artifactsRoot, group)
  mkdirSync(folder, { recursive: true })
  return join(folder, name)
}
