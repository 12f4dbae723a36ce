/**
 * Calibration pairs: linked = two samples of the same seizure (or batch); unlinked = two samples of different
 * cases (Popovic et al.; Carby-Robinson et al. 2021 used 382 linked vs 34,519 unlinked pairs). Pairs of the same
 * case but different seizures are neither, and samples with an unknown group take no part on that side.
 */
import type { SignatureMatrix } from './signature-matrix';
import { prepareRows, rowDistance, type Score } from './scores';
import { mulberry32 } from './util/rng';

/** Sample index pairs (i < j), sorted by (i, j). */
export interface PairSet {
  readonly i: Uint32Array;
  readonly j: Uint32Array;
}

export interface CalibrationPairs {
  readonly linked: PairSet;
  readonly unlinked: PairSet;
  /** Pairs that qualified before any sampling. */
  readonly linkedTotal: number;
  readonly unlinkedTotal: number;
  /** Seed used when a side was sampled (reproducible), echoed for the calibration record. */
  readonly seed: number;
}

export interface BuildPairsOptions {
  /** Most linked pairs kept (uniform sample without replacement beyond it); default 100,000. */
  readonly maxLinked?: number;
  /** Most unlinked pairs kept; default 100,000. */
  readonly maxUnlinked?: number;
  /** Seed of the mulberry32 sampler; default 1. */
  readonly seed?: number;
}

type Group = string | null | undefined;

/** Integer code per sample for a grouping; −1 for unknown ('' / null / undefined). O(n). */
function encode(groups: ReadonlyArray<Group>): Int32Array {
  const codes = new Int32Array(groups.length);
  const ids = new Map<string, number>();
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g === null || g === undefined || g === '') {
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

const LINKED = 0;
const UNLINKED = 1;

/** Whether pair (i, j) is linked (same seizure) or unlinked (different known cases, not the same seizure). */
function qualifies(kind: number, L: Int32Array, U: Int32Array, i: number, j: number): boolean {
  const sameSeizure = L[i] >= 0 && L[i] === L[j];
  if (kind === LINKED) return sameSeizure;
  return !sameSeizure && U[i] >= 0 && U[j] >= 0 && U[i] !== U[j];
}

/**
 * Enumerates qualifying pairs in (i, j) order, keeping all when they are at most `cap`, else exactly `cap` of them
 * by selection sampling (Knuth's Algorithm S: uniform, sorted, seeded). O(n²) time, O(cap) memory.
 */
function collect(kind: number, L: Int32Array, U: Int32Array, total: number, cap: number, seed: number): PairSet {
  const n = L.length;
  const k = Math.min(total, cap);
  const pi = new Uint32Array(k);
  const pj = new Uint32Array(k);
  const rng = mulberry32(seed);
  let taken = 0;
  let seen = 0;
  for (let i = 0; i < n - 1 && taken < k; i++) {
    for (let j = i + 1; j < n && taken < k; j++) {
      if (!qualifies(kind, L, U, i, j)) continue;
      if (total <= cap || (total - seen) * rng.next() < k - taken) {
        pi[taken] = i;
        pj[taken] = j;
        taken++;
      }
      seen++;
    }
  }
  return { i: pi, j: pj };
}

/**
 * Linked pairs (same `groupLinked`, e.g. seizure id) and unlinked pairs (different `groupUnlinked`, e.g. case id,
 * and not the same seizure), each capped by a seeded uniform sample (defaults 100,000 each, seed 1). O(n²).
 */
/** The seeds of each side drawn from the one recorded seed: linked pairs with it, unlinked pairs with it + 1. */
export function pairSeeds(seed: number): { linked: number; unlinked: number } {
  return { linked: seed, unlinked: seed + 1 };
}

export function buildPairs(
  groupLinked: ReadonlyArray<Group>,
  groupUnlinked: ReadonlyArray<Group>,
  options: BuildPairsOptions = {},
): CalibrationPairs {
  const n = groupLinked.length;
  if (groupUnlinked.length !== n) throw new RangeError('both groupings need one entry per sample');
  const seed = options.seed ?? 1;
  const L = encode(groupLinked);
  const U = encode(groupUnlinked);
  let linkedTotal = 0;
  let unlinkedTotal = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      if (qualifies(LINKED, L, U, i, j)) linkedTotal++;
      else if (qualifies(UNLINKED, L, U, i, j)) unlinkedTotal++;
    }
  }
  const seeds = pairSeeds(seed);
  const linked = collect(LINKED, L, U, linkedTotal, options.maxLinked ?? 100_000, seeds.linked);
  const unlinked = collect(UNLINKED, L, U, unlinkedTotal, options.maxUnlinked ?? 100_000, seeds.unlinked);
  return { linked, unlinked, linkedTotal, unlinkedTotal, seed };
}

/** Distances of the given pairs on a pretreated matrix (same definitions as condensedDistances). O(k·p). */
export function pairDistances(matrix: SignatureMatrix, score: Score, pairs: PairSet): Float64Array {
  const n = matrix.sampleIds.length;
  const p = matrix.compounds.length;
  const rows = prepareRows(matrix.values, n, p, score);
  const out = new Float64Array(pairs.i.length);
  for (let k = 0; k < out.length; k++) out[k] = rowDistance(rows, pairs.i[k], pairs.j[k]);
  return out;
}
