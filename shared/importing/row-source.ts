/**
 * What every file format gives the import: its header, how it was read, a sample of rows for the preview
 * and the mapping, and a scan that hands each well-formed data row to a builder in file order. Rows the
 * format cannot split into the header's columns go to the problem log instead.
 */
import { codePointLabel } from '../util/visible-text';
import { hiddenAtEnd, trimBlank } from './blank';
import type { ProblemLog } from './problem-log';
import type { FileFormat, ReadOptions } from './types';

export interface ScanControl {
  signal?: AbortSignal;
  /** Fraction of the file scanned, in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

/**
 * One data row as the builders read it, without making a string per field: each accessor trims the field
 * (blank space at both ends: blank.ts). Valid only during the handler call.
 */
export interface RowView {
  /** Fields in the row (at least the header's width). */
  readonly count: number;
  /** Field i, trimmed. */
  text(i: number): string;
  /** Field i as a number in the file's format; NaN when it is not one. */
  number(i: number): number;
  /** True when field i, trimmed, is s. */
  equals(i: number, s: string): boolean;
  /** True when field i is blank. */
  empty(i: number): boolean;
  /** The character that does not show itself at an end of field i, trimmed (blank.ts), or null. */
  hiddenEnd(i: number): string | null;
}

/** Receives one data row; `line` is the source line (or spreadsheet row); `row` numbers data rows from 0. */
export type RowHandler = (row: RowView, line: number, index: number) => void;

/** A RowView over strings already in memory (spreadsheets, Parquet, Arrow). */
export class ArrayRowView implements RowView {
  fields: string[] = [];
  count = 0;

  constructor(private readonly parse: (text: string) => number) {}

  text(i: number): string {
    return trimBlank(this.fields[i] ?? '');
  }

  hiddenEnd(i: number): string | null {
    return hiddenAtEnd(this.text(i));
  }

  number(i: number): number {
    return this.parse(this.text(i));
  }

  equals(i: number, s: string): boolean {
    return this.text(i) === s;
  }

  empty(i: number): boolean {
    return this.text(i) === '';
  }
}

export interface RowSource {
  format: FileFormat;
  options: ReadOptions;
  headers: string[];
  /** 1-based line or row of the header. */
  headerRow: number;
  /** The first data rows (up to 200), as text. */
  sampleRows: string[][];
  /** Workbooks: the sheet names and the one read. */
  sheets?: string[];
  sheet?: string;
  /** Spreadsheets: numbers in date columns are Excel day numbers. */
  serialDates: boolean;
  /** Scans every data row; returns how many reached the handler. Throws an AbortError when cancelled. */
  scan(handler: RowHandler, log: ProblemLog, control: ScanControl): Promise<number>;
  /** The text of a data row that reached the handler, for quarantine. */
  raw(row: number): string;
}

export type SourceResult = { source: RowSource; warnings: string[] } | { refused: string; line?: number; column?: number };

export const SAMPLE_ROWS = 200;


/** Throws an AbortError when the signal has fired. */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const e = new Error('The import was cancelled');
    e.name = 'AbortError';
    throw e;
  }
}

/**
 * Refuses a row whose value starts or ends with a character that does not show itself (blank.ts): at the first such
 * field of the header's `width`, with the character named. O(width) per row, no string made for printable ends.
 */
export function checkEnds(row: RowView, width: number): { ok: true } | { ok: false; column: number; value: string; reason: string } {
  const n = Math.min(row.count, width);
  for (let i = 0; i < n; i++) {
    const c = row.hiddenEnd(i);
    if (c === null) continue;
    const value = row.text(i);
    const where = value.startsWith(c) ? 'starts' : 'ends';
    return {
      ok: false,
      column: i + 1,
      value,
      reason: `the value ${where} with ${codePointLabel(c)}, a character that does not show: it is neither trimmed (a guess) nor kept (the value would differ from one that looks the same); remove it in the file`,
    };
  }
  return { ok: true };
}

/** Checks a row's width against the header: extra fields are allowed only when empty (trailing delimiters). */
export function checkWidth(row: RowView, count: number, width: number): { ok: true } | { ok: false; column: number; reason: string } {
  if (count === width) return { ok: true };
  if (count > width) {
    for (let i = width; i < count; i++) {
      if (!row.empty(i)) return { ok: false, column: i + 1, reason: `${count} fields where the header has ${width}: a value beyond the last column` };
    }
    return { ok: true };
  }
  return { ok: false, column: count + 1, reason: `${count} fields where the header has ${width}` };
}
