/** Arrow IPC file encoder: the table as DuckDB computed it, with the export's label and id in the schema metadata. */
import { RecordBatch, Schema, Table, tableToIPC } from 'apache-arrow';

/** Arrow IPC file-format bytes ("ARROW1" magic, random access), `metadata` added to the schema's. */
export function encodeArrowFile(table: Table, metadata: Record<string, string>): Uint8Array {
  const schema = new Schema(table.schema.fields, new Map([...table.schema.metadata, ...Object.entries(metadata)]));
  const batches = table.batches.map((b) => new RecordBatch(schema, b.data));
  return tableToIPC(new Table(schema, batches), 'file');
}
