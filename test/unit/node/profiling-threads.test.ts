import { describe, expect, it } from 'vitest';
import { startThreadedDistances } from '../../../node/profiling/distance-threads';
import { startChainThread } from '../../../node/profiling/linkage-thread';
import { autoProfile } from '../../../shared/profiling/auto';
import { linkage, type LinkageMethod } from '../../../shared/profiling/linkage';
import { simplePopulation } from '../../../shared/profiling/pair-population';
import { condensedDistances, SCORES } from '../../../shared/profiling/scores';
import { createSignatureMatrix, type SignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { mulberry32 } from '../../../shared/profiling/util/rng';

/** n samples of `sources` lognormal profiles (p compounds), with an empty and a constant signature among them. */
function samples(n: number, p = 7, sources = 5, seed = 11): { matrix: SignatureMatrix; seizure: string[]; caseId: string[] } {
  const rng = mulberry32(seed);
  const profiles = Array.from({ length: sources }, () => Array.from({ length: p }, () => Math.exp(1.5 * rng.nextNormal())));
  const values = new Float64Array(n * p);
  const seizure: string[] = [];
  const caseId: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = i % sources;
    for (let c = 0; c < p; c++) values[i * p + c] = profiles[s][c] * Math.exp(0.1 * rng.nextNormal());
    seizure.push(`Z${s}-${Math.floor(i / (3 * sources))}`);
    caseId.push(`C${s}`);
  }
  values.fill(0, 5 * p, 6 * p); // empty signature
  values.fill(2, 17 * p, 18 * p); // constant signature
  const ids = Array.from({ length: n }, (_, i) => `s${i}`);
  return { matrix: createSignatureMatrix(ids, Array.from({ length: p }, (_, c) => `c${c}`), values), seizure, caseId };
}

const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('distances and linkage on worker threads (node host)', () => {
  it('give the single-thread condensed distances bit for bit, for every score, thread count and odd or even n', () => {
    for (const n of [300, 301]) {
      const { matrix } = samples(n);
      for (const threads of [2, 3]) {
        for (const score of SCORES) {
          const want = condensedDistances(matrix, score);
          const progress: number[] = [];
          const got = startThreadedDistances(threads, 10)(matrix, score, { twin: true }).finish((f) => progress.push(f));
          expect(got.dists.buffer).toBeInstanceOf(SharedArrayBuffer);
          expect(bytes(got.dists).equals(bytes(want)), `${score} n=${n} threads=${threads}`).toBe(true);
          expect(bytes(got.twin!).equals(bytes(want)), `twin ${score} n=${n} threads=${threads}`).toBe(true);
          expect(progress.at(-1)).toBe(1);
        }
      }
    }
  });

  it('are computed by the workers when this thread comes late (the worker source runs as shipped)', () => {
    const { matrix } = samples(301);
    const pending = startThreadedDistances(3, 10)(matrix, 'canberra');
    // Sleep this thread so that the two workers start and take the ranges before it joins them.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);
    const progress: number[] = [];
    const got = pending.finish((f) => progress.push(f));
    expect(progress[0]).toBeGreaterThan(0);
    expect(bytes(got.dists).equals(bytes(condensedDistances(matrix, 'canberra')))).toBe(true);
  });

  it('give the single-thread linkage bit for bit when the chain runs on its own thread', () => {
    const { matrix } = samples(240);
    for (const method of ['complete', 'average', 'weighted', 'ward'] as LinkageMethod[]) {
      const want = linkage(condensedDistances(matrix, 'euclidean'), method);
      const { twin } = startThreadedDistances(2, 10)(matrix, 'euclidean', { twin: true }).finish();
      const got = linkage(twin!, method, { inPlace: true, startChain: startChainThread() });
      expect(bytes(got).equals(bytes(want)), method).toBe(true);
    }
  });

  it('make autoProfile return exactly what it returns in one thread (fixed choice and every choice compared)', () => {
    const { matrix, seizure, caseId } = samples(180);
    const population = simplePopulation(seizure, caseId);
    const kernels = { startDistances: startThreadedDistances(2, 10), startChain: startChainThread() };
    const fixed = { pretreatment: 'fourth-root', score: 'pearson', linkage: 'average' } as const;
    expect(autoProfile(matrix, population, { ...fixed, ...kernels })).toEqual(autoProfile(matrix, population, fixed));
    const every = { pretreatments: ['fourth-root', 'none'], scores: ['pearson', 'euclidean'] } as const;
    expect(autoProfile(matrix, population, { ...every, ...kernels })).toEqual(autoProfile(matrix, population, every));
  });

  it('stop at Cancel: an aborted signal ends the distances and the linkage with the abort error', () => {
    const { matrix } = samples(400);
    const aborted = AbortSignal.abort(new Error('cancelled by the user'));
    expect(() => startThreadedDistances(2, 10)(matrix, 'pearson').finish(undefined, aborted)).toThrow('cancelled by the user');
    const { twin } = startThreadedDistances(2, 10)(matrix, 'pearson', { twin: true }).finish();
    const chain = startChainThread()(twin!, 400, 'average');
    expect(() => chain.finish(undefined, aborted)).toThrow('cancelled by the user');
  });
});
