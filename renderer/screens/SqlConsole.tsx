/** A read-only SQL console over the workspace views; results as a table, copied as CSV. */
import { useMemo, useState } from 'react';
import type { Table } from 'apache-arrow';
import { assertReadOnly, ReadOnlyViolation } from '../../shared/db/read-only-sql';
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

export function SqlConsole({ session }: { session: OpenWorkspace }) {
  const [sql, setSql] = useState(EXAMPLE);
  const [result, setResult] = useState<{ table: Table; ms: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [copied, setCopied] = useState(false);
  const source = useMemo(() => (result ? arrowRowSource(result.table) : null), [result]);

  const run = async () => {
    setError(null);
    setCopied(false);
    let statement: string;
    try {
      statement = assertReadOnly(sql);
    } catch (e) {
      setError(e instanceof ReadOnlyViolation ? `Refused: ${e.message}.` : (e as Error).message);
      return;
    }
    setRunning(true);
    const t0 = performance.now();
    try {
      const table = await session.db.query(statement);
      setResult({ table, ms: performance.now() - t0 });
    } catch (e) {
      setError((e as Error).message.split('\n')[0]);
    } finally {
      setRunning(false);
    }
  };

  const copy = async () => {
    if (!result) return;
    await navigator.clipboard.writeText(toCsv(columnNames(result.table), plainRows(result.table)));
    setCopied(true);
  };

  return (
    <div className="sql-console">
      <div className="sql-editor">
        <label htmlFor="sql">
          Read-only SQL over the views <code>{PUBLIC_VIEWS.join(', ')}</code>. Ctrl+Enter runs.
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
          <button onClick={copy} disabled={!result} data-testid="sql-copy">
            {copied ? 'Copied' : 'Copy as CSV'}
          </button>
          {result && <span className="hint">{result.table.numRows.toLocaleString('en-CA')} rows in {result.ms.toFixed(0)} ms</span>}
        </div>
        {error && <p className="error" role="alert" data-testid="sql-error">{error}</p>}
      </div>
      <div data-testid="sql-result" className="sql-result">
        {source && <DataTable source={source} sortable={false} filterable={false} title="Result" />}
      </div>
    </div>
  );
}
