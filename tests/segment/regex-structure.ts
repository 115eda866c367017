/**
 * A structural check for regular expressions that a backtracking engine (V8's Irregexp, ICU, Java) can run in
 * super-linear time. It finds the shape behind almost every real case (Davis et al. 2018, "The impact of regular
 * expression denial of service (ReDoS) in practice", Weideman et al. 2016, "Analyzing matching time behavior of
 * backtracking regular expression matchers by using ambiguity of NFA"): an unbounded repeat `X*` or `X+`
 * followed, with only optional items or characters that `X` also matches in between, by another variable-length
 * item that can read a character `X` can read. Then a run of such characters splits between the two in many
 * ways, and a failing match tries them all: `\s*\s*` is quadratic, `[marks]*\s+[marks]*` over a run of U+FEFF
 * (both a mark and a space) is cubic, `(a+)+` is exponential.
 *
 * Alternatives that overlap (`(?:a|a)*`) are not checked; the segmentation rules use tries for their word
 * lists, whose alternatives start with distinct characters. Bounded repeats (`X{0,8}`) are not flagged: they can
 * multiply the work by their bound, never by the length of the text.
 *
 * A test helper, not part of the library.
 */

type Item =
  | { kind: 'set'; source: string; min: number; max: number; at: number }
  | { kind: 'group'; alternatives: Item[][]; look: boolean; min: number; max: number; at: number }
  | { kind: 'anchor'; at: number }

/** A problem found in a pattern: the offset of the second repeat and what it overlaps. */
export interface AmbiguityFinding {
  at: number
  message: string
}

class Parser {
  private index = 0
  constructor(private readonly source: string) {}

  parse(): Item[][] {
    const alternatives = this.alternatives()
    if (this.index !== this.source.length) throw new Error(`unbalanced ")" at ${this.index} in ${this.source}`)
    return alternatives
  }

  private alternatives(): Item[][] {
    const alternatives: Item[][] = [[]]
    while (this.index < this.source.length && this.source[this.index] !== ')') {
      if (this.source[this.index] === '|') {
        this.index++
        alternatives.push([])
        continue
      }
      alternatives[alternatives.length - 1]!.push(this.item())
    }
    return alternatives
  }

  private item(): Item {
    const at = this.index
    const rest = this.source.slice(this.index)
    let base: { kind: 'set'; source: string } | { kind: 'group'; alternatives: Item[][]; look: boolean } | { kind: 'anchor' }
    if (rest[0] === '(') {
      const open = /^\((?:\?(?::|=|!|<=|<!|<[A-Za-z_]\w*>))?/.exec(rest)![0]
      this.index += open.length
      const alternatives = this.alternatives()
      if (this.source[this.index] !== ')') throw new Error(`unclosed group at ${at} in ${this.source}`)
      this.index++
      base = { kind: 'group', alternatives, look: /^\(\?(?:=|!|<=|<!)/.test(open) }
    } else if (rest[0] === '[') {
      let end = 1
      if (rest[end] === '^') end++
      if (rest[end] === ']') end++
      while (end < rest.length && rest[end] !== ']') end += rest[end] === '\\' ? 2 : 1
      base = { kind: 'set', source: rest.slice(0, end + 1) }
      this.index += end + 1
    } else if (rest[0] === '\\') {
      const escape = /^\\(?:[pP]\{[^}]*\}|u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|c[A-Za-z]|k<[^>]*>|[1-9]\d*|[^])/u.exec(rest)![0]
      this.index += escape.length
      // a back-reference can match anything: the conservative reading
      base = /^\\[bB]$/.test(escape) ? { kind: 'anchor' } : { kind: 'set', source: /^\\(?:[1-9]|k<)/.test(escape) ? '[^]' : escape }
    } else if (rest[0] === '^' || rest[0] === '$') {
      this.index++
      base = { kind: 'anchor' }
    } else {
      const literal = String.fromCodePoint(rest.codePointAt(0)!)
      this.index += literal.length
      base = { kind: 'set', source: literal === '.' ? '.' : literal.replace(/[\\^$*+?()[\]{}|/]/g, '\\$&') }
    }
    if (base.kind === 'anchor') return { kind: 'anchor', at }
    const quantifier = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/.exec(this.source.slice(this.index))
    let min = 1
    let max = 1
    if (quantifier) {
      this.index += quantifier[0].length
      if (quantifier[1] === '*') [min, max] = [0, Infinity]
      else if (quantifier[1] === '+') [min, max] = [1, Infinity]
      else if (quantifier[1] === '?') [min, max] = [0, 1]
      else {
        min = Number(quantifier[2])
        max = quantifier[3] === undefined ? min : quantifier[4] === '' ? Infinity : Number(quantifier[4])
      }
    }
    return { ...base, min, max, at }
  }
}

/** Every BMP character except lone surrogates, once, so a class can be evaluated with one global scan. */
let everyCharacter: string | undefined
const setCache = new Map<string, Uint8Array>()

/** The BMP characters a one-character pattern matches, as a 0/1 table. */
function characterSet(source: string, ignoreCase: boolean): Uint8Array {
  const key = `${ignoreCase ? 'i' : '-'}${source}`
  let set = setCache.get(key)
  if (set) return set
  everyCharacter ??= Array.from({ length: 0x10000 }, (_, code) => (code >= 0xd800 && code <= 0xdfff ? ' ' : String.fromCharCode(code))).join('')
  set = new Uint8Array(0x10000)
  for (const match of everyCharacter.matchAll(new RegExp(source, ignoreCase ? 'gui' : 'gu'))) set[match.index] = 1
  setCache.set(key, set)
  return set
}

function sharedCharacter(a: Uint8Array, b: Uint8Array): number {
  for (let code = 0; code < a.length; code++) if (a[code] === 1 && b[code] === 1) return code
  return -1
}

function isNullable(item: Item): boolean {
  if (item.kind === 'anchor') return true
  if (item.min === 0) return true
  if (item.kind === 'set') return false
  return item.look || item.alternatives.some((alternative) => alternative.every(isNullable))
}

interface OpenRepeat {
  set: Uint8Array
  source: string
  at: number
}

/**
 * Walks a sequence with the unbounded repeats still "open" before it (able to read the next character), and
 * reports each variable-length item that can read a character an open repeat can read.
 */
function walk(sequence: readonly Item[], openBefore: readonly OpenRepeat[], ignoreCase: boolean, findings: AmbiguityFinding[]): OpenRepeat[] {
  let open = [...openBefore]
  for (const item of sequence) {
    if (item.kind === 'anchor') continue
    if (item.kind === 'group' && item.look) {
      // a look-around is matched on its own; it neither extends nor closes the repeats around it
      for (const alternative of item.alternatives) walk(alternative, [], ignoreCase, findings)
      continue
    }
    if (item.kind === 'set') {
      const set = characterSet(item.source, ignoreCase)
      if (item.min !== item.max) {
        for (const repeat of open) {
          const code = sharedCharacter(repeat.set, set)
          if (code >= 0) {
            findings.push({ at: item.at, message: `${item.source} at ${item.at} can read U+${code.toString(16).toUpperCase().padStart(4, '0')} that the repeat ${repeat.source} at ${repeat.at} can also read` })
          }
        }
      }
      const opened = item.max === Infinity ? [{ set, source: item.source, at: item.at }] : []
      // a repeat stays open across a character it can also read ("\s*" then " ": the run may end on either side)
      const survivors = item.min === 0 ? open : open.filter((repeat) => sharedCharacter(repeat.set, set) >= 0)
      open = [...survivors, ...opened]
      continue
    }
    // a group: walk each alternative; a repeated group twice, so one iteration meets the next
    let inside = open
    for (let iteration = 0; iteration < (item.max > 1 ? 2 : 1); iteration++) {
      inside = item.alternatives.flatMap((alternative) => walk(alternative, inside, ignoreCase, findings))
    }
    open = isNullable(item) ? [...open, ...inside] : inside
    open = open.filter((repeat, index) => open.findIndex((other) => other.at === repeat.at && other.source === repeat.source) === index)
  }
  return open
}

/**
 * The ambiguous repeats of a JavaScript regular-expression source (`u` mode), or `[]` when it has none.
 *
 * @param source - the pattern, as `new RegExp(source, 'u')` takes it
 * @param ignoreCase - whether it is compiled with the `i` flag
 */
export function findAmbiguousRepeats(source: string, ignoreCase = false): AmbiguityFinding[] {
  const findings: AmbiguityFinding[] = []
  for (const alternative of new Parser(source).parse()) walk(alternative, [], ignoreCase, findings)
  const seen = new Set<string>()
  return findings.filter((finding) => !seen.has(finding.message) && seen.add(finding.message))
}
