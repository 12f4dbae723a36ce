/**
 * Hostile sample names through every export format, read back with the programs a recipient would use,
 * asserting exactly what they would see: neutralised text in CSV and XLSX (no formula anywhere), the exact
 * original text in Parquet and Arrow, numbers as numbers, dates as dates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../shared/db/Database';
import type { Workspace } from '../../../shared/workspace/Workspace';
import { exportData, type ExportRequest } from '../../../shared/exporting/export-data';
import { tempDir } from '../../util/temp-dir';
import { HOSTILE, HOSTILE_COMPOUND, openFixture } from './fixture';
import { parseCsv, readArrow, readParquet, readXlsx } from './read-back';

/**
 * What a spreadsheet user sees for each hostile id: an apostrophe before formula starters (fullwidth ones too),
 * characters that do not show themselves written as [U+XXXX], nothing else changed.
 */
const NEUTRALISED: Record<string, string> = {
  '<script>alert(1)</script>': '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>': '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil","x")': `'=HYPERLINK("http://evil","x")`,
  "+cmd|' /C calc'!A0": `'+cmd|' /C calc'!A0`,
  '@SUM(1)': `'@SUM(1)`,
  '-2+3': `'-2+3`,
  '\uff1dHYPERLINK("http://evil","x")': `'\uff1dHYPERLINK("http://evil","x")`,
  'FS25-\u202e10000': 'FS25-[U+202E]10000',
  'S-\u001b[31mred\u009b': 'S-[U+001B][31mred[U+009B]',
};

let ws: Workspace;
let db: Database;
let cleanup: () => void;
const ctx = { analyst: 'ana.analyst', appVersion: '0.1.0', now: new Date('2026-11-25T10:00:00Z') };

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ({ ws, db } = await openFixture(t.dir));
});
afterAll(async () => {
  await db.close();
  cleanup();
});

function run(format: ExportRequest['format'], what: ExportRequest['what'] = 'samples') {
  return exportData(ws, db, { selection: { kind: 'samples', sample_ids: [...HOSTILE, 'S-001'] }, what, format, label: 'PROTECTED B', fileName: `x.${format}` }, ctx);
}

describe('export formats with hostile sample names', () => {
  it('CSV: every formula starter neutralised, markup left as text, numbers and dates as written', async () => {
    const { bytes } = await run('csv');
    // UTF-8 BOM first (Excel on Windows needs it for "Montréal"); standard decoders drop it.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { rows } = parseCsv(new TextDecoder().decode(bytes));
    const [header, ...data] = rows;
    const col = (name: string) => header.indexOf(name);
    const ids = data.map((r) => r[col('sample_id')]);
    expect(ids.sort()).toEqual([...Object.values(NEUTRALISED), 'S-001'].sort());
    const s001 = data.find((r) => r[col('sample_id')] === 'S-001')!;
    expect([s001[col('mass_g')], s001[col('lat')], s001[col('seized_on')], s001[col('city')], s001[col('has_metadata')]]).toEqual(['12.5', '45.5017', '2026-01-15', 'Montréal', 'true']);
    // The extra column's "=1+1" is neutralised too; a negative number stays a number.
    expect(data.map((r) => r[col('x_notes')])).toContain(`'=1+1`);
    expect(s001[col('lon')]).toBe('-73.5673');
  });

  it('XLSX: text cells are shared strings with the same neutralised text, no <f> element anywhere, numbers stay numbers', async () => {
    const { bytes } = await run('xlsx');
    const { sheets, parts } = await readXlsx(bytes);
    expect(sheets.map((s) => s.sheet)).toEqual(['samples', 'About this export']);
    const [header, ...data] = sheets[0].data;
    const col = (name: string) => header.indexOf(name);
    expect(data.map((r) => r[col('sample_id')]).sort()).toEqual([...Object.values(NEUTRALISED), 'S-001'].sort());
    const s001 = data.find((r) => r[col('sample_id')] === 'S-001')!;
    expect(s001[col('mass_g')]).toBe(12.5);
    expect(s001[col('lon')]).toBe(-73.5673);
    expect(s001[col('has_metadata')]).toBe(true);
    expect(s001[col('seized_on')]).toEqual(new Date('2026-01-15T00:00:00Z'));
    expect(data.map((r) => r[col('x_notes')])).toContain(`'=1+1`);

    const xmlParts = Object.entries(parts).filter(([name]) => name.endsWith('.xml'));
    for (const [name, xml] of xmlParts) expect(xml, name).not.toMatch(/<f[\s>/]/);
    expect(parts['xl/sharedStrings.xml']).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(parts['xl/sharedStrings.xml']).not.toContain('<script>');
    // The About sheet carries the label inside the workbook, and says which values were written visibly.
    expect(sheets[1].data).toContainEqual(['Sensitivity label', 'PROTECTED B']);
    expect(sheets[1].data).toContainEqual(['Note', '2 text values hold control or direction-changing characters (such as U+001B or U+202E) that do not show themselves; they are written visibly as [U+XXXX]']);
    expect(sheets[1].data).toContainEqual(['Note', expect.stringMatching(/^\d+ text values start like a spreadsheet formula .* each is written with a leading apostrophe$/)]);
  });

  it('Parquet: the exact original text (programs read it, spreadsheets do not evaluate it), typed columns, label in the footer', async () => {
    const { bytes } = await run('parquet');
    const { rows, metadata } = await readParquet(bytes);
    expect(rows.map((r) => r.sample_id).sort()).toEqual([...HOSTILE, 'S-001'].sort());
    const s001 = rows.find((r) => r.sample_id === 'S-001')!;
    expect(s001.mass_g).toBe(12.5);
    expect(s001.seized_on).toEqual(new Date('2026-01-15T00:00:00Z'));
    expect(s001.n_measurements).toBe(4n);
    expect(s001.has_metadata).toBe(true);
    expect(metadata['sigwb.sensitivity_label']).toBe('PROTECTED B');
    expect(metadata['sigwb.manifest']).toBe('x.parquet.manifest.json');
  });

  it('flags in the manifest the values a format keeps exact: hidden characters and formula starts', async () => {
    const { manifest } = await run('parquet');
    expect(manifest.content.notes).toContainEqual('2 text values hold control or direction-changing characters (such as U+001B or U+202E) that do not show themselves; this format keeps them exact: show them escaped before reading the values');
  });

  it('Arrow IPC file: the exact original text, the types DuckDB computed, label in the schema metadata', async () => {
    const { bytes } = await run('arrow');
    expect(new TextDecoder().decode(bytes.subarray(0, 6))).toBe('ARROW1');
    const t = readArrow(bytes);
    expect((t.getChild('sample_id')!.toArray() as string[]).sort()).toEqual([...HOSTILE, 'S-001'].sort());
    expect(String(t.schema.fields.find((f) => f.name === 'seized_on')!.type)).toBe('Date32<DAY>');
    expect(t.schema.metadata.get('sigwb.sensitivity_label')).toBe('PROTECTED B');
  });

  it('signatures: a hostile compound name as a column header is neutralised in CSV and XLSX, kept in Parquet', async () => {
    const sel = { kind: 'all' as const };
    const base = { selection: sel, what: 'signatures' as const, label: 'PROTECTED B' };
    const csv = await exportData(ws, db, { ...base, format: 'csv', fileName: 's.csv' }, ctx);
    expect(parseCsv(new TextDecoder().decode(csv.bytes)).rows[0]).toEqual(['sample_id', '4-ANPP', `'${HOSTILE_COMPOUND}`, 'norfentanyl', 'xylazine']);
    const xlsx = await readXlsx((await exportData(ws, db, { ...base, format: 'xlsx', fileName: 's.xlsx' }, ctx)).bytes);
    expect(xlsx.sheets[0].data[0]).toEqual(['sample_id', '4-ANPP', `'${HOSTILE_COMPOUND}`, 'norfentanyl', 'xylazine']);
    const pq = await readParquet((await exportData(ws, db, { ...base, format: 'parquet', fileName: 's.parquet' }, ctx)).bytes);
    expect(pq.columns).toEqual(['sample_id', '4-ANPP', HOSTILE_COMPOUND, 'norfentanyl', 'xylazine']);
  });

  it('measurements: not detected stays distinct from a measured value in every format', async () => {
    const csv = parseCsv(new TextDecoder().decode((await run('csv', 'measurements')).bytes)).rows;
    const h = csv[0];
    const nd = csv.find((r) => r[h.indexOf('sample_id')] === 'S-001' && r[h.indexOf('compound')] === 'norfentanyl')!;
    expect([nd[h.indexOf('area')], nd[h.indexOf('detected')], nd[h.indexOf('nd_text')]]).toEqual(['', 'false', 'nd']);
    const pq = (await readParquet((await run('parquet', 'measurements')).bytes)).rows;
    expect(pq.find((r) => r.sample_id === 'S-001' && r.compound === 'norfentanyl')).toMatchObject({ area: null, detected: false, nd_text: 'nd' });
  });
});
