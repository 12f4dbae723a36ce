import { describe, expect, it } from 'vitest';
import { assertReadOnly } from '../../../shared/db/read-only-sql';

describe('read-only SQL guard', () => {
  it.each([
    'SELECT * FROM samples',
    'select count(*) from measurements;',
    "WITH x AS (SELECT 1) SELECT * FROM x",
    "SELECT replace(compound, 'a', 'b') FROM measurements",
    "SELECT 'drop table x; insert' AS s",
    'DESCRIBE samples',
    'FROM samples LIMIT 3',
    '-- a comment\nSELECT 1',
  ])('accepts %s', (sql) => {
    expect(() => assertReadOnly(sql)).not.toThrow();
  });

  it.each([
    ['DROP TABLE samples', /starts with DROP/],
    ['SELECT 1; DROP TABLE samples', /one statement/],
    ['CREATE TABLE t AS SELECT 1', /starts with CREATE/],
    ["COPY samples TO 'x.csv'", /starts with COPY/],
    ['WITH x AS (DELETE FROM samples RETURNING *) SELECT * FROM x', /"DELETE" is not allowed/],
    ["SELECT * FROM read_csv('/etc/passwd')", /read_csv\(\) reads outside/],
    ["SELECT * FROM glob('*')", /glob\(\)/],
    ['ATTACH \'x.db\'', /starts with ATTACH/],
    ['SET threads=1', /starts with SET/],
    ['   ', /empty/],
    ["SELECT 'unterminated", /unterminated string/],
  ])('refuses %s', (sql, reason) => {
    expect(() => assertReadOnly(sql)).toThrow(reason);
  });
});
