/**
 * From an opened source to a ready builder: options from the profile and the analyst's overrides, the
 * column mapping, the number parser and the compound keys. Shared by the preview and the import, so that
 * what the analyst previews is what is imported.
 */
import { buildLookup, normaliseCompoundKey, type CompoundDictionary } from '../domain/compound-dictionary';
import { mapColumns, type ColumnMap } from './column-mapping';
import { numberParser } from './number-format';
import { resultsLongBuilder } from './results-long-builder';
import { repeatedCompoundColumns, resultsWideBuilder } from './results-wide-builder';
import { samplesBuilder } from './samples-builder';
import type { BatchBuilder, BuilderContext } from './batch-builder';
import type { ImportProfile } from './import-profile';
import type { ProblemLog } from './problem-log';
import type { RowSource } from './row-source';
import type { ReadOptionsOverride } from './types';

/** The profile's options under the analyst's overrides (the analyst's word wins). */
export function effectiveOverrides(profile: ImportProfile | null | undefined, overrides: ReadOptionsOverride | undefined): ReadOptionsOverride {
  return { ...(profile?.options ?? {}), ...(overrides ?? {}) } as ReadOptionsOverride;
}

/** The key compounds are told apart by, and whether the dictionary knows a name. */
export function compoundKeys(dict: CompoundDictionary): { key: (raw: string) => string; known: (raw: string) => boolean } {
  const lookup = buildLookup(dict);
  return {
    key: (raw) => {
      const k = normaliseCompoundKey(raw);
      return lookup.get(k)?.name ?? k;
    },
    known: (raw) => lookup.has(normaliseCompoundKey(raw)),
  };
}

export type Plan =
  | { map: ColumnMap; warnings: string[]; make: (log: ProblemLog) => BatchBuilder }
  /** `partial`: the mapping as far as it went, for the preview (the import only needs the reasons). */
  | { refused: { column: string | null; reason: string }[]; partial: ColumnMap };

/** Maps the source's columns and prepares the builder for its kind; or the file-level reasons it cannot be imported. */
export function planImport(source: RowSource, dict: CompoundDictionary, profile: ImportProfile | null | undefined): Plan {
  const parseNumber = numberParser(source.options);
  const compounds = compoundKeys(dict);
  const mapped = mapColumns({ headers: source.headers, sampleRows: source.sampleRows, profile, isCompound: compounds.known, parseNumber });
  if ('missing' in mapped) return { refused: mapped.missing.map((m) => ({ column: m.field, reason: m.reason })), partial: mapped.partial };
  const { map } = mapped;
  const base = (log: ProblemLog): BuilderContext => ({
    map,
    headers: source.headers,
    parseNumber,
    numberFormat: source.options,
    dateOrder: source.options.dateOrder,
    serialDates: source.serialDates,
    compoundKey: compounds.key,
    log,
  });
  if (map.kind === 'results-wide') {
    const repeated = repeatedCompoundColumns(map.columns, compounds.key);
    if (repeated) return { refused: [{ column: null, reason: repeated }], partial: map };
  }
  const make = (log: ProblemLog) => {
    const ctx = base(log);
    return map.kind === 'results-long' ? resultsLongBuilder(ctx) : map.kind === 'results-wide' ? resultsWideBuilder(ctx) : samplesBuilder(ctx);
  };
  return { map, warnings: mapped.warnings, make };
}
