import { describe, it, expect } from 'vitest';
import { likelihoodRatio, likelihoodRatioModel, verbalScale } from '../../../shared/profiling/likelihood-ratio';
import { loadFixture, type RocKdeFixture } from './fixtures';

describe('likelihood ratio', () => {
  it('is the ratio of the two scipy densities', () => {
    const f = loadFixture<RocKdeFixture>('roc-kde');
    const model = likelihoodRatioModel(Float64Array.from(f.kde_linked.values), Float64Array.from(f.kde_unlinked.values), { cap: 'none' });
    for (let k = 0; k < f.kde_linked.grid.length; k++) {
      const fl = f.kde_linked.density[k];
      const fu = f.kde_unlinked.density[k];
      if (fl < 1e-200 || fu < 1e-200) continue;
      const r = likelihoodRatio(model, f.kde_linked.grid[k]);
      expect(Math.abs(r.log10Lr - Math.log10(fl / fu))).toBeLessThan(1e-9);
    }
  });

  it('supports "linked" at small distances and "unlinked" at large ones, within the sample-size cap', () => {
    const f = loadFixture<RocKdeFixture>('roc-kde');
    const model = likelihoodRatioModel(Float64Array.from(f.kde_linked.values), Float64Array.from(f.kde_unlinked.values));
    const near = likelihoodRatio(model, 1);
    expect(near.verbal.supports).toBe('linked');
    expect(near.lr).toBeGreaterThan(100);
    expect(near.lr).toBeLessThanOrEqual(900);
    const far = likelihoodRatio(model, 40);
    expect(far.verbal.supports).toBe('unlinked');
    expect(far.lr).toBeGreaterThanOrEqual(1 / 150);
    // Far beyond the data the Gaussian tails would give an unbounded LR: capped at 1/nLinked.
    const extreme = likelihoodRatio(model, 200);
    expect(extreme.capped).toBe(true);
    expect(extreme.lr).toBe(1 / 150);
  });

  it('uses the ENFSI 2015 cut-points 10, 100, 1,000, 10,000 on both sides', () => {
    expect(verbalScale(1).supports).toBe('neither');
    expect(verbalScale(9.99).qualifier).toBe('weak');
    expect(verbalScale(10).qualifier).toBe('moderate');
    expect(verbalScale(150).qualifier).toBe('moderately strong');
    expect(verbalScale(1000).qualifier).toBe('strong');
    expect(verbalScale(1e4).qualifier).toBe('very strong');
    expect(verbalScale(1e9).level).toBe(5);
    const low = verbalScale(1 / 500);
    expect(low.supports).toBe('unlinked');
    expect(low.qualifier).toBe('moderately strong');
    expect(low.text).toMatch(/moderately strong support for the proposition that the samples come from different sources/);
  });
});
