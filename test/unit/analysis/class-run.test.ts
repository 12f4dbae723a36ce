import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../shared/db/Database';
import { openInDatabase } from '../../../shared/db/workspace-views';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { calibrateWorkspace } from '../../../shared/analysis/calibrate-workspace';
import { runClasses } from '../../../shared/analysis/class-run';
import { CLASS_RUN_VERSION, readClassRunRecord } from '../../../shared/analysis/class-run-record';
import { classRunIds, latestClassRun, readClassRunData } from '../../../shared/analysis/class-run-store';
import { registerSampleClasses } from '../../../shared/analysis/sample-classes';
import { AnalysisRefusal } from '../../../shared/analysis/analysis-refusal';
import { linkage } from '../../../shared/profiling/linkage';
import { condensedDistances } from '../../../shared/profiling/scores';
import { pretreat } from '../../../shared/profiling/pretreatment';
import { loadSignatures } from '../../../shared/analysis/signature-query';
import type { Workspace } from '../../../shared/workspace/Workspace';
import { tempDir } from '../../util/temp-dir';
import { adjustedRandIndex, purity } from './cluster-metrics';
import { addRows, makeWorkspace, openWorkspaceDb, SIGNATURE_COMPOUNDS, TEST_ACTOR, type GeneratedData } from './make-workspace';

const author = { analyst: 'analyst-a', appVersion: '0.1.0', now: TEST_ACTOR.now };
let dir: string;
let cleanup: () => void;
let data: GeneratedData;
let ws: Workspace;
let db: Database;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  ({ data } = await makeWorkspace(path.join(dir, 'ws')));
  ({ ws, db } = await openWorkspaceDb(path.join(dir, 'ws')));
});
afterAll(async () => {
  await db.close();
  cleanup();
});

const sourcesOf = (ids: string[]) => ids.map((id) => data.truth.get(id)?.source ?? -1);

// Each test builds workspaces and runs the automatic mode: minutes on a shared, loaded machine.
describe('class runs', { timeout: 600_000 }, () => {
  it('recovers the production sources in the automatic mode (ARI and purity > 0.9), and says why', async () => {
    const { record, run } = await runClasses(ws, db, { author });
    expect(record.id).toBe('R0001');
    expect(record.mode).toBe('auto');
    expect(record.settings.calibration_id).toBeNull();
    expect(record.settings.source).toEqual({ combination: 'auto', linkage: 'auto', cut: 'held-out' });
    expect(record.settings.cut_rule).toBe(record.figures.cut_candidates[0].rule);
    expect(record.figures.folds).toBe(5);
    expect(record.figures.cut_candidates).toHaveLength(15);
    expect(record.figures.combinations.every((c) => c.auc_interval !== null)).toBe(true);
    // 24 sources, 2 cases each: 2.1 % of the different-case pairs share a source.
    expect(record.figures.contamination?.share).toBeGreaterThan(0.015);
    expect(record.figures.contamination?.share).toBeLessThan(0.03);
    expect(record.reasons[0]).toMatch(/No calibration saved/);
    expect(record.reasons[1]).toMatch(/∜N \+ Pearson, the literature default \(Andersson et al\. 2007\)|is clearly better than the literature default/);
    expect(record.reasons[2]).toMatch(/linkage cut at [\d.e-]+ \(Pearson distance|chosen on held-out pairs \(5 folds of seizure_id groups/);
    expect(record.reasons[3]).toMatch(/^Contamination: about [\d.]+ % of the unlinked pairs \(different case_id\) are estimated to share a source/);
    const sources = sourcesOf(run.sampleIds);
    expect(adjustedRandIndex(run.classIds, sources)).toBeGreaterThan(0.9);
    expect(purity(run.classIds, sources)).toBeGreaterThan(0.9);
    expect(run.linkageMatrix.length).toBe((run.sampleIds.length - 1) * 4);
  });

  it('summarises each class: members, dates, regions, cases, mean signature, cohesion', async () => {
    const record = await latestClassRun(ws);
    if (!record) throw new Error('no run');
    const c = record.classes[0];
    const members = data.samples.filter((s) => c.members.includes(s.sample_id));
    expect(c.size).toBe(c.members.length);
    expect(c.first_seen).toBe(members.map((m) => m.seized_on).sort()[0]);
    expect(c.last_seen).toBe(members.map((m) => m.seized_on).sort().at(-1));
    expect(c.cases).toEqual([...new Set(members.map((m) => m.case_id))].sort());
    expect(c.seizures).toBe(new Set(members.map((m) => m.seizure_id)).size);
    expect(c.regions.reduce((s, r) => s + r.samples, 0)).toBe(c.size);
    expect(c.mean_signature).toHaveLength(SIGNATURE_COMPOUNDS.length);
    expect(c.mean_signature.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(c.cohesion).toBeGreaterThanOrEqual(0);
    expect(c.cohesion).toBeLessThanOrEqual(record.settings.threshold ?? Infinity); // average linkage: mean within-class distance ≤ cut
    expect(record.classes.reduce((s, k) => s + k.size, 0) + record.singletons).toBe(record.inputs.samples);
  });

  it('stores the linkage matrix exactly, and the record round-trips through its schema', async () => {
    const record = await latestClassRun(ws);
    if (!record) throw new Error('no run');
    const stored = JSON.parse(readFileSync(path.join(dir, 'ws', 'config', `class-run-${record.id}.json`), 'utf8')) as unknown;
    expect(readClassRunRecord(stored)).toEqual(record);
    expect(() => readClassRunRecord({ ...record, schema_version: CLASS_RUN_VERSION + 1 })).toThrow(/newer Signature Workbench/);
    const d = await readClassRunData(ws, record);
    const loaded = await loadSignatures(db);
    expect(d.sampleIds).toEqual(loaded.matrix.sampleIds);
    // The stored tree is the chosen linkage's on these signatures, cut where the record says.
    const dists = condensedDistances(pretreat(loaded.matrix, record.settings.pretreatment), record.settings.score);
    expect(Array.from(d.linkageMatrix)).toEqual(Array.from(linkage(dists, record.settings.linkage)));
    expect(record.figures.linkages.every((l) => l.cophenetic_correlation === null && l.f1 !== null)).toBe(true);
  });

  it('uses the calibration in force, and keeps class ids when one sample is added', async () => {
    const cal = (await calibrateWorkspace(ws, db, { author })).record;
    const a = await runClasses(ws, db, { author });
    // The calibration in force lends its combination; the cut is still chosen on held-out pairs.
    expect(a.record.settings).toMatchObject({ calibration_id: cal.id, pretreatment: cal.chosen.pretreatment, score: cal.chosen.score });
    expect(a.record.settings.source).toEqual({ combination: 'calibration', linkage: 'auto', cut: 'held-out' });
    // Named by id, it is asked for its threshold too.
    const named = await runClasses(ws, db, { author, calibration: cal.id });
    expect(named.record.settings).toMatchObject({ threshold: cal.threshold.distance });
    expect(named.record.settings.source).toEqual({ combination: 'calibration', linkage: 'auto', cut: 'calibration' });
    await runClasses(ws, db, { author });
    expect(a.record.previous_run).toBe('R0001');
    const b0 = await latestClassRun(ws);

    // One more sample of an existing seizure.
    const twin = data.samples[0];
    const extra = { ...twin, sample_id: 'L24-99999' };
    const results = data.results.filter((r) => r.sample_id === twin.sample_id).map((r) => ({ ...r, sample_id: extra.sample_id, area: r.area === null ? null : r.area * 1.3 }));
    await addRows(ws, [extra], results);
    await openInDatabase(db, ws, DEFAULT_COMPOUND_DICTIONARY); // what an import does: load the batch, redefine the views
    const b = await runClasses(ws, db, { author });
    const last = await readClassRunData(ws, b0!);
    const idOf = (run: typeof a.run) => new Map(run.sampleIds.map((id, i) => [id, run.classIds[i]]));
    const before = new Map(last.sampleIds.map((id, i) => [id, last.classIds[i]]));
    const after = idOf(b.run);
    for (const [id, cls] of before) expect(after.get(id)).toBe(cls);
    expect(after.get(extra.sample_id)).toBe(before.get(twin.sample_id));
    expect(b.record.previous_run).toBe(b0!.id);
    expect(b.record.inputs.batches).toHaveLength(4);
    expect(b.record.classes.every((c) => c.previous_class_id === c.class_id)).toBe(true);
    // A full re-run after an import compares classes on the samples both runs hold, as an extension does: the class the
    // new sample joined is whole (Jaccard 1), where the earlier rule counted the new sample against it.
    expect(b.record.settings.class_id_rule).toBe('jaccard-shared-samples');
    const joined = b.record.classes.find((c) => c.members.includes(extra.sample_id))!;
    expect(joined.jaccard).toBe(1);
  });

  it('gives identical data files and records for identical inputs and settings', async () => {
    const t = tempDir();
    try {
      const bytes: Buffer[] = [];
      const records: Buffer[] = [];
      for (const name of ['one', 'two']) {
        await makeWorkspace(path.join(t.dir, name));
        const o = await openWorkspaceDb(path.join(t.dir, name));
        await runClasses(o.ws, o.db, { author });
        await runClasses(o.ws, o.db, { author });
        bytes.push(readFileSync(path.join(t.dir, name, 'classes', 'R0001.arrow')), readFileSync(path.join(t.dir, name, 'classes', 'R0002.arrow')));
        records.push(readFileSync(path.join(t.dir, name, 'config', 'class-run-R0001.json')));
        await o.db.close();
      }
      expect(bytes[1]).toEqual(bytes[0]); // same workspace, run twice
      expect(bytes[2]).toEqual(bytes[0]); // another workspace, same inputs
      expect(bytes[3]).toEqual(bytes[0]);
      expect(records[1]).toEqual(records[0]);
    } finally {
      t.cleanup();
    }
  });

  it('honours explicit settings: k classes, a fixed threshold, a named calibration', async () => {
    const k = await runClasses(ws, db, { author, settings: { pretreatment: 'fourth-root', score: 'pearson', linkage: 'average', k: 5 } });
    expect(k.record.mode).toBe('explicit');
    expect(k.record.settings).toMatchObject({ k: 5, threshold: null, pretreatment: 'fourth-root', score: 'pearson', calibration_id: null });
    expect(k.run.classCount).toBeLessThanOrEqual(5);
    const t = await runClasses(ws, db, { author, settings: { threshold: 0 }, calibration: 'none' });
    // Cut at 0: only identical signatures share a class, here the added sample and its proportional twin.
    expect(t.run.classCount).toBeGreaterThanOrEqual(t.run.sampleIds.length - 1);
    expect(t.record.classes.flatMap((c) => c.members).every((m) => m === 'L24-99999' || m === data.samples[0].sample_id)).toBe(true);
    expect(t.record.settings).toMatchObject({ threshold: 0, calibration_id: null });
    await expect(runClasses(ws, db, { author, settings: { score: 'canberra' }, calibration: 'C0001' })).rejects.toThrow(/calibration C0001 cannot be used here: it chose score/);
  });

  it('refuses a clustering beyond its memory budget with the engine\'s message', async () => {
    const before = classRunIds(ws);
    const err = await runClasses(ws, db, { author, settings: { maxBytes: 1000 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalysisRefusal);
    expect((err as Error).message).toMatch(/^Clustering 289 samples needs about .* but only 1\.0 KiB \(1,000 bytes\) are available/);
    expect(classRunIds(ws)).toEqual(before);
  });

  it('registers the latest run as tables later views can join', async () => {
    const id = await registerSampleClasses(db, ws);
    expect(id).toBe(classRunIds(ws).at(-1));
    const t = await db.query(`SELECT count(*) AS n, count(DISTINCT run_id) AS runs FROM sample_classes JOIN samples USING (sample_id)`);
    expect(Number(t.getChild('n')?.get(0))).toBe(data.samples.length + 1);
    const s = await db.query('SELECT typeof(first_seen) AS t FROM class_summaries LIMIT 1');
    expect(s.numRows === 0 || s.getChild('t')?.get(0) === 'DATE').toBe(true);
    const t2 = tempDir();
    try {
      await makeWorkspace(path.join(t2.dir, 'fresh'), { sources: 2 });
      const f = await openWorkspaceDb(path.join(t2.dir, 'fresh'));
      expect(await registerSampleClasses(f.db, f.ws)).toBeNull();
      expect((await f.db.query('SELECT count(*) AS n FROM sample_classes')).getChild('n')?.get(0)).toBe(0n);
      await f.db.close();
    } finally {
      t2.cleanup();
    }
  });
});
