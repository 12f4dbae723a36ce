/**
 * Collects the problems of one import: every one is counted; the first `cap` by line are kept for the
 * report (all of them when the refused rows go to quarantine), each with the source row it condemns.
 */
import { detach } from './column-builders';
import type { ImportProblem } from './types';

export interface LoggedProblem extends ImportProblem {
  /** The source data row (0-based, in file order) the problem refuses; -1 for a row the reader could not split. */
  row: number;
  /** The row's text, for rows the reader could not split (others are fetched from the source). */
  raw?: string;
}

export class ProblemLog {
  /** Every problem, kept or not. */
  count = 0;
  /** File-level problems (missing column, unreadable file): the import cannot go on, partial or not. */
  fatal = false;
  private readonly kept: LoggedProblem[] = [];
  private phaseKept = 0;
  private bad = new Uint8Array(1024);
  /** Distinct source rows refused. */
  badRows = 0;
  /** Rows the reader could not split (they never reach a builder), counted as read. */
  unreadRows = 0;

  constructor(
    readonly file: string,
    readonly cap: number,
    /** Keep every problem (the refused rows go to quarantine) instead of the first `cap`. */
    readonly keepAll: boolean,
  ) {}

  /** Starts a pass whose problems are not in line order with the previous ones (e.g. duplicates found at the end). */
  newPass(): void {
    this.phaseKept = 0;
  }

  /** Records a problem of a data row (row ≥ 0), an unsplittable row (row -1, with its text) or of the file (row -1, line null). */
  add(row: number, line: number | null, column: number | null, columnName: string | null, value: string | null, reason: string, raw?: string): void {
    this.count++;
    if (row >= 0) this.markBad(row);
    else if (line !== null) this.unreadRows++;
    else this.fatal = true;
    if (this.keepAll || this.phaseKept < this.cap) {
      this.kept.push({ file: this.file, line, column, columnName, value: value === null ? null : detach(value), reason, row, raw: raw === undefined ? undefined : detach(raw) });
      this.phaseKept++;
    }
  }

  /** True when the source row has a problem. */
  isBad(row: number): boolean {
    return row < this.bad.length && this.bad[row] === 1;
  }

  private markBad(row: number): void {
    if (row >= this.bad.length) {
      const next = new Uint8Array(Math.max(row + 1, this.bad.length * 2));
      next.set(this.bad);
      this.bad = next;
    }
    if (this.bad[row] === 0) {
      this.bad[row] = 1;
      this.badRows++;
    }
  }

  /** All kept problems in file order (file-level first, then by line and column). */
  all(): LoggedProblem[] {
    return [...this.kept].sort((a, b) => (a.line ?? -1) - (b.line ?? -1) || (a.column ?? 0) - (b.column ?? 0));
  }

  /** The first `cap` problems for the report, without the internal fields. */
  report(): ImportProblem[] {
    return this.all()
      .slice(0, this.cap)
      .map(({ file, line, column, columnName, value, reason }) => ({ file, line, column, columnName, value, reason }));
  }
}
