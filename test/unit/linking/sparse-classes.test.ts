/**
 * Classes from the threshold graph equal the full clustering cut at the same threshold (single, complete, average and
 * weighted linkage), and extending them with a new batch equals clustering everything again, keeping the classes the
 * batch does not touch.
 */
import { describe, expect, it } from 'vitest';
import { extendClasses, sparseClasses } from '../../../shared/linking/sparse-classes';
import { numberClasses } from '../../../shared/profiling/class-ids';
import { cutAtDistance } from '../../../shared/profiling/cut-tree';
import { linkage, type LinkageMethod } from '../../../shared/profiling/linkage';
import { pretreat } from '../../../shared/profiling/pretreatment';
import { condensedDistances } from '../../../shared/profiling/scores';
import { createSignatureMatrix, type SignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { mulberry32 } from '../../../shared/profiling/util/rng';
import { adjustedRandIndex } from '../analysis/cluster-metrics';

/** n samples of 300 sources, batch-level spread so that classes chain a little. */
function collection(n: number, p: number, seed: number): SignatureMatrix {
  const rng = mulberry32(seed);
  const sources = Array.from({ length: 300 }, () => Array.from({ length: p }, () => (rng.next() < 0.1 ? 0 : Math.exp(1.5 * rng.nextNormal()))));
  const values = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const s = sources[rng.nextInt(sources.length)];
    const amount = 0.2 + 5 * rng.next();
    for (let c = 0; c < p; c++) values[i * p + c] = s[c] * Math.exp(0.1 * rng.nextNormal()) * amount;
  }
  return pretreat(createSignatureMatrix(Array.from({ length: n }, (_, i) => `s${i}`), Array.from({ length: p }, (_, c) => `c${c}`), values), 'fourth-root');
}

const T = 0.01;

describe('sparse classes (threshold graph → components → linkage per component)', () => {
  const pre = collection(1500, 20, 4);
  const dists = condensedDistances(pre, 'pearson');

  it.each(['single', 'complete', 'average', 'weighted'] as LinkageMethod[])('%s: the same classes as the full clustering cut at the threshold', async (method) => {
    const full = numberClasses(cutAtDistance(linkage(dists, method), T));
    const sparse = await sparseClasses(pre, 'pearson', method, T);
    expect(Array.from(sparse.labels)).toEqual(Array.from(full));
    expect(sparse.largestComponent).toBeLessThan(1500);
  });

  it('refuses Ward, whose cluster distance can fall below every member distance', async () => {
    await expect(sparseClasses(pre, 'pearson', 'ward', T)).rejects.toThrow(/ward linkage cannot be computed from the threshold graph/);
  });

  it('extending with a new batch equals clustering everything, and only touched components change', async () => {
    const first = 1300;
    const head = createSignatureMatrix(pre.sampleIds.slice(0, first), pre.compounds, pre.values.slice(0, first * pre.compounds.length));
    const before = await sparseClasses(head, 'pearson', 'average', T);
    const after = await extendClasses(pre, 'pearson', 'average', T, before, first);
    const full = numberClasses(cutAtDistance(linkage(dists, 'average'), T));
    expect(adjustedRandIndex(after.labels, full)).toBe(1);
    expect(after.touched).toBeLessThan(new Set(after.component).size);
    // A class the batch did not touch has the same members before and after.
    const members = (labels: Int32Array, l: number, upTo: number) => Array.from(labels.subarray(0, upTo)).flatMap((x, i) => (x === l ? [i] : [])).join();
    const touched = new Set(Array.from(after.component.subarray(first)));
    for (let i = 0; i < first; i++) {
      if (touched.has(after.component[i])) continue;
      expect(members(after.labels, after.labels[i], first)).toBe(members(before.labels, before.labels[i], first));
    }
  });
});
