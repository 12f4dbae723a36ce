/**
 * Calibrations of schema 4 and class runs of schema 3 saved while the contamination mixture's Student t had its
 * degrees of freedom fixed at 4 (before they were estimated: shared/profiling/student-t.ts) stay readable with that
 * model, and the reports made from them still verify. The fixture test/fixtures/workspaces/calibration-schema-4/ is
 * the calibration-schema-3 fixture's workspace after, with the workbench of 2026-12-02 at 3b5c7c0: `sigwb calibrate`
 * (C0003), `sigwb cluster` (R0003, cut on held-out pairs), `sigwb report --classes 1,19 --out report-classes.html` and
 * `sigwb validate --calibration C0003 --out validation-C0003.html` (its engine/ cache folder left out).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contaminationModel, readCalibrationRecord } from '../../../shared/analysis/calibration-record';
import { readClassRunRecord } from '../../../shared/analysis/class-run-record';
import { posteriorSameSource } from '../../../shared/profiling/contamination';
import { runCli } from '../../util/run-cli';
import { reportsVerifyThenNewRun, savedWorkspace } from './saved-workspace';

const SAVED = savedWorkspace('calibration-schema-4');
const json = SAVED.json;

interface RawContamination {
  share: number;
  same_source: { mean: number; sd: number };
  different_sources: { mean: number; sd: number; df?: number };
  floor: number;
}

/** The posterior under the t with 4 degrees of freedom, written out: log Γ(5/2) = log(3√π/4), log Γ(2) = 0. */
function posteriorT4(c: RawContamination, d: number): number {
  const x = Math.log10(Math.max(d, c.floor));
  const zs = (x - c.same_source.mean) / c.same_source.sd;
  const zd = (x - c.different_sources.mean) / c.different_sources.sd;
  const a = Math.log(c.share) - 0.5 * zs * zs - Math.log(c.same_source.sd) - 0.5 * Math.log(2 * Math.PI);
  const b = Math.log(1 - c.share) + Math.log((3 * Math.sqrt(Math.PI)) / 4) - 0.5 * Math.log(4 * Math.PI) - Math.log(c.different_sources.sd) - 2.5 * Math.log(1 + (zd * zd) / 4);
  return 1 / (1 + Math.exp(b - a));
}

describe('calibrations of schema 4 saved with the t at 4 degrees of freedom, and their class runs', () => {
  it('a calibration reads with its contamination model as saved: the t keeps 4 degrees of freedom, its posteriors unchanged', () => {
    const raw = json('calibration-C0003.json');
    expect(raw.schema_version).toBe(4);
    const c = raw.contamination as RawContamination;
    expect(c.different_sources.df).toBeUndefined();
    const rec = readCalibrationRecord(raw);
    expect(rec.threshold).toEqual(raw.threshold);
    const model = contaminationModel(rec)!;
    expect(model.differentSources.df).toBe(4);
    for (const d of [1e-4, 0.01, 0.05, 0.1, 0.1862, 0.3, 0.6]) expect(Math.abs(posteriorSameSource(model, d) - posteriorT4(c, d))).toBeLessThan(1e-12);
  });

  it('its LR system reads as the pair comparison it was made with: the rows as they are, non-detects at their substitute', () => {
    const raw = json('calibration-C0003.json');
    expect((raw.lr_system as Record<string, unknown>).pair_comparison).toBeUndefined();
    expect(readCalibrationRecord(raw).lr_system!.pair_comparison).toBe('substitute');
  });

  it('a class run reads with its contamination and held-out cut as saved', () => {
    const raw = json('class-run-R0003.json');
    expect(raw.schema_version).toBe(3);
    const run = readClassRunRecord(raw);
    expect(run.classes).toEqual((raw as { classes: unknown }).classes);
    expect(run.figures.contamination).toEqual((raw as { figures: { contamination: unknown } }).figures.contamination);
  });

  it('its class report and validation report verify; a new calibration states its estimated degrees of freedom, and a new run under it reports and verifies', async () => {
    await reportsVerifyThenNewRun(SAVED, ['report-classes.html', 'validation-C0003.html'], 'C0004', async (ws) => {
      const cal = await runCli('calibrate', '-w', ws);
      expect(cal.code, cal.err).toBe(0);
      const fresh = (JSON.parse(readFileSync(path.join(ws, 'config', 'calibration-C0004.json'), 'utf8')) as { contamination: RawContamination; lr_system: { pair_comparison: string } });
      const df = fresh.contamination.different_sources.df!;
      expect(df).toBeGreaterThanOrEqual(1);
      expect(df).toBeLessThanOrEqual(200);
      // A calibration made now compares its LR pairs as censored, says so, and its validation report verifies.
      expect(fresh.lr_system.pair_comparison).toBe('censored');
      expect(cal.out).toMatch(/non-detects read as censored values \(Helsel 2012\)/);
      const out = path.join(ws, '..', 'validation-C0004.html');
      const v = await runCli('validate', '-w', ws, '--calibration', 'C0004', '--out', out);
      expect(v.code, v.err).toBe(0);
      expect(readFileSync(out, 'utf8')).toMatch(/<strong>Pair comparison:<\/strong> Likelihood ratios compare the two samples with their non-detects read as censored values/);
      expect((await runCli('verify', out, '-w', ws)).out).toMatch(/^Reproduced exactly/);
    });
  }, 180_000);
});
