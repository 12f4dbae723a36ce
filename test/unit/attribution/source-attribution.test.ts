import { describe, expect, it } from 'vitest';
import { attributeSource, knownSources } from '../../../shared/attribution/source-attribution';
import { fitScoreLr } from '../../../shared/lr/score-lr';
import { prepareRows } from '../../../shared/profiling/scores';
import { mulberry32 } from '../../../shared/profiling/util/rng';

// Rows 0–2 source A, 3–5 source B (references); 6–7 near A; 8–9 unlike both. Euclidean distances on 2 compounds.
const values = Float64Array.from([0, 0, 0.1, 0, 0, 0.1, 5, 5, 5.1, 5, 5, 5.1, 0.05, 0.05, 0.1, 0.1, 20, 0, 20, 0.1]);
const prepared = prepareRows(values, 10, 2, 'euclidean');
const sources = knownSources([0, 1, 2, 3, 4, 5], ['A', 'A', 'A', 'B', 'B', null], ['gupta', 'gupta', 'gupta', 'janssen', 'janssen', 'janssen']);
const rng = mulberry32(3);
const linked = Float64Array.from({ length: 200 }, () => Math.abs(0.1 * rng.nextNormal()));
const unlinked = Float64Array.from({ length: 2000 }, () => 3 + 4 * rng.next() * 4);
const distances = Float64Array.from([...linked, ...unlinked]);
const labels = Uint8Array.from(distances, (_, i) => (i < linked.length ? 1 : 0));
const system = { model: fitScoreLr(distances, labels), propositions: { level: 'source' as const, short: { hp: 'the same source', hd: 'different sources' } }, maxMembers: 50 };
const calibration = { threshold: 0.3, lr: system };

describe('source per class', () => {
  it('groups reference samples by source name, leaving out those without one', () => {
    expect(sources.map((s) => [s.source, Array.from(s.rows), s.routes])).toEqual([
      ['A', [0, 1, 2], ['gupta']],
      ['B', [3, 4], ['janssen']],
    ]);
  });

  it('names the nearest source within the threshold, with an LR supporting a common source', () => {
    const r = attributeSource(prepared, [6, 7], sources, calibration);
    expect(r.source).toBe('A');
    const best = r.candidates[0];
    expect(best).toMatchObject({ source: 'A', references: 3, routes: ['gupta'], withinThreshold: true, passes: true });
    expect(best.medianDistance).toBeLessThan(0.3);
    expect(best.lr!.lr).toBeGreaterThan(1);
    expect(best.lr!.verbal.supports).toBe('linked');
    expect(best.lr!.verbal.text).toMatch(/^The findings provide .* support for the proposition that the sample comes from the same source as the known source's reference samples rather than that it comes from a different source than the known source's reference samples\.$/);
    expect(best.opposing).toBe(0);
    expect(r.candidates.map((c) => c.source)).toEqual(['A', 'B']);
  });

  it('says "no known source" when none is within the threshold', () => {
    const r = attributeSource(prepared, [8, 9], sources, calibration);
    expect(r.source).toBeNull();
    expect(r.candidates[0].withinThreshold).toBe(false);
    expect(r.candidates[0].lr!.verbal.supports).toBe('unlinked');
    expect(r.candidates[0].opposing).toBe(2);
  });

  it('with the conservative rule, refuses a source within the threshold whose LR supports different sources', () => {
    const loose = { threshold: 2.5, lr: calibration.lr };
    const q = [6, 7].map((i) => i);
    const far = Float64Array.from(values);
    far[12] = 1.2; far[13] = 1.2; far[14] = 1.3; far[15] = 1.2;
    const p = prepareRows(far, 10, 2, 'euclidean');
    expect(attributeSource(p, q, sources, loose).source).toBe('A');
    const strict = attributeSource(p, q, sources, loose, 3, 'threshold-and-lr');
    expect(strict.source).toBeNull();
    expect(strict.candidates[0]).toMatchObject({ withinThreshold: true, passes: false });
  });

  it('uses the median pair distance, not the nearest pair', () => {
    const r = attributeSource(prepared, [6], sources, calibration, 1);
    const d = [0, 1, 2].map((j) => Math.hypot(values[12] - values[2 * j], values[13] - values[2 * j + 1])).sort((a, b) => a - b);
    expect(r.candidates[0].medianDistance).toBeCloseTo(d[1], 12);
    expect(r.candidates[0].nearestDistance).toBeCloseTo(d[0], 12);
    expect(r.candidates).toHaveLength(1);
  });

  it('states no LR, and passes nothing under the conservative rule, without a validated group system', () => {
    const r = attributeSource(prepared, [6, 7], sources, { threshold: 0.3, lr: null }, 3, 'threshold-and-lr');
    expect(r.source).toBeNull();
    expect(r.candidates[0]).toMatchObject({ source: 'A', withinThreshold: true, passes: false, lr: null });
  });

  it('returns nothing without members or sources', () => {
    expect(attributeSource(prepared, [], sources, calibration)).toEqual({ source: null, candidates: [] });
    expect(attributeSource(prepared, [6], [], calibration)).toEqual({ source: null, candidates: [] });
  });
});
