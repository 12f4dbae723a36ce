/**
 * Arrow tables into native DuckDB tables, with the column types duckdb-wasm's Arrow scan gives the same data
 * (dictionary-encoded text as VARCHAR, DateDay as DATE, Timestamp by its unit), so that a batch file loads into the
 * same table in both engines. Rows go through an appender in chunks of DuckDB's vector size (2,048): fixed-width
 * columns and validity bitmaps are copied as bytes (Arrow's and DuckDB's layouts agree), text cell by cell from the
 * Arrow buffers (dictionary entries encoded once). O(cells), no JavaScript value per number.
 */
import {
  DATE,
  DOUBLE,
  DuckDBDataChunk,
  BIGINT,
  BLOB,
  BOOLEAN,
  FLOAT,
  INTEGER,
  SMALLINT,
  TIMESTAMP,
  TIMESTAMP_MS,
  TIMESTAMP_NS,
  TIMESTAMP_S,
  TINYINT,
  UBIGINT,
  UINTEGER,
  USMALLINT,
  UTINYINT,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { DataType, DateUnit, Precision, TimeUnit, type Data, type Date_ as DateType, type Dictionary, type Float, type Int, type Table, type Timestamp } from 'apache-arrow';
import { sqlIdent } from '../../shared/db/Database';

/** The DuckDB column type duckdb-wasm's Arrow scan makes of an Arrow type. */
export function duckTypeOf(t: DataType): DuckDBType {
  if (DataType.isBool(t)) return BOOLEAN;
  if (DataType.isInt(t)) {
    const bits = (t as Int).bitWidth;
    if ((t as Int).isSigned) return bits === 8 ? TINYINT : bits === 16 ? SMALLINT : bits === 32 ? INTEGER : BIGINT;
    return bits === 8 ? UTINYINT : bits === 16 ? USMALLINT : bits === 32 ? UINTEGER : UBIGINT;
  }
  if (DataType.isFloat(t)) {
    const precision = (t as Float).precision;
    if (precision === Precision.SINGLE) return FLOAT;
    if (precision === Precision.DOUBLE) return DOUBLE;
  }
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t)) return VARCHAR;
  if (DataType.isBinary(t) || DataType.isLargeBinary(t)) return BLOB;
  if (DataType.isDictionary(t)) return duckTypeOf((t as Dictionary).dictionary);
  if (DataType.isDate(t)) return DATE;
  if (DataType.isTimestamp(t)) {
    const unit = (t as Timestamp).unit;
    return unit === TimeUnit.SECOND ? TIMESTAMP_S : unit === TimeUnit.MILLISECOND ? TIMESTAMP_MS : unit === TimeUnit.NANOSECOND ? TIMESTAMP_NS : TIMESTAMP;
  }
  throw new Error(`Arrow type ${String(t)} cannot be loaded into the native engine`);
}

const encoder = new TextEncoder();

/** Text cells of one record batch's column as byte ranges (dictionaries encoded once). */
function textCells(d: Data): (i: number) => Uint8Array {
  if (DataType.isDictionary(d.type)) {
    const dict = d.dictionary!;
    const entries: Uint8Array[] = [];
    for (let k = 0; k < dict.length; k++) entries.push(encoder.encode(String(dict.get(k) ?? '')));
    const idx = d.values as Int32Array;
    return (i) => entries[idx[i]];
  }
  const off = d.valueOffsets as Int32Array;
  const bytes = d.values as Uint8Array;
  return (i) => bytes.subarray(off[i], off[i + 1]);
}

/** Copies rows [from, to) of one Arrow column (one record batch) into a DuckDB vector. O(rows). */
function fillVector(vector: duckdb.Vector, d: Data, from: number, to: number): void {
  const rows = to - from;
  const t = d.type;
  if (d.nullCount > 0) {
    if (d.offset % 8 !== 0 || from % 8 !== 0) throw new Error('unaligned Arrow validity bitmaps are not supported');
    duckdb.vector_ensure_validity_writable(vector);
    const bits = d.nullBitmap!;
    const start = (d.offset + from) >> 3;
    const words = new Uint8Array(Math.ceil(rows / 64) * 8);
    words.set(bits.subarray(start, start + ((rows + 7) >> 3)));
    duckdb.copy_data_to_vector_validity(vector, 0, words.buffer, words.byteOffset, words.byteLength);
  }
  if (DataType.isUtf8(t) || DataType.isDictionary(t) || DataType.isBinary(t)) {
    const cell = textCells(d);
    const valid = d.nullCount > 0 ? (i: number) => d.getValid(i) : () => true;
    for (let i = from; i < to; i++) if (valid(i)) duckdb.vector_assign_string_element_len(vector, i - from, cell(i));
    return;
  }
  if (DataType.isBool(t)) {
    const bytes = new Uint8Array(rows);
    const bits = d.values as Uint8Array;
    for (let i = 0; i < rows; i++) {
      const k = d.offset + from + i;
      bytes[i] = (bits[k >> 3] >> (k & 7)) & 1;
    }
    duckdb.copy_data_to_vector(vector, 0, bytes.buffer, 0, rows);
    return;
  }
  if (DataType.isDate(t) && (t as DateType).unit === DateUnit.MILLISECOND) {
    const ms = d.values as BigInt64Array;
    const days = new Int32Array(rows);
    for (let i = 0; i < rows; i++) days[i] = Number(ms[d.offset + from + i] / 86_400_000n);
    duckdb.copy_data_to_vector(vector, 0, days.buffer, 0, days.byteLength);
    return;
  }
  // Fixed-width numbers, DateDay (int32 days) and Timestamps (int64 in their own unit) share DuckDB's layout.
  const values = d.values as Int32Array | Float64Array | BigInt64Array;
  const width = values.BYTES_PER_ELEMENT;
  duckdb.copy_data_to_vector(vector, 0, values.buffer as ArrayBuffer, values.byteOffset + (d.offset + from) * width, rows * width);
}

/** Creates `name` with the table's columns (mode 'create') or appends to it by position ('append'). O(cells). */
export async function insertArrowTable(conn: DuckDBConnection, name: string, table: Table, mode: 'create' | 'append'): Promise<void> {
  const fields = table.schema.fields;
  const types = fields.map((f) => duckTypeOf(f.type));
  if (mode === 'create') {
    await conn.run(`CREATE TABLE ${sqlIdent(name)} (${fields.map((f, i) => `${sqlIdent(f.name)} ${types[i].toString()}`).join(', ')})`);
  }
  if (table.numRows === 0) return;
  const size = duckdb.vector_size();
  const logical = types.map((t) => t.toLogicalType().logical_type);
  const appender = await conn.createAppender(name);
  try {
    for (const batch of table.batches) {
      const columns = fields.map((_, c) => batch.data.children[c]);
      for (let from = 0; from < batch.numRows; from += size) {
        const to = Math.min(batch.numRows, from + size);
        const chunk = duckdb.create_data_chunk(logical);
        duckdb.data_chunk_set_size(chunk, to - from);
        for (let c = 0; c < fields.length; c++) fillVector(duckdb.data_chunk_get_vector(chunk, c), columns[c], from, to);
        appender.appendDataChunk(new DuckDBDataChunk(chunk));
      }
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
