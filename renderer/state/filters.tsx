/**
 * The sample filters (date range, region, case, drug, class) shared by the Samples, Map, Timeline and
 * Network views, so that narrowing to one region or period holds as the analyst moves between them.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { sqlString } from '../../shared/db/Database';

export interface SampleFilters {
  /** ISO dates, inclusive; '' for open. */
  from: string;
  to: string;
  regions: string[];
  /** Part of a case number. */
  caseText: string;
  drugs: string[];
  classes: number[];
  selectedOnly: boolean;
}

export const NO_FILTERS: SampleFilters = { from: '', to: '', regions: [], caseText: '', drugs: [], classes: [], selectedOnly: false };

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** How many filters are set (for the "3 filters" badge). */
export function activeFilterCount(f: SampleFilters): number {
  return [f.from || f.to, f.regions.length, f.caseText.trim(), f.drugs.length, f.classes.length, f.selectedOnly].filter(Boolean).length;
}

/**
 * The filters as a SQL condition over `s` (the samples view) and `c` (ui_classes); 'true' when none.
 * Every value is quoted with sqlString or checked to be a number or an ISO date.
 */
export function filterSql(f: SampleFilters, selected: ReadonlySet<string>): string {
  const parts: string[] = [];
  if (ISO.test(f.from)) parts.push(`s.seized_on >= DATE ${sqlString(f.from)}`);
  if (ISO.test(f.to)) parts.push(`s.seized_on <= DATE ${sqlString(f.to)}`);
  if (f.regions.length) parts.push(`s.region IN (${f.regions.map(sqlString).join(', ')})`);
  if (f.caseText.trim()) parts.push(`s.case_id ILIKE ${sqlString(`%${f.caseText.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`)} ESCAPE '\\'`);
  if (f.drugs.length) parts.push(`s.main_drug IN (${f.drugs.map(sqlString).join(', ')})`);
  const classes = f.classes.filter((k) => Number.isInteger(k));
  if (classes.length) parts.push(`c.class_id IN (${classes.join(', ')})`);
  if (f.selectedOnly) parts.push(selected.size ? `s.sample_id IN (${[...selected].map(sqlString).join(', ')})` : 'false');
  return parts.length ? parts.join(' AND ') : 'true';
}

interface FilterState {
  filters: SampleFilters;
  setFilters(update: (f: SampleFilters) => SampleFilters): void;
}

const Context = createContext<FilterState | null>(null);

export function FiltersProvider({ children }: { children: ReactNode }) {
  const [filters, setState] = useState<SampleFilters>(NO_FILTERS);
  const value = useMemo(() => ({ filters, setFilters: (u: (f: SampleFilters) => SampleFilters) => setState(u) }), [filters]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useFilters(): FilterState {
  const f = useContext(Context);
  if (!f) throw new Error('useFilters outside FiltersProvider');
  return f;
}
