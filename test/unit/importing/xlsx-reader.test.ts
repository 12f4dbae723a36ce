/**
 * The streaming XLSX reader (shared/importing/zip-entries.ts, xlsx-*.ts): a sheet of 100,000 rows (which overflowed
 * the previous reader's stack), decompression bombs honest and forged, and cells that cannot be read, each located.
 */
import { describe, expect, it } from 'vitest';
import { openXlsxSource } from '../../../shared/importing/xlsx-source';
import { ProblemLog } from '../../../shared/importing/problem-log';
import { InflateBudget, inflateEntry, readZipEntries, ZIP_LIMITS, ZipError } from '../../../shared/importing/zip-entries';
import { isDateFormat } from '../../../shared/importing/xlsx-workbook';
import { columnIndex } from '../../../shared/importing/xlsx-sheet';
import { handMadeXlsx, sheetRow, zipBombXlsx } from '../../../samples/generator/xlsx-by-hand';

async function scanAll(bytes: Uint8Array) {
  const opened = await openXlsxSource(bytes, {});
  if ('refused' in opened) throw new Error(opened.refused);
  const rows: { line: number; cells: string[] }[] = [];
  const log = new ProblemLog('x.xlsx', 100, true);
  await opened.source.scan((row, line) => rows.push({ line, cells: Array.from({ length: row.count }, (_, i) => row.text(i)) }), log, {});
  return { source: opened.source, rows, problems: log.all() };
}

describe('XLSX reader', () => {
  it('reads a sheet of 100,000 rows whole, with the spreadsheet row numbers', async () => {
    const rows = [sheetRow(1, ['Sample ID', 'Analysis Date', 'Fentanyl'])];
    for (let r = 2; r <= 100_001; r++) rows.push(sheetRow(r, [`FS25-${r}`, { date: 45_700 + (r % 300) }, r * 3]));
    const { source, rows: read, problems } = await scanAll(handMadeXlsx(rows.join('')));
    expect(source.headers).toEqual(['Sample ID', 'Analysis Date', 'Fentanyl']);
    expect(problems).toEqual([]);
    expect(read).toHaveLength(100_000);
    // Excel day 45,702 is 2025-02-14 and 45,801 is 2025-05-24; the values as written.
    expect(read[read.length - 1]).toEqual({ line: 100_001, cells: ['FS25-100001', '2025-05-24', '300003'] });
    expect(read[0]).toEqual({ line: 2, cells: ['FS25-2', '2025-02-14', '6'] });
  }, 120_000);

  it('refuses an honest decompression bomb from its declared sizes, before inflating', () => {
    const bomb = zipBombXlsx(20);
    const entry = readZipEntries(bomb).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const budget = new InflateBudget();
    expect(() => inflateEntry(bomb, entry, budget, () => {})).toThrow(/decompression bomb/);
    expect(budget.total).toBe(0);
  });

  it('stops a forged bomb (sizes declared small) within a few MB of inflated bytes', () => {
    const bomb = zipBombXlsx(20).slice();
    const view = new DataView(bomb.buffer);
    const entries = readZipEntries(bomb);
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    // Find its central-directory record and declare 2 MB uncompressed (a plausible 30× ratio).
    let p = view.getUint32(bomb.length - 22 + 16, true);
    for (const e of entries) {
      if (e === sheet) view.setUint32(p + 24, 2 * 1024 * 1024, true);
      p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    }
    const forged = readZipEntries(bomb).find((e) => e.name === sheet.name)!;
    const budget = new InflateBudget();
    expect(() => inflateEntry(bomb, forged, budget, () => {})).toThrow(ZipError);
    expect(budget.total).toBeLessThan(2 * 1024 * 1024 + 5 * 1024 * 1024);
    expect(ZIP_LIMITS.ratio).toBeLessThan(1032);
  });

  it('locates every cell it cannot read: a spreadsheet error, a missing shared string, a number that is not one', async () => {
    const sheet = [
      sheetRow(1, ['Sample ID', 'Fentanyl']),
      sheetRow(2, ['FS25-1', 100]),
      sheetRow(3, ['FS25-2', { error: '#N/A' }]),
      '<row r="4"><c r="A4" t="s"><v>7</v></c><c r="B4"><v>5</v></c></row>',
      '<row r="6"><c r="A6" t="inlineStr"><is><t>FS25-4</t></is></c><c r="B6"><v>1,5e</v></c></row>',
    ].join('');
    const { rows, problems } = await scanAll(handMadeXlsx(sheet, ['only one']));
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(problems.map((p) => [p.line, p.column, p.reason])).toEqual([
      [3, 2, 'the cell holds the spreadsheet error #N/A instead of a value: correct it in the workbook'],
      [4, 1, 'the cell refers to text number 7, which the workbook does not hold (a damaged file)'],
      [6, 2, 'the cell\'s number "1,5e" is not a number (a damaged file)'],
    ]);
  });

  it('refuses damaged XML and truncated archives with the part named', async () => {
    const broken = await openXlsxSource(handMadeXlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row>'), {});
    expect(broken).toEqual({ refused: expect.stringMatching(/^the XLSX file is damaged or truncated: its part xl\/worksheets\/sheet1.xml is not well-formed XML/) });
    const whole = handMadeXlsx(sheetRow(1, ['Sample ID']));
    expect(await openXlsxSource(whole.subarray(0, whole.length - 30), {})).toEqual({ refused: expect.stringMatching(/^the XLSX file is damaged or truncated: its end record is missing/) });
  });

  it('knows date formats from custom codes, and column letters', () => {
    expect(['yyyy-mm-dd', 'dd/mm/yy', '[$-409]mmm d, yyyy', 'h:mm'].map(isDateFormat)).toEqual([true, true, true, true]);
    expect(['0.00', '#,##0', '"days"0', '0.00E+00', '[Red]0.0'].map(isDateFormat)).toEqual([false, false, false, false, false]);
    expect(['A1', 'Z9', 'AA10', 'XFD1', '1'].map(columnIndex)).toEqual([0, 25, 26, 16383, -1]);
  });
});
