/**
 * Parquet encoder (hyparquet-writer, pure JavaScript, Snappy-compressed). Every column is written with an
 * explicit, nullable type so that empty exports keep their schema and floats stay floats. Text is written
 * as it is: Parquet is read by programs, not evaluated by spreadsheets.
 */
import { DataType, type Field, type Table } from 'apache-arrow';
// The browser-safe entry: the package root pulls in node:fs for its file writer under Node.
import { parquetWriteBuffer } from 'hyparquet-writer/src/index.js';
import type { SchemaElement } from 'hyparquet';
import { displayText, plainValue } from '../../db/arrow-values';

type ParquetValue = string | number | bigint | boolean | Date | null;

interface ColumnPlan {
  element: Omit<SchemaElement, 'name'>;
  convert: (v: unknown, field: Field) => ParquetValue;
}

const asText = (v: unknown, f: Field): ParquetValue => (v === null || v === undefined ? null : displayText(plainValue(v, f)));
const asNumber = (v: unknown): ParquetValue => (v === null || v === undefined ? null : Number(v));

function plan(field: Field): ColumnPlan {
  const t = field.type;
  const optional = { repetition_type: 'OPTIONAL' as const };
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t)) return { element: { type: 'BYTE_ARRAY', converted_type: 'UTF8', ...optional }, convert: (v) => (v ?? null) as string | null };
  if (DataType.isBool(t)) return { element: { type: 'BOOLEAN', ...optional }, convert: (v) => (v ?? null) as boolean | null };
  if (DataType.isFloat(t)) return { element: { type: 'DOUBLE', ...optional }, convert: asNumber };
  if (DataType.isInt(t)) {
    const wide = t.bitWidth === 64 || (t.bitWidth === 32 && !t.isSigned);
    return wide
      ? { element: { type: 'INT64', ...optional }, convert: (v) => (v === null || v === undefined ? null : BigInt(v as number | bigint)) }
      : { element: { type: 'INT32', ...optional }, convert: asNumber };
  }
  if (DataType.isDate(t)) return { element: { type: 'INT32', converted_type: 'DATE', ...optional }, convert: (v) => (v === null || v === undefined ? null : new Date(Number(v))) };
  if (DataType.isTimestamp(t)) return { element: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', ...optional }, convert: (v) => (v === null || v === undefined ? null : new Date(Number(v))) };
  if (DataType.isDecimal(t)) return { element: { type: 'DOUBLE', ...optional }, convert: (v, f) => plainValue(v, f) as number | null };
  return { element: { type: 'BYTE_ARRAY', converted_type: 'UTF8', ...optional }, convert: asText };
}

/** Parquet bytes of a table, `metadata` as key-value metadata in the footer. O(rows × columns). */
export function encodeParquet(table: Table, metadata: Record<string, string>, createdBy: string): Uint8Array {
  const fields = table.schema.fields;
  const plans = fields.map(plan);
  const columnData = fields.map((f, c) => {
    const vector = table.getChildAt(c);
    const data: ParquetValue[] = new Array(table.numRows);
    const rowCount = table.numRows;
    for (let r = 0; r < rowCount; r++) data[r] = plans[c].convert(vector?.get(r), f);
    return { name: f.name, data };
  });
  const schema: SchemaElement[] = [{ name: 'root', num_children: fields.length }, ...fields.map((f, c) => ({ name: f.name, ...plans[c].element }))];
  const buffer = parquetWriteBuffer({
    columnData,
    schema,
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    createdBy,
    // Whole values in the footer statistics: a truncated sample id there would be a third spelling of it.
    statisticsTruncateLength: Infinity,
  });
  return new Uint8Array(buffer);
}
