import { describe, it, expect } from 'vitest';
import { compareCombinations } from '../../../shared/profiling/compare-combinations';
import { buildPairs, pairDistances } from '../../../shared/profiling/pairs';
import { PRETREATMENTS, pretreat } from '../../../shared/profiling/pretreatment';
import { SCORES } from '../../../shared/profiling/scores';
import { rocAuc } from '../../../shared/profiling/roc';
import { createSignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { small } from './fixtures';
import { encodePopulation, simplePopulation } from '../../../shared/profiling/pair-population';

function sources() {
  const f = small('sources');
  const m = createSignatureMatrix(
    Array.from({ length: f.n }, (_, i) => `s${i}`),
    Array.from({ length: f.p }, (_, c) => `c${c}`),
    Float64Array.from(f.X),
  );
  return { f, m, pairs: buildPairs(simplePopulation(f.seizure, f.case)) };
}

describe('comparing pretreatment × metric', () => {
  it('evaluates every combination and ranks them by AUC; without seizure groups, no intervals and the highest wins', () => {
    const { m, pairs } = sources();
    const { best, combinations, kind } = compareCombinations(m, pairs);
    expect(combinations).toHaveLength(PRETREATMENTS.length * SCORES.length);
    expect(best.rank).toBe(1);
    expect(kind).toBe('highest');
    expect(best.aucInterval).toBeNull();
    for (let k = 1; k < combinations.length; k++) expect(combinations[k].auc).toBeLessThanOrEqual(combinations[k - 1].auc + 1e-12);
    const pre = pretreat(m, best.pretreatment);
    expect(best.auc).toBe(rocAuc(pairDistances(pre, best.score, pairs.linked), pairDistances(pre, best.score, pairs.unlinked)));
  });

  it('breaks AUC ties by TPR at the accepted FPR, then by the literature order', () => {
    const { m, pairs } = sources();
    // Well-separated sources: many combinations reach AUC 1; the first listed one wins.
    const { best, combinations } = compareCombinations(m, pairs, { pretreatments: ['fourth-root', 'sqrt'], scores: ['pearson', 'cosine'] });
    const top = combinations.filter((c) => Math.abs(c.auc - best.auc) <= 1e-12 && c.tprAtThreshold === best.tprAtThreshold);
    expect(top[0]).toBe(best);
    if (top.length > 1) expect([best.pretreatment, best.score]).toEqual(['fourth-root', 'pearson']);
  });

  it('with seizure groups: an interval per AUC, the default kept unless another is clearly better', () => {
    const { f, m, pairs } = sources();
    const groups = encodePopulation(simplePopulation(f.seizure, f.case)).firstGroup;
    const r = compareCombinations(m, pairs, { groups, replicates: 100 });
    expect(r.reference).toMatchObject({ pretreatment: 'fourth-root', score: 'pearson' });
    for (const c of r.combinations) {
      expect(c.aucInterval?.low).toBeLessThanOrEqual(c.auc + 1e-12);
      expect(c.aucInterval?.high).toBeGreaterThanOrEqual(c.auc - 1e-12);
      if (c === r.reference) expect(c.gainInterval).toBeNull();
    }
    if (r.kind === 'default') expect(r.best).toBe(r.reference);
    else expect(r.best.gainInterval?.low).toBeGreaterThan(0);
    // Without N^1/4 + Pearson among the candidates there is no default: the highest AUC.
    expect(compareCombinations(m, pairs, { groups, pretreatments: ['log', 'n'], scores: ['cosine'] }).kind).toBe('highest');
  });

  it('refuses when no linked pairs exist', () => {
    const { m } = sources();
    const n = m.sampleIds.length;
    const pairs = buildPairs(simplePopulation(Array.from({ length: n }, (_, i) => `S${i}`), Array.from({ length: n }, (_, i) => `C${i}`)));
    expect(() => compareCombinations(m, pairs)).toThrow(/0 linked/);
  });
});
