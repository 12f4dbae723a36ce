import { describe, it, expect } from 'vitest';
import { autoProfile } from '../../../shared/profiling/auto';
import { ClusteringTooLargeError } from '../../../shared/profiling/linkage';
import { createSignatureMatrix, type SignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { mulberry32 } from '../../../shared/profiling/util/rng';
import { simplePopulation } from '../../../shared/profiling/pair-population';

/** Samples from `sources` production batches; each source's seizures belong to one case of its own. */
function seizedSamples(sources: number, seizuresPerSource: number, samplesPerSeizure: number, p = 8, seed = 3) {
  const rng = mulberry32(seed);
  const profiles = Array.from({ length: sources }, () => Array.from({ length: p }, () => Math.exp(1.5 * rng.nextNormal())));
  const values: number[] = [];
  const seizure: string[] = [];
  const cases: string[] = [];
  const source: number[] = [];
  for (let s = 0; s < sources; s++) {
    for (let z = 0; z < seizuresPerSource; z++) {
      const seizureShift = profiles[s].map(() => Math.exp(0.05 * rng.nextNormal()));
      for (let r = 0; r < samplesPerSeizure; r++) {
        const amount = 0.5 + rng.next() * 2;
        for (let c = 0; c < p; c++) values.push(profiles[s][c] * seizureShift[c] * Math.exp(0.05 * rng.nextNormal()) * amount);
        seizure.push(`S${s}-${z}`);
        cases.push(`C${s}`);
        source.push(s);
      }
    }
  }
  const n = seizure.length;
  const m: SignatureMatrix = createSignatureMatrix(
    Array.from({ length: n }, (_, i) => `lab-${i}`),
    Array.from({ length: p }, (_, c) => `impurity-${c}`),
    Float64Array.from(values),
  );
  return { m, seizure, cases, source };
}

describe('automatic mode', () => {
  it('finds two chemical classes for two well-separated sources at the calibrated threshold', () => {
    const { m, seizure, cases, source } = seizedSamples(2, 6, 4);
    const r = autoProfile(m,simplePopulation(seizure, cases));
    expect(r.classCount).toBe(2);
    for (let i = 0; i < source.length; i++) expect(r.classIds[i]).toBe(r.classIds[source.indexOf(source[i])]);
    expect(r.classIds[0]).not.toBe(r.classIds[source.length - 1]);
    expect(r.source).toEqual({ combination: 'auto', linkage: 'auto', threshold: 'auto' });
    expect(r.calibration?.auc).toBe(1);
    expect(r.choice.threshold).toBe(r.calibration?.threshold);
    expect(r.choice.acceptedFpr).toBe(0.025);
  });

  it('returns the figures it compared, so the choice can be explained', () => {
    const { m, seizure, cases } = seizedSamples(3, 4, 3, 8, 9);
    const r = autoProfile(m,simplePopulation(seizure, cases));
    expect(r.combinations).toHaveLength(35);
    expect(r.combinations[0]).toMatchObject({ pretreatment: r.choice.pretreatment, score: r.choice.score, rank: 1 });
    expect(r.linkages.map((l) => l.method).sort()).toEqual(['average', 'complete', 'single', 'ward', 'weighted']);
    expect(r.linkages[0].method).toBe(r.choice.linkage);
    for (let k = 1; k < r.linkages.length; k++) expect(r.linkages[k].copheneticCorrelation).toBeLessThanOrEqual(r.linkages[0].copheneticCorrelation);
    expect(r.pairs.linked).toBe(12 * 3);
    expect(r.linkageMatrix.length).toBe((m.sampleIds.length - 1) * 4);
  });

  it('honours every override', () => {
    const { m, seizure, cases } = seizedSamples(2, 4, 3);
    const r = autoProfile(m,simplePopulation(seizure, cases), { pretreatment: 'log', score: 'manhattan', linkage: 'complete', threshold: 0 });
    expect(r.choice).toMatchObject({ pretreatment: 'log', score: 'manhattan', linkage: 'complete', threshold: 0 });
    expect(r.source).toEqual({ combination: 'override', linkage: 'override', threshold: 'override' });
    expect(r.combinations).toEqual([]);
    expect(r.linkages).toHaveLength(1);
    expect(r.classCount).toBe(m.sampleIds.length); // threshold 0: every sample its own class
    const partial = autoProfile(m,simplePopulation(seizure, cases), { score: 'pearson' });
    expect(partial.combinations.every((c) => c.score === 'pearson')).toBe(true);
    expect(partial.source.combination).toBe('auto');
  });

  it('refuses a data set beyond the memory budget before computing anything', () => {
    const { m, seizure, cases } = seizedSamples(2, 4, 3);
    expect(() => autoProfile(m,simplePopulation(seizure, cases), { maxBytes: 1000 })).toThrow(ClusteringTooLargeError);
  });

  it('reports progress by stage and explains missing pairs', () => {
    const { m, seizure, cases } = seizedSamples(2, 3, 2);
    const stages = new Set<string>();
    autoProfile(m,simplePopulation(seizure, cases), { onProgress: (s) => stages.add(s) });
    expect([...stages]).toEqual(['pairs', 'combinations', 'calibration', 'distances', 'linkage', 'classes']);
    const n = m.sampleIds.length;
    expect(() => autoProfile(m,simplePopulation(Array.from({ length: n }, (_, i) => `x${i}`), cases))).toThrow(/0 linked/);
  });
});
