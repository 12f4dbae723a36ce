/**
 * Dates as labs write them: ISO (2024-03-05, 2024/03/05, 2024.03.05, with or without a time), 20240305,
 * 05/03/2024 and 05.03.24 (day or month first: decided from the values, see `decideDateOrder`, or set),
 * 24-03-05 (year first with a 2-digit year: only when the date order is set to YMD), 5-Mar-2024, 5 mars 2024,
 * and Excel serial day numbers from spreadsheets. A 4-digit year first is always year/month/day, whatever the
 * order. Results are days since 1970-01-01 (UTC), as an Arrow Date32 holds them; NaN when the text is not a date.
 */
import type { DateOrder } from './types';

const MONTHS: Record<string, number> = {
  jan: 1, janv: 1, january: 1, janvier: 1, feb: 2, fev: 2, fevr: 2, february: 2, fevrier: 2, mar: 3, mars: 3, march: 3,
  apr: 4, avr: 4, april: 4, avril: 4, may: 5, mai: 5, jun: 6, juin: 6, june: 6, jul: 7, juil: 7, july: 7, juillet: 7,
  aug: 8, aou: 8, aout: 8, august: 8, sep: 9, sept: 9, september: 9, septembre: 9, oct: 10, october: 10, octobre: 10,
  nov: 11, november: 11, novembre: 11, dec: 12, december: 12, decembre: 12,
};

const TIME = '(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:\\s?[AaPp][Mm])?(?:Z|[+-]\\d{2}:?\\d{2})?)?';
const ISO = new RegExp(`^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = new RegExp(`^(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{2}|\\d{4})${TIME}$`);
/** yy-mm-dd: read only under the YMD order (under DMY and MDY the same text is dd-mm-yy or mm-dd-yy). */
const SHORT_YMD = new RegExp(`^(\\d{2})[-/.](\\d{1,2})[-/.](\\d{1,2})${TIME}$`);
const NAMED_DMY = /^(\d{1,2})[-\s.]?([A-Za-zÀ-ÿ]{3,9})\.?[-\s.,]+(\d{2}|\d{4})$/;
const NAMED_MDY = /^([A-Za-zÀ-ÿ]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/;

/** Days since 1970-01-01 for a valid calendar date, else NaN. */
export function civilDays(y: number, m: number, d: number): number {
  if (m < 1 || m > 12 || d < 1 || y < 1800 || y > 2200) return NaN;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== m - 1) return NaN;
  return t / 86400000;
}

/** A 2-digit year: below 70 is 20yy, else 19yy (the same pivot for every order); 4 digits as written. */
function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

function monthNumber(name: string): number {
  const key = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return MONTHS[key] ?? NaN;
}

/** The two leading numbers of a numeric d/m/y or m/d/y date, for deciding the order; null otherwise. */
export function numericDateParts(text: string): [number, number] | null {
  const m = NUMERIC.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/**
 * The order of numeric dates from all the distinct values of a column: month first only when some value
 * cannot be day-first and none cannot be month-first; day first otherwise (the usual order in Canadian
 * and European lab records). `ambiguous` is true when no value told.
 */
export function decideDateOrder(values: Iterable<string>): { order: DateOrder; ambiguous: boolean; yearFirstPossible: boolean } {
  let dayFirst = false;
  let monthFirst = false;
  let any = false;
  // Every numeric date written with three 2-digit numbers that also reads as a real year/month/day (24-03-15):
  // such a column may well be year first, and nothing in it can tell.
  let yearFirst = true;
  for (const v of values) {
    const p = numericDateParts(v);
    if (!p) continue;
    any = true;
    if (p[0] > 12) dayFirst = true;
    if (p[1] > 12) monthFirst = true;
    if (yearFirst && !(TWO_DIGITS.test(v) && Number.isFinite(parseDate(v, 'YMD')))) yearFirst = false;
  }
  const yearFirstPossible = any && yearFirst;
  if (monthFirst && !dayFirst) return { order: 'MDY', ambiguous: false, yearFirstPossible };
  return { order: 'DMY', ambiguous: any && !dayFirst && !monthFirst, yearFirstPossible };
}

const TWO_DIGITS = /^\d{2}[-/.]\d{2}[-/.]\d{2}$/;

/** Parses a trimmed date text; NaN when it is not a date. `serial` accepts Excel day numbers (spreadsheets). */
export function parseDate(text: string, order: DateOrder, serial = false): number {
  let m = ISO.exec(text);
  if (m) return civilDays(Number(m[1]), Number(m[2]), Number(m[3]));
  m = COMPACT.exec(text);
  if (m) return civilDays(Number(m[1]), Number(m[2]), Number(m[3]));
  if (order === 'YMD') {
    m = SHORT_YMD.exec(text);
    if (m) return civilDays(fullYear(m[1]), Number(m[2]), Number(m[3]));
  }
  m = NUMERIC.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = fullYear(m[3]);
    // Under YMD a date that ends with its year (05/03/2024) could be day or month first: refused, not guessed.
    return order === 'MDY' ? civilDays(y, a, b) : order === 'DMY' ? civilDays(y, b, a) : NaN;
  }
  m = NAMED_DMY.exec(text);
  if (m) return civilDays(fullYear(m[3]), monthNumber(m[2]), Number(m[1]));
  m = NAMED_MDY.exec(text);
  if (m) return civilDays(Number(m[3]), monthNumber(m[1]), Number(m[2]));
  if (serial && /^\d{5}(?:\.\d+)?$/.test(text)) {
    // Excel's day 25569 is 1970-01-01 (its 1900 leap-year bug only shifts dates before March 1900).
    const days = Math.floor(Number(text)) - 25569;
    return days > -25000 && days < 80000 ? days : NaN;
  }
  return NaN;
}

/**
 * How a date is written, as a key: the pattern (year first, compact, day or month first, named month, Excel day
 * number), its separators and the year's digits, without the time. Two keys differ when a reader could take one
 * column for two sources or orders (2025-03-05 and 05/03/2025; 05/03/2025 and 05.03.2025); null for a text that
 * is not a date. Values are trimmed texts as parseDate takes them.
 */
export function dateFormatKey(text: string, order: DateOrder, serial = false): string | null {
  const sep = (s: string) => s.replace(/\d/g, 'n');
  let m = ISO.exec(text);
  if (m) return `y${sep(text.slice(4, 5))}m${sep(text.slice(5 + m[2].length, 6 + m[2].length))}d`;
  if (COMPACT.test(text)) return 'ymd';
  if (order === 'YMD' && SHORT_YMD.test(text)) return `yy${text[2]}m`;
  m = NUMERIC.exec(text);
  if (m) return `n${text[m[1].length]}n${text[m[1].length + 1 + m[2].length]}${m[3].length === 4 ? 'yyyy' : 'yy'}`;
  if (NAMED_DMY.test(text)) return 'd month y';
  if (NAMED_MDY.test(text)) return 'month d, y';
  if (serial && /^\d+(?:\.\d+)?$/.test(text)) return 'excel day number';
  return null;
}

const ORDER_WORDS: Record<DateOrder, string> = { DMY: 'day/month/year', MDY: 'month/day/year', YMD: 'year/month/day' };

/**
 * For a numeric date with a 4-digit year last that does not parse in the column's order but does in another:
 * ` (the date order is …; read … it would be YYYY-MM-DD)`, to append to the problem's reason. '' otherwise: for
 * impossible dates (2025-02-30) and for 2-digit years, where another order would move the year too (24-02-30
 * read day first is 2030-02-24), a suggestion more likely wrong than right.
 */
export function dateOrderHint(text: string, order: DateOrder): string {
  if (NUMERIC.exec(text)?.[3].length !== 4) return '';
  for (const other of ['DMY', 'MDY', 'YMD'] as const) {
    if (other === order) continue;
    const d = parseDate(text, other);
    if (!Number.isNaN(d)) return ` (the date order is ${ORDER_WORDS[order]}; read ${ORDER_WORDS[other]} it would be ${isoDate(d)})`;
  }
  return '';
}

/** ISO text of a day number, for messages. */
export function isoDate(days: number): string {
  return new Date(days * 86400000).toISOString().slice(0, 10);
}
