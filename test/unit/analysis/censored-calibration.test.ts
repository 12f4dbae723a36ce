/**
 * A calibration's LR system compares pairs with their non-detects read as censored (shared/profiling/pair-comparison.ts):
 * on a small collection where weak (heavily cut) samples lose the minor compounds that strong samples of the same
 * source show, the held-out source-level figures improve over the substitute rule, in the way the mechanism says
 * (fewer same-source pairs with LR < 1); the threshold stays on the row distance; the record and its text state the
 * rule; a class's group LR compares its members the same way.
 */
import { describe, expect, it } from 'vitest';
import { computeCalibration, type CalibrationSettings } from '../../../shared/analysis/calibration-compute';
import { calibrationPairs } from '../../../shared/analysis/calibration-pairs';
import { buildCalibrationRecord, readCalibrationRecord } from '../../../shared/analysis/calibration-record';
import { calibrationPairDistance } from '../../../shared/analysis/calibration-comparison';
import { lrSystemLines } from '../../../shared/analysis/lr-system-text';
import { memberLlrs } from '../../../shared/lr/group-lr';
import { censoredPairDistances } from '../../../shared/profiling/censored-distance';
import { simplePopulation } from '../../../shared/profiling/pair-population';
import { mulberry32 } from '../../../shared/profiling/util/rng';
import { signatureMatrixFromRows, withNonDetectRule, type SignatureMatrix } from '../../../shared/profiling/signature-matrix';
import type { PairRule } from '../../../shared/analysis/analysis-inputs';

const SOURCE_RULE: PairRule = { linked_by: ['source'], unlinked_by: { columns: ['source'], rule: 'different' }, linked_group_size: null, unlinked_singletons: false };
const LOD = 40;

/**
 * 8 sources × 14 samples over 12 compounds: a shared base profile (shares 0.2 %–30 %) times a source effect
 * (log-normal, sd 0.35) times within-source noise (sd 0.12); every third sample weak (total area 2,000 against
 * 100,000), so its limit share (40/2,000 = 2 %) hides compounds that strong samples show above theirs (0.04 %).
 */
function weakSampleCollection(seed: number): { matrix: SignatureMatrix; source: string[] } {
  const rng = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const p = 12;
  const base = Array.from({ length: p }, (_, c) => Math.exp(Math.log(0.002) + (c / (p - 1)) * (Math.log(0.3) - Math.log(0.002))));
  const rows: (number | null)[][] = [];
  const source: string[] = [];
  for (let s = 0; s < 8; s++) {
    const profile = base.map((b) => b * Math.exp(0.35 * normal()));
    for (let k = 0; k < 14; k++) {
      const shares = profile.map((v) => v * Math.exp(0.12 * normal()));
      const sum = shares.reduce((a, b) => a + b, 0);
      const total = k % 3 === 0 ? 2000 : 100_000;
      rows.push(shares.map((v) => (v / sum) * total).map((a) => (a >= LOD ? a : null)));
      source.push(`S${s}`);
    }
  }
  const ids = rows.map((_, i) => `X${String(i).padStart(3, '0')}`);
  return { matrix: withNonDetectRule(signatureMatrixFromRows(ids, Array.from({ length: p }, (_, c) => `c${c}`), rows), 'half-lod'), source };
}

const settings = (pairComparison: CalibrationSettings['pairComparison']): CalibrationSettings => ({ pretreatments: ['fourth-root'], scores: ['pearson'], rule: SOURCE_RULE, pairComparison });

describe('a calibration compares its pairs as censored', () => {
  const { matrix, source } = weakSampleCollection(11);
  const population = simplePopulation(source, source);
  const censored = computeCalibration(matrix, population, settings(undefined));
  const substitute = computeCalibration(matrix, population, settings('substitute'));

  it('by default, with held-out figures better than the substitute rule\'s where weak samples lose compounds', () => {
    expect(censored.lrSystem.comparison).toBe('censored');
    expect(substitute.lrSystem.comparison).toBe('substitute');
    const c = censored.lrSystem.pairs.performance!;
    const s = substitute.lrSystem.pairs.performance!;
    // The same pairs and folds; only the comparison differs.
    expect(censored.lrSystem.pairs.label).toEqual(substitute.lrSystem.pairs.label);
    expect(censored.lrSystem.pairs.foldA).toEqual(substitute.lrSystem.pairs.foldA);
    // The substitute rule puts same-source weak/strong pairs far apart; compared as censored they are not.
    expect(s.misleading.hpBelow1).toBeGreaterThan(0.02);
    expect(c.misleading.hpBelow1).toBeLessThan(s.misleading.hpBelow1 / 2);
    expect(c.cllr).toBeLessThan(s.cllr);
    expect(c.cllrMin).toBeLessThanOrEqual(s.cllrMin);
    expect(censored.lrSystem.group!.performance!.cllr).toBeLessThan(substitute.lrSystem.group!.performance!.cllr);
  });

  it('keeps the threshold, its rates and the stored row distances on the pretreated rows, the LR\'s score beside them', () => {
    expect(censored.threshold).toEqual(substitute.threshold);
    expect(censored.distances).toEqual(substitute.distances);
    const pairs = { linked: censored.distances.linked.length };
    const expected = new Float64Array(censored.lrSystem.pairDistance.length);
    // The LR's score of every pair is its censored distance, linked pairs first.
    const all = calibrationPairs(population, {});
    expected.set(censoredPairDistances(matrix, all.linked, 'fourth-root', 'pearson'));
    expected.set(censoredPairDistances(matrix, all.unlinked, 'fourth-root', 'pearson'), pairs.linked);
    expect(censored.lrSystem.pairDistance).toEqual(expected);
  });

  it('states the rule in the record and its text; the group LR of a class compares its members as censored', () => {
    const meta = { id: 'C0001', createdAt: '2026-12-02T00:00:00.000Z', analyst: 'a', appVersion: '0', signature: { roles: null, compounds: [...matrix.compounds], excluded_compounds: [], sample_filter: null, target_list: null, non_detects: 'half-lod' as const }, pairsRule: SOURCE_RULE, batches: [], data: { file: 'calibrations/C0001.arrow', sha256: '0'.repeat(64) }, groupData: { file: 'calibrations/C0001-groups.arrow', sha256: '0'.repeat(64) } };
    const record = buildCalibrationRecord(censored, meta);
    expect(record.lr_system!.pair_comparison).toBe('censored');
    expect(readCalibrationRecord(JSON.parse(JSON.stringify(record))).lr_system!.pair_comparison).toBe('censored');
    const text = lrSystemLines(record).join('\n');
    expect(text).toMatch(/non-detects read as censored values \(Helsel 2012\)/);
    expect(text).toMatch(/The threshold, the classes and the link search use the distance of the pretreated rows/);
    // A source's members against the rest: the record's comparison gives the same LRs as the censored comparer.
    const members = source.flatMap((s, i) => (s === 'S0' ? [i] : []));
    const model = censored.lrSystem.group!.model;
    const byRecord = memberLlrs(calibrationPairDistance(record, matrix), members, model);
    const byCensored = memberLlrs((i, j) => censoredPairDistances(matrix, { i: Uint32Array.of(i), j: Uint32Array.of(j) }, 'fourth-root', 'pearson')[0], members, model);
    expect(byRecord).toEqual(byCensored);
    expect(Math.min(...byRecord)).toBeGreaterThan(0);
  });

  it('falls back to the substitute rule, and says so, for a matrix without detection flags', () => {
    const { detected: _d, ...bare } = matrix;
    const c = computeCalibration(bare, population, settings(undefined));
    expect(c.lrSystem.comparison).toBe('substitute');
    expect(c.lrSystem.notes.join(' ')).toMatch(/no detection flags/);
  });
});
