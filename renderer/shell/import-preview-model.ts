/**
 * The state behind the import preview dialog: the analyst's corrections of one file (reading options, sheet, kind,
 * column targets, the chosen profile), the profile they amount to, and the preview re-run (debounced) on every change.
 */
import { useEffect, useState } from 'react';
import { CANONICAL_FIELDS } from '../../shared/importing/header-synonyms';
import { previewFile, type ImportPreview } from '../../shared/importing/preview-file';
import type { CompoundDictionary } from '../../shared/domain/compound-dictionary';
import type { MappedColumn } from '../../shared/importing/column-mapping';
import type { ImportProfile } from '../../shared/importing/import-profile';
import type { ImportKind, ReadOptionsOverride } from '../../shared/importing/types';

export interface FileSettings {
  /** The saved profile chosen, or null. */
  base: ImportProfile | null;
  overrides: ReadOptionsOverride;
  sheet?: string;
  kind?: ImportKind;
  /** Header → target, the analyst's corrections of the mapping. */
  columns: Record<string, string>;
}

export const NO_SETTINGS: FileSettings = { base: null, overrides: {}, columns: {} };

/** What the settings amount to as a profile for previewFile / the import (null when nothing is set). */
export function effectiveProfile(s: FileSettings): ImportProfile | null {
  if (!s.base && !s.kind && Object.keys(s.columns).length === 0) return null;
  const base: ImportProfile = s.base ?? { name: '(this import)', columns: {}, options: {} };
  return { ...base, kind: s.kind ?? base.kind, columns: { ...base.columns, ...(s.columns as ImportProfile['columns']) } };
}

/** The profile to save under a name: the mapping, the kind, the reading options and the sheet. */
export function profileToSave(s: FileSettings, name: string, instrument: string): ImportProfile {
  const p = effectiveProfile(s) ?? { name, columns: {}, options: {} };
  const profile: ImportProfile = { ...p, name: name.trim(), options: { ...p.options, ...s.overrides } as ImportProfile['options'] };
  if (instrument.trim()) profile.instrument = instrument.trim();
  if (s.sheet) profile.sheet = s.sheet;
  return profile;
}

/** The target a mapped column has now, as the mapping select shows it. */
export function targetOf(c: MappedColumn): string {
  if (c.role === 'field') return c.field ?? 'ignore';
  if (c.role === 'compound') return 'compound_column';
  if (c.role === 'extra') return 'extra';
  return 'ignore';
}

export const TARGETS: { value: string; label: string }[] = [
  ...CANONICAL_FIELDS.map((f) => ({ value: f as string, label: f as string })),
  { value: 'compound_column', label: 'compound column (wide)' },
  { value: 'extra', label: 'extra (kept as text)' },
  { value: 'ignore', label: 'ignore' },
];

type Choice = { value: string; label: string };
const c = (value: string, label = value): Choice => ({ value, label });

/** The choices of each reading option (value as the engine writes it). */
export const OPTION_CHOICES: Record<'encoding' | 'delimiter' | 'quote' | 'decimal' | 'thousands' | 'dateOrder', Choice[]> = {
  encoding: [c('utf-8', 'UTF-8'), c('utf-16le', 'UTF-16 LE'), c('utf-16be', 'UTF-16 BE'), c('windows-1252', 'Windows-1252')],
  delimiter: [c(',', ', comma'), c(';', '; semicolon'), c('\t', 'tab'), c('|', '| pipe')],
  quote: [c('"', '" double'), c("'", "' single"), c('', 'none')],
  decimal: [c('.', '. point'), c(',', ', comma')],
  thousands: [c('', 'none'), c(',', ', comma'), c('.', '. point'), c(' ', 'space'), c("'", "' apostrophe")],
  dateOrder: [c('', 'decide from the values'), c('DMY', 'day/month/year'), c('MDY', 'month/day/year'), c('YMD', 'year/month/day')],
};

export const KIND_CHOICES: Choice[] = [c('', 'as detected'), c('results-long', 'results, long (one row per compound)'), c('results-wide', 'results, wide (one column per compound)'), c('samples', 'sample metadata')];

/** Runs previewFile on the file with the settings, again (debounced) whenever they change. */
export function usePreview(file: { name: string; bytes: Uint8Array } | null, settings: FileSettings, dictionary: CompoundDictionary): { preview: ImportPreview | null; error: string | null } {
  const [state, setState] = useState<{ preview: ImportPreview | null; error: string | null }>({ preview: null, error: null });
  useEffect(() => {
    if (!file) return;
    let live = true;
    const timer = setTimeout(() => {
      previewFile(file, { dictionary, profile: effectiveProfile(settings), overrides: settings.overrides, sheet: settings.sheet, rows: 8 }).then(
        (preview) => live && setState({ preview, error: null }),
        (e: unknown) => live && setState({ preview: null, error: (e as Error).message }),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [file, settings, dictionary]);
  return state;
}
