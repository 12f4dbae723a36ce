/**
 * Builds Arrow IPC bytes from plain columns with explicit types (so that empty columns keep their type),
 * for the small tables the workbench inserts (manifest lists, dictionaries, mappings).
 */
import { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';

export type ColumnValues =
  | { type: 'utf8'; values: (string | null)[] }
  | { type: 'float64'; values: (number | null)[] }
  | { type: 'int32'; values: (number | null)[] }
  | { type: 'bool'; values: (boolean | null)[] };

const types: Record<ColumnValues['type'], () => DataType> = {
  utf8: () => new Utf8(),
  float64: () => new Float64(),
  int32: () => new Int32(),
  bool: () => new Bool(),
};

/** An Arrow table from typed columns. */
export function buildTable(columns: Record<string, ColumnValues>): Table {
  const vectors: Record<string, Vector> = {};
  for (const [name, col] of Object.entries(columns)) vectors[name] = vectorFromArray(col.values, types[col.type]());
  return new Table(vectors);
}

/** Arrow IPC stream bytes from typed columns. */
export function buildIPC(columns: Record<string, ColumnValues>): Uint8Array {
  return tableToIPC(buildTable(columns), 'stream');
}

export const utf8Col = (values: (string | null)[]): ColumnValues => ({ type: 'utf8', values });
export const f64Col = (values: (number | null)[]): ColumnValues => ({ type: 'float64', values });
export const i32Col = (values: (number | null)[]): ColumnValues => ({ type: 'int32', values });
export const boolCol = (values: (boolean | null)[]): ColumnValues => ({ type: 'bool', values });
