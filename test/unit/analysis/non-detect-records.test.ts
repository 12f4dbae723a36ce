/**
 * The non-detect rule of records (shared/profiling/non-detects.ts): a calibration or class run made before the rule
 * was stated (test/fixtures/workspaces/schema-1, written by that earlier workbench) keeps the rule it was made with,
 * 'zero', in everything computed from it (a class run under it, its report), and states nothing it did not state,
 * so its report still verifies; a new calibration states 'half-lod' and its class runs and reports follow it.
 */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordedNonDetects } from '../../../shared/analysis/analysis-inputs';
import { readCalibrationRecord } from '../../../shared/analysis/calibration-record';
import { readClassRunRecord } from '../../../shared/analysis/class-run-record';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'workspaces', 'schema-1');
const config = (ws: string, file: string) => JSON.parse(readFileSync(path.join(ws, 'config', file), 'utf8')) as unknown;

describe('non-detect rule of calibrations and class runs', () => {
  it('reads records that state no rule as zero, and a class run under such a calibration keeps zero and uses it', async () => {
    const t = tempDir();
    try {
      cpSync(FIXTURE, t.dir, { recursive: true });
      const ws = path.join(t.dir, 'workspace');
      const old = readCalibrationRecord(config(ws, 'calibration-C0001.json'));
      expect(old.inputs.signature.non_detects).toBeUndefined();
      expect(recordedNonDetects(old.inputs.signature)).toBe('zero');
      const run = await runCli('cluster', '-w', ws, '--out', path.join(t.dir, 'classes.csv'));
      expect(run.code, run.err).toBe(0);
      const r2 = readClassRunRecord(config(ws, 'class-run-R0002.json'));
      expect(r2.settings.calibration_id).toBe('C0001');
      expect(r2.settings.signature.non_detects).toBe('zero');
      expect(r2.reasons.join(' ')).not.toMatch(/not used/);
      const report = path.join(t.dir, 'new.html');
      expect((await runCli('report', '-w', ws, '--classes', '1', '--out', report)).code).toBe(0);
      expect(readFileSync(report, 'utf8')).toContain('<th scope="row">Non-detects</th><td>Non-detects counted as zero area');
      // The report made before the rule was stated says nothing of it, and still verifies.
      expect(readFileSync(path.join(t.dir, 'report-classes.html'), 'utf8')).not.toContain('Non-detects</th>');
      expect((await runCli('verify', path.join(t.dir, 'report-classes.html'), '-w', ws)).out).toMatch(/^Reproduced exactly/);

      // A new calibration states the current rule; the class run made with it follows, and its report says so.
      expect((await runCli('calibrate', '-w', ws)).code).toBe(0);
      const c2 = readCalibrationRecord(config(ws, 'calibration-C0002.json'));
      expect(c2.inputs.signature.non_detects).toBe('half-lod');
      expect((await runCli('cluster', '-w', ws, '--out', path.join(t.dir, 'classes-2.csv'))).code).toBe(0);
      expect(readClassRunRecord(config(ws, 'class-run-R0003.json')).settings.signature.non_detects).toBe('half-lod');
      const report3 = path.join(t.dir, 'new-3.html');
      expect((await runCli('report', '-w', ws, '--classes', '1', '--out', report3)).code).toBe(0);
      expect(readFileSync(report3, 'utf8')).toMatch(/<th scope="row">Non-detects<\/th><td>Non-detects are censored values: each is given half its batch/);
      expect((await runCli('verify', report3, '-w', ws)).out).toMatch(/^Reproduced exactly/);
    } finally {
      t.cleanup();
    }
  }, 300_000);
});
