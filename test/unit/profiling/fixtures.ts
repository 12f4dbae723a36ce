/** Loads the golden fixtures written by scripts/golden/make_profiling_fixtures.py (scipy / scikit-learn). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'profiling');

export interface TreeFixture {
  Z: number[];
  cophenetic_correlation: number;
  cophenetic: number[] | null;
  fcluster_distance: { t: number; labels: number[] }[];
  fcluster_maxclust: { k: number; labels: number[] }[];
}

export interface RocFixture {
  linked: number[];
  unlinked: number[];
  auc: number;
  roc: { fpr: number[]; tpr: number[]; thresholds: number[] };
  roc_all: { fpr: number[]; tpr: number[]; thresholds: number[] };
}

export interface PcaFixture {
  scores: number[];
  components: number[];
  explained_variance: number[];
  explained_variance_ratio: number[];
  mean: number[];
  n_components: number;
}

export interface SmallFixture {
  name: string;
  n: number;
  p: number;
  X: number[];
  seizure: string[];
  case: string[];
  log_offset: number;
  pretreated: Record<string, number[]>;
  pdist: Record<string, Record<string, number[]>>;
  trees: Record<string, Record<string, Record<string, TreeFixture>>>;
  pca: Record<string, PcaFixture>;
  calibration: RocFixture;
}

export interface MediumFixture {
  n: number;
  p: number;
  X: number[];
  trees: Record<string, Record<string, { Z: number[]; cophenetic_correlation: number }>>;
}

export interface KdeFixture {
  factor: number;
  bandwidth: number;
  grid: number[];
  density: number[];
  values: number[];
}

export interface RocKdeFixture {
  roc_ties: RocFixture;
  roc_continuous: RocFixture;
  kde_linked: KdeFixture;
  kde_unlinked: KdeFixture;
}

const cache = new Map<string, unknown>();

export function loadFixture<T>(name: string): T {
  let v = cache.get(name);
  if (v === undefined) {
    v = JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as unknown;
    cache.set(name, v);
  }
  return v as T;
}

export const SMALL_DATASETS = ['sources', 'ties', 'random'] as const;

export function small(name: (typeof SMALL_DATASETS)[number]): SmallFixture {
  return loadFixture<SmallFixture>(name);
}

/** Largest absolute difference between two equal-length arrays (fails on a length mismatch). */
export function maxAbsDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let m = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= m)) m = d;
  }
  return m;
}

/** Asserts element-wise closeness, naming the first offending index. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, label = ''): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= tol)) {
      expect.fail(`${label}[${i}]: ${actual[i]} vs ${expected[i]} (|Δ| = ${d} > ${tol})`);
    }
  }
}
