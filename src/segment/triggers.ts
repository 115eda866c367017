/**
 * A fast path for applying rules: most break rules can only match right after a few characters (a terminator,
 * a closing quote). This module reads a `before` pattern backwards and works out which characters can end a
 * match, so the segmenter jumps from one such character to the next instead of trying every rule at every
 * position. When a pattern is too complex to analyse (or could end anywhere), it returns undefined and the
 * caller falls back to the exhaustive scan, so the answer never depends on this analysis.
 *
 * @module
 * @internal
 */

interface Atom {
  /** Class fragments (for `[...]`) that the atom's last character belongs to; undefined = unknown/any. */
  last: string[] | undefined
  /** Whether the atom can match the empty string. */
  nullable: boolean
  /** Look-around and anchors consume nothing. */
  zeroWidth: boolean
}

interface Sequence {
  last: string[] | undefined
  nullable: boolean
}

class Unanalysable extends Error {}

function sequenceTail(atoms: readonly Atom[]): Sequence {
  const last: string[] = []
  for (let i = atoms.length - 1; i >= 0; i--) {
    const atom = atoms[i]!
    if (atom.zeroWidth) continue
    if (atom.last === undefined) return { last: undefined, nullable: false }
    last.push(...atom.last)
    if (!atom.nullable) return { last, nullable: false }
  }
  return { last, nullable: true }
}

/** Parses alternatives until `)` or the end; returns their combined tail and the index after. */
function parseAlternatives(source: string, start: number): { tail: Sequence; index: number } {
  const alternatives: Atom[][] = [[]]
  let i = start
  while (i < source.length) {
    const char = source[i]!
    if (char === ')') break
    if (char === '|') {
      alternatives.push([])
      i++
      continue
    }
    let atom: Atom
    if (char === '\\') {
      const next = source[i + 1]
      if (next === undefined) throw new Unanalysable()
      if ((next === 'p' || next === 'P') && source[i + 2] === '{') {
        const end = source.indexOf('}', i)
        atom = { last: next === 'p' ? [source.slice(i, end + 1)] : undefined, nullable: false, zeroWidth: false }
        i = end + 1
      } else if (next === 'u' && source[i + 2] === '{') {
        const end = source.indexOf('}', i)
        atom = { last: [source.slice(i, end + 1)], nullable: false, zeroWidth: false }
        i = end + 1
      } else if (next === 'u') {
        atom = { last: [source.slice(i, i + 6)], nullable: false, zeroWidth: false }
        i += 6
      } else if (next === 'b' || next === 'B') {
        atom = { last: [], nullable: true, zeroWidth: true }
        i += 2
      } else if ('dDwWsStnrfv0'.includes(next)) {
        // class escapes and control escapes are valid inside a character class as they are
        atom = { last: [`\\${next}`], nullable: false, zeroWidth: false }
        i += 2
      } else if (next === 'x' || next === 'c') {
        const width = next === 'x' ? 4 : 3
        atom = { last: [source.slice(i, i + width)], nullable: false, zeroWidth: false }
        i += width
      } else if (/[A-Za-z1-9]/.test(next)) {
        // back-references, \k<name> and anything unusual: give up, the caller scans every position
        throw new Unanalysable()
      } else {
        atom = { last: [`\\${next}`], nullable: false, zeroWidth: false }
        i += 2
      }
    } else if (char === '[') {
      let end = i + 1
      if (source[end] === '^') throw new Unanalysable()
      if (source[end] === ']') end++
      while (end < source.length && source[end] !== ']') end += source[end] === '\\' ? 2 : 1
      atom = { last: [source.slice(i + 1, end)], nullable: false, zeroWidth: false }
      i = end + 1
    } else if (char === '(') {
      const look = /^\(\?(?:=|!|<=|<!)/.exec(source.slice(i, i + 4))
      const open = look ? look[0].length : source.startsWith('(?:', i) ? 3 : source.startsWith('(?<', i) ? source.indexOf('>', i) + 1 - i : 1
      const inner = parseAlternatives(source, i + open)
      if (source[inner.index] !== ')') throw new Unanalysable()
      i = inner.index + 1
      atom = look ? { last: [], nullable: true, zeroWidth: true } : { last: inner.tail.last, nullable: inner.tail.nullable, zeroWidth: false }
    } else if (char === '^' || char === '$') {
      atom = { last: [], nullable: true, zeroWidth: true }
      i++
    } else if (char === '.') {
      atom = { last: undefined, nullable: false, zeroWidth: false }
      i++
    } else {
      const codePoint = source.codePointAt(i)!
      const literal = String.fromCodePoint(codePoint)
      atom = { last: [/[\]\\^-]/.test(literal) ? `\\${literal}` : literal], nullable: false, zeroWidth: false }
      i += literal.length
    }
    // quantifier
    const quantifier = /^(?:[*?+]|\{(\d*)(?:,\d*)?\})[?+]?/.exec(source.slice(i, i + 12))
    if (quantifier) {
      const min = quantifier[0][0] === '{' ? Number(quantifier[1] || '0') : quantifier[0][0] === '+' ? 1 : 0
      if (min === 0) atom = { ...atom, nullable: true }
      i += quantifier[0].length
    }
    alternatives[alternatives.length - 1]!.push(atom)
  }
  let last: string[] | undefined = []
  let nullable = false
  for (const alternative of alternatives) {
    const tail = sequenceTail(alternative)
    nullable ||= tail.nullable
    last = tail.last === undefined || last === undefined ? undefined : [...last, ...tail.last]
  }
  return { tail: { last, nullable }, index: i }
}

/**
 * The character class that every match of `pattern` must end with, as a class body (`.!?\u061F`),
 * or undefined when it cannot be worked out or the pattern may match the empty string.
 *
 * @param pattern - a JavaScript regex source (after ICU translation)
 * @internal
 */
export function lastCharacterClass(pattern: string): string | undefined {
  try {
    const { tail, index } = parseAlternatives(pattern, 0)
    if (index !== pattern.length || tail.nullable || tail.last === undefined || tail.last.length === 0) return undefined
    return [...new Set(tail.last)].join('')
  } catch (error) {
    if (error instanceof Unanalysable) return undefined
    throw error
  }
}
