/**
 * Intersection of posting lists for concordance word forms, shared by the memory, SQLite and PostgreSQL backends
 * (so the SQL backends need not import the in-process one).
 *
 * @module
 */

/**
 * The ids present in every list (each list may repeat an id), smallest list first. Used for word-form groups:
 * each list is the union of one group's postings.
 *
 * @internal
 */
export function intersectGroups(lists: ReadonlyArray<readonly number[]>): number[] {
  if (lists.length === 0) return []
  const sorted = [...lists].sort((a, b) => a.length - b.length)
  let kept = new Set(sorted[0])
  for (const list of sorted.slice(1)) {
    if (kept.size === 0) break
    const here = new Set(list)
    kept = new Set([...kept].filter((id) => here.has(id)))
  }
  return [...kept].sort((a, b) => a - b)
}
