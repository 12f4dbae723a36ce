/**
 * CSV writing (RFC 4180): fields with a delimiter, quote or line break are quoted. With
 * `neutraliseFormulas` (the default: a file for a spreadsheet or a person), text that a spreadsheet would
 * run as a formula (starting with = + - @, their fullwidth and small forms ＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫, which
 * spreadsheets in East Asian locales read as the ASCII signs, or tab or carriage return) gets a leading
 * apostrophe, as OWASP advises for CSV injection, and characters that do not show themselves (control,
 * bidirectional override …) are written visibly as `[U+XXXX]` (shared/util/visible-text.ts); numbers are
 * written as numbers and are never touched.
 */
import type { PlainValue } from '../db/arrow-values';
import { visibleText } from './visible-text';

const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]/;

/** True when a spreadsheet would evaluate the text as a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Neutralises text a spreadsheet would evaluate as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Text as a spreadsheet cell or a report shows it safely: hidden characters visible, then formulas neutralised. */
export function spreadsheetText(text: string): string {
  return neutraliseFormula(visibleText(text));
}

export function csvField(value: PlainValue, neutraliseFormulas = true, delimiter = ','): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (neutraliseFormulas && typeof value === 'string') text = spreadsheetText(text);
  return text.includes(delimiter) || /["\r\n]/.test(text) || (neutraliseFormulas && text !== String(value)) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document, header first, CRLF line ends as RFC 4180 says. */
export function toCsv(header: string[], rows: PlainValue[][], options: { neutraliseFormulas?: boolean; delimiter?: string } = {}): string {
  const n = options.neutraliseFormulas ?? true;
  const d = options.delimiter ?? ',';
  const lines = [header.map((h) => csvField(h, n, d)).join(d)];
  for (const row of rows) lines.push(row.map((v) => csvField(v, n, d)).join(d));
  return lines.join('\r\n') + '\r\n';
}
