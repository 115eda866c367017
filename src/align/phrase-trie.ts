/**
 * Multi-word lexicon entries found in a document side by walking its sentences' word ids.
 *
 * A phrase entry's key is its words' lexical keys joined by spaces (`phraseKey` in anchors.ts). Finding the
 * phrases of a sentence by building the space-joined text of every n-gram and looking it up makes one string and
 * one hash of it per word and phrase length; with a general dictionary (FreeDict ara-eng has 25,000 entries of two
 * or three Arabic words, whose first words start an n-gram at most positions) that is most of the time spent
 * reading a document's lexicon anchors, and nearly all of it misses. This trie holds only the phrases whose every
 * word occurs on the side, keyed by the side's word ids, so a position whose word starts no such phrase costs one
 * array read and a phrase is followed by integer map look-ups.
 *
 * It answers exactly what the string look-up answers: a lexical key never contains a space (keys are made from
 * single word tokens, which hold letters, marks and digits only), so joining a run of keys with spaces gives a
 * phrase's key exactly when the run is, key by key, that key split at its spaces.
 *
 * @module
 * @internal
 */

interface PhraseNode {
  /** The phrase that ends here (its key), if one does. */
  phrase: string | undefined
  /** Longer phrases, by their next word id. */
  next: Map<number, PhraseNode> | undefined
}

/**
 * The multi-word phrases of a lexicon that can occur in one document side, by word id.
 *
 * @example
 * ```ts
 * const trie = new PhraseTrie(['كرة', 'القدم', 'لعب'], [['كرة', 'القدم'], ['كرة', 'السلة']])
 * trie.find(Int32Array.of(2, 0, 1), 1, 2) // 'كرة القدم'
 * trie.find(Int32Array.of(2, 0, 1), 0, 2) // undefined
 * ```
 * @internal
 */
export class PhraseTrie {
  /** 1 for a word id that starts some phrase of the trie. */
  private readonly starts: Uint8Array
  private readonly roots = new Map<number, PhraseNode>()

  /**
   * @param keys - the side's lexical keys, indexed by word id (distinct, as an interner makes them)
   * @param phrases - the words of each phrase key (its lexical keys, the key split at its spaces); single words and
   *   phrases with a word the side does not have are left out, since no run of the side's words can spell them
   */
  constructor(keys: readonly string[], phrases: Iterable<readonly string[]>) {
    this.starts = new Uint8Array(keys.length)
    const idOf = new Map<string, number>()
    keys.forEach((key, id) => idOf.set(key, id))
    const ids: number[] = []
    for (const pieces of phrases) {
      if (pieces.length < 2) continue
      ids.length = 0
      for (const piece of pieces) {
        const id = idOf.get(piece)
        if (id === undefined) break
        ids.push(id)
      }
      if (ids.length < pieces.length) continue
      let level = this.roots
      let node: PhraseNode | undefined
      for (const id of ids) {
        node = level.get(id)
        if (!node) level.set(id, (node = { phrase: undefined, next: undefined }))
        level = node.next ??= new Map()
      }
      node!.phrase = pieces.join(' ')
      this.starts[ids[0]!] = 1
    }
  }

  /**
   * The phrase spelled by the `length` words of `words` from `start`, or undefined when none is.
   *
   * @param words - a sentence's word ids (ids into the `keys` the trie was built with)
   * @param start - the first word's position
   * @param length - the number of words (2 or more)
   */
  find(words: Int32Array, start: number, length: number): string | undefined {
    if (start + length > words.length || this.starts[words[start]!] !== 1) return undefined
    let node = this.roots.get(words[start]!)
    for (let k = 1; k < length && node; k++) node = node.next?.get(words[start + k]!)
    return node?.phrase
  }
}
