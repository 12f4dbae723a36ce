/**
 * A sample's page: its facts, and its signature against its class's mean and spread (∜N, the display
 * pretreatment), so that an analyst sees at a glance where it agrees with its class and where it does not.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Data } from 'plotly.js-dist-min';
import { DISPLAY_SIGNATURE_AXIS } from '../../../shared/analysis/labels';
import { displayText } from '../../../shared/db/arrow-values';
import { visibleText } from '../../../shared/util/visible-text';
import { Plot, type PlotFrame } from '../../components/Plot';
import { rotatedCategoryMargins } from '../../components/plot-margins';
import { classColor, themeColors } from '../../components/theme-colors';
import { classSpread, sampleProfile, type ClassSpread, type SampleProfile } from '../../data/sample-profile';
import { StaleNotice } from '../../components/StaleNotice';
import { useReports } from '../../reports/reports-state';
import { useAnalysis } from '../../state/analysis';
import { useNavigation } from '../../state/navigation';
import { useColumnRule } from '../../state/redaction';
import { useSelection, useSelectionStore } from '../../state/selection';
import type { OpenWorkspace } from '../../state/workbench';

const HIDDEN_FACTS = new Set(['class_id', 'route', 'sample_id']);
const PLOT_HEIGHT = 360;
const TICK_ANGLE = -40;
const LEGEND_Y = 1.15;

export function SamplePage({ session, sampleId }: { session: OpenWorkspace; sampleId: string }) {
  const analysis = useAnalysis();
  const rule = useColumnRule(session);
  const { back, go } = useNavigation();
  const selection = useSelection();
  const store = useSelectionStore();
  const reports = useReports();
  const [profile, setProfile] = useState<SampleProfile | null | undefined>(undefined);
  const [spread, setSpread] = useState<ClassSpread | null>(null);

  useEffect(() => {
    if (!analysis.tablesVersion) return;
    let live = true;
    (async () => {
      const p = await sampleProfile(session.db, sampleId);
      const s = p?.classId != null ? await classSpread(session.db, p.classId) : null;
      if (!live) return;
      setProfile(p);
      setSpread(s && s.size > 1 ? s : null);
    })().catch(() => live && setProfile(null));
    return () => {
      live = false;
    };
  }, [session.db, sampleId, analysis.tablesVersion]);

  const classRecord = analysis.classRun?.record.classes.find((c) => c.class_id === profile?.classId);
  const run = analysis.classRun;
  const inRun = useMemo(() => (run ? new Set(run.data.sampleIds) : null), [run]);
  // Where the sample stands with the class run, in words (never a bare "—"): no run, in it, or not in it and why.
  const runState = !run
    ? analysis.classRunUnreadable
      ? 'The latest class run cannot be read (the banner says why): run the classes again in Classes to compare this sample with its class.'
      : 'No class run yet: run the classes in Classes to compare this sample with its class.'
    : inRun?.has(sampleId)
      ? null
      : profile?.missing.length
        ? `Not in class run ${run.record.id}: a value of it is missing (in quarantine), so it has no signature.`
        : analysis.freshness.classRun?.current === false && profile?.signature
        ? `Not in class run ${run.record.id} (the run is out of date: this sample's data came after it).`
        : `Not in class run ${run.record.id}: it has no results for the run's signature compounds.`;
  const caseId = profile?.facts.case_id;
  const data = useMemo<Data[]>(() => {
    if (!profile?.signature) return [];
    const c = themeColors();
    const x = profile.compounds;
    const traces: Data[] = [];
    if (spread) {
      const colour = classColor(profile.classId);
      traces.push(
        { type: 'scatter', x, y: spread.q90, mode: 'lines', line: { width: 0 }, hoverinfo: 'skip', showlegend: false },
        { type: 'scatter', x, y: spread.q10, mode: 'lines', line: { width: 0 }, fill: 'tonexty', fillcolor: `${colour}33`, name: `class ${profile.classId}: 10–90 % of members` },
        { type: 'scatter', x, y: spread.mean, mode: 'lines', line: { color: colour, width: 2 }, name: `class ${profile.classId} mean (${spread.size} samples)`, error_y: { type: 'data', array: spread.sd, visible: true, color: `${colour}88`, thickness: 1, width: 2 } },
      );
    }
    traces.push({ type: 'scatter', x, y: profile.signature, mode: 'lines+markers', line: { color: c.text, width: 1.5, dash: 'dot' }, marker: { size: 6, color: c.text }, name: sampleId });
    return traces;
  }, [profile, spread, sampleId]);
  // A missing value (in quarantine) is a gap with a shaded band and a label, never a point at 0.
  const gaps = useMemo(() => (profile?.signature ? profile.compounds.map((c, k) => (profile.signature![k] === null ? k : -1)).filter((k) => k >= 0) : []), [profile]);
  const layout = useMemo(
    () => ({
      height: PLOT_HEIGHT,
      xaxis: { tickangle: TICK_ANGLE },
      yaxis: { title: { text: DISPLAY_SIGNATURE_AXIS }, rangemode: 'tozero' as const },
      legend: { orientation: 'h' as const, y: LEGEND_Y },
      shapes: gaps.map((k) => ({ type: 'rect' as const, xref: 'x' as const, yref: 'paper' as const, x0: k - 0.4, x1: k + 0.4, y0: 0, y1: 1, fillcolor: 'rgba(200, 120, 0, 0.18)', line: { width: 0 } })),
      annotations: gaps.map((k) => ({ x: k, y: 0.97, xref: 'x' as const, yref: 'paper' as const, text: 'missing', showarrow: false, yanchor: 'top' as const, font: { size: 11 } })),
    }),
    [gaps],
  );
  // The margins its compounds' labels need, so that plotly lays the plot out once (plot-margins.ts). The sample's
  // signature alone (no class to compare with) is one trace: plotly shows no legend, and nothing pushes the top.
  const compounds = profile?.compounds;
  const withClass = spread !== null;
  const margins = useCallback(
    (frame: PlotFrame) => rotatedCategoryMargins({ ...frame, labels: compounds ?? [], height: PLOT_HEIGHT, tickAngle: TICK_ANGLE, legendY: withClass ? LEGEND_Y : undefined }),
    [compounds, withClass],
  );

  if (profile === undefined) return <p className="hint">Reading {sampleId}…</p>;
  if (profile === null)
    return (
      <div className="view-body">
        <p className="error" role="alert">
          There is no sample “{sampleId}” in this workspace (it may belong to a superseded batch).{' '}
          <button className="link" onClick={() => go('samples')}>
            Back to the samples
          </button>
        </p>
      </div>
    );

  const selected = selection.ids.has(sampleId);
  const facts = Object.entries(profile.facts).filter(([k]) => !HIDDEN_FACTS.has(k) && rule.visible(k));
  return (
    <div className="view-body sample-page" data-testid="sample-page">
      <header className="page-head">
        <button className="link" onClick={back}>
          ← Back
        </button>
        <h2>Sample {sampleId}</h2>
        {profile.classId !== null && (
          <button className="class-chip big" onClick={() => go({ view: 'classes', classId: profile.classId! })} title="Open the class card">
            <span className="swatch" style={{ background: classColor(profile.classId, !!classRecord) }} />
            {classRecord ? `Class ${profile.classId} (${classRecord.size} samples)` : `Class ${profile.classId}: linked to no other sample`}
          </button>
        )}
        {runState && (
          <span className="badge not-in-run" data-testid="sample-run-state">
            {runState}
          </span>
        )}
        <button onClick={() => store.select([sampleId], 'sample page', selected ? 'toggle' : 'add')} aria-pressed={selected} data-testid="sample-select">
          {selected ? 'Selected ✓' : 'Add to selection'}
        </button>
        {typeof caseId === 'string' && rule.visible('case_id') && (
          <button onClick={() => reports.report({ kind: 'case', caseId })} data-testid="sample-case-report">
            Report on case {caseId}…
          </button>
        )}
      </header>
      {runState && run && <StaleNotice which="classes" />}
      <div className="sample-grid">
        <section className="panel" aria-label="Facts">
          <dl className="facts">
            {facts.map(([k, v]) => (
              <div key={k} className="fact">
                <dt>{k}</dt>
                <dd>{v === null ? '—' : visibleText(displayText(v))}</dd>
              </div>
            ))}
            {profile.missing.length > 0 && (
              <div className="fact missing-values" data-testid="sample-missing">
                <dt>missing values</dt>
                <dd>
                  {profile.missing.map((m, i) => (
                    <div key={i}>
                      {m.compound ?? 'the whole results row'}: in quarantine ({m.batchId} line {m.line}: {m.reason}
                      {m.value ? ` “${m.value}”` : ''})
                    </div>
                  ))}
                  <div className="hint">Left out of the signatures (calibration, classes, PCA) until imported: a missing value is not “not detected”. The plot shows its shares of the compounds measured.</div>
                </dd>
              </div>
            )}
            {profile.facts.route !== undefined && (
              <div className="fact">
                <dt>route</dt>
                <dd>{profile.facts.route === null ? 'not attributed' : String(profile.facts.route)}</dd>
              </div>
            )}
          </dl>
        </section>
        <section className="panel plot-panel" aria-label="Signature against its class">
          <h3>Signature {spread ? `against class ${profile.classId}` : ''}</h3>
          {!profile.signature ? (
            <p className="hint">This sample has no results yet: import its peak areas to see its signature.</p>
          ) : (
            <>
              {!spread && <p className="hint">{profile.classId === null ? (runState ?? 'This sample is in no class.') : 'This sample is linked to no other: there is no class mean to compare with.'}</p>}
              <Plot data={data} layout={layout} margins={margins} label={`Signature of ${sampleId} against its class mean and spread`} saveTitle={`Sample ${sampleId} signature against its class`} testId="sample-signature-plot" />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
