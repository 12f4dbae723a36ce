/**
 * Calibrations of schema 3 (the first with a validated LR system) and class runs of schema 2, as the workbench of
 * 2026-12-02 wrote them, stay readable as the records move on, and the reports made from them still verify. The
 * fixture test/fixtures/workspaces/calibration-schema-3/
 * is the schema-1 fixture's workspace after, with that workbench: `sigwb calibrate` (C0002: seizure level, PAV,
 * 5-fold cross-validation by seizure), `sigwb cluster` (R0002), `sigwb report --classes 1,2 --out
 * report-classes.html` and `sigwb validate --out validation-C0002.html` (its engine/ cache folder left out).
 */
import { describe, expect, it } from 'vitest';
import { readCalibrationRecord } from '../../../shared/analysis/calibration-record';
import { readClassRunRecord } from '../../../shared/analysis/class-run-record';
import { runCli } from '../../util/run-cli';
import { reportsVerifyThenNewRun, savedWorkspace } from './saved-workspace';

const SAVED = savedWorkspace('calibration-schema-3');
const json = SAVED.json;

interface RawValidation {
  cllr: number;
  cllr_min: number;
  cllr_cal: number;
  eer: number;
  validated: { hp: number; hd: number };
}
interface RawLrSystem {
  method: string;
  propositions: { level: string };
  pairs: { validation: RawValidation };
  group: { validation: RawValidation };
}

describe('calibrations of schema 3 (validated LR system) and their class runs', () => {
  it('a calibration reads with its LR system, propositions and held-out figures as saved', () => {
    const raw = json('calibration-C0002.json');
    expect(raw.schema_version).toBe(3);
    const rec = readCalibrationRecord(raw);
    const s = raw.lr_system as RawLrSystem;
    expect(rec.lr_system).not.toBeNull();
    expect(rec.lr_system!.method).toBe(s.method);
    expect(rec.lr_system!.propositions.level).toBe('seizure');
    for (const k of ['cllr', 'cllr_min', 'cllr_cal', 'eer'] as const) {
      expect(rec.lr_system!.pairs.validation![k]).toBe(s.pairs.validation[k]);
      expect(rec.lr_system!.group!.validation![k]).toBe(s.group.validation[k]);
    }
    expect(rec.auc).toBe(raw.auc);
    // Schema 4 adds the threshold's rule (the uncorrected FPR before it) and its rate among all unlinked pairs.
    expect(rec.threshold).toEqual({ ...(raw.threshold as { fpr: number }), raw_fpr: (raw.threshold as { fpr: number }).fpr, rule: 'fpr' });
  });

  it('a class run reads with its classes as saved', () => {
    const raw = json('class-run-R0002.json');
    expect(raw.schema_version).toBe(2);
    const run = readClassRunRecord(raw);
    expect(run.classes).toEqual((raw as { classes: unknown }).classes);
    expect(run.settings.pairs_rule.linked_by).toEqual(['seizure_id']);
  });

  it('its class report and validation report verify; sigwb validate prints the saved figures; a new run under it reports and verifies', async () => {
    await reportsVerifyThenNewRun(SAVED, ['report-classes.html', 'validation-C0002.html'], 'C0002', async (ws) => {
      const v = await runCli('validate', '-w', ws, '--calibration', 'C0002');
      expect(v.code, v.err).toBe(0);
      const s = json('calibration-C0002.json').lr_system as RawLrSystem;
      const f = (x: number) => x.toFixed(3);
      for (const part of [s.pairs.validation, s.group.validation]) {
        expect(v.out).toContain(`Cllr ${f(part.cllr)}, Cllr_min ${f(part.cllr_min)}, Cllr_cal ${f(part.cllr_cal)} bits`);
      }
      expect(v.out).toContain('Hp: The two samples come from the same seizure.');
    });
  }, 120_000);
});
