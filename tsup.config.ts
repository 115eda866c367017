import { defineConfig } from 'tsup'

// One build for the library (ESM + CJS + .d.ts/.d.cts) and the CLI (ESM only, with a shebang).
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      sqlite: 'src/storage/sqlite.ts',
      postgres: 'src/storage/postgres.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    external: ['better-sqlite3', 'pg', 'pdfjs-dist'],
  },
  {
    entry: { 'cli/bin': 'src/cli/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    external: ['better-sqlite3', 'pg', 'pdfjs-dist'],
  },
  // The review editor's page script, for browsers (one IIFE the server inlines into the page; see src/review/page-html.ts).
  {
    entry: { 'review/page': 'src/review/page/entry.ts' },
    format: ['iife'],
    platform: 'browser',
    target: 'es2020',
    minify: true,
  },
])
