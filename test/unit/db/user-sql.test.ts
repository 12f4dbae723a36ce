/**
 * User SQL attacked as a lab's security officer would (issue 14): statements of every kind that is not a plain
 * read, and injection payloads that hide one behind a read, each refused by the engine or harmless, with every
 * file of the workspace and of a canary folder hashed before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openNodeDatabase } from '../../../node/db/node-database';
import { runUserSql, runUserSqlCapped, USER_SQL_DEFAULTS, UserSqlError } from '../../../shared/db/user-sql';
import { columnNames, plainRows } from '../../../shared/db/arrow-values';
import { runCli } from '../../util/run-cli';
import { openWorkspace, openWorkspaceDatabase } from '../../../cli/context';
import { openInDatabase } from '../../../shared/db/workspace-views';
import { loadDictionary } from '../../../shared/domain/workspace-dictionary';
import { snapshotTree, tempDir } from '../../util/temp-dir';
import { sampleFile } from '../importing/harness';
import type { Database } from '../../../shared/db/Database';

let t: { dir: string; db: Database; snapshot: () => Record<string, string>; rows: (sql: string) => Promise<Record<string, unknown>[]> };
let canary: string;
let before: { ws: Record<string, string>; canary: Record<string, string> };
const temp = tempDir('sigwb-sql-');

beforeAll(async () => {
  const dir = path.join(temp.dir, 'ws');
  writeFileSync(path.join(temp.dir, 'gcms-impurities.csv'), sampleFile('results/gcms-impurities.csv'));
  expect((await runCli('init', dir)).code).toBe(0);
  expect((await runCli('import', '--workspace', dir, path.join(temp.dir, 'gcms-impurities.csv'))).code).toBe(0);
  // The CLI's own way to open a workspace for `sigwb query`.
  const { db } = await openWorkspaceDatabase(dir);
  t = {
    dir,
    db,
    snapshot: () => snapshotTree(dir),
    async rows(sql) {
      const table = await db.query(sql);
      return plainRows(table).map((r) => Object.fromEntries(columnNames(table).map((n, i) => [n, r[i]])));
    },
  };
  canary = path.join(temp.dir, 'canary');
  mkdirSync(canary);
  writeFileSync(path.join(canary, 'secret.csv'), 'secret\nthe lab key\n');
  before = { ws: t.snapshot(), canary: snapshotTree(canary) };
}, 60_000);

afterAll(async () => {
  await t?.db.close();
  temp.cleanup();
});

/** Runs a statement as the console does; returns 'ok' with the rows, or the UserSqlError's kind and message. */
async function attempt(sql: string): Promise<{ kind: 'ok' | UserSqlError['kind']; message: string; rows: number; ms: number }> {
  const t0 = performance.now();
  try {
    const table = await runUserSql(t.db, sql, { timeLimitSeconds: 10 });
    return { kind: 'ok', message: '', rows: table.numRows, ms: performance.now() - t0 };
  } catch (e) {
    if (!(e instanceof UserSqlError)) throw e;
    return { kind: e.kind, message: e.message, rows: 0, ms: performance.now() - t0 };
  }
}

const W = () => t.dir;
const C = () => canary;

/** Statements that are not a plain read: every one must be refused by the parser check or fail in the engine. */
const STATEMENTS: (() => string)[] = [
  () => "INSERT INTO batch_B0001 SELECT * FROM batch_B0001",
  () => 'UPDATE batch_B0001 SET area = 0',
  () => 'DELETE FROM batch_B0001',
  () => 'CREATE TABLE stolen AS SELECT * FROM samples',
  () => 'CREATE VIEW v AS SELECT 1',
  () => 'CREATE OR REPLACE VIEW samples AS SELECT 1 AS sample_id',
  () => 'DROP VIEW samples',
  () => 'DROP TABLE batch_B0001',
  () => 'ALTER TABLE batch_B0001 RENAME TO x',
  () => 'TRUNCATE batch_B0001',
  () => `COPY samples TO '${C()}/out.csv'`,
  () => `COPY (SELECT 'forged') TO '${W()}/audit.jsonl' (FORMAT csv, HEADER false)`,
  () => `COPY batch_B0001 FROM '${C()}/secret.csv'`,
  () => `EXPORT DATABASE '${C()}/dump'`,
  () => `IMPORT DATABASE '${C()}/dump'`,
  () => `ATTACH '${C()}/x.db' AS x`,
  () => "ATTACH ':memory:' AS m",
  () => 'DETACH memory',
  () => 'USE memory',
  () => 'LOAD httpfs',
  () => 'INSTALL httpfs',
  () => 'FORCE INSTALL json',
  () => 'UPDATE EXTENSIONS',
  () => 'SET enable_external_access = true',
  () => 'SET lock_configuration = false',
  () => 'RESET ALL',
  () => 'SET threads = 1',
  () => "SET memory_limit = '1TB'",
  () => 'PRAGMA enable_profiling',
  () => 'PRAGMA threads = 1',
  () => 'CALL checkpoint()',
  () => 'CHECKPOINT',
  () => 'VACUUM',
  () => 'BEGIN TRANSACTION',
  () => 'COMMIT',
  () => 'PREPARE p AS SELECT 1',
  () => 'EXECUTE p',
  () => 'CREATE MACRO m(x) AS x + 1',
  () => 'CREATE SEQUENCE s',
  () => "CREATE SECRET (TYPE s3, KEY_ID 'k', SECRET 's')",
  () => 'SET VARIABLE v = 1',
  () => `EXPLAIN ANALYZE COPY samples TO '${C()}/out.csv'`,
  () => `SELECT * FROM read_text('/etc/passwd')`,
  () => `SELECT * FROM read_csv('${C()}/secret.csv')`,
  () => `SELECT * FROM read_blob('${W()}/workspace.json')`,
  () => `SELECT * FROM glob('/etc/*')`,
  () => `SELECT * FROM read_parquet('${C()}/x.parquet')`,
  () => `SELECT * FROM sniff_csv('${C()}/secret.csv')`,
];

/** Injection payloads: a statement hidden behind, inside or around a read. */
const PAYLOADS: (() => string)[] = [
  () => `SELECT $$'$$; COPY samples TO '${C()}/out.csv'`,
  () => `SELECT $tag$ ' ; $tag$ AS x; COPY samples TO '${C()}/out.csv'`,
  () => `SELECT E'\\''; COPY samples TO '${C()}/out.csv'`,
  () => `SELECT * FROM "read_blob"('/etc/shadow')`,
  () => `SELECT * FROM "read_text"('/etc/passwd')`,
  () => `SELECT * FROM '/etc/passwd'`,
  () => `FROM '${C()}/secret.csv'`,
  () => `SELECT * FROM '${W()}/workspace.json'`,
  () => `SELECT 1; COPY (SELECT 'forged') TO '${W()}/audit.jsonl'`,
  () => `SELECT 1; EXPORT DATABASE '${C()}/dump'`,
  () => `SELECT 1; ATTACH '${C()}/x.db' AS x; CREATE TABLE x.t AS FROM measurements`,
  () => `SELECT 1; LOAD 'https://example.invalid/httpfs.duckdb_extension'`,
  () => 'SELECT 1 /* ; */ ; DROP VIEW samples',
  () => 'SELECT 1 --\n; DROP VIEW samples',
  () => 'SELECT 1); DROP VIEW samples; SELECT (1',
  () => 'WITH x AS (SELECT 1) INSERT INTO batch_B0001 SELECT * FROM batch_B0001',
  () => `SELECT * FROM (COPY samples TO '${C()}/out.csv')`,
  () => `SELECT * FROM query('COPY samples TO ''${C()}/out.csv''')`,
  () => `SELECT * FROM query('SELECT * FROM read_text(''/etc/passwd'')')`,
  () => `DESCRIBE SELECT * FROM read_text('/etc/passwd')`,
  () => `SUMMARIZE SELECT * FROM read_csv('${C()}/secret.csv')`,
  () => `SELECT * FROM read_text(['/etc/passwd', '${C()}/secret.csv'])`,
  () => 'SELECT 1\u037e DROP VIEW samples',
  () => 'SELECT 1;\u00a0DROP VIEW samples',
  () => `SELECT 1; SET enable_external_access = true; SELECT * FROM read_text('/etc/passwd')`,
];

/** Reads that must work: the console is for reading, and refusing these would be a different failure. */
const HARMLESS = [
  'SELECT count(*) AS n FROM samples',
  'select count(*) from measurements;',
  "SELECT 'drop table x; insert' AS s",
  "SELECT $$ ; COPY x TO 'y' $$ AS s",
  'WITH x AS (SELECT 1 AS a) SELECT * FROM x',
  'FROM samples LIMIT 3',
  'DESCRIBE samples',
  'SHOW TABLES',
  'SUMMARIZE samples',
  '-- a comment\nSELECT 1',
  "SELECT current_setting('enable_external_access') AS v",
  'PIVOT measurements ON role IN (\'precursor\', \'impurity\') USING count(*) GROUP BY sample_id',
];

describe('user SQL on the confined engine', () => {
  it('has at least 40 statements and 20 injection payloads to try', () => {
    expect(STATEMENTS.length).toBeGreaterThanOrEqual(40);
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses every statement that is not a plain read, in well under a second each', async () => {
    const outcomes = [];
    for (const make of STATEMENTS) outcomes.push({ sql: make(), ...(await attempt(make())) });
    for (const o of outcomes) {
      expect(o.kind, o.sql).not.toBe('ok');
      expect(['refused', 'error'], o.sql).toContain(o.kind);
      expect(o.ms, o.sql).toBeLessThan(2000);
    }
    // A file read is stopped by the engine's own permission check, not by reading the text.
    const passwd = outcomes.find((o) => o.sql.includes("read_text('/etc/passwd')"))!;
    expect(passwd.message).toMatch(/Permission Error: .*file system operations are disabled by configuration/);
    expect(outcomes.find((o) => o.sql.startsWith('COPY samples'))!.message).toMatch(/only a reading statement .*starts with COPY/);
  });

  it('refuses every injection payload', async () => {
    for (const make of PAYLOADS) {
      const o = await attempt(make());
      expect(o.kind, make()).not.toBe('ok');
      expect(o.ms, make()).toBeLessThan(2000);
    }
  });

  it('refuses the same statements and payloads on duckdb-wasm, the engine of the app', async () => {
    const wasm = await openNodeDatabase();
    try {
      const ws = await openWorkspace(t.dir);
      await openInDatabase(wasm, ws, await loadDictionary(ws));
      for (const make of [...STATEMENTS, ...PAYLOADS]) await expect(runUserSql(wasm, make()), make()).rejects.toBeInstanceOf(UserSqlError);
      for (const sql of HARMLESS) expect((await runUserSql(wasm, sql)).numRows, sql).toBeGreaterThanOrEqual(0);
    } finally {
      await wasm.close();
    }
  });

  it('runs plain reads, with their own column names and order', async () => {
    for (const sql of HARMLESS) expect((await attempt(sql)).kind, sql).toBe('ok');
    const t1 = await runUserSql(t.db, 'SELECT sample_id, count(*) AS n FROM measurements GROUP BY ALL ORDER BY sample_id DESC LIMIT 3');
    expect(t1.schema.fields.map((f) => f.name)).toEqual(['sample_id', 'n']);
    const ids = t1.getChild('sample_id')!.toArray() as string[];
    expect([...ids].sort().reverse()).toEqual(ids);
  });

  it('keeps the first rows of a large result in the console, in the statement\'s order, and says it cut them (both engines)', async () => {
    const wasm = await openNodeDatabase();
    try {
      for (const db of [t.db, wasm]) {
        const big = await runUserSqlCapped(db, 'SELECT i AS n, i * 2 AS twice FROM range(5000000) r(i) ORDER BY i DESC');
        expect(big.more).toBe(true);
        expect(big.cap).toBe(USER_SQL_DEFAULTS.consoleRows);
        expect(big.table.numRows).toBe(10_000);
        expect(big.table.schema.fields.map((f) => f.name)).toEqual(['n', 'twice']);
        const n = Array.from(big.table.getChild('n')!.toArray() as BigInt64Array, Number);
        expect([n[0], n[9_999]]).toEqual([4_999_999, 4_990_000]);
        expect(n.every((v, i) => i === 0 || v === n[i - 1] - 1)).toBe(true);
        // Exactly the cap is not "more"; one row over is.
        expect(await runUserSqlCapped(db, 'SELECT * FROM range(7)', { cap: 7 })).toMatchObject({ more: false, table: { numRows: 7 } });
        expect(await runUserSqlCapped(db, 'SELECT * FROM range(8)', { cap: 7 })).toMatchObject({ more: true, table: { numRows: 7 } });
        // The cap does not open a way around the check: what runUserSql refuses, it refuses.
        await expect(runUserSqlCapped(db, "SELECT 1; COPY (SELECT 1) TO 'x.csv'")).rejects.toMatchObject({ kind: 'refused' });
        await expect(runUserSqlCapped(db, 'SELECT 1) UNION ALL (SELECT 2')).rejects.toBeInstanceOf(UserSqlError);
      }
    } finally {
      await wasm.close();
    }
  });

  it('left every file of the workspace and of the canary folder as it was, and the engine confined', async () => {
    expect(t.snapshot()).toEqual(before.ws);
    expect(snapshotTree(canary)).toEqual(before.canary);
    expect(readdirSync(canary)).toEqual(['secret.csv']);
    expect(existsSync(path.join(canary, 'dump'))).toBe(false);
    const s = await t.rows("SELECT current_setting('enable_external_access') AS access, current_setting('lock_configuration') AS lock");
    expect(s).toEqual([{ access: false, lock: true }]);
    expect((await t.rows('SELECT count(*) AS n FROM samples'))[0].n).toBeGreaterThan(0);
  });

  it('stops a long statement at the time limit and on Cancel, and the engine goes on answering', async () => {
    const heavy = 'SELECT count(*) FROM range(1000000000000) a';
    const t0 = performance.now();
    await expect(runUserSql(t.db, heavy, { timeLimitSeconds: 0.5 })).rejects.toMatchObject({ kind: 'time-limit', message: expect.stringContaining('time limit of 0.5 s') });
    expect(performance.now() - t0).toBeLessThan(3000);
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 300);
    await expect(runUserSql(t.db, heavy, { signal: cancel.signal })).rejects.toMatchObject({ kind: 'cancelled' });
    expect((await runUserSql(t.db, 'SELECT 42 AS x')).getChild('x')!.get(0)).toBe(42);
  });

  it('keeps buffers registered in duckdb-wasm\'s virtual file system out of reach too (the app\'s engine)', async () => {
    const wasm = await openNodeDatabase();
    try {
      await wasm.registerFile('registered.csv', new TextEncoder().encode('secret\nthe lab key\n'));
      for (const sql of ["SELECT * FROM read_csv('registered.csv')", "FROM 'registered.csv'", "SELECT * FROM read_text('registered.csv')"]) {
        await expect(runUserSql(wasm, sql), sql).rejects.toMatchObject({ kind: 'error', message: expect.stringMatching(/Permission Error: Cannot access file "registered.csv" - file system operations are disabled by configuration/) });
      }
      for (const sql of ["SELECT * FROM read_text('/etc/passwd')", `COPY (SELECT 1) TO '${canary}/x.csv'`]) await expect(runUserSql(wasm, sql), sql).rejects.toBeInstanceOf(UserSqlError);
    } finally {
      await wasm.close();
    }
  });

  it('refuses to run user SQL on an engine that is not confined', async () => {
    const open = await openNodeDatabase({ fileAccess: true });
    try {
      await expect(runUserSql(open, 'SELECT 1')).rejects.toMatchObject({ kind: 'refused', message: expect.stringContaining('not confined') });
    } finally {
      await open.close();
    }
  });
});

describe('sigwb query', () => {
  it('refuses a hidden COPY over the audit log, exit 1, and changes nothing', async () => {
    const payload = `SELECT 1; COPY (SELECT 'forged') TO '${t.dir}/audit.jsonl'`;
    const q = await runCli('query', '--workspace', t.dir, payload);
    expect(q).toMatchObject({ code: 1, out: '', err: 'sigwb query: refused: one statement at a time: DuckDB reads several here\n' });
    const r = await runCli('query', '--workspace', t.dir, "SELECT * FROM read_text('/etc/passwd')");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^sigwb query: SQL error: Permission Error/);
    expect(t.snapshot()).toEqual(before.ws);
  });

  it('stops at --time-limit with exit 1 and says how to give more', async () => {
    const q = await runCli('query', '--workspace', t.dir, '--time-limit', '0.3', 'SELECT count(*) FROM range(1000000000000) a');
    expect(q).toMatchObject({ code: 1, err: 'sigwb query: stopped: the statement was stopped after the time limit of 0.3 s (give more with --time-limit <seconds>)\n' });
    expect((await runCli('query', '--workspace', t.dir, '--time-limit', '0', 'SELECT 1')).code).toBe(2);
  });
});
