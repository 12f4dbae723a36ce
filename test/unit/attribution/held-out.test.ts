/**
 * Held-out checks on generated data with known routes and sources (docs/ATTRIBUTION.md). Reproduce the table with
 *   npx vitest run --project unit test/unit/attribution/held-out.test.ts
 * which prints it. Chance is 0.2 (5 routes). The levels asserted sit under every seed's figure with a margin; what
 * they defend is the shape of the result: far above chance, calls more reliable than bare argmax, grouped
 * cross-validation an honest estimate of accuracy on new sources, sample-wise folds optimistic, and no source named
 * for a new lab under the conservative rule.
 */
import { describe, expect, it } from 'vitest';
import { heldOutExperiment, type HeldOutFigures } from './held-out';

const SEEDS = [1, 2, 3, 4, 5];

function table(rows: HeldOutFigures[]): string {
  const f = (v: number) => v.toFixed(2);
  const lines = [
    '| seed | comparison | CV LDA | CV kNN | CV ensemble | CV whole rule (nested) | CV by sample | new: ensemble | new: called | new: right when called | new: right | known seizure: right | markers alone: called / right | source found (threshold / +LR) | no false source (threshold / +LR) | new, gate: called / right when called / wrong |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const mean = (g: (r: HeldOutFigures) => number) => rows.reduce((s, r) => s + g(r), 0) / rows.length;
  const row = (label: string, comparison: string, get: (r: (r: HeldOutFigures) => number) => number) =>
    `| ${label} | ${comparison} | ${f(get((r) => r.cv.lda))} | ${f(get((r) => r.cv.knn))} | ${f(get((r) => r.cv.ensemble))} | ${f(get((r) => r.cv.combined))} | ${f(get((r) => r.cv.sampleWise))} | ${f(get((r) => r.newSource.ensemble))} | ${f(get((r) => r.newSource.coverage))} | ${f(get((r) => r.newSource.accuracyCalled))} | ${f(get((r) => r.newSource.accuracy))} | ${f(get((r) => r.knownSource.accuracy))} | ${f(get((r) => r.markersOnly.coverage))} / ${f(get((r) => r.markersOnly.accuracyCalled))} | ${f(get((r) => r.sourceRecall.threshold))} / ${f(get((r) => r.sourceRecall['threshold-and-lr']))} | ${f(get((r) => r.noFalseSource.threshold))} / ${f(get((r) => r.noFalseSource['threshold-and-lr']))} | ${f(get((r) => r.gated.coverage))} / ${f(get((r) => r.gated.accuracyCalled))} / ${f(get((r) => r.gated.wrong))} |`;
  for (const r of rows) lines.push(row(String(r.seed), r.choice, (g) => g(r)));
  lines.push(row('mean', '', mean));
  return lines.join('\n');
}

describe('held-out attribution on generated fentanyl data (5 routes, 60 sources, 300 samples per seed)', () => {
  const rows = SEEDS.map(heldOutExperiment);
  const mean = (g: (r: HeldOutFigures) => number) => rows.reduce((s, r) => s + g(r), 0) / rows.length;

  it('prints the figures of docs/ATTRIBUTION.md', () => {
    console.info(`\n${table(rows)}\n`);
    expect(rows.every((r) => r.newSource.n === 120 && r.knownSource.n === 90)).toBe(true);
  });

  it('attributes routes of new sources far above chance, and calls are more reliable than bare argmax', () => {
    for (const r of rows) {
      expect(r.newSource.ensemble).toBeGreaterThanOrEqual(0.8);
      expect(r.newSource.accuracyCalled).toBeGreaterThanOrEqual(0.8);
      expect(r.newSource.coverage).toBeGreaterThanOrEqual(0.9);
      // 0.93–1.00 since classes gather a source's seizures (docs/ATTRIBUTION.md); 0.98–1.00 before.
      expect(r.knownSource.accuracy).toBeGreaterThanOrEqual(0.9);
    }
    expect(mean((r) => r.newSource.accuracyCalled)).toBeGreaterThanOrEqual(mean((r) => r.newSource.ensemble) - 1e-9);
  });

  it('with the per-route gate, calls fewer new sources but is wrong less often; the gated routes are those the references confuse', () => {
    for (const r of rows) {
      expect(r.gated.coverage).toBeLessThanOrEqual(r.newSource.coverage);
      expect(r.gated.wrong).toBeLessThanOrEqual(r.newSource.coverage * (1 - r.newSource.accuracyCalled) + 1e-9);
      expect(r.gated.accuracyCalled).toBeGreaterThanOrEqual(0.9);
      // Janssen, 4-AP and 1-boc-4-AP have markers of their own and are never gated here.
      expect(r.gated.gatedRoutes.filter((g) => !['siegfried', 'gupta'].includes(g))).toEqual([]);
    }
    expect(mean((r) => r.gated.accuracyCalled)).toBeGreaterThan(mean((r) => r.newSource.accuracyCalled));
  });

  it('estimates accuracy on new sources honestly with folds grouped by source, not by sample', () => {
    // Grouped folds never overstate it; they understate it a little (each fold trains on 4/5 of the sources:
    // 0.83 against 0.94 with fourth-root + Pearson, 0.86 against 0.93 when the calibration chose otherwise).
    expect(mean((r) => r.cv.ensemble)).toBeLessThanOrEqual(mean((r) => r.newSource.ensemble) + 0.02);
    expect(mean((r) => r.newSource.ensemble) - mean((r) => r.cv.ensemble)).toBeLessThanOrEqual(0.12);
    expect(mean((r) => r.cv.sampleWise)).toBeGreaterThan(mean((r) => r.cv.ensemble));
  });

  it('lets marker rules alone call few samples, and rightly', () => {
    for (const r of rows) {
      expect(r.markersOnly.accuracyCalled).toBeGreaterThanOrEqual(0.95);
      expect(r.markersOnly.coverage).toBeLessThan(0.5);
    }
  });

  it('names the known source of unseen seizures and, with the LR rule, never a source for a new lab', () => {
    expect(mean((r) => r.sourceRecall.threshold)).toBeGreaterThanOrEqual(0.9);
    // 0.70 since classes gather a source's seizures (0.90 before): the threshold rule alone names a source for more
    // new-lab classes; the LR rule below still names none.
    expect(mean((r) => r.noFalseSource.threshold)).toBeGreaterThanOrEqual(0.65);
    for (const r of rows) expect(r.noFalseSource['threshold-and-lr']).toBe(1);
  });
});
