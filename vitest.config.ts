import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

export default defineConfig({
  resolve: {
    // Tests import the package by its public name; here that name resolves to the sources.
    // The built package is checked separately by .ci/pack-check.sh.
    alias: [
      { find: /^mizan$/, replacement: src('index.ts') },
      { find: /^mizan\/sqlite$/, replacement: src('storage/sqlite.ts') },
      { find: /^mizan\/postgres$/, replacement: src('storage/postgres.ts') },
    ],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // One temporary folder per run, removed at its end (tests/helpers/temp-root.ts).
    globalSetup: ['tests/helpers/temp-root.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    typecheck: {
      enabled: true,
      include: ['tests/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
})
