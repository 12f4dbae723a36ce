/**
 * Cases linked through shared chemical classes: cases (circles, sized by their samples) meet at the hub of
 * each class they share (squares). A click selects a case's or a class's samples in every view; cases
 * holding selected samples are ringed. Cases that share no class with another are counted, not drawn.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FigureContext } from '../../components/figure/svg-context';
import { PointsCanvas, type PointSet } from '../../components/PointsCanvas';
import { classColor, themeColors, UNCLASSIFIED } from '../../components/theme-colors';
import { samplePoints, type SamplePoints } from '../../data/sample-points';
import { StaleNotice } from '../../components/StaleNotice';
import { useAnalysis } from '../../state/analysis';
import { useFilters } from '../../state/filters';
import { useColumnRule } from '../../state/redaction';
import { useSelection, useSelectionStore } from '../../state/selection';
import type { OpenWorkspace } from '../../state/workbench';
import { FilterSummary } from '../shared/FilterSummary';
import { caseGraph, type CaseGraph } from './case-graph';
import type { LayoutProgress, LayoutRequest } from './layout.worker';

const NONE: ReadonlySet<string> = new Set();

export function NetworkView({ session }: { session: OpenWorkspace }) {
  const analysis = useAnalysis();
  const rule = useColumnRule(session);
  const { filters } = useFilters();
  const selection = useSelection();
  const store = useSelectionStore();
  const [data, setData] = useState<SamplePoints | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [layout, setLayout] = useState<{ x: Float64Array; y: Float64Array; progress: number } | null>(null);
  const selectedForFilter = filters.selectedOnly ? selection.ids : NONE;
  const casesHidden = !rule.visible('case_id');

  useEffect(() => {
    if (!analysis.tablesVersion || casesHidden) return;
    let live = true;
    samplePoints(session.db, filters, selectedForFilter, analysis.tablesVersion).then((d) => live && setData(d), (e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [session.db, filters, selectedForFilter, analysis.tablesVersion, casesHidden]);

  const linked = useMemo(() => new Set((analysis.classRun?.record.classes ?? []).map((c) => c.class_id)), [analysis.classRun]);
  const graph: CaseGraph | null = useMemo(() => (data ? caseGraph(data, linked) : null), [data, linked]);

  const radii = useMemo(() => (graph ? Float64Array.from(graph.samples, (s, i) => (graph.isClass[i] ? 6 : 3 + 1.6 * Math.sqrt(s.length))) : null), [graph]);

  useEffect(() => {
    if (!graph || !radii) return;
    const weight = Float64Array.from(graph.samples, (s, i) => (graph.isClass[i] ? 2 : 1 + Math.log1p(s.length) / 2));
    const radius = Float64Array.from(radii);
    // The layout runs in its own worker (layout.worker.ts); the view shows it as it settles.
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'network-layout' });
    worker.onmessage = (e: MessageEvent<LayoutProgress>) => setLayout(e.data);
    worker.onerror = (e) => setError(`the layout stopped: ${e.message}`);
    const request: LayoutRequest = { n: graph.nodes.length, edges: Int32Array.from(graph.edges), weight, radius };
    worker.postMessage(request, [request.edges.buffer, weight.buffer, radius.buffer]);
    return () => worker.terminate();
  }, [graph, radii]);

  const points: PointSet | null = useMemo(() => {
    if (!graph || !radii || !layout || layout.x.length !== graph.nodes.length) return null;
    return {
      ids: graph.nodes,
      x: layout.x,
      y: layout.y,
      colors: graph.classOf.map((k) => (k === null ? UNCLASSIFIED : classColor(k))),
      radii,
      squares: graph.isClass,
      labels: graph.labels,
      // Classes first, then the cases with most samples: the labels that win a crowded place.
      labelPriority: Float64Array.from(graph.samples, (s, i) => (graph.isClass[i] ? 1e6 : 0) + s.length),
    };
  }, [graph, radii, layout]);

  // The canvas highlights node ids; a node is selected when it holds a selected sample.
  const selectedNodes = useMemo(() => {
    const out = new Set<string>();
    if (!graph || selection.ids.size === 0) return out;
    graph.samples.forEach((s, i) => s.some((id) => selection.ids.has(id)) && out.add(graph.nodes[i]));
    return out;
  }, [graph, selection.ids]);

  const background = useCallback(
    (ctx: FigureContext, pixel: number) => {
      if (!graph || !points) return;
      ctx.strokeStyle = themeColors().muted;
      ctx.globalAlpha = 0.35;
      ctx.lineWidth = pixel;
      ctx.beginPath();
      for (let e = 0; e < graph.edges.length; e += 2) {
        ctx.moveTo(points.x[graph.edges[e]], points.y[graph.edges[e]]);
        ctx.lineTo(points.x[graph.edges[e + 1]], points.y[graph.edges[e + 1]]);
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
    },
    [graph, points],
  );

  const describe = useCallback(
    (i: number) => {
      if (!graph) return '';
      const n = graph.samples[i].length;
      if (graph.isClass[i]) return `${graph.labels[i]}: ${n} samples in ${graph.edges.filter((v, k) => k % 2 === 1 && v === i).length} cases`;
      return `Case ${graph.labels[i]}: ${n} sample${n === 1 ? '' : 's'}${graph.classOf[i] !== null ? `, mostly class ${graph.classOf[i]}` : ''}`;
    },
    [graph],
  );

  const onSelect = (nodes: string[], mode: Parameters<typeof store.select>[2]) => {
    if (!graph) return;
    const at = new Map(graph.nodes.map((id, i) => [id, i]));
    const ids = nodes.flatMap((id) => graph.samples[at.get(id) ?? -1] ?? []);
    if (ids.length || mode === 'replace') store.select(ids, 'Network', mode);
  };

  if (casesHidden) return <p className="empty-note" data-testid="network-view">Case numbers are hidden by the redaction profile “{rule.profile?.name}”, so cases cannot be linked here.</p>;
  if (error) return <p className="error" role="alert">The network could not be built: {error}.</p>;
  return (
    <div className="view-body network-view" data-testid="network-view">
      <header className="toolbar">
        <h2>Network of cases</h2>
        <FilterSummary />
        {graph && (
          <span className="hint" data-testid="network-count">
            {graph.linkedCases.toLocaleString('en-CA')} of {graph.cases.toLocaleString('en-CA')} cases share a chemical class with another case, through {(graph.nodes.length - graph.samples.filter((_, i) => !graph.isClass[i]).length).toLocaleString('en-CA')} classes
            {layout && layout.progress < 1 ? ` · laying out ${Math.round(layout.progress * 100)} %` : ''}
          </span>
        )}
      </header>
      <StaleNotice which="classes" compact />
      {!analysis.classRun ? (
        <p className="empty-note">
          {analysis.classRunUnreadable
            ? 'The latest class run cannot be read (the banner says why): cases are linked through chemical classes. Run the classes again in Classes.'
            : 'No class run yet: cases are linked through chemical classes. Run the classes in Classes first.'}
        </p>
      ) : graph && graph.nodes.length === 0 ? (
        <p className="empty-note">No two cases share a chemical class{filters ? ' among the samples the filters keep' : ''}.</p>
      ) : points ? (
        <>
          <div className="legend" aria-label="What the marks mean" data-testid="network-legend">
            <span>
              <span className="swatch round" style={{ background: UNCLASSIFIED }} /> a case (area: its samples; colour: its commonest class)
            </span>
            <span>
              <span className="swatch" style={{ background: classColor(1) }} /> a chemical class shared by two or more cases
            </span>
            <span>— a case holds samples of that class · names that would overlap are left to the tooltip: zoom in to read more</span>
          </div>
          <PointsCanvas
            points={points}
            selected={selectedNodes}
            onSelect={onSelect}
            describe={describe}
            background={background}
            label="Cases linked through shared chemical classes"
            testId="network-canvas"
            figure={{
              title: `Cases linked through shared chemical classes${analysis.classRun ? ` (class run ${analysis.classRun.record.id})` : ''}`,
              legend: [
                { label: 'case (area: samples; colour: commonest class)', color: UNCLASSIFIED },
                { label: 'chemical class shared by cases', color: classColor(1), mark: 'square' },
                { label: 'case holds samples of the class', color: themeColors().muted, mark: 'line' },
              ],
            }}
          />
        </>
      ) : (
        <p className="hint">Laying out the network…</p>
      )}
    </div>
  );
}
