/**
 * A value refused into quarantine is missing, not "not detected": the quarantine records the sample and compound it
 * was about, `missing_values` lists it until a later batch brings the value, the sample is left out of the signatures
 * by that rule (never read with a 0), and it comes back once the value is imported. Also the vocabularies at import:
 * the notes say what was harmonised and what no term names, and the samples view shows the term and the value as
 * written.
 */
import { describe, expect, it } from 'vitest';
import { loadSignatures, missingNote } from '../../../shared/analysis/signature-query';
import { DEFAULT_VOCABULARIES } from '../../../shared/domain/default-vocabularies';
import { testWorkspace } from './harness';

const results = (rows: string[]) => ['sample_id,compound,area', ...rows].join('\n') + '\n';
const SIGNATURE = ['4-ANPP', 'NPP', 'norfentanyl'];

describe('a value refused into quarantine', () => {
  it('is missing for its sample and compound until imported, and the sample is left out of the signatures, not read as 0', async () => {
    const t = await testWorkspace();
    const first = await t.importBytes('gcms.csv', results(['S1,4-ANPP,100', 'S1,NPP,50', 'S1,norfentanyl,12x', 'S2,4-ANPP,90', 'S2,NPP,nd', 'S2,norfentanyl,10']), { acceptPartial: true });
    expect(first).toMatchObject({ status: 'imported', batch: { rows_quarantined: 1 } });
    expect(await t.rows('SELECT sample_id, compound_raw, line FROM quarantine')).toEqual([{ sample_id: 'S1', compound_raw: 'norfentanyl', line: 4 }]);
    expect(await t.rows('SELECT sample_id, compound, batch_id, line, value FROM missing_values')).toEqual([{ sample_id: 'S1', compound: 'norfentanyl', batch_id: 'B0001', line: 4, value: '12x' }]);
    const before = await loadSignatures(t.db, { compounds: SIGNATURE });
    expect(before.matrix.sampleIds).toEqual(['S2']);
    expect(await missingNote(t.db, SIGNATURE)).toMatch(/^1 sample was left out \(S1\): a value of it is in quarantine/);
    // A signature without norfentanyl does not need the missing value: S1 is in it.
    expect((await loadSignatures(t.db, { compounds: ['4-ANPP', 'NPP'] })).matrix.sampleIds).toEqual(['S1', 'S2']);

    await t.importBytes('gcms-norfentanyl-S1.csv', results(['S1,norfentanyl,12']));
    expect(await t.rows('SELECT * FROM missing_values')).toEqual([]);
    const after = await loadSignatures(t.db, { compounds: SIGNATURE });
    expect(after.matrix.sampleIds).toEqual(['S1', 'S2']);
    expect(after.matrix.values[2]).toBe(12);
    expect(await missingNote(t.db, SIGNATURE)).toBeNull();
  });

  it('of a wide row leaves the whole row missing for its sample', async () => {
    const t = await testWorkspace();
    await t.importBytes('wide.csv', 'sample_id,4-ANPP,NPP\nS1,100,abc\nS2,90,40\nS3,80,30\n', { acceptPartial: true });
    expect(await t.rows('SELECT sample_id, compound FROM missing_values')).toEqual([{ sample_id: 'S1', compound: null }]);
    expect((await loadSignatures(t.db, { compounds: ['4-ANPP', 'NPP'] })).matrix.sampleIds).toEqual(['S2', 'S3']);
  });
});

describe('the vocabularies at import', () => {
  it('note what was harmonised and what no term names, and the samples view shows the term beside the value as written', async () => {
    const t = await testWorkspace();
    const meta = 'sample_id,region,form,main_drug\nS1,Québec,poudre,fentanyl\nS2,QC,comprimé,fentanyl\nS3,Ontario,gel,fentanil\n';
    const o = await t.importBytes('meta.csv', meta, { vocabularies: DEFAULT_VOCABULARIES });
    if (o.status !== 'imported') throw new Error(JSON.stringify(o));
    expect(o.warnings).toEqual(expect.arrayContaining([
      'region: "Québec" read as Quebec (1 row), "QC" read as Quebec (1 row); the value as written is kept in region_raw',
      'form: "poudre" read as powder (1 row), "comprimé" read as tablet (1 row); the value as written is kept in form_raw',
      'form: "gel" (1 row) is in no vocabulary term: kept as written and flagged (add a term or a synonym in Data › Vocabularies)',
      'main drug: "fentanil" read as fentanyl (1 row); the value as written is kept in main_drug_raw',
    ]));
    expect(await t.rows('SELECT sample_id, region, region_raw, form, form_raw, main_drug FROM samples ORDER BY sample_id')).toEqual([
      { sample_id: 'S1', region: 'Quebec', region_raw: 'Québec', form: 'powder', form_raw: 'poudre', main_drug: 'fentanyl' },
      { sample_id: 'S2', region: 'Quebec', region_raw: 'QC', form: 'tablet', form_raw: 'comprimé', main_drug: 'fentanyl' },
      { sample_id: 'S3', region: 'Ontario', region_raw: 'Ontario', form: 'gel', form_raw: 'gel', main_drug: 'fentanyl' },
    ]);
    expect(await t.rows("SELECT field, value, samples::INT AS samples FROM vocabulary_values WHERE canonical IS NULL")).toEqual([{ field: 'form', value: 'gel', samples: 1 }]);
  });
});
