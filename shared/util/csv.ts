/**
 * CSV writing (RFC 4180): fields with a delimiter, quote or line break are quoted. With
 * `neutraliseFormulas` (the default), text that a spreadsheet would run as a formula (starting with
 * = + - @, tab or carriage return) gets a leading apostrophe, as OWASP advises for CSV injection;
 * numbers are written as numbers and are never touched.
 */
import type { PlainValue } from '../db/arrow-values';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises text a spreadsheet would evaluate as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(value: PlainValue, neutraliseFormulas = true, delimiter = ','): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (neutraliseFormulas && typeof value === 'string') text = neutraliseFormula(text);
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
