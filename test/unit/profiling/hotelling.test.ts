import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fQuantile2, hotellingLimit2, t2Ellipse, t2Values } from '../../../shared/profiling/hotelling';

const golden = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../fixtures/analysis/pca-workspace.json'), 'utf8')) as {
  t2_limit_95: Record<string, number>;
  t2_limit_99: Record<string, number>;
  t2_pc1_pc2: number[];
  pca: { n_components: number; scores: number[]; explained_variance: number[] };
};

describe('Hotelling T² on two components', () => {
  it('has the limit scipy gives, A(n−1)/(n−A)·F(level; 2, n−2)', () => {
    for (const [n, ref] of Object.entries(golden.t2_limit_95)) expect(hotellingLimit2(Number(n))).toBeCloseTo(ref, 10);
    for (const [n, ref] of Object.entries(golden.t2_limit_99)) expect(hotellingLimit2(Number(n), 0.99)).toBeCloseTo(ref, 10);
  });

  it("gives each sample's T² as scipy/sklearn do, and ~5 % of samples outside the 95 % ellipse of normal scores", () => {
    const k = golden.pca.n_components;
    const [va, vb] = golden.pca.explained_variance;
    const t2 = t2Values(Float64Array.from(golden.pca.scores), k, 0, 1, va, vb);
    golden.t2_pc1_pc2.forEach((v, i) => expect(t2[i]).toBeCloseTo(v, 9));
    // Bivariate normal scores (Box–Muller, seeded by a fixed sequence): the share outside the limit is near 5 %.
    const n = 20_000;
    const scores = new Float64Array(n * 2);
    let u = 0.5;
    const next = () => (u = (u * 9301 + 49297) % 233280) / 233280;
    for (let i = 0; i < n; i++) {
      const r = Math.sqrt(-2 * Math.log(1 - next()));
      const a = 2 * Math.PI * next();
      scores[i * 2] = 3 * r * Math.cos(a);
      scores[i * 2 + 1] = r * Math.sin(a);
    }
    const e = t2Ellipse(n, 9, 1);
    const outside = Array.from(t2Values(scores, 2, 0, 1, 9, 1)).filter((v) => v > e.limit).length / n;
    expect(outside).toBeGreaterThan(0.04);
    expect(outside).toBeLessThan(0.06);
    expect(e.rx / e.ry).toBeCloseTo(3, 12);
  });

  it('refuses what has no limit', () => {
    expect(() => hotellingLimit2(2)).toThrow(RangeError);
    expect(() => fQuantile2(1, 5)).toThrow(RangeError);
    expect(fQuantile2(0.5, 1e9)).toBeCloseTo(Math.log(2), 6);
  });
});
