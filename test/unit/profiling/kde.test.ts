import { describe, it, expect } from 'vitest';
import { gaussianKde, kdeDensity, kdeEvaluate, kdeLogDensity } from '../../../shared/profiling/kde';
import { loadFixture, type RocKdeFixture } from './fixtures';

describe('Gaussian KDE', () => {
  for (const side of ['kde_linked', 'kde_unlinked'] as const) {
    it(`equals scipy.stats.gaussian_kde (Scott) for the ${side.slice(4)} scores`, () => {
      const f = loadFixture<RocKdeFixture>('roc-kde')[side];
      const kde = gaussianKde(Float64Array.from(f.values));
      expect(Math.abs(kde.factor - f.factor) / f.factor).toBeLessThan(1e-14);
      expect(Math.abs(kde.bandwidth - f.bandwidth) / f.bandwidth).toBeLessThan(1e-12);
      const dens = kdeEvaluate(kde, f.grid);
      for (let k = 0; k < f.grid.length; k++) {
        const ref = f.density[k];
        const tol = 1e-12 * Math.max(ref, 1e-300) + 1e-300;
        expect(Math.abs(dens[k] - ref), `x = ${f.grid[k]}`).toBeLessThanOrEqual(Math.max(tol, 1e-10 * ref));
        if (ref > 1e-250) expect(Math.abs(kdeLogDensity(kde, f.grid[k]) - Math.log(ref))).toBeLessThan(1e-9);
      }
    });
  }

  it('stays finite in the far tails in log space', () => {
    const kde = gaussianKde(new Float64Array([0, 0.1, 0.2, 0.4]));
    expect(kdeDensity(kde, 1e3)).toBe(0);
    expect(Number.isFinite(kdeLogDensity(kde, 1e3))).toBe(true);
  });

  it('floors the bandwidth when every score is equal instead of failing', () => {
    const kde = gaussianKde(new Float64Array([2, 2, 2]));
    expect(kde.bandwidth).toBeGreaterThan(0);
    expect(Number.isFinite(kdeDensity(kde, 2))).toBe(true);
  });
});
