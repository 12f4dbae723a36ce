/**
 * Chemical class ids that people can rely on: deterministic numbering of a fresh clustering, and ids that
 * survive a re-clustering when a class's membership barely changes.
 *
 * Matching rule of `stableClassIds` ('jaccard-shared-samples', the rule of class runs since schema 5): classes are
 * compared on the samples both runs hold, S = samples of the previous run still present in the new one. A new class
 * B keeps the id of the previous class A with which the Jaccard index |A ∩ B'| / |A ∪ B'| exceeds `minJaccard`
 * (default 0.5), where A is the previous class restricted to S (deleting samples does not break a class) and
 * B' = B ∩ S. Samples the previous run never saw do not count: a class that only gained new samples keeps its id
 * (class 8 of 5 samples joined by 16 new ones is still class 8, the alert "new samples link to class 8"), and a
 * class made only of new samples (B' empty) gets a fresh id.
 *
 * Why the result does not depend on order above 0.5: the restricted previous classes partition S, and so do the
 * B'. Jaccard > 0.5 means |A ∩ B'| > |A ∪ B'| / 2 ≥ max(|A|, |B'|) / 2, so A ∩ B' holds more than half of A and
 * more than half of B'; two disjoint parts cannot both hold more than half of one set, so each class matches at
 * most one on the other side. Hence a split keeps the id on the part holding more than half of the earlier
 * members (unless earlier samples of other classes joined that part and bring the index to 0.5 or below); a merge
 * of two equal classes (Jaccard 0.5 each) keeps neither id: both are retired and the merged class gets a fresh one. For thresholds
 * below 0.5, pairs are matched greedily by Jaccard (desc), then previous id (asc), then new class order.
 *
 * The earlier rule ('jaccard-all-members', class runs of schema 4 and before, still available for what reads
 * them) took B' = B, the whole new class: there new samples counted against the match, so a class of 5 joined by
 * 16 new samples (Jaccard 5/21) lost its id.
 *
 * Unmatched new classes get fresh ids from `nextId` upward, so an id that was ever issued is never reused
 * (persist the returned `nextId`).
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
  /** Per retired id (same order): the new class ids now holding its remaining samples, ascending (empty when emptied). */
  readonly retiredInto: number[][];
}

/** The Jaccard index a class must exceed to keep its previous id (module doc: above 0.5 a class matches at most one). */
export const DEFAULT_MIN_JACCARD = 0.5;

/** Which samples the Jaccard index counts (module doc): those both runs hold, or all of the new class's (schema ≤ 4). */
export const CLASS_ID_RULES = ['jaccard-shared-samples', 'jaccard-all-members'] as const;
export type ClassIdRule = (typeof CLASS_ID_RULES)[number];

/** The rule new class runs use (module doc). */
export const DEFAULT_CLASS_ID_RULE: ClassIdRule = 'jaccard-shared-samples';

export interface StableClassIdsOptions {
  /** Jaccard index a class must exceed to keep its id; default 0.5. */
  readonly minJaccard?: number;
  /** Default 'jaccard-shared-samples' (module doc). */
  readonly rule?: ClassIdRule;
  /** First fresh id; default max(previous ids) + 1 (or 1). */
  readonly nextId?: number;
}

/**
 * Carries class ids from a previous clustering (sample → class id) to a new one (sample → any label), by the
 * Jaccard rule in the module doc (default > 0.5 over the samples both runs hold). O(n + pairs of overlapping classes · log).
 */
export function stableClassIds(
  previous: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
  options: StableClassIdsOptions = {},
): StableClassIds {
  const minJaccard = options.minJaccard ?? DEFAULT_MIN_JACCARD;
  const shared = (options.rule ?? DEFAULT_CLASS_ID_RULE) === 'jaccard-shared-samples';
  const newMembers = new Map<number, number>();
  /** |B'|: members the Jaccard index counts (module doc). */
  const counted = new Map<number, number>();
  const newFirst = new Map<number, number>();
  let pos = 0;
  for (const [sample, label] of current) {
    newMembers.set(label, (newMembers.get(label) ?? 0) + 1);
    if (!shared || previous.has(sample)) counted.set(label, (counted.get(label) ?? 0) + 1);
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
    const union = (oldMembers.get(old) ?? 0) + (counted.get(label) ?? 0) - inter;
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
  const into = new Map<number, Set<number>>();
  for (const key of overlap.keys()) {
    const sep = key.indexOf('\u0000');
    const old = Number(key.slice(0, sep));
    const set = into.get(old) ?? new Set<number>();
    set.add(idOf.get(Number(key.slice(sep + 1))) ?? 0);
    into.set(old, set);
  }
  const retiredInto = retired.map((id) => [...(into.get(id) ?? [])].sort((a, b) => a - b));
  return { classIds, nextId, matches, retired, retiredInto };
}
