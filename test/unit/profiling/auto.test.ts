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
  it('finds two chemical classes for two well-separated sources, the cut chosen on held-out pairs', () => {
    const { m, seizure, cases, source } = seizedSamples(2, 6, 4);
    const r = autoProfile(m, simplePopulation(seizure, cases));
    expect(r.classCount).toBe(2);
    for (let i = 0; i < source.length; i++) expect(r.classIds[i]).toBe(r.classIds[source.indexOf(source[i])]);
    expect(r.classIds[0]).not.toBe(r.classIds[source.length - 1]);
    expect(r.source).toEqual({ combination: 'auto', linkage: 'auto', cut: 'held-out' });
    expect(r.calibration?.auc).toBe(1);
    expect(r.choice.threshold).toBe(r.cutCandidates[0].threshold);
    expect(r.choice.rule).toBe(r.cutCandidates[0].rule);
    expect(r.choice.acceptedFpr).toBe(0.025);
    expect(r.folds).toBe(5);
  });

  it('returns the figures it compared, so the choice can be explained', () => {
    const { m, seizure, cases } = seizedSamples(3, 4, 3, 8, 9);
    const r = autoProfile(m, simplePopulation(seizure, cases));
    expect(r.combinations).toHaveLength(35);
    expect(r.combinations.find((c) => c.pretreatment === r.choice.pretreatment && c.score === r.choice.score)).toBeDefined();
    for (const c of r.combinations) expect(c.aucInterval).not.toBeNull();
    expect(r.compared?.kind).toMatch(/^(default|clearly-better)$/);
    expect(r.linkages.map((l) => l.method).sort()).toEqual(['average', 'complete', 'single', 'ward', 'weighted']);
    expect(r.cutCandidates).toHaveLength(15);
    expect(r.cutCandidates[0].linkage).toBe(r.choice.linkage);
    for (let k = 1; k < r.cutCandidates.length; k++) expect(r.cutCandidates[k].f1).toBeLessThanOrEqual(r.cutCandidates[0].f1);
    expect(r.pairs.linked).toBe(12 * 3);
    expect(r.linkageMatrix.length).toBe((m.sampleIds.length - 1) * 4);
    expect(r.contamination?.share).toBeLessThan(0.01); // each source its own case: the unlinked pairs are clean
  });

  it('honours every override', () => {
    const { m, seizure, cases } = seizedSamples(2, 4, 3);
    const r = autoProfile(m, simplePopulation(seizure, cases), { pretreatment: 'log', score: 'manhattan', linkage: 'complete', threshold: 0 });
    expect(r.choice).toMatchObject({ pretreatment: 'log', score: 'manhattan', linkage: 'complete', threshold: 0, rule: null });
    expect(r.source).toEqual({ combination: 'override', linkage: 'override', cut: 'threshold' });
    expect(r.combinations).toEqual([]);
    expect(r.linkages).toHaveLength(1);
    expect(r.classCount).toBe(m.sampleIds.length); // threshold 0: every sample its own class
    const partial = autoProfile(m, simplePopulation(seizure, cases), { score: 'pearson' });
    expect(partial.combinations.every((c) => c.score === 'pearson')).toBe(true);
    expect(partial.source.combination).toBe('auto');
  });

  it('cuts into k or at a threshold without any pair, with the stated defaults', () => {
    const { m, source } = seizedSamples(3, 3, 3);
    const none = source.map(() => null);
    const k = autoProfile(m, simplePopulation(none, none), { k: 3 });
    expect(k.source).toEqual({ combination: 'default', linkage: 'default', cut: 'k' });
    expect(k.choice).toMatchObject({ pretreatment: 'fourth-root', score: 'pearson', linkage: 'ward', k: 3, threshold: null });
    expect(k.classCount).toBe(3);
    const t = autoProfile(m, simplePopulation(none, none), { threshold: 0.05 });
    expect(t.choice.linkage).toBe('average');
    expect(() => autoProfile(m, simplePopulation(none, none))).toThrow(/0 linked/);
    // A stored calibration's threshold stands in when the pairs cannot choose a cut.
    const fb = autoProfile(m, simplePopulation(none, none), { fallbackThreshold: 0.05 });
    expect(fb.source.cut).toBe('fallback');
    expect(fb.choice.threshold).toBe(0.05);
  });

  it('refuses a data set beyond the memory budget before computing anything', () => {
    const { m, seizure, cases } = seizedSamples(2, 4, 3);
    expect(() => autoProfile(m, simplePopulation(seizure, cases), { maxBytes: 1000 })).toThrow(ClusteringTooLargeError);
  });

  it('reports progress by stage and explains missing pairs', () => {
    const { m, seizure, cases } = seizedSamples(2, 3, 2);
    const stages = new Set<string>();
    autoProfile(m, simplePopulation(seizure, cases), { onProgress: (s) => stages.add(s) });
    expect([...stages]).toEqual(['pairs', 'combinations', 'calibration', 'distances', 'linkage', 'cut', 'classes']);
    const n = m.sampleIds.length;
    expect(() => autoProfile(m, simplePopulation(Array.from({ length: n }, (_, i) => `x${i}`), cases))).toThrow(/0 linked/);
  });
});
