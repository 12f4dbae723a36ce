import { describe, expect, it } from 'vitest';
import { Field, Float64, makeData, RecordBatch, Schema, Struct, Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { decodeIpcInSlices } from '../../../renderer/db/decode-ipc';

/** A table of `batches` record batches of `rows` rows (i, area, name), as DuckDB sends a large result. */
function batchedTable(batches: number, rows: number): Table {
  const parts = Array.from({ length: batches }, (_, b) =>
    new Table({
      i: vectorFromArray(Int32Array.from({ length: rows }, (_, k) => b * rows + k)),
      area: vectorFromArray(Float64Array.from({ length: rows }, (_, k) => (b * rows + k) / 7)),
      // Plain UTF-8, not dictionary-encoded (DuckDB's VARCHAR): one schema for every batch.
      name: vectorFromArray(Array.from({ length: rows }, (_, k) => `S-${b * rows + k}`), new Utf8()),
    }).batches[0],
  );
  return new Table(parts);
}

describe('decodeIpcInSlices', () => {
  it('gives the same table as tableFromIPC for a result of many record batches', async () => {
    const bytes = tableToIPC(batchedTable(40, 250), 'stream');
    const ours = await decodeIpcInSlices(bytes);
    const theirs = tableFromIPC(bytes);
    expect(ours.numRows).toBe(10_000);
    expect(ours.batches.length).toBe(theirs.batches.length);
    expect(ours.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(theirs.schema.fields.map((f) => `${f.name}:${f.type}`));
    expect(Array.from(ours.getChild('i')!.toArray() as Int32Array)).toEqual(Array.from(theirs.getChild('i')!.toArray() as Int32Array));
    expect(ours.getChild('area')!.get(9_999)).toBe(9_999 / 7);
    expect(ours.getChild('name')!.get(5_001)).toBe('S-5001');
  });

  it('keeps the columns of an empty result', async () => {
    const schema = new Schema([new Field('sample_id', new Utf8(), true), new Field('share_area', new Float64(), true)]);
    const empty = new Table([new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 0, nullCount: 0, children: [makeData({ type: new Utf8(), length: 0 }), makeData({ type: new Float64(), length: 0 })] }))]);
    const decoded = await decodeIpcInSlices(tableToIPC(empty, 'stream'));
    expect(decoded.numRows).toBe(0);
    expect(decoded.schema.fields.map((f) => f.name)).toEqual(['sample_id', 'share_area']);
    expect(decoded.getChild('share_area')).not.toBeNull();
  });

  it('lets other tasks run between slices when a slice has taken its time', async () => {
    const bytes = tableToIPC(batchedTable(10, 10), 'stream');
    let clock = 0;
    let ran = false;
    setTimeout(() => (ran = true), 0);
    // Each reading of the clock advances it by a slice: every batch ends a slice.
    const decoded = decodeIpcInSlices(bytes, 8, () => (clock += 8));
    const table = await decoded;
    expect(ran).toBe(true);
    expect(table.numRows).toBe(100);
  });

  it('decodes in one task when the slices do not run out', async () => {
    const bytes = tableToIPC(batchedTable(10, 10), 'stream');
    let ran = false;
    setTimeout(() => (ran = true), 0);
    const table = await decodeIpcInSlices(bytes, 8, () => 0);
    expect(ran).toBe(false);
    expect(table.numRows).toBe(100);
  });
});
