import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { boolCol, buildIPC, f64Col, i32Col, utf8Col, utf8Vector } from '../../../shared/db/arrow-build';
import { openNodeDatabase } from '../../../node/db/node-database';

describe('arrow-build', () => {
  it('round-trips values and nulls through IPC and DuckDB, with types kept for empty columns', async () => {
    const bytes = buildIPC({
      s: utf8Col(['Montréal', null, '', '<b>']),
      f: f64Col([1.5, null, -0, 1e300]),
      i: i32Col([1, 2, null, -7]),
      b: boolCol([true, false, null, true]),
    });
    const t = tableFromIPC(bytes);
    expect(t.getChild('s')!.toArray()).toEqual(['Montréal', null, '', '<b>']);
    expect([...t.getChild('f')!]).toEqual([1.5, null, -0, 1e300]);
    expect([...t.getChild('i')!]).toEqual([1, 2, null, -7]);
    expect([...t.getChild('b')!]).toEqual([true, false, null, true]);

    const db = await openNodeDatabase();
    await db.insertArrowIPC('t', bytes, 'create');
    await db.insertArrowIPC('e', buildIPC({ s: utf8Col([]), f: f64Col([]) }), 'create');
    const types = (await db.query(`SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_name IN ('t','e') ORDER BY ALL`)).toArray().map((r) => `${r.table_name}.${r.column_name}:${r.data_type}`);
    expect(types).toEqual(['e.f:DOUBLE', 'e.s:VARCHAR', 't.b:BOOLEAN', 't.f:DOUBLE', 't.i:INTEGER', 't.s:VARCHAR']);
    expect(Number((await db.query(`SELECT count(*) AS n FROM t WHERE s IS NULL AND f IS NULL`)).getChild('n')!.get(0))).toBe(1);
    await db.close();
  });

  it('writes each string as its own UTF-8 bytes, end to end, in ASCII and other text (lone surrogates apart)', () => {
    const encoder = new TextEncoder();
    const cases: (string | null)[][] = [
      ['BX-000001', 'BX-000002', null, '', '2025-03-04'],
      ['Montréal', null, 'Québec', '', '東京', '😀 ok', 'poudre'],
      // A lone high surrogate then a lone low one: each is U+FFFD alone, and must not join into one character.
      ['a\ud83d', '\ude00b', 'c'],
      [],
    ];
    for (const values of cases) {
      const v = utf8Vector(values);
      const data = v.data[0];
      const expected = values.map((s) => encoder.encode(s ?? ''));
      const offsets = [0];
      for (const e of expected) offsets.push(offsets[offsets.length - 1] + e.length);
      expect([...data.valueOffsets]).toEqual(offsets);
      expect([...data.values.subarray(0, offsets[offsets.length - 1])]).toEqual(expected.flatMap((e) => [...e]));
      expect(v.toArray()).toEqual(values.map((s) => (s === null ? null : new TextDecoder().decode(encoder.encode(s)))));
    }
  });

  it('needs no code generation (the app forbids eval through its CSP)', async () => {
    const original = globalThis.Function;
    globalThis.Function = new Proxy(original, { construct: () => { throw new EvalError('code generation from strings disallowed'); } });
    try {
      expect(() => buildIPC({ s: utf8Col(['a', null]), b: boolCol([null]) })).not.toThrow();
    } finally {
      globalThis.Function = original;
    }
  });
});
