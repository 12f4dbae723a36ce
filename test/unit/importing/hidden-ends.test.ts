/**
 * Values whose ends hold a character that does not show (a control character, a byte-order mark, a bidirectional
 * mark) are refused at their cell, never trimmed (a guess) nor kept silently (a second sample that looks like the
 * first); blank space is trimmed; inside a value such characters are data. And an XLSX header cell holding a
 * spreadsheet error refuses the file at that cell (issue 14).
 */
import { describe, expect, it } from 'vitest';
import { openXlsxSource } from '../../../shared/importing/xlsx-source';
import { handMadeXlsx, sheetRow } from '../../../samples/generator/xlsx-by-hand';
import { trimBlank } from '../../../shared/importing/blank';
import { arrowIpc, expectStatus, parquet, testWorkspace } from './harness';

const HEAD = 'Sample Name,Compound,Area\n';

describe('characters that do not show, at the ends of values', () => {
  it('refuses a CSV value that ends or starts with one at its line and column, names the character, and writes nothing', async () => {
    const t = await testWorkspace();
    const before = t.snapshot();
    const csv = `${HEAD}S1\u0007,fentanyl,100\nS2,\u001b[31mNPP,20\nS3,fentanyl,7\u000b\nS4,fentanyl,"8\u00a0"\n\u200fS5,fentanyl,9\n`;
    const o = expectStatus(await t.importBytes('bell.csv', csv), 'refused');
    expect(o.problems.map((p) => [p.line, p.column, p.columnName, p.value])).toEqual([
      [2, 1, 'Sample Name', 'S1\u0007'],
      [3, 2, 'Compound', '\u001b[31mNPP'],
      [4, 3, 'Area', '7\u000b'],
      [6, 1, 'Sample Name', '\u200fS5'],
    ]);
    expect(o.problems[0].reason).toMatch(/^the value ends with \[U\+0007\], a character that does not show: it is neither trimmed/);
    expect(o.problems[1].reason).toMatch(/^the value starts with \[U\+001B\]/);
    expect(o.problems[2].reason).toMatch(/ends with \[U\+000B\]/);
    expect(o.problems[3].reason).toMatch(/starts with \[U\+200F\]/);
    expect(t.snapshot()).toEqual(before);
  });

  it('with accept-partial sends those rows to quarantine and imports the others, blank space trimmed, inner controls kept', async () => {
    const t = await testWorkspace();
    const csv = `${HEAD}S1\u0007,fentanyl,100\n  S2\t,NPP,"20\u00a0"\nS\u00073,fentanyl,7\n`;
    const o = expectStatus(await t.importBytes('bell.csv', csv, { acceptPartial: true }), 'imported');
    expect(o.batch).toMatchObject({ rows_read: 3, rows_imported: 2, rows_quarantined: 1 });
    expect(await t.rows('SELECT sample_id, area FROM measurements ORDER BY line')).toEqual([
      { sample_id: 'S2', area: 20 },
      { sample_id: 'S\u00073', area: 7 },
    ]);
    expect(await t.rows('SELECT line, column_number, value FROM quarantine')).toEqual([{ line: 2, column_number: 1, value: 'S1\u0007' }]);
  });

  it('refuses them in XLSX cells (written by Excel as _x000B_) Parquet and Arrow cells too; String.prototype.trim dropped VT, FF and U+FEFF', async () => {
    const sheet = [sheetRow(1, ['Sample Name', 'Compound', 'Area']), sheetRow(2, ['S1_x000B_', 'fentanyl', 100]), sheetRow(3, ['S2', 'N_x005F_x000C_P', 5])].join('');
    for (const [name, bytes, value] of [
      ['vt.xlsx', handMadeXlsx(sheet), 'S1\u000b'],
      ['bom.parquet', parquet({ 'Sample Name': ['S1', '\ufeffS2'], Compound: ['fentanyl', 'NPP'], Area: [1, 2] }), '\ufeffS2'],
      ['bom.arrow', arrowIpc({ 'Sample Name': ['S1', '\ufeffS2'], Compound: ['fentanyl', 'NPP'], Area: [1, 2] }), '\ufeffS2'],
    ] as const) {
      const t = await testWorkspace();
      const o = expectStatus(await t.importBytes(name, bytes), 'refused');
      expect(o.problems.map((p) => [p.line, p.column, p.value]), name).toEqual([[2, 1, value]]);
    }
    // _x005F_ is a literal underscore: the second row's compound is the text N_x000C_P, not a control character.
    const t = await testWorkspace();
    expectStatus(await t.importBytes('vt.xlsx', handMadeXlsx(sheet), { acceptPartial: true }), 'imported');
    expect(await t.rows('SELECT sample_id, compound FROM measurements')).toEqual([{ sample_id: 'S2', compound: 'N_x000C_P' }]);
  });

  it('trims blank space only', () => {
    expect(trimBlank(' \t\u00a0\u202f\u3000S1\r\n ')).toBe('S1');
    for (const c of ['\u0000', '\u0007', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\ufeff', '\u200b', '\u202e']) expect(trimBlank(`${c}S1${c}`)).toBe(`${c}S1${c}`);
  });
});

describe('an XLSX header cell that cannot be read', () => {
  it('refuses the file at that cell, whatever rows are above it', async () => {
    const sheet = [sheetRow(1, ['Seizure report 2025']), sheetRow(3, ['Sample ID', { error: '#REF!' }, 'Fentanyl']), sheetRow(4, ['FS25-1', 'x', 100]), sheetRow(5, ['FS25-2', 'y', 50])].join('');
    expect(await openXlsxSource(handMadeXlsx(sheet), {})).toEqual({
      refused: "the header row's cell in column 2 cannot be read: the cell holds the spreadsheet error #REF! instead of a value: correct it in the workbook",
      line: 3,
      column: 2,
    });
    const t = await testWorkspace();
    const before = t.snapshot();
    const o = expectStatus(await t.importBytes('ref.xlsx', handMadeXlsx(sheet)), 'refused');
    expect(o.problems).toEqual([{ file: 'ref.xlsx', line: 3, column: 2, columnName: null, value: null, reason: expect.stringContaining('#REF!') }]);
    expect(t.snapshot()).toEqual(before);
  });

  it('still reads a sheet whose errors are in data rows only, locating them', async () => {
    const sheet = [sheetRow(1, ['Sample ID', 'Fentanyl']), sheetRow(2, ['FS25-1', { error: '#DIV/0!' }]), sheetRow(3, ['FS25-2', 5])].join('');
    const opened = await openXlsxSource(handMadeXlsx(sheet), {});
    expect('source' in opened && opened.source.headers).toEqual(['Sample ID', 'Fentanyl']);
  });
});
