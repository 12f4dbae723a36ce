import { describe, expect, it } from 'vitest';
import { knnVotes } from '../../../shared/attribution/knn';
import { crossDistances } from '../../../shared/attribution/cross-distances';
import { prepareRows } from '../../../shared/profiling/scores';
import { expectClose } from '../profiling/fixtures';
import { classifierDatasets } from './fixtures';

describe('kNN votes equal sklearn KNeighborsClassifier(metric="precomputed")', () => {
  for (const ds of classifierDatasets()) {
    it(`computes the same Pearson distances as scipy on "${ds.name}"`, () => {
      const rows = prepareRows(Float64Array.from(ds.pretreated), ds.n, ds.p, 'pearson');
      const all = Array.from({ length: ds.n }, (_, i) => i);
      expectClose(crossDistances(rows, all, all), ds.distances, 1e-12, 'distances');
    });
    for (const block of ds.knn) {
      it(`"${ds.name}", k = ${block.k}`, () => {
        const rows = prepareRows(Float64Array.from(ds.pretreated), ds.n, ds.p, 'pearson');
        const d = crossDistances(rows, ds.test, ds.train);
        const refClass = Int32Array.from(ds.train, (i) => block.classes.indexOf(ds.routes[i]));
        const g = block.classes.length;
        const { votes, k } = knnVotes(d, ds.test.length, refClass, g, block.k);
        expect(k).toBe(block.k);
        expectClose(votes, block.proba, 1e-12, 'votes');
        const predicted = ds.test.map((_, t) => {
          let best = 0;
          for (let c = 1; c < g; c++) if (votes[t * g + c] > votes[t * g + best]) best = c;
          return block.classes[best];
        });
        expect(predicted).toEqual(block.predict);
      });
    }
  }

  it('clamps k to the reference count, breaks distance ties by reference order and reports the nearest', () => {
    const d = new Float64Array([0.5, 0.2, 0.2, 0.9]);
    const r = knnVotes(d, 1, Int32Array.from([0, 1, 0, 1]), 2, 2);
    expect(Array.from(r.votes)).toEqual([0.5, 0.5]);
    expect(r.nearest[0]).toBe(0.2);
    const all = knnVotes(d, 1, Int32Array.from([0, 1, 0, 1]), 2, 10);
    expect(all.k).toBe(4);
    expect(Array.from(all.votes)).toEqual([0.5, 0.5]);
    expect(() => knnVotes(d, 2, Int32Array.from([0, 1, 0, 1]), 2)).toThrow(/distances/);
  });
});
