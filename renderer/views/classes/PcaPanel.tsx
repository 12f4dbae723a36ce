/**
 * PCA of the signatures in the space of the latest class run, by the same function the reports call
 * (shared/analysis/workspace-pca.ts, computed in the engine worker): the scores (selectable, coloured by class,
 * route or region, classes named at their centre) with the Hotelling T² 95 % ellipse and, as a biplot, the
 * loadings as arrows; beside them the scree plot (explained variance per component) and the loadings as bars.
 */
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';
import { PRETREATMENT_LABELS } from '../../../shared/analysis/labels';
import { pcaScoreText, type PcaView } from '../../../shared/analysis/pca-view';
import { t2Values } from '../../../shared/profiling/hotelling';
import { workspacePca } from '../../../shared/analysis/workspace-pca';
import type { LegendItem } from '../../components/figure/figure-file';
import type { FigureContext } from '../../components/figure/svg-context';
import { Plot } from '../../components/Plot';
import { PointsCanvas } from '../../components/PointsCanvas';
import type { ToScreen } from '../../components/points-drawing';
import { CLASS_PALETTE, classColor, themeColors, UNCLASSIFIED } from '../../components/theme-colors';
import { useAnalysis } from '../../state/analysis';
import { useNavigation } from '../../state/navigation';
import { usePreferences } from '../../state/preferences';
import { useSelection, useSelectionStore } from '../../state/selection';
import type { OpenWorkspace } from '../../state/workbench';
import { ClassLegend } from '../shared/ClassLegend';
import { classAnnotations, drawPcaOverlay, ellipseOf, loadingAnnotations, loadingArrows } from './pca-marks';

type ColourBy = 'class' | 'route' | 'region';
const pcText = (view: PcaView, c: number) => `PC${c + 1} (${(view.explainedVarianceRatio[c] * 100).toFixed(1)} %)`;

export const PcaPanel = memo(function PcaPanel({ session }: { session: OpenWorkspace }) {
  const analysis = useAnalysis();
  const selection = useSelection();
  const store = useSelectionStore();
  const { go } = useNavigation();
  const { resolved } = usePreferences();
  const [pca, setPca] = useState<PcaView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [colourBy, setColourBy] = useState<ColourBy>('class');
  const [axes, setAxes] = useState<[number, number]>([0, 1]);
  const [biplot, setBiplot] = useState(false);
  const [showEllipse, setShowEllipse] = useState(true);
  const [routes, setRoutes] = useState<Map<string, string>>(new Map());
  const [regions, setRegions] = useState<Map<string, string>>(new Map());
  const run = analysis.classRun?.record ?? null;

  useEffect(() => {
    if (!analysis.tablesVersion) return;
    let live = true;
    const controller = new AbortController();
    (async () => {
      const r = await workspacePca(session.ws, session.db, { run, engine: analysis.engine, signal: controller.signal });
      const t = await session.db.query('SELECT sample_id, route FROM sample_routes WHERE route IS NOT NULL');
      const ids = t.getChild('sample_id')!.toArray() as string[];
      const rs = t.getChild('route')!.toArray() as string[];
      if (!live) return;
      const region = new Map<string, string>();
      r.view.sampleIds.forEach((id, i) => r.facts.region[i] !== null && region.set(id, r.facts.region[i]!));
      setPca(r.view);
      setRegions(region);
      setRoutes(new Map(ids.map((id, i) => [id, rs[i]])));
      setError(null);
    })().catch((e: Error) => live && e.name !== 'AbortError' && setError(e.message));
    return () => {
      live = false;
      controller.abort();
    };
  }, [session.ws, session.db, analysis.tablesVersion, analysis.engine, run]);

  const classOf = useMemo(() => {
    const m = new Map<string, number>();
    const r = analysis.classRun;
    if (r) r.data.sampleIds.forEach((id, i) => m.set(id, r.data.classIds[i]));
    return m;
  }, [analysis.classRun]);
  const linked = useMemo(() => new Set((run?.classes ?? []).map((c) => c.class_id)), [run]);
  // Samples in the PCA that the class run never saw (imported after it): said, not silently grey.
  const outside = useMemo(() => (pca ? pca.sampleIds.reduce((k, id) => k + (classOf.has(id) ? 0 : 1), 0) : 0), [pca, classOf]);

  const categories = useMemo(() => {
    const values = colourBy === 'route' ? routes : regions;
    const names = [...new Set(values.values())].sort();
    return { values, names, colour: (v: string | undefined) => (v === undefined ? UNCLASSIFIED : CLASS_PALETTE[names.indexOf(v) % CLASS_PALETTE.length]) };
  }, [colourBy, routes, regions]);

  const points = useMemo(() => {
    if (!pca) return null;
    const k = pca.nComponents;
    const n = pca.sampleIds.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = pca.scores[i * k + axes[0]];
      y[i] = pca.scores[i * k + axes[1]];
    }
    const colourOf = colourBy === 'class' ? (id: string) => classColor(classOf.get(id), linked.has(classOf.get(id) ?? -1)) : (id: string) => categories.colour(categories.values.get(id));
    return { ids: pca.sampleIds, x, y, colors: pca.sampleIds.map(colourOf) };
  }, [pca, axes, colourBy, classOf, linked, categories]);

  const ellipse = useMemo(() => (pca && showEllipse ? ellipseOf(pca, axes[0], axes[1]) : null), [pca, axes, showEllipse]);
  const t2 = useMemo(() => (pca && ellipse ? t2Values(pca.scores, pca.nComponents, axes[0], axes[1], pca.explainedVariance[axes[0]], pca.explainedVariance[axes[1]]) : null), [pca, ellipse, axes]);
  const arrows = useMemo(() => (pca && biplot ? loadingArrows(pca, axes[0], axes[1]) : null), [pca, biplot, axes]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the theme changes the colours the overlay reads
  const overlay = useCallback((ctx: FigureContext, at: ToScreen) => drawPcaOverlay(ctx, at, themeColors(), ellipse, arrows), [ellipse, arrows, resolved]);
  const annotations = useMemo(
    () => [...(pca && colourBy === 'class' ? classAnnotations(pca, axes[0], axes[1], classOf, linked) : []), ...(arrows ? loadingAnnotations(arrows) : [])],
    [pca, axes, colourBy, classOf, linked, arrows],
  );
  const bounds = useMemo<[number, number, number, number] | undefined>(() => {
    if (!points || !ellipse) return undefined;
    let b: [number, number, number, number] = [-ellipse.rx, -ellipse.ry, ellipse.rx, ellipse.ry];
    for (let i = 0; i < points.ids.length; i++) b = [Math.min(b[0], points.x[i]), Math.min(b[1], points.y[i]), Math.max(b[2], points.x[i]), Math.max(b[3], points.y[i])];
    return b;
  }, [points, ellipse]);

  const scree = useMemo<{ data: Data[]; layout: Partial<Layout> } | null>(() => {
    if (!pca) return null;
    const c = themeColors();
    const names = Array.from({ length: pca.nComponents }, (_, k) => `PC${k + 1}`);
    const ratio = Array.from(pca.explainedVarianceRatio, (r) => r * 100);
    let sum = 0;
    const cumulative = ratio.map((r) => (sum += r));
    return {
      data: [
        { type: 'bar', x: names, y: ratio, name: 'explained variance (%)', marker: { color: c.accent }, hovertemplate: '%{x}: %{y:.1f} %<extra></extra>' },
        { type: 'scatter', mode: 'lines+markers', x: names, y: cumulative, name: 'cumulative (%)', line: { color: c.text, width: 1.5 }, hovertemplate: 'up to %{x}: %{y:.1f} %<extra></extra>' },
      ],
      layout: { height: 230, yaxis: { title: { text: '% of the total variance' }, range: [0, 100] }, legend: { orientation: 'h', y: 1.2 }, margin: { l: 56, r: 16, t: 36, b: 36 } },
    };
  }, [pca]);

  const loadings = useMemo<{ data: Data[]; layout: Partial<Layout> } | null>(() => {
    if (!pca) return null;
    const p = pca.compounds.length;
    const c = themeColors();
    const bar = (comp: number, colour: string): Data => ({ type: 'bar', x: pca.compounds, y: Array.from(pca.loadings.subarray(comp * p, comp * p + p)), name: pcText(pca, comp), marker: { color: colour } });
    return { data: [bar(axes[0], c.accent), bar(axes[1], c.selection)], layout: { height: 300, barmode: 'group', xaxis: { tickangle: -45 }, yaxis: { title: { text: 'loading' } }, legend: { orientation: 'h', y: 1.15 } } };
  }, [pca, axes]);

  const axisTitles = useMemo(() => (pca ? { x: pcText(pca, axes[0]), y: pcText(pca, axes[1]) } : undefined), [pca, axes]);

  const legend = useMemo<LegendItem[]>(() => {
    const items: LegendItem[] =
      colourBy === 'class'
        ? [...(run?.classes ?? [])].sort((a, b) => b.size - a.size).slice(0, CLASS_PALETTE.length).map((c) => ({ label: `class ${c.class_id} (${c.size})`, color: classColor(c.class_id) }))
        : categories.names.map((n) => ({ label: n, color: categories.colour(n) }));
    items.push({ label: colourBy === 'class' ? 'linked to no other sample' : `no ${colourBy}`, color: UNCLASSIFIED });
    if (ellipse) items.push({ label: `Hotelling T² ${Math.round(ellipse.level * 100)} % ellipse`, color: themeColors().muted, mark: 'dash' });
    if (arrows) items.push({ label: 'loadings (biplot)', color: themeColors().text, mark: 'line' });
    return items;
  }, [colourBy, run, categories, ellipse, arrows]);

  if (error) return <p className="hint">PCA unavailable: {error}.</p>;
  if (!pca || !points || !loadings || !scree) return <p className="hint">Computing the PCA in the engine…</p>;
  const describe = (i: number) => {
    const id = pca.sampleIds[i];
    const c = classOf.get(id);
    const t2Text = t2 && ellipse ? ` · T² ${t2[i].toFixed(2)}${t2[i] > ellipse.limit ? ' (outside the ellipse)' : ''}` : '';
    return `${pcaScoreText(id, pca, i, axes[0], axes[1])}${t2Text} · ${c === undefined ? (run ? 'not in the class run' : analysis.classRunUnreadable ? 'class run unreadable' : 'no class run yet') : `class ${c}`}${routes.get(id) ? ` · ${routes.get(id)}` : ''}${regions.get(id) ? ` · ${regions.get(id)}` : ''}`;
  };
  const pairs: [number, number][] = [];
  for (let a = 0; a < Math.min(pca.nComponents, 4); a++) for (let b = a + 1; b < Math.min(pca.nComponents, 4); b++) pairs.push([a, b]);
  const space = `${PRETREATMENT_LABELS[pca.pretreatment]}${run ? `, class run ${run.id}` : ''}`;
  const title = `PCA scores (${space}) ${`PC${axes[0] + 1}`} × ${`PC${axes[1] + 1}`}${biplot ? ' biplot' : ''}`;
  return (
    <div className="two-col pca">
      <section className="panel pca-scores" aria-label="PCA scores">
        <header className="toolbar">
          <h3>PCA scores ({space})</h3>
          <label>
            Colour by
            <select value={colourBy} onChange={(e) => setColourBy(e.target.value as ColourBy)} data-testid="pca-colour">
              <option value="class">class</option>
              <option value="route" disabled={routes.size === 0}>
                route{routes.size === 0 ? ' (none)' : ''}
              </option>
              <option value="region">region</option>
            </select>
          </label>
          <label>
            Axes
            <select value={axes.join(',')} onChange={(e) => setAxes(e.target.value.split(',').map(Number) as [number, number])} data-testid="pca-axes">
              {pairs.map(([a, b]) => (
                <option key={`${a},${b}`} value={`${a},${b}`}>
                  PC{a + 1} × PC{b + 1}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" checked={showEllipse} onChange={(e) => setShowEllipse(e.target.checked)} data-testid="pca-ellipse" /> T² 95 % ellipse
          </label>
          <label>
            <input type="checkbox" checked={biplot} onChange={(e) => setBiplot(e.target.checked)} data-testid="pca-biplot" /> Biplot (loadings)
          </label>
        </header>
        <p className="hint axis-note" data-testid="pca-axis-note">
          x: {pcText(pca, axes[0])} · y: {pcText(pca, axes[1])} · {pca.sampleIds.length.toLocaleString('en-CA')} samples
          {ellipse && t2 ? ` · ${Array.from(t2).filter((v) => v > ellipse.limit).length} outside the T² ellipse (T² > ${ellipse.limit.toFixed(2)})` : ''}
          {outside > 0 && run && (
            <span data-testid="pca-not-in-run">
              {' '}
              · {outside.toLocaleString('en-CA')} sample{outside === 1 ? ' is' : 's are'} not in class run {run.id} (grey){analysis.freshness.classRun?.current === false ? ': the run is out of date' : ''}
            </span>
          )}
        </p>
        <PointsCanvas
          points={points}
          selected={selection.ids}
          onSelect={(ids, mode) => (ids.length || mode === 'replace' ? store.select(ids, 'PCA', mode) : undefined)}
          onOpen={(id) => go({ view: 'samples', sampleId: id })}
          describe={describe}
          axes={axisTitles}
          overlay={overlay}
          annotations={annotations}
          bounds={bounds}
          label={`PCA scores of ${pca.sampleIds.length} samples coloured by ${colourBy}`}
          testId="pca-canvas"
          figure={{ title, legend, note: `Classes named at the mean of their members' scores. ${axisTitles!.x} across, ${axisTitles!.y} up, one scale.` }}
        />
        {colourBy === 'class' ? (
          <ClassLegend onPick={(ids) => store.select(ids, 'PCA legend')} max={CLASS_PALETTE.length} />
        ) : (
          <div className="legend" aria-label={`Colours by ${colourBy}`} data-testid="pca-legend">
            {legend.slice(0, -1 - (ellipse ? 1 : 0) - (arrows ? 1 : 0)).map((l) => (
              <span key={l.label}>
                <span className="swatch" style={{ background: l.color }} /> {l.label}
              </span>
            ))}
            <span>
              <span className="swatch" style={{ background: UNCLASSIFIED }} /> no {colourBy}
            </span>
          </div>
        )}
      </section>
      <div className="stack">
        <section className="panel" aria-label="Scree plot">
          <h3>Explained variance (scree)</h3>
          <Plot data={scree.data} layout={scree.layout} label="Explained variance per principal component and cumulated" saveTitle={`PCA explained variance (${space})`} testId="pca-scree" />
        </section>
        <section className="panel" aria-label="PCA loadings">
          <h3>Loadings</h3>
          <Plot data={loadings.data} layout={loadings.layout} label="Loadings of the compounds on the components shown" saveTitle={`PCA loadings PC${axes[0] + 1} and PC${axes[1] + 1} (${space})`} testId="pca-loadings" />
        </section>
      </div>
    </div>
  );
});
