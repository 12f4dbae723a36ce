/**
 * The SQL console and `sigwb query` accept read-only statements only. DuckDB-wasm has no read-only
 * connection mode, so the check is lexical: one statement, starting with a reading keyword, with no
 * writing keyword and no file-reading function outside string literals and comments. Defence in depth:
 * the database is rebuilt from the workspace files on open, so even a statement that slipped through
 * could not change what is on disk.
 */

const READING_STARTS = new Set(['SELECT', 'WITH', 'VALUES', 'FROM', 'TABLE', 'DESCRIBE', 'SHOW', 'SUMMARIZE', 'EXPLAIN', 'PIVOT', 'UNPIVOT', '(']);
const WRITING = new Set([
  'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'ATTACH', 'DETACH', 'COPY', 'EXPORT', 'IMPORT', 'INSTALL', 'LOAD',
  'SET', 'RESET', 'PRAGMA', 'CALL', 'CHECKPOINT', 'VACUUM', 'TRUNCATE', 'MERGE', 'GRANT', 'REVOKE', 'USE', 'BEGIN', 'COMMIT', 'ROLLBACK', 'ANALYZE', 'UPSERT',
]);
/** Table functions that read files or the environment rather than the workspace's tables. */
const FILE_FUNCTIONS = /^(read_|glob$|sniff_csv$|parquet_|iceberg_|delta_scan$|getenv$|query_table$|query$)/i;

export class ReadOnlyViolation extends Error {
  override name = 'ReadOnlyViolation';
}

/** Strips comments and string literals, keeping quoted identifiers' text out of keyword checks too. */
function mask(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      out += ' ';
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      out += ' ';
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j++;
      }
      if (j >= sql.length) throw new ReadOnlyViolation(`unterminated ${c === "'" ? 'string' : 'quoted name'} starting at character ${i + 1}`);
      out += c === "'" ? "''" : '"x"';
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Returns the statement without a trailing semicolon; throws ReadOnlyViolation saying why it is refused. */
export function assertReadOnly(sql: string): string {
  const masked = mask(sql).trim().replace(/;\s*$/, '');
  if (masked === '') throw new ReadOnlyViolation('the statement is empty');
  if (masked.includes(';')) throw new ReadOnlyViolation('one statement at a time');
  const words = masked.match(/[A-Za-z_][A-Za-z0-9_]*|\(/g) ?? [];
  const first = (words[0] ?? '').toUpperCase();
  if (!READING_STARTS.has(first)) throw new ReadOnlyViolation(`only reading statements are allowed (SELECT, WITH, DESCRIBE, SHOW …); this one starts with ${first || 'nothing'}`);
  for (const w of words) {
    if (WRITING.has(w.toUpperCase())) throw new ReadOnlyViolation(`"${w}" is not allowed: the console only reads`);
  }
  const calls = masked.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g);
  for (const m of calls) {
    if (FILE_FUNCTIONS.test(m[1])) throw new ReadOnlyViolation(`${m[1]}() reads outside the workspace tables and is not allowed`);
  }
  return sql.trim().replace(/;\s*$/, '');
}
