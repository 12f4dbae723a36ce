/** The filter bar: seizure dates, regions, case, drug, class, and "selected only". */
import { activeFilterCount, NO_FILTERS, useFilters, type SampleFilters as Filters } from '../../state/filters';
import { classColor } from '../../components/theme-colors';
import { useAnalysis } from '../../state/analysis';
import type { FilterOptions } from './filter-options';

export function SampleFilters({ options, caseHidden }: { options: FilterOptions | null; caseHidden: boolean }) {
  const { filters, setFilters } = useFilters();
  const analysis = useAnalysis();
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const count = activeFilterCount(filters);
  return (
    <div className="filters" role="group" aria-label="Sample filters" data-testid="sample-filters">
      <label>
        Seized from
        <input type="date" value={filters.from} min={options?.firstDate ?? undefined} max={options?.lastDate ?? undefined} onChange={(e) => set({ from: e.target.value })} data-testid="filter-from" />
      </label>
      <label>
        to
        <input type="date" value={filters.to} min={options?.firstDate ?? undefined} max={options?.lastDate ?? undefined} onChange={(e) => set({ to: e.target.value })} data-testid="filter-to" />
      </label>
      <MultiPick label="Region" all={options?.regions ?? []} chosen={filters.regions} onChange={(regions) => set({ regions })} testId="filter-region" />
      {!caseHidden && (
        <label>
          Case
          <input type="search" value={filters.caseText} placeholder="case number" onChange={(e) => set({ caseText: e.target.value })} data-testid="filter-case" size={12} />
        </label>
      )}
      <MultiPick label="Drug" all={options?.drugs ?? []} chosen={filters.drugs} onChange={(drugs) => set({ drugs })} testId="filter-drug" />
      <MultiPick
        label="Class"
        all={(options?.classes ?? []).map((c) => String(c.id))}
        describe={(id) => `Class ${id} (${options?.classes.find((c) => String(c.id) === id)?.size ?? 0})`}
        chosen={filters.classes.map(String)}
        onChange={(ids) => set({ classes: ids.map(Number) })}
        testId="filter-class"
        chipColor={(id) => classColor(Number(id))}
        emptyHint={analysis.classRunUnreadable ? 'class run unreadable' : 'no classes yet'}
      />
      <label className="check">
        <input type="checkbox" checked={filters.selectedOnly} onChange={(e) => set({ selectedOnly: e.target.checked })} data-testid="filter-selected" />
        Selected only
      </label>
      {count > 0 && (
        <button className="link" onClick={() => setFilters(() => NO_FILTERS)} data-testid="filter-clear">
          Clear {count} filter{count === 1 ? '' : 's'}
        </button>
      )}
    </div>
  );
}

function MultiPick(props: {
  label: string;
  all: string[];
  chosen: string[];
  onChange: (v: string[]) => void;
  testId: string;
  describe?: (v: string) => string;
  chipColor?: (v: string) => string;
  emptyHint?: string;
}) {
  const { label, all, chosen, onChange, testId, describe = (v) => v, chipColor, emptyHint } = props;
  const left = all.filter((v) => !chosen.includes(v));
  return (
    <span className="multipick">
      <label>
        {label}
        <select
          value=""
          onChange={(e) => e.target.value && onChange([...chosen, e.target.value])}
          data-testid={testId}
          disabled={all.length === 0}
          aria-label={`Add a ${label.toLowerCase()} filter`}
        >
          <option value="">{all.length === 0 ? (emptyHint ?? 'none') : chosen.length ? 'add…' : 'any'}</option>
          {left.map((v) => (
            <option key={v} value={v}>
              {describe(v)}
            </option>
          ))}
        </select>
      </label>
      {chosen.map((v) => (
        <button key={v} className="chip" onClick={() => onChange(chosen.filter((c) => c !== v))} aria-label={`Remove ${label.toLowerCase()} ${v}`} title="Remove this filter">
          {chipColor && <span className="swatch" style={{ background: chipColor(v) }} />}
          {describe(v)} ✕
        </button>
      ))}
    </span>
  );
}
