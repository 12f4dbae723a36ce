/** Arrow IPC files and streams (e.g. exported by DuckDB, pandas, R arrow). Row numbers are data rows from 1. */
import { tableFromIPC, type Table } from 'apache-arrow';
import { plainValue } from '../db/arrow-values';
import { gridSource, type Cell } from './grid-source';
import type { SourceResult } from './row-source';
import type { ReadOptionsOverride } from './types';
import { readerReason } from './reader-error';

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
  const source = gridSource('arrow', { rows, lines: rows.map((_, i) => i + 1), names: fields.map((f) => f.name) }, override);
  return 'refused' in source ? source : { source, warnings: [] };
}
