/**
 * Turns Arrow cells into plain values for display and text exports: dates as ISO dates, timestamps as
 * ISO instants, 64-bit integers as numbers when exact (else as decimal text), decimals as numbers.
 */
import { DataType, type Field, type Table } from 'apache-arrow';

export type PlainValue = string | number | boolean | null;

/** One cell as a plain value. */
export function plainValue(value: unknown, field: Field): PlainValue {
  if (value === null || value === undefined) return null;
  const t = field.type;
  if (DataType.isDate(t)) return new Date(Number(value)).toISOString().slice(0, 10);
  if (DataType.isTimestamp(t)) return new Date(Number(value)).toISOString();
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (DataType.isDecimal(t)) return Number(String(value)) / 10 ** (t as unknown as { scale: number }).scale;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (typeof (value as { toJSON?: () => unknown }).toJSON === 'function') return JSON.stringify((value as { toJSON: () => unknown }).toJSON());
  return String(value);
}

/** Column names of a table. */
export function columnNames(table: Table): string[] {
  return table.schema.fields.map((f) => f.name);
}

/** Rows as arrays of plain values: O(rows × columns); meant for pages and console results, not bulk data. */
export function plainRows(table: Table, offset = 0, limit = table.numRows): PlainValue[][] {
  const fields = table.schema.fields;
  const cols = fields.map((f) => table.getChild(f.name));
  const end = Math.min(table.numRows, offset + limit);
  const rows: PlainValue[][] = [];
  for (let r = offset; r < end; r++) rows.push(fields.map((f, c) => plainValue(cols[c]?.get(r), f)));
  return rows;
}

/** Display text of a plain value. */
export function displayText(v: PlainValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
  return String(v);
}
