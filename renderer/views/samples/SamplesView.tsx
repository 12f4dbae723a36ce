/**
 * Samples: every sample with its signature (sparkline), chemical class and route, filtered by date,
 * region, case, drug and class. A click selects (Ctrl/⌘ toggles, Shift adds) and the selection shows in
 * every view; a double click or Enter opens the sample's page.
 */
import { useEffect, useMemo, useState } from 'react';
import { sqlIdent } from '../../../shared/db/Database';
import { columnNames, type PlainValue } from '../../../shared/db/arrow-values';
import { DataTable } from '../../components/DataTable';
import { sqlRowSource } from '../../components/row-source';
import { Sparkline, parseSignature } from '../../components/Sparkline';
import { classColor } from '../../components/theme-colors';
import { filteredSamples } from '../../data/ui-tables';
import { useAnalysis } from '../../state/analysis';
import { useAttribution } from '../../state/attribution';
import { activeFilterCount, filterSql, useFilters } from '../../state/filters';
import { useNavigation } from '../../state/navigation';
import { useColumnRule } from '../../state/redaction';
import { modeOf, useSelection, useSelectionStore } from '../../state/selection';
import type { OpenWorkspace } from '../../state/workbench';
import { useFilterOptions } from './filter-options';
import { SampleFilters } from './SampleFilters';

const NONE: ReadonlySet<string> = new Set();
const WIDTHS = { sample_id: 130, signature: 140, class_id: 150, route: 130 };

export function SamplesView({ session }: { session: OpenWorkspace }) {
  const analysis = useAnalysis();
  const { routesVersion } = useAttribution();
  const rule = useColumnRule(session);
  const { filters } = useFilters();
  const selection = useSelection();
  const store = useSelectionStore();
  const { go } = useNavigation();
  const options = useFilterOptions(session.db, analysis.tablesVersion);
  const [columns, setColumns] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ready = analysis.tablesVersion > 0;

  useEffect(() => {
    if (!ready) return;
    let live = true;
    session.db.query(`SELECT * FROM ${filteredSamples('false')} LIMIT 0`).then(
      (t) => live && setColumns(columnNames(t)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [session.db, ready, analysis.tablesVersion]);

  const selectedForFilter = filters.selectedOnly ? selection.ids : NONE;
  const condition = useMemo(() => filterSql(filters, selectedForFilter), [filters, selectedForFilter]);
  const visible = useMemo(() => (columns ?? []).filter(rule.visible), [columns, rule]);
  const source = useMemo(() => {
    if (!columns || visible.length === 0) return null;
    const relation = `(SELECT ${visible.map(sqlIdent).join(', ')} FROM ${filteredSamples(condition)})`;
    return sqlRowSource(session.db, relation, { search: visible.filter((c) => c !== 'signature') });
    // tablesVersion: the helper tables were rebuilt, so the counts change.
  }, [session.db, columns, visible, condition]);

  const linked = useMemo(() => new Set((analysis.classRun?.record.classes ?? []).map((c) => c.class_id)), [analysis.classRun]);

  const renderCell = (column: string, v: PlainValue) => {
    if (column === 'signature') {
      const values = parseSignature(v);
      // No signature: no results, or a value in quarantine (missing, so the sample is left out of the signatures).
      return values ? (
        <Sparkline values={values} />
      ) : (
        <span className="hint" title="No results for the signature compounds, or a value of them is in quarantine (missing, not 0): open the sample to see which">
          no signature
        </span>
      );
    }
    if (column === 'class_id') {
      if (v === null) {
        // Never a bare "—": no run yet, or not in it (and whether that is because the run is out of date).
        const run = analysis.classRun?.record.id;
        if (!run) return <span className="hint">{analysis.classRunUnreadable ? 'class run unreadable' : 'no class run yet'}</span>;
        const stale = analysis.freshness.classRun?.current === false;
        return (
          <span className="hint" title={stale ? `Not in class run ${run}: the run is out of date (data imported or changed after it). Run the classes again to place it.` : `Not in class run ${run} (no results for its signature compounds)`}>
            {stale ? 'not in the class run (run is out of date)' : 'not in the class run'}
          </span>
        );
      }
      const id = Number(v);
      return (
        <span className="class-chip" title={linked.has(id) ? `Chemical class ${id}` : `Class ${id}: linked to no other sample`}>
          <span className="swatch" style={{ background: classColor(id, linked.has(id)) }} />
          {id}
        </span>
      );
    }
    return undefined;
  };

  const selectAllMatching = async () => {
    const t = await session.db.query(`SELECT sample_id FROM ${filteredSamples(condition)}`);
    store.select(Array.from(t.getChild('sample_id')?.toArray() ?? [], String), 'Samples');
  };

  if (error) return <p className="error" role="alert">The samples could not be read: {error}. Reopen the workspace; if it persists, check the SQL console.</p>;
  if (!ready || !source) return <p className="hint">Preparing the signatures…</p>;
  return (
    <div className="view-body samples-view" data-testid="samples-view">
      <SampleFilters options={options} caseHidden={!rule.visible('case_id')} />
      <DataTable
        key={analysis.tablesVersion}
        source={source}
        version={session.version * 1000 + routesVersion}
        testId="samples-table"
        title="Samples"
        widths={WIDTHS}
        unsortable={['signature']}
        renderCell={renderCell}
        rowKey="sample_id"
        selected={selection.ids}
        onRowClick={(id, e) => store.select([id], 'Samples', modeOf(e))}
        onRowOpen={(id) => go({ view: 'samples', sampleId: id })}
        emptyText={activeFilterCount(filters) ? 'No sample matches these filters: clear some of them.' : 'No samples yet: import results and sample metadata.'}
        toolbar={
          <span className="row">
            <button className="link" onClick={selectAllMatching} data-testid="select-matching">
              Select all matching
            </button>
          </span>
        }
      />
    </div>
  );
}
