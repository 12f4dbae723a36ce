/** Arrow IPC files and streams (e.g. exported by DuckDB, pandas, R arrow). Row numbers are data rows from 1. */
import { DataType, tableFromIPC, type Data, type Field, type Table, type Utf8, type Vector } from 'apache-arrow';
import { plainValue } from '../db/arrow-values';
import { gridSource, type Cell } from './grid-source';
import type { SourceResult } from './row-source';
import type { ReadOptionsOverride } from './types';
import { readerReason } from './reader-error';

/** True when text value i of a Utf8 chunk starts with the bytes of a byte-order mark. */
function bomAt(d: Data<Utf8>, i: number): boolean {
  const a = Number(d.valueOffsets[d.offset + i]);
  const v = d.values;
  return Number(d.valueOffsets[d.offset + i + 1]) - a >= 3 && v[a] === 0xef && v[a + 1] === 0xbb && v[a + 2] === 0xbf;
}

/** The positions of the values of a text vector that start with a byte-order mark. */
function bomPositions(vector: Vector<Utf8>): Set<number> {
  const out = new Set<number>();
  let k = 0;
  for (const d of vector.data) for (let i = 0; i < d.length; i++, k++) if (bomAt(d, i)) out.add(k);
  return out;
}

/**
 * apache-arrow decodes strings with a TextDecoder that drops a byte-order mark at the start of each: put it back where
 * the bytes hold one, plain or dictionary-encoded text, so that the import sees the value as written (and refuses it
 * there: blank.ts). O(rows) per text column.
 */
function restoreLeadingBoms(table: Table, fields: Field[], rows: Cell[][]): void {
  fields.forEach((f, c) => {
    const column = table.getChild(f.name);
    if (!column) return;
    const text = DataType.isUtf8(f.type);
    const coded = DataType.isDictionary(f.type) && DataType.isUtf8(f.type.dictionary);
    if (!text && !coded) return;
    const rowsWithBom = text ? bomPositions(column as Vector<Utf8>) : null;
    let r = 0;
    for (const d of column.data) {
      const dictionary = coded ? bomPositions(d.dictionary as Vector<Utf8>) : null;
      for (let i = 0; i < d.length; i++, r++) {
        const has = dictionary ? dictionary.has(Number(d.values[d.offset + i])) : rowsWithBom!.has(r);
        if (has && typeof rows[r][c] === 'string') rows[r][c] = `\ufeff${rows[r][c] as string}`;
      }
    }
  });
}

/** Opens an Arrow IPC file; refuses damaged or truncated ones. */
export function openArrowSource(bytes: Uint8Array, override: ReadOptionsOverride): SourceResult {
  const tail = bytes.subarray(bytes.length - 8);
  const isFile = bytes[0] === 0x41; // "ARROW1"
  if (isFile && String.fromCharCode(...tail.subarray(2)) !== 'ARROW1') return { refused: 'the Arrow file is truncated (its footer is missing)' };
  if (!isFile && !(tail[0] === 0xff && tail[1] === 0xff && tail[2] === 0xff && tail[3] === 0xff && tail[4] === 0 && tail[7] === 0)) {
    return { refused: 'the Arrow stream is truncated (no end-of-stream marker)' };
  }
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    return { refused: `the Arrow file is damaged or truncated (${readerReason(e)})` };
  }
  const fields = table.schema.fields;
  if (fields.length === 0) return { refused: 'the Arrow file has no columns (damaged or truncated?)' };
  if (table.numRows === 0) return { refused: 'the Arrow file has no rows' };
  const cols = fields.map((f) => table.getChild(f.name));
  const rows: Cell[][] = [];
  const rowCount = table.numRows;
  for (let r = 0; r < rowCount; r++) rows.push(fields.map((f, c) => plainValue(cols[c]?.get(r), f)));
  restoreLeadingBoms(table, fields, rows);
  const source = gridSource('arrow', { rows, lines: rows.map((_, i) => i + 1), names: fields.map((f) => f.name) }, override);
  return 'refused' in source ? source : { source, warnings: [] };
}
