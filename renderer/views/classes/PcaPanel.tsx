/**
 * PCA of the N^1/4 signatures, computed by the engine worker: scores (Canvas 2D, selectable, coloured by
 * class, route or region) beside the loadings of the two components shown (which compounds drive them).
 */
import { useEffect, useMemo, useState } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { PcaView } from '../../../shared/analysis/pca-view';
import { Plot } from '../../components/Plot';
import { PointsCanvas } from '../../components/PointsCanvas';
import { CLASS_PALETTE, classColor, themeColors, UNCLASSIFIED } from '../../components/theme-colors';
import { displayMatrix } from '../../data/signature-matrix';
import { useAnalysis } from '../../state/analysis';
import { useNavigation } from '../../state/navigation';
import { useSelection, useSelectionStore } from '../../state/selection';
import type { OpenWorkspace } from '../../state/workbench';

type ColourBy = 'class' | 'route' | 'region';

export function PcaPanel({ session }: { session: OpenWorkspace }) {
  const analysis = useAnalysis();
  const selection = useSelection();
  const store = useSelectionStore();
  const { go } = useNavigation();
  const [pca, setPca] = useState<PcaView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [colourBy, setColourBy] = useState<ColourBy>('class');
  const [axes, setAxes] = useState<[number, number]>([0, 1]);
  const [groups, setGroups] = useState<{ route: Map<string, string>; region: Map<string, string> }>({ route: new Map(), region: new Map() });

  useEffect(() => {
    if (!analysis.tablesVersion) return;
    let live = true;
    const controller = new AbortController();
    (async () => {
      const m = await displayMatrix(session.db);
      if (m.sampleIds.length < 2 || m.compounds.length === 0) throw new Error('PCA needs at least two samples with results');
      const r = await analysis.engine.run(
        { kind: 'pca', matrix: { sampleIds: m.sampleIds, compounds: m.compounds, values: m.values, detected: null }, pretreatment: 'none', nComponents: Math.min(4, m.compounds.length) },
        { signal: controller.signal },
      );
      const t = await session.db.query('SELECT s.sample_id, s.region, r.route FROM samples s LEFT JOIN ui_routes r USING (sample_id)');
      const ids = t.getChild('sample_id')!.toArray() as string[];
      const region = new Map<string, string>();
      const route = new Map<string, string>();
      ids.forEach((id, i) => {
        const g = t.getChild('region')!.get(i);
        const ro = t.getChild('route')!.get(i);
        if (g) region.set(id, String(g));
        if (ro) route.set(id, String(ro));
      });
      if (!live) return;
      setPca(r.pca);
      setGroups({ route, region });
    })().catch((e: Error) => live && e.name !== 'AbortError' && setError(e.message));
    return () => {
      live = false;
      controller.abort();
    };
  }, [session.db, analysis.tablesVersion, analysis.engine]);

  const classOf = useMemo(() => {
    const m = new Map<string, number>();
    const run = analysis.classRun;
    if (run) run.data.sampleIds.forEach((id, i) => m.set(id, run.data.classIds[i]));
    return m;
  }, [analysis.classRun]);
  const linked = useMemo(() => new Set((analysis.classRun?.record.classes ?? []).map((c) => c.class_id)), [analysis.classRun]);

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
    const palette = (values: Map<string, string>) => {
      const names = [...new Set(values.values())].sort();
      return (id: string) => {
        const v = values.get(id);
        return v === undefined ? UNCLASSIFIED : CLASS_PALETTE[names.indexOf(v) % CLASS_PALETTE.length];
      };
    };
    const colourOf =
      colourBy === 'class' ? (id: string) => classColor(classOf.get(id), linked.has(classOf.get(id) ?? -1)) : colourBy === 'route' ? palette(groups.route) : palette(groups.region);
    return { ids: pca.sampleIds, x, y, colors: pca.sampleIds.map(colourOf) };
  }, [pca, axes, colourBy, classOf, linked, groups]);

  const loadings = useMemo<{ data: Data[]; layout: Partial<Layout> } | null>(() => {
    if (!pca) return null;
    const p = pca.compounds.length;
    const c = themeColors();
    const bar = (comp: number, colour: string): Data => ({
      type: 'bar',
      x: pca.compounds,
      y: Array.from(pca.loadings.subarray(comp * p, comp * p + p)),
      name: `PC${comp + 1} (${(pca.explainedVarianceRatio[comp] * 100).toFixed(1)} %)`,
      marker: { color: colour },
    });
    return { data: [bar(axes[0], c.accent), bar(axes[1], c.selection)], layout: { height: 320, barmode: 'group', xaxis: { tickangle: -45 }, yaxis: { title: { text: 'loading' } }, legend: { orientation: 'h', y: 1.15 } } };
  }, [pca, axes]);

  const axisTitles = useMemo(
    () => (pca ? { x: `PC${axes[0] + 1} (${(pca.explainedVarianceRatio[axes[0]] * 100).toFixed(1)} %)`, y: `PC${axes[1] + 1} (${(pca.explainedVarianceRatio[axes[1]] * 100).toFixed(1)} %)` } : undefined),
    [pca, axes],
  );

  if (error) return <p className="hint">PCA unavailable: {error}.</p>;
  if (!pca || !points || !loadings) return <p className="hint">Computing the PCA in the engine…</p>;
  const pc = (k: number) => `PC${k + 1} (${(pca.explainedVarianceRatio[k] * 100).toFixed(1)} %)`;
  const describe = (i: number) => {
    const id = pca.sampleIds[i];
    const c = classOf.get(id);
    return `${id} · ${c === undefined ? 'no class' : `class ${c}`}${groups.route.get(id) ? ` · ${groups.route.get(id)}` : ''}${groups.region.get(id) ? ` · ${groups.region.get(id)}` : ''}`;
  };
  return (
    <div className="two-col pca">
      <section className="panel pca-scores" aria-label="PCA scores">
        <header className="toolbar">
          <h3>PCA scores (N^1/4)</h3>
          <label>
            Colour by
            <select value={colourBy} onChange={(e) => setColourBy(e.target.value as ColourBy)} data-testid="pca-colour">
              <option value="class">class</option>
              <option value="route" disabled={groups.route.size === 0}>
                route{groups.route.size === 0 ? ' (none)' : ''}
              </option>
              <option value="region">region</option>
            </select>
          </label>
          <label>
            Axes
            <select value={axes.join(',')} onChange={(e) => setAxes(e.target.value.split(',').map(Number) as [number, number])}>
              {pca.nComponents >= 2 && <option value="0,1">PC1 × PC2</option>}
              {pca.nComponents >= 3 && <option value="0,2">PC1 × PC3</option>}
              {pca.nComponents >= 3 && <option value="1,2">PC2 × PC3</option>}
            </select>
          </label>
        </header>
        <p className="hint axis-note">
          x: {pc(axes[0])} · y: {pc(axes[1])}
        </p>
        <PointsCanvas
          points={points}
          selected={selection.ids}
          onSelect={(ids, mode) => (ids.length || mode === 'replace' ? store.select(ids, 'PCA', mode) : undefined)}
          onOpen={(id) => go({ view: 'samples', sampleId: id })}
          describe={describe}
          axes={axisTitles}
          label={`PCA scores of ${pca.sampleIds.length} samples coloured by ${colourBy}`}
          testId="pca-canvas"
        />
      </section>
      <section className="panel" aria-label="PCA loadings">
        <h3>Loadings</h3>
        <Plot data={loadings.data} layout={loadings.layout} label="Loadings of the compounds on the components shown" testId="pca-loadings" />
      </section>
    </div>
  );
}
