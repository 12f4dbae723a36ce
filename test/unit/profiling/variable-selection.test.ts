import { describe, it, expect } from 'vitest';
import { assessVariables } from '../../../shared/profiling/variable-selection';
import { signatureMatrixFromRows } from '../../../shared/profiling/signature-matrix';
import { mulberry32 } from '../../../shared/profiling/util/rng';

function synthetic() {
  const rng = mulberry32(11);
  const rows: (number | null)[][] = [];
  const seizures: string[] = [];
  for (let s = 0; s < 6; s++) {
    const level = 1 + 3 * s; // the marker's level differs per seizure
    for (let r = 0; r < 5; r++) {
      const marker = level * (1 + 0.03 * rng.nextNormal());
      const twin = marker * 0.5 * (1 + 0.01 * rng.nextNormal());
      const noise = 5 * (1 + 0.3 * rng.nextNormal());
      const stable = 20 * (1 + 0.02 * rng.nextNormal());
      const rare = s === 0 && r < 2 ? 1 : null;
      rows.push([marker, twin, noise, stable, rare]);
      seizures.push(`S${s}`);
    }
  }
  return { m: signatureMatrixFromRows(rows.map((_, i) => `s${i}`), ['marker', 'twin', 'noise', 'stable', 'rare'], rows), seizures };
}

describe('variable selection', () => {
  it('reports presence, within- vs between-seizure variation and correlated pairs', () => {
    const { m, seizures } = synthetic();
    const { compounds, correlatedPairs } = assessVariables(m, seizures);
    const by = new Map(compounds.map((c) => [c.compound, c]));
    expect(by.get('rare')?.presenceRate).toBeCloseTo(2 / 30, 12);
    expect(by.get('rare')?.suggested).toBe(false);
    expect(by.get('marker')?.presenceRate).toBe(1);
    expect(by.get('marker')?.discrimination).toBeGreaterThan(5);
    expect(by.get('marker')?.suggested).toBe(true);
    expect(by.get('noise')?.discrimination).toBeLessThan(1.5);
    expect(by.get('noise')?.withinRsd).toBeGreaterThan(by.get('marker')?.withinRsd ?? Infinity);
    expect(correlatedPairs.some((p) => p.a === 'marker' && p.b === 'twin' && p.r > 0.95)).toBe(true);
    expect(by.get('marker')?.correlatedWith).toContain('twin');
    for (const c of compounds) expect(c.correlatedWith.every((x) => x !== c.compound)).toBe(true);
  });

  it('flags correlations strictly above the limit', () => {
    const { m, seizures } = synthetic();
    const { correlatedPairs } = assessVariables(m, seizures, { maxCorrelation: 0.999999 });
    expect(correlatedPairs.every((p) => Math.abs(p.r) > 0.999999)).toBe(true);
  });

  it('leaves samples without a seizure out of the variation figures', () => {
    const m = signatureMatrixFromRows(['a', 'b', 'c'], ['x', 'y'], [
      [1, 1],
      [1, 1.1],
      [5, 1],
    ]);
    const { compounds } = assessVariables(m, ['S1', 'S1', null]);
    expect(Number.isNaN(compounds[0].betweenRsd)).toBe(true); // one seizure only
    expect(compounds[0].withinRsd).toBeGreaterThan(0);
  });
});
