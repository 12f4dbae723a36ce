/**
 * Pair populations ("population rules", Popovic et al., public R code PopovicAna/Prioritisation-of-analytical-
 * techniques, Files/DataOptFunctions.R; ../shared/DOMAIN.md): which pairs of samples are known to be linked and which
 * known to be unlinked, defined by several columns at once.
 *
 * - Linked: equal on every linked-by column, none of them empty (R1: same seizure; R3/R4: same seizure, primary
 *   route, precursor and precursor route). Optionally only in groups of MIN–MAX samples (R2/R4: seizures of 2–10
 *   specimens), where the group is the one of the FIRST linked-by column (the seizure), counted over the samples
 *   compared, whatever their other columns: Popovic et al. count a seizure's specimens, not those of its route
 *   subgroup (on their workbook, seizure G_158 has 23 specimens of which 5 share a route: R4 leaves it out).
 * - Unlinked: different on every unlinked-by column, none of them empty (R3/R4: different seizure, primary route,
 *   precursor and precursor route), and not the same linked group. Optionally only between samples alone in their
 *   group of the first linked-by column (R2: single-specimen seizures); a sample with that column empty is not known
 *   to be alone.
 *
 * The default population: linked = same seizure_id, unlinked = different case_id.
 */

export type Group = string | null | undefined;

/** A population rule over per-sample values (one array per column, aligned with the samples). */
export interface PairPopulation {
  /** Linked-by columns' values; the first names the group (e.g. seizure). At least one column. */
  readonly linked: ReadonlyArray<ReadonlyArray<Group>>;
  /** Unlinked-by columns' values. At least one column. */
  readonly unlinked: ReadonlyArray<ReadonlyArray<Group>>;
  /** Linked pairs only in groups (first linked-by column) of min..max samples, inclusive (max null: no bound); default any size. */
  readonly linkedGroupSize?: { readonly min: number; readonly max: number | null } | null;
  /** Unlinked pairs only between samples alone in their group (first linked-by column); default false. */
  readonly unlinkedSingletons?: boolean;
}

/** Most columns a rule may name on one side (the O(n) count is O(2^k · n)). */
export const MAX_RULE_COLUMNS = 8;

/** The population of the simple rule: linked = same `linked` value, unlinked = different `unlinked` value. */
export function simplePopulation(linked: ReadonlyArray<Group>, unlinked: ReadonlyArray<Group>): PairPopulation {
  return { linked: [linked], unlinked: [unlinked] };
}

const known = (g: Group): g is string => g !== null && g !== undefined && g !== '';

/** Integer code per sample for one column; −1 for unknown ('' / null / undefined). O(n). */
function encode(values: ReadonlyArray<Group>): Int32Array {
  const codes = new Int32Array(values.length);
  const ids = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const g = values[i];
    if (!known(g)) {
      codes[i] = -1;
      continue;
    }
    let c = ids.get(g);
    if (c === undefined) {
      c = ids.size;
      ids.set(g, c);
    }
    codes[i] = c;
  }
  return codes;
}

/** Code of the tuple of `columns` for each sample; −1 when any is unknown. O(n·k). */
function encodeTuple(columns: readonly Int32Array[], n: number): Int32Array {
  const out = new Int32Array(n);
  const ids = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    let key = '';
    let unknown = false;
    for (const c of columns) {
      if (c[i] < 0) {
        unknown = true;
        break;
      }
      key += `${c[i]},`;
    }
    if (unknown) {
      out[i] = -1;
      continue;
    }
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    out[i] = id;
  }
  return out;
}

/** A population encoded for O(1) tests of a pair. */
export interface EncodedPopulation {
  readonly n: number;
  /** Linked key per sample (all linked-by columns), −1 when unknown or its group's size is out of range. */
  readonly linkedKey: Int32Array;
  /** Linked key per sample regardless of group size (for excluding same-group pairs from the unlinked side). */
  readonly groupKey: Int32Array;
  /** Unlinked codes per column. */
  readonly unlinked: readonly Int32Array[];
  /** 1 when the sample may enter an unlinked pair (every unlinked-by column known; alone in its group if asked). */
  readonly unlinkedEligible: Uint8Array;
  /** Code of the first linked-by column (the seizure) per sample, −1 unknown: the groups of folds and bootstraps. */
  readonly firstGroup: Int32Array;
}

function checkShape(p: PairPopulation): number {
  if (p.linked.length === 0 || p.unlinked.length === 0) throw new RangeError('a pair rule needs at least one linked-by and one unlinked-by column');
  if (p.linked.length > MAX_RULE_COLUMNS || p.unlinked.length > MAX_RULE_COLUMNS) throw new RangeError(`a pair rule takes at most ${MAX_RULE_COLUMNS} columns on each side`);
  const n = p.linked[0].length;
  for (const c of [...p.linked, ...p.unlinked]) if (c.length !== n) throw new RangeError('every column of a pair rule needs one value per sample');
  const s = p.linkedGroupSize;
  if (s && !(Number.isInteger(s.min) && s.min >= 2 && (s.max === null || (Number.isInteger(s.max) && s.max >= s.min)))) {
    throw new RangeError('a linked group size is MIN–MAX with whole numbers 2 ≤ MIN ≤ MAX');
  }
  return n;
}

/** Encodes a population (see the module doc). O(n·k). */
export function encodePopulation(p: PairPopulation): EncodedPopulation {
  const n = checkShape(p);
  const linkedCols = p.linked.map(encode);
  const first = linkedCols[0];
  const sizes = new Map<number, number>();
  for (let i = 0; i < n; i++) if (first[i] >= 0) sizes.set(first[i], (sizes.get(first[i]) ?? 0) + 1);
  const groupKey = encodeTuple(linkedCols, n);
  const linkedKey = Int32Array.from(groupKey);
  const range = p.linkedGroupSize;
  if (range) {
    for (let i = 0; i < n; i++) {
      const size = first[i] >= 0 ? (sizes.get(first[i]) ?? 0) : 0;
      if (size < range.min || (range.max !== null && size > range.max)) linkedKey[i] = -1;
    }
  }
  const unlinked = p.unlinked.map(encode);
  const unlinkedEligible = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let ok = unlinked.every((c) => c[i] >= 0);
    if (ok && p.unlinkedSingletons) ok = first[i] >= 0 && sizes.get(first[i]) === 1;
    unlinkedEligible[i] = ok ? 1 : 0;
  }
  return { n, linkedKey, groupKey, unlinked, unlinkedEligible, firstGroup: first };
}

/** Whether (i, j) is a linked pair. O(1). */
export function isLinked(e: EncodedPopulation, i: number, j: number): boolean {
  return e.linkedKey[i] >= 0 && e.linkedKey[i] === e.linkedKey[j];
}

/** Whether (i, j) is an unlinked pair. O(k). */
export function isUnlinked(e: EncodedPopulation, i: number, j: number): boolean {
  if (e.unlinkedEligible[i] === 0 || e.unlinkedEligible[j] === 0) return false;
  if (e.groupKey[i] >= 0 && e.groupKey[i] === e.groupKey[j]) return false;
  for (const c of e.unlinked) if (c[i] === c[j]) return false;
  return true;
}

const pairsOf = (m: number): number => (m * (m - 1)) / 2;

/** Σ C(m, 2) over the groups of `keys` (samples whose key is null take no part). O(n). */
function sameKeyPairs(keys: (i: number) => string | null, n: number): number {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = keys(i);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let total = 0;
  for (const m of counts.values()) total += pairsOf(m);
  return total;
}

/**
 * How many linked and unlinked pairs a population yields, without enumerating them: the unlinked count by
 * inclusion–exclusion over the subsets S of unlinked-by columns (pairs equal on every column of S, signed by |S|),
 * less the same count within each linked group. O(2^k · n) for k unlinked-by columns.
 */
export function countPopulation(p: PairPopulation): { linked: number; unlinked: number } {
  return countEncoded(encodePopulation(p));
}

/** countPopulation of an encoded population. O(2^k · n). */
export function countEncoded(e: EncodedPopulation): { linked: number; unlinked: number } {
  const n = e.n;
  const linked = sameKeyPairs((i) => (e.linkedKey[i] >= 0 ? String(e.linkedKey[i]) : null), n);
  const k = e.unlinked.length;
  let allDifferent = 0;
  let withinGroups = 0;
  for (let mask = 0; mask < 1 << k; mask++) {
    const cols = e.unlinked.filter((_, c) => (mask >> c) & 1);
    const sign = cols.length % 2 === 0 ? 1 : -1;
    const tuple = (i: number): string => cols.map((c) => c[i]).join(',');
    allDifferent += sign * sameKeyPairs((i) => (e.unlinkedEligible[i] ? `|${tuple(i)}` : null), n);
    withinGroups += sign * sameKeyPairs((i) => (e.unlinkedEligible[i] && e.groupKey[i] >= 0 ? `${e.groupKey[i]}|${tuple(i)}` : null), n);
  }
  return { linked, unlinked: allDifferent - withinGroups };
}

/**
 * Dense group codes 0…count−1 from group codes with −1 for unknown, each unknown sample a group of its own: the units
 * that folds and bootstraps resample (a sample whose seizure is unknown is not known to share one). O(n).
 */
export function denseGroups(groups: Int32Array): { code: Int32Array; count: number } {
  const code = new Int32Array(groups.length);
  const ids = new Map<number, number>();
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    if (groups[i] < 0) code[i] = count++;
    else {
      let c = ids.get(groups[i]);
      if (c === undefined) ids.set(groups[i], (c = count++));
      code[i] = c;
    }
  }
  return { code, count };
}
