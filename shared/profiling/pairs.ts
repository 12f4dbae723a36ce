/**
 * Calibration pairs under a population rule (pair-population.ts): by default linked = two samples of the same
 * seizure (or batch), unlinked = two samples of different cases (Popovic et al.; Carby-Robinson et al. 2021 used 382
 * linked vs 34,519 unlinked pairs). Each side is enumerated in (i, j) order and, beyond its cap, sampled uniformly
 * without replacement by a seeded sampler, so that a calibration can be drawn again from its record.
 */
import type { SignatureMatrix } from './signature-matrix';
import { encodePopulation, isLinked, isUnlinked, type EncodedPopulation, type PairPopulation } from './pair-population';
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

type Test = (e: EncodedPopulation, i: number, j: number) => boolean;

/**
 * Enumerates qualifying pairs in (i, j) order, keeping all when they are at most `cap`, else exactly `cap` of them
 * by selection sampling (Knuth's Algorithm S: uniform, sorted, seeded). O(n²) time, O(cap) memory.
 */
function collect(test: Test, e: EncodedPopulation, total: number, cap: number, seed: number): PairSet {
  const n = e.n;
  const k = Math.min(total, cap);
  const pi = new Uint32Array(k);
  const pj = new Uint32Array(k);
  const rng = mulberry32(seed);
  let taken = 0;
  let seen = 0;
  for (let i = 0; i < n - 1 && taken < k; i++) {
    for (let j = i + 1; j < n && taken < k; j++) {
      if (!test(e, i, j)) continue;
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

/** The seeds of each side drawn from the one recorded seed: linked pairs with it, unlinked pairs with it + 1. */
export function pairSeeds(seed: number): { linked: number; unlinked: number } {
  return { linked: seed, unlinked: seed + 1 };
}

/**
 * Linked and unlinked pairs of a population (pair-population.ts), each capped by a seeded uniform sample (defaults
 * 100,000 each, seed 1). O(n²·k).
 */
export function buildPairs(population: PairPopulation, opts: BuildPairsOptions = {}): CalibrationPairs {
  const e = encodePopulation(population);
  const seed = opts.seed ?? 1;
  let linkedTotal = 0;
  let unlinkedTotal = 0;
  for (let i = 0; i < e.n - 1; i++) {
    for (let j = i + 1; j < e.n; j++) {
      if (isLinked(e, i, j)) linkedTotal++;
      else if (isUnlinked(e, i, j)) unlinkedTotal++;
    }
  }
  const seeds = pairSeeds(seed);
  return {
    linked: collect(isLinked, e, linkedTotal, opts.maxLinked ?? DEFAULT_MAX_PAIRS, seeds.linked),
    unlinked: collect(isUnlinked, e, unlinkedTotal, opts.maxUnlinked ?? DEFAULT_MAX_PAIRS, seeds.unlinked),
    linkedTotal,
    unlinkedTotal,
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
