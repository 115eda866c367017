/**
 * The shared posting-list pieces of the SQL backends (src/storage/sql/postings.ts): hit counting over blocks,
 * also over several blocks joined by a zero byte (as PostgreSQL sends a list), and the hit bounds.
 */
import { describe, expect, it } from 'vitest'
import { encodePostings } from '../../src/storage/sql/blocks.js'
import { hitBounds, HitCounter, withoutSeq } from '../../src/storage/sql/postings.js'
import { prefixEnd } from '../../src/storage/sql/plan.js'
import { minOverlap, prefixCount } from '../../src/tm/score.js'

/** The counter's contents as `seq:hits:length` strings, sorted. */
function contents(hits: HitCounter): string[] {
  const out: string[] = []
  hits.forEach((seq, count, length) => out.push(`${seq}:${count}:${length}`))
  return out.sort()
}

describe('HitCounter', () => {
  // Seqs with multi-byte deltas (300 → 70,000) and multiplicities above 1, so varint continuation bytes occur.
  const a = { seqs: [5, 6, 300, 70_000], counts: [1, 2, 1, 3] }
  const b = { seqs: [2, 128, 16_384, 2_000_000], counts: [4, 1, 1, 2] }

  it('counts several blocks joined by a zero byte exactly as the blocks one by one', () => {
    const separate = new HitCounter()
    separate.reset(0)
    separate.addBlock(encodePostings(a.seqs, a.counts, 0), 2, 7, true)
    separate.addBlock(encodePostings(b.seqs, b.counts, 0), 2, 7, true)
    const joined = new HitCounter()
    joined.reset(0)
    joined.addBlock(Buffer.concat([encodePostings(a.seqs, a.counts, 0), Buffer.from([0]), encodePostings(b.seqs, b.counts, 0)]), 2, 7, true)
    expect(contents(joined)).toEqual(contents(separate))
    // A unit holding the token once earns one hit even when the query holds it twice; twice or more earns two.
    expect(contents(joined)).toEqual(['128:1:7', '16384:1:7', '2:2:7', '2000000:2:7', '300:1:7', '5:1:7', '6:2:7', '70000:2:7'].sort())
  })

  it('adds only units already counted when not open, and starts afresh after reset', () => {
    const hits = new HitCounter()
    hits.reset(10)
    hits.addBlock(encodePostings([3, 4], [1, 1], 0), 1, 5, true)
    hits.addBlock(encodePostings([4, 9], [1, 1], 0), 1, 5, false)
    expect(contents(hits)).toEqual(['3:1:5', '4:2:5'])
    hits.reset(10)
    expect(contents(hits)).toEqual([])
  })

  it('drops one seq from a block with withoutSeq, and says when the block does not hold it', () => {
    expect(withoutSeq(encodePostings(a.seqs, a.counts, 0), 300)).toEqual({ seqs: [5, 6, 70_000], counts: [1, 2, 3] })
    expect(withoutSeq(encodePostings(a.seqs, a.counts, 0), 301)).toBeUndefined()
  })
})

describe('hitBounds', () => {
  it('is minOverlap per length less the occurrences not read', () => {
    expect(hitBounds(10, 0.7, 8, 12, 3)).toEqual([8, 9, 10, 11, 12].map((length) => minOverlap(10, length, 0.7) - 3))
  })
})

describe('prefixEnd', () => {
  it('is the last length of the window whose prefix count is above the occurrences before the list', () => {
    // |q| = 29, m = 0.7: the window is 21..41; the prefix is 9 occurrences up to length 29, then shrinks to 1.
    for (let before = 0; before <= 10; before++) {
      const end = prefixEnd(29, 0.7, 21, 41, before)
      for (let length = 21; length <= 41; length++) {
        expect(length <= end).toBe(Math.min(29, prefixCount(29, length, 0.7)) > before)
      }
    }
    expect(prefixEnd(29, 0.7, 21, 41, 0)).toBe(41)
    expect(prefixEnd(29, 0.7, 21, 41, 9)).toBe(20) // past the largest prefix: at no length
  })
})
