/**
 * A map of Canada with every sample's seizure coloured by its chemical class. Samples seized at one place
 * are laid out in a small spiral around it, so that a city's classes show side by side. Where the place
 * is unknown, or investigator mode hides coordinates, the sample sits at its province's centre.
 * Shapes ship with the app (canada-shapes.ts): no tile server, no network.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FigureContext } from '../../components/figure/svg-context';
import { PointsCanvas, type PointSet } from '../../components/PointsCanvas';
import { classColor, themeColors } from '../../components/theme-colors';
import { samplePoints, type SamplePoints } from '../../data/sample-points';
import { useAnalysis } from '../../state/analysis';
import { useFilters } from '../../state/filters';
import { useNavigation } from '../../state/navigation';
import { useColumnRule } from '../../state/redaction';
import { useSelection, useSelectionStore } from '../../state/selection';
import type { OpenWorkspace } from '../../state/workbench';
import { ClassLegend } from '../shared/ClassLegend';
import { FilterSummary } from '../shared/FilterSummary';
import { canadaBounds, project, provinceOf, provinces } from './canada-shapes';

const NONE: ReadonlySet<string> = new Set();
/** Spacing of the spiral around a place, in km of the projection. */
const STEP = 9;

export function MapView({ session }: { session: OpenWorkspace }) {
  const analysis = useAnalysis();
  const rule = useColumnRule(session);
  const { filters } = useFilters();
  const selection = useSelection();
  const store = useSelectionStore();
  const { go } = useNavigation();
  const [data, setData] = useState<SamplePoints | null>(null);
  const [error, setError] = useState<string | null>(null);
  const selectedForFilter = filters.selectedOnly ? selection.ids : NONE;
  const precise = rule.visible('lat') && rule.visible('lon');
  const showCity = rule.visible('city');

  useEffect(() => {
    if (!analysis.tablesVersion) return;
    let live = true;
    samplePoints(session.db, filters, selectedForFilter, analysis.tablesVersion).then(
      (d) => live && setData(d),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [session.db, filters, selectedForFilter, analysis.tablesVersion]);

  const linked = useMemo(() => new Set((analysis.classRun?.record.classes ?? []).map((c) => c.class_id)), [analysis.classRun]);

  const { points, unplaced, rows } = useMemo(() => {
    const empty = { points: { ids: [], x: new Float64Array(0), y: new Float64Array(0), colors: [] } as PointSet, unplaced: 0, rows: [] as number[] };
    if (!data) return empty;
    const n = data.ids.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const keep: number[] = [];
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const at: [number, number] | null =
        precise && data.lat[i] !== null && data.lon[i] !== null ? project(data.lon[i]!, data.lat[i]!) : (provinceOf(data.region[i])?.centre ?? null);
      if (!at) continue;
      const key = `${at[0].toFixed(1)},${at[1].toFixed(1)}`;
      const k = counts.get(key) ?? 0;
      counts.set(key, k + 1);
      // Golden-angle spiral: the k-th sample of a place at radius ∝ √k, so a place's disc grows with its count.
      const r = STEP * Math.sqrt(k);
      const a = k * 2.399963;
      x[keep.length] = at[0] + r * Math.cos(a);
      y[keep.length] = at[1] + r * Math.sin(a);
      keep.push(i);
    }
    return {
      points: {
        ids: keep.map((i) => data.ids[i]),
        x: x.slice(0, keep.length),
        y: y.slice(0, keep.length),
        colors: keep.map((i) => classColor(data.classId[i], data.classId[i] !== null && linked.has(data.classId[i]!))),
      },
      unplaced: n - keep.length,
      rows: keep,
    };
  }, [data, precise, linked]);

  const describe = useCallback(
    (k: number) => {
      const i = rows[k] ?? -1;
      if (!data || i < 0) return points.ids[k];
      const cls = data.classId[i] === null ? 'no class' : `class ${data.classId[i]}`;
      const where = showCity && data.city[i] ? `${data.city[i]}, ${data.region[i] ?? ''}` : (data.region[i] ?? 'unknown place');
      return `${data.ids[i]} · ${cls} · ${where} · ${data.seizedOn[i] ?? 'no date'}`;
    },
    [data, rows, points, showCity],
  );

  const background = useCallback((ctx: FigureContext, pixel: number) => {
    const c = themeColors();
    ctx.lineWidth = pixel;
    ctx.lineJoin = 'round';
    for (const p of provinces()) {
      ctx.beginPath();
      for (const ring of p.rings) {
        ctx.moveTo(ring[0], ring[1]);
        for (let k = 2; k < ring.length; k += 2) ctx.lineTo(ring[k], ring[k + 1]);
        ctx.closePath();
      }
      ctx.fillStyle = c.land;
      ctx.fill('evenodd');
      ctx.strokeStyle = c.muted;
      ctx.globalAlpha = 0.45;
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
  }, []);

  if (error) return <p className="error" role="alert">The map could not be drawn: {error}. Reopen the workspace; if it persists, check the SQL console.</p>;
  return (
    <div className="view-body map-view" data-testid="map-view">
      <header className="toolbar">
        <h2>Map</h2>
        <FilterSummary />
        <span className="hint" data-testid="map-count">
          {points.ids.length.toLocaleString('en-CA')} samples on the map{unplaced ? `, ${unplaced.toLocaleString('en-CA')} without a place` : ''}
          {!precise && ' · placed at their province (coordinates hidden)'}
        </span>
      </header>
      <ClassLegend classRun={analysis.classRun} onPick={(ids) => store.select(ids, 'Map legend')} />
      {data && data.ids.length === 0 ? (
        <p className="empty-note">No samples match the filters. Clear them in Samples, or import sample metadata with places (city, latitude, longitude, province).</p>
      ) : (
        <PointsCanvas
          points={points}
          selected={selection.ids}
          onSelect={(ids, mode) => (ids.length || mode === 'replace' ? store.select(ids, 'Map', mode) : undefined)}
          onOpen={(id) => go({ view: 'samples', sampleId: id })}
          describe={describe}
          background={background}
          bounds={canadaBounds()}
          label="Map of Canada: samples coloured by chemical class"
          testId="map-canvas"
        />
      )}
    </div>
  );
}
