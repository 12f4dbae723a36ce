/**
 * The oracle of bench/routes-oracle.ts (the Bayes rule with the generator's true route parameters): its density is
 * the density of the log areas up to a constant (checked against numerical integration over the constant), it does
 * not depend on the sample's total, and it calls the routes the generator makes distinct by their residues rightly.
 */
import { describe, expect, it } from 'vitest';
import { FENTANYL_ROUTES, generateFentanyl, generateFentanylWithMeans, heldOutSplit } from './generate';
import { openSetGenerateOptions } from './open-set-grid';
import { oracleCall, oraclePosteriors, oracleRoutes, shapeLogDensity } from './route-oracle';

/** log ∫ N(y − c·1; mean, diag variance) dc by the trapezoid rule on a wide, fine grid. */
function integrated(y: number[], mean: number[], variance: number[]): number {
  const logN = (c: number) => y.reduce((a, v, k) => a - 0.5 * Math.log(2 * Math.PI * variance[k]) - (v - c - mean[k]) ** 2 / (2 * variance[k]), 0);
  const step = 1e-3;
  const values: number[] = [];
  for (let c = -30; c <= 30; c += step) values.push(logN(c));
  const top = Math.max(...values);
  const sum = values.reduce((a, v) => a + Math.exp(v - top), 0) * step;
  return top + Math.log(sum);
}

describe('route oracle', () => {
  it('is the density of the log areas integrated over an unknown constant', () => {
    const y = [1.2, -0.4, 3.1, -9.2, 0.5];
    const mean = [1.0, 0.0, 2.5, -9, 0.2];
    const variance = [0.4, 0.7, 0.3, 0.05, 1.1];
    expect(shapeLogDensity(y, mean, variance)).toBeCloseTo(integrated(y, mean, variance), 6);
    // Shifting every log area by one constant (another total area) changes nothing.
    expect(shapeLogDensity(y.map((v) => v + 4.2), mean, variance)).toBeCloseTo(shapeLogDensity(y, mean, variance), 10);
  });

  it('gives posteriors summing to 1 that do not depend on the total area', () => {
    const { samples, routeMeans } = generateFentanylWithMeans(openSetGenerateOptions({ seed: 3 }));
    const models = oracleRoutes(routeMeans, openSetGenerateOptions({ seed: 3 }));
    const s = samples[37];
    const post = oraclePosteriors(s.trueAreas, models);
    expect(post.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const scaled = oraclePosteriors(s.trueAreas.map((a) => a * 7), models);
    post.forEach((p, k) => expect(scaled[k]).toBeCloseTo(p, 9));
  });

  it('replays the generator: the same samples with or without the route means returned', () => {
    const options = openSetGenerateOptions({ seed: 5, lod: 3000 });
    expect(generateFentanylWithMeans(options).samples).toEqual(generateFentanyl(options));
  });

  it('calls every new source of the routes with their own residues rightly, and Siegfried / Gupta mostly', () => {
    const options = openSetGenerateOptions({ seed: 2, sourceSd: 0.5 });
    const { samples, routeMeans } = generateFentanylWithMeans(options);
    const models = oracleRoutes(routeMeans, options);
    const fresh = heldOutSplit(samples, 6).newSource;
    for (const route of FENTANYL_ROUTES) {
      const of = fresh.filter((s) => s.route === route);
      const right = of.filter((s) => oracleCall(s.trueAreas, models).route === route).length;
      // Janssen, 4-AP and 1-boc-4-AP each make a residue no other route makes; Siegfried and Gupta differ in degree only.
      if (route === 'siegfried' || route === 'gupta') expect(right / of.length).toBeGreaterThan(0.5);
      else expect(right).toBe(of.length);
    }
  });
});
