import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../shared/db/Database';
import { calibrateWorkspace } from '../../../shared/analysis/calibrate-workspace';
import { CALIBRATION_FORMAT, CALIBRATION_VERSION, readCalibrationRecord, type CalibrationRecord } from '../../../shared/analysis/calibration-record';
import {
  calibrationIds,
  calibrationInForce,
  calibrationLrModels,
  latestCalibration,
  readCalibration,
  readCalibrationComparisons,
  readCalibrationDistances,
  setCalibrationInForce,
} from '../../../shared/analysis/calibration-store';
import { computeCalibration } from '../../../shared/analysis/calibration-compute';
import { minUnlinkedPairs } from '../../../shared/analysis/calibration-pairs';
import { AnalysisRefusal } from '../../../shared/analysis/analysis-refusal';
import { RecordError } from '../../../shared/analysis/record-version';
import { loadSignatures } from '../../../shared/analysis/signature-query';
import { PRETREATMENTS } from '../../../shared/profiling/pretreatment';
import { SCORES } from '../../../shared/profiling/scores';
import { scoreLlr } from '../../../shared/lr/score-lr';
import { cllr } from '../../../shared/lr/performance';
import { sha256Hex } from '../../../shared/util/sha256';
import type { Workspace } from '../../../shared/workspace/Workspace';
import { tempDir } from '../../util/temp-dir';
import { makeWorkspace, openWorkspaceDb, SIGNATURE_COMPOUNDS, TEST_ACTOR } from './make-workspace';
import { simplePopulation } from '../../../shared/profiling/pair-population';

const author = { analyst: 'analyst-a', appVersion: '0.1.0', now: TEST_ACTOR.now };
let dir: string;
let cleanup: () => void;
let ws: Workspace;
let db: Database;
let first: CalibrationRecord;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  await makeWorkspace(path.join(dir, 'ws'));
  ({ ws, db } = await openWorkspaceDb(path.join(dir, 'ws')));
  first = (await calibrateWorkspace(ws, db, { author })).record;
  // Opening DuckDB and calibrating 35 combinations with the LR system's 30 fits: seconds, more on a busy machine.
}, 120_000);
afterAll(async () => {
  await db.close();
  cleanup();
});

describe('calibration of a workspace', () => {
  it('separates linked from unlinked pairs: AUC > 0.95 for N^1/4 + Pearson, every combination figured', () => {
    expect(first.combinations).toHaveLength(PRETREATMENTS.length * SCORES.length);
    const n4p = first.combinations.find((c) => c.pretreatment === 'fourth-root' && c.score === 'pearson');
    expect(n4p?.auc).toBeGreaterThan(0.95);
    expect(first.auc).toBeGreaterThan(0.99);
    // The literature default stays: no combination is clearly better on these pairs (ROC AUCs within 0.005).
    expect(first.chosen).toMatchObject({ pretreatment: 'fourth-root', score: 'pearson', kind: 'default' });
    expect(first.chosen.reason).toMatch(/^∜N \+ Pearson, the literature default \(Andersson et al\. 2007\): ROC AUC 0\.9\d{3} \(95 % interval 0\.9\d{3}–[01]\.\d{4}, bootstrap grouped by seizure\)/);
    for (let k = 1; k < first.combinations.length; k++) expect(first.combinations[k].auc).toBeLessThanOrEqual(first.combinations[k - 1].auc);
    // 24 sources × 2 cases: 864 of the 40,608 unlinked pairs (2.1 %) share a source; the threshold is at 2.5 % among the others.
    expect(first.contamination?.share).toBeGreaterThan(0.015);
    expect(first.contamination?.share).toBeLessThan(0.03);
    expect(first.threshold.rule).toBe('corrected-fpr');
    expect(first.threshold.fpr).toBeLessThanOrEqual(0.025);
    expect(first.threshold.raw_fpr).toBeGreaterThan(first.threshold.fpr);
    expect(first.threshold.tpr).toBeGreaterThan(0.9);
    for (const c of first.combinations) {
      expect(c.roc.fpr.length).toBeLessThanOrEqual(60);
      expect(c.roc.fpr[0]).toBe(0);
      expect(c.roc.tpr[c.roc.tpr.length - 1]).toBe(1);
      expect(c.distributions.linked.reduce((a, b) => a + b, 0)).toBe(first.inputs.pairs.linked);
      expect(c.distributions.unlinked.reduce((a, b) => a + b, 0)).toBe(first.inputs.pairs.unlinked);
    }
  });

  it('states its inputs: signature, pair rule, pair counts, seed and the SHA-256 of every batch', () => {
    expect(first.id).toBe('C0001');
    expect(first.analyst).toBe('analyst-a');
    expect(first.inputs.signature.roles).toEqual(['impurity', 'precursor', 'unassigned']);
    expect(first.inputs.signature.compounds).toHaveLength(SIGNATURE_COMPOUNDS.length);
    expect(first.inputs.pairs_rule).toEqual({ linked_by: ['seizure_id'], unlinked_by: { columns: ['case_id'], rule: 'different' }, linked_group_size: null, unlinked_singletons: false });
    expect(first.inputs.signature.excluded_compounds).toEqual([]);
    expect(first.warnings).toEqual([]);
    // 24 sources × 2 cases × 2 seizures × 3 samples: 3 linked pairs per seizure.
    expect(first.inputs.pairs).toMatchObject({ linked: 96 * 3, linked_total: 96 * 3, seed: 1 });
    expect(first.inputs.batches.map((b) => b.data_sha256)).toEqual(ws.manifest.batches.map((b) => b.data_sha256));
  });

  it('round-trips through its schema and refuses other formats and newer versions', async () => {
    const stored = JSON.parse(readFileSync(path.join(dir, 'ws', 'config', 'calibration-C0001.json'), 'utf8')) as unknown;
    expect(readCalibrationRecord(stored)).toEqual(first);
    expect(await readCalibration(ws, 'C0001')).toEqual(first);
    expect(() => readCalibrationRecord({ ...first, schema_version: CALIBRATION_VERSION + 1 })).toThrow(new RegExp(`newer Signature Workbench \\(schema ${CALIBRATION_VERSION + 1}`));
    expect(() => readCalibrationRecord({ ...first, format: 'other' })).toThrow(RecordError);
    expect(() => readCalibrationRecord({ ...first, auc: 'high' })).toThrow(/auc/);
    expect(first.format).toBe(CALIBRATION_FORMAT);
  });

  it('keeps the pair distances with their folds and held-out LRs, from which the recorded validation figures follow', async () => {
    const d = await readCalibrationDistances(ws, first);
    expect(d.linked.length).toBe(first.data.linked);
    expect(d.unlinked.length).toBe(first.data.unlinked);
    const stored = await readCalibrationComparisons(ws, first);
    const v = first.lr_system!.pairs.validation!;
    const keep = [...stored.pairs.heldOut!.keys()].filter((i) => !Number.isNaN(stored.pairs.heldOut![i]));
    expect(keep.length).toBe(v.validated.hp + v.validated.hd);
    expect(cllr(keep.map((i) => stored.pairs.heldOut![i]), keep.map((i) => stored.pairs.label[i]))).toBe(v.cllr);
    expect(stored.group!.distance.length).toBe(first.group_data!.comparisons);
    // Recomputing on the same signatures gives the same distances and the same LR system.
    const loaded = await loadSignatures(db);
    const again = computeCalibration(loaded.matrix,simplePopulation(loaded.facts.seizureId, loaded.facts.caseId));
    expect(again.distances.linked).toEqual(d.linked);
    expect(again.distances.unlinked).toEqual(d.unlinked);
    expect(again.lrSystem.pairs.heldOut).toEqual(stored.pairs.heldOut);
    // The record's model alone gives the LRs: a typical linked distance supports Hp, a typical unlinked one Hd.
    const models = calibrationLrModels(first)!;
    expect(scoreLlr(models.pair, first.combinations[0].distributions.linked_quantiles[6])).toBeGreaterThan(0);
    expect(scoreLlr(models.pair, first.combinations[0].distributions.unlinked_quantiles[6])).toBeLessThan(0);
    expect(first.lr_system!.propositions.level).toBe('seizure');
    expect(first.lr_system!.propositions.hp).toBe('Hp: The two samples come from the same seizure.');
  });

  it('reads a calibration of schema 2: its KDE model kept read-only, no LR system, its data file as `data`', () => {
    const { data, lr_system: _s, group_data: _g, legacy_lr_model: _l, ...rest } = first;
    const v1 = {
      ...rest,
      schema_version: 2,
      lr_model: { kind: 'gaussian-kde-ratio', bandwidth_rule: 'scott', cap: 'sample-size', linked: { count: 9, bandwidth: 0.01, factor: 0.6 }, unlinked: { count: 90, bandwidth: 0.1, factor: 0.4 }, min_lr: 1 / 9, max_lr: 90, data },
    };
    const read = readCalibrationRecord(v1);
    expect(read.lr_system).toBeNull();
    expect(read.data).toEqual(data);
    expect(read.legacy_lr_model).toMatchObject({ kind: 'gaussian-kde-ratio', max_lr: 90 });
    expect(calibrationLrModels(read)).toBeNull();
  });

  it('versions: a new calibration gets the next id, never overwrites, and comes into force', async () => {
    const before = readFileSync(path.join(dir, 'ws', 'config', 'calibration-C0001.json'));
    const second = (await calibrateWorkspace(ws, db, { author, settings: { acceptedFpr: 0.005 } })).record;
    expect(second.id).toBe('C0002');
    expect(second.accepted_fpr).toBe(0.005);
    expect(second.threshold.distance).toBeLessThanOrEqual(first.threshold.distance);
    expect(readFileSync(path.join(dir, 'ws', 'config', 'calibration-C0001.json'))).toEqual(before);
    expect(calibrationIds(ws)).toEqual(['C0001', 'C0002']);
    expect((await latestCalibration(ws))?.id).toBe('C0002');
    expect((await calibrationInForce(ws))?.id).toBe('C0002');
    await setCalibrationInForce(ws, 'C0001', author);
    expect((await calibrationInForce(ws))?.id).toBe('C0001');
    // Each choice is a version of its own; the earlier one is kept unchanged.
    const firstChoice = readFileSync(path.join(dir, 'ws', 'config', 'calibration-in-force-V0001.json'));
    await setCalibrationInForce(ws, 'C0002', author);
    expect((await calibrationInForce(ws))?.id).toBe('C0002');
    expect(readFileSync(path.join(dir, 'ws', 'config', 'calibration-in-force-V0001.json'))).toEqual(firstChoice);
    expect(readFileSync(path.join(dir, 'ws', 'config', 'calibration-in-force.json'))).toEqual(readFileSync(path.join(dir, 'ws', 'config', 'calibration-in-force-V0002.json')));
    expect((await ws.readAudit()).entries.filter((e) => e.action === 'calibration.in-force').map((e) => e.details?.version)).toEqual(['V0001', 'V0002']);
    await setCalibrationInForce(ws, 'C0001', author);
    const third = (await calibrateWorkspace(ws, db, { author })).record;
    expect((await calibrationInForce(ws))?.id).toBe(third.id);
    await expect(setCalibrationInForce(ws, 'C0099', author)).rejects.toThrow(/no calibration C0099/);
  });

  it('writes the data file and the record in one commit, whose audit line names every file with its SHA-256', async () => {
    const { entries } = await ws.readAudit();
    const saves = entries.filter((e) => e.action === 'calibration.save');
    const line = saves.find((e) => e.summary.startsWith('Calibration C0001'));
    expect(line?.summary).toMatch(/AUC 0\.99\d\d, threshold .* at 2\.5 % FPR.*; LR \(pav\) held-out Cllr 0\.\d{3}, Cllr_cal 0\.\d{3}$/);
    const sha = async (f: string) => sha256Hex(readFileSync(path.join(dir, 'ws', f)));
    // One commit: both data files, the record, then the manifest.
    expect(line?.written.slice(0, 3)).toEqual([
      { path: 'calibrations/C0001.arrow', sha256: await sha('calibrations/C0001.arrow') },
      { path: 'calibrations/C0001-groups.arrow', sha256: await sha('calibrations/C0001-groups.arrow') },
      { path: 'config/calibration-C0001.json', sha256: await sha('config/calibration-C0001.json') },
    ]);
    expect(line?.written[3].path).toBe('workspace.json');
    expect(saves.filter((e) => e.details?.calibration === 'C0001')).toHaveLength(1);
  });

  it('refuses too few linked pairs, saying how many there are and how many are needed', async () => {
    const t = tempDir();
    try {
      await makeWorkspace(path.join(t.dir, 'ws'), { sources: 8, samplesPerSeizure: 1 });
      const o = await openWorkspaceDb(path.join(t.dir, 'ws'));
      const err = await calibrateWorkspace(o.ws, o.db, { author }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AnalysisRefusal);
      expect((err as AnalysisRefusal).reason).toBe('too-few-pairs');
      expect((err as Error).message).toMatch(/too few linked pairs: found 0 \(pairs of samples with the same seizure_id\); calibration needs at least 1, and 20 for trustworthy figures/);
      expect(calibrationIds(o.ws)).toEqual([]);
      await o.db.close();
    } finally {
      t.cleanup();
    }
    expect(minUnlinkedPairs(0.025)).toBe(40);
    expect(minUnlinkedPairs(0.005)).toBe(200);
  });
});
