import { describe, expect, it } from 'vitest';
import { callFromProbabilities, decideRoute, rankRoutes } from '../../../shared/attribution/route-decision';

const routes = ['janssen', 'siegfried', 'gupta', '4-ap'];

describe('route decision', () => {
  it('says "undetermined" without evidence, never a bare label', () => {
    expect(decideRoute(routes, null, null)).toEqual({ route: null, probability: null, reason: 'no-evidence', ranked: [] });
  });

  it('follows confident classifiers, ranking every library route', () => {
    const c = decideRoute(routes, [0.9, 0.05, 0.05, 0], null);
    expect(c.route).toBe('janssen');
    expect(c.probability).toBeCloseTo(0.95 * 0.9 + 0.05 / 4, 12);
    expect(c.ranked.map((r) => r.route)).toEqual(['janssen', 'siegfried', 'gupta', '4-ap']);
    expect(c.ranked.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(1, 12);
  });

  it('is undetermined when the leading route stays under the floor (0.6 by default)', () => {
    const c = decideRoute(routes, [0.05, 0.5, 0.45, 0], null);
    expect(c).toMatchObject({ route: null, probability: null, reason: 'weak' });
    expect(c.ranked[0].route).toBe('siegfried');
    expect(decideRoute(routes, [0.05, 0.5, 0.45, 0], null, { floor: 0.4 }).route).toBe('siegfried');
  });

  it('lets markers break a tie between classifiers, at half weight', () => {
    const c = decideRoute(routes, [0.02, 0.49, 0.49, 0], [0, 0, 1, 0]);
    expect(c.route).toBe('gupta');
    const p = c.probability!;
    const base = (x: number) => 0.95 * x + 0.0125;
    expect(p).toBeCloseTo((base(0.49) * Math.sqrt(10)) / (base(0.02) + base(0.49) + base(0.49) * Math.sqrt(10) + base(0)), 12);
  });

  it('calls on markers alone only when they are strong enough', () => {
    expect(decideRoute(routes, null, [0, 0, 1, 0]).route).toBe('gupta');
    expect(decideRoute(routes, null, [0, 0, 0.5, 0]).route).toBeNull();
  });

  it('is undetermined when classifiers and markers disagree by an LR of 10 or more', () => {
    const c = decideRoute(routes, [0.9, 0.05, 0.05, 0], [0, 0, 1, 0]);
    expect(c).toMatchObject({ route: null, reason: 'disagreement' });
    expect(c.ranked.length).toBe(4);
    expect(decideRoute(routes, [0.9, 0.05, 0.05, 0], [0, 0, 0.5, 0]).route).toBe('janssen');
  });

  it('keeps a route without reference samples reachable by strong markers', () => {
    const c = decideRoute(routes, [0.5, 0.5, 0, 0], [0, 0, 0, 4]);
    expect(c.ranked[0].route).toBe('4-ap');
  });

  it('ranks ties in library order', () => {
    expect(rankRoutes(['a', 'b', 'c'], [0.2, 0.4, 0.4]).map((r) => r.route)).toEqual(['b', 'c', 'a']);
    expect(callFromProbabilities(['a', 'b'], [0.6, 0.4]).route).toBe('a');
  });
});
