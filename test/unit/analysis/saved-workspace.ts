/**
 * A saved workspace under test/fixtures/workspaces/ as an older workbench wrote it (its records and the reports made
 * from them), for the tests that older records stay readable and their reports still verify.
 */
import { expect } from 'vitest';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';

export interface SavedWorkspace {
  dir: string;
  /** A record of the workspace's config folder, as saved. */
  json: (file: string) => Record<string, unknown>;
}

export function savedWorkspace(name: string): SavedWorkspace {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'workspaces', name);
  return { dir, json: (file) => JSON.parse(readFileSync(path.join(dir, 'workspace', 'config', file), 'utf8')) as Record<string, unknown> };
}

/**
 * In a copy of the saved workspace: its `reports` verify; then `between` runs on the copy's workspace;
 * then a new class run goes under `calibration`, its class report verifies, and so does the saved report-classes.html.
 */
export async function reportsVerifyThenNewRun(saved: SavedWorkspace, reports: string[], calibration: string, between: (ws: string) => Promise<void>): Promise<void> {
  const t = tempDir();
  try {
    cpSync(saved.dir, t.dir, { recursive: true });
    const ws = path.join(t.dir, 'workspace');
    for (const report of reports) {
      const r = await runCli('verify', path.join(t.dir, report), '-w', ws);
      expect(r.err, report).toBe('');
      expect(r.out, report).toMatch(/^Reproduced exactly/);
    }
    await between(ws);
    const run = await runCli('cluster', '-w', ws, '--out', path.join(t.dir, 'classes.csv'));
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(new RegExp(`calibration ${calibration}`));
    const report = await runCli('report', '-w', ws, '--classes', '1', '--out', path.join(t.dir, 'new.html'));
    expect(report.code, report.err).toBe(0);
    expect((await runCli('verify', path.join(t.dir, 'new.html'), '-w', ws)).out).toMatch(/^Reproduced exactly/);
    expect((await runCli('verify', path.join(t.dir, 'report-classes.html'), '-w', ws)).out).toMatch(/^Reproduced exactly/);
  } finally {
    t.cleanup();
  }
}
