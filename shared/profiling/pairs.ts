/**
 * Calibration pairs under a population rule (pair-population.ts): by default linked = two samples of the same
 * seizure (or batch), unlinked = two samples of different cases (Popovic et al.; Carby-Robinson et al. 2021 used 382
 * linked vs 34,519 unlinked pairs). Each side is enumerated in (i, j) order and, beyond its cap, sampled uniformly
 * without replacement by a seeded sampler, so that a calibration can be drawn again from its record.
 */
import type { SignatureMatrix } from './signature-matrix';
import { countEncoded, encodePopulation, type EncodedPopulation, type PairPopulation } from './pair-population';
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

/** Default cap of each side, in pairs. */
export const DEFAULT_MAX_PAIRS = 100_000;
/** The seed the pair samplers start from (pairSeeds), recorded with every calibration. */
export const DEFAULT_PAIR_SEED = 1;

/**
 * Selection sampling (Knuth's Algorithm S: uniform, sorted, seeded) over candidates offered one by one in (i, j)
 * order: keeps all when there are at most `cap`, else exactly `cap` of them, with one draw per candidate offered while
 * sampling, so a record's seed draws the same pairs again.
 */
class Sampler {
  readonly i: Uint32Array;
  readonly j: Uint32Array;
  private readonly rng;
  private readonly all: boolean;
  private readonly k: number;
  private taken = 0;
  private seen = 0;

  constructor(
    private readonly total: number,
    cap: number,
    seed: number,
  ) {
    this.k = Math.min(total, cap);
    this.i = new Uint32Array(this.k);
    this.j = new Uint32Array(this.k);
    this.rng = mulberry32(seed);
    this.all = total <= cap;
  }

  /** Offers the next candidate; false once the sample is complete. */
  offer(i: number, j: number): boolean {
    if (this.all || (this.total - this.seen) * this.rng.next() < this.k - this.taken) {
      this.i[this.taken] = i;
      this.j[this.taken] = j;
      this.taken++;
    }
    this.seen++;
    return this.taken < this.k;
  }
}

/** Linked pairs in (i, j) order: each sample with the later members of its linked group. O(n + pairs). */
function sampleLinked(e: EncodedPopulation, out: Sampler): PairSet {
  const members = new Map<number, number[]>();
  for (let i = 0; i < e.n; i++) {
    const key = e.linkedKey[i];
    if (key < 0) continue;
    const list = members.get(key);
    if (list) list.push(i);
    else members.set(key, [i]);
  }
  const position = new Int32Array(e.n);
  for (const list of members.values()) list.forEach((i, at) => (position[i] = at));
  done: for (let i = 0; i < e.n; i++) {
    const key = e.linkedKey[i];
    if (key < 0) continue;
    const list = members.get(key) as number[];
    for (let at = position[i] + 1; at < list.length; at++) if (!out.offer(i, list[at])) break done;
  }
  return { i: out.i, j: out.j };
}

/**
 * Unlinked pairs in (i, j) order: the test of isUnlinked written out over the encoded columns (one comparison per
 * column), since every pair of the collection is looked at. O(n²·k).
 */
function sampleUnlinked(e: EncodedPopulation, out: Sampler): PairSet {
  const { n, groupKey, unlinkedEligible: eligible } = e;
  const columns = e.unlinked;
  const first = columns[0];
  const more = columns.length > 1;
  done: for (let i = 0; i < n - 1; i++) {
    if (eligible[i] === 0) continue;
    const g = groupKey[i];
    const c0 = first[i];
    for (let j = i + 1; j < n; j++) {
      if (eligible[j] === 0 || c0 === first[j] || (g >= 0 && groupKey[j] === g)) continue;
      if (more) {
        let differ = true;
        for (let c = 1; c < columns.length && differ; c++) differ = columns[c][i] !== columns[c][j];
        if (!differ) continue;
      }
      if (!out.offer(i, j)) break done;
    }
  }
  return { i: out.i, j: out.j };
}

/** The seeds of each side drawn from the one recorded seed: linked pairs with it, unlinked pairs with it + 1. */
export function pairSeeds(seed: number): { linked: number; unlinked: number } {
  return { linked: seed, unlinked: seed + 1 };
}

/**
 * Linked and unlinked pairs of a population (pair-population.ts), each capped by a seeded uniform sample (defaults
 * 100,000 each, seed 1). Totals counted without enumeration (countEncoded); O(n²·k) for the unlinked side.
 */
export function buildPairs(population: PairPopulation, opts: BuildPairsOptions = {}): CalibrationPairs {
  const e = encodePopulation(population);
  const seed = opts.seed ?? DEFAULT_PAIR_SEED;
  const totals = countEncoded(e);
  const seeds = pairSeeds(seed);
  return {
    linked: sampleLinked(e, new Sampler(totals.linked, opts.maxLinked ?? DEFAULT_MAX_PAIRS, seeds.linked)),
    unlinked: sampleUnlinked(e, new Sampler(totals.unlinked, opts.maxUnlinked ?? DEFAULT_MAX_PAIRS, seeds.unlinked)),
    linkedTotal: totals.linked,
    unlinkedTotal: totals.unlinked,
    seed,
  };
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
