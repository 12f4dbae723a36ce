/**
 * Detects how a delimited text file is written, from its first 64 KB: the delimiter (the candidate that
 * splits most lines into the same number of fields, more than one), the header row (instrument exports
 * often put a few lines of batch information above it), and the number format (decimal comma,
 * thousands separator) from the shapes of the numbers in the data rows. Each can be overridden.
 */
import { detach } from './column-builders';
import { trimBlank } from './blank';
import { CsvReader } from './csv-reader';
import { synonymOf } from './header-synonyms';
import type { ReadOptions, ReadOptionsOverride } from './types';

const SNIFF_CHARS = 65536;
const DELIMITERS = [',', ';', '\t', '|'];
const MAX_RECORDS = 300;

export interface SniffedRecord {
  fields: string[];
  line: number;
  start: number;
  /** Offset and line just after the record. */
  nextOffset: number;
  nextLine: number;
}

/** Reads up to `max` records of a text with a dialect. */
export function readRecords(text: string, delimiter: string, quote: string, max = MAX_RECORDS): SniffedRecord[] {
  const r = new CsvReader(text, { delimiter, quote });
  const out: SniffedRecord[] = [];
  while (out.length < max && r.next()) {
    out.push({ fields: r.values(), line: r.line, start: r.start, nextOffset: r.pos, nextLine: r.posLine });
  }
  return out;
}

function mode(values: number[]): { value: number; freq: number } {
  const counts = new Map<number, number>();
  let best = { value: 1, freq: 0 };
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > best.freq || (c === best.freq && v > best.value)) best = { value: v, freq: c };
  }
  return best;
}

/** The delimiter that splits the sample most consistently into more than one field. */
export function sniffDelimiter(sample: string, quote: string, preferTab: boolean): string {
  let best = { delimiter: preferTab ? '\t' : ',', score: 0 };
  for (const d of DELIMITERS) {
    const recs = readRecords(sample, d, quote, 60);
    if (recs.length === 0) continue;
    const m = mode(recs.map((r) => r.fields.length));
    if (m.value < 2) continue;
    const score = (m.freq / recs.length) * (1 + Math.log2(m.value)) * (d === '\t' && preferTab ? 1.5 : 1);
    if (score > best.score) best = { delimiter: d, score };
  }
  return best.delimiter;
}

function looksLikeHeader(fields: string[]): { synonyms: number; text: number; filled: number } {
  let synonyms = 0;
  let text = 0;
  let filled = 0;
  for (const f of fields) {
    const v = f.trim();
    if (v === '') continue;
    filled++;
    if (synonymOf(v)) synonyms++;
    if (!/^[-+]?[\d.,\s]+(?:[eE][-+]?\d+)?$/.test(v) && !/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(v)) text++;
  }
  return { synonyms, text, filled };
}

/** Index of the header among records (or grid rows): the first wide row naming known fields, else the first wide, mostly-text row. */
export function findHeaderIndex(rows: string[][], width: number): number {
  const limit = Math.min(rows.length, 40);
  const wide = (r: string[]) => r.filter((v) => v.trim() !== '').length >= Math.max(1, Math.ceil(width * 0.6));
  for (let i = 0; i < limit; i++) if (wide(rows[i]) && looksLikeHeader(rows[i]).synonyms >= 1) return i;
  for (let i = 0; i < limit; i++) {
    if (!wide(rows[i])) continue;
    const h = looksLikeHeader(rows[i]);
    if (h.text >= Math.ceil(h.filled * 0.6)) return i;
  }
  return 0;
}

/** The number format from the shapes of numbers in the data (see the file comment). */
export function sniffNumberFormat(values: string[], delimiter: string): Pick<ReadOptions, 'decimal' | 'thousands'> {
  let commaDec = 0;
  let dotDec = 0;
  let comma3 = 0;
  let dotThousands = 0;
  let commaThousands = 0;
  let spaceThousands = 0;
  for (const raw of values) {
    const v = raw.trim();
    if (v.length === 0 || v.length > 30 || !/^[-+]?\d/.test(v)) continue;
    if (/^[-+]?\d{1,3}(?:\.\d{3})+,\d+$/.test(v)) {
      commaDec++;
      dotThousands++;
    } else if (/^[-+]?\d{1,3}(?:,\d{3})+\.\d+$/.test(v)) {
      dotDec++;
      commaThousands++;
    } else if (/^[-+]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?$/.test(v)) {
      spaceThousands++;
      if (v.includes(',')) commaDec++;
    } else if (/^[-+]?\d{1,3}(?:\.\d{3}){2,}$/.test(v)) dotThousands++;
    else if (/^[-+]?\d{1,3}(?:,\d{3}){2,}$/.test(v)) commaThousands++;
    else if (/^[-+]?\d+,\d{3}$/.test(v)) comma3++;
    else if (/^[-+]?\d*,\d+(?:[eE][-+]?\d+)?$/.test(v)) commaDec++;
    else if (/^[-+]?\d*\.\d+(?:[eE][-+]?\d+)?$/.test(v) && !/^\d+\.\d{3}$/.test(v)) dotDec++;
  }
  const decimal: '.' | ',' = commaDec > dotDec || (commaDec === dotDec && comma3 > 0 && delimiter !== ',' && commaThousands === 0) ? ',' : '.';
  const thousands: ReadOptions['thousands'] =
    decimal === ','
      ? dotThousands > 0 ? '.' : spaceThousands > 0 ? ' ' : ''
      : commaThousands > 0 || (comma3 > 0 && delimiter !== ',') ? ',' : spaceThousands > 0 ? ' ' : '';
  return { decimal, thousands };
}

export interface SniffResult {
  options: Omit<ReadOptions, 'encoding'>;
  headers: string[];
  /** Where the data rows start. */
  dataOffset: number;
  dataLine: number;
  sampleRows: string[][];
}

/** Detects delimiter, quote, header row and number format, applying the overrides. */
export function sniffText(text: string, override: ReadOptionsOverride, preferTab: boolean): SniffResult {
  let sample = text.length > SNIFF_CHARS ? text.slice(0, SNIFF_CHARS) : text;
  if (text.length > SNIFF_CHARS) {
    const cut = sample.lastIndexOf('\n');
    // A copy, not a view: headers and preview rows outlive the import and must not keep the whole text alive.
    sample = detach(sample.slice(0, cut > 0 ? cut + 1 : sample.length));
  }
  const quote = override.quote ?? '"';
  const delimiter = override.delimiter ?? sniffDelimiter(sample, quote, preferTab);
  const recs = readRecords(sample, delimiter, quote);
  const width = mode(recs.map((r) => r.fields.length)).value;
  let headerIndex: number;
  if (override.headerRow !== undefined) {
    headerIndex = override.headerRow === 0 ? -1 : recs.findIndex((r) => r.line >= override.headerRow!);
    if (headerIndex < 0 && override.headerRow !== 0) headerIndex = recs.length;
  } else {
    headerIndex = recs.length ? findHeaderIndex(recs.map((r) => r.fields), width) : -1;
  }
  const header = headerIndex >= 0 ? recs[headerIndex] : undefined;
  const headers = header ? header.fields.map((h) => trimBlank(h)) : Array.from({ length: width }, (_, i) => String(i + 1));
  const dataRecs = recs.slice(headerIndex + 1);
  const numbers = sniffNumberFormat(dataRecs.flatMap((r) => r.fields), delimiter);
  return {
    options: {
      delimiter,
      quote,
      headerRow: header ? header.line : 0,
      decimal: override.decimal ?? numbers.decimal,
      thousands: override.thousands ?? (override.decimal && override.decimal !== numbers.decimal ? '' : numbers.thousands),
      dateOrder: override.dateOrder ?? null,
    },
    headers,
    dataOffset: header ? header.nextOffset : recs[0]?.start ?? 0,
    dataLine: header ? header.nextLine : recs[0]?.line ?? 1,
    sampleRows: dataRecs.slice(0, 200).map((r) => r.fields),
  };
}
