/**
 * XLSX encoder (write-excel-file, from the author of read-excel-file which the importer uses). The writer
 * only emits a formula for cells typed 'Formula', which this module never asks for: every text is a shared
 * string. Text that a spreadsheet would run as a formula once someone edits the cell (starting with = + - @,
 * tab or carriage return) is still neutralised with a leading apostrophe, as in the CSV export, so that the
 * two formats show the same text (fullwidth ＝ ＋ － ＠ too); characters that do not show themselves (control,
 * bidirectional override …) are written visibly as `[U+XXXX]` rather than stripped, as in the CSV export.
 * Numbers stay numbers, dates are real dates, booleans are booleans.
 */
import { DataType, type Field, type Table } from 'apache-arrow';
import writeXlsxFile, { type Cell, type CellObject, type Row, type Sheet } from 'write-excel-file/universal';
import { plainValue } from '../../db/arrow-values';
import { spreadsheetText } from '../../util/csv';
import { ExportError } from '../export-error';

/** Excel's limits: rows per sheet (the header takes one) and characters per cell. */
const MAX_ROWS = 1_048_576;
const MAX_CELL_TEXT = 32_767;

function textCell(text: string, bold = false): CellObject {
  const safe = spreadsheetText(text);
  if (safe.length > MAX_CELL_TEXT) throw new ExportError(`a text of ${safe.length} characters exceeds Excel's ${MAX_CELL_TEXT} per cell; export as CSV or Parquet`);
  return bold ? { value: safe, type: String, fontWeight: 'bold' } : { value: safe, type: String };
}

function cell(value: unknown, field: Field): Cell {
  if (value === null || value === undefined) return null;
  const t = field.type;
  if (DataType.isDate(t)) return { value: new Date(Number(value)), type: Date, format: 'yyyy-mm-dd' };
  if (DataType.isTimestamp(t)) return { value: new Date(Number(value)), type: Date, format: 'yyyy-mm-dd hh:mm:ss' };
  const v = plainValue(value, field);
  if (v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v, type: Number } : null;
  if (typeof v === 'boolean') return { value: v, type: Boolean };
  return textCell(v);
}

const header = (name: string): Cell => textCell(name, true);

export interface XlsxOptions {
  /** The data sheet's name (at most 31 characters, none of [ ] : * ? / \). */
  sheetName: string;
  /** Rows of a second sheet, "About this export": label, export id, selection, redaction … */
  about: [string, string][];
}

/** XLSX bytes of a table: a data sheet with a frozen bold header, and an "About this export" sheet. O(rows × columns). */
export async function encodeXlsx(table: Table, options: XlsxOptions): Promise<Uint8Array> {
  if (table.numRows + 1 > MAX_ROWS) throw new ExportError(`${table.numRows} rows exceed Excel's ${MAX_ROWS - 1} per sheet; export as CSV or Parquet`);
  const fields = table.schema.fields;
  const vectors = fields.map((_, c) => table.getChildAt(c));
  const data: Row[] = [fields.map((f) => header(f.name))];
  const rowCount = table.numRows;
  for (let r = 0; r < rowCount; r++) data.push(fields.map((f, c) => cell(vectors[c]?.get(r), f)));
  const widths = fields.map((f) => ({ width: Math.min(40, Math.max(10, f.name.length + 2)) }));
  const about: Row[] = [[header('Field'), header('Value')], ...options.about.map(([k, v]) => [textCell(k), textCell(v)])];
  const sheets: Sheet<Blob>[] = [
    { data, sheet: options.sheetName, columns: widths, stickyRowsCount: 1 },
    { data: about, sheet: 'About this export', columns: [{ width: 28 }, { width: 90 }] },
  ];
  const blob = await writeXlsxFile(sheets).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
