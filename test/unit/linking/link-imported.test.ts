/**
 * Linking after an import, the path the app's import and `sigwb import` share: a results batch is linked under the
 * calibration in force; Cancel leaves it imported, says it is not linked and writes no link record.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrateWorkspace } from '../../../shared/analysis/calibrate-workspace';
import type { Database } from '../../../shared/db/Database';
import { linkImportedBatches, linkOutcomeText } from '../../../shared/linking/link-imported';
import { yieldingRunner } from '../../../shared/linking/link-search';
import { Workspace } from '../../../shared/workspace/Workspace';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { addRows, generateProfiles, openWorkspaceDb, TEST_ACTOR } from '../analysis/make-workspace';
import { tempDir } from '../../util/temp-dir';

const author = { analyst: 'test', appVersion: '0' };
let t: ReturnType<typeof tempDir>;
let ws: Workspace;
let db: Database;
let batches: { id: string; kind: string }[];

beforeAll(async () => {
  t = tempDir('sigwb-link-imported-');
  // Every fourth sample arrives later, in a batch of its own: its sources are among the stored samples'.
  const created = await Workspace.create(new NodeFileStore(path.join(t.dir, 'ws')), 'link at import', TEST_ACTOR);
  const data = generateProfiles({ sources: 12, seed: 5 });
  const later = new Set(data.samples.filter((_, i) => i % 4 === 3).map((s) => s.sample_id));
  await addRows(created, data.samples.filter((s) => !later.has(s.sample_id)), data.results.filter((r) => !later.has(r.sample_id)));
  await addRows(created, data.samples.filter((s) => later.has(s.sample_id)), data.results.filter((r) => later.has(r.sample_id)));
  ({ ws, db } = await openWorkspaceDb(path.join(t.dir, 'ws')));
  batches = ws.manifest.batches.map((b) => ({ id: b.id, kind: b.kind }));
}, 120_000);
afterAll(async () => {
  await db?.close();
  t.cleanup();
});

describe('linking imported batches', () => {
  it('says a batch is not linked while no calibration is in force, and skips batches of metadata', async () => {
    const outcomes = await linkImportedBatches(ws, db, batches.map((b) => b.id), { author });
    expect([...outcomes.keys()]).toEqual(batches.filter((b) => b.kind === 'results').map((b) => b.id));
    for (const [id, o] of outcomes) expect(linkOutcomeText(id, o)).toBe(`${id} not linked: no calibration yet (calibrate in the app or with sigwb calibrate): links need its threshold and evidence`);
  });

  it('Cancel during the search leaves the batch imported, says it is not linked, and writes no link record', async () => {
    await calibrateWorkspace(ws, db, { author });
    const results = batches.filter((b) => b.kind === 'results').at(-1)!.id;
    const stop = new AbortController();
    const outcomes = await linkImportedBatches(ws, db, [results], { author, runner: yieldingRunner(1_000), signal: stop.signal, onProgress: (f) => f > 0 && stop.abort() });
    expect(linkOutcomeText(results, outcomes.get(results)!)).toBe(`${results} not linked: linking was cancelled (the batch is imported, its samples are not linked)`);
    expect(existsSync(path.join(t.dir, 'ws', 'config', `links-${results}.json`))).toBe(false);
    expect(ws.manifest.batches.map((b) => b.id)).toContain(results);
  }, 120_000);

  it('links the batch under the calibration in force on the interface thread runner, as the command line does', async () => {
    const results = batches.filter((b) => b.kind === 'results').at(-1)!.id;
    const app = await linkImportedBatches(ws, db, [results], { author, runner: yieldingRunner() });
    const o = app.get(results)!;
    expect(o.status).toBe('linked');
    if (o.status !== 'linked') return;
    expect(linkOutcomeText(results, o)).toMatch(new RegExp(`^${results}: linked \\d+ samples against \\d+ stored profiles of the same drug \\(calibration C0001\\): [1-9]\\d* links; `));
    expect(existsSync(path.join(t.dir, 'ws', 'config', `links-${results}.json`))).toBe(true);
    const cli = (await linkImportedBatches(ws, db, [results], { author })).get(results)!;
    expect(cli.status === 'linked' && cli.record.samples).toEqual(o.record.samples);
    // A count of one is said in the singular (it said "linked 1 samples … 1 links … 1 bridge classes").
    const ones = { new_samples: 1, stored_profiles: 1, links: 1, joined: 1, bridges: 1, candidates: 1, alerts: 1 };
    expect(linkOutcomeText(results, { ...o, record: { ...o.record, counts: ones } })).toMatch(
      new RegExp(`^${results}: linked 1 sample against 1 stored profile of the same drug \\(calibration C0001\\): 1 link; 1 joined a class, 1 bridge class, 1 new candidate class; 1 alert; `),
    );
    const twos = { new_samples: 2, stored_profiles: 2, links: 2, joined: 2, bridges: 2, candidates: 2, alerts: 2 };
    expect(linkOutcomeText(results, { ...o, record: { ...o.record, counts: twos } })).toMatch(/: linked 2 samples against 2 stored profiles of the same drug \(calibration C0001\): 2 links; 2 joined a class, 2 bridge classes, 2 new candidate classes; 2 alerts; /);
  }, 120_000);
});
