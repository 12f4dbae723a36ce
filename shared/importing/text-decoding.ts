/**
 * Turns a text file's bytes into a string: UTF-8 with or without BOM, UTF-16 with BOM (or without, when
 * every other byte is NUL), else Windows-1252, the encoding of Excel's "CSV" on Western Windows (so that
 * the é of Montréal survives). Binary content is refused rather than read as mojibake.
 */
import type { TextEncodingName } from './types';

/** V8 cannot hold a longer string; such files are refused with a clear reason instead of a crash. */
export const MAX_TEXT_BYTES = 512 * 1024 * 1024;

export type DecodeResult = { text: string; encoding: TextEncodingName } | { refused: string };

/** The encoding a BOM names, and the BOM's length. */
function bomOf(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without BOM: ASCII text shows as NUL bytes on every even (BE) or odd (LE) position. */
function guessUtf16(sample: Uint8Array): TextEncodingName | null {
  let even = 0;
  let odd = 0;
  const n = sample.length - (sample.length % 2);
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (pairs < 2) return null;
  if (odd > 0.4 * pairs && even < 0.05 * pairs) return 'utf-16le';
  if (even > 0.4 * pairs && odd < 0.05 * pairs) return 'utf-16be';
  return null;
}

/** Where the sample shows binary content (NUL or many control bytes), else -1. */
function binaryAt(sample: Uint8Array): number {
  const nul = sample.indexOf(0);
  if (nul >= 0) return nul;
  let control = 0;
  let first = -1;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) {
      control++;
      if (first < 0) first = i;
    }
  }
  return control > Math.max(8, sample.length / 100) ? first : -1;
}

/** The 1-based line of a byte offset (LF counted; CR-only files count as one line, as the reader would then say). */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/**
 * Binary content past the sample (NUL bytes anywhere, or a stretch dense in control bytes): a text file cut and
 * spliced with binary, whose NUL lines the reader would otherwise skip as blank. O(bytes), NUL found by memchr.
 */
function binaryBeyond(bytes: Uint8Array, from: number): number {
  const nul = bytes.indexOf(0, from);
  if (nul >= 0) return nul;
  const WINDOW = 65536;
  for (let start = from; start < bytes.length; start += WINDOW) {
    const at = binaryAt(bytes.subarray(start, start + WINDOW));
    if (at >= 0) return start + at;
  }
  return -1;
}

function binaryRefusal(bytes: Uint8Array, at: number): DecodeResult {
  return { refused: `binary content on line ${lineAt(bytes, at)} (unreadable bytes from byte ${at + 1}): not a text file, or a text file damaged there; import CSV, TSV, TXT, XLSX, Parquet or Arrow files` };
}

/** Detects the encoding (or takes the given one) and decodes; refuses binary content anywhere and over-large files. */
export function decodeText(bytes: Uint8Array, encoding?: TextEncodingName): DecodeResult {
  if (bytes.length > MAX_TEXT_BYTES) return { refused: `the file is too large to import at once (${Math.round(bytes.length / 2 ** 20)} MB; the limit is 512 MB): split it` };
  const bom = bomOf(bytes);
  const sample = bytes.subarray(0, 65536);
  let chosen: TextEncodingName | null = encoding ?? bom?.encoding ?? guessUtf16(sample);
  if (chosen === null || chosen === 'utf-8' || chosen === 'windows-1252') {
    const at = binaryAt(bom ? sample.subarray(bom.length) : sample);
    if (at >= 0) return { refused: `binary file, not text (unreadable bytes from byte ${at + 1 + (bom?.length ?? 0)}); import CSV, TSV, TXT, XLSX, Parquet or Arrow files` };
    const later = binaryBeyond(bytes, sample.length);
    if (later >= 0) return binaryRefusal(bytes, later);
  }
  const body = bom && (!encoding || encoding === bom.encoding) ? bytes.subarray(bom.length) : bytes;
  if (chosen === null) {
    try {
      return { text: normaliseNewlines(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body)), encoding: 'utf-8' };
    } catch {
      chosen = 'windows-1252';
    }
  }
  try {
    let text = new TextDecoder(chosen, { fatal: chosen === 'utf-8', ignoreBOM: true }).decode(body);
    if (chosen === 'windows-1252') text = fixC1(text);
    // UTF-16: a NUL character (two NUL bytes) is binary too.
    const nul = text.indexOf('\u0000');
    if (nul >= 0) return { refused: `binary content on line ${text.slice(0, nul).split('\n').length} (a NUL character): not a text file, or a text file damaged there; import CSV, TSV, TXT, XLSX, Parquet or Arrow files` };
    return { text: normaliseNewlines(text), encoding: chosen };
  } catch {
    return { refused: `the file is not valid ${chosen} text` };
  }
}

/** Windows-1252's characters at 0x80–0x9F (undefined bytes stay as they are). */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Node's decoder reads windows-1252 as Latin-1, leaving C1 controls where Windows has “ ” – € …: map them. */
function fixC1(text: string): string {
  return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]) : text;
}

/** Old Mac files end lines with CR alone; the parser reads LF and CRLF, so CR alone becomes LF. */
function normaliseNewlines(text: string): string {
  return text.indexOf('\n') < 0 && text.indexOf('\r') >= 0 ? text.replace(/\r/g, '\n') : text;
}
