/**
 * The app's "Extend classes" (renderer/state/analysis.tsx): runGraphClasses with the latest graph run's own options
 * (extensionOptions), computed by the engine worker's body (every message structured-cloned, buffers transferred, as
 * between threads), on the bundled sample data after the Québec batch. It must save the run the CLI saves
 * (`sigwb cluster --graph` on a copy of the same workspace), report progress, keep untouched classes' ids and members
 * (classRunChanges, what the Classes view lists), give a class report that `sigwb verify` reproduces, and on Cancel
 * save nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runClasses } from '../../../shared/analysis/class-run';
import { classRunChanges } from '../../../shared/analysis/class-run-changes';
import { readClassRun, readClassRunData } from '../../../shared/analysis/class-run-store';
import { extensionOptions, runGraphClasses } from '../../../shared/analysis/class-run-graph';
import { classRunDataFromArrow, readClassRunRecord, type ClassRunRecord } from '../../../shared/analysis/class-run-record';
import type { EngineProgress } from '../../../shared/analysis/engine-protocol';
import { openWorkspaceDatabase } from '../../../cli/context';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';
import { threadlessEngine } from '../../util/threadless-engine';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'samples');
const author = { analyst: 'App Analyst', appVersion: '0.1.0' };
let t: ReturnType<typeof tempDir>;
let app: string;
let cli: string;

const record = (ws: string, id: string): ClassRunRecord => readClassRunRecord(JSON.parse(readFileSync(path.join(ws, `config/class-run-${id}.json`), 'utf8')));
const data = (ws: string, id: string) => classRunDataFromArrow(readFileSync(path.join(ws, `classes/${id}.arrow`)));
const progress: EngineProgress[] = [];

beforeAll(async () => {
  t = tempDir('sigwb-graph-app-');
  app = path.join(t.dir, 'app');
  cli = path.join(t.dir, 'cli');
  expect((await runCli('init', app)).code).toBe(0);
  const first = await runCli('import', '-w', app, ...['metadata/lims-seizures.csv', 'metadata/quebec-saisies.csv', 'results/gcms-impurities.csv'].map((f) => path.join(SAMPLES, f)));
  expect(first.code, first.err).toBe(0);
  expect((await runCli('calibrate', '-w', app)).code).toBe(0);
  const g1 = await runCli('cluster', '-w', app, '--graph', '--out', path.join(t.dir, 'g1.csv'));
  expect(g1.code, g1.err).toBe(0);
  const more = await runCli('import', '-w', app, path.join(SAMPLES, 'results/gcms-impurities-quebec.tsv'));
  expect(more.code, more.err).toBe(0);
  cpSync(app, cli, { recursive: true });
  // The CLI's extension, on a copy.
  const g2 = await runCli('cluster', '-w', cli, '--graph', '--out', path.join(t.dir, 'g2.csv'));
  expect(g2.code, g2.err).toBe(0);
  // The app's, through the engine worker's body.
  const { ws, db, close } = await openWorkspaceDatabase(app, { write: 'test' });
  const engine = threadlessEngine();
  try {
    const r1 = await readClassRun(ws, 'R0001');
    await runGraphClasses(ws, db, { ...extensionOptions(r1), engine, author, onProgress: (p) => progress.push(p) });
    // The decoded R0001 that every reader of this store shares (the view showing it) kept its class ids: the worker
    // was sent copies (it takes what it is sent).
    const shared = await readClassRunData(ws, r1);
    expect(shared.classIds.length).toBe(shared.sampleIds.length);
    expect(shared.component!.length).toBe(shared.sampleIds.length);
    // The same for a full run's previous assignment.
    const prev = await readClassRunData(ws, await readClassRun(ws, 'R0002'));
    await runClasses(ws, db, { engine, author, settings: { linkage: 'single' } });
    expect(prev.classIds.length).toBe(prev.sampleIds.length);
  } finally {
    engine.dispose();
    await close();
  }
}, 300_000);
afterAll(() => t.cleanup());

describe('extending classes in the app (the engine worker) as sigwb cluster --graph does', () => {
  it('extends the latest graph run, reporting progress, and saves the run the command line saves', () => {
    const a = record(app, 'R0002');
    const c = record(cli, 'R0002');
    expect(a.method).toMatchObject({ kind: 'threshold-graph', extended_from: 'R0001', added_samples: 79 });
    expect(a.method).toEqual(c.method);
    expect(a.classes).toEqual(c.classes);
    expect(a.settings.threshold).toBe(c.settings.threshold);
    expect(a.settings.calibration_id).toBe('C0001');
    expect(a.analyst).toBe('App Analyst');
    const da = data(app, 'R0002');
    const dc = data(cli, 'R0002');
    expect(da.sampleIds).toEqual(dc.sampleIds);
    expect(Array.from(da.classIds)).toEqual(Array.from(dc.classIds));
    expect(Array.from(da.component!)).toEqual(Array.from(dc.component!));
    expect(progress.some((p) => p.stage === 'threshold graph' && p.fraction > 0)).toBe(true);
    expect(progress.at(-1)).toEqual({ stage: 'summaries', fraction: 1 });
  });

  it('says which classes gained samples and which are new; every other class keeps its id and members', () => {
    const before = data(app, 'R0001');
    const after = data(app, 'R0002');
    const ch = classRunChanges(before, after);
    expect(ch.addedSamples).toBe(79);
    const members = (d: typeof before, c: number) => d.sampleIds.filter((_, i) => d.classIds[i] === c).sort();
    const changed = new Set([...ch.gained.map((g) => g.classId), ...ch.created.map((n) => n.classId), ...ch.retired]);
    const old = [...new Set(before.classIds)].filter((c) => members(before, c).length > 1);
    for (const c of old.filter((id) => !changed.has(id))) expect(members(after, c)).toEqual(members(before, c));
    expect(ch.kept).toBe(old.filter((id) => !changed.has(id)).length);
    for (const g of ch.gained) {
      expect(members(after, g.classId)).toEqual(expect.arrayContaining(members(before, g.classId)));
      for (const s of g.added) expect(before.sampleIds).not.toContain(s);
    }
    for (const n of ch.created.filter((x) => x.candidate)) for (const s of n.members) expect(before.sampleIds).not.toContain(s);
    expect(ch.gained.length + ch.created.length).toBeGreaterThan(0);
  });

  it('a class report of the run the app saved verifies with sigwb verify', async () => {
    const r = record(app, 'R0002');
    const ids = r.classes.slice(0, 2).map((c) => c.class_id);
    const file = path.join(t.dir, 'app-extended.html');
    const made = await runCli('report', '-w', app, '--classes', ids.join(','), '--run', 'R0002', '--out', file);
    expect(made.code, made.err).toBe(0);
    const verified = await runCli('verify', file, '-w', app);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toMatch(/^Reproduced exactly/);
  }, 120_000);

  it('Cancel stops the run in the worker and saves nothing', async () => {
    const { ws, db, close } = await openWorkspaceDatabase(app, { write: 'test' });
    const engine = threadlessEngine();
    const stop = new AbortController();
    try {
      // The latest run (R0003) is a full run: the graph is built whole, and cancelled at its first progress report.
      const run = runGraphClasses(ws, db, { engine, author, signal: stop.signal, onProgress: () => stop.abort() });
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      expect(ws.manifest.documents['class-run-R0004']).toBeUndefined();
    } finally {
      engine.dispose();
      await close();
    }
  }, 120_000);
});
