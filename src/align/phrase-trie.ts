/**
 * Multi-word lexicon entries found in a sentence by walking its words' keys.
 *
 * A phrase entry's key is its words' lexical keys joined by spaces (`phraseKey` in anchors.ts). Finding the
 * phrases of a sentence by building the space-joined text of every n-gram and looking it up makes one string and
 * one hash of it per word and phrase length; with a general dictionary (FreeDict ara-eng has 25,000 entries of two
 * or three Arabic words, whose first words start an n-gram at most positions) that was most of the time spent
 * reading a document's lexicon anchors, and nearly all of it missed. The trie is built once per lexicon index
 * (so once per dictionary: the index is cached); per document side, {@link PhraseTrie.startsOf} finds the words
 * that start some phrase (and where they lead), so a position whose word starts none costs one array read, and a phrase is followed by
 * look-ups of the side's own (interned) key strings.
 *
 * It answers exactly what the string look-up answers: a lexical key never contains a space (keys are made from
 * single word tokens, which hold letters, marks and digits only), so joining a run of keys with spaces gives a
 * phrase's key exactly when the run is, key by key, that key split at its spaces.
 *
 * @module
 * @internal
 */

/** A node of the trie: where a run of words leads. @internal */
export interface PhraseNode {
  /** The phrase that ends here (its key), if one does. */
  phrase: string | undefined
  /** Longer phrases, by their next word's key. */
  next: Map<string, PhraseNode> | undefined
}

/**
 * The multi-word phrases of a lexicon, by their words' keys.
 *
 * @example
 * ```ts
 * const trie = new PhraseTrie([['كرة', 'القدم'], ['كرة', 'السلة']])
 * const keys = ['كرة', 'القدم', 'لعب'] // a side's lexical keys, by word id
 * const starts = trie.startsOf(keys)
 * trie.find(Int32Array.of(2, 0, 1), 1, 2, keys, starts) // 'كرة القدم'
 * trie.find(Int32Array.of(2, 0, 1), 0, 2, keys, starts) // undefined
 * ```
 * @internal
 */
export class PhraseTrie {
  private readonly roots = new Map<string, PhraseNode>()
  /** Whether the trie holds no phrase. */
  readonly empty: boolean

  /**
   * @param phrases - the words of each phrase key (its lexical keys: the key split at its spaces); single words
   *   are left out (they are no phrase)
   */
  constructor(phrases: Iterable<readonly string[]>) {
    let empty = true
    for (const words of phrases) {
      if (words.length < 2) continue
      let level = this.roots
      let node: PhraseNode | undefined
      for (let k = 0; k < words.length; k++) {
        node = level.get(words[k]!)
        if (!node) level.set(words[k]!, (node = { phrase: undefined, next: undefined }))
        if (k + 1 < words.length) level = node.next ??= new Map()
      }
      node!.phrase = words.join(' ')
      empty = false
    }
    this.empty = empty
  }

  /**
   * The first step of every phrase walk on a side, taken once per word id.
   *
   * @param keys - the side's lexical keys, by word id
   * @returns at each word id whose key starts a phrase of the trie, where that word leads, else undefined
   */
  startsOf(keys: readonly string[]): Array<PhraseNode | undefined> {
    return keys.map((key) => this.roots.get(key))
  }

  /**
   * The phrase spelled by the `length` words of `words` from `start`, or undefined when none is.
   *
   * @param words - a sentence's word ids
   * @param start - the first word's position
   * @param length - the number of words (2 or more)
   * @param keys - the side's lexical keys, by word id
   * @param starts - {@link PhraseTrie.startsOf} those keys
   */
  find(words: Int32Array, start: number, length: number, keys: readonly string[], starts: ReadonlyArray<PhraseNode | undefined>): string | undefined {
    if (start + length > words.length) return undefined
    let node = starts[words[start]!]
    for (let k = 1; k < length && node; k++) node = node.next?.get(keys[words[start + k]!]!)
    return node?.phrase
  }
}
