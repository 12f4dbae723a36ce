/**
 * The columns of the Arrow IPC files a workspace keeps per batch. The import writes exactly these
 * (plus, for sample metadata, any extra columns of the source file, prefixed `x_`); the SQL views in
 * shared/db/workspace-views.ts read them. Changing a column here is a workspace format change.
 */

/** SQL types as DuckDB names them. */
export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'BOOLEAN' | 'INTEGER' | 'DATE';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  /** What it holds, for docs/ and the SQL console's help. */
  doc: string;
}

/** A results batch: one row per sample and compound (wide files are turned long on import). */
export const RESULT_COLUMNS: readonly ColumnDef[] = [
  { name: 'batch_id', type: 'VARCHAR', doc: 'The batch (import) the row came from, e.g. B0001' },
  { name: 'line', type: 'INTEGER', doc: 'Line (or spreadsheet row) of the source file, for provenance' },
  { name: 'sample_id', type: 'VARCHAR', doc: 'Lab sample id' },
  { name: 'compound_raw', type: 'VARCHAR', doc: 'Compound name as written in the file' },
  { name: 'area', type: 'DOUBLE', doc: 'Peak area (or area ratio to the internal standard); NULL when not detected' },
  { name: 'detected', type: 'BOOLEAN', doc: 'False for not detected (empty, nd, <LOD, BLQ, "-" …), distinct from a measured 0' },
  { name: 'nd_text', type: 'VARCHAR', doc: 'The not-detected token as written (nd, <LOD …), NULL when detected' },
  { name: 'rt_min', type: 'DOUBLE', doc: 'Retention time in minutes' },
  { name: 'unit', type: 'VARCHAR', doc: 'Unit of the area' },
  { name: 'method', type: 'VARCHAR', doc: 'Analytical method' },
  { name: 'instrument', type: 'VARCHAR', doc: 'Instrument' },
  { name: 'analysed_on', type: 'DATE', doc: 'Date of analysis' },
];

/** A sample-metadata batch: one row per sample. */
export const SAMPLE_COLUMNS: readonly ColumnDef[] = [
  { name: 'batch_id', type: 'VARCHAR', doc: 'The batch (import) the row came from' },
  { name: 'line', type: 'INTEGER', doc: 'Line (or spreadsheet row) of the source file' },
  { name: 'sample_id', type: 'VARCHAR', doc: 'Lab sample id' },
  { name: 'seizure_id', type: 'VARCHAR', doc: 'Seizure (exhibit) id' },
  { name: 'case_id', type: 'VARCHAR', doc: 'Case number' },
  { name: 'seized_on', type: 'DATE', doc: 'Date of seizure' },
  { name: 'region', type: 'VARCHAR', doc: 'Province or territory' },
  { name: 'city', type: 'VARCHAR', doc: 'City or place' },
  { name: 'lat', type: 'DOUBLE', doc: 'Latitude, decimal degrees' },
  { name: 'lon', type: 'DOUBLE', doc: 'Longitude, decimal degrees' },
  { name: 'form', type: 'VARCHAR', doc: 'powder, tablet, liquid …' },
  { name: 'mass_g', type: 'DOUBLE', doc: 'Net mass in grams' },
  { name: 'main_drug', type: 'VARCHAR', doc: 'Main drug identified' },
  { name: 'purity_pct', type: 'DOUBLE', doc: 'Purity in %' },
  { name: 'agency', type: 'VARCHAR', doc: 'Submitting agency' },
];

/** Rows refused by an import that the analyst chose to import partially. */
export const QUARANTINE_COLUMNS: readonly ColumnDef[] = [
  { name: 'batch_id', type: 'VARCHAR', doc: 'The batch whose file held the row' },
  { name: 'line', type: 'INTEGER', doc: 'Line of the source file' },
  { name: 'column_name', type: 'VARCHAR', doc: 'The column at fault (NULL when the whole row is)' },
  { name: 'column_number', type: 'INTEGER', doc: 'Its 1-based position in the file' },
  { name: 'value', type: 'VARCHAR', doc: 'The value as written' },
  { name: 'reason', type: 'VARCHAR', doc: 'Why the row was refused' },
  { name: 'raw', type: 'VARCHAR', doc: 'The whole source row as text' },
  { name: 'sample_id', type: 'VARCHAR', doc: 'The sample the row is about (NULL in files quarantined before this column, or when unreadable)' },
  { name: 'compound_raw', type: 'VARCHAR', doc: 'The compound a long results row is about, as written (NULL for a whole wide or metadata row)' },
];

/** Prefix of extra (non-canonical) sample-metadata columns, kept as text. */
export const EXTRA_COLUMN_PREFIX = 'x_';
