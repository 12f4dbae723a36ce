import { describe, it, expect } from 'vitest';
import {
  ClusteringTooLargeError,
  LINKAGE_METHODS,
  assertClusteringFits,
  estimateMemory,
  linkage,
} from '../../../shared/profiling/linkage';
import { condensedDistances } from '../../../shared/profiling/scores';
import { pretreat } from '../../../shared/profiling/pretreatment';
import { createSignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { SMALL_DATASETS, loadFixture, small, type MediumFixture } from './fixtures';

/** Same merges (indices and sizes exactly) and heights within `tol`, row by row. */
function expectSameTree(actual: Float64Array, expected: number[], tol: number, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  for (let k = 0; k < actual.length; k += 4) {
    const row = `${label} row ${k / 4}`;
    expect(actual[k], row).toBe(expected[k]);
    expect(actual[k + 1], row).toBe(expected[k + 1]);
    expect(Math.abs(actual[k + 2] - expected[k + 2]), row).toBeLessThanOrEqual(tol);
    expect(actual[k + 3], row).toBe(expected[k + 3]);
  }
}

describe('linkage', () => {
  for (const name of SMALL_DATASETS) {
    it(`equals scipy.cluster.hierarchy.linkage on "${name}" for every metric and method`, () => {
      const f = small(name);
      for (const pre of Object.keys(f.trees)) {
        for (const score of Object.keys(f.trees[pre])) {
          const d = Float64Array.from(f.pdist[pre][score]);
          for (const method of LINKAGE_METHODS) {
            expectSameTree(linkage(d, method), f.trees[pre][score][method].Z, 1e-9, `${name}/${pre}/${score}/${method}`);
          }
        }
      }
    });
  }

  it('resolves tied distances exactly as scipy does (duplicate samples, integer areas)', () => {
    const f = small('ties');
    const d = Float64Array.from(f.pdist.none.manhattan);
    let ties = 0;
    const seen = new Set<number>();
    for (const v of d) {
      if (seen.has(v)) ties++;
      else seen.add(v);
    }
    expect(ties).toBeGreaterThan(300);
    for (const method of LINKAGE_METHODS) expectSameTree(linkage(d, method), f.trees.none.manhattan[method].Z, 0, method);
  });

  it('equals scipy on 300 samples with distances computed here', () => {
    const f = loadFixture<MediumFixture>('medium');
    const m = pretreat(
      createSignatureMatrix(
        Array.from({ length: f.n }, (_, i) => `s${i}`),
        Array.from({ length: f.p }, (_, c) => `c${c}`),
        Float64Array.from(f.X),
      ),
      'fourth-root',
    );
    for (const score of ['pearson', 'euclidean'] as const) {
      const d = condensedDistances(m, score);
      for (const method of LINKAGE_METHODS) expectSameTree(linkage(d, method), f.trees[score][method].Z, 1e-9, `${score}/${method}`);
    }
  });

  it('leaves the distances untouched unless asked to work in place', () => {
    const d = Float64Array.from(small('sources').pdist['fourth-root'].pearson);
    const copy = Float64Array.from(d);
    const z = linkage(d, 'ward');
    expect(d).toEqual(copy);
    const work = new Float64Array(d.length);
    expect(linkage(d, 'ward', { work })).toEqual(z);
    expect(d).toEqual(copy);
    expect(linkage(d, 'ward', { inPlace: true })).toEqual(z);
    expect(d).not.toEqual(copy);
  });

  it('handles two samples and refuses non-finite distances', () => {
    expect(Array.from(linkage(new Float64Array([0.7]), 'average'))).toEqual([0, 1, 0.7, 2]);
    expect(() => linkage(new Float64Array([1, Number.NaN, 2]), 'single')).toThrow(/finite/);
    expect(() => linkage(new Float64Array([1, 2]), 'single')).toThrow(/condensed/);
  });

  it('estimates memory: one condensed array for single, two for the others', () => {
    const n = 10_000;
    const condensed = 8 * ((n * (n - 1)) / 2);
    expect(estimateMemory(n, 'single')).toBeGreaterThanOrEqual(condensed);
    expect(estimateMemory(n, 'single')).toBeLessThan(condensed * 1.01);
    expect(estimateMemory(n, 'average')).toBeGreaterThanOrEqual(2 * condensed);
    expect(estimateMemory(n, 'average', { inPlace: true })).toBeLessThan(condensed * 1.01);
  });

  it('refuses a clustering beyond the memory budget with needed vs available bytes', () => {
    let error: unknown;
    try {
      assertClusteringFits(40_000, 'average', 2 * 1024 ** 3);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClusteringTooLargeError);
    const e = error as ClusteringTooLargeError;
    expect(e.neededBytes).toBe(estimateMemory(40_000, 'average'));
    expect(e.availableBytes).toBe(2 * 1024 ** 3);
    expect(e.message).toMatch(/40,000 samples needs about 11\.92 GiB \(12,804,160,000 bytes\) but only 2\.00 GiB \(2,147,483,648 bytes\) are available/);
    // linkage refuses before allocating anything.
    const d = new Float64Array(45); // 10 samples
    expect(() => linkage(d, 'complete', { maxBytes: 100 })).toThrow(ClusteringTooLargeError);
  });
});
