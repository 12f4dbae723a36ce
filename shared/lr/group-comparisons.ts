/**
 * Sample-against-group comparisons, the data of the group-level LR system (group-lr.ts). The group score of a
 * sample x against a group G of samples is the median of the pair distances d(x, g), g ∈ G: a defined statistic
 * of the pairwise scores, robust to a stray member, and never a product of pair LRs (the pairs share x and are not
 * independent). Its LR is calibrated and validated on comparisons of known status drawn from the calibration's own
 * groups: Hp, a sample against the other members of its linked group (its seizure, or its source); Hd, a sample
 * against a group all of whose members are unlinked from it, cut to the size of its own rest so that both
 * propositions see the same group sizes. Groups are capped at 50 members and the questioned samples at 2,000 by a
 * seeded sample.
 */
import type { PairDistance } from '../profiling/censored-distance';
import type { PreparedRows } from '../profiling/scores';
import { rowDistance } from '../profiling/scores';
import { mulberry32, type Rng } from '../profiling/util/rng';
import { throwIfAborted } from '../profiling/util/abort';

export interface GroupComparisonSettings {
  /** Questioned samples drawn (seeded) when more have a group of two or more; default 2,000. */
  readonly maxQuestioned: number;
  /** Members of a group a sample is compared with (seeded sample beyond it); default 50. */
  readonly maxMembers: number;
  /** Hd groups per questioned sample; default 5. */
  readonly hdPerSample: number;
  /** Seed; default 1. */
  readonly seed: number;
}

export const GROUP_COMPARISON_DEFAULTS: GroupComparisonSettings = { maxQuestioned: 2000, maxMembers: 50, hdPerSample: 5, seed: 1 };

export interface GroupComparisons {
  /** Median pair distance of each comparison. */
  readonly distance: Float64Array;
  /** 1 = Hp (own group), 0 = Hd. */
  readonly label: Uint8Array;
  /** Linked-group code of the questioned sample and of the group compared with. */
  readonly groupA: Int32Array;
  readonly groupB: Int32Array;
  /** Members in the group compared with. */
  readonly size: Uint16Array;
}

/** Median of the first `m` values of `buf` (sorted in place). */
function medianOf(buf: Float64Array, m: number): number {
  const s = buf.subarray(0, m).sort();
  const h = m >> 1;
  return m % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Up to `k` members of `list` without `skip`, a seeded sample when there are more. */
function pick(list: readonly number[], k: number, skip: number, rng: Rng): number[] {
  const pool = list.filter((v) => v !== skip);
  if (pool.length <= k) return pool;
  for (let i = 0; i < k; i++) {
    const j = i + rng.nextInt(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k);
}

/**
 * How samples are compared: prepared rows (their row distance) or a pair function (the calibration's pair comparison,
 * e.g. censored: shared/profiling/pair-comparison.ts).
 */
export type Comparer = PreparedRows | PairDistance;

/** The pair function of a comparer. */
export function pairDistance(c: Comparer): PairDistance {
  return typeof c === 'function' ? c : (i, j) => rowDistance(c, i, j);
}

/** Median distance of sample x to the samples `to`. O(|to| · p). */
export function groupScore(compare: Comparer, x: number, to: readonly number[], buf = new Float64Array(to.length)): number {
  const d = pairDistance(compare);
  for (let k = 0; k < to.length; k++) buf[k] = to[k] === x ? 0 : d(x, to[k]);
  return medianOf(buf, to.length);
}

/**
 * Draws the comparisons (samples compared by `compare`) from the linked-group code of each row (`linked`, −1 = in no linked group) and the
 * population's test of an unlinked pair (`unlinkedPair`). O(q · (1 + hdPerSample) · (maxMembers · p + |H|)) for q
 * questioned samples.
 */
export function groupComparisons(
  compare: Comparer,
  linked: Int32Array,
  unlinkedPair: (i: number, j: number) => boolean,
  settings: Partial<GroupComparisonSettings> = {},
  signal?: AbortSignal,
): GroupComparisons {
  const s = { ...GROUP_COMPARISON_DEFAULTS, ...settings };
  const d = pairDistance(compare);
  const rng = mulberry32(s.seed);
  const members = new Map<number, number[]>();
  for (let i = 0; i < linked.length; i++) {
    if (linked[i] < 0) continue;
    let m = members.get(linked[i]);
    if (!m) members.set(linked[i], (m = []));
    m.push(i);
  }
  const groups = [...members.keys()].sort((a, b) => a - b);
  let questioned = groups.flatMap((g) => (members.get(g)!.length >= 2 ? members.get(g)! : []));
  if (questioned.length > s.maxQuestioned) questioned = pick(questioned, s.maxQuestioned, -1, rng).sort((a, b) => a - b);
  const distance: number[] = [];
  const label: number[] = [];
  const groupA: number[] = [];
  const groupB: number[] = [];
  const size: number[] = [];
  const buf = new Float64Array(s.maxMembers);
  questioned.forEach((x, q) => {
    if (q % 64 === 0) throwIfAborted(signal);
    const g = linked[x];
    const rest = pick(members.get(g)!, s.maxMembers, x, rng);
    distance.push(groupScore(d, x, rest, buf));
    label.push(1);
    groupA.push(g);
    groupB.push(g);
    size.push(rest.length);
    let found = 0;
    const chosen = new Set<number>();
    for (let attempt = 0; attempt < 20 * s.hdPerSample && found < s.hdPerSample && groups.length > 1; attempt++) {
      const h = groups[rng.nextInt(groups.length)];
      if (h === g || chosen.has(h)) continue;
      chosen.add(h);
      // Every member of the other group must be unlinked from x under the population rule.
      if (!members.get(h)!.every((j) => unlinkedPair(Math.min(x, j), Math.max(x, j)))) continue;
      const other = pick(members.get(h)!, rest.length, -1, rng);
      distance.push(groupScore(d, x, other, buf));
      label.push(0);
      groupA.push(g);
      groupB.push(h);
      size.push(other.length);
      found++;
    }
  });
  return { distance: Float64Array.from(distance), label: Uint8Array.from(label), groupA: Int32Array.from(groupA), groupB: Int32Array.from(groupB), size: Uint16Array.from(size) };
}
