/**
 * Chemical class ids that people can rely on: deterministic numbering of a fresh clustering, and ids that
 * survive a re-clustering when a class's membership barely changes.
 *
 * Matching rule of `stableClassIds`: a new class keeps the id of the previous class with which its Jaccard index
 * |A ∩ B| / |A ∪ B| exceeds `minJaccard` (default 0.5), where A is the previous class restricted to samples still
 * present (so deleting samples does not break a class) and B the new class. Above 0.5 a class can match at most
 * one class on the other side, so the result does not depend on processing order; for lower thresholds pairs are
 * matched greedily by Jaccard (desc), then previous id (asc), then new class order. A split keeps the id on the
 * larger-overlap part; a merge keeps the id of the matching part. Unmatched new classes get fresh ids from
 * `nextId` upward, so an id that was ever issued is never reused (persist the returned `nextId`).
 */

/**
 * Renumbers labels into class ids 1…k by class size (desc), then by first member's position (asc). O(n log n).
 */
export function numberClasses(labels: ArrayLike<number>): Int32Array {
  const n = labels.length;
  const size = new Map<number, number>();
  const first = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    size.set(l, (size.get(l) ?? 0) + 1);
    if (!first.has(l)) first.set(l, i);
  }
  const order = [...size.keys()].sort((a, b) => (size.get(b) ?? 0) - (size.get(a) ?? 0) || (first.get(a) ?? 0) - (first.get(b) ?? 0));
  const id = new Map<number, number>();
  order.forEach((l, k) => id.set(l, k + 1));
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = id.get(labels[i]) ?? 0;
  return out;
}

/** One new class and where its id came from. */
export interface ClassMatch {
  readonly classId: number;
  /** The previous class whose id was kept, or null for a new class. */
  readonly previousClassId: number | null;
  /** Jaccard index with that previous class (0 for new classes). */
  readonly jaccard: number;
  readonly size: number;
}

export interface StableClassIds {
  /** Sample id → class id. */
  readonly classIds: Map<string, number>;
  /** First id never issued yet; pass it back next time. */
  readonly nextId: number;
  readonly matches: ClassMatch[];
  /** Previous class ids that no longer exist (merged away, split below the threshold, or emptied). */
  readonly retired: number[];
}

/** The Jaccard index a class must exceed to keep its previous id (module doc: above 0.5 a class matches at most one). */
export const DEFAULT_MIN_JACCARD = 0.5;

export interface StableClassIdsOptions {
  /** Jaccard index a class must exceed to keep its id; default 0.5. */
  readonly minJaccard?: number;
  /** First fresh id; default max(previous ids) + 1 (or 1). */
  readonly nextId?: number;
}

/**
 * Carries class ids from a previous clustering (sample → class id) to a new one (sample → any label), by the
 * Jaccard rule in the module doc (default > 0.5). O(n + pairs of overlapping classes · log).
 */
export function stableClassIds(
  previous: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
  options: StableClassIdsOptions = {},
): StableClassIds {
  const minJaccard = options.minJaccard ?? DEFAULT_MIN_JACCARD;
  const newMembers = new Map<number, number>();
  const newFirst = new Map<number, number>();
  let pos = 0;
  for (const label of current.values()) {
    newMembers.set(label, (newMembers.get(label) ?? 0) + 1);
    if (!newFirst.has(label)) newFirst.set(label, pos);
    pos++;
  }
  const oldMembers = new Map<number, number>();
  const overlap = new Map<string, number>();
  let maxOld = 0;
  for (const id of previous.values()) if (id > maxOld) maxOld = id;
  for (const [sample, label] of current) {
    const old = previous.get(sample);
    if (old === undefined) continue;
    oldMembers.set(old, (oldMembers.get(old) ?? 0) + 1);
    const key = `${old}\u0000${label}`;
    overlap.set(key, (overlap.get(key) ?? 0) + 1);
  }
  const candidates: { old: number; label: number; jaccard: number }[] = [];
  for (const [key, inter] of overlap) {
    const sep = key.indexOf('\u0000');
    const old = Number(key.slice(0, sep));
    const label = Number(key.slice(sep + 1));
    const union = (oldMembers.get(old) ?? 0) + (newMembers.get(label) ?? 0) - inter;
    const jaccard = inter / union;
    if (jaccard > minJaccard) candidates.push({ old, label, jaccard });
  }
  candidates.sort((a, b) => b.jaccard - a.jaccard || a.old - b.old || (newFirst.get(a.label) ?? 0) - (newFirst.get(b.label) ?? 0));
  const idOf = new Map<number, number>();
  const jaccardOf = new Map<number, number>();
  const usedOld = new Set<number>();
  for (const c of candidates) {
    if (idOf.has(c.label) || usedOld.has(c.old)) continue;
    idOf.set(c.label, c.old);
    jaccardOf.set(c.label, c.jaccard);
    usedOld.add(c.old);
  }
  let nextId = Math.max(options.nextId ?? 1, maxOld + 1);
  const fresh = [...newMembers.keys()]
    .filter((l) => !idOf.has(l))
    .sort((a, b) => (newMembers.get(b) ?? 0) - (newMembers.get(a) ?? 0) || (newFirst.get(a) ?? 0) - (newFirst.get(b) ?? 0));
  for (const l of fresh) idOf.set(l, nextId++);
  const classIds = new Map<string, number>();
  for (const [sample, label] of current) classIds.set(sample, idOf.get(label) ?? 0);
  const matches: ClassMatch[] = [...newMembers.keys()]
    .sort((a, b) => (idOf.get(a) ?? 0) - (idOf.get(b) ?? 0))
    .map((l) => {
      const kept = usedOld.has(idOf.get(l) ?? -1) && jaccardOf.has(l);
      return {
        classId: idOf.get(l) ?? 0,
        previousClassId: kept ? (idOf.get(l) ?? null) : null,
        jaccard: jaccardOf.get(l) ?? 0,
        size: newMembers.get(l) ?? 0,
      };
    });
  const retired = [...new Set(previous.values())].filter((id) => !usedOld.has(id)).sort((a, b) => a - b);
  return { classIds, nextId, matches, retired };
}
