/**
 * The preview behind the app's import step: how the file will be read (encoding, delimiter, header row,
 * decimal and thousands separators, sheet), what it holds, how its columns map, and its first rows; the
 * analyst corrects any of it and passes the corrections to importFile as `overrides` (or saves them as a
 * profile). Reads only the file: the workspace is not touched.
 */
import { REQUIRED_FIELDS, type MappedColumn } from './column-mapping';
import { effectiveOverrides, planImport } from './import-plan';
import { openSource, type SourceFile } from './open-source';
import type { CompoundDictionary } from '../domain/compound-dictionary';
import type { CanonicalField } from './header-synonyms';
import type { ImportProfile } from './import-profile';
import type { FileFormat, ImportKind, ImportProblem, ReadOptions, ReadOptionsOverride } from './types';

export interface ImportPreview {
  file: string;
  format: FileFormat | null;
  /** The options as detected, with the profile's and the overrides applied. */
  options: ReadOptions | null;
  sheets: string[];
  sheet: string | null;
  kind: ImportKind | null;
  headers: string[];
  /** 1-based line (or row) of the header; 0 when none. */
  headerRow: number;
  /** Every column's role; when the file is refused, the mapping as far as it went (what was matched, and how). */
  columns: MappedColumn[];
  /** The required fields of `kind` that no column maps to (empty when the mapping is complete). */
  missing: CanonicalField[];
  /** The first data rows as text, in file column order. */
  rows: string[][];
  warnings: string[];
  /** Why the file cannot be imported as previewed (empty when nothing is known to be wrong yet). */
  problems: ImportProblem[];
}

export interface PreviewOptions {
  dictionary: CompoundDictionary;
  profile?: ImportProfile | null;
  overrides?: ReadOptionsOverride;
  sheet?: string;
  /** Rows to return; default 50. */
  rows?: number;
}

/** Detects how the file is read and what it holds, for the preview and override step. */
export async function previewFile(file: SourceFile, opts: PreviewOptions): Promise<ImportPreview> {
  const empty: ImportPreview = { file: file.name, format: null, options: null, sheets: [], sheet: null, kind: null, headers: [], headerRow: 0, columns: [], missing: [], rows: [], warnings: [], problems: [] };
  const opened = await openSource(file, effectiveOverrides(opts.profile, opts.overrides), opts.sheet ?? opts.profile?.sheet);
  const problem = (reason: string, line: number | null = null, column: number | null = null): ImportProblem => ({ file: file.name, line, column, columnName: null, value: null, reason });
  if ('refused' in opened) return { ...empty, problems: [problem(opened.refused, opened.line ?? null, opened.column ?? null)] };
  const { source } = opened;
  const base: ImportPreview = {
    ...empty,
    format: source.format,
    options: source.options,
    sheets: source.sheets ?? [],
    sheet: source.sheet ?? null,
    headers: source.headers,
    headerRow: source.headerRow,
    rows: source.sampleRows.slice(0, opts.rows ?? 50),
    warnings: opened.warnings,
  };
  const plan = planImport(source, opts.dictionary, opts.profile);
  if ('refused' in plan) {
    const { kind, columns, field } = plan.partial;
    return {
      ...base,
      kind,
      columns,
      missing: REQUIRED_FIELDS[kind].filter((f) => field[f] === undefined),
      // The reason names the missing field: it is no column of the file, so no column name is given.
      problems: plan.refused.map((r) => problem(r.reason, source.headerRow || null)),
    };
  }
  return { ...base, kind: plan.map.kind, columns: plan.map.columns, warnings: [...base.warnings, ...plan.warnings] };
}
