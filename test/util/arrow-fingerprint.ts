import type { Table } from 'apache-arrow';

/**
 * Schema (name, Arrow type, nullability) and every value, doubles by their bits: what two engines must agree on for
 * their results to be the same. The bytes under a null slot are left out (engines leave different bytes there).
 */
export function fingerprint(t: Table): string {
  const bits = new Float64Array(1);
  const ints = new BigUint64Array(bits.buffer);
  const fields = t.schema.fields.map((f) => `${f.name}:${String(f.type)}:${f.nullable}`);
  const rows = t.toArray().map((r) => JSON.stringify(r.toJSON(), (_k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'number') {
      bits[0] = v;
      return `f${ints[0].toString(16)}`;
    }
    return v;
  }));
  return JSON.stringify({ fields, rows });
}
