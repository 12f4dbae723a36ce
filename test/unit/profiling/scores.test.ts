import { describe, it, expect } from 'vitest';
import { SCORES, condensedDistances, prepareRows, rowDistance, toScore100 } from '../../../shared/profiling/scores';
import { createSignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { condensedIndex, condensedLength, samplesFromCondensedLength } from '../../../shared/profiling/condensed';
import { SMALL_DATASETS, expectClose, small } from './fixtures';

function matrixOf(values: ArrayLike<number>, n: number, p: number) {
  return createSignatureMatrix(
    Array.from({ length: n }, (_, i) => `s${i}`),
    Array.from({ length: p }, (_, c) => `c${c}`),
    Float64Array.from(values),
  );
}

describe('scores', () => {
  for (const name of SMALL_DATASETS) {
    it(`equal scipy pdist on "${name}" (fourth root, raw, autoscaled)`, () => {
      const f = small(name);
      for (const pre of ['fourth-root', 'none', 'autoscale']) {
        const m = matrixOf(f.pretreated[pre], f.n, f.p);
        for (const score of SCORES) {
          expectClose(condensedDistances(m, score), f.pdist[pre][score], 1e-12, `${name}/${pre}/${score}`);
        }
      }
    });
  }

  it('counts canberra 0/0 terms as 0, like scipy', () => {
    const m = matrixOf([0, 1, 2, 0, 3, 2], 2, 3);
    expect(condensedDistances(m, 'canberra')[0]).toBeCloseTo(0 + 2 / 4 + 0, 15);
  });

  it('gives distance 1 (no evidence of similarity) for an empty or constant signature', () => {
    const m = matrixOf([0, 0, 0, 0, 0, 0, 1, 2, 3, 2, 2, 2], 4, 3);
    const d = condensedDistances(m, 'pearson');
    expect(d[condensedIndex(4, 0, 1)]).toBe(1);
    expect(d[condensedIndex(4, 2, 3)]).toBe(1);
    expect(condensedDistances(m, 'cosine')[condensedIndex(4, 0, 2)]).toBe(1);
  });

  it('puts scores on the 0–100 scale of the literature', () => {
    expect(toScore100(0, 'pearson', 0)).toBe(0);
    expect(toScore100(1, 'pearson', 0)).toBe(50); // r = 0
    expect(toScore100(2, 'pearson', 0)).toBe(100); // r = −1
    expect(toScore100(0.3, 'cosine', 0)).toBeCloseTo(30, 12);
    expect(toScore100(2, 'canberra', 8)).toBe(25);
    expect(toScore100(5, 'euclidean', 4)).toBe(100);
    expect(() => toScore100(1, 'manhattan', 0)).toThrow(/reference/);
  });

  it('single-pair distances agree with the condensed array', () => {
    const f = small('sources');
    const m = matrixOf(f.pretreated['fourth-root'], f.n, f.p);
    for (const score of SCORES) {
      const d = condensedDistances(m, score);
      const rows = prepareRows(m.values, f.n, f.p, score);
      for (const [i, j] of [[0, 1], [3, 40], [46, 47]]) expect(rowDistance(rows, i, j)).toBe(d[condensedIndex(f.n, i, j)]);
    }
  });

  it('fills every pair for odd and small sample counts (blocked kernels and their remainders)', () => {
    const f = small('random');
    for (const n of [2, 3, 4, 5, 6, 7, 9, 13, 59]) {
      const values = Float64Array.from(f.pretreated['fourth-root'].slice(0, n * f.p));
      if (n > 4) values.fill(0, 3 * f.p, 4 * f.p); // an empty signature among them
      const m = matrixOf(values, n, f.p);
      for (const score of SCORES) {
        const d = condensedDistances(m, score);
        const rows = prepareRows(m.values, n, f.p, score);
        let k = 0;
        for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) expect(d[k++], `${score} n=${n} (${i},${j})`).toBe(rowDistance(rows, i, j));
      }
    }
  });

  it('reports progress and stops when aborted', () => {
    const m = matrixOf(Float64Array.from({ length: 200 * 5 }, (_, k) => (k * 7919) % 13), 200, 5);
    const seen: number[] = [];
    condensedDistances(m, 'euclidean', (f) => seen.push(f));
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1])).toBe(true);
    const controller = new AbortController();
    expect(() =>
      condensedDistances(m, 'euclidean', (f) => {
        if (f > 0.3) controller.abort();
      }, controller.signal),
    ).toThrow(/abort/i);
  });

  it('indexes the condensed array in scipy order', () => {
    expect(condensedLength(5)).toBe(10);
    expect(condensedIndex(5, 0, 1)).toBe(0);
    expect(condensedIndex(5, 3, 1)).toBe(5);
    expect(condensedIndex(5, 3, 4)).toBe(9);
    expect(samplesFromCondensedLength(10)).toBe(5);
    expect(() => samplesFromCondensedLength(11)).toThrow();
  });
});
