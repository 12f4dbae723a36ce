/**
 * One dialect, identical results: the native engine of the Node hosts and the app's duckdb-wasm answer the same
 * statements with the same Arrow schemas and the same values, to the last bit of every double.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNativeDatabase } from '../../../../node/db/native-database';
import { openNodeDatabase } from '../../../../node/db/node-database';
import type { Database } from '../../../../shared/db/Database';
import { openInDatabase } from '../../../../shared/db/workspace-views';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../../shared/domain/default-compounds';
import { loadSignatures } from '../../../../shared/analysis/signature-query';
import { makeWorkspace } from '../../analysis/make-workspace';
import { tempDir } from '../../../util/temp-dir';
import { fingerprint } from '../../../util/arrow-fingerprint';

const TYPES = `SELECT true AS b, 1::TINYINT AS ti, 2::SMALLINT AS si, 3 AS i, 4::BIGINT AS bi, 5::HUGEINT AS hi, sum(7) AS s, count(*) AS n,
  1.5 AS dec, 1.5::DOUBLE AS d, 1.5::FLOAT AS f, 'x' AS v, DATE '2024-01-02' AS dt, TIMESTAMP '2024-01-02 03:04:05.123456' AS ts,
  TIMESTAMPTZ '2024-01-02 03:04:05+02' AS tz, [1, 2] AS l, ['a', NULL] AS ls, {'a': 1, 'b': 'x'} AS st, INTERVAL 1 DAY AS iv,
  '00:01:02'::TIME AS tm, 'ab'::BLOB AS bl, 7::UBIGINT AS ub, 8::UINTEGER AS ui, '767c3a1e-f2fd-4da4-b98e-603489aea4d4'::UUID AS u,
  'y'::ENUM('x', 'y') AS e, -123.456::DECIMAL(18, 3) AS d18, 1::DECIMAL(38, 2) AS d38, [1.5, 2]::DOUBLE[2] AS arr, MAP {'k': 1} AS mp,
  NULL::VARCHAR AS nv, -170141183460469231731687303715884105727::HUGEINT AS hmin`;

// A workstation far from Greenwich: results must not depend on it.
process.env.TZ = 'America/Vancouver';

describe('native DuckDB against duckdb-wasm', () => {
  const t = tempDir();
  let wasm: Database;
  let native: Database;

  beforeAll(async () => {
    const { ws } = await makeWorkspace(t.dir, { sources: 8, seed: 5 });
    wasm = await openNodeDatabase();
    native = await openNativeDatabase();
    await openInDatabase(wasm, ws, DEFAULT_COMPOUND_DICTIONARY);
    await openInDatabase(native, ws, DEFAULT_COMPOUND_DICTIONARY);
  }, 60_000);
  afterAll(async () => {
    await wasm.close();
    await native.close();
    t.cleanup();
  });

  it('runs the same DuckDB build', async () => {
    const v = 'SELECT version() AS v, (SELECT source_id FROM pragma_version()) AS id';
    expect(fingerprint(await native.query(v))).toBe(fingerprint(await wasm.query(v)));
  });

  it('returns every SQL type with the Arrow type and value duckdb-wasm gives', async () => {
    expect(fingerprint(await native.query(TYPES))).toBe(fingerprint(await wasm.query(TYPES)));
  });

  it.each([
    'SELECT * FROM samples ORDER BY sample_id',
    'SELECT * FROM measurements ORDER BY sample_id, compound',
    'SELECT * FROM batches',
    'SELECT * FROM compounds ORDER BY compound',
    // Aggregates of doubles: the order of additions decides the last bits (single-threaded in both engines).
    'SELECT region, sum(area) AS s, avg(ln(area)) AS m, stddev_samp(area) AS sd FROM measurements JOIN samples USING (sample_id) GROUP BY ALL ORDER BY region',
    // In the analyst's time zone, not UTC: the native build carries ICU and would read TZ (set below) without its setting.
    // (Time-zone arithmetic needs ICU, which only the native build has: duckdb-wasm refuses or stalls on it, so the
    // workbench's own SQL uses none; docs/LINKING.md.)
    "SELECT CAST(TIMESTAMPTZ '2024-01-02 03:04:05+02' AS VARCHAR) AS s, CAST(imported_at AS VARCHAR) AS i FROM batches",
    "SELECT strftime(seized_on, '%d %B %Y') AS d, date_trunc('month', seized_on) AS m, now() > TIMESTAMP '2020-01-01' AS later FROM samples ORDER BY sample_id LIMIT 5",
  ])('answers %s identically over a workspace', async (sql) => {
    expect(fingerprint(await native.query(sql))).toBe(fingerprint(await wasm.query(sql)));
  });

  it('loads the same signature matrix, bit for bit', async () => {
    const a = await loadSignatures(wasm);
    const b = await loadSignatures(native);
    expect(b.matrix.sampleIds).toEqual(a.matrix.sampleIds);
    expect(Buffer.from(b.matrix.values.buffer).equals(Buffer.from(a.matrix.values.buffer))).toBe(true);
    expect(b.facts).toEqual(a.facts);
  });

  it('refuses a bad statement with DuckDB\'s own message, as the app shows it', async () => {
    await expect(native.query('SELECT * FROM no_such_table')).rejects.toThrow(/Table with name no_such_table does not exist/);
    await expect(wasm.query('SELECT * FROM no_such_table')).rejects.toThrow(/Table with name no_such_table does not exist/);
  });
});
