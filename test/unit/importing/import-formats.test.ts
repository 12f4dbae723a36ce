/** Every file type, encoding and locale the import reads, end to end into the workspace views. */
import { describe, expect, it } from 'vitest';
import { arrowIpc, enc, expectStatus, latin1, parquet, testWorkspace, utf16, xlsx } from './harness';

const LONG = 'sample_id,compound,area,rt_min,unit,method,instrument,analysed_on\nS1,fentanyl,1234.5,14.21,counts,FENT-IMP,GCMS-1,2025-03-05\nS1,4-ANPP,nd,,counts,FENT-IMP,GCMS-1,2025-03-05\nS1,xylazine,0,7.5,counts,FENT-IMP,GCMS-1,2025-03-05\n';
const measured = 'SELECT sample_id, compound, area, detected, nd_text, rt_min, analysed_on, line FROM measurements ORDER BY line, compound';

describe('importFile: formats', () => {
  it('imports a canonical long CSV with not-detected kept distinct from a measured 0', async () => {
    const t = await testWorkspace();
    const o = expectStatus(await t.importBytes('results.csv', LONG), 'imported');
    expect(o.batch).toMatchObject({ id: 'B0001', kind: 'results', format: 'csv', rows_read: 3, rows_imported: 3, rows_quarantined: 0, analyst: 'tester', profile: null, supersedes: null });
    expect(await t.rows(measured)).toEqual([
      { sample_id: 'S1', compound: 'fentanyl', area: 1234.5, detected: true, nd_text: null, rt_min: 14.21, analysed_on: '2025-03-05', line: 2 },
      { sample_id: 'S1', compound: '4-ANPP', area: null, detected: false, nd_text: 'nd', rt_min: null, analysed_on: '2025-03-05', line: 3 },
      { sample_id: 'S1', compound: 'xylazine', area: 0, detected: true, nd_text: null, rt_min: 7.5, analysed_on: '2025-03-05', line: 4 },
    ]);
    expect(await t.rows('SELECT file_name, file_size, file_sha256 FROM batches')).toEqual([{ file_name: 'results.csv', file_size: LONG.length, file_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('reads every not-detected token as not detected, with the token kept', async () => {
    const tokens = ['', 'nd', 'n.d.', 'ND', '<LOD', '< LOQ', 'BLQ', '-'];
    const csv = 'Sample,Compound,Area\n' + tokens.map((tok, i) => `S1,C${i},${tok}`).join('\n') + '\nS1,C9,0\n';
    const t = await testWorkspace();
    expectStatus(await t.importBytes('nd.csv', csv), 'imported');
    const rows = await t.rows('SELECT compound_raw, detected, nd_text, area FROM measurements ORDER BY line');
    expect(rows.map((r) => r.nd_text)).toEqual([...tokens, null]);
    expect(rows.map((r) => r.detected)).toEqual([...tokens.map(() => false), true]);
    expect(rows[8]).toEqual({ compound_raw: 'C9', detected: true, nd_text: null, area: 0 });
  });

  it('imports TSV and TXT with other delimiters', async () => {
    const t = await testWorkspace();
    expectStatus(await t.importBytes('r.tsv', LONG.replace(/,/g, '\t')), 'imported');
    expectStatus(await t.importBytes('r.txt', LONG.replace(/,/g, '|').replace(/S1/g, 'S2')), 'imported');
    expect(await t.rows('SELECT batch_id, format, rows_imported FROM batches ORDER BY 1')).toEqual([
      { batch_id: 'B0001', format: 'tsv', rows_imported: 3 },
      { batch_id: 'B0002', format: 'txt', rows_imported: 3 },
    ]);
  });

  it('reads a French locale: semicolons, decimal commas, space thousands, day-first dates, Windows-1252', async () => {
    const text = 'No échantillon;Composé;Aire;Temps de rétention;Date d\'analyse\nS-Montréal;Fentanyl;1\u00a0234,5;14,21;05/03/2025\nS-Montréal;4-ANPP;n.d.;;25/03/2025\n';
    const t = await testWorkspace();
    const o = expectStatus(await t.importBytes('qc.csv', latin1(text)), 'imported');
    expect(o.batch.rows_imported).toBe(2);
    expect(await t.rows('SELECT sample_id, compound, area, rt_min, analysed_on FROM measurements ORDER BY line')).toEqual([
      { sample_id: 'S-Montréal', compound: 'fentanyl', area: 1234.5, rt_min: 14.21, analysed_on: '2025-03-05' },
      { sample_id: 'S-Montréal', compound: '4-ANPP', area: null, rt_min: null, analysed_on: '2025-03-25' },
    ]);
  });

  it('reads UTF-16 with BOM (both byte orders) and UTF-8 with BOM', async () => {
    const t = await testWorkspace();
    const meta = (id: string) => `sample_id,city,lat,lon\n${id},Montréal,45.5,-73.57\n`;
    expectStatus(await t.importBytes('le.csv', utf16(meta('A'), 'le')), 'imported');
    expectStatus(await t.importBytes('be.csv', utf16(meta('B'), 'be')), 'imported');
    expectStatus(await t.importBytes('bom.csv', Uint8Array.from([0xef, 0xbb, 0xbf, ...enc.encode(meta('C'))])), 'imported');
    expect(await t.rows('SELECT sample_id, city FROM samples ORDER BY 1')).toEqual(['A', 'B', 'C'].map((s) => ({ sample_id: s, city: 'Montréal' })));
  });

  it('reads thousands commas inside quotes in a comma-delimited file', async () => {
    const t = await testWorkspace();
    expectStatus(await t.importBytes('q.csv', 'Sample,Compound,Area\nS1,fentanyl,"1,234,567.5"\nS1,NPP,"12,345.0"\n'), 'imported');
    expect((await t.rows('SELECT area FROM measurements ORDER BY line')).map((r) => r.area)).toEqual([1234567.5, 12345]);
  });

  it('imports XLSX: the first sheet, or a chosen one, with spreadsheet row numbers and Excel dates', async () => {
    const book = await xlsx([
      { sheet: 'Info', rows: [['Exported from LIMS'], [null], ['Lab No', 'Date Seized', 'City', 'Purity (%)'], ['S1', new Date(Date.UTC(2025, 2, 5)), 'Montréal', 12.5], ['S2', '2025-03-06', 'Québec', 'nd?']] },
      { sheet: 'Results', rows: [['Sample ID', 'Fentanyl', 'Xylazine'], ['S1', 12345, 'ND'], ['S2', 23456, 0]] },
    ]);
    const t = await testWorkspace();
    const wide = expectStatus(await t.importBytes('book.xlsx', book, { sheet: 'Results' }), 'imported');
    expect(wide).toMatchObject({ kind: 'results-wide', batch: { format: 'xlsx', rows_read: 2 } });
    expect(await t.rows('SELECT sample_id, compound, area, detected, nd_text, line FROM measurements ORDER BY line, compound')).toEqual([
      { sample_id: 'S1', compound: 'fentanyl', area: 12345, detected: true, nd_text: null, line: 2 },
      { sample_id: 'S1', compound: 'xylazine', area: null, detected: false, nd_text: 'ND', line: 2 },
      { sample_id: 'S2', compound: 'fentanyl', area: 23456, detected: true, nd_text: null, line: 3 },
      { sample_id: 'S2', compound: 'xylazine', area: 0, detected: true, nd_text: null, line: 3 },
    ]);
    const first = expectStatus(await t.importBytes('book.xlsx', book), 'refused');
    expect(first.problems).toEqual([{ file: 'book.xlsx', line: 5, column: 4, columnName: 'Purity (%)', value: 'nd?', reason: 'purity is not a number' }]);
  });

  it('refuses a sheet that does not exist, naming the sheets there are', async () => {
    const t = await testWorkspace();
    const o = expectStatus(await t.importBytes('b.xlsx', await xlsx([{ sheet: 'A', rows: [['x']] }]), { sheet: 'Nope' }), 'refused');
    expect(o.problems[0].reason).toBe('the workbook has no sheet named "Nope" (it has "A")');
  });

  it('imports Parquet (through hyparquet, not DuckDB) and Arrow IPC files and streams, with row numbers', async () => {
    const cols = { sample_id: ['S1', 'S1', 'S2'], compound: ['fentanyl', 'NPP', 'fentanyl'], area: [10.5, null, 7] };
    const t = await testWorkspace();
    expectStatus(await t.importBytes('r.parquet', parquet(cols)), 'imported');
    expectStatus(await t.importBytes('r.arrow', arrowIpc({ ...cols, sample_id: ['A1', 'A1', 'A2'] }, 'file')), 'imported');
    expectStatus(await t.importBytes('r.arrows', arrowIpc({ ...cols, sample_id: ['B1', 'B1', 'B2'] }, 'stream')), 'imported');
    const rows = await t.rows('SELECT batch_id, sample_id, compound, area, detected, line FROM measurements ORDER BY batch_id, line');
    expect(rows.filter((r) => r.batch_id === 'B0001')).toEqual([
      { batch_id: 'B0001', sample_id: 'S1', compound: 'fentanyl', area: 10.5, detected: true, line: 1 },
      { batch_id: 'B0001', sample_id: 'S1', compound: 'NPP', area: null, detected: false, line: 2 },
      { batch_id: 'B0001', sample_id: 'S2', compound: 'fentanyl', area: 7, detected: true, line: 3 },
    ]);
    expect(rows).toHaveLength(9);
    expect(await t.rows('SELECT format FROM batches ORDER BY batch_id')).toEqual([{ format: 'parquet' }, { format: 'arrow' }, { format: 'arrow' }]);
  });

  it('keeps extra metadata columns and types the canonical ones', async () => {
    const t = await testWorkspace();
    const csv = 'Lab No,Exhibit No,Case Number,Date Seized,Province,City,Latitude,Longitude,Form,Net Weight (g),Main Drug,Purity (%),Submitting Agency,Notes\nS1,EX-1,C-1,2025-02-11,British Columbia,Vancouver,49.2827,-123.1207,powder,1.25,fentanyl,12.5,Vancouver Police Department,"bag, blue"\n';
    expectStatus(await t.importBytes('meta.csv', csv), 'imported');
    expect(await t.rows('SELECT * EXCLUDE (metadata_batch, n_measurements, n_detected, results_batch, analysed_on) FROM samples')).toEqual([
      { sample_id: 'S1', seizure_id: 'EX-1', case_id: 'C-1', seized_on: '2025-02-11', region: 'British Columbia', city: 'Vancouver', lat: 49.2827, lon: -123.1207, form: 'powder', mass_g: 1.25, main_drug: 'fentanyl', purity_pct: 12.5, agency: 'Vancouver Police Department', x_notes: 'bag, blue', region_raw: 'British Columbia', form_raw: 'powder', main_drug_raw: 'fentanyl', has_metadata: true, has_results: false },
    ]);
  });
});
