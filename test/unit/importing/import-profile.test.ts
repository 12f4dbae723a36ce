import { describe, expect, it } from 'vitest';
import { deleteImportProfile, findImportProfile, loadImportProfiles, readImportProfiles, saveImportProfile, type ImportProfile } from '../../../shared/importing/import-profile';
import { expectStatus, testWorkspace } from './harness';

const shimadzu: ImportProfile = {
  name: 'Shimadzu GCMS-QP2020',
  instrument: 'GCMS-QP2020',
  columns: { 'Name': 'sample_id', 'ID#': 'ignore', 'Compound': 'compound', 'Conc.': 'area', 'Ret.Time': 'rt_min' },
  options: { delimiter: ';', decimal: ',' },
};

describe('import profiles', () => {
  it('are saved in the workspace, validated, listed and removed', async () => {
    const t = await testWorkspace();
    expect(await loadImportProfiles(t.ws)).toEqual([]);
    await saveImportProfile(t.ws, shimadzu);
    await saveImportProfile(t.ws, { ...shimadzu, name: 'Other', columns: {}, options: {} });
    await saveImportProfile(t.ws, { ...shimadzu, instrument: 'renamed' });
    expect((await loadImportProfiles(t.ws)).map((p) => [p.name, p.instrument])).toEqual([['Other', 'GCMS-QP2020'], ['Shimadzu GCMS-QP2020', 'renamed']]);
    expect(t.ws.manifest.documents['import-profiles'].file).toBe('config/import-profiles.json');
    await expect(saveImportProfile(t.ws, { ...shimadzu, columns: { Name: 'sample id' as never } })).rejects.toThrow();
    expect(await deleteImportProfile(t.ws, 'Other')).toBe(true);
    expect(await deleteImportProfile(t.ws, 'Other')).toBe(false);
    expect(await findImportProfile(t.ws, 'Shimadzu GCMS-QP2020')).toMatchObject({ instrument: 'renamed' });
  });

  it('refuse documents written by a newer workbench', () => {
    expect(() => readImportProfiles({ format: 'signature-workbench/import-profiles', schema_version: 2, profiles: [] })).toThrow(/newer Signature Workbench/);
  });

  it('map headers the synonym table does not know and set the reading options, recorded on the batch', async () => {
    const t = await testWorkspace();
    const file = 'Name;ID#;Compound;Ret.Time;Conc.\nS1;1;Fentanyl;14,2;1234,5\nS1;2;NPP;9,9;12,5\n';
    const without = expectStatus(await t.importBytes('qp.csv', file), 'refused');
    expect(without.problems[0].reason).toContain('missing required column sample_id');
    const o = expectStatus(await t.importBytes('qp.csv', file, { profile: shimadzu }), 'imported');
    expect(o.batch.profile).toBe('Shimadzu GCMS-QP2020');
    expect(await t.rows('SELECT sample_id, compound, area, rt_min FROM measurements ORDER BY line')).toEqual([
      { sample_id: 'S1', compound: 'fentanyl', area: 1234.5, rt_min: 14.2 },
      { sample_id: 'S1', compound: 'NPP', area: 12.5, rt_min: 9.9 },
    ]);
  });
});
