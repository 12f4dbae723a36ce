/**
 * A read-only SQL console over the workspace views; results as a table, copied as CSV. Statements run through
 * shared/db/user-sql.ts: one reading statement checked by DuckDB's parser, on the confined engine, stopped by
 * Cancel or after the time limit, and at most the first USER_SQL_DEFAULTS.consoleRows rows kept, which the console
 * says above the statement and again under a result it cut.
 */
import { useMemo, useRef, useState } from 'react';
import type { Table } from 'apache-arrow';
import { runUserSqlCapped, USER_SQL_DEFAULTS, UserSqlError } from '../../shared/db/user-sql';
import { PUBLIC_VIEWS } from '../../shared/db/workspace-views';
import { columnNames, plainRows } from '../../shared/db/arrow-values';
import { toCsv } from '../../shared/util/csv';
import { DataTable } from '../components/DataTable';
import { arrowRowSource } from '../components/row-source';
import type { OpenWorkspace } from '../state/workbench';

const EXAMPLE = `SELECT compound, role, count(*) AS measurements, count(*) FILTER (WHERE detected) AS detected
FROM measurements
GROUP BY ALL
ORDER BY measurements DESC`;

const ROWS = USER_SQL_DEFAULTS.consoleRows.toLocaleString('en-CA');

export function SqlConsole({ session }: { session: OpenWorkspace }) {
  const [sql, setSql] = useState(EXAMPLE);
  const [result, setResult] = useState<{ table: Table; more: boolean; ms: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [copied, setCopied] = useState(false);
  const running$ = useRef<AbortController | null>(null);
  // Statements finished (result, refusal, error or Cancel): lets a test or a screen reader tell one run from the next.
  const [finished, setFinished] = useState(0);
  const source = useMemo(() => (result ? arrowRowSource(result.table) : null), [result]);

  const run = async () => {
    if (running$.current) return;
    setError(null);
    setCopied(false);
    const cancel = new AbortController();
    running$.current = cancel;
    setRunning(true);
    const t0 = performance.now();
    try {
      const { table, more } = await runUserSqlCapped(session.db, sql, { signal: cancel.signal });
      setResult({ table, more, ms: performance.now() - t0 });
    } catch (e) {
      if (!(e instanceof UserSqlError)) setError((e as Error).message.split('\n')[0]);
      else if (e.kind === 'refused') setError(`Refused: ${e.message}.`);
      else if (e.kind === 'cancelled') setError('Cancelled: the statement was stopped; nothing changed.');
      else if (e.kind === 'time-limit') setError(`Stopped: ${e.message}; narrow the query (a WHERE or LIMIT) and run it again.`);
      else setError(e.message);
    } finally {
      running$.current = null;
      setRunning(false);
      setFinished((n) => n + 1);
    }
  };

  const copy = async () => {
    if (!result) return;
    await navigator.clipboard.writeText(toCsv(columnNames(result.table), plainRows(result.table)));
    setCopied(true);
  };

  return (
    <div className="sql-console" data-testid="sql-console" data-finished={finished}>
      <div className="sql-editor">
        <label htmlFor="sql">
          Read-only SQL over the views <code>{PUBLIC_VIEWS.join(', ')}</code>: one statement, no file access, at most{' '}
          {USER_SQL_DEFAULTS.timeLimitSeconds} s; the first {ROWS} rows of a result are kept and shown. Ctrl+Enter runs.
        </label>
        <textarea
          id="sql"
          data-testid="sql-input"
          spellCheck={false}
          value={sql}
          onChange={(e) => setSql(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void run();
            }
          }}
        />
        <div className="sql-actions">
          <button className="primary" data-testid="sql-run" onClick={run} disabled={running}>
            {running ? 'Running…' : 'Run'}
          </button>
          {running && (
            <button data-testid="sql-cancel" onClick={() => running$.current?.abort()}>
              Cancel
            </button>
          )}
          <button onClick={copy} disabled={!result} data-testid="sql-copy">
            {copied ? 'Copied' : result?.more ? `Copy the first ${ROWS} rows as CSV` : 'Copy as CSV'}
          </button>
          {result && (
            <span className="hint" data-testid="sql-row-count">
              {result.more ? `The first ${ROWS} rows` : `${result.table.numRows.toLocaleString('en-CA')} rows`} in {result.ms.toFixed(0)} ms
            </span>
          )}
        </div>
        {result?.more && (
          <p className="caution" role="status" data-testid="sql-capped">
            The statement gives more than {ROWS} rows: only the first {ROWS} are shown and copied. Narrow it (WHERE, GROUP BY, LIMIT), or write
            every row with <code>sigwb query --workspace &lt;folder&gt; "…" &gt; result.csv</code>.
          </p>
        )}
        {error && <p className="error" role="alert" data-testid="sql-error">{error}</p>}
      </div>
      <div data-testid="sql-result" className="sql-result">
        {source && <DataTable source={source} sortable={false} filterable={false} title="Result" />}
      </div>
    </div>
  );
}
