/**
 * Parquet files through hyparquet (pure JS; DuckDB's Parquet reader is an extension it would try to
 * download). Row numbers are data rows from 1. Snappy and uncompressed pages are read; other codecs are
 * refused with their name.
 */
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';

// hyparquet's own decoder drops a byte-order mark at the start of every string: kept, so that the import sees the
// value as written (and refuses a value that starts with one: blank.ts).
const keepBom = new TextDecoder('utf-8', { ignoreBOM: true });
const stringFromBytes = (bytes: Uint8Array | undefined) => bytes && keepBom.decode(bytes);
import { gridSource, type Cell } from './grid-source';
import type { SourceResult } from './row-source';
import type { ReadOptionsOverride } from './types';
import { readerReason } from './reader-error';

/** Opens a Parquet file; refuses damaged or truncated ones. */
export async function openParquetSource(bytes: Uint8Array, override: ReadOptionsOverride): Promise<SourceResult> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let names: string[];
  let rows: Cell[][];
  try {
    const metadata = parquetMetadata(file);
    names = parquetSchema(metadata).children.map((c) => c.element.name);
    const objects = await parquetReadObjects({ file, metadata, parsers: { stringFromBytes } });
    rows = objects.map((o) => names.map((n) => o[n] as Cell));
  } catch (e) {
    return { refused: `the Parquet file is damaged or truncated, or uses an unsupported feature (${readerReason(e)})` };
  }
  if (rows.length === 0) return { refused: 'the Parquet file has no rows' };
  const source = gridSource('parquet', { rows, lines: rows.map((_, i) => i + 1), names }, override);
  return 'refused' in source ? source : { source, warnings: [] };
}
