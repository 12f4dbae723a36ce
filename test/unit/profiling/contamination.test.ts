/**
 * The contamination of the unlinked pairs: the EM equals an independent numpy implementation (selection.json), and on
 * generated collections with known sources (samples/generator, seizure-level variation on) the estimated share and
 * the corrected false-positive rate are checked against the truth.
 */
import { describe, expect, it } from 'vitest';
import { estimateContamination, posteriorSameSource, thresholdAtCorrectedFpr, usableContamination } from '../../../shared/profiling/contamination';
import { buildPairs, pairDistances } from '../../../shared/profiling/pairs';
import { simplePopulation } from '../../../shared/profiling/pair-population';
import { pretreat } from '../../../shared/profiling/pretreatment';
import { thresholdAtFpr } from '../../../shared/profiling/roc';
import { loadFixture } from './fixtures';
import { worldCollection } from '../analysis/world-collection';

interface MixtureFixture {
  linked: number[];
  unlinked: number[];
  em: { share: number; same: [number, number]; different: [number, number]; df: number; iterations: number; posterior_head: number[] };
}

describe('contamination of the unlinked pairs', () => {
  it('fits the semi-supervised mixture, the t\'s degrees of freedom by ECME, exactly as the reference EM (numpy, scipy brentq), to 1e-9', () => {
    const f = loadFixture<{ mixture: MixtureFixture }>('selection').mixture;
    const e = estimateContamination(Float64Array.from(f.linked), Float64Array.from(f.unlinked));
    expect(e.converged).toBe(true);
    expect(e.iterations).toBe(f.em.iterations);
    expect(Math.abs(e.share - f.em.share)).toBeLessThan(1e-9);
    expect(Math.abs(e.sameSource.mean - f.em.same[0])).toBeLessThan(1e-9);
    expect(Math.abs(e.sameSource.sd - f.em.same[1])).toBeLessThan(1e-9);
    expect(Math.abs(e.differentSources.mean - f.em.different[0])).toBeLessThan(1e-9);
    expect(Math.abs(e.differentSources.sd - f.em.different[1])).toBeLessThan(1e-9);
    expect(Math.abs(e.differentSources.df - f.em.df)).toBeLessThan(1e-9);
    // The fixture's different-source pairs are drawn from a t(8): ν is estimated inside its bounds, not left at one.
    expect(e.differentSources.df).toBeGreaterThan(5);
    expect(e.differentSources.df).toBeLessThan(12);
    f.em.posterior_head.forEach((p, k) => expect(Math.abs(e.posterior[k] - p)).toBeLessThan(1e-9));
    expect(Math.abs(posteriorSameSource(e, f.unlinked[3]) - f.em.posterior_head[3])).toBeLessThan(1e-9);
  });

  // Collections of the bundled generator's model, sources → cases → seizures → samples, with the true share known.
  for (const [sources, seed] of [[10, 1], [10, 2], [24, 3], [60, 4]] as const) {
    it(`estimates the share of same-source unlinked pairs within a third of the truth, and corrects the FPR (${sources} sources, seed ${seed})`, () => {
      const c = worldCollection({ sources, seed, seizure: 0.05, sample: 0.04, lodArea: 1500 });
      const pairs = buildPairs(simplePopulation(c.seizure, c.caseId));
      const x = pretreat(c.matrix, 'fourth-root');
      const dl = pairDistances(x, 'pearson', pairs.linked);
      const du = pairDistances(x, 'pearson', pairs.unlinked);
      const same = Array.from(du, (_, k) => c.source[pairs.unlinked.i[k]] === c.source[pairs.unlinked.j[k]]);
      const truth = same.filter(Boolean).length / du.length;
      const e = estimateContamination(dl, du);
      expect(usableContamination(e)).toBe(true);
      expect(Math.abs(e.share - truth) / truth).toBeLessThan(1 / 3);
      // The corrected threshold keeps the true rate among different-source pairs near the accepted 2.5 %, where the
      // textbook threshold on the contaminated pairs falls inside the same-source distribution.
      const corrected = thresholdAtCorrectedFpr(dl, du, e.posterior, 0.025);
      const diff = Array.from(du).filter((_, k) => !same[k]);
      const trueFpr = diff.filter((d) => d <= corrected.threshold).length / diff.length;
      expect(trueFpr).toBeLessThan(0.06);
      const sameD = Array.from(du).filter((_, k) => same[k]);
      const within = (t: number) => sameD.filter((d) => d <= t).length / sameD.length;
      expect(within(corrected.threshold)).toBeGreaterThan(0.95);
      if (sources === 10) expect(within(thresholdAtFpr(dl, du, 0.025).threshold)).toBeLessThan(0.6);
    });
  }

  for (const seed of [6, 7]) {
    it(`finds next to no contamination where the unlinked pairs are all of different sources (seed ${seed})`, () => {
      // Unlinked by source: no pair is contaminated. (With seed 5 two of the 24 sources are chemical twins, 975 of their
      // pairs closer than 0.05: the mixture counts them, as it should count anything that looks like one source.)
      const c = worldCollection({ sources: 24, seed, seizure: 0.05, sample: 0.04, lodArea: 1500 });
      const pairs = buildPairs(simplePopulation(c.seizure, c.source));
      const x = pretreat(c.matrix, 'fourth-root');
      const e = estimateContamination(pairDistances(x, 'pearson', pairs.linked), pairDistances(x, 'pearson', pairs.unlinked));
      expect(e.share).toBeLessThan(0.001);
    });
  }
});
