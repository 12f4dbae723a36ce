/**
 * The database-search threshold (shared/linking/search-threshold.ts) on seeded pair populations: the threshold it
 * gives keeps the false links per search within the target at the rate's upper bound (counted here by brute force),
 * is the loosest calibration distance that does, never looser than the pair threshold; a store too large for the
 * pairs is searched only below the closest different-source pair, with the bound stated.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/profiling/util/rng';
import { fitContamination, posteriorSameSource, thresholdAtCorrectedFpr } from '../../../shared/profiling/contamination';
import { thresholdAtFpr } from '../../../shared/profiling/roc';
import { rateUpperBound } from '../../../shared/linking/rate-bound';
import { rateAt, searchThreshold, tailOf } from '../../../shared/linking/search-threshold';
import { searchThresholdText, searchRuleText } from '../../../shared/linking/search-text';

/** Log-normal distances: linked around 0.003, unlinked around 0.1 (Pearson-like, in distance units). */
function population(seed: number, nLinked: number, nUnlinked: number, contamination = 0): { linked: Float64Array; unlinked: Float64Array } {
  const rng = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const linked = Float64Array.from({ length: nLinked }, () => 0.003 * Math.exp(0.6 * normal()));
  const unlinked = Float64Array.from({ length: nUnlinked }, () => (rng.next() < contamination ? 0.003 * Math.exp(0.6 * normal()) : 0.1 * Math.exp(0.8 * normal())));
  return { linked, unlinked };
}

const score100 = (d: number): number => d * 100;

describe('searchThreshold', () => {
  const pairs = population(11, 400, 3000);
  const tail = tailOf(pairs, null);
  const pair = thresholdAtFpr(pairs.linked, pairs.unlinked, 0.025).threshold;
  const candidates = Float64Array.from([...pairs.linked, ...pairs.unlinked]).sort();

  for (const searched of [10, 30, 300, 1000, 100_000]) {
    it(`keeps at most 1 false link per search at 95 % against ${searched} profiles, at the loosest distance that does`, () => {
      const s = searchThreshold(tail, pair, searched, 'fentanyl', score100);
      expect(s.threshold).not.toBeNull();
      const t = s.threshold!;
      expect(t).toBeLessThanOrEqual(pair);
      const k = pairs.unlinked.filter((d) => d <= t).length;
      expect(s.fpr).toBe(k / pairs.unlinked.length);
      expect(s.fpr_upper).toBeCloseTo(rateUpperBound(k, pairs.unlinked.length), 12);
      expect(s.expected_false_links).toBeCloseTo((k / pairs.unlinked.length) * searched, 10);
      if (s.rule === 'tail-limited') {
        // No different-source pair of the calibration is this close; the bound is the rule of three, times the store.
        expect(k).toBe(0);
        expect(s.expected_false_links_upper).toBeGreaterThan(1);
        expect(s.expected_false_links_upper).toBeCloseTo(searched * rateUpperBound(0, 3000), 9);
        const closest = Math.min(...pairs.unlinked);
        expect(candidates.filter((d) => d > t && d < closest)).toEqual(new Float64Array(0));
        return;
      }
      expect(s.expected_false_links_upper).toBeLessThanOrEqual(1);
      if (s.rule === 'pair-threshold') return expect(t).toBe(pair);
      // The next calibration distance up breaks the rule.
      const next = candidates.find((d) => d > t)!;
      expect(next).toBeLessThanOrEqual(pair);
      expect(rateUpperBound(pairs.unlinked.filter((d) => d <= next).length, 3000) * searched).toBeGreaterThan(1);
    });
  }

  it('keeps the calibration threshold for a small store, tightens it as the store grows, and is tail-limited beyond the pairs', () => {
    const rules = [10, 1000, 100_000].map((n) => searchThreshold(tail, pair, n, null, score100));
    expect(rules.map((r) => r.rule)).toEqual(['pair-threshold', 'expected-false-links', 'tail-limited']);
    expect(rules[1].threshold!).toBeLessThan(pair);
    expect(rules[2].threshold!).toBeLessThanOrEqual(rules[1].threshold!);
    // The words say which rule holds and, past the tail, that the target is not shown.
    const rule = { target_false_links: 1, confidence: 0.95, different_source_pairs: 3000, effective_pairs: 3000, corrected: false, closest_different_source: Math.min(...pairs.unlinked) };
    expect(searchThresholdText(rules[0], rule)).toMatch(/^no main drug: the calibration’s threshold \(score [\d.]+\/100\) against 10 no main drug profiles: [\d.]+ false links per search expected \(at most [\d.]+ at 95 %\)$/);
    expect(searchThresholdText(rules[1], rule)).toContain('stricter than the calibration’s, against 1,000');
    expect(searchThresholdText(rules[2], rule)).toMatch(/not shown to give at most 1 false link per search: up to 100 at 95 % .*not extrapolated/);
    expect(searchRuleText(rule)).toContain('stay at most 1 at 95 % confidence');
    expect(searchRuleText(null)).toContain('made before search thresholds');
  });

  it('with a higher target or a lower confidence, keeps more', () => {
    const strict = searchThreshold(tail, pair, 1000, null, score100);
    const loose = searchThreshold(tail, pair, 1000, null, score100, { expectedFalseLinks: 10, confidence: 0.95 });
    const lessSure = searchThreshold(tail, pair, 1000, null, score100, { expectedFalseLinks: 1, confidence: 0.5 });
    expect(loose.threshold!).toBeGreaterThan(strict.threshold!);
    expect(lessSure.threshold!).toBeGreaterThan(strict.threshold!);
  });

  it('links nothing when no calibration distance lies below the closest different-source pair', () => {
    const odd = { linked: Float64Array.from([0.5, 0.6]), unlinked: Float64Array.from({ length: 100 }, (_, k) => 0.2 + k * 0.01) };
    const s = searchThreshold(tailOf(odd, null), 0.6, 1000, 'cocaine', score100);
    expect(s).toMatchObject({ rule: 'tail-limited', threshold: null, score_100: null });
  });

  it('counts unlinked pairs by their posterior of different sources, as the calibration\u2019s corrected threshold does', () => {
    const mixed = population(5, 400, 6000, 0.05);
    const { estimate } = fitContamination(mixed.linked, mixed.unlinked);
    const posterior = Float64Array.from(mixed.unlinked, (d) => posteriorSameSource(estimate, d));
    const corrected = thresholdAtCorrectedFpr(mixed.linked, mixed.unlinked, posterior, 0.025);
    const weighted = tailOf(mixed, estimate);
    expect(weighted.corrected).toBe(true);
    expect(rateAt(weighted, corrected.threshold).fpr).toBeCloseTo(corrected.fpr, 12);
    // The same-source pairs among the unlinked ones do not count as false links: the weighted rate is the lower.
    expect(rateAt(weighted, corrected.threshold).fpr).toBeLessThan(rateAt(tailOf(mixed, null), corrected.threshold).fpr);
  });
});
