/**
 * Maps a file's headers to the canonical fields (profile first, then the exact canonical name, then the
 * synonym table) and recognises what the file holds from its columns:
 *   compound + area → results (long); a metadata field (seizure, case, place …) → samples;
 *   otherwise numeric columns beside a sample id → results (wide, one column per compound).
 */
import { EXTRA_COLUMN_PREFIX } from '../workspace/batch-columns';
import { CANONICAL_FIELDS, HEADER_SYNONYMS, METADATA_ONLY_FIELDS, RESULT_FIELDS, headerKey, synonymOf, type CanonicalField } from './header-synonyms';
import { trimBlank } from './blank';
import { isNotDetected, type NumberParser } from './number-format';
import type { ImportProfile } from './import-profile';
import type { ImportKind } from './types';

export type ColumnRole = 'field' | 'compound' | 'extra' | 'ignored';

export interface MappedColumn {
  /** 0-based position in the file. */
  index: number;
  header: string;
  role: ColumnRole;
  field: CanonicalField | null;
  /** How the role was decided, for the app's mapping step. */
  by: 'profile' | 'canonical' | 'synonym' | 'dictionary' | 'values' | 'unmatched';
  /** Samples: the name the extra column gets in the batch (x_…). Wide results: the compound as written. */
  target?: string;
}

export interface ColumnMap {
  kind: ImportKind;
  columns: MappedColumn[];
  /** Column index of each mapped field. */
  field: Partial<Record<CanonicalField, number>>;
}

export interface MappingInput {
  headers: string[];
  /** The first data rows (raw text), for telling compound columns of a wide file by their values. */
  sampleRows: string[][];
  profile?: ImportProfile | null;
  /** True when the dictionary knows the name (wide files name compounds in headers). */
  isCompound: (name: string) => boolean;
  parseNumber: NumberParser;
}

/**
 * The mapping, or the required columns that are missing with the mapping as far as it went (`partial`: the kind
 * decided and every column's role), for the app's preview to show while the analyst supplies what is missing.
 */
export type MappingResult = { map: ColumnMap; warnings: string[] } | { missing: { field: string; reason: string }[]; partial: ColumnMap };

/** The fields a file of each kind must have. */
export const REQUIRED_FIELDS: Record<ImportKind, CanonicalField[]> = {
  'results-long': ['sample_id', 'compound', 'area'],
  'results-wide': ['sample_id'],
  samples: ['sample_id'],
};

/** Wide files often write "Fentanyl Area" or "4-ANPP (Resp.)": the compound is the header without that. */
export function compoundFromHeader(header: string): string {
  return header.replace(/[\s_]*[([]?\s*(?:peak\s+)?(?:area|resp\.?|response)\s*[)\]]?\s*$/i, '').trim() || header.trim();
}

function lookupProfile(profile: ImportProfile | null | undefined, header: string): string | null {
  if (!profile) return null;
  if (header in profile.columns) return profile.columns[header];
  const key = headerKey(header);
  for (const [k, v] of Object.entries(profile.columns)) if (headerKey(k) === key) return v;
  return null;
}

function looksNumeric(values: string[], parse: NumberParser): boolean {
  let numbers = 0;
  let other = 0;
  for (const raw of values) {
    const v = trimBlank(raw ?? '');
    if (v === '') continue;
    if (!Number.isNaN(parse(v))) numbers++;
    else if (isNotDetected(v)) continue;
    else other++;
  }
  return numbers > 0 && other <= 0.2 * (numbers + other);
}

function snakeName(header: string): string {
  return headerKey(header).replace(/%/g, 'pct').replace(/#/g, 'no').replace(/'/g, '').replace(/\s+/g, '_') || 'column';
}

/** Maps the columns and recognises the kind; or names the required columns that are missing. */
export function mapColumns(input: MappingInput): MappingResult {
  const { headers, profile } = input;
  const columns: MappedColumn[] = headers.map((header, index) => ({ index, header, role: 'ignored', field: null, by: 'unmatched' }));
  const best = new Map<CanonicalField, { index: number; rank: number }>();
  const claim = (field: CanonicalField, index: number, rank: number) => {
    const cur = best.get(field);
    if (!cur || rank < cur.rank) best.set(field, { index, rank });
  };
  const forced = new Map<number, ColumnRole>();
  columns.forEach((c) => {
    const p = lookupProfile(profile, c.header);
    if (p === 'compound_column' || p === 'ignore' || p === 'extra') {
      forced.set(c.index, p === 'ignore' ? 'ignored' : p === 'extra' ? 'extra' : 'compound');
      c.by = 'profile';
    } else if (p && (CANONICAL_FIELDS as readonly string[]).includes(p)) {
      claim(p as CanonicalField, c.index, -2);
      c.by = 'profile';
    } else {
      const s = synonymOf(c.header);
      if (s) claim(s.field, c.index, s.rank);
    }
  });
  for (const [field, { index, rank }] of best) {
    columns[index].role = 'field';
    columns[index].field = field;
    columns[index].by = rank === -2 ? 'profile' : headerKey(field) === headerKey(columns[index].header) ? 'canonical' : 'synonym';
  }
  const has = (f: CanonicalField) => best.has(f);
  const kind: ImportKind =
    profile?.kind ?? (has('compound') || has('area') ? 'results-long' : METADATA_ONLY_FIELDS.some(has) ? 'samples' : 'results-wide');

  const warnings: string[] = [];
  const allowed = new Set<CanonicalField>(kind === 'samples' ? (['sample_id', ...METADATA_ONLY_FIELDS] as CanonicalField[]) : RESULT_FIELDS);
  if (kind === 'results-wide') allowed.delete('rt_min');
  const field: Partial<Record<CanonicalField, number>> = {};
  const usedNames = new Set<string>();
  const notRead: string[] = [];
  for (const c of columns) {
    if (c.role === 'field' && c.field && allowed.has(c.field)) {
      field[c.field] = c.index;
      continue;
    }
    const f = forced.get(c.index);
    // A header that names a result field this kind cannot hold (a retention-time column in a wide file) is
    // not a compound: reading it as one would put retention times into the signatures.
    const claimedField = c.role === 'field' ? c.field : null;
    c.field = null;
    if (kind === 'samples' && f !== 'ignored') {
      c.role = 'extra';
      let name = EXTRA_COLUMN_PREFIX + snakeName(c.header || `column ${c.index + 1}`);
      for (let k = 2; usedNames.has(name); k++) name = `${EXTRA_COLUMN_PREFIX}${snakeName(c.header)}_${k}`;
      usedNames.add(name);
      c.target = name;
    } else if (kind === 'results-wide' && f !== 'ignored' && f !== 'compound' && claimedField !== null) {
      c.role = 'ignored';
      notRead.push(c.header);
    } else if (kind === 'results-wide' && f !== 'ignored' && c.header.trim() !== '') {
      const values = input.sampleRows.map((r) => r[c.index] ?? '');
      if (f === 'compound' || input.isCompound(compoundFromHeader(c.header))) {
        c.role = 'compound';
        if (c.by !== 'profile') c.by = 'dictionary';
      } else if (looksNumeric(values, input.parseNumber)) {
        c.role = 'compound';
        c.by = 'values';
      } else {
        c.role = 'ignored';
      }
      if (c.role === 'compound') c.target = compoundFromHeader(c.header);
      else notRead.push(c.header);
    } else {
      c.role = 'ignored';
      if (c.header.trim() !== '') notRead.push(c.header);
    }
  }
  // Every column's role is decided before a missing column refuses the file, so that the preview shows what was
  // matched while the analyst supplies the rest.
  const partial: ColumnMap = { kind, columns, field };
  const missing = REQUIRED_FIELDS[kind].filter((f) => !has(f));
  if (missing.length) {
    return {
      missing: missing.map((f) => ({
        field: f,
        reason: `missing required column ${f} (looked for ${HEADER_SYNONYMS[f].slice(0, 4).map((s) => `"${s}"`).join(', ')} …)`,
      })),
      partial,
    };
  }
  if (kind === 'results-wide' && !columns.some((c) => c.role === 'compound')) {
    return { missing: [{ field: 'compound', reason: 'no compound columns: a results file needs compound and area columns, or one numeric column per compound' }], partial };
  }
  if (notRead.length) warnings.push(`columns not imported: ${notRead.map((h) => `"${h}"`).join(', ')}`);
  return { map: { kind, columns, field }, warnings };
}
