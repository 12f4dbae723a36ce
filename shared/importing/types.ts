/**
 * Types shared by the import: what a file is, how it is read, what went wrong, and what came of it.
 * The import itself is shared/importing/import-file.ts; the preview for the app's override step is
 * shared/importing/preview-file.ts.
 */
import type { BatchRecord } from '../workspace/manifest';

/** File types the import reads, recognised from content (magic bytes) before the name. */
export type FileFormat = 'csv' | 'tsv' | 'txt' | 'xlsx' | 'parquet' | 'arrow';

/** What a file holds, recognised from its columns. */
export type ImportKind = 'results-long' | 'results-wide' | 'samples';

/** Text encodings recognised: UTF-8 (with or without BOM), UTF-16 (BOM, or guessed from NUL bytes), Windows-1252. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Order of day, month and year in dates written with numbers only (03/04/2024). */
export type DateOrder = 'DMY' | 'MDY' | 'YMD';

/** How a file is read. Detected by the preview; every field can be overridden by the analyst or a profile. */
export interface ReadOptions {
  /** Text files only. */
  encoding: TextEncodingName;
  /** Field delimiter of a text file: ',' ';' '\t' or '|'. */
  delimiter: string;
  /** Quote character ('"', "'", or '' for none). Default '"', doubled inside a field as RFC 4180 says. */
  quote: string;
  /** 1-based line (spreadsheet row) that holds the column names; 0 when the file has none. */
  headerRow: number;
  /** Decimal separator of numbers written as text. Default '.'. */
  decimal: '.' | ',';
  /** Thousands separator of numbers written as text, '' for none ('.' or ' ' with a decimal comma). */
  thousands: '' | ',' | '.' | ' ' | "'";
  /** Order of numeric dates; null lets the import decide from the values (day first when nothing tells). */
  dateOrder: DateOrder | null;
}

export type ReadOptionsOverride = Partial<ReadOptions>;

/** One reason a file, a row or a cell is refused. Lines and columns are 1-based; null when the whole file is at fault. */
export interface ImportProblem {
  file: string;
  /** Line of a text file (physical line where the record starts) or spreadsheet row; data row number for Parquet/Arrow. */
  line: number | null;
  column: number | null;
  columnName: string | null;
  value: string | null;
  reason: string;
}

/** Progress of one import: the stage and the fraction of the whole import done, in [0, 1]. */
export interface ImportProgress {
  stage: 'reading' | 'parsing' | 'checking' | 'writing' | 'loading';
  fraction: number;
}

export type ImportOutcome =
  | {
      status: 'imported';
      batch: BatchRecord;
      kind: ImportKind;
      /** Not refusals: samples without metadata, columns not read, assumptions (date order …). */
      warnings: string[];
      /** Compounds of this batch that the dictionary does not know: imported with the role "unassigned". */
      unassignedCompounds: string[];
      /** With acceptPartial: the refused rows' problems (capped) and their count; they are in the quarantine view. */
      problems: ImportProblem[];
      problemCount: number;
    }
  | { status: 'duplicate'; existing: BatchRecord }
  | { status: 'refused'; problems: ImportProblem[]; problemCount: number }
  | { status: 'cancelled' };

/** Maximum problems listed in an outcome; the rest are counted. */
export const DEFAULT_PROBLEM_CAP = 100;
