/**
 * Options shared by several commands, and the parsers that turn their strings into checked values.
 * A bad value is a one-line user error naming the option and what it expected.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError, Option } from 'commander'

/** `--json`, the same on every command. @internal */
export function jsonOption(): Option {
  return new Option('--json', 'print machine-readable JSON on stdout')
}

/**
 * `--store <spec>`: a database memory (`sqlite:path.db`, `postgres://...`) instead of an XLIFF file; the same
 * spec also works wherever a memory file is named. It cannot be combined with `--into`.
 * @internal
 */
export function storeOption(): Option {
  return new Option('--store <spec>', 'a database memory instead of a file: sqlite:path.db or postgres://user@host/db').conflicts('into')
}

/** `--side source|target`: which language a search runs on. @internal */
export function sideOption(): Option {
  return new Option('--side <side>', 'search the source or the target text').choices(['source', 'target']).default('source')
}

/** Parses a whole number within [min, max]. @internal */
export function integerIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value)
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < min || number > max) {
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`)
    }
    return number
  }
}

/** Parses a number within [min, max] (decimals allowed). @internal */
export function numberIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value)
    if (value.trim() === '' || !Number.isFinite(number) || number < min || number > max) {
      throw new InvalidArgumentError(`Expected a number from ${min} to ${max}.`)
    }
    return number
  }
}

/** Binary multiples: a KB here is 1,024 bytes, as `fileSize` and most tools that print sizes count them. */
const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 2 ** 10, kb: 2 ** 10, kib: 2 ** 10, m: 2 ** 20, mb: 2 ** 20, mib: 2 ** 20, g: 2 ** 30, gb: 2 ** 30, gib: 2 ** 30 }

/**
 * Parses a size such as `512MB`, `1.5GB`, `64KiB` or `1000` (bytes) into bytes; KB, MB and GB count in 1,024s.
 * Used by `--max-input`.
 *
 * @example
 * ```ts
 * parseByteSize('512MB') // 536870912
 * ```
 * @internal
 */
export function parseByteSize(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value)
  const unit = match === null ? undefined : SIZE_UNITS[match[2]!.toLowerCase()]
  const bytes = match === null || unit === undefined ? Number.NaN : Math.floor(Number(match[1]) * unit)
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new InvalidArgumentError('Expected a size such as 512MB, 2GB or 100KB (KB, MB, GB count in 1024s).')
  return bytes
}

/**
 * Writes a byte count the way `--max-input` takes it: `512MB`, `1.5GB`, `100KB`, or plain bytes below 1 KB.
 *
 * @example
 * ```ts
 * formatByteSize(2 ** 20) // '1MB'
 * ```
 * @internal
 */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of [['GB', 2 ** 30], ['MB', 2 ** 20], ['KB', 2 ** 10]] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(2))}${unit}`
  }
  return `${bytes}B`
}
