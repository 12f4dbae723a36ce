/**
 * The contract of the three batch builders (results long, results wide, sample metadata) and what they
 * share: sample-id cleaning, dates parsed once per distinct value after the scan (so that the day/month
 * order is decided from the whole column), and the keep mask that drops refused rows.
 */
import type { Table } from 'apache-arrow';
import { IntColumn, TextColumn, type KeepMask } from './column-builders';
import { dateFormatKey, dateOrderHint, decideDateOrder, parseDate } from './date-format';
import { headerKey } from './header-synonyms';
import type { ColumnMap } from './column-mapping';
import type { NumberFormat, NumberParser } from './number-format';
import type { ProblemLog } from './problem-log';
import type { RowHandler, RowView } from './row-source';
import type { DateOrder } from './types';

export interface BuilderContext {
  map: ColumnMap;
  headers: string[];
  parseNumber: NumberParser;
  numberFormat: NumberFormat;
  dateOrder: DateOrder | null;
  serialDates: boolean;
  /** The key compounds are told apart by: the dictionary's canonical name, else the folded name. */
  compoundKey: (raw: string) => string;
  log: ProblemLog;
}

export interface BatchBuilder {
  /** Takes each data row of the scan. */
  readonly handler: RowHandler;
  /** Source rows taken. */
  rows(): number;
  /** Checks that need every row (duplicates, dates); logs their problems and returns warnings. */
  check(): string[];
  /** The batch's Arrow table; with `dropRefused`, without the rows the log refused. */
  build(batchId: string, dropRefused: boolean): Table;
  /** Sample ids of the kept rows (for superseding and the metadata check). */
  sampleIds(dropRefused: boolean): Set<string>;
  /** Distinct compounds as written, of kept rows (results only). */
  compounds(dropRefused: boolean): string[];
  /**
   * The sample and compound (as written) a source row is about, for its quarantine record: a quarantined value is
   * then known as missing for that sample and compound, never read as a non-detect. Compound null: the whole row
   * (a wide row, a metadata row).
   */
  keyOf(row: number): { sampleId: string | null; compound: string | null };
}

/** Reads sample ids; from a "Data File" column, Agilent's data folder name S001.D (with its path) gives S001. */
export function sampleIdReader(header: string): { read: (v: string) => string; note: string | null } {
  const key = headerKey(header);
  if (key === 'data file' || key === 'datafile' || key === 'file name') {
    return { read: (v) => v.replace(/^.*[\\/]/, '').replace(/\.d$/i, ''), note: `sample ids were taken from the "${header}" column without folder and .D extension` };
  }
  return { read: (v) => v, note: null };
}

/** A keep mask over source rows from the log's refused rows; null when nothing is dropped. */
export function sourceMask(log: ProblemLog, n: number, dropRefused: boolean): KeepMask | null {
  if (!dropRefused || log.badRows === 0) return null;
  const keep = new Uint8Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (log.isBad(i)) continue;
    keep[i] = 1;
    kept++;
  }
  return { keep, kept };
}

/** Date texts kept as a dictionary during the scan; parsed once per distinct value by `resolve`. */
export class DeferredDates {
  readonly text = new TextColumn();

  add(v: string): void {
    this.text.add(v === '' ? null : v);
  }

  /** Field i of a row (blank is null); -1 for a file without the column. */
  addFrom(row: RowView, i: number): void {
    this.text.addFrom(row, i);
  }

  /**
   * Parses every distinct value with the given or decided order; logs a problem for each row whose date
   * does not parse, and for each row whose date is written another way than the column's first date (mixed
   * formats are refused, not guessed: 2025-03-05 beside 05/03/2025 may be two sources with two orders).
   * Returns the day numbers and a warning when the order was assumed.
   */
  resolve(order: DateOrder | null, serial: boolean, log: ProblemLog, at: (row: number) => { line: number; column: number; header: string }, label: string): { days: IntColumn; warning: string | null } {
    const decided = order ? { order, ambiguous: false, yearFirstPossible: false } : decideDateOrder(this.text.values);
    const parsed = this.text.values.map((v) => parseDate(v, decided.order, serial));
    const keys = this.text.values.map((v) => dateFormatKey(v, decided.order, serial));
    const days = new IntColumn(true);
    // One reason per distinct bad value, however many rows repeat it.
    const reasons = new Map<number, string>();
    const idx = this.text.indices;
    let first: { id: number; line: number } | null = null;
    for (let i = 0; i < this.text.length; i++) {
      const id = idx[i];
      if (id < 0) {
        days.add(NaN);
        continue;
      }
      const d = parsed[id];
      if (!Number.isNaN(d) && keys[id] !== null) {
        if (first === null) first = { id, line: at(i).line };
        else if (keys[id] !== keys[first.id]) {
          const p = at(i);
          const value = this.text.values[id];
          log.add(i, p.line, p.column, p.header, value, `${label} written as ${value} where the column's dates are written as ${this.text.values[first.id]} (line ${first.line}): mixed date formats are refused, not guessed; write the column one way`);
        }
      }
      if (Number.isNaN(d)) {
        const p = at(i);
        const value = this.text.values[id];
        let reason = reasons.get(id);
        if (reason === undefined) reasons.set(id, (reason = `${label} does not parse as a date${dateOrderHint(value, decided.order)}`));
        log.add(i, p.line, p.column, p.header, value, reason);
      }
      days.add(d);
    }
    const example = this.text.values.find((v) => /^\d{1,2}[-/.]\d{1,2}[-/.]/.test(v)) ?? '';
    const read = decided.order === 'MDY' ? 'month/day/year' : 'day/month/year';
    const warning = decided.yearFirstPossible
      ? `${label}s such as ${example} were read ${read}${decided.ambiguous ? ' (nothing in them tells day from month)' : ''}; they would also read as year/month/day: set the date order to YMD if they are year first`
      : decided.ambiguous
        ? `${label}s such as ${example} were read day first (day/month/year): nothing in them tells day from month; set the date order to month/day/year if they are month first`
        : null;
    return { days, warning };
  }
}
