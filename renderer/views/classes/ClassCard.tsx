/**
 * A class card: what an investigator reads about one chemical class. Members, first and last seen, cases,
 * regions, the mean signature with its spread, route and precursor evidence, nearest known sources, and
 * the analysts' annotations (kept in the audit log).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Data } from 'plotly.js-dist-min';
import { classIdMatchText, DISPLAY_SIGNATURE_AXIS, score100Text } from '../../../shared/analysis/labels';
import { DataTable } from '../../components/DataTable';
import { Plot, type PlotFrame } from '../../components/Plot';
import { rotatedCategoryMargins } from '../../components/plot-margins';
import { sqlRowSource } from '../../components/row-source';
import { Sparkline, parseSignature } from '../../components/Sparkline';
import { classColor } from '../../components/theme-colors';
import { classSpread, type ClassSpread } from '../../data/sample-profile';
import { filteredSamples } from '../../data/ui-tables';
import { sqlIdent } from '../../../shared/db/Database';
import { useAnalysis } from '../../state/analysis';
import { useNavigation } from '../../state/navigation';
import { usePreferences } from '../../state/preferences';
import { useColumnRule } from '../../state/redaction';
import { modeOf, useSelection, useSelectionStore } from '../../state/selection';
import type { OpenWorkspace } from '../../state/workbench';
import { StaleNotice } from '../../components/StaleNotice';
import { useReports } from '../../reports/reports-state';
import { Annotations } from './Annotations';
import { ClassEvidence } from './ClassEvidence';

const PLOT_HEIGHT = 340;
const TICK_ANGLE = -40;
const LEGEND_Y = 1.15;
const MEMBER_COLUMNS = ['sample_id', 'signature', 'seizure_id', 'case_id', 'seized_on', 'region', 'city', 'form', 'purity_pct', 'route'];

export function ClassCard({ session, classId }: { session: OpenWorkspace; classId: number }) {
  const analysis = useAnalysis();
  const { investigator } = usePreferences();
  const rule = useColumnRule(session);
  const { back, go } = useNavigation();
  const selection = useSelection();
  const store = useSelectionStore();
  const reports = useReports();
  const [spread, setSpread] = useState<ClassSpread | null>(null);
  const [spreadError, setSpreadError] = useState<string | null>(null);
  const run = analysis.classRun;
  const cls = run?.record.classes.find((c) => c.class_id === classId);

  useEffect(() => {
    if (!analysis.tablesVersion) return;
    let live = true;
    setSpreadError(null);
    classSpread(session.db, classId).then(
      (s) => live && setSpread(s),
      (e: Error) => {
        if (!live) return;
        setSpread(null);
        setSpreadError(e.message);
      },
    );
    return () => {
      live = false;
    };
  }, [session.db, classId, analysis.tablesVersion]);

  const colour = classColor(classId);
  const plot = useMemo<Data[]>(() => {
    if (!spread) return [];
    const x = analysis.compounds;
    return [
      { type: 'scatter', x, y: spread.q90, mode: 'lines', line: { width: 0 }, hoverinfo: 'skip', showlegend: false },
      { type: 'scatter', x, y: spread.q10, mode: 'lines', line: { width: 0 }, fill: 'tonexty', fillcolor: `${colour}33`, name: '10–90 % of members' },
      { type: 'scatter', x, y: spread.mean, mode: 'lines+markers', line: { color: colour, width: 2.5 }, name: `mean of ${spread.size} samples`, error_y: { type: 'data', array: spread.sd, visible: true, color: `${colour}99`, thickness: 1, width: 3 } },
    ];
  }, [spread, analysis.compounds, colour]);
  const layout = useMemo(() => ({ height: PLOT_HEIGHT, xaxis: { tickangle: TICK_ANGLE }, yaxis: { title: { text: DISPLAY_SIGNATURE_AXIS }, rangemode: 'tozero' as const }, legend: { orientation: 'h' as const, y: LEGEND_Y } }), []);
  // The margins its compounds' labels need, so that plotly lays the plot out once (plot-margins.ts).
  const margins = useCallback(
    (frame: PlotFrame) => rotatedCategoryMargins({ ...frame, labels: analysis.compounds, height: PLOT_HEIGHT, tickAngle: TICK_ANGLE, legendY: LEGEND_Y }),
    [analysis.compounds],
  );

  const columns = MEMBER_COLUMNS.filter(rule.visible);
  const source = useMemo(
    () => sqlRowSource(session.db, `(SELECT ${columns.map(sqlIdent).join(', ')} FROM ${filteredSamples(`c.class_id = ${Math.floor(classId)}`)} ORDER BY seized_on, sample_id)`, { search: columns.filter((c) => c !== 'signature') }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session.db, classId, columns.join(',')],
  );

  if (!run || !cls)
    return (
      <div className="view-body">
        <p className="error" role="alert">
          There is no class {classId} of two or more samples in the latest class run{run ? ` (${run.record.id})` : ''}: it may have merged or split.{' '}
          <button className="link" onClick={() => go('classes')}>
            See the classes
          </button>
        </p>
      </div>
    );

  const picked = cls.members.filter((m) => selection.ids.has(m)).length;
  return (
    <div className="view-body class-card" data-testid="class-card">
      <header className="page-head">
        <button className="link" onClick={back}>
          ← Back
        </button>
        <h2 className="class-chip">
          <span className="swatch big" style={{ background: colour }} /> Chemical class {classId}
        </h2>
        <span className="hint">
          run {run.record.id}
          {cls.previous_class_id !== null ? ` · kept its id from the previous run (${classIdMatchText(run.record.settings.class_id_rule, cls.jaccard)})` : ''}
        </span>
        <button onClick={() => store.select(cls.members, `class ${classId}`)} data-testid="select-class">
          Select its {cls.size} samples{picked ? ` (${picked} selected)` : ''}
        </button>
        <button onClick={() => reports.report({ kind: 'classes', classIds: [classId] })} data-testid="class-report">
          Report…
        </button>
      </header>
      <StaleNotice which="classes" />
      <section className="cards" aria-label="Class facts">
        <Fact label="Samples" value={String(cls.size)} testId="class-size" />
        <Fact label="Seizures" value={String(cls.seizures)} />
        {rule.visible('case_id') && <Fact label="Cases" value={String(cls.cases.length)} />}
        <Fact label="First seen" value={cls.first_seen ?? '—'} />
        <Fact label="Last seen" value={cls.last_seen ?? '—'} />
        <Fact label="Mean distance between members" value={score100Text(cls.cohesion_100)} sub="on the 0–100 scale; 0 = identical signatures" />
      </section>
      <div className="two-col">
        <section className="panel" aria-label="Regions and cases">
          <h3>Regions</h3>
          <ul className="plain">
            {cls.regions.map((r) => (
              <li key={r.region}>
                {r.region}: {r.samples} sample{r.samples === 1 ? '' : 's'}
              </li>
            ))}
            {cls.regions.length === 0 && <li className="hint">No region recorded.</li>}
          </ul>
          {rule.visible('case_id') && (
            <>
              <h3>Cases</h3>
              <p className="case-list" data-testid="class-cases">
                {cls.cases.join(', ') || '—'}
              </p>
            </>
          )}
        </section>
        <section className="panel" aria-label="Mean signature">
          <h3>Mean signature and spread</h3>
          {/* Drawn once, with its data: an empty plot drawn first and then again cost the card's opening a second draw. */}
          {spread ? (
            <Plot data={plot} layout={layout} margins={margins} label={`Mean signature of class ${classId} with its spread`} saveTitle={`Class ${classId} mean signature and spread`} testId="class-signature-plot" />
          ) : (
            <p className={spreadError ? 'error' : 'hint'} style={{ height: PLOT_HEIGHT }}>
              {spreadError ? `The mean signature could not be computed: ${spreadError}` : 'Computing the mean signature…'}
            </p>
          )}
        </section>
      </div>
      <div className="two-col">
        <ClassEvidence classId={classId} />
        <Annotations session={session} classId={classId} runId={run.record.id} members={cls.size} readOnly={investigator} />
      </div>
      <DataTable
        source={source}
        title="Members"
        testId="class-members"
        unsortable={['signature']}
        widths={{ sample_id: 130, signature: 140 }}
        renderCell={(c, v) => (c === 'signature' ? <Sparkline values={parseSignature(v) ?? []} color={colour} /> : undefined)}
        rowKey="sample_id"
        selected={selection.ids}
        onRowClick={(id, e) => store.select([id], `class ${classId}`, modeOf(e))}
        onRowOpen={(id) => go({ view: 'samples', sampleId: id })}
      />
    </div>
  );
}

function Fact({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div className="card" data-testid={testId}>
      <span className="card-label">{label}</span>
      <span className="card-value">{value}</span>
      {sub && <span className="card-sub">{sub}</span>}
    </div>
  );
}
