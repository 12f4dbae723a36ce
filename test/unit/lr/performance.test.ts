/** Cllr, Cllr_min, Cllr_cal, EER, ECE and misleading rates against scripts/golden/make_lr_fixtures.py (numpy + sklearn). */
import { describe, expect, it } from 'vitest';
import { cllr, cllrMin, ece, equalErrorRate, misleadingRates, pavLlrs } from '../../../shared/lr/performance';
import { elubBounds } from '../../../shared/lr/elub';
import { LR_FIXTURE } from './fixture';

describe('LR performance characteristics equal the reference implementation', () => {
  for (const [name, f] of Object.entries(LR_FIXTURE.performance)) {
    it(`${name}: Cllr, Cllr_min and Cllr_cal to 1e-9`, () => {
      const c = cllr(f.llr, f.label);
      const m = cllrMin(f.llr, f.label);
      expect(Math.abs(c - f.cllr)).toBeLessThan(1e-9);
      expect(Math.abs(m - f.cllr_min)).toBeLessThan(1e-9);
      expect(Math.abs(c - m - f.cllr_cal)).toBeLessThan(1e-9);
    });

    it(`${name}: the PAV LRs, infinite where a block holds one proposition only`, () => {
      const pav = pavLlrs(f.llr, f.label);
      pav.forEach((v, i) => {
        if (f.pav_llr_inf[i] !== 0) expect(v).toBe(f.pav_llr_inf[i] * Infinity);
        else expect(Math.abs(v - (f.pav_llr[i] as number))).toBeLessThan(1e-9);
      });
    });

    it(`${name}: EER on the ROC convex hull, misleading rates, ECE and ELUB`, () => {
      expect(Math.abs(equalErrorRate(f.llr, f.label) - f.eer)).toBeLessThan(1e-12);
      const r = misleadingRates(f.llr, f.label);
      expect([r.hdAbove1, r.hpBelow1, r.hdAbove100, r.hpBelow100]).toEqual([f.misleading.hd_above_1, f.misleading.hp_below_1, f.misleading.hd_above_100, f.misleading.hp_below_100]);
      const curve = ece(f.llr, f.label, f.ece_priors);
      const reference = ece(new Float64Array(f.llr.length), f.label, f.ece_priors);
      curve.forEach((v, k) => expect(Math.abs(v - f.ece[k])).toBeLessThan(1e-9));
      reference.forEach((v, k) => expect(Math.abs(v - f.ece_reference[k])).toBeLessThan(1e-12));
      const b = elubBounds(f.llr, f.label);
      expect(b.lower).toBeCloseTo(f.elub[0], 12);
      expect(b.upper).toBeCloseTo(f.elub[1], 12);
    });
  }

  it('the ECE at prior odds 1 is the Cllr, and an uninformative system costs 1 bit there', () => {
    const f = LR_FIXTURE.performance.overlap;
    expect(Math.abs(ece(f.llr, f.label, [0])[0] - f.cllr)).toBeLessThan(1e-12);
    expect(ece(new Float64Array(f.llr.length), f.label, [0])[0]).toBeCloseTo(1, 12);
  });

  it('a perfectly separating score has Cllr_min 0 and EER 0; an overconfident one loses to calibration', () => {
    const s = LR_FIXTURE.performance.separated;
    expect(cllrMin(s.llr, s.label)).toBe(0);
    expect(equalErrorRate(s.llr, s.label)).toBe(0);
    const o = LR_FIXTURE.performance.overconfident;
    expect(cllr(o.llr, o.label) - cllrMin(o.llr, o.label)).toBeGreaterThan(0.3);
  });

  it('refuses LRs of one proposition only', () => {
    expect(() => cllr([1, 2], [1, 1])).toThrow(/both propositions/);
  });
});
