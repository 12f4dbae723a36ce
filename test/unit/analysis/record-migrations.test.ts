/**
 * Records of schema 1 (written by the workbench before pair rules of several columns) read as today's records, and
 * the report made from them still verifies. The fixture test/fixtures/workspaces/schema-1/ was written by that
 * earlier workbench (generated profiles, `sigwb calibrate`, `sigwb cluster`, `sigwb report --classes 1,2`).
 */
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCalibrationRecord } from '../../../shared/analysis/calibration-record';
import { readClassRunRecord } from '../../../shared/analysis/class-run-record';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'workspaces', 'schema-1');
const json = (file: string) => JSON.parse(readFileSync(path.join(FIXTURE, 'workspace', 'config', file), 'utf8')) as Record<string, unknown>;

describe('records of schema 1', () => {
  it('a calibration migrates: its one-column pair rule becomes lists, no compounds excluded, no warnings, no contamination model, its threshold rule the uncorrected FPR; every figure kept', () => {
    const raw = json('calibration-C0001.json');
    expect(raw.schema_version).toBe(1);
    const rec = readCalibrationRecord(raw);
    expect(rec.inputs.pairs_rule).toEqual({ linked_by: ['seizure_id'], unlinked_by: { columns: ['case_id'], rule: 'different' }, linked_group_size: null, unlinked_singletons: false });
    expect(rec.inputs.signature.excluded_compounds).toEqual([]);
    expect(rec.warnings).toEqual([]);
    const old = raw as { auc: number; threshold: unknown; combinations: unknown[]; lr_model: unknown };
    expect(rec.auc).toBe(old.auc);
    expect(rec.threshold).toEqual({ ...(old.threshold as object), raw_fpr: (old.threshold as { fpr: number }).fpr, rule: 'fpr' });
    expect(rec.contamination).toBeNull();
    expect(rec.chosen.kind).toBe('highest');
    expect(rec.combinations).toEqual((old.combinations as object[]).map((c) => ({ ...c, auc_interval: null, gain_interval: null })));
    // Its unvalidated kernel-density model is kept read-only; no LR system (schema 2 → 3).
    const { data, ...model } = old.lr_model as { data: unknown };
    expect(rec.legacy_lr_model).toEqual(model);
    expect(rec.data).toEqual(data);
    expect(rec.lr_system).toBeNull();
  });

  it('a class run migrates the same way', () => {
    const raw = json('class-run-R0001.json');
    expect(raw.schema_version).toBe(1);
    const run = readClassRunRecord(raw);
    expect(run.settings.pairs_rule.linked_by).toEqual(['seizure_id']);
    expect(run.settings.signature.excluded_compounds).toEqual([]);
    expect(run.classes).toEqual((raw as { classes: unknown }).classes);
    expect(run.settings.cut_rule).toBeNull();
    expect(run.settings.source.cut).toBe('calibration');
    // Its ids were carried over by the rule of its time: the Jaccard index over every member of the new class.
    expect(run.settings.class_id_rule).toBe('jaccard-all-members');
    expect(run.figures.cut_candidates).toEqual([]);
    expect(run.figures.linkages.every((l) => l.cophenetic_correlation !== null && l.f1 === null)).toBe(true);
  });

  it('its report verifies; a new run under the old calibration reports and verifies too', async () => {
    const t = tempDir();
    try {
      cpSync(FIXTURE, t.dir, { recursive: true });
      const ws = path.join(t.dir, 'workspace');
      const old = await runCli('verify', path.join(t.dir, 'report-classes.html'), '-w', ws);
      expect(old.err).toBe('');
      expect(old.out).toMatch(/^Reproduced exactly/);
      const run = await runCli('cluster', '-w', ws, '--out', path.join(t.dir, 'classes.csv'));
      expect(run.code, run.err).toBe(0);
      expect(run.out).toMatch(/calibration C0001/);
      const report = await runCli('report', '-w', ws, '--classes', '1', '--out', path.join(t.dir, 'new.html'));
      expect(report.code, report.err).toBe(0);
      const again = await runCli('verify', path.join(t.dir, 'new.html'), '-w', ws);
      expect(again.out).toMatch(/^Reproduced exactly/);
      expect((await runCli('verify', path.join(t.dir, 'report-classes.html'), '-w', ws)).out).toMatch(/^Reproduced exactly/);
    } finally {
      t.cleanup();
    }
    // A calibration, two class runs, two reports and three verifications: minutes on a shared machine.
  }, 600_000);
});
