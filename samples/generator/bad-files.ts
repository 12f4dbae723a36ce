/**
 * Deliberately bad files, each with the problems the import must report (file, line, column, reason).
 * Written to samples/bad/ beside EXPECTED.json, which the tests read.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import writeXlsxFile from 'write-excel-file/node';
import { fixZipTimes } from './zip-times';
import { handMadeXlsx, sheetRow, zipBombXlsx } from './xlsx-by-hand';

export interface ExpectedProblem {
  line: number | null;
  column: number | null;
  /** A part of the reason the import gives. */
  reason: string;
}

export interface BadFile {
  file: string;
  what: string;
  problems: ExpectedProblem[];
  problemCount: number;
}

const enc = new TextEncoder();
const HEAD = 'Sample Name,Compound,RT,Area,Acq. Date\n';
const ROWS = ['FS25-00001,Fentanyl,14.211,2345678,2025-03-05', 'FS25-00001,4-ANPP,12.950,45210,2025-03-05', 'FS25-00002,Fentanyl,14.209,1987340,2025-03-06', 'FS25-00002,4-ANPP,12.948,nd,2025-03-06'];
const META = 'Lab No,Exhibit No,Case Number,Date Seized,Province,City,Latitude,Longitude,Purity (%)\n';
const META_ROWS = ['FS25-00001,EX-00001,CASE-2025-0001,2025-02-11,British Columbia,Vancouver,49.2827,-123.1207,12.5', 'FS25-00002,EX-00001,CASE-2025-0001,2025-02-11,British Columbia,Vancouver,49.2827,-123.1207,11.9'];

const text = (s: string) => enc.encode(s);
const rows = (...r: string[]) => text(HEAD + r.join('\n') + '\n');
const one = (line: number | null, column: number | null, reason: string): ExpectedProblem[] => [{ line, column, reason }];

/** A valid results file over 64 KiB with a run of NUL bytes on a line past the first 64 KiB (where the sample ends). */
function nulAfter64k(): Uint8Array {
  const lines = [HEAD.trimEnd()];
  for (let i = 0; i < 1500; i++) lines.push(`FS25-${String(10000 + i)},Fentanyl,14.211,${2345678 + i},2025-03-05`);
  const head = enc.encode(lines.join('\n') + '\n');
  const tail = enc.encode('\nFS25-99999,Fentanyl,14.211,2345678,2025-03-05\n');
  const out = new Uint8Array(head.length + 40 + tail.length);
  out.set(head);
  out.set(tail, head.length + 40);
  return out;
}

/** Every bad file: its bytes and what the import must say. */
export async function badFiles(): Promise<{ spec: BadFile; bytes: Uint8Array }[]> {
  const parquet = new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'sample_id', data: ['FS25-00001', 'FS25-00002'] }, { name: 'compound', data: ['Fentanyl', 'Fentanyl'] }, { name: 'area', data: [2345678, 1987340] }] }));
  const xlsx = fixZipTimes(new Uint8Array(await writeXlsxFile([['Sample ID', 'Fentanyl'], ['FS25-00001', 2345678], ['FS25-00002', 1987340]]).toBuffer()));
  const binary = new Uint8Array(512);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 151 + 7) % 256;
  const list: [string, string, Uint8Array, ExpectedProblem[], number?][] = [
    ['area-not-a-number.csv', 'a letter O typed for a zero in an area', rows(ROWS[0], ROWS[1], 'FS25-00002,Fentanyl,14.209,12O45,2025-03-06'), one(4, 4, 'area is not a number')],
    ['negative-area.csv', 'a negative peak area', rows(ROWS[0], 'FS25-00001,4-ANPP,12.950,-45210,2025-03-05'), one(3, 4, 'negative area')],
    ['duplicate-sample-compound.csv', 'the same sample and compound on two lines', rows(ROWS[0], ROWS[1], ROWS[2], 'FS25-00001,fentanyl,14.212,2345001,2025-03-05'), [{ line: 2, column: 2, reason: 'the same sample and compound twice (also on line 5)' }, { line: 5, column: 2, reason: 'the same sample and compound twice (also on line 2)' }]],
    ['missing-sample-id.csv', 'a row without its sample id', rows(ROWS[0], ',4-ANPP,12.950,45210,2025-03-05'), one(3, 1, 'missing sample id')],
    ['bad-date.csv', 'a date that does not exist', rows(ROWS[0], 'FS25-00001,4-ANPP,12.950,45210,2025-02-30'), one(3, 5, 'does not parse as a date')],
    ['missing-area-column.csv', 'results without an area column', text('Sample Name,Compound,RT\nFS25-00001,Fentanyl,14.211\n'), one(1, null, 'missing required column area')],
    ['no-sample-id-column.csv', 'no column names the sample', text('Compound,Area\nFentanyl,2345678\n'), one(1, null, 'missing required column sample_id')],
    ['report.pdf', 'a PDF report instead of data', text('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'), one(null, null, 'wrong file type: a PDF document')],
    ['legacy.xls', 'an Excel 97-2003 workbook', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]), one(null, null, 'Excel 97-2003')],
    ['archive.zip', 'a ZIP archive', new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]), one(null, null, 'a ZIP archive')],
    ['renamed-text.xlsx', 'a CSV renamed .xlsx', rows(ROWS[0]), one(null, null, 'named .xlsx but not an Excel workbook')],
    ['empty.csv', 'an empty file', new Uint8Array(0), one(null, null, 'the file is empty')],
    ['header-only.csv', 'a header and no rows', text(HEAD), one(1, null, 'no data rows')],
    ['binary.csv', 'binary content named .csv', binary, one(null, null, 'binary file')],
    ['truncated-quote.csv', 'cut inside a quoted field', text(`${HEAD}${ROWS[0]}\nFS25-00001,"4-ANPP`), one(3, 2, 'never closed')],
    ['truncated-row.csv', 'cut in the middle of the last row', text(`${HEAD}${ROWS[0]}\n${ROWS[1]}\nFS25-00002,Fenta`), one(4, 3, 'truncated')],
    ['truncated.parquet', 'a Parquet file cut short', parquet.subarray(0, Math.floor(parquet.length / 2)), one(null, null, 'Parquet file is truncated')],
    ['truncated.xlsx', 'a workbook cut short', xlsx.subarray(0, Math.floor(xlsx.length / 2)), one(null, null, 'damaged or truncated')],
    ['extra-field.csv', 'a row with a value beyond the last column', rows(ROWS[0], `${ROWS[1]},oops`), one(3, 6, 'a value beyond the last column')],
    ['text-after-quote.csv', 'text after a closing quote', rows(ROWS[0], 'FS25-00001,"4-ANPP" base,12.950,45210,2025-03-05'), one(3, 2, 'text after the closing quote')],
    ['multiline-then-bad-area.csv', 'a quoted field over two lines, then a bad area: lines count as an editor shows them', text(`Sample Name,Compound,Area,Comment\nFS25-00001,Fentanyl,2345678,"two\nlines"\nFS25-00001,4-ANPP,abc,\n`), one(4, 3, 'area is not a number')],
    ['latitude-out-of-range.csv', 'sample metadata with a latitude beyond 90', text(`${META}${META_ROWS[0]}\nFS25-00002,EX-00001,CASE-2025-0001,2025-02-11,British Columbia,Vancouver,94.2827,-123.1207,11.9\n`), one(3, 7, 'latitude out of range')],
    ['purity-over-100.csv', 'a purity of 125 %', text(`${META}${META_ROWS[0]}\nFS25-00002,EX-00001,CASE-2025-0001,2025-02-11,British Columbia,Vancouver,49.2827,-123.1207,125\n`), one(3, 9, 'purity out of range')],
    ['duplicate-sample-metadata.csv', 'one sample on two metadata rows', text(`${META}${META_ROWS[0]}\n${META_ROWS[1]}\n${META_ROWS[0]}\n`), [{ line: 2, column: 1, reason: 'the same sample twice (also on line 4)' }, { line: 4, column: 1, reason: 'the same sample twice (also on line 2)' }]],
    ['wide-not-a-number.tsv', 'a wide file with text in a compound cell', text('Sample ID\tFentanyl\t4-ANPP\nFS25-00001\t2345678\t45210\nFS25-00002\t1987340\tpeak?\n'), one(3, 3, 'area is not a number')],
    ['truncated-last-value.csv', 'cut inside the last date of the last line (15/08/2025 read as 15/08/20, a valid date of 2020), no line end', text(`${HEAD}FS25-00001,Fentanyl,14.211,2345678,15/08/2025\nFS25-00001,4-ANPP,12.950,45210,15/08/2025\nFS25-00002,Fentanyl,14.209,1987340,15/08/20`), [{ line: 4, column: 5, reason: 'the file ends inside this value without a line end' }, { line: 4, column: 5, reason: 'mixed date formats are refused' }]],
    ['truncated-last-area.csv', 'cut inside the last area of a file whose area is its last column', text(`Sample Name,Compound,Area\nFS25-00001,Fentanyl,2345678\nFS25-00002,Fentanyl,1987340\nFS25-00001,4-ANPP,45210\nFS25-00002,4-ANPP,452`), one(5, 3, 'shorter than every other value of "Area"')],
    ['mixed-date-formats.csv', 'one column with dates written two ways (year first, then day first)', rows(ROWS[0], ROWS[1], 'FS25-00002,Fentanyl,14.209,1987340,06/03/2025'), one(4, 5, 'mixed date formats are refused')],
    ['nul-after-64k.csv', 'NUL bytes on a line after the first 64 KiB', nulAfter64k(), one(null, null, 'binary content on line 1502')],
    ['date-serial-1e12.xlsx', 'a date cell holding the day number 1e12, far past any calendar', handMadeXlsx([sheetRow(1, ['Sample ID', 'Analysis Date', 'Fentanyl']), sheetRow(2, ['FS25-00001', { date: 45901 }, 2345678]), sheetRow(3, ['FS25-00002', { date: 1e12 }, 1987340])].join('')), one(3, 2, 'does not parse as a date')],
    ['error-cell.xlsx', 'a cell holding the spreadsheet error #DIV/0! instead of an area', handMadeXlsx([sheetRow(1, ['Sample ID', 'Fentanyl', '4-ANPP']), sheetRow(2, ['FS25-00001', 2345678, 45210]), sheetRow(3, ['FS25-00002', { error: '#DIV/0!' }, 31250])].join('')), one(3, 2, 'the cell holds the spreadsheet error #DIV/0!')],
    ['header-error-cell.xlsx', 'a header cell holding the spreadsheet error #REF! (the column has no name)', handMadeXlsx([sheetRow(1, ['Sample ID', { error: '#REF!' }, '4-ANPP']), sheetRow(2, ['FS25-00001', 2345678, 45210]), sheetRow(3, ['FS25-00002', 1987340, 31250])].join('')), one(1, 2, "the header row's cell in column 2 cannot be read: the cell holds the spreadsheet error #REF!")],
    ['control-at-end.csv', 'a sample id ending with an invisible control character (BEL): neither trimmed nor kept silently', rows(ROWS[0], 'FS25-00002\u0007,Fentanyl,14.209,1987340,2025-03-06'), one(3, 1, 'the value ends with [U+0007], a character that does not show')],
    ['zip-bomb.xlsx', 'a workbook whose sheet inflates from about 100 KB to 100 MB (a decompression bomb)', zipBombXlsx(100), one(null, null, 'decompression bomb')],
    ['same-compound-two-columns.csv', 'a wide file naming fentanyl in two columns', text('Sample ID,Fentanyl,Fentanyl Area\nFS25-00001,2345678,2345678\n'), one(1, null, 'name the same compound')],
  ];
  return list.map(([file, what, bytes, problems, count]) => ({ spec: { file, what, problems, problemCount: count ?? problems.length }, bytes }));
}
