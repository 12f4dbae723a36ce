import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callText } from '../../../shared/attribution/evidence-text';
import { decideRoute, type RouteCall } from '../../../shared/attribution/route-decision';
import { applyGate, GATE_Z, routeGate, wilsonLower } from '../../../shared/attribution/route-gate';

/** scipy's Wilson intervals (scripts/golden/make_gate_fixtures.py). */
const golden = JSON.parse(readFileSync(new URL('../../fixtures/attribution/gate.json', import.meta.url), 'utf8')) as { z: number; cases: { k: number; n: number; lower: number }[] };

const routes = ['janssen', 'siegfried', 'gupta', '4-ap', '1-boc-4-ap'];
const call = (route: string | null, basis: RouteCall['basis'] = 'references'): RouteCall => ({
  route, probability: route === null ? null : 0.8, reason: route === null ? 'weak' : 'supported', basis, ranked: route === null ? [] : [{ route, probability: 0.8 }, { route: 'x', probability: 0.2 }], conflict: null,
});

describe('per-route gate', () => {
  it('computes the Wilson lower bound as scipy does (one-sided 95 %)', () => {
    expect(GATE_Z).toBe(golden.z);
    for (const c of golden.cases) expect(wilsonLower(c.k, c.n), `${c.k} of ${c.n}`).toBeCloseTo(c.lower, 12);
    expect(wilsonLower(0, 0)).toBe(0);
  });

  it('gates a route whose held-out calls are too often wrong, names what it is confused with, and leaves the others', () => {
    // siegfried: called 26 times, 18 right (8 gupta references called siegfried); gupta: 14, 10 right; janssen never called.
    const truth = [...Array(18).fill('siegfried'), ...Array(8).fill('gupta'), ...Array(10).fill('gupta'), ...Array(4).fill('siegfried'), 'janssen'];
    const calls = [...Array(26).fill(call('siegfried')), ...Array(10).fill(call('gupta')), ...Array(4).fill(call('gupta')), call(null)];
    const gate = routeGate(['gupta', 'janssen', 'siegfried'], truth, calls, 0.7);
    const [gupta, janssen, siegfried] = gate.routes;
    expect(siegfried).toMatchObject({ route: 'siegfried', called: 26, right: 18, gated: true, confusedWith: [{ route: 'gupta', count: 12 }] });
    expect(siegfried.lower).toBeCloseTo(wilsonLower(18, 26), 15);
    // 10 of 14 right (4 siegfried references called gupta); confusion counts both directions (4 + 8).
    expect(gupta).toMatchObject({ called: 14, right: 10, confusedWith: [{ route: 'siegfried', count: 12 }] });
    expect(gupta.gated).toBe(wilsonLower(10, 14) < 0.7);
    // Never called in the held-out folds: nothing shows its calls are right.
    expect(janssen).toMatchObject({ called: 0, right: 0, lower: 0, gated: true });
    // Floor 0 is the gate off.
    expect(routeGate(['gupta', 'janssen', 'siegfried'], truth, calls, 0).routes.every((g) => !g.gated)).toBe(true);
  });

  it('turns only calls on the references basis of a gated route undetermined, keeping the probabilities', () => {
    const gate = routeGate(['gupta', 'siegfried'], ['siegfried', 'gupta', 'gupta'], [call('siegfried'), call('siegfried'), call('gupta')], 0.2);
    expect(gate.routes.map((g) => g.gated)).toEqual([false, true]);
    const gated = applyGate(call('siegfried'), gate);
    expect(gated).toEqual({ route: null, probability: null, reason: 'gated', basis: 'references', ranked: call('siegfried').ranked, conflict: 'gupta' });
    expect(applyGate(call('gupta'), gate)).toEqual(call('gupta'));
    expect(applyGate(call('siegfried', 'markers'), gate)).toEqual(call('siegfried', 'markers'));
    expect(applyGate(call('siegfried'), null)).toEqual(call('siegfried'));
    // The text names both routes and the held-out figure.
    expect(callText(gated, gate)).toBe(`undetermined (siegfried or gupta: siegfried is not called from the references, its calls in their nested cross-validation are too often wrong: 1 of 2 held-out calls right (95 % lower bound ${wilsonLower(1, 2).toFixed(2)} < gate floor 0.2); confused with gupta (1); siegfried 0.80, x 0.20; LDA + kNN probabilities among the referenced routes)`);
  });

  it('is applied by the decision after every other reason: an atypical or weak call stays what it was', () => {
    const gate = routeGate(['janssen', 'siegfried'], ['janssen', 'siegfried'], [call('siegfried'), call('siegfried')], 0.7);
    const opts = { gate };
    expect(decideRoute(routes, ['janssen', 'siegfried'], { classifier: [0.1, 0.9], fits: [true, true], markerScores: null }, opts)).toMatchObject({ route: null, reason: 'gated', conflict: 'janssen' });
    expect(decideRoute(routes, ['janssen', 'siegfried'], { classifier: [0.1, 0.9], fits: [true, false], markerScores: null }, opts)).toMatchObject({ route: null, reason: 'atypical' });
    expect(decideRoute(routes, ['janssen', 'siegfried'], { classifier: [0.45, 0.55], fits: [true, true], markerScores: null }, opts)).toMatchObject({ route: null, reason: 'weak' });
    // Janssen was never called in the held-out folds either: gated too (bound 0).
    expect(decideRoute(routes, ['janssen', 'siegfried'], { classifier: [0.9, 0.1], fits: [true, true], markerScores: null }, opts)).toMatchObject({ route: null, reason: 'gated' });
    // Janssen was never called (its reference was called siegfried): the text says its calls are too few, not wrong.
    const few = decideRoute(routes, ['janssen', 'siegfried'], { classifier: [0.9, 0.1], fits: [true, true], markerScores: null }, opts);
    expect(callText(few, gate)).toMatch(/^undetermined \(janssen or siegfried: janssen is not called from the references, its calls in their nested cross-validation are too few to show they are right: never called in the held-out folds \(95 % lower bound 0\.00 < gate floor 0\.7\); confused with siegfried \(1\); janssen 0\.90/);
    // Without the gate, the same evidence is called.
    expect(decideRoute(routes, ['janssen', 'siegfried'], { classifier: [0.1, 0.9], fits: [true, true], markerScores: null })).toMatchObject({ route: 'siegfried', reason: 'supported' });
  });

  it('counts by source a route whose marker sibling is referenced too: six sources all right are not enough', () => {
    // Siegfried and Gupta share NPP; Janssen shares no rule with them. 6 sources per route, 3 references each, every
    // held-out call right: by sample 18 of 18 (bound 0.87), by source 6 of 6 (bound 0.69 < 0.7).
    const siblings = new Map([['siegfried', ['gupta']], ['gupta', ['siegfried']]]);
    const referenced = ['gupta', 'janssen', 'siegfried'];
    const truth = referenced.flatMap((r) => Array(18).fill(r) as string[]);
    const sources = referenced.flatMap((r) => Array.from({ length: 18 }, (_, t) => `${r}-${Math.floor(t / 3)}`));
    const calls = truth.map((r) => call(r));
    const bySample = routeGate(referenced, truth, calls, 0.7);
    expect(bySample.routes.map((g) => [g.called, g.right, g.gated])).toEqual([[18, 18, false], [18, 18, false], [18, 18, false]]);
    const gate = routeGate(referenced, truth, calls, 0.7, { sources, siblings });
    const [gupta, janssen, siegfried] = gate.routes;
    expect(siegfried).toMatchObject({ called: 6, right: 6, unit: 'source', siblings: ['gupta'], gated: true });
    expect(siegfried.lower).toBeCloseTo(wilsonLower(6, 6), 15);
    expect(gupta).toMatchObject({ called: 6, right: 6, unit: 'source', gated: true });
    // No referenced sibling: counted by sample, as before.
    expect(janssen).toMatchObject({ called: 18, right: 18, gated: false });
    expect(janssen.unit).toBeUndefined();
    // A sibling that is not referenced does not count (the open set's 'alternative' rule speaks for it).
    const two = routeGate(['janssen', 'siegfried'], truth.slice(18), calls.slice(18), 0.7, { sources: sources.slice(18), siblings });
    expect(two.routes.map((g) => [g.route, g.called, g.unit])).toEqual([['janssen', 18, undefined], ['siegfried', 18, undefined]]);
    // Seven sources all right reach the floor.
    const seven = Array.from({ length: 42 }, (_, t) => (t < 21 ? 'siegfried' : 'gupta'));
    const g7 = routeGate(['gupta', 'siegfried'], seven, seven.map((r) => call(r)), 0.7, { sources: seven.map((r, t) => `${r}-${Math.floor((t % 21) / 3)}`), siblings });
    expect(g7.routes.map((g) => [g.called, g.gated])).toEqual([[7, false], [7, false]]);
    // A source with one of its three samples called as the sibling is a wrong source for the sibling, in sources.
    const mixed = routeGate(['gupta', 'siegfried'], ['siegfried', 'siegfried', 'siegfried', 'gupta'], [call('siegfried'), call('siegfried'), call('gupta'), call('gupta')], 0, { sources: ['S1', 'S1', 'S1', 'G1'], siblings });
    expect(mixed.routes[0]).toMatchObject({ route: 'gupta', called: 2, right: 1, confusedWith: [{ route: 'siegfried', count: 1 }] });
    // The text says what was counted and why.
    expect(callText(applyGate(call('siegfried'), gate), gate)).toContain('6 of 6 reference sources\' held-out calls right (counted by source: it shares its marker rules with gupta, referenced too) (95 % lower bound 0.69 < gate floor 0.7)');
  });
});
