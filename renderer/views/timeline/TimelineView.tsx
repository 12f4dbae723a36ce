/**
 * A timeline of seizures per chemical class: one lane per class, a mark per week or month sized by the
 * number of seizures, a line from first to last seen. Marks holding selected samples are ringed; a click
 * selects the samples of a mark.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Data, Layout, PlotMouseEvent } from 'plotly.js-dist-min';
import { Plot } from '../../components/Plot';
import { classColor, themeColors, UNCLASSIFIED } from '../../components/theme-colors';
import { samplePoints, type SamplePoints } from '../../data/sample-points';
import { StaleNotice } from '../../components/StaleNotice';
import { useAnalysis } from '../../state/analysis';
import { useFilters } from '../../state/filters';
import { modeOf, useSelection, useSelectionStore } from '../../state/selection';
import type { OpenWorkspace } from '../../state/workbench';
import { ClassLegend } from '../shared/ClassLegend';
import { FilterSummary } from '../shared/FilterSummary';
import { buildLanes, type Period } from './timeline-lanes';

const NONE: ReadonlySet<string> = new Set();

export function TimelineView({ session }: { session: OpenWorkspace }) {
  const analysis = useAnalysis();
  const { filters } = useFilters();
  const selection = useSelection();
  const store = useSelectionStore();
  const [data, setData] = useState<SamplePoints | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [period, setPeriod] = useState<Period>('month');
  const selectedForFilter = filters.selectedOnly ? selection.ids : NONE;

  useEffect(() => {
    if (!analysis.tablesVersion) return;
    let live = true;
    samplePoints(session.db, filters, selectedForFilter, analysis.tablesVersion).then((d) => live && setData(d), (e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [session.db, filters, selectedForFilter, analysis.tablesVersion]);

  const linked = useMemo(() => new Set((analysis.classRun?.record.classes ?? []).map((c) => c.class_id)), [analysis.classRun]);
  const lanes = useMemo(() => (data ? buildLanes(data, linked, selection.ids, period) : []), [data, linked, selection.ids, period]);

  const { traces, layout, marks } = useMemo(() => {
    const c = themeColors();
    const marks: string[][] = [];
    const labels = lanes.map((l) => l.label);
    // Few traces, not two per lane: plotly's cost grows with the traces far more than with their points (at 10,000
    // samples two traces per class made the first draw block the UI for over 100 ms). Lines go in one trace per
    // colour, broken by nulls; marks in one trace with a colour, size and ring per point.
    const lines = new Map<string, { x: (string | null)[]; y: (string | null)[] }>();
    const m = { x: [] as string[], y: [] as string[], text: [] as string[], color: [] as string[], size: [] as number[], opacity: [] as number[], ring: [] as string[] };
    for (const lane of lanes) {
      const colour = lane.classId !== null ? classColor(lane.classId) : UNCLASSIFIED;
      if (lane.first && lane.last) {
        const line = lines.get(colour) ?? lines.set(colour, { x: [], y: [] }).get(colour)!;
        line.x.push(lane.first, lane.last, null);
        line.y.push(lane.label, lane.label, null);
      }
      for (const b of lane.bins) {
        marks.push(b.samples);
        m.x.push(b.period);
        m.y.push(lane.label);
        m.text.push(`${lane.label}: ${b.seizures} seizure${b.seizures === 1 ? '' : 's'}, ${b.samples.length} samples${b.selected ? `, ${b.selected} selected` : ''}`);
        m.color.push(colour);
        m.size.push(6 + 3.2 * Math.sqrt(b.seizures));
        m.opacity.push(selection.ids.size ? (b.selected ? 1 : 0.35) : 0.85);
        m.ring.push(b.selected ? c.selection : 'rgba(0,0,0,0)');
      }
    }
    const traces: Data[] = [...lines].map(([colour, line]) => ({ type: 'scatter', mode: 'lines', x: line.x, y: line.y, line: { color: colour, width: 1.5 }, hoverinfo: 'skip', showlegend: false }));
    traces.push({
      type: 'scatter',
      mode: 'markers',
      x: m.x,
      y: m.y,
      customdata: m.x.map((_, k) => k),
      text: m.text,
      hovertemplate: '%{text}<br>%{x|%Y-%m-%d}<extra></extra>',
      marker: { color: m.color, size: m.size, opacity: m.opacity, line: { color: m.ring, width: 2.5 } },
      showlegend: false,
    });
    const layout: Partial<Layout> = {
      height: Math.max(260, 60 + 32 * lanes.length),
      // b: what plotly's automargin gives the date axis (one line of tick labels and the title under the 1 px axis
      // line, 12 px text); from 40 it grew it and drew the whole plot a second time in the same task.
      margin: { l: 140, r: 20, t: 10, b: 42.4 },
      xaxis: { type: 'date', title: { text: 'Seizure date' } },
      yaxis: { type: 'category', categoryorder: 'array', categoryarray: [...labels].reverse(), automargin: true },
      hovermode: 'closest',
      dragmode: 'pan',
    };
    return { traces, layout, marks };
  }, [lanes, selection.ids]);

  const onClick = (e: PlotMouseEvent) => {
    const k = Number(e.points[0]?.customdata);
    if (Number.isInteger(k) && marks[k]) store.select(marks[k], 'Timeline', modeOf(e.event as MouseEvent));
  };

  if (error) return <p className="error" role="alert">The timeline could not be drawn: {error}.</p>;
  const dated = data ? data.seizedOn.filter(Boolean).length : 0;
  return (
    <div className="view-body timeline-view" data-testid="timeline-view">
      <header className="toolbar">
        <h2>Timeline</h2>
        <FilterSummary />
        <label>
          Per
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)} aria-label="Period">
            <option value="week">week</option>
            <option value="month">month</option>
          </select>
        </label>
        {data && (
          <span className="hint" data-testid="timeline-count">
            {dated.toLocaleString('en-CA')} dated samples{data.ids.length > dated ? `, ${(data.ids.length - dated).toLocaleString('en-CA')} without a seizure date` : ''}
          </span>
        )}
      </header>
      <StaleNotice which="classes" compact />
      <ClassLegend onPick={(ids) => store.select(ids, 'Timeline legend')} />
      {data && dated === 0 ? (
        <p className="empty-note">No dated seizures match the filters. Import sample metadata with seizure dates, or clear the filters in Samples.</p>
      ) : (
        <Plot data={traces} layout={layout} onClick={onClick} label="Seizures per chemical class over time" saveTitle="Seizures per chemical class over time" testId="timeline-plot" />
      )}
    </div>
  );
}
