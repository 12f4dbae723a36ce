/**
 * The open-set experiment, small (docs/ATTRIBUTION.md; the grid is `npm run bench -- routes`): one generated
 * collection, references from two routes, every other sample questioned. What an analyst needs from it: samples of a
 * route the references do not cover are not called as a referenced route, new sources of a referenced route are
 * called rightly, and where the library's markers cannot separate a referenced route from an unreferenced one
 * (Siegfried and Gupta share NPP), the call is undetermined and names the other route instead of guessing.
 */
import { describe, expect, it } from 'vitest';
import { openSetCollection } from './open-set-grid';

describe('open-set route attribution on a generated collection (references from two routes)', () => {
  const [janssen4ap, janssenSiegfried, guptaBoc] = openSetCollection({ seed: 7 }, [['janssen', '4-ap'], ['janssen', 'siegfried'], ['gupta', '1-boc-4-ap']]);

  it('calls at most 5 % of the samples of the three other routes as a referenced route', () => {
    for (const o of [janssen4ap, janssenSiegfried, guptaBoc]) {
      expect(o.others).toBe(180);
      expect(o.othersCalledReferenced / o.others, o.pair.join(' + ')).toBeLessThanOrEqual(0.05);
    }
  });

  it('calls new sources of referenced routes rightly where the markers separate them from the unreferenced routes, never wrongly', () => {
    // One collection holds 4 new sources per route: one source the typicality test sets apart costs 25 points, so
    // this checks the shape (no wrong call; at most one source left open, naming its route); the >= 95 % target is
    // measured over 24 collections by `npm run bench -- routes` (docs/ATTRIBUTION.md).
    for (const o of [janssen4ap, janssenSiegfried]) expect(o.freshCalled, o.pair.join(' + ')).toBe(o.freshRight);
    expect(janssen4ap.freshSibling).toBe(0);
    expect(janssen4ap.freshRight / janssen4ap.fresh).toBeGreaterThanOrEqual(0.95);
    const janssenOnly = janssenSiegfried.fresh - janssenSiegfried.freshSibling;
    expect((janssenSiegfried.freshRight - janssenSiegfried.freshSiblingRight) / janssenOnly).toBeGreaterThanOrEqual(0.75);
    expect(janssenSiegfried.freshUndeterminedNamed).toBeGreaterThanOrEqual(0.95 * (janssenSiegfried.fresh - janssenSiegfried.freshCalled));
  });

  it('leaves Siegfried undetermined while Gupta, which leaves the same marker, has no references, naming both', () => {
    expect(janssenSiegfried.freshSibling).toBe(24);
    expect(janssenSiegfried.freshSiblingRight).toBe(0);
    expect(janssenSiegfried.freshUndeterminedNamed).toBeGreaterThanOrEqual(janssenSiegfried.freshSibling * 0.95);
  });

  it('states the rule\'s own cross-validated figure, close to what new sources show', () => {
    expect(janssen4ap.nestedRight).toBeGreaterThanOrEqual(0.9);
  });
});
