/**
 * One worksheet's cells as a grid, streamed (xlsx-xml.ts), row numbers as the spreadsheet shows them. A cell that
 * cannot be read as a value (a spreadsheet error such as #DIV/0!, a shared string the workbook lacks, a number that
 * is not one) is recorded as a problem at its row and column, never read as text or left out silently.
 */
import type { Cell, CellProblem, Grid } from './grid-source';
import { decodeXstring, streamXml } from './xlsx-xml';
import type { InflateBudget, ZipEntry } from './zip-entries';
import type { WorkbookParts } from './xlsx-workbook';

/** Excel's last column (XFD) and last day it can show (9999-12-31). */
const MAX_COLUMNS = 16_384;
const MAX_SERIAL = 2_958_466;

/** 0-based column of a cell reference's letters (B7 → 1); -1 when there are none. */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return i === 0 ? -1 : n - 1;
}

/** Excel's day number (with its fraction of a day) as a UTC date; 25569 is 1970-01-01. */
function serialDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

/** Reads one sheet part into a grid with its unreadable cells. Throws ZipError or XmlError for a damaged part. */
export function readSheet(bytes: Uint8Array, entry: ZipEntry, parts: WorkbookParts, budget: InflateBudget): Grid {
  const rows: Cell[][] = [];
  const lines: number[] = [];
  const problems: CellProblem[] = [];
  let row: Cell[] = [];
  let rowNumber = 0;
  let column = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let inValue = false;
  let inInline = false;
  let hasValue = false;

  const problem = (reason: string, text: string) => problems.push({ index: rows.length, line: rowNumber, column: column + 1, value: text, reason });

  const finishCell = () => {
    if (column >= MAX_COLUMNS) return problem(`a cell beyond Excel's last column (XFD)`, value);
    let cell: Cell = null;
    switch (type) {
      case 's': {
        const i = Number(value);
        if (!hasValue) break;
        if (!Number.isInteger(i) || i < 0 || i >= parts.sharedStrings.length) return problem(`the cell refers to text number ${value}, which the workbook does not hold (a damaged file)`, value);
        cell = parts.sharedStrings[i];
        break;
      }
      case 'inlineStr':
      case 'str':
        cell = decodeXstring(value);
        break;
      case 'd':
        cell = value;
        break;
      case 'b':
        if (!hasValue) break;
        if (value !== '0' && value !== '1') return problem(`the cell's true/false value is "${value}" (a damaged file)`, value);
        cell = value === '1';
        break;
      case 'e':
        return problem(`the cell holds the spreadsheet error ${value || '(unnamed)'} instead of a value: correct it in the workbook`, value);
      default: {
        if (!hasValue || value.trim() === '') break;
        const n = Number(value);
        if (!Number.isFinite(n)) return problem(`the cell's number "${value}" is not a number (a damaged file)`, value);
        // A date-formatted number becomes a date when Excel could show it as one; beyond that it stays a number,
        // and a date column then says where it is not a date.
        cell = parts.dateStyles.has(style) && n >= 1 && n < MAX_SERIAL ? serialDate(n) : n;
      }
    }
    while (row.length < column) row.push(null);
    row[column] = cell;
  };

  streamXml(bytes, entry, budget, {
    open: (name, a) => {
      if (name === 'row') {
        const r = Number(a.r);
        rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
        row = [];
        column = -1;
      } else if (name === 'c') {
        const c = columnIndex(a.r ?? '');
        column = c >= 0 ? c : column + 1;
        type = a.t ?? 'n';
        style = Number(a.s ?? 0);
        value = '';
        hasValue = false;
      } else if (name === 'v') {
        inValue = true;
        hasValue = true;
      } else if (name === 't' && type === 'inlineStr') {
        inInline = true;
        hasValue = true;
      }
    },
    close: (name) => {
      if (name === 'v') inValue = false;
      else if (name === 't') inInline = false;
      else if (name === 'c') finishCell();
      else if (name === 'row') {
        rows.push(row);
        lines.push(rowNumber);
      }
    },
    text: (t) => {
      if (inValue || inInline) value += t;
    },
  });
  return { rows, lines, problems };
}
