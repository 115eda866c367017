// The README's API tour says it is real output. This test runs its code block and compares every value written
// in a `//` comment with what the code returns, so a changed score or offset fails here until the README says it.
//
// How the block is read: a comment on the same line as code (after two spaces or more), or a run of comment lines
// directly under a line of code, is that line's printed value, written as a JavaScript literal. A comment after a
// blank line is prose. Numbers compare at the precision written (0.833 stands for 0.8333…; an integer is exact), a
// string ending in `…` compares by its beginning, and everything else compares exactly (same keys, same items).
import * as fs from 'node:fs'
import vm from 'node:vm'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'
import * as mizan from 'mizan'

/** A line of the tour with the value its comment says it returns. */
interface Printed {
  /** 1-based line in README.md. */
  line: number
  code: string
  expected: string
}

/** What the tour's `import` lines may name, each mapped to the module the test loaded. */
const modules: Record<string, unknown> = { mizan, 'node:fs': fs }

/** The tour's code block: its lines and the README line of the first. */
function tourBlock(readme: string): { lines: string[]; firstLine: number } {
  const all = readme.split('\n')
  const heading = all.indexOf('## API tour')
  if (heading < 0) throw new Error('README.md has no "## API tour" heading')
  const open = all.findIndex((text, index) => index > heading && text.startsWith('```ts'))
  const close = all.findIndex((text, index) => index > open && text.startsWith('```'))
  if (open < 0 || close < 0) throw new Error(`README.md: no closed \`\`\`ts block after the API tour heading (line ${heading + 1})`)
  return { lines: all.slice(open + 1, close), firstLine: open + 2 }
}

const isComment = (text: string) => /^\s*\/\//.test(text)
const trailingComment = /^(.*\S)\s{2,}\/\/ (.*)$/

/**
 * Turns the block into a script whose every printed line reports its value through `__printed(index, value)`,
 * keeping one script line per README line so errors point at the README.
 */
function instrument(lines: string[], firstLine: number): { script: string; printed: Printed[] } {
  const printed: Printed[] = []
  const out: string[] = []
  for (let at = 0; at < lines.length; at++) {
    const text = lines[at]!
    const imported = /^import\s+(type\s+)?\{([^}]*)\}\s*from\s*'([^']+)'\s*;?$/.exec(text)
    if (imported) {
      const [, typeOnly, names, from] = imported
      if (!(from! in modules)) throw new Error(`README.md:${firstLine + at}: the tour imports '${from}', which this test does not provide`)
      // Values become a destructuring of the loaded module (`a as b` is `a: b`); type-only names vanish.
      const values = typeOnly ? [] : names!.split(',').map((name) => name.trim()).filter((name) => name !== '' && !name.startsWith('type '))
      out.push(values.length === 0 ? '' : `const { ${values.map((name) => name.replace(/\s+as\s+/, ': ')).join(', ')} } = __modules[${JSON.stringify(from)}]`)
      continue
    }
    if (/^import\s/.test(text)) throw new Error(`README.md:${firstLine + at}: this test reads only \`import { … } from '…'\` lines, not: ${text}`)
    if (text.trim() === '' || isComment(text)) {
      out.push(text)
      continue
    }
    const inline = trailingComment.exec(text)
    const codeAt = at
    let code = text
    let expected: string | undefined
    if (inline) {
      code = inline[1]!
      expected = inline[2]!
    } else if (at + 1 < lines.length && isComment(lines[at + 1]!)) {
      const comment: string[] = []
      while (at + 1 < lines.length && isComment(lines[at + 1]!)) comment.push(lines[++at]!.replace(/^\s*\/\/ ?/, ''))
      expected = comment.join('\n')
    }
    if (expected === undefined) {
      out.push(text)
      continue
    }
    out.push(`__printed(${printed.length}, (${code}))`)
    // The comment lines stay in the script as blank lines, so script and README lines keep matching.
    while (out.length < at + 1) out.push('')
    printed.push({ line: firstLine + codeAt, code, expected })
  }
  return { script: out.join('\n'), printed }
}

/** Parses a comment's value: a JavaScript literal, as the README writes it. */
function literal(entry: Printed): unknown {
  try {
    return vm.runInNewContext(`(${entry.expected})`)
  } catch (error) {
    throw new Error(`README.md:${entry.line}: the comment under \`${entry.code}\` is not a JavaScript value (${(error as Error).message})`)
  }
}

/**
 * The actual value as the README would print it next to `expected`: numbers rounded to the decimals written,
 * strings cut where the expected one ends in `…`. What cannot match is returned unchanged, so the diff shows it.
 */
function asWritten(actual: unknown, expected: unknown): unknown {
  if (typeof expected === 'number' && typeof actual === 'number' && !Number.isInteger(expected) && !/e/i.test(String(expected))) {
    const decimals = String(expected).split('.')[1]!.length
    return Number(actual.toFixed(decimals))
  }
  if (typeof expected === 'string' && typeof actual === 'string' && expected.endsWith('…')) {
    return actual.startsWith(expected.slice(0, -1)) ? expected : actual
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return actual.map((item, index) => (index < expected.length ? asWritten(item, expected[index]) : item))
  }
  if (isRecord(expected) && isRecord(actual)) {
    return Object.fromEntries(Object.entries(actual).filter(([, value]) => value !== undefined).map(([key, value]) => [key, asWritten(value, expected[key])]))
  }
  return actual
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const { lines, firstLine } = tourBlock(readme)
const { script, printed } = instrument(lines, firstLine)

describe('README.md API tour', () => {
  const values = new Map<number, unknown>()

  beforeAll(async () => {
    // TypeScript strips any types the tour writes; the body then runs as an async function so `await` works.
    const body = ts.transpileModule(`(async (__modules, __printed) => {\n${script}\n})`, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      fileName: 'README-tour.ts',
    }).outputText
    const run = vm.runInThisContext(body, { filename: 'README.md (API tour)', lineOffset: firstLine - 2 }) as (
      modules: Record<string, unknown>,
      report: (index: number, value: unknown) => void,
    ) => Promise<void>
    await run(modules, (index, value) => values.set(index, value))
  })

  it('reads at least five printed values from the block', () => {
    expect(printed.length).toBeGreaterThanOrEqual(5)
  })

  it.each(printed.map((entry) => [`README.md:${entry.line} ${entry.code.slice(0, 60)}`, entry] as const))('%s', (_title, entry) => {
    expect(values.has(printed.indexOf(entry)), `README.md:${entry.line} never ran`).toBe(true)
    const expected = literal(entry)
    expect(asWritten(values.get(printed.indexOf(entry)), expected), `README.md:${entry.line}: \`${entry.code}\``).toEqual(expected)
  })
})
