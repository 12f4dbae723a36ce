/**
 * A row source over cells already in memory (spreadsheets, Parquet, Arrow): typed cells become text
 * the way the rest of the import reads it (numbers in the chosen decimal format, dates as ISO), the
 * header row is found as in text files, and rows are handed on in order.
 */
import { toCsv } from '../util/csv';
import { findHeaderIndex } from './csv-sniff';
import { trimBlank } from './blank';
import { ArrayRowView, SAMPLE_ROWS, checkAborted, checkEnds, checkWidth, type RowSource } from './row-source';
import { yieldToEventLoop } from '../util/yield-to-event-loop';
import { numberParser } from './number-format';
import type { FileFormat, ReadOptions, ReadOptionsOverride } from './types';

export type Cell = string | number | boolean | bigint | Date | null | undefined;

/** Text of a typed cell: numbers with the decimal separator the file's text cells use, dates as ISO. */
export function cellText(v: Cell, decimal: '.' | ','): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    const s = String(Object.is(v, -0) ? 0 : v);
    return decimal === ',' ? s.replace('.', ',') : s;
  }
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  return String(v);
}

/** A cell the format could not read as a value (a spreadsheet error, a damaged cell): its row is refused. */
export interface CellProblem {
  /** Index into `rows`. */
  index: number;
  line: number;
  /** 1-based column. */
  column: number;
  value: string;
  reason: string;
}

export interface Grid {
  /** Rows of cells; `lines[i]` is the 1-based row number of `rows[i]` in the source. */
  rows: Cell[][];
  lines: number[];
  /** Cells that could not be read; their rows go to the problem log, not to the builders. */
  problems?: CellProblem[];
  /** Header given by the format (Parquet, Arrow): the rows are then all data. */
  names?: string[];
}

const BLOCK = 20000;

/** A grid refused before any row is read: a header cell that could not be read, at its row and column. */
export interface GridRefusal {
  refused: string;
  line: number;
  column: number;
}

/**
 * A row source over a grid; the header is the format's names, the overridden row, or the detected one. A header cell
 * that could not be read (a spreadsheet error such as #REF!) refuses the grid at that cell: the column's name is
 * unknown, so none of its values could be placed.
 */
export function gridSource(format: FileFormat, grid: Grid, override: ReadOptionsOverride, extra: Partial<RowSource> = {}): RowSource | GridRefusal {
  const decimal = override.decimal ?? '.';
  const text = (v: Cell) => trimBlank(cellText(v, decimal));
  let headers: string[];
  let first: number;
  let headerRow: number;
  if (grid.names) {
    headers = grid.names;
    first = 0;
    headerRow = 0;
  } else {
    const probe = grid.rows.slice(0, 40).map((r) => r.map(text));
    // An unreadable cell is no blank: it counts towards the width of its row, so that its row can be found as the header.
    for (const p of grid.problems ?? []) {
      const r = probe[p.index];
      if (r === undefined) continue;
      while (r.length < p.column) r.push('');
      r[p.column - 1] = p.value || '#ERROR';
    }
    const width = Math.max(0, ...probe.map((r) => r.filter((c) => c !== '').length));
    let h = override.headerRow !== undefined ? grid.lines.findIndex((l) => l >= override.headerRow!) : findHeaderIndex(probe, width);
    if (h < 0) h = 0;
    const bad = (grid.problems ?? []).find((p) => p.index === h);
    if (bad) return { refused: `the header row's cell in column ${bad.column} cannot be read: ${bad.reason}`, line: bad.line, column: bad.column };
    const cells = (grid.rows[h] ?? []).map(text);
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    headers = cells;
    first = h + 1;
    headerRow = grid.lines[h] ?? 1;
  }
  const width = headers.length;
  const unreadable = new Map<number, CellProblem[]>();
  for (const p of grid.problems ?? []) unreadable.set(p.index, [...(unreadable.get(p.index) ?? []), p]);
  const dataIdx: number[] = [];
  for (let i = first; i < grid.rows.length; i++) if (unreadable.has(i) || grid.rows[i].some((c) => text(c) !== '')) dataIdx.push(i);
  const options: ReadOptions = {
    encoding: 'utf-8',
    delimiter: ',',
    quote: '"',
    headerRow,
    decimal,
    thousands: override.thousands ?? '',
    dateOrder: override.dateOrder ?? null,
  };
  const view = new ArrayRowView(numberParser(options));
  const fields = view.fields;
  const rowText = (i: number) => grid.rows[i].map((c) => cellText(c, decimal));
  const csvLine = (i: number) => toCsv([], [rowText(i)], { neutraliseFormulas: false }).replace(/^\r\n/, '').replace(/\r\n$/, '');
  const passed: number[] = [];
  return {
    format,
    options,
    headers,
    headerRow,
    sampleRows: dataIdx.slice(0, SAMPLE_ROWS).map(rowText),
    serialDates: format === 'xlsx',
    async scan(handler, log, control) {
      let row = 0;
      for (let k = 0; k < dataIdx.length; k++) {
        const cells = grid.rows[dataIdx[k]];
        const line = grid.lines[dataIdx[k]];
        const bad = unreadable.get(dataIdx[k]);
        if (bad) {
          for (const p of bad) log.add(-1, p.line, p.column, headers[p.column - 1] ?? null, p.value, p.reason, csvLine(dataIdx[k]));
          continue;
        }
        for (let c = 0; c < cells.length; c++) fields[c] = cellText(cells[c], decimal);
        for (let c = cells.length; c < width; c++) fields[c] = '';
        view.count = Math.max(cells.length, width);
        const w = checkWidth(view, view.count, width);
        if (!w.ok) {
          log.add(-1, line, w.column, headers[w.column - 1] ?? null, fields[w.column - 1] ?? null, w.reason, csvLine(dataIdx[k]));
          continue;
        }
        const hidden = checkEnds(view, width);
        if (!hidden.ok) {
          log.add(-1, line, hidden.column, headers[hidden.column - 1] ?? null, hidden.value, hidden.reason, csvLine(dataIdx[k]));
          continue;
        }
        passed.push(dataIdx[k]);
        handler(view, line, row);
        row++;
        if (k % BLOCK === BLOCK - 1) {
          control.onProgress?.(k / dataIdx.length);
          await yieldToEventLoop();
          checkAborted(control.signal);
        }
      }
      return row;
    },
    raw: (row) => csvLine(passed[row]),
    ...extra,
  };
}
