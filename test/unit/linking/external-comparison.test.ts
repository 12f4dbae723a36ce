/**
 * A partner's profiles with detection flags compared as censored (shared/linking/external-comparison.ts): on a
 * generated collection of two results batches with different detection limits, the second batch's samples are ours
 * and the first batch's are sent as a package would send them (relative areas, flags and limits through the profiles
 * table's Arrow bytes). Every pair's distance, and its LR by the calibration's validated system, equals the one of
 * the same two samples held in one workspace, for every N-based pretreatment and 'none'; without flags there is no
 * censored comparison to make.
 */
import { describe, expect, it } from 'vitest';
import { computeCalibration } from '../../../shared/analysis/calibration-compute';
import { buildCalibrationRecord, type CalibrationRecord } from '../../../shared/analysis/calibration-record';
import { calibrationPairDistance, recordScaling } from '../../../shared/analysis/calibration-comparison';
import type { PairRule } from '../../../shared/analysis/analysis-inputs';
import { evidenceModel } from '../../../shared/linking/link-evidence';
import { externalPairDistance } from '../../../shared/linking/external-comparison';
import { substituteNonDetects } from '../../../shared/profiling/non-detects';
import { simplePopulation } from '../../../shared/profiling/pair-population';
import { pairDistanceOf } from '../../../shared/profiling/pair-comparison';
import { pretreat, type Pretreatment } from '../../../shared/profiling/pretreatment';
import type { Score } from '../../../shared/profiling/scores';
import { selectSamples, signatureMatrixFromRows, type SignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { mulberry32 } from '../../../shared/profiling/util/rng';
import { detectionOf } from '../../../shared/sharing/detection-part';
import { profilesFromArrow, profilesToArrow, type ProfileColumns } from '../../../shared/sharing/profiles-arrow';
import type { Workspace } from '../../../shared/workspace/Workspace';

const RULE: PairRule = { linked_by: ['source'], unlinked_by: { columns: ['source'], rule: 'different' }, linked_group_size: null, unlinked_singletons: false };

/**
 * 8 sources × 16 samples over 10 compounds (shares 0.3 %–30 %, source effect sd 0.35, within-source sd 0.12), every
 * third sample weak (total 3,000 against 100,000); even samples in batch 1 (limit 40 counts), odd in batch 2 (120):
 * each batch's non-detects at its half-lod substitute and each sample's limit its batch's, as the workspace's loader
 * gives them.
 */
function twoBatches(seed: number): { matrix: SignatureMatrix; source: string[]; batch1: number[]; batch2: number[] } {
  const rng = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const p = 10;
  const base = Array.from({ length: p }, (_, c) => Math.exp(Math.log(0.003) + (c / (p - 1)) * (Math.log(0.3) - Math.log(0.003))));
  const rows: (number | null)[][] = [];
  const source: string[] = [];
  for (let s = 0; s < 8; s++) {
    const profile = base.map((b) => b * Math.exp(0.35 * normal()));
    for (let k = 0; k < 16; k++) {
      const shares = profile.map((v) => v * Math.exp(0.12 * normal()));
      const sum = shares.reduce((a, b) => a + b, 0);
      const total = k % 3 === 0 ? 3000 : 100_000;
      const lod = rows.length % 2 === 0 ? 40 : 120;
      rows.push(shares.map((v) => (v / sum) * total).map((a) => (a >= lod ? a : null)));
      source.push(`S${s}`);
    }
  }
  const ids = rows.map((_, i) => `X${String(i).padStart(3, '0')}`);
  const raw = signatureMatrixFromRows(ids, Array.from({ length: p }, (_, c) => `c${c}`), rows);
  const batch1 = ids.flatMap((_, i) => (i % 2 === 0 ? [i] : []));
  const batch2 = ids.flatMap((_, i) => (i % 2 === 1 ? [i] : []));
  const values = Float64Array.from(raw.values);
  const limits = new Float64Array(ids.length);
  for (const batch of [batch1, batch2]) {
    const part = selectSamples(raw, batch);
    const v = Float64Array.from(part.values);
    const { lod } = substituteNonDetects(v, part.detected!, p);
    batch.forEach((i, r) => {
      values.set(v.subarray(r * p, r * p + p), i * p);
      limits[i] = lod;
    });
  }
  return { matrix: { ...raw, values, nonDetects: 'half-lod', limits }, source, batch1, batch2 };
}

function calibrate(matrix: SignatureMatrix, source: string[], pretreatment: Pretreatment, score: Score): CalibrationRecord {
  const c = computeCalibration(matrix, simplePopulation(source, source), { pretreatments: [pretreatment], scores: [score], rule: RULE });
  const file = { file: 'calibrations/C0001.arrow', sha256: '0'.repeat(64) };
  return buildCalibrationRecord(c, { id: 'C0001', createdAt: '2026-12-02T00:00:00.000Z', analyst: 'a', appVersion: '0', signature: { roles: null, compounds: [...matrix.compounds], excluded_compounds: [], sample_filter: null, target_list: null, non_detects: 'half-lod' }, pairsRule: RULE, batches: [], data: file, groupData: file });
}

/** Their samples as a package carries them: through the profiles table's Arrow bytes, read with their detection part. */
function asSent(m: SignatureMatrix, record: CalibrationRecord, withFlags: boolean): ProfileColumns {
  const n = m.sampleIds.length;
  const pre = pretreat(m, record.chosen.pretreatment, { logOffset: record.inputs.log_offset, scaling: recordScaling(record) });
  const none = Array.from({ length: n }, () => null);
  const bytes = profilesToArrow({
    n,
    lab: m.sampleIds.map(() => 'lab A'),
    facts: { sample_id: [...m.sampleIds], class_id: none, drug: none, seized_on: none, region: none, port_of_entry: none, agency: null, case_id: null, seizure_id: null },
    compounds: m.compounds,
    values: pre.values,
    relative: pretreat(m, 'n').values,
    detection: withFlags ? detectionOf(m) : null,
  });
  return profilesFromArrow(bytes, m.compounds, 'lab-a.sigwb: profiles.arrow', { detection: withFlags });
}

describe('a partner\'s profiles with detection flags are compared as censored, as if they were ours', () => {
  const { matrix, source, batch1, batch2 } = twoBatches(5);
  const ours = selectSamples(matrix, batch2);
  const theirs = selectSamples(matrix, batch1);
  const oursIdx = batch2.map((_, r) => r);
  const theirIdx = batch1.map((_, r) => r);

  it.each([
    ['fourth-root', 'pearson'],
    ['log', 'euclidean'],
    ['n+s', 'manhattan'],
    ['sqrt', 'cosine'],
    ['n', 'canberra'],
    ['none', 'pearson'],
  ] as const)('%s + %s: every pair\'s distance and LR equal those of the two samples held in one workspace', async (pretreatment, score) => {
    const record = calibrate(matrix, source, pretreatment, score);
    expect(record.lr_system!.pair_comparison).toBe('censored');
    const external = externalPairDistance(record, ours, oursIdx, asSent(theirs, record, true), theirIdx)!;
    expect(external).not.toBeNull();
    const local = calibrationPairDistance(record, matrix);
    const rows = pairDistanceOf(matrix, 'substitute', pretreatment, score, { logOffset: record.inputs.log_offset, scaling: recordScaling(record) });
    const evidence = await evidenceModel(undefined as unknown as Workspace, record);
    expect(evidence.validated).toBe(true);
    let censoringMatters = 0;
    for (const a of oursIdx) {
      for (const k of theirIdx) {
        const want = local(batch2[a], batch1[k]);
        const got = external(a, k);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
        expect(evidence.of(0, got).log10Lr!).toBeCloseTo(evidence.of(0, want).log10Lr!, 10);
        if (Math.abs(rows(batch2[a], batch1[k]) - want) > 1e-6 * Math.max(1, Math.abs(want))) censoringMatters++;
      }
    }
    // The comparison differs from the row distance for weak samples' pairs: the equality is not the rows' by accident.
    expect(censoringMatters).toBeGreaterThan(50);
  });

  it('needs the partner\'s detection flags: without them there is no censored comparison to make', () => {
    const record = calibrate(matrix, source, 'fourth-root', 'pearson');
    expect(externalPairDistance(record, ours, oursIdx, asSent(theirs, record, false), theirIdx)).toBeNull();
  });

  it('sends no flags for signatures under the earlier non-detect rule, which states no limits', () => {
    const { limits: _l, ...withoutLimits } = matrix;
    expect(detectionOf({ ...withoutLimits, nonDetects: 'zero' })).toBeNull();
    expect(detectionOf(matrix)!.limits.every((l) => l > 0 && l < 1)).toBe(true);
  });
});
