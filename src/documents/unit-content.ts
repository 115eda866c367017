/**
 * Inline content of an aligned pair: the block content under the pair's text range, with each code given to
 * one sentence (an open leads: it goes to the first sentence that ends after it; a close or a standalone code
 * trails: it goes to the last sentence that starts before it), ends whose partner fell into another unit
 * marked isolated, and the ids of the two sides paired where the codes correspond.
 *
 * @module
 */
import type { InlineCode, InlineContent, Sentence } from '../types.js'
import type { DocumentBlock } from './blocks.js'

/** A sentence of a joined document: which block, and its offsets inside that block's text. @internal */
export interface BlockSentence extends Sentence {
  block: number
  blockStart: number
  blockEnd: number
}

/** The sentence of its block a code at `position` belongs to (index into `sentences`, which are one block's). */
function owner(code: InlineCode, position: number, sentences: readonly BlockSentence[]): number {
  if (code.kind === 'open' || code.kind === 'markStart') {
    const index = sentences.findIndex((sentence) => sentence.blockEnd > position)
    return index < 0 ? sentences.length - 1 : index
  }
  let index = -1
  for (let k = 0; k < sentences.length; k++) if (sentences[k]!.blockStart < position) index = k
  return index < 0 ? 0 : index
}

/**
 * The inline content of the sentences `first..last` (indexes into `sentences`, which hold each block's sentences
 * together and in block order, as alignFiles segments them), joined across blocks with the
 * separator text the joined document has between them, or undefined when it has no code.
 *
 * @internal
 */
export function pairContent(blocks: readonly DocumentBlock[], sentences: readonly BlockSentence[], first: number, last: number, separator: string): InlineContent | undefined {
  const content: InlineContent = []
  let hasCode = false
  const push = (item: string | InlineCode): void => {
    const previous = content[content.length - 1]
    if (typeof item === 'string' && typeof previous === 'string') content[content.length - 1] = previous + item
    else if (item !== '') content.push(item)
  }
  for (let k = first; k <= last; ) {
    const block = sentences[k]!.block
    let end = k
    while (end + 1 <= last && sentences[end + 1]!.block === block) end++
    // A block's sentences are contiguous (segmented block by block), so its span is found around k, not by
    // scanning every sentence of the document for each pair.
    let blockFirst = k
    while (blockFirst > 0 && sentences[blockFirst - 1]!.block === block) blockFirst--
    let blockLast = end
    while (blockLast + 1 < sentences.length && sentences[blockLast + 1]!.block === block) blockLast++
    const blockSentences = sentences.slice(blockFirst, blockLast + 1)
    const offset = k - blockFirst
    const from = sentences[k]!.blockStart
    const to = sentences[end]!.blockEnd
    if (k > first) push(separator)
    let position = 0
    for (const item of blocks[block]!.content) {
      if (typeof item === 'string') {
        const start = Math.max(position, from)
        const stop = Math.min(position + item.length, to)
        if (start < stop) push(item.slice(start - position, stop - position))
        position += item.length
        continue
      }
      const index = owner(item, position, blockSentences)
      if (index >= offset && index <= offset + (end - k)) {
        // Keyed by block, so ids of two blocks in one unit cannot collide.
        push({ ...item, id: `${block}:${item.id}` })
        hasCode = true
      }
    }
    k = end + 1
  }
  if (!hasCode) return undefined
  markIsolated(content)
  return content
}

/** Marks opens without their close in the content (and closes without their open) as isolated. */
function markIsolated(content: InlineContent): void {
  const opens = new Map<string, InlineCode>()
  for (const item of content) {
    if (typeof item === 'string') continue
    if (item.kind === 'open') opens.set(item.id, item)
    else if (item.kind === 'close') {
      if (opens.has(item.id)) opens.delete(item.id)
      else item.isolated = true
    }
  }
  for (const open of opens.values()) open.isolated = true
}

/** What a code is, for pairing across sides: its tag name and role (`b`, `a`, `footnote`, `br`, `img`...). */
function codeKey(code: InlineCode): string {
  const tag = /^<\/?([A-Za-z][\w:-]*)/.exec(code.data ?? '')?.[1] ?? code.data ?? ''
  return `${code.kind === 'standalone' ? 'ph' : 'pair'}:${tag.toLowerCase()}`
}

/**
 * Gives the codes of a unit's two sides their final ids: the source's are numbered 1, 2... in order; the k-th
 * target code of a kind (bold, italic, link, footnote reference...) takes the id of the k-th source code of that
 * kind, so a tool sees them as the same code; a target code with no counterpart gets an id of its own.
 *
 * @internal
 */
export function pairCodeIds(source: InlineContent | undefined, target: InlineContent | undefined): void {
  const sourceIds = new Map<string, string>()
  const byKey = new Map<string, string[]>()
  let next = 1
  for (const item of source ?? []) {
    if (typeof item === 'string') continue
    const known = sourceIds.get(item.id)
    if (known === undefined || item.isolated) {
      const id = String(next++)
      sourceIds.set(item.id, id)
      const key = codeKey(item)
      byKey.set(key, [...(byKey.get(key) ?? []), id])
      item.id = id
    } else item.id = known
  }
  const targetIds = new Map<string, string>()
  const used = new Map<string, number>()
  for (const item of target ?? []) {
    if (typeof item === 'string') continue
    const known = targetIds.get(item.id)
    if (known !== undefined && !item.isolated) {
      item.id = known
      continue
    }
    const key = codeKey(item)
    const count = used.get(key) ?? 0
    used.set(key, count + 1)
    const id = byKey.get(key)?.[count] ?? String(next++)
    targetIds.set(item.id, id)
    item.id = id
  }
}
