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
