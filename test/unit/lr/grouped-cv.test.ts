import { describe, expect, it } from 'vitest';
import { assignFolds, heldOutLlrs } from '../../../shared/lr/grouped-cv';
import { fitScoreLr, scoreLlrs } from '../../../shared/lr/score-lr';
import { cllr } from '../../../shared/lr/performance';
import { validateLrSystem } from '../../../shared/lr/validation';
import { mulberry32 } from '../../../shared/profiling/util/rng';

/** Pairs among 30 groups of 4 samples: within-group distances small, between-group large, with overlap. */
function pairs(seed = 5) {
  const rng = mulberry32(seed);
  const groupOf: number[] = [];
  for (let g = 0; g < 30; g++) for (let k = 0; k < 4; k++) groupOf.push(g);
  const d: number[] = [];
  const y: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < groupOf.length; i++) {
    for (let j = i + 1; j < groupOf.length; j++) {
      const same = groupOf[i] === groupOf[j];
      d.push(Math.exp((same ? -3 : -1) + 0.8 * rng.nextNormal()));
      y.push(same ? 1 : 0);
      a.push(groupOf[i]);
      b.push(groupOf[j]);
    }
  }
  return { d: Float64Array.from(d), y: Uint8Array.from(y), a, b };
}

describe('cross-validation grouped by seizure or source', () => {
  it('puts every group in one fold, the folds balanced, the same way for the same seed', () => {
    const f = assignFolds(23, { folds: 5, seed: 9 });
    const sizes = [0, 0, 0, 0, 0];
    f.foldOfGroup.forEach((k) => sizes[k]++);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect([...assignFolds(23, { folds: 5, seed: 9 }).foldOfGroup]).toEqual([...f.foldOfGroup]);
    expect(assignFolds(2, { folds: 5 }).folds).toBe(2);
  });

  it('gives each pair the LR of a model fitted without any pair of its two groups\' folds', () => {
    const p = pairs();
    const { folds, foldOfGroup } = assignFolds(30, { seed: 3 });
    const fa = Uint8Array.from(p.a, (g) => foldOfGroup[g]);
    const fb = Uint8Array.from(p.b, (g) => foldOfGroup[g]);
    const held = heldOutLlrs(p.d, p.y, fa, fb, folds);
    expect(held.fits).toBe(15);
    expect(held.llr.every((v) => !Number.isNaN(v))).toBe(true);
    // Refit by hand the model for folds {1, 3} and compare.
    const train = [...p.d.keys()].filter((i) => ![1, 3].includes(fa[i]) && ![1, 3].includes(fb[i]));
    const test = [...p.d.keys()].filter((i) => (fa[i] === 1 && fb[i] === 3) || (fa[i] === 3 && fb[i] === 1));
    const model = fitScoreLr(train.map((i) => p.d[i]), train.map((i) => p.y[i]));
    const expected = scoreLlrs(model, test.map((i) => p.d[i]));
    test.forEach((i, k) => expect(held.llr[i]).toBe(expected[k]));
  });

  it('held-out LRs cost more than the LRs of the pairs the model was fitted on (the optimism it removes)', () => {
    const p = pairs(11);
    const { folds, foldOfGroup } = assignFolds(30);
    const v = validateLrSystem(p.d, p.y, Uint8Array.from(p.a, (g) => foldOfGroup[g]), Uint8Array.from(p.b, (g) => foldOfGroup[g]), folds);
    const resubstitution = cllr(scoreLlrs(v.model, p.d), p.y);
    expect(v.performance!.cllr).toBeGreaterThan(resubstitution);
    expect(v.performance!.validated).toEqual({ hp: p.y.filter((l) => l === 1).length, hd: p.y.filter((l) => l === 0).length });
    expect(v.performance!.cllrCal).toBeGreaterThanOrEqual(0);
    expect(v.performance!.tippett.hp.length).toBe(101);
  });

  it('with fewer than three groups nothing can be validated, and says so by a null performance', () => {
    const d = Float64Array.from([0.01, 0.02, 0.5, 0.6]);
    const y = Uint8Array.from([1, 1, 0, 0]);
    const v = validateLrSystem(d, y, Uint8Array.from([0, 1, 0, 0]), Uint8Array.from([0, 1, 1, 1]), 2);
    expect(v.performance).toBeNull();
    expect(v.fits).toBe(0);
  });
});
