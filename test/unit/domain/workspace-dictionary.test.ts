import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openWorkspaceDatabase } from '../../../cli/context';
import { plainRows } from '../../../shared/db/arrow-values';
import { defineViews } from '../../../shared/db/workspace-views';
import { editWorkspaceDictionary, loadDictionary } from '../../../shared/domain/workspace-dictionary';
import { runCli } from '../../util/run-cli';
import { snapshotTree, tempDir } from '../../util/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function workspaceWithUnknowns() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const dir = path.join(t.dir, 'ws');
  await runCli('init', dir);
  writeFileSync(path.join(t.dir, 'r.csv'), 'sample_id,compound,area\nS1,Unknown 14.62,12\nS1,Despropionylfentanyl (DPF),30\nS2,despropionylfentanyl (dpf),8\n');
  expect((await runCli('import', '-w', dir, path.join(t.dir, 'r.csv'))).code).toBe(0);
  return dir;
}
const measurements = "SELECT compound_raw, compound, role FROM measurements ORDER BY sample_id, compound_raw";

describe('editWorkspaceDictionary', () => {
  it('saves a valid edit as the workspace dictionary, audits what changed, and the rebuilt views match a fresh open', async () => {
    const dir = await workspaceWithUnknowns();
    const { ws, db } = await openWorkspaceDatabase(dir);
    const r = await editWorkspaceDictionary(ws, { kind: 'map', raw: 'Despropionylfentanyl (DPF)', compound: '4-ANPP' }, { now: new Date('2026-11-25T10:00:00Z') });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((await loadDictionary(ws)).version).toBe('2026-11-25.1');

    // What the renderer does after saving: redefine the views on the open database.
    await defineViews(db, ws, r.dictionary);
    const inPlace = plainRows(await db.query(measurements)).map((row) => row.join(','));
    expect(inPlace).toEqual(['Despropionylfentanyl (DPF),4-ANPP,precursor', 'Unknown 14.62,Unknown 14.62,unassigned', 'despropionylfentanyl (dpf),4-ANPP,precursor']);
    await db.close();
    // What the CLI sees on its next open, as after `sigwb dictionary --import`.
    const fresh = await runCli('query', '-w', dir, measurements);
    expect(fresh.out.trim().split('\n').slice(1)).toEqual(inPlace);
    expect((await runCli('query', '-w', dir, "SELECT count(*) AS n FROM compounds WHERE role = 'unassigned'")).out).toBe('n\n1\n');

    const last = readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).at(-1);
    expect(last).toMatchObject({
      action: 'dictionary.save',
      summary: expect.stringMatching(/^Saved config\/compound-dictionary-V0001\.json \(version V0001, in force, copied to config\/compound-dictionary\.json\): compound dictionary 2026-11-25\.1 \(was default-\S+\): mapped "Despropionylfentanyl \(DPF\)" as a synonym of 4-ANPP$/),
      details: { edit: 'map', compound: '4-ANPP', dictionary_version: '2026-11-25.1', document: 'compound-dictionary', version: 'V0001' },
      written: [{ path: 'config/compound-dictionary-V0001.json' }, { path: 'config/compound-dictionary.json' }, { path: 'workspace.json' }],
    });
  });

  it('writes nothing when the edit is refused', async () => {
    const dir = await workspaceWithUnknowns();
    const before = snapshotTree(dir);
    const { ws, db } = await openWorkspaceDatabase(dir);
    await db.close();
    const r = await editWorkspaceDictionary(ws, { kind: 'add', entry: { name: 'Unknown 14.62', role: 'impurity', cas: null, synonyms: ['ANPP'] } });
    expect(r).toEqual({ ok: false, message: '"ANPP" is a synonym of 4-ANPP: it cannot also name Unknown 14.62. A name or synonym may name one compound only.' });
    const bad = await editWorkspaceDictionary(ws, { kind: 'add', entry: { name: 'Unknown 14.62', role: 'impurity', cas: '1-2-3', synonyms: [] } });
    expect(bad).toEqual({ ok: false, message: 'Unknown 14.62 (CAS number): CAS number like 437-38-7' });
    expect(snapshotTree(dir)).toEqual(before);
  });
});
