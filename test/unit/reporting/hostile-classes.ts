/**
 * A clusterable workspace whose data attack the report: generated fentanyl profiles (make-workspace.ts) in which
 * the samples of one production source carry hostile ids (markup, script, spreadsheet formulas), one of its
 * cases a case id that tries to close the page-header CSS, an unknown peak a hostile compound name, and one
 * reference source a hostile name; calibrated and clustered, with reference samples of the other sources tagged.
 */
import path from 'node:path';
import { calibrateWorkspace } from '../../../shared/analysis/calibrate-workspace';
import { runClasses } from '../../../shared/analysis/class-run';
import type { ClassRunRecord } from '../../../shared/analysis/class-run-record';
import { mergeReferenceTags, saveReferenceSamples, emptyReferenceSamples } from '../../../shared/attribution/reference-tags';
import type { Database } from '../../../shared/db/Database';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { Workspace } from '../../../shared/workspace/Workspace';
import { addRows, generateProfiles, openWorkspaceDb, TEST_ACTOR } from '../analysis/make-workspace';
import { CASE_B, HOSTILE } from '../exporting/fixture';

/** An unknown peak's name that is markup and a formula at once. */
export const HOSTILE_PEAK = '<img src=x onerror=alert(5)>=HYPERLINK("http://evil","x")';
/** A known source's name with markup and a formula. */
export const HOSTILE_SOURCE = '<i>Lab</i> "=cmd|\' /C calc\'!A0"';
export const HOSTILE_CASE = CASE_B;

const ROUTE_IDS: Record<string, string> = { Siegfried: 'siegfried', 'Gupta one-pot': 'gupta', Janssen: 'janssen' };

export interface HostileWorkspace {
  dir: string;
  ws: Workspace;
  db: Database;
  run: ClassRunRecord;
  /** The class holding the hostile sample ids. */
  hostileClass: number;
}

/** Builds the workspace in `root`/ws (about 2 s). */
export async function hostileWorkspace(root: string): Promise<HostileWorkspace> {
  const dir = path.join(root, 'ws');
  const data = generateProfiles({ seed: 11, sources: 12, casesPerSource: 2, seizuresPerCase: 2, samplesPerSeizure: 3 });
  const rename = new Map<string, string>();
  const source0 = data.samples.filter((s) => data.truth.get(s.sample_id)!.source === 0);
  HOSTILE.forEach((h, i) => rename.set(source0[i].sample_id, h));
  const firstCase = source0[0].case_id;
  const samples = data.samples.map((s) => ({ ...s, sample_id: rename.get(s.sample_id) ?? s.sample_id, case_id: s.case_id === firstCase ? HOSTILE_CASE : s.case_id }));
  const results = data.results.map((r) => ({ ...r, sample_id: rename.get(r.sample_id) ?? r.sample_id, compound_raw: r.compound_raw === 'unknown RT 12.31' ? HOSTILE_PEAK : r.compound_raw }));
  const created = await Workspace.create(new NodeFileStore(dir), 'Hostile <b>names</b>', TEST_ACTOR);
  await addRows(created, samples, results);
  const { ws, db } = await openWorkspaceDb(dir);
  const author = { analyst: TEST_ACTOR.user, appVersion: TEST_ACTOR.appVersion, now: () => new Date('2026-11-25T10:00:00Z') };
  await calibrateWorkspace(ws, db, { author });
  const { record: run } = await runClasses(ws, db, { author });
  const tags = samples
    .map((s) => ({ s, t: data.truth.get([...rename].find(([, h]) => h === s.sample_id)?.[0] ?? s.sample_id)! }))
    .filter(({ t }) => t.source >= 3)
    .map(({ s, t }) => ({
      sample_id: s.sample_id, drug: 'fentanyl', route: ROUTE_IDS[t.route], source: t.source === 3 ? HOSTILE_SOURCE : `SRC-${t.source}`,
      kind: 'other' as const, note: '', tagged_by: TEST_ACTOR.user, tagged_at: '2026-11-25T10:00:00Z',
    }));
  const { doc, change } = mergeReferenceTags(emptyReferenceSamples(), tags);
  await saveReferenceSamples(ws, doc, change, 'test');
  const hostileClass = run.classes.find((c) => c.members.includes(HOSTILE[0]))?.class_id;
  if (hostileClass === undefined) throw new Error('the hostile samples did not form a class');
  return { dir, ws, db, run, hostileClass };
}
