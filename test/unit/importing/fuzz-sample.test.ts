/**
 * A small sample of the import fuzz run (`npm run bench -- fuzz` runs 320 files): mutated sample files and malformed
 * workbooks, each imported into a real workspace; every one is imported or refused with clear, located problems,
 * none throws, and a refusal leaves every file of the workspace as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fuzzFiles } from '../../../samples/generator/mutations';
import { FuzzWorkspace, fuzzOne, type FuzzResult } from '../../util/fuzz-import';

const FILES = fuzzFiles(path.resolve(__dirname, '../../../samples'), 36, 7);
const w = new FuzzWorkspace();
const results: FuzzResult[] = [];

beforeAll(async () => {
  await w.fresh();
  for (const f of FILES) results.push(await fuzzOne(w, f));
}, 600_000);
afterAll(() => w.close());

describe('import fuzz sample', () => {
  it('tries 36 files, with every kind of malformed workbook among them', () => {
    expect(results).toHaveLength(36);
    expect(new Set(results.map((r) => r.mutation)).size).toBeGreaterThan(15);
    expect(results.filter((r) => r.status === 'refused').length).toBeGreaterThan(20);
  });

  it('throws no unexpected error', () => {
    expect(results.filter((r) => r.status === 'unexpected-error').map((r) => `${r.name}: ${r.error}`)).toEqual([]);
  });

  it('gives only clear, located problems', () => {
    expect(results.filter((r) => r.unclear.length).map((r) => `${r.name}: ${r.unclear.join('; ')}`)).toEqual([]);
  });

  it('changes no file of the workspace on refusal', () => {
    expect(results.filter((r) => r.status !== 'imported' && r.changed.length).map((r) => `${r.name}: ${r.changed.join(', ')}`)).toEqual([]);
  });
});
