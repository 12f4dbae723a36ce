/**
 * Builds Arrow tables and IPC bytes from plain columns with explicit types (so that empty columns keep
 * their type), for the small tables the workbench inserts (manifest lists, dictionaries, mappings).
 *
 * Hand-written on purpose: apache-arrow's builders (`vectorFromArray`, `Builder`) compile their null
 * checks with `new Function`, which the app's Content-Security-Policy forbids (no 'unsafe-eval').
 * `makeData` over typed arrays needs no code generation.
 */
import { Bool, Float64, Int32, Table, Utf8, makeData, makeVector, tableToIPC, type Vector } from 'apache-arrow';

export type ColumnValues =
  | { type: 'utf8'; values: (string | null)[] }
  | { type: 'float64'; values: (number | null)[] }
  | { type: 'int32'; values: (number | null)[] }
  | { type: 'bool'; values: (boolean | null)[] };

/** Validity bitmap (1 = present) and null count. O(n). */
function validity(values: readonly unknown[]): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  const bits = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) nullCount++;
    else bits[i >> 3] |= 1 << (i & 7);
  }
  return { nullBitmap: nullCount ? bits : undefined, nullCount };
}

/** Any code unit of 128 or more (text without one is ASCII: one UTF-8 byte per UTF-16 code unit). */
const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * A Utf8 vector from strings (null allowed). O(total length). All-ASCII columns (ids, dates, codes: nearly every
 * column the workbench writes) are encoded in one call on the joined text; others string by string into one buffer.
 * One TextEncoder.encode per string (each its own array) took 30–45 ms and most of a garbage collection for the
 * 10,000 sample ids of a class run, on the interface thread (docs/VIEWS.md, Large data). The bytes are the same.
 */
export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const n = values.length;
  const valueOffsets = new Int32Array(n + 1);
  const encoder = new TextEncoder();
  const joined = values.map((v) => v ?? '').join('');
  let data: Uint8Array;
  if (!NOT_ASCII.test(joined)) {
    for (let i = 0; i < n; i++) valueOffsets[i + 1] = valueOffsets[i] + (values[i]?.length ?? 0);
    data = encoder.encode(joined);
  } else {
    // At most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). Each string encoded alone, as
    // a lone surrogate at the end of one and the start of the next must not join into one character.
    const buffer = new Uint8Array(joined.length * 3);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v) at += encoder.encodeInto(v, buffer.subarray(at)).written;
      valueOffsets[i + 1] = at;
    }
    data = buffer.slice(0, at);
  }
  return makeVector(makeData({ type: new Utf8(), length: n, valueOffsets, data, ...validity(values) }));
}

/** A Float64 vector (null allowed). */
export function float64Vector(values: readonly (number | null)[]): Vector<Float64> {
  const data = Float64Array.from(values, (v) => v ?? 0);
  return makeVector(makeData({ type: new Float64(), length: values.length, data, ...validity(values) }));
}

/** An Int32 vector (null allowed). */
export function int32Vector(values: readonly (number | null)[]): Vector<Int32> {
  const data = Int32Array.from(values, (v) => v ?? 0);
  return makeVector(makeData({ type: new Int32(), length: values.length, data, ...validity(values) }));
}

/** A Bool vector (null allowed). */
export function boolVector(values: readonly (boolean | null)[]): Vector<Bool> {
  const data = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v) data[i >> 3] |= 1 << (i & 7);
  });
  return makeVector(makeData({ type: new Bool(), length: values.length, data, ...validity(values) }));
}

function vectorOf(col: ColumnValues): Vector {
  switch (col.type) {
    case 'utf8':
      return utf8Vector(col.values);
    case 'float64':
      return float64Vector(col.values);
    case 'int32':
      return int32Vector(col.values);
    case 'bool':
      return boolVector(col.values);
  }
}

/** An Arrow table from typed columns. */
export function buildTable(columns: Record<string, ColumnValues>): Table {
  const vectors: Record<string, Vector> = {};
  for (const [name, col] of Object.entries(columns)) vectors[name] = vectorOf(col);
  return new Table(vectors);
}

/** Arrow IPC stream bytes from typed columns. */
export function buildIPC(columns: Record<string, ColumnValues>): Uint8Array {
  return tableToIPC(buildTable(columns), 'stream');
}

export const utf8Col = (values: (string | null)[]): ColumnValues => ({ type: 'utf8', values });
export const f64Col = (values: (number | null)[]): ColumnValues => ({ type: 'float64', values });
export const i32Col = (values: (number | null)[]): ColumnValues => ({ type: 'int32', values });
export const boolCol = (values: (boolean | null)[]): ColumnValues => ({ type: 'bool', values });
