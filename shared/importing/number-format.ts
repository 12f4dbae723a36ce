/**
 * Numbers written as text in the lab's locale (1234.5, 1 234,5, 1.234,5, 1,234.5, 1.2E+05) and the
 * not-detected tokens instruments and LIMS write instead of a number. "Not detected is a value, not an
 * error": empty, nd, n.d., ND, <LOD, < LOQ, BLQ, "-" and "<0.05" (below a stated limit) all mean not
 * detected and are kept as written, distinct from a measured 0.
 */
import type { ReadOptions } from './types';

export type NumberFormat = Pick<ReadOptions, 'decimal' | 'thousands'>;

/** Parses a trimmed number; NaN when the text is not a number in this format. */
export type NumberParser = (text: string) => number;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Plain numbers (decimal point, no grouping) without a regex or a string conversion: up to 15 significant
 * digits and 22 decimals, digits ÷ 10^decimals is one correctly rounded division, so the result is the
 * double nearest the decimal text (Clinger's fast path). Anything else (exponents, long mantissas) goes
 * through JavaScript's own conversion after ruling out what it accepts but a lab file must not mean
 * (hex, binary and octal literals, Infinity, blanks).
 */
function plainNumber(t: string): number {
  return plainNumberAt(t, 0, t.length);
}

/** `plainNumber` on text[start, end): parses in place, without slicing (the CSV reader's hot path). */
export function plainNumberAt(t: string, start: number, n: number): number {
  if (n === start) return NaN;
  let i = start;
  let c = t.charCodeAt(start);
  let negative = false;
  if (c === 45 || c === 43) {
    negative = c === 45;
    i = start + 1;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < n; i++) {
    c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (mantissa > 0) digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0) decimals = 0;
    else break;
  }
  if (i === n) {
    if (digits > 15 || decimals > 22) return slowNumber(t.slice(start, n));
    if (i - start === (negative || t.charCodeAt(start) === 43 ? 1 : 0) + (decimals >= 0 ? 1 : 0)) return NaN;
    const v = decimals > 0 ? mantissa / POW10[decimals] : mantissa;
    return negative ? -v : v;
  }
  return c === 101 || c === 69 ? slowNumber(t.slice(start, n)) : NaN;
}

function slowNumber(t: string): number {
  const a = t.charCodeAt(0);
  if (!((a >= 48 && a <= 57) || a === 45 || a === 43 || a === 46)) return NaN;
  const z = t.charCodeAt(t.length - 1);
  if (!(z >= 48 && z <= 57) && z !== 46) return NaN;
  if (/[xXbBoO_\s]/.test(t)) return NaN;
  return +t;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A parser of text[a, b) for one number format: in place for the plain format, else through a slice. */
export function numberAtParser(format: NumberFormat): (text: string, a: number, b: number) => number {
  if (format.decimal === '.' && format.thousands === '') return plainNumberAt;
  const parse = numberParser(format);
  return (t, a, b) => parse(t.slice(a, b));
}

/** A parser for one number format. The plain format (decimal point, no grouping) is the fast path. */
export function numberParser(format: NumberFormat): NumberParser {
  const { decimal, thousands } = format;
  if (decimal === '.' && thousands === '') return plainNumber;
  const d = escapeRegex(decimal);
  // A space separator may be written as a no-break space or a narrow no-break space (French locales).
  const sep = thousands === ' ' ? '[ \\u00a0\\u202f]' : thousands === '' ? null : escapeRegex(thousands);
  const intPart = sep ? `(?:\\d{1,3}(?:${sep}\\d{3})+|\\d+)` : '\\d+';
  const re = new RegExp(`^[+-]?(?:${intPart}(?:${d}\\d*)?|${d}\\d+)(?:[eE][+-]?\\d+)?$`);
  const strip = sep ? new RegExp(sep, 'g') : null;
  return (t) => {
    if (!re.test(t)) return NaN;
    let s = strip ? t.replace(strip, '') : t;
    if (decimal === ',') s = s.replace(',', '.');
    return +s;
  };
}

const ND = /^(?:n\.? ?d\.?|n\/d|not detected|none detected|nd\s*\(.*\)|<\s*lo[dq].*|<\s*l\.o\.[dq]\.?|below lo[dq]|b\.?l\.?q\.?|bql|bdl|<\s*\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?|-+|\u2013|\u2014)$/i;

/** True when the (trimmed) text means not detected; the empty string does. */
export function isNotDetected(text: string): boolean {
  return text === '' || (text.length <= 24 && ND.test(text));
}

/** Values that mean "no value" in a metadata field (mass, purity, place …). */
export function isMissing(text: string): boolean {
  return text === '' || text === '-' || /^(?:n\/?a|unknown|none|null)$/i.test(text);
}

/** A hint for a value that is not a number in the file's format, e.g. a decimal comma read with a decimal point. */
export function numberHint(text: string, format: NumberFormat): string {
  if (format.decimal === '.' && /^\d+,\d+$/.test(text)) return ' (a decimal comma? set the decimal separator to ",")';
  if (format.decimal === ',' && /^\d+\.\d+$/.test(text)) return ' (a decimal point? set the decimal separator to ".")';
  return '';
}
