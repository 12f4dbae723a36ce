import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGNATURE_LIBRARY } from '../../../shared/attribution/default-library';
import { decideRoute, markerPosterior, markerSiblings, rankRoutes } from '../../../shared/attribution/route-decision';

const routes = ['janssen', 'siegfried', 'gupta', '4-ap', '1-boc-4-ap'];
const referenced = ['janssen', 'siegfried'];
const fentanyl = DEFAULT_SIGNATURE_LIBRARY.drugs.find((d) => d.drug === 'fentanyl')!;
const siblings = markerSiblings(fentanyl.markers);
const sum = (ranked: readonly { probability: number }[]) => ranked.reduce((a, r) => a + r.probability, 0);

describe('route decision (open set)', () => {
  it('says "undetermined" without evidence, never a bare label', () => {
    expect(decideRoute(routes, [], { classifier: null, fits: null, markerScores: null })).toEqual({ route: null, probability: null, reason: 'no-evidence', basis: null, ranked: [], conflict: null });
  });

  it('without references, calls from the markers alone: a posterior over the library routes that sums to 1', () => {
    const strong = decideRoute(routes, [], { classifier: null, fits: null, markerScores: [0, 0, 1.5, 0, 0] });
    expect(strong).toMatchObject({ route: 'gupta', reason: 'supported', basis: 'markers' });
    expect(strong.probability).toBeCloseTo(10 ** 1.5 / (10 ** 1.5 + 4), 12);
    expect(sum(strong.ranked)).toBeCloseTo(1, 12);
    // One weak rule (LR ≈ 3) against four open alternatives is not enough: 3.2 / 7.2 = 0.44.
    const weak = decideRoute(routes, [], { classifier: null, fits: null, markerScores: [0.5, 0, 0, 0, 0] });
    expect(weak).toMatchObject({ route: null, reason: 'weak', basis: 'markers' });
    expect(weak.ranked[0].route).toBe('janssen');
    expect(weak.ranked[0].probability).toBeCloseTo(10 ** 0.5 / (10 ** 0.5 + 4), 12);
  });

  it('follows the classifiers among the referenced routes when the sample fits the references, and says what the probability is', () => {
    const c = decideRoute(routes, referenced, { classifier: [0.97, 0.03], fits: [true, false], markerScores: [0.5, 0, 0, 0, 0] }, {}, siblings);
    expect(c).toEqual({ route: 'janssen', probability: 0.97, reason: 'supported', basis: 'references', ranked: [{ route: 'janssen', probability: 0.97 }, { route: 'siegfried', probability: 0.03 }], conflict: null });
  });

  it('is undetermined under the floor (0.6 by default)', () => {
    const c = decideRoute(routes, referenced, { classifier: [0.55, 0.45], fits: [true, true], markerScores: [0.5, 0, 0, 0, 0] });
    expect(c).toMatchObject({ route: null, reason: 'weak', basis: 'references' });
    expect(decideRoute(routes, referenced, { classifier: [0.55, 0.45], fits: [true, true], markerScores: [0.5, 0, 0, 0, 0] }, { floor: 0.5 }).route).toBe('janssen');
  });

  it('says "no referenced route fits" for a sample unlike every referenced route, never the nearest one', () => {
    const c = decideRoute(routes, referenced, { classifier: [0.99, 0.01], fits: [false, false], markerScores: null });
    expect(c).toEqual({ route: null, probability: null, reason: 'no-route-fits', basis: null, ranked: [], conflict: null });
  });

  it('lets markers name a route without references for a sample that fits none, over the routes left open', () => {
    const c = decideRoute(routes, referenced, { classifier: [0.1, 0.9], fits: [false, false], markerScores: [0, 0.5, 1.5, 0, 0] });
    expect(c).toMatchObject({ route: 'gupta', reason: 'supported', basis: 'markers' });
    expect(c.ranked.map((r) => r.route)).toEqual(['gupta', '4-ap', '1-boc-4-ap']);
    expect(sum(c.ranked)).toBeCloseTo(1, 12);
    // Markers too weak to call (a weak rule at its threshold, LR ≈ 1.8, against two open routes): still "no
    // referenced route fits", with what the markers say.
    expect(decideRoute(routes, referenced, { classifier: [0.1, 0.9], fits: [false, false], markerScores: [0, 0, 0.25, 0, 0] })).toMatchObject({ route: null, reason: 'no-route-fits', basis: 'markers' });
  });

  it('is undetermined when the markers favour a referenced route the sample is unlike', () => {
    const c = decideRoute(routes, referenced, { classifier: [0.9, 0.1], fits: [false, false], markerScores: [1, 0, 0, 0, 0] });
    expect(c).toMatchObject({ route: null, reason: 'disagreement', conflict: 'janssen' });
  });

  it('treats markers that point elsewhere as doubt, not a vote: a Gupta marker against a Siegfried call makes it undetermined', () => {
    // The case: phenethyl-4-ANPP at 14 % (moderate rule, full weight) in a sample the classifiers call siegfried 0.89.
    const c = decideRoute(routes, referenced, { classifier: [0.11, 0.89], fits: [true, true], markerScores: [0, 0.5, 1.5, 0, 0] }, {}, siblings);
    expect(c).toMatchObject({ route: null, reason: 'disagreement', conflict: 'gupta', basis: 'references' });
    // Agreeing markers do not raise the probability: it stays the classifiers'.
    expect(decideRoute(routes, referenced, { classifier: [0.8, 0.2], fits: [true, true], markerScores: [1, 0, 0, 0, 0] }).probability).toBe(0.8);
  });

  it('is undetermined when the classifiers prefer a route whose references the sample is unlike', () => {
    expect(decideRoute(routes, referenced, { classifier: [0.9, 0.1], fits: [false, true], markerScores: null })).toMatchObject({ route: null, reason: 'atypical', conflict: 'janssen' });
  });

  it('will not call Siegfried while Gupta, which leaves the same marker (NPP), has no references and the markers do not exclude it', () => {
    expect(siblings.get('siegfried')).toEqual(['gupta']);
    const npp = [0, 0.5, 0.5, 0, 0];
    expect(decideRoute(routes, referenced, { classifier: [0.02, 0.98], fits: [false, true], markerScores: npp }, {}, siblings)).toMatchObject({ route: null, reason: 'alternative', conflict: 'gupta' });
    // Referenced Gupta, or markers that weigh Siegfried above Gupta, lift the doubt.
    expect(decideRoute(routes, ['gupta', 'janssen', 'siegfried'], { classifier: [0.01, 0.01, 0.98], fits: [false, false, true], markerScores: npp }, {}, siblings).route).toBe('siegfried');
    expect(decideRoute(routes, referenced, { classifier: [0.02, 0.98], fits: [false, true], markerScores: [0, 1, 0.5, 0, 0] }, {}, siblings).route).toBe('siegfried');
  });

  it('with a single referenced route, a sample fitting its references is that route unless markers say otherwise', () => {
    expect(decideRoute(routes, ['janssen'], { classifier: [1], fits: [true], markerScores: null })).toMatchObject({ route: 'janssen', probability: 1, basis: 'references' });
    expect(decideRoute(routes, ['janssen'], { classifier: [1], fits: [false], markerScores: null }).reason).toBe('no-route-fits');
  });

  it('ranks ties in the given order, and the marker posterior is 10^score normalised over the routes asked', () => {
    expect(rankRoutes(['a', 'b', 'c'], [0.2, 0.4, 0.4]).map((r) => r.route)).toEqual(['b', 'c', 'a']);
    const p = markerPosterior(routes, [0, 1, 0, 0, 0], ['siegfried', 'gupta']);
    expect(p).toEqual([{ route: 'siegfried', probability: 10 / 11 }, { route: 'gupta', probability: 1 / 11 }]);
  });
});
