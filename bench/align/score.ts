/**
 * Alignment scoring as Vecalign (Thompson & Koehn 2019) and Bertalign (Liu & Zhu 2022) report it: strict and lax
 * precision, recall and F1 over beads, with counts summed over all documents before dividing.
 *
 * - Strict: a test bead counts only if the gold has exactly the same bead.
 * - Lax: a test bead counts if some gold bead shares a source sentence with it and also a target sentence.
 * - Precision is over the test beads (deletions included); recall is over the gold beads, with beads that are
 *   empty on one side left out of both, as in Vecalign's scorer.
 * Written here from that definition.
 */

/** A bead as index lists. */
export type Pair = readonly [readonly number[], readonly number[]]

/** Counts: [strict hits, strict misses, lax hits, lax misses] of `test` against `gold`. */
function hits(gold: readonly Pair[], test: readonly Pair[]): [number, number, number, number] {
  const key = (pair: Pair) => `${pair[0].join(',')}:${pair[1].join(',')}`
  const goldKeys = new Set(gold.filter((p) => p[0].length + p[1].length > 0).map(key))
  const goldTargetsOf = new Map<number, Set<number>>()
  for (const [s, t] of gold) {
    for (const i of s) {
      let set = goldTargetsOf.get(i)
      if (!set) goldTargetsOf.set(i, (set = new Set()))
      for (const j of t) set.add(j)
    }
  }
  let strictHit = 0
  let strictMiss = 0
  let laxHit = 0
  let laxMiss = 0
  const seen = new Set<string>()
  for (const pair of test) {
    if (pair[0].length + pair[1].length === 0) continue
    const k = key(pair)
    if (seen.has(k)) continue
    seen.add(k)
    if (goldKeys.has(k)) {
      strictHit++
      laxHit++
      continue
    }
    strictMiss++
    const linked = new Set<number>()
    for (const i of pair[0]) for (const j of goldTargetsOf.get(i) ?? []) linked.add(j)
    if (pair[1].some((j) => linked.has(j))) laxHit++
    else laxMiss++
  }
  return [strictHit, strictMiss, laxHit, laxMiss]
}

/** Accumulates counts over documents. */
export class Scorer {
  private readonly precision = [0, 0, 0, 0]
  private readonly recall = [0, 0, 0, 0]

  add(gold: readonly Pair[], test: readonly Pair[]): void {
    const p = hits(gold, test)
    const noDeletions = (list: readonly Pair[]) => list.filter((pair) => pair[0].length > 0 && pair[1].length > 0)
    const r = hits(noDeletions(test), noDeletions(gold))
    for (let k = 0; k < 4; k++) {
      this.precision[k]! += p[k]!
      this.recall[k]! += r[k]!
    }
  }

  result(): { strict: { p: number; r: number; f1: number }; lax: { p: number; r: number; f1: number } } {
    const f = (hit: number, miss: number) => (hit + miss === 0 ? 0 : hit / (hit + miss))
    const one = (p: number, r: number) => ({ p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) })
    return {
      strict: one(f(this.precision[0]!, this.precision[1]!), f(this.recall[0]!, this.recall[1]!)),
      lax: one(f(this.precision[2]!, this.precision[3]!), f(this.recall[2]!, this.recall[3]!)),
    }
  }
}

/**
 * Merges the test beads that lie inside one gold bead, so a test alignment finer than the gold (which happens when
 * a 1-1 line gold is projected onto sentences: a two-sentence line on both sides is one 2-2 gold bead, and a
 * correct 1-1 + 1-1 answer would count as two errors) is scored at the gold's granularity. Beads that cross gold
 * beads are left as they are, so every real error still counts. Used for Flores-200 and NTREX-128, whose gold is
 * line-level; the corpus and Text+Berg gold is sentence-level and is scored as is.
 */
export function coarsen(gold: readonly Pair[], test: readonly Pair[]): Pair[] {
  const sourceGold = new Map<number, number>()
  const targetGold = new Map<number, number>()
  gold.forEach(([s, t], g) => {
    for (const i of s) sourceGold.set(i, g)
    for (const j of t) targetGold.set(j, g)
  })
  const merged = new Map<number, [number[], number[]]>()
  const out: Array<Pair | number> = []
  for (const bead of test) {
    const ids = new Set<number | undefined>([...bead[0].map((i) => sourceGold.get(i)), ...bead[1].map((j) => targetGold.get(j))])
    const only = ids.size === 1 ? [...ids][0] : undefined
    if (only === undefined) {
      out.push(bead)
      continue
    }
    let group = merged.get(only)
    if (!group) {
      merged.set(only, (group = [[], []]))
      out.push(only)
    }
    group[0].push(...bead[0])
    group[1].push(...bead[1])
  }
  return out.map((item) => (typeof item === 'number' ? ([merged.get(item)![0].sort((a, b) => a - b), merged.get(item)![1].sort((a, b) => a - b)] as Pair) : item))
}
