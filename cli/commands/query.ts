import { columnNames, plainRows } from '../../shared/db/arrow-values';
import { runUserSql, USER_SQL_DEFAULTS, UserSqlError } from '../../shared/db/user-sql';
import { toCsv } from '../../shared/util/csv';
import { openWorkspaceDatabase, RefusedError, UsageError } from '../context';
import { requireString, type CliCommand } from '../command';

/** The time limit option in seconds: a positive number. */
function timeLimit(value: unknown): number {
  if (value === undefined) return USER_SQL_DEFAULTS.timeLimitSeconds;
  const s = Number(value);
  if (!Number.isFinite(s) || s <= 0) throw new UsageError(`--time-limit is a number of seconds above 0 (got "${String(value)}")`);
  return s;
}

/**
 * `sigwb query --workspace <dir> [--format csv|json] [--time-limit <s>] "<SQL>"`: one reading statement on the
 * confined engine (shared/db/user-sql.ts), stopped at the time limit or by Ctrl+C.
 */
export const queryCommand: CliCommand = {
  name: 'query',
  usage: 'sigwb query --workspace <dir> [--format csv|json] [--time-limit <seconds>] "<SQL>"',
  summary: `Run one reading SQL statement (checked as a SELECT by DuckDB's parser, no file access) over the workspace views (batches, samples, measurements, compounds, quarantine, missing_values) and the latest class run (sample_classes, class_summaries); stopped after --time-limit seconds (default ${USER_SQL_DEFAULTS.timeLimitSeconds}) or by Ctrl+C.`,
  options: { workspace: { type: 'string', short: 'w' }, format: { type: 'string', default: 'csv' }, 'time-limit': { type: 'string' } },
  async run(values, positionals, io) {
    const dir = requireString(values, 'workspace');
    const format = values.format;
    if (format !== 'csv' && format !== 'json') throw new UsageError('--format is csv or json');
    if (positionals.length !== 1) throw new UsageError('query takes one SQL statement (quote it)');
    const seconds = timeLimit(values['time-limit']);
    const { db } = await openWorkspaceDatabase(dir, { io, classRunOptional: true });
    // Ctrl+C asks the engine to stop the statement; nothing is written, so the workspace is as it was.
    const cancel = new AbortController();
    const onInterrupt = () => cancel.abort();
    process.once('SIGINT', onInterrupt);
    try {
      let table;
      try {
        table = await runUserSql(db, positionals[0], { timeLimitSeconds: seconds, signal: cancel.signal });
      } catch (e) {
        if (!(e instanceof UserSqlError)) throw e;
        const hint = e.kind === 'time-limit' ? ' (give more with --time-limit <seconds>)' : '';
        throw new RefusedError(`${e.kind === 'refused' ? 'refused' : e.kind === 'error' ? 'SQL error' : 'stopped'}: ${e.message}${hint}`);
      }
      const header = columnNames(table);
      const rows = plainRows(table);
      if (format === 'json') {
        io.out(JSON.stringify(rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))), null, 2) + '\n');
      } else {
        // Terminal output is for reading and piping, not for a spreadsheet: no formula neutralising.
        io.out(toCsv(header, rows, { neutraliseFormulas: false }).replace(/\r\n/g, '\n'));
      }
    } finally {
      process.removeListener('SIGINT', onInterrupt);
      await db.close();
    }
  },
};
