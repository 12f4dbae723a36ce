/**
 * The views computed from every row, kept materialised in the app's engine file (shared/db/derived-tables.ts): read
 * back, `samples` (its per-sample aggregate of the measurements and its vocabulary terms), `compounds`,
 * `missing_values`, `vocabulary_values` and every other view answer with the Arrow schema and values of the views
 * computed from the batches, on a workspace with quarantined values, unmapped compounds, unnamed values, samples
 * without metadata or results and a superseded batch; and a dictionary edited, a vocabulary edited or a batch added
 * since the file was built is never answered from the old tables (the views are computed, and the next refresh keeps
 * the new ones). Home's counts come out of them as out of the computed views.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../../node/db/node-database';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { homeCounts } from '../../../renderer/data/home-summary';
import { HostFileStore } from '../../../renderer/host/host-file-store';
import type { Database } from '../../../shared/db/Database';
import { ENGINE } from '../../../shared/db/engine-cache';
import { workspaceEngineCache } from '../../../shared/db/workspace-engine-cache';
import { openInDatabase, PUBLIC_VIEWS } from '../../../shared/db/workspace-views';
import { DEFAULT_VOCABULARIES } from '../../../shared/domain/default-vocabularies';
import { loadDictionary, saveDictionary } from '../../../shared/domain/workspace-dictionary';
import { loadVocabularies, saveVocabularies } from '../../../shared/domain/workspace-vocabulary';
import type { Host, WorkspaceRef } from '../../../shared/host/contract';
import { importFile } from '../../../shared/importing/import-file';
import { Workspace } from '../../../shared/workspace/Workspace';
import { TEST_ACTOR } from '../analysis/make-workspace';
import { fingerprint } from '../../util/arrow-fingerprint';
import { desktopHostFor } from '../../util/desktop-host';
import { tempDir } from '../../util/temp-dir';

let t: ReturnType<typeof tempDir>;
let host: Host;
let ref: WorkspaceRef;
const wsDir = () => path.join(t.dir, 'ws');

/** Imports `text` as file `name` into the workspace folder, as the app and `sigwb import` do. */
async function importText(name: string, text: string, options: { acceptPartial?: boolean; supersedes?: string | null } = {}): Promise<void> {
  const ws = await Workspace.open(new NodeFileStore(wsDir()), TEST_ACTOR);
  const db = await openNodeDatabase();
  try {
    const dictionary = await loadDictionary(ws);
    await openInDatabase(db, ws, dictionary);
    const outcome = await importFile({ workspace: ws, db, dictionary, vocabularies: await loadVocabularies(ws), analyst: 'analyst-a', supersedes: null, ...options }, { name, bytes: new TextEncoder().encode(text) });
    expect(outcome.status, JSON.stringify(outcome)).toBe('imported');
  } finally {
    await db.close();
  }
}

beforeEach(async () => {
  t = tempDir();
  await Workspace.create(new NodeFileStore(wsDir()), 'Derived tables', TEST_ACTOR);
  // Terms through synonyms (QC, poudre, fentanil), a value no term names (gel), an extra column, metadata without results (S5).
  await importText('meta.csv', 'sample_id,seizure_id,case_id,seized_on,region,form,main_drug,colour\nS1,Z1,C1,2025-01-03,QC,poudre,fentanyl,white\nS2,Z1,C1,2025-01-03,Ontario,comprimé,fentanil,blue\nS3,Z2,C2,2025-02-10,Québec,gel,fentanyl,\nS5,Z3,C3,2025-03-01,Ontario,powder,fentanyl,white\n');
  // A value refused into quarantine (S1's norfentanyl), a non-detect, a compound no dictionary names, results without metadata (S4).
  await importText('gcms.csv', 'sample_id,compound,area\nS1,4-ANPP,100\nS1,NPP,50\nS1,norfentanyl,12x\nS1,Impurity 07,3\nS2,4-ANPP,90\nS2,NPP,nd\nS2,norfentanyl,10\nS3,4-ANPP,70\nS3,NPP,20\nS4,4-ANPP,5\n', { acceptPartial: true });
  // A wide file with a bad cell (S6's row missing whole), then its corrected version superseding it.
  await importText('wide.csv', 'sample_id,4-ANPP,NPP\nS6,100,abc\nS7,90,40\n', { acceptPartial: true });
  await importText('wide-corrected.csv', 'sample_id,4-ANPP,NPP\nS6,100,41\nS7,90,40\n', { supersedes: 'B0003' });
  host = desktopHostFor(t.dir, wsDir(), TEST_ACTOR);
  ref = (await host['workspace:open']({}))!;
}, 120_000);
afterEach(() => t.cleanup());

/** Every public view and the maps the views join, in a fixed order: Arrow schema and every value, doubles by their bits. */
async function answers(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const v of [...PUBLIC_VIEWS, 'ws_compound_map', 'ws_term_map']) out[v] = fingerprint(await db.query(`SELECT * FROM ${v} ORDER BY ALL`));
  return out;
}

/** Opens the workspace as the app does, in duckdb-wasm, with the host's engine file or without; says how the views came. */
async function openApp(cached: boolean): Promise<{ db: Database; views: 'materialised' | 'computed' }> {
  const ws = await Workspace.open(new HostFileStore(host, ref), TEST_ACTOR);
  const db = await openNodeDatabase(cached ? { allowedDirectories: [ENGINE.virtualDir] } : {});
  const cache = cached ? workspaceEngineCache(() => host['workspace:engine-file']({ handle: ref.handle })) : undefined;
  const views = await openInDatabase(db, ws, await loadDictionary(ws), undefined, cache, await loadVocabularies(ws));
  return { db, views };
}

/** The cached open's answers and how its views came, beside those of an open computing every view from the batches. */
async function bothOpens(): Promise<{ views: 'materialised' | 'computed'; cached: Record<string, string>; computed: Record<string, string> }> {
  const [plain, app] = [await openApp(false), await openApp(true)];
  try {
    expect(plain.views).toBe('computed');
    return { views: app.views, cached: await answers(app.db), computed: await answers(plain.db) };
  } finally {
    await plain.db.close();
    await app.db.close();
  }
}

describe('the views kept materialised in the engine file', () => {
  it('answer exactly as the views computed from the batches', async () => {
    expect(await host['workspace:engine-refresh']({ handle: ref.handle })).toEqual({ built: true });
    const { views, cached, computed } = await bothOpens();
    expect(views).toBe('materialised');
    expect(cached).toEqual(computed);
    // What they hold is what the workspace has (so that the comparison is not of two empty tables).
    const app = await openApp(true);
    try {
      const rows = (sql: string) => app.db.query(sql).then((r) => r.toArray().map((x) => x.toJSON()));
      expect(await rows('SELECT sample_id, region, region_raw, form, main_drug, x_colour, CAST(n_measurements AS INT) AS n, CAST(n_detected AS INT) AS d, has_metadata, has_results FROM samples ORDER BY sample_id')).toEqual([
        { sample_id: 'S1', region: 'Quebec', region_raw: 'QC', form: 'powder', main_drug: 'fentanyl', x_colour: 'white', n: 3, d: 3, has_metadata: true, has_results: true },
        { sample_id: 'S2', region: 'Ontario', region_raw: 'Ontario', form: 'tablet', main_drug: 'fentanyl', x_colour: 'blue', n: 3, d: 2, has_metadata: true, has_results: true },
        { sample_id: 'S3', region: 'Quebec', region_raw: 'Québec', form: 'gel', main_drug: 'fentanyl', x_colour: null, n: 2, d: 2, has_metadata: true, has_results: true },
        { sample_id: 'S4', region: null, region_raw: null, form: null, main_drug: null, x_colour: null, n: 1, d: 1, has_metadata: false, has_results: true },
        { sample_id: 'S5', region: 'Ontario', region_raw: 'Ontario', form: 'powder', main_drug: 'fentanyl', x_colour: 'white', n: 0, d: 0, has_metadata: true, has_results: false },
        { sample_id: 'S6', region: null, region_raw: null, form: null, main_drug: null, x_colour: null, n: 2, d: 2, has_metadata: false, has_results: true },
        { sample_id: 'S7', region: null, region_raw: null, form: null, main_drug: null, x_colour: null, n: 2, d: 2, has_metadata: false, has_results: true },
      ]);
      expect(await rows('SELECT sample_id, compound FROM missing_values')).toEqual([{ sample_id: 'S1', compound: 'norfentanyl' }]);
      expect(await rows("SELECT compound FROM compounds WHERE role = 'unassigned'")).toEqual([{ compound: 'Impurity 07' }]);
      expect(await rows('SELECT field, value FROM vocabulary_values WHERE canonical IS NULL')).toEqual([{ field: 'form', value: 'gel' }]);
      // Home reads the measurements' count from the per-sample aggregate: the count of the measurements view.
      const counts = await homeCounts(app.db);
      expect(counts).toMatchObject({ samples: 7, measurements: 13, withoutMetadata: 3, withoutResults: 1, withMissing: 1, unmapped: 1, unnamedValues: 1 });
      expect(counts.measurements).toBe(Number((await app.db.query('SELECT count(*) AS n FROM measurements')).getChild('n')!.get(0)));
    } finally {
      await app.db.close();
    }
  }, 120_000);

  it('are not used once the dictionary changed, nor once the vocabularies changed, nor once a batch was added: the views are computed, and kept anew by the next refresh', async () => {
    await host['workspace:engine-refresh']({ handle: ref.handle });
    const before = await bothOpens();
    expect(before.views).toBe('materialised');

    // The dictionary names Impurity 07 now: compounds and measurements say so at once, not what the file kept.
    const ws = await Workspace.open(new NodeFileStore(wsDir()), TEST_ACTOR);
    const dict = await loadDictionary(ws);
    await saveDictionary(ws, { ...dict, version: `${dict.version}.1`, compounds: [...dict.compounds, { name: 'Impurity 07', cas: null, role: 'impurity', synonyms: [] }] });
    const edited = await bothOpens();
    expect(edited.views).toBe('computed');
    expect(edited.cached).toEqual(edited.computed);
    expect(edited.cached.compounds).not.toBe(before.cached.compounds);
    expect(await host['workspace:engine-refresh']({ handle: ref.handle })).toEqual({ built: true });
    expect(await bothOpens()).toMatchObject({ views: 'materialised', cached: edited.computed });

    // A term for gel: the samples view reads it through the new vocabulary.
    const vocab = await loadVocabularies(ws);
    expect(vocab.fields.form.some((f) => f.value === 'gel')).toBe(false);
    await saveVocabularies(ws, { ...vocab, version: `${vocab.version}.1`, fields: { ...vocab.fields, form: [...DEFAULT_VOCABULARIES.fields.form, { value: 'gel', synonyms: [] }] } });
    const renamed = await bothOpens();
    expect(renamed.views).toBe('computed');
    expect(renamed.cached).toEqual(renamed.computed);
    expect(renamed.cached.vocabulary_values).not.toBe(edited.cached.vocabulary_values);
    expect(await host['workspace:engine-refresh']({ handle: ref.handle })).toEqual({ built: true });
    expect(await bothOpens()).toMatchObject({ views: 'materialised', cached: renamed.computed });

    // A new batch: S5 has results now, and S8 is a new sample.
    await importText('gcms-2.csv', 'sample_id,compound,area\nS5,4-ANPP,80\nS5,NPP,30\nS8,4-ANPP,60\n');
    const added = await bothOpens();
    expect(added.views).toBe('computed');
    expect(added.cached).toEqual(added.computed);
    expect(added.cached.samples).not.toBe(renamed.cached.samples);
    expect(await host['workspace:engine-refresh']({ handle: ref.handle })).toEqual({ built: true });
    expect(await bothOpens()).toMatchObject({ views: 'materialised', cached: added.computed });
  }, 240_000);
});
