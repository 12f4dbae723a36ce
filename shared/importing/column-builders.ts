/**
 * Growable typed columns that become Arrow vectors without a per-value copy: text as dictionary-encoded
 * UTF-8 (sample ids, compounds, units repeat a lot), numbers as Float64Array with NaN for null, dates as
 * Int32 day numbers, flags as bytes. `finish` can drop rows (the refused rows of a partial import).
 * Each column owns its buffers: Arrow columns that share a buffer crash duckdb-wasm's IPC reader.
 */
import type { RowView } from './row-source';
import { Bool, DateDay, Dictionary, Float64, Int16, Int32, Int8, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';
// vectorFromArray compiles code with new Function, which the app's CSP forbids: build Utf8 by hand.
import { utf8Vector } from '../db/arrow-build';

/**
 * A copy of a string that does not keep its source alive: V8 makes a slice of 13 characters or more a view
 * into the parent, so one sample id kept from a 500 MB text would keep the whole text. O(length).
 */
export function detach(s: string): string {
  return s.length >= 13 ? (' ' + s).slice(1) : s;
}

/** Rows to keep (1) or drop (0), and how many are kept; null keeps all. */
export interface KeepMask {
  keep: Uint8Array;
  kept: number;
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

/** The validity bitmap of values equal to `nullValue` (NaN for doubles), or null when there is none. O(n). */
function validity(d: Int32Array | Float64Array | Uint8Array, nullValue: number): { bitmap: Uint8Array | null; nullCount: number } {
  const n = d.length;
  let nullCount = 0;
  const isNaNNull = Number.isNaN(nullValue);
  for (let i = 0; i < n; i++) if (isNaNNull ? d[i] !== d[i] : d[i] === nullValue) nullCount++;
  if (nullCount === 0) return { bitmap: null, nullCount };
  const bitmap = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (!(isNaNNull ? d[i] !== d[i] : d[i] === nullValue)) bitmap[i >> 3] |= 1 << (i & 7);
  return { bitmap, nullCount };
}

/** The rows kept; without a mask, a view of the filled part (the builder is done with its buffer). */
function compact<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number, mask: KeepMask | null): T {
  if (!mask) return a.subarray(0, n) as T;
  const out = new (a.constructor as new (n: number) => T)(mask.kept);
  let j = 0;
  for (let i = 0; i < n; i++) if (mask.keep[i]) out[j++] = a[i];
  return out;
}

/** Text, dictionary-encoded; null for missing. */
export class TextColumn {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  indices = new Int32Array(1024);
  length = 0;
  private last: string | null = null;
  private lastId = -1;

  /** Appends a value (null for missing); returns its dictionary id (-1 for null). O(1); repeats of the previous value skip the hash. */
  add(v: string | null): number {
    if (this.length === this.indices.length) this.indices = grow(this.indices, this.length + 1);
    let id = -1;
    if (v !== null && v === this.last) id = this.lastId;
    else if (v !== null) {
      id = this.ids.get(v) ?? -1;
      if (id < 0) {
        id = this.values.length;
        const own = detach(v);
        this.ids.set(own, id);
        this.values.push(own);
      }
      this.last = this.values[id];
      this.lastId = id;
    }
    this.indices[this.length++] = id;
    return id;
  }

  /** Appends field i of a row (trimmed; blank is null), comparing with the previous value before slicing. */
  addFrom(row: RowView, i: number): number {
    if (i < 0) return this.add(null);
    if (this.last !== null && row.equals(i, this.last)) {
      if (this.length === this.indices.length) this.indices = grow(this.indices, this.length + 1);
      this.indices[this.length++] = this.lastId;
      return this.lastId;
    }
    return this.add(row.empty(i) ? null : row.text(i));
  }

  /** Dictionary-encoded with the narrowest index type that fits (Int8, Int16, Int32): smaller files, faster loads. */
  finish(mask: KeepMask | null): Vector {
    const idx = compact(this.indices, this.length, mask);
    const { bitmap, nullCount } = validity(idx, -1);
    const dictionary = utf8Vector(this.values.length ? this.values : ['']);
    const n = idx.length;
    const common = { length: n, nullCount, nullBitmap: bitmap, dictionary };
    if (this.values.length <= 127) {
      const data = new Int8Array(n);
      for (let i = 0; i < n; i++) data[i] = idx[i] < 0 ? 0 : idx[i];
      return makeVector(makeData({ type: new Dictionary(new Utf8(), new Int8()), data, ...common }));
    }
    if (this.values.length <= 32767) {
      const data = new Int16Array(n);
      for (let i = 0; i < n; i++) data[i] = idx[i] < 0 ? 0 : idx[i];
      return makeVector(makeData({ type: new Dictionary(new Utf8(), new Int16()), data, ...common }));
    }
    const data = mask ? idx : idx.slice();
    for (let i = 0; i < n; i++) if (data[i] < 0) data[i] = 0;
    return makeVector(makeData({ type: new Dictionary(new Utf8(), new Int32()), data, ...common }));
  }
}

/** Doubles; NaN stands for null (the import never keeps a NaN value). */
export class NumberColumn {
  data = new Float64Array(1024);
  length = 0;

  add(v: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.length + 1);
    this.data[this.length++] = v;
  }

  finish(mask: KeepMask | null): Vector {
    const d = compact(this.data, this.length, mask);
    const { bitmap, nullCount } = validity(d, NaN);
    return makeVector(makeData({ type: new Float64(), length: d.length, nullCount, nullBitmap: bitmap, data: d }));
  }
}

/** 32-bit integers (line numbers) or, with `date`, day numbers; NaN input stands for null. */
export class IntColumn {
  static readonly NULL = -2147483648;
  data = new Int32Array(1024);
  length = 0;

  constructor(private readonly date = false) {}

  add(v: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.length + 1);
    this.data[this.length++] = Number.isNaN(v) ? IntColumn.NULL : v;
  }

  finish(mask: KeepMask | null): Vector {
    const d = compact(this.data, this.length, mask);
    const { bitmap: nullBitmap, nullCount } = validity(d, IntColumn.NULL);
    if (this.date) return makeVector(makeData({ type: new DateDay(), length: d.length, nullCount, nullBitmap, data: d }));
    return makeVector(makeData({ type: new Int32(), length: d.length, nullCount, nullBitmap, data: d }));
  }
}

/** Booleans; 2 stands for null. */
export class FlagColumn {
  data = new Uint8Array(1024);
  length = 0;

  add(v: boolean | null): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.length + 1);
    this.data[this.length++] = v === null ? 2 : v ? 1 : 0;
  }

  finish(mask: KeepMask | null): Vector {
    const d = compact(this.data, this.length, mask);
    const bits = new Uint8Array((d.length + 7) >> 3);
    for (let i = 0; i < d.length; i++) if (d[i] === 1) bits[i >> 3] |= 1 << (i & 7);
    const { bitmap, nullCount } = validity(d, 2);
    return makeVector(makeData({ type: new Bool(), length: d.length, nullCount, nullBitmap: bitmap, data: bits }));
  }
}

/** A text column that holds one value on every row (the batch id). */
export function constantText(value: string, length: number): Vector {
  return makeVector(makeData({ type: new Dictionary(new Utf8(), new Int8()), length, nullCount: 0, data: new Int8Array(length), dictionary: utf8Vector([value]) }));
}
