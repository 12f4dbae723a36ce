/** The quarantine file of a partial import: one row per problem of each refused row, with the row's text. */
import { buildIPC, i32Col, utf8Col } from '../db/arrow-build';
import type { LoggedProblem } from './problem-log';
import type { RowSource } from './row-source';
import type { BatchBuilder } from './batch-builder';

/**
 * Arrow IPC bytes in QUARANTINE_COLUMNS order (shared/workspace/batch-columns.ts); `keyOf` names the sample and
 * compound of a data row (rows the reader could not split have neither).
 */
export function quarantineIPC(batchId: string, problems: LoggedProblem[], source: RowSource, keyOf: BatchBuilder['keyOf']): Uint8Array {
  const rows = problems.filter((p) => p.line !== null);
  const keys = rows.map((p) => (p.row >= 0 ? keyOf(p.row) : { sampleId: null, compound: null }));
  return buildIPC({
    batch_id: utf8Col(rows.map(() => batchId)),
    line: i32Col(rows.map((p) => p.line)),
    column_name: utf8Col(rows.map((p) => p.columnName)),
    column_number: i32Col(rows.map((p) => p.column)),
    value: utf8Col(rows.map((p) => p.value)),
    reason: utf8Col(rows.map((p) => p.reason)),
    raw: utf8Col(rows.map((p) => p.raw ?? (p.row >= 0 ? source.raw(p.row) : null))),
    sample_id: utf8Col(keys.map((k) => k.sampleId)),
    compound_raw: utf8Col(keys.map((k) => k.compound)),
  });
}
