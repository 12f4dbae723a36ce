import { assertReadOnly, ReadOnlyViolation } from '../../shared/db/read-only-sql';
import { columnNames, plainRows } from '../../shared/db/arrow-values';
import { toCsv } from '../../shared/util/csv';
import { openWorkspaceDatabase, RefusedError, UsageError } from '../context';
import { requireString, type CliCommand } from '../command';

/** `sigwb query --workspace <dir> [--format csv|json] "<SQL>"`: runs one read-only statement. */
export const queryCommand: CliCommand = {
  name: 'query',
  usage: 'sigwb query --workspace <dir> [--format csv|json] "<SQL>"',
  summary: 'Run one read-only SQL statement over the workspace views (batches, samples, measurements, compounds, quarantine) and the latest class run (sample_classes, class_summaries).',
  options: { workspace: { type: 'string', short: 'w' }, format: { type: 'string', default: 'csv' } },
  async run(values, positionals, io) {
    const dir = requireString(values, 'workspace');
    const format = values.format;
    if (format !== 'csv' && format !== 'json') throw new UsageError('--format is csv or json');
    if (positionals.length !== 1) throw new UsageError('query takes one SQL statement (quote it)');
    let statement: string;
    try {
      statement = assertReadOnly(positionals[0]);
    } catch (e) {
      if (e instanceof ReadOnlyViolation) throw new RefusedError(`refused: ${e.message}`);
      throw e;
    }
    const { db } = await openWorkspaceDatabase(dir);
    try {
      let table;
      try {
        table = await db.query(statement);
      } catch (e) {
        throw new RefusedError(`SQL error: ${(e as Error).message.split('\n')[0]}`);
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
      await db.close();
    }
  },
};
