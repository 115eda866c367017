/**
 * The chunks a streaming reader holds while the token at its position (a text run, a tag, a comment, a whole
 * unit offered to the fast path) is incomplete, and the test that says when it may be complete.
 *
 * Why: the reader used to append every chunk to its buffer (`rest + chunk`) and search the incomplete token again
 * from its start. Both are linear in what is held, so a token of n characters fed in chunks of c characters cost
 * n²/c: one 16 MB unit in the 32 KiB slices of a file took 5.4 s, and 1 MB in 4-character chunks 175 s (issue #17).
 * Now each chunk is scanned once, on its own, for what the token waits for (its terminator, the end of a tag
 * outside quoted values, or a count of characters), and the held text and the chunks are joined once, when that
 * turns up or when the held text passes the size limit the reader enforces (the reader then reports it as before).
 * Every character is scanned here at most once plus the terminator's length, and joined at most twice.
 *
 * @module
 * @internal
 */

/** Nothing is waited for: the reader consumed its buffer. */
const NONE = 0
/** A literal terminator such as `<`, `-->` or `</unit>`. */
const LITERAL = 1
/** The `>` that ends a tag, outside quoted attribute values. */
const TAG_END = 2
/** A count of characters from the token's start. */
const LENGTH = 3

/**
 * What a streaming reader holds while a token is incomplete. The reader says what the token waits for with one
 * of the `waitFor` methods, hands over every later chunk with {@link PendingInput.add}, and joins them with
 * {@link PendingInput.take} once `add` says the token may be complete.
 *
 * @example
 * ```ts
 * const pending = new PendingInput()
 * pending.waitForLiteral('-->', '<!-- a', 4, 6, 1000)
 * pending.add(' comment -') // false: no "-->" yet
 * pending.add('-> <') // true: "-->" spans the two chunks
 * pending.take('<!-- a') // '<!-- a comment --> <'
 * ```
 * @internal
 */
export class PendingInput {
  private chunks: string[] = []
  private chars = 0
  private kind = NONE
  private literal = ''
  /** The last `literal.length - 1` characters searched, for a terminator cut between two chunks. */
  private tail = ''
  /** Inside a quoted value of the tag: the quote's character code; 0 outside. */
  private quote = 0
  private needed = 0
  private limit = Number.POSITIVE_INFINITY

  /** Whether a token is incomplete (chunks go to {@link PendingInput.add}, not straight to the buffer). */
  get waiting(): boolean {
    return this.kind !== NONE
  }

  /**
   * The token waits for `literal`, which `text` does not hold at or after `from` (`text` is the reader's buffer,
   * `held` the characters of it from the token's start). `limit`: most characters held before the reader must look.
   */
  waitForLiteral(literal: string, text: string, from: number, held: number, limit: number): void {
    this.kind = LITERAL
    this.literal = literal
    this.tail = literal.length === 1 ? '' : text.slice(Math.max(from, text.length - literal.length + 1))
    this.start(held, limit)
  }

  /** The tag whose `<` is at `start` in `text` is not closed yet: it waits for a `>` outside quoted values. */
  waitForTagEnd(text: string, start: number, limit: number): void {
    this.kind = TAG_END
    this.quote = 0
    this.scanTag(text, start + 1)
    this.start(text.length - start, limit)
  }

  /** The token waits until `needed` characters are held (a `<!` too short to tell a comment from a DOCTYPE). */
  waitForLength(needed: number, held: number): void {
    this.kind = LENGTH
    this.needed = needed
    this.start(held, Number.POSITIVE_INFINITY)
  }

  private start(held: number, limit: number): void {
    this.chunks = []
    this.chars = held
    this.limit = limit
  }

  /** Holds a chunk; true when the token may be complete now, or holds more than the limit: time to {@link PendingInput.take}. */
  add(chunk: string): boolean {
    this.chunks.push(chunk)
    this.chars += chunk.length
    readerWork.scanned += chunk.length
    if (this.chars > this.limit) return true
    switch (this.kind) {
      case LITERAL:
        return this.findLiteral(chunk)
      case TAG_END:
        return this.scanTag(chunk, 0)
      default:
        return this.chars >= this.needed
    }
  }

  /** `rest` (the reader's unread buffer) and the held chunks as one string; nothing is waited for afterwards. */
  take(rest: string): string {
    const chunks = this.chunks
    this.chunks = []
    this.kind = NONE
    this.tail = ''
    if (rest !== '') chunks.unshift(rest)
    const text = chunks.length === 1 ? chunks[0]! : chunks.join('')
    readerWork.joined += text.length
    return text
  }

  private findLiteral(chunk: string): boolean {
    const literal = this.literal
    if (chunk.includes(literal)) return true
    if (literal.length === 1) return false
    const keep = literal.length - 1
    // A terminator cut between chunks: the kept tail and the head of this chunk.
    const seam = this.tail + chunk.slice(0, keep)
    if (seam.includes(literal)) return true
    this.tail = chunk.length >= keep ? chunk.slice(chunk.length - keep) : seam.slice(Math.max(0, seam.length - keep))
    return false
  }

  /**
   * Scans `text` from `from` as the reader's findTagEnd does: a `>` outside quotes ends the tag, and `"` or `'`
   * opens a value that only the same quote closes. True when the tag ends.
   */
  private scanTag(text: string, from: number): boolean {
    let quote = this.quote
    for (let index = from; index < text.length; index++) {
      const code = text.charCodeAt(index)
      if (quote !== 0) {
        if (code === quote) quote = 0
      } else if (code === 62 /* > */) {
        return true
      } else if (code === 34 /* " */ || code === 39 /* ' */) {
        quote = code
      }
    }
    this.quote = quote
    return false
  }
}

/**
 * Characters the streaming reader handled, for tests that bound its work (the reader's cost is linear in these):
 * `scanned` by {@link PendingInput.add} while a token waited, `joined` into a new buffer, and `offered` to the
 * tokenizer from the start of a buffer or from where it last stopped. Counts only grow; a test reads the
 * difference.
 *
 * @example
 * ```ts
 * const before = readerWork.scanned + readerWork.joined + readerWork.offered
 * for await (const _ of readXliff(chunks)) {}
 * const work = readerWork.scanned + readerWork.joined + readerWork.offered - before // a few times the input
 * ```
 * @internal
 */
export const readerWork = { scanned: 0, joined: 0, offered: 0 }
