/** Delimited text files (CSV, TSV, TXT) as a row source: decode, sniff, then scan every record. */
import { CsvReader } from './csv-reader';
import { sniffText } from './csv-sniff';
import { decodeText } from './text-decoding';
import { numberAtParser } from './number-format';
import { SAMPLE_ROWS, checkAborted, checkEnds, checkWidth, type RowSource, type SourceResult } from './row-source';
import { yieldToEventLoop } from '../util/yield-to-event-loop';
import type { FileFormat, ReadOptionsOverride } from './types';

/** Characters between two yields to the event loop (progress and Cancel): about 40 ms of scanning. */
const CHUNK = 4_000_000;

/** Opens a text file; refuses binary or undecodable content and files with no header. */
export function openTextSource(format: FileFormat, bytes: Uint8Array, override: ReadOptionsOverride): SourceResult {
  const decoded = decodeText(bytes, override.encoding);
  if ('refused' in decoded) return { refused: decoded.refused };
  const { text, encoding } = decoded;
  if (text.trim() === '') return { refused: 'the file is empty (no text)' };
  const sniff = sniffText(text, override, format === 'tsv');
  const options = { ...sniff.options, encoding };
  const width = sniff.headers.length;
  // A file cut inside its last field still splits into full rows: the cut value (45210 → 452) is told by its
  // length against the column's other values, when the last line has no line end.
  const endsWithLineEnd = text.endsWith('\n');
  let starts = new Int32Array(1024);
  let ends = new Int32Array(1024);
  const source: RowSource = {
    format,
    options,
    headers: sniff.headers,
    headerRow: options.headerRow,
    sampleRows: sniff.sampleRows.slice(0, SAMPLE_ROWS),
    serialDates: false,
    async scan(handler, log, control) {
      const r = new CsvReader(text, options, sniff.dataOffset, sniff.dataLine);
      r.numberAt = numberAtParser(options);
      let row = 0;
      let shortestLast = Infinity;
      let nextYield = r.pos + CHUNK;
      while (r.next()) {
        if (r.error) {
          log.add(-1, r.line, r.error.column, sniff.headers[r.error.column - 1] ?? null, null, r.error.reason, r.raw());
          if (r.error.fatal) break;
          continue;
        }
        const w = checkWidth(r, r.count, width);
        if (!w.ok) {
          const truncated = r.pos >= text.length && r.count < width ? ' (the last line is cut short: the file may be truncated)' : '';
          log.add(-1, r.line, w.column, sniff.headers[w.column - 1] ?? null, w.column <= r.count ? r.field(w.column - 1) : null, w.reason + truncated, r.raw());
          continue;
        }
        const hidden = checkEnds(r, width);
        if (!hidden.ok) {
          log.add(-1, r.line, hidden.column, sniff.headers[hidden.column - 1] ?? null, hidden.value, hidden.reason, r.raw());
          continue;
        }
        if (row === starts.length) {
          const s = new Int32Array(row * 2);
          s.set(starts);
          starts = s;
          const e = new Int32Array(row * 2);
          e.set(ends);
          ends = e;
        }
        starts[row] = r.start;
        ends[row] = r.end;
        const lastLength = r.count === width ? r.text(width - 1).length : Infinity;
        handler(r, r.line, row);
        if (!endsWithLineEnd && r.pos >= text.length && lastLength < shortestLast && row > 0) {
          const header = sniff.headers[width - 1] ?? null;
          log.add(row, r.line, width, header, r.text(width - 1), `the file ends inside this value without a line end, and it is shorter than every other value of ${header ? `"${header}"` : 'its column'} (${lastLength} characters where the others have at least ${shortestLast}): the file may be truncated; check it, or import the valid rows only to leave this row out`);
        }
        if (lastLength < shortestLast) shortestLast = lastLength;
        row++;
        if (r.pos >= nextYield) {
          control.onProgress?.(r.pos / text.length);
          await yieldToEventLoop();
          checkAborted(control.signal);
          nextYield = r.pos + CHUNK;
        }
      }
      return row;
    },
    raw: (row) => text.slice(starts[row], ends[row]),
  };
  const warnings = options.headerRow > 1 ? [`the header is on line ${options.headerRow}: the lines above it were skipped`] : [];
  if (sniff.headers.length <= 1) warnings.push('only one column was found: check the delimiter');
  return { source, warnings };
}
