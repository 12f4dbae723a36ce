/**
 * Native DuckDB results as apache-arrow tables with the types duckdb-wasm 1.32 gives for the same query (its Arrow
 * export: HUGEINT and DECIMAL as Decimal128, UUID as text, ENUM as a dictionary, TIMESTAMP WITH TIME ZONE as UTC
 * microseconds, every field nullable), so that the code above the Database interface cannot tell the hosts apart.
 *
 * Written by hand because @duckdb/node-api has no Arrow export in its 1.4 line (the C API's Arrow functions are not
 * bound) and the Arrow extension is not in DuckDB's core. test/unit/db/native-parity.test.ts runs the same statements
 * through both engines and compares schemas and values.
 */
import {
  DuckDBTypeId,
  type DuckDBArrayType,
  type DuckDBDataChunk,
  type DuckDBDecimalType,
  type DuckDBEnumType,
  type DuckDBListType,
  type DuckDBMapType,
  type DuckDBMaterializedResult,
  type DuckDBStructType,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  Binary,
  Bool,
  DateDay,
  Decimal,
  Dictionary,
  Field,
  FixedSizeList,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  Interval,
  IntervalUnit,
  List,
  Map_,
  Schema,
  Struct,
  Table,
  Time,
  TimeUnit,
  Timestamp,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  makeData,
  makeVector,
  RecordBatch,
  type Data,
  type DataType,
} from 'apache-arrow';

/** The Arrow type duckdb-wasm 1.32 exports for a DuckDB type. */
export function arrowTypeOf(t: DuckDBType): DataType {
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new Bool();
    case DuckDBTypeId.TINYINT:
      return new Int8();
    case DuckDBTypeId.SMALLINT:
      return new Int16();
    case DuckDBTypeId.INTEGER:
      return new Int32();
    case DuckDBTypeId.BIGINT:
      return new Int64();
    case DuckDBTypeId.UTINYINT:
      return new Uint8();
    case DuckDBTypeId.USMALLINT:
      return new Uint16();
    case DuckDBTypeId.UINTEGER:
      return new Uint32();
    case DuckDBTypeId.UBIGINT:
      return new Uint64();
    case DuckDBTypeId.FLOAT:
      return new Float32();
    case DuckDBTypeId.DOUBLE:
      return new Float64();
    case DuckDBTypeId.HUGEINT:
      return new Decimal(0, 38, 128);
    case DuckDBTypeId.DECIMAL: {
      const d = t as DuckDBDecimalType;
      return new Decimal(d.scale, d.width, 128);
    }
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.UUID:
      return new Utf8();
    case DuckDBTypeId.BLOB:
      return new Binary();
    case DuckDBTypeId.DATE:
      return new DateDay();
    case DuckDBTypeId.TIME:
      return new Time(TimeUnit.MICROSECOND, 64);
    case DuckDBTypeId.TIMESTAMP:
      return new Timestamp(TimeUnit.MICROSECOND);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new Timestamp(TimeUnit.MICROSECOND, 'UTC');
    case DuckDBTypeId.INTERVAL:
      return new Interval(IntervalUnit.MONTH_DAY_NANO);
    case DuckDBTypeId.ENUM: {
      const size = (t as DuckDBEnumType).values.length;
      return new Dictionary(new Utf8(), size <= 0xff ? new Uint8() : size <= 0xffff ? new Uint16() : new Uint32());
    }
    case DuckDBTypeId.LIST:
      return new List(new Field('l', arrowTypeOf((t as DuckDBListType).valueType), true));
    case DuckDBTypeId.ARRAY: {
      const a = t as DuckDBArrayType;
      return new FixedSizeList(a.length, new Field('l', arrowTypeOf(a.valueType), true));
    }
    case DuckDBTypeId.STRUCT:
      return new Struct((t as DuckDBStructType).entryNames.map((name, i) => new Field(name, arrowTypeOf((t as DuckDBStructType).entryTypes[i]), true)));
    case DuckDBTypeId.MAP: {
      const m = t as DuckDBMapType;
      const entry = new Struct([new Field('key', arrowTypeOf(m.keyType), false), new Field('value', arrowTypeOf(m.valueType), true)]);
      return new Map_(new Field('entries', entry, false));
    }
    default:
      throw new Error(`the workbench cannot return DuckDB type ${t.toString()} as Arrow; cast it (for example to VARCHAR)`);
  }
}

const encoder = new TextEncoder();

function validity(values: readonly unknown[]): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  const bits = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null) nullCount++;
    else bits[i >> 3] |= 1 << (i & 7);
  }
  return { nullBitmap: nullCount ? bits : undefined, nullCount };
}

/** Two's complement little-endian 128-bit words of a bigint, at word offset o. */
function putInt128(out: Uint32Array, o: number, v: bigint): void {
  let x = BigInt.asUintN(128, v);
  for (let w = 0; w < 4; w++) {
    out[o + w] = Number(x & 0xffffffffn);
    x >>= 32n;
  }
}

type Values = readonly DuckDBValue[];

function utf8Data(type: DataType, values: readonly (string | null)[]): Data {
  const parts = values.map((v) => (v === null ? null : encoder.encode(v)));
  const valueOffsets = new Int32Array(values.length + 1);
  for (let i = 0; i < parts.length; i++) valueOffsets[i + 1] = valueOffsets[i] + (parts[i]?.length ?? 0);
  const data = new Uint8Array(valueOffsets[values.length]);
  parts.forEach((p, i) => p && data.set(p, valueOffsets[i]));
  return makeData({ type, length: values.length, valueOffsets, data, ...validity(values) } as never);
}

/** Arrow data of one column's values (DuckDB values as @duckdb/node-api returns them). O(values). */
export function arrowData(t: DuckDBType, values: Values): Data {
  const type = arrowTypeOf(t);
  const n = values.length;
  const v = validity(values);
  const num = <A extends { length: number; [i: number]: number | bigint }>(make: (n: number) => A, map: (x: DuckDBValue) => number | bigint = (x) => x as number) => {
    const data = make(n);
    for (let i = 0; i < n; i++) if (values[i] !== null) data[i] = map(values[i]);
    return makeData({ type, length: n, data, ...v } as never);
  };
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN: {
      const data = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (values[i] === true) data[i >> 3] |= 1 << (i & 7);
      return makeData({ type: type as Bool, length: n, data, ...v });
    }
    case DuckDBTypeId.TINYINT:
      return num((k) => new Int8Array(k));
    case DuckDBTypeId.SMALLINT:
      return num((k) => new Int16Array(k));
    case DuckDBTypeId.INTEGER:
      return num((k) => new Int32Array(k));
    case DuckDBTypeId.UTINYINT:
      return num((k) => new Uint8Array(k));
    case DuckDBTypeId.USMALLINT:
      return num((k) => new Uint16Array(k));
    case DuckDBTypeId.UINTEGER:
      return num((k) => new Uint32Array(k));
    case DuckDBTypeId.BIGINT:
      return num((k) => new BigInt64Array(k), (x) => x as bigint);
    case DuckDBTypeId.UBIGINT:
      return num((k) => new BigUint64Array(k), (x) => x as bigint);
    case DuckDBTypeId.FLOAT:
      return num((k) => new Float32Array(k));
    case DuckDBTypeId.DOUBLE:
      return num((k) => new Float64Array(k));
    case DuckDBTypeId.DATE:
      return num((k) => new Int32Array(k), (x) => (x as { days: number }).days);
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return num((k) => new BigInt64Array(k), (x) => (x as { micros: bigint }).micros);
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.DECIMAL: {
      const data = new Uint32Array(n * 4);
      for (let i = 0; i < n; i++) {
        const x = values[i];
        if (x !== null) putInt128(data, i * 4, typeof x === 'bigint' ? x : (x as { value: bigint }).value);
      }
      return makeData({ type: type as Decimal, length: n, data, ...v });
    }
    case DuckDBTypeId.INTERVAL: {
      const data = new Int32Array(n * 4);
      const view = new DataView(data.buffer);
      for (let i = 0; i < n; i++) {
        const x = values[i] as { months: number; days: number; micros: bigint } | null;
        if (x === null) continue;
        data[i * 4] = x.months;
        data[i * 4 + 1] = x.days;
        view.setBigInt64(i * 16 + 8, x.micros * 1000n, true);
      }
      return makeData({ type: type as Interval, length: n, data, ...v });
    }
    case DuckDBTypeId.VARCHAR:
      return utf8Data(type, values as (string | null)[]);
    case DuckDBTypeId.UUID:
      return utf8Data(type, values.map((x) => (x === null ? null : String(x))));
    case DuckDBTypeId.BLOB: {
      const parts = values.map((x) => (x === null ? null : (x as { bytes: Uint8Array }).bytes));
      const valueOffsets = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) valueOffsets[i + 1] = valueOffsets[i] + (parts[i]?.length ?? 0);
      const data = new Uint8Array(valueOffsets[n]);
      parts.forEach((p, i) => p && data.set(p, valueOffsets[i]));
      return makeData({ type: type as Binary, length: n, valueOffsets, data, ...v });
    }
    case DuckDBTypeId.ENUM: {
      const dictValues = (t as DuckDBEnumType).values;
      const index = new Map(dictValues.map((s, i) => [s, i]));
      const dt = type as Dictionary;
      const data = dt.indices.bitWidth === 8 ? new Uint8Array(n) : dt.indices.bitWidth === 16 ? new Uint16Array(n) : new Uint32Array(n);
      for (let i = 0; i < n; i++) if (values[i] !== null) data[i] = index.get(values[i] as string) ?? 0;
      return makeData({ type: dt, length: n, data, dictionary: makeVector(utf8Data(new Utf8(), dictValues)), ...v } as never);
    }
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const child = (t as DuckDBListType | DuckDBArrayType).valueType;
      const items: DuckDBValue[] = [];
      const valueOffsets = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) {
        const x = values[i] as { items: readonly DuckDBValue[] } | null;
        if (x !== null) items.push(...x.items);
        else if (t.typeId === DuckDBTypeId.ARRAY) for (let k = 0; k < (t as DuckDBArrayType).length; k++) items.push(null);
        valueOffsets[i + 1] = items.length;
      }
      const childData = arrowData(child, items);
      if (t.typeId === DuckDBTypeId.ARRAY) return makeData({ type: type as FixedSizeList, length: n, child: childData, ...v });
      return makeData({ type: type as List, length: n, valueOffsets, child: childData, ...v });
    }
    case DuckDBTypeId.STRUCT: {
      const s = t as DuckDBStructType;
      const children = s.entryNames.map((name, k) => arrowData(s.entryTypes[k], values.map((x) => (x === null ? null : ((x as { entries: Record<string, DuckDBValue> }).entries[name] ?? null)))));
      return makeData({ type: type as Struct, length: n, children, ...v });
    }
    case DuckDBTypeId.MAP: {
      const m = t as DuckDBMapType;
      const keys: DuckDBValue[] = [];
      const vals: DuckDBValue[] = [];
      const valueOffsets = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) {
        const x = values[i] as { entries: { key: DuckDBValue; value: DuckDBValue }[] } | null;
        for (const e of x?.entries ?? []) {
          keys.push(e.key);
          vals.push(e.value);
        }
        valueOffsets[i + 1] = keys.length;
      }
      const entryType = (type as Map_).children[0].type as Struct;
      const entries = makeData({ type: entryType, length: keys.length, nullCount: 0, children: [arrowData(m.keyType, keys), arrowData(m.valueType, vals)] });
      return makeData({ type: type as Map_, length: n, valueOffsets, child: entries, ...v });
    }
    default:
      throw new Error(`the workbench cannot return DuckDB type ${t.toString()} as Arrow; cast it (for example to VARCHAR)`);
  }
}

/** A whole materialised result as one Arrow table (one record batch), columns in the result's order. O(cells). */
export async function resultToTable(result: DuckDBMaterializedResult): Promise<Table> {
  const names = result.columnNames();
  const types = result.columnTypes();
  const chunks: DuckDBDataChunk[] = await result.fetchAllChunks();
  let rows = 0;
  for (const c of chunks) rows += c.rowCount;
  const children = types.map((t, col) => {
    const values: DuckDBValue[] = new Array(rows);
    let at = 0;
    for (const c of chunks) c.visitColumnValues(col, (value) => void (values[at++] = value));
    return arrowData(t, values);
  });
  const schema = new Schema(names.map((name, i) => new Field(name, children[i].type, true)));
  const data = makeData({ type: new Struct(schema.fields), length: rows, nullCount: 0, children });
  return new Table(schema, [new RecordBatch(schema, data)]);
}
