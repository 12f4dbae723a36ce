import { describe, expect, it } from 'vitest';
import { previewFile } from '../../../shared/importing/preview-file';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { enc, latin1, sampleFile, xlsx } from './harness';

const dictionary = DEFAULT_COMPOUND_DICTIONARY;

describe('previewFile', () => {
  it('shows how a file will be read, what it holds, how its columns map, and its first rows', async () => {
    const p = await previewFile({ name: 'gcms-impurities.csv', bytes: sampleFile('results/gcms-impurities.csv') }, { dictionary, rows: 2 });
    expect(p).toMatchObject({
      format: 'csv',
      options: { encoding: 'utf-8', delimiter: ',', quote: '"', headerRow: 5, decimal: '.', thousands: '', dateOrder: null },
      kind: 'results-long',
      headers: ['Data File', 'Sample Name', 'Compound', 'RT', 'Resp.', 'Acq. Method', 'Instrument', 'Acq. Date-Time'],
      problems: [],
    });
    expect(p.rows).toHaveLength(2);
    expect(p.columns.map((c) => [c.header, c.role, c.field])).toEqual([
      ['Data File', 'ignored', null],
      ['Sample Name', 'field', 'sample_id'],
      ['Compound', 'field', 'compound'],
      ['RT', 'field', 'rt_min'],
      ['Resp.', 'field', 'area'],
      ['Acq. Method', 'field', 'method'],
      ['Instrument', 'field', 'instrument'],
      ['Acq. Date-Time', 'field', 'analysed_on'],
    ]);
  });

  it('detects a Windows-1252, semicolon, decimal-comma file and takes overrides', async () => {
    const bytes = sampleFile('metadata/quebec-saisies.csv');
    const p = await previewFile({ name: 'q.csv', bytes }, { dictionary });
    expect(p).toMatchObject({ kind: 'samples', options: { encoding: 'windows-1252', delimiter: ';', decimal: ',' } });
    expect(p.headers[0]).toBe('No échantillon');
    const o = await previewFile({ name: 'q.csv', bytes: latin1('a;b\n1,5;2\n') }, { dictionary, overrides: { delimiter: ',' } });
    expect(o.options?.delimiter).toBe(',');
  });

  it('lists the sheets of a workbook', async () => {
    const book = await xlsx([{ sheet: 'Notes', rows: [['x']] }, { sheet: 'Data', rows: [['Sample ID', 'Fentanyl'], ['S1', 5]] }]);
    const p = await previewFile({ name: 'b.xlsx', bytes: book }, { dictionary, sheet: 'Data' });
    expect(p).toMatchObject({ format: 'xlsx', sheets: ['Notes', 'Data'], sheet: 'Data', kind: 'results-wide', rows: [['S1', '5']] });
  });

  it('keeps the partial mapping and the kind when a required column is missing, and names the missing field', async () => {
    // "Signal" is no synonym of the peak area: before, every column showed as not matched and no kind was given.
    const csv = 'Sample ID;Compound;Signal;RT (min)\nFS26-80001;Fentanyl;36454895,5;14,210\nFS26-80002;4-ANPP;171141,5;12,950\n';
    const p = await previewFile({ name: 'gcms-semicolon.csv', bytes: enc.encode(csv) }, { dictionary });
    expect(p).toMatchObject({ kind: 'results-long', missing: ['area'], problems: [{ line: 1, columnName: null, reason: expect.stringContaining('missing required column area') }] });
    expect(p.columns.map((c) => [c.header, c.role, c.field, c.by])).toEqual([
      ['Sample ID', 'field', 'sample_id', 'canonical'],
      ['Compound', 'field', 'compound', 'canonical'],
      ['Signal', 'ignored', null, 'unmatched'],
      ['RT (min)', 'field', 'rt_min', 'canonical'],
    ]);
    // Mapped by the analyst, the file is whole and nothing is missing.
    const mapped = await previewFile({ name: 'gcms-semicolon.csv', bytes: enc.encode(csv) }, { dictionary, profile: { name: '(this import)', columns: { Signal: 'area' }, options: {} } });
    expect(mapped).toMatchObject({ kind: 'results-long', missing: [], problems: [] });
    expect(mapped.columns[2]).toMatchObject({ role: 'field', field: 'area', by: 'profile' });
  });

  it('says why a file cannot be imported', async () => {
    expect((await previewFile({ name: 'x.csv', bytes: enc.encode('Compound,Area\nfentanyl,1\n') }, { dictionary })).problems[0].reason).toContain('missing required column sample_id');
    expect((await previewFile({ name: 'x.pdf', bytes: enc.encode('%PDF-1.4') }, { dictionary })).problems[0].reason).toContain('PDF');
  });
});
