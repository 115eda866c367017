/**
 * Bundles the editor page script as tsup.config.ts does (one browser IIFE), in memory, so browser tests run on the
 * sources without a build.
 */
import { build } from 'esbuild'

export async function bundlePageScript(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('../../src/review/page/entry.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
  })
  return result.outputFiles[0]!.text
}
